"""The user's work as one versioned, readable JSON file: labels, plans, choices, the model.

Uploaded data is included only when the user asks. Restoring matches everything by client key,
so it lands on the same or a newer (even reordered) upload; keys no longer present are listed.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from model import classifier
from model.ingest import IngestOptions

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
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WorkspaceError("not_json", str(exc)[:80]) from exc
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
    plans = _require(data.get("plans", {}), dict, "plans")
    if not all(isinstance(k, str) and isinstance(v, dict) for k, v in plans.items()):
        raise WorkspaceError("bad_part", "plans")
    options = _require(data.get("options", {}), dict, "options")
    for name, value in options.items():
        options_from_json(_require(value, dict, f"options.{name}"))
    merges = _require(data.get("merges", []), list, "merges")
    if not all(isinstance(g, list) and all(isinstance(k, str) for k in g) for g in merges):
        raise WorkspaceError("bad_part", "merges")
    settings = _require(data.get("settings", {}), dict, "settings")
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
    )


def missing_clients(workspace: Workspace, keys: set[str]) -> list[str]:
    """Client keys with labels or plans that the current data does not have."""
    return sorted((set(workspace.labels) | set(workspace.plans)) - keys)
