"""Headers to fields: canonical fields of a client list (with the user's overrides), the
column roles of exports, and which kind of file a header row belongs to."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from model import fields
from model.ingest.vocabulary import CLIENT_LIST, TIME_LOG

if TYPE_CHECKING:  # exports use ``find``; only the type comes back here
    from model.ingest.exports import ImportOptions

IGNORE = ""  # mapping value for "use this column as an extra, not a canonical field"
_NOTE = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]\s*$")  # "(last 12 months)" ending a header


# Words that make a header about something else than the field a word of it names: a plan
# ("Revenue target", "Budget hours"), a person ("Sales rep", "Account manager"), a place or
# a zone ("Sales region", "Time zone"), another measure ("Risk score", "Response time",
# "Discount amount"). Such a header matches a field only by one of its own synonyms.
_QUALIFIERS = frozenset(
    (
        *("target", "goal", "quota", "expected", "estimated", "estimate", "forecast"),
        *("budget", "budgeted", "planned", "remaining", "limit", "max", "minimum", "maximum"),
        *("rep", "manager", "owner", "since", "region", "zone", "day"),
        *("risk", "credit", "lead", "discount", "fee", "fees", "response", "start", "end"),
    )
)


def _score(norm: str, synonym: str, rank: int, words: list[str]) -> tuple[int, int] | None:
    """Exact match beats every token match; earlier synonyms beat later ones. ``words``: the
    whole header's, note included (a qualifier there counts too)."""
    tokens, wanted = norm.split(), synonym.split()
    if not norm or any(t in _QUALIFIERS and t not in wanted for t in words):
        return None
    if norm == synonym:
        return (2, -rank)
    if len(wanted) >= 1 and len(tokens) <= len(wanted) + 2:
        # "Total revenue 2025" holds "revenue"; a lone short token must match a whole word.
        for start in range(len(tokens) - len(wanted) + 1):
            if tokens[start : start + len(wanted)] == wanted and len(synonym) >= 4:
                return (1, -rank)
    return None


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Each header's canonical field, or ``IGNORE``; every field used at most once.

    >>> guess_mapping(["Tên khách hàng", "Doanh thu (VND)", "Ghi chú"])
    {'Tên khách hàng': 'client', 'Doanh thu (VND)': 'revenue', 'Ghi chú': ''}
    """
    candidates: list[tuple[tuple[int, int], int, str, str]] = []
    for pos, header in enumerate(headers):
        whole = fields.normalise_header(header)
        words = whole.split()
        # The header without its note too: "Hours (last 12 months)", "Revenue (excl. VAT)".
        norms = {whole, fields.normalise_header(_NOTE.sub("", header))}
        for field in fields.FIELDS:
            if field.kind is fields.Kind.MONEY and "%" in header:
                continue  # "Profit %", "Margin (%)": a share, not an amount
            best = None
            for rank, synonym in enumerate(field.synonyms):
                for norm in norms:
                    if field.exact and norm != synonym:
                        continue
                    score = _score(norm, synonym, rank, words)
                    if score and (best is None or score > best):
                        best = score
            if best:
                candidates.append((best, -pos, header, field.name))
    mapping = {h: IGNORE for h in headers}
    taken: set[str] = set()
    for _rank, _pos, header, name in sorted(candidates, reverse=True):
        if name in taken or mapping[header]:
            continue
        mapping[header] = name
        taken.add(name)
    return mapping


def apply_overrides(mapping: Mapping[str, str], overrides: Mapping[str, str]) -> dict[str, str]:
    """The user's choices win; a field chosen for one column is taken off any other."""
    result = dict(mapping)
    for header, name in overrides.items():
        if header not in result:
            continue
        if name:
            for other, current in result.items():
                if current == name and other != header:
                    result[other] = IGNORE
        result[header] = name
    return result


def parse_map_arguments(pairs: list[str]) -> dict[str, str]:
    """``["Churn=problem", "Notes="]`` → ``{"Churn": "problem", "Notes": ""}``."""
    out: dict[str, str] = {}
    for pair in pairs:
        header, sep, name = pair.rpartition("=")
        if not sep or not header:
            raise ValueError(pair)
        name = name.strip()
        if name and name not in fields.BY_NAME:
            raise ValueError(pair)
        out[header.strip()] = name
    return out


# Column roles, matched on lower-cased headers with currency suffixes removed.
ROLES: dict[str, tuple[str, ...]] = {
    "client": (
        "client name",
        "customer name",
        "client",
        "customer",
        "ten khach hang",
        "khach hang",
        # Xero's and accounting tools' word for whoever an invoice is to.
        "contact name",
        "contact",
        "company name",
        "company",
        "account name",
        "ten cong ty",
        "cong ty",
    ),
    "project": ("project", "project name", "du an"),
    "start_date": ("start date", "date", "ngay", "ngay bat dau"),
    "start_time": ("start time", "gio bat dau"),
    "end_date": ("end date", "ngay ket thuc"),
    "end_time": ("end time", "gio ket thuc"),
    "duration": (
        "duration",
        "duration h",
        "duration decimal",
        "hours",
        "so gio",
        "thoi luong",
        # Trackers' APIs count seconds (read as such in a time log: ``time_log._in_seconds``).
        "duration seconds",
        "duration in seconds",
        "duration s",
        "duration sec",
    ),
    "billable": ("billable", "billable?"),
    "amount": (
        "amount",
        "billable amount",
        "amount eur",
        "amount usd",
        "invoice amount",
        "total amount",
        "so tien",
        "tong tien",
        "gia tri hoa don",
    ),
    "invoice": ("invoice", "invoice #", "invoice number", "invoice no", "invoice id", "so hoa don"),
    "issue_date": (
        "issue date",
        "date issued",
        "invoice date",
        "issued",
        "date",
        "ngay hoa don",
        "ngay xuat",
        "ngay xuat hoa don",
        "ngay lap",
        "ngay phat hanh",
    ),
    "due_date": ("due date", "due", "han thanh toan", "ngay den han"),
    # A whole moment (day and time) in one cell, as time logs and API exports write it.
    "started": (
        "start",
        "started",
        "started at",
        "start at",
        "start datetime",
        "start date time",
        "start timestamp",
        "bat dau",
        "thoi diem bat dau",
    ),
    "stopped": (
        "end",
        "stop",
        "stopped",
        "ended",
        "ended at",
        "stopped at",
        "end datetime",
        "end date time",
        "end timestamp",
        "ket thuc",
        "thoi diem ket thuc",
    ),
    "paid_date": (
        "paid date",
        "date paid",
        "paid on",
        "payment date",
        "settled date",
        "date settled",
        "settled on",
        "settled",
        "paid at",
        "last payment date",
        "last payment",
        "date of payment",
        "payment received",
        "ngay thanh toan",
        "ngay tra tien",
    ),
    # Whether an invoice is paid, as a yes or no ("Paid": TRUE in Stripe's export); a column
    # of amounts or of days under such a header is the amount paid or the paid date.
    "paid_flag": ("paid", "is paid", "fully paid", "settled", "da thanh toan", "da tra"),
    "status": ("status", "invoice status", "trang thai"),
    # "Amount Due" last: Stripe writes it for the whole amount, "Amount Remaining" for the rest.
    "balance": (
        "balance",
        "open balance",
        "balance due",
        "amount remaining",
        "remaining amount",
        "remaining balance",
        "amount outstanding",
        "outstanding amount",
        "outstanding",
        "amount due",
        "due amount",
        "invoice amount due",
        "amount owed",
        "unpaid amount",
        "con no",
        "so tien con no",
        "con lai",
        "so tien con lai",
        "con phai thu",
    ),
    # What has been paid of an invoice, when no column says what is still owed.
    "amount_paid": (
        "amount paid",
        "paid amount",
        "invoice amount paid",
        "total paid",
        "so tien da thanh toan",
        "da thu",
        "so tien da thu",
    ),
    # A column naming each row's currency (Harvest's "Euro - EUR", Xero's "GBP").
    "currency": ("currency", "currency code", "tien te", "loai tien", "don vi tien te"),
    "line_total": (
        "line total",
        "total",
        "invoice total",
        "invoice amount",
        "amount",
        "thanh tien",
        "tong cong",
        "tong thanh toan",
    ),
}


def normalise(header: str) -> str:
    text = fields.normalise_header(header.replace("#", " number "))
    return text.replace(" h", "").strip() if text.endswith(" h") else text


def find(headers: list[str], role: str) -> str | None:
    """The header that plays ``role`` (see ``ROLES``), if any: the one named by the role's
    earliest synonym, so "Customer Name" wins over "Customer" (Stripe's id) and "Amount
    Remaining" over "Amount Due" wherever they stand; among equals, the leftmost."""
    rank = _ranks(role)
    found = [(rank[n], pos) for pos, h in enumerate(headers) if (n := normalise(h)) in rank]
    return headers[min(found)[1]] if found else None


@functools.cache
def _ranks(role: str) -> dict[str, int]:
    """Each of the role's synonyms, normalised, and its place (made once per role)."""
    rank: dict[str, int] = {}
    for i, synonym in enumerate(ROLES[role]):
        rank.setdefault(normalise(synonym), i)
    return rank


def detect_kind(headers: list[str]) -> str:
    """``toggl``, ``clockify``, ``harvest``, ``time_log``, ``freshbooks``, ``invoices`` or
    ``client_list``."""
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
    has_client = find(headers, "client") is not None
    if (
        has_client
        and find(headers, "started")
        and (find(headers, "stopped") or find(headers, "duration"))
    ):
        return TIME_LOG
    if "client name" in low and any("invoice" in h for h in low) and "line total" in low:
        return "freshbooks"
    dated = any(find(headers, r) for r in ("due_date", "paid_date", "issue_date"))
    invoiceish = find(headers, "invoice") is not None or find(headers, "due_date") is not None
    priced = "amount" in norm or find(headers, "amount") or find(headers, "line_total")
    if has_client and dated and invoiceish and priced:
        return "invoices"
    return CLIENT_LIST


def wanted_columns(
    kind: str, options: ImportOptions | None = None
) -> Callable[[list[str]], set[str]] | None:
    """For a big export, the headers worth reading (the rest is never turned into Python)."""
    if kind in (CLIENT_LIST, TIME_LOG):  # a time log may still turn out a client list
        return None
    grouping = ("project",) if options and options.group_by_project else ()
    roles = (
        "client",
        *grouping,
        "start_date",
        "start_time",
        "end_time",
        "started",
        "stopped",
        "duration",
        "billable",
        "amount",
        "invoice",
        "issue_date",
        "due_date",
        "paid_date",
        "paid_flag",
        "status",
        "balance",
        "amount_paid",
        "line_total",
        "currency",
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
