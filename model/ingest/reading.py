"""Bytes to a table of strings: encoding, delimiter, workbook, and structural problems."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
from openpyxl.utils import get_column_letter

from model.ingest.vocabulary import DELIMITERS
from model.problems import MAX_PROBLEMS_PER_COLUMN, InputError, Problem, shorten

MAX_BYTES = 200 * 1024 * 1024
MAX_COLUMNS = 2_000  # a client list or export has tens; more is a wide dump


Keep = Callable[[list[str]], set[str]]


@dataclass(frozen=True)
class ReadOptions:
    """User overrides; ``None`` means detect."""

    encoding: str | None = None
    delimiter: str | None = None


@dataclass
class RawTable:
    """Every cell as text (never NaN), the header as written, and how it was read."""

    frame: pd.DataFrame
    headers: list[str]
    encoding: str
    delimiter: str | None
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0  # title lines above the header (report exports): rows shift by this


def title_lines(head: str, delimiter: str) -> int:
    """Lines above the real header, as report exports put them ("Invoice List", a company
    name, "January 1 - March 31, 2026", a blank line): each holds at most half as many cells
    as the header, which is the first line as wide as the table's rows. 0 when none."""
    lines = head.split("\n")[:40]
    if len(lines) > 1 and len(head) >= 200_000:
        lines = lines[:-1]  # (the last line of a cut head may be partial)
    try:
        rows = list(csv.reader(lines, delimiter=delimiter))
    except csv.Error:
        return 0
    return _title_rows(rows)


def _title_rows(rows: list[list[str]]) -> int:
    """How many of ``rows`` stand above the header (see ``title_lines``)."""
    widths = [sum(1 for cell in row if cell.strip()) for row in rows]
    # The table's width: the widest that at least two lines share (the header and a row).
    shared = [w for w in set(widths) if widths.count(w) >= 2]
    table_width = max(shared, default=0)
    if table_width < 2:
        return 0
    for number, width in enumerate(widths[:10]):
        if width >= table_width:
            titles = all(w <= table_width / 2 for w in widths[:number])
            return number if titles and _names_not_numbers(rows[number]) else 0
    return 0


def _names_not_numbers(row: list[str]) -> bool:
    """A header holds names; a row that is mostly numbers is data (its header had blanks)."""
    cells = [c.strip() for c in row if c.strip()]
    numeric = sum(1 for c in cells if re.fullmatch(r"[-+(]?[\d.,\s]+[)%]?", c))
    return numeric <= len(cells) / 2


def shifted(problems: list[Problem], lines: int) -> list[Problem]:
    """Problems with their rows moved down past ``lines`` skipped title lines."""
    if not lines:
        return problems
    return [replace(p, row=p.row + lines) if p.row is not None else p for p in problems]


def _refuse(code: str, **kw: object) -> InputError:
    return InputError([Problem("error", code, **kw)])  # type: ignore[arg-type]


def sniff_kind(data: bytes) -> str:
    """``xlsx``, ``xls``, ``pdf``, ``zip`` or ``text`` from the first bytes."""
    if data.startswith(b"PK\x03\x04"):
        return "xlsx" if b"xl/" in data[:4000] or b"[Content_Types].xml" in data[:4000] else "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    return "text"


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Text and the encoding used: BOM first, then UTF-8, then cp1252; never replaces."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise _refuse("bad_encoding", params={"encoding": encoding}) from exc
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    # UTF-16 without a BOM: every other byte of ASCII text is NUL.
    head = data[:2000]
    if len(head) >= 4 and head[1::2].count(0) > 0.4 * len(head[1::2]) and head[0] != 0:
        try:
            return data.decode("utf-16-le"), "utf-16-le"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        not_utf8 = exc.start  # where UTF-8 broke: what to name if no encoding fits
    vietnamese = _as_windows_1258(data)
    if vietnamese is not None:
        return vietnamese, "cp1258"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        line = data[:not_utf8].count(b"\n") + 1
        params = {"position": not_utf8, "byte": f"0x{data[not_utf8]:02X}"}
        raise _refuse("undecodable", row=line, params=params) from exc


# Letters only Vietnamese writes: ơ ư đ ă and the toned vowels of Latin Extended Additional.
_VIETNAMESE = re.compile("[ăĂđĐơƠưƯ\u1ea0-\u1ef9]")
_TONED = re.compile("[\u1ea0-\u1ef9]")


def _as_windows_1258(data: bytes) -> str | None:
    """Old Vietnamese Excel text (Windows-1258: tone marks as combining characters after the
    vowel), NFC; ``None`` unless it reads as Vietnamese (toned vowels, not one stray letter)
    — cp1252 would turn the same bytes into "Công ty Ánh Dýõng"."""
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    sample = text[:200_000]
    toned = len(_TONED.findall(sample))
    return text if toned >= 2 and len(_VIETNAMESE.findall(sample)) >= 3 else None


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most, equally wide, fields."""
    lines = [ln for ln in text[:50_000].splitlines()[:30] if ln.strip()]
    if not lines:
        return ","
    best, best_score = ",", (0, 0, 0)
    sample = "\n".join(lines)
    for delim in DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO(sample), delimiter=delim))
        except csv.Error:
            continue
        widths = [len(r) for r in rows if r]
        if not widths:
            continue
        # The table's width is the commonest one (title lines above a header are narrower).
        table_width = max(set(widths), key=lambda w: (widths.count(w), w))
        if table_width < 2:
            continue
        consistent = widths.count(table_width)
        # A quote left inside a field means this delimiter cut through a quoted value.
        stray = sum(1 for r in rows for cell in r if '"' in cell)
        score = (-stray, consistent, table_width)
        if score > best_score or best_score == (0, 0, 0):
            best, best_score = delim, score
    return best


_LINE_IN_ERROR = re.compile(r"line (\d+)", re.IGNORECASE)


def _structural_problems(text: str, delimiter: str) -> list[Problem]:
    """Rows wider than the header, and unclosed quotes, all at once (slow path)."""
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    width = None
    record = 0
    try:
        for row in reader:
            record += 1
            if width is None:
                width = len(row)
                continue
            if len(row) > width and any(cell.strip() for cell in row[width:]):
                problems.append(
                    Problem(
                        "error",
                        "too_many_fields",
                        row=record,
                        value=shorten(delimiter.join(row)),
                        params={"found": len(row), "expected": width},
                    )
                )
            if len(problems) >= 200:
                break
    except csv.Error:
        problems.append(Problem("error", "unclosed_quote", row=record + 1))
    # csv.reader silently swallows a quote left open until the end of the file.
    if not problems and text.count('"') % 2 == 1:
        problems.append(Problem("error", "unclosed_quote", row=_row_of_odd_quote(text)))
    return problems


def _row_of_odd_quote(text: str) -> int | None:
    """The 1-based line where an unmatched quote opens (an estimate good for messages)."""
    open_line = None
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        for ch in line:
            if ch == '"':
                inside = not inside
                if inside:
                    open_line = number
    return open_line if inside else None


def _read_text(
    text: str, delimiter: str, utf8: bytes | None, keep: Keep | None = None
) -> tuple[list[str], pd.DataFrame]:
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise _refuse("nul_byte", row=line)
    if '"' in text and text.count('"') % 2 == 1:
        raise InputError([Problem("error", "unclosed_quote", row=_row_of_odd_quote(text))])
    fast = _read_text_arrow(text, delimiter, utf8 or text.encode("utf-8"), keep)
    return fast if fast is not None else _split_header(_read_text_pandas(text, delimiter))


def _read_text_arrow(
    text: str, delimiter: str, utf8: bytes | memoryview, keep: Keep | None = None
) -> tuple[list[str], pd.DataFrame] | None:
    """pyarrow's reader: every cell as text at the speed of a bare read; ``None`` when a row's
    width differs from the header's (the careful reader then says which rows, or pads them)."""
    head = text[: max(200_000, text.find("\n") + 1)]  # the whole header line, however wide
    try:
        first = next(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter), [])
    except csv.Error:
        return None

    names = [f"f{i}" for i in range(len(first))]
    wanted = keep([h.strip().lstrip("\ufeff") for h in first]) if keep else None
    include = [
        names[i]
        for i, h in enumerate(first[:MAX_COLUMNS])
        if wanted is None or h.strip().lstrip("\ufeff") in wanted
    ]
    table = None
    # Without quoted newlines the reader can split the file across cores; try that first.
    for quoted_newlines in (False, True):
        try:
            table = pa_csv.read_csv(
                pa.BufferReader(pa.py_buffer(utf8)),
                read_options=pa_csv.ReadOptions(column_names=names, skip_rows=0),
                parse_options=pa_csv.ParseOptions(
                    delimiter=delimiter,
                    newlines_in_values=quoted_newlines,
                ),
                convert_options=pa_csv.ConvertOptions(
                    # (pandas keeps text as large_string: read it so, and nothing is copied)
                    column_types=dict.fromkeys(names, pa.large_string()),
                    include_columns=include,
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                    null_values=[],
                ),
            )
        except (pa.ArrowInvalid, pa.ArrowTypeError, ValueError):
            # A row of another width, or bytes that are not UTF-8 (the reader checks).
            table = None
            continue
        break
    if table is None or table.num_rows == 0:
        return None
    try:
        headers = [str(column[0]) for column in table.slice(0, 1).to_pydict().values()]
    except UnicodeDecodeError:  # a header that is not UTF-8: the careful path decodes it
        return None
    frame = table.slice(1).to_pandas(types_mapper=_as_pandas_string)
    frame.columns = pd.RangeIndex(table.num_columns)
    frame.attrs["width"] = len(first)  # the file's own width, when columns were left unread
    return headers, frame


def _split_header(frame: pd.DataFrame) -> tuple[list[str], pd.DataFrame]:
    if frame.empty:
        raise _refuse("empty_file")
    headers = [str(h) for h in frame.iloc[0].tolist()]
    body = frame.iloc[1:].reset_index(drop=True)
    body.columns = pd.RangeIndex(len(headers))
    return headers, body


def _as_pandas_string(dtype: pa.DataType) -> object:
    text = dtype in (pa.string(), pa.large_string())
    return pd.StringDtype("pyarrow", na_value=np.nan) if text else None


def _read_text_pandas(text: str, delimiter: str) -> pd.DataFrame:
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=True,
            engine="c",
            quotechar='"',
        )
    except pd.errors.EmptyDataError as exc:
        raise _refuse("empty_file") from exc
    except pd.errors.ParserError as exc:
        problems = _structural_problems(text, delimiter)
        if not problems:
            match = _LINE_IN_ERROR.search(str(exc))
            problems = [Problem("error", "unparsable", row=int(match.group(1)) if match else None)]
        raise InputError(problems) from exc
    # The C engine pads short rows with NaN even with na_filter off.
    if frame.isna().to_numpy().any():
        frame = frame.fillna("")
    return frame


_EXCEL_ERRORS = {"#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!"}


def _read_xlsx(data: bytes) -> tuple[pd.DataFrame, int, list[Problem]]:
    """A workbook as people make them: the first visible sheet holding a table (hidden sheets
    keep stale data), the table found wherever it starts (title rows or merged titles above it,
    blank columns left of it), error cells named and read as empty. Formula cells saved without
    their value cannot be read: refused, naming the cells (re-saving in Excel stores values).

    Returns the cells as text from the header row on, the rows above it, and the problems."""
    try:
        values = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
        formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False, read_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise _refuse("bad_workbook", params={"reason": shorten(exc, 120)}) from exc
    sheets = sorted(values.worksheets, key=lambda ws: ws.sheet_state != "visible")
    for sheet in sheets:
        grid = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        filled = [sum(1 for c in row if c.strip()) for row in grid]
        if not filled or max(filled) < 2:  # a cover or empty sheet: no row of two cells
            continue
        return _sheet_table(grid, formulas[sheet.title])
    return pd.DataFrame(), 0, []


def _sheet_table(
    grid: list[list[str]], formulas: object
) -> tuple[pd.DataFrame, int, list[Problem]]:
    width = max(len(row) for row in grid)
    grid = [row + [""] * (width - len(row)) for row in grid]
    used = [c for c in range(width) if any(row[c].strip() for row in grid)]
    left = used[0] if used else 0
    grid = [row[left : used[-1] + 1] for row in grid] if used else grid
    top = _title_rows(grid[:40])
    problems: list[Problem] = []
    missing: list[str] = []
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            address = f"{get_column_letter(left + c + 1)}{r + 1}"
            if text in _EXCEL_ERRORS and r >= top:
                # Rows count from the header, as every reader's do; the title rows come later.
                cell = {"cell": address}
                problems.append(Problem("warning", "error_cell", r - top + 1, None, text, cell))
                row[c] = ""
            elif not text and r >= top:
                formula = formulas[address].value  # type: ignore[index]
                if isinstance(formula, str) and formula.startswith("="):
                    missing.append(address)
    if missing:
        shown = ", ".join(missing[:MAX_PROBLEMS_PER_COLUMN])
        more = len(missing) - MAX_PROBLEMS_PER_COLUMN
        raise _refuse(
            "formula_without_value", params={"cells": shown + (f" (+{more})" if more > 0 else "")}
        )
    return pd.DataFrame(grid[top:], dtype=object), top, problems[:MAX_PROBLEMS_PER_COLUMN]


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.isoformat()
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_table(
    data: bytes,
    name: str,
    options: ReadOptions | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    keep: Keep | None = None,
) -> RawTable:
    """Read any supported file into a table of strings, or raise ``InputError``.

    Parameters
    ----------
    data : the file's bytes.
    name : the file name as uploaded (its extension tells a workbook from text).
    options : encoding and delimiter overrides.
    max_bytes : larger files are refused before anything is parsed.
    keep : given the headers, the ones to read (big exports need only a few columns).

    Examples
    --------
    >>> read_table(b"Client;Revenue\\nAcme;1,5\\n", "c.csv").delimiter
    ';'
    """
    options = options or ReadOptions()
    if len(data) > max_bytes:
        raise _refuse("too_large", params={"mb": round(max_bytes / (1024 * 1024), 1)})
    if not data[:4096].strip() and not data.strip():  # the whole file only if its head is blank
        raise _refuse("empty_file")
    kind = sniff_kind(data)
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if kind == "pdf":
        raise _refuse("pdf_file")
    if kind == "xls":
        raise _refuse("xls_file")
    if kind == "zip":
        raise _refuse("not_a_table")
    if kind == "xlsx" and suffix not in ("xlsx", "xlsm"):
        raise _refuse("workbook_renamed", params={"suffix": suffix or "?"})
    if kind == "text" and suffix in ("xlsx", "xlsm"):
        raise _refuse("not_a_workbook")
    if kind == "xlsx":
        sheet, top, sheet_problems = _read_xlsx(data)
        try:
            raw = _with_header(*_split_header(sheet), "xlsx", None)
        except InputError as exc:
            raise InputError(shifted(exc.problems, top)) from exc
        raw.problems = [*sheet_problems, *raw.problems]
        return _skipped(raw, top)
    else:
        data = _composed(data)
        fast = _read_utf8_fast(data, options, keep)
        if fast is not None:
            return fast
        text, encoding = decode(data, options.encoding)
        text = text.lstrip("\ufeff")
        if not unicodedata.is_normalized("NFC", text):  # (UTF-16 and the rest, as below)
            text = unicodedata.normalize("NFC", text)
        if not text.strip():
            raise _refuse("empty_file")
        delimiter = options.delimiter or sniff_delimiter(text)
        skipped = title_lines(text[:200_000], delimiter)
        if skipped:
            text = text.split("\n", skipped)[-1]
        utf8 = data[3:] if encoding == "utf-8-sig" else data if encoding == "utf-8" else None
        try:
            headers, frame = _read_text(text, delimiter, None if skipped else utf8, keep)
            raw = _with_header(headers, frame, encoding, delimiter)
        except InputError as exc:
            raise InputError(shifted(exc.problems, skipped)) from exc
        return _skipped(raw, skipped)
    return _with_header(headers, frame, encoding, delimiter)


def _composed(data: bytes) -> bytes:
    """UTF-8 text with its accents as separate marks ("không" as "o" and two marks, as macOS
    and some web exports write it) in composed form: a label, a status or a name then reads as
    the same word typed elsewhere. Any such mark is a 0xCC or 0xCD byte: most files are only
    searched for those."""
    if data.find(b"\xcc") == -1 and data.find(b"\xcd") == -1:
        return data
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:  # another encoding: composed once decoded
        return data
    return unicodedata.normalize("NFC", text).encode("utf-8")


def _skipped(raw: RawTable, lines: int) -> RawTable:
    if lines:
        raw.skipped = lines
        raw.problems.append(
            Problem("info", "title_lines", params={"n": lines, "header": lines + 1})
        )
    return raw


def _read_utf8_fast(data: bytes, options: ReadOptions, keep: Keep | None) -> RawTable | None:
    """UTF-8 text straight into pyarrow, never decoded as a whole in Python (big exports).

    ``None`` sends the file down the careful path (other encodings, NUL bytes, odd quotes,
    uneven rows), which finds and names every problem.
    """
    if options.encoding not in (None, "utf-8", "utf-8-sig") or data.startswith(
        (b"\xff\xfe", b"\xfe\xff")
    ):
        return None
    bom = data.startswith(b"\xef\xbb\xbf")
    body = memoryview(data)[3:] if bom else data  # (a slice of bytes would copy the file)
    if data.find(b"\x00") != -1:  # (an unclosed quote makes pyarrow fail, landing there too)
        return None
    head = bytes(body[:200_000]).decode("utf-8", errors="ignore")
    if not head.strip():
        return None
    delimiter = options.delimiter or sniff_delimiter(head)
    skipped = title_lines(head, delimiter)
    if skipped:  # the table starts after the title lines (a newline byte is never inside UTF-8)
        start = 0
        for _ in range(skipped):
            start = bytes(body[start : start + 200_000]).index(b"\n") + start + 1
        body, head = memoryview(body)[start:], head.split("\n", skipped)[-1]
    result = _read_text_arrow(head, delimiter, body, keep)
    if result is None:
        return None
    encoding = "utf-8-sig" if bom else "utf-8"
    try:
        return _skipped(_with_header(*result, encoding, delimiter), skipped)
    except InputError as exc:
        raise InputError(shifted(exc.problems, skipped)) from exc


def _with_header(
    headers: list[str], body: pd.DataFrame, encoding: str, delimiter: str | None
) -> RawTable:
    headers = [h.strip().lstrip("\ufeff") for h in headers]
    cut: list[Problem] = []
    width = max(len(headers), body.attrs.get("width", 0))
    if width > MAX_COLUMNS:
        # Each column is parsed on its own: past a few thousand that is minutes for nothing.
        cut.append(Problem("warning", "too_many_columns", params={"n": width, "max": MAX_COLUMNS}))
        headers = headers[:MAX_COLUMNS]
        body = body.iloc[:, :MAX_COLUMNS]
    # Excel leaves empty columns without a header behind; they carry nothing.
    empty = [
        pos
        for pos, header in enumerate(headers)
        if not header and not body[pos].astype(str).str.strip().ne("").any()
    ]
    if empty:
        body = body.drop(columns=empty)
        headers = [h for pos, h in enumerate(headers) if pos not in empty]
        body.columns = pd.RangeIndex(len(headers))
    if not headers:
        raise _refuse("empty_file")
    problems: list[Problem] = cut
    seen: dict[str, int] = {}
    for pos, header in enumerate(headers):
        if not header:
            headers[pos] = f"#{pos + 1}"
            problems.append(
                Problem("warning", "blank_header", column=headers[pos], params={"n": pos + 1})
            )
            continue
        folded = header.casefold()
        if folded in seen:
            problems.append(
                Problem(
                    "error",
                    "duplicate_header",
                    row=1,
                    column=header,
                    params={"first": seen[folded] + 1, "second": pos + 1},
                )
            )
        else:
            seen[folded] = pos
    if body.empty:
        problems.append(Problem("error", "no_rows"))
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    body.columns = pd.Index(headers)
    return RawTable(body, headers, encoding, delimiter, problems)


def read_header(data: bytes, options: ReadOptions) -> list[str]:
    """The header row alone, cheaply, to know what kind of file this is before reading it."""
    if sniff_kind(data) != "text":
        return []
    try:
        head, _ = decode(data[:64_000], options.encoding)
    except (InputError, UnicodeDecodeError):  # a cut through a character, or not text at all
        head = data[:64_000].decode("utf-8", errors="ignore")
    head = head.lstrip("\ufeff")
    delimiter = options.delimiter or sniff_delimiter(head)
    head = head.split("\n", title_lines(head, delimiter))[-1]
    try:
        return next(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter), [])
    except csv.Error:
        return []
