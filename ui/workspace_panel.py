"""The sidebar's workspace: save and restore your work, and remember it on this computer."""

from __future__ import annotations

import contextlib
import hashlib
import os
from urllib.parse import urlparse

import streamlit as st

from model import local_store, workspace
from model.workspace import Workspace, WorkspaceError
from ui import state
from ui.text import plain, t

RESULT = "workspace_result"
LAST_SAVED = "local_last_saved"
RESTORED_FOR = "local_restored_for"
UPLOAD = "workspace_upload"


def is_local() -> bool:
    """Served to this computer only (the switch is never offered on a public host)."""
    if os.environ.get("CLIENT_TRIAGE_LOCALHOST") == "1":  # tests, or a private machine
        return True
    host = urlparse(st.context.url or "").hostname
    return host in {"localhost", "127.0.0.1", "::1"}


def snapshot() -> Workspace:
    return Workspace(
        language=state.lang(),
        labels=dict(state.labels()),
        plans=state.plans(),
        options={n: workspace.options_to_json(o) for n, o in state.options().items()},
        merges=state.merges(),
        settings=state.settings(),
        model=state.trained_model(),
        selected=state.selected(),
        files=[] if state.is_sample() else state.files(),
    )


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
    st.session_state[RESULT] = ("ok", len(ws.labels), len(ws.plans), missing)


def _restore_upload() -> None:
    upload = st.session_state.get(UPLOAD)
    if upload is None:
        return
    try:
        restore(workspace.from_json(upload.getvalue()))
    except WorkspaceError as exc:  # nothing is changed
        st.session_state[RESULT] = ("error", exc.code, exc.detail, [])


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name, data in state.files():
        digest.update(name.encode() + hashlib.sha256(data).digest())
    return digest.hexdigest()


def autosave() -> None:
    """Called at the start of every run: restore once per data, then save what changed."""
    if not is_local() or not local_store.enabled():
        return
    fingerprint = _fingerprint()
    if st.session_state.get(RESTORED_FOR) != fingerprint:
        st.session_state[RESTORED_FOR] = fingerprint
        saved = local_store.load(fingerprint)
        if saved:
            with contextlib.suppress(WorkspaceError):  # an unreadable old save is not restored
                restore(workspace.from_json(saved.encode()))
    body = workspace.to_json(snapshot())
    digest = hashlib.sha256(body.encode()).hexdigest()
    if st.session_state.get(LAST_SAVED) != (fingerprint, digest):
        local_store.save(fingerprint, body)
        st.session_state[LAST_SAVED] = (fingerprint, digest)


def _toggle_local() -> None:
    if st.session_state["w::remember"]:
        local_store.enable()
        st.session_state.pop(LAST_SAVED, None)
    else:
        local_store.forget()


def _forget() -> None:
    local_store.forget()
    st.session_state["w::remember"] = False


def panel() -> None:
    with st.expander(t("ws.title")):
        include = st.checkbox(t("ws.include_data"), key="ws_include_data")
        st.download_button(
            t("ws.save"),
            data=lambda: workspace.to_json(snapshot(), include_data=include),
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
        elif result:
            st.error(t(f"ws.error.{result[1]}", detail=plain(result[2])))
        if is_local():
            st.session_state["w::remember"] = local_store.enabled()
            st.toggle(
                t("ws.remember"),
                key="w::remember",
                on_change=_toggle_local,
                help=t("ws.remember_help", folder=str(local_store.data_dir())),
            )
            st.button(t("ws.forget"), on_click=_forget)
        else:
            st.caption(t("ws.public"))
