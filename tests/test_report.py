"""``python -m model report``: the core as JSON or Markdown, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import INPUTS, SAMPLES, run_cli, shared_file


def test_report_json_has_clients_problems_and_mapping() -> None:
    result = run_cli("report", str(INPUTS / "utf8.csv"))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [c["client"] for c in report["clients"]] == ["Acme", "NA", "null"]
    assert report["clients"][0]["revenue"] == 1200.5
    assert report["clients"][0]["problem"] is True and report["clients"][2]["problem"] is None
    assert report["clients"][0]["effective_rate"] == pytest.approx(1200.5 / 10.5, rel=1e-5)
    assert report["mapping"]["Revenue (USD)"] == "revenue"
    assert report["problems"] == []


def test_report_names_are_nfc_and_trimmed() -> None:
    path = INPUTS.parent / "nfd_names.tmp.csv"
    path.write_bytes("Client,Revenue\n  Cafe\u0301 ,1\n".encode())
    try:
        report = json.loads(run_cli("report", str(path)).stdout)
    finally:
        path.unlink()
    assert report["clients"][0]["client"] == "Café"


def test_warnings_are_in_the_report_with_row_column_and_value() -> None:
    report = json.loads(run_cli("report", str(INPUTS / "ambiguous_thousands.csv")).stdout)
    (problem,) = report["problems"]
    assert problem["severity"] == "warning" and problem["code"] == "ambiguous_decimal"
    assert problem["column"] == "Revenue" and problem["value"] == "1,234"


def test_unusable_file_exits_2_with_every_problem_on_stderr_and_nothing_on_stdout() -> None:
    result = run_cli("report", str(INPUTS / "many_problems.csv"))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 4
    assert "row 2" in lines[0] and "Revenue" in lines[0] and "lots" in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("report", "/no/such/file.csv"),
        ("report", str(INPUTS / "pdf_renamed.csv")),
        ("report", str(INPUTS / "utf8.csv"), "--map", "nonsense"),
    ],
)
def test_bad_invocations_exit_2_without_a_traceback(args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.strip()


def test_map_option_overrides_the_automatic_mapping(tmp_path: Path) -> None:
    path = tmp_path / "churn.csv"
    path.write_text("Name,Churn\nA,Yes\nB,No\n", encoding="utf-8")
    report = json.loads(run_cli("report", str(path), "--map", "Churn=problem").stdout)
    assert [c["problem"] for c in report["clients"]] == [True, False]
    assert report["mapping"]["Churn"] == "problem"


def test_markdown_format_lists_the_clients() -> None:
    result = run_cli("report", str(SAMPLES / "clients.csv"), "--format", "markdown")
    assert result.returncode == 0
    assert "| Client |" in result.stdout and "Northwind Traders" in result.stdout


def test_vietnamese_messages() -> None:
    result = run_cli("report", str(INPUTS / "text_in_number.csv"), "--lang", "vi")
    assert "dòng 2" in result.stderr and "không phải là số" in result.stderr


def test_report_has_pareto_figures_per_metric() -> None:
    report = json.loads(run_cli("report", str(SAMPLES / "clients.csv")).stdout)
    revenue = report["pareto"]["revenue"]
    assert revenue["n"] == 40 and revenue["top20_share"] > 0.5
    assert 1 <= revenue["clients_for_80"] <= 40 and 0 < revenue["gini"] < 1
    assert {"hours", "after_hours_contacts", "revisions", "days_late"} <= set(report["pareto"])


def test_superstore_top_fifth_of_customers_hold_about_half_of_sales() -> None:
    path = shared_file("superstore_orders.csv")
    report = json.loads(run_cli("report", str(path)).stdout)
    assert report["pareto"]["revenue"]["n"] == 793
    assert report["pareto"]["revenue"]["top20_share"] == pytest.approx(0.48, abs=0.02)
