"""A client list (one or many rows per client) to the canonical per-client table."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from model import fields, strings
from model.fields import Kind
from model.mapping import apply_overrides, guess_mapping
from model.parallel import columns_side_by_side
from model.problems import (
    MAX_PROBLEMS_PER_COLUMN,
    InputError,
    Problem,
    errors_in,
    more_in_column,
    shorten,
)
from model.reading import RawTable, ReadOptions, read_table, shifted
from model.values import BLANKS, Parsed, parse_dates, parse_hours, parse_labels, parse_numbers

MAX_CATEGORIES = 20
_TOTAL_NAMES = {"total", "totals", "grand total", "sum", "tổng", "tổng cộng", "cộng"}
_NOT_FINITE = {"inf", "-inf", "+inf", "infinity", "-infinity", "nan", "-nan"}


@dataclass(frozen=True)
class IngestOptions:
    """How to read and understand a file; every ``None`` means detect."""

    encoding: str | None = None
    delimiter: str | None = None
    decimal: str | None = None
    date_order: str | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    kind: str | None = None  # "client_list", "toggl", "clockify", "harvest", "invoices", ...


@dataclass(frozen=True)
class Source:
    """What one file was, as detected."""

    name: str
    kind: str
    rows: int
    encoding: str
    delimiter: str | None
    decimal: str | None
    date_order: str | None
    first: object = None  # first and last day the file covers, when it has dates
    last: object = None


@dataclass
class Dataset:
    """The per-client table every page works from, with what was found on the way."""

    clients: pd.DataFrame
    problems: list[Problem]
    mappings: dict[str, dict[str, str]]  # file name → header → canonical field ("" = extra)
    sources: list[Source]
    currency: str | None = None
    numeric_extras: list[str] = field(default_factory=list)
    categorical_extras: list[str] = field(default_factory=list)

    @property
    def mapping(self) -> dict[str, str]:
        """Header → field over all files (the report's ``mapping``)."""
        return {h: f for m in self.mappings.values() for h, f in m.items()}

    @property
    def keys(self) -> list[str]:
        return [str(k) for k in self.clients[fields.KEY]]

    def has(self, name: str) -> bool:
        return name in self.clients.columns and bool(self.clients[name].notna().any())


def _column_problems(
    parsed: Parsed, raw: pd.Series, header: str, code: str, extra: pd.Series | None = None
) -> list[Problem]:
    bad = parsed.bad if extra is None else parsed.bad | extra
    rows = np.flatnonzero(bad.to_numpy())
    problems = []
    for pos in rows[:MAX_PROBLEMS_PER_COLUMN]:
        value = str(raw.iloc[pos])
        this_code = "not_finite" if value.strip().casefold() in _NOT_FINITE else code
        if extra is not None and bool(extra.iloc[pos]):
            this_code = f"negative_{code.split('_')[-1]}"
        problems.append(
            Problem("error", this_code, row=int(pos) + 2, column=header, value=shorten(value))
        )
    return problems + more_in_column(len(rows), header)


def _parse_field(
    name: str, raw: pd.Series, header: str, options: IngestOptions, hints: dict[str, str]
) -> tuple[pd.Series, list[Problem], Parsed]:
    kind = fields.BY_NAME[name].kind
    problems: list[Problem] = []
    if kind is Kind.LABEL:
        parsed = parse_labels(raw)
        problems += _column_problems(parsed, raw, header, "not_a_label")
    elif kind is Kind.DATE:
        parsed = parse_dates(raw, order=options.date_order, order_hint=hints["date_order"])
        problems += _column_problems(parsed, raw, header, "not_a_date")
        if parsed.ambiguous:
            problems.append(
                Problem(
                    "warning",
                    "ambiguous_dates",
                    column=header,
                    params={"order": hints["date_order"]},
                )
            )
    else:
        if kind is Kind.HOURS:
            parsed = parse_hours(raw, decimal=options.decimal, decimal_hint=hints["decimal"])
        else:
            parsed = parse_numbers(raw, decimal=options.decimal, decimal_hint=hints["decimal"])
        negative = None
        if kind in (Kind.HOURS, Kind.COUNT) and name != fields.DAYS_LATE:
            negative = parsed.values.lt(0).fillna(False)
        code = {Kind.HOURS: "not_hours", Kind.COUNT: "not_a_count"}.get(kind, "not_a_number")
        problems += _column_problems(parsed, raw, header, code, negative)
        if parsed.ambiguous:
            example = raw[raw.str.contains(r"[.,]", regex=True)].iloc[0]
            problems.append(
                Problem(
                    "warning",
                    "ambiguous_decimal",
                    column=header,
                    value=shorten(example),
                    params={"read_as": parsed.decimal or "."},
                )
            )
        if name == fields.SATISFACTION:
            out = parsed.values.notna() & ~parsed.values.between(1, 5)
            for pos in np.flatnonzero(out.to_numpy())[:MAX_PROBLEMS_PER_COLUMN]:
                problems.append(
                    Problem(
                        "warning",
                        "satisfaction_range",
                        row=int(pos) + 2,
                        column=header,
                        value=shorten(raw.iloc[pos]),
                    )
                )
    return parsed.values, problems, parsed


def _infer_extra(raw: pd.Series, hints: dict[str, str]) -> tuple[str, pd.Series]:
    """An unmapped column is numeric if nearly all its values are numbers, else text."""
    filled = raw[~raw.str.strip().isin(BLANKS)]
    if filled.empty:
        return "empty", raw
    parsed = parse_numbers(raw, decimal_hint=hints["decimal"])
    if not parsed.bad.any():
        return "numeric", parsed.values
    return "text", raw.str.strip()


def _guess_client_column(frame: pd.DataFrame, mapping: dict[str, str]) -> str | None:
    for header in frame.columns:
        if mapping.get(header):
            continue
        values = frame[header].str.strip()
        values = values[values != ""]
        if values.empty:
            continue
        numeric = pd.to_numeric(values, errors="coerce").notna().mean()
        if numeric < 0.2:
            return str(header)
    return None


def hints_for(raw: RawTable, options: IngestOptions) -> dict[str, str]:
    """Fallbacks for values that read either way: ``;`` files come from decimal-comma locales."""
    european = raw.delimiter == ";"
    return {
        "decimal": "," if european else ".",
        "date_order": options.date_order or ("dmy" if european else "mdy"),
    }


def build_clients(raw: RawTable, name: str, options: IngestOptions) -> Dataset:
    """Typed, combined per-client table from a table of strings, or ``InputError``; rows in
    problems count the title lines the reader skipped."""
    try:
        clients = _build_clients(raw, name, options)
    except InputError as exc:
        raise InputError(shifted(exc.problems, raw.skipped)) from exc
    return replace(clients, problems=shifted(clients.problems, raw.skipped))


def _recomputed(header: str) -> bool:
    """A column the app derives itself (e.g. an effective rate in its own export)."""
    return fields.normalise_header(header) in fields.RECOMPUTED_HEADERS


def _build_clients(raw: RawTable, name: str, options: IngestOptions) -> Dataset:
    frame = raw.frame
    problems = [replace(p, file=name) for p in raw.problems]
    mapping = apply_overrides(guess_mapping(raw.headers), options.mapping)
    if fields.CLIENT not in mapping.values():
        guessed = _guess_client_column(frame, mapping)
        if guessed is None:
            raise InputError(
                [
                    Problem(
                        "error",
                        "no_client_column",
                        file=name,
                        params={"headers": ", ".join(raw.headers[:12])},
                    )
                ]
            )
        mapping[guessed] = fields.CLIENT
        problems.append(Problem("warning", "client_guessed", column=guessed, file=name))
    hints = hints_for(raw, options)
    out: dict[str, Any] = {}
    decimal_seen: str | None = None
    currency_votes: list[str] = []
    numeric_extras: list[str] = []
    categorical: list[str] = []
    text_extras: dict[str, pd.Series] = {}
    client_header = next(h for h, f in mapping.items() if f == fields.CLIENT)
    # Columns are parsed side by side (pyarrow lets go of the GIL): a big list uses every core.
    with columns_side_by_side(len(frame)) as pool:
        client_job = pool.submit(_client_names, frame[client_header])
        field_jobs = {
            header: pool.submit(_parse_field, field_name, frame[header], header, options, hints)
            for header, field_name in mapping.items()
            if field_name and field_name != fields.CLIENT
        }
        extra_jobs = {
            header: pool.submit(_infer_extra, frame[header], hints)
            for header, field_name in mapping.items()
            if not field_name and not _recomputed(header)
        }
    for header, field_name in mapping.items():
        if field_name == fields.CLIENT:
            known = client_job.result()
            out[fields.KEY], out[fields.CLIENT] = known.keys, known.names
        elif field_name:
            values, found, parsed = field_jobs[header].result()
            problems += [replace(p, file=name) for p in found]
            out[field_name] = values
            decimal_seen = decimal_seen or parsed.decimal
            code = fields.currency_in_header(header) or parsed.currency
            if code and fields.BY_NAME[field_name].kind is Kind.MONEY:
                currency_votes.append(code)
        elif header not in extra_jobs:
            problems.append(Problem("info", "recomputed_column", column=header, file=name))
        else:
            kind, values = extra_jobs[header].result()
            label = header
            if header in fields.BY_NAME or header == fields.KEY:
                label = f"{header} (file)"
            if kind == "numeric":
                out[label] = values
                numeric_extras.append(label)
            elif kind == "text":
                text_extras[label] = values
    for label, values in text_extras.items():
        out[label] = values
    table = pd.DataFrame(out)
    table, row_problems = _drop_unusable_rows(table)
    problems += [replace(p, file=name) for p in row_problems]
    if errors_in(problems):
        raise InputError(problems)
    # What the client job found still holds while no row was set aside.
    same_rows = len(table) == len(frame)
    repeats = known.repeats if same_rows else None
    table, combine_problems = combine_rows(table, numeric_extras, list(text_extras), repeats)
    problems += [replace(p, file=name) for p in combine_problems]
    for label in text_extras:
        distinct = table[label].nunique()
        if 1 < distinct <= MAX_CATEGORIES and distinct < len(table):
            categorical.append(label)
    table = add_derived(table)
    loosen = known.loosen if same_rows and not known.repeats else None
    problems += [replace(p, file=name) for p in near_duplicates(table, loosen)]
    source = Source(
        name,
        "client_list",
        len(frame),
        raw.encoding,
        raw.delimiter,
        decimal_seen,
        options.date_order or hints["date_order"],
    )
    currency = max(set(currency_votes), key=currency_votes.count) if currency_votes else None
    return Dataset(
        table, problems, {name: mapping}, [source], currency, numeric_extras, categorical
    )


@dataclass(frozen=True)
class _Clients:
    """The client column read once, with what combining rows and the near-duplicate search
    need (worked out beside the other columns, on a big list)."""

    keys: pd.Series
    names: pd.Series  # as written: trimmed, NFC
    repeats: bool  # some key is on several rows
    loosen: pd.Series  # keys a looser spelling could change


def _client_names(column: pd.Series) -> _Clients:
    names = strings.nfc(strings.strip(column))
    # A leading apostrophe is how safe exports (ours too) keep formulas inert.
    names = strings.replace_regex(names, r"^'([=+\-@\t\r])", r"\1")
    keys = fields_key(names)
    return _Clients(keys, names, bool(strings.repeated(keys).any()), _might_loosen(keys))


def _drop_unusable_rows(table: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Rows without a client name, and a trailing "Total" row, are set aside with a word."""
    names = table[fields.CLIENT]
    problems: list[Problem] = []
    empty = names.eq("")
    keep = ~empty
    if empty.any():
        others = table.loc[empty].drop(columns=[fields.CLIENT, fields.KEY], errors="ignore")
        filled = (others.notna() & (others.astype(str) != "")).any(axis=1)
        for pos in np.flatnonzero(empty.to_numpy())[:MAX_PROBLEMS_PER_COLUMN]:
            if bool(filled.loc[table.index[pos]]):
                problems.append(Problem("warning", "missing_client", row=int(pos) + 2))
    if len(names) > 1 and names.iloc[-1].strip().casefold() in _TOTAL_NAMES:
        keep.iloc[-1] = False
        problems.append(Problem("warning", "total_row", row=len(names) + 1, value=names.iloc[-1]))
    if not keep.any():
        problems.append(Problem("error", "no_rows"))
    if bool(keep.all()):
        return table, problems
    return table[keep].reset_index(drop=True), problems


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
        table = table.assign(**{fields.KEY: fields_key(table[fields.CLIENT])})
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


def fields_key(names: pd.Series) -> pd.Series:
    """Vectorised ``fields.client_key``: NFC, spaces collapsed, case-folded."""
    return strings.fold(strings.collapse_spaces(strings.nfc(names)))


def add_derived(table: pd.DataFrame) -> pd.DataFrame:
    """``effective_rate = revenue / hours`` where both are known and hours are positive."""
    table = table.copy()
    if fields.REVENUE in table and fields.HOURS in table:
        hours = table[fields.HOURS].where(table[fields.HOURS] > 0)
        table[fields.EFFECTIVE_RATE] = table[fields.REVENUE] / hours
    return table


_LEGAL_WORDS = (
    r"\b(?:inc|incorporated|ltd|limited|llc|llp|co|corp|corporation|company|gmbh|plc|jsc|pty"
    r"|cong ty|tnhh|the)\b"
)


_LEGAL = {"inc", "incorporated", "ltd", "limited", "llc", "llp", "co", "corp", "corporation"}
_LEGAL |= {"company", "gmbh", "plc", "jsc", "pty", "cong", "ty", "tnhh", "the"}


def _might_loosen(keys: pd.Series) -> pd.Series:
    """Keys a looser spelling could change — a character other than a-z, 0-9 and space, or a
    legal-form word — found without a regex pass (the regex then decides, on these only)."""
    array = strings.arrow(keys).combine_chunks()
    symbols = pc.invert(pc.ascii_is_alnum(pc.replace_substring(array, " ", "")))
    words = pc.split_pattern(array, " ")
    legal = pc.is_in(pc.list_flatten(words), value_set=pa.array(sorted(_LEGAL)))
    found = symbols.to_numpy(zero_copy_only=False).copy()
    found[pc.filter(pc.list_parent_indices(words), legal).to_numpy()] = True
    return pd.Series(found, index=keys.index)


def _loose_keys(keys: pd.Series, loosen: pd.Series | None = None) -> pd.Series:
    """Keys without accents, punctuation and legal-form words: where near-duplicates meet."""
    # Only keys with something to strip differ from their loose form; the rest stay as they are.
    fancy = _might_loosen(keys) if loosen is None else loosen.set_axis(keys.index)
    if fancy.any():
        fancy[fancy] = strings.contains_regex(keys[fancy], f"[^0-9a-z ]|{_LEGAL_WORDS}")
    if not fancy.any():
        return keys
    part = keys[fancy].map(fields.strip_accents).astype(strings.TEXT)
    part = strings.replace_regex(part, r"[^0-9a-z]+", " ")
    part = strings.collapse_spaces(strings.replace_regex(part, _LEGAL_WORDS, " "))
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
    problems = [p for p in data.problems if p.code != "near_duplicate"]
    problems += near_duplicates(combined)
    return replace(data, clients=combined, problems=problems)


def load_client_list(data: bytes, name: str, options: IngestOptions | None = None) -> Dataset:
    """Read a client list file into a ``Dataset``, or raise ``InputError`` with every problem.

    Examples
    --------
    >>> ds = load_client_list(b"Client,Revenue\\nAcme,\\"$1,200.50\\"\\nNA,300\\n", "c.csv")
    >>> ds.clients["client"].tolist(), ds.clients["revenue"].tolist()
    (['Acme', 'NA'], [1200.5, 300.0])
    """
    options = options or IngestOptions()
    try:
        raw = read_table(data, name, ReadOptions(options.encoding, options.delimiter))
    except InputError as exc:
        raise InputError([replace(p, file=name) for p in exc.problems]) from exc
    return build_clients(raw, name, options)
