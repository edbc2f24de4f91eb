"""Import speed and memory on a 1,000,000-entry Toggl detailed export (about 100 MB).

``python bench/imports.py [--entries 1000000]`` writes the file to a temporary folder, then in
separate processes times a bare ``pandas.read_csv`` and our import-and-aggregate, and reads each
process's peak memory (interpreter included). Targets: ≤ 2× the time, ≤ 1.5× the memory.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
import json, resource, sys, time
import pandas as pd
start = time.perf_counter()
frame = pd.read_csv(sys.argv[1])
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

OURS = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[2])
from model.loading import load_files
from pathlib import Path
start = time.perf_counter()
path = Path(sys.argv[1])
data = load_files([(path.name, path.read_bytes())], {})
print(json.dumps({"seconds": time.perf_counter() - start, "clients": len(data.clients),
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


def run(code: str, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "toggl_detailed.csv"
        write_export(path, args.entries)
        size = path.stat().st_size / 1e6
        bare = run(BARE, str(path))
        ours = run(OURS, str(path), str(ROOT))
    print(f"{args.entries:,} Toggl entries, {size:.0f} MB")
    print(f"bare pandas.read_csv: {bare['seconds']:.2f} s, peak {bare['peak_mb']:.0f} MB")
    print(
        f"our import + per-client aggregate ({ours['clients']:.0f} clients): "
        f"{ours['seconds']:.2f} s, peak {ours['peak_mb']:.0f} MB"
    )
    print(
        f"ratio: time {ours['seconds'] / bare['seconds']:.2f}x (target <= 2x), "
        f"memory {ours['peak_mb'] / bare['peak_mb']:.2f}x (target <= 1.5x)"
    )


if __name__ == "__main__":
    main()
