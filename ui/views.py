"""Small rendering helpers shared by pages (so no page repeats another's blocks)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from model import classifier, fields, red_flags, scoring
from model.ingest.headers import guess_mapping
from model.scoring import Scoring
from model.tables import field_label
from ui import charts, folds, memo, problem_model, state
from ui.text import plain, t


def plot(figure: go.Figure, **kwargs: object) -> object:
    """``st.plotly_chart`` with the language's number marks (hovers, axes) on every chart."""
    if not charts.is_finished(figure):  # (a finished one has them)
        figure.update_layout(separators=charts.separators(state.lang()))
    return st.plotly_chart(figure, **kwargs)  # type: ignore[call-overload]


def arrow(frame: pd.DataFrame) -> pa.Table:
    """A table as Arrow, the form ``st.dataframe`` sends: converted once when kept with
    ``memo.kept``, not again on every run of a fragment that shows it."""
    return pa.Table.from_pandas(frame, preserve_index=False)


def chart(figure: go.Figure, *, key: str, on_select: Callable[[], None] | None = None) -> None:
    """A full-width chart, its points selectable when ``on_select`` is given."""
    if on_select is None:
        plot(figure, key=key, width="stretch")
    else:
        plot(figure, key=key, on_select=on_select, selection_mode="points", width="stretch")


def chart_numbers(key: str, numbers: Callable[[], pd.DataFrame | pa.Table]) -> None:
    """The table of a chart's numbers, folded away under it and made, sent and drawn only
    while it is open: a row per client (10,000 of them) would otherwise travel with every
    run of its block, and the browser redraw it with every run of any."""
    if folded := folds.fold(t("chart.numbers"), key):
        with folded:
            st.dataframe(numbers(), hide_index=True, width="stretch")


def needs_field(name: str) -> bool:
    """Say which column is missing and what it would show; ``True`` when it is there."""
    if state.dataset().has(name):
        return True
    label = field_label(name, state.lang())
    # The example header is the label itself when the reader takes it for this field (so a
    # Vietnamese user sees a Vietnamese header), else the field's own name.
    example = label if guess_mapping([label]).get(label) == name else name
    st.info(t("empty.needs_field", field=plain(label), column=plain(example)))
    return False


def selected_caption() -> None:
    """Name the client selected anywhere in the app, with a way to clear it."""
    key = state.selected()
    if key is None:
        st.caption(t("selection.none"))
        return
    clients = state.dataset().clients
    name = str(clients.loc[clients[fields.KEY] == key, fields.CLIENT].iloc[0])
    cols = st.columns([4, 1])
    cols[0].success(t("selection.current", client=plain(name)), icon=":material/person_pin:")
    cols[1].button(t("selection.clear"), on_click=state.select, args=(None,))


def flag_weights(clients: pd.DataFrame) -> pd.DataFrame:
    return red_flags.weights_table(clients, state.lang())


def score_table(clients: pd.DataFrame, result: Scoring) -> pd.DataFrame:
    # 10,000 rows of estimates and reasons in words: written once per set of scores.
    return memo.kept(
        "score_table",
        (problem_model.signature(),),
        lambda: scoring.score_table(clients, result, state.lang(), state.dataset().currency),
    )


MODEL_UPLOAD = "model_upload"
MODEL_ERROR = "model_error"


def _restore_model() -> None:
    upload = st.session_state.get(MODEL_UPLOAD)
    if upload is None:
        return
    try:
        state.set_trained_model(classifier.load_model(upload.getvalue()))
        st.session_state[MODEL_ERROR] = None
    except classifier.ModelFileError as exc:
        st.session_state[MODEL_ERROR] = (exc.code, exc.detail)


def model_upload() -> None:
    """Restore a model file (our JSON only; anything else is refused with a reason)."""
    st.file_uploader(t("model.upload"), type=["json"], key=MODEL_UPLOAD, on_change=_restore_model)
    error = st.session_state.get(MODEL_ERROR)
    if error:
        st.error(t(f"model.error.{error[0]}", detail=plain(error[1])))
