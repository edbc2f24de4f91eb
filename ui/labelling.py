"""The labelling table: edits come back by row position and are stored by client key.

Feeding an editor's output back as its input loses edits (streamlit #7749), so the table is
always drawn from stored labels. Within the table's own reruns its input and key stay the same
and its edits are stored each time (storing twice is harmless); a full run (or a new search or
filter) stores them, then gives the editor a new key (which resets it) and a fresh input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from model import fields
from model.tables import LABEL_CHOICES, field_label
from ui import state
from ui.text import bound, t

VERSION = "label_editor_version"
VIEW_KEYS = "label_editor_keys"  # client keys in the order the editor shows them
VIEW = "label_editor_view"  # (editor key, (search, filter), scores, the editor's input)


def editor_key() -> str:
    return f"label_editor_{st.session_state.get(VERSION, 0)}"


def commit(
    edited_rows: dict[Any, dict[str, Any]], shown_keys: list[str], labels: dict[str, str]
) -> int:
    """Store edited labels by client key; returns how many changed. Pure, for unit tests."""
    changed = 0
    for position, change in edited_rows.items():
        pos = int(position)
        if "label" not in change or not 0 <= pos < len(shown_keys):
            continue
        value = change["label"] if change["label"] in LABEL_CHOICES else "unknown"
        if labels.get(shown_keys[pos]) != value:
            labels[shown_keys[pos]] = value
            changed += 1
    return changed


def apply_pending_edits() -> None:
    """Call before drawing anything that depends on labels: the edits are stored and the
    table starts afresh (a new key) from the stored labels."""
    if store_pending_edits():
        del st.session_state[editor_key()]
        st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1


def store_pending_edits() -> bool:
    """Store the table's edits and keep them in the table too (storing again is harmless):
    the label table's own rerun shows the same table with its edits, not a new one, which
    the browser would build again at the top of its rows (losing the user's scroll and the
    open cell). Whether there were edits."""
    pending = st.session_state.get(editor_key())
    if not isinstance(pending, dict) or not pending.get("edited_rows"):
        return False
    commit(pending["edited_rows"], st.session_state.get(VIEW_KEYS, []), state.labels())
    return True


def view_for(
    choice: tuple[str, str], scores: object, build: Callable[[], pd.DataFrame]
) -> pd.DataFrame:
    """The table's input for this search and filter and these scores: the same frame as long
    as the editor keeps its key (its edits are row positions in it); built again for a new
    key, choice or scores. A new choice with edits pending starts a new table (the edits are
    stored first)."""
    kept = st.session_state.get(VIEW)
    same_table = kept is not None and kept[0] == editor_key()
    if same_table and kept[1] == choice and kept[2] is scores:
        return kept[3]  # type: ignore[no-any-return]
    if same_table and kept[1] != choice:
        apply_pending_edits()  # the search or filter changed: a new table
    view = build()
    st.session_state[VIEW] = (editor_key(), choice, scores, view)
    return view


def editor(view: pd.DataFrame) -> None:
    """The table itself: only the label column can be changed."""
    st.session_state[VIEW_KEYS] = view[fields.KEY].tolist()
    lang = state.lang()
    tr = bound()
    shown = view.drop(columns=[fields.KEY])
    config: dict[str, Any] = {
        fields.CLIENT: st.column_config.TextColumn(
            field_label(fields.CLIENT, lang), width="medium"
        ),
        "label": st.column_config.SelectboxColumn(
            t("label.column"),
            options=list(LABEL_CHOICES),
            width="small",
            required=True,
            help=t("label.help"),
            format_func=lambda v: tr(f"label.{v}"),
        ),
        "estimate": st.column_config.ProgressColumn(
            t("label.estimate"), min_value=0, max_value=100, format="%d%%"
        ),
    }
    # printf formats only group with commas; Vietnamese takes the browser's own number style.
    style = "%,.1f" if lang == "en" else "localized"
    for column in shown.columns[3:]:
        config[column] = st.column_config.NumberColumn(field_label(column, lang), format=style)
    st.data_editor(
        shown,
        key=editor_key(),
        column_config=config,
        disabled=[c for c in shown.columns if c != "label"],
        hide_index=True,
        num_rows="fixed",
        width="stretch",
    )
