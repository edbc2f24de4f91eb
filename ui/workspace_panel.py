"""The sidebar's workspace: save and restore your work, and remember it on this computer."""

from __future__ import annotations

import contextlib
import copy
import functools
import hashlib
import os
from typing import Any

import streamlit as st

from model import local_store, workspace
from model.workspace import Workspace, WorkspaceError
from ui import folds, state
from ui.text import plain, t

RESULT = "workspace_result"
LAST_SAVED = "local_last_saved"
RESTORED_FOR = "local_restored_for"
UPLOAD = "workspace_upload"
FOLD = "ws_open"  # the panel's expander: open or not
INCLUDE = "ws_include"  # the "with the data" tick, kept while the panel is folded
STORE_ERROR = "local_store_error"  # the saved-work file's problem, shown until it is dealt with
LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def is_local() -> bool:
    """Served to this computer only, as the server itself knows it: bound to a loopback
    address (run.py does so) or told by ``CLIENT_TRIAGE_LOCALHOST=1``. Never from the URL the
    browser reports, which a visitor can rewrite in its own messages."""
    if os.environ.get("CLIENT_TRIAGE_LOCALHOST") == "1":
        return True
    return str(st.get_option("server.address") or "") in LOOPBACK


def _live() -> dict[str, Any]:
    """The session's work as references to the very objects later runs change in place
    (labels, plans, settings …): read through them, a fragment's change is seen too."""
    return {
        "language": state.lang(),
        "labels": state.labels(),
        "plans": state.plans(),
        "options": state.options(),
        "merges": state.merges(),
        "settings": state.settings(),
        "model": state.trained_model(),
        "selected": state.selected(),
        "files": [] if state.is_sample() else state.files(),
    }


def _frozen(live: dict[str, Any]) -> Workspace:
    return Workspace(
        language=live["language"],
        labels=dict(live["labels"]),
        plans=copy.deepcopy(live["plans"]),
        options={n: workspace.options_to_json(o) for n, o in live["options"].items()},
        merges=copy.deepcopy(live["merges"]),
        settings=copy.deepcopy(live["settings"]),
        model=live["model"],
        selected=live["selected"],
        files=live["files"],
    )


def snapshot() -> Workspace:
    """The session's work now, as plain data that no later rerun changes."""
    return _frozen(_live())


def _saved_file(live: dict[str, Any], include_data: bool) -> str:
    """The workspace file as it is when the user clicks (see ``panel``)."""
    return workspace.to_json(_frozen(live), include_data=include_data)


def restore(ws: Workspace) -> None:
    """Bring a workspace back onto the current (or its own) data, matched by client key."""
    state.set_lang(ws.language)
    state.labels().update(ws.labels)
    for key, plan in ws.plans.items():
        state.plans()[key] = plan
    for name, opts in ws.options.items():
        state.options()[name] = workspace.options_from_json(opts)
    state.merges()[:] = ws.merges
    state.settings().update(ws.settings)
    state.set_trained_model(ws.model)
    if ws.files:
        state.try_load(ws.files)
    else:
        state.reload()
    state.select(ws.selected)
    missing = workspace.missing_clients(ws, set(state.dataset().keys))
    st.session_state[RESULT] = ("ok", len(ws.labels), len(ws.plans), missing, ws.skipped)


def _restore_upload() -> None:
    upload = st.session_state.get(UPLOAD)
    if upload is None:
        return
    try:
        restore(workspace.from_json(upload.getvalue()))
    except WorkspaceError as exc:  # nothing is changed
        st.session_state[RESULT] = ("error", exc.code, exc.detail, [], [])


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name, data in state.files():
        digest.update(name.encode() + hashlib.sha256(data).digest())
    return digest.hexdigest()


def _store_failed(exc: local_store.StoreError) -> None:
    st.session_state[STORE_ERROR] = str(exc.path)


def autosave() -> None:
    """Called at the start of every run: restore once per data, then save what changed.

    An unreadable or locked store never stops a page: the panel says so and offers to set the
    file aside."""
    if not is_local():
        return
    try:
        if not local_store.enabled():
            return
        fingerprint = _fingerprint()
        if st.session_state.get(RESTORED_FOR) != fingerprint:
            st.session_state[RESTORED_FOR] = fingerprint
            saved = local_store.load(fingerprint)
            if saved:
                with contextlib.suppress(WorkspaceError):  # an unreadable old save is skipped
                    restore(workspace.from_json(saved.encode()))
        body = workspace.to_json(snapshot())
        digest = hashlib.sha256(body.encode()).hexdigest()
        if st.session_state.get(LAST_SAVED) != (fingerprint, digest):
            local_store.save(fingerprint, body)
            st.session_state[LAST_SAVED] = (fingerprint, digest)
        st.session_state.pop(STORE_ERROR, None)
    except local_store.StoreError as exc:
        _store_failed(exc)


def _toggle_local() -> None:
    try:
        if st.session_state["w::remember"]:
            local_store.enable()
            st.session_state.pop(LAST_SAVED, None)
        else:
            local_store.forget()
    except local_store.StoreError as exc:
        _store_failed(exc)


def _forget() -> None:
    try:
        local_store.forget()
        st.session_state.pop(STORE_ERROR, None)
    except local_store.StoreError as exc:
        _store_failed(exc)
    st.session_state["w::remember"] = False


def _set_aside() -> None:
    try:
        moved = local_store.set_aside()
    except local_store.StoreError as exc:
        _store_failed(exc)
        return
    st.session_state.pop(STORE_ERROR, None)
    st.session_state[RESULT] = ("set_aside", str(moved or ""), "", [], [])


def _remember_switch() -> None:
    try:
        st.session_state["w::remember"] = local_store.enabled()
    except local_store.StoreError as exc:
        _store_failed(exc)
        st.session_state["w::remember"] = False
    broken = st.session_state.get(STORE_ERROR)
    st.toggle(
        t("ws.remember"),
        key="w::remember",
        on_change=_toggle_local,
        disabled=bool(broken),
        help=t("ws.remember_help", folder=str(local_store.data_dir())),
    )
    st.button(t("ws.forget"), on_click=_forget)


def _keep_include() -> None:
    st.session_state[INCLUDE] = st.session_state["ws_include_data"]


def panel() -> None:
    broken = st.session_state.get(STORE_ERROR) if is_local() else None
    if broken:  # in view on every page, not folded away: the user's saved work is at stake
        st.warning(t("ws.store_unreadable", path=plain(broken)))
        st.button(t("ws.set_aside"), on_click=_set_aside)
    # (Drawn only while open: folded, its widgets took a tenth of a Pareto slider's rerun.)
    folded = folds.fold(t("ws.title"), FOLD)
    if folded is None:
        return
    with folded:
        include = st.checkbox(
            t("ws.include_data"),
            value=st.session_state.get(INCLUDE, False),
            key="ws_include_data",
            on_change=_keep_include,
        )
        # Streamlit calls ``data`` on the click, in a thread without this session, where
        # session state reads empty (streamlit #13409): the file is made from references taken
        # now, so a change a fragment made after this sidebar was drawn is in it.
        st.download_button(
            t("ws.save"),
            data=functools.partial(_saved_file, _live(), include),
            file_name="client-triage-workspace.json",
            mime="application/json",
            on_click="ignore",
        )
        st.file_uploader(t("ws.restore"), type=["json"], key=UPLOAD, on_change=_restore_upload)
        result = st.session_state.get(RESULT)
        if result and result[0] == "ok":
            st.success(t("ws.restored", labels=result[1], plans=result[2]))
            if result[3]:
                st.warning(t("ws.missing", clients=plain(", ".join(result[3][:10]))))
            if result[4]:
                st.warning(t("ws.skipped", parts=plain(", ".join(result[4][:10]))))
        elif result and result[0] == "set_aside":
            st.success(t("ws.set_aside_done", path=plain(result[1])))
        elif result:
            st.error(t(f"ws.error.{result[1]}", detail=plain(result[2])))
        if is_local():
            _remember_switch()
        else:
            st.caption(t("ws.public"))
