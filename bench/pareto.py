"""Pareto analytics and figure sizes at 100,000 clients, in one run.

``python bench/pareto.py`` prints the analytics time (target under 0.2 s) against a bare
numpy sort-and-cumsum of the same values, and each figure's JSON size (target under 1 MB).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.io as pio

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import median_time

from model import pareto
from ui import charts


def make_clients(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    return pd.DataFrame(
        {
            "key": [f"client {i}" for i in range(n)],
            "client": [f"Client {i}" for i in range(n)],
            "revenue": rng.pareto(1.2, n) * 800,
            "hours": rng.uniform(1, 400, n),
            "after_hours_contacts": rng.poisson(3, n).astype(float),
            "revisions": rng.poisson(2, n).astype(float),
        }
    )


def analytics(clients: pd.DataFrame) -> dict[str, object]:
    out: dict[str, object] = {}
    for metric in ("revenue", "hours", "after_hours_contacts", "revisions"):
        out[metric] = pareto.summarise(clients, metric)
        out[f"{metric}_table"] = pareto.pareto_table(clients, metric)
    out["lorenz"] = pareto.lorenz_curve(clients["revenue"].to_numpy())
    out["effort"] = pareto.effort_value(clients)
    out["sinks"] = pareto.time_sinks(out["effort"])  # type: ignore[arg-type]
    out["risk"] = pareto.concentration(clients)
    return out


def main() -> None:
    n = 100_000
    clients = make_clients(n)
    values = clients["revenue"].to_numpy()
    bare = median_time(lambda: np.cumsum(np.sort(values)[::-1]))
    ours = median_time(lambda: analytics(clients))
    print(f"{n:,} clients")
    print(
        f"analytics (4 metrics, Lorenz, effort, sinks, concentration): {ours:.3f} s "
        f"(target < 0.2 s); bare sort+cumsum of one metric: {bare:.4f} s; "
        f"ratio {ours / bare:.0f}x"
    )
    result = analytics(clients)
    labels = {k: k for k in ("guide", "x_shares", "y_shares", "x_rate", "y_rate", "title")}
    labels |= {f"quadrant.{q}": q for q in pareto.QUADRANTS}
    figures = {
        "pareto (revenue)": charts.pareto_chart(
            result["revenue_table"],
            top=25,
            threshold=0.8,
            title="t",
            value_label="v",  # type: ignore[arg-type]
            cumulative_label="c",
            other_label=str,
            threshold_label="l",
        ),
        "lorenz (revenue + hours)": charts.lorenz_chart(
            {"r": result["lorenz"], "h": pareto.lorenz_curve(clients["hours"].to_numpy())},  # type: ignore[dict-item]
            title="t",
            equality_label="e",
            x_label="x",
            y_label="y",
        ),
        "effort vs value": charts.effort_chart(result["effort"], mode="shares", labels=labels),  # type: ignore[arg-type]
    }
    for name, figure in figures.items():
        size = len(pio.to_json(figure).encode("utf-8"))
        print(f"figure {name}: {size / 1e6:.3f} MB (target < 1 MB)")


if __name__ == "__main__":
    main()
