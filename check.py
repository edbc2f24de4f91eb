#!/usr/bin/env python3
"""Install what the checks need, then run them all: ``python3 check.py``.

ruff, ruff format --check, mypy on model/, then pytest (unit, AppTest and the browser tests
in Debian's Chromium, which is installed with apt-get when it is missing); on CI also
tests/cloud_check.py (the README's first command, run.py, in a fresh copy with a Python that
refuses system installs: health endpoint, every page, memory).
Pass pytest arguments after ``--``, e.g. ``python3 check.py -- -k ingest``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")


def run(*command: str) -> None:
    print("$", " ".join(command), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)


def install_python_packages() -> None:
    command = [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    # The pinned files: the app's own requirements.txt (as run.py and Cloud install it) + tools.
    result = subprocess.run([*command, "-r", "requirements-test.txt"], cwd=ROOT)
    if result.returncode != 0 and not os.environ.get("CLIENT_TRIAGE_VENV"):
        # A system Python that refuses pip installs (PEP 668): use a project virtualenv.
        venv = ROOT / ".venv"
        run(sys.executable, "-m", "venv", str(venv))
        python = str(venv / "bin" / "python")
        env = {**os.environ, "CLIENT_TRIAGE_VENV": "1"}
        sys.exit(subprocess.run([python, *sys.argv], cwd=ROOT, env=env).returncode)
    if result.returncode != 0:
        sys.exit(result.returncode)


def install_chromium() -> None:
    if CHROMIUM.exists():
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-q"], check=True, env=env)
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-q", "chromium", "fonts-noto-core"],
        check=True,
        env=env,
    )


def main() -> int:
    pytest_args = sys.argv[sys.argv.index("--") + 1 :] if "--" in sys.argv else []
    install_python_packages()
    install_chromium()
    tool = [sys.executable, "-m"]
    run(*tool, "ruff", "check", ".")
    run(*tool, "ruff", "format", "--check", ".")
    run(*tool, "mypy", "model")
    if shutil.which("chromium") is None and not CHROMIUM.exists():
        print("Chromium is missing; the browser tests cannot run.", file=sys.stderr)
        return 1
    if os.environ.get("CI"):
        # On CI only (it installs the app's packages into a fresh venv): install + Cloud check.
        # Before pytest, so that pytest's summary stays the run's closing line.
        run(*tool, "tests.cloud_check")
    return subprocess.run([*tool, "pytest", *pytest_args], cwd=ROOT).returncode


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode or 1)
