"""What time-tracker and invoice exports share: the user's import options, and each row's
client as a code into a short list of distinct names (grouping at C speed)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from model import fields
from model.ingest import money, strings
from model.ingest.headers import find
from model.ingest.values import date_order
from model.problems import (
    MAX_PROBLEMS_PER_COLUMN,
    Problem,
    more_in_column,
    shorten,
)

NO_CLIENT = "(no client)"


USUAL_TERMS_DAYS = 30


@dataclass(frozen=True)
class WorkingHours:
    """Entries starting outside ``start``–``end`` or on a day not in ``days`` are after hours.

    ``timezone`` (an IANA name) is where these hours are kept: a start written with an offset
    (``…T02:30:00Z``) is moved to it first; one without is taken as already in it. ``None``:
    every start as written.
    """

    start: time = time(8, 0)
    end: time = time(19, 0)
    days: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday = 0
    timezone: str | None = None


def known_zone(name: object) -> bool:
    """Whether ``name`` is a time zone this machine knows (IANA: ``Asia/Ho_Chi_Minh``)."""
    if not isinstance(name, str) or not name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


@dataclass(frozen=True)
class ImportOptions:
    working_hours: WorkingHours = field(default_factory=WorkingHours)
    period_start: date | None = None
    period_end: date | None = None
    group_by_project: bool = False
    terms_days: int = USUAL_TERMS_DAYS
    today: date | None = None
    # "dmy" or "mdy" when the user chose it for this file; else decided from the values.
    date_order: str | None = None
    # (currency, rate) pairs: 1 unit of it in the currency without a rate (see ``money``).
    rates: tuple[tuple[str, float], ...] = ()


@dataclass
class Imported:
    """What an export gives: the per-client totals, and the dated facts behind them."""

    clients: pd.DataFrame
    problems: list[Problem]
    currency: str | None = None
    monthly_sums: pd.DataFrame | None = None  # see ``model.ingest.monthly``
    invoices: pd.DataFrame | None = None  # see ``model.payments``


def duration_column(headers: list[str]) -> str | None:
    """The column of each entry's length. Clockify gives "Duration (h)" as 1:30:00 and
    "Duration (decimal)" as 1.50: the decimal one when both are there."""
    decimal = next((h for h in headers if h.strip().lower() == "duration (decimal)"), None)
    return decimal or find(headers, "duration")


def client_codes(
    frame: pd.DataFrame, headers: list[str], options: ImportOptions
) -> tuple[pd.Series, np.ndarray]:
    """Distinct client names (in order of first appearance) and each row's position among them.

    A blank client is ``(no client)`` — or the row's project, when the user groups by project.
    """
    client_col, project_col = find(headers, "client"), find(headers, "project")
    if client_col is None:
        names = pd.Series([""], dtype=strings.TEXT)
        codes = np.zeros(len(frame), dtype=np.int32)
    else:
        names, codes = strings.distinct(frame[client_col])
        names = strings.strip(names)
    if options.group_by_project and project_col:
        projects, project_codes = strings.distinct(frame[project_col])
        blank = (names == "").to_numpy()[codes]
        codes = np.where(blank, project_codes + len(names), codes)
        names = pd.concat([names, strings.strip(projects)], ignore_index=True)
    return strings.nfc(names.where(names != "", NO_CLIENT)), codes


Convert = Callable[[pd.Series], tuple[pd.Series, str | None, list[Problem]]]


def in_one_currency(
    frame: pd.DataFrame, headers: list[str], found: str | None, options: ImportOptions
) -> Convert:
    """An export's money in one currency: by the column naming each row's currency when there
    is one (Harvest's "Euro - EUR", Xero's "GBP"), else ``found`` (its header's or its amounts'
    own). The rows' currencies are read once for every money column."""
    column = find(headers, "currency")
    if column is None:
        return lambda values: (values, found, [])
    codes, rates = money.named(frame[column], found), dict(options.rates)
    return lambda values: money.in_one(values, codes, frame[column], column, rates)


def flags(column: pd.Series, words: Collection[str]) -> np.ndarray:
    """Whether each cell, trimmed and lower-cased, is one of ``words`` (e.g. billable "Yes")."""
    values, codes = strings.distinct(column)
    found: np.ndarray = strings.strip(values).str.lower().isin(words).to_numpy()[codes]
    return found


def in_period(days: pd.Series, options: ImportOptions) -> pd.Series:
    """Rows on or between the chosen days; rows without a day are kept."""
    keep = pd.Series(True, index=days.index)
    if options.period_start:
        keep &= ~(days < pd.Timestamp(options.period_start))
    if options.period_end:
        keep &= ~(days > pd.Timestamp(options.period_end))
    return keep


def dates_in_one_order(
    frame: pd.DataFrame, columns: list[str], options: ImportOptions, *, hint: str = "mdy"
) -> tuple[str, list[Problem]]:
    """The day/month order for these date columns (the user's, else from all their values),
    with a warning on the first column when nothing in the file tells."""
    if fields.day_first_headers([str(c) for c in frame.columns]):
        hint = "dmy"
    if options.date_order or not columns:
        return options.date_order or hint, []
    order, ambiguous = date_order([frame[c] for c in columns], hint=hint)
    if not ambiguous:
        return order, []
    return order, [
        Problem("warning", "ambiguous_dates", column=columns[0], params={"order": order})
    ]


def bad_cells(bad: pd.Series | np.ndarray, raw: pd.Series, header: str, code: str) -> list[Problem]:
    """One problem per unusable cell (row, column, value), up to a limit, then a count."""
    rows = np.flatnonzero(np.asarray(bad))
    out = [
        Problem("error", code, row=int(r) + 2, column=header, value=shorten(raw.iloc[r]))
        for r in rows[:MAX_PROBLEMS_PER_COLUMN]
    ]
    return out + more_in_column(len(rows), header)
