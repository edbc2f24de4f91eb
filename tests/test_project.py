"""The project keeps its promises about layout, dependencies, config and sample data."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from model.ingest import load_files
from tests.conftest import ROOT, SAMPLES
from ui.frame import PAGES


def test_every_page_file_is_registered_in_the_navigation() -> None:
    on_disk = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    assert on_disk == {path for path, _title, _icon in PAGES}


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "-r")):
            name, _, version = line.partition("==")
            assert version and re.fullmatch(r"[\w.+-]+", version), f"not an exact pin: {line}"
            pins[canonicalize_name(name)] = version
    return pins


def test_requirements_are_exact_pins_inside_the_pyproject_ranges() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = _pins(ROOT / "requirements.txt")
    test = _pins(ROOT / "requirements-test.txt")
    for spec, pins in [(d, runtime) for d in project["dependencies"]] + [
        (d, {**runtime, **test}) for d in project["optional-dependencies"]["test"]
    ]:
        requirement = Requirement(spec)
        assert "<" in str(requirement.specifier), f"{spec}: no upper bound"
        pinned = pins[canonicalize_name(requirement.name)]
        assert requirement.specifier.contains(pinned), f"{requirement.name}=={pinned} not in {spec}"
    assert not set(runtime) & set(test), "a package pinned in both files"


def test_every_install_reads_the_pinned_files() -> None:
    assert "-r requirements.txt" in (ROOT / "requirements-test.txt").read_text(encoding="utf-8")
    assert '"requirements-test.txt"' in (ROOT / "check.py").read_text(encoding="utf-8")
    assert 'REQUIREMENTS = ROOT / "requirements.txt"' in (ROOT / "run.py").read_text("utf-8")
    assert '"run.py"' in (ROOT / "tests" / "cloud_check.py").read_text(encoding="utf-8")


def test_streamlit_config_is_private_and_safe() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["enableXsrfProtection"] is True
    assert config["client"]["showErrorDetails"] == "none"


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```(?:bash|sh)?\n(.*?)\n```", quick, flags=re.S)
    assert len(commands) == 2
    assert commands[1].strip() in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_tree_names_every_module() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for folder in ("model", "ui", "pages"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name != "__init__.py":
                assert path.name in readme, f"{folder}/{path.name} missing from the README tree"


def test_every_sample_file_loads_without_errors() -> None:
    files = [p for p in SAMPLES.iterdir() if p.suffix in (".csv", ".xlsx", ".txt")]
    assert len(files) >= 4
    for path in files:
        data = load_files([(path.name, path.read_bytes())], {})
        assert len(data.clients) >= 30
        assert not [p for p in data.problems if p.severity == "error"]


def test_model_never_imports_streamlit() -> None:
    for path in (ROOT / "model").rglob("*.py"):
        assert "import streamlit" not in path.read_text(encoding="utf-8"), path


def test_no_unsafe_html_anywhere() -> None:
    for folder in ("pages", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            assert "unsafe_allow_html" not in path.read_text(encoding="utf-8"), path
    assert "unsafe_allow_html" not in (ROOT / "app.py").read_text(encoding="utf-8")


def test_the_only_html_sent_is_the_constant_chart_style() -> None:
    """``st.html`` sends markup as it is: one call, with a constant holding one style rule
    and nothing a user could have written into it."""
    from ui import frame

    calls = [
        (path, line)
        for folder in ("pages", "ui")
        for path in (ROOT / folder).rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if "st.html(" in line
    ]
    assert [(p.name, line.split("#")[0].strip()) for p, line in calls] == [
        ("frame.py", "st.html(CHART_STYLE)")
    ]
    assert re.fullmatch(r"<style>[^<>{}]+\{[^<>{}]+\}</style>", frame.CHART_STYLE)
