"""Invoices (a generic list, FreshBooks line items) to per-client revenue invoiced and paid,
outstanding, average days late and late invoices."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from model import fields
from model.ingest.clients import client_keys
from model.ingest.exports import (
    Imported,
    ImportOptions,
    bad_cells,
    client_codes,
    dates_in_one_order,
    flags,
    in_one_currency,
    in_period,
)
from model.ingest.headers import find
from model.ingest.monthly import month_of, partial
from model.ingest.values import NO, YES, parse_dates, parse_numbers
from model.problems import MAX_PROBLEMS_PER_COLUMN, Problem, shorten

_PAID = {"paid", "đã thanh toán", "da thanh toan"}
_UNPAID = {
    *("unpaid", "open", "overdue", "past due", "sent", "viewed", "awaiting payment"),
    *("partial", "partially paid", "partly paid"),
    *("chưa thanh toán", "chua thanh toan", "chờ thanh toán", "cho thanh toan", "quá hạn"),
}
# A "Paid" column's yes and no ("TRUE" in Stripe's export, "x" in a spreadsheet).
_YES = YES | _PAID
_NO = NO | _UNPAID | {"chưa", "chua"}


def _contradictions(
    table: pd.DataFrame,
    unpaid_status: object,
    has_status: bool,
    frame: pd.DataFrame,
    amount_col: str,
) -> list[Problem]:
    """Rows that contradict themselves, each a warning with its row and what is used."""
    issue, due, paid = table["issue"], table["due"], table["paid"]
    checks: list[tuple[str, object]] = [
        ("paid_before_issued", paid < issue),
        ("due_before_issued", due < issue),
        ("credit_note", table["amount"] < 0),
    ]
    if has_status:
        checks += [
            ("paid_status_without_date", table["status_paid"] & paid.isna()),
            ("unpaid_status_with_date", np.asarray(unpaid_status, dtype=bool) & paid.notna()),
        ]
    problems: list[Problem] = []
    for code, flagged in checks:
        rows = np.flatnonzero(np.asarray(flagged, dtype=bool))
        for position in rows[:MAX_PROBLEMS_PER_COLUMN]:
            value = shorten(frame[amount_col].iloc[position])
            problems.append(Problem("warning", code, row=int(position) + 2, value=value))
    return problems


def invoices(
    frame: pd.DataFrame, headers: list[str], kind: str, options: ImportOptions
) -> Imported:
    """Per-client revenue invoiced and paid, outstanding, average days late, late invoices;
    with the invoices themselves and their sums per month."""
    problems: list[Problem] = []
    amount_col = (
        find(headers, "line_total")
        if kind == "freshbooks"
        else (find(headers, "amount") or find(headers, "line_total"))
    )
    issue_col, due_col = find(headers, "issue_date"), find(headers, "due_date")
    status_col, invoice_col = find(headers, "status"), find(headers, "invoice")
    paid_col, flag_col, paid_amount_col = _paid_columns(frame, headers, status_col)
    balance_col = find(headers, "balance")
    if amount_col is None:
        return Imported(
            pd.DataFrame(), [Problem("error", "export_missing_columns", params={"kind": kind})]
        )
    amount = parse_numbers(frame[amount_col])
    problems += bad_cells(amount.bad, frame[amount_col], amount_col, "not_a_number")
    currency = fields.currency_in_header(amount_col) or amount.currency
    in_currency = in_one_currency(frame, headers, currency, options)
    amounts, currency, mixed = in_currency(amount.values)
    problems += mixed
    names, codes = client_codes(frame, headers, ImportOptions())
    table = pd.DataFrame(
        {fields.CLIENT: names.to_numpy()[codes], "amount": amounts}, index=frame.index
    )
    dated = [c for c in (issue_col, due_col, paid_col) if c]
    order, order_problems = dates_in_one_order(frame, dated, options)
    problems += order_problems
    for role, column in (("issue", issue_col), ("due", due_col), ("paid", paid_col)):
        if column:
            parsed = parse_dates(frame[column], order=order)
            problems += bad_cells(parsed.bad, frame[column], column, "not_a_date")
            table[role] = parsed.values
        else:
            table[role] = pd.NaT
    table["status_paid"] = flags(frame[status_col], _PAID) if status_col else False
    if flag_col:
        table["status_paid"] |= flags(frame[flag_col], _YES)
    unpaid_status = flags(frame[status_col], _UNPAID) if status_col else False
    problems += _contradictions(table, unpaid_status, status_col is not None, frame, amount_col)
    table["balance"] = np.nan
    if balance_col:  # what is still owed, as invoicing tools keep it ("Open Balance")
        balance = parse_numbers(frame[balance_col])
        problems += bad_cells(balance.bad, frame[balance_col], balance_col, "not_a_number")
        table["balance"] = in_currency(balance.values)[0]
    elif paid_amount_col:  # or what has been paid of it (Xero's "AmountPaid", "Đã thanh toán")
        paid_amount = parse_numbers(frame[paid_amount_col])
        problems += bad_cells(
            paid_amount.bad, frame[paid_amount_col], paid_amount_col, "not_a_number"
        )
        table["balance"] = table["amount"] - in_currency(paid_amount.values)[0]
    if any(p.severity == "error" for p in problems):
        return Imported(pd.DataFrame(), problems)
    if invoice_col:  # line items (FreshBooks): one invoice per number
        table["invoice"] = frame[invoice_col].str.strip()
        if table.duplicated([fields.CLIENT, "invoice"]).any():
            table = _invoices_of_lines(table)
    table = table[in_period(table["issue"].fillna(table["due"]), options)]
    rows = _invoice_rows(table, options)
    clients = _per_client(rows)
    for name, owed in clients.loc[
        clients[fields.OUTSTANDING] < 0, [fields.CLIENT, fields.OUTSTANDING]
    ].itertuples(index=False):
        problems.append(
            Problem(
                "warning", "negative_outstanding", value=str(name), params={"amount": f"{owed:.2f}"}
            )
        )
    sums = partial(
        rows[fields.KEY].to_numpy(),
        month_of(rows["issue"].fillna(rows["due"])),
        {
            fields.REVENUE: rows["amount"].to_numpy(),
            "late_sum": rows["late"].to_numpy(),
            "late_count": rows["late"].notna().to_numpy(dtype=float),
            "invoices": np.ones(len(rows)),
        },
    )
    invoice_table = rows[[fields.KEY, "amount", "issue", "due", "paid", "settled", "unpaid"]]
    return Imported(clients, problems, currency, sums, invoice_table.reset_index(drop=True))


def _paid_columns(
    frame: pd.DataFrame, headers: list[str], status_col: str | None
) -> tuple[str | None, str | None, str | None]:
    """The paid date, paid yes/no and amount paid columns. A header that could be more than
    one is told by what it holds: "Settled" of yes and no is the flag; "Paid" of days the
    paid date; "Đã thanh toán" of amounts the amount paid."""
    paid_col, flag_col = find(headers, "paid_date"), find(headers, "paid_flag")
    paid_amount_col = find(headers, "amount_paid")
    if flag_col is None or flag_col == status_col:
        return paid_col, None, paid_amount_col
    if paid_amount_col is None and _amounts(frame[flag_col]):
        return (None if paid_col == flag_col else paid_col), None, flag_col
    if flags(frame[flag_col], _YES | _NO).any():
        return (None if paid_col == flag_col else paid_col), flag_col, paid_amount_col
    return paid_col or flag_col, None, paid_amount_col


def _amounts(column: pd.Series) -> bool:
    """Whether a column's filled cells are all numbers, not only the 1 and 0 of a yes or no."""
    parsed = parse_numbers(column)
    return not parsed.bad.any() and bool(
        (~parsed.values.isin([0, 1]) & parsed.values.notna()).any()
    )


def _invoices_of_lines(table: pd.DataFrame) -> pd.DataFrame:
    """One row per client and invoice number (built-in aggregations only: a Python function
    per group took seconds on 100,000 invoices)."""
    group = table.groupby([fields.CLIENT, "invoice"], sort=False)
    out = group.agg(
        amount=("amount", "sum"),
        issue=("issue", "min"),
        due=("due", "max"),
        paid=("paid", "max"),
        status_paid=("status_paid", "max"),
        balance=("balance", "sum"),
        balance_known=("balance", "count"),
    )
    out["balance"] = out["balance"].where(out.pop("balance_known") > 0)  # none known: NaN
    return out.reset_index()


def _invoice_rows(table: pd.DataFrame, options: ImportOptions) -> pd.DataFrame:
    """One row per invoice: its key, amount, issue, due (or issue + terms) and paid dates,
    whether it is settled, what is still owed and its days late (open ones: until today)."""
    today = pd.Timestamp(options.today or date.today())
    balance = table["balance"]
    # Settled: a paid date, a "Paid" status, or nothing left owing.
    paid = table["paid"].notna() | table["status_paid"] | balance.le(0)
    unpaid = balance.where(balance.notna(), table["amount"]).where(~paid, 0.0)
    # Unpaid invoices are late until today; a paid one without a paid date tells no lateness.
    settled_on = table["paid"].where(table["paid"].notna() | paid, today)
    due = table["due"].where(
        table["due"].notna(), table["issue"] + pd.Timedelta(days=options.terms_days)
    )
    # Days late per invoice as receivables reports count them: an early payment is 0 days late,
    # never a credit against another invoice's lateness.
    late_days = (settled_on - due).dt.days.astype(float).clip(lower=0)
    return table.assign(
        key=client_keys(table[fields.CLIENT]),
        due=due,
        late=late_days,
        unpaid=unpaid,
        settled=paid,
        settled_amount=table["amount"] - unpaid,
    )


def _per_client(table: pd.DataFrame) -> pd.DataFrame:
    group = table.groupby("key", sort=False)
    out = pd.DataFrame(
        {
            fields.CLIENT: group[fields.CLIENT].first(),
            fields.REVENUE: group["amount"].sum(min_count=1),
            fields.REVENUE_PAID: group["settled_amount"].sum(),
            fields.OUTSTANDING: group["unpaid"].sum(),
            fields.DAYS_LATE: group["late"].mean(),
            fields.LATE_INVOICES: (table["late"] > 0).groupby(table["key"]).sum().astype(float),
            fields.FIRST_PROJECT: group["issue"].min(),
            fields.LAST_PROJECT: group["issue"].max(),
        }
    )
    return out.reset_index().rename(columns={"key": fields.KEY})
