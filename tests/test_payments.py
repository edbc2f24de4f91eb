"""When will they pay: the Kaplan–Meier median with open invoices, aging, the book's median
beside a client with few invoices, and the report's ``payments`` section."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from model import fields, payments
from model.ingest import load_files

ROOT = Path(__file__).resolve().parents[1]


def test_open_invoices_keep_a_slow_payer_from_looking_fast() -> None:
    # Paid after 10 and 12 days; three still open after 40, 50, 60: averaging the paid ones says
    # 11 days, while 3 of 5 have not paid in 40 days or more.
    days = np.array([10, 12, 40, 50, 60])
    paid = np.array([True, True, False, False, False])
    assert payments.km_median(days, paid) is None


def test_the_median_is_the_first_day_the_unpaid_share_reaches_one_half() -> None:
    # At 10: 4 at risk, 1 pays → 0.75. The one open at 15 leaves; at 20: 2 at risk, 1 pays →
    # 0.375 ≤ 0.5.
    days = np.array([10, 15, 20, 30])
    paid = np.array([True, False, True, True])
    assert payments.km_median(days, paid) == 20
    assert payments.km_median(np.array([5, 7]), np.array([True, True])) == 5


def test_aging_puts_each_open_amount_in_its_bucket() -> None:
    found = payments.aging(
        np.array([100, 200, 300, 400, 500, 600, 700]),
        np.array([-3, 0, 1, 30, 31, 90, 91]),
    )
    assert found == {
        "not_due": 300,
        "d1_30": 700,
        "d31_60": 500,
        "d61_90": 600,
        "over_90": 700,
    }


def _invoices(rows: list[str]) -> bytes:
    return ("Client,Invoice #,Issue date,Due date,Paid date,Amount\n" + "\n".join(rows)).encode()


def test_per_client_payments_from_an_invoice_file() -> None:
    rows = [
        "Slow Co,1,2026-01-01,2026-01-31,2026-03-02,100",  # 60 days, late
        "Slow Co,2,2026-02-01,2026-03-03,2026-04-02,100",  # 60 days, late
        "Slow Co,3,2026-09-01,2026-10-01,,250",  # open, 61 days past due on 2026-12-01
        "Slow Co,4,2026-11-15,2026-12-15,,50",  # open, not yet due
        "Slow Co,5,2026-03-01,2026-03-31,2026-03-20,100",  # 19 days, on time
        "Quick,6,2026-05-01,2026-05-31,2026-05-10,80",
    ]
    data = load_files([("i.csv", _invoices(rows))], {})
    assert data.invoices is not None
    found = payments.payments(data.invoices, date(2026, 12, 1))
    slow = found.clients["slow co"]
    assert (slow.invoices, slow.open, slow.open_amount) == (5, 2, 300)
    assert slow.aging == {"not_due": 50, "d1_30": 0, "d31_60": 0, "d61_90": 250, "over_90": 0}
    # Paid by due: 1 of the 3 paid ones; the open one past due counts as not; the one not yet
    # due is undecided.
    assert slow.paid_by_due_share == 0.25
    # Durations 60, 60, 91 (open), 16 (open), 19: at 19, 4 at risk → 3/4; at 60, 3 at risk
    # and 2 pay → 1/4.
    assert slow.median_days_to_pay == 60
    assert found.clients["quick"].few
    assert found.median_for("quick") == found.book_median_days_to_pay


def test_the_report_has_payments_counted_to_the_day_given(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_bytes(
        _invoices(
            [
                "Acme,1,01/02/2026,15/02/2026,,500",
                "Acme,2,01/03/2026,15/03/2026,20/03/2026,500",
            ]
        )
    )

    def report(today: str) -> dict[str, object]:
        run = subprocess.run(
            [sys.executable, "-m", "model", "report", str(path), "--format", "json",
             "--today", today],
            capture_output=True, text=True, cwd=ROOT, check=False,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
        found: dict[str, object] = json.loads(run.stdout)
        return found

    early, late = report("2026-03-31"), report("2026-06-30")
    acme_early = early["payments"]["clients"][0]  # type: ignore[index]
    acme_late = late["payments"]["clients"][0]  # type: ignore[index]
    assert acme_early["aging"]["d31_60"] == 500 and acme_late["aging"]["over_90"] == 500
    assert acme_early["few_invoices"] is True
    # Days late of the open invoice are counted to --today too.
    assert early["clients"][0]["days_late"] < late["clients"][0]["days_late"]  # type: ignore[index]


def test_a_bad_today_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_bytes(_invoices(["Acme,1,2026-01-01,2026-01-31,,5"]))
    run = subprocess.run(
        [sys.executable, "-m", "model", "report", str(path), "--today", "31/12/2026"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert run.returncode == 2 and "31/12/2026" in run.stderr and "Traceback" not in run.stderr


def test_expected_dates_of_open_invoices_follow_the_clients_habit() -> None:
    invoices = pd.DataFrame(
        {
            fields.KEY: ["a"] * 6,
            "amount": [10.0] * 6,
            "issue": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01",
                                     "2026-05-01", "2026-11-20"]),
            "due": pd.to_datetime(["2026-01-31"] * 6),
            "paid": pd.to_datetime(["2026-01-21", "2026-02-21", "2026-03-21", "2026-04-21",
                                    "2026-05-21", None]),
            "settled": [True] * 5 + [False],
            "unpaid": [0.0] * 5 + [10.0],
        }
    )  # fmt: skip
    found = payments.payments(invoices, date(2026, 12, 1))
    assert found.median_for("a") == 20
    assert payments.expected_dates(invoices, "a", found) == [
        {"issued": date(2026, 11, 20), "amount": 10.0, "expected": date(2026, 12, 10)}
    ]


def _km_by_hand(days: list[int], paid: list[bool]) -> float | None:
    """The textbook product-limit estimate, one paid day at a time."""
    share = 1.0
    for moment in sorted({d for d, p in zip(days, paid, strict=True) if p}):
        at_risk = sum(d >= moment for d in days)
        paid_now = sum(d == moment and p for d, p in zip(days, paid, strict=True))
        share *= 1 - paid_now / at_risk
        if share <= 0.5:
            return float(moment)
    return None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 4), st.integers(0, 120), st.booleans()), min_size=1, max_size=60
    )
)
def test_all_clients_medians_at_once_equal_each_clients_by_hand(
    rows: list[tuple[int, int, bool]],
) -> None:
    codes = np.array([r[0] for r in rows])
    days = np.array([r[1] for r in rows], dtype=float)
    paid = np.array([r[2] for r in rows])
    found = payments.km_medians(codes, days, paid, 5)
    for code in range(5):
        mine = [r for r in rows if r[0] == code]
        expected = _km_by_hand([r[1] for r in mine], [r[2] for r in mine])
        assert (None if np.isnan(found[code]) else found[code]) == expected
