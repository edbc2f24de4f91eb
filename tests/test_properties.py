"""Any bytes give a client table or the project's own input error, never another exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import fields
from model.ingest.client_list import load_client_list
from model.problems import InputError

cells = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
rows = st.lists(st.lists(cells, min_size=1, max_size=5), min_size=0, max_size=8)
delims = st.sampled_from([",", ";", "\t", "|"])


def _outcome(data: bytes, name: str = "f.csv") -> None:
    try:
        result = load_client_list(data, name)
    except InputError as exc:
        assert any(p.severity == "error" for p in exc.problems)
        return
    assert fields.CLIENT in result.clients.columns
    assert result.clients[fields.KEY].is_unique


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes(data: bytes) -> None:
    _outcome(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows, delims, st.sampled_from(["Client", "Revenue", "Hours", "Khách hàng", "x"]))
def test_any_table_shaped_text(body: list[list[str]], delim: str, first: str) -> None:
    text = "\n".join(delim.join(r) for r in [[first, "Revenue", "Hours"], *body])
    _outcome(text.encode("utf-8"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_named_xlsx(data: bytes) -> None:
    _outcome(b"PK\x03\x04" + data, "f.xlsx")


sheet_text = st.text(  # what a cell can hold (no control characters)
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=12
)
sheet_cells = st.one_of(
    sheet_text.filter(lambda c: not c.startswith("=")),
    st.integers(-(10**9), 10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(["#DIV/0!", "#N/A", "#VALUE!", "=A1*2", None]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(sheet_cells, min_size=1, max_size=4), max_size=6),
    st.integers(0, 3),
    st.integers(0, 2),
    st.booleans(),
    st.booleans(),
)
def test_any_workbook_as_people_make_them(
    body: list[list[object]], top: int, left: int, title: bool, hidden_first: bool
) -> None:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    if hidden_first:
        sheet.append(["Client", "Revenue"])
        sheet.append(["Stale", 1])
        sheet.sheet_state = "hidden"
        sheet = book.create_sheet("data")
    if title:
        sheet.cell(1, 1, "Report title")
    for r, row in enumerate([["Client", "Revenue", "Hours"], *body]):
        for c, value in enumerate(row):
            sheet.cell(top + r + 2, left + c + 1, value)
    out = io.BytesIO()
    book.save(out)
    _outcome(out.getvalue(), "f.xlsx")
