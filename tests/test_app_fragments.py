"""Each fragment's own rerun (AppTest): a control inside a block changes that block's output,
the rest of the page is kept, and figures are reused from the session on a page switch."""

from __future__ import annotations

from tests.apptest import figures, frames, open_fold, start, texts


def _titles(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [f["layout"]["title"]["text"] for f in figures(at)]


def test_the_pareto_controls_change_their_own_block() -> None:
    at = start("pages/pareto.py")
    assert "bring 80% of your revenue" in texts(at)
    at.slider(key="w::pareto_threshold").set_value(90).run()
    assert not at.exception, at.exception
    assert "bring 90% of your revenue" in texts(at) and "80% of your" not in texts(at)
    chart = next(f for f in figures(at) if f["layout"]["title"]["text"].startswith("Revenue"))
    assert chart["layout"]["shapes"][0]["y0"] == 90  # the threshold line moved with it
    at.radio(key="w::pareto_metric").set_value("hours").run()
    assert any(title.startswith("Hours by client") for title in _titles(at))
    before = [f for f in figures(at) if "Effort" in f["layout"]["title"]["text"]]
    at.radio(key="w::effort_mode").set_value("rate").run()
    after = [f for f in figures(at) if "Effort" in f["layout"]["title"]["text"]]
    assert (
        before[0]["layout"]["xaxis"]["title"]["text"]
        != after[0]["layout"]["xaxis"]["title"]["text"]
    )


def test_figures_are_reused_on_a_page_switch_and_rebuilt_for_new_data() -> None:
    at = start("pages/pareto.py")
    kept = at.session_state["memo"]["effort_chart"]
    figure = next(iter(kept.values()))
    at.switch_page("pages/data.py").run()
    at.switch_page("pages/pareto.py").run()
    assert next(iter(at.session_state["memo"]["effort_chart"].values())) is figure
    at.session_state["lang"] = "vi"  # another language: the figure is built again
    at.run()
    titles = _titles(at)
    assert any("Công sức" in title for title in titles)


def test_the_decide_what_if_answers_the_refill() -> None:
    at = start()
    at.session_state["selected_client"] = "blue heron studio"
    at.switch_page("pages/decide.py").run()
    before = next(f for f in frames(at) if "After" in f.columns)
    at.slider(key="w::decide_refill").set_value(100).run()
    assert not at.exception, at.exception
    after = next(f for f in frames(at) if "After" in f.columns)
    revenue = before.iloc[:, 0] == "Revenue"
    assert after[revenue]["After"].iloc[0] != before[revenue]["After"].iloc[0]
    assert at.session_state["settings"]["decide_refill"] == 100


def test_the_what_if_moves_one_clients_estimate() -> None:
    at = start("pages/problem_clients.py")
    estimate = next(m for m in at.metric if m.label == "Estimate with these numbers")
    first = at.number_input[0]
    first.set_value(first.value * 10 + 1000).run()
    assert not at.exception, at.exception
    moved = next(m for m in at.metric if m.label == "Estimate with these numbers")
    assert moved.value != estimate.value or moved.delta != estimate.delta


def test_new_data_lets_go_of_everything_kept_for_the_old() -> None:
    at = start("pages/pareto.py")
    old = next(iter(at.session_state["memo"]["effort_chart"].values()))
    data = b"Client,Revenue,Hours\nA,100,10\nB,50,20\nC,10,30\n"
    at.switch_page("pages/data.py").run()
    at.file_uploader[0].set_value(("three.csv", data, "text/csv")).run()
    at.switch_page("pages/pareto.py").run()
    assert not at.exception, at.exception
    kept = at.session_state["memo"]["effort_chart"]
    assert len(kept) == 1 and next(iter(kept.values())) is not old


def test_a_charts_numbers_are_made_only_when_their_fold_is_opened() -> None:
    at = start("pages/pareto.py")
    assert not at.dataframe and "effort_numbers" not in at.session_state["memo"]
    open_fold(at, "effort_numbers")
    (table,) = at.dataframe
    assert len(table.value) == 40 and "Northwind Traders" in set(table.value.iloc[:, 0])
