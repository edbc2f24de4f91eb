"""An estimate you can trust with 20 labels: bands that widen as labels get fewer, calibration
by hand, events per variable, and protected traits left out unless asked for."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from model import classifier, fields, scoring, uncertainty
from model.ingest import load_files
from tests.conftest import run_cli


def _book(n: int, seed: int = 3) -> pd.DataFrame:
    """Clients whose days late and revisions make them problems, with noise."""
    rng = np.random.default_rng(seed)
    late = rng.gamma(2, 10, n)
    revisions = rng.poisson(4, n).astype(float)
    risk = 0.08 * late + 0.3 * revisions - 3.2 + rng.normal(0, 1, n)
    names = [f"Client {i}" for i in range(n)]
    return pd.DataFrame(
        {
            fields.KEY: [name.casefold() for name in names],
            fields.CLIENT: names,
            fields.DAYS_LATE: late,
            fields.REVISIONS: revisions,
            fields.PROBLEM: (risk > 0).astype(float),
        }
    )


def _scores(book: pd.DataFrame, labelled: int) -> scoring.Scoring:
    book = book.copy()
    book.loc[book.index[labelled:], fields.PROBLEM] = np.nan
    features = classifier.Features([fields.DAYS_LATE, fields.REVISIONS], [])
    return scoring.score_clients(book, {}, features)


def test_bands_hold_the_estimate_and_widen_as_labels_get_fewer() -> None:
    book = _book(500)
    many, few = _scores(book, 500), _scores(book, 30)
    widths = []
    for result in (many, few):
        training = result.training
        assert training is not None
        estimate = result.probability.to_numpy()
        assert (training.band_low <= estimate + 1e-9).mean() > 0.95
        assert (training.band_high >= estimate - 1e-9).mean() > 0.95
        widths.append(float(np.mean(training.band_high - training.band_low)))
    assert widths[1] > 2 * widths[0]


def test_calibration_bins_and_ece_by_hand() -> None:
    found = uncertainty.calibration(np.array([0.05, 0.15, 0.12, 0.95]), np.array([0, 1, 0, 1]))
    used = [b for b in found.bins if b["count"]]
    assert [(b["lower"], b["count"]) for b in used] == [(0.0, 1), (0.1, 2), (0.9, 1)]
    assert used[1]["mean_predicted"] == pytest.approx(0.135)
    assert used[1]["observed"] == 0.5
    # 1/4 × 0.05 + 2/4 × |0.5 − 0.135| + 1/4 × |1 − 0.95|
    assert found.ece == pytest.approx(0.2075)
    assert len(found.bins) == 10 and found.bins[-1]["upper"] == 1.0


def test_an_estimate_of_one_lands_in_the_last_bin() -> None:
    found = uncertainty.calibration(np.array([1.0, 0.0]), np.array([1, 0]))
    assert found.bins[-1]["count"] == 1 and found.bins[0]["count"] == 1 and found.ece == 0


def test_few_events_per_variable_are_warned_about() -> None:
    result = _scores(_book(500), 30)
    training = result.training
    assert training is not None
    smaller = min(result.n_problem, result.n_labelled - result.n_problem)
    assert training.events_per_variable == pytest.approx(smaller / 2)
    codes = [w["code"] for w in training.warnings]
    assert ("few_events" in codes) == (smaller / 2 < 10)
    assert "few_events" not in [w["code"] for w in _scores(_book(500), 500).training.warnings]  # type: ignore[union-attr]


LIST = (
    "Client,Revenue,Days late,Tuổi,Giới tính,Tình trạng hôn nhân,Gender,Age,Nationality,Plan,"
    "Problem\n"
)


def _list(rows: int = 30) -> bytes:
    rng = np.random.default_rng(1)
    lines = [LIST]
    for i in range(rows):
        late = int(rng.integers(0, 60))
        lines.append(
            f"C{i} Co,{rng.integers(100, 9000)},{late},{rng.integers(20, 70)},"
            f"{rng.choice(['Nam', 'Nữ'])},{rng.choice(['Độc thân', 'Đã kết hôn'])},"
            f"{rng.choice(['F', 'M'])},{rng.integers(20, 70)},{rng.choice(['VN', 'US'])},"
            f"{rng.choice(['Basic', 'Pro'])},{'yes' if late > 30 else 'no'}\n"
        )
    return "".join(lines).encode()


def test_protected_traits_in_both_languages_are_left_out_and_come_back_when_asked() -> None:
    data = load_files([("c.csv", _list())], {})
    default = classifier.candidate_features(
        data.clients, data.numeric_extras, data.categorical_extras
    )
    assert set(default.excluded) == {
        "Tuổi", "Giới tính", "Tình trạng hôn nhân", "Gender", "Age", "Nationality",
    }  # fmt: skip
    assert not set(default.all) & set(default.excluded)
    assert "Plan" in default.all
    everything = classifier.candidate_features(
        data.clients, data.numeric_extras, data.categorical_extras, include_sensitive=True
    )
    assert set(default.excluded) <= set(everything.all) and not everything.excluded


def test_the_report_lists_what_was_left_out_why_and_how_sure(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "clients.csv"
    path.write_bytes(_list(60))
    report = json.loads(run_cli("report", str(path)).stdout)
    model = report["model"]
    assert {e["column"]: e["trait"] for e in model["excluded_sensitive"]}["Tuổi"] == "age"
    assert model["kind"] == "logistic"
    assert sum(b["count"] for b in model["calibration"]["bins"]) == model["n_labelled"]
    assert 0 <= model["calibration"]["ece"] <= 1
    assert model["events_per_variable"] > 0
    for client in report["clients"]:
        low, high = client["probability_band"]
        assert 0 <= low <= high <= 1
    with_all = json.loads(run_cli("report", str(path), "--include-sensitive").stdout)
    assert with_all["model"]["excluded_sensitive"] == []
    assert "Tuổi" in with_all["model"]["features"]


def test_a_threshold_has_a_visible_price() -> None:
    flagged, caught = uncertainty.caught(
        0.6,
        np.array([0.7, 0.5, 0.9, 0.2]),
        np.array([0.7, 0.5, 0.9, 0.2, 0.65, 0.1]),
        np.array([1, 1, 0, 0]),
    )
    assert flagged == pytest.approx(3 / 6) and caught == 0.5
