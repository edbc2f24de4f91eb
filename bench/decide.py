"""The Decide page's work for 10,000 clients: one simulation (5 clients let go, 5 repriced,
half the hours refilled), the whale curve and the portfolio curve.

``python bench/decide.py [--clients 10000] [--runs 7]`` prints the median time beside a bare
``DataFrame.sort_values`` of the same table (the floor of any per-client ranking).
Target: ≤ 0.2 s in all.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.timing import paired_median_times  # noqa: E402
from model import decide, fields  # noqa: E402


def book(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    hours = rng.gamma(2.0, 40.0, n)
    revenue = hours * rng.normal(60, 20, n).clip(5)
    names = [f"Client {i:05d}" for i in range(n)]
    return pd.DataFrame(
        {
            fields.KEY: [name.casefold() for name in names],
            fields.CLIENT: names,
            fields.REVENUE: revenue,
            fields.HOURS: hours,
            fields.OUTSTANDING: rng.choice([0.0, 500.0], n),
            fields.EFFECTIVE_RATE: revenue / hours,
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    clients = book(args.clients)
    keys = list(clients[fields.KEY])

    def whole_page() -> object:
        sim = decide.simulate(
            clients,
            keys[:5],
            {k: 90.0 for k in keys[5:10]},
            refill=0.5,
            cost_per_hour=30.0,
        )
        values = decide.contribution(clients, 30.0)
        assert values is not None
        return sim, decide.whale_curve(clients, values), decide.portfolio(clients, values)

    def bare() -> object:
        return clients.sort_values(fields.REVENUE)

    ours, floor = paired_median_times(whole_page, bare, args.runs)
    print(
        f"{args.clients:,} clients: simulation + whale + portfolio {ours * 1000:.1f} ms "
        f"(target <= 200 ms); bare sort {floor * 1000:.1f} ms = {ours / floor:.1f}x"
    )


if __name__ == "__main__":
    main()
