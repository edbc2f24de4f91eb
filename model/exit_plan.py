"""The six steps of ending a client relationship professionally, fed by the client's numbers.

Dates are calendar days; a notice period is counted from the announcement day.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from typing import Any

import pandas as pd

from model import fields, i18n

COOL_OFF_DAYS = 3
NOTICE_DAYS = 30
# The ranges the page's inputs, the CLI and a file's notice column all accept: long enough for
# any real contract, short enough that every date they give exists.
COOL_OFF_RANGE = (1, 365)
NOTICE_RANGE = (0, 3650)
LATE_PAYER_DAYS = 15
REASONS = ("no_longer_fit", "changing_focus", "capacity", "different_direction")
REFERRALS = ("colleague", "agency", "specialist")
MEETING_MODES = ("in_person", "phone", "video")
STEPS = ("cool_off", "contract", "meet", "short", "notice", "alternatives")
# The decision record: six things rated 1 (bad) to 5 (good) before the estimate is shown, and
# again once the cooling-off is over.
RATINGS = ("pay", "respect", "scope", "stress", "fit", "money")
RATING_RANGE = (1, 5)
CHECKS: dict[str, tuple[str, ...]] = {
    "cool_off": ("slept_on_it",),
    "contract": ("read_contract", "paid_parts_delivered", "loose_ends", "documents_gathered"),
    "meet": ("meeting_booked",),
    "short": ("message_ready",),
    "notice": ("notice_given",),
    "alternatives": ("referral_ready",),
}


def clamp(value: int, bounds: tuple[int, int]) -> int:
    """``value`` brought inside ``bounds`` (inclusive)."""
    return min(max(value, bounds[0]), bounds[1])


def decision_date(today: date, cool_off_days: int = COOL_OFF_DAYS) -> date:
    """The earliest day to decide: never act on the day of the frustration."""
    return today + timedelta(days=clamp(cool_off_days, COOL_OFF_RANGE))


def notice_days_of(row: pd.Series) -> int:
    """The contract's notice from the client's row, inside ``NOTICE_RANGE``; else the default."""
    days = _number(row, fields.NOTICE_DAYS)
    return NOTICE_DAYS if days is None or days < 0 else clamp(int(days), NOTICE_RANGE)


@dataclass(frozen=True)
class Notice:
    """When the relationship ends, and why that day."""

    end: date
    source: str  # "days" or "deliverable"
    days: int
    # Set when a deliverable ends before the notice period would: less notice than promised.
    shorter_than_notice: bool = False


def notice_end(
    announce: date,
    *,
    notice_days: int | None = None,
    deliverable_end: date | None = None,
    use_deliverable: bool = False,
) -> Notice:
    """The last day: announcement + notice (calendar days), or the end of a deliverable.

    >>> notice_end(date(2026, 12, 4), notice_days=30).end
    datetime.date(2027, 1, 3)
    """
    days = NOTICE_DAYS if notice_days is None else clamp(int(notice_days), NOTICE_RANGE)
    by_days = announce + timedelta(days=days)
    if use_deliverable and deliverable_end is not None:
        return Notice(
            deliverable_end,
            "deliverable",
            (deliverable_end - announce).days,
            shorter_than_notice=deliverable_end < by_days,
        )
    return Notice(by_days, "days", days)


@dataclass(frozen=True)
class Timeline:
    """One client's exit dates, the same on the page, in the Markdown and in the CLI."""

    started: date
    decide_no_sooner_than: date  # started + the cooling-off days
    announce_on: date  # the chosen date, else the end of the cooling-off
    notice: Notice  # the last working day: announce + notice days, or a deliverable's end
    warnings: tuple[str, ...]  # "announce_before_cool_off", "notice_shorter"

    @property
    def last_working_day(self) -> date:
        return self.notice.end


def timeline(plan: dict[str, Any], row: pd.Series, today: date) -> Timeline:
    """The dates of ``plan`` (as saved) for the client in ``row``, on ``today`` for a new plan.

    >>> t = timeline({"started": "2026-12-01", "cool_off_days": 3,
    ...               "announce_date": "2026-12-20"}, pd.Series(dtype=object), date(2026, 12, 9))
    >>> t.decide_no_sooner_than, t.announce_on, t.last_working_day
    (datetime.date(2026, 12, 4), datetime.date(2026, 12, 20), datetime.date(2027, 1, 19))
    """
    started = _plan_date(plan, "started") or today
    cool = _int(plan.get("cool_off_days"))
    decide = decision_date(started, COOL_OFF_DAYS if cool is None else cool)
    announce = _plan_date(plan, "announce_date") or decide
    days = _int(plan.get("notice_days"))
    notice = notice_end(
        announce,
        notice_days=notice_days_of(row) if days is None else days,
        deliverable_end=_plan_date(plan, "deliverable_date"),
        use_deliverable=plan.get("notice_mode") == "deliverable",
    )
    warnings = []
    if announce < decide:
        warnings.append("announce_before_cool_off")
    if notice.shorter_than_notice:
        warnings.append("notice_shorter")
    return Timeline(started, decide, announce, notice, tuple(warnings))


def ratings(plan: dict[str, Any], which: str) -> dict[str, int]:
    """The ``"first"`` or ``"second"`` ratings given so far (valid ones only)."""
    given = plan.get(f"ratings_{which}")
    if not isinstance(given, dict):
        return {}
    low, high = RATING_RANGE
    return {
        name: value
        for name in RATINGS
        if isinstance(value := given.get(name), int)
        and not isinstance(value, bool)
        and low <= value <= high
    }


def rated(plan: dict[str, Any], which: str) -> bool:
    """All six things rated."""
    return len(ratings(plan, which)) == len(RATINGS)


def can_decide(plan: dict[str, Any], row: pd.Series, today: date) -> tuple[bool, str | None]:
    """Whether "decided" may be ticked, else why not: ``"rate_first"``, ``"cooling_off"``
    (the second rating opens on the decide-no-sooner-than day), ``"rate_again"`` (rate again,
    or say why not)."""
    if not rated(plan, "first"):
        return False, "rate_first"
    if str(plan.get("second_skipped", "")).strip():
        return True, None
    if today < timeline(plan, row, today).decide_no_sooner_than:
        return False, "cooling_off"
    return (True, None) if rated(plan, "second") else (False, "rate_again")


@dataclass(frozen=True)
class Advice:
    key: str
    params: dict[str, Any] = field(default_factory=dict)


def _number(row: pd.Series, name: str) -> float | None:
    value = row.get(name)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def money_advice(row: pd.Series, lang: str, currency: str | None) -> list[Advice]:
    """What the data says about money before announcing anything."""
    advice: list[Advice] = []
    outstanding = _number(row, fields.OUTSTANDING)
    late = _number(row, fields.DAYS_LATE)
    if outstanding and outstanding > 0:
        advice.append(
            Advice(
                "advice.collect_first", {"amount": i18n.format_money(outstanding, lang, currency)}
            )
        )
        advice.append(Advice("advice.order_when_owed"))
    if late is not None and late > LATE_PAYER_DAYS:
        advice.append(Advice("advice.late_history", {"days": i18n.format_number(late, lang)}))
    if not advice:
        advice.append(Advice("advice.money_clear"))
    return advice


def reprice(row: pd.Series, target_rate: float) -> dict[str, float] | None:
    """The price (or the hours cap) at which this client reaches ``target_rate`` an hour."""
    revenue = _number(row, fields.REVENUE)
    hours = _number(row, fields.HOURS)
    if revenue is None or hours is None or hours <= 0 or target_rate <= 0:
        return None
    current = revenue / hours
    return {
        "current_rate": current,
        "target_rate": target_rate,
        "revenue_needed": target_rate * hours,
        "increase": target_rate / current - 1 if current > 0 else float("inf"),
        "hours_cap": revenue / target_rate,
    }


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!$:])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+\.)")


def md_text(text: object) -> str:
    """User text that stays text in Markdown: no links, emphasis, tables, lists or HTML."""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def draft_message(
    client: str,
    reason: str,
    lang: str,
    *,
    end: date | None = None,
    referral: str = "",
    sender: str = "",
    recipient: str = "",
) -> str:
    """A short goodbye with exactly one reason, the last day and a referral when given,
    greeting the person written to (else the client) and signed with a closing wish."""
    reason = reason if reason in REASONS else REASONS[0]
    greeting = (
        i18n.translate(lang, "draft.greeting_to", recipient=recipient.strip())
        if recipient.strip()
        else i18n.translate(lang, "draft.greeting", client=client)
    )
    parts = [
        greeting,
        i18n.translate(lang, f"draft.reason.{reason}"),
    ]
    if end is not None:
        parts.append(i18n.translate(lang, "draft.notice", end=i18n.format_date(end, lang)))
    if referral.strip():
        parts.append(i18n.translate(lang, "draft.referral", referral=referral.strip()))
    parts.append(i18n.translate(lang, "draft.closing", sender=sender.strip() or "…"))
    return "\n\n".join(parts)


def _ics_text(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """RFC 5545: lines longer than 75 octets continue on the next line after a space."""
    out, current = [], ""
    for ch in line:
        if len((current + ch).encode("utf-8")) > 75:
            out.append(current)
            current = " " + ch
        else:
            current += ch
    out.append(current)
    return "\r\n".join(out)


def calendar(events: list[tuple[date, str]], *, stamp: str = "20260101T000000Z") -> str:
    """An iCalendar file with one all-day event per ``(day, summary)``."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Client Triage//Exit plan//EN",
        "CALSCALE:GREGORIAN",
    ]
    for day, summary in events:
        uid = hashlib.sha256(f"{day.isoformat()}|{summary}".encode()).hexdigest()[:24]
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}@client-triage",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_text(summary)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def exits_in_last_year(plans: dict[str, dict[str, Any]], today: date) -> int:
    """How many clients were marked for exit in the 12 months up to ``today``."""
    count = 0
    for plan in plans.values():
        marked = plan.get("marked_for_exit")
        if isinstance(marked, str):
            try:
                day = date.fromisoformat(marked)
            except ValueError:
                continue
            if today - timedelta(days=365) < day <= today:
                count += 1
    return count


def progress(plan: dict[str, Any]) -> tuple[int, int]:
    """Ticked checklist items and the total (the referral step drops out when skipped)."""
    checks = plan.get("checks", {})
    items = [
        i
        for step, names in CHECKS.items()
        for i in names
        if not (step == "alternatives" and plan.get("disrespectful"))
    ]
    return sum(1 for i in items if checks.get(i)), len(items)


def plan_markdown(
    row: pd.Series,
    plan: dict[str, Any],
    lang: str,
    currency: str | None,
    *,
    today: date,
    notice_days: int | None = None,
) -> str:
    """The whole plan as Markdown, safe to share (client text never becomes markup)."""
    tr = partial(i18n.translate, lang)
    day = partial(i18n.format_date, lang=lang, weekday=True)  # the JSON keeps ISO dates
    name = str(row[fields.CLIENT])
    if notice_days is not None:
        plan = {**plan, "notice_days": notice_days}
    dates = timeline(plan, row, today)
    announce, notice = dates.announce_on, dates.notice
    checks = plan.get("checks", {})
    lines = [f"# {tr('plan.md.title', client=md_text(name))}", ""]
    done, total = progress(plan)
    lines += [tr("plan.md.progress", done=done, total=total), ""]
    lines += [f"## {tr('plan.md.numbers')}", ""]
    for column in (
        fields.REVENUE,
        fields.HOURS,
        fields.EFFECTIVE_RATE,
        fields.DAYS_LATE,
        fields.OUTSTANDING,
    ):
        value = _number(row, column)
        if value is None:
            continue
        if column in (fields.REVENUE, fields.EFFECTIVE_RATE, fields.OUTSTANDING):
            shown = i18n.format_money(value, lang, currency)
        elif column == fields.HOURS:
            shown = i18n.format_hours(value, lang)
        else:
            shown = i18n.format_number(value, lang, 1)
        lines.append(f"- {tr(f'field.{column}')}: {shown}")
    lines.append("")
    for number, step in enumerate(STEPS, start=1):
        lines += [f"## {number}. {tr(f'plan.step.{step}')}", "", tr(f"plan.why.{step}"), ""]
        for item in CHECKS[step]:
            if step == "alternatives" and plan.get("disrespectful"):
                lines.append(f"- {tr('plan.referral_skipped')}")
                break
            mark = "x" if checks.get(item) else " "
            lines.append(f"- [{mark}] {tr(f'plan.check.{item}')}")
        if step == "cool_off":
            lines.append(f"- {tr('plan.md.decide_on', day=day(dates.decide_no_sooner_than))}")
            if plan.get("feeling"):
                lines.append(f"- {tr('plan.md.feeling')}: {md_text(plan['feeling'])}")
            lines += _record_markdown(plan, tr)
        if step == "contract":
            lines += [f"- {tr(a.key, **a.params)}" for a in money_advice(row, lang, currency)]
        if step == "meet" and plan.get("meeting_mode"):
            when = _plan_date(plan, "meeting_date")
            mode = tr(f"plan.meet.{plan['meeting_mode']}")
            lines.append(f"- {mode}" + (f": {day(when)}" if when else ""))
        if step == "short":
            draft = message_text(plan, name, lang, dates)
            lines += ["", *[f"> {md_text(line)}" if line else ">" for line in draft.split("\n")]]
        if step == "notice":
            lines.append(f"- {tr('plan.md.announce', day=day(announce))}")
            if "announce_before_cool_off" in dates.warnings:
                lines.append(f"- {tr('plan.announce_before_cool_off')}")
            lines.append(f"- {tr('plan.md.notice_end', day=day(notice.end))}")
        if step == "alternatives" and plan.get("referral_text") and not plan.get("disrespectful"):
            lines.append(f"- {md_text(plan['referral_text'])}")
        lines.append("")
    if plan.get("notes"):
        lines += [f"## {tr('plan.md.notes')}", "", md_text(plan["notes"]), ""]
    return "\n".join(lines)


def message_text(plan: dict[str, Any], name: str, lang: str, dates: Timeline) -> str:
    """The goodbye as the user left it (edited by hand), else drafted from the plan: its own
    language, one reason, the last working day, the referral and the sender's name."""
    edited = plan.get("draft")
    if isinstance(edited, str) and edited:
        return edited
    return draft_message(
        name,
        str(plan.get("reason", REASONS[0])),
        message_language(plan, lang),
        end=dates.last_working_day,
        referral=str(plan.get("referral_text", "")),
        sender=str(plan.get("sender", "")),
        recipient=str(plan.get("recipient", "")),
    )


def plan_json(row: pd.Series, plan: dict[str, Any], lang: str, *, today: date) -> dict[str, Any]:
    """The plan as data (``python -m model plan --format json``): ISO dates, the same timeline
    and message as the page and the Markdown."""
    dates = timeline(plan, row, today)
    name = str(row[fields.CLIENT])
    checks = plan.get("checks", {})
    outstanding = _number(row, fields.OUTSTANDING)
    reason = plan.get("reason") if plan.get("reason") in REASONS else REASONS[0]
    return {
        "client": name,
        "decide_no_sooner_than": dates.decide_no_sooner_than.isoformat(),
        "announce_on": dates.announce_on.isoformat(),
        "last_working_day": dates.last_working_day.isoformat(),
        "warnings": [{"code": code} for code in dates.warnings],
        "steps": [
            {
                "id": item,
                "step": step,
                "title": i18n.translate(lang, f"plan.check.{item}"),
                "done": bool(checks.get(item)),
            }
            for step in STEPS
            for item in CHECKS[step]
        ],
        "message": {
            "language": message_language(plan, lang),
            "reason": reason,
            "text": message_text(plan, name, lang, dates),
        },
        "collect_first": outstanding if outstanding and outstanding > 0 else None,
        "ratings": {"first": ratings(plan, "first"), "second": ratings(plan, "second")},
        "real_reason": str(plan.get("real_reason", "")),
        "premortem": str(plan.get("premortem", "")),
    }


def message_language(plan: dict[str, Any], lang: str) -> str:
    """The goodbye's own language (chosen per plan), else the app's."""
    chosen = plan.get("draft_lang")
    return chosen if isinstance(chosen, str) and chosen in i18n.LANGUAGES else lang


def _record_markdown(plan: dict[str, Any], tr: Any) -> list[str]:
    """The decision record: both ratings side by side, the real reason, the pre-mortem."""
    first, second = ratings(plan, "first"), ratings(plan, "second")
    lines: list[str] = []
    if first or second:
        lines += [
            "",
            f"| {tr('plan.record.thing')} | {tr('plan.record.first')} | "
            f"{tr('plan.record.second')} |",
            "|---|---|---|",
        ]
        for name in RATINGS:
            label = tr(f"plan.rating.{name}")
            lines.append(f"| {label} | {first.get(name, '–')} | {second.get(name, '–')} |")
        lines.append("")
    for key in ("real_reason", "premortem", "second_skipped"):
        if str(plan.get(key, "")).strip():
            lines.append(f"- {tr(f'plan.record.{key}')}: {md_text(plan[key])}")
    return lines


def _int(value: object) -> int | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return int(number) if math.isfinite(number) else None


def _plan_date(plan: dict[str, Any], name: str) -> date | None:
    value = plan.get(name)
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None
