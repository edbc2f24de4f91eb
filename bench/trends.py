"""Trends and payments on a big book: 1,000,000 Toggl entries and 100,000 invoice rows.

``python bench/trends.py [--entries 1000000] [--invoices 100000] [--runs 5]`` writes both
files to a temporary folder and prints, for each, the median time of the import alone and of
the import followed by the trends (and, for invoices, the payments) the pages show, with
their ratio. Target: ≤ 1.5× the import alone.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.imports import write_export  # noqa: E402
from bench.timing import paired_median_times  # noqa: E402
from model import payments, trends  # noqa: E402
from model.ingest import load_files  # noqa: E402


def write_invoices(path: Path, rows: int, seed: int = 1) -> None:
    """Three years of invoices for 2,000 clients; a fifth still open."""
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("Invoice number,Client,Amount (USD),Issue date,Due date,Paid date,Status\n")
        for number in range(rows):
            issued = start + timedelta(days=rng.randrange(3 * 365))
            due = issued + timedelta(days=30)
            paid = issued + timedelta(days=rng.randrange(5, 120))
            still_open = rng.random() < 0.2
            fh.write(
                f"INV-{number},Client {rng.randrange(2000):04d},{rng.uniform(100, 9000):.2f},"
                f"{issued},{due},{'' if still_open else paid},{'open' if still_open else 'paid'}\n"
            )


def compare(path: Path, runs: int) -> tuple[float, float]:
    files = [(path.name, path.read_bytes())]
    today = date(2026, 12, 1)

    def imported() -> object:
        return load_files(files, {})

    def with_dated_facts() -> object:
        data = load_files(files, {})
        monthly = data.monthly()
        assert monthly is not None
        found = trends.client_trends(monthly)
        if data.invoices is not None:
            payments.payments(data.invoices, today)
        return found

    return paired_median_times(imported, with_dated_facts, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--invoices", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        toggl, invoices = Path(folder) / "toggl.csv", Path(folder) / "invoices.csv"
        write_export(toggl, args.entries)
        write_invoices(invoices, args.invoices)
        for label, path in ((f"{args.entries:,} time entries", toggl),
                            (f"{args.invoices:,} invoice rows", invoices)):  # fmt: skip
            alone, total = compare(path, args.runs)
            print(
                f"{label}: import {alone:.2f} s, with trends and payments {total:.2f} s "
                f"= {total / alone:.2f}x the import alone (target <= 1.5x)"
            )


if __name__ == "__main__":
    main()
