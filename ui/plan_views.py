"""Blocks of the Exit plan page: the client card, the message draft, repricing."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from model import exit_plan, fields, i18n
from ui import dated, plan_widgets, state, widgets
from ui.text import bound, day, hours, money, number, percent, plain, short_and_exact, t


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


def client_summary(
    row: pd.Series, probability: float, reasons: list[str], *, show_estimate: bool = True
) -> None:
    """Revenue, hours, rate against the median, lateness, balance, and the estimate (only once
    the user has rated the client: their judgement first, the model's after)."""
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
    if not show_estimate:
        bottom[2].metric(t("plan.summary.estimate"), "?", help=t("plan.record.hidden"))
        st.caption(t("plan.record.hidden"))
        return
    bottom[2].metric(t("plan.summary.estimate"), percent(probability))
    if reasons:
        st.caption(t("plan.summary.reasons", reasons=plain("; ".join(reasons))))


def _money_metric(
    column: DeltaGenerator, label: str, value: float | None, delta: str | None = None
) -> None:
    """Millions shortened to fit the card, with every digit in the tooltip."""
    short, exact = short_and_exact(value)
    column.metric(label, short, delta=delta, help=exact)


def rating_row(client: str, which: str) -> None:
    """Six 1–5 ratings of this client, kept in its plan (``ratings_first`` / ``_second``)."""
    cols = st.columns(3)
    for position, name in enumerate(exit_plan.RATINGS):
        with cols[position % 3]:
            plan_widgets.bound(
                st.radio,
                t(f"plan.rating.{name}"),
                client,
                f"ratings_{which}.{name}",
                None,
                options=list(range(exit_plan.RATING_RANGE[0], exit_plan.RATING_RANGE[1] + 1)),
                horizontal=True,
            )


def decision_record(client: str, row: pd.Series, today: date) -> bool:
    """The first rating with the real reason and a pre-mortem; after the cooling-off the second
    rating beside the first. Returns whether "decided" may be ticked (else says why not)."""
    plan = state.plan(client)
    st.markdown(f"**{t('plan.record.title')}**")
    st.caption(t("plan.record.help"))
    rating_row(client, "first")
    plan_widgets.bound(st.text_input, t("plan.record.real_reason"), client, "real_reason", "")
    plan_widgets.bound(st.text_area, t("plan.record.premortem"), client, "premortem", "")
    dates = exit_plan.timeline(plan, row, today)
    if exit_plan.rated(plan, "first") and today >= dates.decide_no_sooner_than:
        st.markdown(f"**{t('plan.record.again')}**")
        rating_row(client, "second")
        plan_widgets.bound(
            st.text_input, t("plan.record.second_skipped"), client, "second_skipped", ""
        )
        first, second = exit_plan.ratings(plan, "first"), exit_plan.ratings(plan, "second")
        st.dataframe(
            pd.DataFrame(
                {
                    t("plan.record.first"): [first.get(n) for n in exit_plan.RATINGS],
                    t("plan.record.second"): [second.get(n) for n in exit_plan.RATINGS],
                },
                index=[t(f"plan.rating.{n}") for n in exit_plan.RATINGS],
            )
        )
        moving = dated.trend_line(client)
        if moving:
            st.caption(t("plan.record.trends", trends=moving))
    allowed, why = exit_plan.can_decide(plan, row, today)
    if why:
        st.caption(t(f"plan.record.why_not.{why}", day=day(dates.decide_no_sooner_than)))
    return allowed


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
    recipient = plan_widgets.bound(
        st.text_input, t("plan.recipient"), client, "recipient", "", help=t("plan.recipient_help")
    )
    generated = exit_plan.draft_message(
        name, reason, draft_lang, end=end, referral=referral, sender=sender, recipient=recipient
    )
    if state.plan(client).get("draft_source") != generated:
        # The user's choices changed: offer the new text unless they edited it by hand.
        if state.plan(client).get("draft") in (None, state.plan(client).get("draft_source")):
            _regenerate(client)
        state.plan(client)["draft_source"] = generated
    text = plan_widgets.bound(st.text_area, t("plan.draft"), client, "draft", generated, height=260)
    st.button(t("plan.regenerate"), on_click=_regenerate, args=(client,))
    st.code(text, language=None, wrap_lines=True)  # has a copy button
    if draft_lang == "vi":
        st.caption(t("plan.letter_hint"))
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
