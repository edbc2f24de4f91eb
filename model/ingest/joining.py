"""Join per-client tables from several files on the client key."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

import pandas as pd

from model import fields
from model.ingest import money, monthly
from model.ingest.clients import add_derived, near_duplicates, similar_names
from model.ingest.dataset import Dataset, Source
from model.problems import InputError, Problem


def _span(source: Source) -> tuple[str, date, date] | None:
    first, last = source.first, source.last
    if isinstance(first, date) and isinstance(last, date):
        return source.name, first, last
    return None


def periods_apart(sources: list[Source]) -> list[Problem]:
    """Files whose dates barely meet: hours of one year against money of another make rates
    that mean nothing. Said when two files overlap by less than half of the shorter one's span,
    with the overlap (if any) to filter to."""
    spans = [span for span in map(_span, sources) if span is not None]
    problems: list[Problem] = []
    for i, (a, a_first, a_last) in enumerate(spans):
        for b, b_first, b_last in spans[i + 1 :]:
            start, end = max(a_first, b_first), min(a_last, b_last)
            shorter = min((a_last - a_first).days, (b_last - b_first).days) + 1
            overlap = (end - start).days + 1
            if overlap * 2 >= shorter:
                continue
            params = {
                "a": a,
                "a_first": a_first.isoformat(),
                "a_last": a_last.isoformat(),
                "b": b,
                "b_first": b_first.isoformat(),
                "b_last": b_last.isoformat(),
                "start": start.isoformat() if overlap > 0 else "",
                "end": end.isoformat() if overlap > 0 else "",
            }
            problems.append(Problem("warning", "periods_apart", params=params))
    return problems


def in_one_currency(datasets: list[Dataset], rates: Mapping[str, float]) -> list[Dataset]:
    """Files in different currencies: converted with the user's rates into the one without a
    rate, or refused naming each currency and its files."""
    present = {ds.currency for ds in datasets if ds.currency}
    if len(present) <= 1:
        return datasets
    base = money.base_currency(present, rates)
    if base is None:
        found = {
            code: ", ".join(s.name for ds in datasets if ds.currency == code for s in ds.sources)
            for code in present
        }
        raise InputError([money.mixed(None, found)])
    converted = []
    for ds in datasets:
        if ds.currency in (None, base) or ds.currency not in rates:
            converted.append(ds)
            continue
        rate = rates[ds.currency]
        table = ds.clients.copy()
        for column in (*fields.MONEY_FIELDS, fields.REVENUE_PAID):
            if column in table:
                table[column] = table[column] * rate
        sums = None if ds.monthly_sums is None else monthly.converted(ds.monthly_sums, rate)
        invoices = None
        if ds.invoices is not None:
            invoices = ds.invoices.assign(
                amount=ds.invoices["amount"] * rate, unpaid=ds.invoices["unpaid"] * rate
            )
        converted.append(
            replace(
                ds,
                clients=add_derived(table),
                currency=base or None,
                monthly_sums=sums,
                invoices=invoices,
            )
        )
    return converted


def join_client_tables(
    datasets: list[Dataset],
    *,
    check_periods: bool = True,
    rates: Mapping[str, float] | None = None,
) -> Dataset:
    """Outer join on ``key``; where two files both have a value, the earlier file wins."""
    datasets = in_one_currency(datasets, rates or {})
    merged: pd.DataFrame | None = None
    for ds in datasets:
        table = ds.clients.drop(columns=[fields.EFFECTIVE_RATE], errors="ignore").set_index(
            fields.KEY
        )
        merged = table if merged is None else merged.combine_first(table)
    assert merged is not None
    first_order = list(dict.fromkeys(k for ds in datasets for k in ds.keys))
    merged = merged.reindex(first_order).reset_index()
    merged[fields.ROWS] = merged[fields.ROWS].fillna(1) if fields.ROWS in merged else 1
    columns = [fields.KEY, fields.CLIENT] + [
        c for c in merged.columns if c not in (fields.KEY, fields.CLIENT)
    ]
    merged = add_derived(merged[columns])
    problems = [p for ds in datasets for p in ds.problems if p.code != "near_duplicate"]
    problems += near_duplicates(merged)
    problems += similar_names([ds.clients for ds in datasets])
    if check_periods:
        problems += periods_apart([s for ds in datasets for s in ds.sources])
    currency = next((ds.currency for ds in datasets if ds.currency), None)
    sums = [ds.monthly_sums for ds in datasets if ds.monthly_sums is not None]
    invoices = [ds.invoices for ds in datasets if ds.invoices is not None]
    return Dataset(
        merged,
        problems,
        {name: m for ds in datasets for name, m in ds.mappings.items()},
        [s for ds in datasets for s in ds.sources],
        currency,
        list(dict.fromkeys(c for ds in datasets for c in ds.numeric_extras)),
        list(dict.fromkeys(c for ds in datasets for c in ds.categorical_extras)),
        monthly.joined(sums) if sums else None,
        pd.concat(invoices, ignore_index=True) if invoices else None,
    )
