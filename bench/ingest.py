"""Ingest speed: our loader against a bare ``pandas.read_csv`` of the same file, in one run.

``python bench/ingest.py [--clients 100000]`` prints both times and their ratio (target ≤ 3×).
"""

from __future__ import annotations

import argparse
import io
import random
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyarrow as pa
from timing import paired_median_times

from model.ingest.client_list import load_client_list

pa.set_memory_pool(pa.system_memory_pool())  # as the app sets it at start


def make_client_list(n: int, seed: int = 0, *, formatted: bool = True) -> bytes:
    """A client list as people keep them: ``$1,234.50`` money and ``H:MM`` hours when
    ``formatted``, plain numbers (as spreadsheets export them) otherwise."""
    rng = random.Random(seed)
    out = io.StringIO()
    out.write(
        "Client,Revenue (USD),Hours,Days late,Outstanding (USD),After-hours messages,"
        "Revisions,Scope changes,Satisfaction,First project,Last project,Notice days,Problem\n"
    )
    for i in range(n):
        revenue = rng.paretovariate(1.2) * 800
        hours = rng.uniform(1, 400)
        money = f'"${revenue:,.2f}"' if formatted else f"{revenue:.2f}"
        spent = f"{int(hours)}:{rng.randint(0, 59):02d}" if formatted else f"{hours:.2f}"
        out.write(
            f"Client {i:06d},{money},{spent},"
            f"{rng.uniform(0, 60):.1f},{rng.choice(['0', f'{revenue / 3:.2f}'])},"
            f"{rng.randint(0, 30)},{rng.randint(0, 12)},{rng.randint(0, 8)},{rng.randint(1, 5)},"
            f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d},"
            f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d},{rng.choice([14, 30, 60])},"
            f"{rng.choice(['yes', 'no', ''])}\n"
        )
    return out.getvalue().encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    for formatted in (False, True):
        data = make_client_list(args.clients, formatted=formatted)
        bare, ours = paired_median_times(
            lambda d=data: pd.read_csv(io.BytesIO(d)),
            lambda d=data: load_client_list(d, "clients.csv"),
            args.repeat,
        )
        style = "formatted ($1,234.50, H:MM)" if formatted else "plain numbers"
        print(f"{args.clients:,} clients, {style}, {len(data) / 1e6:.1f} MB")
        print(f"  bare pandas.read_csv: {bare:.3f} s (median of {args.repeat}, run in turn)")
        print(f"  our load_client_list: {ours:.3f} s")
        print(f"  ratio: {ours / bare:.2f}x (target <= 3x)")


if __name__ == "__main__":
    main()
