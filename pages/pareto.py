"""Pareto: where revenue, hours and trouble go, and which few clients take the most time.

The 80/20 controls with their chart, and the effort-vs-value switch with its chart, are
fragments: moving a control reruns only its block, and figures are kept per data and options.
"""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from model import fields, pareto
from model.pareto import ParetoSummary
from model.tables import effort_display, field_label, pareto_display
from ui import charts, frame, memo, state, views, widgets
from ui.text import bound, money, number, percent, plain, t

frame.page("pareto.title")
data = state.dataset()
clients = data.clients
lang = state.lang()
tr = bound()

for risk in pareto.concentration(clients):
    st.warning(t("pareto.concentration", client=plain(risk.client), share=percent(risk.share)))
views.selected_caption()


def summary(metric: str, threshold: float = 0.8, top_fraction: float = 0.2) -> ParetoSummary:
    return memo.kept(
        f"pareto_summary.{metric}",
        (threshold, top_fraction),
        lambda: pareto.summarise(clients, metric, threshold=threshold, top_fraction=top_fraction),
    )


def shared_metrics() -> list[str]:
    """Revenue and hours where the data has them and some client has a share of them."""
    found = []
    for metric in (fields.REVENUE, fields.HOURS):
        if data.has(metric) and summary(metric).top_share is not None:
            found.append(metric)
    return found


@st.fragment
def headline() -> None:
    """The top group's share of revenue and hours, in words, with its size slider; and the
    clients who take far more time than they pay for."""
    st.subheader(t("pareto.headline"))
    top_fraction = widgets.percent_slider(
        t("pareto.top"), "pareto_top", 20, 5, 50, width=widgets.HALF
    )
    paragraphs = []
    for metric in shared_metrics():
        s = summary(metric, top_fraction=top_fraction)
        if s.only_client is not None:  # "1 client (100%) takes 100%" would say nothing
            paragraphs.append(t(f"pareto.only.{metric}", client=plain(s.only_client)))
            continue
        paragraphs.append(
            t(
                f"pareto.top_sentence.{metric}",
                k=s.top_n,
                pct=percent(s.top_n / s.n),
                share=percent(s.top_share),
            )
        )
    # (rows as tuples once: ``itertuples`` builds a namedtuple class on every call)
    for sink in memo.kept("time_sinks", (), lambda: list(pareto.time_sinks(effort).itertuples())):
        paragraphs.append(
            t(
                "pareto.sink",
                client=plain(sink.client),
                hours=percent(sink.hours_share, 1),
                revenue=percent(sink.revenue_share, 1),
            )
        )
    if paragraphs:  # one element, not one per sentence: each costs the rerun a message
        st.markdown("\n\n".join(paragraphs))


@st.fragment
def concentration() -> None:
    """The Pareto chart of one metric, with its numbers: choosing the metric reruns this block;
    the share-to-reach slider inside (``reach``) reruns only the line, sentences and chart, not
    the table of every client's numbers under them."""
    st.subheader(t("pareto.charts"))
    metric: str | None = widgets.bound(
        st.radio,
        t("pareto.metric"),
        "pareto_metric",
        fields.REVENUE,
        options=[fields.REVENUE, fields.HOURS, "trouble"],
        horizontal=True,
        format_func=lambda m: tr(f"pareto.metric.{m}"),
    )
    if metric == "trouble":
        trouble = memo.kept(
            "trouble", (), lambda: pareto.trouble_metrics(clients, data.numeric_extras)
        )
        metric = None
        if not trouble:
            st.info(t("pareto.no_trouble"))
        else:
            metric = widgets.bound(
                st.selectbox,
                t("pareto.trouble"),
                "pareto_trouble",
                trouble[0],
                options=trouble,
                format_func=lambda m: field_label(m, lang),
            )
    if metric is not None and not views.needs_field(metric):
        metric = None
    reach(metric)
    if metric is not None:
        views.chart_numbers(
            "pareto_numbers",
            lambda: memo.kept(
                "pareto_numbers",
                (metric,),
                lambda: views.arrow(pareto_display(table(metric), metric, lang, data.currency)),
            ),
        )


def table(metric: str) -> pd.DataFrame:
    return memo.kept("pareto_table", (metric,), lambda: pareto.pareto_table(clients, metric))


@st.fragment
def reach(metric: str | None) -> None:
    """The share-to-reach slider, how many clients reach it, and ``metric``'s chart with that
    line (none when the data cannot draw it)."""
    widgets.follow_selection()
    threshold = widgets.percent_slider(
        t("pareto.threshold"), "pareto_threshold", 80, 50, 95, width=widgets.HALF
    )
    reached = [
        t(f"pareto.reach.{m}", reach=s.clients_for_threshold, threshold=percent(threshold))
        for m in shared_metrics()
        if (s := summary(m, threshold=threshold)).only_client is None
    ]
    if reached:
        st.markdown(" ".join(reached))
    if metric is None:
        return
    s = summary(metric, threshold=threshold)
    label = field_label(metric, lang)
    if s.negative_clients:
        st.warning(
            t(
                "pareto.negatives",
                n=len(s.negative_clients),
                metric=plain(label),
                clients=", ".join(plain(c) for c in s.negative_clients[:10]),
            )
        )
    figure = memo.figure(
        "pareto_chart",
        (metric, threshold, state.selected()),
        lambda: charts.pareto_chart(
            table(metric),
            top=25,
            threshold=threshold,
            title=t("pareto.chart_title", metric=label),
            value_label=label,
            cumulative_label=t("pareto.cumulative"),
            other_label=lambda k: tr("pareto.other", k=k),
            threshold_label=t("pareto.threshold_line", threshold=percent(threshold)),
            selected=state.selected(),
        ),
    )
    st.caption(t("pareto.gini", metric=plain(label), gini=number(s.gini, 2)))
    views.chart(figure, key="pareto_chart", on_select=widgets.selection_callback("pareto_chart"))


def inequality() -> None:
    """The Lorenz curves of revenue and hours (no controls: drawn once per data)."""
    st.subheader(t("lorenz.title"))
    curves = {}
    for m in (fields.REVENUE, fields.HOURS):
        if data.has(m):
            g = pareto.summarise(clients, m).gini
            values = pareto.metric_values(clients, m)["value"].to_numpy()
            curves[t("lorenz.curve", metric=field_label(m, lang), gini=number(g, 2))] = (
                pareto.lorenz_curve(values)
            )
    if curves:
        figure = memo.figure(
            "lorenz",
            (),
            lambda: charts.lorenz_chart(
                curves,
                title=t("lorenz.chart_title"),
                equality_label=t("lorenz.equality"),
                x_label=t("lorenz.x"),
                y_label=t("lorenz.y"),
            ),
        )
        views.plot(figure, key="lorenz", width="stretch")
        st.caption(t("lorenz.explain"))


@st.fragment
def effort_value() -> None:
    """Hours against revenue per client, as shares or as hours against the hourly rate."""
    widgets.follow_selection()
    st.subheader(t("effort.title"))
    if not (views.needs_field(fields.HOURS) and views.needs_field(fields.REVENUE)):
        return
    if effort.empty:
        return
    mode = widgets.bound(
        st.radio,
        t("effort.mode"),
        "effort_mode",
        "shares",
        options=["shares", "rate"],
        horizontal=True,
        format_func=lambda m: tr(f"effort.mode.{m}"),
    )
    median_rate = float(effort["effective_rate"].median())

    def build() -> go.Figure:
        labels = {
            k: t(f"effort.{k}") for k in ("guide", "x_shares", "y_shares", "x_rate", "y_rate")
        }
        labels |= {"title": t("effort.title_chart")}
        labels |= {f"quadrant.{q}": t(f"quadrant.{q}") for q in pareto.QUADRANTS}
        return charts.effort_chart(
            effort, mode=mode, labels=labels, selected=state.selected(), median_rate=median_rate
        )

    st.caption(t("effort.explain", rate=money(median_rate)))
    views.chart(
        memo.figure("effort_chart", (mode, state.selected()), build),
        key="effort",
        on_select=widgets.selection_callback("effort"),
    )


effort = memo.kept("effort", (), lambda: pareto.effort_value(clients))
headline()
concentration()
inequality()
effort_value()
if data.has(fields.HOURS) and data.has(fields.REVENUE) and not effort.empty:
    # The same numbers whichever way the chart shows them: outside its fragment, not resent.
    views.chart_numbers(
        "effort_numbers",
        lambda: memo.kept(
            "effort_numbers", (), lambda: views.arrow(effort_display(effort, lang, data.currency))
        ),
    )
