"""Time logs that write each entry's start (and end) as one moment: ``2024-03-05T09:00:00Z``,
``05.03.2024 21:30``, ``3/5/2024 9:00 PM +07:00`` — Toggl's and Clockify's entries saved from
their API, timesheet apps, logs kept by hand.

A moment written with an offset is an instant: it is moved to the time zone of the user's
working hours before its day and hour are judged (an entry at 02:30 UTC is a 09:30 start in
Hanoi). A moment without one is taken as already in that zone, as trackers' own exports are.
Durations come from end − start (instants, so a change of offset between them is counted
right), else from a duration column.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from model import fields
from model.ingest import strings
from model.ingest.exports import (
    Imported,
    ImportOptions,
    bad_cells,
    client_codes,
    duration_column,
)
from model.ingest.headers import find
from model.ingest.time_entries import after_hours, clock_of_day, per_row, summed
from model.ingest.values import Parsed, date_order, parse_dates, parse_hours
from model.ingest.vocabulary import TIME_LOG
from model.problems import Problem

# A day (any form ``parse_dates`` reads), then optionally a time of day (after "T" or spaces,
# fractions of a second dropped, AM/PM) and an offset (Z, UTC, +07:00, +0700, -05).
_MOMENT = (
    r"^(?P<day>.+?)(?:(?:T|\s+)(?P<clock>\d{1,2}:\d{2}(?::\d{2})?)(?:[.,]\d+)?"
    r"(?:\s*(?P<half>[AaPp])\.?[Mm]\.?)?"
    r"\s*(?P<offset>[Zz]|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?$"
)


@dataclass(frozen=True)
class Moments:
    """Distinct moments of a column, read. ``local``: wall-clock time in the working-hours
    zone (for days and hours); ``instant``: the same moment on one clock for every row (UTC
    when written with an offset, else as written), for durations."""

    local: pd.Series
    instant: pd.Series
    timed: np.ndarray  # a time of day was written
    bad: pd.Series


def day_parts(text: pd.Series) -> pd.DataFrame:
    """Each moment's day, clock, AM/PM and offset as written (NaN where missing), and whether
    the cell is blank."""
    stripped = strings.as_text(text).fillna("").str.strip()
    parts = stripped.str.extract(_MOMENT)
    parts["blank"] = (stripped == "").to_numpy()
    return parts


def has_moments(frame: pd.DataFrame, headers: list[str]) -> bool:
    """Whether most starts hold a time of day: a client list's "Start" and "End" columns hold
    only days (a contract's), a time log's hold moments."""
    start_col = find(headers, "started")
    if start_col is None:
        return False
    if _day_column(frame, headers):
        return True
    parts = day_parts(frame[start_col].head(200))
    written = parts[~parts["blank"]]
    return bool(len(written)) and written["clock"].notna().mean() >= 0.5


def _clock_text(column: pd.Series) -> pd.Series:
    """Times of day as ``clock_of_day`` reads them: "8h30" and "10.00" with a colon, "p.m." as
    PM."""
    text = strings.as_text(column).fillna("").str.strip()
    text = text.str.replace(r"^(\d{1,2})[.h](\d{2})", r"\1:\2", regex=True)
    return text.str.replace(r"\s*([AaPp])\.?[Mm]\.?$", r" \1M", regex=True)


def _day_column(frame: pd.DataFrame, headers: list[str]) -> str | None:
    """The column of each entry's day, when the start column holds only its time of day (a log
    kept as "Date", "Start" 08:30, "End" 10:00)."""
    start_col, date_col = find(headers, "started"), find(headers, "start_date")
    if start_col is None or date_col is None or date_col == start_col:
        return None
    text = _clock_text(frame[start_col].head(200))
    filled = text[text != ""]
    clocks = bool(len(filled)) and (~clock_of_day(filled).bad).mean() >= 0.5
    return date_col if clocks else None


def _with_days(frame: pd.DataFrame, headers: list[str]) -> tuple[pd.DataFrame, bool]:
    """The log with each start and end clock joined to the entry's day, when they are written
    apart; whether they were."""
    date_col = _day_column(frame, headers)
    if date_col is None:
        return frame, False
    day = strings.as_text(frame[date_col]).fillna("").str.strip()
    joined = {}
    for column in (find(headers, "started"), find(headers, "stopped")):
        if column:
            clock = _clock_text(frame[column])
            joined[column] = (day + " " + clock).where(clock != "", "")
    return frame.assign(**joined), True


def read_moments(parts: pd.DataFrame, order: str, zone: str | None) -> Moments:
    """The moments whose ``day_parts`` these are, days read in ``order``."""
    days = parse_dates(parts["day"].fillna(""), order=order)
    half = parts["half"].fillna("").str.upper()
    clock_text = parts["clock"].fillna("")
    clock_text = clock_text.where(half == "", clock_text + " " + half + "M")
    clock = clock_of_day(clock_text)
    timed = clock.values.notna().to_numpy()
    seconds = np.round(np.nan_to_num(clock.values.to_numpy(dtype=float)) * 3600)
    wall = days.values.astype("datetime64[s]") + pd.to_timedelta(seconds, unit="s")
    offset = _offset_minutes(parts["offset"].fillna(""))
    written = ~np.isnan(offset)
    instant = wall - pd.to_timedelta(np.nan_to_num(offset), unit="m")
    local = wall
    if zone and written.any():
        moved = instant[written].dt.tz_localize("UTC").dt.tz_convert(zone).dt.tz_localize(None)
        local = wall.copy()
        local[written] = moved.astype(wall.dtype)
    unread = parts["day"].isna().to_numpy() | days.bad.to_numpy() | clock.bad.to_numpy()
    bad = pd.Series(unread & ~parts["blank"].to_numpy(), index=parts.index)
    return Moments(local, instant, timed, bad)


def _offset_minutes(offset: pd.Series) -> np.ndarray:
    """``Z`` → 0, ``+07:00`` → 420, ``-0530`` → -330; NaN where none is written."""
    parts = offset.str.extract(r"^([+-])(\d{2}):?(\d{2})?$")
    sign = np.where(parts[0].to_numpy() == "-", -1.0, 1.0)
    hours = pd.to_numeric(parts[1], errors="coerce").to_numpy(dtype=float)
    minutes = pd.to_numeric(parts[2], errors="coerce").fillna(0).to_numpy(dtype=float)
    found = sign * (hours * 60 + minutes)
    utc = offset.str.upper().isin(["Z", "UTC", "GMT"]).to_numpy()
    return np.where(utc, 0.0, found)


def time_log(frame: pd.DataFrame, headers: list[str], options: ImportOptions) -> Imported:
    """Per-client hours, entries, days and after-hours share of a log of moments."""
    start_col, end_col = find(headers, "started"), find(headers, "stopped")
    duration_col = duration_column(headers)
    if start_col is None or (end_col is None and duration_col is None):
        problem = Problem("error", "export_missing_columns", params={"kind": TIME_LOG})
        return Imported(pd.DataFrame(), [problem])
    frame, clocks_apart = _with_days(frame, headers)
    columns_read = [c for c in (start_col, end_col) if c]
    distinct = {c: strings.distinct(frame[c]) for c in columns_read}
    parts = {c: day_parts(values) for c, (values, _codes) in distinct.items()}
    order, problems = _order(parts, options, headers)
    zone = options.working_hours.timezone
    read = {c: read_moments(parts[c], order, zone) for c in columns_read}
    for c in columns_read:
        problems += bad_cells(per_row(read[c].bad, distinct[c][1]), frame[c], c, "not_a_moment")
    start, codes = read[start_col], distinct[start_col][1]
    hours = np.full(len(frame), np.nan)
    if duration_col:
        parsed = parse_hours(frame[duration_col])
        problems += bad_cells(parsed.bad, frame[duration_col], duration_col, "not_hours")
        hours = parsed.values.to_numpy(dtype=float)
        if _in_seconds(duration_col, hours):
            hours = hours / 3600
            problems.append(Problem("info", "durations_in_seconds", column=duration_col))
    if end_col:
        end, end_codes = read[end_col], distinct[end_col][1]
        gap = end.instant.to_numpy()[end_codes] - start.instant.to_numpy()[codes]
        span = gap / np.timedelta64(1, "h")
        if clocks_apart:  # 23:00 to 01:00 on one day's row: past midnight
            span = np.where(span < 0, span + 24, span)
        problems += bad_cells(span < 0, frame[end_col], end_col, "ends_before_start")
        hours = np.where(np.isnan(span), hours, span)
    if any(p.severity == "error" for p in problems):
        return Imported(pd.DataFrame(), problems)
    days = Parsed(start.local.dt.normalize(), start.bad)
    since_midnight = (start.local - days.values).to_numpy() / np.timedelta64(1, "h")
    hour_of_day = pd.Series(np.where(start.timed, since_midnight, np.nan), index=days.values.index)
    clock = Parsed(hour_of_day, start.bad)
    columns = {
        "hours": hours,
        "after_hours": after_hours(days, codes, clock, codes, options.working_hours),
    }
    names, client_of_row = client_codes(frame, headers, options)
    return summed(names, client_of_row, days.values, codes, columns, problems, None, options)


def _in_seconds(header: str, hours: np.ndarray) -> bool:
    """Durations in seconds, as trackers' APIs write them (``5400``): said by the header, or
    whole numbers whose median is beyond a day's hours (no entry of 5,400 hours)."""
    if fields.duration_unit(header) == "seconds":
        return True
    known = hours[~np.isnan(hours)]
    return bool(len(known)) and bool(np.all(known == np.round(known))) and np.median(known) > 24


def _order(
    parts: dict[str, pd.DataFrame], options: ImportOptions, headers: list[str]
) -> tuple[str, list[Problem]]:
    """The day/month order of the moments' days (the user's, else from all of them)."""
    if options.date_order:
        return options.date_order, []
    hint = "dmy" if fields.day_first_headers(headers) else "mdy"
    order, ambiguous = date_order([p["day"].dropna() for p in parts.values()], hint=hint)
    if not ambiguous:
        return order, []
    first = next(iter(parts))
    return order, [Problem("warning", "ambiguous_dates", column=first, params={"order": order})]
