"""Blocks of the Exit plan page: the client card, the message draft, repricing."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from model import exit_plan, fields, i18n
from ui import plan_widgets, state, widgets
from ui.text import bound, hours, money, number, percent, plain, short_and_exact, t


def _value(row: pd.Series, column: str) -> float | None:
    value = row.get(column)
    try:
        number_ = float(value)
    except (TypeError, ValueError):
        return None
    return number_ if math.isfinite(number_) else None


def median_rate() -> float | None:
    clients = state.dataset().clients
    if fields.EFFECTIVE_RATE not in clients or not clients[fields.EFFECTIVE_RATE].notna().any():
        return None
    return float(clients[fields.EFFECTIVE_RATE].median())


def client_summary(row: pd.Series, probability: float, reasons: list[str]) -> None:
    """Revenue, hours, rate against the median, lateness, balance, and the estimate."""
    rate, median = _value(row, fields.EFFECTIVE_RATE), median_rate()
    delta = None
    if rate is not None and median:
        change = rate / median - 1
        signed = ("+" if change >= 0 else "-") + percent(abs(change))
        delta = t("plan.summary.rate_delta", delta=signed)
    top, bottom = st.columns(3), st.columns(3)
    _money_metric(top[0], t("field.revenue"), _value(row, fields.REVENUE))
    top[1].metric(t("field.hours"), hours(_value(row, fields.HOURS)))
    _money_metric(top[2], t("plan.summary.rate"), rate, delta)
    bottom[0].metric(t("field.days_late"), number(_value(row, fields.DAYS_LATE), 1))
    _money_metric(bottom[1], t("field.outstanding"), _value(row, fields.OUTSTANDING))
    bottom[2].metric(t("plan.summary.estimate"), percent(probability))
    if reasons:
        st.caption(t("plan.summary.reasons", reasons=plain("; ".join(reasons))))


def _money_metric(
    column: DeltaGenerator, label: str, value: float | None, delta: str | None = None
) -> None:
    """Millions shortened to fit the card, with every digit in the tooltip."""
    short, exact = short_and_exact(value)
    column.metric(label, short, delta=delta, help=exact)


def _regenerate(client: str) -> None:
    state.plan(client).pop("draft", None)
    st.session_state.pop(f"plan::{client}::draft", None)


def message_draft(client: str, name: str, end: date, referral: str) -> None:
    """One reason, the last day and the referral, in either language; editable and kept."""
    tr = bound()
    cols = st.columns(3)
    with cols[0]:
        reason = plan_widgets.bound(
            st.selectbox,
            t("plan.reason"),
            client,
            "reason",
            exit_plan.REASONS[0],
            options=exit_plan.REASONS,
            format_func=lambda r: tr(f"plan.reason.{r}"),
        )
    with cols[1]:
        draft_lang = plan_widgets.bound(
            st.selectbox,
            t("plan.draft_lang"),
            client,
            "draft_lang",
            state.lang(),
            options=i18n.LANGUAGES,
            format_func=lambda c: i18n.LANGUAGE_NAMES[c],
        )
    with cols[2]:
        sender = plan_widgets.bound(st.text_input, t("plan.sender"), client, "sender", "")
    generated = exit_plan.draft_message(
        name, reason, draft_lang, end=end, referral=referral, sender=sender
    )
    if state.plan(client).get("draft_source") != generated:
        # The user's choices changed: offer the new text unless they edited it by hand.
        if state.plan(client).get("draft") in (None, state.plan(client).get("draft_source")):
            _regenerate(client)
        state.plan(client)["draft_source"] = generated
    text = plan_widgets.bound(st.text_area, t("plan.draft"), client, "draft", generated, height=260)
    st.button(t("plan.regenerate"), on_click=_regenerate, args=(client,))
    st.code(text, language=None, wrap_lines=True)  # has a copy button
    st.download_button(
        t("plan.download_draft"),
        data=text,
        file_name="message.txt",
        mime="text/plain",
        on_click="ignore",
    )


def reprice(row: pd.Series) -> None:
    """The rate (or hours cap) at which this client would be worth keeping."""
    median = median_rate()
    if median is None:
        st.info(t("plan.reprice.none"))
        return
    target = widgets.bound(
        st.number_input,
        t("plan.reprice.target"),
        "target_rate",
        round(median, 2),
        min_value=0.01,
        step=5.0,
    )
    result = exit_plan.reprice(row, float(target))
    if result is None:
        st.info(t("plan.reprice.none"))
        return
    st.markdown(
        t(
            "plan.reprice.result",
            target=money(target),
            needed=money(result["revenue_needed"]),
            hours=hours(_value(row, fields.HOURS)),
            increase=percent(result["increase"]),
            cap=hours(result["hours_cap"]),
        )
    )
