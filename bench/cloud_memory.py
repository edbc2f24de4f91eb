"""Peak server memory for Community Cloud (about 1 GB an app): ``python bench/cloud_memory.py``.

Two fresh servers on loopback, each driven in headless Chromium through every page: one with a
~100 MB Toggl export uploaded, one with a 10,000-client list. The server's resident memory
(process and children) is sampled every 50 ms; the bare server's memory after start is the
baseline printed beside each peak.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from imports import write_export  # noqa: E402
from ingest import make_client_list  # noqa: E402

from tests.cloud_check import rss_mb  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402

PAGES = (
    ("Pareto", "Where your time and money go"),
    ("Problem clients", "Which clients are problem clients?"),
    ("Exit plan", "A professional goodbye"),
    ("Data", "Your clients"),
)


class Peak:
    """Samples a process tree's memory in the background; ``peak`` in MB."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_mb(self.pid))
            time.sleep(0.05)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


def drive(upload: Path, label: str) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as home:
        server = Server(Path(home))
        try:
            time.sleep(1)
            start = rss_mb(server.process.pid)
            peak = Peak(server.process.pid)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.set_default_timeout(300_000)
                page.goto(server.url)
                page.get_by_role("heading", name="Your clients").wait_for()
                main = page.locator("[data-testid='stMainBlockContainer']")
                main.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
                    str(upload)
                )
                page.get_by_text(f"Your data: {upload.name}").wait_for()
                idle = "[data-testid='stApp'][data-test-script-state='notRunning']"
                page.wait_for_selector(idle)
                for link, heading in PAGES:
                    page.locator("[data-testid='stSidebar'] a").filter(has_text=link).first.click()
                    page.get_by_role("heading", name=heading).wait_for()
                    page.wait_for_timeout(300)
                    page.wait_for_selector(idle)
                browser.close()
            after = rss_mb(server.process.pid)
            print(
                f"{label}: server {start:.0f} MB at start, peak {peak.stop():.0f} MB, "
                f"{after:.0f} MB after every page"
            )
        finally:
            server.stop()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "toggl_export.csv"
        write_export(export, 950_000)
        drive(export, f"Toggl export of {export.stat().st_size / 1e6:.0f} MB")
        clients = Path(folder) / "clients.csv"
        clients.write_bytes(make_client_list(10_000))
        drive(clients, "10,000-client list")


if __name__ == "__main__":
    main()
