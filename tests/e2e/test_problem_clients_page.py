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


def test_a_label_edit_reruns_its_table_and_the_estimates_update_when_asked(server, page) -> None:  # type: ignore[no-untyped-def]
    """An edit reruns the label table alone (a retrain takes seconds with many clients): the
    label and counts show at once, the page says its estimates predate it, one click makes
    them again from every label."""
    page.goto(server.url + "/problem_clients")
    page.get_by_role("heading", name="Which clients are problem clients?").wait_for()
    wait_idle(page)
    page.get_by_text("Measured on clients the model did not see: 24 labels").wait_for()
    label_second_row(page, "fine")
    page.get_by_text("12 problem · 13 fine · 15 not labelled").wait_for()
    page.get_by_text("1 label has changed since the estimates on this page were made.").wait_for()
    wait_idle(page)
    assert page.get_by_text("did not see: 24 labels").count() == 1  # not made again yet
    # A second edit of the same table (its edits kept in it, not a new table each time).
    label_second_row(page, "problem")
    page.get_by_text("13 problem · 12 fine · 15 not labelled").wait_for()
    wait_idle(page)
    page.get_by_role("button", name="Update the estimates").click()
    page.get_by_text("Measured on clients the model did not see: 25 labels").wait_for()
    wait_idle(page)
    assert page.get_by_text("since the estimates on this page were made").count() == 0
    page.get_by_text("13 problem · 12 fine · 15 not labelled").wait_for()
