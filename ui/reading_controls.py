"""Widgets to correct how a file was read: encoding, delimiter, decimal mark, dates, mapping."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial
from typing import Any

import streamlit as st

from model import fields
from model.ingest import IngestOptions, Source, mapping_of, vocabulary
from model.ingest.headers import IGNORE
from model.problems import Problem
from ui import state
from ui.text import bound, day, number, plain, t

ENCODINGS = (None, *vocabulary.ENCODINGS)
DELIMITERS = (None, *vocabulary.DELIMITERS)
DECIMALS = (None, ".", ",")
ORDERS = (None, "dmy", "mdy")


def _shower(tr: Callable[..., str]) -> Callable[[str | None], str]:
    return lambda value: tr("read.tab") if value == "\t" else (value or "–")


def _on_option(file: str, option: str, widget_key: str) -> None:
    current = state.options().get(file, IngestOptions())
    state.set_file_options(file, replace(current, **{option: st.session_state[widget_key]}))


def _on_mapping(file: str, header: str, widget_key: str) -> None:
    current = state.options().get(file, IngestOptions())
    chosen = st.session_state[widget_key]
    mapping = {**current.mapping, header: chosen}
    state.set_file_options(file, replace(current, mapping=mapping))


def _key(place: str, file: str, what: object) -> str:
    """Widget keys change with the data and with the language: the browser sends a choice
    back by its label, and a label from the other language was taken for a new choice
    (an encoding of "detect (utf-8)" broke the sample after switching to Tiếng Việt)."""
    return f"{place}::{state.lang()}::{state.signature()[:10]}::{file}::{what}"


def _choice(
    label: str,
    choices: tuple[Any, ...],
    found: Any,
    file: str,
    option: str,
    fmt: Any,
    place: str = "read",
) -> None:
    current = getattr(state.options().get(file, IngestOptions()), option)
    tr = bound()
    key = _key(place, file, option)
    st.selectbox(
        label,
        choices,
        index=choices.index(current) if current in choices else 0,
        format_func=lambda v: tr("read.auto", found=fmt(found)) if v is None else fmt(v),
        key=key,
        on_change=_on_option,
        args=(file, option, key),
    )


def read_options(source: Source, *, failed: bool = False) -> None:
    """Detected reading choices for one file, each overridable. A ``failed`` upload has
    nothing detected to summarise, and its widgets are apart from the data's: a re-upload of
    "clients.csv" that fails is shown beside the "clients.csv" still on screen."""
    shown = _shower(bound())
    if not failed:
        _summary(source, shown)
    _controls(source, shown, "fix" if failed else "read")


def _summary(source: Source, shown: Callable[[str | None], str]) -> None:
    st.caption(
        t(
            "read.summary",
            rows=number(source.rows),
            encoding=source.encoding,
            delimiter=shown(source.delimiter),
            decimal=source.decimal or ".",
            order=t(f"order.{source.date_order}") if source.date_order else "–",
        )
    )


def _controls(source: Source, shown: Callable[[str | None], str], place: str) -> None:
    tr = bound()
    choice = partial(_choice, place=place)
    cols = st.columns(4)
    if source.delimiter is not None:  # a text file, not a workbook
        with cols[0]:
            choice(t("read.encoding"), ENCODINGS, source.encoding, source.name, "encoding", str)
        with cols[1]:
            choice(
                t("read.delimiter"), DELIMITERS, source.delimiter, source.name, "delimiter", shown
            )
    with cols[2]:
        choice(t("read.decimal"), DECIMALS, source.decimal or ".", source.name, "decimal", str)
    with cols[3]:
        choice(
            t("read.date_order"),
            ORDERS,
            source.date_order,
            source.name,
            "date_order",
            lambda v: tr(f"order.{v}") if v else "–",
        )


def mapping_editor(file: str, mapping: dict[str, str], place: str = "map") -> None:
    """One selectbox per column: which canonical field it holds, or none."""
    st.markdown(f"**{t('read.mapping')}**")
    st.caption(t("read.mapping_help"))
    choices = (IGNORE, *fields.CANONICAL)
    tr = bound()
    cols = st.columns(3)
    for pos, (header, current) in enumerate(mapping.items()):
        key = _key(place, file, pos)
        with cols[pos % 3]:
            st.selectbox(
                plain(header),
                choices,
                index=choices.index(current) if current in choices else 0,
                format_func=lambda v: tr("read.not_used") if not v else tr(f"field.{v}"),
                key=key,
                on_change=_on_mapping,
                args=(file, header, key),
            )


def source_line(source: Source) -> str:
    """``toggl.csv: Toggl Track detailed export, 217 rows, Aug 1, 2017 – Aug 31, 2017``."""
    kind = t(f"kind.{source.kind}")
    if source.first is not None and source.last is not None:
        return t(
            "data.source_period",
            file=plain(source.name),
            kind=kind,
            rows=number(source.rows),
            first=day(source.first),
            last=day(source.last),
        )  # type: ignore[arg-type]
    return t("data.source", file=plain(source.name), kind=kind, rows=number(source.rows))


def kind_choice(source: Source) -> None:
    """Correct what kind of file this is (client list, Toggl, Clockify, ...)."""
    tr = bound()
    _choice(
        t("data.kind"),
        (None, *vocabulary.FILE_KINDS),
        source.kind,
        source.name,
        "kind",
        lambda k: tr(f"kind.{k}"),
    )


def merge_proposals(problems: list[Problem]) -> None:
    """One button per group of near-duplicate names; merged groups can be undone."""
    proposals = (p for p in problems if p.code in ("near_duplicate", "similar_name"))
    for position, problem in enumerate(proposals):
        keys = problem.params.get("keys", [])
        st.button(
            t("data.merge", names=plain(problem.value)),
            key=f"merge::{position}",
            on_click=state.confirm_merge,
            args=(keys,),
        )
    if state.merges():
        st.caption(t("data.merged", n=len(state.merges())))
        st.button(t("data.unmerge"), on_click=_undo_merges)


def _use_period(start: str | None, end: str | None) -> None:
    state.set_setting("period", [start, end])
    state.reload()


def overlap_offers(problems: list[Problem]) -> None:
    """For files of different periods: one click filters to the period they share."""
    for position, problem in enumerate(p for p in problems if p.code == "periods_apart"):
        start, end = problem.params.get("start"), problem.params.get("end")
        if start and end:
            st.button(
                t(
                    "data.use_overlap",
                    start=day(date.fromisoformat(start)),
                    end=day(date.fromisoformat(end)),
                ),
                key=f"overlap::{position}",
                on_click=_use_period,
                args=(start, end),
            )


def _undo_merges() -> None:
    state.merges().clear()
    state.reload()


def _set_period(widget_key: str) -> None:
    chosen = st.session_state[widget_key]
    start = chosen[0].isoformat() if len(chosen) > 0 and chosen[0] else None
    end = chosen[1].isoformat() if len(chosen) > 1 and chosen[1] else None
    _use_period(start, end)


def period_filter() -> None:
    """From / to for every export (entries and invoices outside are left out)."""
    start, end = state.setting("period", [None, None])
    value = tuple(date.fromisoformat(d) for d in (start, end) if d)
    st.date_input(
        t("data.period"),
        value=value,
        key="w::period",
        on_change=_set_period,
        args=("w::period",),
        format="DD/MM/YYYY" if state.lang() == "vi" else "YYYY-MM-DD",
    )


def fix_failed_files() -> None:
    """Reading options and mapping for the upload that failed, to fix it in place."""
    for name, data in state.failed_files():
        current = state.options().get(name, IngestOptions())
        with st.expander(t("data.how_read", file=plain(name)), expanded=True):
            shown = Source(
                name,
                current.kind or "client_list",
                0,
                current.encoding or "–",
                current.delimiter or ",",
                current.decimal,
                current.date_order,
            )
            read_options(shown, failed=True)
            mapping = mapping_of(data, name, current)
            if mapping is not None:
                mapping_editor(name, mapping, place="fixmap")
