"""Work on a big file's columns side by side, on as many cores as there are (pyarrow's kernels
let go of the GIL); a small file is worked on at once, where threads would only cost."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

BIG = 50_000  # rows


class _AtOnce(Executor):
    """Runs each job as it is submitted, in this thread."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # kept for .result(), as a pool would
            future.set_exception(exc)
        return future


def columns_side_by_side(rows: int) -> Executor:
    """An executor for per-column jobs: a thread per core for ``rows`` ≥ ``BIG``."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if rows < BIG or (cores or 1) < 2:
        return _AtOnce()
    return ThreadPoolExecutor(max_workers=min(cores or 2, 4), thread_name_prefix="columns")
