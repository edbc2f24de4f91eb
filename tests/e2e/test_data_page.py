"""The Data page in a real browser against ``streamlit run``."""

from __future__ import annotations

from tests.conftest import SAMPLES
from tests.e2e.conftest import choose, wait_idle
from tests.e2e.helpers import upload_files


def metric(page, label: str) -> str:  # type: ignore[no-untyped-def]
    box = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    return str(box.locator("[data-testid='stMetricValue']").inner_text())


def test_upload_vietnamese_sample_shows_count_and_vnd_total(server, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url)
    page.get_by_role("heading", name="Your clients").wait_for()
    wait_idle(page)
    choose(page, "Language", "Tiếng Việt")
    page.get_by_role("heading", name="Khách hàng của bạn").wait_for()
    wait_idle(page)
    upload_files(page, SAMPLES / "khach_hang.csv")
    page.get_by_text("Dữ liệu của bạn: khach_hang.csv").wait_for()
    wait_idle(page)
    assert metric(page, "Khách hàng") == "40"
    total = metric(page, "Doanh thu")  # billions of dong, shortened to fit the card
    assert total.endswith(" tỷ ₫") and "," in total
    box = page.locator("[data-testid='stMetric']").filter(has_text="Doanh thu").first
    box.locator("[data-testid='stTooltipHoverTarget']").first.hover()
    exact = page.locator("[data-testid='stTooltipContent']").first
    exact.wait_for()
    assert exact.inner_text().strip().endswith(" ₫") and exact.inner_text().count(".") >= 3


def test_a_page_url_as_the_very_first_request_renders_the_whole_frame(server, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url + "/data")
    page.get_by_role("heading", name="Your clients").wait_for()
    wait_idle(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("Language", exact=True).wait_for()
    sidebar.get_by_text("Sample data: 40 made-up clients").wait_for()
    for name in ("Data", "Pareto", "Problem clients"):
        sidebar.locator("a").filter(has_text=name).first.wait_for()
    assert page.locator("[data-testid='stMetricValue']").first.inner_text() == "40"


def test_time_export_plus_invoice_list_give_the_joined_table(server, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url)
    page.get_by_role("heading", name="Your clients").wait_for()
    wait_idle(page)
    upload_files(page, SAMPLES / "toggl_time_entries.csv", SAMPLES / "invoices.csv")
    page.get_by_text("Toggl Track detailed export, 1,898 rows").wait_for()
    page.get_by_text("invoice list, 480 rows").wait_for()
    wait_idle(page)
    assert metric(page, "Clients") == "40"
    assert metric(page, "Hours") == "4,022.7 h"
    assert metric(page, "Revenue").startswith("$227,1")


def test_a_browser_in_hanoi_judges_a_utc_time_log_in_hanoi_hours(server, browser, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The working hours' time zone defaults to the browser's (``st.context.timezone``): a
    start at 01:30 UTC is 08:30 in Hanoi, in hours, with nothing set by hand."""
    import csv
    import io

    from tests.test_time_log import UTC_LOG

    context = browser.new_context(
        viewport={"width": 1400, "height": 1000},
        accept_downloads=True,
        timezone_id="Asia/Ho_Chi_Minh",
    )
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(server.url)
        page.get_by_role("heading", name="Your clients").wait_for()
        wait_idle(page)
        log = tmp_path / "log.csv"
        log.write_bytes(UTC_LOG)
        upload_files(page, log)
        page.get_by_text("Your data: log.csv").wait_for()
        wait_idle(page)
        with page.expect_download() as info:
            page.get_by_role("button", name="Download the table (CSV").click()
        rows = csv.DictReader(io.StringIO(info.value.path().read_text(encoding="utf-8-sig")))
        shares = {row["client"]: float(row["after_hours_share"]) for row in rows}
        assert shares["Acme"] == 0.4  # 20:00 in Hanoi is the only hour after hours
        sidebar = page.locator("[data-testid='stSidebar']")
        sidebar.get_by_text("Time and invoice exports", exact=True).click()
        zone = sidebar.get_by_role("combobox", name="Time zone of your working hours")
        zone.wait_for()
        # Chromium names Hanoi's zone by its older alias; both are the same zone.
        assert zone.input_value() in ("Asia/Ho_Chi_Minh", "Asia/Saigon")
    finally:
        context.close()
