"""The Exit plan page through AppTest: choices are kept per client across pages and languages."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from model import exit_plan, i18n, workspace
from tests.apptest import start, texts
from tests.conftest import SAMPLES, run_cli

PAGE = "pages/exit_plan.py"


def test_opens_on_the_most_likely_problem_client_with_money_advice() -> None:
    at = start(PAGE)
    assert at.selectbox(key="plan_client").value == "blue heron studio"
    assert "They owe you $9,871.25: collect before you announce." in texts(at)
    assert exit_plan.progress(at.session_state["plans"]["blue heron studio"]) == (0, 9)


def test_ticks_and_notes_survive_page_switch_and_language_switch() -> None:
    at = start(PAGE)
    at.selectbox(key="plan_client").set_value("acme widgets").run()
    at.checkbox(key="plan::acme widgets::checks.read_contract").check().run()
    at.text_area(key="plan::acme widgets::notes").input("Call before Friday").run()
    at.switch_page("pages/pareto.py").run()
    assert "Selected client: Acme Widgets" in texts(at)
    at.switch_page(PAGE).run()
    assert at.selectbox(key="plan_client").value == "acme widgets"
    assert at.checkbox(key="plan::acme widgets::checks.read_contract").value is True
    at.selectbox(key="_w_lang").set_value("vi").run()
    assert at.text_area(key="plan::acme widgets::notes").value == "Call before Friday"
    assert "Rà soát hợp đồng và các khoản tiền" in "".join(e.label for e in at.expander)
    plan = at.session_state["plans"]["acme widgets"]
    assert plan["checks"]["read_contract"] is True
    assert exit_plan.progress(plan) == (1, 9)


def test_notice_calculator_and_export_content() -> None:
    at = start(PAGE)
    client = at.selectbox(key="plan_client").value
    at.date_input(key=f"plan::{client}::announce_date").set_value(date(2026, 12, 4)).run()
    at.number_input(key=f"plan::{client}::notice_days").set_value(30).run()
    assert "Last day: **Sun, Jan 3, 2027** (30 days after the announcement)." in texts(at)
    plan = at.session_state["plans"][client]
    assert plan["announce_date"] == "2026-12-04"
    markdown = exit_plan.plan_markdown(_row(at, client), plan, "en", "USD", today=date(2026, 12, 1))
    assert "Notice ends Sun, Jan 3, 2027" in markdown
    labels = [b.proto.label for b in at.get("download_button")]
    assert (
        "Download the plan (Markdown)" in labels and "Add the dates to my calendar (.ics)" in labels
    )


def test_draft_has_one_reason_and_follows_the_chosen_language() -> None:
    at = start(PAGE)
    client = at.selectbox(key="plan_client").value
    at.selectbox(key=f"plan::{client}::reason").set_value("changing_focus").run()
    draft = at.text_area(key=f"plan::{client}::draft").value
    assert "changing the focus of my business" in draft
    at.selectbox(key=f"plan::{client}::draft_lang").set_value("vi").run()
    assert at.text_area(key=f"plan::{client}::draft").value.startswith(
        "Kính gửi Blue Heron Studio,"
    )


def _row(at, client):  # type: ignore[no-untyped-def]
    from model.ingest import load_files
    from tests.conftest import SAMPLES

    clients = load_files([("clients.csv", (SAMPLES / "clients.csv").read_bytes())], {}).clients
    return clients.loc[clients["key"] == client].iloc[0]


def _page_with_saved_plan():  # type: ignore[no-untyped-def]
    """The Exit plan page showing the saved plan of ``tests.test_exit_plan.SAVED``."""
    from tests.test_exit_plan import SAVED

    at = start()
    at.session_state["plans"] = {"blue heron studio": dict(SAVED)}
    at.session_state["selected_client"] = "blue heron studio"
    at.switch_page(PAGE).run()
    assert not at.exception
    return at, texts(at)


def test_a_saved_plan_shows_the_same_dates_on_the_page_as_in_its_markdown_and_json() -> None:
    from tests.test_exit_plan import SAVED, blue_heron

    at, shown = _page_with_saved_plan()
    body = exit_plan.plan_json(blue_heron(), SAVED, "en", today=date(2026, 12, 9))
    assert body["decide_no_sooner_than"] == "2026-12-04" and "Dec 4, 2026" in shown
    assert body["last_working_day"] == "2027-01-19" and "Jan 19, 2027" in shown
    assert exit_plan.progress(at.session_state["plans"]["blue heron studio"]) == (1, 9)
    draft = at.text_area(key="plan::blue heron studio::draft").value
    assert draft == body["message"]["text"]  # the same letter, in Vietnamese, signed Minh


def _rate(at, client: str, which: str, value: int) -> None:  # type: ignore[no-untyped-def]
    for name in exit_plan.RATINGS:
        at.radio(key=f"plan::{client}::ratings_{which}.{name}").set_value(value).run()


@pytest.mark.parametrize(
    ("lang", "hidden", "estimate"),
    [
        ("en", "shows once you have rated", "Estimate"),
        ("vi", "sẽ hiện khi bạn đã đánh giá", "Ước tính"),
    ],
)
def test_the_estimate_shows_only_after_the_first_rating_and_deciding_needs_the_second(
    lang: str, hidden: str, estimate: str
) -> None:
    at = start(PAGE, lang=lang)
    client = at.selectbox(key="plan_client").value
    assert hidden in texts(at)
    assert at.toggle(key=f"plan::{client}::decided").disabled
    _rate(at, client, "first", 2)
    at.text_input(key=f"plan::{client}::real_reason").input("they never pay on time").run()
    assert not at.exception and hidden not in texts(at)
    plan = at.session_state["plans"][client]
    assert exit_plan.ratings(plan, "first") == dict.fromkeys(exit_plan.RATINGS, 2)
    # Still inside the cooling-off: no second rating yet, no decision.
    assert at.toggle(key=f"plan::{client}::decided").disabled
    # Three days later (the plan started three days ago): rate again, then decide.
    started = date.fromisoformat(plan["started"]).toordinal() - 3
    plan["started"] = date.fromordinal(started).isoformat()
    at.run()
    _rate(at, client, "second", 1)
    assert not at.toggle(key=f"plan::{client}::decided").disabled
    plan = at.session_state["plans"][client]
    assert exit_plan.ratings(plan, "second") == dict.fromkeys(exit_plan.RATINGS, 1)
    markdown = exit_plan.plan_markdown(
        pd.Series({"client": client}), plan, lang, None, today=date.today()
    )
    assert "| 2 | 1 |" in markdown and "they never pay on time" in markdown


def test_the_plan_cli_with_the_saved_workspace_prints_what_the_page_shows(tmp_path: Path) -> None:
    at, shown = _page_with_saved_plan()
    draft = at.text_area(key="plan::blue heron studio::draft").value
    saved = tmp_path / "workspace.json"
    plans = at.session_state["plans"]
    saved.write_text(workspace.to_json(workspace.Workspace(plans=plans)), encoding="utf-8")
    sample = str(SAMPLES / "clients.csv")
    common = ("plan", sample, "--client", "Blue Heron Studio", "--workspace", str(saved))
    run = run_cli(*common, "--today", "2026-12-09", "--format", "json")
    assert run.returncode == 0, run.stderr
    body = json.loads(run.stdout)
    assert body["message"]["text"] == draft and body["message"]["language"] == "vi"
    for day in ("decide_no_sooner_than", "last_working_day"):
        assert i18n.format_date(date.fromisoformat(body[day]), "en") in shown
    done = sum(step["done"] for step in body["steps"])
    assert (done, len(body["steps"])) == exit_plan.progress(plans["blue heron studio"])
    markdown = run_cli(*common, "--today", "2026-12-09").stdout
    assert f"{done} of {len(body['steps'])} steps done" in markdown
    last_day = date.fromisoformat(body["last_working_day"])
    assert draft.splitlines()[0] in markdown
    assert i18n.format_date(last_day, "en", weekday=True) in markdown
