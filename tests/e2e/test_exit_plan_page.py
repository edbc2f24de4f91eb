"""Build an exit plan in a real browser and download it."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.conftest import wait_idle
from tests.e2e.helpers import open_exit_plan_and_tick_the_contract


def test_build_a_plan_and_download_it(server, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    open_exit_plan_and_tick_the_contract(page, server.url)
    page.get_by_label("Your name").fill("Minh")
    page.get_by_label("Your name").press("Enter")
    page.get_by_text("Minh", exact=True).first.wait_for()
    wait_idle(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the plan (Markdown)").click()
    target = tmp_path / "plan.md"
    info.value.save_as(target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Exit plan: Blue Heron Studio")
    assert "- [x] Contract (or first emails and documents) read line by line" in text
    assert "They owe you $9,871.25" in text
    assert "> Minh" in text
