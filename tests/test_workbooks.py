"""Workbooks as people make them: titles above the table, a table that starts at C4, a hidden
sheet with stale data, error cells, and formulas saved without their values."""

from __future__ import annotations

import io

import openpyxl
import pytest

from model import fields
from model.ingest import load_files
from model.problems import InputError


def workbook(build) -> bytes:  # type: ignore[no-untyped-def]
    book = openpyxl.Workbook()
    build(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def clients_at(sheet, row: int, column: int, rows: list[tuple[str, object]]) -> None:  # type: ignore[no-untyped-def]
    sheet.cell(row, column, "Client")
    sheet.cell(row, column + 1, "Revenue")
    for offset, (name, revenue) in enumerate(rows, start=1):
        sheet.cell(row + offset, column, name)
        sheet.cell(row + offset, column + 1, revenue)


ROWS = [("Acme", 100), ("Beta", 250), ("Gamma", 75)]


def test_a_title_and_blank_rows_above_a_table_at_c4_are_skipped() -> None:
    def build(book):  # type: ignore[no-untyped-def]
        sheet = book.active
        sheet["A1"] = "Client report 2026"
        sheet.merge_cells("A1:D1")
        clients_at(sheet, 4, 3, ROWS)

    data = load_files([("c.xlsx", workbook(build))], {})
    assert data.clients[fields.CLIENT].tolist() == ["Acme", "Beta", "Gamma"]
    assert data.clients[fields.REVENUE].tolist() == [100, 250, 75]
    assert any(p.code == "title_lines" for p in data.problems)


def test_a_hidden_first_sheet_of_stale_data_loses_to_the_visible_one() -> None:
    def build(book):  # type: ignore[no-untyped-def]
        stale = book.active
        stale.title = "old"
        clients_at(stale, 1, 1, [("Old Client", 1), ("Older", 2)])
        stale.sheet_state = "hidden"
        clients_at(book.create_sheet("current"), 1, 1, ROWS)

    data = load_files([("c.xlsx", workbook(build))], {})
    assert data.clients[fields.CLIENT].tolist() == ["Acme", "Beta", "Gamma"]


def test_error_cells_are_named_and_read_as_empty() -> None:
    def build(book):  # type: ignore[no-untyped-def]
        sheet = book.active
        sheet["A1"] = "Monthly clients"
        clients_at(sheet, 3, 1, [("Acme", 100), ("Beta", "#DIV/0!"), ("Gamma", "#N/A")])

    data = load_files([("c.xlsx", workbook(build))], {})
    errors = [p for p in data.problems if p.code == "error_cell"]
    assert [(p.row, p.value, p.params["cell"]) for p in errors] == [
        (5, "#DIV/0!", "B5"),
        (6, "#N/A", "B6"),
    ]
    assert data.clients[fields.REVENUE].isna().tolist() == [False, True, True]


def test_formula_cells_without_values_are_refused_naming_the_cells() -> None:
    def build(book):  # type: ignore[no-untyped-def]
        sheet = book.active
        clients_at(sheet, 1, 1, [("Acme", 100), ("Beta", "=B2*2"), ("Gamma", "=B2+B3")])

    with pytest.raises(InputError) as err:
        load_files([("c.xlsx", workbook(build))], {})
    assert [(p.code, p.params["cells"]) for p in err.value.problems] == [
        ("formula_without_value", "B3, B4")
    ]
