"""Files as tools and spreadsheets really write them, read right: day-first exports, headers in
capitals run together, guessed columns the values contradict, camelCase invoice lists, early
payments, and a tracker's short names beside the invoice list's full ones."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from model import fields
from model.fields import normalise_header
from model.ingest import ImportOptions, IngestOptions, load_files
from model.problems import InputError

CLOCKIFY = (
    "Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,"
    "End Date,End Time,Duration (h),Duration (decimal),Billable Rate (EUR),Billable Amount (EUR)\n"
)


def clockify(rows: list[tuple[str, str, str, str]]) -> bytes:
    """(client, start date, start time, decimal hours) rows in Clockify's detailed layout."""
    lines = [
        f"Site,{client},Work,,Anna,,a@x.eu,,Yes,{day},{clock},{day},{clock},,{hours},80,"
        f"{float(hours) * 80:.2f}"
        for client, day, clock, hours in rows
    ]
    return (CLOCKIFY + "\n".join(lines) + "\n").encode()


def load(*files: tuple[str, bytes], **options: IngestOptions) -> pd.DataFrame:
    imports = ImportOptions(today=date(2026, 12, 1))
    return load_files(list(files), dict(options), imports).clients.set_index(fields.CLIENT)


@pytest.mark.parametrize("separator", ["/", ".", "-"])
def test_a_day_first_clockify_export_is_read_with_its_own_date_order(separator: str) -> None:
    rows = [
        ("Blue Heron", "21/01/2026", "09:15:00", "2.5"),
        ("Blue Heron", "03/02/2026", "20:10:00", "1.0"),  # 3 February: after hours
        ("Saigon Bikes", "07/02/2026", "14:00:00", "4.5"),  # 7 February 2026: a Saturday
    ]
    rows = [(c, d.replace("/", separator), t, h) for c, d, t, h in rows]
    clients = load(("clockify.csv", clockify(rows)))
    assert clients.loc["Blue Heron", fields.HOURS] == pytest.approx(3.5)
    assert clients.loc["Blue Heron", fields.FIRST_PROJECT] == pd.Timestamp("2026-01-21")
    assert clients.loc["Blue Heron", fields.LAST_PROJECT] == pd.Timestamp("2026-02-03")
    assert clients.loc["Blue Heron", fields.AFTER_HOURS_SHARE] == pytest.approx(1 / 3.5)
    assert clients.loc["Saigon Bikes", fields.AFTER_HOURS_SHARE] == 1


def test_twelve_hour_clockify_times_are_read() -> None:
    rows = [
        ("Acme", "01/13/2026", "10:23:52 PM", "1.0"),  # month first (13 is the day)
        ("Acme", "01/14/2026", "09:00:00 AM", "1.0"),
    ]
    clients = load(("clockify.csv", clockify(rows)))
    assert clients.loc["Acme", fields.FIRST_PROJECT] == pd.Timestamp("2026-01-13")
    assert clients.loc["Acme", fields.AFTER_HOURS_SHARE] == pytest.approx(0.5)


def test_an_export_whose_dates_read_both_ways_says_so_and_can_be_told() -> None:
    rows = [("Acme", "03/02/2026", "10:00", "1.0"), ("Acme", "04/02/2026", "10:00", "1.0")]
    data = load_files([("c.csv", clockify(rows))], {})
    warning = next(p for p in data.problems if p.code == "ambiguous_dates")
    assert warning.column == "Start Date"
    day_first = load(("c.csv", clockify(rows)), **{"c.csv": IngestOptions(date_order="dmy")})
    assert day_first.loc["Acme", fields.FIRST_PROJECT] == pd.Timestamp("2026-02-03")


@pytest.mark.parametrize(
    ("header", "words"),
    [
        ("CUSTOMERNAME", "customer name"),
        ("CLIENTNAME", "client name"),
        ("DAYSLATE", "days late"),
        ("TOTALSALES", "total sales"),
        ("InvoiceDate", "invoice date"),
        ("SettledDate", "settled date"),
        ("customer_name", "customer name"),
        ("customer.name", "customer name"),
        ("IDNumber", "id number"),
        ("HOURSWORKED", "hours worked"),
        ("REVENUEUSD", "revenue usd"),
        ("hrsLogged", "hrs logged"),
        ("Tenure", "tenure"),  # not made of header words: left whole
    ],
)
def test_headers_are_split_into_words_however_they_are_written(header: str, words: str) -> None:
    assert normalise_header(header) == words


def test_a_caps_run_together_order_log_is_read_by_its_customer_not_its_order_date() -> None:
    body = "ORDERDATE,ORDERNUMBER,CUSTOMERNAME,DAYSLATE,TOTALSALES\n"
    body += "2/24/2003,10107,Land of Toys Inc.,3,2871.00\n"
    body += "5/7/2003,10121,Reims Collectables,0,2765.90\n"
    body += "7/1/2003,10134,Land of Toys Inc.,5,3884.34\n"
    data = load_files([("orders.csv", body.encode())], {})
    assert sorted(data.clients[fields.CLIENT]) == ["Land of Toys Inc.", "Reims Collectables"]
    mapping = data.mappings["orders.csv"]
    assert mapping["CUSTOMERNAME"] == fields.CLIENT
    assert mapping["DAYSLATE"] == fields.DAYS_LATE
    assert mapping["TOTALSALES"] == fields.REVENUE


def test_the_client_guess_takes_repeated_names_never_dates_numbers_or_codes() -> None:
    body = "Order date,Order no,Buyer,Ship city,Total\n"
    body += "03/01/2025,SO-1001,Blue Heron Studio,Hanoi,1200\n"
    body += "04/01/2025,SO-1002,Saigon Bikes,Da Nang,350\n"
    body += "05/01/2025,SO-1003,Blue Heron Studio,Hanoi,99\n"
    data = load_files([("orders.csv", body.encode())], {})
    assert sorted(data.clients[fields.CLIENT]) == ["Blue Heron Studio", "Saigon Bikes"]
    guessed = next(p for p in data.problems if p.code == "client_guessed")
    assert guessed.column == "Buyer"


def test_a_file_with_no_name_like_column_is_refused_not_read_by_dates() -> None:
    body = "Order date,Order no,Total\n03/01/2025,SO-1001,1200\n04/01/2025,SO-1002,350\n"
    with pytest.raises(InputError) as err:
        load_files([("orders.csv", body.encode())], {})
    assert [p.code for p in err.value.problems] == ["no_client_column"]


def test_a_guessed_column_its_values_contradict_stays_an_extra_column() -> None:
    body = "Client,Revenue,Member since\nAcme,100,A73\nBeta,200,A75\nGamma,300,B61\n"
    data = load_files([("members.csv", body.encode())], {})
    assert data.mappings["members.csv"]["Member since"] == ""
    assert data.clients["Member since"].tolist() == ["A73", "A75", "B61"]
    warnings = [p for p in data.problems if p.code == "guess_contradicted"]
    assert len(warnings) == 1 and warnings[0].column == "Member since"
    assert not [p for p in data.problems if p.severity == "error"]


def test_a_column_mapped_by_hand_still_refuses_values_that_do_not_fit() -> None:
    body = "Client,Revenue,Member since\nAcme,100,A73\nBeta,200,A75\n"
    options = {"members.csv": IngestOptions(mapping={"Member since": fields.FIRST_PROJECT})}
    with pytest.raises(InputError) as err:
        load_files([("members.csv", body.encode())], options)
    assert {(p.code, p.row, p.value) for p in err.value.problems} == {
        ("not_a_date", 2, "A73"),
        ("not_a_date", 3, "A75"),
    }


def test_a_mostly_right_guessed_column_still_names_its_bad_cell() -> None:
    body = "Client,Revenue\nAcme,100\nBeta,2OO\nGamma,300\n"
    with pytest.raises(InputError) as err:
        load_files([("c.csv", body.encode())], {})
    assert [(p.code, p.row, p.column) for p in err.value.problems] == [
        ("not_a_number", 3, "Revenue")
    ]


INVOICES = (
    "CustomerName,InvoiceNumber,InvoiceDate,DueDate,SettledDate,InvoiceAmount\n"
    "Blue Heron Studio,1001,2026-01-05,2026-02-04,2026-02-14,1200.00\n"  # 10 days late
    "Blue Heron Studio,1002,2026-02-05,2026-03-07,2026-02-25,800.00\n"  # 10 days early
    "Saigon Bikes,1003,2026-01-10,2026-02-09,2026-02-04,500.00\n"  # early
    "Saigon Bikes,1004,2026-03-10,2026-04-09,,650.00\n"  # open, 236 days past due
)


def test_a_camel_case_invoice_list_is_read_as_invoices_with_settled_as_paid() -> None:
    data = load_files([("inv.csv", INVOICES.encode())], {}, ImportOptions(today=date(2026, 12, 1)))
    assert data.sources[0].kind == "invoices"
    clients = data.clients.set_index(fields.CLIENT)
    assert clients.loc["Blue Heron Studio", fields.REVENUE] == 2000
    assert clients.loc["Blue Heron Studio", fields.OUTSTANDING] == 0
    assert clients.loc["Saigon Bikes", fields.OUTSTANDING] == 650


def test_an_early_payment_counts_as_zero_days_late_never_as_credit() -> None:
    clients = load(("inv.csv", INVOICES.encode()))
    assert clients.loc["Blue Heron Studio", fields.DAYS_LATE] == 5  # (10 + 0) / 2
    assert clients.loc["Saigon Bikes", fields.DAYS_LATE] == 118  # (0 + 236) / 2
    assert (clients[fields.DAYS_LATE] >= 0).all()


# Stripe's invoice export: "Customer" holds ids, "Customer Name" the names; "Amount Due" is
# the whole amount, "Amount Remaining" what is still owed; "(UTC)" after every date.
STRIPE = (
    "id,Amount Due,Amount Paid,Amount Remaining,Currency,Customer,Customer Name,Date (UTC),"
    "Due Date (UTC),Number,Paid,Status,Total,Paid At (UTC)\n"
    "in_1,1200.00,1200.00,0.00,usd,cus_N1a2,Acme Ltd,2026-03-01 10:00,2026-03-31 10:00,"
    "A-1,true,paid,1200.00,2026-04-10 09:30\n"
    "in_2,800.00,300.00,500.00,usd,cus_N1a2,Acme Ltd,2026-10-01 10:00,2026-10-31 10:00,"
    "A-2,false,open,800.00,\n"
    "in_3,400.00,400.00,0.00,usd,cus_Q9x8,Blue Fox,2026-05-02 08:00,2026-06-01 08:00,"
    "A-3,true,paid,400.00,2026-05-30 17:45\n"
)


def test_a_stripe_invoice_export_is_read_by_name_with_what_is_still_owed() -> None:
    clients = load(("stripe.csv", STRIPE.encode()))
    assert sorted(clients.index) == ["Acme Ltd", "Blue Fox"]  # never "cus_N1a2"
    assert clients.loc["Acme Ltd", fields.REVENUE] == 2000
    assert clients.loc["Acme Ltd", fields.OUTSTANDING] == 500  # not the 800 "due"
    # Paid 10 days late; the open one 31 days late on 1 December: (10 + 31) / 2.
    assert clients.loc["Acme Ltd", fields.DAYS_LATE] == pytest.approx(20.5)
    assert clients.loc["Blue Fox", fields.DAYS_LATE] == 0  # paid two days early


def test_a_last_payment_date_is_when_the_invoice_was_paid() -> None:
    body = (
        "Invoice Number,Customer Name,Invoice Date,Due Date,Total,Balance,Status,"
        "Last Payment Date\n"
        'INV-1,Kaffee & Co,09/02/2026,09/03/2026,"£1,318.50",0.00,Paid,20/03/2026\n'
        'INV-2,Kaffee & Co,10/05/2026,10/06/2026,"£900.00",0.00,Paid,10/06/2026\n'
    )
    clients = load(("invoices.csv", body.encode()))
    assert clients.loc["Kaffee & Co", fields.DAYS_LATE] == pytest.approx(5.5)  # (11 + 0) / 2
    assert clients.loc["Kaffee & Co", fields.LATE_INVOICES] == 1


@pytest.mark.parametrize(
    ("header", "currency"),
    [("REVENUEEUR", "EUR"), ("Revenue EUR", "EUR"), ("revenueGbp", "GBP"), ("Revenue", None)],
)
def test_a_revenue_header_run_into_its_currency_is_read_in_it(
    header: str, currency: str | None
) -> None:
    body = f"CLIENTNAME;{header};HOURSWORKED\nKunde A;1200,50;10,5\nKunde B;300;2\n"
    data = load_files([("caps.csv", body.encode())], {})
    mapping = data.mappings["caps.csv"]
    assert mapping[header] == fields.REVENUE
    assert mapping["HOURSWORKED"] == fields.HOURS
    clients = data.clients.set_index(fields.CLIENT)
    assert clients.loc["Kunde A", fields.REVENUE] == pytest.approx(1200.5)
    assert clients.loc["Kunde A", fields.HOURS] == pytest.approx(10.5)
    assert data.currency == currency


TOGGL = (
    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
    "End time,Duration,Tags,Amount (USD)\n"
)


def toggl(clients: list[str]) -> bytes:
    rows = [
        f"Anna,a@x.com,{c},Site,,Work,Yes,2026-01-05,09:00:00,2026-01-05,10:00:00,01:00:00,,100"
        for c in clients
    ]
    return (TOGGL + "\n".join(rows) + "\n").encode()


def invoices(clients: list[str]) -> bytes:
    rows = [f"{c},{n},2026-01-31,2026-02-28,2026-02-20,100" for n, c in enumerate(clients)]
    head = "Client,Invoice #,Issue date,Due date,Paid date,Amount\n"
    return (head + "\n".join(rows) + "\n").encode()


def proposals(short: list[str], full: list[str]) -> list[set[str]]:
    data = load_files([("t.csv", toggl(short)), ("i.csv", invoices(full))], {})
    codes = ("similar_name", "near_duplicate")
    return [set(p.params["keys"]) for p in data.problems if p.code in codes]


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Blue Heron", "Blue Heron Studio"),
        ("SaigonBikes", "Saigon Bikes Co."),
        ("Northwind", "Northwind Traders"),
        ("Acme Widget", "Acme Widgets Ltd"),
        ("Công ty Ánh Dương", "Anh Duong"),
    ],
)
def test_a_trackers_short_name_is_proposed_with_the_invoice_lists_full_name(
    short: str, full: str
) -> None:
    assert proposals([short], [full]) == [{fields.client_key(short), fields.client_key(full)}]


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Studio", "Blue Heron Studio"),  # one common word is not a name
        ("Red Heron Studio", "Blue Heron Studio"),
        ("Saigon Books", "Saigon Bikes"),
        ("Nguyen Van A", "Nguyen Van B"),
        ("Company A", "Company B"),
    ],
)
def test_different_clients_with_similar_names_are_not_proposed(short: str, full: str) -> None:
    assert proposals([short], [full]) == []


def test_a_proposal_is_never_merged_without_the_user_and_goes_once_merged() -> None:
    files = [("t.csv", toggl(["Blue Heron"])), ("i.csv", invoices(["Blue Heron Studio"]))]
    data = load_files(files, {})
    assert len(data.clients) == 2
    merged = load_files(files, {}, None, [["blue heron studio", "blue heron"]])
    assert merged.clients[fields.CLIENT].tolist() == ["Blue Heron Studio"]
    assert not [p for p in merged.problems if p.code == "similar_name"]


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("Time (min)", "durations_in_minutes"),
        ("Time spent (minutes)", "durations_in_minutes"),
        ("Duration mins", "durations_in_minutes"),
        ("Thời gian (phút)", "durations_in_minutes"),
        ("Duration in seconds", "durations_in_seconds"),
    ],
)
def test_a_duration_column_in_minutes_or_seconds_is_read_in_hours_and_said(
    header: str, code: str
) -> None:
    """90 in a "Time (min)" column is an hour and a half, never 90 hours."""
    seconds = "seconds" in code
    body = f"Client,{header},Revenue\nAcme,{5400 if seconds else 90},100\nBeta,0,50\n"
    data = load_files([("clients.csv", body.encode())], {})
    assert data.clients.set_index(fields.CLIENT).loc["Acme", fields.HOURS] == pytest.approx(1.5)
    assert [(p.code, p.column) for p in data.problems] == [(code, header)]


@pytest.mark.parametrize(("paid", "unpaid"), [("Yes", "No"), ("TRUE", "FALSE"), ("x", "")])
def test_a_paid_yes_or_no_column_settles_its_invoices(paid: str, unpaid: str) -> None:
    """Without it every invoice was owed and late until today."""
    body = (
        "Invoice,Client,Invoice date,Due date,Amount,Paid\n"
        f"A1,Acme,2026-01-01,2026-01-31,100,{paid}\n"
        f"A2,Acme,2026-11-01,2026-11-21,200,{unpaid}\n"
        f"B1,Beta,2026-01-05,2026-02-04,300,{paid}\n"
    )
    clients = load(("invoices.csv", body.encode()))
    assert clients.loc["Acme", fields.OUTSTANDING] == 200
    assert clients.loc["Acme", fields.DAYS_LATE] == 10  # the open one, 21 Nov to 1 Dec
    assert clients.loc["Beta", fields.OUTSTANDING] == 0
    assert clients.loc["Beta", fields.LATE_INVOICES] == 0


def test_a_paid_column_of_days_is_when_each_invoice_was_paid() -> None:
    body = (
        "Invoice,Client,Invoice date,Due date,Amount,Paid\n"
        "A1,Acme,2026-01-01,2026-01-31,100,2026-02-10\n"
        "A2,Acme,2026-11-01,2026-11-21,200,\n"
    )
    clients = load(("invoices.csv", body.encode()))
    assert clients.loc["Acme", fields.OUTSTANDING] == 200
    assert clients.loc["Acme", fields.DAYS_LATE] == 10  # (10 + 10) / 2


def test_a_settled_yes_or_no_column_is_a_flag_not_refused_as_dates() -> None:
    """ "Settled" names a paid date or a yes/no: before, its Yes and No were refused as dates."""
    body = (
        "Client,Invoice date,Due date,Amount,Settled\n"
        "Acme,2026-01-15,2026-02-14,1200,Yes\n"
        "Acme,2026-10-15,2026-11-14,800,No\n"
    )
    clients = load(("invoices.csv", body.encode()))
    assert clients.loc["Acme", fields.OUTSTANDING] == 800
    assert clients.loc["Acme", fields.DAYS_LATE] == 17  # the open one, 14 Nov to 1 Dec


# Xero's invoice export: camelCase headers, "ContactName" for the client, what is paid and
# what is still due in their own columns, and the currency in a column of its own.
XERO = (
    "ContactName,InvoiceNumber,InvoiceDate,DueDate,Total,TaxTotal,InvoiceAmountPaid,"
    "InvoiceAmountDue,Currency,Status\n"
    "Acme Ltd,INV-1,15/01/2026,14/02/2026,1200.00,200.00,1200.00,0.00,GBP,Paid\n"
    "Acme Ltd,INV-4,15/10/2026,14/11/2026,1200.00,200.00,0.00,1200.00,GBP,Awaiting Payment\n"
    "Brightside,INV-2,20/01/2026,19/02/2026,480.00,80.00,240.00,240.00,GBP,Awaiting Payment\n"
)


def test_a_xero_invoice_export_is_read_as_invoices_in_its_currency() -> None:
    """Before, it was read as a client list: revenue was what had been paid, in dollars."""
    data = load_files([("xero.csv", XERO.encode())], {}, ImportOptions(today=date(2026, 12, 1)))
    assert data.sources[0].kind == "invoices"
    assert data.currency == "GBP"
    clients = data.clients.set_index(fields.CLIENT)
    assert clients.loc["Acme Ltd", fields.REVENUE] == 2400  # the totals, not the 1,200 paid
    assert clients.loc["Acme Ltd", fields.OUTSTANDING] == 1200
    assert clients.loc["Acme Ltd", fields.DAYS_LATE] == 17
    assert clients.loc["Brightside", fields.OUTSTANDING] == 240


def test_an_amount_paid_column_gives_what_is_still_owed() -> None:
    body = (
        "ContactName,InvoiceNumber,InvoiceDate,DueDate,Total,InvoiceAmountPaid,Status\n"
        "Acme Ltd,INV-1,15/01/2026,14/02/2026,1200.00,1200.00,Paid\n"
        "Acme Ltd,INV-4,15/10/2026,14/11/2026,1200.00,0.00,Awaiting Payment\n"
        "Brightside,INV-2,20/01/2026,19/02/2026,480.00,240.00,Awaiting Payment\n"
    )
    clients = load(("xero.csv", body.encode()))
    assert clients.loc["Acme Ltd", fields.OUTSTANDING] == 1200
    assert clients.loc["Brightside", fields.OUTSTANDING] == 240


# A Vietnamese invoice book: "Đã thanh toán" is an amount here, not a yes or no.
VI_INVOICES = (
    "Khách hàng,Số hóa đơn,Ngày hóa đơn,Hạn thanh toán,Tổng tiền,Đã thanh toán,Còn nợ,"
    "Ngày thanh toán\n"
    'An Phát,HD001,15/01/2026,14/02/2026,"12.000.000","12.000.000",0,20/02/2026\n'
    'An Phát,HD004,15/10/2026,14/11/2026,"12.000.000",0,"12.000.000",\n'
    'Bình Minh,HD002,20/01/2026,19/02/2026,"6.000.000","6.000.000",0,18/02/2026\n'
)


@pytest.mark.parametrize("owed_column", [True, False])
def test_a_vietnamese_invoice_book_is_read_as_invoices(owed_column: bool) -> None:
    body = VI_INVOICES
    if not owed_column:  # only what has been paid: the rest is owed
        body = (
            "Khách hàng,Số hóa đơn,Ngày hóa đơn,Hạn thanh toán,Tổng tiền,Đã thanh toán\n"
            'An Phát,HD001,15/01/2026,14/02/2026,"12.000.000","12.000.000"\n'
            'An Phát,HD004,15/10/2026,14/11/2026,"12.000.000",0\n'
            'Bình Minh,HD002,20/01/2026,19/02/2026,"6.000.000","6.000.000"\n'
        )
    data = load_files([("hoa_don.csv", body.encode())], {}, ImportOptions(today=date(2026, 12, 1)))
    assert data.sources[0].kind == "invoices"
    clients = data.clients.set_index(fields.CLIENT)
    assert clients.loc["An Phát", fields.REVENUE] == 24_000_000
    assert clients.loc["An Phát", fields.OUTSTANDING] == 12_000_000
    assert clients.loc["Bình Minh", fields.OUTSTANDING] == 0
    if owed_column:  # 6 days late, and the open one 17 days until 1 December
        assert clients.loc["An Phát", fields.DAYS_LATE] == pytest.approx(11.5)


@pytest.mark.parametrize(
    ("body", "currency"),
    [
        (
            "Date,Client,Project,Task,Hours,Billable?,First Name,Billable Amount,Currency\n"
            "2026-03-02,Acme,Web,Design,2,Yes,Minh,100,Euro - EUR\n",
            "EUR",
        ),
        (
            "Client Name,Invoice #,Date Issued,Invoice Status,Date Paid,Line Total,Currency\n"
            "Acme,0001,2026-01-05,paid,2026-02-20,300.00,CHF\n",
            "CHF",
        ),
    ],
)
def test_a_currency_column_sets_the_money_of_an_export(body: str, currency: str) -> None:
    """Before, a Harvest export in euros and FreshBooks in francs were shown in dollars."""
    assert load_files([("export.csv", body.encode())], {}).currency == currency


def test_invoices_in_several_currencies_are_refused_without_rates_and_converted_with_them() -> None:
    body = (
        "Client,Invoice,Invoice date,Due date,Amount,Currency\n"
        "Acme,A1,2026-01-01,2026-01-31,100,EUR\n"
        "Beta,B1,2026-01-05,2026-02-04,1000000,VND\n"
    )
    with pytest.raises(InputError) as refused:
        load_files([("invoices.csv", body.encode())], {})
    [problem] = refused.value.problems
    assert problem.code == "mixed_currencies"
    assert "EUR (2" in problem.params["found"] and "VND (3" in problem.params["found"]
    rates = ImportOptions(rates=(("VND", 0.000035),))
    data = load_files([("invoices.csv", body.encode())], {}, rates)
    assert data.currency == "EUR"
    assert data.clients.set_index(fields.CLIENT).loc["Beta", fields.REVENUE] == pytest.approx(35)


@pytest.mark.parametrize(
    ("header", "clocks"),
    [
        ("Khách hàng,Ngày,Bắt đầu,Kết thúc", ("08:30", "10:00", "23:00", "01:00")),
        ("Client,Date,Start,End", ("8:30 AM", "10:00 AM", "11:00 PM", "1:00 AM")),
        ("Client,Date,Start,End", ("8h30", "10.00", "23h00", "01.00")),
    ],
)
def test_a_log_with_the_day_and_the_clocks_in_columns_apart_is_a_time_log(
    header: str, clocks: tuple[str, str, str, str]
) -> None:
    """Before, such a log was a client list: no after-hours share, no entries, and a
    Vietnamese one had no hours at all."""
    body = (
        f"{header}\n"
        f"An Phát,02/03/2026,{clocks[0]},{clocks[1]}\n"
        f"An Phát,13/03/2026,{clocks[2]},{clocks[3]}\n"  # past midnight: 2 hours
    )
    data = load_files([("log.csv", body.encode())], {}, ImportOptions(today=date(2026, 12, 1)))
    assert data.sources[0].kind == "time_log"
    client = data.clients.set_index(fields.CLIENT).loc["An Phát"]
    assert client[fields.HOURS] == pytest.approx(3.5)
    assert client[fields.AFTER_HOURS_SHARE] == pytest.approx(2 / 3.5)
    assert client[fields.FIRST_PROJECT] == pd.Timestamp("2026-03-02")  # day first: 13/03


@pytest.mark.parametrize(
    ("header", "first"),
    [
        ("Khách hàng,Ngày bắt đầu,Thời lượng", "2026-03-02"),
        ("Khách hàng,Ngày,Hours", "2026-03-02"),  # no letter only Vietnamese writes
        ("Client,Start date,Hours", "2026-02-03"),
    ],
)
def test_a_vietnamese_file_writes_its_dates_day_first(header: str, first: str) -> None:
    """Dates that read both ways: a Vietnamese file's are day first, as Vietnam writes them;
    before, 02/03/2026 was read as 3 February in every file. Its "Thời lượng" is hours."""
    body = f"{header}\nAn Phát,02/03/2026,1:30\nAn Phát,04/05/2026,2:00\n"
    data = load_files([("list.csv", body.encode())], {})
    client = data.clients.set_index(fields.CLIENT).loc["An Phát"]
    assert client[fields.FIRST_PROJECT] == pd.Timestamp(first)
    assert client[fields.HOURS] == pytest.approx(3.5)
    assert [p.code for p in data.problems if p.code == "ambiguous_dates"]  # and says so


def test_a_vietnamese_list_by_month_gives_each_clients_first_and_last_month() -> None:
    """ "Tháng" of "T1/2026" was an unread extra column: no dates, so no trend."""
    body = (
        "Khách hàng,Tháng,Doanh thu,Số giờ\n"
        "An Phát,T1/2026,12000000,40\n"
        "An Phát,T4/2026,10000000,35\n"
        "Bình Minh,Tháng 2/2026,6000000,30\n"
    )
    data = load_files([("theo_thang.csv", body.encode())], {})
    clients = data.clients.set_index(fields.CLIENT)
    assert clients.loc["An Phát", fields.FIRST_PROJECT] == pd.Timestamp("2026-01-01")
    assert clients.loc["An Phát", fields.LAST_PROJECT] == pd.Timestamp("2026-04-01")
    assert clients.loc["An Phát", fields.REVENUE] == 22_000_000
