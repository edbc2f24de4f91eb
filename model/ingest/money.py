"""Money in one currency, or refused: amounts carry their currency from a symbol or code in the
value (``$100``, ``100 ₫``, ``€100``) or the header (``Revenue (VND)``). Several currencies are
never added up: each but one needs a rate into the remaining one (``rates``: ``{"VND":
0.000039}`` says 1 ₫ = 0.000039 of it), else the data is refused naming each currency and
where it was found."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from model.ingest import strings
from model.ingest.values import CURRENCY_BODY, CURRENCY_CODES
from model.problems import Problem, shorten

_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₫": "VND", "đ": "VND"}
_WORDS = r"(?i)[AC]\$|\b(?:USD|EUR|GBP|VND|JPY|AUD|CAD|vnđ|dong|đồng)\b"


def symbol_currencies(text: pd.Series) -> set[str] | None:
    """The currencies the values' symbols name, or ``None`` when they use currency words or
    A$/C$ (then each value is read one by one). Literal scans in C: cheap on a big list."""
    array = strings.arrow(text)
    if pc.any(pc.match_substring_regex(array, _WORDS)).as_py():
        return None
    return {
        code
        for symbol, code in _SYMBOLS.items()
        if pc.any(pc.match_substring(array, symbol)).as_py()
    }


def currencies_in(text: pd.Series) -> pd.Series:
    """Each value's currency code (``USD``, ``VND``, …) or missing when it names none."""
    values, codes = strings.distinct(text)
    # In C (RE2), once per distinct value: a big list's money columns are read at full speed.
    found = pc.extract_regex(strings.arrow(values), pattern=f"(?i)(?P<c>{CURRENCY_BODY})")
    marks = pc.utf8_lower(pc.struct_field(found, [0])).to_pylist()
    named = np.array([CURRENCY_CODES.get(m) if m else None for m in marks], dtype=object)
    return pd.Series(named[codes], index=text.index, dtype=object)


def where_found(text: pd.Series, codes: pd.Series) -> dict[str, str]:
    """The first row (spreadsheet numbering) and value that names each currency."""
    firsts: dict[str, str] = {}
    for position in np.flatnonzero(codes.notna().to_numpy()):
        code = str(codes.iloc[position])
        if code not in firsts:
            firsts[code] = f"{position + 2}: “{shorten(text.iloc[position], 24)}”"
    return firsts


def base_currency(present: set[str], rates: Mapping[str, float]) -> str | None:
    """The one currency without a rate that the others convert into; ``None`` when more than
    one lacks a rate (nothing can be added up)."""
    without = sorted(present - set(rates))
    if len(without) == 1:
        return without[0]
    if not without and present:  # every one has a rate: into the unit the rates are in
        return ""
    return None


def in_one(
    values: pd.Series,
    codes: pd.Series,
    shown: pd.Series,
    column: str | None,
    rates: Mapping[str, float],
) -> tuple[pd.Series, str | None, list[Problem]]:
    """Amounts and each row's currency code (missing where none is named) in one currency: as
    they are when they name one at most, converted with the user's rates, or refused naming
    each currency and the first cell of ``shown`` that named it."""
    present = set(codes.dropna())
    if len(present) <= 1:
        return values, next(iter(present), None), []
    base = base_currency(present, rates)
    if base is None:
        return values, None, [mixed(column, where_found(shown, codes))]
    return to_base(values, codes, rates), base or None, []


def named(text: pd.Series, found: str | None) -> pd.Series:
    """Each row's currency code as ``text`` names it (a symbol, a code, "Euro - EUR"), else
    ``found`` (what a header or the amounts themselves named)."""
    codes = currencies_in(text)
    return codes.fillna(found) if found else codes


def to_base(values: pd.Series, codes: pd.Series, rates: Mapping[str, float]) -> pd.Series:
    """Amounts converted row by row with their currency's rate (the base currency's stay)."""
    factor = codes.map(lambda c: rates.get(c, 1.0) if isinstance(c, str) else 1.0)
    return values * factor.astype(float)


def mixed(column: str | None, found: dict[str, str], *, file: str | None = None) -> Problem:
    """Several currencies with no rates to add them up."""
    listed = "; ".join(f"{code} ({where})" for code, where in sorted(found.items()))
    return Problem("error", "mixed_currencies", column=column, file=file, params={"found": listed})


def parse_rates(pairs: list[str]) -> dict[str, float]:
    """``["VND=0.000039", "eur=1.08"]`` → ``{"VND": 3.9e-05, "EUR": 1.08}``; ``ValueError``
    naming the first pair that is not CODE=positive number."""
    rates: dict[str, float] = {}
    for pair in pairs:
        code, _, number = pair.partition("=")
        try:
            rate = float(number.strip().replace(",", "."))
        except ValueError:
            raise ValueError(pair) from None
        if not code.strip().isalpha() or len(code.strip()) != 3 or not 0 < rate < 1e12:
            raise ValueError(pair)
        rates[code.strip().upper()] = rate
    return rates
