"""Checked against real data: the report's AUC agrees with a plain scikit-learn baseline."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from tests.conftest import shared_file
from tests.test_report import run_cli

# Left out of the model by default (a client's age, gender or family is no reason to part).
PROTECTED = ("SeniorCitizen", "gender", "Partner", "Dependents")


def plain_baseline_auc(path: str) -> float:
    frame = pd.read_csv(path)
    frame["TotalCharges"] = pd.to_numeric(frame["TotalCharges"], errors="coerce")
    frame["TotalCharges"] = frame["TotalCharges"].fillna(frame["TotalCharges"].median())
    y = (frame.pop("Churn") == "Yes").astype(int)
    frame = frame.drop(columns=["customerID", *PROTECTED])
    numeric = ["tenure", "MonthlyCharges", "TotalCharges"]
    categorical = [c for c in frame.columns if c not in numeric]
    model = make_pipeline(
        ColumnTransformer(
            [
                ("num", StandardScaler(), numeric),
                ("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
            ]
        ),
        LogisticRegression(max_iter=1000),
    )
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    return float(np.mean(cross_val_score(model, frame, y, cv=cv, scoring="roc_auc")))


def test_report_auc_agrees_with_a_plain_baseline_and_does_not_beat_it() -> None:
    path = shared_file("telco_customer_churn.csv")
    result = run_cli("report", str(path), "--map", "Churn=problem")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    ours = report["model"]["cv"]["roc_auc_mean"]
    baseline = plain_baseline_auc(str(path))
    assert report["model"]["kind"] == "logistic" and report["model"]["n_labelled"] == 7043
    assert ours == pytest.approx(baseline, abs=0.02)
    assert ours <= baseline + 0.02  # higher would mean a leak
    assert "customerID" not in report["model"]["features"]
    left_out = {item["column"] for item in report["model"]["excluded_sensitive"]}
    assert left_out == set(PROTECTED)
    assert not left_out & {f.split(" = ")[0] for f in report["model"]["features"]}
    # Each labelled client is counted once in the calibration bins.
    bins = report["model"]["calibration"]["bins"]
    assert sum(b["count"] for b in bins) == 7043
    first = report["clients"][0]
    low, high = first["probability_band"]
    assert low <= first["problem_probability"] <= high
