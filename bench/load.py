"""Many sessions at once on one server: ``python bench/load.py [--sessions 20] [--seconds 60]``.

Each session (a Chromium context) uploads its own client list, then keeps switching pages —
the Problem clients page trains a model — for the given time. Prints errors seen, whether any
session ever saw another's clients, and the server's memory before, at peak and after they
leave. Loopback only; bounded in sessions and time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright

from tests.cloud_check import rss_mb
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Server
from tests.e2e.helpers import upload_files

PAGES = ("Pareto", "Problem clients", "Exit plan", "Data")
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def client_list(folder: Path, session: int) -> Path:
    path = folder / f"session{session}.csv"
    rows = "".join(
        f"Session{session} Client {i},{1000 + 37 * i},{5 + i % 40},{'yes' if i % 3 == 0 else 'no'},"
        f"{i % 50},{i % 9}\n"
        for i in range(60)
    )
    path.write_text("Client,Revenue,Hours,Problem,Days late,Revisions\n" + rows, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--settle", type=int, default=10, help="seconds to wait after leaving")
    args = parser.parse_args()
    sessions = min(args.sessions, 40)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        server = Server(home)
        try:
            cold_mb = rss_mb(server.process.pid)
            errors, leaks, actions = 0, 0, 0
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                # One warm-up visit of every page, so libraries are imported before "start".
                warm = browser.new_context().new_page()
                warm.goto(server.url)
                for name in PAGES:
                    warm.wait_for_selector(IDLE)
                    warm.locator("[data-testid='stSidebar'] a").filter(has_text=name).first.click()
                    warm.wait_for_timeout(500)
                    warm.wait_for_selector(IDLE)
                warm.context.close()
                time.sleep(5)
                start_mb = rss_mb(server.process.pid)
                peak = start_mb
                pages = []
                for _ in range(sessions):
                    page = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
                    page.set_default_timeout(120_000)
                    page.goto(server.url)
                    pages.append(page)
                for n, page in enumerate(pages):
                    page.get_by_role("heading", name="Your clients").wait_for()
                    page.wait_for_selector(IDLE)
                    upload_files(page, client_list(home, n))
                for page in pages:
                    page.get_by_text("Your data:").first.wait_for()
                deadline = time.monotonic() + args.seconds
                step = 0
                while time.monotonic() < deadline:
                    name = PAGES[step % len(PAGES)]
                    for page in pages:  # every session asks at once ...
                        page.locator("[data-testid='stSidebar'] a").filter(
                            has_text=name
                        ).first.click()
                    for n, page in enumerate(pages):  # ... then each answer is checked
                        page.wait_for_timeout(300)
                        page.wait_for_selector(IDLE)
                        html = page.content()
                        errors += page.locator("[data-testid='stException']").count()
                        leaks += sum(
                            f"Session{m} Client" in html for m in range(sessions) if m != n
                        )
                        actions += 1
                    peak = max(peak, rss_mb(server.process.pid))
                    step += 1
                for page in pages:
                    page.context.close()
                browser.close()
            time.sleep(min(args.settle, 600))
            after = rss_mb(server.process.pid)
        finally:
            server.stop()
    print(
        f"{sessions} sessions for {args.seconds} s: {actions} page visits, {errors} errors, "
        f"{leaks} views with another session's clients"
    )
    print(
        f"server memory: {cold_mb:.0f} MB cold, {start_mb:.0f} MB after one warm-up session, "
        f"{peak:.0f} MB at peak, {after:.0f} MB "
        f"{args.settle} s after every session left"
    )


if __name__ == "__main__":
    main()
