"""`intl-tracker show ID`: one indicator with every number behind its status.

The table view is a definition panel, the targets, the full series with each value's flag and
change, the assessment under every method side by side (the audit trail Statistics Canada
publishes as calculation components) and a character-grid chart. The JSON view carries the
same numbers (:func:`intl_tracker.render.json_documents.json_output.show_document`).

Data goes to ``out`` only. Without colour nothing here writes an escape sequence or box art;
user strings never pass through Rich markup (they are wrapped in :class:`rich.text.Text`),
and JSON never passes through Rich at all. A source URL is never broken: on a terminal it is
a hyperlink (OSC 8) and it always stands whole on a line of its own, outside any border.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, TextIO

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from intl_tracker.core.i18n import Translator, translator
from intl_tracker.core.text_safety import visible, visible_block
from intl_tracker.core.vocabulary import status_style
from intl_tracker.dataset.models import Source, localize
from intl_tracker.dataset.sdg import indicator_reporting_status
from intl_tracker.presentation.breakdown_view import coverage_text
from intl_tracker.presentation.indicator_cells import (
    assessment_rows,
    shows_relative_change,
    value_headers,
)
from intl_tracker.presentation.indicator_view import IndicatorView
from intl_tracker.presentation.number_format import (
    NO_NUMBER,
    RATE_DECIMALS,
    format_percent,
    format_quantity,
)
from intl_tracker.presentation.report_cells import (
    break_legend,
    series_value_text,
    value_change_text,
    value_roles,
)
from intl_tracker.presentation.sdg_view import reporting_status_text, sdg_names
from intl_tracker.presentation.views import (
    BREAK_MARK,
    MARKER_SYMBOLS,
    STALE_MARK,
    VALUE_STATUS_MARKERS,
    Marker,
)
from intl_tracker.presentation.wording import (
    direction_words,
    method_name,
    target_kind,
    unit_name,
    value_flag,
)
from intl_tracker.render.registry import RenderOptions
from intl_tracker.render.terminal.consoles import build_console
from intl_tracker.render.terminal.terminal_chart import terminal_chart

if TYPE_CHECKING:
    from intl_tracker.presentation.show_breakdowns import ShowBreakdown

#: Width of the table view when none is given.
DEFAULT_WIDTH = 100


# --------------------------------------------------------------------------------------------
# Sections


#: A web address in free text (a note, a definition); see _trim for its end.
_URL = re.compile(r"https?://[^\s<>\"]+")


def _trim(url: str) -> tuple[str, str]:
    """(the address, the punctuation after it): a sentence's full stop or comma is not part
    of an address, nor a closing parenthesis that the address did not open."""
    end = len(url)
    while end and (
        url[end - 1] in ".,;:!?'"
        or (url[end - 1] == ")" and url[:end].count(")") > url[:end].count("("))
        or (url[end - 1] == "]" and url[:end].count("]") > url[:end].count("["))
    ):
        end -= 1
    return url[:end], url[end:]


class _Links:
    """The web addresses of a page, each replaced in the text by a reference ("[↗1]") and
    printed whole under its section, on its own line (a hyperlink on a terminal): a border
    or a column never breaks an address, so it can be clicked or copied."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.pending: list[int] = []

    def add(self, url: str) -> str:
        """The reference of ``url``, numbering it on first sight."""
        if url not in self.urls:
            self.urls.append(url)
        n = self.urls.index(url) + 1
        if n not in self.pending:
            self.pending.append(n)
        return f"[↗{n}]"

    def refer(self, text: str) -> str:
        """``text`` with every web address replaced by its reference."""

        def replace(match: re.Match[str]) -> str:
            url, rest = _trim(match.group())
            return self.add(url) + rest

        return _URL.sub(replace, text)

    def flush(self, options: RenderOptions) -> list[Text]:
        """The addresses referred to since the last flush, one per line."""
        lines = [
            Text(
                f"↗{n} {self.urls[n - 1]}",
                style=Style(link=self.urls[n - 1]) if options.hyperlinks else "",
                no_wrap=True,
            )
            for n in self.pending
        ]
        self.pending = []
        return lines


def _source_text(source: Source | None, links: _Links, lang: str) -> Text:
    """Publisher and title, the note, and a reference to the URL (see _Links), in ``lang``."""
    if source is None:
        return Text(NO_NUMBER)
    parts = [visible(localize(p, lang)) for p in (source.publisher, source.title) if p]
    if source.url:
        parts.append(links.add(visible(source.url)))
    text = Text(" ".join([": ".join(parts[:2]), *parts[2:]]) if parts else "")
    if source.note:
        note = links.refer(visible_block(localize(source.note, lang)))
        text.append(("\n" if parts else "") + note, "italic")
    return text


def _table(color: bool, *columns: str, header: bool = True) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD if color else None,
        show_header=header,
        header_style="bold" if color else "",
        show_edge=False,
        pad_edge=False,
        padding=(0, 1),
        expand=False,
    )
    for column in columns:
        table.add_column(Text(column))
    return table


def _section(title: str, body: RenderableType, color: bool) -> RenderableType:
    if color:
        return Panel(body, title=Text(title, "bold"), title_align="left", box=box.ROUNDED)
    return Group(Text(title), Text("-" * len(title)), body)


def _definition(
    view: IndicatorView, t: Translator, lang: str, color: bool, links: _Links
) -> RenderableType:
    indicator = view.indicator
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold" if color else "", no_wrap=True)
    grid.add_column()
    for code, name in indicator.name.items():
        if code != lang:
            grid.add_row(
                Text(t.gettext("Name ({lang})").format(lang=code)), Text(visible(name), "italic")
            )
    if view.goal is not None:
        goal = f"{view.goal.number}. {visible(localize(view.goal.name, lang))}"
        grid.add_row(Text(t.pgettext("programme goal", "Goal")), Text(goal))
        texts = [visible(localize(o.text, lang)) for o in view.objectives]
        if texts:
            grid.add_row(Text(t.gettext("Objectives")), Text("\n".join(f"• {x}" for x in texts)))
    else:
        grid.add_row(Text(t.pgettext("programme goal", "Goal")), Text(indicator.goal))
    if indicator.definition:
        grid.add_row(
            Text(t.gettext("Definition")),
            Text(links.refer(visible_block(localize(indicator.definition, lang)))),
        )
    grid.add_row(
        Text(t.gettext("Unit")),
        Text(visible(unit_name(indicator.unit, lang, indicator.unit_label))),
    )
    grid.add_row(Text(t.gettext("Direction")), Text(direction_words(indicator.direction, lang)))
    if indicator.baseline is not None:
        grid.add_row(Text(t.gettext("Base year")), Text(str(indicator.baseline)))
    if indicator.responsible:
        grid.add_row(
            Text(t.gettext("Responsible")), Text(visible(localize(indicator.responsible, lang)))
        )
    grid.add_row(Text(t.gettext("Source")), _source_text(indicator.source, links, lang))
    if indicator.sdg:
        codes = [f"{n.code} {visible(n.name)}" for n in sdg_names(indicator.sdg, lang)]
        grid.add_row(Text("SDG"), Text("\n".join(codes)))
    status = reporting_status_text(indicator_reporting_status(indicator), lang)
    if indicator.reporting_note:
        status += "\n" + visible_block(localize(indicator.reporting_note, lang))
    grid.add_row(Text(t.gettext("Reporting status")), Text(status))
    title = f"{visible(localize(indicator.name, lang))}  [{indicator.id}]"
    return _section(title, grid, color)


def _targets(
    view: IndicatorView, t: Translator, lang: str, color: bool, links: _Links
) -> RenderableType:
    indicator = view.indicator
    title = t.gettext("Targets")
    if not indicator.targets:
        no_target = t.gettext("No target: the status is judged on the trend alone.")
        return _section(title, Text(no_target), color)
    table = _table(
        color, t.gettext("Value"), t.gettext("Year"), t.gettext("Kind"), t.gettext("Source")
    )
    for target in indicator.targets:
        source = _source_text(target.source, links, lang)
        if target.note:
            note = links.refer(visible_block(localize(target.note, lang)))
            source.append(("\n" if source.plain else "") + note, "italic")
        table.add_row(
            Text(format_quantity(target.value, indicator.unit, view.decimals, lang)),
            Text(str(target.year)),
            Text(target_kind(target.kind, lang)),
            source,
        )
    return _section(title, table, color)


def _values(
    view: IndicatorView, t: Translator, lang: str, color: bool, links: _Links
) -> RenderableType:
    title = t.gettext("Values: {unit}").format(
        unit=visible(unit_name(view.indicator.unit, lang, view.indicator.unit_label))
    )
    if not view.values:
        return _section(title, Text(t.gettext("No values yet.")), color)
    unit, decimals = view.indicator.unit, view.decimals
    relative = shows_relative_change(unit)
    table = _table(color, *value_headers(lang, unit))
    for column in table.columns[1 : 4 if relative else 3]:
        column.justify = "right"
    for row in view.values:
        roles = value_roles(row, lang)
        change = value_change_text(row.change, unit, decimals, lang)
        percent = format_percent(row.change.relative_pct, RATE_DECIMALS, lang, sign=True)
        table.add_row(
            Text(str(row.year)),
            Text(series_value_text(row, unit, decimals, lang), "bold" if color else ""),
            Text(change),
            *([Text(percent)] if relative else []),
            Text(value_flag(row.status, lang), "" if row.status == "final" else "yellow"),
            Text(", ".join(roles), "bold" if roles else ""),
            style="dim" if row.after_assessed else None,
        )
    notes = Table.grid(padding=(0, 2))
    notes.add_column(no_wrap=True)
    notes.add_column()
    breaks = {b.year: b.note for b in view.indicator.breaks}
    for row in view.values:
        if row.exceptional:
            event = visible_block(localize(row.exceptional, lang))
            notes.add_row(
                Text(str(row.year)),
                Text(t.gettext("Exceptional year: {event}").format(event=event)),
            )
        if row.note:
            note = links.refer(visible_block(localize(row.note, lang)))
            notes.add_row(Text(str(row.year)), Text(note))
        if row.is_break and breaks.get(row.year):
            note = links.refer(visible_block(localize(breaks[row.year], lang)))
            notes.add_row(Text(f"{row.year}{BREAK_MARK}"), Text(note))
    body: list[RenderableType] = [table]
    if any(row.is_break for row in view.values):
        body += [Text(break_legend(lang), "dim" if color else "")]
    if notes.row_count:
        body += [Text(""), Text(t.gettext("Notes"), "bold" if color else ""), notes]
    return _section(title, Group(*body), color)


def _breakdowns(view: IndicatorView, t: Translator, lang: str, color: bool) -> list[RenderableType]:
    """A section per breakdown: a row per category, a column per year (issue 24)."""
    from intl_tracker.presentation.show_breakdowns import breakdown_cell

    parts: list[RenderableType] = []
    unit, decimals = view.indicator.unit, view.decimals
    for breakdown in view.breakdowns:
        names = [visible(localize(d.name, lang)) for d in breakdown.dimensions]
        title = t.gettext("Values by category: {dimensions}").format(
            dimensions=" \u00d7 ".join(names)
        )
        table = _table(color, *names, *(str(year) for year in breakdown.years))
        for column in table.columns[len(names) :]:
            column.justify = "right"
        numbers = {note: i for i, note in enumerate(breakdown.notes(lang), start=1)}
        for category in breakdown.categories:
            cells = []
            for year in breakdown.years:
                observation = category.at(year)
                text = breakdown_cell(observation, unit, decimals, lang)
                cells.append(Text(text + breakdown.marker(observation, numbers, lang)))
            table.add_row(
                *(Text(visible(n)) for n in breakdown.category_names(category, lang)), *cells
            )
        body: list[RenderableType] = [table]
        coverage = coverage_text(breakdown.partial, breakdown.whole_in, lang)
        if coverage is not None:
            body += [Text(coverage)]
        body += _breakdown_notes(breakdown, t, lang, color)
        parts += [_section(title, Group(*body), color), Text("")]
    return parts


def _breakdown_notes(
    breakdown: ShowBreakdown, t: Translator, lang: str, color: bool
) -> list[RenderableType]:
    """The breakdown's declared note, then the values' notes (their sources) by the number
    that marks them in the table (``[1]  Source: ...``; a source shared by many values is
    listed once), as the headline's show lists its notes under its table."""
    body: list[RenderableType] = []
    if breakdown.note is not None:
        body += [Text(visible_block(localize(breakdown.note, lang)), "italic" if color else "")]
    notes = Table.grid(padding=(0, 2))
    notes.add_column(no_wrap=True)
    notes.add_column()
    for number, note in enumerate(breakdown.notes(lang), start=1):
        notes.add_row(Text(f"[{number}]"), Text(visible_block(note)))
    if notes.row_count:
        body += [Text(""), Text(t.gettext("Notes"), "bold" if color else ""), notes]
    return body


def _assessments(view: IndicatorView, t: Translator, lang: str, color: bool) -> RenderableType:
    methods = list(view.assessments)
    selected_word = t.gettext("selected")
    names = [method_name(m, lang) for m in methods]  # the same name as the report's legend
    headers = [
        f"{n} ({selected_word})" if m == view.method else n
        for m, n in zip(methods, names, strict=True)
    ]
    table = _table(color, "", *headers)
    table.columns[0].style = "bold" if color else ""
    table.columns[0].no_wrap = True
    for column, m in zip(table.columns[1:], methods, strict=True):
        if m == view.method and color:
            column.header_style = "bold reverse"
    rows = assessment_rows(view, lang)
    for i, (label, cell) in enumerate(rows):
        styles = [
            status_style(a.status, a.trend_only)
            if i == 0
            else "italic"
            if i == len(rows) - 1
            else ""
            for a in (view.assessments[m] for m in methods)
        ]
        cells_of_row = (
            Text(cell(view.assessments[m]), style) for m, style in zip(methods, styles, strict=True)
        )
        table.add_row(Text(label), *cells_of_row)
    cells = dict(rows)
    title = t.gettext("Assessment with data up to {year}").format(year=view.year)
    lines: list[RenderableType] = [table]
    stale = [a for a in view.assessments.values() if a.stale]
    if stale:  # the same words as the report's legend
        words = t.gettext("stale: more than {n} years older than the report year")
        lines.append(Text(f"{STALE_MARK} {words.format(n=stale[0].stale_after)}", "dim"))
    lines += _marker_legend(view, t)
    selected = view.selected
    if selected is not None:
        # The same marks as the Status row ("(trend)", ✎) and, for a stale value, "(2017)†".
        status_words = Text(
            cells[t.gettext("Status")](selected),
            "bold " + status_style(selected.status, selected.trend_only),
        )
        headline = Text.assemble(status_words, " — ", method_name(view.method, lang))
        if selected.stale:
            headline.append(" · ").append(cells[t.gettext("Assessed value")](selected))
        headline.append("\n")
        lines.insert(0, headline)
    return _section(title, Group(*lines), color)


def _chart(
    view: IndicatorView, t: Translator, lang: str, color: bool, width: int
) -> RenderableType:
    lines = terminal_chart(view, lang, width - 4 if color else width)
    for line in lines:
        line.no_wrap = True
        line.overflow = "crop"
    return _section(t.gettext("Chart"), Group(*lines), color)


def render_table(view: IndicatorView, out: TextIO, options: RenderOptions) -> None:
    """The five sections of ``show``, within ``options.width`` columns (URLs stand whole)."""
    lang, color = options.lang, options.color
    t = translator(lang)
    buffer = io.StringIO()
    console = build_console(buffer, color=color, width=options.width or DEFAULT_WIDTH)
    links = _Links()
    parts: list[RenderableType] = [
        _definition(view, t, lang, color, links),
        *links.flush(options),
        Text(""),
        _targets(view, t, lang, color, links),
        *links.flush(options),
        Text(""),
        _values(view, t, lang, color, links),
        *links.flush(options),
        Text(""),
        *_breakdowns(view, t, lang, color),
        _assessments(view, t, lang, color),
        Text(""),
        _chart(view, t, lang, color, console.width),
    ]
    for part in parts:
        console.print(part, crop=False, overflow="ignore" if isinstance(part, Text) else None)
    text = buffer.getvalue()
    if not color:  # Rich pads every line to the full width; a pipe does not need that
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    out.write(text)


def _marker_legend(view: IndicatorView, t: Translator) -> list[RenderableType]:
    """The report's legend words for the markers (ᵖ ᵉ) the assessment table writes."""
    shown = {
        VALUE_STATUS_MARKERS[obs.status]
        for _, obs in view.indicator.series()
        if obs.status in VALUE_STATUS_MARKERS
    }
    words = {
        Marker.PROVISIONAL: t.gettext("provisional value"),
        Marker.ESTIMATED: t.gettext("estimated value"),
    }
    items = [f"{MARKER_SYMBOLS[m]} {w}" for m, w in words.items() if m in shown]
    return [Text(" · ".join(items), "dim")] if items else []
