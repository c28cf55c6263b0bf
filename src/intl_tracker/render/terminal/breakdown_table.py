"""The report by a dimension (``report --by``) as a terminal table: one per indicator."""

from __future__ import annotations

from typing import TextIO

from rich.table import Table
from rich.text import Text

from intl_tracker.core.text_safety import visible
from intl_tracker.presentation.breakdown_view import (
    BreakdownReportView,
    headers,
    left_out_line,
    legend_lines,
    section_notes,
    section_rows,
    section_title,
)
from intl_tracker.render.registry import RenderOptions
from intl_tracker.render.terminal.consoles import build_console


def render_table(view: BreakdownReportView, out: TextIO, options: RenderOptions) -> None:
    lang = options.lang
    console = build_console(out, color=options.color, width=options.width or 100)
    for section in view.sections:
        table = Table(
            title=Text(visible(section_title(view, section, lang))),
            title_justify="left",
            box=None,
            pad_edge=False,
        )
        for i, header in enumerate(headers(view, lang)):
            table.add_column(Text(visible(header)), justify="right" if 0 < i < 4 else "left")
        for cells in section_rows(view, section, lang):
            table.add_row(*(Text(visible(c)) for c in cells))
        console.print(table)
        for note in section_notes(view, section, lang):
            console.print(Text(visible(note)))
        console.print()
    left_out = left_out_line(view, lang)
    if left_out is not None:
        console.print(Text(visible(left_out)))
    for line in legend_lines(view, lang):
        console.print(Text(visible(line), "dim" if options.color else ""))
