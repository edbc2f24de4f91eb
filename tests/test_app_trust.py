"""How far to trust the estimate, where users meet it (AppTest): bands beside estimates, the
calibration chart, the events-per-variable warning with its fix, the threshold's price, and
protected traits left out with a word, in both languages."""

from __future__ import annotations

import pytest

from tests.apptest import figures, frames, start, texts
from tests.test_uncertainty import _list

PAGE = "pages/problem_clients.py"


def test_estimates_have_bands_calibration_and_a_priced_threshold() -> None:
    at = start(PAGE)
    scores = next(f for f in frames(at) if "Estimate" in f.columns)
    assert scores["Estimate"].str.fullmatch(r"\d+% \(\d+%–\d+%\)").all()
    page = texts(at)
    assert "expected calibration error" in page
    titles = [f["layout"]["title"]["text"] for f in figures(at)]
    assert any(title.startswith("Estimated against observed") for title in titles)
    assert "you would review" in page
    before = page
    next(s for s in at.slider if s.label.startswith("Review clients")).set_value(90).run()
    assert not at.exception and texts(at) != before and "At 90%" in texts(at)


def test_few_events_are_warned_about_and_fewer_columns_offered() -> None:
    at = start(PAGE)
    assert "per model column" in texts(at)
    keep = next(b for b in at.button if b.label.startswith("Keep only the"))
    wanted = int(keep.label.split()[3])
    keep.click().run()
    assert not at.exception, at.exception
    assert len(at.session_state["settings"]["model_features"]) == wanted


@pytest.mark.parametrize(
    ("lang", "left_out", "trait"),
    [("en", "Left out of the model", "(gender)"), ("vi", "Không đưa vào mô hình", "(giới tính)")],
)
def test_protected_traits_are_left_out_with_a_word(lang: str, left_out: str, trait: str) -> None:
    at = start(lang=lang)
    at.file_uploader[0].set_value(("clients.csv", _list(60), "text/csv")).run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    page = texts(at).replace("\\", "")
    assert left_out in page and "Giới tính" in page and trait in page
    chosen = at.multiselect(key="w::model_features")
    assert "Tuổi" in chosen.options and "Tuổi" not in chosen.value
