"""The report as JSON, CSV and Markdown (standard library only; the table is report_table.py).

Each renderer takes a :class:`~intl_tracker.views.ReportView` and writes it to a text stream;
the registry in :mod:`intl_tracker.rendering` picks one by format. The JSON document is the
versioned contract of :class:`intl_tracker.documents.ReportDocument`; see README.md ("Report
JSON", "Report CSV", "Report Markdown and table").
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from intl_tracker.json_output import report_document, write_json
from intl_tracker.models import localize
from intl_tracker.number_format import finite
from intl_tracker.rendering import RenderOptions
from intl_tracker.report_cells import (
    column_headers,
    legend_lines,
    no_indicators,
    row_cells,
    status_summary,
)
from intl_tracker.views import ReportRow, ReportView
from intl_tracker.wording import status_label


def render_json(view: ReportView, out: TextIO, options: RenderOptions) -> None:
    write_json(report_document(view, options.lang), out)


# --- CSV -----------------------------------------------------------------------------------

#: The CSV columns, in order; new columns are only ever added at the end.
CSV_COLUMNS: tuple[str, ...] = (
    "goal_number",
    "goal",
    "id",
    "name",
    "unit",
    "year",
    "value",
    "value_status",
    "previous_year",
    "previous_value",
    "change",
    "change_pct",
    "target_value",
    "target_year",
    "target_kind",
    "required_cagr",
    "cagr",
    "fitted_cagr",
    "ratio",
    "projected_value",
    "eta_year",
    "status",
    "status_label",
    "method_class",
)


def _csv_row(row: ReportRow, lang: str) -> list[object]:
    a, indicator, target = row.assessment, row.indicator, row.assessment.target
    if target is not None and finite(target.value) is None:
        target = None
    cells: list[object] = [
        row.goal.number,
        row.goal.id,
        indicator.id,
        localize(indicator.name, lang),
        indicator.unit,
        a.year,
        finite(a.value),
        a.value_status,
        a.previous_year,
        finite(a.previous_value),
        finite(a.change),
        finite(a.change_pct),
        None if target is None else float(target.value),
        None if target is None else int(target.year),
        None if target is None else target.kind,
        finite(a.required_cagr),
        finite(a.cagr),
        finite(a.fitted_cagr),
        finite(a.ratio),
        finite(a.projected_value),
        a.eta_year,
        str(a.status),
        status_label(a.status, lang),
        a.method_class,
    ]
    return ["" if c is None else c for c in cells]


def render_csv(view: ReportView, out: TextIO, options: RenderOptions) -> None:
    # "\n", not csv's default "\r\n": ``out`` is a text stream that already translates line
    # endings where the platform wants it (a Windows console would otherwise get "\r\r\n").
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_row(row, options.lang) for row in view.rows)


# --- Markdown ------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|"} | {"\n": " ", "\r": " "})


def markdown_escape(s: str) -> str:
    """Escape what would break a GitHub table cell or start formatting; newlines -> spaces."""
    return s.translate(_MARKDOWN_SPECIAL)


def _markdown_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render_markdown(view: ReportView, out: TextIO, options: RenderOptions) -> None:
    lang = options.lang
    header = column_headers(lang, view.year, trend=False)
    align = ["---", "--:", "--:", "--:", "--:", "--:", "---"]
    lines: list[str] = []
    if not view.sections:
        lines += [no_indicators(lang), ""]
    for section in view.sections:
        goal = section.goal
        lines += [f"### {goal.number}. {markdown_escape(localize(goal.name, lang))}", ""]
        lines += [_markdown_row(header), _markdown_row(align)]
        lines += [
            _markdown_row(markdown_escape(" ".join(cell)) for cell in row_cells(row, lang))
            for row in section.rows
        ]
        lines += ["", f"_{markdown_escape(status_summary(section.summary, lang))}_", ""]
    lines += [f"- {markdown_escape(line)}" for line in legend_lines(view, lang)]
    out.write("\n".join(lines).rstrip() + "\n")
