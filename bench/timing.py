"""The one timing helper the benchmarks share."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_time(fn: Callable[[], object], repeat: int = 5) -> float:
    """Median wall time of ``repeat`` calls, in seconds."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def paired_median_times(
    first: Callable[[], object], second: Callable[[], object], repeat: int = 5
) -> tuple[float, float]:
    """Median wall times of two functions run in turn, so drift in the machine's speed
    (other processes, frequency) falls on both alike."""
    a, b = [], []
    for _ in range(repeat):
        a.append(median_time(first, 1))
        b.append(median_time(second, 1))
    return statistics.median(a), statistics.median(b)
