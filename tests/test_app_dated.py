"""Trends and payments where users meet them (AppTest): sparklines and arrows in the tables,
the "getting worse" list, the payments table and a client's monthly chart, in both languages."""

from __future__ import annotations

import pytest

from tests.apptest import figures, frames, start, texts
from tests.conftest import SAMPLES
from tests.orders import order_log

WORDS = {
    "en": {"rate": "Effective rate by month", "trend": "Trend", "worse": "Getting worse"},
    "vi": {"rate": "Đơn giá giờ thực tế theo tháng", "trend": "Xu hướng", "worse": "Đang xấu đi"},
}


def _upload(lang: str, page: str | None = None):  # type: ignore[no-untyped-def]
    at = start(lang=lang)
    data, worsening, steady = order_log()
    at.file_uploader[0].set_value(("orders.csv", data, "text/csv")).run()
    assert not at.exception, at.exception
    if page:
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at, worsening, steady


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_client_table_shows_sparklines_and_a_red_falling_rate(lang: str) -> None:
    at, worsening, steady = _upload(lang)
    words = WORDS[lang]
    table = next(f for f in frames(at) if words["trend"] in f.columns)
    rate_column = words["rate"]
    by_client = table.set_index(table.columns[0])
    for client in worsening:
        assert len(by_client.loc[client, rate_column]) == 36
        assert "🔴▼" in by_client.loc[client, words["trend"]]
    for client in steady:
        assert "🔴" not in by_client.loc[client, words["trend"]]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_problem_clients_lists_who_is_getting_worse(lang: str) -> None:
    at, worsening, _ = _upload(lang, "pages/problem_clients.py")
    assert WORDS[lang]["worse"] in texts(at)
    listed = next(f for f in frames(at) if len(f.columns) == 3 and len(f) == len(worsening))
    assert set(listed.iloc[:, 0]) == worsening


def test_the_exit_plan_shows_the_clients_months() -> None:
    at, _, _ = _upload("en")
    at.session_state["selected_client"] = "gamma bau gmbh"
    at.switch_page("pages/exit_plan.py").run()
    assert not at.exception, at.exception
    monthly = [f for f in figures(at) if f["layout"]["title"]["text"] == "Month by month"]
    assert monthly and len(monthly[0]["data"][0]["x"]) == 36


def test_invoices_show_when_clients_pay_and_the_plan_expects_the_open_one() -> None:
    at = start()
    data = (SAMPLES / "invoices.csv").read_bytes()
    at.file_uploader[0].set_value(("invoices.csv", data, "text/csv")).run()
    assert not at.exception, at.exception
    assert "When do they pay?" in texts(at)
    table = next(f for f in frames(at) if "Median days to pay" in f.columns)
    assert len(table) == 40 and table["Invoices"].sum() > 40
    assert table["Median days to pay"].str.contains("day").all()
    at.session_state["selected_client"] = "blue heron studio"
    at.switch_page("pages/exit_plan.py").run()
    assert not at.exception, at.exception
    assert "expect it around" in texts(at)
