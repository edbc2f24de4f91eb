#!/usr/bin/env python3
"""Move the pins: ``python3 pin.py`` rewrites requirements.txt and requirements-test.txt.

It installs the ranges of ``pyproject.toml`` (newest versions they allow) into two fresh virtual
environments and writes what each one holds, exactly. Commit the two files only after
``python3 check.py`` passes with them: CI tests exactly these versions, and Community Cloud,
``run.py`` and ``check.py`` install nothing else.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent
RUNTIME_HEADER = """\
# Exact versions that CI tested, dependencies included. Streamlit Community Cloud reads this
# file; run.py and check.py install it too. pyproject.toml keeps the ranges; to move the pins,
# run `python3 pin.py` and let CI pass before you merge (README, "Upgrading the pins").
"""
TEST_HEADER = """\
# The test tools, pinned like requirements.txt (check.py installs both; `python3 pin.py` writes it).
-r requirements.txt
"""


def frozen(packages: list[str]) -> list[str]:
    """``pip freeze`` of a fresh venv holding ``packages`` and what they need."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "venv", folder], check=True)
        python = str(
            Path(folder) / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
        )
        pip = [python, "-m", "pip", "--disable-pip-version-check"]
        subprocess.run([*pip, "install", "-q", *packages], check=True)
        out = subprocess.run([*pip, "freeze"], check=True, capture_output=True, text=True).stdout
    return sorted(out.split(), key=str.lower)


def name(pin: str) -> str:
    return pin.split("==")[0].lower().replace("_", "-")


def main() -> int:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = frozen(project["dependencies"])
    test = frozen([*runtime, *project["optional-dependencies"]["test"]])
    runtime_names = {name(p) for p in runtime}
    (ROOT / "requirements.txt").write_text(RUNTIME_HEADER + "".join(p + "\n" for p in runtime))
    extra = [p for p in test if name(p) not in runtime_names]
    (ROOT / "requirements-test.txt").write_text(TEST_HEADER + "".join(p + "\n" for p in extra))
    print(f"requirements.txt: {len(runtime)} pins; requirements-test.txt: {len(extra)} more")
    return 0


if __name__ == "__main__":
    sys.exit(main())
