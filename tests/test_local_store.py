"""The opt-in local save fails soft: a damaged or locked file is reported, set aside on request,
and never deleted unasked."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from model import local_store


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLIENT_TRIAGE_DATA_DIR", str(tmp_path))
    return tmp_path


def test_saves_and_loads_by_data_fingerprint(folder: Path) -> None:
    local_store.save("abc", '{"labels": {}}')
    assert local_store.load("abc") == '{"labels": {}}'
    assert local_store.load("other") is None


def test_a_damaged_file_is_a_store_error_naming_it(folder: Path) -> None:
    (folder / local_store.FILE_NAME).write_bytes(b"this is not a database" * 100)
    with pytest.raises(local_store.StoreError) as err:
        local_store.enabled()
    assert err.value.path == folder / local_store.FILE_NAME


def test_setting_aside_keeps_the_damaged_file_and_starts_afresh(folder: Path) -> None:
    damaged = folder / local_store.FILE_NAME
    damaged.write_bytes(b"garbage" * 100)
    moved = local_store.set_aside()
    assert moved is not None and moved.read_bytes() == b"garbage" * 100
    assert moved.name.startswith("workspace.sqlite3.unreadable-")
    assert not local_store.enabled()
    local_store.enable()
    assert local_store.enabled()


def test_a_locked_file_waits_at_most_about_a_second(folder: Path) -> None:
    local_store.enable()
    holder = sqlite3.connect(folder / local_store.FILE_NAME)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        with pytest.raises(local_store.StoreError):
            local_store.save("abc", "{}")
        assert time.monotonic() - started < local_store.LOCK_WAIT + 1.5
    finally:
        holder.rollback()
        holder.close()
    local_store.save("abc", "{}")  # free again: saving works
    assert local_store.load("abc") == "{}"
