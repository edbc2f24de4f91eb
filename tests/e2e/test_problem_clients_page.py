"""Labelling by clicking the table in a real browser; labels survive a page switch."""

from __future__ import annotations

from tests.e2e.conftest import go_to, wait_idle

ROW = 35  # the data editor's header and row height in pixels


def test_label_by_clicking_then_switch_pages_and_find_it_kept(server, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url + "/problem_clients")
    page.get_by_role("heading", name="Which clients are problem clients?").wait_for()
    wait_idle(page)
    page.get_by_text("12 problem · 12 fine · 16 not labelled").wait_for()
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    # Second row (a client not labelled yet), "Your label" column right after the 200 px name.
    page.mouse.dblclick(box["x"] + 230, box["y"] + ROW + ROW + ROW / 2)
    page.get_by_role("option", name="fine", exact=True).click()
    page.keyboard.press("Enter")
    page.get_by_text("12 problem · 13 fine · 15 not labelled").wait_for()
    wait_idle(page)
    go_to(page, "Data")
    page.get_by_role("heading", name="Your clients").wait_for()
    wait_idle(page)
    go_to(page, "Problem clients")
    page.get_by_text("12 problem · 13 fine · 15 not labelled").wait_for()
