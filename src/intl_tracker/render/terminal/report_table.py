"""The terminal report: a table per goal, a status summary under each, and a legend.

Imported only for ``--format table``. The layout (:mod:`intl_tracker.presentation.table_layout`)
fits the
width it is given (the terminal's, or ``COLUMNS``/100 when piped) and never cuts a cell:
columns shrink to their longest part, then optional ones (trend, projection, pace, change)
are left out and a line says which; at the narrowest, each indicator becomes a block of
"header: value" lines. Summaries and the legend wrap between items, so a status symbol stays
with its words. On a terminal the lines get colours and a rule under the headers; without
colour there are no escape codes and no box art. Every user string goes into a ``Text``
object and the console has markup and emoji off, so "[bold]" in a name prints as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from intl_tracker.core.i18n import translator
from intl_tracker.core.text_safety import visible
from intl_tracker.core.text_width import cell_width, wrap_cells
from intl_tracker.core.vocabulary import STATUS_SYMBOLS, TREND_SYMBOLS, status_style
from intl_tracker.dataset.models import localize
from intl_tracker.presentation.report_cells import (
    Cell,
    SummaryPart,
    breakdown_legend,
    breakdown_mark,
    column_headers,
    comparison_cells,
    comparison_headers,
    footnote_lines,
    legend_items,
    movement_summary,
    no_indicators,
    overall_summary,
    row_cells,
    summary_parts,
    target_kinds,
)
from intl_tracker.presentation.table_layout import (
    GAP,
    Column,
    Layout,
    Line,
    header_lines,
    plan,
    row_lines,
    stacked_lines,
    wrap_items,
)
from intl_tracker.presentation.views import GoalSection, ReportRow, ReportView
from intl_tracker.render.registry import RenderOptions

DEFAULT_WIDTH = 100
SPARK_BARS = "▁▂▃▄▅▆▇█"
#: The name column keeps at least this many cells before optional columns are left out.
MIN_NAME_WIDTH = 16

# Column indexes, in display order.
NAME, VALUE, CHANGE, TREND, TARGET, PACE, PROJECTION, STATUS = range(8)
#: Optional columns, in the order they are left out when the table does not fit.
DROP_RANKS = {TREND: 0, PROJECTION: 1, PACE: 2, CHANGE: 3}
#: ... and when a row is judged against a target: its projection, then its pace, explain its
#: status, so they are kept before the change (and moved under the table if even they go).
TARGET_DROP_RANKS = {TREND: 0, CHANGE: 1, PACE: 2, PROJECTION: 3}
#: The columns that explain a target row's status, most important first.
EXPLAINING = (PROJECTION, PACE)
#: Columns that put their parts on several lines, in the order they give up width.
SHRINK_ORDER = (CHANGE, VALUE, STATUS, TARGET, PACE, PROJECTION, TREND)
RIGHT_ALIGNED = frozenset({VALUE, CHANGE, TARGET, PACE, PROJECTION})


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


def judged_against_target(row: ReportRow) -> bool:
    """Whether the row's status is judged against a target or forecast (not the trend alone)."""
    return row.assessment.target is not None and not row.assessment.trend_only


def _columns(view: ReportView, section: GoalSection, lang: str) -> list[Column]:
    kinds = target_kinds(section.rows)
    ranks = TARGET_DROP_RANKS if any(judged_against_target(r) for r in section.rows) else DROP_RANKS
    headers = column_headers(lang, view.year, trend=True, method=view.method, kinds=kinds)
    rows: list[list[Cell]] = []
    for row in section.rows:
        cells = row_cells(row, lang)  # the name is already made visible (report_cells)
        cells[0] = (cells[0][0] + breakdown_mark(row.indicator), *cells[0][1:])
        rows.append([*cells[:3], (sparkline(row.trend_years or row.trend),), *cells[3:]])
    return [
        Column(
            header,
            [r[i] for r in rows],
            right=i in RIGHT_ALIGNED,
            drop_rank=ranks.get(i),
            name=i == NAME,
        )
        for i, header in enumerate(headers)
    ]


#: A line ready to print: (text, Rich style) segments; the style is "" without colour.
Styled = list[tuple[str, str]]


class _Painter:
    """Gives the segments of laid-out lines their styles (none without colour)."""

    def __init__(self, section: GoalSection, color: bool) -> None:
        self.section, self.color = section, color

    def line(self, segments: Line, row: int | None) -> Styled:
        styled: Styled = []
        for k, (chunk, column) in enumerate(segments):
            if k:
                styled.append((" " * GAP, ""))
            style = ""
            if self.color and row is None:
                style = "bold"
            elif self.color and column == STATUS and row is not None:
                a = self.section.rows[row].assessment
                style = status_style(a.status, a.trend_only)
            elif self.color and column == TREND:
                style = "cyan"
            styled.append((chunk, style))
        return styled

    def rule(self, layout: Layout) -> Styled:
        char = "─" if self.color else "-"
        return [(" ".join(char * w for w in layout.widths), "dim" if self.color else "")]


def _goal_lines(
    view: ReportView, section: GoalSection, lang: str, options: RenderOptions, width: int
) -> tuple[list[Styled], tuple[str, ...], list[Styled]]:
    """The lines of one goal's table, the headers of the columns left out, and the lines
    that carry a target row's projection and pace when their columns were left out
    (``_explaining_lines``)."""
    columns = _columns(view, section, lang)
    layout = plan(columns, width, min_name=MIN_NAME_WIDTH, shrink_order=SHRINK_ORDER)
    painter = _Painter(section, options.color)
    lines: list[Styled] = []
    if layout.stacked:
        for row in range(len(section.rows)):
            lines += [painter.line(seg, row) for seg in stacked_lines(columns, row, width)]
    else:
        lines += [painter.line(seg, None) for seg in header_lines(columns, layout)]
        lines.append(painter.rule(layout))
        for row in range(len(section.rows)):
            lines += [painter.line(seg, row) for seg in row_lines(columns, layout, row)]
    explaining = _explaining_lines(section, columns, layout, lang, options.color, width)
    return lines, tuple(columns[i].header for i in layout.dropped), explaining


def _explaining_lines(
    section: GoalSection,
    columns: Sequence[Column],
    layout: Layout,
    lang: str,
    color: bool,
    width: int,
) -> list[Styled]:
    """For each row judged against a target, the projection and pace the table left out,
    as "Name — Projection: 347; Pace a year, needed vs actual: -16.6% vs -11.3%" under the
    "Left out" line: the numbers that explain a target's status are never dropped."""
    gone = [i for i in EXPLAINING if i in layout.dropped]
    lines: list[Styled] = []
    for n, row in enumerate(section.rows):
        if not gone or not judged_against_target(row):
            continue
        name = " ".join(columns[NAME].cells[n])
        items = [f"{columns[i].header}: {' '.join(columns[i].cells[n])}" for i in gone]
        lines += _wrapped(f"{name} — {'; '.join(items)}", width, "dim" if color else "")
    return lines


def _left_out_lines(left_out: tuple[str, ...], lang: str, color: bool, width: int) -> list[Styled]:
    """ "Left out to fit 100 columns: Trend" under the one table that left them out (each
    goal's table is laid out on its own, so each says what it left out)."""
    if not left_out:
        return []
    note = translator(lang).gettext("Left out to fit {width} columns: {columns}")
    text = note.format(width=width, columns=", ".join(left_out))
    return _wrapped(text, width, "dim" if color else "")


def _part_style(part: SummaryPart) -> str:
    item = part.item
    return status_style(item.status, item.trend_only) if item is not None else ""


def _summary_lines(section: GoalSection, lang: str, color: bool, width: int) -> list[Styled]:
    """The goal's summary (``summary_parts``: commitments first, then forecasts, the trend
    alone, not judged, the stale total), packed between pieces, each piece's separator kept
    at the end of its line; a piece wider than the line wraps between words."""
    parts = summary_parts(section.rows, lang)
    texts = [p.text + p.after.rstrip() for p in parts]
    lines: list[Styled] = []
    for indexes in wrap_items(texts, width, separator=" "):
        if len(indexes) == 1 and cell_width(texts[indexes[0]]) > width:
            part = parts[indexes[0]]
            lines += _wrapped(texts[indexes[0]], width, _part_style(part) if color else "")
            continue
        line: Styled = []
        for k, index in enumerate(indexes):
            part = parts[index]
            line.append((part.text, _part_style(part) if color else ""))
            after = part.after if k < len(indexes) - 1 else part.after.rstrip()
            if after:
                line.append((after, ""))
        lines.append(line)
    return lines


#: Stands for the space after a status symbol while wrapping (one cell, like the space).
_GLUE = "\ue000"

#: The status symbols that stay on the line of the word they introduce ("▲ 1 on track").
_SYMBOLS = frozenset(STATUS_SYMBOLS.values()) | frozenset(TREND_SYMBOLS.values())


def _wrapped(text: str, width: int, style: str) -> list[Styled]:
    """``text`` wrapped to ``width`` cells, never between a status symbol and its words."""
    words = text.split(" ")
    glued = "".join(
        w + (_GLUE if w in _SYMBOLS and i < len(words) - 1 else " ") for i, w in enumerate(words)
    )[: len(text)]
    return [[(part.replace(_GLUE, " "), style)] for part in wrap_cells(glued, width)]


def _footnotes(section: GoalSection, lang: str, color: bool, width: int) -> list[Styled]:
    """The notes of the section's rows, "[n] name: reason", each a paragraph of its own."""
    return [
        line
        for note in footnote_lines(section.rows, lang)
        for line in _wrapped(note, width, "dim" if color else "")
    ]


#: Columns of the --compare table: name, value then, status then, value now, status now, move.
_COMPARE_STATUS = {2: 0, 4: 1}


def _comparison_lines(view: ReportView, lang: str, color: bool, width: int) -> list[Styled]:
    """With --compare: per indicator the value and status then and now, and the movement."""
    rows = [comparison_cells(row, lang) for row in view.rows]
    for cells, row in zip(rows, view.rows, strict=True):  # ⊞ as in the report's table
        cells[0] = (cells[0][0] + breakdown_mark(row.indicator), *cells[0][1:])
    columns = [
        Column(header, [r[i] for r in rows], right=i in (1, 3), name=i == 0)
        for i, header in enumerate(comparison_headers(view, lang))
    ]
    layout = plan(columns, width, min_name=MIN_NAME_WIDTH)

    def styled(segments: Line, row: int | None) -> Styled:
        out: Styled = []
        for k, (chunk, column) in enumerate(segments):
            style = "bold" if color and row is None else ""
            comparison = None if row is None else view.rows[row].comparison
            if color and comparison is not None and column in _COMPARE_STATUS:
                a = (comparison.earlier, comparison.later)[_COMPARE_STATUS[column]]
                style = status_style(a.status, a.trend_only)
            out += [(" " * GAP, "")] * (k > 0) + [(chunk, style)]
        return out

    title = _wrapped(movement_summary(view, lang), width, "bold" if color else "")
    if layout.stacked:
        body = [
            styled(seg, r) for r in range(len(rows)) for seg in stacked_lines(columns, r, width)
        ]
        return [*title, *body]
    rule = [(" ".join(("─" if color else "-") * w for w in layout.widths), "dim" if color else "")]
    head = [styled(seg, None) for seg in header_lines(columns, layout)]
    body = [styled(seg, r) for r in range(len(rows)) for seg in row_lines(columns, layout, r)]
    return [*title, *head, rule, *body, []]


def _legend_lines(
    view: ReportView, lang: str, color: bool, width: int, shown: set[str]
) -> list[Styled]:
    """Each topic of the legend wrapped between its items; an item wider than the line (a
    method's description) wraps between words. The notes of the pace and projection columns
    only when a table shows that column (``shown``: the headers of the shown columns)."""
    headers = column_headers(lang, view.year, trend=True, method=view.method)
    lines: list[Styled] = []
    topics = legend_items(
        view, lang, pace_shown=headers[PACE] in shown, projection_shown=headers[PROJECTION] in shown
    )
    mark = breakdown_legend([row.indicator for row in view.rows], lang)
    for items in [*topics, *([[mark]] if mark is not None else [])]:
        for indexes in wrap_items(items, width):
            lines += _wrapped(" · ".join(items[i] for i in indexes), width, "dim" if color else "")
    return lines


def _write(lines: list[Styled], out: TextIO, *, color: bool, width: int) -> None:
    if not color:
        out.write("".join("".join(t for t, _ in line).rstrip() + "\n" for line in lines))
        return
    from rich.text import Text

    from intl_tracker.render.terminal.consoles import build_console

    console = build_console(out, color=True, width=width)
    for line in lines:
        console.print(Text.assemble(*line), no_wrap=True, overflow="ignore", crop=False)


def render_table(view: ReportView, out: TextIO, options: RenderOptions) -> None:
    """Print the report, goal by goal, within ``options.width`` cells (default 100)."""
    width = options.width or DEFAULT_WIDTH
    lang, color = options.lang, options.color
    lines: list[Styled] = [] if view.sections else [[(no_indicators(lang), "")]]
    shown: set[str] = set()
    headers = column_headers(lang, view.year, trend=True, method=view.method)
    for section in view.sections:
        title = f"{section.goal.number}. {visible(localize(section.goal.name, lang))}"
        lines += _wrapped(title, width, "bold" if color else "")
        table, left_out, explaining = _goal_lines(view, section, lang, options, width)
        lines += table
        shown |= {h for h in headers if h not in left_out}
        if explaining:  # their numbers moved under the table: the legend explains them
            shown |= {headers[i] for i in EXPLAINING}
        lines += _left_out_lines(left_out, lang, color, width) + explaining
        lines += _summary_lines(section, lang, color, width)
        lines += [*_footnotes(section, lang, color, width), []]
    if len(view.sections) > 1:
        lines += [*_wrapped(overall_summary(view, lang), width, "bold" if color else ""), []]
    if view.compare_year is not None and view.rows:
        lines += _comparison_lines(view, lang, color, width)
    lines += _legend_lines(view, lang, color, width, shown)
    _write(lines, out, color=color, width=width)
