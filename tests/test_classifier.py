"""The logistic model: guards, honest evaluation, reasons, and JSON that round-trips exactly."""

from __future__ import annotations

import json
import pickle

import numpy as np
import pandas as pd
import pytest

from model import classifier, fields, scoring
from model.classifier import Features, ModelFileError
from model.ingest import load_files
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    data = load_files([("clients.csv", (SAMPLES / "clients.csv").read_bytes())], {})
    return data.clients


@pytest.fixture(scope="module")
def trained(sample: pd.DataFrame) -> classifier.Training:
    labels = classifier.labels_for(sample, {})
    features = classifier.candidate_features(sample, [], [])
    return classifier.train(sample, labels, features)


def test_user_labels_override_the_file_labels(sample: pd.DataFrame) -> None:
    labels = classifier.labels_for(
        sample, {"northwind traders": "problem", "acme widgets": "unknown"}
    )
    by_key = dict(zip(sample[fields.KEY], labels, strict=True))
    assert by_key["northwind traders"] == 1.0  # the file says no
    assert np.isnan(by_key["acme widgets"])  # the file says yes


@pytest.mark.parametrize(
    ("problem", "fine", "needed"), [(5, 5, (0, 0)), (2, 7, (3, 0)), (0, 0, (5, 5)), (9, 0, (0, 5))]
)
def test_says_how_many_more_labels_of_which_kind(
    problem: int, fine: int, needed: tuple[int, int]
) -> None:
    labels = pd.Series([1.0] * problem + [0.0] * fine + [np.nan] * 3)
    assert classifier.labels_needed(labels) == needed


def test_one_class_labels_fall_back_to_red_flags(sample: pd.DataFrame) -> None:
    only_problems = {k: "problem" for k in sample[fields.KEY]}
    result = scoring.score_clients(
        sample, only_problems, classifier.candidate_features(sample, [], [])
    )
    assert result.kind == "red_flags"
    with pytest.raises(ValueError, match="need 0 problem and 5 fine"):
        classifier.train(
            sample, classifier.labels_for(sample, only_problems), Features(["revenue"], [])
        )


def test_evaluation_is_repeated_cross_validation_with_a_baseline(
    trained: classifier.Training,
) -> None:
    ev = trained.evaluation
    assert (ev.folds, ev.repeats, ev.n_labelled, ev.n_problem) == (5, 10, 24, 12)
    assert 0.5 < ev.roc_auc_mean <= 1 and ev.roc_auc_sd > 0
    assert ev.brier_mean < ev.baseline_brier == pytest.approx(0.25)
    assert ev.red_flag_auc_mean is not None


def test_cross_validation_is_seeded(sample: pd.DataFrame, trained: classifier.Training) -> None:
    again = classifier.train(sample, classifier.labels_for(sample, {}), trained.features)
    assert again.evaluation == trained.evaluation


def test_json_model_scores_exactly_like_the_pipeline(
    sample: pd.DataFrame, trained: classifier.Training
) -> None:
    labels = classifier.labels_for(sample, {})
    X = classifier.design_matrix(sample, trained.features)
    pipeline = classifier.fit(X[labels.notna()], labels[labels.notna()], trained.features)
    expected = pipeline.predict_proba(X)[:, 1]
    restored = classifier.load_model(json.dumps(trained.model).encode())
    assert np.allclose(classifier.predict(restored, sample), expected, atol=1e-12)


def test_contributions_add_up_to_the_log_odds(
    sample: pd.DataFrame, trained: classifier.Training
) -> None:
    contrib = classifier.contributions(trained.model, sample)
    logit = trained.model["intercept"] + contrib.sum(axis=1)
    assert np.allclose(1 / (1 + np.exp(-logit)), classifier.predict(trained.model, sample))


def test_top_reasons_name_the_strongest_pushes(
    sample: pd.DataFrame, trained: classifier.Training
) -> None:
    reasons = classifier.reasons(trained.model, sample)
    blue_heron = reasons[sample.index[sample[fields.KEY] == "blue heron studio"][0]]
    assert 1 <= len(blue_heron) <= 3
    assert [r.points for r in blue_heron] == sorted((r.points for r in blue_heron), reverse=True)
    assert all(r.points > 0 for r in blue_heron)


def test_categorical_features_are_one_hot_and_survive_json() -> None:
    rng = np.random.default_rng(0)
    n = 80
    clients = pd.DataFrame(
        {
            "key": [f"k{i}" for i in range(n)],
            "client": [f"C{i}" for i in range(n)],
            "hours": rng.uniform(1, 100, n),
            "Plan": rng.choice(["A", "B", "C"], n),
        }
    )
    labels = pd.Series((clients["Plan"] == "C").astype(float))
    training = classifier.train(clients, labels, Features(["hours"], ["Plan"]))
    assert classifier.feature_names(training.model) == ["hours", "Plan = A", "Plan = B", "Plan = C"]
    restored = classifier.load_model(json.dumps(training.model).encode())
    unseen = clients.assign(Plan="Z")  # an unseen category counts as none of the known ones
    assert np.isfinite(classifier.predict(restored, unseen)).all()


def test_a_pickle_is_refused_unread() -> None:
    evil = pickle.dumps({"format": classifier.MODEL_FORMAT})
    with pytest.raises(ModelFileError) as info:
        classifier.load_model(evil)
    assert info.value.code == "pickle"


@pytest.mark.parametrize(
    ("tamper", "code"),
    [
        (lambda m: m.update(coefficients=m["coefficients"][:-1]), "shape"),
        (lambda m: m.update(intercept="1; import os"), "bad_number"),
        (lambda m: m["numeric"][0].update(scale=0), "bad_number"),
        (lambda m: m.update(format="something-else"), "not_a_model"),
        (lambda m: m.update(version=99), "too_new"),
        (lambda m: m.pop("numeric"), "missing_part"),
        (lambda m: m["coefficients"].__setitem__(0, 1e300), "bad_number"),
        (lambda m: m.update(intercept=-1e200), "bad_number"),
        (lambda m: m["numeric"].append(dict(m["numeric"][0])), "twice"),
    ],
)
def test_a_tampered_model_is_refused(trained: classifier.Training, tamper, code: str) -> None:  # type: ignore[no-untyped-def]
    model = json.loads(json.dumps(trained.model))
    tamper(model)
    with pytest.raises(ModelFileError) as info:
        classifier.load_model(json.dumps(model).encode())
    assert info.value.code == code


def test_a_model_file_with_a_byte_order_mark_is_restored(trained: classifier.Training) -> None:
    raw = "\ufeff" + json.dumps(trained.model)
    assert classifier.load_model(raw.encode("utf-8")) == trained.model


def test_deeply_nested_model_json_is_refused_not_a_crash() -> None:
    with pytest.raises(ModelFileError) as info:
        classifier.load_model(b"[" * 200_000 + b"]" * 200_000)
    assert info.value.code == "not_json"


def test_a_model_whose_columns_the_data_lacks_is_set_aside(
    sample: pd.DataFrame, trained: classifier.Training
) -> None:
    other = sample.drop(columns=[fields.SATISFACTION, fields.REVISIONS, fields.PROBLEM])
    missing = classifier.missing_features(trained.model, other)
    assert missing == [fields.REVISIONS, fields.SATISFACTION]
    features = classifier.candidate_features(other, [], [])
    result = scoring.score_clients(other, {}, features, model=trained.model)
    assert result.model_missing == tuple(missing)
    # Not one made-up score for everyone: the red flags (or a fresh fit) are used instead.
    assert result.kind == "red_flags"
    assert result.probability.nunique() > 1


def test_not_json_is_refused() -> None:
    with pytest.raises(ModelFileError) as info:
        classifier.load_model(b"Client,Revenue\nA,1\n")
    assert info.value.code == "not_json"


def test_identifiers_are_not_features() -> None:
    clients = pd.DataFrame(
        {
            "key": list("abcdefghijklmnopqrstuvwxy"),
            "client": list("ABCDEFGHIJKLMNOPQRSTUVWXY"),
            "Row ID": range(25),
            "Profit": np.linspace(-5, 5, 25),
            "Segment": ["x", "y"] * 12 + ["x"],
        }
    )
    features = classifier.candidate_features(clients, ["Row ID", "Profit"], ["Segment"])
    assert features.numeric == ["Profit"] and features.categorical == ["Segment"]
