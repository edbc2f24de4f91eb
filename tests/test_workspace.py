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


def _with(**parts: object) -> bytes:
    return json.dumps({"format": "client-triage-workspace", "version": 1, **parts}).encode()


@pytest.mark.parametrize(
    ("settings", "left_out"),
    [
        ({"working_hours": ["a", "b"], "pareto_top": 20}, "settings.working_hours"),
        ({"working_hours": [19, 8]}, "settings.working_hours"),
        ({"target_rate": 1e308}, "settings.target_rate"),
        ({"period": ["2026-13-01", None]}, "settings.period"),
        ({"pareto_threshold": 99}, "settings.pareto_threshold"),
        ({"model_features": ["revenue", "revenue"]}, "settings.model_features"),
        ({"working_days": [0, 9]}, "settings.working_days"),
        ({"no_such_setting": 1}, "settings.no_such_setting"),
    ],
)
def test_settings_that_do_not_fit_are_left_out_and_named(
    settings: dict[str, object], left_out: str
) -> None:
    restored = workspace.from_json(_with(settings=settings, labels={"acme": "fine"}))
    assert left_out in restored.skipped
    assert left_out.split(".", 1)[1] not in restored.settings
    assert restored.labels == {"acme": "fine"}  # the rest is restored
    if "pareto_top" in settings:
        assert restored.settings == {"pareto_top": 20}


def test_plan_fields_of_the_wrong_type_or_range_are_left_out_and_the_rest_kept() -> None:
    plan = {
        "notice_days": 3_000_000,
        "cool_off_days": "three",
        "announce_date": "soon",
        "checks": {"read_contract": True},
        "notes": "call Friday",
        "meeting_mode": "carrier pigeon",
    }
    restored = workspace.from_json(_with(plans={"acme": plan, "beta": "not a plan"}))
    assert restored.plans["acme"] == {"checks": {"read_contract": True}, "notes": "call Friday"}
    assert set(restored.skipped) == {
        "plans[acme].notice_days",
        "plans[acme].cool_off_days",
        "plans[acme].announce_date",
        "plans[acme].meeting_mode",
        "plans[beta]",
    }


def test_a_400_day_notice_is_a_valid_plan() -> None:
    restored = workspace.from_json(_with(plans={"acme": {"notice_days": 400}}))
    assert restored.plans["acme"]["notice_days"] == 400 and not restored.skipped


def test_deeply_nested_json_is_refused_not_a_crash() -> None:
    raw = b'{"format": "client-triage-workspace", "version": 1, "settings": ' + b"[" * 100_000
    raw += b"]" * 100_000 + b"}"
    with pytest.raises(WorkspaceError) as err:
        workspace.from_json(raw)
    assert err.value.code == "not_json"


def test_a_model_listing_a_feature_twice_refuses_the_workspace() -> None:
    model = {
        "format": "client-triage-logistic",
        "version": 1,
        "numeric": [
            {"name": "revenue", "impute": 1.0, "mean": 1.0, "scale": 1.0},
            {"name": "revenue", "impute": 1.0, "mean": 1.0, "scale": 1.0},
        ],
        "categorical": [],
        "coefficients": [0.5, 0.5],
        "intercept": 0.0,
    }
    with pytest.raises(WorkspaceError) as err:
        workspace.from_json(_with(model=model))
    assert "twice" in err.value.detail


def test_the_decision_record_round_trips_and_bad_ratings_are_left_out() -> None:
    record = {
        "ratings_first": {"pay": 2, "respect": 1, "scope": 3, "stress": 1, "fit": 2, "money": 4},
        "ratings_second": {"pay": 9},
        "real_reason": "they never pay on time",
        "premortem": "I lost my biggest referral source",
    }
    restored = workspace.from_json(_with(plans={"acme": record}))
    assert restored.plans["acme"]["ratings_first"] == record["ratings_first"]
    assert restored.plans["acme"]["premortem"] == record["premortem"]
    assert restored.skipped == ["plans[acme].ratings_second"]
    again = workspace.from_json(workspace.to_json(restored).encode())
    assert again.plans == restored.plans
