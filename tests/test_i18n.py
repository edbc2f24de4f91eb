"""Two complete catalogues, and numbers, money and dates in each locale."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from model import i18n

LOCALES = Path(__file__).resolve().parents[1] / "locales"


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"{(\w+)}", text))


def test_catalogues_have_the_same_keys_and_placeholders() -> None:
    en = json.loads((LOCALES / "en.json").read_text(encoding="utf-8"))
    vi = json.loads((LOCALES / "vi.json").read_text(encoding="utf-8"))
    assert set(en) == set(vi)
    for key in en:
        assert _placeholders(en[key]) == _placeholders(vi[key]), key


def test_every_translation_key_used_in_code_exists() -> None:
    en = json.loads((LOCALES / "en.json").read_text(encoding="utf-8"))
    root = LOCALES.parent
    used: set[str] = set()
    for folder in ("app.py", "pages", "ui", "model"):
        for path in [root / folder] if folder.endswith(".py") else (root / folder).rglob("*.py"):
            used |= set(
                re.findall(
                    r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""", path.read_text(encoding="utf-8")
                )
            )
    assert used, "no t() calls found"
    assert sorted(used - set(en)) == []


@pytest.mark.parametrize(
    ("value", "lang", "currency", "text"),
    [
        (1234.5, "en", "USD", "$1,234.50"),
        (1234567, "vi", "VND", "1.234.567 ₫"),
        (-200, "en", "USD", "-$200.00"),
        (1234.5, "vi", "EUR", "1.234,50 EUR"),
        (1234567, "en", "VND", "1,234,567 ₫"),
        (1234.5, "en", "CHF", "CHF 1,234.50"),  # a code without a symbol stands apart
    ],
)
def test_money_follows_the_locale(value: float, lang: str, currency: str, text: str) -> None:
    assert i18n.format_money(value, lang, currency) == text


def test_dates_and_weekdays_follow_the_locale() -> None:
    assert i18n.format_date(date(2027, 1, 3), "en", weekday=True) == "Sun, Jan 3, 2027"
    assert i18n.format_date(date(2027, 1, 3), "vi", weekday=True) == "Chủ nhật, 03/01/2027"


def test_unknown_key_falls_back_to_the_key_and_bad_values_do_not_crash() -> None:
    assert i18n.translate("vi", "no.such.key") == "no.such.key"
    assert i18n.translate("en", "problem.too_many_fields", found=3) != ""


def test_compact_money_and_hours_shorten_millions_in_each_language() -> None:
    assert i18n.format_money(122_482_995.03, "en", "EUR", compact=True) == "€122.5M"
    assert i18n.format_money(12_300_000_000, "vi", "VND", compact=True) == "12,3 tỷ ₫"
    assert i18n.format_hours(2_041_383.3, "vi", compact=True) == "2,04 triệu giờ"
    assert i18n.format_money(-2_500_000, "en", "USD", compact=True) == "-$2.50M"
    assert i18n.format_money(950.5, "en", "USD", compact=True) == "$950.50"  # under a million


def test_counts_are_grouped_and_tiny_shares_keep_their_first_digit() -> None:
    assert i18n.translate("en", "sidebar.loaded", files="a.csv", n=100_000).endswith(
        "(100,000 clients)"
    )
    assert "100.000 khách hàng" in i18n.translate("vi", "sidebar.loaded", files="a", n=100_000)
    assert i18n.format_percent(0.00004, "en", 1) == "0.004%"  # not a misleading 0.0%
    assert i18n.format_percent(0.0000012, "vi", 1) == "0,0001%"
    assert i18n.format_percent(0.0, "en", 1) == "0.0%" and i18n.format_percent(0.4, "en") == "40%"
