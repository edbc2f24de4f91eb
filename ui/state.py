"""The one door to session state: key constants and typed accessors with lazy defaults.

Everything the user does (labels, plans, choices) lives under plain keys here, keyed by
client key, never only in a widget's key, so it survives reruns, page switches and re-uploads.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, time
from pathlib import Path
from typing import Any

import pyarrow as pa
import streamlit as st

from model import fields, i18n
from model.ingest import (
    NO_CLIENT,
    Dataset,
    ImportOptions,
    IngestOptions,
    WorkingHours,
    known_zone,
    load_files,
    money,
    unique_names,
)
from model.problems import InputError, Problem

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "sample_data"
SAMPLE_FILES = {"en": ("clients.csv",), "vi": ("khach_hang.csv",)}
_BIG_INPUT = 20 * 1024 * 1024  # bytes: after reading this much, memory is handed back

LANG = "lang"
FILES = "files"  # list[tuple[str, bytes]]: the uploaded files, kept for re-reading with new options
IS_SAMPLE = "is_sample"
DATASET = "dataset"
SIGNATURE = "data_signature"  # of the data on screen
TRIED = "tried_signature"  # of the last upload that could not be used
FAILED_FILES = "failed_files"  # that upload, kept so its reading options can be fixed
FAILED = "failed_problems"  # problems of the last upload that could not be used
OPTIONS = "ingest_options"  # dict[file name, IngestOptions]
LABELS = "labels"  # dict[client key, "problem" | "fine" | "unknown"]
SELECTED = "selected_client"  # client key
PLANS = "plans"  # dict[client key, dict]
SETTINGS = "settings"
MODEL = "model"
MERGES = "merges"  # list of client-key groups the user confirmed as one client
FRAME_DRAWN = "_frame_drawn"
BROWSER_ZONE = "_browser_zone"
NAMED = "_dataset_named"  # (dataset, label, the dataset with the "(no client)" row named)
UPLOADER = "uploader"


def _get(key: str, default: Any) -> Any:
    if key not in st.session_state:
        st.session_state[key] = default
    return st.session_state[key]


def lang() -> str:
    value = st.session_state.get(LANG)
    if value is None:  # the browser's language is read once (a page asks ~100 times a run)
        locale = str(getattr(st.context, "locale", None) or "").lower()
        value = st.session_state[LANG] = "vi" if locale.startswith("vi") else "en"
    return value if value in i18n.LANGUAGES else "en"


def set_lang(value: str) -> None:
    st.session_state[LANG] = value if value in i18n.LANGUAGES else "en"


def settings() -> dict[str, Any]:
    return _get(SETTINGS, {})  # type: ignore[no-any-return]


def setting(name: str, default: Any) -> Any:
    return settings().get(name, default)


def set_setting(name: str, value: Any) -> None:
    settings()[name] = value


def options() -> dict[str, IngestOptions]:
    return _get(OPTIONS, {})  # type: ignore[no-any-return]


def browser_zone() -> str | None:
    """The browser's time zone (``st.context.timezone``), when this machine knows it."""
    zone = st.session_state.get(BROWSER_ZONE)
    if zone is None:  # kept once known: asked with every run
        zone = getattr(st.context, "timezone", None)
        if not known_zone(zone):
            return None
        st.session_state[BROWSER_ZONE] = zone
    return str(zone)


def working_zone() -> str | None:
    """Where the working hours are kept: the sidebar's choice ("" for every start as
    written), else the browser's zone."""
    chosen = setting("timezone", None)
    if chosen == "":
        return None
    return str(chosen) if known_zone(chosen) else browser_zone()


def import_options() -> ImportOptions:
    """Working hours, period and grouping for exports, from the sidebar settings."""
    hours = setting("working_hours", (8, 19))
    days = tuple(setting("working_days", (0, 1, 2, 3, 4)))
    period = setting("period", (None, None))
    start, end = time(int(hours[0])), time(int(hours[1]))
    return ImportOptions(
        working_hours=WorkingHours(start, end, days, working_zone()),
        period_start=date.fromisoformat(period[0]) if period[0] else None,
        period_end=date.fromisoformat(period[1]) if period[1] else None,
        group_by_project=bool(setting("group_by_project", False)),
        rates=tuple(sorted(rates().items())),
    )


def rates() -> dict[str, float]:
    """The sidebar's exchange rates ("VND=0.000039, EUR=1.08"); none while they do not read."""
    try:
        return money.parse_rates(rate_pairs())
    except ValueError:
        return {}


def rate_pairs() -> list[str]:
    text = str(setting("rates", "") or "")
    return [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]


def merges() -> list[list[str]]:
    return _get(MERGES, [])  # type: ignore[no-any-return]


def _load(files: list[tuple[str, bytes]], opts: dict[str, IngestOptions]) -> Dataset:
    return load_files(files, opts, import_options(), merges())


def _signature(files: list[tuple[str, bytes]], opts: dict[str, IngestOptions], sample: bool) -> str:
    digest = hashlib.sha256(b"sample" if sample else b"upload")
    digest.update(repr((import_options(), merges())).encode())
    for name, data in files:
        digest.update(name.encode("utf-8", "replace") + b"\0" + hashlib.sha256(data).digest())
    digest.update(repr(sorted((k, repr(v)) for k, v in opts.items())).encode())
    return digest.hexdigest()


def sample_files() -> list[tuple[str, bytes]]:
    return [(name, (SAMPLE_DIR / name).read_bytes()) for name in SAMPLE_FILES[lang()]]


def dataset() -> Dataset:
    """The current per-client data; the bundled sample until the user uploads something."""
    if DATASET not in st.session_state:
        files = sample_files()
        st.session_state[DATASET] = _load(files, {})
        st.session_state[FILES] = files
        st.session_state[IS_SAMPLE] = True
        st.session_state[SIGNATURE] = _signature(files, {}, True)
    return _named_in_language(st.session_state[DATASET])


def _named_in_language(data: Dataset) -> Dataset:
    """The row that gathers entries without a client, named in the chosen language (its key
    stays the same, so labels and plans made under either name are kept)."""
    label = i18n.translate(lang(), "data.no_client_name")
    shown = st.session_state.get(NAMED)
    if shown is not None and shown[0] is data and shown[1] == label:
        return shown[2]  # type: ignore[no-any-return]
    unnamed = data.clients[fields.KEY] == fields.client_key(NO_CLIENT)
    named = data
    if label != NO_CLIENT and bool(unnamed.any()):
        clients = data.clients.copy()
        clients.loc[unnamed, fields.CLIENT] = label
        named = replace(data, clients=clients)
    st.session_state[NAMED] = (data, label, named)
    return named


def signature() -> str:
    """Changes whenever the data or its reading options change (widget keys use it)."""
    if SIGNATURE not in st.session_state:  # (asked often: the data only loaded when it is not)
        dataset()
    return str(st.session_state.get(SIGNATURE, ""))


def is_sample() -> bool:
    dataset()
    return bool(st.session_state.get(IS_SAMPLE, False))


def files() -> list[tuple[str, bytes]]:
    dataset()
    return list(st.session_state.get(FILES, []))


def failed_problems() -> list[Problem]:
    return list(st.session_state.get(FAILED, []))


def try_load(new_files: list[tuple[str, bytes]], *, sample: bool = False) -> bool:
    """Read files with the current options; on failure keep the last good data.

    Returns whether the data changed. Problems of a failed read are kept for the page.
    """
    opts = {name: o for name, o in options().items() if name in {n for n, _ in new_files}}
    signature = _signature(new_files, opts, sample)
    # The data on screen, or the last attempt that failed: nothing new to read.
    if signature in (st.session_state.get(SIGNATURE), st.session_state.get(TRIED)):
        return False
    try:
        loaded = _load(new_files, opts)
    except InputError as exc:
        st.session_state[FAILED] = exc.problems
        st.session_state[FAILED_FILES] = new_files
        st.session_state[TRIED] = signature
        return False
    finally:
        if sum(len(data) for _, data in new_files) > _BIG_INPUT:
            # The reading's working copies are gone: hand their memory back to the system
            # (15 ms; a shared server otherwise keeps ~300 MB after a million-entry export).
            pa.default_memory_pool().release_unused()
    st.session_state[DATASET] = loaded
    st.session_state[FILES] = new_files
    st.session_state[IS_SAMPLE] = sample
    st.session_state[SIGNATURE] = signature
    st.session_state[FAILED] = []
    st.session_state[FAILED_FILES] = []
    return True


def load_uploads() -> None:
    """``on_change`` of the uploader: read what it holds now (nothing when it was cleared)."""
    uploads = st.session_state.get(UPLOADER) or []
    if uploads:
        try_load(unique_names([(u.name, u.getvalue()) for u in uploads]))


def use_sample() -> None:
    options().clear()
    try_load(sample_files(), sample=True)


def failed_files() -> list[tuple[str, bytes]]:
    return list(st.session_state.get(FAILED_FILES, [])) if failed_problems() else []


def set_file_options(name: str, value: IngestOptions) -> None:
    """New reading options for a file: re-read the failed upload it belongs to, or the data."""
    options()[name] = value
    failed = failed_files()
    if failed and name in {n for n, _ in failed}:
        try_load(failed)
    else:
        reload()


def reload() -> None:
    """Read the same files again, with the current options, merges and settings."""
    try_load(files(), sample=is_sample())


def confirm_merge(keys: list[str]) -> None:
    merges().append(list(keys))
    reload()


def labels() -> dict[str, str]:
    """The user's own labels by client key (file labels are the fallback, see ``model``)."""
    return _get(LABELS, {})  # type: ignore[no-any-return]


def plans() -> dict[str, dict[str, Any]]:
    return _get(PLANS, {})  # type: ignore[no-any-return]


def plan(key: str) -> dict[str, Any]:
    return plans().setdefault(key, {})


def selected() -> str | None:
    key = st.session_state.get(SELECTED)
    return key if isinstance(key, str) and key in set(dataset().keys) else None


def select(key: str | None) -> None:
    st.session_state[SELECTED] = key


def trained_model() -> dict[str, Any] | None:
    return st.session_state.get(MODEL)  # type: ignore[no-any-return]


def set_trained_model(value: dict[str, Any] | None) -> None:
    st.session_state[MODEL] = value
