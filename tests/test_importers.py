"""Time-tracker and invoice exports to per-client figures, checked by hand."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, time

import numpy as np
import pandas as pd
import pytest

from model import fields
from model.ingest import ImportOptions, WorkingHours, load_files
from model.ingest import headers as importers
from model.problems import InputError
from tests.conftest import INPUTS, SAMPLES, shared_file
from tests.test_report import run_cli

TODAY = ImportOptions(today=date(2026, 3, 20))


def load(*names: str, imports: ImportOptions = TODAY) -> pd.DataFrame:
    files = [(n, (INPUTS / n).read_bytes()) for n in names]
    return load_files(files, {}, imports).clients.set_index(fields.KEY)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("toggl_old.csv", "toggl"),
        ("toggl_new.csv", "toggl"),
        ("clockify.csv", "clockify"),
        ("harvest.csv", "harvest"),
        ("freshbooks.csv", "freshbooks"),
        ("invoices_generic.csv", "invoices"),
        ("utf8.csv", "client_list"),
    ],
)
def test_each_export_is_recognised_from_its_headers(name: str, kind: str) -> None:
    data = load_files([(name, (INPUTS / name).read_bytes())], {}, TODAY)
    assert data.sources[0].kind == kind


def test_toggl_hours_amount_and_after_hours_share() -> None:
    clients = load("toggl_old.csv")
    acme = clients.loc["acme"]
    # 1:30 + 1:15 (the second crosses midnight but starts at 23:30: after hours)
    assert acme[fields.HOURS] == pytest.approx(2.75)
    assert acme[fields.REVENUE] == pytest.approx(165.0)
    assert acme[fields.AFTER_HOURS_SHARE] == pytest.approx(1.25 / 2.75)
    assert acme[fields.ENTRIES] == 2
    # Beta's only entry is on a Saturday: all after hours; billable hours zero.
    assert clients.loc["beta", fields.AFTER_HOURS_SHARE] == 1.0
    assert clients.loc["beta", fields.BILLABLE_HOURS] == 0
    # Entries without a client are grouped, never dropped.
    assert clients.loc["(no client)", fields.HOURS] == 1.0


def test_newer_toggl_export_quoted_with_bom_and_no_amount() -> None:
    acme = load("toggl_new.csv").loc["acme"]
    assert acme[fields.HOURS] == pytest.approx(5.5)
    assert fields.REVENUE not in acme or pd.isna(acme.get(fields.REVENUE))
    assert acme[fields.AFTER_HOURS_SHARE] == pytest.approx(2 / 5.5)  # 7:05 is before 08:00


def test_working_hours_are_the_users() -> None:
    early = ImportOptions(working_hours=WorkingHours(time(7), time(19)), today=date(2026, 3, 20))
    assert load("toggl_new.csv", imports=early).loc["acme", fields.AFTER_HOURS_SHARE] == 0


def test_clockify_us_dates_am_pm_and_decimal_duration() -> None:
    clients = load("clockify.csv")
    assert clients.loc["acme", fields.HOURS] == pytest.approx(3.5)
    assert clients.loc["acme", fields.REVENUE] == pytest.approx(210.0)
    assert clients.loc["acme", fields.AFTER_HOURS_SHARE] == pytest.approx(1 / 3.5)  # 8:15 PM
    assert clients.loc["acme", fields.LAST_PROJECT] == pd.Timestamp("2026-03-13")


def test_harvest_locale_numbers_and_no_after_hours() -> None:
    data = load_files([("harvest.csv", (INPUTS / "harvest.csv").read_bytes())], {}, TODAY)
    clients = data.clients.set_index(fields.KEY)
    assert clients.loc["acme", fields.HOURS] == pytest.approx(1002.5)
    assert clients.loc["beta", fields.HOURS] == pytest.approx(3.25)
    assert fields.AFTER_HOURS_SHARE not in clients.columns
    assert "no_start_times" in [p.code for p in data.problems]


def test_freshbooks_line_items_become_invoices() -> None:
    acme = load("freshbooks.csv").loc["acme"]
    assert acme[fields.REVENUE] == 600 and acme[fields.REVENUE_PAID] == 500
    assert acme[fields.OUTSTANDING] == 100
    # No due dates: days to pay minus 30-day terms. Invoice 1: 46 − 30 = 16 days late;
    # invoice 2 unpaid on 2026-03-20: 43 − 30 = 13 days late.
    assert acme[fields.DAYS_LATE] == pytest.approx((16 + 13) / 2)
    assert acme[fields.LATE_INVOICES] == 2


def test_generic_invoices_days_late_from_due_dates() -> None:
    clients = load("invoices_generic.csv")
    acme, beta = clients.loc["acme"], clients.loc["beta"]
    assert acme[fields.OUTSTANDING] == 500
    assert acme[fields.DAYS_LATE] == pytest.approx((10 + 17) / 2)  # paid 10 late; unpaid 17
    assert beta[fields.DAYS_LATE] == 0 and beta[fields.LATE_INVOICES] == 0  # paid 4 days early


def test_period_filter_applies_to_every_import() -> None:
    march_first_week = ImportOptions(
        period_start=date(2026, 3, 1), period_end=date(2026, 3, 3), today=date(2026, 3, 20)
    )
    clients = load("toggl_old.csv", imports=march_first_week)
    assert "beta" not in clients.index  # its only entry is on 7 March


def test_time_and_invoices_and_a_client_list_join_on_the_client() -> None:
    # The Toggl export bills in euros, the list is in dollars: joined only with a rate.
    with pytest.raises(InputError):
        load("toggl_old.csv", "invoices_generic.csv", "utf8.csv")
    euros = replace(TODAY, rates=(("EUR", 1.1),))
    clients = load("toggl_old.csv", "invoices_generic.csv", "utf8.csv", imports=euros)
    acme = clients.loc["acme"]
    assert acme[fields.HOURS] == pytest.approx(1200.5 / acme[fields.EFFECTIVE_RATE])
    assert acme[fields.OUTSTANDING] == 500  # from the invoices
    assert acme[fields.PROBLEM] == 1.0  # from the client list


def test_report_lists_sources_and_joined_fields() -> None:
    report = json.loads(
        run_cli(
            "report", str(SAMPLES / "toggl_time_entries.csv"), str(SAMPLES / "invoices.csv")
        ).stdout
    )
    assert {s["kind"] for s in report["sources"]} == {"toggl", "invoices"}
    record = report["clients"][0]
    for name in (
        "hours",
        "billable_hours",
        "revenue",
        "outstanding",
        "days_late",
        "after_hours_share",
        "entries",
    ):
        assert name in record


def test_sample_exports_agree_with_the_sample_client_list() -> None:
    files = [(n, (SAMPLES / n).read_bytes()) for n in ("toggl_time_entries.csv", "invoices.csv")]
    exports = load_files(files, {}).clients.set_index(fields.KEY)
    listed = load_files([("clients.csv", (SAMPLES / "clients.csv").read_bytes())], {}).clients
    listed = listed.set_index(fields.KEY)
    assert exports[fields.HOURS].sum() == pytest.approx(listed[fields.HOURS].sum(), rel=1e-3)
    assert exports[fields.REVENUE].sum() == pytest.approx(listed[fields.REVENUE].sum(), rel=1e-3)


def test_real_toggl_export_hours_per_client() -> None:
    path = shared_file("toggl_detailed_2017-08.csv")
    data = load_files([(path.name, path.read_bytes())], {})
    clients = data.clients.set_index(fields.CLIENT)
    assert data.sources[0].kind == "toggl" and data.sources[0].rows == 217
    assert clients.loc["Client 1", fields.HOURS] == pytest.approx(95.2, abs=0.05)
    assert clients.loc["Client 2", fields.HOURS] == pytest.approx(91.7, abs=0.05)


def test_near_duplicates_across_files_can_be_merged() -> None:
    files = [
        ("a.csv", b"Client,Revenue\nAcme Inc,100\n"),
        (
            "b.csv",
            b"Invoice number,Client,Amount,Issue date,Due date,Paid date\n"
            b'1,"ACME, Inc.",50,2026-01-01,2026-01-31,2026-01-30\n',
        ),
    ]
    data = load_files(files, {}, TODAY)
    proposal = next(p for p in data.problems if p.code == "near_duplicate")
    merged = load_files(files, {}, TODAY, merges=[proposal.params["keys"]])
    assert len(merged.clients) == 1
    assert merged.clients[fields.REVENUE].iloc[0] == 150


def test_detects_kind_from_headers_alone() -> None:
    assert importers.detect_kind(["Date", "Client", "Project", "Hours", "Billable?"]) == "harvest"
    assert importers.detect_kind(["Client", "Revenue"]) == "client_list"


def _random_toggl(rows: int, seed: int = 3) -> tuple[bytes, pd.DataFrame]:
    """A Toggl-style export with messy spellings, blank clients and blank amounts, and the
    same entries as typed values, for a plain pandas reference."""
    rng = np.random.default_rng(seed)
    spellings = ["Acme", " acme ", "ACME", "Beta Co", "", "Gamma", "Đông Á", "đông á"]
    day = pd.Timestamp("2026-01-05") + pd.to_timedelta(rng.integers(0, 60, rows), unit="D")
    start = rng.integers(0, 24 * 60, rows)
    seconds = rng.integers(60, 5 * 3600, rows)
    entries = pd.DataFrame(
        {
            "client": rng.choice(spellings, rows),
            "project": rng.choice(["Site", "App"], rows),
            "billable": rng.choice(["Yes", "No"], rows),
            "day": day,
            "start": start / 60,
            "hours": seconds / 3600,
            "amount": np.where(rng.random(rows) < 0.1, np.nan, np.round(seconds / 60, 2)),
        }
    )
    lines = ["User,Email,Client,Project,Billable,Start date,Start time,Duration,Amount (EUR)"]
    for e, s, sec in zip(entries.itertuples(), start, seconds, strict=True):
        amount = "" if np.isnan(e.amount) else f"{e.amount:.2f}"
        lines.append(
            f"Me,me@x.org,{e.client},{e.project},{e.billable},{e.day:%Y-%m-%d},"
            f"{s // 60:02d}:{s % 60:02d}:00,{sec // 3600}:{sec % 3600 // 60:02d}:{sec % 60:02d},"
            f"{amount}"
        )
    return ("\n".join(lines) + "\n").encode(), entries


@pytest.mark.parametrize("rows", [400, 60_000])  # at once, and column by column in threads
def test_time_entries_match_a_plain_pandas_groupby(rows: int) -> None:
    data, entries = _random_toggl(rows)
    options = ImportOptions(period_start=date(2026, 1, 10), period_end=date(2026, 2, 20))
    got = load_files([("toggl.csv", data)], {}, options).clients.set_index(fields.KEY)

    kept = entries[entries["day"].between("2026-01-10", "2026-02-20")].copy()
    name = kept["client"].str.strip().replace("", "(no client)").str.normalize("NFC")
    kept["key"] = name.str.casefold()
    weekend = kept["day"].dt.day_of_week >= 5
    kept["after"] = (kept["start"] < 8) | (kept["start"] >= 19) | weekend
    group = kept.groupby("key")
    billable = kept["hours"].where(kept["billable"] == "Yes", 0)
    want = pd.DataFrame(
        {
            "hours": group["hours"].sum(),
            "billable": billable.groupby(kept["key"]).sum(),
            "revenue": group["amount"].sum(min_count=1),
            "entries": group.size(),
            "after": kept["hours"].where(kept["after"], 0).groupby(kept["key"]).sum(),
            "first": group["day"].min(),
            "last": group["day"].max(),
        }
    )
    assert sorted(got.index) == sorted(want.index)
    got = got.loc[want.index]
    assert np.allclose(got[fields.HOURS], want["hours"])
    assert np.allclose(got[fields.BILLABLE_HOURS], want["billable"])
    assert np.allclose(got[fields.REVENUE], want["revenue"])
    assert (got[fields.ENTRIES] == want["entries"]).all()
    assert np.allclose(got[fields.AFTER_HOURS_SHARE], want["after"] / want["hours"])
    assert (got[fields.FIRST_PROJECT] == want["first"]).all()
    assert (got[fields.LAST_PROJECT] == want["last"]).all()
    # Each client keeps the first spelling in the file (the same whatever the period).
    everyone = entries["client"].str.strip().replace("", "(no client)").str.normalize("NFC")
    first_seen = everyone.groupby(everyone.str.casefold()).first()
    assert got[fields.CLIENT].tolist() == first_seen.loc[want.index].tolist()


def test_group_by_project_names_the_entries_without_a_client() -> None:
    data, entries = _random_toggl(300)
    options = ImportOptions(group_by_project=True)
    got = load_files([("toggl.csv", data)], {}, options).clients.set_index(fields.KEY)
    blank = entries["client"] == ""
    assert "(no client)" not in got.index
    for project in ("site", "app"):
        want = entries.loc[blank & (entries["project"].str.lower() == project), "hours"].sum()
        assert got.loc[project, fields.HOURS] == pytest.approx(want)


def _invoices(text: str) -> pd.DataFrame:
    data = load_files([("invoices.csv", text.encode())], {}, TODAY)
    assert data.sources[0].kind == "invoices"
    return data.clients.set_index(fields.KEY)


def test_an_open_balance_says_what_is_owed_and_a_plain_date_is_the_invoice_date() -> None:
    acme = _invoices(  # QuickBooks "Invoice List" style
        "Date,Num,Customer,Due Date,Amount,Open Balance\n"
        "01/05/2026,1001,Acme Inc,02/04/2026,1200.00,0.00\n"
        "02/05/2026,1002,Acme Inc,03/07/2026,800.00,300.00\n"
    ).loc["acme inc"]
    assert acme[fields.OUTSTANDING] == 300 and acme[fields.REVENUE_PAID] == 1700
    assert acme[fields.FIRST_PROJECT] == pd.Timestamp("2026-01-05")
    # Only the open invoice tells lateness: 7 Mar to 20 Mar (today) = 13 days.
    assert acme[fields.DAYS_LATE] == 13 and acme[fields.LATE_INVOICES] == 1


def test_a_paid_status_without_a_paid_date_is_not_late_until_today() -> None:
    clients = _invoices(
        "Invoice Date,Invoice Number,Customer Name,Due Date,Total,Balance,Status\n"
        '2026-01-05,INV-1,Acme,2026-02-04,"1,200.00",0.00,Paid\n'
        "2026-02-10,INV-2,Beta,2026-03-12,500.00,200.00,Partially Paid\n"
    )
    assert pd.isna(clients.loc["acme", fields.DAYS_LATE])
    assert clients.loc["acme", fields.LATE_INVOICES] == 0
    assert clients.loc["beta", fields.OUTSTANDING] == 200
    assert clients.loc["beta", fields.REVENUE_PAID] == 300
    assert clients.loc["beta", fields.DAYS_LATE] == 8  # 12 Mar to 20 Mar, still owing


def test_clockify_without_a_decimal_duration_reads_the_clock_one() -> None:
    text = (
        "Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,"
        "End Date,End Time,Duration (h),Billable Rate (USD),Billable Amount (USD)\n"
        "Web,Acme,Design,,Me,,me@x.io,,Yes,03/02/2026,09:00 PM,03/02/2026,10:30 PM,"
        "01:30:00,60.00,90.00\n"
    )
    acme = load_files([("c.csv", text.encode())], {}, TODAY).clients.iloc[0]
    assert acme[fields.HOURS] == 1.5 and acme[fields.AFTER_HOURS_SHARE] == 1.0


def test_files_with_the_same_name_keep_apart() -> None:
    from model.ingest import unique_names

    named = unique_names([("a.csv", b"1"), ("A.csv", b"2"), ("a.csv", b"3"), ("notes", b"4")])
    assert [n for n, _ in named] == ["a.csv", "A (2).csv", "a (3).csv", "notes"]


def test_an_invoice_report_with_title_lines_is_recognised_and_rows_are_true() -> None:
    report = (
        "Acme Design Studio\nInvoice List\nJanuary 1 - March 31, 2026\n\n"
        "Date,Num,Customer,Due Date,Amount,Open Balance\n"
        "01/05/2026,1001,Acme Inc,02/04/2026,1200.00,0.00\n"
        "02/07/2026,1003,Beta,03/09/2026,abc,0\n"
    )
    with pytest.raises(InputError) as caught:
        load_files([("report.csv", report.encode())], {}, TODAY)
    [problem] = [p for p in caught.value.problems if p.severity == "error"]
    assert (problem.row, problem.column, problem.value) == (7, "Amount", "abc")
    fixed = load_files([("report.csv", report.replace("abc", "50").encode())], {}, TODAY)
    assert fixed.sources[0].kind == "invoices" and len(fixed.clients) == 2
