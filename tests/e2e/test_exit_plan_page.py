"""Build an exit plan in a real browser and download it."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.conftest import wait_idle


def test_build_a_plan_and_download_it(server, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url + "/exit_plan")
    page.get_by_role("heading", name="A professional goodbye").wait_for()
    wait_idle(page)
    page.get_by_text("Contract (or first emails and documents) read line by line").click()
    page.get_by_text("1 of 9 steps done").wait_for()
    wait_idle(page)
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
