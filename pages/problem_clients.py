"""Problem clients: label past clients; a model learns from them; honest scores and reasons."""

import json

import streamlit as st

from model import classifier, fields
from model.scoring import feature_label, ranked
from model.tables import labelling_view
from ui import (
    charts,
    dated,
    frame,
    labelling,
    problem_model,
    state,
    trust,
    views,
    whatif,
    widgets,
    workspace_panel,
)
from ui.text import bound, number, percent, plain, t

frame.page("problems.title")
labelling.apply_pending_edits()
data = state.dataset()
clients = data.clients
lang = state.lang()
tr = bound()
result = problem_model.current()

st.subheader(t("problems.label_title"))
st.caption(t("problems.label_help"))


@st.fragment
def label_table() -> None:
    """Find, label and count clients: an edit reruns this block only (stored, counted,
    saved). The estimates are made again when the user asks, once, not with every click:
    retraining takes seconds with a thousand clients."""
    if labelling.store_pending_edits():
        workspace_panel.autosave()
    shown = problem_model.on_screen()
    labels = classifier.labels_for(clients, state.labels())
    cols = st.columns([2, 1])
    query = cols[0].text_input(t("problems.find"), key="label_query")
    show = cols[1].selectbox(
        t("problems.show"),
        ["all", "unknown", "problem", "fine"],
        format_func=lambda v: tr(f"problems.show.{v}"),
        key="label_show",
    )
    view = labelling.view_for(
        (query, show),
        shown,
        lambda: labelling_view(clients, labels, shown.probability, query=query, show=show),
    )
    labelling.editor(view)
    problem, fine = classifier.label_counts(labels)
    unknown = len(clients) - problem - fine
    st.caption(t("problems.counts", problem=problem, fine=fine, unknown=unknown))
    changed = int((labels.fillna(-1) != shown.labels.fillna(-1)).sum())
    if changed and state.trained_model() is None:
        st.info(t("problems.stale", n=changed), icon=":material/update:")
        if st.button(t("problems.update"), type="primary"):
            st.rerun()  # the whole page: the estimates are made again from every label


label_table()
need_problem, need_fine = classifier.labels_needed(result.labels)

with st.expander(t("problems.features")):
    options = problem_model.candidates().all  # protected traits offered, not chosen
    widgets.bound(
        st.multiselect,
        t("problems.features_pick"),
        "model_features",
        problem_model.chosen_features().all,
        options=options,
        format_func=lambda c: feature_label(c, lang),
    )
    if problem_model.model_input()[1]:
        st.caption(t("problems.trend_features"))
trust.left_out()

if result.model_missing:
    st.warning(t("problems.restored_unusable", columns=plain(", ".join(result.model_missing))))
    st.button(t("problems.forget_model"), on_click=state.set_trained_model, args=(None,))
if state.trained_model() is not None and not result.model_missing:
    st.info(t("problems.restored"))
    st.button(t("problems.forget_model"), on_click=state.set_trained_model, args=(None,))
elif result.kind == "red_flags":
    st.warning(t("problems.need_labels", problem=need_problem, fine=need_fine))
    st.subheader(t("flags.title"))
    st.caption(t("flags.explain"))
    st.dataframe(views.flag_weights(clients), hide_index=True, width="stretch")
else:
    ev = result.training.evaluation  # type: ignore[union-attr]
    st.subheader(t("eval.title"))
    m = st.columns(4)
    m[0].metric(t("eval.auc"), f"{number(ev.roc_auc_mean, 2)} ± {number(ev.roc_auc_sd, 2)}")
    m[1].metric(t("eval.red_auc"), number(ev.red_flag_auc_mean, 2) if ev.red_flag_auc_mean else "–")
    m[2].metric(
        t("eval.ap"),
        number(ev.average_precision_mean, 2),
        help=t("eval.ap_help", base=number(ev.base_rate, 2)),
    )
    m[3].metric(
        t("eval.brier"),
        number(ev.brier_mean, 3),
        help=t("eval.brier_help", base=number(ev.baseline_brier, 3)),
    )
    st.caption(
        t(
            "eval.explain",
            n=ev.n_labelled,
            folds=ev.folds,
            repeats=ev.repeats,
            base=percent(ev.base_rate),
            brier_base=number(ev.baseline_brier, 3),
        )
    )
    if ev.roc_auc_sd >= 0.1 or ev.n_labelled < 50:
        st.warning(t("eval.thin", n=ev.n_labelled, spread=number(2 * ev.roc_auc_sd, 1)))
    trust.few_events(result.training)  # type: ignore[arg-type]
    trust.calibration(result.training)  # type: ignore[arg-type]

st.subheader(t("scores.title"))
st.caption(t(f"scores.kind.{result.kind}"))
ranked_keys = ranked(clients, result)[fields.KEY].astype(str).tolist()
scores, trend_columns = dated.with_trends(views.score_table(clients, result), ranked_keys)
st.dataframe(scores, hide_index=True, width="stretch", column_config=trend_columns)
trust.threshold(result)
dated.getting_worse()


def what_if_client(most_likely: str) -> str:
    """The client whose numbers the what-if moves: a list of every client, so choosing one
    reruns the page (inside the fragment it would be sent again on each move)."""
    st.subheader(t("whatif.title"))
    keys = data.keys
    names = data.names
    default = state.selected() or most_likely
    return str(
        st.selectbox(
            t("whatif.client"),
            keys,
            index=keys.index(default),
            format_func=names.__getitem__,
            key="whatif_client",
        )
    )


@st.fragment
def what_if(model: dict[str, object], pick: str) -> None:
    """Move one client's numbers and see its estimate move: reruns only this block."""
    whatif.render(model, problem_model.model_input()[0], pick)


model = state.trained_model() or (result.training.model if result.training else None)
if model is not None:
    st.subheader(t("factors.title"))
    factors = classifier.factors(model)
    views.plot(
        charts.factor_chart(
            factors, lang=lang, labels={"title": t("factors.chart_title"), "x": t("factors.x")}
        ),
        key="factors",
        width="stretch",
    )
    st.caption(t("factors.explain"))
    what_if(model, what_if_client(ranked(clients, result)[fields.KEY].iloc[0]))
    st.download_button(
        t("model.download"),
        data=json.dumps(model, indent=2),
        file_name="client-triage-model.json",
        mime="application/json",
        on_click="ignore",
    )
views.model_upload()
