"""Opt-in "remember on this computer": the workspace in an SQLite file in the user's data folder.

One transaction per save, so a crash never leaves half a save. Never used on a public host.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

FILE_NAME = "workspace.sqlite3"
ENABLED = "__enabled__"


def data_dir() -> Path:
    """``$CLIENT_TRIAGE_DATA_DIR``, else ``$XDG_DATA_HOME/client-triage``, else ~/.local/share."""
    explicit = os.environ.get("CLIENT_TRIAGE_DATA_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "client-triage"


def _path() -> Path:
    return data_dir() / FILE_NAME


def _connect() -> sqlite3.Connection:
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    connection.execute(
        "CREATE TABLE IF NOT EXISTS workspace (data TEXT PRIMARY KEY, saved TEXT, body TEXT)"
    )
    return connection


def save(fingerprint: str, body: str) -> None:
    """Store the workspace for the data with this fingerprint (replacing the older one)."""
    connection = _connect()
    try:
        with connection:  # one transaction: all of it or nothing
            connection.execute(
                "INSERT OR REPLACE INTO workspace VALUES (?, ?, ?)",
                (fingerprint, datetime.now(UTC).isoformat(), body),
            )
    finally:
        connection.close()


def load(fingerprint: str) -> str | None:
    if not _path().exists():
        return None
    connection = _connect()
    try:
        row = connection.execute(
            "SELECT body FROM workspace WHERE data = ?", (fingerprint,)
        ).fetchone()
    finally:
        connection.close()
    return None if row is None else str(row[0])


def enabled() -> bool:
    return load(ENABLED) == "yes"


def enable() -> None:
    save(ENABLED, "yes")


def forget() -> None:
    """Delete everything remembered on this computer."""
    path = _path()
    for leftover in (path, path.with_name(path.name + "-journal")):
        if leftover.exists():
            leftover.unlink()
