"""Pareto figures against hand-computed cases, and properties of the curves."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.io as pio
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model import pareto
from ui import charts


def chart(frame: pd.DataFrame, other_label=str, top: int = 10):  # type: ignore[no-untyped-def]
    return charts.pareto_chart(
        frame,
        top=top,
        threshold=0.8,
        title="t",
        value_label="v",
        cumulative_label="c",
        other_label=other_label,
        threshold_label="80% line",
    )


def table(values: list[float], metric: str = "revenue") -> pd.DataFrame:
    names = [f"C{i}" for i in range(len(values))]
    return pd.DataFrame({"key": [n.lower() for n in names], "client": names, metric: values})


@pytest.mark.parametrize(
    ("values", "top_n", "top_share", "for_80", "gini"),
    [
        # 10 clients: top 2 hold 50+30 of 100; 80% reached after 2; Gini: 2·884/1000 − 1.1.
        ([50, 30, 5, 5, 2, 2, 2, 2, 1, 1], 2, 0.8, 2, 0.668),
        ([10, 10, 10, 10], 1, 0.25, 4, 0.0),  # all equal
        ([7], 1, 1.0, 1, 0.0),  # one client
        ([0, 0, 0, 10], 1, 1.0, 1, 0.75),  # zeros count as clients
        ([5, 5, 0, 0, 0], 1, 0.5, 2, 0.6),  # ties
    ],
)
def test_matches_hand_computed_cases(
    values: list[float], top_n: int, top_share: float, for_80: int, gini: float
) -> None:
    s = pareto.summarise(table(values), "revenue")
    assert (s.n, s.top_n, s.clients_for_threshold) == (len(values), top_n, for_80)
    assert s.top_share == pytest.approx(top_share)
    assert s.gini == pytest.approx(gini)


def test_gini_formula_by_hand_for_the_first_case() -> None:
    x = np.sort(np.array([50, 30, 5, 5, 2, 2, 2, 2, 1, 1], dtype=float))
    n = len(x)
    expected = 2 * sum((i + 1) * v for i, v in enumerate(x)) / (n * x.sum()) - (n + 1) / n
    assert pareto.gini(x) == pytest.approx(expected) == pytest.approx(0.668)


def test_negative_values_count_as_zero_and_are_listed() -> None:
    s = pareto.summarise(table([100, -20, 50, 0]), "revenue")
    assert s.negative_clients == ["C1"]
    assert s.total == 150
    assert s.top_share == pytest.approx(100 / 150)


def test_missing_values_are_outside_the_population() -> None:
    s = pareto.summarise(table([100, float("nan"), 50]), "revenue")
    assert s.n == 2


def test_all_zero_has_no_shares() -> None:
    s = pareto.summarise(table([0, 0]), "revenue")
    assert (s.top_share, s.clients_for_threshold, s.gini) == (None, None, None)


def test_threshold_and_top_cut_are_adjustable() -> None:
    s = pareto.summarise(
        table([50, 30, 5, 5, 2, 2, 2, 2, 1, 1]), "revenue", threshold=0.7, top_fraction=0.3
    )
    assert (s.top_n, s.clients_for_threshold) == (3, 2)
    assert s.top_share == pytest.approx(0.85)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=-1e6, max_value=1e9, allow_nan=False), min_size=1, max_size=60))
def test_curves_never_decrease_and_end_at_one(values: list[float]) -> None:
    frame = pareto.pareto_table(table(values), "revenue")
    s = pareto.summarise(table(values), "revenue")
    if s.top_share is None:
        return
    cumulative = frame["cumulative"].to_numpy()
    assert np.all(np.diff(cumulative) >= -1e-12)
    assert cumulative[-1] == pytest.approx(1.0)
    assert 0 <= s.top_share <= 1 + 1e-12 and 0 <= (s.gini or 0) <= 1
    xs, ys = pareto.lorenz_curve(np.array(values))
    assert (xs[0], ys[0]) == (0, 0) and xs[-1] == pytest.approx(1) and ys[-1] == pytest.approx(1)
    assert np.all(np.diff(ys) >= -1e-12)


def test_lorenz_is_down_sampled_with_exact_ends() -> None:
    values = np.random.default_rng(0).pareto(1.2, 100_000)
    xs, ys = pareto.lorenz_curve(values, max_points=2000)
    assert len(xs) <= 2002
    assert (xs[0], ys[0], xs[-1], ys[-1]) == (0, 0, 1, pytest.approx(1))


def test_concentration_warns_above_a_quarter_of_revenue() -> None:
    risky = pareto.concentration(table([30, 20, 20, 20, 10]))
    assert [(r.client, round(r.share, 2)) for r in risky] == [("C0", 0.3)]
    assert pareto.concentration(table([25, 25, 25, 25])) == []


def test_effort_value_names_the_costly_client() -> None:
    clients = pd.DataFrame(
        {
            "key": ["a", "b", "c"],
            "client": ["A", "B", "C"],
            "revenue": [1000.0, 1000.0, 200.0],
            "hours": [10.0, 10.0, 80.0],
        }
    )
    effort = pareto.effort_value(clients)
    assert dict(zip(effort["client"], effort["quadrant"], strict=True))["C"] == "costly"
    assert pareto.time_sinks(effort)["client"].tolist() == ["C"]


def test_pareto_chart_has_top_n_bars_plus_other_and_exact_cumulative() -> None:
    frame = pareto.pareto_table(table([float(v) for v in range(100, 0, -1)]), "revenue")
    fig = chart(frame, other_label=lambda k: f"Other ({k})")
    bars, line = fig.data
    assert len(bars.x) == 11 and bars.hovertext[-1] == "Other (90)"
    assert line.y[9] == pytest.approx(frame["cumulative"].iloc[9] * 100)
    assert line.y[-1] == pytest.approx(100)
    assert fig.layout.annotations[0].yref == "y2"


def test_client_names_are_escaped_in_hover_and_ticks() -> None:
    frame = pareto.pareto_table(table([5.0, 1.0]), "revenue")
    frame.loc[0, "client"] = "<img src=x onerror=alert(1)>"
    fig = chart(frame)
    assert "<img" not in json.dumps(fig.to_plotly_json()["data"])
    assert fig.data[0].hovertext[0] == "&lt;img src=x onerror=alert(1)&gt;"


def test_quotes_in_names_show_as_quotes_not_entities() -> None:
    frame = pareto.pareto_table(table([5.0, 1.0]), "revenue")
    frame.loc[0, "client"] = 'The "Best" Café & Co'
    fig = chart(frame)
    assert fig.data[0].hovertext[0] == 'The "Best" Café &amp; Co'


def test_figures_stay_small_at_100000_clients() -> None:
    rng = np.random.default_rng(1)
    n = 100_000
    clients = pd.DataFrame(
        {
            "key": [f"k{i}" for i in range(n)],
            "client": [f"C{i}" for i in range(n)],
            "revenue": rng.pareto(1.2, n) * 1000,
            "hours": rng.uniform(1, 300, n),
        }
    )
    frame = pareto.pareto_table(clients, "revenue")
    fig = chart(frame, top=25)
    assert len(pio.to_json(fig)) < 1_000_000
    effort = pareto.effort_value(clients)
    labels = {k: k for k in ("guide", "x_shares", "y_shares", "x_rate", "y_rate", "title")}
    labels |= {f"quadrant.{q}": q for q in pareto.QUADRANTS}
    assert len(pio.to_json(charts.effort_chart(effort, mode="shares", labels=labels))) < 1_000_000


def test_the_pareto_chart_passes_plotlys_own_validation() -> None:
    """The chart is built without plotly's per-property checks (it is redrawn for every move
    of the 80/20 slider); rebuilt with them, it is the same figure."""
    import plotly.graph_objects as go

    built = chart(pareto.pareto_table(table([50, 30, 5, 5, 2, 2, 2, 2, 1, 1]), "revenue"), top=3)
    assert go.Figure(built.to_dict()).to_dict() == built.to_dict()
    assert built.layout.yaxis2.overlaying == "y" and built.data[1].yaxis == "y2"
