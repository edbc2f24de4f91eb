"""Nothing lost, nothing broken, in a real browser: the workspace file round-trips, long notices
stay long, the app's own CSV reads back, a bad local save leaves every page working, and a
public server never offers to write files."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from model import local_store
from tests.e2e.conftest import Server, go_to, wait_idle
from tests.e2e.helpers import label_second_row, open_exit_plan_and_tick_the_contract, upload_files

PAGES = (
    ("Data", "Your clients"),
    ("Pareto", "Where your time and money go"),
    ("Problem clients", "Which clients are problem clients?"),
    ("Exit plan", "A professional goodbye"),
)


def open_your_work(page) -> None:  # type: ignore[no-untyped-def]
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("Your work", exact=True).click()
    sidebar.get_by_role("button", name="Save workspace (JSON)").wait_for()


def test_a_saved_workspace_brings_labels_and_plan_progress_into_a_fresh_session(
    server, page, browser, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    open_exit_plan_and_tick_the_contract(page, server.url)
    go_to(page, "Problem clients")
    page.get_by_text("12 problem · 12 fine · 16 not labelled").wait_for()
    wait_idle(page)
    label_second_row(page, "fine")
    page.get_by_text("12 problem · 13 fine · 15 not labelled").wait_for()
    wait_idle(page)

    open_your_work(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Save workspace (JSON)").click()
    saved = tmp_path / "workspace.json"
    info.value.save_as(saved)
    body = json.loads(saved.read_text(encoding="utf-8"))
    assert list(body["labels"].values()) == ["fine"]
    assert any(p.get("checks", {}).get("read_contract") for p in body["plans"].values())

    fresh = browser.new_context(viewport={"width": 1400, "height": 1000})
    other = fresh.new_page()
    other.set_default_timeout(30_000)
    try:
        other.goto(server.url + "/problem_clients")
        other.get_by_text("12 problem · 12 fine · 16 not labelled").wait_for()
        wait_idle(other)
        open_your_work(other)
        other.locator(
            "[data-testid='stSidebar'] [data-testid='stFileUploaderDropzoneInput']"
        ).set_input_files(str(saved))
        other.get_by_text("12 problem · 13 fine · 15 not labelled").wait_for()
        wait_idle(other)
        go_to(other, "Exit plan")
        other.get_by_text("1 of 9 steps done").wait_for()
    finally:
        fresh.close()


def test_a_400_day_notice_stays_400_days(server, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url + "/exit_plan")
    page.get_by_role("heading", name="A professional goodbye").wait_for()
    wait_idle(page)
    days = page.get_by_role("spinbutton", name="Notice days")
    days.fill("400")
    days.press("Enter")
    page.get_by_text("(400 days after the announcement)").wait_for()
    wait_idle(page)
    assert days.input_value() == "400"


def test_the_data_pages_csv_reads_back_as_the_same_clients(server, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url)
    page.get_by_role("heading", name="Your clients").wait_for()
    wait_idle(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the table (CSV, safe to open in Excel)").click()
    exported = tmp_path / "my-clients.csv"
    info.value.save_as(exported)
    upload_files(page, exported)
    page.get_by_text("Your data: my-clients.csv").wait_for()
    wait_idle(page)
    assert page.locator("[data-testid='stMetricValue']").first.inner_text() == "40"
    for label, heading in PAGES[1:]:
        go_to(page, label)
        page.get_by_role("heading", name=heading).wait_for()
        wait_idle(page)
        assert page.locator("[data-testid='stException']").count() == 0


@pytest.fixture
def local_server(tmp_path: Path) -> Iterator[Server]:
    """A server that knows it is local (the explicit setting), with its own data folder."""
    store = tmp_path / "store"
    store.mkdir()
    srv = Server(
        tmp_path,
        env={"CLIENT_TRIAGE_LOCALHOST": "1", "CLIENT_TRIAGE_DATA_DIR": str(store)},
    )
    srv.store = store  # type: ignore[attr-defined]
    yield srv
    srv.stop()


def visit_every_page(page, server) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url)
    for label, heading in PAGES:
        go_to(page, label)
        page.get_by_role("heading", name=heading).wait_for()
        wait_idle(page)
        assert page.locator("[data-testid='stException']").count() == 0
        page.get_by_text("could not be read").first.wait_for()


def test_a_damaged_local_save_leaves_every_page_working(local_server, page) -> None:  # type: ignore[no-untyped-def]
    (local_server.store / local_store.FILE_NAME).write_bytes(b"not a database " * 500)
    visit_every_page(page, local_server)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_role("button", name="Set that file aside and start a new one").click()
    # The run the click starts has ended once the warning is gone (mid-rerun the sidebar holds
    # the old "Your work" and the new one; right after the click the app may not be running yet).
    page.get_by_text("could not be read").first.wait_for(state="detached")
    wait_idle(page)
    sidebar.get_by_text("Your work", exact=True).click()
    page.get_by_text("The unreadable file was kept as").wait_for()
    sidebar.get_by_role("button", name="Forget everything").wait_for()
    assert len(list(local_server.store.glob("workspace.sqlite3.unreadable-*"))) == 1


def test_a_locked_local_save_leaves_every_page_working(local_server, page) -> None:  # type: ignore[no-untyped-def]
    database = local_server.store / local_store.FILE_NAME
    with sqlite3.connect(database) as setup:
        setup.execute("CREATE TABLE workspace (data TEXT PRIMARY KEY, saved TEXT, body TEXT)")
        setup.execute("INSERT INTO workspace VALUES ('__enabled__', '', 'yes')")
    holder = sqlite3.connect(database)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        visit_every_page(page, local_server)
    finally:
        holder.rollback()
        holder.close()


def test_a_server_open_to_the_network_never_offers_to_write_files(tmp_path: Path, page) -> None:  # type: ignore[no-untyped-def]
    # Bound to every address, reached as 127.0.0.1: what the browser says about the host is
    # not trusted, so there is no local save.
    server = Server(tmp_path, address="0.0.0.0")
    try:
        page.goto(server.url)
        page.get_by_role("heading", name="Your clients").wait_for()
        wait_idle(page)
        sidebar = page.locator("[data-testid='stSidebar']")
        sidebar.get_by_text("Your work", exact=True).click()
        sidebar.get_by_text("On a shared server nothing is kept").wait_for()
        assert sidebar.get_by_text("Remember on this computer").count() == 0
    finally:
        server.stop()
