"""Import speed and memory on a 1,000,000-entry Toggl detailed export (about 100 MB).

``python bench/imports.py [--entries 1000000] [--runs 3]`` writes the file to a temporary
folder, then, each in fresh processes, times a bare ``pandas.read_csv`` of it and our
import-and-aggregate, and reads each process's peak memory (interpreter included). Both read
the file inside the timing (pandas from the path, its fastest; ours from its bytes). Printed:
the median first call in a fresh process, and a second call in the same process (a running
app). Targets: ≤ 2× the time, ≤ 1.5× the memory.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

MEASURE = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
path = Path(sys.argv[1])
if sys.argv[3] == "bare":
    import pandas as pd
    run = lambda: len(pd.read_csv(path))
else:
    import pyarrow as pa
    pa.set_memory_pool(pa.system_memory_pool())  # as the app sets it at start
    from model.ingest import load_files
    run = lambda: len(load_files([(path.name, path.read_bytes())], {}).clients)
times = []
for _ in range(2):
    start = time.perf_counter()
    rows = run()
    times.append(time.perf_counter() - start)
if sys.argv[3] != "bare":  # as the app does after a big upload (ui/state.try_load)
    import pyarrow as pa
    pa.default_memory_pool().release_unused()
rss = int(Path("/proc/self/status").read_text().split("VmRSS:")[1].split()[0]) / 1024
print(json.dumps({"first": times[0], "second": times[1], "rows": rows, "after_mb": rss,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def write_export(path: Path, entries: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    clients = [f"Client {i:03d}" for i in range(300)]
    projects = [f"Project {i:02d}" for i in range(40)]
    start = date(2025, 1, 1)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        fh.write(
            "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
            "End date,End time,Duration,Tags,Amount (EUR)\n"
        )
        for _ in range(entries):
            day = start + timedelta(days=rng.randrange(365))
            hour, minute = rng.randrange(6, 23), rng.randrange(60)
            seconds = rng.randrange(300, 4 * 3600)
            h, rest = divmod(seconds, 3600)
            end_minute = (minute + seconds // 60) % 60
            fh.write(
                f"Me,me@example.com,{rng.choice(clients)},{rng.choice(projects)},,Work,Yes,"
                f"{day.isoformat()},{hour:02d}:{minute:02d}:00,{day.isoformat()},"
                f"{min(23, hour + h):02d}:{end_minute:02d}:00,"
                f"{h}:{rest // 60:02d}:{rest % 60:02d},,{seconds / 3600 * 60:.2f}\n"
            )


def measure(path: Path, what: str, runs: int) -> dict[str, float]:
    """Medians over ``runs`` fresh processes."""
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", MEASURE, str(path), str(ROOT), what],
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "toggl_detailed.csv"
        write_export(path, args.entries)
        size = path.stat().st_size / 1e6
        bare = measure(path, "bare", args.runs)
        ours = measure(path, "ours", args.runs)
    print(f"{args.entries:,} Toggl entries, {size:.0f} MB; medians of {args.runs} processes")
    for label, result in (("bare pandas.read_csv", bare), ("our import + aggregate", ours)):
        print(
            f"{label}: first call {result['first']:.2f} s, second {result['second']:.2f} s, "
            f"peak {result['peak_mb']:.0f} MB, {result['after_mb']:.0f} MB held after"
        )
    print(f"({ours['rows']:.0f} clients)")
    print(
        f"ratio: time {ours['first'] / bare['first']:.2f}x first call, "
        f"{ours['second'] / bare['second']:.2f}x second (target <= 2x); "
        f"memory {ours['peak_mb'] / bare['peak_mb']:.2f}x (target <= 1.5x)"
    )


if __name__ == "__main__":
    main()
