"""Translation and locale formatting for English and Vietnamese."""

from __future__ import annotations

import json
import math
import numbers
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from model.problems import Problem

LANGUAGES: tuple[str, ...] = ("en", "vi")
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "vi": "Tiếng Việt"}
DEFAULT_CURRENCY: dict[str, str] = {"en": "USD", "vi": "VND"}
_LOCALES = Path(__file__).resolve().parents[1] / "locales"
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "VND": "₫", "AUD": "A$", "CAD": "C$"}
_NO_DECIMALS = {"VND", "JPY", "KRW", "IDR"}


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The message catalogue for ``lang`` (read once; the files ship with the app)."""
    with (_LOCALES / f"{lang}.json").open(encoding="utf-8") as fh:
        data: dict[str, str] = json.load(fh)
    return data


def translate(lang: str, key: str, **values: Any) -> str:
    """The message ``key`` in ``lang``, falling back to English, then to the key itself."""
    lang = lang if lang in LANGUAGES else "en"
    template = catalogue(lang).get(key) or catalogue("en").get(key) or key
    if not values:
        return template
    # "{n|client|clients}": the word that agrees with n (English; Vietnamese needs none).
    template = _PLURAL.sub(lambda m: _agree(values.get(m[1]), m[2], m[3]), template)
    # Counts read as numbers in the language: "20,000 clients", "20.000 khách hàng".
    values = {
        name: format_number(int(v), lang) if _is_count(v) else v for name, v in values.items()
    }
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


_PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def _agree(value: object, one: str, other: str) -> str:
    if isinstance(value, str):
        return one if value.strip().lstrip("+-") == "1" else other
    is_one = isinstance(value, numbers.Number) and not isinstance(value, bool) and abs(value) == 1  # type: ignore[arg-type]
    return one if is_one else other


def _is_count(value: object) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def problem_text(lang: str, problem: Problem) -> str:
    """What is wrong, in words (codes in its parameters, like a date order, said in words)."""
    params = dict(problem.params)
    if params.get("order") in ("dmy", "mdy"):  # a date order in words, never its code
        params["order"] = translate(lang, f"order.{params['order']}")
    if isinstance(params.get("kind"), str):  # a kind of file in words: "Toggl Track … export"
        params["kind"] = translate(lang, f"kind.{params['kind']}")
    if isinstance(params.get("field"), str):  # a field by its name in this language
        params["field"] = translate(lang, f"field.{params['field']}")
    return translate(lang, f"problem.{problem.code}", **params)


def problem_message(lang: str, problem: Problem) -> str:
    """A problem in words, naming file, row, column and value where they apply."""
    return located(lang, problem_text(lang, problem), problem.as_dict(""))


def located(lang: str, body: str, where: dict[str, Any]) -> str:
    """``file, row 3, column “Hours”, value “x”: body`` from a problem's record."""
    parts: list[str] = []
    if where.get("file"):
        parts.append(translate(lang, "where.file", file=where["file"]))
    for name in ("row", "column", "value"):
        if where.get(name) is not None:
            parts.append(translate(lang, f"where.{name}", **{name: where[name]}))
    return f"{', '.join(parts)}: {body}" if parts else body


def _group(digits: str, sep: str) -> str:
    out = []
    while len(digits) > 3:
        out.append(digits[-3:])
        digits = digits[:-3]
    out.append(digits)
    return sep.join(reversed(out))


def format_number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    """``1234.5`` → ``1,234.5`` (en) or ``1.234,5`` (vi); missing → ``–``."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    thousands, point = (".", ",") if lang == "vi" else (",", ".")
    text = f"{abs(float(value)):.{decimals}f}"
    whole, _, frac = text.partition(".")
    body = _group(whole, thousands) + (point + frac if frac else "")
    return ("-" if float(value) < 0 and float(text) != 0 else "") + body


_COMPACT = {"en": ((1e9, "B"), (1e6, "M")), "vi": ((1e9, " tỷ"), (1e6, " triệu"))}


def _compact(value: float, lang: str) -> str | None:
    """``122,482,995`` → ``122.5M`` (en) or ``122,5 triệu`` (vi); ``None`` under a million."""
    for size, word in _COMPACT["vi" if lang == "vi" else "en"]:
        if abs(value) >= size:
            scaled = value / size
            return format_number(scaled, lang, 2 if abs(scaled) < 10 else 1) + word
    return None


def format_money(
    value: float | int | None, lang: str, currency: str | None = None, *, compact: bool = False
) -> str:
    """``$1,234.50`` in English, ``1.234.567 ₫`` or ``1.234,50 USD`` in Vietnamese;
    ``compact`` shortens millions (``$122.5M``, ``12,3 tỷ ₫``) and drops cents from thousands
    where space is short."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    code = (currency or DEFAULT_CURRENCY.get(lang, "USD")).upper()
    decimals = 0 if code in _NO_DECIMALS else 2
    if compact and abs(float(value)) >= 1000:
        decimals = 0  # a card's "227.154 USD" fits where "227.153,73 USD" is cut
    symbol = _SYMBOLS.get(code, code)
    short = _compact(abs(float(value)), lang) if compact else None
    number = short or format_number(abs(float(value)), lang, decimals)
    sign = "-" if float(value) < 0 else ""
    if lang == "vi" and code != "VND":
        return f"{sign}{number} {code}"  # "1.234,50 USD": how Vietnamese writes foreign money
    if lang == "vi" or code == "VND":
        return f"{sign}{number} {symbol}"
    return f"{sign}{symbol}{' ' if symbol.isalpha() else ''}{number}"  # "CHF 1,234.50"


def format_percent(share: float | None, lang: str, decimals: int = 0) -> str:
    """``0.4`` → ``40%``; a share too small for ``decimals`` shows its first digit
    (``0.004%``) rather than a misleading ``0.0%``."""
    if share is None or not math.isfinite(share):
        return "–"
    pct = share * 100
    if 0 < abs(pct) < 0.5 * 10.0**-decimals:
        decimals = min(6, max(decimals, -math.floor(math.log10(abs(pct)))))
    return format_number(pct, lang, decimals) + "%"


def format_hours(hours: float | None, lang: str, *, compact: bool = False) -> str:
    if hours is None or not math.isfinite(hours):
        return "–"
    short = _compact(hours, lang) if compact else None
    return (short or format_number(hours, lang, 1)) + " " + translate(lang, "unit.hours")


def format_date(day: date | None, lang: str, *, weekday: bool = False) -> str:
    """``Sun, Jan 3, 2027`` (en) or ``Chủ nhật, 03/01/2027`` (vi)."""
    if day is None:
        return "–"
    if lang == "vi":
        text = f"{day.day:02d}/{day.month:02d}/{day.year}"
        return f"{translate(lang, f'weekday.{day.weekday()}')}, {text}" if weekday else text
    text = f"{translate(lang, f'month.{day.month}')} {day.day}, {day.year}"
    return f"{translate(lang, f'weekday.{day.weekday()}')}, {text}" if weekday else text
