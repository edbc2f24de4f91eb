"""Vietnamese that reads as Vietnamese: the review's glossary held over the catalogue, every
page read in Vietnamese for English words and internal codes, and the goodbye letter."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from model import fields
from tests.apptest import figures, start, texts
from tests.conftest import ROOT, SAMPLES, run_cli

VI: dict[str, str] = json.loads((ROOT / "locales" / "vi.json").read_text(encoding="utf-8"))

# Terms the glossary replaces: (wrong term, keys allowed to keep it, the term to use).
AVOID = [
    ("ánh xạ", (), "“Ý nghĩa của từng cột” / gán cột"),
    ("chia tay", ("plan.title", "plan.meet.dont"), "chấm dứt hợp tác"),
    ("chấm dứt quan hệ", (), "chấm dứt hợp tác"),
    ("tự nhận", (), "tự động"),
    ("đơn giá thực tế", (), "đơn giá giờ thực tế"),
    ("đơn giá mục tiêu", (), "đơn giá giờ mục tiêu"),
    ("đơn giá trung vị", (), "đơn giá giờ trung vị"),
    ("số ngày trễ", (), "số ngày trả chậm"),
    ("trễ thanh toán", (), "trả chậm"),
    ("khoản nợ", (), "công nợ"),
    ("mục thời gian", (), "bản ghi thời gian"),
    ("thước đo", (), "chỉ số"),
    ("mức dễ chịu", (), "mức hài lòng"),
    ("suy nghĩ kỹ", (), "để vài ngày cho bình tâm"),
    ("ước tính có vấn đề", (), "khả năng có vấn đề"),
    ("đã gắn có vấn đề", (), "đã gắn nhãn có vấn đề"),
    ("công ty lớn", (), "agency"),
    ("giờ tính phí", (), "số giờ tính phí"),
]
# The goodbye letter is a "thư"; "tin nhắn" is chat (after-hours messages).
LETTER_KEYS = (
    "plan.draft",
    "plan.draft_lang",
    "plan.download_draft",
    "plan.check.message_ready",
    "plan.referral_text",
)


@pytest.mark.parametrize(("term", "allowed", "use"), AVOID, ids=[a[0] for a in AVOID])
def test_the_glossary_holds_over_the_catalogue(
    term: str, allowed: tuple[str, ...], use: str
) -> None:
    wrong = [
        key
        for key, text in VI.items()
        if key not in allowed
        and re.search(rf"(?<!\w){term}", text, re.IGNORECASE)
        and not (term == "giờ tính phí" and "số giờ tính phí" in text.lower())
    ]
    assert not wrong, f"“{term}” in {wrong}: use “{use}”"


def test_the_letter_is_a_thu_and_the_concepts_have_their_one_term() -> None:
    for key in LETTER_KEYS:
        assert "thư" in VI[key] and "tin nhắn" not in VI[key], key
    assert VI["field.effective_rate"] == "Đơn giá giờ thực tế"
    assert VI["field.days_late"] == "Số ngày trả chậm"
    assert VI["nav.exit"] == "Kế hoạch chấm dứt hợp tác"
    assert "chấm dứt hợp tác" in VI["plan.check.slept_on_it"]  # not "tiếp tục": the opposite
    assert "khách hàng còn nợ" in VI["plan.why.contract"]  # the client owes, not you
    # Download buttons say where to: "tải về", never a bare "Tải".
    for key, text in VI.items():
        if text.startswith("Tải ") and not text.startswith("Tải lên"):
            assert text.split()[1] in ("về", "bảng", "mô", "thư", "kế"), key
            assert " về" in text, key


EN: dict[str, str] = json.loads((ROOT / "locales" / "en.json").read_text(encoding="utf-8"))
# Words Vietnamese text may share with English: names, formats, units and short Vietnamese
# words spelt like English ones ("do" = because, "an" in "an toàn", "thu", "anh", "em").
SHARED = {
    "agency", "an", "anh", "auc", "brier", "byte", "client", "clockify", "csv", "do", "em",
    "email", "eur", "excel", "false", "freshbooks", "gini", "h", "harvest", "hhi", "ics",
    "json", "k", "kaplan", "libreoffice", "log", "logistic", "lorenz", "markdown", "mb",
    "meier", "mm", "n", "nan", "no", "nul", "odds", "pareto", "pdf", "pickle", "pm", "roc",
    "sen", "simulate", "so", "tab", "theil", "thu", "toggl", "track", "triage", "true", "txt",
    "utf", "video", "vnd", "windows", "x", "xls", "xlsx", "y", "yes", "yyyy", "zip",
    "dd", "sig", "english", "usd",  # a date format, "utf-8-sig", a language, a currency code
}  # fmt: skip


def _ascii_words(text: str) -> set[str]:
    """Words written in plain ASCII letters (every English word; few Vietnamese ones), leaving
    out placeholders, command-line flags and file suffixes."""
    text = re.sub(r"\{[^}]*\}|--[\w-]+|\.\w+\b", " ", text)
    return {w.lower() for w in re.findall(r"(?<![\w])[A-Za-z]+(?![\w])", text)}


ENGLISH_WORDS = set().union(*(_ascii_words(v) for v in EN.values())) - SHARED
VIETNAMESE_ASCII = set().union(*(_ascii_words(v) for v in VI.values()))


def test_no_english_word_is_left_in_the_vietnamese_catalogue() -> None:
    english = {
        key: sorted(_ascii_words(text) & ENGLISH_WORDS)
        for key, text in VI.items()
        if _ascii_words(text) & ENGLISH_WORDS
    }
    assert not english, english


# Internal names: snake_case fields and the date order codes.
CODES = re.compile(r"\b(dmy|mdy|[a-z]+_[a-z_]+)\b")


WIDGETS = (
    "button",
    "checkbox",
    "toggle",
    "text_input",
    "number_input",
    "text_area",
    "date_input",
    "slider",
    "select_slider",
    "selectbox",
    "multiselect",
    "radio",
)


def _everything_shown(at: Any) -> str:
    """Titles, text, captions, metrics, widget labels and options, expanders, tabs, table
    headers and chart titles and axes."""
    parts = [texts(at)]
    for kind in WIDGETS:
        for widget in getattr(at, kind):
            parts.append(str(widget.label))
            parts += [str(o) for o in getattr(widget, "options", []) or []]
    parts += [str(e.label) for e in at.expander]
    parts += [str(tab.label) for tab in at.tabs]
    for frame in at.dataframe:  # a column's header is its configured label, else its name
        config = json.loads(frame.proto.columns or "{}")
        for column in frame.value.columns:
            settings = config.get(str(column), {})
            if not settings.get("hidden"):
                parts += [str(settings.get("label") or column), str(settings.get("help", ""))]
    for figure in figures(at):
        layout = figure.get("layout", {})
        parts.append(str(layout.get("title", {}).get("text", "")))
        for axis in ("xaxis", "yaxis", "yaxis2"):
            parts.append(str(layout.get(axis, {}).get("title", {}).get("text", "")))
        parts += [str(trace.get("name", "")) for trace in figure.get("data", [])]
    return "\n".join(parts)


def _data_words(at: Any) -> set[str]:
    """Words that come from the user's data (client names, file names, headers)."""
    data = at.session_state["dataset"] if "dataset" in at.session_state else None  # noqa: SIM401
    words: set[str] = set()
    names: list[str] = []
    if data is not None:
        names += data.clients[fields.CLIENT].astype(str).tolist()
        names += [str(c) for c in data.clients.columns]
        names += [source.name for source in data.sources]
    for name in names:
        words |= set(re.findall(r"\w+", name))
    return words


PAGES = ["pages/data.py", "pages/pareto.py", "pages/problem_clients.py", "pages/decide.py",
         "pages/exit_plan.py"]  # fmt: skip


@pytest.mark.parametrize("page", PAGES)
def test_a_vietnamese_page_shows_no_english_and_no_codes(page: str) -> None:
    at = start(page, lang="vi")
    _reads_as_vietnamese(at, page)


def _reads_as_vietnamese(at: Any, page: str) -> None:
    """Every plain-ASCII word shown is one the Vietnamese catalogue uses, or the data's own."""
    shown = _everything_shown(at).replace("\\", "")  # Markdown escapes in file names
    ours = {w.lower() for w in _data_words(at)}
    foreign = sorted(_ascii_words(shown) - VIETNAMESE_ASCII - SHARED - ours)
    codes = sorted({c for c in CODES.findall(shown) if c.lower() not in ours})
    assert not foreign, f"not Vietnamese on {page}: {foreign}"
    assert not codes, f"internal codes on {page}: {codes}"


@pytest.mark.parametrize("page", PAGES)
def test_pages_with_time_entries_and_invoices_read_as_vietnamese(page: str) -> None:
    """Trends, payments, the monthly chart and the money step: the parts dated data opens."""
    at = start(lang="vi")
    files = [
        (name, (SAMPLES / name).read_bytes(), "text/csv")
        for name in ("toggl_time_entries.csv", "invoices.csv")
    ]
    at.file_uploader[0].set_value(files).run()
    assert not at.exception, at.exception
    at.switch_page(page).run()
    assert not at.exception, at.exception
    _reads_as_vietnamese(at, page)


def test_the_vietnamese_letter_follows_vietnamese_conventions() -> None:
    done = run_cli(
        "plan", str(SAMPLES / "clients.csv"), "--client", "Blue Heron Studio",
        "--today", "2026-12-01", "--lang", "vi", "--message-lang", "vi",
        "--sender", "Minh", "--recipient", "chị Lan",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    markdown = done.stdout
    letter = [line[2:] for line in markdown.splitlines() if line.startswith("> ")]
    assert letter[0] == "Kính gửi chị Lan,"
    assert "đã quyết định kết thúc việc hợp tác với anh/chị, vì" in letter[1]
    # The last working day as "ngày dd/mm/yyyy", the same day the notice step shows.
    last = re.search(r"đến hết ngày (\d\d/\d\d/\d{4})", markdown)
    assert last and f"Kết thúc thời hạn báo trước: Chủ nhật, {last.group(1)}" in markdown
    assert letter[-3].startswith("Cảm ơn anh/chị") and letter[-3].endswith("thành công.")
    assert letter[-2:] == ["Trân trọng,", "Minh"]
    assert not re.search(r"\d{4}-\d\d-\d\d", markdown)  # no ISO dates in the Vietnamese plan
    assert "Thông báo vào Thứ " in markdown  # the weekday, in Vietnamese


def test_without_a_recipient_the_letter_greets_the_client() -> None:
    done = run_cli(
        "plan", str(SAMPLES / "clients.csv"), "--client", "Blue Heron Studio",
        "--today", "2026-12-01", "--message-lang", "vi", "--format", "json",
    )  # fmt: skip
    text = json.loads(done.stdout)["message"]["text"]
    assert text.startswith("Kính gửi Blue Heron Studio,") and text.endswith("Trân trọng,\n…")


def test_the_page_letter_greets_the_recipient_and_hints_at_the_form_of_address() -> None:
    at = start("pages/exit_plan.py", lang="vi")
    client = at.selectbox(key="plan_client").value
    at.text_input(key=f"plan::{client}::recipient").set_value("anh Minh").run()
    at.text_input(key=f"plan::{client}::sender").set_value("Lan").run()
    assert not at.exception, at.exception
    letter = at.text_area(key=f"plan::{client}::draft").value
    assert letter.startswith("Kính gửi anh Minh,") and letter.endswith("Trân trọng,\nLan")
    assert "hãy chọn một cách xưng hô" in texts(at)
