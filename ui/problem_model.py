"""The problem estimate for the current session: trained once per change of data, labels or
features, and kept in session state (never in a cache shared between users)."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import streamlit as st

from model import classifier, trends
from model.classifier import Features
from model.scoring import Scoring, score_clients
from ui import dated, memo, state

CACHE = "scoring_cache"


def model_input() -> tuple[pd.DataFrame, list[str]]:
    """The client table the model reads (the file's columns and each client's trend slopes)
    and the names of the trend columns."""
    data = state.dataset()
    return memo.kept(
        "model_input",
        (),
        lambda: trends.with_features(data.clients, data.keys, dated.current().trends),
    )


def candidates(*, include_sensitive: bool = True, include_trends: bool = True) -> Features:
    """Every column the model may use; by default the protected traits and trends too
    (offered, not chosen: see ``chosen_features``)."""
    data = state.dataset()
    frame, trend_columns = model_input()
    return classifier.candidate_features(
        frame,
        [*data.numeric_extras, *(trend_columns if include_trends else [])],
        data.categorical_extras,
        include_sensitive=include_sensitive,
    )


def chosen_features() -> Features:
    """The user's choice of columns (a setting), limited to what the data has; without a
    choice, every column but trends and those naming a protected trait."""
    chosen = state.setting("model_features", None)
    if chosen is None:
        return candidates(include_sensitive=False, include_trends=False)
    all_features = candidates()
    return Features(
        [c for c in all_features.numeric if c in chosen],
        [c for c in all_features.categorical if c in chosen],
    )


def strongest(model: dict[str, object], keep: int) -> list[str]:
    """The ``keep`` columns with the largest weights (a one-hot column counts by its
    strongest category)."""
    factors = classifier.factors(model)
    weight: dict[str, float] = {}
    for name, coefficient in zip(factors["feature"], factors["coefficient"], strict=True):
        column = str(name).partition(" = ")[0]
        weight[column] = max(weight.get(column, 0.0), abs(float(coefficient)))
    return sorted(weight, key=lambda c: -weight[c])[: max(1, keep)]


def current() -> Scoring:
    """Scores for every client; recomputed only when what they depend on changes."""
    features = chosen_features()
    restored = state.trained_model()
    signature = hashlib.sha256(
        json.dumps(
            [state.signature(), sorted(state.labels().items()), features.all, restored],
            default=str,
        ).encode()
    ).hexdigest()
    cached = st.session_state.get(CACHE)
    if cached and cached[0] == signature:
        return cached[1]  # type: ignore[no-any-return]
    result = score_clients(model_input()[0], state.labels(), features, model=restored)
    st.session_state[CACHE] = (signature, result)
    return result


def on_screen() -> Scoring:
    """The scores last made in this session, not made again: what the label table's own
    rerun shows until the user asks for an update (retraining takes seconds)."""
    cached = st.session_state.get(CACHE)
    return cached[1] if cached else current()  # type: ignore[no-any-return]


def signature() -> str:
    """What the current scores were computed from (for keeping what is drawn from them)."""
    current()
    return str(st.session_state[CACHE][0])
