"""Cell text to typed values, one whole column at a time.

Styles (decimal mark, date order) are decided per column from every value. Speed comes from
parsing each distinct value once and from pyarrow's vectorised casts; the per-value Python
path only ever sees distinct *shapes* of numbers (digits replaced by 9), a few dozen at most.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from model import fields
from model.ingest import strings

BLANKS = {"", "-", "–", "—", "n/a", "N/A", "#N/A"}
CURRENCY_BODY = (
    r"US\$|A\$|C\$|[$€£¥₫]|\b(?:USD|EUR|GBP|VND|JPY|AUD|CAD|CHF|SGD|vnđ|vnd|dong|đồng)\b|đ"
)
_CURRENCY = f"(?i){CURRENCY_BODY}"
CURRENCY_CODES = {
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
    "chf": "CHF",
    "sgd": "SGD",
}
# Thousands written with spaces or, in Switzerland, apostrophes ("1'234.50", "1’234.50").
_SPACES = r"[\s\x{a0}\x{202f}'’]"  # RE2 syntax (pyarrow)


@dataclass(frozen=True)
class Parsed:
    """A parsed column: values (NaN where blank or bad) and where the text was unusable."""

    values: pd.Series
    bad: pd.Series
    decimal: str | None = None
    ambiguous: bool = False
    currency: str | None = None


def parse_once(text: pd.Series, parse: Callable[[pd.Series], Parsed]) -> tuple[Parsed, np.ndarray]:
    """``parse`` run on each distinct value once: what it gave for the distinct values, and
    each row's position among them (``result.values[codes]`` is the parsed column)."""
    text = strings.as_text(text)
    if strings.all_distinct(text):
        return parse(text.fillna("").reset_index(drop=True)), np.arange(len(text))
    distinct, codes = strings.distinct(text)
    return parse(distinct), codes


def by_distinct(parse: Callable[[pd.Series], Parsed]) -> Callable[[pd.Series], Parsed]:
    """Parse each distinct value once when values repeat (dates, counts, labels, hours)."""

    def wrapper(text: pd.Series) -> Parsed:
        text = strings.as_text(text)
        if strings.all_distinct(text):
            return parse(text.fillna(""))
        result, codes = parse_once(text, parse)
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
    # The three shapes exclude one another, so each pattern only runs on what the ones before
    # left (the common case never gets here: see ``_decimal_from_head``).
    counts: dict[str, int] = {}
    rest = core
    for pattern in (_COMMA_DECIMAL, _POINT_DECIMAL, _EITHER):
        hits = strings.fullmatch(rest, pattern)
        counts[pattern] = int(hits.sum())
        rest = rest[~hits] if counts[pattern] else rest
    return counts[_COMMA_DECIMAL], counts[_POINT_DECIMAL], counts[_EITHER]


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
    plain = _plain_numbers(text, decimal, decimal_hint)
    if plain is not None:
        return plain
    return by_distinct(lambda t: _short_amounts(_parse_numbers(t, decimal, decimal_hint), t))(text)


# Amounts in thousands, millions or billions as people write them by hand: "500k", "1.5M",
# "15 triệu", "1,2 tỷ đ" (money and counts only: in an hours column "45m" is minutes).
_SCALE = {
    **dict.fromkeys(("k", "nghìn", "ngàn"), 1e3),
    **dict.fromkeys(("m", "mn", "million", "tr", "triệu"), 1e6),
    **dict.fromkeys(("bn", "billion", "tỷ", "tỉ"), 1e9),
}
_SHORT = (
    r"(?i)^\s*[$€£]?\s*(-?\d+(?:[.,]\d{1,2})?)\s*("
    + "|".join(_SCALE)
    + r")\.?\s*(?:đ|₫|vnđ|vnd|đồng)?\s*$"
)


def _short_amounts(parsed: Parsed, text: pd.Series) -> Parsed:
    """``parsed`` with the values it could not read filled where they are short amounts."""
    if not parsed.bad.any():
        return parsed
    parts = _as_text(text[parsed.bad]).str.extract(_SHORT).dropna()
    if parts.empty:
        return parsed
    number = parts[0].str.replace(",", ".").astype(float) * parts[1].str.lower().map(_SCALE)
    values, bad = parsed.values.copy(), parsed.bad.copy()
    values.loc[number.index], bad.loc[number.index] = number, False
    return replace(parsed, values=values, bad=bad)


def _parse_numbers(text: pd.Series, decimal: str | None, decimal_hint: str) -> Parsed:
    plain = _plain_numbers(text, decimal, decimal_hint)
    if plain is not None:
        return plain
    text = _as_text(text)
    return _parse_formatted(text, text.isin(BLANKS), decimal, decimal_hint)


_BLANK_VALUES = pa.array(sorted(BLANKS))


def _plain_numbers(text: pd.Series, decimal: str | None, decimal_hint: str) -> Parsed | None:
    """A column of plain numbers (as spreadsheets export them) in one C-speed cast over the
    whole column; ``None`` as soon as any value needs the careful parser."""
    if decimal == "," or not _looks_plain(text):
        return None
    array = strings.arrow(text)
    try:  # most columns have no blanks at all: one cast
        floats, blank = pc.cast(array, pa.float64()), np.zeros(len(text), dtype=bool)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        array = pc.utf8_trim_whitespace(pc.fill_null(array, ""))
        blanks = pc.is_in(array, value_set=_BLANK_VALUES)
        try:
            floats = pc.cast(pc.if_else(blanks, pa.scalar(None, array.type), array), pa.float64())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
            return None
        blank = blanks.to_numpy(zero_copy_only=False)
    values = pd.Series(floats.to_numpy(zero_copy_only=False), index=text.index, dtype=float)
    if not bool((np.isfinite(values.to_numpy()) | blank).all()):
        return None  # "inf", "nan" and missing cells go to the careful parser, which names them
    none_bad = pd.Series(False, index=text.index)
    if decimal_hint == "." or decimal == ".":
        return Parsed(values, none_bad, ".")
    # A ";" file comes from a decimal-comma locale, where "1.234" would be a thousand.
    dotted = text[strings.contains_regex(text, r"\.")]
    if dotted.empty:
        return Parsed(values, none_bad, None)
    comma, point, _either = number_style_votes(dotted)
    return Parsed(values, none_bad, ".") if point > 0 and comma == 0 else None


_PLAIN = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:inf|nan)", re.I)


def _looks_plain(text: pd.Series) -> bool:
    """A cheap look at the first values: is a plain float cast worth trying?"""
    head = [v.strip() for v in text.head(200).tolist() if isinstance(v, str)]
    return all(_PLAIN.fullmatch(v) for v in head if v not in BLANKS)


def _currency_of(text: pd.Series) -> str | None:
    """The currency most values name, judged from the first few thousand."""
    head = text.head(5_000)
    sample = head[strings.contains_regex(head, _CURRENCY)].head(200)
    codes = sample.str.extract(f"(?i)({CURRENCY_BODY})", expand=False).dropna()
    found = codes.str.lower().map(CURRENCY_CODES).dropna()
    return str(found.mode().iloc[0]) if len(found) else None


_NOT_DIGITS = f"(?i){CURRENCY_BODY}|{_SPACES}"
_TRIMMED = "$€£¥₫ \u00a0\u202f"


def _flag(array: pa.ChunkedArray, index: pd.Index) -> pd.Series:
    return pd.Series(array.to_numpy(zero_copy_only=False), index=index).fillna(False)


_VALID = {
    ",": r"\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:,\d+)?|,\d+",
    ".": r"\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+",
}


def _decimal_from_head(core: pd.Series, blank: pd.Series) -> tuple[str, pd.Series] | None:
    """The decimal mark when the first values vote one way only and every value is then a
    valid number: such a column has no vote for the other mark (a value valid with a decimal
    point never matches a comma shape, and the other way round), so counting is skipped."""
    head = core.head(1_000)
    comma = bool(strings.fullmatch(head, _COMMA_DECIMAL).any())
    point = bool(strings.fullmatch(head, _POINT_DECIMAL).any())
    if comma == point:
        return None
    mark = "," if comma else "."
    valid = strings.fullmatch(core, _VALID[mark])
    return (mark, valid) if bool((valid | blank).all()) else None


def _parse_formatted(
    text: pd.Series,
    blank: pd.Series,
    decimal: str | None,
    decimal_hint: str,
    careful: bool = False,
) -> Parsed:
    currency = _currency_of(text)  # (from the text as written, so the same on either pass)
    if careful:
        body = strings.arrow(strings.replace_regex(text, _NOT_DIGITS, ""))
    else:  # symbols and spaces at either end go in one cheap pass ("$1,200.50", "5 ₫")
        body = pc.utf8_trim(strings.arrow(text), characters=_TRIMMED)
    starts, ends = pc.utf8_slice_codeunits(body, 0, 1), pc.utf8_slice_codeunits(body, -1)
    negative = pc.or_(
        pc.and_(pc.equal(starts, "("), pc.equal(ends, ")")),
        pc.or_(
            pc.is_in(starts, value_set=pa.array(["-", "−"])),
            pc.and_(pc.equal(ends, "-"), pc.greater(pc.utf8_length(body), 1)),
        ),
    )
    core = pd.Series(pc.utf8_trim(body, characters="()-−+"), dtype=strings.TEXT, index=text.index)
    mark, ambiguous, valid = decimal, False, None
    if mark is None and (quick := _decimal_from_head(core, blank)):
        mark, valid = quick
    if mark is None:
        comma, point, either = number_style_votes(core)
        if comma > point:
            mark = ","
        elif point > comma:
            mark = "."
        elif currency and either:  # "$1,200", "48.500 ₫": money has at most two decimals
            mark = "," if bool(core.str.contains(".", regex=False).any()) else "."
        else:
            mark = decimal_hint
            ambiguous = either > 0
    if valid is None:
        valid = strings.fullmatch(core, _VALID[mark])
    if not careful and not bool((valid | blank).all()):
        # Something else is left inside ("USD 5", "1 234,5", "-$5"): strip it all, then judge.
        return _parse_formatted(text, blank, decimal, decimal_hint, careful=True)
    if mark == ",":
        plain = strings.replace_literal(strings.replace_literal(core, ".", ""), ",", ".")
    else:
        plain = strings.replace_literal(core, ",", "")
    number = _to_float(plain.where(valid & ~blank))
    assert number is not None  # only valid plain numbers are left
    number = number.where(~_flag(negative, text.index), -number)
    bad = ~blank & number.isna()
    return Parsed(number, bad, mark, ambiguous, currency)


_HMS = r"(\d+):([0-5]?\d)(?::([0-5]?\d(?:\.\d+)?))?"
# A duration in units, as people and APIs write one: "7h 30m", "1 hr 30 mins", "90 min",
# "1h30", "1 giờ 30 phút", "5400s", "1d 2h", ISO 8601's "PT1H30M", a clock with its unit
# ("01:30 h").
_IN_HOURS = fields.DURATION_UNITS
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([^\W\d_]+)\.?[\s,]*")
_HOUR_WORDS = "|".join(k for k, v in _IN_HOURS.items() if v == 1.0)
_CLOCK_WITH_UNIT = re.compile(rf"({_HMS})\s*(?:{_HOUR_WORDS})\.?")


def _with_units(cell: str) -> float:
    """Hours in ``cell`` written with units, or NaN."""
    text = fields.strip_accents(cell.strip().casefold()).removeprefix("pt")
    if clock := _CLOCK_WITH_UNIT.fullmatch(text):
        return float(_clock_hours(pd.Series([clock.group(1)]))[0])
    text = re.sub(r"^(\d+)\s*h\s*(\d{1,2})$", r"\1h\2m", text)  # "1h30"
    total, end = 0.0, 0
    for part in _PART.finditer(text):
        if part.start() != end or part.group(2) not in _IN_HOURS:
            return math.nan
        total += float(part.group(1).replace(",", ".")) * _IN_HOURS[part.group(2)]
        end = part.end()
    return total if end == len(text) and end > 0 else math.nan


def parse_hours(text: pd.Series, *, decimal: str | None = None, decimal_hint: str = ".") -> Parsed:
    """Hours as decimals (``7.5``, ``7,5``), ``H:MM[:SS]`` (``7:30``) or ``7h 30m``."""
    plain = _plain_numbers(text, decimal, decimal_hint)
    if plain is not None:
        return plain
    return by_distinct(lambda t: _parse_hours(t, decimal, decimal_hint))(text)


def _parse_hours(text: pd.Series, decimal: str | None, decimal_hint: str) -> Parsed:
    text = _as_text(text)
    clock = strings.fullmatch(text, _HMS)
    if clock.all():
        return Parsed(pd.Series(_clock_hours(text), index=text.index), ~clock)
    result = _parse_numbers(text.where(~clock, ""), decimal, decimal_hint)
    values = result.values.copy()
    bad = result.bad & ~clock
    if clock.any():
        values.loc[clock] = _clock_hours(text[clock])
    worded = bad & (text != "")
    if worded.any():
        hours = text[worded].map(_with_units).astype(float)
        values.loc[hours.index] = hours
        bad &= values.isna()
    return Parsed(values, bad, result.decimal, result.ambiguous, None)


def _clock_hours(text: pd.Series) -> np.ndarray:
    """``H:MM[:SS]`` (already validated) to decimal hours: every part cast at once."""
    parts = pc.split_pattern(strings.arrow(text), ":").combine_chunks()
    numbers = pc.cast(parts.flatten(), pa.float64()).to_numpy(zero_copy_only=False)
    starts = parts.offsets.to_numpy()[:-1] - parts.offsets[0].as_py()
    counts = pc.list_value_length(parts).to_numpy(zero_copy_only=False)
    seconds = np.where(counts > 2, numbers[np.minimum(starts + 2, len(numbers) - 1)], 0.0)
    hours: np.ndarray = numbers[starts] + numbers[starts + 1] / 60 + seconds / 3600
    return hours


# A yes or a no as people and tools write one: words, ticks, spreadsheet booleans, and the
# floats a column with blanks becomes once saved by pandas ("1.0"). Lower-cased.
YES = frozenset(("yes", "y", "1", "1.0", "true", "t", "x", "✓", "✔", "có", "co", "đúng", "dung"))
NO = frozenset(("no", "n", "0", "0.0", "false", "f", "✗", "✘", "không", "khong", "ko", "sai"))
# A label's yes and no also say what they are about.
_YES = YES | {"problem", "problematic", "problem client", "bad", "bad client", "difficult"}
_YES |= {"difficult client", "toxic", "fired", "fire", "drop", "dropped", "let go"}
_YES |= {"vấn đề", "van de", "có vấn đề", "co van de", "khó", "kho", "khó tính", "xấu", "bỏ"}
_NO = NO | {"fine", "ok", "okay", "good", "good client", "great", "easy", "normal", "kept"}
_NO |= {"keep", "no problem", "tốt", "tot", "ổn", "dễ", "dễ tính", "giữ", "giữ lại"}
_NO |= {"bình thường", "binh thuong", "không có vấn đề", "khong co van de"}
_UNKNOWN = {b.casefold() for b in BLANKS} | {"?", "unknown", "not sure", "don't know"}
_UNKNOWN |= {"chưa rõ", "chưa biết", "không rõ"}


def parse_labels(text: pd.Series) -> Parsed:
    """``yes/no/y/n/1/0/true/false/x/có/không`` → 1.0 / 0.0; blank → unknown (NaN)."""
    return by_distinct(_parse_labels)(text)


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
    return by_distinct(lambda t: _parse_dates(t, order, order_hint))(text)


def date_order(columns: list[pd.Series], *, hint: str = "mdy") -> tuple[str, bool]:
    """One day/month order for every date column of a file, from all their values: ``dmy``
    when some value's first number is above 12, ``mdy`` when some second number is; else
    ``hint``, and ``True`` for "ambiguous" (the user is asked) when any value could be either.
    """
    day_first = month_first = undecided = False
    for column in columns:
        text = _as_text(pd.Series(column.unique()))
        parts = text.str.extract(_NUMERIC_DATE)
        other = parts[0].notna() & (parts[0].str.len() != 4)
        if not other.any():
            continue
        a = pd.to_numeric(parts[0][other], errors="coerce")
        b = pd.to_numeric(parts[1][other], errors="coerce")
        day_first |= bool((a > 12).any())
        month_first |= bool((b > 12).any())
        undecided = True
    if day_first != month_first:
        return ("dmy" if day_first else "mdy"), False
    return hint, undecided and not day_first


def _iso_dates(text: pd.Series) -> pd.Series:
    """``YYYY-MM-DD`` in one C pass; a value that does not print back the same (``2025-02-30``
    rolls over to March, ``2025-1-5``) is left for the careful parser."""
    array = strings.arrow(text)
    iso = pc.strptime(array, format="%Y-%m-%d", unit="s", error_is_null=True)
    same = pc.equal(pc.strftime(iso, format="%Y-%m-%d"), array)
    sane = pc.and_(same, pc.greater_equal(pc.year(iso), 1900))
    values = pd.Series(iso.to_numpy(zero_copy_only=False), index=text.index)
    return values.where(_flag(sane, text.index)).astype("datetime64[s]")


def _parse_dates(text: pd.Series, order: str | None, order_hint: str) -> Parsed:
    text = _as_text(text)
    blank = text.isin(BLANKS)
    iso = _iso_dates(text)
    if bool((iso.notna() | blank).all()):  # as most tools write dates
        return Parsed(iso, pd.Series(False, index=text.index))
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
        _written_out(_words_of_dates(text[rest]), values)
    bad = values.isna() & ~blank
    return Parsed(values, bad, None, ambiguous)


# Dates written in words, as spreadsheets' long formats and some exports write them.
_WRITTEN = (
    *("%d %b %Y", "%b %d, %Y", "%d %B %Y", "%B %d, %Y", "%b %d %Y", "%d-%b-%Y", "%d-%b-%y"),
    *("%Y%m%d", "%Y-%m-%d", "%Y-%m", "%B %Y", "%b %Y"),  # (a month alone: its first day)
)
_WEEKDAY = r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+"
_CLOCK = r"[\sT]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?$"
_VIETNAMESE = r"^(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2}),?\s+(?:năm\s+)?(\d{4})$"
# A month alone in numbers: "03/2026", "3.2026", and Vietnamese "T3/2026", "tháng 3 năm 2026".
_MONTH_YEAR = r"^(?:t|tháng)?\s*(\d{1,2})\s*(?:[/.\-]|\s+năm\s+|\s+)\s*(\d{4})$"


def _words_of_dates(text: pd.Series) -> pd.Series:
    """ "Monday, March 2, 2026 2:05 PM" → "march 2, 2026"; "ngày 2 tháng 3 năm 2026" →
    "2026-3-2"; "T3/2026" → "2026-3": the weekday and the clock dropped, Vietnamese and a
    month alone put in numbers."""
    text = text.str.strip().str.lower()
    text = text.str.replace(_WEEKDAY, "", regex=True).str.replace(_CLOCK, "", regex=True)
    text = text.str.replace(_VIETNAMESE, r"\3-\2-\1", regex=True)
    return text.str.replace(_MONTH_YEAR, r"\2-\1", regex=True)


def _written_out(text: pd.Series, values: pd.Series) -> None:
    """Fill ``values`` where ``text`` is a date in words, or a spreadsheet's day number
    ("46083": days since 30 December 1899, as a date column of a CSV made from a workbook
    may hold), within 1954–2119."""
    rest = pd.Series(True, index=text.index)
    for fmt in _WRITTEN:
        got = pd.to_datetime(text[rest], format=fmt, errors="coerce").dropna()
        values.loc[got.index] = got.astype("datetime64[s]")
        rest &= values.loc[text.index].isna()
        if not rest.any():
            return
    serial = pd.to_numeric(text[rest].where(text[rest].str.fullmatch(r"\d{5}")), errors="coerce")
    serial = serial[(serial >= 20_000) & (serial < 80_000)]
    values.loc[serial.index] = (
        pd.Timestamp("1899-12-30") + pd.to_timedelta(serial, unit="D")
    ).astype("datetime64[s]")
