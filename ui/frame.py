"""The frame around every page: page list, shared sidebar, and a page's own bootstrap."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from zoneinfo import available_timezones

import pyarrow as pa
import streamlit as st

from model import i18n
from model.ingest import money
from ui import folds, labelling, state, workspace_panel
from ui.text import bound, plain, t

# (file, title key, icon); app.py registers exactly these, tests check pages/ matches.
PAGES: tuple[tuple[str, str, str], ...] = (
    ("pages/data.py", "nav.data", ":material/table:"),
    ("pages/pareto.py", "nav.pareto", ":material/bar_chart:"),
    ("pages/problem_clients.py", "nav.problems", ":material/report:"),
    ("pages/decide.py", "nav.decide", ":material/balance:"),
    ("pages/exit_plan.py", "nav.exit", ":material/door_open:"),
)
# Each plotly chart in its own compositing layer, its layout and paint kept inside it: Chromium
# then lays out a chart's SVG (a thousand bubbles in the effort chart) again only when that
# chart changes, not in every frame of every rerun of the page (measured in a trace: 15 ms
# of layerizing per Pareto radio rerun with 1,000 clients, 4 ms with this). A constant: this
# is the only HTML we send (never with user data; tests/test_project.py holds it to that).
CHART_STYLE = (
    "<style>[data-testid='stPlotlyChart'] { will-change: transform; contain: layout paint; }"
    "</style>"
)


def configure() -> None:
    st.set_page_config(page_title="Client Triage", page_icon="⚖️", layout="wide")
    # pyarrow's buffers from the system allocator: with its default (mimalloc) a process's first
    # big file took up to twice as long (0.5 s against 0.25 s). Process-wide, so made at start.
    pa.set_memory_pool(pa.system_memory_pool())
    st.html(CHART_STYLE)  # (style only: Streamlit draws it nowhere)


def navigation() -> st.navigation:  # type: ignore[valid-type]
    pages = [
        st.Page(path, title=t(title), icon=icon, default=(i == 0))
        for i, (path, title, icon) in enumerate(PAGES)
    ]
    # Our own links draw the menu (see sidebar): the same in every multipage mode, even when
    # a fresh server's first requests arrive together or start on a page URL.
    return st.navigation(pages, position="hidden")


def _commit_language() -> None:
    state.set_lang(st.session_state["_w_lang"])


def sidebar() -> None:
    """Navigation, language, data status and workspace: the same on every page."""
    _page_links()
    with st.sidebar:
        st.session_state["_w_lang"] = state.lang()
        st.selectbox(
            t("sidebar.language"),
            i18n.LANGUAGES,
            format_func=lambda code: i18n.LANGUAGE_NAMES[code],
            key="_w_lang",
            on_change=_commit_language,
        )
        export_settings()
        # Label edits land before the workspace is saved or offered for download.
        labelling.apply_pending_edits()
        workspace_panel.autosave()
        workspace_panel.panel()
        data = state.dataset()
        if state.is_sample():
            st.info(t("sidebar.sample", n=len(data.clients)), icon=":material/science:")
        else:
            names = ", ".join(plain(s.name) for s in data.sources)
            st.success(t("sidebar.loaded", files=names, n=len(data.clients)))


def export_settings() -> None:
    """Working hours, days and period for time-tracker and invoice exports."""
    from ui import widgets

    tr = bound()
    folded = folds.fold(t("sidebar.exports"), "exports_open")
    if folded is None:
        return
    with folded:
        widgets.bound(
            st.slider,
            t("sidebar.working_hours"),
            "working_hours",
            (8, 19),
            min_value=0,
            max_value=24,
            step=1,
            format="%d:00",
            then=state.reload,
        )
        widgets.bound(
            st.multiselect,
            t("sidebar.working_days"),
            "working_days",
            [0, 1, 2, 3, 4],
            options=list(range(7)),
            format_func=lambda d: tr(f"weekday.{d}"),
            then=state.reload,
        )
        widgets.bound(
            st.selectbox,
            t("sidebar.timezone"),
            "timezone",
            state.browser_zone() or "",
            options=zones(),
            format_func=lambda zone: zone or tr("sidebar.timezone_as_written"),
            help=t("sidebar.timezone_help"),
            then=state.reload,
        )
        widgets.bound(
            st.toggle, t("sidebar.group_by_project"), "group_by_project", False, then=state.reload
        )
        widgets.bound(
            st.text_input,
            t("sidebar.rates"),
            "rates",
            "",
            placeholder="VND=0.000039, EUR=1.08",
            help=t("sidebar.rates_help"),
            then=state.reload,
        )
        try:
            money.parse_rates(state.rate_pairs())
        except ValueError as exc:
            st.error(t("sidebar.rates_bad", value=plain(str(exc))))
        st.caption(t("sidebar.exports_help"))


@functools.cache
def zones() -> tuple[str, ...]:
    """Every time zone this machine knows, after "" (every start as written)."""
    return ("", *sorted(available_timezones()))


def _page_links() -> None:
    with st.sidebar:
        for path, title, icon in PAGES:
            st.page_link(path, label=t(title), icon=icon)
        st.divider()


@contextmanager
def inside_app() -> Iterator[None]:
    """Marks that app.py drew the frame, so a page does not draw it twice."""
    st.session_state[state.FRAME_DRAWN] = True
    try:
        yield
    finally:
        st.session_state[state.FRAME_DRAWN] = False


def page(title_key: str) -> None:
    """Call first in every page: draws the frame when the page runs without app.py.

    A fresh server whose first request is a page URL runs ``pages/x.py`` directly.
    """
    if not st.session_state.get(state.FRAME_DRAWN):
        configure()
        sidebar()
    st.title(t(title_key))
