"""Widgets whose values live in one client's exit plan (``state.plan(key)``).

Dates are stored as ISO text so that the plan stays plain JSON for the workspace file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st

from ui import state, widgets


def _to_widget(value: Any, default: Any) -> Any:
    if isinstance(default, date) and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return default
    return default if value is None else value


def _to_store(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _commit(client: str, path: tuple[str, ...], widget_key: str) -> None:
    target = state.plan(client)
    for part in path[:-1]:
        target = target.setdefault(part, {})
    target[path[-1]] = _to_store(st.session_state[widget_key])


def _read(client: str, path: tuple[str, ...]) -> Any:
    target: Any = state.plan(client)
    for part in path:
        if not isinstance(target, dict):
            return None
        target = target.get(part)
    return target


def bound(
    widget: Callable[..., Any], label: str, client: str, path: str, default: Any, **kwargs: Any
) -> Any:
    """Draw ``widget`` for ``path`` (``"checks.read_contract"``) of this client's plan."""
    parts = tuple(path.split("."))
    if widget is st.date_input:
        kwargs.setdefault("format", "DD/MM/YYYY" if state.lang() == "vi" else "YYYY-MM-DD")
    widget_key = f"plan::{client}::{path}"
    value = _to_widget(_read(client, parts), default)
    st.session_state[widget_key] = value if widgets.fits(value, kwargs) else default
    value = widget(
        label, key=widget_key, on_change=_commit, args=(client, parts, widget_key), **kwargs
    )
    if _read(client, parts) is None and value is not None:
        _commit(client, parts, widget_key)  # defaults count as the plan's first values
    return value
