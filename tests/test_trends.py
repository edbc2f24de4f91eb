"""Is a client getting worse? Series rules, the Theil–Sen band, the monthly table and an order
log built so that some clients worsen, read as a user's file would be."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import fields, trends
from model.ingest import load_files
from tests.orders import order_log

ROOT = Path(__file__).resolve().parents[1]


def _monthly(rows: list[tuple[str, str, float, float]]) -> pd.DataFrame:
    """A monthly table from ``(client, YYYY-MM, revenue, hours)``."""
    frame = pd.DataFrame(rows, columns=["key", "month", "revenue", "hours"])
    frame["month"] = pd.to_datetime(frame["month"] + "-01")
    frame["effective_rate"] = frame["revenue"] / frame["hours"]
    return frame


def test_a_sum_counts_a_month_without_rows_as_zero_and_an_average_skips_it() -> None:
    table = _monthly(
        [
            ("a", "2026-01", 100, 2),
            ("a", "2026-03", 100, 2),
            ("a", "2026-04", 100, 4),
            ("a", "2026-05", 100, 5),
        ]
    )
    found = trends.client_trends(table)["a"]
    assert found["revenue"].series == (100, 0, 100, 100, 100)
    assert found["revenue"].points == 5
    assert found["effective_rate"].series == (50, None, 50, 25, 20)
    assert found["effective_rate"].points == 4


def test_theil_sen_is_the_median_pairwise_slope_and_the_band_decides_the_direction() -> None:
    # Pairwise slopes of (0,1) (1,3) (2,2) (3,5): 2, 0.5, 4/3, -1, 1, 3 → median (1 + 4/3) / 2.
    value, low, high, direction = trends.slope(np.arange(4.0), np.array([1.0, 3, 2, 5]))
    assert value is not None and low is not None and high is not None
    assert value == pytest.approx(7 / 6)
    assert low <= value <= high
    assert direction == ("up" if low > 0 else "flat")
    assert trends.slope(np.arange(6.0), np.arange(6.0) * -2)[3] == "down"
    assert trends.slope(np.arange(6.0), np.array([3.0, 1, 3, 1, 3, 1]))[3] == "flat"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(-20, 20), min_size=4, max_size=30),
    st.lists(st.integers(1, 3), min_size=30, max_size=30),
)
def test_the_slope_and_band_are_those_of_scipys_theilslopes(ys: list[int], gaps: list[int]) -> None:
    from scipy.stats import theilslopes

    x = np.cumsum(gaps[: len(ys)]).astype(float)  # months with gaps, ties in y
    y = np.array(ys, dtype=float)
    expected = theilslopes(y, x, alpha=0.90)
    found = trends.slope(x, y)
    assert found[:3] == pytest.approx((expected.slope, expected.low_slope, expected.high_slope))


def test_fewer_than_four_points_give_no_slope() -> None:
    assert trends.slope(np.arange(3.0), np.array([1.0, 2, 3])) == (None, None, None, "unknown")


def test_worse_depends_on_whether_the_rise_is_good_news() -> None:
    rising = np.array([1.0, 2.0, 3.0, 4.0])
    late = trends.Trend(4, 1.0, 0.5, 1.5, "up", rising, fields.DAYS_LATE)
    rate = trends.Trend(4, 1.0, 0.5, 1.5, "up", rising, fields.EFFECTIVE_RATE)
    hours = trends.Trend(4, 1.0, 0.5, 1.5, "up", rising, fields.HOURS)
    assert late.worse and not rate.worse and not hours.worse
    falling_rate = trends.Trend(4, -1.0, -1.5, -0.5, "down", rising, fields.EFFECTIVE_RATE)
    assert falling_rate.worse


def test_an_order_log_over_three_years_finds_the_clients_built_to_worsen(tmp_path: Path) -> None:
    data, worsening, steady = order_log()
    path = tmp_path / "bestellungen.csv"
    path.write_bytes(data)
    run = subprocess.run(
        [sys.executable, "-m", "model", "report", str(path), "--format", "json",
         "--monthly"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    by_client = {c["client"]: c["metrics"] for c in report["trends"]["clients"]}
    for client in worsening:
        assert by_client[client]["effective_rate"]["direction"] == "down"
        assert by_client[client]["days_late"]["direction"] == "up"
        assert by_client[client]["effective_rate"]["points"] == 36
    for client in steady:
        assert by_client[client]["effective_rate"]["direction"] != "down"
        assert by_client[client]["days_late"]["direction"] != "up"
    months = {row["month"] for row in report["monthly"]}
    assert "2023-01" in months and "2025-12" in months
    wanted = {"client", "month", "revenue", "effective_rate"}
    assert all(set(row) >= wanted for row in report["monthly"])


def test_the_date_column_of_an_order_log_is_found_by_its_header_not_the_ship_date() -> None:
    text = "Order Date,Ship Date,Customer Name,Sales\n01/05/2026,01/09/2026,Acme,10\n"
    data = load_files([("o.csv", text.encode())], {})
    assert data.mapping["Order Date"] == fields.DATE
    assert data.mapping["Ship Date"] == ""
    monthly = data.monthly()
    assert monthly is not None and list(monthly["month"].dt.month) == [1]
    assert data.clients[fields.FIRST_PROJECT].iloc[0] == pd.Timestamp("2026-01-05")


TOGGL_HEAD = (
    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
    "End time,Duration,Tags,Amount (USD)\n"
)


@st.composite
def _exports(draw: st.DrawFn) -> tuple[bytes, bytes]:
    clients = draw(st.lists(st.sampled_from(["Acme", "Blue", "Cyan", "Dune"]), min_size=1))
    toggl, invoices = [], []
    for number, client in enumerate(clients):
        day = date(2025, 1, 1) + timedelta(days=draw(st.integers(0, 700)))
        minutes = draw(st.integers(1, 600))
        amount = draw(st.integers(0, 5000))
        toggl.append(
            f"A,a@x.com,{client},P,,W,Yes,{day},09:00:00,{day},09:00:00,"
            f"{minutes // 60:02d}:{minutes % 60:02d}:00,,{amount}"
        )
        paid = day + timedelta(days=draw(st.integers(0, 90)))
        invoices.append(f"{client},{number},{day},{day + timedelta(days=30)},{paid},{amount}")
    head = "Client,Invoice #,Issue date,Due date,Paid date,Amount\n"
    return (
        (TOGGL_HEAD + "\n".join(toggl) + "\n").encode(),
        (head + "\n".join(invoices) + "\n").encode(),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_exports())
def test_the_monthly_table_sums_to_the_per_client_totals(files: tuple[bytes, bytes]) -> None:
    for name, data in (("t.csv", files[0]), ("i.csv", files[1])):
        dataset = load_files([(name, data)], {})
        monthly = dataset.monthly()
        assert monthly is not None
        sums = monthly.groupby(fields.KEY)[["revenue", "hours", "entries", "invoices"]].sum()
        table = dataset.clients.set_index(fields.KEY)
        for column in ("revenue", "hours", "entries"):
            if column in table:
                assert np.allclose(sums[column].reindex(table.index), table[column])
        if fields.OUTSTANDING in table:  # invoices: one per row
            counts = pd.Series(1, index=range(len(files[1].splitlines()) - 1)).sum()
            assert sums["invoices"].sum() == counts
