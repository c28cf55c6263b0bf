"""Laying out a table of cells in a given width without ever cutting one (standard library).

A cell is a tuple of *parts* ("123,456ᵉ", "(2023)"): parts may go on separate lines but are
never split, so a number keeps every digit on one line. The one *name* column wraps its text
between words instead (a word longer than the column is broken between characters, never
inside one, so no character is lost: CJK and emoji included). To fit, columns first shrink to
their longest part; then optional columns are left out, in their order, and the caller says
which; when even the required columns do not fit, the table is *stacked*: one block per row,
each value under its header.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from intl_tracker.core.text_width import cell_width, pad, wrap_cells

#: A cell: parts that may go on separate lines, but are never split.
Cell = tuple[str, ...]

#: Space between two columns.
GAP = 1


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its header (its words wrap), one cell per row, and how it gives way.

    ``drop_rank``: None for a required column; optional columns are left out lowest rank
    first. ``name``: the column whose text wraps between words and takes the width left.
    """

    header: str
    cells: Sequence[Cell]
    right: bool = False
    drop_rank: int | None = None
    name: bool = False


@dataclass(frozen=True, slots=True)
class Layout:
    """The columns shown (indexes), their widths, the ones left out, and whether stacked."""

    shown: tuple[int, ...]
    widths: tuple[int, ...]
    dropped: tuple[int, ...]
    stacked: bool


def _longest_word(text: str) -> int:
    return max((cell_width(w) for w in text.split(" ")), default=0)


def _natural(column: Column) -> int:
    longest = max((cell_width(" ".join(c)) for c in column.cells), default=0)
    return max(_longest_word(column.header), longest)


def _narrow(column: Column, min_name: int) -> int:
    if column.name:
        return min(_natural(column), max(min_name, _longest_word(column.header)))
    parts = max((cell_width(p) for c in column.cells for p in c), default=0)
    return max(_longest_word(column.header), parts)


def plan(
    columns: Sequence[Column],
    width: int,
    *,
    min_name: int = 16,
    shrink_order: Sequence[int] = (),
) -> Layout:
    """Widths for ``columns`` within ``width`` cells (see the module docstring).

    Non-name columns shrink to their longest part, in ``shrink_order`` (default: left to
    right), until the name column has a third of ``width`` (or its natural width); when it
    would still be narrower than ``min_name``, optional columns are dropped, lowest
    ``drop_rank`` first.
    """
    natural = [_natural(c) for c in columns]
    narrow = [_narrow(c, min_name) for c in columns]
    name = next(i for i, c in enumerate(columns) if c.name)
    optional = sorted(
        (i for i, c in enumerate(columns) if c.drop_rank is not None),
        key=lambda i: columns[i].drop_rank or 0,
    )
    dropped: list[int] = []
    # The name column may wrap, but not into a sliver: other columns shrink until it has a
    # third of the width (or all it needs).
    goal = min(natural[name], max(min_name, width // 3))
    while True:
        shown = [i for i in range(len(columns)) if i not in dropped]
        widths = {i: natural[i] for i in shown}
        budget = width - GAP * (len(shown) - 1)
        for i in [i for i in (shrink_order or shown) if i in widths and i != name]:
            if budget - sum(w for j, w in widths.items() if j != name) >= goal:
                break
            widths[i] = narrow[i]
        room = budget - sum(w for j, w in widths.items() if j != name)
        if room >= narrow[name]:
            widths[name] = min(room, natural[name])
            return Layout(tuple(shown), tuple(widths[i] for i in shown), tuple(dropped), False)
        if len(dropped) == len(optional):  # stacked: every column is shown again
            every = tuple(range(len(columns)))
            return Layout(every, tuple(narrow[i] for i in every), (), True)
        dropped.append(optional[len(dropped)])


def fill(parts: Cell, width: int) -> list[str]:
    """Parts joined by spaces, a new line where the next part would not fit; [""] for none."""
    lines: list[str] = []
    for part in parts:
        if lines and cell_width(lines[-1]) + 1 + cell_width(part) <= width:
            lines[-1] += " " + part
        else:
            lines.append(part)
    return lines or [""]


def cell_lines(column: Column, cell: Cell, width: int) -> list[str]:
    """A cell's lines in ``width`` cells: the name wraps words, other cells fill parts."""
    if column.name:
        return wrap_cells(" ".join(cell), width)
    return fill(cell, width)


#: A line of a table: (text, column index) segments, padded, with a gap between them.
Line = list[tuple[str, int]]


def _block(
    columns: Sequence[Column], layout: Layout, cells: Sequence[list[str]], *, bottom: bool
) -> list[Line]:
    height = max(len(c) for c in cells)
    lines: list[Line] = []
    for k in range(height):
        line: Line = []
        for n, (i, w) in enumerate(zip(layout.shown, layout.widths, strict=True)):
            column_lines = cells[n]
            at = k - (height - len(column_lines)) if bottom else k
            text = column_lines[at] if 0 <= at < len(column_lines) else ""
            line.append((pad(text, w, right=columns[i].right), i))
        lines.append(line)
    return lines


def header_lines(columns: Sequence[Column], layout: Layout) -> list[Line]:
    """The headers, words wrapped, aligned to the bottom."""
    cells = [
        wrap_cells(columns[i].header, w) for i, w in zip(layout.shown, layout.widths, strict=True)
    ]
    return _block(columns, layout, cells, bottom=True)


def row_lines(columns: Sequence[Column], layout: Layout, row: int) -> list[Line]:
    """Row ``row`` of the table, each cell on as many lines as it needs."""
    cells = [
        cell_lines(columns[i], columns[i].cells[row], w)
        for i, w in zip(layout.shown, layout.widths, strict=True)
    ]
    return _block(columns, layout, cells, bottom=False)


def stacked_lines(columns: Sequence[Column], row: int, width: int) -> list[Line]:
    """Row ``row`` as a block: the name, then "header: value" lines indented by two."""
    name = next(i for i, c in enumerate(columns) if c.name)
    name_lines = cell_lines(columns[name], columns[name].cells[row], width)
    lines: list[Line] = [[(text, name)] for text in name_lines]
    for i, column in enumerate(columns):
        if i == name:
            continue
        label = f"  {column.header}:"
        parts = (label, *column.cells[row])
        for k, text in enumerate(fill(parts, width)):
            lines.append([(text if k == 0 else "    " + text, i)])
    return lines


def wrap_items(items: Sequence[str], width: int, separator: str = " · ") -> list[list[int]]:
    """Items packed into lines of at most ``width`` cells, as lists of item indexes; an item
    is never split across lines unless it alone is wider than ``width``."""
    lines: list[list[int]] = []
    used = 0
    for k, item in enumerate(items):
        w = cell_width(item)
        if lines and used + cell_width(separator) + w <= width:
            lines[-1].append(k)
            used += cell_width(separator) + w
        else:
            lines.append([k])
            used = w
    return lines
