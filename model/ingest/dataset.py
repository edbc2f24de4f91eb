"""What reading gives back: the per-client table with its sources, problems and choices."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from model import fields
from model.problems import (
    Problem,
)


@dataclass(frozen=True)
class IngestOptions:
    """How to read and understand a file; every ``None`` means detect."""

    encoding: str | None = None
    delimiter: str | None = None
    decimal: str | None = None
    date_order: str | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    kind: str | None = None  # "client_list", "toggl", "clockify", "harvest", "invoices", ...


@dataclass(frozen=True)
class Source:
    """What one file was, as detected."""

    name: str
    kind: str
    rows: int
    encoding: str
    delimiter: str | None
    decimal: str | None
    date_order: str | None
    first: object = None  # first and last day the file covers, when it has dates
    last: object = None


@dataclass
class Dataset:
    """The per-client table every page works from, with what was found on the way."""

    clients: pd.DataFrame
    problems: list[Problem]
    mappings: dict[str, dict[str, str]]  # file name → header → canonical field ("" = extra)
    sources: list[Source]
    currency: str | None = None
    numeric_extras: list[str] = field(default_factory=list)
    categorical_extras: list[str] = field(default_factory=list)
    # Sums per client and month (``model.ingest.monthly``), when the rows had dates.
    monthly_sums: pd.DataFrame | None = None
    # One row per invoice (``model.payments``), when a file held invoices.
    invoices: pd.DataFrame | None = None

    @property
    def mapping(self) -> dict[str, str]:
        """Header → field over all files (the report's ``mapping``)."""
        return {h: f for m in self.mappings.values() for h, f in m.items()}

    @property
    def keys(self) -> list[str]:
        # ``tolist`` first: iterating an Arrow-backed column is ten times slower.
        return [str(k) for k in self.clients[fields.KEY].tolist()]

    def monthly(self) -> pd.DataFrame | None:
        """The per-client monthly table, or ``None`` when no row had a date."""
        if self.monthly_sums is None or self.monthly_sums.empty:
            return None
        from model.ingest.monthly import public

        return public(self.monthly_sums, self.names)

    @cached_property
    def names(self) -> dict[str, str]:
        """Client key → the client's name as shown (read by every page: made once)."""
        return dict(zip(self.keys, self.clients[fields.CLIENT].astype(str).tolist(), strict=True))

    @cached_property
    def _present(self) -> frozenset[str]:
        """Columns with at least one value: a page asks ``has`` dozens of times a run."""
        counts = self.clients.notna().any()
        return frozenset(str(c) for c in counts.index[counts.to_numpy()])

    def has(self, name: str) -> bool:
        return name in self._present
