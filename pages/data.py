"""Data: upload client files, see how they were understood, fix it, browse the clients."""

import streamlit as st

from model import fields
from model.export import client_csv
from model.problems import errors_in
from model.tables import client_table, field_label, problem_table
from ui import dated, frame, memo, reading_controls, state
from ui.text import number, plain, short_and_exact, t

frame.page("data.title")
st.write(t("data.intro"))

st.file_uploader(
    t("data.upload"),
    type=["csv", "txt", "tsv", "xlsx"],
    accept_multiple_files=True,
    help=t("data.upload_help"),
    key=state.UPLOADER,
    on_change=state.load_uploads,  # before the run, so the sidebar shows the new data at once
)

data = state.dataset()
failed = state.failed_problems()
if failed:
    st.error(t("data.failed", n=len(data.clients)), icon=":material/error:")
    st.dataframe(problem_table(failed, state.lang()), hide_index=True, width="stretch")
    reading_controls.fix_failed_files()
if state.is_sample():
    st.info(t("data.showing_sample"), icon=":material/science:")
else:
    st.button(t("data.use_sample"), on_click=state.use_sample)

clients = data.clients
labelled = clients[fields.PROBLEM].notna().sum() if data.has(fields.PROBLEM) else 0
problem_n = int((clients[fields.PROBLEM] == 1).sum()) if data.has(fields.PROBLEM) else 0
revenue = clients[fields.REVENUE].sum() if data.has(fields.REVENUE) else None
spent = clients[fields.HOURS].sum() if data.has(fields.HOURS) else None
cols = st.columns(4)
cols[0].metric(t("data.metric.clients"), number(len(clients)))
for col, label, (short, exact) in (
    (cols[1], t("data.metric.revenue"), short_and_exact(revenue)),
    (cols[2], t("data.metric.hours"), short_and_exact(spent, of_hours=True)),
):
    col.metric(label, short, help=exact)
cols[3].metric(t("data.metric.labelled"), f"{number(problem_n)} / {number(labelled - problem_n)}")

for source in data.sources:
    st.caption(reading_controls.source_line(source))
notes = [p for p in data.problems if p not in errors_in(data.problems)]
if notes or state.merges():
    with st.expander(t("data.notes", n=len(notes)), expanded=True):
        st.dataframe(problem_table(notes, state.lang()), hide_index=True, width="stretch")
        reading_controls.merge_proposals(notes)
        reading_controls.overlap_offers(notes)

for source in data.sources:
    with st.expander(t("data.how_read", file=plain(source.name))):
        reading_controls.kind_choice(source)
        reading_controls.read_options(source)
        if source.kind == "client_list":
            reading_controls.mapping_editor(source.name, data.mappings.get(source.name, {}))
if any(s.kind != "client_list" for s in data.sources):
    reading_controls.period_filter()

# (A row's date is kept per month, never as a per-client column: not "missing".)
missing = [f for f in fields.CANONICAL if f not in (fields.CLIENT, fields.DATE) and not data.has(f)]
st.subheader(t("data.table"))
if missing:
    st.caption(
        t("data.missing_fields", fields=", ".join(field_label(f, state.lang()) for f in missing))
    )
# 10,000 clients × a dozen columns in words: written once per data and language.
table, trend_columns = memo.kept(
    "client_table",
    (),
    lambda: dated.with_trends(client_table(clients, state.lang(), data.currency), data.keys),
)
st.dataframe(table, hide_index=True, width="stretch", column_config=trend_columns)
st.download_button(
    t("data.download"),
    data=lambda: client_csv(clients),
    file_name="clients.csv",
    mime="text/csv",
    on_click="ignore",
)
dated.payments_table()
