"""The workspace file: round trip, versioning, refusal of bad files, matching by client key."""

from __future__ import annotations

import json
import pickle

import pytest

from model import workspace
from model.ingest import IngestOptions
from model.workspace import Workspace, WorkspaceError


def sample() -> Workspace:
    return Workspace(
        language="vi",
        labels={"acme": "problem", "beta": "fine"},
        plans={"acme": {"checks": {"read_contract": True}, "notes": "gọi trước thứ Sáu"}},
        options={
            "c.csv": workspace.options_to_json(
                IngestOptions(decimal=",", mapping={"Churn": "problem"})
            )
        },
        merges=[["acme", "acme inc"]],
        settings={"pareto_threshold": 70, "working_hours": [7, 18]},
        selected="acme",
        files=[("c.csv", "Client\nÁnh\n".encode())],
    )


def test_round_trip_keeps_everything_but_data_unless_asked() -> None:
    text = workspace.to_json(sample())
    back = workspace.from_json(text.encode())
    assert back.labels == sample().labels and back.plans == sample().plans
    assert back.merges == sample().merges and back.settings == sample().settings
    assert back.language == "vi" and back.selected == "acme"
    assert back.files == []
    assert workspace.options_from_json(back.options["c.csv"]).decimal == ","
    with_data = workspace.from_json(workspace.to_json(sample(), include_data=True).encode())
    assert with_data.files == sample().files


def test_file_is_readable_versioned_json() -> None:
    data = json.loads(workspace.to_json(sample()))
    assert data["format"] == "client-triage-workspace" and data["version"] == 1
    assert "gọi trước thứ Sáu" in workspace.to_json(sample())


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (pickle.dumps({"format": "client-triage-workspace"}), "pickle"),
        (b"not json at all", "not_json"),
        (json.dumps({"format": "something-else"}).encode(), "foreign"),
        (json.dumps({"format": "client-triage-workspace", "version": 99}).encode(), "too_new"),
        (
            json.dumps(
                {"format": "client-triage-workspace", "version": 1, "labels": {"a": "maybe"}}
            ).encode(),
            "bad_part",
        ),
        (
            json.dumps(
                {
                    "format": "client-triage-workspace",
                    "version": 1,
                    "model": {"format": "client-triage-logistic", "version": 1},
                }
            ).encode(),
            "bad_part",
        ),
        (
            json.dumps(
                {
                    "format": "client-triage-workspace",
                    "version": 1,
                    "files": [{"name": "x", "base64": "%%%"}],
                }
            ).encode(),
            "bad_part",
        ),
    ],
)
def test_damaged_foreign_or_too_new_files_are_refused(raw: bytes, code: str) -> None:
    with pytest.raises(WorkspaceError) as info:
        workspace.from_json(raw)
    assert info.value.code == code


def test_clients_no_longer_present_are_listed_not_dropped() -> None:
    assert workspace.missing_clients(sample(), {"beta", "gamma"}) == ["acme"]
