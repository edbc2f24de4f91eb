"""Client identity: keys from names, rows combined per client, near-duplicate names
proposed for merging, the merges the user confirmed, and the derived effective rate."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz, process

from model import fields
from model.ingest import monthly, strings
from model.ingest.dataset import Dataset
from model.ingest.vocabulary import LEGAL_WORDS, LEGAL_WORDS_PATTERN
from model.problems import (
    MAX_PROBLEMS_PER_COLUMN,
    Problem,
    shorten,
)


@dataclass(frozen=True)
class ClientNames:
    """The client column read once, with what combining rows and the near-duplicate search
    need (worked out beside the other columns, on a big list)."""

    keys: pd.Series
    names: pd.Series  # as written: trimmed, NFC
    repeats: bool  # some key is on several rows
    loosen: pd.Series  # keys a looser spelling could change


def client_names(column: pd.Series) -> ClientNames:
    names = strings.nfc(strings.strip(column))
    # A leading apostrophe is how safe exports (ours too) keep formulas inert.
    names = strings.replace_regex(names, r"^'([=+\-@\t\r])", r"\1")
    keys = client_keys(names)
    return ClientNames(keys, names, bool(strings.repeated(keys).any()), _might_loosen(keys))


def combine_rows(
    table: pd.DataFrame,
    numeric_extras: list[str],
    text_extras: list[str],
    repeats: bool | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    """One row per client key: sum money, hours and counts; average rates; span dates.

    ``repeats``: whether some key is on several rows, when already known.
    """
    if fields.KEY not in table:
        table = table.assign(**{fields.KEY: client_keys(table[fields.CLIENT])})
    table = table[[fields.KEY, *(c for c in table.columns if c != fields.KEY)]]
    table[fields.ROWS] = 1
    if repeats is None:
        repeats = bool(strings.repeated(table[fields.KEY]).any())
    if not repeats:
        return table, []
    spellings = table.groupby(fields.KEY, sort=False)[fields.CLIENT].nunique()
    agg: dict[str, Any] = {fields.CLIENT: "first", fields.ROWS: "sum"}
    for column in table.columns:
        if column in agg or column == fields.KEY:
            continue
        spec = fields.BY_NAME.get(column)
        if spec is None:
            agg[column] = (lambda s: s.sum(min_count=1)) if column in numeric_extras else "first"
        elif spec.combine == "sum":
            agg[column] = lambda s: s.sum(min_count=1)
        elif spec.combine == "label":
            agg[column] = "max"
        else:
            agg[column] = spec.combine
    combined = table.groupby(fields.KEY, sort=False, as_index=False).agg(agg)
    problems = [
        Problem(
            "info",
            "combined_rows",
            params={"rows": len(table), "clients": len(combined)},
        )
    ]
    for key in spellings[spellings > 1].index[:MAX_PROBLEMS_PER_COLUMN]:
        names = table.loc[table[fields.KEY] == key, fields.CLIENT].unique()
        problems.append(
            Problem(
                "warning", "spelling_merged", value=" / ".join(shorten(n, 40) for n in names[:4])
            )
        )
    return combined, problems


def client_keys(names: pd.Series) -> pd.Series:
    """Vectorised ``fields.client_key``: NFC, spaces collapsed, case-folded."""
    return strings.fold(strings.collapse_spaces(strings.nfc(names)))


def add_derived(table: pd.DataFrame) -> pd.DataFrame:
    """``effective_rate = revenue / hours`` where both are known and hours are positive."""
    table = table.copy()
    if fields.REVENUE in table and fields.HOURS in table:
        hours = table[fields.HOURS].where(table[fields.HOURS] > 0)
        table[fields.EFFECTIVE_RATE] = table[fields.REVENUE] / hours
    return table


def _might_loosen(keys: pd.Series) -> pd.Series:
    """Keys a looser spelling could change — a character other than a-z, 0-9 and space, or a
    legal-form word — found without a regex pass (the regex then decides, on these only)."""
    array = strings.arrow(keys).combine_chunks()
    symbols = pc.invert(pc.ascii_is_alnum(pc.replace_substring(array, " ", "")))
    words = pc.split_pattern(array, " ")
    legal = pc.is_in(pc.list_flatten(words), value_set=pa.array(sorted(LEGAL_WORDS)))
    found = symbols.to_numpy(zero_copy_only=False).copy()
    found[pc.filter(pc.list_parent_indices(words), legal).to_numpy()] = True
    return pd.Series(found, index=keys.index)


def _loose_keys(keys: pd.Series, loosen: pd.Series | None = None) -> pd.Series:
    """Keys without accents, punctuation and legal-form words: where near-duplicates meet."""
    # Only keys with something to strip differ from their loose form; the rest stay as they are.
    fancy = _might_loosen(keys) if loosen is None else loosen.set_axis(keys.index)
    if fancy.any():
        fancy[fancy] = strings.contains_regex(keys[fancy], f"[^0-9a-z ]|{LEGAL_WORDS_PATTERN}")
    if not fancy.any():
        return keys
    part = keys[fancy].map(fields.strip_accents).astype(strings.TEXT)
    part = strings.replace_regex(part, r"[^0-9a-z]+", " ")
    part = strings.collapse_spaces(strings.replace_regex(part, LEGAL_WORDS_PATTERN, " "))
    part = part.where(part != "", keys[fancy])
    loose = keys.copy()
    loose[fancy] = part
    return loose


def near_duplicates(table: pd.DataFrame, loosen: pd.Series | None = None) -> list[Problem]:
    """Different keys that meet under a looser spelling ("Acme Inc" / "ACME, Inc.");
    ``table`` has one row per key; ``loosen`` (when known) marks the keys worth loosening."""
    names = table[fields.CLIENT]
    keys = strings.as_text(table[fields.KEY])
    loose = _loose_keys(keys, loosen)
    problems: list[Problem] = []
    if loose is keys:  # nothing loosened: the keys are as distinct as they were
        return problems
    dup = strings.repeated(loose)
    if not dup.any():
        return problems
    for _key, group in names[dup].groupby(loose[dup], sort=False):
        problems.append(
            Problem(
                "warning",
                "near_duplicate",
                value=" / ".join(shorten(n, 40) for n in group[:4]),
                params={"keys": keys.loc[group.index].astype(str).tolist()},
            )
        )
        if len(problems) >= MAX_PROBLEMS_PER_COLUMN:
            break
    return problems


SIMILAR_AT = 92  # whole-name similarity (spaces ignored) that proposes two names as one


def similar_names(tables: list[pd.DataFrame], *, limit: int = 5_000) -> list[Problem]:
    """Clients that only one file has, proposed as the same as another file's client when
    their names are nearly the same ("SaigonBikes" / "Saigon Bikes Co.", a typo) or one name's
    words are all in the other and make up at least half of it ("Blue Heron" / "Blue Heron
    Studio", never "Studio" / "Blue Heron Studio"). Proposals only: the user merges.
    """
    if len(tables) < 2:
        return []
    owners: dict[str, int] = {}
    names: dict[str, str] = {}
    for position, table in enumerate(tables):
        for key, name in zip(table[fields.KEY], table[fields.CLIENT], strict=True):
            owners[key] = -1 if owners.get(key, position) != position else position
            names.setdefault(key, str(name))
    alone = [k for k, owner in owners.items() if owner >= 0][:limit]
    if len(alone) < 2:
        return []
    loose = _loose_keys(pd.Series(alone, dtype=strings.TEXT)).tolist()
    compact = [k.replace(" ", "") for k in loose]
    close = process.cdist(compact, compact, scorer=fuzz.ratio, score_cutoff=SIMILAR_AT, workers=-1)
    within = process.cdist(loose, loose, scorer=fuzz.token_set_ratio, score_cutoff=100, workers=-1)
    problems: list[Problem] = []
    for i, j in zip(*np.nonzero((close > 0) | (within > 0)), strict=True):
        a, b = alone[i], alone[j]
        if i >= j or owners[a] == owners[b] or loose[i] == loose[j]:
            continue  # the same file, or already proposed as a near-duplicate
        if close[i, j] == 0 and not _words_cover(loose[i], loose[j]):
            continue
        problems.append(
            Problem(
                "warning",
                "similar_name",
                value=f"{shorten(names[a], 40)} / {shorten(names[b], 40)}",
                params={"keys": [a, b], "score": round(fuzz.WRatio(loose[i], loose[j]))},
            )
        )
        if len(problems) >= MAX_PROBLEMS_PER_COLUMN:
            break
    return problems


def _words_cover(a: str, b: str) -> bool:
    """One name's words are all in the other, and are at least half of its letters."""
    short, long = sorted((a, b), key=len)
    return set(short.split()) <= set(long.split()) and 2 * len(short) >= len(long)


def apply_merges(data: Dataset, merges: list[list[str]]) -> Dataset:
    """Combine the clients the user confirmed as one (each group's first name wins)."""
    table = data.clients
    groups = [g for g in merges if len(g) > 1 and set(g) <= set(table[fields.KEY])]
    if not groups:
        return data
    table = table.copy()
    for group in groups:
        target = table.loc[table[fields.KEY] == group[0], fields.CLIENT].iloc[0]
        table.loc[table[fields.KEY].isin(group), fields.CLIENT] = target
    base = table.drop(columns=[fields.KEY, fields.ROWS, fields.EFFECTIVE_RATE], errors="ignore")
    text = [
        c
        for c in base.columns
        if c not in fields.BY_NAME
        and c not in data.numeric_extras
        and not pd.api.types.is_numeric_dtype(base[c])
    ]
    combined, _ = combine_rows(base, data.numeric_extras, text)
    combined = add_derived(combined)
    merged = {k for g in groups for k in g}
    problems = [
        p
        for p in data.problems
        if p.code != "near_duplicate"
        and not (p.code == "similar_name" and merged & set(p.params["keys"]))
    ]
    problems += near_duplicates(combined)
    new_key = {k: g[0] for g in groups for k in g}
    sums = data.monthly_sums
    invoices = data.invoices
    if sums is not None:
        sums = monthly.rekeyed(sums, new_key)
    if invoices is not None:
        invoices = invoices.assign(**{fields.KEY: invoices[fields.KEY].replace(new_key)})
    return replace(data, clients=combined, problems=problems, monthly_sums=sums, invoices=invoices)
