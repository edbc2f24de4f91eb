"""Reading bytes as they really come: encodings, delimiters, workbooks, broken structure."""

from __future__ import annotations

import io
import unicodedata

import pytest

from model.ingest.client_list import load_client_list
from model.ingest.reading import ReadOptions, decode, read_table, sniff_delimiter
from model.problems import InputError
from tests.conftest import read_input


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter", "first_client"),
    [
        ("utf8.csv", "utf-8", ",", "Acme"),
        ("utf8_bom.csv", "utf-8-sig", ",", "Acme"),
        ("cp1252.csv", "cp1252", ";", "Café Müller"),
        ("utf16_excel.txt", "utf-16", "\t", "Công ty Ánh Dương"),
        ("vietnamese_headers.csv", "utf-8", ";", "An Phát"),
        ("workbook.xlsx", "xlsx", None, "Acme"),
    ],
)
def test_reads_each_encoding_and_delimiter_real_files_use(
    name: str, encoding: str, delimiter: str | None, first_client: str
) -> None:
    table = read_table(read_input(name), name)
    assert table.encoding == encoding
    assert table.delimiter == delimiter
    assert table.frame.iloc[0, 0] == first_client


def test_header_keeps_no_byte_order_mark() -> None:
    table = read_table(read_input("utf8_bom.csv"), "utf8_bom.csv")
    assert table.headers[0] == "Client"


def test_client_named_na_none_or_null_stays_text() -> None:
    table = read_table(read_input("utf8.csv"), "utf8.csv")
    assert table.frame["Client"].tolist() == ["Acme", "NA", "null"]


def test_utf16_without_bom_is_recognised() -> None:
    data = "Client\tHours\nÁnh\t2\n".encode("utf-16-le")
    assert read_table(data, "x.txt").frame.iloc[0, 0] == "Ánh"


def test_never_replaces_undecodable_bytes_silently() -> None:
    # 0x81 is undefined in cp1252 and invalid UTF-8.
    with pytest.raises(InputError) as info:
        decode(b"Client\nA\x81\n")
    assert info.value.problems[0].code == "undecodable"


def test_encoding_override_is_respected() -> None:
    data = "Client\nCafé\n".encode("cp1252")
    table = read_table(data, "c.csv", ReadOptions(encoding="latin-1"))
    assert table.frame.iloc[0, 0] == "Café"


@pytest.mark.parametrize(
    ("sample", "expected"),
    [("a,b\n1,2\n", ","), ("a;b\n1,5;2\n", ";"), ("a\tb\n1\t2\n", "\t"), ("a|b\n1|2\n", "|")],
)
def test_sniffs_the_delimiter(sample: str, expected: str) -> None:
    assert sniff_delimiter(sample) == expected


def test_quoted_delimiters_do_not_fool_the_sniffer() -> None:
    assert sniff_delimiter('"Acme, Inc.";"1,5"\n"Beta, Ltd";"2,5"\n') == ";"


def test_size_limit_refuses_large_files() -> None:
    with pytest.raises(InputError) as info:
        read_table(b"Client\n" + b"A\n" * 100, "big.csv", max_bytes=50)
    assert info.value.problems[0].code == "too_large"


def test_empty_trailing_columns_from_excel_are_dropped() -> None:
    table = read_table(b"Client,Revenue,,\nAcme,1,,\n", "c.csv")
    assert table.headers == ["Client", "Revenue"]


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])  # the fast reader and the careful one
def test_title_lines_above_the_header_are_skipped_and_rows_still_count_them(
    encoding: str,
) -> None:
    text = (
        "Café Report\nJanuary 1 - March 31, 2026\n\n"
        "Client;Revenue;Hours\nAcme;1.200,50;10\nBeta;x;5\n"
    )
    with pytest.raises(InputError) as caught:
        load_client_list(text.encode(encoding), "report.csv")
    [problem] = [p for p in caught.value.problems if p.severity == "error"]
    assert (problem.row, problem.column, problem.value) == (6, "Revenue", "x")
    fixed = text.replace(";x;", ";300;").encode(encoding)
    data = load_client_list(fixed, "report.csv")
    assert data.clients["client"].tolist() == ["Acme", "Beta"]
    assert data.clients["revenue"].tolist() == [1200.5, 300.0]
    assert [p.params["header"] for p in data.problems if p.code == "title_lines"] == [4]


def test_a_header_with_blank_names_is_not_taken_for_a_title() -> None:
    data = load_client_list(b"Client,,,\nAcme,1,2,3\nBeta,4,5,6\n", "blanks.csv")
    assert data.clients["client"].tolist() == ["Acme", "Beta"]
    assert not [p for p in data.problems if p.code == "title_lines"]


def test_a_workbook_that_opens_on_a_cover_sheet_is_read_from_its_table() -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Cover"
    book.active["A1"] = "Client report 2026"
    clients = book.create_sheet("Clients")
    for row in (["Client", "Revenue"], ["Acme", 1200.5], ["Beta", 300]):
        clients.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    data = load_client_list(buffer.getvalue(), "book.xlsx")
    assert data.clients[["client", "revenue"]].values.tolist() == [["Acme", 1200.5], ["Beta", 300]]


def test_a_very_wide_file_is_read_up_to_the_column_cap_with_a_warning() -> None:
    from model.ingest.reading import MAX_COLUMNS

    width = MAX_COLUMNS + 500
    header = ",".join(["Client", *(f"c{i}" for i in range(width - 1))])
    body = "\n".join(",".join([f"Acme {r}", *["1"] * (width - 1)]) for r in range(3))
    raw = read_table((header + "\n" + body + "\n").encode(), "wide.csv")
    assert len(raw.headers) == MAX_COLUMNS and raw.frame.shape == (3, MAX_COLUMNS)
    cut = [p for p in raw.problems if p.code == "too_many_columns"]
    assert cut and cut[0].params == {"n": width, "max": MAX_COLUMNS}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_accents_written_as_separate_marks_read_as_the_same_words(encoding: str) -> None:
    """macOS and some web exports write "không" as "o" plus two marks: the labels, names and
    headers read exactly as the same file typed on Windows."""
    body = "Tên khách hàng,Doanh thu,Khách khó tính\nÁnh Dương,100,có\nBình Minh,200,không\n"
    decomposed = unicodedata.normalize("NFD", body)
    assert decomposed != body
    as_typed = load_client_list(body.encode(encoding), "a.csv")
    as_macos = load_client_list(decomposed.encode(encoding), "a.csv")
    assert as_macos.clients["problem"].tolist() == [1.0, 0.0]
    assert as_macos.clients["client"].tolist() == ["Ánh Dương", "Bình Minh"]
    assert as_macos.clients.equals(as_typed.clients)
    assert not as_macos.problems
