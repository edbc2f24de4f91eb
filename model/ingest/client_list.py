"""A client list (one or many rows per client) to the canonical per-client table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from model import fields
from model.fields import Kind
from model.ingest import money
from model.ingest.clients import (
    add_derived,
    client_keys,
    client_names,
    combine_rows,
    near_duplicates,
)
from model.ingest.dataset import Dataset, IngestOptions, Source
from model.ingest.headers import IGNORE, apply_overrides, guess_mapping
from model.ingest.monthly import month_of, partial
from model.ingest.parallel import columns_side_by_side
from model.ingest.reading import RawTable, ReadOptions, read_table, shifted
from model.ingest.values import (
    BLANKS,
    Parsed,
    parse_dates,
    parse_hours,
    parse_labels,
    parse_numbers,
)
from model.ingest.vocabulary import NOT_FINITE, TOTAL_NAMES
from model.problems import (
    MAX_PROBLEMS_PER_COLUMN,
    InputError,
    Problem,
    errors_in,
    more_in_column,
    shorten,
)

MAX_CATEGORIES = 20


def _column_problems(
    parsed: Parsed, raw: pd.Series, header: str, code: str, extra: pd.Series | None = None
) -> list[Problem]:
    bad = parsed.bad if extra is None else parsed.bad | extra
    rows = np.flatnonzero(bad.to_numpy())
    problems = []
    for pos in rows[:MAX_PROBLEMS_PER_COLUMN]:
        value = str(raw.iloc[pos])
        this_code = "not_finite" if value.strip().casefold() in NOT_FINITE else code
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
            unit = fields.duration_unit(header)  # "Time (min)": 90 is an hour and a half
            if unit:
                parsed = replace(parsed, values=parsed.values * fields.DURATION_UNITS[unit])
                problems.append(Problem("info", f"durations_in_{unit}", column=header))
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


_DATE_LIKE = r"^\s*(?:\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}|\d{1,2}[ -][A-Za-z]{3,9}[ -]\d{2,4})\b"
_CODE_LIKE = r"^[A-Za-z]{0,4}[-_/#]?\d[\w\-/#.]*$"  # A73, CA-2016-152156, #1042, INV-7
_NAME_LIKE = r"[^\W\d_]"  # a letter, in any script


def _guess_client_column(frame: pd.DataFrame, mapping: dict[str, str]) -> str | None:
    """The unmapped column most like client names: text with letters (never mostly dates,
    numbers, money or codes), preferably repeated (one row per order or invoice) and named
    like a name; ``None`` when no column qualifies."""
    best: tuple[float, str] | None = None
    for header in frame.columns:
        if mapping.get(header):
            continue
        values = frame[header].head(5_000).str.strip()
        values = values[~values.isin(BLANKS)]
        if values.empty:
            continue
        looks_like_data = (
            values.str.contains(_DATE_LIKE, regex=True)
            | values.str.fullmatch(_CODE_LIKE)
            | parse_numbers(values).values.notna()
        )
        named = values.str.contains(_NAME_LIKE, regex=True) & ~looks_like_data
        share = float(named.mean())
        if share < 0.8:
            continue
        repeated = 1 - values.nunique() / len(values)
        name_header = "name" in fields.normalise_header(str(header)).split()
        score = share + 0.5 * repeated + (0.25 if name_header else 0)
        if best is None or score > best[0]:
            best = (score, str(header))
    return best[1] if best else None


def hints_for(raw: RawTable, options: IngestOptions) -> dict[str, str]:
    """Fallbacks for values that read either way: ``;`` files come from decimal-comma locales;
    those and Vietnamese files write the day first."""
    european = raw.delimiter == ";"
    day_first = european or fields.day_first_headers(raw.headers)
    return {
        "decimal": "," if european else ".",
        "date_order": options.date_order or ("dmy" if day_first else "mdy"),
    }


def build_clients(
    raw: RawTable, name: str, options: IngestOptions, rates: Mapping[str, float] | None = None
) -> Dataset:
    """Typed, combined per-client table from a table of strings, or ``InputError``; rows in
    problems count the title lines the reader skipped."""
    try:
        clients = _build_clients(raw, name, options, rates or {})
    except InputError as exc:
        raise InputError(shifted(exc.problems, raw.skipped)) from exc
    return replace(clients, problems=shifted(clients.problems, raw.skipped))


def _recomputed(header: str) -> bool:
    """A column the app derives itself (e.g. an effective rate in its own export)."""
    return fields.normalise_header(header) in fields.RECOMPUTED_HEADERS


def _contradicted(
    job: tuple[pd.Series, list[Problem], Parsed],
    header: str,
    field_name: str,
    options: IngestOptions,
) -> bool:
    """A column whose header only suggests a field (a word of it: "Member since") while most
    values say otherwise (codes like A73). A header that names the field outright ("Revenue"),
    or a column the user mapped by hand, keeps its field and refuses the values that do not fit.
    """
    _values, found, parsed = job
    if header in options.mapping or not errors_in(found):
        return False
    if fields.normalise_header(header) in fields.BY_NAME[field_name].synonyms:
        return False
    filled = int((parsed.values.notna() | parsed.bad).sum())
    return filled > 0 and int(parsed.bad.sum()) * 2 > filled


def _one_currency(
    raw: pd.Series, values: pd.Series, header: str, code: str | None, rates: Mapping[str, float]
) -> tuple[pd.Series, str | None, list[Problem]]:
    """A money column in one currency: as written, converted with the user's rates, or refused
    naming each currency it holds (plain amounts are in the header's currency, if it names
    one)."""
    in_header = fields.currency_in_header(header)
    named = money.symbol_currencies(raw)
    if named is not None and len(named | ({in_header} if in_header else set())) <= 1:
        return values, code, []  # one currency at most: the parse or the header named it
    codes = money.named(raw, in_header)
    return money.in_one(values, codes, raw, header, rates)


def _sums_not_finite(
    table: pd.DataFrame, frame: pd.DataFrame, mapping: dict[str, str]
) -> list[Problem]:
    """Numbers each fine alone whose total overflows (two 1e308 revenues): refused, naming the
    largest, before any sum prints a warning or shows "inf"."""
    problems: list[Problem] = []
    for header, name in mapping.items():
        if name not in table or not pd.api.types.is_float_dtype(table[name]):
            continue
        values = table[name].to_numpy(dtype=float)
        with np.errstate(over="ignore", invalid="ignore"):
            total = np.nansum(np.abs(values))
        if np.isfinite(total):
            continue
        largest = int(np.nanargmax(np.abs(values)))  # rows are still the file's here
        problems.append(
            Problem(
                "error",
                "sum_not_finite",
                row=largest + 2,
                column=header,
                value=shorten(frame[header].iloc[largest]),
            )
        )
    return problems


def _keep_extra(
    header: str,
    kind: str,
    values: pd.Series,
    out: dict[str, Any],
    numeric_extras: list[str],
    text_extras: dict[str, pd.Series],
) -> None:
    """An unmapped column kept for the model and the table (named apart from our fields)."""
    label = f"{header} (file)" if header in fields.BY_NAME or header == fields.KEY else header
    if kind == "numeric":
        out[label] = values
        numeric_extras.append(label)
    elif kind == "text":
        text_extras[label] = values


def _build_clients(
    raw: RawTable, name: str, options: IngestOptions, rates: Mapping[str, float]
) -> Dataset:
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
        client_job = pool.submit(client_names, frame[client_header])
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
        elif field_name and _contradicted(field_jobs[header].result(), header, field_name, options):
            # A guess the values contradict: the column stays an extra one, with one warning.
            mapping[header] = IGNORE
            problems.append(
                Problem(
                    "warning",
                    "guess_contradicted",
                    column=header,
                    file=name,
                    params={"field": field_name},
                )
            )
            kind, values = _infer_extra(frame[header], hints)
            _keep_extra(header, kind, values, out, numeric_extras, text_extras)
        elif field_name:
            values, found, parsed = field_jobs[header].result()
            problems += [replace(p, file=name) for p in found]
            decimal_seen = decimal_seen or parsed.decimal
            code = fields.currency_in_header(header) or parsed.currency
            if fields.BY_NAME[field_name].kind is Kind.MONEY:
                values, code, mixed_problems = _one_currency(
                    frame[header], values, header, code, rates
                )
                problems += [replace(p, file=name) for p in mixed_problems]
            if code and fields.BY_NAME[field_name].kind is Kind.MONEY:
                currency_votes.append(code)
            out[field_name] = values
        elif header not in extra_jobs:
            problems.append(Problem("info", "recomputed_column", column=header, file=name))
        else:
            kind, values = extra_jobs[header].result()
            _keep_extra(header, kind, values, out, numeric_extras, text_extras)
    for label, values in text_extras.items():
        out[label] = values
    table = pd.DataFrame(out)
    problems += [replace(p, file=name) for p in _sums_not_finite(table, frame, mapping)]
    table, row_problems = _drop_unusable_rows(table)
    problems += [replace(p, file=name) for p in row_problems]
    if errors_in(problems):
        raise InputError(problems)
    table, sums = _dated_rows(table)
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
        table,
        problems,
        {name: mapping},
        [source],
        currency,
        numeric_extras,
        categorical,
        monthly_sums=sums,
    )


def _dated_rows(table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """A list with one row per order, invoice or project and its ``date``: revenue, hours and
    days late summed per client and month, and the first and last date as the client's span
    (unless the file gives them). The date itself is not a per-client column."""
    if fields.DATE not in table:
        return table, None
    dates = table[fields.DATE]
    keys = table[fields.KEY] if fields.KEY in table else client_keys(table[fields.CLIENT])
    sums: dict[str, np.ndarray] = {}
    for name in (fields.REVENUE, fields.HOURS):
        if name in table:
            sums[name] = table[name].to_numpy(dtype=float)
    if fields.DAYS_LATE in table:
        late = table[fields.DAYS_LATE].to_numpy(dtype=float)
        sums["late_sum"] = late
        sums["late_count"] = (~np.isnan(late)).astype(float)
    table = table.drop(columns=[fields.DATE])
    if fields.FIRST_PROJECT not in table:
        table[fields.FIRST_PROJECT] = dates
    if fields.LAST_PROJECT not in table:
        table[fields.LAST_PROJECT] = dates
    return table, partial(keys.to_numpy(), month_of(dates), sums)


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
    if len(names) > 1 and names.iloc[-1].strip().casefold() in TOTAL_NAMES:
        keep.iloc[-1] = False
        problems.append(Problem("warning", "total_row", row=len(names) + 1, value=names.iloc[-1]))
    if not keep.any():
        problems.append(Problem("error", "no_rows"))
    if bool(keep.all()):
        return table, problems
    return table[keep].reset_index(drop=True), problems


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
