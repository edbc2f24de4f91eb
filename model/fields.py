"""The one schema: canonical per-client fields, their kinds and header synonyms."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"
    MONEY = "money"
    NUMBER = "number"
    HOURS = "hours"
    COUNT = "count"
    DATE = "date"
    LABEL = "label"


CLIENT = "client"
REVENUE = "revenue"
HOURS = "hours"
DAYS_LATE = "days_late"
OUTSTANDING = "outstanding"
AFTER_HOURS = "after_hours_contacts"
REVISIONS = "revisions"
SCOPE_CHANGES = "scope_changes"
SATISFACTION = "satisfaction"
FIRST_PROJECT = "first_project"
LAST_PROJECT = "last_project"
NOTICE_DAYS = "notice_days"
PROBLEM = "problem"
PROFIT = "profit"
# When one row of a list (an order, an invoice, a project) happened: kept per month, not per
# client (see ``model.ingest.monthly``).
DATE = "date"

# Derived columns (never read from a file).
KEY = "key"
EFFECTIVE_RATE = "effective_rate"
ROWS = "rows"
# Filled by time-entry and invoice imports.
BILLABLE_HOURS = "billable_hours"
AFTER_HOURS_SHARE = "after_hours_share"
ENTRIES = "entries"
LATE_INVOICES = "late_invoices"
REVENUE_PAID = "revenue_paid"


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    synonyms: tuple[str, ...]
    # How rows of one client combine: sum, mean, min, max or label.
    combine: str
    # Only a header that is exactly a synonym (``date`` must not take "Ship Date").
    exact: bool = False


FIELDS: tuple[Field, ...] = (
    Field(
        CLIENT,
        Kind.TEXT,
        (
            # A name before a bare "Customer", which an export may fill with ids (Stripe).
            "client name",
            "customer name",
            "client",
            "customer",
            "company",
            "company name",
            "account",
            "account name",
            "khach hang",
            "ten khach hang",
            "ten kh",
            "cong ty",
            "ten cong ty",
            "customer id",
            "client id",
        ),
        "first",
    ),
    Field(
        REVENUE,
        Kind.MONEY,
        (
            "revenue",
            "billed",
            "amount",
            "sales",
            "income",
            "total billed",
            "billable amount",
            "invoiced",
            "doanh thu",
            "thanh tien",
            "so tien",
            "tong tien",
        ),
        "sum",
    ),
    Field(
        HOURS,
        Kind.HOURS,
        (
            "hours",
            "time",
            "duration",
            "hours spent",
            "time spent",
            "total hours",
            "hrs",
            "total hrs",
            "hrs worked",
            "hours worked",
            "hours logged",
            "time logged",
            "time tracked",
            "so gio",
            "gio",
            "gio lam",
            "tong gio",
            "thoi gian",
            "thoi luong",
        ),
        "sum",
    ),
    Field(
        DAYS_LATE,
        Kind.NUMBER,
        (
            "days late",
            "days overdue",
            "avg days late",
            "average days late",
            "payment delay",
            "so ngay tre",
            "ngay tre",
            "so ngay tre han",
            "so ngay tra cham",
        ),
        "mean",
    ),
    Field(
        OUTSTANDING,
        Kind.MONEY,
        (
            "outstanding",
            "balance due",
            "balance",
            "unpaid",
            "unpaid amount",
            "amount unpaid",
            "outstanding amount",
            "amount outstanding",
            "open amount",
            "amount due",
            "owed",
            "cong no",
            "no",
            "chua thanh toan",
            "so tien no",
        ),
        "sum",
    ),
    Field(
        AFTER_HOURS,
        Kind.COUNT,
        (
            "after hours messages",
            "after hours contacts",
            "after hours",
            "after hours calls",
            "out of hours contacts",
            "out of hours messages",
            "weekend messages",
            "weekend calls",
            "late night messages",
            "evening messages",
            "night messages",
            "tin nhan ngoai gio",
            "tin nhan cuoi tuan",
            "tin nhan buoi toi",
            "lien he ngoai gio",
            "ngoai gio",
        ),
        "sum",
    ),
    Field(
        REVISIONS,
        Kind.COUNT,
        (
            "revisions",
            "revision rounds",
            "rejected deliverables",
            "rounds of revisions",
            "so lan sua",
            "lan sua",
            "chinh sua",
        ),
        "sum",
    ),
    Field(
        SCOPE_CHANGES,
        Kind.COUNT,
        (
            "scope changes",
            "out of scope requests",
            "scope creep",
            "change requests",
            "thay doi pham vi",
            "yeu cau ngoai pham vi",
        ),
        "sum",
    ),
    Field(
        SATISFACTION,
        Kind.NUMBER,
        (
            "satisfaction",
            "rating",
            "happiness",
            "score",
            "muc do hai long",
            "hai long",
            "danh gia",
        ),
        "mean",
    ),
    Field(
        FIRST_PROJECT,
        Kind.DATE,
        (
            "first project",
            "first project date",
            "start date",
            "client since",
            "since",
            "first invoice",
            "du an dau tien",
            "ngay bat dau",
        ),
        "min",
    ),
    Field(
        LAST_PROJECT,
        Kind.DATE,
        (
            "last project",
            "last project date",
            "last invoice",
            "last activity",
            "end date",
            "du an gan nhat",
            "du an cuoi",
            "ngay ket thuc",
        ),
        "max",
    ),
    Field(
        NOTICE_DAYS,
        Kind.COUNT,
        (
            "notice days",
            "notice period",
            "notice",
            "so ngay bao truoc",
            "bao truoc",
            "thoi han bao truoc",
        ),
        "max",
    ),
    Field(
        PROFIT,
        Kind.MONEY,
        (
            "profit",
            "margin",
            "gross profit",
            "net profit",
            "gross margin",
            "contribution",
            "loi nhuan",
            "lai",
            "lai gop",
            "loi nhuan gop",
        ),
        "sum",
    ),
    Field(
        DATE,
        Kind.DATE,
        (
            "date",
            "order date",
            "invoice date",
            "transaction date",
            "sale date",
            "sales date",
            "posting date",
            "booking date",
            "project date",
            "created",
            "created at",
            "created date",
            "month",
            "billing month",
            "ngay",
            "ngay dat hang",
            "ngay hoa don",
            "ngay giao dich",
            "ngay ban",
            "ngay ban hang",
            "ngay tao",
            "thang",
        ),
        "min",
        exact=True,
    ),
    Field(
        PROBLEM,
        Kind.LABEL,
        (
            "problem",
            "problem client",
            "label",
            "is problem",
            "difficult client",
            "difficult",
            "bad client",
            "problematic",
            "red flag",
            "flagged",
            "let go",
            "fire",
            "fire client",
            "should fire",
            "fired",
            "toxic",
            "khach kho",
            "khach kho tinh",
            "kho tinh",
            "khach hang co van de",
            "co van de",
            "van de",
            "nhan",
        ),
        "label",
    ),
)

BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
CANONICAL: tuple[str, ...] = tuple(f.name for f in FIELDS)
NUMERIC_FIELDS: tuple[str, ...] = tuple(
    f.name for f in FIELDS if f.kind in (Kind.MONEY, Kind.NUMBER, Kind.HOURS, Kind.COUNT)
)
# Derived per-client numbers (from the data or from time and invoice exports).
DERIVED_NUMERIC: tuple[str, ...] = (
    EFFECTIVE_RATE,
    BILLABLE_HOURS,
    AFTER_HOURS_SHARE,
    ENTRIES,
    LATE_INVOICES,
    REVENUE_PAID,
)
# Headers of columns the app computes itself (its own per-client export holds them): read back,
# they are recomputed from the data rather than kept twice.
RECOMPUTED_HEADERS: dict[str, str] = {
    "effective rate": EFFECTIVE_RATE,
    "effective hourly rate": EFFECTIVE_RATE,
    "don gia thuc te": EFFECTIVE_RATE,
    "don gia gio thuc te": EFFECTIVE_RATE,
}
MONEY_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.kind is Kind.MONEY)

_CURRENCY_SUFFIX = re.compile(
    r"\s*[\(\[]\s*(?:[A-Za-z]{3}|[$€£¥₫đ]|vnd|usd|eur)?\s*[\)\]]\s*$|\s+in\s+[A-Za-z]{3}$",
    re.IGNORECASE,
)
# camelCase and CAPSWord boundaries ("customerID", "IDNumber").
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_WORD = re.compile(r"[^0-9a-z]+")
# Currencies a header may end with, written out or run into the word ("REVENUEUSD").
_CURRENCY_CODES = ("usd", "eur", "gbp", "vnd", "aud", "cad", "chf", "jpy", "sgd")
# Words headers are made of beyond the synonyms below: run-together headers
# ("CUSTOMERNAME", "TOTALSALES", "InvoiceDate" in capitals) are split back into them.
_HEADER_WORDS = frozenset(
    [
        "total",
        "sales",
        "order",
        "orders",
        "date",
        "dates",
        "name",
        "names",
        "id",
        "number",
        "no",
        "amount",
        "paid",
        "due",
        "invoice",
        "invoiced",
        "settled",
        "days",
        "day",
        "late",
        "overdue",
        "ship",
        "shipping",
        "mode",
        "status",
        "state",
        "balance",
        "open",
        "customer",
        "client",
        "company",
        "account",
        "project",
        "task",
        "user",
        "email",
        "start",
        "end",
        "time",
        "duration",
        "billable",
        "billed",
        "rate",
        "price",
        "cost",
        "profit",
        "margin",
        "quantity",
        "qty",
        "unit",
        "first",
        "last",
        "since",
        "employment",
        "member",
        "contact",
        "phone",
        "city",
        "country",
        "region",
        "segment",
        "category",
        "product",
        "type",
        "year",
        "month",
        "revenue",
        "hours",
        "hour",
        "gross",
        "net",
        "discount",
        "tax",
        "notes",
        "note",
        "value",
        "code",
        "count",
        "num",
        "payment",
        "payments",
        "invoices",
        "remaining",
        "per",
        "week",
        *_CURRENCY_CODES,  # run into an amount: "REVENUEUSD"
    ]
)


# Letters only Vietnamese writes among the languages our users' files come in, and words its
# headers use without one ("Khách hàng", "Ngày"): a Vietnamese file's dates are day first
# (02/03/2026 is 2 March).
_VIETNAMESE_LETTERS = frozenset("ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
_VIETNAMESE_WORDS = frozenset(("khách", "ngày", "tháng", "tiền", "giờ", "doanh"))


def day_first_headers(headers: list[str]) -> bool:
    """Whether a file's headers are Vietnamese: its dates are then day first when they read
    either way."""
    text = " ".join(str(h) for h in headers).casefold()
    return any(
        letter in _VIETNAMESE_LETTERS for letter in text
    ) or not _VIETNAMESE_WORDS.isdisjoint(re.findall(r"\w+", text))


def strip_accents(text: str) -> str:
    """Vietnamese-aware accent removal: ``khách hàng`` → ``khach hang``, ``đ`` → ``d``."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise_header(header: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a column header.

    >>> normalise_header("Tên Khách Hàng (VND)")
    'ten khach hang'
    >>> normalise_header("customerID")
    'customer id'
    """
    text = header.strip().lstrip("\ufeff")
    text = _CURRENCY_SUFFIX.sub("", text)
    text = _CAMEL.sub(" ", text)
    text = strip_accents(text).casefold()
    words = _NON_WORD.sub(" ", text).split()
    return " ".join(part for word in words for part in _split_run_together(word))


def _known_words() -> frozenset[str]:
    return _HEADER_WORDS | {w for f in FIELDS for s in f.synonyms for w in s.split()}


def _split_run_together(word: str) -> list[str]:
    """``customername`` → ``customer``, ``name`` when it is made of known header words only
    (fewest pieces wins); any other word is left whole."""
    known = _KNOWN_WORDS
    if len(word) < 5 or word in known or word.isdigit():
        return [word]
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(2, len(word) + 1):
        for start in range(max(0, end - 12), end - 1):
            piece, before = word[start:end], best[start]
            if before is not None and piece in known:
                candidate = [*before, piece]
                if best[end] is None or len(candidate) < len(best[end] or []):
                    best[end] = candidate
    found = best[len(word)]
    return found if found and len(found) > 1 else [word]


def currency_in_header(header: str) -> str | None:
    """The ISO code in a header such as ``Amount (USD)``, ``Doanh thu (₫)``, ``Revenue EUR``,
    ``Revenue in GBP`` or ``REVENUEUSD``."""
    match = re.search(r"[\(\[]\s*([A-Za-z]{3}|[$€£¥₫])\s*[\)\]]", header)
    if match:
        token = match.group(1).upper()
        return {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₫": "VND"}.get(token, token)
    pieces = _pieces(header)
    return pieces[-1].upper() if len(pieces) > 1 and pieces[-1] in _CURRENCY_CODES else None


def _pieces(header: str) -> list[str]:
    """A header's words, a note and a run-together last word included ("Time (min)" →
    ``time``, ``min``; "REVENUEUSD" → ``revenue``, ``usd``)."""
    words = _NON_WORD.sub(" ", strip_accents(_CAMEL.sub(" ", header)).casefold()).split()
    return [*words[:-1], *_split_run_together(words[-1])] if words else []


# Units of time, accents stripped, in hours: in a cell ("1 giờ 30 phút") or ending a header.
DURATION_UNITS = {
    **dict.fromkeys(("d", "day", "days", "ngay"), 24.0),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "gio", "tieng"), 1.0),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes", "phut"), 1 / 60),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds", "giay"), 1 / 3600),
}


def duration_unit(header: str) -> str | None:
    """``"minutes"`` or ``"seconds"`` when a duration column's header ends with that unit
    ("Time (min)", "Duration in seconds", "Thời gian (phút)"); else its numbers are hours
    (a day is left alone: a "day" in a header may be a working day)."""
    pieces = _pieces(header)
    hours = DURATION_UNITS.get(pieces[-1]) if len(pieces) > 1 else None
    return {1 / 60: "minutes", 1 / 3600: "seconds"}.get(hours) if hours else None


# Characters that show nothing (zero-width, direction marks, soft hyphen, BOM) and spaces that
# look like spaces: names are compared and shown without the first, with plain spaces.
INVISIBLE = "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
ODD_SPACES = "[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_INVISIBLE = re.compile(INVISIBLE)
_ODD_SPACES = re.compile(ODD_SPACES)


def visible(name: str) -> str:
    """A name as shown: NFC, invisible characters dropped, odd spaces plain."""
    return unicodedata.normalize("NFC", _ODD_SPACES.sub(" ", _INVISIBLE.sub("", name)))


def client_key(name: str) -> str:
    """The key user work hangs on: visible characters, NFC, trimmed, inner spaces collapsed,
    case-folded."""
    return " ".join(visible(name).split()).casefold()


_KNOWN_WORDS = _known_words()
