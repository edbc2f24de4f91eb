"""When will they pay? Days to pay that count the invoices still open, and aging.

Averaging paid invoices only flatters the slowest payers (their open invoices are left out).
Here an open invoice counts as still running at ``today``: the median days to pay is the
Kaplan–Meier median, the smallest day count at which the estimated share still unpaid falls to
0.5 or below (none while it stays above).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from model import fields

FEW_INVOICES = 5  # below this, a client's median is shown beside the book's, never alone
AGING = ("not_due", "d1_30", "d31_60", "d61_90", "over_90")
_EDGES = (0, 30, 60, 90)


def km_median(days: np.ndarray, paid: np.ndarray) -> float | None:
    """Kaplan–Meier median of ``days`` where ``paid`` says the count ended in a payment
    (``False``: still open, counted up to today)."""
    found = km_medians(np.zeros(len(days), dtype=np.int64), np.asarray(days), np.asarray(paid), 1)
    return None if np.isnan(found[0]) else float(found[0])


def km_medians(codes: np.ndarray, days: np.ndarray, paid: np.ndarray, n: int) -> np.ndarray:
    """The Kaplan–Meier median per group ``codes`` (0 … n−1) in one pass (NaN: never reached).

    At each day some invoice of a group was paid, the share still unpaid is multiplied by
    1 − paid that day / still unpaid just before it (invoices open or paid that day or later).
    Products within a group are sums of logs (a group's running sum minus the sum before it);
    a share below 10⁻⁶ counts as 10⁻⁶, which keeps those sums small and exact enough."""
    days = np.asarray(days, dtype=float)
    keep = ~np.isnan(days)
    codes = np.asarray(codes, dtype=np.int64)[keep]
    whole = np.round(days[keep]).astype(np.int64)
    paid = np.asarray(paid, dtype=bool)[keep]
    medians = np.full(n, np.nan)
    if not paid.any():
        return medians
    width = int(whole.max()) + 2
    # One int64 key per invoice (client, day, paid in the lowest bit): one plain sort, not
    # lexsort and unique; the paid ones come out of it already in order.
    ordered = np.sort((codes * width + whole) * 2 + paid)
    sorted_key = ordered >> 1
    group_end = np.searchsorted(sorted_key, (np.arange(n) + 1) * width, side="left")
    paid_keys = sorted_key[(ordered & 1).astype(bool)]
    starts = np.flatnonzero(np.r_[True, paid_keys[1:] != paid_keys[:-1]])
    event_key = paid_keys[starts]
    paid_then = np.diff(np.r_[starts, len(paid_keys)])
    event_code, event_day = event_key // width, event_key % width
    at_risk = group_end[event_code] - np.searchsorted(sorted_key, event_key, side="left")
    step = np.log(np.maximum(1 - paid_then / at_risk, 1e-6))
    running = np.cumsum(step)
    first_event = np.searchsorted(event_code, event_code, side="left")
    before = np.where(first_event > 0, running[np.maximum(first_event - 1, 0)], 0.0)
    reached = running - before <= np.log(0.5) + 1e-9
    hits = np.flatnonzero(reached)
    first_hit = np.unique(event_code[hits], return_index=True)
    medians[first_hit[0]] = event_day[hits[first_hit[1]]]
    return medians


def aging(open_amount: np.ndarray, days_past_due: np.ndarray) -> dict[str, float]:
    """The open amount by days past due: not yet due, 1–30, 31–60, 61–90, over 90."""
    past = np.asarray(days_past_due, dtype=float)
    amount = np.asarray(open_amount, dtype=float)
    bucket = np.searchsorted(np.asarray(_EDGES, dtype=float), past, side="left")
    bucket = np.where(np.isnan(past), 0, bucket)  # no due date known: not counted as late
    totals = np.bincount(bucket, weights=amount, minlength=len(AGING))
    return {name: float(total) for name, total in zip(AGING, totals, strict=True)}


@dataclass(slots=True)  # not frozen: one per client, and frozen init costs 4×
class ClientPayments:
    key: str
    invoices: int
    open: int
    open_amount: float
    median_days_to_pay: float | None
    paid_by_due_share: float | None
    aging: dict[str, float]

    @property
    def few(self) -> bool:
        return self.invoices < FEW_INVOICES

    def as_dict(self, client: str) -> dict[str, Any]:
        return {
            "client": client,
            "invoices": self.invoices,
            "open": self.open,
            "median_days_to_pay": self.median_days_to_pay,
            "paid_by_due_share": self.paid_by_due_share,
            "aging": self.aging,
        }


@dataclass(frozen=True)
class Payments:
    clients: dict[str, ClientPayments]
    book_median_days_to_pay: float | None
    today: date

    def median_for(self, key: str) -> float | None:
        """The client's own median, or the book's when it has fewer than 5 invoices or none."""
        found = self.clients.get(key)
        if found is None or found.few or found.median_days_to_pay is None:
            return self.book_median_days_to_pay
        return found.median_days_to_pay


def _days(later: np.ndarray, earlier: np.ndarray) -> np.ndarray:
    """Whole days from ``earlier`` to ``later`` (floored, as ``Timedelta.days``); NaN where
    either is unknown."""
    unknown = np.isnat(later) | np.isnat(earlier)
    seconds = later.view(np.int64) - earlier.view(np.int64)
    return np.where(unknown, np.nan, np.floor_divide(seconds, 86_400).astype(float))


def _facts(invoices: pd.DataFrame, today: date) -> dict[str, np.ndarray]:
    """Per invoice: days from issue to payment (or to today while open), whether paid, days
    past due today, and whether it was paid by its due date (NaN: not decided yet)."""

    def stamps(column: str) -> np.ndarray:
        return invoices[column].to_numpy(dtype="datetime64[s]")

    now = np.full(len(invoices), np.datetime64(today, "s"))
    issue, due, paid_on = stamps("issue"), stamps("due"), stamps("paid")
    settled = invoices["settled"].to_numpy(dtype=bool)
    still_open = ~settled
    # Paid without a paid date: the payment happened but when is not known (NaN days).
    days = np.maximum(_days(np.where(settled, paid_on, now), issue), 0)
    past_due = _days(now, due)
    known_paid = settled & ~np.isnat(paid_on)
    decided = (known_paid & ~np.isnat(due)) | (still_open & (past_due > 0))
    on_time = known_paid & (paid_on <= due)
    unpaid = np.nan_to_num(invoices["unpaid"].to_numpy(dtype=float, na_value=np.nan))
    return {
        "days": days,
        "paid": settled,
        "open": still_open,
        "unpaid": np.where(still_open, unpaid, 0.0),
        "past_due": np.where(still_open, past_due, np.nan),
        "by_due": np.where(decided, on_time.astype(float), np.nan),
    }


def payments(invoices: pd.DataFrame, today: date | None = None) -> Payments:
    """Per client: invoices, open ones, median days to pay, share paid by the due date and the
    aging of what is open; with the whole book's median. Counts and sums are per client code
    with ``bincount``; only the median is worked out client by client."""
    today = today or date.today()
    facts = _facts(invoices, today)
    codes, keys = pd.factorize(invoices[fields.KEY], sort=False)
    n = len(keys)
    open_, unpaid, by_due = facts["open"], facts["unpaid"], facts["by_due"]
    decided = ~np.isnan(by_due)
    counts = np.bincount(codes, minlength=n)
    open_counts = np.bincount(codes, weights=open_, minlength=n)
    open_amounts = np.bincount(codes, weights=unpaid, minlength=n)
    decided_counts = np.bincount(codes[decided], minlength=n)
    on_time = np.bincount(codes[decided], weights=by_due[decided], minlength=n)
    past = facts["past_due"]
    bucket = np.searchsorted(np.asarray(_EDGES, dtype=float), past, side="left")
    bucket = np.where(np.isnan(past), 0, bucket)
    aged = np.bincount(codes * len(AGING) + bucket, weights=unpaid, minlength=n * len(AGING))
    aged = aged.reshape(n, len(AGING))
    days, paid = facts["days"], facts["paid"]
    medians = km_medians(codes, days, paid, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.where(decided_counts > 0, on_time / decided_counts, np.nan)
    # Python numbers once for all clients (``tolist``), not a conversion per value.
    columns = zip(
        counts.tolist(),
        open_counts.tolist(),
        open_amounts.tolist(),
        medians.tolist(),
        shares.tolist(),
        aged.tolist(),
        strict=True,
    )
    clients: dict[str, ClientPayments] = {}
    names = keys.tolist()  # (iterating an Arrow-backed array is ten times slower)
    for key, (count, opened, amount, median, share, bucket) in zip(names, columns, strict=True):
        clients[str(key)] = ClientPayments(
            str(key),
            count,
            int(opened),
            amount,
            None if median != median else median,  # NaN: never reached one half
            None if share != share else share,
            dict(zip(AGING, bucket, strict=True)),
        )
    return Payments(clients, km_median(days, paid), today)


def expected_dates(invoices: pd.DataFrame, key: str, found: Payments) -> list[dict[str, Any]]:
    """Each open invoice of a client with the day it may be paid: issue + the client's median
    days to pay (the book's with few invoices); never before today."""
    median = found.median_for(key)
    rows = invoices[(invoices[fields.KEY] == key) & ~invoices["settled"].astype(bool)]
    out: list[dict[str, Any]] = []
    for issue, unpaid in zip(rows["issue"], rows["unpaid"], strict=True):
        issued = None if pd.isna(issue) else pd.Timestamp(issue).date()
        expected = None
        if median is not None and issued is not None:
            expected = max(issued + timedelta(days=int(median)), found.today)
        out.append({"issued": issued, "amount": float(unpaid), "expected": expected})
    return out


def report_section(names: dict[str, str], found: Payments) -> dict[str, Any]:
    """``{book_median_days_to_pay, clients: [{client, invoices, open, median_days_to_pay,
    paid_by_due_share, aging}]}``; ``few_invoices`` marks a median to read beside the book's."""
    clients = []
    for key, client in names.items():
        if key not in found.clients:
            continue
        record = found.clients[key].as_dict(client)
        record["few_invoices"] = found.clients[key].few
        clients.append(record)
    return {"book_median_days_to_pay": found.book_median_days_to_pay, "clients": clients}
