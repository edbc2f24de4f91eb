"""Trends and payments on the pages: worked out once per data (kept in this session only) and
shown as sparklines with arrows, a "getting worse" list, a payments table and a client's
monthly chart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from model import fields, payments, trends
from model.payments import Payments
from model.tables import field_label
from model.trends import Trend
from ui import charts, state, views
from ui.text import day, money, number, percent, plain, t

CACHE = "dated_cache"
# The metrics shown as sparklines, in this order, when the data has them.
SPARKLINES = (fields.REVENUE, fields.EFFECTIVE_RATE, fields.DAYS_LATE, fields.AFTER_HOURS_SHARE)


@dataclass(frozen=True)
class Dated:
    monthly: pd.DataFrame | None
    trends: dict[str, dict[str, Trend]]
    payments: Payments | None


def current() -> Dated:
    """This session's trends and payments, recomputed only when the data changes."""
    signature = state.signature()
    cached = st.session_state.get(CACHE)
    if cached and cached[0] == signature:
        return cached[1]  # type: ignore[no-any-return]
    data = state.dataset()
    monthly = data.monthly()
    found = Dated(
        monthly,
        trends.client_trends(monthly) if monthly is not None else {},
        payments.payments(data.invoices)
        if data.invoices is not None and not data.invoices.empty
        else None,
    )
    st.session_state[CACHE] = (signature, found)
    return found


def arrow(trend: Trend) -> str:
    """``▲``/``▼`` with a dot saying whether that is good (green) or bad (red) for the user;
    nothing when the band allows no direction."""
    if trend.direction not in ("up", "down"):
        return ""
    mark = "▲" if trend.direction == "up" else "▼"
    good = trends.GOOD_WHEN_UP.get(trend.metric)
    if good is None:
        return mark
    return f"{'🔴' if trend.worse else '🟢'}{mark}"


def with_trends(table: pd.DataFrame, keys: list[str]) -> tuple[pd.DataFrame, dict[str, Any]]:
    """A per-client display table with a sparkline column per metric and a column of arrows
    (empty when the data has no dates); with its ``column_config``."""
    found = current().trends
    if not found:
        return table, {}
    lang = state.lang()
    table = table.copy()
    config: dict[str, Any] = {}
    present = [m for m in SPARKLINES if any(m in found.get(k, {}) for k in keys)]
    for metric in present:
        label = t("trend.column", field=field_label(metric, lang))
        table[label] = [
            [v for v in found[k][metric].series if v is not None]
            if k in found and metric in found[k]
            else []
            for k in keys
        ]
        config[label] = st.column_config.LineChartColumn(label, help=t("trend.sparkline_help"))
    # The arrows next to the names (read first), the sparklines at the end.
    direction = t("trend.direction")
    name_at = table.columns.get_loc(t("field.client")) if t("field.client") in table else 0
    table.insert(int(name_at) + 1, direction, [_arrows(found.get(k, {}), present) for k in keys])
    config[direction] = st.column_config.TextColumn(direction, help=t("trend.direction_help"))
    return table, config


def _arrows(by_metric: dict[str, Trend], present: list[str]) -> str:
    lang = state.lang()
    parts = [
        f"{arrow(by_metric[m])} {field_label(m, lang)}"
        for m in present
        if m in by_metric and arrow(by_metric[m])
    ]
    return " · ".join(parts)


def trend_line(key: str) -> str:
    """The client's clear trends in one line ("🔴▼ Effective rate · 🔴▲ Days late"), or ""."""
    by_metric = current().trends.get(key, {})
    return _arrows(by_metric, [m for m in SPARKLINES if m in by_metric])


def getting_worse() -> None:
    """Clients with a metric moving the bad way (rate falling, days late growing …)."""
    found = current().trends
    if not found:
        return
    worse = trends.getting_worse(found)
    st.subheader(t("trend.worse_title"))
    if not worse:
        st.caption(t("trend.worse_none"))
        return
    clients = state.dataset().clients
    names = dict(zip(clients[fields.KEY], clients[fields.CLIENT].astype(str), strict=True))
    lang = state.lang()
    rows = [
        {
            t("field.client"): names.get(key, key),
            t("trend.what"): " · ".join(
                f"{arrow(found[key][m])} {field_label(m, lang)}" for m in metrics
            ),
            t("trend.months"): max(trend.points for trend in found[key].values()),
        }
        for key, metrics in worse.items()
        if key in names
    ]
    st.caption(t("trend.worse_help"))
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def payments_table() -> None:
    """Per client: invoices, open, median days to pay (beside the book's when few), share
    paid by the due date, and the aging of what is open."""
    found = current().payments
    if found is None:
        return
    clients = state.dataset().clients
    names = dict(zip(clients[fields.KEY], clients[fields.CLIENT].astype(str), strict=True))
    book = found.book_median_days_to_pay
    st.subheader(t("pay.title"))
    st.caption(t("pay.explain", book=_days(book), today=day(found.today)))
    rows = []
    for key, client in found.clients.items():
        own = _days(client.median_days_to_pay)
        median = t("pay.beside_book", own=own, book=_days(book)) if client.few else own
        row = {
            t("field.client"): names.get(key, key),
            t("pay.invoices"): client.invoices,
            t("pay.open"): client.open,
            t("pay.median"): median,
            t("pay.by_due"): percent(client.paid_by_due_share),
        }
        for bucket in payments.AGING:
            row[t(f"pay.aging.{bucket}")] = money(client.aging[bucket]) if client.open else ""
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _days(value: float | None) -> str:
    return t("pay.none") if value is None else t("pay.days", n=int(value), days=number(value))


def monthly_chart(key: str) -> None:
    """The client's months: revenue and hours as bars, the effective rate as a line."""
    monthly = current().monthly
    if monthly is None:
        return
    rows = monthly[monthly[fields.KEY] == key]
    if rows.empty:
        return
    lang = state.lang()
    labels = {
        fields.REVENUE: field_label(fields.REVENUE, lang),
        fields.HOURS: field_label(fields.HOURS, lang),
        "rate": field_label(fields.EFFECTIVE_RATE, lang),
    }
    name = str(rows[fields.CLIENT].iloc[0])
    figure = charts.monthly_chart(rows, title=t("trend.chart_title"), labels=labels, lang=lang)
    views.plot(figure, key=f"monthly_{key}", width="stretch")
    st.caption(t("trend.chart_help", client=plain(name)))


def expected_payments(key: str) -> list[dict[str, Any]]:
    """The client's open invoices with the day each may be paid (from their habit)."""
    found = current().payments
    invoices = state.dataset().invoices
    if found is None or invoices is None:
        return []
    return payments.expected_dates(invoices, key, found)
