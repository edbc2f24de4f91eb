"""What-if for one client: move its numbers, see the estimate move."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from model import classifier, fields
from model.scoring import feature_label
from ui import state
from ui.text import percent, plain, t


def render(model: dict[str, object], clients: pd.DataFrame, key: str) -> None:
    row = clients[clients[fields.KEY] == key]
    if row.empty:
        return
    numeric = classifier.model_features(model).numeric
    cols = st.columns(3)
    moved = {}
    values = row.iloc[0]  # (one row read once, not a column lookup per input)
    for i, column in enumerate(numeric):
        current = values.get(column, float("nan"))
        start = 0.0 if pd.isna(current) else float(current)
        with cols[i % 3]:
            moved[column] = st.number_input(
                plain(feature_label(column, state.lang())),  # a header is text, never markup
                value=start,
                key=f"whatif::{key}::{column}",
            )
    # Before and after in one pass through the model (each pass reads every column again).
    before, after = (
        float(p) for p in classifier.predict(model, pd.concat([row, row.assign(**moved)]))
    )
    st.metric(
        t("whatif.estimate"),
        percent(after),
        delta=t("whatif.delta", points=f"{(after - before) * 100:+.0f}"),
        delta_color="inverse",
    )
