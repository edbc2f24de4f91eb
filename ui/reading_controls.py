"""Widgets to correct how a file was read: encoding, delimiter, decimal mark, dates, mapping."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import streamlit as st

from model import fields
from model.ingest import IngestOptions, Source
from model.mapping import IGNORE
from ui import state
from ui.text import bound, plain, t

ENCODINGS = (None, "utf-8", "utf-8-sig", "utf-16", "cp1252")
DELIMITERS = (None, ",", ";", "\t", "|")
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


def _choice(
    label: str, choices: tuple[Any, ...], found: Any, file: str, option: str, fmt: Any
) -> None:
    current = getattr(state.options().get(file, IngestOptions()), option)
    tr = bound()
    key = f"read::{state.signature()[:10]}::{file}::{option}"
    st.selectbox(
        label,
        choices,
        index=choices.index(current) if current in choices else 0,
        format_func=lambda v: tr("read.auto", found=fmt(found)) if v is None else fmt(v),
        key=key,
        on_change=_on_option,
        args=(file, option, key),
    )


def read_options(source: Source) -> None:
    """Detected reading choices for one file, each overridable."""
    tr = bound()
    shown = _shower(tr)
    st.caption(
        t(
            "read.summary",
            rows=source.rows,
            encoding=source.encoding,
            delimiter=shown(source.delimiter),
            decimal=source.decimal or ".",
            order=t(f"order.{source.date_order}") if source.date_order else "–",
        )
    )
    cols = st.columns(4)
    if source.delimiter is not None:  # a text file, not a workbook
        with cols[0]:
            _choice(t("read.encoding"), ENCODINGS, source.encoding, source.name, "encoding", str)
        with cols[1]:
            _choice(
                t("read.delimiter"), DELIMITERS, source.delimiter, source.name, "delimiter", shown
            )
    with cols[2]:
        _choice(t("read.decimal"), DECIMALS, source.decimal or ".", source.name, "decimal", str)
    with cols[3]:
        _choice(
            t("read.date_order"),
            ORDERS,
            source.date_order,
            source.name,
            "date_order",
            lambda v: tr(f"order.{v}") if v else "–",
        )


def mapping_editor(file: str, mapping: dict[str, str]) -> None:
    """One selectbox per column: which canonical field it holds, or none."""
    st.markdown(f"**{t('read.mapping')}**")
    st.caption(t("read.mapping_help"))
    choices = (IGNORE, *fields.CANONICAL)
    tr = bound()
    cols = st.columns(3)
    for pos, (header, current) in enumerate(mapping.items()):
        key = f"map::{state.signature()[:10]}::{file}::{pos}"
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
