"""Downloads that are safe to open in a spreadsheet.

Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
tab or carriage return) get a leading apostrophe; numbers stay numbers; UTF-8 with a BOM so that
Excel shows Vietnamese. Our own reader drops that apostrophe again, so names round-trip.
"""

from __future__ import annotations

import io

import pandas as pd

from model import fields

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def client_csv(clients: pd.DataFrame) -> bytes:
    """The per-client table with canonical headers, ready to re-import or open in Excel."""
    table = clients.drop(columns=[fields.KEY, fields.ROWS], errors="ignore").copy()
    if fields.PROBLEM in table:
        table[fields.PROBLEM] = table[fields.PROBLEM].map(
            lambda v: "" if pd.isna(v) else ("yes" if v >= 0.5 else "no")
        )
    for column in table.columns:
        if not pd.api.types.is_numeric_dtype(table[column]):
            if pd.api.types.is_datetime64_any_dtype(table[column]):
                table[column] = table[column].dt.strftime("%Y-%m-%d").fillna("")
            else:
                table[column] = table[column].astype(object).map(neutralise)
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, lineterminator="\r\n")
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
