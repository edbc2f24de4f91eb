"""Exports freelancers really have — time trackers and invoicing tools — to per-client tables.

Which kind a file is comes from its headers alone; ``model.time_entries`` and
``model.invoices`` do the work, with what they share in ``model.export_columns``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from model import fields
from model.export_columns import ImportOptions, WorkingHours, find, normalise
from model.invoices import invoices
from model.problems import Problem
from model.time_entries import time_entries

__all__ = [
    "KIND_IS_TIME",
    "ImportOptions",
    "WorkingHours",
    "describe",
    "detect_kind",
    "import_export",
    "wanted_columns",
]


def detect_kind(headers: list[str]) -> str:
    """``toggl``, ``clockify``, ``harvest``, ``freshbooks``, ``invoices`` or ``client_list``."""
    low = {h.strip().lower() for h in headers}
    norm = {normalise(h) for h in headers}
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
    has_client = find(headers, "client") is not None
    dated = any(find(headers, r) for r in ("due_date", "paid_date", "issue_date"))
    invoiceish = find(headers, "invoice") is not None or find(headers, "due_date") is not None
    if has_client and dated and invoiceish and ("amount" in norm or find(headers, "line_total")):
        return "invoices"
    return "client_list"


KIND_IS_TIME = {"toggl", "clockify", "harvest"}


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


def wanted_columns(
    kind: str, options: ImportOptions | None = None
) -> Callable[[list[str]], set[str]] | None:
    """For a big export, the headers worth reading (the rest is never turned into Python)."""
    if kind == "client_list":
        return None
    grouping = ("project",) if options and options.group_by_project else ()
    roles = (
        "client",
        *grouping,
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
        "balance",
        "line_total",
    )

    def keep(headers: list[str]) -> set[str]:
        found = {find(headers, role) for role in roles}
        extra = {
            h
            for h in headers
            if h.strip().lower().startswith(("duration (", "amount", "billable amount"))
        }
        return {h for h in found | extra if h}

    return keep
