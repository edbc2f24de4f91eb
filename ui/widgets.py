"""Widgets whose value lives in a plain settings key, so it survives page switches."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from ui import state, workspace_panel

HALF = 480  # px: a slider beside nothing, as wide as half the page (no columns to send)


def fits(value: Any, kwargs: dict[str, Any]) -> bool:
    """Whether a stored value can be shown by a widget drawn with ``kwargs`` (its options and
    range); a value that cannot (from an old or edited workspace) gives way to the default."""
    values = value if isinstance(value, list | tuple) else [value]
    if "options" in kwargs:
        options = list(kwargs["options"])
        return all(v in options for v in values)
    low, high = kwargs.get("min_value"), kwargs.get("max_value")
    numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    return all((low is None or v >= low) and (high is None or v <= high) for v in numbers)


def _commit(name: str, widget_key: str, then: Callable[[], None] | None) -> None:
    value = st.session_state[widget_key]
    state.set_setting(name, list(value) if isinstance(value, tuple) else value)
    if then is not None:
        then()
    # A widget in a fragment reruns only its block, not the sidebar's save: save here.
    workspace_panel.autosave()


def bound(
    widget: Callable[..., Any],
    label: str,
    name: str,
    default: Any,
    *,
    then: Callable[[], None] | None = None,
    **kwargs: Any,
) -> Any:
    """Draw ``widget`` showing setting ``name`` and write every change back to it.

    A widget's own state is dropped when its page is not drawn; the setting is not.
    ``then`` runs after a change is stored (e.g. to re-read the files).
    """
    widget_key = f"w::{name}"
    value = state.setting(name, default)
    if not fits(value, kwargs):
        value = default
    st.session_state[widget_key] = tuple(value) if isinstance(value, list) else value
    return widget(label, key=widget_key, on_change=_commit, args=(name, widget_key, then), **kwargs)


def percent_slider(
    label: str, name: str, default: int, low: int, high: int, *, width: int | str = "stretch"
) -> float:
    """A whole-percent slider bound to a setting; returns the fraction (80 → 0.8)."""
    value = bound(
        st.slider,
        label,
        name,
        default,
        min_value=low,
        max_value=high,
        step=5,
        format="%d%%",
        width=width,
    )
    return float(value) / 100


def selection_callback(chart_key: str) -> Callable[[], None]:
    """``on_select`` for a chart whose points carry client keys in ``customdata``."""

    def select() -> None:
        event = st.session_state.get(chart_key) or {}
        points = (event.get("selection") or {}).get("points") or []
        keys = [p.get("customdata") for p in points if isinstance(p.get("customdata"), str)]
        keys = [k for k in keys if k]
        if keys:
            state.select(keys[0])
            # Charts live in fragments; the whole page (and its other charts) shows the choice.
            st.session_state[SELECTION_MOVED] = True

    return select


SELECTION_MOVED = "selection_moved"


def follow_selection() -> None:
    """First thing in a fragment with a selectable chart: a click on it reruns the whole app,
    so every block (and the selected-client caption) shows the new choice."""
    if st.session_state.pop(SELECTION_MOVED, False):
        st.rerun()
