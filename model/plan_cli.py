"""``python -m model plan FILE --client NAME``: an exit plan as Markdown."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from model import exit_plan, fields, i18n, workspace
from model.ingest import Dataset, load_files
from model.problems import InputError, Problem
from model.report import print_problems, read_inputs
from model.workspace import Workspace, WorkspaceError


def add_parser(sub: Any) -> None:
    p = sub.add_parser("plan", help="an exit plan for one client, as Markdown or JSON")
    p.add_argument("files", nargs="*", type=Path, help="the data (default: the workspace's)")
    p.add_argument("--client", required=True)
    p.add_argument("--today", default=None, help="YYYY-MM-DD (default: today)")
    p.add_argument("--notice-days", type=int, default=None)
    p.add_argument("--cool-off-days", type=int, default=None)
    p.add_argument("--announce", default=None, help="announcement date, YYYY-MM-DD")
    p.add_argument("--lang", choices=i18n.LANGUAGES, default="en")
    p.add_argument("--message-lang", choices=i18n.LANGUAGES, default=None)
    p.add_argument("--sender", default=None, help="your name, to sign the message")
    p.add_argument(
        "--recipient", default=None, help="the person the message greets (else the client)"
    )
    p.add_argument(
        "--workspace",
        type=Path,
        default=None,
        help="a workspace saved from the app: its plan for the client (and its data, if saved)",
    )
    p.add_argument("--format", choices=("markdown", "json"), default="markdown")


def _workspace(path: Path | None) -> Workspace | None:
    if path is None:
        return None
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problem = Problem("error", "cannot_open", file=str(path), params={"reason": str(exc)})
        raise InputError([problem]) from exc
    return workspace.from_json(raw)


def _data(files: list[Path], saved: Workspace | None) -> Dataset:
    """The files given, else the data saved in the workspace (with its reading options and
    merges), so the plan is worked out on what the app showed."""
    if files:
        return read_inputs(files, {})
    if saved is None or not saved.files:
        raise InputError([Problem("error", "no_files")])
    options = {name: workspace.options_from_json(o) for name, o in saved.options.items()}
    return load_files(saved.files, options, None, saved.merges)


def _out_of_range(args: argparse.Namespace) -> str | None:
    """One line naming the first option outside its range, in the chosen language."""
    for option, value, (low, high) in (
        ("--notice-days", args.notice_days, exit_plan.NOTICE_RANGE),
        ("--cool-off-days", args.cool_off_days, exit_plan.COOL_OFF_RANGE),
    ):
        if value is not None and not low <= value <= high:
            return i18n.translate(
                args.lang, "cli.out_of_range", option=option, value=value, low=low, high=high
            )
    return None


def run(args: argparse.Namespace) -> int:
    bad = _out_of_range(args)
    if bad:
        print(bad, file=sys.stderr)
        return 2
    try:
        today = date.fromisoformat(args.today) if args.today else date.today()
    except ValueError:
        print(i18n.translate(args.lang, "cli.bad_date", value=args.today), file=sys.stderr)
        return 2
    try:
        announce = date.fromisoformat(args.announce) if args.announce else None
    except ValueError:
        print(i18n.translate(args.lang, "cli.bad_date", value=args.announce), file=sys.stderr)
        return 2
    try:
        saved = _workspace(args.workspace)
        data = _data(args.files, saved)
    except InputError as exc:
        print_problems(exc.problems, args.lang, sys.stderr)
        return 2
    except WorkspaceError as exc:
        message = i18n.translate(args.lang, f"ws.error.{exc.code}", detail=exc.detail)
        print(message, file=sys.stderr)
        return 2
    clients = data.clients
    key = fields.client_key(args.client)
    match = clients[clients[fields.KEY] == key]
    if match.empty:
        examples = ", ".join(clients[fields.CLIENT].astype(str).head(3))
        print(
            i18n.translate(args.lang, "cli.unknown_client", client=args.client, examples=examples),
            file=sys.stderr,
        )
        return 2
    # The plan saved from the app, as the page shows it; options given here change it.
    plan: dict[str, object] = dict(saved.plans.get(key, {})) if saved else {}
    plan.setdefault("started", today.isoformat())
    plan.setdefault("draft_lang", args.message_lang or args.lang)
    given = {
        "cool_off_days": args.cool_off_days,
        "sender": args.sender,
        "recipient": args.recipient,
        "draft_lang": args.message_lang,
        "announce_date": announce.isoformat() if announce else None,
        "notice_days": args.notice_days,
    }
    plan |= {name: value for name, value in given.items() if value is not None}
    row = match.iloc[0]
    if args.format == "json":
        body = exit_plan.plan_json(row, plan, args.lang, today=today)
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(exit_plan.plan_markdown(row, plan, args.lang, data.currency, today=today))
    return 0
