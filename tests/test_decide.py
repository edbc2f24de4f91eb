"""Decide's definitions by hand on a small book, properties on any book, and the
``simulate`` and ``report --cost-per-hour`` commands."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model import decide, fields, pareto
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]


def _book(rows: list[tuple[str, float, float, float]]) -> pd.DataFrame:
    """Clients from ``(name, revenue, hours, outstanding)``."""
    frame = pd.DataFrame(rows, columns=[fields.CLIENT, "revenue", "hours", "outstanding"])
    frame.insert(0, fields.KEY, [fields.client_key(n) for n in frame[fields.CLIENT]])
    return frame.assign(effective_rate=frame["revenue"] / frame["hours"])


SMALL = _book(
    [
        ("A", 100, 10, 0),
        ("B", 50, 10, 0),
        ("C", 30, 20, 40),
        ("(no client)", 20, 5, 0),
    ]
)


def test_before_the_book_and_its_concentration_over_named_clients() -> None:
    before = decide.book(SMALL)
    assert (before.clients, before.revenue, before.hours) == (4, 200, 45)
    assert before.effective_rate == pytest.approx(200 / 45)
    assert before.top_client_share == pytest.approx(100 / 180)
    assert before.hhi == pytest.approx((100**2 + 50**2 + 30**2) / 180**2)
    assert before.gini == pytest.approx(pareto.gini(np.array([100.0, 50, 30])))
    assert before.profit is None  # no profit column and no cost per hour


def test_letting_one_go_with_the_break_even_refill() -> None:
    # Freed 20 h; the rest's median rate is 5 (A 10, B 5, no client 4); 30 lost / (20 × 5).
    sim = decide.simulate(SMALL, ["c"], refill=0.3)
    assert (sim.freed_hours, sim.replacement_rate, sim.revenue_lost) == (20, 5, 30)
    assert sim.break_even_refill == pytest.approx(0.3)
    assert sim.after.revenue == pytest.approx(200)
    assert sim.after.hours == pytest.approx(31)
    assert sim.after.top_client_share == pytest.approx(100 / 150)
    assert sim.after.hhi == pytest.approx((100**2 + 50**2) / 150**2)
    assert sim.collect_first == [{"key": "c", "client": "C", "outstanding": 40}]
    assert sim.largest_after == "a"


def test_repricing_charges_the_new_rate_for_the_same_hours() -> None:
    sim = decide.simulate(SMALL, [], {"b": 8.0}, cost_per_hour=3)
    assert sim.after.revenue == pytest.approx(200 - 50 + 80)
    assert sim.after.hours == sim.before.hours
    assert sim.after.profit == pytest.approx(sim.before.profit + 30)


def test_the_whale_curve_and_the_portfolio_by_hand() -> None:
    values = decide.contribution(SMALL, 3)
    assert values is not None
    assert list(values) == [70, 20, -30, 5]
    whale = decide.whale_curve(SMALL, values)
    assert list(whale.table["client"]) == ["A", "B", "(no client)", "C"]
    assert whale.table["cumulative_share"].to_numpy() == pytest.approx(
        [70 / 65, 90 / 65, 95 / 65, 1]
    )
    assert (whale.peak_share, whale.clients_at_peak) == (pytest.approx(95 / 65), 3)
    assert (whale.negative_clients, whale.negative_total) == (1, -30)
    curve = decide.portfolio(SMALL, values)
    assert list(curve["profit"]) == [65, 95, 90, 70, 0]
    assert list(curve["hours"]) == [45, 25, 20, 10, 0]


def test_a_profit_column_wins_over_the_cost_per_hour() -> None:
    book = SMALL.assign(profit=[10.0, 5.0, -1.0, np.nan])
    assert decide.basis(book, 3) == "profit"
    assert list(decide.contribution(book, 3)) == [10, 5, -1, 0]  # type: ignore[arg-type]
    assert decide.basis(SMALL, None) is None


books = st.lists(
    st.tuples(st.floats(0, 1e6), st.floats(0.5, 2e3), st.floats(0, 1e4)), min_size=2, max_size=30
)


@settings(max_examples=150, deadline=None)
@given(books, st.data())
def test_refilling_nothing_removes_exactly_the_clients_and_break_even_keeps_revenue(
    rows: list[tuple[float, float, float]], data: st.DataObject
) -> None:
    book = _book([(f"Client {i}", r, h, o) for i, (r, h, o) in enumerate(rows)])
    keys = list(book[fields.KEY])
    drop = data.draw(
        st.lists(st.sampled_from(keys), min_size=1, max_size=len(keys) - 1, unique=True)
    )
    gone = book[book[fields.KEY].isin(drop)]
    bare = decide.simulate(book, drop, refill=0.0)
    scale = 1e-9 * (bare.before.revenue + 1)  # sums of very different sizes round
    assert bare.after.revenue == pytest.approx(
        bare.before.revenue - gone["revenue"].sum(), abs=scale
    )
    assert bare.after.hours == pytest.approx(bare.before.hours - gone["hours"].sum())
    assert bare.after.clients == len(book) - len(drop)
    if bare.break_even_refill is not None:
        even = decide.simulate(book, drop, refill=bare.break_even_refill)
        assert even.after.revenue == pytest.approx(even.before.revenue, rel=1e-9, abs=1e-6)


@settings(max_examples=150, deadline=None)
@given(books)
def test_the_whale_curve_ends_at_one_and_is_the_revenue_pareto_curve_for_revenue(
    rows: list[tuple[float, float, float]],
) -> None:
    book = _book([(f"Client {i}", r, h, o) for i, (r, h, o) in enumerate(rows)])
    book = book.assign(profit=book["revenue"])
    values = decide.contribution(book, None)
    assert values is not None
    whale = decide.whale_curve(book, values)
    if whale.total <= 0:
        return
    assert whale.table["cumulative_share"].iloc[-1] == pytest.approx(1)
    revenue_curve = pareto.pareto_table(book, fields.REVENUE)["cumulative"].to_numpy()
    assert whale.table["cumulative_share"].to_numpy() == pytest.approx(revenue_curve)


def test_simulate_on_the_sample_in_json_and_in_vietnamese_markdown() -> None:
    sample = str(ROOT / "sample_data" / "clients.csv")
    run = run_cli("simulate", sample, "--drop", "blue heron studio", "--refill", "0.5")
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert found["dropped"] == ["Blue Heron Studio"] and found["freed_hours"] == 495
    assert found["collect_first"] == [{"client": "Blue Heron Studio", "outstanding": 9871.25}]
    assert found["before"]["clients"] - found["after"]["clients"] == 1
    assert set(found["before"]) == {
        "clients", "revenue", "hours", "effective_rate", "profit", "top_client_share", "hhi",
        "gini",
    }  # fmt: skip
    lost = found["before"]["revenue"] - found["after"]["revenue"]
    refilled = 0.5 * 495 * found["replacement_rate"]
    assert lost == pytest.approx(24674.60 - refilled)
    vi = run_cli("simulate", sample, "--drop", "Blue Heron Studio", "--format", "markdown",
              "--lang", "vi")  # fmt: skip
    assert vi.returncode == 0 and "Chấm dứt hợp tác với Blue Heron Studio" in vi.stdout


def test_simulate_names_unknown_clients_with_the_closest_ones() -> None:
    sample = str(ROOT / "sample_data" / "clients.csv")
    run = run_cli("simulate", sample, "--drop", "Blue Heron", "--drop", "Nrthwind")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 2
    assert "Blue Heron Studio" in lines[0] and "Northwind Traders" in lines[1]
    bad = run_cli("simulate", sample, "--reprice", "Acme=cheap")
    assert bad.returncode == 2 and "Acme=cheap" in bad.stderr


def test_report_adds_profit_and_the_whale_figures_with_a_cost_per_hour() -> None:
    sample = str(ROOT / "sample_data" / "clients.csv")
    plain = json.loads(run_cli("report", sample).stdout)
    assert "contribution" not in plain and "profit" not in plain["clients"][0]
    run = run_cli("report", sample, "--cost-per-hour", "30")
    found = json.loads(run.stdout)
    first = found["clients"][0]
    assert first["profit"] == pytest.approx(first["revenue"] - first["hours"] * 30)
    section = found["contribution"]
    assert section["basis"] == "cost_per_hour" and section["cost_per_hour"] == 30
    assert section["negative_clients"] == sum(c["profit"] < 0 for c in found["clients"])


def test_a_break_even_too_large_to_refill_is_none() -> None:
    # Found by hypothesis: the remaining clients' median rate 6e-306 made the break-even share
    # 9e307, and refilling it overflowed to an infinite revenue.
    book = _book([("A", 5.4e-303, 418.0, 0.0), ("B", 1163.0, 2.0, 0.0), ("C", 0.0, 1.0, 0.0)])
    sim = decide.simulate(book, ["b"], refill=0.0)
    assert sim.replacement_rate is not None and 0 < sim.replacement_rate < 1e-300
    assert sim.break_even_refill is None
    said = decide.verdict(sim, {"b": "B"}, "en", None)
    assert said[0].startswith("Letting B go loses") and "inf" not in " ".join(said)
