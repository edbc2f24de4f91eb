"""Helpers for ``streamlit.testing.v1.AppTest`` runs of the real app."""

from __future__ import annotations

import json
from typing import Any

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def start(page: str | None = None, lang: str = "en") -> AppTest:
    """The app through app.py (and optionally switched to ``page``), with no exception."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    if page:
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at


def open_fold(at: AppTest, key: str) -> AppTest:
    """Open the expander ``key`` whose content is drawn only while open, as a click would.

    AppTest has no click for an expander: its state is set in session state. Right after an
    app's very first run AppTest sends the fold's old state back once, so it is set again
    until it holds."""
    for _ in range(3):
        at.session_state[key] = True
        at.run()
        assert not at.exception, at.exception
        if at.session_state[key]:
            return at
    raise AssertionError(f"the fold {key} did not open")


def texts(at: AppTest) -> str:
    """Everything written on the page, for asserting what a user would read."""
    parts: list[str] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
        "text",
    ):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(parts)


def frames(at: AppTest) -> list[Any]:
    return [d.value for d in at.dataframe]


def figures(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(node.proto.spec) for node in at.get("plotly_chart")]
