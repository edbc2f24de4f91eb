"""Join per-client tables from several files on the client key."""

from __future__ import annotations

import pandas as pd

from model import fields
from model.ingest.clients import add_derived, near_duplicates, similar_names
from model.ingest.dataset import Dataset


def join_client_tables(datasets: list[Dataset]) -> Dataset:
    """Outer join on ``key``; where two files both have a value, the earlier file wins."""
    merged: pd.DataFrame | None = None
    for ds in datasets:
        table = ds.clients.drop(columns=[fields.EFFECTIVE_RATE], errors="ignore").set_index(
            fields.KEY
        )
        merged = table if merged is None else merged.combine_first(table)
    assert merged is not None
    first_order = list(dict.fromkeys(k for ds in datasets for k in ds.keys))
    merged = merged.reindex(first_order).reset_index()
    merged[fields.ROWS] = merged[fields.ROWS].fillna(1) if fields.ROWS in merged else 1
    columns = [fields.KEY, fields.CLIENT] + [
        c for c in merged.columns if c not in (fields.KEY, fields.CLIENT)
    ]
    merged = add_derived(merged[columns])
    problems = [p for ds in datasets for p in ds.problems if p.code != "near_duplicate"]
    problems += near_duplicates(merged)
    problems += similar_names([ds.clients for ds in datasets])
    currency = next((ds.currency for ds in datasets if ds.currency), None)
    return Dataset(
        merged,
        problems,
        {name: m for ds in datasets for name, m in ds.mappings.items()},
        [s for ds in datasets for s in ds.sources],
        currency,
        list(dict.fromkeys(c for ds in datasets for c in ds.numeric_extras)),
        list(dict.fromkeys(c for ds in datasets for c in ds.categorical_extras)),
    )
