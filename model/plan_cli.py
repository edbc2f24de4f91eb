"""``python -m model plan FILE --client NAME``: an exit plan as Markdown."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from model import exit_plan, fields, i18n
from model.problems import InputError
from model.report import print_problems, read_inputs


def add_parser(sub: Any) -> None:
    p = sub.add_parser("plan", help="an exit plan for one client, as Markdown or JSON")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--client", required=True)
    p.add_argument("--today", default=None, help="YYYY-MM-DD (default: today)")
    p.add_argument("--notice-days", type=int, default=None)
    p.add_argument("--cool-off-days", type=int, default=exit_plan.COOL_OFF_DAYS)
    p.add_argument("--announce", default=None, help="announcement date, YYYY-MM-DD")
    p.add_argument("--lang", choices=i18n.LANGUAGES, default="en")
    p.add_argument("--message-lang", choices=i18n.LANGUAGES, default=None)
    p.add_argument("--sender", default="", help="your name, to sign the message")
    p.add_argument("--format", choices=("markdown", "json"), default="markdown")


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
        data = read_inputs(args.files, {})
    except InputError as exc:
        print_problems(exc.problems, args.lang, sys.stderr)
        return 2
    clients = data.clients
    match = clients[clients[fields.KEY] == fields.client_key(args.client)]
    if match.empty:
        examples = ", ".join(clients[fields.CLIENT].astype(str).head(3))
        print(
            i18n.translate(args.lang, "cli.unknown_client", client=args.client, examples=examples),
            file=sys.stderr,
        )
        return 2
    plan: dict[str, object] = {"started": today.isoformat(), "cool_off_days": args.cool_off_days}
    plan |= {"sender": args.sender, "draft_lang": args.message_lang or args.lang}
    if announce:
        plan["announce_date"] = announce.isoformat()
    if args.notice_days is not None:
        plan["notice_days"] = args.notice_days
    row = match.iloc[0]
    if args.format == "json":
        body = exit_plan.plan_json(row, plan, args.lang, today=today)
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(exit_plan.plan_markdown(row, plan, args.lang, data.currency, today=today))
    return 0
