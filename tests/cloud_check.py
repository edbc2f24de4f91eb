"""Community Cloud readiness: a fresh virtual environment built only from requirements.txt runs
``streamlit run app.py`` from the repository root, and the app with the sample stays well under
1 GB of memory. ``python -m tests.cloud_check`` (check.py runs it on CI)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT_MB = 1024


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, from /proc."""
    total = 0.0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        status = Path(f"/proc/{p}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
    return total


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        venv = Path(folder) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = str(venv / "bin" / "python")
        subprocess.run(
            [
                python,
                "-m",
                "pip",
                "install",
                "-q",
                "--disable-pip-version-check",
                "-r",
                str(ROOT / "requirements.txt"),
            ],
            check=True,
        )
        port = 8599
        server = subprocess.Popen(
            [
                python,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless=true",
                f"--server.port={port}",
                "--server.address=127.0.0.1",
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health") as r:
                        if r.read() == b"ok":
                            break
                except OSError:
                    time.sleep(0.5)
            else:
                print("cloud check: the app did not start from a requirements.txt-only venv")
                return 1
            from playwright.sync_api import sync_playwright

            from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                for path in ("", "pareto", "problem_clients", "exit_plan"):
                    page.goto(f"http://127.0.0.1:{port}/{path}")
                    page.wait_for_selector("h1", timeout=60_000)
                    page.wait_for_selector(
                        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000
                    )
                browser.close()
            memory = rss_mb(server.pid)
            print(
                f"cloud check: app ran from a requirements.txt-only venv; server RSS "
                f"{memory:.0f} MB after every page (limit {LIMIT_MB} MB)"
            )
            return 0 if memory < LIMIT_MB else 1
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    sys.exit(main())
