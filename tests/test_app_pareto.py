"""The Pareto page driven through AppTest."""

from __future__ import annotations

import re

from tests.apptest import figures, start, texts

PAGE = "pages/pareto.py"


def test_headline_in_words_and_concentration_warning() -> None:
    at = start(PAGE)
    text = texts(at)
    assert "8 clients (20%) bring" in text and "of your revenue" in text
    assert "take" in text and "of your hours" in text
    assert "Northwind Traders brings 30% of your revenue" in at.warning[0].value
    assert len(figures(at)) == 3


def test_threshold_change_updates_the_figures() -> None:
    at = start(PAGE)
    at.slider(key="w::pareto_threshold").set_value(70).run()
    assert "bring 70% of your revenue" in texts(at)
    at.slider(key="w::pareto_top").set_value(10).run()
    assert "4 clients (10%) bring" in texts(at)


def test_metric_switch_to_trouble_charts_the_chosen_measure() -> None:
    at = start(PAGE)
    at.radio(key="w::pareto_metric").set_value("trouble").run()
    at.selectbox(key="w::pareto_trouble").set_value("revisions").run()
    pareto_figure = figures(at)[0]
    assert "Revisions by client" in pareto_figure["layout"]["title"]["text"]


def test_selection_from_session_state_is_shown_and_highlighted() -> None:
    at = start(PAGE)
    at.session_state["selected_client"] = "acme widgets"
    at.run()
    assert "Selected client: Acme Widgets" in texts(at)
    bars = figures(at)[0]["data"][0]
    colours = dict(zip(bars["customdata"], bars["marker"]["color"], strict=True))
    assert colours["acme widgets"] != colours["northwind traders"]
    assert len({c for k, c in colours.items() if k != "acme widgets"}) == 1


def test_missing_hours_shows_an_empty_state_not_an_error() -> None:
    at = start()
    at.file_uploader[0].set_value(
        ("r.csv", b"Client,Revenue\nA,100\nB,50\nC,10\n", "text/csv")
    ).run()
    at.switch_page(PAGE).run()
    assert not at.exception
    at.radio(key="w::pareto_metric").set_value("hours").run()
    assert any("Hours" in i.value and "column" in i.value for i in at.info)


def test_vietnamese_page() -> None:
    at = start(PAGE, lang="vi")
    assert at.title[0].value == "Thời gian và tiền của bạn đi đâu"
    assert "khách hàng (20%) mang lại" in texts(at)


def test_gini_is_written_in_the_chosen_language() -> None:
    at = start("pages/pareto.py", lang="vi")
    caption = next(c.value for c in at.caption if "Gini" in c.value)
    assert re.search(r"Gini – Doanh thu: 0,\d\d ", caption), caption
