"""Install and Cloud readiness: the README's first command (``python3 run.py``), run in a fresh
copy of the repository with a Python that refuses system-wide installs (Debian's own
``/usr/bin/python3`` when it has the PEP 668 marker), builds its venv from the pinned
requirements.txt alone, answers on the health endpoint, serves every page, and stays well under
Community Cloud's 1 GB. ``python -m tests.cloud_check`` (check.py runs it on CI)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT_MB = 1024
DEBIAN_PYTHON = Path("/usr/bin/python3")


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, from /proc."""
    total = 0.0
    pids = [pid]
    while pids:
        p = pids.pop()
        # A thread or process can end between listing and reading it (the server's worker
        # threads come and go): what is gone holds no memory.
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            for task in Path(f"/proc/{p}/task").glob("*/children"):
                with contextlib.suppress(FileNotFoundError, ProcessLookupError):
                    pids += [int(c) for c in task.read_text().split()]
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
    return total


def refuses_system_installs(python: Path) -> bool:
    """PEP 668: the interpreter's stdlib folder holds an EXTERNALLY-MANAGED marker."""
    if not python.exists():
        return False
    stdlib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return (Path(stdlib) / "EXTERNALLY-MANAGED").exists()


def fresh_copy(target: Path) -> None:
    """The files a fresh clone has (tracked, plus new ones git does not ignore)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for name in listed:
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def wait_healthy(port: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health") as r:
                if r.read() == b"ok":
                    return True
        except OSError:
            time.sleep(1)
    return False


def main() -> int:
    python = DEBIAN_PYTHON if refuses_system_installs(DEBIAN_PYTHON) else Path(sys.executable)
    print(
        f"cloud check: python3 run.py with {python} (refuses system installs: "
        f"{refuses_system_installs(python)}; this one: {sysconfig.get_path('stdlib')})"
    )
    with tempfile.TemporaryDirectory() as folder:
        clone = Path(folder) / "client-triage"
        fresh_copy(clone)
        port = 8599
        server = subprocess.Popen(
            [str(python), "run.py", "--server.headless=true", f"--server.port={port}"],
            cwd=clone,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # run.py starts streamlit as a child: stop both together
        )
        try:
            if not wait_healthy(port, 900):
                print("cloud check: `python3 run.py` did not bring the app up")
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
                f"cloud check: the app ran from run.py's venv (pinned requirements.txt only); "
                f"server RSS {memory:.0f} MB after every page (limit {LIMIT_MB} MB)"
            )
            return 0 if memory < LIMIT_MB else 1
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
