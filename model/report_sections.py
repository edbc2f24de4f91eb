"""Report sections beyond the client table; each page's core adds its own here."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from model.ingest import Dataset

SECTIONS: dict[str, Callable[[Dataset, argparse.Namespace], Any]] = {}


def decorate_clients(report: dict[str, Any], data: Dataset, args: argparse.Namespace) -> None:
    """Per-client additions (scores, reasons) once those cores exist."""
