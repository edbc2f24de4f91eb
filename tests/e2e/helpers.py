"""Small browser helpers shared by the end-to-end tests."""

from __future__ import annotations

from pathlib import Path


def upload_files(page, *paths: Path) -> None:  # type: ignore[no-untyped-def]
    """Put files in the Data page's uploader (not the sidebar's workspace one)."""
    main = page.locator("[data-testid='stMainBlockContainer']")
    main.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        [str(p) for p in paths]
    )


ROW = 35  # the data editor's header and row height in pixels


def label_second_row(page, label: str) -> None:  # type: ignore[no-untyped-def]
    """Pick ``label`` in the label table's second row ("Your label" follows the 200 px name)."""
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    page.mouse.dblclick(box["x"] + 230, box["y"] + ROW + ROW + ROW / 2)
    page.get_by_role("option", name=label, exact=True).click()
    page.keyboard.press("Enter")


def open_exit_plan_and_tick_the_contract(page, url: str) -> None:  # type: ignore[no-untyped-def]
    """The Exit plan page with its first contract check ticked (1 of 9 steps done)."""
    from tests.e2e.conftest import wait_idle

    page.goto(url + "/exit_plan")
    page.get_by_role("heading", name="A professional goodbye").wait_for()
    wait_idle(page)
    page.get_by_text("Contract (or first emails and documents) read line by line").click()
    page.get_by_text("1 of 9 steps done").wait_for()
    wait_idle(page)
