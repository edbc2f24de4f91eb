"""Fast whole-column string operations on pyarrow-backed text (pandas' own wrappers are slower)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from model import fields

TEXT = pd.StringDtype("pyarrow", na_value=np.nan)


def as_text(series: pd.Series) -> pd.Series:
    """The series as pyarrow-backed text (a no-op when it already is)."""
    if isinstance(series.dtype, pd.StringDtype) and series.dtype.storage == "pyarrow":
        return series
    return series.astype(TEXT)


def arrow(series: pd.Series) -> pa.ChunkedArray:
    """The column's pyarrow strings, chunks as read (joining them would copy a big file)."""
    array = pa.array(as_text(series), from_pandas=True)
    return array if isinstance(array, pa.ChunkedArray) else pa.chunked_array([array])


def _back(array: pa.Array | pa.ChunkedArray, index: pd.Index) -> pd.Series:
    return pd.Series(array, dtype=TEXT, index=index)


def replace_regex(series: pd.Series, pattern: str, replacement: str) -> pd.Series:
    """``re.sub`` over a column in RE2 syntax, only on the values that match."""
    values = arrow(series)
    hits = pc.match_substring_regex(values, pattern)
    if not pc.any(hits).as_py():
        return as_text(series)
    return _back(pc.replace_substring_regex(values, pattern, replacement), series.index)


def replace_literal(series: pd.Series, old: str, new: str) -> pd.Series:
    return _back(pc.replace_substring(arrow(series), old, new), series.index)


def contains_regex(series: pd.Series, pattern: str) -> pd.Series:
    hits = pc.match_substring_regex(arrow(series), pattern)
    return pd.Series(hits.to_numpy(zero_copy_only=False), index=series.index).fillna(False)


def is_ascii(series: pd.Series) -> bool:
    return bool(pc.all(pc.string_is_ascii(arrow(series))).as_py() is not False)


def fold(series: pd.Series) -> pd.Series:
    """Case-fold; pyarrow's lower-casing gives the same for ASCII text and is much faster."""
    if is_ascii(series):
        return _back(pc.ascii_lower(arrow(series)), series.index)
    return as_text(series).map(str.casefold).astype(TEXT)


def collapse_spaces(series: pd.Series) -> pd.Series:
    """Trim, and turn every run of white space into one space."""
    trimmed = _back(pc.utf8_trim_whitespace(arrow(series)), series.index)
    return replace_regex(trimmed, r"\s\s+|[\t\r\n\x{a0}]", " ")


def nfc(series: pd.Series) -> pd.Series:
    """NFC, without invisible and format characters (zero-width joiners, direction marks, soft
    hyphens), no-break spaces read as spaces: ``Ac\u200dme`` and ``Acme`` are one name."""
    if is_ascii(series):
        return as_text(series)
    text = as_text(series).str.replace(fields.INVISIBLE, "", regex=True)
    text = text.str.replace(fields.ODD_SPACES, " ", regex=True)
    return strip(text.str.normalize("NFC"))


def fullmatch(series: pd.Series, pattern: str) -> pd.Series:
    """Whether each whole value matches ``pattern`` (RE2 syntax); missing → False."""
    hits = pc.match_substring_regex(arrow(series), f"^(?:{pattern})$")
    return pd.Series(hits.to_numpy(zero_copy_only=False), index=series.index).fillna(False)


def strip(series: pd.Series) -> pd.Series:
    return _back(pc.utf8_trim_whitespace(arrow(series)), series.index)


def distinct(series: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """The distinct values (missing read as ``""``) in order of first appearance, and for each
    row the position of its value among them: ``values[codes]`` is the column again."""
    array = pc.fill_null(arrow(series), "")
    encoded = pc.dictionary_encode(array)
    if len({_address(c.dictionary) for c in encoded.chunks}) > 1:  # (never seen; cheap to be safe)
        encoded = encoded.unify_dictionaries()
    if encoded.num_chunks == 0:
        return pd.Series([], dtype=TEXT), np.zeros(0, dtype=np.int32)
    values = pd.Series(encoded.chunk(0).dictionary, dtype=TEXT)
    codes = pa.chunked_array([c.indices for c in encoded.chunks], type=pa.int32())
    return values, codes.to_numpy()


def _address(dictionary: pa.Array) -> tuple[int, ...]:
    return tuple(b.address if b is not None else 0 for b in dictionary.buffers())


def all_distinct(series: pd.Series, sample: int = 2_000) -> bool:
    """Whether the first values never repeat (names, amounts in cents), so encoding the
    distinct values would not pay. Durations or dates repeat within a few thousand rows."""
    if len(series) < 2 * sample:
        return False
    head = arrow(series.iloc[:sample])
    return bool(pc.count_distinct(head).as_py() >= 0.99 * sample)


def repeated(series: pd.Series) -> pd.Series:
    """Whether each value occurs more than once (``duplicated(keep=False)``, much faster)."""
    values, codes = distinct(series)
    counts = np.bincount(codes, minlength=len(values))
    return pd.Series(counts[codes] > 1, index=series.index)
