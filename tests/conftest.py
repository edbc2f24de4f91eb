"""Shared test helpers: fixture paths and the real shared data folder when present."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INPUTS = ROOT / "tests" / "fixtures" / "inputs"
SAMPLES = ROOT / "sample_data"
SHARED = ROOT.parent / "shared" / "data"


def read_input(name: str) -> bytes:
    return (INPUTS / name).read_bytes()


def shared_file(name: str) -> Path:
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} is not here")
    return path


def run_cli(*args: str, warnings_as_errors: bool = False) -> subprocess.CompletedProcess[str]:
    """``python -m model ARGS`` as a user runs it (``-W error``: any warning fails it)."""
    flags = ["-W", "error"] if warnings_as_errors else []
    return subprocess.run(
        [sys.executable, *flags, "-m", "model", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
