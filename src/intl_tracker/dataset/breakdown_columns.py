"""A large breakdown file checked with numpy: its bytes split into columns and every column
checked by whole-array operations, with no Python object per cell (speed only; issue 24).

:func:`intl_tracker.dataset.breakdowns.check_table` comes here for a file of
``breakdowns.COLUMNS_MIN_BYTES`` or more once numpy is loaded (``breakdowns.prepare_columns``
loads it for a data set whose breakdown files are large: never on the start-up path of a small
one). :func:`check_plain` takes the plain files only: every row ``year,<codes…>,value``
(``status`` and ``note`` columns, when there, blank), no quote, no carriage return, no blank
code, each number written as ``-?digits[.digits]`` with at most 15 digits. It answers what
``breakdowns._fast_check`` answers, the sum warnings (the file has no error), or None when
the file is not plain or may have an error: then the reading in Python checks it and says
what and where. tests/dataset/test_breakdown_columns.py checks both agree.

Each number is the integer of its digits divided by a power of ten: both are exact in a
float (below 2**53 and 10**22), so the quotient is the correctly rounded value of the
decimal, the same float as Python's ``float(cell)`` (Clinger's fast path).
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from intl_tracker.dataset.models import MAX_ABS_VALUE, MAX_YEAR, MIN_YEAR
from intl_tracker.dataset.plausibility import JUMP_FACTOR

# The longest number cell taken: a sign, 15 digits and a point.
_MAX_DIGITS = 15
_MAX_NUMBER = _MAX_DIGITS + 2
# The longest category code taken (a longer one goes the Python way).
_MAX_CODE = 64
_POW10_INT = 10 ** np.arange(_MAX_NUMBER + 1, dtype=np.int64)
_POW10 = 10.0 ** np.arange(_MAX_NUMBER + 1)
_COMMA, _NEWLINE, _DOT, _MINUS, _ZERO, _NINE = 44, 10, 46, 45, 48, 57

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bytes = npt.NDArray[np.uint8]


class PlainColumns:
    """The columns of a plain file: each row's year, category index per dimension column
    (into the dimension's categories) and value; in file order."""

    __slots__ = ("cells", "values", "years")

    def __init__(self, years: Ints, cells: list[Ints], values: Floats) -> None:
        self.years, self.cells, self.values = years, cells, values


def read_plain(
    raw: bytes,
    width: int,
    dim_at: Sequence[int],
    value_at: int,
    codes: Sequence[tuple[str, ...]],
    domain: tuple[float | None, float | None],
) -> PlainColumns | None:
    """The columns of the body of a plain file (``raw``: the bytes after the header line;
    ``width`` cells a row; the dimension columns at ``dim_at``, each with the category
    ``codes`` of its dimension, the value at ``value_at``,
    every column after ``value_at`` must be blank), None when it is not plain or a year,
    code or value is wrong, or a cell is given twice."""
    if not raw or b'"' in raw or b"\r" in raw or b"\0" in raw:
        return None
    if not raw.endswith(b"\n"):
        raw += b"\n"
    bounds = _fields(raw, width)
    if bounds is None:
        return None
    buf, starts, ends = bounds
    if any(not (starts[:, j] == ends[:, j]).all() for j in range(value_at + 1, width)):
        return None
    years = _years(buf, starts[:, 0], ends[:, 0])
    if years is None:
        return None
    cells = []
    for declared, at in zip(codes, dim_at, strict=True):
        found = _codes(buf, starts[:, at], ends[:, at], declared)
        if found is None:
            return None
        cells.append(found)
    values = _numbers(buf, starts[:, value_at], ends[:, value_at], domain)
    if values is None or not _distinct(years, cells, [len(c) for c in codes]):
        return None
    return PlainColumns(years, cells, values)


def _fields(raw: bytes, width: int) -> tuple[Bytes, Ints, Ints] | None:
    """Where each cell starts and ends (rows x width), when every line has ``width`` cells:
    the separators (commas and line breaks) in order, ``width`` a row, each row's last one
    a line break. There are as many rows as line breaks, so every other one is a comma.
    The bytes come with 8 NUL bytes before and after them (for :func:`_words`)."""
    rows = raw.count(b"\n")
    buf = np.frombuffer(bytes(8) + raw + bytes(8), dtype=np.uint8)
    separators = np.flatnonzero((buf == _COMMA) | (buf == _NEWLINE))
    if len(separators) != rows * width:
        return None
    ends = separators.reshape(rows, width)
    if not (buf[ends[:, -1]] == _NEWLINE).all():
        return None
    starts = np.empty(rows * width, dtype=np.int64)
    starts[0] = 8
    starts[1:] = separators[:-1] + 1
    return buf, starts.reshape(rows, width), ends


def _words(buf: Bytes, starts: Ints, lengths: Ints) -> npt.NDArray[np.uint64]:
    """The bytes of each cell (at most 8 long) as one little-endian integer, the bytes after
    the cell's end zero: one unaligned read a cell."""
    every = np.ndarray((len(buf) - 7,), dtype="<u8", buffer=buf, strides=(1,))
    found: npt.NDArray[np.uint64] = every[starts] & _LOW_BYTES[lengths]
    return found


def _right_aligned(buf: Bytes, ends: Ints, lengths: Ints, width: int) -> Bytes:
    """The cells' bytes, one row per place from the right (row 0: each cell's last byte),
    ``width`` rows; a place before a cell's start holds '0'."""
    if width <= 8 and sys.byteorder == "little":
        every = np.ndarray((len(buf) - 7,), dtype="<u8", buffer=buf, strides=(1,))
        words = every[ends - 8] & ~_LOW_BYTES[8 - lengths]
        chars: Bytes = np.ascontiguousarray(words.view(np.uint8).reshape(-1, 8).T[::-1])
        chars[chars == 0] = _ZERO  # (the file has no NUL byte)
        return chars
    place = np.arange(width)[:, None]
    chars = buf[ends - 1 - place]  # (the 8 NUL bytes before the first cell: in bounds)
    chars[place >= lengths] = _ZERO
    return chars


_NOT_DIGITS = np.int64(~0x0F0F0F0F)
# The mask of the low n bytes of a 64-bit integer, n = 0..8.
_LOW_BYTES = np.array([(1 << (8 * n)) - 1 for n in range(9)], dtype=np.uint64)


def _years(buf: Bytes, starts: Ints, ends: Ints) -> Ints | None:
    """Each year: four digits, in MIN_YEAR-MAX_YEAR."""
    lengths = ends - starts
    if not (lengths == 4).all():
        return None
    # Each byte minus '0': a digit is 0-9, so it and it plus 6 have a clear high nibble; a
    # byte below '0' borrows from the bytes above the fourth.
    digits = (_words(buf, starts, lengths) - np.uint64(0x30303030)).view(np.int64)
    if ((digits | (digits + 0x06060606)) & _NOT_DIGITS).any():
        return None
    years: Ints = (
        (digits & 0xFF) * 1000
        + ((digits >> 8) & 0xFF) * 100
        + ((digits >> 16) & 0xFF) * 10
        + (digits >> 24)
    )
    if years.min() < MIN_YEAR or years.max() > MAX_YEAR:
        return None
    return years


@cache
def _declared(codes: tuple[str, ...]) -> tuple[Any, Ints, int] | None:
    """The dimension's codes as sorted keys (each code's bytes: as a little-endian integer
    when every code fits in 8 bytes, else a byte string padded with NUL bytes), each one's
    category index, and the longest code's length in bytes; None when a code cannot be
    compared so."""
    encoded = [c.encode("utf-8") for c in codes]
    longest = max(map(len, encoded))
    if longest > _MAX_CODE or any(b"\0" in c for c in encoded):
        return None
    if longest <= 8:
        keys = np.array([int.from_bytes(c, "little") for c in encoded], dtype=np.uint64)
    else:
        keys = np.array(encoded, dtype=f"S{longest}")
    order = np.argsort(keys, kind="stable").astype(np.int64)
    return keys[order], order, longest


def _codes(buf: Bytes, starts: Ints, ends: Ints, codes: tuple[str, ...]) -> Ints | None:
    """Each cell's category index; None when a cell is blank, the total or not declared."""
    declared = _declared(codes)
    lengths = ends - starts
    if declared is None or lengths.min() == 0 or lengths.max() > declared[2]:
        return None
    sorted_keys, order, longest = declared
    if longest <= 8:
        cells = _words(buf, starts, lengths)
    else:
        offsets = np.arange(longest)
        chars = buf[starts[:, None] + offsets]  # the 8 NUL bytes at the end: in bounds
        chars[offsets >= lengths[:, None]] = 0
        cells = chars.view(f"S{longest}").ravel()
    at = np.minimum(np.searchsorted(sorted_keys, cells), len(sorted_keys) - 1)
    if not (sorted_keys[at] == cells).all():
        return None
    found: Ints = order[at]
    return found


def _numbers(
    buf: Bytes, starts: Ints, ends: Ints, domain: tuple[float | None, float | None]
) -> Floats | None:
    """Each cell's number (``-?digits[.digits]``, at most 15 digits), within ``domain``.

    The cells are aligned at their right end, one row per place from the right (place 0:
    the last character; a place before a cell's start reads as '0'). Read with the point
    as a 0 digit, a cell with a point at place q is ``A * 10**(q+1) + B`` (B below
    10**q) for the digits ``A.B``: its digits make the whole number ``A * 10**q + B``
    (exact below 2**53), divided by 10**q."""
    lengths = ends - starts
    width = int(lengths.max())
    if lengths.min() == 0 or width > _MAX_NUMBER:
        return None
    chars = _right_aligned(buf, ends, lengths, width)
    every = np.arange(len(lengths))
    negative = chars[lengths - 1, every] == _MINUS
    if negative.any():
        chars[lengths[negative] - 1, every[negative]] = _ZERO
    dot = chars == _DOT
    chars[dot] = _ZERO
    digits = chars - np.uint8(_ZERO)  # a byte below '0' wraps round: above 9
    dots = dot.sum(axis=0)
    count = lengths - dots - negative
    if digits.max() > 9 or dots.max() > 1 or count.min() < 1 or count.max() > _MAX_DIGITS:
        return None
    places = len(chars)
    read = _POW10_INT[:places] @ digits.astype(np.int64)
    point = np.arange(places, dtype=np.int64) @ dot.astype(np.int64)  # 0 without one
    after = read % _POW10_INT[point]
    whole = np.where(dots == 1, (read - after) // 10 + after, read)
    values: Floats = whole / _POW10[point]
    np.negative(values, out=values, where=negative)
    low, high = domain
    least, most = float(values.min()), float(values.max())
    if max(-least, most) > MAX_ABS_VALUE:
        return None
    if (low is not None and least < low) or (high is not None and most > high):
        return None
    return values


def _distinct(years: Ints, cells: list[Ints], sizes: Sequence[int]) -> bool:
    """No two rows with the same year and codes (``sizes``: each dimension's number of
    categories)."""
    key = years - MIN_YEAR
    for found, size in zip(cells, sizes, strict=True):
        key = key * size + found
    ordered = np.sort(key)
    return not (ordered[1:] == ordered[:-1]).any()


def year_sums(columns: PlainColumns) -> list[tuple[int, int, list[float]]]:
    """Each year's (year, first row, values in file order), in the order the years first
    appear."""
    years, values = columns.years, columns.values.tolist()
    if len(years) and (years[1:] >= years[:-1]).all():  # in runs of one year
        edges = [0, *(np.flatnonzero(years[1:] != years[:-1]) + 1).tolist(), len(years)]
        return [(int(years[a]), a, values[a:b]) for a, b in itertools.pairwise(edges)]
    rows: dict[int, list[int]] = {}
    for row, year in enumerate(years.tolist()):
        rows.setdefault(year, []).append(row)
    return [(year, found[0], [values[r] for r in found]) for year, found in rows.items()]


def may_jump(columns: PlainColumns, sizes: Sequence[int]) -> bool:
    """Whether some category's series (its values over the years) holds two values of one
    sign JUMP_FACTOR apart: :func:`~intl_tracker.dataset.plausibility.may_have_suspects`
    of each category at once (``sizes``: how many categories each dimension column has).
    False means ``check_values`` can find nothing in the file."""
    key = np.zeros(len(columns.values), dtype=np.int64)
    for cells, size in zip(columns.cells, sizes, strict=True):
        key = key * size + cells
    groups = int(np.prod(sizes, dtype=np.int64))
    for sign in (1.0, -1.0):
        signed = columns.values * sign
        mask = signed > 0
        if not mask.any():
            continue
        low = np.full(groups, np.inf)
        high = np.zeros(groups)
        np.minimum.at(low, key[mask], signed[mask])
        np.maximum.at(high, key[mask], signed[mask])
        if bool((high >= JUMP_FACTOR * low).any()):
            return True
    return False
