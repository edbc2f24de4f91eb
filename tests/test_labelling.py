"""The label editor's commit: positions to client keys, idempotent, bounded."""

from __future__ import annotations

from ui.labelling import commit


def test_edits_are_stored_by_key_of_the_row_shown_at_that_position() -> None:
    labels: dict[str, str] = {}
    assert commit({1: {"label": "problem"}, "0": {"label": "fine"}}, ["b", "a"], labels) == 2
    assert labels == {"a": "problem", "b": "fine"}


def test_applying_the_same_edit_twice_changes_nothing() -> None:
    labels = {"a": "problem"}
    assert commit({0: {"label": "problem"}}, ["a"], labels) == 0


def test_out_of_range_rows_and_other_columns_are_ignored() -> None:
    labels: dict[str, str] = {}
    assert commit({5: {"label": "problem"}, 0: {"client": "x"}}, ["a"], labels) == 0
    assert labels == {}


def test_unknown_values_become_unknown() -> None:
    labels: dict[str, str] = {}
    commit({0: {"label": None}}, ["a"], labels)
    assert labels == {"a": "unknown"}
