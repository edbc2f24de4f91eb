"""The Data page driven through AppTest: sample, upload, bad upload, language, mapping fix."""

from __future__ import annotations

from tests.apptest import frames, start, texts
from tests.conftest import INPUTS, SAMPLES


def test_opens_on_the_sample_marked_as_sample() -> None:
    at = start()
    assert "sample data" in texts(at).lower()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Clients"] == "40"
    assert metrics["Revenue"].startswith("$") and "," in metrics["Revenue"]
    table = frames(at)[-1]
    assert "Northwind Traders" in set(table["Client"])


def test_upload_of_vietnamese_file_shows_its_clients_in_vnd() -> None:
    at = start(lang="vi")
    data = (SAMPLES / "khach_hang.csv").read_bytes()
    at.file_uploader[0].set_value(("khach_hang.csv", data, "text/csv")).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Khách hàng"] == "40"
    # Billions of dong are shortened on the card, in Vietnamese; the tooltip has every digit.
    assert metrics["Doanh thu"].endswith(" tỷ ₫") and "," in metrics["Doanh thu"]
    exact = next(m.proto.help for m in at.metric if m.label == "Doanh thu")
    assert exact.endswith(" ₫") and exact.count(".") >= 3
    assert "khach_hang.csv" in texts(at).replace("\\", "")  # markdown-escaped on the page


def test_bad_upload_lists_every_problem_and_keeps_the_last_good_data() -> None:
    at = start()
    at.file_uploader[0].set_value(
        ("many.csv", (INPUTS / "many_problems.csv").read_bytes(), "text/csv")
    ).run()
    assert not at.exception
    assert "could not be used" in texts(at)
    problems = frames(at)[0]
    assert len(problems) == 4
    assert set(problems["Row"]) == {"2", "3", "4"}
    assert {m.label: m.value for m in at.metric}["Clients"] == "40"


def test_switching_language_translates_the_page_and_keeps_the_data() -> None:
    at = start()
    at.selectbox(key="_w_lang").set_value("vi").run()
    assert at.title[0].value == "Khách hàng của bạn"
    assert {m.label: m.value for m in at.metric}["Khách hàng"] == "40"


def test_fixing_a_mapping_rereads_the_file() -> None:
    at = start()
    data = b"Name,Churn,Total\nAlpha,Yes,1000\nBeta,No,50\n"
    at.file_uploader[0].set_value(("churn.csv", data, "text/csv")).run()
    churn = next(s for s in at.selectbox if s.label == "Churn")  # no markdown in this header
    churn.set_value("problem").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Labelled problem / fine"] == "1 / 1"


def test_a_wrong_mapping_that_broke_an_upload_can_be_fixed_in_place() -> None:
    at = start()
    data = b"Client,Amount,Notes\nAlpha,100,call back\nBeta,50,fine\n"
    at.file_uploader[0].set_value(("n.csv", data, "text/csv")).run()
    assert "could not be used" not in texts(at)  # "Notes" is text, kept as an extra
    bad = b"Client,Hours\nAlpha,lots\nBeta,2\n"
    at.file_uploader[0].set_value(("h.csv", bad, "text/csv")).run()
    assert "could not be used" in texts(at)
    hours = next(s for s in at.selectbox if s.label == "Hours")
    hours.set_value("").run()  # not used: keep it as an extra column
    assert not at.exception
    assert "could not be used" not in texts(at)
    assert {m.label: m.value for m in at.metric}["Clients"] == "2"


def test_several_exports_at_once_and_confirming_a_merge() -> None:
    at = start()
    files = [
        ("toggl.csv", (INPUTS / "toggl_old.csv").read_bytes(), "text/csv"),
        ("invoices.csv", (INPUTS / "invoices_generic.csv").read_bytes(), "text/csv"),
        ("list.csv", b'Client,Satisfaction\n"ACME, Inc.",2\nBeta,5\n', "text/csv"),
    ]
    at.file_uploader[0].set_value(files).run()
    assert not at.exception
    text = texts(at).replace("\\", "")
    assert "Toggl Track detailed export, 4 rows" in text and "invoice list, 3 rows" in text
    clients_before = int({m.label: m.value for m in at.metric}["Clients"])
    merge = next(b for b in at.button if b.label.startswith("Same client: merge"))
    merge.click().run()
    assert int({m.label: m.value for m in at.metric}["Clients"]) == clients_before - 1
    assert len(at.session_state["merges"]) == 1


def test_entries_without_a_client_are_named_in_the_chosen_language() -> None:
    at = start()
    toggl = (INPUTS / "toggl_old.csv").read_bytes()
    at.file_uploader[0].set_value([("toggl.csv", toggl, "text/csv")]).run()
    at.session_state["labels"] = {"(no client)": "fine"}

    def names() -> list[str]:
        return [str(n) for frame in frames(at) for n in frame.iloc[:, 0].tolist()]

    assert "(no client)" in names()
    at.selectbox(key="_w_lang").set_value("vi").run()
    assert not at.exception
    assert "(không có khách hàng)" in names() and "(no client)" not in names()
    assert at.session_state["labels"] == {"(no client)": "fine"}  # the key did not move


def test_two_uploads_with_the_same_name_are_both_read() -> None:
    at = start()
    files = [
        ("export.csv", (INPUTS / "toggl_old.csv").read_bytes(), "text/csv"),
        ("export.csv", (INPUTS / "invoices_generic.csv").read_bytes(), "text/csv"),
    ]
    at.file_uploader[0].set_value(files).run()
    assert not at.exception
    text = texts(at).replace("\\", "")
    assert "export.csv: Toggl Track detailed export" in text
    assert "export (2).csv: invoice list" in text


def test_a_failed_upload_named_like_the_data_on_screen_can_be_fixed_beside_it() -> None:
    at = start()  # the sample on screen is "clients.csv"
    broken = b"Report 2026\n\nClient;Revenue\nAcme;lots\nBeta;300\n"
    at.file_uploader[0].set_value(("clients.csv", broken, "text/csv")).run()
    assert not at.exception
    [error] = [p for p in at.session_state["failed_problems"] if p.severity == "error"]
    assert error.row == 4  # the title lines still count
    assert {m.label: m.value for m in at.metric}["Clients"] == "40"  # the last good data


def test_the_working_hours_time_zone_moves_a_logs_utc_starts() -> None:
    from tests.apptest import open_fold
    from tests.test_time_log import UTC_LOG

    at = start()
    at.file_uploader[0].set_value(("log.csv", UTC_LOG, "text/csv")).run()
    assert "time log" in texts(at)

    def acme_after_hours() -> str:
        return str(frames(at)[-1].set_index("Client").loc["Acme", "After-hours share"])

    # No browser under AppTest: every start as written (UTC), 1.5 of Acme's 2.5 h after hours.
    assert acme_after_hours() == "60%"
    open_fold(at, "exports_open")
    zone = at.selectbox(key="w::timezone")
    assert zone.value == "" and "As written in the file" in zone.options
    zone.set_value("Asia/Ho_Chi_Minh").run()
    assert not at.exception
    assert acme_after_hours() == "40%"  # 01:30 UTC is 08:30 in Hanoi: in hours
    at.switch_page("pages/pareto.py").run()
    at.switch_page("pages/data.py").run()
    assert acme_after_hours() == "40%"
    assert at.session_state["settings"]["timezone"] == "Asia/Ho_Chi_Minh"
