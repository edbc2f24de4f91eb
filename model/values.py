"""Cell text to typed values, one whole column at a time.

Styles (decimal mark, date order) are decided per column from every value. Speed comes from
parsing each distinct value once and from pyarrow's vectorised casts; the per-value Python
path only ever sees distinct *shapes* of numbers (digits replaced by 9), a few dozen at most.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from model import strings

BLANKS = {"", "-", "–", "—", "n/a", "N/A", "#N/A"}
_CURRENCY_BODY = r"US\$|A\$|C\$|[$€£¥₫]|\b(?:USD|EUR|GBP|VND|JPY|AUD|CAD|vnđ|vnd|dong|đồng)\b|đ"
_CURRENCY = f"(?i){_CURRENCY_BODY}"
_CURRENCY_CODES = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "jpy": "JPY",
    "₫": "VND",
    "đ": "VND",
    "vnđ": "VND",
    "vnd": "VND",
    "đồng": "VND",
    "dong": "VND",
    "a$": "AUD",
    "aud": "AUD",
    "c$": "CAD",
    "cad": "CAD",
}
_SPACES = r"[\s\x{a0}\x{202f}']"  # RE2 syntax (pyarrow)


@dataclass(frozen=True)
class Parsed:
    """A parsed column: values (NaN where blank or bad) and where the text was unusable."""

    values: pd.Series
    bad: pd.Series
    decimal: str | None = None
    ambiguous: bool = False
    currency: str | None = None


def _by_distinct(parse: Callable[[pd.Series], Parsed]) -> Callable[[pd.Series], Parsed]:
    """Parse each distinct value once when values repeat (dates, counts, labels, hours)."""

    def wrapper(text: pd.Series) -> Parsed:
        text = strings.as_text(text).fillna("")
        encoded = pc.dictionary_encode(strings.arrow(text))
        if len(encoded.dictionary) > 0.5 * len(text):
            return parse(text)
        result = parse(pd.Series(encoded.dictionary, dtype=strings.TEXT))
        codes = encoded.indices.to_numpy(zero_copy_only=False)
        index = text.index
        values = pd.Series(result.values.to_numpy()[codes], index=index, dtype=result.values.dtype)
        bad = pd.Series(result.bad.to_numpy()[codes], index=index)
        return replace(result, values=values, bad=bad)

    return wrapper


def _as_text(text: pd.Series) -> pd.Series:
    return strings.strip(strings.as_text(text))


def _to_float(text: pd.Series) -> pd.Series | None:
    """Plain numeric text to floats at C speed; ``None`` if any value is not a plain number."""
    try:
        floats = pc.cast(pa.array(text, from_pandas=True), pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return None
    return pd.Series(floats.to_numpy(zero_copy_only=False), index=text.index, dtype=float)


_COMMA_DECIMAL = (
    r"\d*(?:\.\d+)+,\d*|\d+,\d{1,2}|\d+,\d{4,}|\d{4,},\d{3}|,\d+|\d{1,3}(?:\.\d{3}){2,}"
)
_POINT_DECIMAL = (
    r"\d*(?:,\d+)+\.\d*|\d+\.\d{1,2}|\d+\.\d{4,}|\d{4,}\.\d{3}|\.\d+|\d{1,3}(?:,\d{3}){2,}"
)
_EITHER = r"\d{1,3}[.,]\d{3}"


def number_style_votes(core: pd.Series) -> tuple[int, int, int]:
    """Votes for a decimal comma, for a decimal point, and values that could be either.

    ``core`` holds digits and separators only. ``12,5`` votes comma; ``1.234.567`` votes comma;
    ``1,234.5`` votes point; ``1,234`` alone could be either.
    """
    comma = int(strings.fullmatch(core, _COMMA_DECIMAL).sum())
    point = int(strings.fullmatch(core, _POINT_DECIMAL).sum())
    either = int(strings.fullmatch(core, _EITHER).sum())
    return comma, point, either


def parse_numbers(
    text: pd.Series, *, decimal: str | None = None, decimal_hint: str = "."
) -> Parsed:
    """Parse money or plain numbers: ``$1,200.50``, ``1.234.567 ₫``, ``1 234,5 €``, ``(200)``.

    Parameters
    ----------
    decimal : ``","`` or ``"."`` to force the decimal mark; ``None`` decides from the column.
    decimal_hint : the mark to use when every value could be read either way.

    Examples
    --------
    >>> parse_numbers(pd.Series(["1.234,5", "(2,5)"])).values.tolist()
    [1234.5, -2.5]
    """
    return _by_distinct(lambda t: _parse_numbers(t, decimal, decimal_hint))(text)


def _parse_numbers(text: pd.Series, decimal: str | None, decimal_hint: str) -> Parsed:
    text = _as_text(text)
    blank = text.isin(BLANKS)
    none_bad = pd.Series(False, index=text.index)
    if (decimal is None or decimal == ".") and _looks_plain(text):
        quick = _to_float(text.where(~blank))
        if quick is not None and bool(np.isfinite(quick[~blank]).all()):
            if decimal_hint == "." or decimal == ".":
                return Parsed(quick, none_bad, ".")
            dotted = text[text.str.contains(".", regex=False)]
            if dotted.empty:
                return Parsed(quick, none_bad, None)
            comma, point, _either = number_style_votes(dotted)
            if point > 0 and comma == 0:
                return Parsed(quick, none_bad, ".")
    return _parse_formatted(text, blank, decimal, decimal_hint)


_PLAIN = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:inf|nan)", re.I)


def _looks_plain(text: pd.Series) -> bool:
    """A cheap look at the first values: is a plain float cast worth trying?"""
    head = [v for v in text.head(200).tolist() if v and v not in BLANKS]
    return all(_PLAIN.fullmatch(v) for v in head)


def _currency_of(text: pd.Series) -> str | None:
    sample = text[text.str.contains(_CURRENCY, regex=True)].head(200)
    codes = sample.str.extract(f"(?i)({_CURRENCY_BODY})", expand=False).dropna()
    found = codes.str.lower().map(_CURRENCY_CODES).dropna()
    return str(found.mode().iloc[0]) if len(found) else None


def _parse_formatted(
    text: pd.Series, blank: pd.Series, decimal: str | None, decimal_hint: str
) -> Parsed:
    currency = _currency_of(text)
    body = text
    for symbol in ("US$", "A$", "C$", "$", "€", "£", "₫"):  # cheap literal pass first
        body = strings.replace_literal(body, symbol, "")
    body = strings.replace_regex(strings.replace_regex(body, _CURRENCY, ""), _SPACES, "")
    negative = body.str.startswith("(") & body.str.endswith(")")
    negative |= body.str.startswith("-") | body.str.startswith("−")
    negative |= body.str.endswith("-") & (body.str.len() > 1)
    core = body.str.strip("()-−+")
    ambiguous = False
    if decimal is None:
        comma, point, either = number_style_votes(core)
        if comma > point:
            decimal = ","
        elif point > comma:
            decimal = "."
        else:
            decimal = decimal_hint
            ambiguous = either > 0
    if decimal == ",":
        valid = strings.fullmatch(core, r"\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:,\d+)?|,\d+")
        plain = strings.replace_literal(strings.replace_literal(core, ".", ""), ",", ".")
    else:
        valid = strings.fullmatch(core, r"\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
        plain = strings.replace_literal(core, ",", "")
    number = _to_float(plain.where(valid & ~blank))
    assert number is not None  # only valid plain numbers are left
    number = number.where(~negative, -number)
    bad = ~blank & number.isna()
    return Parsed(number, bad, decimal, ambiguous, currency)


_HMS = r"(\d+):([0-5]?\d)(?::([0-5]?\d(?:\.\d+)?))?"
_H_M = r"(?i)(?:(\d+(?:[.,]\d+)?)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?"


def parse_hours(text: pd.Series, *, decimal: str | None = None, decimal_hint: str = ".") -> Parsed:
    """Hours as decimals (``7.5``, ``7,5``), ``H:MM[:SS]`` (``7:30``) or ``7h 30m``."""
    return _by_distinct(lambda t: _parse_hours(t, decimal, decimal_hint))(text)


def _parse_hours(text: pd.Series, decimal: str | None, decimal_hint: str) -> Parsed:
    text = _as_text(text)
    clock = strings.fullmatch(text, _HMS)
    result = _parse_numbers(text.where(~clock, ""), decimal, decimal_hint)
    values = result.values.copy()
    bad = result.bad & ~clock
    if clock.any():
        values.loc[clock] = _clock_hours(text[clock])
    hm = bad & strings.fullmatch(text, _H_M) & (text != "")
    if hm.any():
        parts = text[hm].str.extract(_H_M)
        h = pd.to_numeric(parts[0].str.replace(",", "."), errors="coerce").fillna(0.0)
        m = pd.to_numeric(parts[1], errors="coerce").fillna(0.0)
        values.loc[hm] = h + m / 60
        bad &= ~hm
    return Parsed(values, bad, result.decimal, result.ambiguous, None)


def _clock_hours(text: pd.Series) -> np.ndarray:
    """``H:MM[:SS]`` (already validated) to decimal hours, vectorised in pyarrow."""
    parts = pc.split_pattern(pa.array(text, from_pandas=True), ":")
    total = np.zeros(len(text))
    for position, scale in enumerate((1.0, 60.0, 3600.0)):
        has = pc.greater(pc.list_value_length(parts), position)
        element = pc.list_element(
            pc.if_else(has, parts, pa.scalar(["0"] * 3, type=parts.type)), position
        )
        total += pc.cast(element, pa.float64()).to_numpy(zero_copy_only=False) / scale
    return total


_YES = {"yes", "y", "1", "true", "x", "có", "co", "problem", "vấn đề", "van de", "t", "✓", "✔"}
_NO = {"no", "n", "0", "false", "không", "khong", "ko", "fine", "ok", "f", "tốt", "tot"}
_UNKNOWN = {b.casefold() for b in BLANKS} | {"?", "unknown", "chưa rõ"}


def parse_labels(text: pd.Series) -> Parsed:
    """``yes/no/y/n/1/0/true/false/x/có/không`` → 1.0 / 0.0; blank → unknown (NaN)."""
    return _by_distinct(_parse_labels)(text)


def _parse_labels(text: pd.Series) -> Parsed:
    folded = text.astype("str").str.strip().map(str.casefold)
    values = pd.Series(np.nan, index=text.index, dtype=float)
    values[folded.isin(_YES)] = 1.0
    values[folded.isin(_NO)] = 0.0
    bad = values.isna() & ~folded.isin(_UNKNOWN)
    return Parsed(values, bad)


_NUMERIC_DATE = r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})(?:[ T].*)?"


def parse_dates(text: pd.Series, *, order: str | None = None, order_hint: str = "mdy") -> Parsed:
    """Dates in one consistent format per column.

    ``order`` is ``"dmy"`` or ``"mdy"`` for slashed dates; ``None`` decides from values above 12,
    and marks the column ambiguous when none tells (then ``order_hint`` is used).
    """
    return _by_distinct(lambda t: _parse_dates(t, order, order_hint))(text)


def _parse_dates(text: pd.Series, order: str | None, order_hint: str) -> Parsed:
    text = _as_text(text)
    blank = text.isin(BLANKS)
    parts = text.str.extract(_NUMERIC_DATE)
    numeric = parts[0].notna() & ~blank
    ambiguous = False
    values = pd.Series(pd.NaT, index=text.index, dtype="datetime64[s]")
    if numeric.any():
        a = pd.to_numeric(parts[0], errors="coerce")
        b = pd.to_numeric(parts[1], errors="coerce")
        c = pd.to_numeric(parts[2], errors="coerce")
        ymd = numeric & (parts[0].str.len() == 4)
        other = numeric & ~ymd
        if order is None and other.any():
            day_first = bool((a[other] > 12).any())
            month_first = bool((b[other] > 12).any())
            if day_first != month_first:
                order = "dmy" if day_first else "mdy"
            else:
                order, ambiguous = order_hint, not day_first
        day_first = order == "dmy"
        year = c.where(~ymd, a)
        year = year.where(year >= 100, year + 2000)
        month = b if day_first else b.where(ymd, a)
        day = c.where(ymd, a if day_first else b)
        frame = pd.DataFrame({"year": year, "month": month, "day": day})[numeric]
        built = pd.to_datetime(frame, errors="coerce")
        values.loc[numeric] = built.astype("datetime64[s]")
    rest = ~numeric & ~blank
    if rest.any():
        for fmt in ("%d %b %Y", "%b %d, %Y", "%d %B %Y", "%B %d, %Y", "%Y%m%d"):
            got = pd.to_datetime(text[rest], format=fmt, errors="coerce")
            values.loc[got.dropna().index] = got.dropna().astype("datetime64[s]")
            rest &= values.isna()
            if not rest.any():
                break
    bad = values.isna() & ~blank
    return Parsed(values, bad, None, ambiguous)
