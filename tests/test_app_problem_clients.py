"""The Problem clients page through AppTest: labels, training, guard messages, what-if."""

from __future__ import annotations

import json

import pytest

from model import classifier
from tests.apptest import start, texts
from tests.conftest import INPUTS
from ui import labelling

PAGE = "pages/problem_clients.py"


def test_trains_on_the_sample_labels_and_shows_an_honest_evaluation() -> None:
    at = start(PAGE)
    metrics = {m.label: m.value for m in at.metric}
    auc, spread = metrics["ROC AUC (mean ± spread)"].split(" ± ")
    assert 0.5 < float(auc) <= 1 and float(spread) > 0
    assert "Red flags' AUC, same folds" in metrics
    assert "With 24 labels this estimate could be off" in texts(at)
    scores = next(d.value for d in at.dataframe if "Top reasons" in d.value.columns)
    assert list(scores.columns) == ["Rank", "Client", "Estimate", "Your label", "Top reasons"]
    assert scores["Top reasons"].iloc[0].count("points") >= 1


def test_injected_label_edits_are_stored_by_client_key_and_retrain() -> None:
    at = start(PAGE)
    shown = at.session_state[labelling.VIEW_KEYS]
    editor = labelling.editor_key()
    at.session_state[editor] = {
        "edited_rows": {0: {"label": "fine"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert at.session_state["labels"] == {shown[0]: "fine"}
    assert "12 problem · 12 fine" not in texts(at)  # the counts moved
    # Page switch and back: the label is still there.
    at.switch_page("pages/data.py").run()
    at.switch_page(PAGE).run()
    assert at.session_state["labels"] == {shown[0]: "fine"}


def test_too_few_labels_say_how_many_more_of_which_kind() -> None:
    at = start()
    at.file_uploader[0].set_value(("u.csv", (INPUTS / "utf8.csv").read_bytes(), "text/csv")).run()
    at.switch_page(PAGE).run()
    assert not at.exception
    warning = " ".join(w.value for w in at.warning)
    assert "label 4 more problem client(s) and 4 more fine client(s)" in warning
    assert "Red-flag score" in texts(at)


def test_what_if_moves_the_estimate() -> None:
    at = start(PAGE)
    before = {m.label: m.value for m in at.metric}["Estimate with these numbers"]
    client = at.selectbox(key="whatif_client").value
    at.number_input(key=f"whatif::{client}::revisions").set_value(0.0).run()
    at.number_input(key=f"whatif::{client}::scope_changes").set_value(0.0).run()
    at.number_input(key=f"whatif::{client}::days_late").set_value(0.0).run()
    after = {m.label: m.value for m in at.metric}["Estimate with these numbers"]
    assert int(after.rstrip("%")) < int(before.rstrip("%"))


def test_vietnamese_page() -> None:
    at = start(PAGE, lang="vi")
    assert at.title[0].value == "Đâu là những khách hàng có vấn đề?"
    assert "Mô hình tốt đến đâu?" in texts(at)


def test_restoring_a_pickle_is_refused_and_a_model_file_is_used() -> None:
    import pickle

    at = start(PAGE)
    at.file_uploader(key="model_upload").set_value(
        ("m.json", pickle.dumps({"x": 1}), "application/json")
    ).run()
    assert "pickle file" in at.error[0].value
    assert "model" not in at.session_state or at.session_state["model"] is None
    model = at.session_state["scoring_cache"][1].training.model
    at.file_uploader(key="model_upload").set_value(
        ("m.json", json.dumps(model).encode(), "application/json")
    ).run()
    assert classifier.validate_model(at.session_state["model"]) == model
    assert "restored from a file" in texts(at)


@pytest.mark.parametrize(("lang", "style"), [("en", "%,.1f"), ("vi", "localized")])
def test_label_table_numbers_are_grouped_in_the_users_style(lang: str, style: str) -> None:
    at = start("pages/problem_clients.py", lang=lang)
    editor = next(d for d in at.dataframe if d.proto.editing_mode)
    config = json.loads(editor.proto.columns)
    formats = {c.get("type_config", {}).get("format") for c in config.values()}
    assert style in formats
