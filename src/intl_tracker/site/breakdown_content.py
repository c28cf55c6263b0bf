"""What an indicator page says of its breakdowns: a chart and a table per breakdown.

One :class:`BreakdownBlock` per breakdown the indicator's ``show`` view has values for
(:attr:`~intl_tracker.presentation.indicator_view.IndicatorView.breakdowns`, in the order the
indicator declares them), made of what ``report --by`` says
(:mod:`intl_tracker.presentation.breakdown_view`): each category's status in the report's
words (:func:`~intl_tracker.site.content.assessment_status`: trend-only words differ from
target words, "(forecast)"), its change over the assessed period in the unit (pp for a
percentage, places for a rank), the notes (partial, left behind, the gap between the best and
the worst category, †) and the assessment of :mod:`intl_tracker.assessment.breakdowns`
(``SiteViews.breakdowns``). The values shown are the breakdown's years up to the report year,
from the start of the categories' assessed period (as the headline chart starts at its
assessed period), each in its unit by the number rule with its marker (ᵖ, ᵉ). Above the table,
the breakdown's chart by category (:func:`~intl_tracker.site.chart_svg.breakdown_figure`).

Category and dimension names come from the data set: each is a
:class:`~intl_tracker.site.content.Phrase` (made visible, isolated in ``<bdi>``, marked with
its language when it falls back to another). Nothing here computes a figure or words a status
of its own.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from intl_tracker.assessment.breakdowns import BreakdownAssessment, CategoryResult, movement
from intl_tracker.assessment.records import Assessment
from intl_tracker.core.i18n import translator
from intl_tracker.core.text_safety import visible
from intl_tracker.dataset.breakdowns import Codes
from intl_tracker.dataset.models import Dimension, Observation
from intl_tracker.presentation.breakdown_view import (
    SectionNote,
    gap_text,
    judged,
    period_change_text,
    section_note_parts,
    value_text,
)
from intl_tracker.presentation.indicator_view import IndicatorView
from intl_tracker.presentation.number_format import NO_NUMBER
from intl_tracker.presentation.report_cells import marker_words
from intl_tracker.presentation.views import MARKER_SYMBOLS, STALE_MARK, VALUE_STATUS_MARKERS
from intl_tracker.presentation.wording import unit_name
from intl_tracker.site.chart_svg import BreakdownFigure, breakdown_figure
from intl_tracker.site.content import (
    IndicatorPage,
    Line,
    Phrase,
    SiteContent,
    StatusView,
    assessment_status,
    phrase,
)
from intl_tracker.site.words import site_words


@dataclass(frozen=True, slots=True)
class BreakdownRow:
    """One row of a breakdown's table: the total (the headline) or a category. ``values``:
    one cell per year of the table (NO_NUMBER for a year without a value)."""

    label: Line
    values: list[str]
    change: str
    status: StatusView
    total: bool = False
    left_behind: bool = False


@dataclass(frozen=True, slots=True)
class BreakdownBlock:
    """One breakdown of an indicator page: a disclosure with a table.

    ``anchor``: the element id (``breakdown-<dimension ids>``); ``summary``: the dimensions'
    names (crossed ones joined by the multiplication sign); ``caption``: "<indicator> by
    <dimensions>";
    ``headers``: the first column's (the dimensions), the values' ("Values: <unit>"), the
    change's and the status's; ``years``: the columns of values; ``gap``: the gap between the
    best and the worst category in each of those years ("" where there is none; empty for a
    count, whose gap measures the groups' sizes); ``partial``: the sentence saying that the
    categories do not cover the whole, None when they do; ``note``: the breakdown's own note
    from the data; ``notes``: left behind and the gap over the period; ``markers``: the legend
    of the markers the table uses; ``figure``: the breakdown's chart by category, drawn by
    the build (:mod:`intl_tracker.site.chart_svg`) and shown above the table.
    """

    anchor: str
    summary: Line
    caption: Line
    dimension_header: Line
    values_header: Line
    change_header: str
    status_header: str
    years: list[int]
    rows: list[BreakdownRow]
    gap_header: str
    gap: list[str]
    partial: str | None
    note: Phrase | None
    notes: list[Line]
    markers: list[str]
    figure: BreakdownFigure

    @property
    def region_label(self) -> str:
        """The scrolling table's accessible name: its caption as plain text."""
        return str(self.caption)


def filled(template: str, fields: Mapping[str, str | Phrase | Line]) -> Line:
    """``template`` (a catalogue text with ``str.format`` fields) with each field replaced
    by its value, a :class:`Phrase` or :class:`Line` kept as it is (isolated, marked)."""
    parts: list[str | Phrase] = []
    for literal, name, _, _ in string.Formatter().parse(template):
        if literal:
            parts.append(literal)
        if name is None:
            continue
        value = fields[name]
        if isinstance(value, Line):
            parts += value.parts
        else:
            parts.append(value)
    return Line(tuple(parts))


def joined(items: Sequence[Phrase | Line], separator: str) -> Line:
    """``items`` as one :class:`Line`, ``separator`` between them."""
    parts: list[str | Phrase] = []
    for n, item in enumerate(items):
        if n:
            parts.append(separator)
        parts += item.parts if isinstance(item, Line) else (item,)
    return Line(tuple(parts))


def category_phrase(dimension: Dimension, code: str, lang: str) -> Phrase:
    """A category's name in ``lang`` (marked when it falls back to another language); its
    code, made visible, when the dimension does not declare it."""
    for category in dimension.categories:
        if category.code == code:
            return phrase(category.name, lang) or Phrase(visible(code))
    return Phrase(visible(code))


def categories_line(dimensions: Sequence[Dimension], codes: Codes, lang: str) -> Line:
    """A category, or a crossed combination ("Women, South"), in words."""
    names = [category_phrase(d, c, lang) for d, c in zip(dimensions, codes, strict=True)]
    return joined(names, ", ")


def dimensions_line(dimensions: Sequence[Dimension], lang: str) -> Line:
    """The dimensions' names, crossed ones joined by the multiplication sign."""
    return joined([phrase(d.name, lang) or Phrase(d.id) for d in dimensions], " \u00d7 ")


def status_view(a: Assessment, report_year: int, lang: str) -> StatusView:
    """A category's status as the site words the headline's (:func:`assessment_status`:
    "(trend)", "(forecast)", ✎), with the year of its latest value and the stale mark (†)
    when that value is older than the report year; "— not judged" for a category shown but
    not judged (a breakdown declared ``judged: false``)."""
    view = assessment_status(a, lang)
    if not judged(a):
        words = translator(lang).gettext("not judged")
        view = StatusView("not_judged", NO_NUMBER, words)
    if a.year is not None and a.year != report_year:
        return replace(view, words=f"{view.words} ({a.year}){STALE_MARK if a.stale else ''}")
    return view


def table_years(shown: Sequence[int], breakdown: BreakdownAssessment, year: int) -> list[int]:
    """The years the table shows: the breakdown's years up to the report year, from the
    earliest start of the categories' assessed periods (all its years when none has one)."""
    upto = [y for y in shown if y <= year]
    bases = [c.assessment.base_year for c in breakdown.categories if c.assessment.base_year]
    start = min(bases, default=upto[0] if upto else year)
    return [y for y in upto if y >= start]


def _cells(
    values: Mapping[int, Observation], years: Sequence[int], unit: str, decimals: int, lang: str
) -> list[str]:
    """A cell per year: the value in ``unit`` by the number rule with its marker (ᵖ, ᵉ),
    NO_NUMBER for a year without one."""
    cells = []
    for y in years:
        obs = values.get(y)
        cells.append(
            NO_NUMBER if obs is None else value_text(obs.value, obs.status, unit, decimals, lang)
        )
    return cells


def _markers(
    rows: Sequence[Mapping[int, Observation]], years: Sequence[int], lang: str
) -> list[str]:
    """The legend of the markers (ᵖ, ᵉ) the table's values carry, in the report's words."""
    used = {
        VALUE_STATUS_MARKERS[obs.status]
        for values in rows
        for y in years
        if (obs := values.get(y)) is not None and obs.status in VALUE_STATUS_MARKERS
    }
    return [f"{MARKER_SYMBOLS[m]} {words}" for m, words in marker_words(lang).items() if m in used]


def _note_line(note: SectionNote, dimensions: Sequence[Dimension], lang: str) -> Line:
    fields: dict[str, str | Phrase | Line] = dict(note.numbers)
    for name, categories in note.categories.items():
        fields[name] = joined([categories_line(dimensions, c, lang) for c in categories], "; ")
    return filled(note.template, fields)


def breakdown_block(
    page: IndicatorPage,
    view: IndicatorView,
    breakdown: BreakdownAssessment,
    lang: str,
) -> BreakdownBlock:
    """The table of one breakdown of ``page`` (its indicator's ``view``), in ``lang``."""
    t, w = translator(lang), site_words(lang)
    indicator, unit, decimals = view.indicator, view.indicator.unit, view.decimals
    shown = next(
        s for s in view.breakdowns if tuple(d.id for d in s.dimensions) == breakdown.dimensions
    )
    dims = shown.dimensions
    years = table_years(shown.years, breakdown, view.year)
    by_codes = {c.codes: dict(c.values) for c in shown.categories}
    headline = dict(indicator.series())
    rows = [_total_row(page, view, breakdown, years, lang)]
    rows += [
        _category_row(c, dims, by_codes.get(c.codes, {}), years, view, lang)
        for c in breakdown.categories
    ]
    gaps = {p.year: gap_text(p.gap, unit, decimals, lang) for p in breakdown.spread}
    declared = next((b for b in indicator.breakdowns if tuple(b.by) == breakdown.dimensions), None)
    notes = section_note_parts(breakdown, unit, decimals, lang)
    partial = notes.pop(0).text(str) if notes and notes[0].partial else None
    name = dimensions_line(dims, lang)
    return BreakdownBlock(
        anchor="breakdown-" + "-".join(breakdown.dimensions),
        summary=name,
        caption=filled(
            t.gettext("{indicator} by {dimensions}"),
            {"indicator": page.row.name, "dimensions": name},
        ),
        dimension_header=name,
        values_header=filled(
            t.gettext("Values: {unit}"), {"unit": page.row.unit or unit_name(indicator.unit, lang)}
        ),
        change_header=t.gettext("Change over the period"),
        status_header=t.gettext("Status"),
        years=years,
        rows=rows,
        gap_header=w("breakdown_gap"),
        gap=[gaps.get(y, "") for y in years] if gaps else [],
        partial=partial,
        note=phrase(declared.note, lang, block=True) if declared is not None else None,
        notes=[_note_line(n, dims, lang) for n in notes],
        markers=_markers([headline, *by_codes.values()], years, lang),
        figure=breakdown_figure(view, shown, lang),
    )


def _total_row(
    page: IndicatorPage,
    view: IndicatorView,
    breakdown: BreakdownAssessment,
    years: Sequence[int],
    lang: str,
) -> BreakdownRow:
    """The headline's row: its values, its change over its period and its status as the
    page's headline shows it."""
    direction = 1 if view.indicator.direction == "increase" else -1
    headline = breakdown.headline
    unit, decimals = view.indicator.unit, view.decimals
    return BreakdownRow(
        Line((translator(lang).gettext("Total"),)),
        _cells(dict(view.indicator.series()), years, unit, decimals, lang),
        period_change_text(headline, movement(headline, direction), unit, decimals, lang),
        page.row.status,
        total=True,
    )


def _category_row(
    c: CategoryResult,
    dims: Sequence[Dimension],
    values: Mapping[int, Observation],
    years: Sequence[int],
    view: IndicatorView,
    lang: str,
) -> BreakdownRow:
    unit, decimals = view.indicator.unit, view.decimals
    return BreakdownRow(
        categories_line(dims, c.codes, lang),
        _cells(values, years, unit, decimals, lang),
        period_change_text(c.assessment, c.movement, unit, decimals, lang),
        status_view(c.assessment, view.year, lang),
        left_behind=c.left_behind,
    )


def with_breakdowns(
    content: SiteContent,
    views: Mapping[str, IndicatorView],
    breakdowns: Mapping[str, Sequence[BreakdownAssessment]],
) -> SiteContent:
    """``content`` with each indicator page's breakdown tables (``breakdowns``: by indicator
    id, as ``SiteViews.breakdowns``); a breakdown without categories is left out."""
    pages = [
        replace(
            page,
            breakdowns=tuple(
                breakdown_block(page, views[page.row.id], b, content.lang)
                for b in breakdowns.get(page.row.id, ())
                if b.categories
            ),
        )
        for page in content.indicators
    ]
    return replace(content, indicators=pages)
