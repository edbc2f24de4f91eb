"""Trends in a real browser: an order log's sparkline columns and a red falling arrow on the
Data page, in English and in Vietnamese."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import choose, wait_idle
from tests.e2e.helpers import upload_files
from tests.orders import order_log

WORDS = {
    "en": ("Your clients", "Revenue by month", "Trend"),
    "vi": ("Khách hàng của bạn", "Doanh thu theo tháng", "Xu hướng"),
}


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_an_order_log_shows_sparklines_and_a_red_down_arrow(
    server, page, tmp_path: Path, lang: str
) -> None:  # type: ignore[no-untyped-def]
    heading, sparkline, trend = WORDS[lang]
    data, worsening, _ = order_log()
    path = tmp_path / "orders.csv"
    path.write_bytes(data)
    page.set_viewport_size({"width": 1920, "height": 1000})  # room for the sparkline columns
    page.goto(server.url)
    page.get_by_role("heading", name="Your clients").wait_for()
    wait_idle(page)
    if lang == "vi":
        choose(page, "Language", "Tiếng Việt")
        page.get_by_role("heading", name=heading).wait_for()
        wait_idle(page)
    upload_files(page, path)
    page.get_by_text("orders.csv").first.wait_for()
    wait_idle(page)
    page.get_by_text(heading).first.wait_for()
    # The grid draws on a canvas; its text is in a hidden table for screen readers.
    header = page.locator("th[role='columnheader']").filter(has_text=trend)
    for _ in range(20):  # the table is drawn once it comes into view
        if header.count():
            break
        page.mouse.wheel(0, 2000)
        page.wait_for_timeout(300)
    header.first.wait_for(state="attached")
    page.locator("th[role='columnheader']").filter(has_text=sparkline).first.wait_for(
        state="attached"
    )
    for client in worsening:
        row = page.locator("tr[role='row']").filter(has_text=client).first
        assert "🔴▼" in row.text_content()
