"""Workspace save and restore, and the local-save switch, through AppTest."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from model import workspace
from tests.apptest import open_fold, start, texts


def open_your_work(at):  # type: ignore[no-untyped-def]
    """A click on the sidebar's "Your work" (its content is drawn only while it is open)."""
    return open_fold(at, "ws_open")


def test_your_work_is_drawn_only_when_opened_and_keeps_its_tick_while_folded() -> None:
    at = start()
    assert not [u for u in at.get("file_uploader") if u.proto.label == "Restore a workspace"]
    open_your_work(at)
    at.checkbox(key="ws_include_data").check().run()
    at.session_state["ws_open"] = False  # folded, then opened again
    at.run()
    assert "ws_include_data" not in at.session_state
    open_your_work(at)
    assert at.checkbox(key="ws_include_data").value is True


def test_save_then_restore_brings_labels_plans_and_settings_back() -> None:
    at = start()
    at.session_state["labels"] = {"acme widgets": "fine"}
    at.session_state["plans"] = {"acme widgets": {"notes": "call Friday"}}
    at.session_state["settings"] = {"pareto_threshold": 70}
    at.run()
    saved = workspace.to_json(workspace_panel_snapshot(at))
    fresh = open_your_work(start())
    fresh.file_uploader(key="workspace_upload").set_value(
        ("ws.json", saved.encode(), "application/json")
    ).run()
    assert not fresh.exception
    assert fresh.session_state["labels"] == {"acme widgets": "fine"}
    assert fresh.session_state["plans"]["acme widgets"]["notes"] == "call Friday"
    assert fresh.session_state["settings"]["pareto_threshold"] == 70
    assert "Restored 1 label and 1 plan." in texts(fresh)


def test_a_damaged_workspace_is_refused_and_changes_nothing() -> None:
    at = start()
    at.session_state["labels"] = {"acme widgets": "fine"}
    open_your_work(at)
    at.file_uploader(key="workspace_upload").set_value(
        ("ws.json", b'{"format": "client-triage-workspace", "version": 7}', "application/json")
    ).run()
    assert "newer Client Triage" in at.error[0].value
    assert at.session_state["labels"] == {"acme widgets": "fine"}


def test_clients_missing_from_the_data_are_listed() -> None:
    at = open_your_work(start())
    body = json.dumps(
        {"format": "client-triage-workspace", "version": 1, "labels": {"gone ltd": "problem"}}
    )
    at.file_uploader(key="workspace_upload").set_value(
        ("ws.json", body.encode(), "application/json")
    ).run()
    assert "gone ltd" in " ".join(w.value for w in at.warning).replace("\\", "")


def test_public_host_says_a_refresh_starts_fresh() -> None:
    at = open_your_work(start())
    assert "a browser refresh starts fresh" in texts(at)


def test_local_save_switch_saves_and_forgets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLIENT_TRIAGE_LOCALHOST", "1")
    monkeypatch.setenv("CLIENT_TRIAGE_DATA_DIR", str(tmp_path))
    at = open_your_work(start())
    at.toggle(key="w::remember").set_value(True).run()
    at.session_state["labels"] = {"acme widgets": "problem"}
    at.run()
    at.run()  # the autosave at the start of a run writes what the last run changed
    database = tmp_path / "workspace.sqlite3"
    rows = sqlite3.connect(database).execute("SELECT body FROM workspace").fetchall()
    assert any('"acme widgets": "problem"' in r[0] for r in rows)
    # A new session on the same computer and data gets the labels back.
    again = open_your_work(start())
    assert again.session_state["labels"] == {"acme widgets": "problem"}
    forget = next(b for b in again.button if b.label == "Forget everything")
    forget.click().run()
    assert not database.exists()


def workspace_panel_snapshot(at):  # type: ignore[no-untyped-def]
    """The workspace as the sidebar would save it, built from the test's session state."""
    return workspace.Workspace(
        language="en",
        labels=dict(at.session_state["labels"]),
        plans=at.session_state["plans"],
        settings=at.session_state["settings"],
    )


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_damaged_local_save_leaves_every_page_working(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setenv("CLIENT_TRIAGE_LOCALHOST", "1")
    monkeypatch.setenv("CLIENT_TRIAGE_DATA_DIR", str(tmp_path))
    (tmp_path / "workspace.sqlite3").write_bytes(b"not sqlite at all " * 200)
    at = start(lang=lang)
    warning = {"en": "could not be read", "vi": "Không đọc được"}[lang]
    for page in ("pages/pareto.py", "pages/problem_clients.py", "pages/exit_plan.py"):
        at.switch_page(page).run()
        assert not at.exception, at.exception
        assert warning in texts(at)
    forget = {"en": "Forget everything", "vi": "Xóa mọi thứ đã nhớ"}[lang]
    open_your_work(at)
    assert any(b.label == forget for b in at.button)
    aside = next(b for b in at.button if b.label.startswith(("Set that file", "Để riêng")))
    aside.click().run()
    assert not at.exception
    kept = list(tmp_path.glob("workspace.sqlite3.unreadable-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"not sqlite")
    assert warning not in texts(at)


def test_restored_settings_that_do_not_fit_are_named_and_the_page_still_works() -> None:
    at = open_your_work(start())
    body = json.dumps(
        {
            "format": "client-triage-workspace",
            "version": 1,
            "labels": {"acme widgets": "fine"},
            "settings": {"working_hours": ["a", "b"], "pareto_threshold": 1e308},
            "plans": {"acme widgets": {"notice_days": 3_000_000, "notes": "kept"}},
        }
    )
    at.file_uploader(key="workspace_upload").set_value(
        ("ws.json", body.encode(), "application/json")
    ).run()
    assert not at.exception
    warned = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "settings.working_hours" in warned and "plans[acme widgets].notice_days" in warned
    assert at.session_state["labels"] == {"acme widgets": "fine"}
    at.switch_page("pages/pareto.py").run()
    assert not at.exception
    at.switch_page("pages/exit_plan.py").run()
    assert not at.exception
