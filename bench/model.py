"""Model speed: fit + repeated cross-validation + 200 bootstrap refits (the bands) on 500
and on 5,000 labelled clients, and scoring 100,000.

``python bench/model.py`` prints each time (targets: 500 labelled under 5 s, scoring under
0.5 s) and its ratio to one bare ``LogisticRegression.fit`` on the same data, measured in the
same run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import median_time

from model import classifier


def make_clients(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "key": [f"client {i}" for i in range(n)],
            "client": [f"Client {i}" for i in range(n)],
            "revenue": rng.pareto(1.2, n) * 800,
            "hours": rng.uniform(1, 400, n),
            "days_late": rng.exponential(10, n),
            "after_hours_contacts": rng.poisson(4, n).astype(float),
            "revisions": rng.poisson(2, n).astype(float),
            "satisfaction": rng.integers(1, 6, n).astype(float),
            "Plan": rng.choice(["basic", "retainer", "project"], n),
        }
    )
    frame["effective_rate"] = frame["revenue"] / frame["hours"]
    logit = -2 + 0.05 * frame["days_late"] + 0.2 * frame["revisions"] - 0.3 * frame["satisfaction"]
    frame["problem"] = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(float)
    return frame


def main() -> None:
    labelled = make_clients(5_000)
    features = classifier.candidate_features(labelled, [], ["Plan"])
    labels = labelled["problem"]
    X = classifier.design_matrix(labelled, features)
    numeric = X[features.numeric].fillna(0).to_numpy()
    bare = median_time(lambda: LogisticRegression(max_iter=1000).fit(numeric, labels))
    train = median_time(lambda: classifier.train(labelled, labels, features))
    training = classifier.train(labelled, labels, features)
    everyone = make_clients(100_000, seed=1)
    score = median_time(lambda: classifier.predict(training.model, everyone))
    ev = training.evaluation
    print(f"features: {features.all}")
    print(f"bare LogisticRegression.fit on 5,000 rows: {bare:.3f} s")
    print(
        f"fit + {ev.folds}-fold x {ev.repeats} cross-validation + 200 bootstrap refits on "
        f"5,000 labelled: {train:.3f} s, {train / bare:.0f}x the bare fit"
    )
    print(
        f"scoring 100,000 clients from the JSON model: {score:.3f} s (target < 0.5 s), "
        f"{score / bare:.1f}x the bare fit"
    )
    print(f"cross-validated ROC AUC {ev.roc_auc_mean:.3f} ± {ev.roc_auc_sd:.3f}")
    small = make_clients(500, seed=2)
    small_time = median_time(lambda: classifier.train(small, small["problem"], features), 3)
    print(
        f"fit + cross-validation + 200 bootstrap refits on 500 labelled: {small_time:.3f} s "
        "(target < 5 s)"
    )


if __name__ == "__main__":
    main()
