"""Columns whose header names a protected trait are left out of the model unless the user
ticks them in: a client's age, gender or marital status is no reason to end a relationship.
"""

from __future__ import annotations

from model import fields

# Trait → headers naming it (normalised: lower case, no accents; English and Vietnamese). A
# header matches when it holds one of these as whole words.
TRAITS: dict[str, tuple[str, ...]] = {
    "age": ("age", "tuoi", "senior", "senior citizen", "do tuoi", "nhom tuoi"),
    "birth": ("date of birth", "dob", "birth", "birthday", "birth date", "ngay sinh", "nam sinh"),
    "gender": ("gender", "sex", "gioi tinh"),
    "marital": (
        "marital",
        "married",
        "marital status",
        "personal status",
        "partner",
        "dependents",
        "spouse",
        "hon nhan",
        "tinh trang hon nhan",
    ),
    "religion": ("religion", "religious", "ton giao"),
    "ethnicity": ("race", "ethnicity", "ethnic", "dan toc"),
    "nationality": ("nationality", "foreign", "foreign worker", "citizenship", "quoc tich"),
    "disability": ("disability", "disabled", "handicap", "khuyet tat"),
    "pregnancy": ("pregnant", "pregnancy", "maternity", "mang thai", "thai san"),
}

# Words that make "age" the age of something else: of a debt ("tuổi nợ"), an invoice, an
# account or a contract.
NOT_A_PERSONS_AGE = frozenset({"no", "debt", "invoice", "account", "contract", "days", "ar"})


def trait_of(header: str) -> str | None:
    """The protected trait a header names (``"Giới tính"`` → ``gender``), or ``None``."""
    words = fields.normalise_header(header).split()
    text = f" {' '.join(words)} "
    for trait, names in TRAITS.items():
        if not any(f" {name} " in text for name in names):
            continue
        if trait == "age" and NOT_A_PERSONS_AGE & set(words):
            continue
        return trait
    return None


def protected(columns: list[str]) -> dict[str, str]:
    """Column → trait, for every column whose header names a protected trait."""
    found = {column: trait_of(column) for column in columns}
    return {column: trait for column, trait in found.items() if trait}
