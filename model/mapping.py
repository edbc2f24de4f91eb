"""Which column holds which canonical field: automatic guess plus the user's corrections."""

from __future__ import annotations

from collections.abc import Mapping

from model import fields

IGNORE = ""  # mapping value for "use this column as an extra, not a canonical field"


def _score(norm: str, synonym: str, rank: int) -> tuple[int, int] | None:
    """Exact match beats every token match; earlier synonyms beat later ones."""
    if not norm:
        return None
    if norm == synonym:
        return (2, -rank)
    tokens, wanted = norm.split(), synonym.split()
    if len(wanted) >= 1 and len(tokens) <= len(wanted) + 2:
        # "Total revenue 2025" holds "revenue"; a lone short token must match a whole word.
        for start in range(len(tokens) - len(wanted) + 1):
            if tokens[start : start + len(wanted)] == wanted and len(synonym) >= 4:
                return (1, -rank)
    return None


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Each header's canonical field, or ``IGNORE``; every field used at most once.

    >>> guess_mapping(["Tên khách hàng", "Doanh thu (VND)", "Ghi chú"])
    {'Tên khách hàng': 'client', 'Doanh thu (VND)': 'revenue', 'Ghi chú': ''}
    """
    candidates: list[tuple[tuple[int, int], int, str, str]] = []
    for pos, header in enumerate(headers):
        norm = fields.normalise_header(header)
        for field in fields.FIELDS:
            best = None
            for rank, synonym in enumerate(field.synonyms):
                score = _score(norm, synonym, rank)
                if score and (best is None or score > best):
                    best = score
            if best:
                candidates.append((best, -pos, header, field.name))
    mapping = {h: IGNORE for h in headers}
    taken: set[str] = set()
    for _rank, _pos, header, name in sorted(candidates, reverse=True):
        if name in taken or mapping[header]:
            continue
        mapping[header] = name
        taken.add(name)
    return mapping


def apply_overrides(mapping: Mapping[str, str], overrides: Mapping[str, str]) -> dict[str, str]:
    """The user's choices win; a field chosen for one column is taken off any other."""
    result = dict(mapping)
    for header, name in overrides.items():
        if header not in result:
            continue
        if name:
            for other, current in result.items():
                if current == name and other != header:
                    result[other] = IGNORE
        result[header] = name
    return result


def parse_map_arguments(pairs: list[str]) -> dict[str, str]:
    """``["Churn=problem", "Notes="]`` → ``{"Churn": "problem", "Notes": ""}``."""
    out: dict[str, str] = {}
    for pair in pairs:
        header, sep, name = pair.rpartition("=")
        if not sep or not header:
            raise ValueError(pair)
        name = name.strip()
        if name and name not in fields.BY_NAME:
            raise ValueError(pair)
        out[header.strip()] = name
    return out
