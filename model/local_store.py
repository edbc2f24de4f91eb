"""Opt-in "remember on this computer": the workspace in an SQLite file in the user's data folder.

One transaction per save, so a crash never leaves half a save. Never used on a public host.
The store fails soft: a damaged, foreign or locked file raises ``StoreError`` (waiting at most
``LOCK_WAIT`` seconds for a lock), which the app reports while staying usable, and
``set_aside`` renames such a file out of the way; nothing is ever deleted without being asked.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

FILE_NAME = "workspace.sqlite3"
ENABLED = "__enabled__"
LOCK_WAIT = 1.0  # seconds: a save held by another process is not worth a frozen page


class StoreError(RuntimeError):
    """The saved-work file cannot be read or written; ``path`` is the file."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"{path}: {detail}")


def data_dir() -> Path:
    """``$CLIENT_TRIAGE_DATA_DIR``, else ``$XDG_DATA_HOME/client-triage``, else ~/.local/share."""
    explicit = os.environ.get("CLIENT_TRIAGE_DATA_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "client-triage"


def path() -> Path:
    return data_dir() / FILE_NAME


@contextmanager
def _connection() -> Iterator[sqlite3.Connection]:
    """An open store; any SQLite or file-system failure becomes one ``StoreError``."""
    file = path()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(file, timeout=LOCK_WAIT)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(file, str(exc)) from exc
    try:
        connection.execute(
            "CREATE TABLE IF NOT EXISTS workspace (data TEXT PRIMARY KEY, saved TEXT, body TEXT)"
        )
        yield connection
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(file, str(exc)) from exc
    finally:
        connection.close()


def save(fingerprint: str, body: str) -> None:
    """Store the workspace for the data with this fingerprint (replacing the older one)."""
    with _connection() as connection, connection:  # one transaction: all of it or nothing
        connection.execute(
            "INSERT OR REPLACE INTO workspace VALUES (?, ?, ?)",
            (fingerprint, datetime.now(UTC).isoformat(), body),
        )


def load(fingerprint: str) -> str | None:
    if not path().exists():
        return None
    with _connection() as connection:
        row = connection.execute(
            "SELECT body FROM workspace WHERE data = ?", (fingerprint,)
        ).fetchone()
    return None if row is None else str(row[0])


def enabled() -> bool:
    return load(ENABLED) == "yes"


def enable() -> None:
    save(ENABLED, "yes")


def set_aside() -> Path | None:
    """Rename an unreadable store out of the way (kept beside it); returns the new name."""
    file = path()
    if not file.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = file.with_name(f"{file.name}.unreadable-{stamp}")
    try:
        file.rename(target)
        journal = file.with_name(file.name + "-journal")
        if journal.exists():
            journal.rename(target.with_name(target.name + "-journal"))
    except OSError as exc:
        raise StoreError(file, str(exc)) from exc
    return target


def forget() -> None:
    """Delete everything remembered on this computer."""
    file = path()
    try:
        for leftover in (file, file.with_name(file.name + "-journal")):
            if leftover.exists():
                leftover.unlink()
    except OSError as exc:
        raise StoreError(file, str(exc)) from exc
