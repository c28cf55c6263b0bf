"""The report as JSON, CSV and Markdown (standard library only; the table is report_table.py).

Each renderer takes a :class:`~intl_tracker.presentation.views.ReportView` and writes it to a text
stream;
the registry in :mod:`intl_tracker.render.registry` picks one by format. The JSON document is the
versioned contract of :class:`intl_tracker.render.json_documents.documents.ReportDocument`; see
docs/guide/scripts.md ("Report JSON", "Report CSV") and docs/guide/analysts.md ("Reading the
report").
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from decimal import Decimal
from typing import TextIO

from intl_tracker.assessment.comparing import Comparison
from intl_tracker.core.text_safety import csv_cell, markdown
from intl_tracker.dataset.models import localize
from intl_tracker.presentation.number_format import finite
from intl_tracker.presentation.report_cells import (
    breakdown_legend,
    breakdown_mark,
    column_headers,
    comparison_cells,
    comparison_headers,
    estimates_text,
    footnote_lines,
    footnote_text,
    legend_lines,
    movement_summary,
    no_indicators,
    overall_summary,
    row_cells,
    split_status_summary,
    target_kinds,
)
from intl_tracker.presentation.views import ReportRow, ReportView
from intl_tracker.presentation.wording import judged_label, reason_text
from intl_tracker.render.registry import RenderOptions

# --- CSV -----------------------------------------------------------------------------------

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
    # added for issue 10 (columns are only ever added at the end)
    "direction",
    "value_age",
    "stale",
    "base_year",
    "base_value",
    "pace",
    "path_value",
    "annual_change",
    "deviation",
    "trend_only",
    "set_by_hand",
    "flags",
    "reason",
    # added for issue 20 (values that carry a warning of `intl-tracker validate`)
    "value_warnings",
    "period_warnings",
    # added for issue 21: the reason in the --lang language (reason is the engine's English)
    "reason_label",
    # added for issue 20 (engine): the change a year needed when judged on differences, and
    # how projected_value was projected (compound or linear; named projection until
    # issue 20's last review: the name read as a value)
    "required_change",
    "projection_method",
    # added for issue 20 (presentation): what the status was judged against (commitment,
    # forecast, trend; empty: not judged) and, for a status set by hand, the computed one
    "judged_against",
    "computed_status",
    # added for issue 24: the breakdowns (dimension ids; a crossed one joined by +)
    "breakdowns",
    # added for issue 20 (board20d): the change of a percent indicator in percentage points
    # (empty for other units; change_pct stays, the relative change, for compatibility)
    "change_pp",
)

#: Extra columns with --compare.
CSV_COMPARE_COLUMNS: tuple[str, ...] = (
    "compare_year",
    "earlier_year",
    "earlier_value",
    "earlier_status",
    "movement",
    "earlier_value_warnings",
    "earlier_computed_status",
    "computed_movement",
)

#: Significant digits of a computed number in CSV (a rate, a projection): enough for any
#: re-derivation, few enough that 0.1 + 0.2 reads 0.3.
CSV_SIGNIFICANT_DIGITS = 12


def csv_number(x: float | int | None, *, written: bool = False) -> str:
    """A number for a spreadsheet: "" for None; an integral value without ".0"; a number from
    the data (``written``) exactly as its shortest repr; a computed one to 12 significant
    digits, so binary noise (-0.7000000000000002) does not show. Never an exponent."""
    if x is None or not math.isfinite(x):
        return ""
    if float(x).is_integer():
        return str(int(x))
    text = repr(float(x)) if written else f"{x:.{CSV_SIGNIFICANT_DIGITS}g}"
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def _difference(a: float | None, b: float | None) -> str:
    """a - b of two numbers from the data, exactly in decimal (20.3 - 21 = -0.7)."""
    if a is None or b is None:
        return ""
    return csv_number(float(Decimal(repr(a)) - Decimal(repr(b))), written=True)


def english_reason(row: ReportRow) -> str:
    """The ``reason`` cell: the row's reason in English, its numbers by the one number rule
    with their unit, as the English report's footnote writes them ("36.5%", not "36.525%");
    "" without one. The exact numbers are in their own columns."""
    a = row.assessment
    label = row.indicator.unit_label
    reason = reason_text(a, "en", row.decimals, unit=row.indicator.unit, label=label) or ""
    return "; ".join(p for p in (reason, estimates_text(row, "en")) if p)


def _csv_bool(x: bool) -> str:
    return "true" if x else "false"


def _csv_row(
    row: ReportRow, lang: str, comparison: Comparison | None, compare_year: int | None
) -> list[str]:
    a, indicator, target = row.assessment, row.indicator, row.assessment.target
    has_target = target is not None and finite(target.value) is not None
    cells: list[str] = [
        str(row.goal.number),
        row.goal.id,
        indicator.id,
        csv_cell(localize(indicator.name, lang)),  # OWASP formula guard
        indicator.unit,
        csv_number(a.year),
        csv_number(a.value, written=True),
        a.value_status or "",
        csv_number(a.previous_year),
        csv_number(a.previous_value, written=True),
        _difference(a.value, a.previous_value),
        csv_number(a.change_pct),
        csv_number(target.value, written=True) if target is not None and has_target else "",
        str(target.year) if target is not None and has_target else "",
        target.kind if target is not None and has_target else "",
        csv_number(a.required_cagr),
        csv_number(a.cagr),
        csv_number(a.fitted_cagr),
        csv_number(a.ratio),
        csv_number(a.projected_value),
        csv_number(a.eta_year),
        str(a.status),
        judged_label(a.status, lang, a.judged_against),
        a.method_class or "",
        indicator.direction,
        csv_number(a.value_age),
        _csv_bool(a.stale),
        csv_number(a.base_year),
        csv_number(a.base_value, written=True),
        str(a.pace),
        csv_number(a.path_value),
        csv_number(a.annual_change),
        csv_number(a.deviation),
        _csv_bool(a.trend_only),
        _csv_bool(a.set_by_hand),
        " ".join(a.flags),
        csv_cell(english_reason(row)),  # may quote a hand-set status's rationale
        " ".join(row.warnings_at(a.year)),
        " ".join(f"{year}:{code}" for year, codes in row.period_warnings for code in codes),
        csv_cell(footnote_text(row, lang) if row.footnote is not None else ""),
        csv_number(a.required_change),
        a.projection or "",
        "" if a.judged_against is None else str(a.judged_against),
        "" if a.computed_status is None else str(a.computed_status),
        " ".join("+".join(b.by) for b in indicator.breakdowns),
        _difference(a.value, a.previous_value) if indicator.unit == "percent" else "",
    ]
    if compare_year is not None:
        then = comparison.earlier if comparison is not None else None
        cells += [
            str(compare_year),
            "" if then is None else csv_number(then.year),
            "" if then is None else csv_number(then.value, written=True),
            "" if then is None else str(then.status),
            "" if comparison is None else str(comparison.movement),
            "" if then is None else " ".join(row.warnings_at(then.year)),
            "" if then is None or then.computed_status is None else str(then.computed_status),
            "" if comparison is None or comparison.computed_movement is None
            else str(comparison.computed_movement),
        ]  # fmt: skip
    return cells


def render_csv(view: ReportView, out: TextIO, options: RenderOptions) -> None:
    # "\n", not csv's default "\r\n": ``out`` is a text stream that already translates line
    # endings where the platform wants it (a Windows console would otherwise get "\r\r\n").
    writer = csv.writer(out, lineterminator="\n")
    compare_year = view.compare_year
    writer.writerow(CSV_COLUMNS + (CSV_COMPARE_COLUMNS if compare_year is not None else ()))
    writer.writerows(_csv_row(row, options.lang, row.comparison, compare_year) for row in view.rows)


# --- Markdown ------------------------------------------------------------------------------


def markdown_escape(s: str) -> str:
    """Escape what would break a GitHub table cell or start formatting; control characters,
    bidi overrides and line breaks shown visibly (``text_safety.markdown``)."""
    return markdown(s)


def _markdown_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _marked_cells(row: ReportRow, lang: str) -> list[tuple[str, ...]]:
    """The row's cells, the name marked when the indicator has breakdowns."""
    cells = row_cells(row, lang)
    cells[0] = (cells[0][0] + breakdown_mark(row.indicator), *cells[0][1:])
    return cells


def render_markdown(view: ReportView, out: TextIO, options: RenderOptions) -> None:
    lang = options.lang
    align = ["---", "--:", "--:", "--:", "--:", "--:", "---"]
    lines: list[str] = []
    if not view.sections:
        lines += [no_indicators(lang), ""]
    for section in view.sections:
        goal = section.goal
        lines += [f"### {goal.number}. {markdown_escape(localize(goal.name, lang))}", ""]
        kinds = target_kinds(section.rows)
        header = column_headers(lang, view.year, trend=False, method=view.method, kinds=kinds)
        lines += [_markdown_row(header), _markdown_row(align)]
        lines += [
            _markdown_row(markdown_escape(" ".join(cell)) for cell in _marked_cells(row, lang))
            for row in section.rows
        ]
        lines += ["", f"_{markdown_escape(split_status_summary(section.rows, lang))}_", ""]
        notes = footnote_lines(section.rows, lang)
        if notes:
            lines += [markdown_escape(note) + "  " for note in notes[:-1]]
            lines += [markdown_escape(notes[-1]), ""]
    if len(view.sections) > 1:
        lines += [f"**{markdown_escape(overall_summary(view, lang))}**", ""]
    if view.compare_year is not None and view.rows:
        lines += [f"### {markdown_escape(movement_summary(view, lang))}", ""]
        lines += [
            _markdown_row(markdown_escape(h) for h in comparison_headers(view, lang)),
            _markdown_row(["---", "--:", "---", "--:", "---", "---"]),
        ]
        lines += [
            _markdown_row(markdown_escape(" ".join(c)) for c in _marked_comparison(row, lang))
            for row in view.rows
        ]
        lines += [""]
    mark = breakdown_legend([row.indicator for row in view.rows], lang)
    legend = [*legend_lines(view, lang), *([mark] if mark is not None else [])]
    lines += [f"- {markdown_escape(line)}" for line in legend]
    out.write("\n".join(lines).rstrip() + "\n")


def _marked_comparison(row: ReportRow, lang: str) -> list[tuple[str, ...]]:
    """A --compare row with ⊞ after the name, as in the report's table."""
    cells = comparison_cells(row, lang)
    cells[0] = (cells[0][0] + breakdown_mark(row.indicator), *cells[0][1:])
    return cells
