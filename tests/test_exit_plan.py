"""Exit plan: date arithmetic, money advice, one-reason drafts, calendar and safe exports."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from model import exit_plan, fields
from tests.conftest import ROOT, SAMPLES


@pytest.mark.parametrize(
    ("announce", "days", "end", "weekday"),
    [
        (date(2026, 12, 4), 30, date(2027, 1, 3), 6),  # the worked example: a Sunday
        (date(2027, 1, 31), 30, date(2027, 3, 2), 1),  # across a short February
        (date(2028, 1, 31), 30, date(2028, 3, 1), 2),  # leap year
        (date(2026, 3, 31), 0, date(2026, 3, 31), 1),  # no notice: the same day
        (date(2026, 12, 31), 1, date(2027, 1, 1), 4),
    ],
)
def test_notice_is_counted_in_calendar_days(
    announce: date, days: int, end: date, weekday: int
) -> None:
    notice = exit_plan.notice_end(announce, notice_days=days)
    assert notice.end == end and notice.end.weekday() == weekday and notice.source == "days"


def test_missing_notice_days_default_to_thirty() -> None:
    assert exit_plan.notice_end(date(2026, 1, 1)).end == date(2026, 1, 31)


def test_the_end_of_a_deliverable_earlier_than_the_notice_is_flagged() -> None:
    notice = exit_plan.notice_end(
        date(2026, 12, 4), notice_days=30, deliverable_end=date(2026, 12, 20), use_deliverable=True
    )
    assert (notice.end, notice.source, notice.days, notice.shorter_than_notice) == (
        date(2026, 12, 20),
        "deliverable",
        16,
        True,
    )


def test_cooling_off_is_at_least_a_day() -> None:
    assert exit_plan.decision_date(date(2026, 2, 27), 3) == date(2026, 3, 2)
    assert exit_plan.decision_date(date(2026, 2, 27), 0) == date(2026, 2, 28)


def row(**values: object) -> pd.Series:
    return pd.Series({fields.CLIENT: "Acme", **values})


def test_money_owed_means_collect_before_announcing() -> None:
    advice = exit_plan.money_advice(row(outstanding=1250.0, days_late=40.0), "en", "USD")
    assert [a.key for a in advice] == [
        "advice.collect_first",
        "advice.order_when_owed",
        "advice.late_history",
    ]
    assert advice[0].params["amount"] == "$1,250.00"


def test_no_money_owed_still_reminds_to_deliver_what_was_paid() -> None:
    assert [a.key for a in exit_plan.money_advice(row(outstanding=0.0), "vi", "VND")] == [
        "advice.money_clear"
    ]


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("reason", exit_plan.REASONS)
def test_drafts_carry_exactly_one_reason(lang: str, reason: str) -> None:
    from model import i18n

    text = exit_plan.draft_message("Acme", reason, lang, end=date(2027, 1, 3), referral="Bình")
    reasons_in_text = [
        r for r in exit_plan.REASONS if i18n.translate(lang, f"draft.reason.{r}") in text
    ]
    assert reasons_in_text == [reason]
    assert "Bình" in text
    assert i18n.format_date(date(2027, 1, 3), lang) in text


def test_the_client_name_goes_in_as_text() -> None:
    name = '<script>alert(1)</script> =HYPERLINK("x")'
    text = exit_plan.draft_message(name, "capacity", "en")
    assert text.startswith(f"Dear {name},")


def test_reprice_gives_the_rate_and_the_hours_cap() -> None:
    result = exit_plan.reprice(row(revenue=2000.0, hours=50.0), 80.0)
    assert result is not None
    assert result["current_rate"] == 40 and result["revenue_needed"] == 4000
    assert result["increase"] == pytest.approx(1.0) and result["hours_cap"] == 25


def test_calendar_has_three_all_day_events_and_escapes_text() -> None:
    ics = exit_plan.calendar(
        [
            (date(2026, 12, 1), "Decide about A, B; C"),
            (date(2026, 12, 4), "Tell A"),
            (date(2027, 1, 3), "Last day"),
        ]
    )
    assert ics.count("BEGIN:VEVENT") == 3 and "\r\n" in ics
    assert "DTSTART;VALUE=DATE:20270103" in ics
    assert "SUMMARY:Decide about A\\, B\\; C" in ics


def test_exits_in_the_last_twelve_months() -> None:
    plans = {
        "a": {"marked_for_exit": "2026-01-10"},
        "b": {"marked_for_exit": "2025-04-01"},
        "c": {},
        "d": {"marked_for_exit": "not a date"},
    }
    assert exit_plan.exits_in_last_year(plans, date(2026, 5, 1)) == 1


def test_progress_skips_the_referral_for_a_disrespectful_client() -> None:
    plan = {"checks": {"slept_on_it": True, "referral_ready": True}}
    assert exit_plan.progress(plan) == (2, 9)
    assert exit_plan.progress({**plan, "disrespectful": True}) == (1, 8)


def test_markdown_export_is_safe_to_share() -> None:
    evil = row(revenue=100.0, outstanding=50.0)
    evil[fields.CLIENT] = "[click](javascript:alert(1)) <img src=x>"
    text = exit_plan.plan_markdown(
        evil, {"notes": "**bold** | table"}, "en", "USD", today=date(2026, 12, 1)
    )
    # Every markup character from the user arrives escaped, so it renders as text.
    assert not re.search(r"(?<!\\)\[click", text)
    assert not re.search(r"(?<!\\)<img", text)
    assert not re.search(r"(?<!\\)\*\*bold", text)
    assert "They owe you $50.00" in text


def test_cli_plan_prints_dates_and_the_outstanding_amount() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "model",
            "plan",
            str(SAMPLES / "clients.csv"),
            "--client",
            "Blue Heron Studio",
            "--today",
            "2026-12-01",
            "--notice-days",
            "30",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Announce on Fri, Dec 4, 2026" in result.stdout
    assert "Notice ends Sun, Jan 3, 2027" in result.stdout
    assert "They owe you $9,871.25" in result.stdout


def test_cli_plan_refuses_an_unknown_client() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "model", "plan", str(SAMPLES / "clients.csv"), "--client", "Nobody"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and "Nobody" in result.stderr and "Traceback" not in result.stderr


def _plan_cli(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "model", "plan", str(SAMPLES / "clients.csv")]
    return subprocess.run(
        [*command, "--client", "Blue Heron Studio", "--today", "2026-12-01", "--lang", lang, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("--notice-days", "99999999999"), "--notice-days"),
        (("--notice-days", "-5"), "--notice-days"),
        (("--cool-off-days", "99999999999"), "--cool-off-days"),
        (("--cool-off-days", "0"), "--cool-off-days"),
    ],
)
def test_cli_plan_out_of_range_values_exit_2_with_one_line(
    args: tuple[str, str], named: str
) -> None:
    result = _plan_cli(*args)
    assert result.returncode == 2 and not result.stdout
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
    assert named in result.stderr and args[1].lstrip("-")[:5] in result.stderr.replace(",", "")
    vietnamese = _plan_cli(*args, lang="vi")
    assert vietnamese.returncode == 2 and "nhận một số nguyên" in vietnamese.stderr


def test_cli_plan_keeps_a_400_day_notice() -> None:
    result = _plan_cli("--notice-days", "400")
    assert result.returncode == 0, result.stderr
    assert "Notice ends Sat, Jan 8, 2028" in result.stdout  # 2026-12-04 + 400 days


def test_a_huge_notice_in_the_file_is_kept_inside_the_range_not_an_overflow(
    tmp_path: Path,
) -> None:
    source = tmp_path / "c.csv"
    source.write_text("Client,Revenue,Notice days\nAcme,100,3000000\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "model", "plan", str(source), "--client", "Acme"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert (
        exit_plan.notice_days_of(pd.Series({fields.NOTICE_DAYS: 3e6})) == exit_plan.NOTICE_RANGE[1]
    )


SAVED = {
    "started": "2026-12-01",
    "cool_off_days": 3,
    "announce_date": "2026-12-20",
    "notice_days": 30,
    "draft_lang": "vi",
    "sender": "Minh",
    "checks": {"read_contract": True},
}


def blue_heron() -> pd.Series:
    from model.ingest import load_files

    data = load_files([("clients.csv", (SAMPLES / "clients.csv").read_bytes())], {})
    return (
        data.clients.set_index(fields.CLIENT)
        .loc["Blue Heron Studio"]
        .rename("Blue Heron Studio")
        .to_frame()
        .T.reset_index(names=fields.CLIENT)
        .iloc[0]
    )


def test_one_timeline_for_the_markdown_and_the_json() -> None:
    row = blue_heron()
    today = date(2026, 12, 9)
    markdown = exit_plan.plan_markdown(row, SAVED, "en", "USD", today=today)
    body = exit_plan.plan_json(row, SAVED, "en", today=today)
    assert body["decide_no_sooner_than"] == "2026-12-04"  # started + cooling-off, not announce
    assert "Decide no sooner than Fri, Dec 4, 2026" in markdown
    assert body["announce_on"] == "2026-12-20" and "Announce on Sun, Dec 20, 2026" in markdown
    assert body["last_working_day"] == "2027-01-19" and "Tue, Jan 19, 2027" in markdown
    assert body["message"]["language"] == "vi"
    assert body["message"]["text"].rstrip().endswith("Minh")
    assert "> Minh" in markdown  # the sender's name signs the Markdown's draft too
    assert [s["id"] for s in body["steps"] if s["done"]] == ["read_contract"]
    assert body["collect_first"] == pytest.approx(9871.25)


@pytest.mark.parametrize(
    ("started", "cool", "notice", "decide", "last"),
    [
        ("2026-01-31", 3, 30, "2026-02-03", "2026-03-05"),  # month end
        ("2028-02-27", 2, 1, "2028-02-29", "2028-03-01"),  # leap day
        ("2026-12-30", 3, 365, "2027-01-02", "2028-01-02"),  # year end, a year's notice
    ],
)
def test_dates_by_hand(started: str, cool: int, notice: int, decide: str, last: str) -> None:
    plan = {"started": started, "cool_off_days": cool, "notice_days": notice}
    dates = exit_plan.timeline(plan, pd.Series(dtype=object), date(2030, 1, 1))
    assert dates.decide_no_sooner_than.isoformat() == decide
    assert dates.announce_on == dates.decide_no_sooner_than  # no date chosen: end of cool-off
    assert dates.last_working_day.isoformat() == last
    assert not dates.warnings


def test_announcing_inside_the_cooling_off_is_allowed_but_warned() -> None:
    plan = {"started": "2026-12-01", "cool_off_days": 7, "announce_date": "2026-12-03"}
    dates = exit_plan.timeline(plan, pd.Series(dtype=object), date(2026, 12, 1))
    assert dates.announce_on == date(2026, 12, 3)
    assert dates.warnings == ("announce_before_cool_off",)


def test_cli_plan_json_with_a_vietnamese_message_and_sender() -> None:
    result = _plan_cli(
        "--announce", "2026-12-20", "--message-lang", "vi", "--sender", "Minh", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["announce_on"] == "2026-12-20" and body["last_working_day"] == "2027-01-19"
    assert body["message"]["language"] == "vi" and body["message"]["text"].endswith("Minh")
