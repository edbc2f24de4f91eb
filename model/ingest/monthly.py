"""The dated side of reading: each client's sums per calendar month.

Every reader that knows when its rows happened (time entries, invoices, a client list with a
``date`` column) leaves a *partial* table of sums per ``(key, month)``; sums join, convert and
merge like the per-client table does, and ``public`` turns them into the monthly table the
pages and the report show (averages are only taken there, from the sums).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from model import fields

MONTH = "month"
# Sums kept per client and month; averages come from them in ``public``.
SUMS = (
    fields.REVENUE,
    fields.HOURS,
    fields.BILLABLE_HOURS,
    "after_hours_hours",
    "late_sum",
    "late_count",
    fields.ENTRIES,
    "invoices",
)
PUBLIC = (
    fields.CLIENT,
    MONTH,
    fields.REVENUE,
    fields.HOURS,
    fields.BILLABLE_HOURS,
    fields.EFFECTIVE_RATE,
    fields.DAYS_LATE,
    fields.AFTER_HOURS_SHARE,
    fields.ENTRIES,
    "invoices",
)


def month_of(days: pd.Series | np.ndarray) -> np.ndarray:
    """The first day of each date's month (``NaT`` stays ``NaT``)."""
    values = np.asarray(days, dtype="datetime64[ns]")
    return values.astype("datetime64[M]").astype("datetime64[ns]")


def partial(keys: np.ndarray, months: np.ndarray, sums: Mapping[str, np.ndarray]) -> pd.DataFrame:
    """Sum rows to one per ``(key, month)``; rows without a month are left out.

    A sum column that is NaN on every row of a month stays NaN there (nothing known), not 0.
    """
    dated = ~np.isnat(months)
    frame = pd.DataFrame(
        {fields.KEY: np.asarray(keys, dtype=object)[dated], MONTH: months[dated]}
        | {name: np.asarray(values, dtype=float)[dated] for name, values in sums.items()}
    )
    if frame.empty:
        return empty()
    grouped = frame.groupby([fields.KEY, MONTH], sort=True).sum(min_count=1)
    return _complete(grouped.reset_index())


def empty() -> pd.DataFrame:
    return _complete(pd.DataFrame({fields.KEY: [], MONTH: pd.Series([], dtype="datetime64[ns]")}))


def _complete(frame: pd.DataFrame) -> pd.DataFrame:
    for name in SUMS:
        if name not in frame:
            frame[name] = np.nan
    frame[fields.KEY] = frame[fields.KEY].astype(object)
    return frame[[fields.KEY, MONTH, *SUMS]]


def joined(partials: list[pd.DataFrame]) -> pd.DataFrame:
    """Several files' sums in one table. Per column and client, the first file that knows it
    wins (as in the per-client join): hours of Toggl and money of the invoices side by side,
    never a client's revenue counted from two files."""
    pieces = []
    for column in SUMS:
        taken: set[object] = set()
        for table in partials:
            known = table.loc[table[column].notna(), [fields.KEY, MONTH, column]]
            keys = set(known[fields.KEY])
            pieces.append(known[~known[fields.KEY].isin(taken)])
            taken |= keys
    frame = pd.concat([p for p in pieces if not p.empty] or [empty()], ignore_index=True)
    if frame.empty:
        return empty()
    grouped = frame.groupby([fields.KEY, MONTH], sort=True).sum(min_count=1)
    return _complete(grouped.reset_index())


def converted(table: pd.DataFrame, rate: float) -> pd.DataFrame:
    return table.assign(**{fields.REVENUE: table[fields.REVENUE] * rate})


def rekeyed(table: pd.DataFrame, new_key: Mapping[str, str]) -> pd.DataFrame:
    """The clients the user merged, under the group's first key."""
    keys = table[fields.KEY].map(lambda k: new_key.get(k, k))
    if table.empty:
        return table
    grouped = table.assign(**{fields.KEY: keys}).groupby([fields.KEY, MONTH], sort=True)
    return _complete(grouped.sum(min_count=1).reset_index())


def public(table: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """``client, month, revenue, hours, billable_hours, effective_rate, days_late,
    after_hours_share, entries, invoices`` — one row per client and month with rows."""
    hours = table[fields.HOURS]
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = (table[fields.REVENUE] / hours).where(hours > 0)
        late = (table["late_sum"] / table["late_count"]).where(table["late_count"] > 0)
        after = (table["after_hours_hours"] / hours).where(hours > 0)
    codes, keys = pd.factorize(table[fields.KEY], sort=False)  # a name per client, not per row
    client = np.array([names.get(k, k) for k in keys], dtype=object)[codes]
    out = pd.DataFrame(
        {
            fields.KEY: table[fields.KEY],
            # The dtype given, not inferred: inference reads 50,000 names to make them Arrow.
            fields.CLIENT: pd.Series(client, index=table.index, dtype=table[fields.KEY].dtype),
            MONTH: table[MONTH],
            fields.REVENUE: table[fields.REVENUE],
            fields.HOURS: hours,
            fields.BILLABLE_HOURS: table[fields.BILLABLE_HOURS],
            fields.EFFECTIVE_RATE: rate,
            fields.DAYS_LATE: late,
            fields.AFTER_HOURS_SHARE: after,
            fields.ENTRIES: table[fields.ENTRIES],
            "invoices": table["invoices"],
        }
    )
    return out.reset_index(drop=True)
