"""Time entries (Toggl Track, Clockify, Harvest) to per-client hours, billable hours, amount,
entry counts, first and last day, and the after-hours share.

A million entries name a few hundred clients, a few hundred days and a few thousand start
times: each distinct value is parsed once, per-row facts are looked up by the value's code,
and totals are summed per client code with ``bincount``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from model import fields
from model.ingest import strings
from model.ingest.clients import client_keys
from model.ingest.exports import (
    Imported,
    ImportOptions,
    WorkingHours,
    bad_cells,
    client_codes,
    dates_in_one_order,
    duration_column,
    flags,
    in_one_currency,
    in_period,
)
from model.ingest.headers import find
from model.ingest.monthly import partial
from model.ingest.parallel import columns_side_by_side
from model.ingest.values import (
    YES,
    Parsed,
    parse_dates,
    parse_hours,
    parse_numbers,
    parse_once,
)
from model.problems import MAX_PROBLEMS_PER_COLUMN, Problem

_NAT = np.iinfo(np.int64).min
_NEVER = np.iinfo(np.int64).max


def clock_of_day(values: pd.Series) -> Parsed:
    """``15:10:43``, ``9:05`` or ``10:23:52 AM`` → hours since midnight (0..24)."""
    fast = _padded_clock(values)
    if fast is not None:
        return fast
    values = strings.as_text(values).str.strip()
    parts = values.str.extract(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$")
    h = pd.to_numeric(parts[0], errors="coerce")
    m = pd.to_numeric(parts[1], errors="coerce")
    s = pd.to_numeric(parts[2], errors="coerce").fillna(0)
    ampm = parts[3].str.upper()
    h = h.where(~((ampm == "PM") & (h < 12)), h + 12)
    h = h.where(~((ampm == "AM") & (h == 12)), 0)
    hours = (h + m / 60 + s / 3600).astype(float)
    bad = hours.isna() & (values != "")
    return Parsed(hours.where(hours < 24), bad | (hours >= 24))


def _padded_clock(values: pd.Series) -> Parsed | None:
    """``HH:MM:SS`` everywhere (as Toggl writes it) read in C; ``None`` for anything else."""
    text = strings.arrow(values)
    if not pc.all(pc.match_substring_regex(text, r"^\d\d:[0-5]\d:[0-5]\d$")).as_py():
        return None
    part = [
        pc.cast(pc.utf8_slice_codeunits(text, start, start + 2), pa.int32()).to_numpy()
        for start in (0, 3, 6)
    ]
    hours = part[0] + part[1] / 60 + part[2] / 3600
    index = values.index
    late = hours >= 24
    return Parsed(
        pd.Series(np.where(late, np.nan, hours), index=index), pd.Series(late, index=index)
    )


def after_hours(
    days: Parsed, day_codes: np.ndarray, clock: Parsed, clock_codes: np.ndarray, wh: WorkingHours
) -> np.ndarray:
    """Entries that start outside working hours or on a day off; judged once per distinct
    start time and day, then looked up per entry (an unknown day: by the clock alone)."""
    hour = clock.values.to_numpy(dtype=float)
    known = ~np.isnan(hour)
    with np.errstate(invalid="ignore"):
        start = wh.start.hour + wh.start.minute / 60
        end = wh.end.hour + wh.end.minute / 60
        off_clock = known & ((hour < start) | (hour >= end))
    dates = days.values
    day_off = (~dates.dt.day_of_week.isin(wh.days) & dates.notna()).to_numpy()
    after: np.ndarray = off_clock[clock_codes] | (known[clock_codes] & day_off[day_codes])
    return after


def time_entries(
    frame: pd.DataFrame, headers: list[str], kind: str, options: ImportOptions
) -> Imported:
    """Per-client hours, billable hours, amount, entries, dates and after-hours share."""
    date_col = find(headers, "start_date")
    duration_col = duration_column(headers)
    if date_col is None or duration_col is None:
        return Imported(
            pd.DataFrame(), [Problem("error", "export_missing_columns", params={"kind": kind})]
        )
    decimal_hint = "," if kind == "harvest" else "."
    # Trackers write dates in the account's own format: decided from all values, as for lists.
    order, order_problems = dates_in_one_order(
        frame, [date_col], options, hint="dmy" if decimal_hint == "," else "mdy"
    )
    billable_col = find(headers, "billable")
    amount_col = next(
        (h for h in headers if h.strip().lower().startswith(("amount", "billable amount"))), None
    )
    start_col = find(headers, "start_time")
    end_col = find(headers, "end_time")
    # Columns are parsed side by side: pyarrow lets go of the GIL, so a big export uses every
    # core (as the reader itself does).
    with columns_side_by_side(len(frame)) as pool:
        hours_job = pool.submit(parse_hours, frame[duration_col], decimal_hint=decimal_hint)
        days_job = pool.submit(parse_once, frame[date_col], lambda t: parse_dates(t, order=order))
        billable_job = pool.submit(flags, frame[billable_col], YES) if billable_col else None
        amount_job = (
            pool.submit(parse_numbers, frame[amount_col], decimal_hint=decimal_hint)
            if amount_col
            else None
        )
        clock_job = pool.submit(parse_once, frame[start_col], clock_of_day) if start_col else None
        end_job = pool.submit(parse_once, frame[end_col], clock_of_day) if end_col else None
        # Last: the only job that reads the frame itself, once this thread is done with it.
        clients_job = pool.submit(client_codes, frame, headers, options)
    (days, day_codes), hours = days_job.result(), hours_job.result()
    problems = order_problems
    problems += bad_cells(per_row(days.bad, day_codes), frame[date_col], date_col, "not_a_date")
    problems += bad_cells(hours.bad, frame[duration_col], duration_col, "not_hours")
    columns: dict[str, np.ndarray] = {"hours": hours.values.to_numpy(dtype=float)}
    if billable_job:
        columns["billable"] = billable_job.result()
    currency = None
    if amount_col and amount_job:
        parsed = amount_job.result()
        problems += bad_cells(parsed.bad, frame[amount_col], amount_col, "not_a_number")
        if parsed.values.notna().any():  # "Amount ()" columns of a free plan are blank
            currency = fields.currency_in_header(amount_col) or parsed.currency
            in_currency = in_one_currency(frame, headers, currency, options)
            amounts, currency, mixed = in_currency(parsed.values)
            problems += mixed
            columns["amount"] = amounts.to_numpy(dtype=float)
    if start_col and clock_job:
        clock, clock_codes = clock_job.result()
        bad_clock = per_row(clock.bad, clock_codes)
        problems += bad_cells(bad_clock, frame[start_col], start_col, "not_a_time")
        wh = options.working_hours
        columns["after_hours"] = after_hours(days, day_codes, clock, clock_codes, wh)
        if end_job:
            # Start to end on the clock (past midnight wraps): an entry longer than a day, or
            # 100 h between 9:00 and 10:00, does not fit it. (End dates are not read: speed.)
            end, end_codes = end_job.result()
            start_hour = clock.values.to_numpy(dtype=float)[clock_codes]
            end_hour = end.values.to_numpy(dtype=float)[end_codes]
            span = np.mod(end_hour - start_hour, 24)
            problems += _spans_that_disagree(columns["hours"], span, frame[duration_col])
    if any(p.severity == "error" for p in problems):
        return Imported(pd.DataFrame(), problems, currency)
    names, codes = clients_job.result()
    return summed(names, codes, days.values, day_codes, columns, problems, currency, options)


def summed(
    names: pd.Series,
    codes: np.ndarray,
    days: pd.Series,
    day_codes: np.ndarray,
    columns: dict[str, np.ndarray],
    problems: list[Problem],
    currency: str | None,
    options: ImportOptions,
) -> Imported:
    """Entries read (each one's client code, day code and ``columns``) to per-client totals
    and monthly sums, within the chosen period. ``days`` are the distinct days."""
    if options.period_start or options.period_end:
        kept = in_period(days, options).to_numpy()[day_codes]
        columns = {name: values[kept] for name, values in columns.items()}
        codes, day_codes = codes[kept], day_codes[kept]
    stamps = days.to_numpy(dtype="datetime64[s]").view(np.int64)
    return Imported(
        _per_client(names, codes, stamps, day_codes, columns),
        problems,
        currency,
        monthly_sums(names, codes, days, day_codes, columns),
    )


def monthly_sums(
    names: pd.Series,
    codes: np.ndarray,
    days: pd.Series,
    day_codes: np.ndarray,
    columns: dict[str, np.ndarray],
) -> pd.DataFrame:
    """Hours, billable and after-hours hours, amount and entries per client key and month:
    summed per (client code, month code) with ``bincount``, as the totals are."""
    month_days = days.to_numpy(dtype="datetime64[ns]").astype("datetime64[M]")
    months, month_codes = np.unique(month_days, return_inverse=True)
    n_months = len(months)
    cell = codes.astype(np.int64) * n_months + month_codes.reshape(-1)[day_codes]
    size = len(names) * n_months
    hours = np.nan_to_num(columns["hours"])
    sums = {fields.HOURS: hours, fields.ENTRIES: np.ones(len(codes))}
    if "billable" in columns:
        sums[fields.BILLABLE_HOURS] = hours * columns["billable"]
    if "amount" in columns:
        sums[fields.REVENUE] = np.nan_to_num(columns["amount"])
    if "after_hours" in columns:
        sums["after_hours_hours"] = hours * columns["after_hours"]
    totals = {k: np.bincount(cell, weights=v, minlength=size) for k, v in sums.items()}
    used = np.flatnonzero(totals[fields.ENTRIES])
    keys = np.asarray(client_keys(names), dtype=object)[used // n_months]
    return partial(
        keys,
        months[used % n_months].astype("datetime64[ns]"),
        {k: v[used] for k, v in totals.items()},
    )


def _spans_that_disagree(hours: np.ndarray, span: np.ndarray, raw: pd.Series) -> list[Problem]:
    """Entries whose duration does not fit their own start and end (100 h in a 1-hour span)."""
    with np.errstate(invalid="ignore"):
        gap = np.abs(hours - span)
        off = gap > 0.25  # a quarter of an hour is rounding, not a contradiction
        if off.any():
            off &= gap > 0.1 * span
    problems = []
    for position in np.flatnonzero(off)[:MAX_PROBLEMS_PER_COLUMN]:
        params = {"hours": f"{hours[position]:.2f}", "span": f"{span[position]:.2f}"}
        problems.append(
            Problem(
                "warning",
                "duration_vs_span",
                row=int(position) + 2,
                value=str(raw.iloc[position]),
                params=params,
            )
        )
    return problems


def per_row(bad: pd.Series, codes: np.ndarray) -> np.ndarray:
    """Which rows hold a bad distinct value (nothing to look up when none is bad)."""
    return bad.to_numpy()[codes] if bad.any() else np.zeros(0, dtype=bool)


def _per_client(
    names: pd.Series,
    codes: np.ndarray,
    stamps: np.ndarray,
    day_codes: np.ndarray,
    columns: dict[str, np.ndarray],
) -> pd.DataFrame:
    """Sum the entries of each client key; clients in order of first appearance, each under
    the first spelling seen. ``stamps`` are the distinct days (seconds), ``day_codes`` each
    entry's position among them."""
    key_of_name, keys = pd.factorize(client_keys(names))
    n = len(keys)
    # Names come in order of first appearance in the file; each key keeps its first spelling.
    seen = np.flatnonzero(np.bincount(codes, minlength=len(names)))
    rows = codes if n == len(names) else key_of_name[codes]  # (factorize keeps the order)
    entries = np.bincount(rows, minlength=n)

    def known_sum(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per-client sum of the known values (NaN where none is known), and the values with
        unknown ones as 0 (to weigh again)."""
        missing = np.isnan(values)
        if not missing.any():
            return np.bincount(rows, weights=values, minlength=n), values
        values = np.where(missing, 0.0, values)
        known = np.bincount(rows[~missing], minlength=n) > 0
        return np.where(known, np.bincount(rows, weights=values, minlength=n), np.nan), values

    hours_total, hours = known_sum(columns["hours"])
    scratch = np.empty_like(hours)  # one buffer for every "hours where ..." weighing

    def hours_where(flag: np.ndarray) -> np.ndarray:
        return np.bincount(rows, weights=np.multiply(hours, flag, out=scratch), minlength=n)

    out = {
        fields.HOURS: hours_total,
        fields.ENTRIES: entries.astype(float),
        fields.FIRST_PROJECT: _extreme_day(rows, stamps, day_codes, n, np.minimum),
        fields.LAST_PROJECT: _extreme_day(rows, stamps, day_codes, n, np.maximum),
    }
    if "billable" in columns:
        out[fields.BILLABLE_HOURS] = hours_where(columns["billable"])
    if "amount" in columns:
        out[fields.REVENUE] = known_sum(columns["amount"])[0]
    if "after_hours" in columns:
        with np.errstate(invalid="ignore", divide="ignore"):
            share = hours_where(columns["after_hours"]) / hours_total
        out[fields.AFTER_HOURS_SHARE] = np.where(hours_total > 0, share, np.nan)
    order = pd.unique(key_of_name[seen])
    first_name = np.full(n, len(names))
    np.minimum.at(first_name, key_of_name[seen], seen)
    table = pd.DataFrame({name: values[order] for name, values in out.items()})
    table.insert(0, fields.CLIENT, names.to_numpy()[first_name[order]])
    table.insert(0, fields.KEY, np.asarray(keys)[order])
    table[fields.CLIENT] = table[fields.CLIENT].astype(strings.TEXT)
    table[fields.KEY] = table[fields.KEY].astype(strings.TEXT)
    return table


def _extreme_day(
    rows: np.ndarray, stamps: np.ndarray, day_codes: np.ndarray, n: int, pick: np.ufunc
) -> np.ndarray:
    """Earliest (``np.minimum``) or latest (``np.maximum``) known day per client."""
    start = _NEVER if pick is np.minimum else _NAT
    found = np.full(n, start, dtype=np.int64)
    pick.at(found, rows, np.where(stamps == _NAT, start, stamps)[day_codes])
    found[found == start] = _NAT
    return found.view("datetime64[s]")
