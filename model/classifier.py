"""A small logistic regression that learns "problem client" from the user's own labels.

One scikit-learn ``Pipeline`` (impute, scale, one-hot, ``LogisticRegression``) is built in one
place; evaluation is repeated stratified cross-validation against the red-flag score on the
same folds. A trained model travels as readable JSON (never pickle) and scores with numpy, so
what is downloaded is exactly what scored the clients.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score
from sklearn.model_selection import RepeatedStratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from model import fields, red_flags, sensitive, uncertainty

MIN_PER_CLASS = 5
MAX_CATEGORIES = 20
MODEL_FORMAT = "client-triage-logistic"
MODEL_VERSION = 1
_NUMERIC_CANDIDATES = (
    fields.REVENUE,
    fields.HOURS,
    fields.DAYS_LATE,
    fields.OUTSTANDING,
    fields.AFTER_HOURS,
    fields.REVISIONS,
    fields.SCOPE_CHANGES,
    fields.SATISFACTION,
    fields.NOTICE_DAYS,
    *fields.DERIVED_NUMERIC,
)


class ModelFileError(ValueError):
    """A model file that cannot be trusted or used; ``code`` names the message."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}")


def labels_for(clients: pd.DataFrame, user_labels: dict[str, str]) -> pd.Series:
    """1 problem / 0 fine / NaN unknown per client: the user's labels over the file's."""
    values = (
        clients[fields.PROBLEM].astype(float).to_numpy(copy=True)
        if fields.PROBLEM in clients
        else np.full(len(clients), np.nan)
    )
    # A loop over plain strings: mapping a string column through a dict builds an index of
    # the dict on each call, ten times slower, and this runs with every label edit.
    for i, key in enumerate(clients[fields.KEY].tolist()):
        label = user_labels.get(key)
        if label is not None:
            values[i] = _LABEL_VALUE.get(label, np.nan)
    return pd.Series(values, index=clients.index, dtype=float)


_LABEL_VALUE = {"problem": 1.0, "fine": 0.0}


def label_counts(labels: pd.Series) -> tuple[int, int]:
    """How many clients are labelled problem (1) and fine (0)."""
    return int((labels == 1).sum()), int((labels == 0).sum())


def labels_needed(labels: pd.Series) -> tuple[int, int]:
    """How many more problem and fine labels are needed before a model can be trained."""
    problem, fine = label_counts(labels)
    return max(0, MIN_PER_CLASS - problem), max(0, MIN_PER_CLASS - fine)


def _is_identifier(values: pd.Series, name: str) -> bool:
    words = fields.normalise_header(name).split()
    if {"id", "code", "no", "number", "zip", "postal"} & set(words):
        return True
    clean = values.dropna()
    return len(clean) > 20 and clean.is_unique and bool((clean == clean.round()).all())


@dataclass(frozen=True)
class Features:
    numeric: list[str]
    categorical: list[str]
    # Columns left out because their header names a protected trait: column → trait.
    excluded: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def all(self) -> list[str]:
        return [*self.numeric, *self.categorical]


def candidate_features(
    clients: pd.DataFrame,
    numeric_extras: list[str],
    categorical_extras: list[str],
    *,
    include_sensitive: bool = False,
) -> Features:
    """Every usable column but the client, the label, identifiers and (unless asked for)
    columns naming a protected trait (see ``model.sensitive``).

    Numeric columns are imputed and scaled; text columns with 2..20 values are one-hot encoded.
    """
    numeric = [c for c in _NUMERIC_CANDIDATES if c in clients and clients[c].notna().sum() >= 2]
    numeric += [
        c
        for c in numeric_extras
        if c in clients and clients[c].notna().sum() >= 2 and not _is_identifier(clients[c], c)
    ]
    categorical = [
        c
        for c in categorical_extras
        if c in clients and 2 <= clients[c].nunique() <= MAX_CATEGORIES
    ]
    if include_sensitive:
        return Features(numeric, categorical)
    excluded = sensitive.protected(numeric + categorical)
    return Features(
        [c for c in numeric if c not in excluded],
        [c for c in categorical if c not in excluded],
        excluded,
    )


def build_pipeline(features: Features, *, C: float = 1.0) -> Pipeline:
    """The one pipeline: median-impute + scale numbers, mode-impute + one-hot categories."""
    numeric = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())])
    categorical = Pipeline(
        [
            ("impute", SimpleImputer(strategy="most_frequent")),
            ("onehot", OneHotEncoder(handle_unknown="ignore", sparse_output=False)),
        ]
    )
    pre = ColumnTransformer(
        [("num", numeric, features.numeric), ("cat", categorical, features.categorical)],
        remainder="drop",
        verbose_feature_names_out=True,
    )
    return Pipeline([("pre", pre), ("clf", LogisticRegression(C=C, max_iter=1000))])


def design_matrix(clients: pd.DataFrame, features: Features) -> pd.DataFrame:
    """The model's input columns with plain dtypes (floats, and text as Python objects)."""
    out = {}
    for c in features.numeric:
        out[c] = pd.to_numeric(clients[c], errors="coerce").astype(float)
    for c in features.categorical:
        out[c] = clients[c].astype(object).where(clients[c].notna(), np.nan)
    return pd.DataFrame(out, index=clients.index)


@dataclass(frozen=True)
class Evaluation:
    """Cross-validated quality, with its spread, a base rate and the red flags for comparison."""

    roc_auc_mean: float
    roc_auc_sd: float
    brier_mean: float
    average_precision_mean: float
    base_rate: float
    baseline_brier: float
    red_flag_auc_mean: float | None
    folds: int
    repeats: int
    n_labelled: int
    n_problem: int
    # Each labelled client's out-of-fold estimate, averaged over the repeats.
    out_of_fold: np.ndarray = field(default_factory=lambda: np.zeros(0), compare=False)

    def as_report(self) -> dict[str, float | int | None]:
        def r(v: float | None) -> float | None:
            return None if v is None or not math.isfinite(v) else round(v, 6)

        return {
            "roc_auc_mean": r(self.roc_auc_mean),
            "roc_auc_sd": r(self.roc_auc_sd),
            "brier_mean": r(self.brier_mean),
            "average_precision_mean": r(self.average_precision_mean),
            "base_rate": r(self.base_rate),
            "red_flag_auc_mean": r(self.red_flag_auc_mean),
            "folds": self.folds,
            "repeats": self.repeats,
        }


def repeats_for(n: int) -> int:
    """More repeats where data are thin (the spread matters most there), fewer when large."""
    return 10 if n <= 300 else 5 if n <= 3000 else 3


def evaluate(
    X: pd.DataFrame,
    y: pd.Series,
    features: Features,
    red_flag: pd.Series | None = None,
    *,
    random_state: int = 0,
) -> Evaluation:
    """Repeated stratified k-fold (k = min(5, smaller class)) with AUC, AP and Brier.

    Stratified folds of k ≤ the smaller class keep both classes in every test fold, so
    per-fold AUC is always defined.

    Parameters
    ----------
    X, y : labelled clients only; ``y`` is 0/1.
    red_flag : the red-flag score of the same clients, scored on the same test folds.
    """
    y = y.astype(int)
    minority = int(min((y == 1).sum(), (y == 0).sum()))
    folds = max(2, min(5, minority))
    repeats = repeats_for(len(y))
    splitter = RepeatedStratifiedKFold(n_splits=folds, n_repeats=repeats, random_state=random_state)
    auc, ap, brier, red = [], [], [], []
    oof_sum = np.zeros(len(y))
    for train_idx, test_idx in splitter.split(X, y):
        model = build_pipeline(features).fit(X.iloc[train_idx], y.iloc[train_idx])
        truth = y.iloc[test_idx]
        proba = model.predict_proba(X.iloc[test_idx])[:, 1]
        oof_sum[test_idx] += proba
        auc.append(roc_auc_score(truth, proba))
        ap.append(average_precision_score(truth, proba))
        brier.append(brier_score_loss(truth, proba))
        if red_flag is not None:
            red.append(roc_auc_score(truth, red_flag.iloc[test_idx]))
    red_auc = float(np.mean(red)) if red else None
    base = float(y.mean())
    return Evaluation(
        roc_auc_mean=float(np.mean(auc)),
        roc_auc_sd=float(np.std(auc)),
        brier_mean=float(np.mean(brier)),
        average_precision_mean=float(np.mean(ap)),
        base_rate=base,
        baseline_brier=base * (1 - base),
        red_flag_auc_mean=red_auc,
        folds=folds,
        repeats=repeats,
        n_labelled=len(y),
        n_problem=int(y.sum()),
        out_of_fold=oof_sum / repeats,  # every client is tested once per repeat
    )


def fit(X: pd.DataFrame, y: pd.Series, features: Features) -> Pipeline:
    return build_pipeline(features).fit(X, y.astype(int))


# ---- the model as JSON ---------------------------------------------------------------------


def to_json(pipeline: Pipeline, features: Features) -> dict[str, object]:
    """Everything needed to score, as plain numbers and strings."""
    pre = pipeline.named_steps["pre"]
    clf = pipeline.named_steps["clf"]
    numeric: list[dict[str, object]] = []
    if features.numeric:
        num = pre.named_transformers_["num"]
        for i, name in enumerate(features.numeric):
            numeric.append(
                {
                    "name": name,
                    "impute": float(num.named_steps["impute"].statistics_[i]),
                    "mean": float(num.named_steps["scale"].mean_[i]),
                    "scale": float(num.named_steps["scale"].scale_[i]),
                }
            )
    categorical: list[dict[str, object]] = []
    if features.categorical:
        cat = pre.named_transformers_["cat"]
        for i, name in enumerate(features.categorical):
            categorical.append(
                {
                    "name": name,
                    "impute": str(cat.named_steps["impute"].statistics_[i]),
                    "categories": [str(c) for c in cat.named_steps["onehot"].categories_[i]],
                }
            )
    return {
        "format": MODEL_FORMAT,
        "version": MODEL_VERSION,
        "library": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
        "numeric": numeric,
        "categorical": categorical,
        "coefficients": [float(c) for c in clf.coef_[0]],
        "intercept": float(clf.intercept_[0]),
    }


# A fitted model on standardised inputs has coefficients of a few units; far larger ones only
# come from a damaged or hand-made file, and their sums overflow to inf - inf = nan.
MAX_WEIGHT = 1e3
MAX_NUMBER = 1e12  # imputation values and means (money in dong stays far below)


def _finite(value: object, where: str, limit: float = MAX_NUMBER) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or abs(value) > limit
    ):
        raise ModelFileError("bad_number", where)
    return float(value)


def validate_model(data: object) -> dict[str, object]:
    """Check a model read from JSON; raise ``ModelFileError`` naming what is wrong."""
    if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
        raise ModelFileError("not_a_model")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ModelFileError("missing_part", "version")
    if version > MODEL_VERSION:
        raise ModelFileError("too_new", str(version))
    numeric, categorical = data.get("numeric"), data.get("categorical")
    if not isinstance(numeric, list) or not isinstance(categorical, list):
        raise ModelFileError("missing_part", "numeric/categorical")
    width = 0
    for item in numeric:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ModelFileError("missing_part", "numeric feature")
        for part in ("impute", "mean", "scale"):
            _finite(item.get(part), f"{item['name']}.{part}")
        if float(item["scale"]) < 1e-9:
            raise ModelFileError("bad_number", f"{item['name']}.scale")
        width += 1
    for item in categorical:
        cats = item.get("categories") if isinstance(item, dict) else None
        if not isinstance(cats, list) or not all(isinstance(c, str) for c in cats):
            raise ModelFileError("missing_part", "categorical feature")
        if not isinstance(item.get("name"), str) or not isinstance(item.get("impute"), str):
            raise ModelFileError("missing_part", "categorical feature")
        width += len(cats)
    names = [str(item["name"]) for item in numeric + categorical]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ModelFileError("twice", ", ".join(twice))
    coefficients = data.get("coefficients")
    if not isinstance(coefficients, list) or len(coefficients) != width:
        raise ModelFileError("shape", f"{width} inputs, {len(coefficients or [])} coefficients")
    for i, c in enumerate(coefficients):
        _finite(c, f"coefficients[{i}]", MAX_WEIGHT)
    _finite(data.get("intercept"), "intercept", MAX_WEIGHT)
    return data


def missing_features(model: dict[str, object], clients: pd.DataFrame) -> list[str]:
    """The model's input columns that the data lacks (its estimate would not mean anything)."""
    items = [*model["numeric"], *model["categorical"]]  # type: ignore[misc]
    return [str(item["name"]) for item in items if item["name"] not in clients]


def parse_json(raw: bytes) -> object:
    """JSON from a user's file (BOM or not); ``ValueError`` for anything that is not, including
    nesting too deep for Python to walk."""
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(str(exc)[:80]) from exc
    except RecursionError as exc:
        raise ValueError("nested too deeply") from exc


def is_pickle_or_archive(raw: bytes) -> bool:
    """A pickle (protocol 2+) or a zip/gzip (joblib): refused before anything reads it."""
    return raw[:1] == b"\x80" or raw[:2] in (b"PK", b"\x1f\x8b")


def load_model(raw: bytes) -> dict[str, object]:
    """Parse and validate a model file. Pickles and anything but our JSON are refused unread."""
    if is_pickle_or_archive(raw):
        raise ModelFileError("pickle")
    try:
        data = parse_json(raw)
    except ValueError as exc:
        raise ModelFileError("not_json", str(exc)) from exc
    return validate_model(data)


def feature_names(model: dict[str, object]) -> list[str]:
    """One name per model input: numeric names, then ``column = category`` for one-hots."""
    names = [str(item["name"]) for item in model["numeric"]]  # type: ignore[attr-defined]
    for item in model["categorical"]:  # type: ignore[attr-defined]
        names += [f"{item['name']} = {c}" for c in item["categories"]]
    return names


def model_features(model: dict[str, object]) -> Features:
    return Features(
        [str(i["name"]) for i in model["numeric"]],  # type: ignore[attr-defined]
        [str(i["name"]) for i in model["categorical"]],  # type: ignore[attr-defined]
    )


def transform(model: dict[str, object], clients: pd.DataFrame) -> np.ndarray:
    """The model's input matrix, with numpy only (missing columns count as missing values)."""
    columns = []
    for item in model["numeric"]:  # type: ignore[attr-defined]
        name = item["name"]
        values = (
            pd.to_numeric(clients[name], errors="coerce").to_numpy(dtype=float)
            if name in clients
            else np.full(len(clients), np.nan)
        )
        values = np.where(np.isfinite(values), values, item["impute"])
        columns.append(((values - item["mean"]) / item["scale"])[:, None])
    for item in model["categorical"]:  # type: ignore[attr-defined]
        name = item["name"]
        raw = clients[name] if name in clients else pd.Series(np.nan, index=clients.index)
        text = raw.astype(object).where(raw.notna(), item["impute"]).astype(str).to_numpy()
        columns.append(np.stack([text == c for c in item["categories"]], axis=1).astype(float))
    if not columns:
        return np.zeros((len(clients), 0))
    return np.hstack(columns)


def contributions(model: dict[str, object], clients: pd.DataFrame) -> np.ndarray:
    """Per client and input: coefficient × transformed value (log-odds contributions)."""
    coefficients = np.asarray(model["coefficients"], dtype=float)
    result: np.ndarray = transform(model, clients) * coefficients
    return result


def predict(model: dict[str, object], clients: pd.DataFrame) -> np.ndarray:
    """Problem probability per client: sigmoid(intercept + sum of contributions)."""
    logit = float(model["intercept"]) + contributions(model, clients).sum(axis=1)  # type: ignore[arg-type]
    result: np.ndarray = 1 / (1 + np.exp(-logit))
    return result


@dataclass(frozen=True)
class Reason:
    feature: str
    column: str
    value: object
    points: float  # change in problem probability (percentage points) this input causes


def reasons(
    model: dict[str, object], clients: pd.DataFrame, *, limit: int = 3
) -> list[list[Reason]]:
    """The inputs that push each client most toward "problem", in probability points.

    A reason's points are how far that input alone moves a typical client's estimate (inputs
    are centred, so the typical client sits at the intercept): comparable across clients.
    """
    contrib = contributions(model, clients)
    intercept = float(model["intercept"])  # type: ignore[arg-type]
    typical = 1 / (1 + np.exp(-intercept))
    points = (1 / (1 + np.exp(-(intercept + contrib))) - typical) * 100
    names = feature_names(model)
    columns = [str(i["name"]) for i in model["numeric"]]  # type: ignore[attr-defined]
    for item in model["categorical"]:  # type: ignore[attr-defined]
        columns += [str(item["name"])] * len(item["categories"])
    out: list[list[Reason]] = []
    for row in range(len(clients)):
        order = np.argsort(-points[row])[:limit]
        picked = []
        for j in order:
            if points[row, j] < 0.5:
                break
            column = columns[j]
            value = clients[column].iloc[row] if column in clients else None
            picked.append(Reason(names[j], column, value, float(points[row, j])))
        out.append(picked)
    return out


def factors(model: dict[str, object]) -> pd.DataFrame:
    """Odds ratio per typical change: per standard deviation for numbers, per category."""
    rows = []
    coef = np.asarray(model["coefficients"], dtype=float)
    names = feature_names(model)
    sds = [float(i["scale"]) for i in model["numeric"]]  # type: ignore[attr-defined]
    for j, name in enumerate(names):
        rows.append(
            {
                "feature": name,
                "coefficient": coef[j],
                "odds_ratio": float(np.exp(coef[j])),
                "typical_change": sds[j] if j < len(sds) else None,
            }
        )
    return pd.DataFrame(rows).sort_values("coefficient", ascending=False).reset_index(drop=True)


@dataclass
class Training:
    """What the Problem clients page and the report need from one training run."""

    model: dict[str, object]
    evaluation: Evaluation
    features: Features = field(default_factory=lambda: Features([], []))
    # Per client (rows of the clients table): the 80% band of the estimate.
    band_low: np.ndarray = field(default_factory=lambda: np.zeros(0))
    band_high: np.ndarray = field(default_factory=lambda: np.zeros(0))
    calibration: uncertainty.Calibration | None = None
    events_per_variable: float | None = None
    truth: np.ndarray = field(default_factory=lambda: np.zeros(0))  # labels of the labelled

    @property
    def warnings(self) -> list[dict[str, object]]:
        """``few_events`` below 10 events per variable; ``no_better_than_base_rate`` when the
        cross-validated Brier score does not beat always saying the base rate."""
        found: list[dict[str, object]] = []
        epv = self.events_per_variable
        if epv is not None and epv < uncertainty.MIN_EVENTS_PER_VARIABLE:
            columns = len(self.model["coefficients"])  # type: ignore[arg-type]
            found.append({"code": "few_events", "events_per_variable": round(epv, 2),
                          "columns": columns})  # fmt: skip
        ev = self.evaluation
        if ev.brier_mean >= ev.baseline_brier:
            found.append({"code": "no_better_than_base_rate", "brier": round(ev.brier_mean, 6),
                          "base_rate_brier": round(ev.baseline_brier, 6)})  # fmt: skip
        return found


def train(
    clients: pd.DataFrame, labels: pd.Series, features: Features, *, random_state: int = 0
) -> Training:
    """Evaluate, then fit on every labelled client; raises ``ValueError`` when labels are thin."""
    known = labels.notna()
    need_problem, need_fine = labels_needed(labels)
    if need_problem or need_fine:
        raise ValueError(f"need {need_problem} problem and {need_fine} fine labels more")
    if not features.all:
        raise ValueError("no features")
    X = design_matrix(clients.loc[known], features)
    y = labels[known].astype(int)
    red = red_flags.red_flag_scores(clients.loc[known])
    evaluation = evaluate(
        X, y, features, red if red.notna().all() else None, random_state=random_state
    )
    pipeline = fit(X, y, features)
    prepare = pipeline.named_steps["pre"]
    low, high = uncertainty.bands(
        prepare.transform(X),
        y.to_numpy(),
        prepare.transform(design_matrix(clients, features)),
        seed=random_state,
    )
    model = to_json(pipeline, features)
    return Training(
        model,
        evaluation,
        features,
        low,
        high,
        uncertainty.calibration(evaluation.out_of_fold, y.to_numpy()),
        uncertainty.events_per_variable(y.to_numpy(), len(model["coefficients"])),  # type: ignore[arg-type]
        y.to_numpy(),
    )
