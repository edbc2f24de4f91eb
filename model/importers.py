"""Exports freelancers really have — time trackers and invoicing tools — to per-client tables.

Time entries (Toggl Track, Clockify, Harvest) give hours, billable hours, billed amount, entry
counts, first/last day and the after-hours share. Invoices (a generic list, FreshBooks line
items) give revenue invoiced and paid, outstanding, average days late and late invoices.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

import numpy as np
import pandas as pd

from model import fields, strings
from model.problems import Problem, shorten
from model.values import Parsed, _by_distinct, parse_dates, parse_hours, parse_numbers

NO_CLIENT = "(no client)"
USUAL_TERMS_DAYS = 30


@dataclass(frozen=True)
class WorkingHours:
    """Entries starting outside ``start``–``end`` or on a day not in ``days`` are after hours."""

    start: time = time(8, 0)
    end: time = time(19, 0)
    days: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday = 0


@dataclass(frozen=True)
class ImportOptions:
    working_hours: WorkingHours = field(default_factory=WorkingHours)
    period_start: date | None = None
    period_end: date | None = None
    group_by_project: bool = False
    terms_days: int = USUAL_TERMS_DAYS
    today: date | None = None


# Column roles, matched on lower-cased headers with currency suffixes removed.
_ROLES: dict[str, tuple[str, ...]] = {
    "client": ("client", "client name", "customer", "customer name", "khach hang"),
    "project": ("project", "project name", "du an"),
    "start_date": ("start date", "date", "ngay", "ngay bat dau"),
    "start_time": ("start time", "gio bat dau"),
    "duration": ("duration", "duration h", "duration decimal", "hours", "so gio", "thoi luong"),
    "billable": ("billable", "billable?"),
    "amount": ("amount", "billable amount", "amount eur", "amount usd"),
    "invoice": ("invoice", "invoice #", "invoice number", "invoice no", "invoice id", "so hoa don"),
    "issue_date": ("issue date", "date issued", "invoice date", "issued", "ngay xuat"),
    "due_date": ("due date", "due", "han thanh toan", "ngay den han"),
    "paid_date": ("paid date", "date paid", "paid on", "payment date", "ngay thanh toan"),
    "status": ("status", "invoice status", "trang thai"),
    "line_total": ("line total", "total", "invoice total", "amount", "thanh tien"),
}


def _norm(header: str) -> str:
    text = fields.normalise_header(header.replace("#", " number "))
    return text.replace(" h", "").strip() if text.endswith(" h") else text


def _find(headers: list[str], role: str) -> str | None:
    wanted = {_norm(s) for s in _ROLES[role]}
    for header in headers:
        if _norm(header) in wanted:
            return header
    return None


def detect_kind(headers: list[str]) -> str:
    """``toggl``, ``clockify``, ``harvest``, ``freshbooks``, ``invoices`` or ``client_list``."""
    low = {h.strip().lower() for h in headers}
    norm = {_norm(h) for h in headers}
    if {"start date", "start time", "duration"} <= low and ("user" in low or "email" in low):
        return "toggl"
    if {"start date", "start time"} <= low and any(h.startswith("duration (") for h in low):
        return "clockify"
    if {"date", "client", "project", "hours"} <= low and (
        "billable?" in low or "first name" in low
    ):
        return "harvest"
    if "client name" in low and any("invoice" in h for h in low) and "line total" in low:
        return "freshbooks"
    has_client = _find(headers, "client") is not None
    dated = any(_find(headers, r) for r in ("due_date", "paid_date", "issue_date"))
    invoiceish = _find(headers, "invoice") is not None or _find(headers, "due_date") is not None
    if has_client and dated and invoiceish and ("amount" in norm or _find(headers, "line_total")):
        return "invoices"
    return "client_list"


KIND_IS_TIME = {"toggl", "clockify", "harvest"}


def _clock_of_day(text: pd.Series) -> Parsed:
    """``15:10:43``, ``9:05`` or ``10:23:52 AM`` → hours since midnight (0..24)."""

    def parse(values: pd.Series) -> Parsed:
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

    return _by_distinct(parse)(text)


def _keys(names: pd.Series) -> pd.Series:
    from model.ingest import fields_key

    return fields_key(names)


def _client_names(frame: pd.DataFrame, headers: list[str], options: ImportOptions) -> pd.Series:
    client_col = _find(headers, "client")
    project_col = _find(headers, "project")
    names = frame[client_col].str.strip() if client_col else pd.Series("", index=frame.index)
    if options.group_by_project and project_col:
        names = names.where(names != "", frame[project_col].str.strip())
    return strings.nfc(names.where(names != "", NO_CLIENT))


def _in_period(days: pd.Series, options: ImportOptions) -> pd.Series:
    keep = pd.Series(True, index=days.index)
    if options.period_start:
        keep &= ~(days < pd.Timestamp(options.period_start))
    if options.period_end:
        keep &= ~(days > pd.Timestamp(options.period_end))
    return keep


def _bad_cells(parsed: Parsed, raw: pd.Series, header: str, code: str) -> list[Problem]:
    rows = np.flatnonzero(parsed.bad.to_numpy())
    out = [
        Problem("error", code, row=int(r) + 2, column=header, value=shorten(raw.iloc[r]))
        for r in rows[:20]
    ]
    if len(rows) > 20:
        out.append(
            Problem("error", "more_in_column", column=header, params={"count": len(rows) - 20})
        )
    return out


def time_entries(
    frame: pd.DataFrame, headers: list[str], kind: str, options: ImportOptions
) -> tuple[pd.DataFrame, list[Problem], str | None]:
    """Per-client hours, billable hours, amount, entries, dates and after-hours share."""
    problems: list[Problem] = []
    date_col = _find(headers, "start_date")
    duration_col = (
        next((h for h in headers if h.strip().lower() == "duration (decimal)"), None)
        if kind == "clockify"
        else _find(headers, "duration")
    )
    if date_col is None or duration_col is None:
        return (
            pd.DataFrame(),
            [Problem("error", "export_missing_columns", params={"kind": kind})],
            None,
        )
    order = "mdy" if kind == "clockify" else None
    days = parse_dates(frame[date_col], order=order, order_hint="mdy")
    hours = parse_hours(frame[duration_col], decimal_hint="," if kind == "harvest" else ".")
    problems += _bad_cells(days, frame[date_col], date_col, "not_a_date")
    problems += _bad_cells(hours, frame[duration_col], duration_col, "not_hours")
    entries = pd.DataFrame(
        {
            fields.CLIENT: _client_names(frame, headers, options),
            "day": days.values,
            "hours": hours.values,
        }
    )
    billable_col = _find(headers, "billable")
    if billable_col:
        entries["billable"] = (
            frame[billable_col].str.strip().str.lower().isin({"yes", "true", "1", "y", "có"})
        )
    amount_col = next(
        (h for h in headers if h.strip().lower().startswith(("amount", "billable amount"))), None
    )
    currency = None
    if amount_col and (frame[amount_col].str.strip() != "").any():
        money = parse_numbers(frame[amount_col], decimal_hint="," if kind == "harvest" else ".")
        problems += _bad_cells(money, frame[amount_col], amount_col, "not_a_number")
        entries["amount"] = money.values
        currency = fields.currency_in_header(amount_col) or money.currency
    start_col = _find(headers, "start_time")
    if start_col:
        clock = _clock_of_day(frame[start_col])
        problems += _bad_cells(clock, frame[start_col], start_col, "not_a_time")
        wh = options.working_hours
        start_h = wh.start.hour + wh.start.minute / 60
        end_h = wh.end.hour + wh.end.minute / 60
        weekday = entries["day"].dt.day_of_week
        outside = (clock.values < start_h) | (clock.values >= end_h) | ~weekday.isin(wh.days)
        entries["after_hours"] = outside & clock.values.notna()
    if any(p.severity == "error" for p in problems):
        return pd.DataFrame(), problems, currency
    entries = entries[_in_period(entries["day"], options)]
    return _aggregate_entries(entries), problems, currency


def _aggregate_entries(entries: pd.DataFrame) -> pd.DataFrame:
    entries = entries.assign(key=_keys(entries[fields.CLIENT]))
    group = entries.groupby("key", sort=False)
    out = pd.DataFrame(
        {
            fields.CLIENT: group[fields.CLIENT].first(),
            fields.HOURS: group["hours"].sum(min_count=1),
            fields.ENTRIES: group.size().astype(float),
            fields.FIRST_PROJECT: group["day"].min(),
            fields.LAST_PROJECT: group["day"].max(),
        }
    )
    if "billable" in entries:
        out[fields.BILLABLE_HOURS] = (
            entries["hours"].where(entries["billable"], 0).groupby(entries["key"]).sum()
        )
    if "amount" in entries:
        out[fields.REVENUE] = group["amount"].sum(min_count=1)
    if "after_hours" in entries:
        after = entries["hours"].where(entries["after_hours"], 0).groupby(entries["key"]).sum()
        out[fields.AFTER_HOURS_SHARE] = after / out[fields.HOURS].where(out[fields.HOURS] > 0)
    return out.reset_index().rename(columns={"key": fields.KEY})


def invoices(
    frame: pd.DataFrame, headers: list[str], kind: str, options: ImportOptions
) -> tuple[pd.DataFrame, list[Problem], str | None]:
    """Per-client revenue invoiced and paid, outstanding, average days late, late invoices."""
    problems: list[Problem] = []
    amount_col = (
        _find(headers, "line_total")
        if kind == "freshbooks"
        else (_find(headers, "amount") or _find(headers, "line_total"))
    )
    issue_col, due_col = _find(headers, "issue_date"), _find(headers, "due_date")
    paid_col, status_col = _find(headers, "paid_date"), _find(headers, "status")
    invoice_col = _find(headers, "invoice")
    if amount_col is None:
        return (
            pd.DataFrame(),
            [Problem("error", "export_missing_columns", params={"kind": kind})],
            None,
        )
    amount = parse_numbers(frame[amount_col])
    problems += _bad_cells(amount, frame[amount_col], amount_col, "not_a_number")
    table = pd.DataFrame(
        {fields.CLIENT: _client_names(frame, headers, ImportOptions()), "amount": amount.values}
    )
    for role, column in (("issue", issue_col), ("due", due_col), ("paid", paid_col)):
        if column:
            parsed = parse_dates(frame[column])
            problems += _bad_cells(parsed, frame[column], column, "not_a_date")
            table[role] = parsed.values
        else:
            table[role] = pd.NaT
    table["status_paid"] = (
        frame[status_col].str.strip().str.lower().isin({"paid", "đã thanh toán", "da thanh toan"})
        if status_col
        else False
    )
    if any(p.severity == "error" for p in problems):
        return pd.DataFrame(), problems, None
    if invoice_col:  # line items (FreshBooks): one invoice per number
        table["invoice"] = frame[invoice_col].str.strip()
        table = table.groupby([fields.CLIENT, "invoice"], sort=False, as_index=False).agg(
            amount=("amount", "sum"),
            issue=("issue", "min"),
            due=("due", "max"),
            paid=("paid", "max"),
            status_paid=("status_paid", "max"),
        )
    table = table[_in_period(table["issue"].fillna(table["due"]), options)]
    today = pd.Timestamp(options.today or date.today())
    paid = table["paid"].notna() | table["status_paid"]
    settled_on = table["paid"].where(table["paid"].notna(), today)
    due = table["due"].where(
        table["due"].notna(), table["issue"] + pd.Timedelta(days=options.terms_days)
    )
    late_days = (settled_on - due).dt.days.astype(float)
    table = table.assign(
        key=_keys(table[fields.CLIENT]),
        paid_flag=paid,
        late=late_days,
        unpaid=table["amount"].where(~paid, 0.0),
    )
    group = table.groupby("key", sort=False)
    out = pd.DataFrame(
        {
            fields.CLIENT: group[fields.CLIENT].first(),
            fields.REVENUE: group["amount"].sum(min_count=1),
            fields.REVENUE_PAID: table["amount"]
            .where(table["paid_flag"], 0.0)
            .groupby(table["key"])
            .sum(),
            fields.OUTSTANDING: group["unpaid"].sum(),
            fields.DAYS_LATE: group["late"].mean(),
            fields.LATE_INVOICES: (table["late"] > 0).groupby(table["key"]).sum().astype(float),
            fields.FIRST_PROJECT: group["issue"].min(),
            fields.LAST_PROJECT: group["issue"].max(),
        }
    )
    return out.reset_index().rename(columns={"key": fields.KEY}), problems, amount.currency


def import_export(
    frame: pd.DataFrame, headers: list[str], kind: str, options: ImportOptions
) -> tuple[pd.DataFrame, list[Problem], str | None]:
    if kind in KIND_IS_TIME:
        return time_entries(frame, headers, kind, options)
    return invoices(frame, headers, kind, options)


def describe(kind: str, rows: int, table: pd.DataFrame) -> dict[str, Any]:
    """What a file was, for "Toggl Track detailed export, 217 time entries, Aug 2017"."""
    first = table[fields.FIRST_PROJECT].min() if fields.FIRST_PROJECT in table else None
    last = table[fields.LAST_PROJECT].max() if fields.LAST_PROJECT in table else None
    return {
        "kind": kind,
        "rows": rows,
        "first": None if first is None or pd.isna(first) else pd.Timestamp(first).date(),
        "last": None if last is None or pd.isna(last) else pd.Timestamp(last).date(),
    }


def wanted_columns(kind: str) -> Callable[[list[str]], set[str]] | None:
    """For a big export, the headers worth reading (the rest is never turned into Python)."""
    if kind == "client_list":
        return None
    roles = (
        "client",
        "project",
        "start_date",
        "start_time",
        "duration",
        "billable",
        "amount",
        "invoice",
        "issue_date",
        "due_date",
        "paid_date",
        "status",
        "line_total",
    )

    def keep(headers: list[str]) -> set[str]:
        found = {_find(headers, role) for role in roles}
        extra = {
            h
            for h in headers
            if h.strip().lower().startswith(("duration (", "amount", "billable amount"))
        }
        return {h for h in found | extra if h}

    return keep
