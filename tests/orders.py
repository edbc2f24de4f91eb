"""Generated files in the shapes users have: an order log built so that some clients worsen."""

from __future__ import annotations

import random
from datetime import date, timedelta


def order_log(seed: int = 7) -> tuple[bytes, set[str], set[str]]:
    """Three years of orders as a European spreadsheet writes them (dd.mm.yyyy, decimal commas,
    ``;``, run-together headers): two clients pay ever later at an ever lower rate; three stay
    steady."""
    rng = random.Random(seed)
    worsening, steady = {"Gamma Bau GmbH", "Delta Druck"}, {"Alpha AG", "Beta KG", "Epsilon"}
    lines = ["ORDERDATE;Customer;NetAmount;HoursWorked;DaysLate"]
    start = date(2023, 1, 1)
    for month in range(36):
        for client in sorted(worsening | steady):
            for _ in range(3):
                day = start + timedelta(days=month * 30.4 + rng.randint(0, 25))
                hours = rng.uniform(4, 8)
                rate = 90.0 - (1.5 * month if client in worsening else 0) + rng.uniform(-4, 4)
                late = (month if client in worsening else 3) + rng.randint(0, 4)
                amount = f"{hours * rate:.2f}".replace(".", ",")
                lines.append(
                    f"{day:%d.%m.%Y};{client};{amount};{str(round(hours, 2)).replace('.', ',')};"
                    f"{late}"
                )
    return ("\n".join(lines) + "\n").encode(), worsening, steady
