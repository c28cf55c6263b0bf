"""What the site's pages say: every word and number, as plain strings, per language.

This module is the site's only seam to the rest of the tool. It takes its numbers and words
from the same functions the ``report`` and ``show`` renderers use (``reporting`` cells and
summaries, ``show_output`` labels and number formats, ``vocabulary`` statuses and symbols), so
a page says what the terminal says; the templates only lay these strings out. When the shared
view layer (``intl_tracker.views``) exists, this module is the one place that changes.

Shapes: :func:`build_content` returns a :class:`SiteContent` for one language, holding the
programme page's goals (:class:`GoalView`) and one :class:`IndicatorView` per indicator, in
catalogue order. Nothing here touches files or matplotlib.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from intl_tracker.assessment import Assessment
from intl_tracker.formatting import NO_NUMBER, finite, format_number
from intl_tracker.models import Catalog, Source, localize
from intl_tracker.reporting import (
    FORECAST_MARKER,
    METHOD_NOTES,
    PACE_NOTES,
    VALUE_MARKERS,
    ReportContext,
    ReportRow,
    build_rows,
    change_cell,
    column_headers,
    count_statuses,
    group_by_goal,
    pace_cell,
    projection_cell,
    target_cell,
    text,
    value_cell,
)
from intl_tracker.show_output import (
    ShowContext,
    format_fraction,
    method_name,
    unit_label,
    unit_suffix,
    value_rows,
    word,
)
from intl_tracker.site.words import Translator
from intl_tracker.vocabulary import STATUS_LABELS, STATUS_LABELS_BY_LANG, STATUS_SYMBOLS, Method
from intl_tracker.vocabulary import Status as StatusCode


def number_lang(lang: str) -> str:
    """The language the shared number and cell formatting is called with for ``lang``.

    The report's cells carry words as well as numbers ("pp", "vs"), so a language the shared
    formatting does not know (``sv`` until the project's number rule and catalogue have it)
    gets the English cells rather than another language's words."""
    return lang


@dataclass(frozen=True, slots=True)
class StatusView:
    """A status as every page shows it: its code, symbol and label in the page's language."""

    code: str
    symbol: str
    label: str


@dataclass(frozen=True, slots=True)
class SourceView:
    text: str
    url: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One line of the report: the cells ``report`` prints, joined with spaces."""

    id: str
    goal_id: str
    name: str
    value: str
    change: str
    target: str
    pace: str
    projection: str
    status: StatusView
    reason: str | None


@dataclass(frozen=True, slots=True)
class GoalView:
    id: str
    number: int
    name: str
    objectives: list[str]
    rows: list[IndicatorRow]
    summary: list[tuple[StatusView, int]]


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
class IndicatorView:
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
    indicators: list[IndicatorView]
    legend: list[str]
    statuses: list[StatusView]


def status_view(status: StatusCode, tr: Translator) -> StatusView:
    """Symbol and label of ``status``; the label from the shared vocabulary where it has the
    language, else from the site's catalogue."""
    labels = STATUS_LABELS_BY_LANG.get(tr.lang)
    label = labels[status] if labels is not None else tr.gettext(STATUS_LABELS[status])
    return StatusView(str(status), STATUS_SYMBOLS[status], label)


def _source(source: Source | None) -> SourceView | None:
    if source is None:
        return None
    parts = [p for p in (source.publisher, source.title) if p]
    return SourceView(": ".join(parts) or (source.url or ""), source.url, source.note)


def _row(row: ReportRow, year: int, lang: str, tr: Translator) -> IndicatorRow:
    nl = number_lang(lang)
    a = row.assessment
    return IndicatorRow(
        id=row.indicator.id,
        goal_id=row.goal.id,
        name=localize(row.indicator.name, lang),
        value=" ".join(value_cell(row, year, nl)),
        change=" ".join(change_cell(row, nl)),
        target=" ".join(target_cell(row, nl)),
        pace=" ".join(pace_cell(row, nl)),
        projection=" ".join(projection_cell(row, nl)),
        status=status_view(a.status, tr),
        reason=a.reason,
    )


def _legend(lang: str, tr: Translator) -> list[str]:
    """The report's legend (reporting.legend_lines), with the site's status labels."""
    symbols = " · ".join(f"{v.symbol} {v.label}" for v in (status_view(s, tr) for s in StatusCode))
    markers = " · ".join(
        [
            f"{VALUE_MARKERS['provisional']} {text(lang, 'provisional')}",
            f"{VALUE_MARKERS['estimated']} {text(lang, 'estimated')}",
            f"{FORECAST_MARKER} {text(lang, 'forecast')}",
            text(lang, "older"),
        ]
    )
    notes = f"{text(lang, 'pace_note')} · {text(lang, 'projection_note')}"
    return [symbols, markers, notes]


def _method_note(ctx: ReportContext) -> str:
    methods = METHOD_NOTES.get(ctx.lang, METHOD_NOTES["en"])
    paces = PACE_NOTES.get(ctx.lang, PACE_NOTES["en"])
    return f"{methods[ctx.method]}; {paces[ctx.pace]}"


def _facts(context: ShowContext, goal: GoalView) -> list[tuple[str, str]]:
    """The definition panel of ``show`` (name in other languages, goal, unit, …)."""
    lang, indicator = context.lang, context.indicator
    facts = [
        (f"{word('name', lang)} ({code})", name)
        for code, name in indicator.name.items()
        if code != lang
    ]
    facts.append((word("goal", lang), f"{goal.number}. {goal.name}"))
    facts.append((word("unit", lang), unit_label(indicator.unit, lang)))
    facts.append((word("direction", lang), word(indicator.direction, lang)))
    if indicator.baseline is not None:
        facts.append((word("baseline", lang), str(indicator.baseline)))
    if indicator.responsible:
        facts.append((word("responsible", lang), localize(indicator.responsible, lang)))
    return facts


def _values(context: ShowContext) -> list[ValueLine]:
    lang, indicator = context.lang, context.indicator
    nl = number_lang(lang)
    a = context.selected
    lines = []
    for row in value_rows(indicator):
        roles = []
        if a is not None and row.year == a.base_year:
            roles.append(word("base", lang))
        if a is not None and row.year == a.year:
            roles.append(word("assessed", lang))
        change = format_number(row.change, indicator.decimals, nl, sign=True)
        if row.previous_year is not None and row.previous_year != row.year - 1:
            change += f" ({word('since', lang)} {row.previous_year})"
        lines.append(
            ValueLine(
                year=row.year,
                value=format_number(row.value, indicator.decimals, nl),
                change=change,
                change_pct=format_number(row.change_pct, 1, nl, sign=True),
                flag=word(row.status, lang),
                roles=", ".join(roles),
                note=row.note,
            )
        )
    return lines


def _numbers(context: ShowContext, tr: Translator) -> list[NumberRow]:
    """Every number behind the status under each method, as ``show`` lists them."""
    lang = context.lang
    nl = number_lang(lang)
    decimals = context.indicator.decimals
    suffix = unit_suffix(context.indicator.unit)
    methods = [m for m in Method if m in context.assessments]

    def number(v: float | None) -> str:
        return NO_NUMBER if finite(v) is None else format_number(v, decimals, nl) + suffix

    def number_signed(v: float | None) -> str:
        if finite(v) is None:
            return NO_NUMBER
        shown = None if decimals is None else decimals + 1
        return format_number(v, shown, nl, sign=True) + suffix + word("per_year", lang)

    def at(v: float | None, year: int | None) -> str:
        if finite(v) is None:
            return NO_NUMBER
        return number(v) + ("" if year is None else f" ({year})")

    def target(a: Assessment) -> str:
        t = a.target
        return NO_NUMBER if t is None else f"{number(t.value)} ({t.year}, {word(t.kind, lang)})"

    def status(a: Assessment) -> str:
        v = status_view(a.status, tr)
        return f"{v.symbol} {v.label}"

    specs: list[tuple[str, Callable[[Assessment], str]]] = [
        ("status", status),
        ("method_class", lambda a: a.method_class),
        ("assessed_value", lambda a: at(a.value, a.year)),
        ("previous_value", lambda a: at(a.previous_value, a.previous_year)),
        ("base_value", lambda a: at(a.base_value, a.base_year)),
        ("targets", target),
        ("cagr", lambda a: format_fraction(a.cagr, nl)),
        ("fitted_cagr", lambda a: format_fraction(a.fitted_cagr, nl)),
        ("required_cagr", lambda a: format_fraction(a.required_cagr, nl)),
        ("pace", lambda a: a.pace.value),
        ("ratio", lambda a: format_number(a.ratio, 3, nl)),
        ("deviation", lambda a: format_fraction(a.deviation, nl, sign=False)),
        ("annual_change", lambda a: number_signed(a.annual_change)),
        ("path_value", lambda a: at(a.path_value, a.year)),
        ("projected_value", lambda a: at(a.projected_value, a.target.year if a.target else None)),
        ("eta_year", lambda a: NO_NUMBER if a.eta_year is None else str(a.eta_year)),
        ("reason", lambda a: a.reason or NO_NUMBER),
    ]
    rows = []
    for key, fn in specs:
        label = word("target", lang).capitalize() if key == "targets" else word(key, lang)
        rows.append(NumberRow(label, [fn(context.assessments[m]) for m in methods]))
    return rows


def _chart_description(row: IndicatorRow, context: ShowContext, tr: Translator) -> str:
    series = context.indicator.series()
    if not series:
        return tr.gettext("The chart has no values yet.")
    a = context.selected
    parts = [
        tr.gettext(
            "The chart shows %(points)s values from %(first)s to %(last)s; the latest, "
            "%(value)s, is from %(year)s."
        )
        % {
            "points": len(series),
            "first": series[0][0],
            "last": series[-1][0],
            "value": row.value,
            "year": a.year if a is not None and a.year is not None else series[-1][0],
        }
    ]
    if row.target != NO_NUMBER:
        parts.append(tr.gettext("Target: %(target)s.") % {"target": row.target})
    parts.append(
        tr.gettext("Status: %(status)s.") % {"status": f"{row.status.symbol} {row.status.label}"}
    )
    return " ".join(parts)


def indicator_view(
    row: IndicatorRow, goal: GoalView, context: ShowContext, tr: Translator
) -> IndicatorView:
    """The indicator page of ``context.indicator`` (``row`` is its line of the report)."""
    lang, indicator = context.lang, context.indicator
    methods = [m for m in Method if m in context.assessments]
    return IndicatorView(
        row=row,
        goal=goal,
        facts=_facts(context, goal),
        definition=localize(indicator.definition, lang) or None,
        source=_source(indicator.source),
        targets=[
            TargetLine(
                value=format_number(t.value, indicator.decimals, number_lang(lang))
                + unit_suffix(indicator.unit),
                year=t.year,
                kind=word(t.kind, lang),
                source=_source(t.source),
                note=t.note,
            )
            for t in indicator.targets
        ],
        no_targets=word("no_targets", lang),
        values=_values(context),
        value_headers=[
            word(k, lang) for k in ("year", "value", "change", "change_pct", "flag", "role")
        ],
        values_title=f"{word('values', lang)} ({unit_label(indicator.unit, lang)})",
        method_headers=[
            f"{m.value} ({word('selected', lang)})" if m == context.method else m.value
            for m in methods
        ],
        numbers=_numbers(context, tr),
        numbers_title=word("assessment", lang, year=context.year),
        chart_title=tr.gettext("Chart: %(name)s") % {"name": row.name},
        chart_description=_chart_description(row, context, tr),
    )


def show_contexts(
    catalog: Catalog,
    assessments: Mapping[Method, Sequence[Assessment]],
    *,
    method: Method,
    year: int,
    lang: str,
) -> dict[str, ShowContext]:
    """One ``show`` context per indicator: all methods' assessments at ``year``."""
    by_method = {m: {a.indicator_id: a for a in seq} for m, seq in assessments.items()}
    return {
        i.id: ShowContext(
            catalog=catalog,
            indicator=i,
            assessments={m: by_method[m][i.id] for m in Method if m in by_method},
            method=method,
            year=year,
            lang=lang,
        )
        for i in catalog.indicators
    }


def build_content(
    ctx: ReportContext,
    contexts: Mapping[str, ShowContext],
    tr: Translator,
) -> SiteContent:
    """All page content of one language: ``ctx`` is the report (its ``lang`` the page
    language), ``contexts`` the ``show`` context of each indicator by id."""
    lang = ctx.lang
    goals: list[GoalView] = []
    indicators: list[IndicatorView] = []
    rows_by_goal = {goal.id: rows for goal, rows in group_by_goal(build_rows(ctx), ctx.catalog)}
    for goal in ctx.catalog.goals:
        report_rows = rows_by_goal.get(goal.id, [])
        rows = [_row(r, ctx.year, lang, tr) for r in report_rows]
        view = GoalView(
            id=goal.id,
            number=goal.number,
            name=localize(goal.name, lang),
            objectives=[localize(o.text, lang) for o in goal.objectives],
            rows=rows,
            summary=[(status_view(s, tr), n) for s, n in count_statuses(report_rows)],
        )
        goals.append(view)
        indicators.extend(indicator_view(row, view, contexts[row.id], tr) for row in rows)
    return SiteContent(
        lang=lang,
        programme=localize(ctx.catalog.programme.name, lang),
        year=ctx.year,
        method=method_name(ctx.method, lang),
        method_note=_method_note(ctx),
        column_headers=column_headers(lang, ctx.year, trend=False),
        goals=goals,
        indicators=indicators,
        legend=_legend(lang, tr),
        statuses=[status_view(s, tr) for s in StatusCode],
    )
