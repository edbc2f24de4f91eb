"""Labelling by clicking the table in a real browser; labels survive a page switch."""

from __future__ import annotations

from tests.e2e.conftest import go_to, wait_idle
from tests.e2e.helpers import label_second_row


def test_label_by_clicking_then_switch_pages_and_find_it_kept(server, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url + "/problem_clients")
    page.get_by_role("heading", name="Which clients are problem clients?").wait_for()
    wait_idle(page)
    page.get_by_text("12 problem · 12 fine · 16 not labelled").wait_for()
    label_second_row(page, "fine")  # a client not labelled yet
    page.get_by_text("12 problem · 13 fine · 15 not labelled").wait_for()
    wait_idle(page)
    go_to(page, "Data")
    page.get_by_role("heading", name="Your clients").wait_for()
    wait_idle(page)
    go_to(page, "Problem clients")
    page.get_by_text("12 problem · 13 fine · 15 not labelled").wait_for()
