"""Exit plan: the six steps to end a client relationship professionally, or reprice instead."""

from datetime import date

import streamlit as st

from model import exit_plan, fields
from model.scoring import reason_text
from ui import dated, frame, plan_views, plan_widgets, problem_model, state
from ui.text import bound, day, money, t

frame.page("plan.title")
data = state.dataset()
clients = data.clients
lang = state.lang()
tr = bound()
today = date.today()

keys = clients[fields.KEY].tolist()
names = data.names
scores = problem_model.current()
default = state.selected() or keys[int(scores.probability.to_numpy().argmax())]
st.session_state["plan_client"] = default
client = st.selectbox(
    t("plan.pick"),
    keys,
    format_func=lambda k: names[k],
    key="plan_client",
    on_change=lambda: state.select(st.session_state["plan_client"]),
)
row = clients.loc[clients[fields.KEY] == client].iloc[0]
position = keys.index(client)
plan = state.plan(client)
plan_views.client_summary(
    row,
    scores.probability.iloc[position],
    [reason_text(r, lang, data.currency) for r in scores.reasons[position]],
    show_estimate=exit_plan.rated(plan, "first"),
)
dated.monthly_chart(client)

done, total = exit_plan.progress(plan)
st.progress(done / total, text=t("plan.progress", done=done, total=total))
exits = exit_plan.exits_in_last_year(state.plans(), today)
if exits >= 2:
    st.warning(t("plan.pattern", n=exits))


steps = {
    step: st.expander(f"{n}. {t(f'plan.step.{step}')}", expanded=step != "meet")
    for n, step in enumerate(exit_plan.STEPS, start=1)
}


def checks(step: str) -> None:
    for item in exit_plan.CHECKS[step]:
        plan_widgets.bound(st.checkbox, t(f"plan.check.{item}"), client, f"checks.{item}", False)


with steps["cool_off"]:
    st.caption(t("plan.why.cool_off"))
    plan_widgets.bound(st.text_input, t("plan.feeling"), client, "feeling", "")
    plan_widgets.bound(
        st.number_input,
        t("plan.cool_off_days"),
        client,
        "cool_off_days",
        exit_plan.COOL_OFF_DAYS,
        min_value=exit_plan.COOL_OFF_RANGE[0],
        max_value=exit_plan.COOL_OFF_RANGE[1],
        step=1,
    )
    plan.setdefault("started", today.isoformat())
    decide = exit_plan.timeline(plan, row, today).decide_no_sooner_than
    st.markdown(t("plan.decide_on", day=day(decide, weekday=True)))
    checks("cool_off")
    may_decide = plan_views.decision_record(client, row, today)
    decided = plan_widgets.bound(
        st.toggle,
        t("plan.mark_exit"),
        client,
        "decided",
        False,
        disabled=not may_decide and not plan.get("decided"),
    )
    if decided:
        plan.setdefault("marked_for_exit", today.isoformat())
    else:
        plan.pop("marked_for_exit", None)

with steps["contract"]:
    st.caption(t("plan.why.contract"))
    for advice in exit_plan.money_advice(row, lang, data.currency):
        st.markdown(f"- {t(advice.key, **advice.params)}")
    for invoice in dated.expected_payments(client):
        key = "plan.open_invoice" if invoice["expected"] else "plan.open_invoice_unknown"
        when = day(invoice["expected"]) if invoice["expected"] else ""
        st.markdown(
            f"- {t(key, issued=day(invoice['issued']), amount=money(invoice['amount']), when=when)}"
        )
    checks("contract")

with steps["meet"]:
    st.caption(t("plan.why.meet"))
    cols = st.columns(2)
    with cols[0]:
        plan_widgets.bound(
            st.radio,
            t("plan.meet.mode"),
            client,
            "meeting_mode",
            "in_person",
            options=exit_plan.MEETING_MODES,
            horizontal=True,
            format_func=lambda m: tr(f"plan.meet.{m}"),
        )
    with cols[1]:
        plan_widgets.bound(st.date_input, t("plan.meet.date"), client, "meeting_date", decide)
    st.info(t("plan.meet.dont"))
    checks("meet")

with steps["notice"]:
    st.caption(t("plan.why.notice"))
    announce = plan_widgets.bound(
        st.date_input, t("plan.announce"), client, "announce_date", decide
    )
    mode = plan_widgets.bound(
        st.radio,
        t("plan.notice_mode"),
        client,
        "notice_mode",
        "days",
        options=["days", "deliverable"],
        horizontal=True,
        format_func=lambda m: tr(f"plan.notice_mode.{m}"),
    )
    contract_days = exit_plan.notice_days_of(row)
    days = plan_widgets.bound(
        st.number_input,
        t("plan.notice_days"),
        client,
        "notice_days",
        contract_days,
        min_value=exit_plan.NOTICE_RANGE[0],
        max_value=exit_plan.NOTICE_RANGE[1],
        step=1,
        help=t("plan.notice_days_help"),
    )
    if mode == "deliverable":
        cols = st.columns(2)
        with cols[0]:
            plan_widgets.bound(st.text_input, t("plan.deliverable"), client, "deliverable", "")
        with cols[1]:
            plan_widgets.bound(
                st.date_input, t("plan.deliverable_date"), client, "deliverable_date", announce
            )
    dates = exit_plan.timeline(plan, row, today)  # the one evaluator: page, Markdown and CLI
    notice = dates.notice
    st.markdown(t("plan.notice_result", day=day(notice.end, weekday=True), days=notice.days))
    if "announce_before_cool_off" in dates.warnings:
        st.warning(t("plan.announce_before_cool_off"))
    if "notice_shorter" in dates.warnings:
        st.warning(t("plan.notice_shorter", days=int(days)))
    events = [
        (decide, t("plan.event.decide", client=names[client])),
        (dates.announce_on, t("plan.event.announce", client=names[client])),
        (notice.end, t("plan.event.last_day", client=names[client])),
    ]
    st.download_button(
        t("plan.calendar"),
        data=exit_plan.calendar(events),
        file_name="exit-plan.ics",
        mime="text/calendar",
        on_click="ignore",
    )
    checks("notice")

with steps["alternatives"]:
    st.caption(t("plan.why.alternatives"))
    rude = plan_widgets.bound(st.checkbox, t("plan.disrespectful"), client, "disrespectful", False)
    referral = ""
    if not rude:
        plan_widgets.bound(
            st.radio,
            t("plan.referral_kind"),
            client,
            "referral_kind",
            "colleague",
            options=exit_plan.REFERRALS,
            horizontal=True,
            format_func=lambda k: tr(f"plan.referral.{k}"),
        )
        referral = plan_widgets.bound(
            st.text_input, t("plan.referral_text"), client, "referral_text", ""
        )
        checks("alternatives")

with steps["short"]:
    st.caption(t("plan.why.short"))
    plan_views.message_draft(client, names[client], notice.end, referral)
    checks("short")

with st.expander(t("plan.reprice"), expanded=True):
    plan_views.reprice(row)

plan_widgets.bound(st.text_area, t("plan.notes"), client, "notes", "")
st.download_button(
    t("plan.export"),
    data=exit_plan.plan_markdown(row, state.plan(client), lang, data.currency, today=today),
    file_name=f"exit-plan-{client[:40]}.md".replace(" ", "-"),
    mime="text/markdown",
    on_click="ignore",
)
