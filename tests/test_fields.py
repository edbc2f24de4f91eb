"""Client keys and header normalisation."""

from __future__ import annotations

import pandas as pd
import pytest

from model import fields
from model.fields import client_key, currency_in_header, normalise_header
from model.ingest.clients import near_duplicates


@pytest.mark.parametrize(
    ("a", "b"),
    [("Acme", " ACME "), ("Ánh  Dương", "ánh dương"), ("Cafe\u0301", "Café")],
)
def test_client_key_ignores_case_spacing_and_unicode_form(a: str, b: str) -> None:
    assert client_key(a) == client_key(b)


def test_client_key_keeps_punctuation_so_near_duplicates_are_only_proposed() -> None:
    assert client_key("ACME, Inc.") != client_key("Acme Inc")
    names = ["ACME, Inc.", "Acme", "Beta SARL", "Beta", "Công ty TNHH Gamma", "Gamma"]
    table = pd.DataFrame({fields.KEY: [client_key(n) for n in names], fields.CLIENT: names})
    proposed = [p.params["keys"] for p in near_duplicates(table)]
    # One list of legal forms for every path (French and Vietnamese ones included).
    assert proposed == [
        ["acme, inc.", "acme"],
        ["beta sarl", "beta"],
        ["công ty tnhh gamma", "gamma"],
    ]


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
