"""Shared test helpers: fixture paths and the real shared data folder when present."""

from __future__ import annotations

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
