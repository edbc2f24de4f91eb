"""The user's work as one versioned, readable JSON file: labels, plans, choices, the model.

Uploaded data is included only when the user asks. Restoring matches everything by client key,
so it lands on the same or a newer (even reordered) upload; keys no longer present are listed.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from model import classifier, exit_plan, i18n
from model.ingest import IngestOptions, known_zone

FORMAT = "client-triage-workspace"
VERSION = 1
MAX_BYTES = 250 * 1024 * 1024


class WorkspaceError(ValueError):
    """A workspace file that cannot be used; ``code`` names the message."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}")


@dataclass
class Workspace:
    language: str = "en"
    labels: dict[str, str] = field(default_factory=dict)
    plans: dict[str, dict[str, Any]] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    merges: list[list[str]] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    model: dict[str, object] | None = None
    selected: str | None = None
    files: list[tuple[str, bytes]] = field(default_factory=list)
    # Parts of the file that were left out because they did not fit (``settings.period``,
    # ``plans[Acme].notice_days``): the rest was restored.
    skipped: list[str] = field(default_factory=list)


# What each restored value must look like; a value that does not fit is left out and named,
# so a damaged or hand-edited file can never put a widget or a date out of range.
Check = Callable[[object], bool]
MAX_TEXT = 100_000


def _is_int(low: int, high: int) -> Check:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


def _is_number(low: float, high: float) -> Check:
    return lambda v: (
        isinstance(v, int | float)
        and not isinstance(v, bool)
        and math.isfinite(v)
        and low <= v <= high
    )


def _is_text(v: object) -> bool:
    return isinstance(v, str) and len(v) <= MAX_TEXT


def _is_bool(v: object) -> bool:
    return isinstance(v, bool)


def _is_date(v: object) -> bool:
    if not isinstance(v, str):
        return False
    try:
        date.fromisoformat(v)
    except ValueError:
        return False
    return True


def _one_of(*choices: str) -> Check:
    return lambda v: isinstance(v, str) and v in choices


def _optional(check: Check) -> Check:
    return lambda v: v is None or check(v)


def _rates_by_text(v: object) -> bool:
    """``{client key: hourly rate}``."""
    return isinstance(v, dict) and all(
        _is_text(k) and _is_number(0, 1e12)(rate) for k, rate in v.items()
    )


def _list_of(check: Check, *, length: int | None = None) -> Check:
    return lambda v: (
        isinstance(v, list)
        and (length is None or len(v) == length)
        and len(v) == len({json.dumps(x) for x in v})  # nothing listed twice
        and all(check(x) for x in v)
    )


def _working_hours(v: object) -> bool:
    return _list_of(_is_int(0, 24), length=2)(v) and v[0] < v[1]  # type: ignore[index]


def _period(v: object) -> bool:
    return isinstance(v, list) and len(v) == 2 and all(x is None or _is_date(x) for x in v)


def _checks(v: object) -> bool:
    return isinstance(v, dict) and all(isinstance(k, str) and _is_bool(x) for k, x in v.items())


def _ratings(v: object) -> bool:
    rating = _is_int(*exit_plan.RATING_RANGE)
    return isinstance(v, dict) and all(k in exit_plan.RATINGS and rating(x) for k, x in v.items())


SETTINGS: dict[str, Check] = {
    "working_hours": _working_hours,
    "working_days": _list_of(_is_int(0, 6)),
    "timezone": lambda v: v == "" or known_zone(v),  # "": every start as written
    "period": _period,
    "group_by_project": _is_bool,
    "model_features": _list_of(_is_text),
    "pareto_threshold": _is_int(50, 95),
    "pareto_top": _is_int(5, 50),
    "pareto_metric": _is_text,
    "pareto_trouble": _is_text,
    "effort_mode": _one_of("shares", "rate"),
    "target_rate": _is_number(0.01, 1e12),
    "rates": _is_text,
    "cost_per_hour": _optional(_is_number(0, 1e12)),
    "decide_clients": _list_of(_is_text),
    "decide_action": _one_of("drop", "reprice", "keep"),
    "decide_refill": _is_int(0, 100),
    "decide_replacement_rate": _optional(_is_number(0, 1e12)),
    "decide_rates": _rates_by_text,
    "review_threshold": _is_int(5, 95),
}
PLAN: dict[str, Check] = {
    **dict.fromkeys(
        ("started", "meeting_date", "announce_date", "deliverable_date", "marked_for_exit"),
        _is_date,
    ),
    **dict.fromkeys(
        (
            "feeling",
            "deliverable",
            "referral_text",
            "notes",
            "sender",
            "recipient",
            "draft",
            "draft_source",
            "real_reason",
            "premortem",
            "second_skipped",
        ),
        _is_text,
    ),
    "ratings_first": _ratings,
    "ratings_second": _ratings,
    "cool_off_days": _is_int(*exit_plan.COOL_OFF_RANGE),
    "notice_days": _is_int(*exit_plan.NOTICE_RANGE),
    "decided": _is_bool,
    "disrespectful": _is_bool,
    "checks": _checks,
    "meeting_mode": _one_of(*exit_plan.MEETING_MODES),
    "notice_mode": _one_of("days", "deliverable"),
    "referral_kind": _one_of(*exit_plan.REFERRALS),
    "reason": _one_of(*exit_plan.REASONS),
    "draft_lang": _one_of(*i18n.LANGUAGES),
}


def _fitting(
    values: dict[str, Any], schema: dict[str, Check], where: str
) -> tuple[dict[str, Any], list[str]]:
    """The values that fit ``schema``, and the names of those left out."""
    kept = {k: v for k, v in values.items() if k in schema and schema[k](v)}
    return kept, [f"{where}.{k}" for k in values if k not in kept]


def to_json(workspace: Workspace, *, include_data: bool = False) -> str:
    """The workspace as pretty JSON; uploaded files only with ``include_data``."""
    body: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "language": workspace.language,
        "labels": workspace.labels,
        "plans": workspace.plans,
        "options": workspace.options,
        "merges": workspace.merges,
        "settings": workspace.settings,
        "model": workspace.model,
        "selected": workspace.selected,
    }
    if include_data:
        body["files"] = [
            {"name": name, "base64": base64.b64encode(data).decode("ascii")}
            for name, data in workspace.files
        ]
    return json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True, default=str)


def options_to_json(options: IngestOptions) -> dict[str, Any]:
    return asdict(options)


def options_from_json(data: dict[str, Any]) -> IngestOptions:
    allowed = {k: v for k, v in data.items() if k in IngestOptions.__dataclass_fields__}
    mapping = allowed.get("mapping", {})
    if not isinstance(mapping, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    ):
        raise WorkspaceError("bad_part", "options.mapping")
    for name in ("encoding", "delimiter", "decimal", "date_order", "kind"):
        if allowed.get(name) is not None and not isinstance(allowed[name], str):
            raise WorkspaceError("bad_part", f"options.{name}")
    return IngestOptions(**allowed)


def _require(value: object, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(value, kind):
        raise WorkspaceError("bad_part", where)
    return value


def from_json(raw: bytes) -> Workspace:
    """Parse and check a workspace file; anything damaged, foreign or too new is refused."""
    if len(raw) > MAX_BYTES:
        raise WorkspaceError("too_large")
    if classifier.is_pickle_or_archive(raw):
        raise WorkspaceError("pickle")
    try:
        data = classifier.parse_json(raw)
    except ValueError as exc:
        raise WorkspaceError("not_json", str(exc)) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise WorkspaceError("foreign")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise WorkspaceError("bad_part", "version")
    if version > VERSION:
        raise WorkspaceError("too_new", str(version))
    labels = _require(data.get("labels", {}), dict, "labels")
    if not all(
        isinstance(k, str) and v in ("problem", "fine", "unknown") for k, v in labels.items()
    ):
        raise WorkspaceError("bad_part", "labels")
    skipped: list[str] = []
    plans: dict[str, dict[str, Any]] = {}
    for key, plan in _require(data.get("plans", {}), dict, "plans").items():
        if not isinstance(plan, dict):
            skipped.append(f"plans[{key}]")
            continue
        plans[key], left_out = _fitting(plan, PLAN, f"plans[{key}]")
        skipped += left_out
    options = _require(data.get("options", {}), dict, "options")
    for name, value in options.items():
        options_from_json(_require(value, dict, f"options.{name}"))
    merges = _require(data.get("merges", []), list, "merges")
    if not all(isinstance(g, list) and all(isinstance(k, str) for k in g) for g in merges):
        raise WorkspaceError("bad_part", "merges")
    settings, left_out = _fitting(
        _require(data.get("settings", {}), dict, "settings"), SETTINGS, "settings"
    )
    skipped += left_out
    model = data.get("model")
    if model is not None:
        try:
            classifier.validate_model(model)
        except classifier.ModelFileError as exc:
            raise WorkspaceError("bad_part", f"model ({exc.code})") from exc
    files: list[tuple[str, bytes]] = []
    for item in _require(data.get("files", []), list, "files"):
        item = _require(item, dict, "files")
        try:
            files.append((str(item["name"]), base64.b64decode(item["base64"], validate=True)))
        except (KeyError, TypeError, binascii.Error) as exc:
            raise WorkspaceError("bad_part", "files") from exc
    selected = data.get("selected")
    language = data.get("language", "en")
    return Workspace(
        language=language if language in ("en", "vi") else "en",
        labels=labels,
        plans=plans,
        options=options,
        merges=merges,
        settings=settings,
        model=model,
        selected=selected if isinstance(selected, str) else None,
        files=files,
        skipped=skipped,
    )


def missing_clients(workspace: Workspace, keys: set[str]) -> list[str]:
    """Client keys with labels or plans that the current data does not have."""
    return sorted((set(workspace.labels) | set(workspace.plans)) - keys)
