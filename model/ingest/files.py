"""Files as uploaded — client lists and exports, in any mix — to one ``Dataset``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pandas as pd

from model import fields
from model.ingest.client_list import build_clients
from model.ingest.clients import add_derived, apply_merges
from model.ingest.dataset import Dataset, IngestOptions, Source
from model.ingest.exports import Imported, ImportOptions
from model.ingest.headers import detect_kind, wanted_columns
from model.ingest.invoices import invoices
from model.ingest.joining import join_client_tables
from model.ingest.reading import ReadOptions, read_header, read_table, shifted
from model.ingest.time_entries import time_entries
from model.ingest.time_log import has_moments, time_log
from model.ingest.vocabulary import CLIENT_LIST, KIND_PRIORITY, TIME_KINDS, TIME_LOG
from model.problems import (
    InputError,
    Problem,
)


def import_export(
    frame: pd.DataFrame, headers: list[str], kind: str, options: ImportOptions
) -> Imported:
    if kind == TIME_LOG:
        return time_log(frame, headers, options)
    if kind in TIME_KINDS:
        return time_entries(frame, headers, kind, options)
    return invoices(frame, headers, kind, options)


def describe(kind: str, rows: int, table: pd.DataFrame) -> dict[str, Any]:
    """What a file was, for "Toggl Track detailed export, 217 time entries, Aug 2017"."""
    first = table[fields.FIRST_PROJECT].min() if fields.FIRST_PROJECT in table else None
    last = table[fields.LAST_PROJECT].max() if fields.LAST_PROJECT in table else None
    return {
        "kind": kind,
        "rows": rows,
        "first": None if first is None or pd.isna(first) else pd.Timestamp(first).date(),
        "last": None if last is None or pd.isna(last) else pd.Timestamp(last).date(),
    }


def load_file(data: bytes, name: str, options: IngestOptions, imports: ImportOptions) -> Dataset:
    """Read one file of any supported kind; raise ``InputError`` with every problem."""
    read = ReadOptions(options.encoding, options.delimiter)
    kind = options.kind or detect_kind(read_header(data, read))
    try:
        raw = read_table(data, name, read, keep=wanted_columns(kind, imports))
    except InputError as exc:
        raise InputError([replace(p, file=name) for p in exc.problems]) from exc
    if kind == TIME_LOG and not options.kind and not has_moments(raw.frame, raw.headers):
        kind = CLIENT_LIST  # "Start" and "End" were days (a contract's), not times of work
    if kind == CLIENT_LIST:
        return build_clients(raw, name, options, dict(imports.rates))
    if options.date_order:
        imports = replace(imports, date_order=options.date_order)
    imported = import_export(raw.frame, raw.headers, kind, imports)
    table = imported.clients
    problems = [
        replace(p, file=name) for p in shifted(raw.problems + imported.problems, raw.skipped)
    ]
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    if kind == "harvest":
        problems.append(Problem("info", "no_start_times", file=name))
    described = describe(kind, len(raw.frame), table)
    source = Source(
        name,
        kind,
        len(raw.frame),
        raw.encoding,
        raw.delimiter,
        None,
        None,
        described["first"],
        described["last"],
    )
    table = add_derived(table.assign(rows=1))
    return Dataset(
        table,
        problems,
        {name: {}},
        [source],
        imported.currency,
        monthly_sums=imported.monthly_sums,
        invoices=imported.invoices,
    )


def load_files(
    files: list[tuple[str, bytes]],
    options: Mapping[str, IngestOptions],
    imports: ImportOptions | None = None,
    merges: list[list[str]] | None = None,
) -> Dataset:
    """Read every file; all problems of all files are raised together.

    Parameters
    ----------
    files : ``(name, bytes)`` pairs as uploaded.
    options : per-file reading options, by file name.
    imports : working hours, period and grouping for time-tracker and invoice exports.
    merges : groups of client keys the user confirmed are one client.
    """
    if not files:
        raise InputError([Problem("error", "no_files")])
    files = unique_names(files)
    imports = imports or ImportOptions()
    datasets: list[Dataset] = []
    problems: list[Problem] = []
    for name, data in files:
        try:
            datasets.append(load_file(data, name, options.get(name) or IngestOptions(), imports))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    if len(datasets) == 1:
        return apply_merges(datasets[0], merges or [])
    datasets.sort(key=lambda d: KIND_PRIORITY.get(d.sources[0].kind, 3))
    # With a period chosen, every file is cut to it: their periods agree by the user's choice.
    filtered = bool(imports.period_start or imports.period_end)
    joined = join_client_tables(datasets, check_periods=not filtered, rates=dict(imports.rates))
    return apply_merges(joined, merges or [])


def unique_names(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Two uploads may share a name ("export.csv" from two tools): the second becomes
    "export (2).csv", so each file keeps its own options, mapping and messages."""
    seen: set[str] = set()
    out = []
    for name, data in files:
        stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
        candidate, number = name, 1
        while candidate.casefold() in seen:
            number += 1
            candidate = f"{stem} ({number}){dot}{suffix}"
        seen.add(candidate.casefold())
        out.append((candidate, data))
    return out


def mapping_of(data: bytes, name: str, options: IngestOptions) -> dict[str, str] | None:
    """The column mapping a client list would get, even when its values have problems
    (so the user can fix a wrong mapping that caused them); ``None`` if unreadable."""
    from model.ingest.headers import apply_overrides, guess_mapping

    try:
        raw = read_table(data, name, ReadOptions(options.encoding, options.delimiter))
    except InputError:
        return None
    if (options.kind or detect_kind(raw.headers)) != CLIENT_LIST:
        return None
    return apply_overrides(guess_mapping(raw.headers), options.mapping)
