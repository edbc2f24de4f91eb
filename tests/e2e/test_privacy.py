"""The README's promises under "Your data", checked in a real browser against a real server."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.conftest import go_to, wait_idle
from tests.e2e.helpers import upload_files

PAGES = ("Pareto", "Problem clients", "Exit plan", "Data")


def client_file(folder: Path, names: list[str], file_name: str) -> Path:
    rows = "".join(
        f'"{n}",{1000 * (i + 1)},{10 * (i + 1)},{"yes" if i % 2 else "no"}\n'
        for i, n in enumerate(names)
    )
    path = folder / file_name
    path.write_text("Client,Revenue,Hours,Problem\n" + rows, encoding="utf-8")
    return path


def upload(page, path: Path) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("heading", name="Your clients").wait_for()
    wait_idle(page)
    upload_files(page, path)
    page.get_by_text(f"Your data: {path.name}").first.wait_for()
    wait_idle(page)


def test_two_sessions_never_see_each_others_clients(server, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mine = client_file(tmp_path, [f"Alpha Canary {i}" for i in range(12)], "alpha.csv")
    theirs = client_file(tmp_path, [f"Omega Canary {i}" for i in range(12)], "omega.csv")
    pages = []
    for _ in range(2):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(server.url)
        pages.append(page)
    # Both uploads are in flight on the server at the same moment.
    for page in pages:
        page.get_by_role("heading", name="Your clients").wait_for()
        wait_idle(page)
    for page, path in zip(pages, (mine, theirs), strict=True):
        upload_files(page, path)
    for page, own, other in ((pages[0], "alpha", "omega"), (pages[1], "omega", "alpha")):
        page.get_by_text(f"Your data: {own}.csv").first.wait_for()
        wait_idle(page)
        sidebar = page.locator("[data-testid='stSidebar']").inner_text()
        assert f"{own}.csv (12 clients)" in sidebar and other not in sidebar
        for name in PAGES:
            go_to(page, name)
            page.wait_for_timeout(500)
            wait_idle(page)
            html = page.content()
            assert f"{other.title()} Canary" not in html, name
    for page in pages:
        page.context.close()


def test_a_canary_name_is_never_logged_or_written_to_disk(server, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    canary = "Zyxwvut Canary Ltd"
    upload_dir = tmp_path / "outside"  # the upload's own copy lives outside HOME's tree
    upload_dir.mkdir()
    path = client_file(upload_dir, [canary, "Other Client", "Third Client"], "canary.csv")
    before = {p for p in tmp_path.rglob("*") if p.is_file()}
    page.goto(server.url)
    upload(page, path)
    for name in PAGES:
        go_to(page, name)
        page.wait_for_timeout(500)
        wait_idle(page)
    written = [
        p
        for p in tmp_path.rglob("*")
        if p.is_file() and p not in before and upload_dir not in p.parents and p != server.log
    ]
    for new_file in written:
        assert canary.encode() not in new_file.read_bytes(), new_file
    assert canary not in server.log.read_text(errors="replace")


def test_client_names_are_text_never_markup(server, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    names = [
        "<img src=x onerror=alert(1)>",
        ":red[Painted]",
        "$\\href{javascript:alert(1)}{x}$",
        "**Bold Co**",
    ]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url)
    upload(page, client_file(tmp_path, names, "evil.csv"))
    for name in PAGES:
        go_to(page, name)
        page.wait_for_timeout(800)
        wait_idle(page)
        assert page.locator("img[src='x']").count() == 0, name
        assert page.locator("a[href^='javascript']").count() == 0, name
        assert (
            page.locator("[data-testid='stMarkdownContainer'] span[style*='color']")
            .filter(has_text="Painted")
            .count()
            == 0
        ), name
    go_to(page, "Exit plan")
    page.get_by_role("heading", name="A professional goodbye").wait_for()
    wait_idle(page)
    page.get_by_role("combobox", name="Client").first.click()
    page.get_by_role("option", name="<img src=x onerror=alert(1)>").click()
    wait_idle(page)
    page.wait_for_timeout(500)
    assert "&lt;img src=x onerror=alert(1)&gt;" in page.content()
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []
