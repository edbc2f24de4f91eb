"""Report sections beyond the client table, one per core module."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from model import pareto
from model.ingest import Dataset


def _pareto(data: Dataset, _args: argparse.Namespace) -> Any:
    return pareto.report_section(data.clients, data.numeric_extras)


SECTIONS: dict[str, Callable[[Dataset, argparse.Namespace], Any]] = {"pareto": _pareto}


def decorate_clients(report: dict[str, Any], data: Dataset, args: argparse.Namespace) -> None:
    """Per-client additions (scores, reasons) once those cores exist."""
