"""Report sections beyond the client table, one per core module."""

from __future__ import annotations

import argparse
from typing import Any

import pandas as pd

from model import classifier, decide, fields, pareto, payments, scoring, trends
from model.ingest import Dataset
from model.ingest.monthly import MONTH


class UnknownFeatures(ValueError):
    """``--features`` named columns the data does not have."""


def features_from(
    data: Dataset, args: argparse.Namespace, frame: pd.DataFrame, trend_columns: list[str]
) -> classifier.Features:
    """The default model features (protected traits left out unless ``--include-sensitive``,
    trends only with ``--trend-features``), or only those named in ``--features a,b,c``."""
    wanted = getattr(args, "features", None)
    include = bool(getattr(args, "include_sensitive", False))
    numeric_extras = data.numeric_extras
    if getattr(args, "trend_features", False):
        numeric_extras = [*numeric_extras, *trend_columns]
    candidates = classifier.candidate_features(
        frame, numeric_extras, data.categorical_extras, include_sensitive=include
    )
    if not wanted:
        return candidates
    names = [w.strip() for w in wanted.split(",") if w.strip()]
    unknown = [n for n in names if n not in frame.columns]
    if unknown:
        raise UnknownFeatures(", ".join(unknown))
    numeric_known = {*candidates.numeric, *data.numeric_extras, *trend_columns}
    numeric = [n for n in names if n in numeric_known]
    categorical = [n for n in names if n not in numeric]
    return classifier.Features(numeric, categorical)


def add_sections(report: dict[str, Any], data: Dataset, args: argparse.Namespace) -> None:
    """Pareto figures, the problem estimate and per-client probabilities and reasons."""
    report["pareto"] = pareto.report_section(data.clients, data.numeric_extras)
    monthly = data.monthly()  # built once: trends, the model's trend columns and --monthly
    found = trends.client_trends(monthly) if monthly is not None else {}
    frame, trend_columns = trends.with_features(data.clients, data.keys, found)
    features = features_from(data, args, frame, trend_columns)
    result = scoring.score_clients(frame, {}, features)
    report["model"] = scoring.report_section(result)
    training = result.training
    report["model"]["excluded_sensitive"] = [
        {"column": column, "trait": trait} for column, trait in features.excluded.items()
    ]
    if training is not None:
        report["model"]["events_per_variable"] = round(training.events_per_variable or 0, 6)
        report["model"]["warnings"] = training.warnings
        if training.calibration is not None:
            report["model"]["calibration"] = training.calibration.as_dict()
    for position, (record, probability, reasons) in enumerate(
        zip(report["clients"], result.probability, result.reasons, strict=True)
    ):
        record["problem_probability"] = round(float(probability), 6)
        if training is not None and len(training.band_low):
            record["probability_band"] = [
                round(float(training.band_low[position]), 6),
                round(float(training.band_high[position]), 6),
            ]
        record["reasons"] = [scoring.reason_text(r, args.lang, data.currency) for r in reasons]
    add_dated_sections(report, data, args, monthly, found)
    add_contribution(report, data, getattr(args, "cost_per_hour", None))


def add_contribution(report: dict[str, Any], data: Dataset, cost_per_hour: float | None) -> None:
    """Each client's profit (from the file, or revenue − hours × the cost per hour given) and
    the whale curve's figures."""
    section = decide.report_section(data.clients, cost_per_hour)
    if section is None:
        return
    values = decide.contribution(data.clients, cost_per_hour)
    if section["basis"] == "cost_per_hour" and values is not None:
        for record, value in zip(report["clients"], values, strict=True):
            record[fields.PROFIT] = round(float(value), 6)
    report["contribution"] = {k: json_number(v) for k, v in section.items()}


def add_dated_sections(
    report: dict[str, Any],
    data: Dataset,
    args: argparse.Namespace,
    monthly: pd.DataFrame | None,
    found: dict[str, dict[str, trends.Trend]],
) -> None:
    """Trends per client and metric, payments (with invoices) and, asked for, the monthly
    table: only what the data's dates allow."""
    names = data.names
    if monthly is not None:
        report["trends"] = trends.report_section(names, found)
        if getattr(args, "monthly", False):
            report["monthly"] = monthly_records(monthly)
    if data.invoices is not None and not data.invoices.empty:
        paying = payments.payments(data.invoices, getattr(args, "today", None))
        report["payments"] = payments.report_section(names, paying)


def monthly_records(monthly: Any) -> list[dict[str, Any]]:
    """The monthly table as JSON rows (``month`` as ``YYYY-MM``, unknown values ``null``)."""
    table = monthly.drop(columns=[fields.KEY])
    table[MONTH] = table[MONTH].dt.strftime("%Y-%m")
    table = table.astype(object).where(table.notna(), None)
    return [{k: json_number(v) for k, v in row.items()} for row in table.to_dict(orient="records")]


def json_number(value: Any) -> Any:
    """Floats to 6 decimals (sums of money land a hair off: 227153.72999999998), whole ones
    as integers; anything else as it is."""
    if not isinstance(value, float):
        return value
    value = round(value, 6)
    return int(value) if value.is_integer() else value
