"""The report by a dimension (``report --by area``): what every format shows of breakdowns.

One :class:`BreakdownSection` per indicator that has the breakdown asked for: the headline
(its :class:`~intl_tracker.presentation.views.ReportRow`, unchanged by the breakdown) and the
breakdown's assessment (:class:`~intl_tracker.assessment.breakdowns.BreakdownAssessment`:
each category's assessment, who is left behind, the spread). Category names come from the
data set's dimensions in the chosen language (:func:`category_name`). No I/O, no Rich.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from intl_tracker.assessment.breakdowns import BreakdownAssessment, CategoryResult, movement
from intl_tracker.assessment.records import Assessment
from intl_tracker.core.i18n import translator
from intl_tracker.core.vocabulary import Pace
from intl_tracker.dataset.models import Dimension, Goal, Indicator, Programme, localize
from intl_tracker.presentation.number_format import format_number
from intl_tracker.presentation.views import MARKER_SYMBOLS, VALUE_STATUS_MARKERS, ReportRow
from intl_tracker.presentation.wording import status_label

Codes = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BreakdownSection:
    """One indicator: its headline row and its breakdown assessed."""

    row: ReportRow
    breakdown: BreakdownAssessment

    @property
    def categories(self) -> tuple[CategoryResult, ...]:
        return self.breakdown.categories


@dataclass(frozen=True, slots=True)
class BreakdownReportView:
    """A report by ``by`` (dimension ids; several: a crossed breakdown): what was asked, the
    dimensions (for names), one section per indicator that has the breakdown, in report
    order, and the ids of the shown indicators without it (``left_out``)."""

    programme: Programme
    year: int
    method: str
    pace: Pace
    tool_version: str
    by: Codes
    dimensions: tuple[Dimension, ...]
    goals: tuple[Goal, ...]
    sections: tuple[BreakdownSection, ...]
    left_out: tuple[str, ...] = ()

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)


def category_name(dimension: Dimension | None, code: str, lang: str) -> str:
    """The category's name in ``lang`` (English, else any, as every name); its code when the
    dimension does not declare it."""
    if dimension is not None:
        for category in dimension.categories:
            if category.code == code:
                return localize(category.name, lang)
    return code


def categories_label(view: BreakdownReportView, dims: Codes, codes: Codes, lang: str) -> str:
    """A category (or crossed combination) in words: ``Women, South``."""
    return ", ".join(
        category_name(view.dimension(d), c, lang) for d, c in zip(dims, codes, strict=True)
    )


def dimension_names(view: BreakdownReportView, dims: Codes, lang: str) -> str:
    """The dimensions in words, crossed ones joined by the multiplication sign."""
    names = []
    for d in dims:
        dim = view.dimension(d)
        names.append(localize(dim.name, lang) if dim is not None else d)
    return " \u00d7 ".join(names)


#: The mark of an indicator with values by category in the headline report's human formats.
BREAKDOWN_MARK = "\u229e"


def breakdown_mark(indicator: Indicator) -> str:
    """`` ⊞`` after the name of an indicator that has breakdowns, else ""."""
    return f" {BREAKDOWN_MARK}" if indicator.breakdowns else ""


def breakdown_legend(indicators: Sequence[Indicator], lang: str) -> str | None:
    """The legend line of the mark, naming the breakdowns declared (None when none is)."""
    declared: dict[str, None] = {}
    for indicator in indicators:
        for b in indicator.breakdowns:
            declared.setdefault(" --by ".join(b.by), None)
    if not declared:
        return None
    text = translator(lang).gettext("also by category: intl-tracker report --by {dimensions}")
    return f"{BREAKDOWN_MARK} " + text.format(dimensions=" | --by ".join(declared))


def headers(view: BreakdownReportView, lang: str) -> list[str]:
    t = translator(lang)
    return [
        dimension_names(view, view.by, lang),
        t.gettext("Year"),
        t.gettext("Value"),
        t.gettext("Change over the period"),
        t.gettext("Status"),
    ]


def marked_value(a: Assessment, decimals: int, lang: str) -> str:
    """The assessed value by the number rule with its marker (ᵖ, ᵉ) as the report shows it."""
    return value_text(a.value, a.value_status, decimals, lang)


def value_text(value: float | None, status: str | None, decimals: int, lang: str) -> str:
    """A value by the number rule followed by its status's report symbol (ᵖ, ᵉ), not the
    marker's name."""
    text = format_number(value, decimals, lang)
    marker = VALUE_STATUS_MARKERS.get(status or "")
    return text + MARKER_SYMBOLS[marker] if marker is not None else text


def change_text(a: Assessment, moved: float | None, decimals: int, lang: str) -> str:
    """The change over the assessed period with its years, "+887 (2015-2016)" (an en dash);
    "" without one (``moved``: :func:`~intl_tracker.assessment.breakdowns.movement`)."""
    if moved is None or a.value is None or a.base_value is None:
        return ""
    change = format_number(a.value - a.base_value, decimals, lang, sign=True)
    if a.base_year is not None and change:
        change += f" ({a.base_year}\u2013{a.year})"
    return change


def _cells(a: Assessment, moved: float | None, decimals: int, lang: str) -> list[str]:
    return [
        "" if a.year is None else str(a.year),
        marked_value(a, decimals, lang),
        change_text(a, moved, decimals, lang),
        status_label(a.status, lang, a.trend_only),
    ]


def section_rows(
    view: BreakdownReportView, section: BreakdownSection, lang: str
) -> list[list[str]]:
    """The rows of one indicator's table: the total (its headline), then each category."""
    t = translator(lang)
    decimals, b = section.row.decimals, section.breakdown
    direction = 1 if section.row.indicator.direction == "increase" else -1
    rows = [
        [t.gettext("Total"), *_cells(b.headline, movement(b.headline, direction), decimals, lang)]
    ]
    for c in b.categories:
        label = categories_label(view, b.dimensions, c.codes, lang)
        rows.append([label, *_cells(c.assessment, c.movement, decimals, lang)])
    return rows


@dataclass(frozen=True, slots=True)
class SectionNote:
    """One line under a breakdown's table, before its fields are filled in: ``template`` (in
    the language asked, ``str.format`` fields), ``numbers`` (field: formatted number or
    year) and ``categories`` (field: categories, each a code per dimension, named as the
    format names categories and joined by "; ")."""

    template: str
    numbers: dict[str, str]
    categories: dict[str, tuple[Codes, ...]]

    def text(self, label: Callable[[Codes], str]) -> str:
        """The line, each category named by ``label``."""
        named = {k: "; ".join(label(c) for c in v) for k, v in self.categories.items()}
        return self.template.format(**self.numbers, **named)


def section_note_parts(
    breakdown: BreakdownAssessment, decimals: int, lang: str
) -> list[SectionNote]:
    """The lines under an indicator's breakdown (partial, left behind, spread), unfilled:
    every format names the categories its own way (:meth:`SectionNote.text`)."""
    t = translator(lang)
    b = breakdown
    notes = []
    if b.partial:
        notes.append(
            SectionNote(
                t.gettext("The categories do not cover the whole (a partial breakdown)."), {}, {}
            )
        )
    if b.headline_movement is not None and b.headline_movement > 0:
        behind = tuple(c.codes for c in b.left_behind)
        notes.append(
            SectionNote(
                t.gettext("Left behind, moving away while the total progresses: {categories}"),
                {},
                {"categories": behind},
            )
            if behind
            else SectionNote(
                t.gettext("No category is moving away while the total progresses."), {}, {}
            )
        )
    if b.spread:
        first, last = b.spread[0], b.spread[-1]
        notes.append(
            SectionNote(
                t.gettext(
                    "Gap between the best and the worst category: {first} in {first_year}, "
                    "{last} in {last_year} (best {best}, worst {worst})"
                ),
                {
                    "first": format_number(first.gap, decimals, lang),
                    "first_year": str(first.year),
                    "last": format_number(last.gap, decimals, lang),
                    "last_year": str(last.year),
                },
                {"best": (last.best,), "worst": (last.worst,)},
            )
        )
    return notes


def section_notes(view: BreakdownReportView, section: BreakdownSection, lang: str) -> list[str]:
    """The lines under an indicator's table: partial, left behind, spread."""
    b = section.breakdown
    parts = section_note_parts(b, section.row.decimals, lang)
    return [n.text(lambda codes: categories_label(view, b.dimensions, codes, lang)) for n in parts]


def section_title(view: BreakdownReportView, section: BreakdownSection, lang: str) -> str:
    name = localize(section.row.indicator.name, lang)
    return (
        translator(lang)
        .gettext("{indicator} by {dimensions}")
        .format(
            indicator=name, dimensions=dimension_names(view, section.breakdown.dimensions, lang)
        )
    )


def left_out_line(view: BreakdownReportView, lang: str) -> str | None:
    if not view.left_out:
        return None
    return (
        translator(lang)
        .gettext("Indicators without this breakdown: {ids}")
        .format(ids=", ".join(view.left_out))
    )
