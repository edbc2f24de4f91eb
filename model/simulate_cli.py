"""``python -m model simulate FILE... --drop NAME``: before and after letting clients go or
repricing them, as JSON or Markdown."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from rapidfuzz import process

from model import decide, fields, i18n
from model.ingest import money
from model.ingest.headers import parse_map_arguments
from model.problems import InputError
from model.report import print_problems, read_inputs
from model.report_sections import json_number


def add_parser(sub: Any) -> None:
    p = sub.add_parser("simulate", help="what happens if clients go or are repriced")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--drop", action="append", default=[], metavar="NAME")
    p.add_argument("--reprice", action="append", default=[], metavar="NAME=RATE")
    p.add_argument("--refill", default="0", help="share of the freed hours refilled, 0 to 1")
    p.add_argument("--replacement-rate", type=float, default=None, metavar="R")
    p.add_argument("--cost-per-hour", type=float, default=None, metavar="X")
    p.add_argument("--map", action="append", default=[], metavar="HEADER=FIELD")
    p.add_argument("--rate", action="append", default=[], metavar="CODE=RATE")
    p.add_argument("--lang", choices=i18n.LANGUAGES, default="en")
    p.add_argument("--format", choices=("json", "markdown"), default="json")


def _reprices(pairs: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for pair in pairs:
        name, sep, rate = pair.rpartition("=")
        try:
            value = float(rate)
        except ValueError:
            value = -1.0
        if not sep or not name.strip() or not value > 0:
            raise ValueError(pair)
        out[name.strip()] = value
    return out


def _refill(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise ValueError(text)
    return value


def _resolve(names: list[str], keys: dict[str, str], lang: str) -> tuple[list[str], list[str]]:
    """Client keys for the names given, and one line per name not found (closest offered)."""
    found, missing = [], []
    spelled = list(keys.values())
    for name in names:
        key = fields.client_key(name)
        if key in keys:
            found.append(key)
            continue
        near = [match for match, _score, _i in process.extract(name, spelled, limit=3)]
        missing.append(
            i18n.translate(lang, "cli.unknown_client_near", client=name, names=", ".join(near))
        )
    return found, missing


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    try:
        mapping = parse_map_arguments(args.map)
        rates = money.parse_rates(args.rate)
    except ValueError as exc:
        print(i18n.translate(lang, "cli.bad_map", value=str(exc)), file=sys.stderr)
        return 2
    try:
        reprice_names = _reprices(args.reprice)
    except ValueError as exc:
        print(i18n.translate(lang, "cli.bad_reprice", value=str(exc)), file=sys.stderr)
        return 2
    try:
        refill = _refill(args.refill)
    except ValueError:
        print(i18n.translate(lang, "cli.bad_refill", value=args.refill), file=sys.stderr)
        return 2
    try:
        data = read_inputs(args.files, mapping, rates)
    except InputError as exc:
        print_problems(exc.problems, lang, sys.stderr)
        return 2
    clients = data.clients
    if not data.has(fields.REVENUE):
        print(i18n.translate(lang, "cli.no_revenue"), file=sys.stderr)
        return 2
    names = data.names
    drop, missing = _resolve(args.drop, names, lang)
    repriced, missing_too = _resolve(list(reprice_names), names, lang)
    if missing or missing_too:
        for line in missing + missing_too:
            print(line, file=sys.stderr)
        return 2
    sim = decide.simulate(
        clients,
        drop,
        dict(zip(repriced, reprice_names.values(), strict=True)),
        refill=refill,
        replacement_rate=args.replacement_rate,
        cost_per_hour=args.cost_per_hour,
    )
    found = sim.as_dict(names)
    found["verdict"] = decide.verdict(sim, names, lang, data.currency)
    if args.format == "json":
        sys.stdout.write(json.dumps(rounded(found), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(markdown(found, lang))
    return 0


def rounded(value: Any) -> Any:
    """``json_number`` all the way down."""
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return json_number(value)


ROWS = (
    "clients",
    "revenue",
    "hours",
    "effective_rate",
    "profit",
    "top_client_share",
    "hhi",
    "gini",
)


def markdown(found: dict[str, Any], lang: str) -> str:
    """The before → after table and the verdict in words."""
    head = [
        i18n.translate(lang, k) for k in ("decide.col.measure", "decide.before", "decide.after")
    ]
    lines = [f"# {i18n.translate(lang, 'decide.title')}", "", " ".join(found["verdict"]), ""]
    lines += ["| " + " | ".join(head) + " |", "|---|---|---|"]
    for row in ROWS:
        before, after = found["before"][row], found["after"][row]
        lines.append(
            f"| {i18n.translate(lang, f'decide.measure.{row}')} | {_cell(before, lang)} | "
            f"{_cell(after, lang)} |"
        )
    return "\n".join(lines) + "\n"


def _cell(value: Any, lang: str) -> str:
    if value is None:
        return "–"
    return i18n.format_number(value, lang, 0 if float(value).is_integer() else 2)
