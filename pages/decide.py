"""Decide: what happens to my money, time and risk if these clients go or are repriced."""

import streamlit as st

from model import decide, fields
from ui import charts, dated, decide_views, frame, memo, state, views, widgets
from ui.text import bound, hours, money, percent, plain, t

frame.page("decide.title")
data = state.dataset()
clients = data.clients
lang = state.lang()
tr = bound()
cost = state.setting("cost_per_hour", None)
keys = data.keys
names = data.names
st.caption(t("decide.intro"))

if not views.needs_field(fields.REVENUE):
    st.stop()


@st.fragment
def what_if(chosen: list[str]) -> None:
    """Keep, let go or reprice the chosen clients: a change reruns only this block (the
    choice of clients, a list of every client, reruns the page)."""
    action = widgets.bound(
        st.radio,
        t("decide.action"),
        "decide_action",
        "drop",
        options=["drop", "reprice", "keep"],
        horizontal=True,
        format_func=lambda a: tr(f"decide.action.{a}"),
    )
    drop = chosen if action == "drop" else []
    reprice = decide_views.new_rates(clients, chosen) if action == "reprice" else {}
    cols = st.columns(2)
    with cols[0]:
        refill = widgets.percent_slider(t("decide.refill"), "decide_refill", 0, 0, 100)
    remaining = clients[~clients[fields.KEY].isin(drop)]
    usual = decide.median_rate(remaining)
    with cols[1]:
        replacement = widgets.bound(
            st.number_input,
            t("decide.replacement_rate"),
            "decide_replacement_rate",
            None,
            min_value=0.0,
            step=5.0,
            placeholder=money(usual) if usual else None,
            help=t("decide.replacement_help", rate=money(usual)),
        )
    sim = decide.simulate(
        clients,
        drop,
        reprice,
        refill=refill,
        replacement_rate=replacement,
        cost_per_hour=cost,
    )
    for sentence in decide.verdict(sim, names, lang, data.currency):
        st.markdown(plain(sentence))
    m = st.columns(3)
    m[0].metric(t("decide.freed"), hours(sim.freed_hours))
    m[1].metric(
        t("decide.break_even"),
        percent(sim.break_even_refill) if sim.break_even_refill is not None else "–",
        help=t("decide.break_even_help"),
    )
    m[2].metric(
        t("decide.measure.top_client_share"),
        percent(sim.after.top_client_share),
        delta=decide_views.points(sim.after.top_client_share, sim.before.top_client_share),
        delta_color="inverse",
    )
    st.dataframe(decide_views.before_after(sim), hide_index=True, width="stretch")
    if sim.collect_first:
        st.warning(
            t(
                "decide.collect_first",
                clients=", ".join(
                    f"{plain(c['client'])} ({money(c['outstanding'])})" for c in sim.collect_first
                ),
            )
        )
        st.page_link(
            "pages/exit_plan.py", label=t("decide.to_exit_plan"), icon=":material/door_open:"
        )
    if chosen:
        dated.monthly_chart(chosen[0])


st.subheader(t("decide.what_if"))
what_if(decide_views.chosen_clients(keys, names))

st.subheader(t("decide.whale_title"))
cost = decide_views.cost_per_hour()  # (the what-if above read the same setting)
values = decide.contribution(clients, cost)
basis = decide.basis(clients, cost)
if values is None or basis is None:
    st.info(t("decide.no_contribution"))
    st.stop()
st.caption(t(f"decide.basis.{basis}", cost=money(cost)))
whale = decide.whale_curve(clients, values)
decide_views.whale_headline(whale)
figure = memo.figure(
    "whale",
    (cost,),
    lambda: charts.whale_chart(
        whale.table,
        title=t("decide.whale_chart"),
        labels={"contribution": t("field.profit"), "cumulative": t("decide.cumulative")},
        lang=lang,
    ),
)
cols = st.columns([3, 2])
with cols[0]:
    views.plot(figure, key="whale", width="stretch")
with cols[1]:
    st.dataframe(decide_views.whale_table(whale), hide_index=True, width="stretch", height=420)

st.subheader(t("decide.portfolio_title"))
curve = decide.portfolio(clients, values)
decide_views.portfolio_headline(curve)
portfolio = memo.figure(
    "portfolio",
    (cost,),
    lambda: charts.portfolio_chart(
        curve,
        title=t("decide.portfolio_chart"),
        labels={"profit": t("field.profit"), "hours": t("field.hours"), "k": t("decide.k")},
        lang=lang,
    ),
)
views.plot(portfolio, key="portfolio", width="stretch")
