"""Downloads are safe in a spreadsheet and re-import to the same names."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from model import fields
from model.export import client_csv
from model.ingest.client_list import load_client_list

NAMES = [
    '=HYPERLINK("http://x","click")',
    "+1 Partners",
    "-Minus Ltd",
    "@mention",
    "\tTabbed",
    "Công ty Ánh Dương",
    "NA",
    "<img src=x onerror=alert(1)>",
]


@pytest.fixture
def exported() -> bytes:
    source = "Client,Revenue,Problem\n" + "".join(
        f'"{n.replace(chr(34), chr(34) * 2)}",{i * 100},{"yes" if i % 2 else "no"}\n'
        for i, n in enumerate(NAMES)
    )
    clients = load_client_list(source.encode("utf-8"), "c.csv").clients
    return client_csv(clients)


def test_formula_starts_are_neutralised_and_numbers_stay_numbers(exported: bytes) -> None:
    assert exported.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(exported.decode("utf-8-sig"))))
    dangerous = [r["client"] for r in rows if r["client"][:1] in ("=", "+", "-", "@", "\t")]
    assert dangerous == []
    assert rows[0]["client"].startswith("'=")
    assert rows[1]["revenue"] == "100.0" and rows[0]["problem"] == "no"


def test_reimporting_an_export_gives_back_the_same_names(exported: bytes) -> None:
    again = load_client_list(exported, "export.csv").clients
    assert again[fields.CLIENT].tolist() == [n.strip() for n in NAMES]
    assert again[fields.PROBLEM].tolist()[:2] == [0.0, 1.0]
    assert pd.api.types.is_numeric_dtype(again[fields.REVENUE])
