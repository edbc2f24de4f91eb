"""Client keys and header normalisation."""

from __future__ import annotations

import pytest

from model.fields import client_key, currency_in_header, loose_key, normalise_header


@pytest.mark.parametrize(
    ("a", "b"),
    [("Acme", " ACME "), ("Ánh  Dương", "ánh dương"), ("Cafe\u0301", "Café")],
)
def test_client_key_ignores_case_spacing_and_unicode_form(a: str, b: str) -> None:
    assert client_key(a) == client_key(b)


def test_client_key_keeps_punctuation_so_near_duplicates_are_only_proposed() -> None:
    assert client_key("ACME, Inc.") != client_key("Acme Inc")
    assert loose_key("ACME, Inc.") == loose_key("Acme Inc") == loose_key("Acme")


@pytest.mark.parametrize(
    ("header", "normalised"),
    [
        ("Revenue (USD)", "revenue"),
        ("Tên khách hàng", "ten khach hang"),
        ("customerID", "customer id"),
        ("Công nợ (₫)", "cong no"),
        ("After-hours messages", "after hours messages"),
    ],
)
def test_normalise_header(header: str, normalised: str) -> None:
    assert normalise_header(header) == normalised


def test_currency_in_header() -> None:
    assert currency_in_header("Amount (EUR)") == "EUR"
    assert currency_in_header("Doanh thu (₫)") == "VND"
    assert currency_in_header("Amount ()") is None
