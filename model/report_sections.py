"""Report sections beyond the client table, one per core module."""

from __future__ import annotations

import argparse
from typing import Any

from model import classifier, pareto, scoring
from model.ingest import Dataset


class UnknownFeatures(ValueError):
    """``--features`` named columns the data does not have."""


def features_from(data: Dataset, wanted: str | None) -> classifier.Features:
    """The default model features, or only those named in ``--features a,b,c``."""
    candidates = classifier.candidate_features(
        data.clients, data.numeric_extras, data.categorical_extras
    )
    if not wanted:
        return candidates
    names = [w.strip() for w in wanted.split(",") if w.strip()]
    unknown = [n for n in names if n not in data.clients.columns]
    if unknown:
        raise UnknownFeatures(", ".join(unknown))
    numeric = [n for n in names if n in candidates.numeric or n in data.numeric_extras]
    categorical = [n for n in names if n not in numeric]
    return classifier.Features(numeric, categorical)


def add_sections(report: dict[str, Any], data: Dataset, args: argparse.Namespace) -> None:
    """Pareto figures, the problem estimate and per-client probabilities and reasons."""
    report["pareto"] = pareto.report_section(data.clients, data.numeric_extras)
    features = features_from(data, getattr(args, "features", None))
    result = scoring.score_clients(data.clients, {}, features)
    report["model"] = scoring.report_section(result)
    for record, probability, reasons in zip(
        report["clients"], result.probability, result.reasons, strict=True
    ):
        record["problem_probability"] = round(float(probability), 6)
        record["reasons"] = [scoring.reason_text(r, args.lang) for r in reasons]
