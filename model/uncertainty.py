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
    means and scales barely move between resamples; the refits are what costs). A resample is
    a count per labelled client, the regression weighed by it.
    """
    rng = np.random.default_rng(seed)
    labels = np.asarray(labels, dtype=float)
    with_intercept = np.column_stack([train, np.ones(len(train))])
    everyone_1 = np.column_stack([everyone, np.ones(len(everyone))])
    whole = _logistic(with_intercept, labels, np.ones(len(labels)), C, None)
    estimates = np.empty((resamples, len(everyone)))
    done = 0
    while done < resamples:
        pick = rng.integers(0, len(labels), len(labels))
        if labels[pick].min() == labels[pick].max():
            continue  # one class only: no regression to fit, draw again
        counts = np.bincount(pick, minlength=len(labels)).astype(float)
        estimates[done] = everyone_1 @ _logistic(with_intercept, labels, counts, C, whole)
        done += 1
    estimates = 1 / (1 + np.exp(-estimates))
    low, high = np.percentile(estimates, [LOW, HIGH], axis=0)
    return low, high


def _logistic(
    X: np.ndarray, y: np.ndarray, weight: np.ndarray, C: float, start: np.ndarray | None
) -> np.ndarray:
    """Coefficients (intercept last) minimising C·Σ weight·log-loss + ½‖w‖², the intercept
    unpenalised: scikit-learn's ``LogisticRegression(C)``, by Newton steps. 200 refits through
    scikit-learn took 0.7 s for 700 labelled clients, 2.3 s for 7,000; these take a tenth.
    From ``start`` (the fit on every client: a resample's optimum is near it); a step that
    does not lower the objective is halved."""
    penalty = np.ones(X.shape[1])
    penalty[-1] = 0.0
    theta = np.zeros(X.shape[1]) if start is None else start.copy()

    def objective(t: np.ndarray) -> tuple[float, np.ndarray]:
        """The objective at ``t``, and ``X @ t`` (the next step starts from it)."""
        z = X @ t
        loss = np.logaddexp(0.0, z) - y * z  # -log-likelihood of each client, overflow-safe
        return float(C * (weight @ loss) + 0.5 * (penalty * t) @ t), z

    current, z = objective(theta)
    for _ in range(100):
        p = 1 / (1 + np.exp(-z))
        gradient = C * (X.T @ (weight * (p - y))) + penalty * theta
        hessian = C * (X.T * (weight * p * (1 - p))) @ X + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        size = 1.0
        while True:
            candidate = theta - size * step
            value, candidate_z = objective(candidate)
            if value <= current or size < 1e-6:
                break
            size /= 2
        theta, current, z = candidate, value, candidate_z
        if np.max(np.abs(size * step)) < 1e-9:
            break
    return theta


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
