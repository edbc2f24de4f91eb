#!/usr/bin/env python3
"""Start Client Triage on this computer: ``python3 run.py`` (Windows: ``py run.py``).

It creates (or reuses) a virtual environment in ``.venv`` beside this file, installs the pinned
``requirements.txt`` into it whenever that file changed, and runs ``streamlit run app.py`` with
any arguments you pass on (``python3 run.py --server.port 8600``). A stock Python that refuses
system-wide installs (PEP 668: Debian, Ubuntu, Fedora, Homebrew) is fine: nothing is installed
outside ``.venv``.

By hand, the same is::

    python3 -m venv .venv
    .venv/bin/python -m pip install -r requirements.txt     # Windows: .venv\\Scripts\\python
    .venv/bin/python -m streamlit run app.py --server.address localhost

The app is served on this computer only (``--server.address localhost``) unless you pass your
own ``--server.address``; only then does it offer "Remember on this computer".
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
REQUIREMENTS = ROOT / "requirements.txt"
STAMP = "client-triage-requirements.sha256"


def venv_python(venv: Path = VENV) -> Path:
    """The interpreter inside ``venv`` on this operating system."""
    if os.name == "nt":
        return venv / "Scripts" / "python.exe"
    return venv / "bin" / "python"


def requirements_digest(path: Path = REQUIREMENTS) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def needs_install(venv: Path = VENV, requirements: Path = REQUIREMENTS) -> bool:
    """True when the venv has never installed this exact ``requirements.txt``."""
    stamp = venv / STAMP
    return not stamp.exists() or stamp.read_text().strip() != requirements_digest(requirements)


def ensure_venv(venv: Path = VENV, requirements: Path = REQUIREMENTS) -> Path:
    """Create or reuse ``venv`` with the pinned requirements; return its Python."""
    python = venv_python(venv)
    if not python.exists():
        print(f"Creating a virtual environment in {venv} …", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    if needs_install(venv, requirements):
        print(f"Installing the pinned packages from {requirements.name} …", flush=True)
        pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        subprocess.run([*pip, "-r", str(requirements)], check=True)
        (venv / STAMP).write_text(requirements_digest(requirements) + "\n")
    return python


def streamlit_command(python: Path, args: list[str]) -> list[str]:
    """``streamlit run app.py`` with the user's arguments; local-only unless they say otherwise."""
    command = [str(python), "-m", "streamlit", "run", str(ROOT / "app.py")]
    if not any(a.startswith("--server.address") for a in args):
        command.append("--server.address=localhost")
    return command + args


def main(args: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py is started by whatever python3 is
        print("Client Triage needs Python 3.11 or newer.", file=sys.stderr)
        return 1
    try:
        python = ensure_venv()
    except subprocess.CalledProcessError as exc:
        print(f"Setting up {VENV} failed (exit {exc.returncode}).", file=sys.stderr)
        return exc.returncode or 1
    try:
        return subprocess.run(streamlit_command(python, args), cwd=ROOT).returncode
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
