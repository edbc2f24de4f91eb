"""run.py, the README's first command: a project venv, reinstalled only when the pins change."""

from __future__ import annotations

from pathlib import Path

import run


def test_a_new_venv_needs_an_install_and_a_stamped_one_does_not(tmp_path: Path) -> None:
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("streamlit==1.67.0\n")
    venv = tmp_path / ".venv"
    venv.mkdir()
    assert run.needs_install(venv, requirements)
    (venv / run.STAMP).write_text(run.requirements_digest(requirements))
    assert not run.needs_install(venv, requirements)


def test_changed_pins_are_installed_again(tmp_path: Path) -> None:
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("streamlit==1.67.0\n")
    venv = tmp_path / ".venv"
    venv.mkdir()
    (venv / run.STAMP).write_text(run.requirements_digest(requirements))
    requirements.write_text("streamlit==1.68.0\n")
    assert run.needs_install(venv, requirements)


def test_the_app_is_served_on_this_computer_only_unless_the_user_says_otherwise() -> None:
    python = Path("/venv/bin/python")
    command = run.streamlit_command(python, ["--server.port=8600"])
    assert command[:4] == [str(python), "-m", "streamlit", "run"]
    assert command[4].endswith("app.py")
    assert "--server.address=localhost" in command and command[-1] == "--server.port=8600"
    chosen = run.streamlit_command(python, ["--server.address", "0.0.0.0"])
    assert "--server.address=localhost" not in chosen and chosen[-1] == "0.0.0.0"


def test_the_launcher_refuses_nothing_for_an_existing_venv_with_these_pins(tmp_path: Path) -> None:
    # The real requirements.txt, stamped: ensure_venv returns the venv's python without pip.
    venv = tmp_path / ".venv"
    python = run.venv_python(venv)
    python.parent.mkdir(parents=True)
    python.write_text("")
    (venv / run.STAMP).write_text(run.requirements_digest())
    assert run.ensure_venv(venv) == python
