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
