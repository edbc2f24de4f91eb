"""``python -m model plan``: an exit plan as Markdown (see ``model.exit_plan``)."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    """Registered once the exit plan core exists."""


def run(args: argparse.Namespace) -> int:
    return 2
