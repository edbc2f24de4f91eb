"""The Pareto page in a real browser: the headline, and clicking a bar selects a client."""

from __future__ import annotations

from tests.e2e.conftest import go_to, wait_idle


def test_headline_and_click_a_bar_to_select_a_client(server, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url + "/pareto")
    page.get_by_role("heading", name="Where your time and money go").wait_for()
    wait_idle(page)
    assert page.get_by_text("8 clients (20%) bring").is_visible()
    chart = page.locator("[data-testid='stPlotlyChart']").first
    chart.scroll_into_view_if_needed()
    bar = chart.locator(".barlayer .point path").nth(1)
    bar.wait_for()
    box = bar.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] - 3)
    page.get_by_text("Selected client: Blue Heron Studio").wait_for()
    wait_idle(page)
    # The selection is kept when going to another page and back.
    go_to(page, "Data")
    page.get_by_role("heading", name="Your clients").wait_for()
    go_to(page, "Pareto")
    page.get_by_text("Selected client: Blue Heron Studio").wait_for()
