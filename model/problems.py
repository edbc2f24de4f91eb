"""Problems found in user input, and the one error the core raises for them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]

MAX_PROBLEMS_PER_COLUMN = 20  # then one "and N more in this column"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth knowing) about the input.

    ``row`` is the spreadsheet row (the header is row 1); ``column`` the header as written.
    ``code`` names a message in the catalogues (``problem.<code>``); ``params`` fill it in.
    """

    severity: Severity
    code: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    file: str | None = None

    def as_dict(self, message: str) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": message,
        }


class InputError(Exception):
    """The input cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.code for p in problems))


def errors_in(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def shorten(value: object, limit: int = 60) -> str:
    """A cell value short enough to quote in a message."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def more_in_column(found: int, column: str) -> list[Problem]:
    """The "and N more" line once a column's problems pass the limit (none before)."""
    if found <= MAX_PROBLEMS_PER_COLUMN:
        return []
    count = found - MAX_PROBLEMS_PER_COLUMN
    return [Problem("error", "more_in_column", column=column, params={"count": count})]
