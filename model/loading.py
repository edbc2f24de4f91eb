"""One or more uploaded files — client lists and exports, in any mix — to one ``Dataset``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from model import importers
from model.importers import ImportOptions
from model.ingest import (
    Dataset,
    IngestOptions,
    Source,
    add_derived,
    apply_merges,
    build_clients,
)
from model.problems import InputError, Problem
from model.reading import ReadOptions, read_table, shifted

# Where files disagree, the earlier kind wins: the user's own list, then invoices, then time.
_PRIORITY = {
    "client_list": 0,
    "invoices": 1,
    "freshbooks": 1,
    "toggl": 2,
    "clockify": 2,
    "harvest": 2,
}


def load_file(data: bytes, name: str, options: IngestOptions, imports: ImportOptions) -> Dataset:
    """Read one file of any supported kind; raise ``InputError`` with every problem."""
    read = ReadOptions(options.encoding, options.delimiter)
    kind = options.kind or importers.detect_kind(_headers_of(data, read))
    try:
        raw = read_table(data, name, read, keep=importers.wanted_columns(kind, imports))
    except InputError as exc:
        raise InputError([replace(p, file=name) for p in exc.problems]) from exc
    if kind == "client_list":
        return build_clients(raw, name, options)
    table, problems, currency = importers.import_export(raw.frame, raw.headers, kind, imports)
    problems = [replace(p, file=name) for p in shifted(raw.problems + problems, raw.skipped)]
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    if kind == "harvest":
        problems.append(Problem("info", "no_start_times", file=name))
    described = importers.describe(kind, len(raw.frame), table)
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
    return Dataset(table, problems, {name: {}}, [source], currency)


def _headers_of(data: bytes, options: ReadOptions) -> list[str]:
    """The header row alone, cheaply, to know what kind of file this is before reading it."""
    import csv
    import io

    from model.reading import decode, sniff_delimiter, sniff_kind, title_lines

    if sniff_kind(data) != "text":
        return []
    try:
        head, _ = decode(data[:64_000], options.encoding)
    except (InputError, UnicodeDecodeError):  # a cut through a character, or not text at all
        head = data[:64_000].decode("utf-8", errors="ignore")
    head = head.lstrip("\ufeff")
    delimiter = options.delimiter or sniff_delimiter(head)
    head = head.split("\n", title_lines(head, delimiter))[-1]
    try:
        return next(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter), [])
    except csv.Error:
        return []


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
    from model.joining import join_client_tables

    datasets.sort(key=lambda d: _PRIORITY.get(d.sources[0].kind, 3))
    return apply_merges(join_client_tables(datasets), merges or [])


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
    from model.mapping import apply_overrides, guess_mapping

    try:
        raw = read_table(data, name, ReadOptions(options.encoding, options.delimiter))
    except InputError:
        return None
    if (options.kind or importers.detect_kind(raw.headers)) != "client_list":
        return None
    return apply_overrides(guess_mapping(raw.headers), options.mapping)
