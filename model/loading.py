"""One or more uploaded files to one per-client ``Dataset``."""

from __future__ import annotations

from collections.abc import Mapping

from model.ingest import Dataset, IngestOptions, load_client_list
from model.problems import InputError, Problem


def load_files(files: list[tuple[str, bytes]], options: Mapping[str, IngestOptions]) -> Dataset:
    """Read every file; all problems of all files are raised together.

    Parameters
    ----------
    files : ``(name, bytes)`` pairs as uploaded.
    options : per-file reading options, by file name.
    """
    if not files:
        raise InputError([Problem("error", "no_files")])
    datasets: list[Dataset] = []
    problems: list[Problem] = []
    for name, data in files:
        try:
            datasets.append(load_client_list(data, name, options.get(name)))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return datasets[0] if len(datasets) == 1 else join_datasets(datasets)


def join_datasets(datasets: list[Dataset]) -> Dataset:
    """Several client lists become one table (first file wins where both have a value)."""
    from model.joining import join_client_tables

    return join_client_tables(datasets)
