"""Work kept for this session only, keyed by the data and the options it depends on: a page
switch, a widget elsewhere or a switch back reuses a figure or table instead of building it
again. A few entries per name (the latest), so memory stays bounded; never a cache shared
between users (README promise 1)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import plotly.graph_objects as go
import streamlit as st

from ui import charts, state

T = TypeVar("T")
MEMO = "memo"
KEEP = 4  # entries per name: both sides of a switch, and a step back on a slider
DATA = "__data"  # the data signature the kept entries belong to


def kept(name: str, depends_on: tuple[Any, ...], build: Callable[[], T]) -> T:
    """``build()``, or what it gave last time for the same data, language and ``depends_on``."""
    signature = state.signature()
    key = (signature, state.lang(), depends_on)
    store: dict[str, Any] = st.session_state.setdefault(MEMO, {})
    if store.get(DATA) != signature:  # new data: nothing kept for the old one is used again
        store.clear()
        store[DATA] = signature
    entries: dict[Any, Any] = store.setdefault(name, {})
    if key in entries:
        entries[key] = entries.pop(key)  # most recently used last
        return entries[key]  # type: ignore[no-any-return]
    value = build()
    entries[key] = value
    while len(entries) > KEEP:
        del entries[next(iter(entries))]
    return value


def figure(name: str, depends_on: tuple[Any, ...], build: Callable[[], go.Figure]) -> go.Figure:
    """A chart kept like ``kept``, finished once (``charts.finished``): a rerun that shows it
    again sends it without converting it again."""
    return kept(name, depends_on, lambda: charts.finished(build(), state.lang()))
