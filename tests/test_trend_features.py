"""Trend slopes as optional model inputs: offered, never chosen unless asked for, and able to
carry the estimate when the problem clients are the ones getting worse."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from model import trends
from tests.conftest import run_cli


def labelled_log(path: Path, seed: int = 3) -> set[str]:
    """Two years of orders for 30 clients with a ``Problem`` column: the problem ones are the
    clients whose rate falls month by month; totals are drawn from one range for everyone, so
    only the direction tells them apart."""
    rng = random.Random(seed)
    names = [f"Client {i:02d}" for i in range(30)]
    problem = set(rng.sample(names, 12))
    lines = ["OrderDate;CustomerName;NetAmount;HoursWorked;Problem"]
    start = date(2024, 1, 1)
    for client in names:
        base = rng.uniform(70, 110)
        for month in range(24):
            day = start + timedelta(days=int(month * 30.4) + rng.randint(0, 25))
            hours = rng.uniform(4, 8)
            drift = -1.2 * (month - 11.5) if client in problem else 1.2 * (month - 11.5)
            amount = hours * (base + drift + rng.uniform(-3, 3))
            money = f"{amount:.2f}".replace(".", ",")
            worked = f"{hours:.2f}".replace(".", ",")
            label = "yes" if client in problem else "no"
            lines.append(f"{day:%d.%m.%Y};{client};{money};{worked};{label}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return problem


def test_feature_table_is_the_slope_per_month_and_unknown_where_the_series_is_short() -> None:
    monthly = pd.DataFrame(
        {
            "key": ["a"] * 5 + ["b"] * 5 + ["c"] * 2,
            "month": pd.to_datetime(
                [f"2026-0{m}-01" for m in range(1, 6)] * 2 + ["2026-01-01", "2026-02-01"]
            ),
            "revenue": [100, 110, 120, 130, 140, 50, 40, 30, 20, 10, 5, 5],
        }
    )
    found = trends.client_trends(monthly)
    table = trends.feature_table(["c", "a", "b"], found)
    assert list(table.columns) == ["revenue_trend"]
    assert np.isnan(table["revenue_trend"].iloc[0])  # two months: no slope
    assert table["revenue_trend"].iloc[1] == 10.0
    assert table["revenue_trend"].iloc[2] == -10.0


def test_trends_are_offered_to_the_model_only_when_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    labelled_log(path)
    plain = run_cli("report", str(path), "--format", "json")
    assert plain.returncode == 0, plain.stderr
    without = json.loads(plain.stdout)["model"]
    assert not any(f.endswith("_trend") for f in without["features"])
    asked = run_cli("report", str(path), "--format", "json", "--trend-features")
    assert asked.returncode == 0, asked.stderr
    with_trends = json.loads(asked.stdout)["model"]
    assert "effective_rate_trend" in with_trends["features"]
    # The totals do not tell the falling clients apart; their direction does.
    assert with_trends["cv"]["roc_auc_mean"] > 0.9
    assert with_trends["cv"]["roc_auc_mean"] > without["cv"]["roc_auc_mean"] + 0.2


def test_a_trend_column_can_be_named_in_features(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    labelled_log(path)
    done = run_cli("report", str(path), "--format", "json", "--features", "effective_rate_trend")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["model"]["features"] == ["effective_rate_trend"]


def test_the_page_offers_trends_and_learns_from_them_once_chosen(tmp_path: Path) -> None:
    from tests.apptest import start, texts

    path = tmp_path / "orders.csv"
    labelled_log(path)
    at = start(lang="vi")
    at.file_uploader[0].set_value(("orders.csv", path.read_bytes(), "text/csv")).run()
    at.switch_page("pages/problem_clients.py").run()
    assert not at.exception, at.exception
    chosen = at.multiselect(key="w::model_features")
    trend = "Xu hướng đơn giá giờ thực tế (thay đổi mỗi tháng)"
    assert trend in chosen.options and trend not in chosen.value
    assert "Có thể thêm xu hướng" in texts(at)
    auc_before = float(at.metric[0].value.split(" ± ")[0].replace(",", "."))
    chosen.set_value([*chosen.value, trend]).run()
    assert not at.exception, at.exception
    auc_after = float(at.metric[0].value.split(" ± ")[0].replace(",", "."))
    assert auc_after > 0.9 > auc_before + 0.2
