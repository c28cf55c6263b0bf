"""The terminal report: one Rich table per goal, a status summary under each, and a legend.

Imported only for ``--format table``. Every user string goes into a ``Text`` object and the
console has markup and emoji off, so "[bold]" or ":fire:" in a name is printed as written.
Without colour there are no ANSI codes at all and no box art, only an ASCII rule under headers.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from typing import TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from intl_tracker.consoles import build_console
from intl_tracker.models import localize
from intl_tracker.rendering import RenderOptions
from intl_tracker.report_cells import (
    Cell,
    column_headers,
    comparison_cells,
    comparison_headers,
    footnote_lines,
    legend_lines,
    movement_summary,
    no_indicators,
    row_cells,
    split_status_counts,
)
from intl_tracker.text_safety import visible
from intl_tracker.views import GoalSection, ReportRow, ReportView
from intl_tracker.vocabulary import STATUS_STYLES

DEFAULT_WIDTH = 100
SPARK_BARS = "▁▂▃▄▅▆▇█"

# Only a rule under the header, broken between columns (so it shows where each one starts);
# cells are one space apart. ASCII without colour: "no colour or box art when piped".
_PLAIN_HEAD = box.Box("    \n    \n -  \n    \n    \n    \n    \n    \n", ascii=True)
_RULE_HEAD = box.Box("    \n    \n ─  \n    \n    \n    \n    \n    \n")


def sparkline(values: Sequence[float | None]) -> str:
    """One bar per value, scaled from the smallest (▁) to the largest (█), a space for a year
    without a value (None); "" for no values."""
    present = [v for v in values if v is not None]
    if not present:
        return ""
    low, high = min(present), max(present)
    top = len(SPARK_BARS) - 1

    def bar(v: float | None) -> str:
        if v is None:
            return " "
        if high == low:
            return SPARK_BARS[len(SPARK_BARS) // 2 - 1]
        return SPARK_BARS[round((v - low) / (high - low) * top)]

    return "".join(bar(v) for v in values).rstrip()


#: The indicator column gets at least this many cells before other columns start to wrap.
MIN_NAME_WIDTH = 24
_GAP = 1  # cells are one space apart (the box's blank divider)
# Columns that may put their parts on several lines, in the order they give up width.
_SHRINK_ORDER = (2, 1, 7, 4, 5, 6)


def _fill(parts: Cell, width: int) -> str:
    """Parts joined by spaces, starting a new line where the next part would not fit."""
    lines: list[str] = []
    for part in parts:
        if lines and cell_len(lines[-1]) + 1 + cell_len(part) <= width:
            lines[-1] += " " + part
        else:
            lines.append(part)
    return "\n".join(lines)


def _column_widths(
    headers: Sequence[str], columns: Sequence[Sequence[Cell]], width: int
) -> list[int]:
    """Widths of the columns after the name column, which takes what is left.

    Each column starts at its natural width (every cell on one line); while the name column
    would be narrower than ``MIN_NAME_WIDTH``, columns shrink to their longest part (or header
    word), one by one in ``_SHRINK_ORDER``.
    """
    natural = [max(cell_len(h) for h in header.split()) for header in headers]
    narrowest = list(natural)
    for i, cells in enumerate(columns):
        for parts in cells:
            natural[i] = max(natural[i], cell_len(" ".join(parts)))
            narrowest[i] = max([narrowest[i], *(cell_len(p) for p in parts)])
    widths = list(natural)
    budget = width - _GAP * (len(headers) - 1)
    for i in _SHRINK_ORDER:
        missing = MIN_NAME_WIDTH - (budget - sum(widths[1:]))
        if missing <= 0:
            break
        widths[i] = narrowest[i]  # once a column wraps, it may as well be narrow
    widths[0] = max(budget - sum(widths[1:]), 1)
    return widths


def _with_trend(row: ReportRow, lang: str) -> list[Cell]:
    cells = row_cells(row, lang)
    return [*cells[:3], (sparkline(row.trend_years or row.trend),), *cells[3:]]


def _goal_cells(
    view: ReportView, rows: Sequence[ReportRow], lang: str, width: int
) -> tuple[list[str], list[list[Cell]], list[int]]:
    headers = column_headers(lang, view.year, trend=True, method=view.method)
    cells: list[list[Cell]] = [_with_trend(row, lang) for row in rows]
    widths = _column_widths(headers, [[r[i] for r in cells] for i in range(len(headers))], width)
    return headers, cells, widths


def _goal_table(
    view: ReportView, rows: Sequence[ReportRow], lang: str, *, color: bool, width: int
) -> Table:
    headers, cells, widths = _goal_cells(view, rows, lang, width)
    table = Table(
        box=_RULE_HEAD if color else _PLAIN_HEAD,
        show_edge=False,
        padding=(0, 0),
        header_style="bold",
    )
    table.add_column(headers[0], width=widths[0], overflow="fold")  # names wrap between words
    for i in range(1, len(headers)):
        table.add_column(
            _fill(tuple(headers[i].split()), widths[i]),
            width=widths[i],
            justify="left" if i in (3, 7) else "right",
            no_wrap=True,  # _fill has already put the parts on lines
            overflow="fold",
            style="cyan" if i == 3 else "",
        )
    for row, cells_ in zip(rows, cells, strict=True):
        texts = [Text(cells_[0][0])]
        texts += [Text(_fill(parts, w)) for parts, w in zip(cells_[1:], widths[1:], strict=True)]
        texts[-1].stylize(STATUS_STYLES[row.status])
        table.add_row(*texts)
    return table


# --- Plain tables without Rich's per-cell rendering ------------------------------------
# Rich renders every cell through Text.wrap, Segment lists and padding: about 1 ms per row,
# 10 s for 10,000 indicators. Without colour the layout is simple enough to write directly,
# in the same shape as the Rich table with _PLAIN_HEAD (header cells aligned to the bottom,
# names word-wrapped, other cells already split by _fill and cropped at the column width);
# Rich is used when the columns do not fit.


def _wrap_words(line: str, width: int) -> list[str]:
    """Word-wrap a name to ``width``, folding words longer than the column."""
    return textwrap.wrap(line, width, break_long_words=True, break_on_hyphens=False) or [""]


def _fit(line: str, width: int, *, right: bool) -> str:
    from rich.cells import set_cell_size

    if right:
        line = line.rstrip()
    if cell_len(line) > width:
        line = set_cell_size(line, width)
    pad = " " * (width - cell_len(line))
    return pad + line if right else line + pad


def _plain_cell(text_: str, width: int, *, wrap: bool, right: bool) -> list[str]:
    lines = text_.split("\n")
    if wrap:
        lines = [
            part.rstrip() if cell_len(part) > width else part
            for line in lines
            for part in _wrap_words(line, width)
        ]
    return [_fit(line, width, right=right) for line in lines]


def _plain_table(
    headers: Sequence[str], cells: Sequence[Sequence[Cell]], widths: Sequence[int]
) -> list[str]:
    right = [i not in (0, 3, 7) for i in range(len(widths))]
    out: list[str] = []

    def emit(row: Sequence[str], *, bottom: bool) -> None:
        columns = [
            _plain_cell(c, w, wrap=i == 0, right=right[i])
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        height = max(len(c) for c in columns)
        blank = [" " * w for w in widths]
        for i in range(height):
            parts = []
            for col, column in enumerate(columns):
                at = i - (height - len(column)) if bottom else i
                parts.append(column[at] if 0 <= at < len(column) else blank[col])
            out.append(" ".join(parts))

    emit(
        [
            headers[0],
            *(_fill(tuple(h.split()), w) for h, w in zip(headers[1:], widths[1:], strict=True)),
        ],
        bottom=True,
    )
    out.append(" ".join("-" * w for w in widths))
    for cells_ in cells:
        emit(
            [
                cells_[0][0],
                *(_fill(p, w) for p, w in zip(cells_[1:], widths[1:], strict=True)),
            ],
            bottom=False,
        )
    return out


def _summary(section: GoalSection, lang: str) -> Text:
    summary = Text()
    for i, (status, text) in enumerate(split_status_counts(section.rows, lang)):
        if i:
            summary.append(" · ")
        summary.append(text, style=STATUS_STYLES[status])
    return summary


def _footnotes(console: Console, section: GoalSection, lang: str) -> None:
    """The notes of the section's rows, "[n] name: reason", each a paragraph of its own."""
    for line in footnote_lines(section.rows, lang):
        console.print(Text(line, style="dim"))


def _comparison_table(view: ReportView, lang: str, *, color: bool, width: int) -> Table:
    """With --compare: per indicator the value and status then and now, and the movement."""
    headers = comparison_headers(view, lang)
    table = Table(
        box=_RULE_HEAD if color else _PLAIN_HEAD,
        show_edge=False,
        padding=(0, 1, 0, 0),
        header_style="bold",
        width=width,
    )
    for i, header in enumerate(headers):
        table.add_column(
            header,
            justify="right" if i in (1, 3) else "left",
            ratio=3 if i == 0 else None,
            overflow="fold",
        )
    for row in view.rows:
        cells = comparison_cells(row, lang)
        texts = [Text(" ".join(parts)) for parts in cells]
        if row.comparison is not None:
            texts[2].stylize(STATUS_STYLES[row.comparison.earlier.status])
            texts[4].stylize(STATUS_STYLES[row.comparison.later.status])
        table.add_row(*texts)
    return table


def render_table(view: ReportView, out: TextIO, options: RenderOptions) -> None:
    """Print the report as tables, one per goal, to ``out`` (at most ``options.width``
    columns)."""
    width = options.width or DEFAULT_WIDTH
    color, lang = options.color, options.lang
    # Without colour, render into a buffer and strip the padding Rich leaves at line ends.
    console = build_console(out if color else io.StringIO(), color=color, width=width)
    if not view.sections:
        console.print(Text(no_indicators(lang)))
    for section in view.sections:
        goal = section.goal
        console.print(Text(f"{goal.number}. {visible(localize(goal.name, lang))}", style="bold"))
        if not color:
            headers, cells, widths = _goal_cells(view, section.rows, lang, width)
            if sum(widths) + _GAP * (len(widths) - 1) <= width:
                console.file.write(
                    "".join(f"{line}\n" for line in _plain_table(headers, cells, widths))
                )
                console.print(_summary(section, lang))
                _footnotes(console, section, lang)
                console.print()
                continue
        console.print(_goal_table(view, section.rows, lang, color=color, width=width))
        console.print(_summary(section, lang))
        _footnotes(console, section, lang)
        console.print()
    if view.compare_year is not None and view.rows:
        console.print(Text(movement_summary(view, lang), style="bold"))
        console.print(_comparison_table(view, lang, color=color, width=width))
        console.print()
    for line in legend_lines(view, lang):
        console.print(Text(line, style="dim"))
    if not color:
        buffer = console.file
        assert isinstance(buffer, io.StringIO)
        out.write("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))
