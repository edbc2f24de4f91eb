"""Headers to canonical fields, in English and Vietnamese, with the user's corrections."""

from __future__ import annotations

import pytest

from model.ingest.headers import apply_overrides, guess_mapping, parse_map_arguments


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Client", "client"),
        ("Customer Name", "client"),
        ("Tên khách hàng", "client"),
        ("KHÁCH HÀNG", "client"),
        ("Revenue (USD)", "revenue"),
        ("Doanh thu (VND)", "revenue"),
        ("Thành tiền", "revenue"),
        ("Amount [€]", "revenue"),
        ("Hours", "hours"),
        ("Số giờ", "hours"),
        ("Days overdue", "days_late"),
        ("Số ngày trễ", "days_late"),
        ("Balance due", "outstanding"),
        ("Công nợ", "outstanding"),
        ("After-hours messages", "after_hours_contacts"),
        ("Tin nhắn ngoài giờ", "after_hours_contacts"),
        ("Revisions", "revisions"),
        ("Số lần sửa", "revisions"),
        ("Problem client", "problem"),
        ("Khách hàng có vấn đề", "problem"),
        ("Label", "problem"),
        ("Total revenue 2025", "revenue"),
        ("Giờ", "hours"),
        ("Red flag?", "problem"),
        ("Fire?", "problem"),
        ("Khách khó tính", "problem"),
        ("Difficult?", "problem"),
        ("Let go?", "problem"),
        ("isProblem", "problem"),
        ("Hours worked", "hours"),
        ("HOURSLOGGED", "hours"),
        ("hrsWorked", "hours"),
        ("REVENUEEUR", "revenue"),
        ("Unpaid amount", "outstanding"),
        ("Customer since", "first_project"),
        ("Hours (last 12 months)", "hours"),  # a note after the name
        ("Revenue (excl. VAT)", "revenue"),
        ("Weekend messages", "after_hours_contacts"),
        ("Late-night messages", "after_hours_contacts"),
        ("Tin nhắn cuối tuần", "after_hours_contacts"),
        ("Thời lượng", "hours"),
        ("Tháng", "date"),
    ],
)
def test_header_synonyms_match_case_and_accent_insensitively(header: str, field: str) -> None:
    assert guess_mapping([header])[header] == field


@pytest.mark.parametrize(
    "header",
    [
        "Risk score",  # not satisfaction: higher is worse
        "Revenue target",
        "Budget hours",
        "Hours (estimated)",
        "Time zone",
        "Response time",
        "Sales rep",
        "Account manager",
        "Discount amount",
        "Sales region",
        "Minimum hours",
    ],
)
def test_a_header_about_something_else_is_not_taken_for_the_field_it_names(header: str) -> None:
    """A plan, a person, a place or another measure named with a field's word stays an extra
    column (the model may still use it, under its own name)."""
    assert guess_mapping(["Client", header])[header] == ""


def test_each_field_is_used_once_and_the_exact_match_wins() -> None:
    mapping = guess_mapping(["Customer ID", "Customer Name", "Sales"])
    assert mapping == {"Customer ID": "", "Customer Name": "client", "Sales": "revenue"}


def test_unknown_headers_stay_extra_columns() -> None:
    assert guess_mapping(["Client", "Notes", "Segment"])["Notes"] == ""


def test_override_moves_a_field_off_its_old_column() -> None:
    mapping = apply_overrides(
        {"Client": "client", "Sales": "revenue", "Profit": ""}, {"Profit": "revenue"}
    )
    assert mapping == {"Client": "client", "Sales": "", "Profit": "revenue"}


def test_map_arguments_parse_and_refuse_unknown_fields() -> None:
    assert parse_map_arguments(["Churn=problem", "Notes="]) == {"Churn": "problem", "Notes": ""}
    with pytest.raises(ValueError):
        parse_map_arguments(["Churn=fired_for_sure"])
