"""Write the bundled sample files from a fixed seed: ``python sample_data/generate.py``.

A believable freelancer's year: about 40 clients with a long revenue tail, a few slow payers,
a few after-hours and revision-heavy clients, and problem labels on about 25 of them.
"""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261126
VND_PER_USD = 25_000

NAMES = [
    "Northwind Traders",
    "Blue Heron Studio",
    "Công ty TNHH Minh Phát",
    "Acme Widgets",
    "Lotus Spa Group",
    "Globex Media",
    "Sông Hồng Logistics",
    "Pixel & Pine",
    "Initech",
    "Bến Thành Foods",
    "Umbrella Health",
    "Harbor Yoga",
    "Tân Định Café",
    "Stark Renovations",
    "Wayne Charity Fund",
    "Hanoi Craft Beer",
    "Cyberdyne Apps",
    "Vinh Quang Printing",
    "Oceanic Travel",
    "Duy Tân Dental",
    "Kestrel Legal",
    "Mekong Tea House",
    "Bluebird Bakery",
    "Soylent Nutrition",
    "Phở Việt Express",
    "Gringotts Advisory",
    "Đà Lạt Flowers",
    "Monarch Fitness",
    "Hooli Labs",
    "Ánh Dương Books",
    "Zephyr Architects",
    "Hải Vân Tours",
    "Olive & Oak Interiors",
    "Vandelay Imports",
    "Trúc Xanh School",
    "Red Panda Games",
    "Sao Mai Events",
    "Quartz Analytics",
    "Hoa Sen Fashion",
    "Paper Crane Press",
]


@dataclass
class Client:
    name: str
    revenue: float
    hours: float
    days_late: float
    outstanding: float
    after_hours: int
    revisions: int
    scope_changes: int
    satisfaction: int
    first: date
    last: date
    notice_days: int | None
    problem: bool | None


def make_clients(rng: random.Random) -> list[Client]:
    clients = []
    for rank, name in enumerate(NAMES, start=1):
        revenue = round(52_000 * rank**-1.05 * rng.uniform(0.8, 1.25), 2)
        if rank == 1:  # one anchor client: the concentration risk many freelancers live with
            revenue = round(revenue * 1.3, 2)
        rate = rng.uniform(85, 170)
        trouble = rng.random() ** 1.6  # most clients are easy, a few are hard
        if rank in (4, 11, 17, 23, 31):  # a handful of costly, demanding clients
            trouble = rng.uniform(0.75, 1.0)
        hours = revenue / rate * (1 + 2.2 * trouble) * rng.uniform(0.85, 1.15)
        days_late = max(0.0, rng.gauss(4 + 40 * trouble**2, 4))
        outstanding = round(revenue * rng.uniform(0.15, 0.45), 2) if days_late > 20 else 0.0
        after_hours = round(max(0.0, rng.gauss(1 + 25 * trouble, 2)))
        revisions = round(max(0.0, rng.gauss(1 + 9 * trouble, 1)))
        scope = round(max(0.0, rng.gauss(0.5 + 6 * trouble, 1)))
        satisfaction = min(5, max(1, round(5 - 3.5 * trouble + rng.gauss(0, 0.6))))
        first = date(2024, 1, 8) + timedelta(days=rng.randint(0, 500))
        last = min(date(2026, 10, 30), first + timedelta(days=rng.randint(60, 600)))
        notice = rng.choice([None, 14, 30, 30, 60])
        label: bool | None = None
        if rank % 8 != 3 and len([c for c in clients if c.problem is not None]) < 25:
            odds = math.exp(-3 + 6 * trouble)
            label = rng.random() < odds / (1 + odds) if rng.random() < 0.75 else None
        clients.append(
            Client(
                name,
                revenue,
                round(hours, 1),
                round(days_late, 1),
                outstanding,
                after_hours,
                revisions,
                scope,
                satisfaction,
                first,
                last,
                notice,
                label,
            )
        )
    return clients


def write_english(clients: list[Client], path: Path) -> None:
    header = [
        "Client",
        "Revenue (USD)",
        "Hours",
        "Days late",
        "Outstanding (USD)",
        "After-hours messages",
        "Revisions",
        "Scope changes",
        "Satisfaction",
        "First project",
        "Last project",
        "Notice days",
        "Problem",
    ]
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        for c in clients:
            out.writerow(
                [
                    c.name,
                    f"{c.revenue:.2f}",
                    f"{c.hours:.1f}",
                    f"{c.days_late:.1f}",
                    f"{c.outstanding:.2f}",
                    c.after_hours,
                    c.revisions,
                    c.scope_changes,
                    c.satisfaction,
                    c.first.isoformat(),
                    c.last.isoformat(),
                    "" if c.notice_days is None else c.notice_days,
                    "" if c.problem is None else ("yes" if c.problem else "no"),
                ]
            )


def _vi_number(value: float, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def write_vietnamese(clients: list[Client], path: Path) -> None:
    """Excel's Vietnamese CSV: semicolons, decimal commas, dd/mm/yyyy, UTF-8 with BOM."""
    header = [
        "Tên khách hàng",
        "Doanh thu (VND)",
        "Số giờ",
        "Số ngày trễ",
        "Công nợ (VND)",
        "Tin nhắn ngoài giờ",
        "Số lần sửa",
        "Thay đổi phạm vi",
        "Mức độ hài lòng",
        "Dự án đầu tiên",
        "Dự án gần nhất",
        "Số ngày báo trước",
        "Khách hàng có vấn đề",
    ]
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        out = csv.writer(fh, delimiter=";")
        out.writerow(header)
        for c in clients:
            out.writerow(
                [
                    c.name,
                    _vi_number(c.revenue * VND_PER_USD) + " ₫",
                    _vi_number(c.hours, 1),
                    _vi_number(c.days_late, 1),
                    _vi_number(c.outstanding * VND_PER_USD),
                    c.after_hours,
                    c.revisions,
                    c.scope_changes,
                    c.satisfaction,
                    c.first.strftime("%d/%m/%Y"),
                    c.last.strftime("%d/%m/%Y"),
                    "" if c.notice_days is None else c.notice_days,
                    "" if c.problem is None else ("có" if c.problem else "không"),
                ]
            )


def write_toggl(clients: list[Client], path: Path, rng: random.Random) -> None:
    """A Toggl Track detailed export of the same hours: UTF-8 with BOM, every field quoted."""
    header = [
        "User",
        "Email",
        "Client",
        "Project",
        "Task",
        "Description",
        "Billable",
        "Start date",
        "Start time",
        "End date",
        "End time",
        "Duration",
        "Tags",
        "Amount (USD)",
    ]
    rows = []
    for c in clients:
        rate = c.revenue / c.hours if c.hours else 0
        late_share = min(0.6, c.after_hours / 40)
        left = round(c.hours * 3600)
        while left > 0:
            seconds = min(left, rng.randint(20, 240) * 60)
            left -= seconds
            day = c.first + timedelta(days=rng.randint(0, max(0, (c.last - c.first).days)))
            if rng.random() < late_share:
                start_hour = rng.choice([6, 7, 19, 20, 21, 22])
            else:
                start_hour = rng.randint(8, 16)
                while day.weekday() >= 5:
                    day += timedelta(days=1)
            start = datetime(day.year, day.month, day.day, start_hour, rng.randint(0, 59))
            end = start + timedelta(seconds=seconds)
            hh, rest = divmod(seconds, 3600)
            rows.append(
                [
                    "Sample Freelancer",
                    "me@example.com",
                    c.name,
                    "Retainer",
                    "",
                    "Work",
                    "Yes",
                    start.date().isoformat(),
                    start.strftime("%H:%M:%S"),
                    end.date().isoformat(),
                    end.strftime("%H:%M:%S"),
                    f"{hh}:{rest // 60:02d}:{rest % 60:02d}",
                    "",
                    f"{rate * seconds / 3600:.2f}",
                ]
            )
    rows.sort(key=lambda r: (r[7], r[8]))
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        out = csv.writer(fh, quoting=csv.QUOTE_ALL)
        out.writerow(header)
        out.writerows(rows)


def write_invoices(clients: list[Client], path: Path, rng: random.Random) -> None:
    """A generic invoice list for the year to October 2026: monthly invoices adding up to the
    revenue, paid about ``days late`` after the due date, and a last unpaid milestone invoice
    that is the outstanding balance."""
    rows = []
    number = 1000
    start = date(2025, 11, 1)
    for c in clients:
        months = 12 if c.outstanding <= 0 else 11
        amounts = [(c.revenue - c.outstanding) / months] * months
        if c.outstanding > 0:
            amounts.append(c.outstanding)
        for i, amount in enumerate(amounts):
            number += 1
            issued = start + timedelta(days=30 * i)
            due = issued + timedelta(days=30)
            unpaid = c.outstanding > 0 and i == len(amounts) - 1
            paid = (
                ""
                if unpaid
                else (due + timedelta(days=max(0, round(rng.gauss(c.days_late, 3))))).isoformat()
            )
            rows.append(
                [
                    f"INV-{number}",
                    c.name,
                    f"{amount:.2f}",
                    issued.isoformat(),
                    due.isoformat(),
                    paid,
                    "unpaid" if unpaid else "paid",
                ]
            )
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(
            [
                "Invoice number",
                "Client",
                "Amount (USD)",
                "Issue date",
                "Due date",
                "Paid date",
                "Status",
            ]
        )
        out.writerows(rows)


def main() -> None:
    rng = random.Random(SEED)
    clients = make_clients(rng)
    write_english(clients, HERE / "clients.csv")
    write_vietnamese(clients, HERE / "khach_hang.csv")
    write_toggl(clients, HERE / "toggl_time_entries.csv", random.Random(SEED + 1))
    write_invoices(clients, HERE / "invoices.csv", random.Random(SEED + 2))


if __name__ == "__main__":
    main()
