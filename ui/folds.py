"""Folded sections drawn only while open.

A folded ``st.expander``'s content is still made, sent and redrawn by the browser with every
run of the page. Tracked (``on_change="rerun"``), an expander tells whether it is open, and a
closed one's content is skipped: opening it reruns the app and draws it.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator


def fold(label: str, key: str) -> DeltaGenerator | None:
    """The expander ``label`` to draw into while it is open; ``None`` while it is closed."""
    folded = st.expander(label, key=key, on_change="rerun")
    return folded if folded.open else None
