"""Tables for reading: canonical columns with translated headers and locale formatting."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pandas as pd

from model import fields, i18n
from model.fields import Kind
from model.problems import Problem


def field_label(name: str, lang: str) -> str:
    """The user-facing name of a canonical or derived field; other columns keep their header."""
    key = f"field.{name}"
    text = i18n.translate(lang, key)
    return name if text == key else text


def value_formatter(name: str, lang: str, currency: str | None) -> Callable[[Any], str] | None:
    """How a field's values read in ``lang``: money with its currency, counts whole, shares
    as percentages, dates in the locale; ``None`` for a column of the user's own."""
    spec = fields.BY_NAME.get(name)
    kind = spec.kind if spec else None
    if kind is Kind.MONEY or name in (fields.EFFECTIVE_RATE, fields.REVENUE_PAID):
        return lambda v: i18n.format_money(v, lang, currency)
    if kind is Kind.HOURS or name == fields.BILLABLE_HOURS:
        return lambda v: i18n.format_number(v, lang, 1)
    if kind is Kind.NUMBER:
        return lambda v: i18n.format_number(v, lang, 1)
    if kind is Kind.COUNT:
        return lambda v: i18n.format_number(v, lang, 0)
    if name == fields.AFTER_HOURS_SHARE:
        return lambda v: i18n.format_percent(v, lang)
    if kind is Kind.DATE:
        return lambda v: "" if pd.isna(v) else i18n.format_date(pd.Timestamp(v).date(), lang)
    if kind is Kind.LABEL:
        return lambda v: label_text(v, lang)
    return None


def label_text(value: Any, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return i18n.translate(lang, "label.problem" if float(value) >= 0.5 else "label.fine")


def client_table(clients: pd.DataFrame, lang: str, currency: str | None) -> pd.DataFrame:
    """Every column formatted as text for the locale; the key and row counts left out."""
    shown = [c for c in clients.columns if c not in (fields.KEY, fields.ROWS)]
    out: dict[str, pd.Series] = {}
    for column in shown:
        fmt = value_formatter(column, lang, currency)
        values = clients[column]
        if fmt is None and pd.api.types.is_numeric_dtype(values):
            out[field_label(column, lang)] = values
        elif fmt is None:
            out[field_label(column, lang)] = values.astype(str)
        else:
            out[field_label(column, lang)] = values.map(
                lambda v, f=fmt: (
                    "" if v is None or (isinstance(v, float) and math.isnan(v)) else f(v)
                )
            )
    return pd.DataFrame(out)


def problem_table(problems: list[Problem], lang: str) -> pd.DataFrame:
    """One row per problem with where it is and what to do, for ``st.dataframe``."""
    rows = [
        {
            i18n.translate(lang, "problems.severity"): i18n.translate(
                lang, f"severity.{p.severity}"
            ),
            i18n.translate(lang, "problems.file"): p.file or "",
            i18n.translate(lang, "problems.row"): "" if p.row is None else str(p.row),
            i18n.translate(lang, "problems.column"): p.column or "",
            i18n.translate(lang, "problems.value"): p.value or "",
            i18n.translate(lang, "problems.message"): i18n.problem_text(lang, p),
        }
        for p in problems
    ]
    return pd.DataFrame(rows)


def pareto_display(
    table: pd.DataFrame, metric: str, lang: str, currency: str | None
) -> pd.DataFrame:
    """The numbers behind a Pareto chart: rank, client, value, share and cumulative share."""
    fmt = value_formatter(metric, lang, currency) or (lambda v: i18n.format_number(v, lang, 1))
    return pd.DataFrame(
        {
            i18n.translate(lang, "pareto.col.rank"): table["rank"].to_numpy(),
            field_label(fields.CLIENT, lang): table[fields.CLIENT].astype(str).to_numpy(),
            field_label(metric, lang): [fmt(v) for v in table["value"]],
            i18n.translate(lang, "pareto.col.share"): [
                i18n.format_percent(v, lang, 1) for v in table["share"]
            ],
            i18n.translate(lang, "pareto.col.cumulative"): [
                i18n.format_percent(v, lang, 1) for v in table["cumulative"]
            ],
        }
    )


def effort_display(effort: pd.DataFrame, lang: str, currency: str | None) -> pd.DataFrame:
    """The numbers behind the effort-versus-value chart."""
    return pd.DataFrame(
        {
            field_label(fields.CLIENT, lang): effort[fields.CLIENT].astype(str).to_numpy(),
            i18n.translate(lang, "effort.col.hours_share"): [
                i18n.format_percent(v, lang, 1) for v in effort["hours_share"]
            ],
            i18n.translate(lang, "effort.col.revenue_share"): [
                i18n.format_percent(v, lang, 1) for v in effort["revenue_share"]
            ],
            field_label(fields.EFFECTIVE_RATE, lang): [
                i18n.format_money(v, lang, currency) for v in effort["effective_rate"]
            ],
            i18n.translate(lang, "effort.col.quadrant"): [
                i18n.translate(lang, f"quadrant.{q}") for q in effort["quadrant"]
            ],
        }
    )


LABEL_CHOICES = ("problem", "fine", "unknown")


def label_choice(value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "unknown"
    return "problem" if value >= 0.5 else "fine"


def labelling_view(
    clients: pd.DataFrame,
    labels: pd.Series,
    probability: pd.Series,
    *,
    query: str = "",
    show: str = "all",
) -> pd.DataFrame:
    """Rows for the labelling table: key numbers beside each name, filtered by name and label.

    ``show`` is ``all``, ``unknown``, ``problem`` or ``fine``. The ``key`` column stays so that
    edits, which come back by row position, can be stored by client key.
    """
    view = pd.DataFrame(
        {
            fields.KEY: clients[fields.KEY].to_numpy(),
            fields.CLIENT: clients[fields.CLIENT].astype(str).to_numpy(),
            "label": [label_choice(v) for v in labels],
            "estimate": (probability * 100).round(0).to_numpy(),
        }
    )
    for column in (
        fields.REVENUE,
        fields.HOURS,
        fields.DAYS_LATE,
        fields.AFTER_HOURS,
        fields.REVISIONS,
        fields.EFFECTIVE_RATE,
    ):
        if column in clients and clients[column].notna().any():
            view[column] = clients[column].round(1).to_numpy()
    if query.strip():
        wanted = fields.client_key(query)
        view = view[view[fields.KEY].str.contains(wanted, regex=False)]
    if show in LABEL_CHOICES:
        view = view[view["label"] == show]
    return view.sort_values("estimate", ascending=False, kind="stable").reset_index(drop=True)
