"""The report by a dimension (``report --by``) as JSON, CSV (long) and Markdown.

JSON: the document ``report-by``
(:class:`intl_tracker.render.json_documents.documents.ReportByDocument`), one object per
indicator with its headline and every category's assessment (the fields of ``AssessmentJSON``),
who is left behind and the spread by year. CSV: long, one row per indicator and category (the
total first, its dimension cells blank, as in the data files). Markdown: a table per indicator
with the lines the terminal table has.
"""

from __future__ import annotations

import csv
from typing import Any, TextIO

from intl_tracker.assessment.records import Assessment
from intl_tracker.core.i18n import translator
from intl_tracker.core.text_safety import csv_cell
from intl_tracker.dataset.models import Indicator, localize
from intl_tracker.presentation.breakdown_view import (
    BreakdownReportView,
    BreakdownSection,
    category_name,
    headers,
    judged,
    left_out_line,
    legend_lines,
    section_notes,
    section_rows,
    section_title,
)
from intl_tracker.presentation.wording import judged_label, reason_text
from intl_tracker.render.json_documents.document_versions import REPORT_BY_VERSION
from intl_tracker.render.json_documents.json_output import (
    assessment_json,
    indicator_identity,
    report_header,
)
from intl_tracker.render.json_documents.json_text import write_json
from intl_tracker.render.registry import RenderOptions
from intl_tracker.render.text_formats import csv_number, markdown_escape

# --- JSON ------------------------------------------------------------------------------------


def _codes(dims: tuple[str, ...], codes: tuple[str, ...]) -> dict[str, str]:
    return dict(zip(dims, codes, strict=True))


def _names(
    view: BreakdownReportView, dims: tuple[str, ...], codes: tuple[str, ...], lang: str
) -> dict[str, str]:
    return {d: category_name(view.dimension(d), c, lang) for d, c in zip(dims, codes, strict=True)}


def _category_json(a: Assessment, indicator: Indicator, lang: str) -> dict[str, Any]:
    """A category's assessment fields; a category shown but not judged keeps its status code
    (insufficient_data, ``calculated`` false) and is labelled "not judged"."""
    fields = assessment_json(a, indicator, lang, ())
    if not judged(a):
        fields["status_label"] = translator(lang).gettext("not judged")
    return fields


def _section_json(
    view: BreakdownReportView, section: BreakdownSection, lang: str
) -> dict[str, Any]:
    row, b = section.row, section.breakdown
    indicator, dims = row.indicator, b.dimensions
    return {
        **indicator_identity(row, lang),
        "dimensions": list(dims),
        "partial": b.partial,
        "whole_in": b.whole_in,
        "judged": b.judged,
        "headline": assessment_json(b.headline, indicator, lang, row.value_warnings),
        "headline_movement": b.headline_movement,
        "categories": [
            {
                "codes": _codes(dims, c.codes),
                "names": _names(view, dims, c.codes, lang),
                "movement": c.movement,
                "left_behind": c.left_behind,
                **_category_json(c.assessment, indicator, lang),
            }
            for c in b.categories
        ],
        "spread": [
            {
                "year": p.year,
                "best": _codes(dims, p.best),
                "best_value": p.best_value,
                "worst": _codes(dims, p.worst),
                "worst_value": p.worst_value,
                "gap": p.gap,
                "categories": p.categories,
            }
            for p in b.spread
        ],
    }


def report_by_document(view: BreakdownReportView, lang: str) -> dict[str, Any]:
    """The ``report-by`` JSON document (documents.ReportByDocument) of ``view``."""
    return {
        **report_header(view, REPORT_BY_VERSION, lang),
        "by": list(view.by),
        "dimensions": [
            {
                "id": d.id,
                "name": localize(d.name, lang),
                "categories": [
                    {"code": c.code, "name": localize(c.name, lang)} for c in d.categories
                ],
            }
            for d in view.dimensions
            if d.id in view.by
        ],
        "goals": [
            {"id": g.id, "number": g.number, "name": localize(g.name, lang)} for g in view.goals
        ],
        "indicators": [_section_json(view, s, lang) for s in view.sections],
        "left_out": list(view.left_out),
    }


def render_json(view: BreakdownReportView, out: TextIO, options: RenderOptions) -> None:
    write_json(report_by_document(view, options.lang), out)


# --- CSV -------------------------------------------------------------------------------------

#: The columns before and after the dimension columns (one per dimension of ``--by``).
CSV_HEAD = ("goal_number", "goal", "id", "name", "unit")
CSV_TAIL = (
    "category",
    "year",
    "value",
    "value_status",
    "base_year",
    "base_value",
    "movement",
    "target_value",
    "target_year",
    "status",
    "status_label",
    "trend_only",
    "stale",
    "left_behind",
    "partial",
    "reason",
)


def render_csv(view: BreakdownReportView, out: TextIO, options: RenderOptions) -> None:
    """One row per indicator and category, the total (blank dimension cells) first."""
    lang = options.lang
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow((*CSV_HEAD, *view.by, *CSV_TAIL))
    for section in view.sections:
        row, b = section.row, section.breakdown
        head = [
            str(row.goal.number),
            row.goal.id,
            row.indicator.id,
            csv_cell(localize(row.indicator.name, lang)),
            row.indicator.unit,
        ]
        order = [b.dimensions.index(d) for d in view.by]
        Entry = tuple[tuple[str, ...], str, Assessment, float | None, bool]
        entries: list[Entry] = [((), "", b.headline, b.headline_movement, False)]
        entries += [
            (
                c.codes,
                ", ".join(_names(view, b.dimensions, c.codes, lang).values()),
                c.assessment,
                c.movement,
                c.left_behind,
            )
            for c in b.categories
        ]
        unit_label = row.indicator.unit_label
        for codes, label, a, moved, behind in entries:
            cells = [codes[i] if codes else "" for i in order]
            target = a.target
            writer.writerow(
                [
                    *head,
                    *cells,
                    csv_cell(label),
                    csv_number(a.year),
                    csv_number(a.value, written=True),
                    a.value_status or "",
                    csv_number(a.base_year),
                    csv_number(a.base_value, written=True),
                    csv_number(moved),
                    "" if target is None else csv_number(target.value, written=True),
                    "" if target is None else str(target.year),
                    str(a.status),
                    judged_label(a.status, lang, a.judged_against)
                    if judged(a)
                    else translator(lang).gettext("not judged"),
                    "true" if a.trend_only else "false",
                    "true" if a.stale else "false",
                    "true" if behind else "false",
                    "true" if b.partial else "false",
                    csv_cell(
                        reason_text(a, "en", row.decimals, unit=row.unit, label=unit_label) or ""
                    ),
                ]
            )


# --- Markdown --------------------------------------------------------------------------------


def render_markdown(view: BreakdownReportView, out: TextIO, options: RenderOptions) -> None:
    lang = options.lang
    lines: list[str] = []
    for section in view.sections:
        lines += [f"### {markdown_escape(section_title(view, section, lang))}", ""]
        lines += ["| " + " | ".join(markdown_escape(h) for h in headers(view, lang)) + " |"]
        lines += ["| --- | --: | --: | --: | --- |"]
        lines += [
            "| " + " | ".join(markdown_escape(c) for c in cells) + " |"
            for cells in section_rows(view, section, lang)
        ]
        lines += [""]
        lines += [
            f"_{markdown_escape(note)}_" + "  " for note in section_notes(view, section, lang)
        ]
        lines += [""]
    left_out = left_out_line(view, lang)
    if left_out is not None:
        lines += [markdown_escape(left_out), ""]
    lines += [markdown_escape(line) + "  " for line in legend_lines(view, lang)]
    out.write("\n".join(line.rstrip() for line in lines).rstrip() + "\n")
