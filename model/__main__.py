"""The command line: ``python -m model report|plan|simulate FILE...``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import pyarrow as pa

from model import plan_cli, report, simulate_cli


def main(argv: Sequence[str] | None = None) -> int:
    # The system allocator for pyarrow, as the app chooses at start (faster first big file).
    pa.set_memory_pool(pa.system_memory_pool())
    parser = argparse.ArgumentParser(prog="python -m model", description="Client Triage")
    sub = parser.add_subparsers(dest="command", required=True)
    report.report_parser(sub)
    plan_cli.add_parser(sub)
    simulate_cli.add_parser(sub)
    args = parser.parse_args(argv)
    if args.command == "report":
        return report.run_report(args)
    if args.command == "simulate":
        return simulate_cli.run(args)
    return plan_cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
