"""Time logs of start and end moments, and the time zone of the working hours: a start written
with an offset is judged where the user works; one without is taken as written."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from model import fields
from model.ingest import ImportOptions, WorkingHours, load_files
from model.problems import InputError
from model.workspace import SETTINGS
from tests.conftest import run_cli

# Acme: 01:30–03:00 UTC (08:30 in Hanoi, in hours; 20:30 the day before in New York, a
# Sunday) and 13:00–14:00 UTC (20:00 in Hanoi: after hours; 08:00 in New York: in hours).
# Beta: a Saturday 02:00 UTC (Friday 21:00 in New York) and a start written without an offset.
UTC_LOG = b"""Client,Project,Start,End,Description
Acme,Site,2026-03-02T01:30:00Z,2026-03-02T03:00:00Z,a
Acme,Site,2026-03-02T13:00:00.000+00:00,2026-03-02T14:00:00.000+00:00,b
Beta,App,2026-03-07T02:00:00+0000,2026-03-07T04:30:00+0000,c
Beta,App,2026-03-03 09:00,2026-03-03 10:15,d
"""


def clients(data: bytes, zone: str | None = None, name: str = "log.csv") -> pd.DataFrame:
    imports = ImportOptions(working_hours=WorkingHours(timezone=zone))
    loaded = load_files([(name, data)], {}, imports)
    assert loaded.sources[0].kind == "time_log"
    return loaded.clients.set_index(fields.KEY)


def test_hours_come_from_start_to_end() -> None:
    table = clients(UTC_LOG)
    assert table.loc["acme", fields.HOURS] == pytest.approx(2.5)
    assert table.loc["beta", fields.HOURS] == pytest.approx(3.75)
    assert table.loc["beta", fields.ENTRIES] == 2


@pytest.mark.parametrize(
    ("zone", "acme_after", "acme_first", "beta_last"),
    [
        (None, 1.5 / 2.5, "2026-03-02", "2026-03-07"),  # every start as written (UTC)
        ("Asia/Ho_Chi_Minh", 1.0 / 2.5, "2026-03-02", "2026-03-07"),
        ("America/New_York", 1.5 / 2.5, "2026-03-01", "2026-03-06"),
    ],
)
def test_offset_starts_are_judged_in_the_working_hours_zone(
    zone: str | None, acme_after: float, acme_first: str, beta_last: str
) -> None:
    table = clients(UTC_LOG, zone)
    assert table.loc["acme", fields.AFTER_HOURS_SHARE] == pytest.approx(acme_after)
    assert table.loc["acme", fields.FIRST_PROJECT] == pd.Timestamp(acme_first)
    # Beta's Saturday entry is Friday evening in New York: after hours all the same.
    assert table.loc["beta", fields.AFTER_HOURS_SHARE] == pytest.approx(2.5 / 3.75)
    assert table.loc["beta", fields.LAST_PROJECT] == pd.Timestamp(beta_last)


def test_starts_without_an_offset_are_never_moved() -> None:
    log = b"Client,Start,End\nAcme,2026-03-03 21:00,2026-03-03 22:00\n"
    for zone in (None, "Asia/Tokyo", "America/Los_Angeles"):
        assert clients(log, zone).loc["acme", fields.AFTER_HOURS_SHARE] == 1.0


def test_day_first_dotted_moments_am_pm_and_camel_case_headers() -> None:
    log = (
        b"customerName;startedAt;stoppedAt\n"
        b"Acme;05.03.2026 21:30;05.03.2026 23:00\n"
        b"Acme;13.03.2026 9:00 AM +07:00;13.03.2026 11:30 AM +07:00\n"
        b"Beta;14.03.2026 10:00;14.03.2026 10:45\n"
    )
    table = clients(log, "Asia/Ho_Chi_Minh")
    assert table.loc["acme", fields.HOURS] == pytest.approx(4.0)
    assert table.loc["acme", fields.AFTER_HOURS_SHARE] == pytest.approx(1.5 / 4.0)
    assert table.loc["acme", fields.FIRST_PROJECT] == pd.Timestamp("2026-03-05")
    assert table.loc["beta", fields.AFTER_HOURS_SHARE] == 1.0  # a Saturday


def test_a_duration_column_serves_when_there_is_no_end() -> None:
    log = b"CLIENT,STARTED AT,DURATION\nAcme,2026-03-02T08:00:00-05:00,1:30\nAcme,,2\n"
    table = clients(log, "America/New_York")
    assert table.loc["acme", fields.HOURS] == pytest.approx(3.5)
    assert table.loc["acme", fields.AFTER_HOURS_SHARE] == pytest.approx(0.0)


def test_an_offset_change_between_start_and_end_is_counted() -> None:
    # Berlin moves its clocks on 2026-03-29: 01:30 +01:00 to 03:30 +02:00 is one hour.
    log = b"Client,Start,End\nAcme,2026-03-29T01:30:00+01:00,2026-03-29T03:30:00+02:00\n"
    assert clients(log, "Europe/Berlin").loc["acme", fields.HOURS] == pytest.approx(1.0)


def test_unreadable_moments_and_ends_before_starts_are_named_all_at_once() -> None:
    log = (
        b"Client,Start,End\n"
        b"Acme,2026-03-02 09:00,2026-03-02 10:00\n"
        b"Acme,yesterday,2026-03-02 10:00\n"
        b"Beta,2026-03-06 10:00,2026-03-06 09:00\n"
        b"Beta,2026-03-06 10:00,soon\n"
    )
    with pytest.raises(InputError) as caught:
        load_files([("log.csv", log)], {}, ImportOptions())
    found = {(p.code, p.row, p.column, p.value) for p in caught.value.problems}
    assert ("not_a_moment", 3, "Start", "yesterday") in found
    assert ("ends_before_start", 4, "End", "2026-03-06 09:00") in found
    assert ("not_a_moment", 5, "End", "soon") in found


def test_a_client_list_with_contract_start_and_end_days_stays_a_client_list() -> None:
    listed = b"Client,Start,End,Revenue\nAcme,2025-01-01,2025-12-31,12000\nBeta,2025-03-01,,8000\n"
    data = load_files([("clients.csv", listed)], {}, ImportOptions())
    assert data.sources[0].kind == "client_list"
    assert data.clients.set_index(fields.KEY).loc["acme", fields.REVENUE] == 12000


def test_the_report_takes_a_timezone_and_refuses_an_unknown_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "log.csv"
    path.write_bytes(UTC_LOG)
    shares = {}
    for zone in ("Asia/Ho_Chi_Minh", "America/New_York"):
        done = run_cli("report", str(path), "--timezone", zone, warnings_as_errors=True)
        assert done.returncode == 0, done.stderr
        rows = json.loads(done.stdout)["clients"]
        shares[zone] = {r["client"]: r.get(fields.AFTER_HOURS_SHARE) for r in rows}
    assert shares["Asia/Ho_Chi_Minh"]["Acme"] == pytest.approx(0.4)
    assert shares["America/New_York"]["Acme"] == pytest.approx(0.6)
    refused = run_cli("report", str(path), "--timezone", "Mars/Base")
    assert refused.returncode == 2
    assert "Mars/Base" in refused.stderr and "Traceback" not in refused.stderr


def test_a_saved_timezone_must_be_one_this_machine_knows() -> None:
    check = SETTINGS["timezone"]
    assert check("Asia/Ho_Chi_Minh") and check("")
    assert not check("Mars/Base") and not check("../../etc/passwd") and not check(7)


@pytest.mark.parametrize(
    "log",
    [
        # Toggl's API: "duration" in whole seconds, no end.
        b"client,start,duration\nAcme,2026-03-02T08:00:00Z,5400\nAcme,2026-03-03T08:00:00Z,1800\n",
        # Said by the header, even where the numbers alone could be hours.
        b"Client,Start,Duration (seconds)\n"
        b"Acme,2026-03-02 08:00,3600\nAcme,2026-03-03 08:00,3600\n",
    ],
)
def test_durations_in_seconds_are_read_as_seconds_and_said(log: bytes) -> None:
    loaded = load_files([("log.csv", log)], {}, ImportOptions())
    hours = loaded.clients.set_index(fields.KEY).loc["acme", fields.HOURS]
    assert hours == pytest.approx(2.0)
    assert "durations_in_seconds" in {p.code for p in loaded.problems}


def test_durations_in_hours_stay_hours() -> None:
    log = b"Client,Start,Duration\nAcme,2026-03-02 08:00,1.5\nAcme,2026-03-03 08:00,2\n"
    loaded = load_files([("log.csv", log)], {}, ImportOptions())
    assert loaded.clients.set_index(fields.KEY).loc["acme", fields.HOURS] == pytest.approx(3.5)
    assert "durations_in_seconds" not in {p.code for p in loaded.problems}
