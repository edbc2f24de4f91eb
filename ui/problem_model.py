"""The problem estimate for the current session: trained once per change of data, labels or
features, and kept in session state (never in a cache shared between users)."""

from __future__ import annotations

import hashlib
import json

import streamlit as st

from model import classifier
from model.classifier import Features
from model.scoring import Scoring, score_clients
from ui import state

CACHE = "scoring_cache"


def candidates() -> Features:
    data = state.dataset()
    return classifier.candidate_features(data.clients, data.numeric_extras, data.categorical_extras)


def chosen_features() -> Features:
    """The user's choice of columns (a setting), limited to what the data has."""
    all_features = candidates()
    chosen = state.setting("model_features", None)
    if chosen is None:
        return all_features
    return Features(
        [c for c in all_features.numeric if c in chosen],
        [c for c in all_features.categorical if c in chosen],
    )


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
    result = score_clients(state.dataset().clients, state.labels(), features, model=restored)
    st.session_state[CACHE] = (signature, result)
    return result
