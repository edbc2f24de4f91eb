"""``python -m model``: the same analysis as the pages, without a browser."""

from __future__ import annotations

import argparse
import json
import math
import sys
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from model import fields, i18n, report_sections
from model.ingest import (
    Dataset,
    ImportOptions,
    IngestOptions,
    ReadOptions,
    WorkingHours,
    known_zone,
    load_files,
    money,
)
from model.ingest.headers import parse_map_arguments
from model.ingest.reading import read_header
from model.problems import InputError, Problem

REPORT_COLUMNS = (*fields.CANONICAL, *fields.DERIVED_NUMERIC)


def _json_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date().isoformat()
    if isinstance(value, float | int) and not isinstance(value, bool):
        number = float(value)
        if not math.isfinite(number):
            return None
        number = round(number, 6)  # (sums of durations land a hair off whole hours)
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if value is pd.NaT:
        return None
    return value


def client_records(data: Dataset) -> list[dict[str, Any]]:
    """One JSON object per client with every canonical field present."""
    table = data.clients
    present = [c for c in REPORT_COLUMNS if c in table.columns]
    records = []
    for row in table[present].itertuples(index=False, name=None):
        record: dict[str, Any] = {}
        for column, value in zip(present, row, strict=True):
            if column == fields.PROBLEM:
                record[column] = None if pd.isna(value) else bool(value >= 0.5)
            elif column == fields.CLIENT:
                record[column] = str(value)
            else:
                record[column] = None if pd.isna(value) else _json_value(value)
        records.append(record)
    return records


def problem_records(problems: list[Problem], lang: str) -> list[dict[str, Any]]:
    return [p.as_dict(i18n.problem_text(lang, p)) for p in problems]


def build_report(data: Dataset, args: argparse.Namespace) -> dict[str, Any]:

    report: dict[str, Any] = {
        "clients": client_records(data),
        "problems": problem_records(data.problems, args.lang),
        "mapping": data.mapping,
        "sources": [
            {"file": s.name, "kind": s.kind, "rows": s.rows, "encoding": s.encoding}
            for s in data.sources
        ],
        "currency": data.currency,
    }
    report_sections.add_sections(report, data, args)
    return report


def _markdown_table(records: list[dict[str, Any]], lang: str) -> str:
    if not records:
        return ""
    columns = list(records[0])
    head = "| " + " | ".join(fields_label(c, lang) for c in columns) + " |"
    rule = "|" + "---|" * len(columns)
    body = ["| " + " | ".join(_md_cell(r.get(c)) for c in columns) + " |" for r in records]
    return "\n".join([head, rule, *body])


def fields_label(name: str, lang: str) -> str:
    from model.tables import field_label

    return field_label(name, lang)


def _md_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = str(value).replace("|", "\\|").replace("\n", " ")
    return text


def render_markdown(report: dict[str, Any], lang: str) -> str:
    lines = [f"# {i18n.translate(lang, 'report.title')}", ""]
    lines += [_markdown_table(report["clients"], lang), ""]
    for name in report:
        if name in ("clients", "problems", "mapping", "sources", "currency"):
            continue
        heading = i18n.translate(lang, f"report.section.{name}")
        lines += [
            f"## {name if heading == f'report.section.{name}' else heading}",
            "",
            "```json",
            json.dumps(report[name], ensure_ascii=False, indent=2),
            "```",
            "",
        ]
    if report["problems"]:
        lines += [f"## {i18n.translate(lang, 'report.problems')}", ""]
        lines += [
            f"- {i18n.translate(lang, 'severity.' + p['severity'])}: "
            + i18n.located(lang, p["message"], p)
            for p in report["problems"]
        ]
    return "\n".join(lines) + "\n"


def _options_for(paths: list[Path], mapping: dict[str, str]) -> dict[str, IngestOptions]:
    return {p.name: IngestOptions(mapping=mapping) for p in paths}


def read_inputs(
    paths: list[Path],
    mapping: dict[str, str],
    rates: dict[str, float] | None = None,
    today: date | None = None,
    timezone: str | None = None,
) -> Dataset:
    files: list[tuple[str, bytes]] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            files.append((path.name, path.read_bytes()))
        except OSError as exc:
            problems.append(
                Problem(
                    "error",
                    "cannot_open",
                    file=str(path),
                    params={"reason": exc.strerror or str(exc)},
                )
            )
    if problems:
        raise InputError(problems)
    imports = ImportOptions(
        working_hours=WorkingHours(timezone=timezone),
        rates=tuple(sorted((rates or {}).items())),
        today=today,
    )
    data = load_files(files, _options_for(paths, mapping), imports)
    known = {h for m in data.mappings.values() for h in m}
    known |= {h.strip() for name, raw in files for h in read_header(raw, ReadOptions())}
    unknown = [h for h in mapping if h not in known]
    if unknown:
        listed = ", ".join(sorted(known, key=str.casefold)[:40])
        raise InputError(
            [
                Problem("error", "map_unknown_header", value=h, params={"headers": listed})
                for h in unknown
            ]
        )
    return data


def report_parser(sub: Any) -> None:
    p = sub.add_parser("report", help="per-client table, Pareto figures, scores and problems")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--format", choices=("json", "markdown"), default="json")
    p.add_argument("--map", action="append", default=[], metavar="HEADER=FIELD")
    p.add_argument("--features", default=None, help="comma-separated columns for the model")
    p.add_argument(
        "--include-sensitive",
        action="store_true",
        help="let columns naming a protected trait (age, gender, marital status …) into the model",
    )
    p.add_argument(
        "--trend-features",
        action="store_true",
        help="add each client's trend (slope per month of rate, revenue, days late …) to the model",
    )
    p.add_argument(
        "--rate",
        action="append",
        default=[],
        metavar="CODE=RATE",
        help="1 unit of CODE in the other currency, e.g. VND=0.000039",
    )
    p.add_argument(
        "--today",
        type=iso_day,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day open invoices are counted to (default: today)",
    )
    p.add_argument(
        "--timezone",
        type=zone_name,
        default=None,
        metavar="ZONE",
        help="where your working hours are kept, e.g. Asia/Ho_Chi_Minh: starts written with an "
        "offset are moved to it (default: every start as written)",
    )
    p.add_argument("--monthly", action="store_true", help="add the per-client monthly table")
    p.add_argument(
        "--cost-per-hour",
        type=float,
        default=None,
        metavar="X",
        help="what an hour of your time costs you: adds each client's profit",
    )
    p.add_argument("--lang", choices=i18n.LANGUAGES, default="en")


def iso_day(text: str) -> date:
    """``--today 2026-12-01``; argparse says which value it could not read."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(text) from exc


def zone_name(text: str) -> str:
    """``--timezone Europe/Berlin``; argparse says which value it does not know."""
    if not known_zone(text):
        raise argparse.ArgumentTypeError(text)
    return text


def print_problems(problems: list[Problem], lang: str, stream: TextIO) -> None:
    for problem in problems:
        if problem.severity == "error":
            print(i18n.problem_message(lang, problem), file=stream)


def run_report(args: argparse.Namespace) -> int:
    try:
        mapping = parse_map_arguments(args.map)
    except ValueError as exc:
        print(i18n.translate(args.lang, "cli.bad_map", value=str(exc)), file=sys.stderr)
        return 2
    try:
        rates = money.parse_rates(args.rate)
    except ValueError as exc:
        print(i18n.translate(args.lang, "cli.bad_rate", value=str(exc)), file=sys.stderr)
        return 2
    try:
        data = read_inputs(
            args.files,
            mapping,
            rates,
            getattr(args, "today", None),
            getattr(args, "timezone", None),
        )
    except InputError as exc:
        print_problems(exc.problems, args.lang, sys.stderr)
        return 2
    try:
        report = build_report(data, args)
    except report_sections.UnknownFeatures as exc:
        print(i18n.translate(args.lang, "cli.bad_features", names=str(exc)), file=sys.stderr)
        return 2
    if args.format == "json":
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_markdown(report, args.lang))
    return 0
