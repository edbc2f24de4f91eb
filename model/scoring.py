"""One door to the problem estimate: a model trained on the user's labels when there are
enough of them, else the transparent red-flag score; with reasons per client either way."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from model import classifier, fields, i18n, red_flags
from model.classifier import Features, Training
from model.tables import value_formatter


@dataclass(frozen=True)
class ReasonText:
    """A reason before translation: message key, parameters, and its weight in points."""

    key: str
    params: dict[str, object]
    points: float


@dataclass
class Scoring:
    kind: str  # "logistic" or "red_flags"
    probability: pd.Series  # by row of ``clients``; 0..1
    reasons: list[list[ReasonText]]
    labels: pd.Series
    training: Training | None = None
    # A restored model set aside because the data lacks these of its columns.
    model_missing: tuple[str, ...] = ()

    @property
    def n_labelled(self) -> int:
        return sum(classifier.label_counts(self.labels))

    @property
    def n_problem(self) -> int:
        return classifier.label_counts(self.labels)[0]


def _value_text(value: object) -> object:
    if value is None or (isinstance(value, float | np.floating) and not np.isfinite(value)):
        return "–"
    if isinstance(value, float | np.floating):
        return round(float(value), 1) if abs(float(value)) < 1000 else round(float(value))
    return value


def model_reasons(model: dict[str, object], clients: pd.DataFrame) -> list[list[ReasonText]]:
    return [
        [
            ReasonText(
                "reason.category" if " = " in r.feature else "reason.model",
                {
                    "feature": r.feature,
                    "column": r.column,
                    "value": _value_text(r.value),
                    "points": round(r.points),
                },
                r.points,
            )
            for r in row
        ]
        for row in classifier.reasons(model, clients)
    ]


def flag_reasons(clients: pd.DataFrame) -> list[list[ReasonText]]:
    return [
        [
            ReasonText(
                f"flag.{name}",
                {"value": f"{value:.0%}" if name == "after_hours_share" else _value_text(value)},
                strength * 100,
            )
            for name, value, strength in row
        ]
        for row in red_flags.top_flags(clients)
    ]


def score_clients(
    clients: pd.DataFrame,
    user_labels: dict[str, str],
    features: Features,
    *,
    model: dict[str, object] | None = None,
    train: bool = True,
    random_state: int = 0,
) -> Scoring:
    """Estimate every client's problem likelihood.

    Parameters
    ----------
    model : a model restored from a file; used as it is instead of training.
    train : train on the labels when there are enough (else use the red flags).
    """
    labels = classifier.labels_for(clients, user_labels)
    missing = tuple(classifier.missing_features(model, clients)) if model is not None else ()
    if missing:
        result = score_clients(
            clients, user_labels, features, train=train, random_state=random_state
        )
        return replace(result, model_missing=missing)
    if model is not None:
        return Scoring(
            "logistic",
            pd.Series(classifier.predict(model, clients), index=clients.index),
            model_reasons(model, clients),
            labels,
        )
    need_problem, need_fine = classifier.labels_needed(labels)
    if train and not (need_problem or need_fine) and features.all:
        training = classifier.train(clients, labels, features, random_state=random_state)
        probability = pd.Series(classifier.predict(training.model, clients), index=clients.index)
        return Scoring(
            "logistic", probability, model_reasons(training.model, clients), labels, training
        )
    return Scoring(
        "red_flags", red_flags.red_flag_scores(clients).fillna(0.0), flag_reasons(clients), labels
    )


# The field whose units a red flag's value is in (the others are counts, ratios or days).
_FLAG_FIELD = {"flag.low_rate": fields.EFFECTIVE_RATE}


def reason_text(reason: ReasonText, lang: str, currency: str | None = None) -> str:
    """A reason in words, its value written as its column's values are (money with its
    currency, counts whole); a value the client lacks is said to be missing."""
    params = dict(reason.params)
    value = params.get("value")
    column = params.get("column") or _FLAG_FIELD.get(reason.key)
    if value == "–" and "column" in params:
        params["value"] = i18n.translate(lang, "reason.no_value")
    elif isinstance(value, float | int) and not isinstance(value, bool):
        shown = value_formatter(str(column), lang, currency) if column else None
        params["value"] = (
            shown(value)
            if shown
            else i18n.format_number(value, lang, 1 if abs(value) < 1000 else 0)
        )
    if "column" in params:
        label = i18n.translate(lang, f"field.{params['column']}")
        feature = str(params["feature"])
        if label != f"field.{params['column']}":
            feature = feature.replace(str(params["column"]), label, 1)
        params["feature"] = feature
    return i18n.translate(lang, reason.key, **params)


def report_section(scoring: Scoring) -> dict[str, object]:
    section: dict[str, object] = {
        "kind": scoring.kind,
        "n_labelled": scoring.n_labelled,
        "n_problem": scoring.n_problem,
    }
    if scoring.training is not None:
        section["features"] = scoring.training.features.all
        section["cv"] = scoring.training.evaluation.as_report()
    else:
        need_problem, need_fine = classifier.labels_needed(scoring.labels)
        section["labels_needed"] = {"problem": need_problem, "fine": need_fine}
        section["weights"] = {f.name: f.weight for f in red_flags.flags_for(pd.DataFrame())}
    return section


def feature_label(name: str, lang: str) -> str:
    """``days_late`` → "Days late"; ``Contract = Two year`` keeps its category."""
    column, sep, rest = name.partition(" = ")
    text = i18n.translate(lang, f"field.{column}")
    head = column if text == f"field.{column}" else text
    return f"{head}{sep}{rest}"


def ranked(clients: pd.DataFrame, scoring: Scoring) -> pd.DataFrame:
    """Clients by estimated problem likelihood, highest first."""
    frame = pd.DataFrame(
        {
            fields.KEY: clients[fields.KEY].to_numpy(),
            fields.CLIENT: clients[fields.CLIENT].to_numpy(),
            "probability": scoring.probability.to_numpy(),
            "label": scoring.labels.to_numpy(),
            "position": np.arange(len(clients)),
        }
    )
    return frame.sort_values("probability", ascending=False, kind="stable").reset_index(drop=True)


def estimate_text(result: Scoring, position: int, lang: str) -> str:
    """ "72% (55–93%)": the estimate with its 80% band when the model has one."""
    estimate = i18n.format_percent(float(result.probability.iloc[position]), lang)
    training = result.training
    if training is None or not len(training.band_low):
        return estimate
    low = i18n.format_percent(float(training.band_low[position]), lang)
    high = i18n.format_percent(float(training.band_high[position]), lang)
    return i18n.translate(lang, "scores.with_band", estimate=estimate, low=low, high=high)


def score_table(
    clients: pd.DataFrame, result: Scoring, lang: str, currency: str | None = None
) -> pd.DataFrame:
    """Every client ranked by estimate, with its label and top reasons in words."""
    order = ranked(clients, result)
    label_names = {1.0: "label.problem", 0.0: "label.fine"}
    return pd.DataFrame(
        {
            i18n.translate(lang, "scores.col.rank"): np.arange(1, len(order) + 1),
            i18n.translate(lang, "field.client"): order[fields.CLIENT].astype(str).to_numpy(),
            i18n.translate(lang, "scores.col.estimate"): [
                estimate_text(result, int(pos), lang) for pos in order["position"]
            ],
            i18n.translate(lang, "scores.col.label"): [
                i18n.translate(lang, label_names.get(v, "label.unknown")) for v in order["label"]
            ],
            i18n.translate(lang, "scores.col.reasons"): [
                "; ".join(reason_text(r, lang, currency) for r in result.reasons[int(pos)])
                for pos in order["position"]
            ],
        }
    )
