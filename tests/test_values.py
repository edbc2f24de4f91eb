"""Cell text to values, with the style of each column decided from all its values."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from model.ingest.values import parse_dates, parse_hours, parse_labels, parse_numbers


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["$1,200.50", "$3.00"], [1200.5, 3.0]),
        (["1.234.567 ₫", "20.000 ₫"], [1234567.0, 20000.0]),
        (["1 234,5 €", "3,25 €"], [1234.5, 3.25]),
        (["(200)", "300"], [-200.0, 300.0]),
        (["12,5", "3"], [12.5, 3.0]),
        (["1.234,56", "7,1"], [1234.56, 7.1]),
        (["-1,234.5", "10"], [-1234.5, 10.0]),
        (["1\u00a0234,50 €", "1,00 €"], [1234.5, 1.0]),
        (["US$ 99", "US$ 1"], [99.0, 1.0]),
        (["1200", ""], [1200.0, math.nan]),
        (["CHF 1'234.50", "CHF 99.00"], [1234.5, 99.0]),  # Swiss thousands
        (["1’234.50", "12.00"], [1234.5, 12.0]),
        (["500k", "1.5M"], [500_000.0, 1_500_000.0]),  # short amounts, as written by hand
        (["15 triệu", "1,2 tỷ đ"], [15_000_000.0, 1_200_000_000.0]),
        (["15tr", "800 nghìn"], [15_000_000.0, 800_000.0]),
    ],
)
def test_parses_money_as_real_files_write_it(cells: list[str], expected: list[float]) -> None:
    parsed = parse_numbers(pd.Series(cells))
    assert parsed.values.tolist() == pytest.approx(expected, nan_ok=True)
    assert not parsed.bad.any()


def test_a_column_of_1_234_is_ambiguous_and_read_with_the_hint() -> None:
    cells = pd.Series(["1,234", "2,000"])
    assert parse_numbers(cells).ambiguous
    assert parse_numbers(cells, decimal_hint=",").values.tolist() == [1.234, 2.0]


def test_decimal_style_is_decided_per_column_from_every_value() -> None:
    # "1,234" alone is ambiguous; "7,5" in the same column settles it as a decimal comma.
    parsed = parse_numbers(pd.Series(["1,234", "7,5"]))
    assert parsed.values.tolist() == [1.234, 7.5]
    assert parsed.decimal == "," and not parsed.ambiguous


@pytest.mark.parametrize("cell", ["lots", "inf", "NaN", "1,2,3.4.5", "12abc"])
def test_flags_text_in_a_number_column(cell: str) -> None:
    assert parse_numbers(pd.Series(["1", cell])).bad.tolist() == [False, True]


@pytest.mark.parametrize(
    ("cell", "hours"),
    [
        ("7.5", 7.5),
        ("7,5", 7.5),
        ("7:30", 7.5),
        ("1:02:03", 1 + 2 / 60 + 3 / 3600),
        ("2h 30m", 2.5),
        ("45m", 0.75),
        ("1 hr 30 mins", 1.5),
        ("1h30", 1.5),
        ("PT1H30M", 1.5),  # ISO 8601, as APIs write a duration
        ("5400s", 1.5),
        ("01:30 h", 1.5),
        ("1 giờ 30 phút", 1.5),
        ("1d 2h", 26),
    ],
)
def test_hours_as_decimals_or_clock_time(cell: str, hours: float) -> None:
    assert parse_hours(pd.Series([cell])).values.iloc[0] == pytest.approx(hours)


@pytest.mark.parametrize(
    ("cell", "label"),
    [
        ("yes", 1),
        ("Y", 1),
        ("1", 1),
        ("true", 1),
        ("x", 1),
        ("có", 1),
        ("no", 0),
        ("n", 0),
        ("0", 0),
        ("FALSE", 0),
        ("không", 0),
        ("1.0", 1),  # a label column with blanks, saved by pandas
        ("0.0", 0),
        ("Bad", 1),
        ("good", 0),
        ("✗", 0),
        ("Đúng", 1),
        ("Sai", 0),
        ("Bình thường", 0),
        ("Fire", 1),  # what the user means to do with the client
        ("Keep", 0),
        ("Let go", 1),
        ("Problem client", 1),
        ("Easy", 0),
        ("Khó", 1),
        ("Dễ tính", 0),
        ("Giữ", 0),
        ("Bỏ", 1),
        ("", None),
        ("Not sure", None),
        ("Chưa biết", None),
    ],
)
def test_labels_in_english_and_vietnamese(cell: str, label: int | None) -> None:
    value = parse_labels(pd.Series([cell])).values.iloc[0]
    assert math.isnan(value) if label is None else value == label


@pytest.mark.parametrize(
    ("cells", "first"),
    [
        (["2025-01-31", "2025-02-01"], "2025-01-31"),
        (["31/01/2025", "01/02/2025"], "2025-01-31"),
        (["01/31/2025", "02/01/2025"], "2025-01-31"),
        (["31.01.2025", "1.2.2025"], "2025-01-31"),
        (["11/8/2016", "12/31/2016"], "2016-11-08"),
        (["3 Jan 2025", "4 Feb 2025"], "2025-01-03"),
        (["02-Mar-2026", "15-APR-2026"], "2026-03-02"),  # Excel's and Oracle's dd-Mon-yyyy
        (["Monday, March 2, 2026 2:05 PM", "Apr 15, 2026"], "2026-03-02"),
        (["ngày 2 tháng 3 năm 2026", "15 tháng 4, 2026"], "2026-03-02"),
        (["46083", "46127"], "2026-03-02"),  # a workbook's day numbers, saved as CSV
        (["2026-03", "March 2026"], "2026-03-01"),  # a month alone: its first day
        (["03/2026", "12.2026", "4-2026"], "2026-03-01"),
        (["T3/2026", "Tháng 4/2026", "tháng 05 năm 2026"], "2026-03-01"),  # Vietnamese
    ],
)
def test_dates_in_one_format_per_column(cells: list[str], first: str) -> None:
    parsed = parse_dates(pd.Series(cells))
    assert parsed.values.iloc[0] == pd.Timestamp(first)
    assert not parsed.bad.any()


def test_impossible_dates_are_flagged() -> None:
    assert parse_dates(pd.Series(["2025-02-30", "13/2026", "T0/2026"])).bad.tolist() == [True] * 3


@pytest.mark.parametrize("hint", [".", ","])
def test_money_with_three_digit_groups_is_never_a_decimal(hint: str) -> None:
    parsed = parse_numbers(pd.Series(["48.500 ₫", "1.200 ₫", "900 ₫"]), decimal_hint=hint)
    assert parsed.values.tolist() == [48_500, 1_200, 900]
    assert not parsed.ambiguous and parsed.currency == "VND"
    dollars = parse_numbers(pd.Series(["$12,000", "$3,500", "$900"]), decimal_hint=",")
    assert dollars.values.tolist() == [12_000, 3_500, 900] and not dollars.ambiguous
    bare = parse_numbers(pd.Series(["12,000", "3,500"]), decimal_hint=".")
    assert bare.ambiguous  # no currency: 12,000 could be twelve, so we ask


@pytest.mark.parametrize("cell", ["2 apples", "h", "1h 1x", "1..5h", "-1h"])
def test_a_duration_with_unknown_words_is_named_not_read(cell: str) -> None:
    parsed = parse_hours(pd.Series([cell, "2h"]))
    assert parsed.bad.tolist() == [True, False]
    assert parsed.values.iloc[1] == 2


def test_a_short_amount_is_money_never_minutes() -> None:
    """ "45m" in an hours column is three quarters of an hour, not 45 million hours; an
    amount with more than two decimals before its scale ("1.500 triệu") is not guessed."""
    assert parse_hours(pd.Series(["45m"])).values.iloc[0] == 0.75
    parsed = parse_numbers(pd.Series(["1.500 triệu", "2 triệu"]))
    assert parsed.bad.tolist() == [True, False]
