"""How far to trust the estimate: calibration, events per variable, protected traits left
out, and what a review threshold costs (Problem clients page)."""

from __future__ import annotations

import streamlit as st

from model import uncertainty
from model.classifier import Training
from model.scoring import Scoring, feature_label
from ui import charts, problem_model, state, views, widgets
from ui.text import number, percent, plain, t


def left_out() -> None:
    """Name the columns left out because their header names a protected trait."""
    excluded = problem_model.candidates(include_sensitive=False).excluded
    if not excluded or state.setting("model_features", None) is not None:
        return
    lang = state.lang()
    listed = ", ".join(
        f"{plain(feature_label(c, lang))} ({t(f'trait.{trait}')})" for c, trait in excluded.items()
    )
    st.info(t("trust.left_out", columns=listed), icon=":material/balance:")


def _keep_strongest(model: dict[str, object], keep: int) -> None:
    state.set_setting("model_features", problem_model.strongest(model, keep))


def few_events(training: Training) -> None:
    """Below 10 events per variable: say so, what to do, and offer fewer columns."""
    epv = training.events_per_variable
    if epv is None or epv >= uncertainty.MIN_EVENTS_PER_VARIABLE:
        return
    columns = len(training.model["coefficients"])  # type: ignore[arg-type]
    smaller = int(epv * columns + 0.5)
    keep = max(1, smaller // uncertainty.MIN_EVENTS_PER_VARIABLE)
    st.warning(t("trust.few_events", epv=number(epv, 1), columns=columns, smaller=smaller))
    if keep < len(training.features.all):
        st.button(
            t("trust.keep_strongest", n=keep),
            on_click=_keep_strongest,
            args=(training.model, keep),
        )


def calibration(training: Training) -> None:
    """The reliability chart of the out-of-fold estimates, with its ECE and the Brier score
    against always saying the base rate."""
    found = training.calibration
    if found is None:
        return
    ev = training.evaluation
    st.subheader(t("trust.calibration_title"))
    figure = charts.reliability_chart(
        found.bins,
        title=t("trust.calibration_chart"),
        labels={
            "ideal": t("trust.ideal"),
            "observed": t("trust.observed"),
            "x": t("trust.x"),
            "y": t("trust.y"),
        },
        lang=state.lang(),
    )
    views.plot(figure, key="reliability", width="stretch")
    st.caption(t("trust.ece", ece=percent(found.ece, 1), n=ev.n_labelled))
    if ev.brier_mean >= ev.baseline_brier:
        st.warning(
            t(
                "trust.no_better",
                brier=number(ev.brier_mean, 3),
                base=number(ev.baseline_brier, 3),
                rate=percent(ev.base_rate),
            )
        )


@st.fragment
def threshold(result: Scoring) -> None:
    """ "Review everyone above 60%" with its price: clients flagged, problems caught."""
    training = result.training
    if training is None:
        return
    st.subheader(t("trust.threshold_title"))
    cut = widgets.percent_slider(t("trust.threshold"), "review_threshold", 60, 5, 95)
    flagged, caught = uncertainty.caught(
        cut,
        training.evaluation.out_of_fold,
        result.probability.to_numpy(),
        training.truth,
    )
    st.markdown(
        t(
            "trust.threshold_result",
            cut=percent(cut),
            flagged=percent(flagged),
            n=round(flagged * len(result.probability)),
            caught=percent(caught) if caught is not None else "–",
        )
    )
