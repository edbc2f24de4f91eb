"""Charts as functions: data in, ``plotly.graph_objects.Figure`` out; no ``st.*`` here.

Names in hover and tick text are escaped: plotly renders them as pseudo-HTML.
Colours are the Okabe–Ito palette, safe for colour-blind readers.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from model import fields, pareto

BLUE, ORANGE, VERMILLION, SKY, GREEN, GREY, YELLOW = (
    "#0072B2",
    "#E69F00",
    "#D55E00",
    "#56B4E9",
    "#009E73",
    "#7F7F7F",
    "#F0E442",
)
QUADRANT_COLOURS = {"costly": VERMILLION, "stars": BLUE, "light": GREEN, "small": GREY}
MAX_SCATTER = 2000


def plain_text(value: object) -> str:
    """Plain text for plotly's pseudo-HTML: only ``&``, ``<`` and ``>`` are markup there (a
    quote escaped as ``&quot;`` would show literally)."""
    return html.escape(str(value), quote=False)


def separators(lang: str) -> str:
    """Plotly's decimal mark then thousands mark for ``lang``: 1.712.994,5 in Vietnamese."""
    return ",." if lang == "vi" else ".,"


def finished(figure: go.Figure, lang: str) -> go.Figure:
    """``figure`` with ``lang``'s number marks, made to hand over one dict for good.

    ``st.plotly_chart`` asks for ``figure.to_dict()`` on every run: a deep copy with every array
    encoded again (7 ms for a 2,000-point chart, each time a fragment reruns). A figure kept
    between runs is finished once and not changed after: its dict is made here, once.
    """
    figure.update_layout(separators=separators(lang))
    sent = figure.to_dict()
    figure.to_dict = lambda: sent
    return figure


def is_finished(figure: go.Figure) -> bool:
    return "to_dict" in vars(figure)


def _safe(names: pd.Series) -> list[str]:
    return [plain_text(n) for n in names]


def _frame(title: str) -> dict[str, object]:
    """The layout every chart shares: title, margins, legend below, white plot."""
    return {
        "title": {"text": title},
        "margin": {"l": 50, "r": 50, "t": 60, "b": 50},
        "legend": {"orientation": "h", "y": -0.2},
        "plot_bgcolor": "white",
        "hovermode": "closest",
    }


def _layout(fig: go.Figure, title: str) -> go.Figure:
    fig.update_layout(_frame(title))
    return fig


def pareto_chart(
    table: pd.DataFrame,
    *,
    top: int,
    threshold: float,
    title: str,
    value_label: str,
    cumulative_label: str,
    other_label: Callable[[int], str],
    threshold_label: str,
    selected: str | None = None,
) -> go.Figure:
    """Bars high to low (top N + one "Other"), exact cumulative share on a second axis."""
    shown, rest = pareto.top_with_other(table, top)
    names = _safe(shown[fields.CLIENT])
    keys = shown[fields.KEY].tolist()
    values = shown["value"].tolist()
    cumulative = shown["cumulative"].tolist()
    if rest:
        names.append(plain_text(other_label(rest)))
        keys.append("")
        values.append(float(table["value"].iloc[top:].clip(lower=0).sum()))
        cumulative.append(1.0)
    positions = list(range(len(names)))
    colours = [ORANGE if k and k == selected else BLUE for k in keys]
    # One figure from plain data: make_subplots and per-part updates cost ~40 ms a chart in
    # plotly's checks, and this chart is redrawn for every move of the 80/20 slider.
    bars = {
        "type": "bar",
        "x": positions,
        "y": values,
        "name": value_label,
        "marker": {"color": colours},
        "customdata": keys,
        "hovertext": names,
        "hovertemplate": "%{hovertext}<br>%{y:,.2~f}<extra></extra>",
    }
    line = {
        "type": "scatter",
        "x": positions,
        "y": [c * 100 for c in cumulative],
        "yaxis": "y2",
        "name": cumulative_label,
        "mode": "lines+markers",
        "line": {"color": VERMILLION},
        "customdata": keys,
        "hovertext": names,
        "hovertemplate": "%{hovertext}<br>%{y:.1f}%<extra></extra>",
    }
    layout = {
        **_frame(plain_text(title)),
        "yaxis": {"title": {"text": plain_text(value_label)}},
        "yaxis2": {
            "overlaying": "y",
            "side": "right",
            "range": [0, 105],
            "tickmode": "array",
            "tickvals": [0, 20, 40, 60, 80, 100],
            "ticksuffix": "%",
            "showgrid": False,
        },
        "xaxis": {
            "tickmode": "array",
            "tickvals": positions,
            "ticktext": [_tick(name) for name in names],
            "tickangle": -45,
            "automargin": True,  # rotated names reach left of the first bar: make room
        },
        "shapes": [
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "yref": "y2",
                "y0": threshold * 100,
                "y1": threshold * 100,
                "line": {"color": GREY, "dash": "dash"},
            }
        ],
        "annotations": [
            {
                "xref": "paper",
                "x": 1,
                "yref": "y2",
                "y": threshold * 100,
                "text": plain_text(threshold_label),
                "showarrow": False,
                "xanchor": "right",
                "yanchor": "bottom",
                "font": {"color": GREY},
            }
        ],
    }
    # Built from plain data the tests check against plotly's own validation, so the
    # per-property checks (half this chart's time) are skipped here.
    return go.Figure({"data": [bars, line], "layout": layout}, _validate=False)


def _tick(name: str, limit: int = 24) -> str:
    """A tick label short enough to read rotated (the hover shows the whole name)."""
    if len(name) <= limit:
        return name
    cut = name[: limit - 1]
    entity = cut.rfind("&")  # names are escaped: never cut "&amp;" in half
    if entity != -1 and ";" not in cut[entity:]:
        cut = cut[:entity]
    return cut.rstrip() + "…"


def lorenz_chart(
    curves: dict[str, tuple[np.ndarray, np.ndarray]],
    *,
    title: str,
    equality_label: str,
    x_label: str,
    y_label: str,
) -> go.Figure:
    """Lorenz curves (already down-sampled) with the line of equality."""
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[0, 100],
            y=[0, 100],
            mode="lines",
            name=plain_text(equality_label),
            line={"color": GREY, "dash": "dot"},
            hoverinfo="skip",
        )
    )
    for (label, (xs, ys)), colour in zip(curves.items(), (BLUE, ORANGE, GREEN), strict=False):
        fig.add_trace(
            go.Scatter(
                x=xs * 100,
                y=ys * 100,
                mode="lines",
                name=plain_text(label),
                line={"color": colour, "width": 3},
                hovertemplate="%{x:.0f}% → %{y:.1f}%<extra></extra>",
            )
        )
    fig.update_xaxes(title_text=plain_text(x_label), ticksuffix="%", range=[0, 100])
    fig.update_yaxes(title_text=plain_text(y_label), ticksuffix="%", range=[0, 100])
    return _layout(fig, plain_text(title))


def effort_chart(
    effort: pd.DataFrame,
    *,
    mode: str,
    labels: dict[str, str],
    selected: str | None = None,
    median_rate: float | None = None,
) -> go.Figure:
    """One bubble per client (size = revenue), coloured by quadrant; click to select.

    ``mode`` is ``"shares"`` (hours share against revenue share, with the diagonal) or
    ``"rate"`` (hours against effective rate, with the median rate).
    """
    if len(effort) > MAX_SCATTER:
        effort = effort.assign(weight=effort["hours_share"] + effort["revenue_share"])
        effort = effort.nlargest(MAX_SCATTER, "weight")
    fig = go.Figure()
    biggest = max(float(effort[fields.REVENUE].clip(lower=0).max()), 1e-9)
    for quadrant in pareto.QUADRANTS:
        part = effort[effort["quadrant"] == quadrant]
        if part.empty:
            continue
        x = part["hours_share"] * 100 if mode == "shares" else part[fields.HOURS]
        y = part["revenue_share"] * 100 if mode == "shares" else part["effective_rate"]
        size = 8 + 32 * np.sqrt(part[fields.REVENUE].clip(lower=0) / biggest)
        ring = [2 if k == selected else 0 for k in part[fields.KEY]]
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y,
                mode="markers",
                name=plain_text(labels[f"quadrant.{quadrant}"]),
                marker={
                    "size": size,
                    "color": QUADRANT_COLOURS[quadrant],
                    "opacity": 0.75,
                    "line": {"width": ring, "color": "black"},
                },
                customdata=part[fields.KEY].tolist(),
                hovertext=_safe(part[fields.CLIENT]),
                hovertemplate="%{hovertext}<br>%{x:.1f} · %{y:.1f}<extra></extra>",
            )
        )
    if mode == "shares":
        top = float(max(effort["hours_share"].max(), effort["revenue_share"].max()) * 100 * 1.05)
        fig.add_trace(
            go.Scatter(
                x=[0, top],
                y=[0, top],
                mode="lines",
                hoverinfo="skip",
                name=plain_text(labels["guide"]),
                line={"color": GREY, "dash": "dot"},
            )
        )
        fig.update_xaxes(title_text=plain_text(labels["x_shares"]), ticksuffix="%")
        fig.update_yaxes(title_text=plain_text(labels["y_shares"]), ticksuffix="%")
    else:
        if median_rate is not None:
            fig.add_hline(y=median_rate, line={"color": GREY, "dash": "dot"})
        fig.update_xaxes(title_text=plain_text(labels["x_rate"]))
        fig.update_yaxes(title_text=plain_text(labels["y_rate"]))
    return _layout(fig, plain_text(labels["title"]))


def factor_chart(factors: pd.DataFrame, *, lang: str, labels: dict[str, str]) -> go.Figure:
    """Odds ratio per typical change for each input, on a log axis; >1 pushes toward problem."""
    from model.scoring import feature_label

    shown = pd.concat([factors.head(8), factors.tail(4)]).drop_duplicates("feature")
    shown = shown.sort_values("odds_ratio")
    names = [plain_text(feature_label(f, lang)) for f in shown["feature"]]
    colours = [VERMILLION if v > 1 else BLUE for v in shown["odds_ratio"]]
    fig = go.Figure(
        go.Bar(
            # Bars start at 1 (no effect) and reach the odds ratio, either way.
            x=shown["odds_ratio"] - 1,
            base=1,
            y=names,
            orientation="h",
            marker_color=colours,
            customdata=shown["odds_ratio"],
            hovertemplate="%{y}: ×%{customdata:.2f}<extra></extra>",
        )
    )
    fig.add_vline(x=1, line={"color": GREY, "dash": "dot"})
    fig.update_xaxes(type="log", title_text=plain_text(labels["x"]))
    return _layout(fig, plain_text(labels["title"]))


def monthly_chart(
    rows: pd.DataFrame, *, title: str, labels: dict[str, str], lang: str
) -> go.Figure:
    """One client's months: revenue (bars, left axis) and hours (bars, right axis) with the
    effective rate as a line on the right; months without rows are gaps, not zeros."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    months = pd.to_datetime(rows["month"])
    if rows[fields.REVENUE].notna().any():
        fig.add_bar(
            x=months, y=rows[fields.REVENUE], name=labels[fields.REVENUE], marker_color=BLUE
        )
    if rows[fields.HOURS].notna().any():
        fig.add_bar(
            x=months,
            y=rows[fields.HOURS],
            name=labels[fields.HOURS],
            marker_color=ORANGE,
            secondary_y=True,
        )
    if rows[fields.EFFECTIVE_RATE].notna().any():
        fig.add_scatter(
            x=months,
            y=rows[fields.EFFECTIVE_RATE],
            name=labels["rate"],
            mode="lines+markers",
            line={"color": VERMILLION},
            secondary_y=True,
        )
    fig.update_layout(barmode="group", separators=separators(lang))
    return _layout(fig, title)


def whale_chart(table: pd.DataFrame, *, title: str, labels: dict[str, str], lang: str) -> go.Figure:
    """Clients best first: each one's contribution (bars; losses in vermillion) and the
    cumulative share of total profit (line, right axis), which may rise above 100%."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    names = _safe(table[fields.CLIENT])
    colours = np.where(table["contribution"] < 0, VERMILLION, BLUE)
    fig.add_bar(
        x=names,
        y=table["contribution"],
        name=labels["contribution"],
        marker_color=colours,
        customdata=table[fields.KEY],
    )
    fig.add_scatter(
        x=names,
        y=table["cumulative_share"],
        name=labels["cumulative"],
        mode="lines",
        line={"color": ORANGE},
        secondary_y=True,
    )
    fig.add_hline(y=1, line_dash="dot", line_color=GREY, secondary_y=True)
    fig.update_yaxes(tickformat=".0%", secondary_y=True)
    fig.update_xaxes(showticklabels=len(table) <= 40)
    fig.update_layout(separators=separators(lang))
    return _layout(fig, title)


def portfolio_chart(
    table: pd.DataFrame, *, title: str, labels: dict[str, str], lang: str
) -> go.Figure:
    """Letting go of the k lowest contributors: profit (left) and hours (right) left."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_scatter(x=table["k"], y=table["profit"], name=labels["profit"], line={"color": BLUE})
    fig.add_scatter(
        x=table["k"],
        y=table["hours"],
        name=labels["hours"],
        line={"color": ORANGE, "dash": "dash"},
        secondary_y=True,
    )
    best = int(table["profit"].to_numpy().argmax())
    fig.add_vline(x=int(table["k"].iloc[best]), line_dash="dot", line_color=GREEN)
    fig.update_xaxes(title=labels["k"])
    fig.update_layout(separators=separators(lang))
    return _layout(fig, title)


def _sizes(counts: list[int]) -> list[float]:
    """Marker sizes 8–28 px by the square root of each count (area follows the count)."""
    largest = max(counts, default=1) or 1
    return [8 + 20 * float(np.sqrt(c / largest)) for c in counts]


def reliability_chart(
    bins: list[dict[str, float | int | None]], *, title: str, labels: dict[str, str], lang: str
) -> go.Figure:
    """Mean estimate against the observed rate per bin (marker size: clients), with the
    diagonal a perfectly calibrated model would follow."""
    used = [b for b in bins if b["count"]]
    fig = go.Figure()
    fig.add_scatter(
        x=[0, 1], y=[0, 1], mode="lines", name=labels["ideal"], line={"color": GREY, "dash": "dot"}
    )
    fig.add_scatter(
        x=[b["mean_predicted"] for b in used],
        y=[b["observed"] for b in used],
        mode="markers+lines",
        name=labels["observed"],
        marker={"color": BLUE, "size": _sizes([int(b["count"] or 0) for b in used])},
        text=[str(b["count"]) for b in used],
        hovertemplate="%{x:.0%} → %{y:.0%} (%{text})<extra></extra>",
    )
    fig.update_xaxes(title=labels["x"], range=[0, 1], tickformat=".0%")
    fig.update_yaxes(title=labels["y"], range=[0, 1], tickformat=".0%")
    fig.update_layout(separators=separators(lang))
    return _layout(fig, title)
