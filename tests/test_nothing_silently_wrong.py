"""Odd or hostile input ends read right or refused with file, row, column and value; never a
number the user would trust wrongly, a traceback, or a warning on stderr."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from model import fields, i18n
from model.ingest import ImportOptions, load_files
from model.problems import InputError
from tests.conftest import run_cli


@pytest.mark.parametrize(
    "spelling",
    ["Ac\u200dme", "Acme\u00a0", "\u200fAcme", "Ac\u00adme", "\ufeffAcme", "Acme\u202f"],
)
def test_invisible_characters_never_make_a_second_client(spelling: str) -> None:
    body = f"Client,Revenue\nAcme,100\n{spelling},50\n"
    clients = load_files([("c.csv", body.encode())], {}).clients
    assert clients[fields.CLIENT].tolist() == ["Acme"]
    assert clients[fields.REVENUE].tolist() == [150]
    assert fields.client_key(spelling) == "acme"


def run_cli_strict(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI with every warning an error: stderr must stay clean."""
    return run_cli(*args, warnings_as_errors=True)


def test_a_decomposed_accent_is_the_same_client_as_the_composed_one() -> None:
    body = "Client,Revenue\nCafé Sài Gòn,100\nCafe\u0301 Sài Gòn,50\n"
    clients = load_files([("c.csv", body.encode())], {}).clients
    assert clients[fields.CLIENT].tolist() == ["Café Sài Gòn"]


def test_numbers_whose_sum_overflows_are_refused_with_a_clean_stderr(tmp_path: Path) -> None:
    source = tmp_path / "huge.csv"
    source.write_text("Client,Revenue\nA,1e308\nB,1e308\nC,5\n", encoding="utf-8")
    result = run_cli_strict("report", str(source))
    assert result.returncode == 2 and not result.stdout
    assert result.stderr.startswith("huge.csv, row 2, column “Revenue”, value “1e308”")
    assert "Warning" not in result.stderr and "Traceback" not in result.stderr
    with pytest.raises(InputError) as err:
        load_files([("huge.csv", source.read_bytes())], {})
    assert [p.code for p in err.value.problems] == ["sum_not_finite"]


def test_map_naming_a_header_no_file_has_exits_2_listing_the_headers(tmp_path: Path) -> None:
    source = tmp_path / "c.csv"
    source.write_text("Client,Turnover\nA,1\n", encoding="utf-8")
    result = run_cli_strict("report", str(source), "--map", "Turnovr=revenue")
    assert result.returncode == 2 and not result.stdout
    assert "“Turnovr”" in result.stderr and "Client, Turnover" in result.stderr
    ok = run_cli_strict("report", str(source), "--map", "Turnover=revenue")
    assert ok.returncode == 0, ok.stderr


TOGGL = (
    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
    "End time,Duration,Tags,Amount (USD)\n"
)


def toggl(days: list[str]) -> bytes:
    rows = [
        f"Anna,a@x.com,Acme,Site,,Work,Yes,{d},09:00:00,{d},10:00:00,01:00:00,,100" for d in days
    ]
    return (TOGGL + "\n".join(rows) + "\n").encode()


def invoices(days: list[str]) -> bytes:
    rows = [f"Acme,{n},{d},{d},{d},100" for n, d in enumerate(days)]
    return ("Client,Invoice #,Issue date,Due date,Paid date,Amount\n" + "\n".join(rows)).encode()


def test_files_of_different_years_are_said_to_be_apart_with_no_overlap() -> None:
    data = load_files(
        [
            ("toggl.csv", toggl(["2023-10-02", "2023-10-30"])),
            ("inv.csv", invoices(["2025-11-03", "2026-09-01"])),
        ],
        {},
    )
    apart = [p for p in data.problems if p.code == "periods_apart"]
    assert len(apart) == 1
    params = apart[0].params
    spans = {(params["a"], params["a_first"]), (params["b"], params["b_last"])}
    assert spans == {("inv.csv", "2025-11-03"), ("toggl.csv", "2023-10-30")}
    assert params["start"] == ""  # nothing shared to filter to
    text = i18n.problem_text("en", apart[0])
    assert "inv.csv covers 2025-11-03 – 2026-09-01 but toggl.csv covers 2023-10-02" in text


def test_files_that_share_little_offer_their_overlap_and_filtering_to_it_quiets_it() -> None:
    files = [
        ("toggl.csv", toggl(["2026-01-05", "2026-06-29"])),
        ("inv.csv", invoices(["2026-06-01", "2026-12-01"])),
    ]
    apart = [p for p in load_files(files, {}).problems if p.code == "periods_apart"]
    assert [(p.params["start"], p.params["end"]) for p in apart] == [("2026-06-01", "2026-06-29")]
    filtered = ImportOptions(period_start=date(2026, 6, 1), period_end=date(2026, 6, 29))
    assert not [p for p in load_files(files, {}, filtered).problems if p.code == "periods_apart"]


def test_files_of_the_same_period_say_nothing() -> None:
    files = [
        ("toggl.csv", toggl(["2026-01-05", "2026-06-29"])),
        ("inv.csv", invoices(["2026-01-31", "2026-06-30"])),
    ]
    assert not [p for p in load_files(files, {}).problems if p.code == "periods_apart"]


def test_the_date_order_is_said_in_words_in_both_languages() -> None:
    body = "Client,First project\nAcme,03/02/2026\nBeta,04/02/2026\n"
    data = load_files([("c.csv", body.encode())], {})
    warning = next(p for p in data.problems if p.code == "ambiguous_dates")
    assert "month/day/year" in i18n.problem_message("en", warning)
    assert "mdy" not in i18n.problem_message("vi", warning)


def test_headers_are_text_on_the_problem_clients_page() -> None:
    from tests.apptest import start

    header = "$$x^2$$"
    rows = [
        f"C{i} Ltd,{1000 + 37 * i},{10 + i},{i % 7},{'yes' if i % 3 == 0 else 'no'}"
        for i in range(40)
    ]
    body = f"Client,Revenue,Hours,{header},Problem\n" + "\n".join(rows) + "\n"
    at = start()
    at.switch_page("pages/data.py").run()
    at.file_uploader(key="uploader").set_value(("m.csv", body.encode(), "text/csv")).run()
    at.switch_page("pages/problem_clients.py").run()
    assert not at.exception
    labels = [w.label for w in at.number_input]
    assert any("\\$\\$x^2\\$\\$" in label for label in labels), labels
    assert not any(label == header for label in labels)


def test_an_empty_cell_is_blank_in_the_client_table_not_none() -> None:
    from model.tables import client_table

    body = "Client,Revenue,Notes\nAcme,100,\nBeta,,call\n"
    data = load_files([("c.csv", body.encode())], {})
    for lang in ("en", "vi"):
        shown = client_table(data.clients, lang, None)
        assert "None" not in shown.astype(str).to_numpy().ravel().tolist()
        assert not (shown.astype(str) == "nan").to_numpy().any()
    assert pd.isna(data.clients[fields.REVENUE].iloc[1])


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_windows_1258(text: str) -> bytes:
    """Text as old Vietnamese Excel saved it: tone marks as combining characters."""
    import unicodedata

    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONES))
        out.append(base + "".join(p for p in parts if p in TONES))
    return "".join(out).encode("cp1258")


def test_a_windows_1258_file_reads_as_vietnamese_not_mojibake() -> None:
    text = "Khách hàng,Doanh thu\nCông ty Ánh Dương,1.200.000\nNguyễn Văn Đức,500.000\n"
    data = load_files([("kh.csv", to_windows_1258(text))], {})
    assert data.clients[fields.CLIENT].tolist() == ["Công ty Ánh Dương", "Nguyễn Văn Đức"]
    assert data.sources[0].encoding == "cp1258"
    assert data.clients[fields.REVENUE].tolist() == [1_200_000, 500_000]


def test_a_western_cp1252_file_stays_cp1252() -> None:
    text = "Client,City\nSão Paulo Ltda,São Paulo\nNiccolò Ltd,Roma\nCafé Crème,Paris\n"
    data = load_files([("c.csv", text.encode("cp1252"))], {})
    assert data.sources[0].encoding == "cp1252"
    assert data.clients[fields.CLIENT].tolist() == ["São Paulo Ltda", "Niccolò Ltd", "Café Crème"]


MIXED = "Client,Revenue\nAcme,$100\nBeta,100 ₫\nGamma,€100\nDelta,$50\n"


def test_a_column_of_several_currencies_is_refused_naming_each_and_where() -> None:
    with pytest.raises(InputError) as err:
        load_files([("c.csv", MIXED.encode())], {})
    problem = next(p for p in err.value.problems if p.code == "mixed_currencies")
    assert problem.column == "Revenue"
    assert problem.params["found"] == "EUR (4: “€100”); USD (2: “$100”); VND (3: “100 ₫”)"
    assert "--rate" in i18n.problem_message("en", problem)
    assert "tỷ giá" in i18n.problem_message("vi", problem).lower()


def test_with_rates_every_amount_is_converted_into_the_one_currency_left() -> None:
    rates = ImportOptions(rates=(("EUR", 1.1), ("VND", 0.00004)))
    data = load_files([("c.csv", MIXED.encode())], {}, rates)
    assert data.currency == "USD"
    revenue = data.clients.set_index(fields.CLIENT)[fields.REVENUE]
    assert revenue.to_dict() == pytest.approx(
        {"Acme": 100, "Beta": 0.004, "Gamma": 110, "Delta": 50}
    )


def test_a_dollar_list_and_a_dong_list_are_not_added_up() -> None:
    usd = "Client,Revenue (USD)\nAcme,1000\nBeta,2000\n"
    vnd = "Khách hàng,Doanh thu (VND)\nAnh Dương,25.000.000\nBeta,10.000.000\n"
    files = [("usd.csv", usd.encode()), ("vnd.csv", vnd.encode())]
    with pytest.raises(InputError) as err:
        load_files(files, {})
    found = err.value.problems[0].params["found"]
    assert found == "USD (usd.csv); VND (vnd.csv)"
    data = load_files(files, {}, ImportOptions(rates=(("VND", 0.00004),)))
    revenue = data.clients.set_index(fields.CLIENT)[fields.REVENUE]
    assert revenue["Beta"] == pytest.approx(2000)  # the dollar list wins where both have it
    assert revenue["Anh Dương"] == pytest.approx(1000)
    assert data.currency == "USD"


def test_cli_rates_convert_and_a_bad_rate_exits_2(tmp_path: Path) -> None:
    source = tmp_path / "c.csv"
    source.write_text(MIXED, encoding="utf-8")
    refused = run_cli_strict("report", str(source))
    assert refused.returncode == 2 and "EUR" in refused.stderr and "VND" in refused.stderr
    ok = run_cli_strict("report", str(source), "--rate", "EUR=1.1", "--rate", "VND=0.00004")
    assert ok.returncode == 0, ok.stderr
    bad = run_cli_strict("report", str(source), "--rate", "VND=cheap")
    assert bad.returncode == 2 and "VND=cheap" in bad.stderr and "Traceback" not in bad.stderr


def test_a_toggl_duration_that_does_not_fit_its_span_is_a_warning_with_the_row() -> None:
    rows = [
        "Anna,a@x.com,Acme,Site,,Work,Yes,2026-01-05,09:00:00,2026-01-05,10:00:00,100:00:00,,100",
        "Anna,a@x.com,Acme,Site,,Work,Yes,2026-01-06,23:30:00,2026-01-07,00:45:00,01:15:00,,100",
    ]
    data = load_files([("t.csv", (TOGGL + "\n".join(rows) + "\n").encode())], {})
    warnings = [p for p in data.problems if p.code == "duration_vs_span"]
    assert [(p.row, p.value, p.params) for p in warnings] == [
        (2, "100:00:00", {"hours": "100.00", "span": "1.00"})
    ]
    assert data.clients[fields.HOURS].iloc[0] == pytest.approx(101.25)  # the duration is used
    assert "the duration is used" in i18n.problem_message("en", warnings[0])


def test_invoices_that_contradict_themselves_are_warnings_with_their_rows() -> None:
    body = (
        "Client,Invoice #,Issue date,Due date,Paid date,Status,Amount\n"
        "Acme,1,2026-03-01,2026-03-31,2026-02-01,paid,100\n"  # paid before issued
        "Acme,2,2026-03-01,2025-03-01,2026-03-10,paid,100\n"  # due a year before issue
        "Beta,3,2026-03-01,2026-03-31,,paid,100\n"  # paid, no date
        "Beta,4,2026-03-01,2026-03-31,2026-03-20,unpaid,100\n"  # unpaid, with a date
        "Gamma,5,2026-03-01,2026-03-31,,unpaid,50\n"
        "Gamma,6,2026-03-05,2026-04-04,,unpaid,-80\n"  # a credit note: owes -30
    )
    data = load_files([("inv.csv", body.encode())], {}, ImportOptions(today=date(2026, 5, 1)))
    found = {(p.code, p.row) for p in data.problems if p.severity == "warning"}
    assert {
        ("paid_before_issued", 2),
        ("due_before_issued", 3),
        ("paid_status_without_date", 4),
        ("unpaid_status_with_date", 5),
        ("credit_note", 7),
        ("negative_outstanding", None),
    } <= found
    owed = next(p for p in data.problems if p.code == "negative_outstanding")
    assert owed.value == "Gamma" and owed.params["amount"] == "-30.00"
    vi = i18n.problem_message("vi", owed)
    assert "Gamma" in vi and "-30.00" in vi


def test_when_only_one_client_has_hours_the_headline_says_so() -> None:
    from model.pareto import summarise

    table = pd.DataFrame(
        {"key": list("abc"), "client": ["Acme", "Beta", "Gamma"], "hours": [0.0, 12.5, None]}
    )
    assert summarise(table, "hours").only_client == "Beta"
    assert i18n.translate("en", "pareto.only.hours", client="Beta").startswith("**Only Beta has")
    both = table.assign(hours=[3.0, 12.5, None])
    assert summarise(both, "hours").only_client is None


def test_english_words_agree_with_their_numbers() -> None:
    one = i18n.translate("en", "pareto.top_sentence.hours", k=1, pct="3%", share="60%")
    assert one.startswith("**1 client (3%) takes 60%")
    two = i18n.translate("en", "pareto.reach.revenue", reach=2, threshold="80%")
    assert two == "2 clients bring 80% of your revenue."
    assert i18n.translate("en", "reason.model", feature="Hours", value=9, points=1).endswith(
        "+1 point"
    )
    assert i18n.translate("en", "whatif.delta", points="+2") == "+2 points"


def test_long_names_are_shortened_on_the_axis_but_never_cut_inside_an_escape() -> None:
    from ui.charts import _tick

    assert _tick("Smith &amp; Sons Wholesale Trading Company") == "Smith &amp; Sons Wholes…"
    assert _tick("A" * 20 + "&amp;B") == "A" * 20 + "…"
    assert _tick("Acme") == "Acme"


def test_an_undecodable_file_names_the_first_byte_that_is_not_utf8() -> None:
    raw = b"Client,Revenue\nAcme,100\nB\xc3(eta,\x81200\n"
    with pytest.raises(InputError) as err:
        load_files([("bad.csv", raw)], {})
    problem = err.value.problems[0]
    assert (problem.code, problem.row) == ("undecodable", 3)
    assert problem.params == {"position": 25, "byte": "0xC3"}
