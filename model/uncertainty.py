"""How far to trust an estimate made from a few dozen labels: a band per client, the
calibration of the out-of-fold estimates, and events per variable.

- Band: the same model refitted on bootstrap resamples of the labelled clients (at least 200,
  seeded), each client's estimate at percentiles 10 and 90: an 80% interval that widens as
  labels get fewer.
- Calibration: out-of-fold estimates of the repeated cross-validation, averaged per labelled
  client over the repeats, in 10 equal-width bins (mean estimate against the observed rate),
  and the expected calibration error Σ (count / n) × |observed − mean estimate|.
- Events per variable: the smaller class's count over the model's input columns after one-hot
  encoding; below 10 the estimate rests on too little.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

RESAMPLES = 200
LOW, HIGH = 10, 90
BINS = 10
MIN_EVENTS_PER_VARIABLE = 10


def bands(
    train: np.ndarray,
    labels: np.ndarray,
    everyone: np.ndarray,
    *,
    C: float = 1.0,
    resamples: int = RESAMPLES,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Percentiles 10 and 90 of each client's estimate over bootstrap refits.

    ``train`` and ``everyone`` are the pipeline's own input matrix (imputed, scaled, one-hot)
    for the labelled clients and for all clients: the preparation is fitted once on the
    labelled clients and only the regression is refitted per resample (the preparation's
    means and scales barely move between resamples; the refits are what costs).
    """
    rng = np.random.default_rng(seed)
    labels = np.asarray(labels, dtype=int)
    estimates = np.empty((resamples, len(everyone)))
    done = 0
    # The inputs were checked once already: skip sklearn's per-call checks (most of a small
    # fit's time).
    with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
        while done < resamples:
            pick = rng.integers(0, len(labels), len(labels))
            if labels[pick].min() == labels[pick].max():
                continue  # one class only: no regression to fit, draw again
            model = LogisticRegression(C=C, max_iter=1000).fit(train[pick], labels[pick])
            estimates[done] = model.decision_function(everyone)
            done += 1
    estimates = 1 / (1 + np.exp(-estimates))
    low, high = np.percentile(estimates, [LOW, HIGH], axis=0)
    return low, high


@dataclass(frozen=True)
class Calibration:
    bins: list[dict[str, float | int | None]]
    ece: float

    def as_dict(self) -> dict[str, Any]:
        return {"bins": self.bins, "ece": round(self.ece, 6)}


def calibration(estimates: np.ndarray, truth: np.ndarray, bins: int = BINS) -> Calibration:
    """Reliability bins (lower, upper, mean_predicted, observed, count) and the ECE."""
    estimates = np.asarray(estimates, dtype=float)
    truth = np.asarray(truth, dtype=float)
    index = np.minimum((estimates * bins).astype(int), bins - 1)
    out: list[dict[str, float | int | None]] = []
    error = 0.0
    for b in range(bins):
        inside = index == b
        count = int(inside.sum())
        mean = float(estimates[inside].mean()) if count else None
        observed = float(truth[inside].mean()) if count else None
        if count and mean is not None and observed is not None:
            error += count / len(estimates) * abs(observed - mean)
        out.append(
            {
                "lower": round(b / bins, 6),
                "upper": round((b + 1) / bins, 6),
                "mean_predicted": None if mean is None else round(mean, 6),
                "observed": None if observed is None else round(observed, 6),
                "count": count,
            }
        )
    return Calibration(out, error)


def events_per_variable(labels: np.ndarray, columns: int) -> float:
    """The smaller class's count over the model's input columns (after one-hot encoding)."""
    labels = np.asarray(labels, dtype=int)
    smaller = min(int((labels == 1).sum()), int((labels == 0).sum()))
    return smaller / max(columns, 1)


def caught(
    threshold: float, estimates: np.ndarray, everyone: np.ndarray, truth: np.ndarray
) -> tuple[float, float | None]:
    """At a threshold: the share of all clients flagged, and of the labelled problem clients
    caught (by their out-of-fold estimates, as a new client would be)."""
    flagged = float((np.asarray(everyone) >= threshold).mean()) if len(everyone) else 0.0
    problems = np.asarray(truth) == 1
    if not problems.any():
        return flagged, None
    return flagged, float((np.asarray(estimates)[problems] >= threshold).mean())
