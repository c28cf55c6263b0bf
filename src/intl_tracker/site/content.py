"""What the site's pages say: every word and number as plain strings, per language.

The pages say what ``report`` and ``show`` say because they are made of the same parts: the
report's :class:`~intl_tracker.presentation.views.ReportView` laid out by the report's own cells
(:mod:`intl_tracker.presentation.report_cells`: value, change, target, pace, projection,
status, status counts with stale and trend-only apart, legend, footnote reasons), each
indicator's
:class:`~intl_tracker.presentation.views.IndicatorView` with ``show``'s words
(:mod:`intl_tracker.presentation.wording`) and its table of every number
(:func:`intl_tracker.presentation.indicator_cells.assessment_rows`), numbers by the number
rule (:mod:`intl_tracker.presentation.number_format`) and words from the catalogue
(:mod:`intl_tracker.core.i18n`).
Nothing here computes a figure or words a status of its own; the templates only lay these
strings out (Jinja2 escapes them).

Shapes: :func:`build_content` returns a :class:`SiteContent` for one language: the goals
(:class:`GoalView`, in report order) and one :class:`IndicatorPage` per reported indicator.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from intl_tracker.core.i18n import translator
from intl_tracker.core.vocabulary import TREND_LABELS, Status, status_symbol
from intl_tracker.dataset.models import Source, localize
from intl_tracker.presentation.indicator_cells import assessment_rows, value_headers
from intl_tracker.presentation.number_format import (
    NO_NUMBER,
    RATE_DECIMALS,
    format_percent,
    format_quantity,
)
from intl_tracker.presentation.report_cells import (
    CountItem,
    change_cell,
    column_headers,
    footnote_text,
    legend_lines,
    pace_cell,
    projection_cell,
    split_status_counts,
    status_cell,
    target_cell,
    value_cell,
    value_change_text,
    value_roles,
)
from intl_tracker.presentation.views import IndicatorView, ReportRow, ReportView
from intl_tracker.presentation.warning_marks import marked
from intl_tracker.presentation.wording import (
    basis_words,
    direction_words,
    method_name,
    method_note,
    status_label,
    target_kind,
    unit_name,
    value_flag,
)
from intl_tracker.site.words import site_words


@dataclass(frozen=True, slots=True)
class StatusView:
    """A status as the pages show it: its code (for the style), its symbol, and its words as
    the report's status cell has them (label, "(trend)", ✎)."""

    code: str
    symbol: str
    words: str


@dataclass(frozen=True, slots=True)
class SourceView:
    text: str
    url: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One line of the report: the cells ``report`` prints, parts joined with spaces."""

    id: str
    name: str
    value: str
    change: str
    target: str
    pace: str
    projection: str
    status: StatusView
    reason: str | None


@dataclass(frozen=True, slots=True)
class CountView:
    """One status of a summary: "5 on track (2 stale, 3 trend)" beside its symbol."""

    status: StatusView
    text: str


@dataclass(frozen=True, slots=True)
class GoalView:
    id: str
    number: int
    name: str
    objectives: list[str]
    rows: list[IndicatorRow]
    summary: list[CountView]


@dataclass(frozen=True, slots=True)
class ValueLine:
    """One observation as ``show`` lists it."""

    year: int
    value: str
    change: str
    change_pct: str
    flag: str
    roles: str
    note: str | None


@dataclass(frozen=True, slots=True)
class TargetLine:
    value: str
    year: int
    kind: str
    source: SourceView | None
    note: str | None


@dataclass(frozen=True, slots=True)
class NumberRow:
    """One row of the "every number" table: a label and one cell per method."""

    label: str
    cells: list[str]


@dataclass(frozen=True, slots=True)
class IndicatorPage:
    row: IndicatorRow
    goal: GoalView
    facts: list[tuple[str, str]]
    definition: str | None
    source: SourceView | None
    targets: list[TargetLine]
    no_targets: str
    values: list[ValueLine]
    value_headers: list[str]
    values_title: str
    no_values: str
    notes_title: str
    method_headers: list[str]
    numbers: list[NumberRow]
    numbers_title: str
    chart_title: str
    chart_description: str


@dataclass(frozen=True, slots=True)
class SiteContent:
    """Everything the pages of one language say."""

    lang: str
    programme: str
    year: int
    method: str
    method_note: str
    column_headers: list[str]
    goals: list[GoalView]
    indicators: list[IndicatorPage]
    legend: list[str]
    statuses: list[StatusView]


def _status(status: Status, lang: str, trend_only: bool = False) -> StatusView:
    """A status's code (its CSS class; a trend-only judgement's is ``trend-<status>``), symbol
    and words."""
    code = f"trend-{status}" if trend_only else str(status)
    return StatusView(
        code, status_symbol(status, trend_only), status_label(status, lang, trend_only)
    )


def _count_text(item: CountItem, lang: str) -> str:
    """ "Against commitments: 1 insufficient progress": the count without its symbol, led by
    what it was judged against (the items come commitments first)."""
    text = item.text.removeprefix(status_symbol(item.status, item.trend_only)).strip()
    t = translator(lang)
    head = basis_words(item.basis, lang) if item.basis is not None else t.gettext("Not judged")
    return f"{head}: {text}"


def _row_status(row: ReportRow, lang: str) -> StatusView:
    """The report's status cell without its symbol and footnote number (the page shows the
    reason itself)."""
    parts = list(status_cell(row, lang))
    if row.footnote is not None:
        parts.pop()
    trend_only = row.assessment.trend_only
    symbol = status_symbol(row.status, trend_only)
    words = " ".join(parts).removeprefix(symbol).strip()
    code = f"trend-{row.status}" if trend_only else str(row.status)
    return StatusView(code, symbol, words)


def _source(source: Source | None, lang: str) -> SourceView | None:
    if source is None:
        return None
    parts = [localize(p, lang) for p in (source.publisher, source.title) if p]
    note = localize(source.note, lang) or None
    return SourceView(": ".join(parts) or (source.url or ""), source.url, note)


def report_line(row: ReportRow, lang: str) -> IndicatorRow:
    """The report's line of ``row`` in ``lang``."""

    def joined(cell: tuple[str, ...]) -> str:
        return " ".join(cell)

    return IndicatorRow(
        id=row.indicator.id,
        name=localize(row.indicator.name, lang),
        value=joined(value_cell(row, lang)),
        change=joined(change_cell(row, lang)),
        target=joined(target_cell(row, lang)),
        pace=joined(pace_cell(row, lang)),
        projection=joined(projection_cell(row, lang)),
        status=_row_status(row, lang),
        reason=(footnote_text(row, lang) or None) if row.footnote is not None else None,
    )


def _facts(view: IndicatorView, lang: str) -> list[tuple[str, str]]:
    """``show``'s definition panel: name in the other languages, goal, objectives, unit, …"""
    t = translator(lang)
    indicator = view.indicator
    facts = [
        (t.gettext("Name ({lang})").format(lang=code), name)
        for code, name in indicator.name.items()
        if code != lang
    ]
    goal_word = t.pgettext("programme goal", "Goal")
    if view.goal is not None:
        facts.append((goal_word, f"{view.goal.number}. {localize(view.goal.name, lang)}"))
        facts += [(t.gettext("Objectives"), localize(o.text, lang)) for o in view.objectives]
    else:
        facts.append((goal_word, indicator.goal))
    facts.append((t.gettext("Unit"), unit_name(indicator.unit, lang, indicator.unit_label)))
    facts.append((t.gettext("Direction"), direction_words(indicator.direction, lang)))
    if indicator.baseline is not None:
        facts.append((t.gettext("Base year"), str(indicator.baseline)))
    if indicator.responsible:
        facts.append((t.gettext("Responsible"), localize(indicator.responsible, lang)))
    return facts


def _values(view: IndicatorView, lang: str) -> list[ValueLine]:
    """``show``'s table of values: each with its change, flag and role."""
    unit, decimals = view.indicator.unit, view.decimals
    lines = []
    for row in view.values:
        roles = value_roles(row, lang)
        change = value_change_text(row.change, unit, decimals, lang)
        lines.append(
            ValueLine(
                year=row.year,
                value=marked(format_quantity(row.value, unit, decimals, lang), row.warnings),
                change=change,
                change_pct=format_percent(row.change.relative_pct, RATE_DECIMALS, lang, sign=True),
                flag=value_flag(row.status, lang),
                roles=", ".join(roles),
                note=localize(row.note, lang) or None,
            )
        )
    return lines


def _chart_description(line: IndicatorRow, view: IndicatorView, lang: str) -> str:
    w = site_words(lang)
    series = view.indicator.series()
    if not series:
        return w("chart_empty")
    a = view.selected
    parts = [
        w(
            "chart_desc",
            points=len(series),
            first=series[0][0],
            last=series[-1][0],
            value=line.value,
            year=a.year if a is not None and a.year is not None else series[-1][0],
        )
    ]
    if line.target != NO_NUMBER:
        parts.append(w("chart_target", target=line.target))
    parts.append(w("chart_status", status=f"{line.status.symbol} {line.status.words}"))
    return " ".join(parts)


def indicator_page(
    line: IndicatorRow, goal: GoalView, view: IndicatorView, lang: str
) -> IndicatorPage:
    """The indicator page: ``line`` is its line of the report, ``view`` its ``show`` view."""
    t = translator(lang)
    indicator = view.indicator
    methods = list(view.assessments)
    selected_word = t.gettext("selected")
    return IndicatorPage(
        row=line,
        goal=goal,
        facts=_facts(view, lang),
        definition=localize(indicator.definition, lang) or None,
        source=_source(indicator.source, lang),
        targets=[
            TargetLine(
                value=format_quantity(target.value, indicator.unit, view.decimals, lang),
                year=target.year,
                kind=target_kind(target.kind, lang),
                source=_source(target.source, lang),
                note=localize(target.note, lang) or None,
            )
            for target in indicator.targets
        ],
        no_targets=t.gettext("No target: the status is judged on the trend alone."),
        values=_values(view, lang),
        value_headers=value_headers(lang),
        values_title=t.gettext("Values: {unit}").format(
            unit=unit_name(indicator.unit, lang, indicator.unit_label)
        ),
        no_values=t.gettext("No values yet."),
        notes_title=t.gettext("Notes"),
        method_headers=[f"{m} ({selected_word})" if m == view.method else str(m) for m in methods],
        numbers=[
            NumberRow(label, [cell(view.assessments[m]) for m in methods])
            for label, cell in assessment_rows(view, lang)
        ],
        numbers_title=t.gettext("Assessment with data up to {year}").format(year=view.year),
        chart_title=site_words(lang)("chart_of", name=line.name),
        chart_description=_chart_description(line, view, lang),
    )


def build_content(
    report: ReportView, indicators: Mapping[str, IndicatorView], lang: str
) -> SiteContent:
    """All page content in ``lang``: ``report`` is the report, ``indicators`` each reported
    indicator's ``show`` view by id (assessed at the report year)."""
    goals: list[GoalView] = []
    pages: list[IndicatorPage] = []
    for section in report.sections:
        lines = [report_line(row, lang) for row in section.rows]
        goal = GoalView(
            id=section.goal.id,
            number=section.goal.number,
            name=localize(section.goal.name, lang),
            objectives=[localize(o.text, lang) for o in section.goal.objectives],
            rows=lines,
            summary=[
                CountView(
                    _status(i.status, lang, i.trend_only),
                    _count_text(i, lang),
                )
                for i in split_status_counts(section.rows, lang)
            ],
        )
        goals.append(goal)
        pages += [indicator_page(line, goal, indicators[line.id], lang) for line in lines]
    reported = {s.goal.id for s in report.sections}
    goals += [  # a goal without indicators still has its page
        GoalView(g.id, g.number, localize(g.name, lang),
                 [localize(o.text, lang) for o in g.objectives], [], [])
        for g in report.goals
        if g.id not in reported
    ]  # fmt: skip
    goals.sort(key=lambda g: g.number)
    return SiteContent(
        lang=lang,
        programme=localize(report.programme.name, lang),
        year=report.year,
        method=method_name(report.method, lang),
        method_note=method_note(report.method, report.pace, lang),
        column_headers=column_headers(lang, report.year, trend=False, method=report.method),
        goals=goals,
        indicators=pages,
        legend=legend_lines(report, lang),
        statuses=[
            *(_status(s, lang) for s in Status),
            *(_status(s, lang, True) for s in TREND_LABELS),
        ],
    )
