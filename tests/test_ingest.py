"""A client list to the per-client table: values, combining rows, and every problem at once."""

from __future__ import annotations

import pandas as pd
import pytest

from model import fields
from model.ingest import IngestOptions
from model.ingest.client_list import load_client_list
from model.problems import InputError
from tests.conftest import read_input, shared_file


@pytest.mark.parametrize(
    ("name", "code", "row", "column"),
    [
        ("empty.csv", "empty_file", None, None),
        ("header_only.csv", "no_rows", None, None),
        ("workbook_renamed.csv", "workbook_renamed", None, None),
        ("pdf_renamed.csv", "pdf_file", None, None),
        ("no_client.csv", "no_client_column", None, None),
        ("duplicate_headers.csv", "duplicate_header", 1, "revenue"),
        ("extra_field_first_row.csv", "too_many_fields", 2, None),
        ("unclosed_quote.csv", "unclosed_quote", 3, None),
        ("infinite.csv", "not_finite", 3, "Revenue"),
        ("nan.csv", "not_finite", 2, "Hours"),
        ("text_in_number.csv", "not_a_number", 2, "Revenue"),
        ("negative_hours.csv", "negative_hours", 4, "Hours"),
        ("nul_byte.csv", "nul_byte", 2, None),
        ("bad_label.csv", "not_a_label", 3, "Problem"),
        ("bad_date.csv", "not_a_date", 3, "First project"),
    ],
)
def test_refuses_bad_files_naming_row_and_column(
    name: str, code: str, row: int | None, column: str | None
) -> None:
    with pytest.raises(InputError) as info:
        load_client_list(read_input(name), name)
    first = info.value.problems[0]
    assert (first.code, first.row, first.column) == (code, row, column)
    assert first.file == name


def test_reports_every_problem_of_a_file_at_once() -> None:
    with pytest.raises(InputError) as info:
        load_client_list(read_input("many_problems.csv"), "m.csv")
    found = {(p.code, p.row, p.column, p.value) for p in info.value.problems}
    assert found == {
        ("not_a_number", 2, "Revenue", "lots"),
        ("not_finite", 4, "Revenue", "inf"),
        ("negative_hours", 3, "Hours", "-2"),
        ("not_hours", 4, "Hours", "x"),
    }


@pytest.mark.parametrize(
    ("name", "revenue", "hours", "currency"),
    [
        ("utf8.csv", [1200.5, 300.0, -200.0], [10.5, 2.5, 1.25], "USD"),
        ("cp1252.csv", [1234.5, 99.0], [7.5, 1.0], "EUR"),
        ("utf16_excel.txt", [1234567.0, 2000.0], [12.5, 3.0], "VND"),
        ("space_thousands.csv", [1234.5, 12.25], [3.0, 4.0], "EUR"),
        ("vietnamese_headers.csv", [1234567.0, 20000000.0], [12.5, 3.0], "VND"),
        ("workbook.xlsx", [1200.5, 300.0], [10.0, 2.5], None),
    ],
)
def test_money_and_hours_as_real_files_write_them(
    name: str, revenue: list[float], hours: list[float], currency: str | None
) -> None:
    data = load_client_list(read_input(name), name)
    assert data.clients[fields.REVENUE].tolist() == pytest.approx(revenue)
    assert data.clients[fields.HOURS].tolist() == pytest.approx(hours)
    assert data.currency == currency


def test_labels_become_true_false_or_unknown() -> None:
    data = load_client_list(read_input("utf8.csv"), "utf8.csv")
    assert data.clients[fields.PROBLEM].tolist()[:2] == [1.0, 0.0]
    assert pd.isna(data.clients[fields.PROBLEM].iloc[2])


def test_vietnamese_labels_and_headers() -> None:
    data = load_client_list(read_input("vietnamese_headers.csv"), "v.csv")
    assert data.mapping["Khách hàng có vấn đề"] == fields.PROBLEM
    assert data.clients[fields.PROBLEM].tolist() == [1.0, 0.0]


def test_rows_of_one_client_are_combined_and_said_so() -> None:
    data = load_client_list(read_input("order_lines.csv"), "o.csv")
    table = data.clients.set_index(fields.KEY)
    assert table.loc["alice ng", fields.REVENUE] == pytest.approx(15.0)
    assert table.loc["alice ng", fields.ROWS] == 2
    codes = {p.code: p for p in data.problems}
    assert codes["combined_rows"].params == {"rows": 3, "clients": 2}
    assert "spelling_merged" in codes


def test_near_duplicate_names_are_proposed_not_merged() -> None:
    data = load_client_list(b'Client,Revenue\nAcme Inc,1\n"ACME, Inc.",2\nBeta,3\n', "c.csv")
    assert len(data.clients) == 3
    near = [p for p in data.problems if p.code == "near_duplicate"]
    assert len(near) == 1 and "Acme Inc" in (near[0].value or "")


def test_asks_when_thousands_and_decimals_cannot_be_told_apart() -> None:
    data = load_client_list(read_input("ambiguous_thousands.csv"), "a.csv")
    assert data.clients[fields.REVENUE].tolist() == [1234.0, 2500.0]
    assert [p.code for p in data.problems] == ["ambiguous_decimal"]
    as_decimal = load_client_list(
        read_input("ambiguous_thousands.csv"), "a.csv", IngestOptions(decimal=",")
    )
    assert as_decimal.clients[fields.REVENUE].tolist() == [1.234, 2.5]


def test_asks_when_day_and_month_cannot_be_told_apart() -> None:
    data = load_client_list(read_input("ambiguous_dates.csv"), "d.csv")
    assert [p.code for p in data.problems] == ["ambiguous_dates"]
    dmy = load_client_list(
        read_input("ambiguous_dates.csv"), "d.csv", IngestOptions(date_order="dmy")
    )
    assert dmy.clients[fields.FIRST_PROJECT].iloc[0] == pd.Timestamp("2025-04-03")


def test_user_mapping_overrides_the_guess() -> None:
    data = load_client_list(
        b"Name,Churn,Total\nA,Yes,1\nB,No,2\n",
        "c.csv",
        IngestOptions(mapping={"Churn": "problem", "Total": "revenue"}),
    )
    assert data.clients[fields.PROBLEM].tolist() == [1.0, 0.0]
    assert data.clients[fields.REVENUE].tolist() == [1.0, 2.0]


def test_rows_without_a_client_and_a_totals_row_are_set_aside_with_a_word() -> None:
    data = load_client_list(b"Client,Revenue\nA,1\n,5\nB,2\nTotal,8\n", "c.csv")
    assert data.clients[fields.CLIENT].tolist() == ["A", "B"]
    assert {(p.code, p.row) for p in data.problems} == {("missing_client", 3), ("total_row", 5)}


def test_effective_rate_is_revenue_per_hour() -> None:
    data = load_client_list(b"Client,Revenue,Hours\nA,1000,20\nB,50,0\n", "c.csv")
    assert data.clients[fields.EFFECTIVE_RATE].iloc[0] == 50
    assert pd.isna(data.clients[fields.EFFECTIVE_RATE].iloc[1])


def test_superstore_order_lines_combine_per_customer() -> None:
    path = shared_file("superstore_orders.csv")
    data = load_client_list(path.read_bytes(), path.name)
    assert len(data.clients) == 793
    combined = next(p for p in data.problems if p.code == "combined_rows")
    assert combined.params == {"rows": 9994, "clients": 793}
    assert data.clients[fields.REVENUE].sum() == pytest.approx(2297200.86, rel=1e-6)


def test_telco_blank_total_charges_are_missing_not_errors() -> None:
    path = shared_file("telco_customer_churn.csv")
    data = load_client_list(path.read_bytes(), path.name)
    assert len(data.clients) == 7043
    assert data.clients["TotalCharges"].isna().sum() == 11


def _big_list(rows: int, bad_row: int | None = None) -> bytes:
    lines = ["Client;Doanh thu (VND);Giờ;Ngày bắt đầu;Vấn đề"]
    for i in range(rows):
        revenue = "nhiều" if i + 2 == bad_row else f"{(i % 97) * 1000 + 500:,}".replace(",", ".")
        lines.append(
            f"Khách {i};{revenue} ₫;{i % 40},5;{i % 28 + 1:02d}/03/2026;{('không', 'có')[i % 2]}"
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_a_big_list_is_read_column_by_column_with_the_same_results() -> None:
    data = load_client_list(_big_list(60_000), "lon.csv")  # big enough for threads
    clients = data.clients
    assert len(clients) == 60_000
    assert clients["revenue"].sum() == sum((i % 97) * 1000 + 500 for i in range(60_000))
    assert clients["hours"].iloc[3] == 3.5 and clients["problem"].iloc[:2].tolist() == [0.0, 1.0]
    assert clients["first_project"].iloc[27] == pd.Timestamp("2026-03-28")


def test_a_big_list_names_the_bad_cell_far_down() -> None:
    with pytest.raises(InputError) as caught:
        load_client_list(_big_list(60_000, bad_row=50_001), "lon.csv")
    [problem] = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (50_001, "Doanh thu (VND)", "nhiều ₫")


def test_a_big_list_still_proposes_near_duplicates_and_combines_repeats() -> None:
    rows = _big_list(60_000).decode().splitlines()
    rows[10] = rows[10].replace("Khách 9;", "Acme Inc;")  # (rows[0] is the header)
    rows[20] = rows[20].replace("Khách 19;", "ACME, Inc.;")
    data = load_client_list(("\n".join(rows) + "\n").encode(), "lon.csv")
    proposals = [p for p in data.problems if p.code == "near_duplicate"]
    assert [p.params["keys"] for p in proposals] == [["acme inc", "acme, inc."]]
    rows[30] = rows[30].replace("Khách 29;", "Khách 27;")  # the same client on two rows
    data = load_client_list(("\n".join(rows) + "\n").encode(), "lon.csv")
    assert len(data.clients) == 59_999
    assert data.clients.set_index("key").loc["khách 27", "rows"] == 2


def test_the_apps_own_per_client_export_reads_back_with_the_rate_recomputed() -> None:
    from model.export import client_csv
    from model.ingest import load_files
    from tests.conftest import SAMPLES

    first = load_files([("clients.csv", (SAMPLES / "clients.csv").read_bytes())], {})
    again = load_files([("export.csv", client_csv(first.clients))], {})
    assert list(again.clients.columns).count(fields.EFFECTIVE_RATE) == 1
    assert again.clients[fields.EFFECTIVE_RATE].tolist() == pytest.approx(
        first.clients[fields.EFFECTIVE_RATE].tolist(), nan_ok=True
    )
    assert again.clients[fields.CLIENT].tolist() == first.clients[fields.CLIENT].tolist()
    assert any(p.code == "recomputed_column" for p in again.problems)
