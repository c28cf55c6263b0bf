"""The report by a dimension (``report --by area``): what every format shows of breakdowns.

One :class:`BreakdownSection` per indicator that has the breakdown asked for: the headline
(its :class:`~intl_tracker.presentation.views.ReportRow`, unchanged by the breakdown) and the
breakdown's assessment (:class:`~intl_tracker.assessment.breakdowns.BreakdownAssessment`:
each category's assessment, who is left behind, the spread). Category names come from the
data set's dimensions in the chosen language (:func:`category_name`). No I/O, no Rich.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from intl_tracker.assessment.breakdowns import BreakdownAssessment, CategoryResult, movement
from intl_tracker.assessment.records import Assessment
from intl_tracker.core.i18n import translator
from intl_tracker.core.vocabulary import Pace, status_symbol
from intl_tracker.dataset.breakdowns import Codes
from intl_tracker.dataset.models import Dimension, Goal, Programme, localize
from intl_tracker.presentation.number_format import NO_NUMBER, format_number, format_quantity
from intl_tracker.presentation.report_cells import change_text as unit_change_text
from intl_tracker.presentation.views import (
    MARKER_SYMBOLS,
    STALE_MARK,
    VALUE_STATUS_MARKERS,
    Marker,
    ReportRow,
)
from intl_tracker.presentation.wording import judged_label, status_label, unit_suffix_text


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


def headers(view: BreakdownReportView, lang: str) -> list[str]:
    t = translator(lang)
    return [
        dimension_names(view, view.by, lang),
        t.gettext("Year"),
        t.gettext("Value"),
        t.gettext("Change over the period"),
        t.gettext("Status"),
    ]


def value_text(value: float | None, status: str | None, unit: str, decimals: int, lang: str) -> str:
    """A value in its unit by the number rule ("12.5 %"), followed by its status's report
    symbol (ᵖ, ᵉ), not the marker's name; "" without a value."""
    if value is None:
        return ""
    text = format_quantity(value, unit, decimals, lang)
    marker = VALUE_STATUS_MARKERS.get(status or "")
    return text + MARKER_SYMBOLS[marker] if marker is not None and text else text


def period_change_text(
    a: Assessment, moved: float | None, unit: str, decimals: int, lang: str
) -> str:
    """The change over the assessed period in the unit with its years: "+887 (2015-2016)" (an
    en dash), "+1.0 pp (2015-2024)" for a percentage, places for a rank (the report's
    :func:`~intl_tracker.presentation.report_cells.change_text`); "" without one
    (``moved``: :func:`~intl_tracker.assessment.breakdowns.movement`)."""
    if moved is None or a.value is None or a.base_value is None:
        return ""
    change = unit_change_text(a.value - a.base_value, unit, decimals, lang)
    if a.base_year is not None and change:
        change += f" ({a.base_year}\u2013{a.year})"
    return change


def _cells(a: Assessment, moved: float | None, row: ReportRow, lang: str) -> list[str]:
    """Year, value (with its unit's sign and ᵖ/ᵉ), change over the period (pp for a
    percentage, places for a rank: :func:`period_change_text`) and the status with its
    symbol and "(trend)"/"(forecast)" as the report writes it."""
    unit, decimals = row.unit, row.decimals
    # the report's marks: † on a stale year, the trend symbols and "(trend)"/"(forecast)"
    year = "" if a.year is None else f"{a.year}{STALE_MARK if a.stale else ''}"
    status = (
        f"{status_symbol(a.status, a.trend_only)} {judged_label(a.status, lang, a.judged_against)}"
        if judged(a)
        else not_judged_text(lang)
    )
    return [
        year,
        value_text(a.value, a.value_status, unit, decimals, lang),
        period_change_text(a, moved, unit, decimals, lang),
        status,
    ]


def judged(a: Assessment) -> bool:
    """Whether ``a`` carries a status: not when its calculation is off (a breakdown declared
    ``judged: false``, or ``assessment.calculate: false``) and no status was set by hand."""
    return a.calculated or a.set_by_hand


def not_judged_text(lang: str) -> str:
    """The status cell of a category that is shown but not judged: "— not judged"."""
    words = translator(lang).gettext("not judged")
    return f"{NO_NUMBER} {words}"


def section_rows(
    view: BreakdownReportView, section: BreakdownSection, lang: str
) -> list[list[str]]:
    """The rows of one indicator's table: the total (its headline), then each category."""
    t = translator(lang)
    b, row = section.breakdown, section.row
    direction = 1 if row.indicator.direction == "increase" else -1
    rows = [[t.gettext("Total"), *_cells(b.headline, movement(b.headline, direction), row, lang)]]
    for c in b.categories:
        label = categories_label(view, b.dimensions, c.codes, lang)
        rows.append([label, *_cells(c.assessment, c.movement, row, lang)])
    return rows


def _assessments(view: BreakdownReportView) -> list[Assessment]:
    return [
        a
        for section in view.sections
        for a in (section.breakdown.headline, *(c.assessment for c in section.categories))
    ]


def legend_lines(view: BreakdownReportView, lang: str) -> list[str]:
    """The legend of what the tables write: the status symbols shown, "(trend)", and the
    value markers (ᵖ, ᵉ) shown, in the report's words (every table that writes a marker
    says what it means)."""
    t = translator(lang)
    every = _assessments(view)
    shown = [a for a in every if judged(a)]
    statuses = dict.fromkeys((a.status, a.trend_only) for a in shown)
    lines = []
    if statuses:
        lines.append(
            " · ".join(
                f"{status_symbol(s, trend)} {status_label(s, lang, trend)}" for s, trend in statuses
            )
        )
    if any(trend for _, trend in statuses):
        lines.append(t.gettext("(trend): judged on the trend alone, without a target"))
    if len(shown) < len(every):
        lines.append(
            t.gettext(
                "{not_judged}: values and changes only; the data set does not judge "
                "these categories"
            ).format(not_judged=not_judged_text(lang))
        )
    shown = every
    words = {
        Marker.PROVISIONAL: t.gettext("provisional value"),
        Marker.ESTIMATED: t.gettext("estimated value"),
    }
    used = {VALUE_STATUS_MARKERS.get(a.value_status or "") for a in shown}
    markers = [f"{MARKER_SYMBOLS[m]} {w}" for m, w in words.items() if m in used]
    if markers:
        lines.append(" · ".join(markers))
    return lines


@dataclass(frozen=True, slots=True)
class SectionNote:
    """One line under a breakdown's table, before its fields are filled in: ``template`` (in
    the language asked, ``str.format`` fields), ``numbers`` (field: formatted number or
    year), ``categories`` (field: categories, each a code per dimension, named as the
    format names categories and joined by "; ") and ``partial`` (the line saying the
    categories do not cover the whole, now or in earlier years)."""

    template: str
    numbers: dict[str, str]
    categories: dict[str, tuple[Codes, ...]]
    partial: bool = False

    def text(self, label: Callable[[Codes], str]) -> str:
        """The line, each category named by ``label``."""
        named = {k: "; ".join(label(c) for c in v) for k, v in self.categories.items()}
        return self.template.format(**self.numbers, **named)


def _literal(text: str) -> str:
    """``text`` as a template without fields (its braces doubled)."""
    return text.replace("{", "{{").replace("}", "}}")


def section_note_parts(
    breakdown: BreakdownAssessment, unit: str, decimals: int, lang: str
) -> list[SectionNote]:
    """The lines under an indicator's breakdown (partial, left behind, the gap in ``unit``:
    :func:`gap_text`, the stale mark), unfilled: every format names the categories its own
    way (:meth:`SectionNote.text`)."""
    b = breakdown
    notes = _partial_notes(b, lang) + _behind_notes(b, lang)
    notes += _spread_notes(b, unit, decimals, lang)
    return notes + [SectionNote(_literal(line), {}, {}) for line in _marks(b, lang)]


def coverage_text(partial: bool, whole_in: int | None, lang: str) -> str | None:
    """Whether the categories cover the whole, one rule and one wording for ``report --by``,
    ``show`` and the charts: None for a breakdown not declared partial; "cover the whole in
    2019; earlier years are partial" when the latest common year sums to the total
    (``whole_in``); else "do not cover the whole (a partial breakdown)"."""
    if not partial:
        return None
    t = translator(lang)
    if whole_in is not None:
        text = t.gettext("The categories cover the whole in {year}; earlier years are partial.")
        return text.format(year=whole_in)
    return t.gettext("The categories do not cover the whole (a partial breakdown).")


def _partial_notes(b: BreakdownAssessment, lang: str) -> list[SectionNote]:
    t = translator(lang)
    if b.partial_now:
        text = t.gettext("The categories do not cover the whole (a partial breakdown).")
        return [SectionNote(_literal(text), {}, {}, partial=True)]
    if b.partial and b.whole_in is not None:
        text = t.gettext("The categories cover the whole in {year}; earlier years are partial.")
        return [SectionNote(text, {"year": str(b.whole_in)}, {}, partial=True)]
    return []


def _behind_notes(b: BreakdownAssessment, lang: str) -> list[SectionNote]:
    """Who is left behind while the total progresses, with the periods judged when the
    categories' differ from the total's."""
    if not b.judged or b.headline_movement is None or b.headline_movement <= 0:
        return []
    t = translator(lang)
    behind = tuple(c.codes for c in b.left_behind)
    line = (
        t.gettext("Left behind, moving away while the total progresses: {categories}")
        if behind
        else _literal(t.gettext("No category is moving away while the total progresses."))
    )
    apart = _literal(_periods_apart(b, lang))
    line = f"{line.removesuffix('.')}{apart}." if line.endswith(".") else line + apart
    return [SectionNote(line, {}, {"categories": behind} if behind else {})]


def section_notes(view: BreakdownReportView, section: BreakdownSection, lang: str) -> list[str]:
    """The lines under an indicator's table: partial, left behind, spread, the stale mark."""
    b, row = section.breakdown, section.row
    parts = section_note_parts(b, row.unit, row.decimals, lang)
    return [n.text(lambda codes: categories_label(view, b.dimensions, codes, lang)) for n in parts]


def _marks(b: BreakdownAssessment, lang: str) -> list[str]:
    """The legend of † when the table uses it ("(trend)" is in the legend under every table,
    ``legend_lines``)."""
    t = translator(lang)
    shown = [b.headline, *(c.assessment for c in b.categories)]
    stale = next((a for a in shown if a.stale), None)
    lines = []
    if stale is not None:
        words = t.gettext("stale: more than {n} years older than the report year")
        lines.append(f"{STALE_MARK} {words.format(n=stale.stale_after)}")
    return lines


def _period(a: Assessment) -> str | None:
    return None if a.base_year is None or a.year is None else f"{a.base_year}\u2013{a.year}"


def _periods_apart(b: BreakdownAssessment, lang: str) -> str:
    """ " (the total over 2015-2024, the categories over 2015-2016)" when the categories were
    judged over other years than the total; "" when every period is the total's."""
    total = _period(b.headline)
    others = sorted({p for c in b.categories if (p := _period(c.assessment)) is not None})
    if total is None or not others or others == [total]:
        return ""
    text = translator(lang).gettext(" (the total over {total}, the categories over {periods})")
    return text.format(total=total, periods=", ".join(others))


def _spread_notes(b: BreakdownAssessment, unit: str, decimals: int, lang: str) -> list[SectionNote]:
    if not b.spread:
        return []
    first, last = b.spread[0], b.spread[-1]
    template = translator(lang).gettext(
        "Gap between the best and the worst category: {first} in {first_year}, "
        "{last} in {last_year} (best {best}, worst {worst})"
    )
    numbers = {
        "first": gap_text(first.gap, unit, decimals, lang),
        "first_year": str(first.year),
        "last": gap_text(last.gap, unit, decimals, lang),
        "last_year": str(last.year),
    }
    return [SectionNote(template, numbers, {"best": (last.best,), "worst": (last.worst,)})]


def gap_text(gap: float, unit: str, decimals: int, lang: str) -> str:
    """A gap between two categories: percentage points for a percentage ("4.0 pp"), else
    the number in the unit."""
    if unit == "percent":
        number = format_number(gap, decimals, lang)
        return translator(lang).gettext("{number} pp").format(number=number)
    return format_number(gap, decimals, lang)


def section_title(view: BreakdownReportView, section: BreakdownSection, lang: str) -> str:
    """ "Name (unit) by Dimension": the unit when the numbers do not carry it (as the
    report's name cell, ``wording.unit_suffix_text``)."""
    indicator = section.row.indicator
    name = localize(indicator.name, lang)
    unit = unit_suffix_text(indicator.unit, lang, indicator.unit_label)
    name = name if unit is None else f"{name} ({unit})"
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
