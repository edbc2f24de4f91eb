"""Blocks of the Decide page: the clients chosen, their new rates, before → after, and the
whale and portfolio curves in words."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from model import fields
from model.decide import Simulation, Whale
from ui import state, widgets
from ui.text import hours, money, number, percent, plain, t

SEEN = "decide_seen_selection"


def cost_per_hour() -> float | None:
    """What an hour of the user's time costs them, asked where profit is shown (not in the
    sidebar of every page, where it was drawn again with every rerun of every page): empty
    means no profit view, never a made-up default."""
    value: float | None = widgets.bound(
        st.number_input,
        t("decide.cost_per_hour"),
        "cost_per_hour",
        None,
        min_value=0.0,
        step=5.0,
        help=t("decide.cost_per_hour_help"),
        width=widgets.HALF,
    )
    return value


def chosen_clients(keys: list[str], names: dict[str, str]) -> list[str]:
    """The clients to weigh: kept across pages; opens on the client selected elsewhere (a
    bubble on Pareto, the Exit plan's client) when that selection is new."""
    selected = state.selected()
    stored = [k for k in state.setting("decide_clients", []) if k in names]
    if selected in names and st.session_state.get(SEEN) != selected:
        st.session_state[SEEN] = selected
        if selected not in stored:
            stored = [selected]
        state.set_setting("decide_clients", stored)
    picked: list[str] = widgets.bound(
        st.multiselect,
        t("decide.clients"),
        "decide_clients",
        stored,
        options=keys,
        format_func=lambda k: names[k],
        placeholder=t("decide.clients_placeholder"),
    )
    return [k for k in picked if k in names]


def new_rates(clients: pd.DataFrame, chosen: list[str]) -> dict[str, float]:
    """A new hourly rate per chosen client (default: 20% above today's effective rate)."""
    rates = dict(state.setting("decide_rates", {}))
    out: dict[str, float] = {}
    for key in chosen:
        row = clients.loc[clients[fields.KEY] == key].iloc[0]
        current = row.get(fields.EFFECTIVE_RATE)
        default = round(float(current) * 1.2, 2) if pd.notna(current) and current else 100.0
        widget = f"decide_rate::{key}"
        st.session_state[widget] = float(rates.get(key, default))

        def keep(key: str = key, widget: str = widget) -> None:
            stored = dict(state.setting("decide_rates", {}))
            stored[key] = float(st.session_state[widget])
            state.set_setting("decide_rates", stored)

        out[key] = float(
            st.number_input(
                t("decide.new_rate", client=plain(row[fields.CLIENT]), now=money(current)),
                min_value=0.0,
                step=5.0,
                key=widget,
                on_change=keep,
            )
        )
    return out


def points(after: float | None, before: float | None) -> str | None:
    """A share's change in percentage points, for a metric's delta."""
    if after is None or before is None or abs(after - before) < 0.0005:
        return None  # no change: no arrow
    return t("decide.points", n=number((after - before) * 100, 1))


def before_after(sim: Simulation) -> pd.DataFrame:
    """Each measure before and after, formatted for the locale."""
    show = {
        "clients": number,
        "revenue": money,
        "hours": hours,
        "effective_rate": money,
        "profit": money,
        "top_client_share": percent,
        "hhi": lambda v: number(v, 3),
        "gini": lambda v: number(v, 2),
    }
    before, after = sim.before.as_dict(), sim.after.as_dict()
    return pd.DataFrame(
        {
            t("decide.col.measure"): [t(f"decide.measure.{name}") for name in show],
            t("decide.before"): [fmt(before[name]) for name, fmt in show.items()],
            t("decide.after"): [fmt(after[name]) for name, fmt in show.items()],
        }
    )


def whale_headline(whale: Whale) -> None:
    """ "Your 12 best clients bring 138% of your profit; the last 9 give back 38%"."""
    if whale.peak_share is None:
        st.warning(t("decide.whale_no_profit", total=money(whale.total)))
        return
    back = whale.peak_share - 1
    if whale.negative_clients == 0:
        st.markdown(t("decide.whale_all", n=len(whale.table)))
        return
    st.markdown(
        t(
            "decide.whale_sentence",
            k=whale.clients_at_peak,
            share=percent(whale.peak_share),
            rest=len(whale.table) - whale.clients_at_peak,
            back=percent(back),
        )
    )
    losing = whale.table[whale.table["contribution"] < 0]
    if len(losing):
        listed = ", ".join(plain(n) for n in losing[fields.CLIENT].head(10))
        more = len(losing) - 10
        st.markdown(
            t(
                "decide.losing",
                n=len(losing),
                clients=listed + (f" … (+{more})" if more > 0 else ""),
                total=money(whale.negative_total),
            )
        )


def whale_table(whale: Whale) -> pd.DataFrame:
    table = whale.table
    return pd.DataFrame(
        {
            t("field.client"): table[fields.CLIENT],
            t("field.profit"): [money(v) for v in table["contribution"]],
            t("decide.cumulative"): [percent(v) for v in table["cumulative_share"]],
        }
    )


def portfolio_headline(curve: pd.DataFrame) -> None:
    """Where letting go of more of the lowest contributors stops paying."""
    profits = curve["profit"].to_numpy()
    best = int(np.argmax(profits))
    if best == 0:
        st.markdown(t("decide.portfolio_none"))
        return
    freed = float(curve["hours"].iloc[0] - curve["hours"].iloc[best])
    st.markdown(
        t(
            "decide.portfolio_sentence",
            k=best,
            gain=money(float(profits[best] - profits[0])),
            hours=hours(freed),
        )
    )
