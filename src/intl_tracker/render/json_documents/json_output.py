"""The JSON renderers: report, show and list documents as plain dicts, written with ``json``.

Each document follows its model in :mod:`intl_tracker.render.json_documents.documents` field by
field (a test keeps them in step) but is built from plain dicts, so no pydantic runs on the
output path. Numbers are never rounded; a number that is missing, NaN or infinite is ``null``.
Names and labels are in the document's language. JSON never passes through Rich;
:mod:`json_text` writes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from intl_tracker.assessment.comparing import Comparison, Movement, merge_movements
from intl_tracker.assessment.engine import Assessment
from intl_tracker.core.vocabulary import Status
from intl_tracker.dataset.models import Catalog, Indicator, Source, localize
from intl_tracker.dataset.plausibility import value_warnings
from intl_tracker.dataset.sdg import indicator_reporting_status, objective_status
from intl_tracker.presentation.number_format import finite
from intl_tracker.presentation.report_cells import estimates_text
from intl_tracker.presentation.views import (
    ListView,
    ReportRow,
    ReportView,
    StatusCount,
    indicator_decimals,
    merge_currency,
    warnings_in_period,
)

if TYPE_CHECKING:
    from intl_tracker.core.vocabulary import Pace
    from intl_tracker.dataset.models import Programme
    from intl_tracker.presentation.indicator_view import IndicatorView
    from intl_tracker.presentation.show_breakdowns import ShowBreakdown
from intl_tracker.presentation.wording import judged_label, reason_text
from intl_tracker.render.json_documents.document_versions import (
    LIST_VERSION,
    REPORT_VERSION,
    SHOW_VERSION,
)
from intl_tracker.render.json_documents.json_text import write_json
from intl_tracker.render.registry import RenderOptions


@dataclass(frozen=True, slots=True)
class ReportPart:
    """The report JSON of some of a report's rows, in ``lang``: their indicator objects, and
    their status and movement counts. Plain data: a worker process sends it back whole."""

    lang: str
    indicators: list[dict[str, Any]]
    currency: tuple[StatusCount, ...]
    movements: tuple[tuple[Movement, int], ...] | None


@dataclass(frozen=True, slots=True)
class PartedReport:
    """A report rendered in parts (see ``app.parallel_report``): ``head`` is the report of the first
    part, which gives what every part shares (programme, year, method, goals)."""

    head: ReportView
    parts: tuple[ReportPart, ...]


def render_report(view: ReportView | PartedReport, out: TextIO, options: RenderOptions) -> None:
    """The report JSON (registry: report/json), of a whole view or of one rendered in parts.
    Raises ValueError when the parts are in another language than ``options.lang``."""
    if isinstance(view, PartedReport):
        if any(part.lang != options.lang for part in view.parts):
            raise ValueError("the report's parts are not in the language asked for")
        write_json(report_document(view.head, options.lang, view.parts), out)
    else:
        write_json(report_document(view, options.lang), out)


def render_show(view: IndicatorView, out: TextIO, options: RenderOptions) -> None:
    """The ``show`` JSON (registry: show/json); neither Rich nor Babel is loaded."""
    write_json(show_document(view, options.lang), out)


def render_list(view: ListView, out: TextIO, options: RenderOptions) -> None:
    """The ``list`` JSON (registry: list/json)."""
    write_json(list_document(view.catalog, view.what, options.lang, view.tool_version), out)


def _int(x: int | None) -> int | None:
    return None if x is None else int(x)


def assessment_json(
    a: Assessment,
    indicator: Indicator,
    lang: str,
    warned: Sequence[tuple[int, tuple[str, ...]]] | None = None,
) -> dict[str, Any]:
    """The fields of documents.AssessmentJSON, in its order; ``warned``: the indicator's
    (year, warning codes), as ``ReportRow.value_warnings`` (computed when not given)."""
    if warned is None:
        warned = tuple(value_warnings(indicator).items())
    target = a.target
    settings = indicator.assessment
    manual = settings.status if settings is not None and a.set_by_hand else None
    return {
        "year": _int(a.year),
        "value": finite(a.value),
        "value_status": a.value_status,
        "previous_year": _int(a.previous_year),
        "previous_value": finite(a.previous_value),
        "change": finite(a.change),
        "change_pct": finite(a.change_pct),
        "base_year": _int(a.base_year),
        "base_value": finite(a.base_value),
        "cagr": finite(a.cagr),
        "fitted_cagr": finite(a.fitted_cagr),
        "target": (
            None
            if target is None or finite(target.value) is None
            else {"value": float(target.value), "year": int(target.year), "kind": target.kind}
        ),
        "required_cagr": finite(a.required_cagr),
        "ratio": finite(a.ratio),
        "path_value": finite(a.path_value),
        "projected_value": finite(a.projected_value),
        "eta_year": _int(a.eta_year),
        "status": str(a.status),
        "status_label": judged_label(a.status, lang, a.judged_against),
        "judged_against": a.judged_against,
        "method_class": a.method_class,
        "reason": reason_text(
            a, "en", indicator_decimals(indicator), unit=indicator.unit, label=indicator.unit_label
        ),
        "reason_label": reason_text(
            a,
            lang,
            indicator_decimals(indicator),
            unit=indicator.unit,
            label=indicator.unit_label,
        ),
        "deviation": finite(a.deviation),
        "annual_change": finite(a.annual_change),
        "annual_change_from": a.annual_change_from,
        "required_change": finite(a.required_change),
        "projection": a.projection,
        "projection_method": a.projection,
        "value_age": _int(a.value_age),
        "stale": a.stale,
        "stale_after": a.stale_after,
        "trend_only": a.trend_only,
        "set_by_hand": a.set_by_hand,
        "computed_status": None if a.computed_status is None else str(a.computed_status),
        "status_rationale": None if manual is None else localize(manual.rationale, lang),
        "status_source": None if manual is None else _source(manual.source, lang),
        "calculated": a.calculated,
        "clipped": list(a.clipped),
        "magnitudes": a.magnitudes,
        "flags": list(a.flags),
        "pace_used": str(a.pace),
        "value_warnings": _codes_of(warned, a.year),
        "period_warnings": [
            {"year": year, "codes": list(codes)} for year, codes in warnings_in_period(a, warned)
        ],
    }


def _codes_of(warned: Sequence[tuple[int, tuple[str, ...]]], year: int | None) -> list[str]:
    return next((list(codes) for y, codes in warned if y == year), [])


def _comparison_json(
    c: Comparison, year: int, lang: str, warned: Sequence[tuple[int, tuple[str, ...]]]
) -> dict[str, Any]:
    then = c.earlier
    return {
        "year": year,
        "value_year": _int(then.year),
        "value": finite(then.value),
        "status": str(then.status),
        "status_label": judged_label(then.status, lang, then.judged_against),
        "trend_only": then.trend_only,
        "stale": then.stale,
        "movement": str(c.movement),
        "value_warnings": _codes_of(warned, then.year),
        "set_by_hand": then.set_by_hand,
        "computed_status": None if then.computed_status is None else str(then.computed_status),
        "computed_movement": None if c.computed_movement is None else str(c.computed_movement),
    }


def indicator_identity(row: ReportRow, lang: str) -> dict[str, Any]:
    """The fields that open a report row's object (``report`` and ``report --by``): id, goal,
    name in ``lang``, unit, direction, decimals."""
    indicator = row.indicator
    return {
        "id": indicator.id,
        "goal": indicator.goal,
        "name": localize(indicator.name, lang),
        "unit": indicator.unit,
        "direction": indicator.direction,
        "decimals": row.decimals,
    }


def _with_estimates(fields: dict[str, Any], row: ReportRow, lang: str) -> dict[str, Any]:
    """``reason`` and ``reason_label`` followed by the notes of the estimated end points a
    status against a target rests on, as the report's footnote (``estimates_text``)."""
    for key, in_lang in (("reason", "en"), ("reason_label", lang)):
        extra = estimates_text(row, in_lang)
        if extra:
            fields[key] = f"{fields[key]}; {extra}" if fields[key] else extra
    return fields


def _report_indicator(row: ReportRow, view: ReportView, lang: str) -> dict[str, Any]:
    indicator = row.indicator
    assessed = assessment_json(row.assessment, indicator, lang, row.value_warnings)
    return {
        **indicator_identity(row, lang),
        **_with_estimates(assessed, row, lang),
        **crosswalk_json(indicator, lang),
        "comparison": (
            None
            if row.comparison is None
            else _comparison_json(row.comparison, view.compare_year or 0, lang, row.value_warnings)
        ),
        "breakdowns": [list(b.by) for b in indicator.breakdowns],
    }


def crosswalk_json(indicator: Indicator, lang: str) -> dict[str, Any]:
    """An indicator's objectives, SDG codes and reporting status (documents.CrosswalkJSON)."""
    status = indicator_reporting_status(indicator)
    return {
        "objectives": list(indicator.objectives),
        "sdg": list(indicator.sdg),
        "reporting_status": status.status,
        "reporting_status_declared": status.declared,
        "reporting_note": localize(indicator.reporting_note, lang) or None,
    }


def _report_goals(view: ReportView, indicators: Sequence[dict[str, Any]], lang: str) -> list[Any]:
    """The goals of the report with their objectives; an objective's indicators are those of
    the report that name it, and its default status is worked out from theirs."""
    by_objective: dict[str, list[dict[str, Any]]] = {}
    for item in indicators:
        for objective_id in item["objectives"]:
            by_objective.setdefault(objective_id, []).append(item)
    goals = []
    for g in view.goals:
        objectives = []
        for o in g.objectives:
            members = by_objective.get(o.id, [])
            status = objective_status(o.reporting_status, [m["reporting_status"] for m in members])
            objectives.append(
                {
                    "id": o.id,
                    "text": localize(o.text, lang),
                    "sdg": list(o.sdg),
                    "indicators": [m["id"] for m in members if m["goal"] == g.id],
                    "reporting_status": status.status,
                    "reporting_status_declared": status.declared,
                    "reporting_note": localize(o.reporting_note, lang) or None,
                }
            )
        goals.append(
            {
                "id": g.id,
                "number": g.number,
                "name": localize(g.name, lang),
                "objectives": objectives,
            }
        )
    return goals


def report_part(view: ReportView, lang: str) -> ReportPart:
    """The JSON of the rows of ``view`` and their counts."""
    return ReportPart(
        lang,
        [_report_indicator(row, view, lang) for row in view.rows],
        view.currency,
        view.movements,
    )


def joined_part(parts: Sequence[ReportPart], ids: Sequence[str], lang: str) -> ReportPart:
    """The rows of ``parts`` as one part, in the order of ``ids`` (each row's indicator id,
    every one once), with their counts summed. Raises KeyError for an id no part has."""
    objects = {o["id"]: o for part in parts for o in part.indicators}
    movements = [part.movements for part in parts if part.movements is not None]
    return ReportPart(
        lang,
        [objects[i] for i in ids],
        merge_currency(part.currency for part in parts),
        tuple(merge_movements(movements)) if movements else None,
    )


class ReportHead(Protocol):
    """What a report's JSON documents begin with (the report and the report by a dimension)."""

    @property
    def programme(self) -> Programme: ...
    @property
    def year(self) -> int: ...
    @property
    def method(self) -> str: ...
    @property
    def pace(self) -> Pace: ...
    @property
    def tool_version(self) -> str: ...


def report_header(view: ReportHead, schema_version: int, lang: str) -> dict[str, Any]:
    """The first fields of a report's JSON document, in their order: ``schema_version``,
    ``tool_version``, ``programme`` {id, name}, ``year``, ``method``, ``pace``, ``lang``."""
    return {
        "schema_version": schema_version,
        "tool_version": view.tool_version,
        "programme": {"id": view.programme.id, "name": localize(view.programme.name, lang)},
        "year": view.year,
        "method": str(view.method),
        "pace": str(view.pace),
        "lang": lang,
    }


def report_document(
    view: ReportView, lang: str, parts: Sequence[ReportPart] | None = None
) -> dict[str, Any]:
    """The report JSON (documents.ReportDocument) of ``view``; with ``parts``, of their rows
    in order and their counts summed, ``view`` giving what they share (the document of the
    whole report, the same as from its one view)."""
    if parts is None:
        parts = [report_part(view, lang)]
    movements = (
        None if view.movements is None else merge_movements(p.movements or () for p in parts)
    )
    indicators = [indicator for part in parts for indicator in part.indicators]
    return {
        **report_header(view, REPORT_VERSION, lang),
        "goals": _report_goals(view, indicators, lang),
        "indicators": indicators,
        "compare_year": view.compare_year,
        # the headline's counts first (commitments first); the status-led counts after them
        "summary_by_basis": summary_by_basis(indicators),
        "summary": [
            {
                "status": str(c.status),
                "current": c.current,
                "stale": c.stale,
                "trend_only": c.trend_only,
            }
            for c in merge_currency(p.currency for p in parts)
        ],
        "movements": None if movements is None else {str(m): n for m, n in movements},
        "grouped_by": view.grouped_by,
    }


#: The groups of ``summary_by_basis`` in the order the headlines count them: commitments first.
BASIS_GROUPS: tuple[str, ...] = ("commitment", "forecast", "trend", "hand_set", "not_judged")


def _basis_group(indicator: dict[str, Any]) -> str:
    """An indicator object's group: what it was judged against; a status set by hand with no
    target and no trend words is "hand_set"; nothing judged is "not_judged" (as the table's
    summary, presentation.report_cells.summary_group)."""
    basis = indicator["judged_against"]
    if basis is not None:
        return str(basis)
    hand_set = indicator["set_by_hand"] and indicator["status"] != "insufficient_data"
    return "hand_set" if hand_set else "not_judged"


def summary_by_basis(indicators: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The report's counts as its headline gives them, commitments first: per group (see
    BASIS_GROUPS; a commitment group is always there, with zeros when there is none), its
    current and stale counts and the same per status in scale order. Computed from the
    document's own indicator objects, so a document made of parts counts what it holds."""
    groups = []
    for group in BASIS_GROUPS:
        members = [i for i in indicators if _basis_group(i) == group]
        if not members and group != "commitment":
            continue
        statuses = [
            {
                "status": str(status),
                "current": sum(1 for i in of if not i["stale"]),
                "stale": sum(1 for i in of if i["stale"]),
            }
            for status in Status
            if (of := [i for i in members if i["status"] == str(status)])
        ]
        groups.append(
            {
                "judged_against": group,
                "current": sum(1 for i in members if not i["stale"]),
                "stale": sum(1 for i in members if i["stale"]),
                "statuses": statuses,
            }
        )
    return groups


def _source(source: Source | None, lang: str) -> dict[str, Any] | None:
    """A source's texts in ``lang`` (a text given per language falls back as names do)."""
    if source is None:
        return None
    return {
        "publisher": localize(source.publisher, lang) or None,
        "title": localize(source.title, lang) or None,
        "url": source.url,
        "note": localize(source.note, lang) or None,
    }


def show_document(view: IndicatorView, lang: str) -> dict[str, Any]:
    """The ``show`` JSON (documents.ShowDocument)."""
    indicator, goal = view.indicator, view.goal
    warned = tuple((row.year, row.warnings) for row in view.values if row.warnings)
    return {
        "schema_version": SHOW_VERSION,
        "tool_version": view.tool_version,
        "programme": {"id": view.programme.id, "name": localize(view.programme.name, lang)},
        "year": view.year,
        "lang": lang,
        "method": str(view.method),
        "goal": None
        if goal is None
        else {
            "id": goal.id,
            "number": goal.number,
            "name": localize(goal.name, lang),
            "objectives": [{"id": o.id, "text": localize(o.text, lang)} for o in view.objectives],
        },
        "indicator": {
            "id": indicator.id,
            "goal": indicator.goal,
            "name": localize(indicator.name, lang),
            "unit": indicator.unit,
            "direction": indicator.direction,
            "decimals": view.decimals,
            "names": dict(indicator.name),
            "definition": localize(indicator.definition, lang) or None,
            "responsible": localize(indicator.responsible, lang) or None,
            "baseline": indicator.baseline,
            "source": _source(indicator.source, lang),
            "targets": [
                {
                    "value": t.value,
                    "year": t.year,
                    "kind": t.kind,
                    "source": _source(t.source, lang),
                    "note": localize(t.note, lang) or None,
                }
                for t in indicator.targets
            ],
            **crosswalk_json(indicator, lang),
        },
        "values": [
            {
                "year": row.year,
                "value": row.value,
                "status": row.status,
                "note": localize(row.note, lang) or None,
                "previous_year": row.change.previous_year,
                "change": row.change.absolute,
                "change_pct": row.change.relative_pct,
                "warnings": list(row.warnings),
                "break_in_series": row.is_break,
                "exceptional": localize(row.exceptional, lang) or None,
            }
            for row in view.values
        ],
        "assessments": {
            str(method): assessment_json(a, indicator, lang, warned)
            for method, a in view.assessments.items()
        },
        "breakdowns": [_show_breakdown(b, lang) for b in view.breakdowns],
    }


def _show_breakdown(breakdown: ShowBreakdown, lang: str) -> dict[str, Any]:
    """One of ``show``'s breakdowns (documents.ShowBreakdownJSON)."""
    ids = [d.id for d in breakdown.dimensions]
    return {
        "dimensions": ids,
        "names": {d.id: localize(d.name, lang) for d in breakdown.dimensions},
        "partial": breakdown.partial,
        "whole_in": breakdown.whole_in,
        "years": list(breakdown.years),
        "categories": [
            {
                "codes": dict(zip(ids, category.codes, strict=True)),
                "names": dict(zip(ids, breakdown.category_names(category, lang), strict=True)),
                "values": [
                    {
                        "year": year,
                        "value": obs.value,
                        "status": obs.status,
                        "note": localize(obs.note, lang) or None,
                    }
                    for year, obs in category.values
                ],
            }
            for category in breakdown.categories
        ],
    }


def list_document(catalog: Catalog, what: str, lang: str, tool_version: str) -> dict[str, Any]:
    """The ``list`` JSON (documents.ListDocument): the goals or the indicators."""
    document: dict[str, Any] = {
        "schema_version": LIST_VERSION,
        "tool_version": tool_version,
        "lang": lang,
    }
    if what == "goals":
        counts = {g.id: 0 for g in catalog.goals}
        for indicator in catalog.indicators:
            counts[indicator.goal] = counts.get(indicator.goal, 0) + 1
        document["goals"] = [
            {
                "id": g.id,
                "number": g.number,
                "name": localize(g.name, lang),
                "objectives": len(g.objectives),
                "indicators": counts[g.id],
            }
            for g in catalog.goals
        ]
    else:
        document["indicators"] = [
            {
                "id": i.id,
                "goal": i.goal,
                "name": localize(i.name, lang),
                "unit": i.unit,
                "direction": i.direction,
                "first_year": min(i.values, default=None),
                "last_year": max(i.values, default=None),
                "values": len(i.values),
                "targets": len(i.targets),
                **crosswalk_json(i, lang),
            }
            for i in catalog.indicators
        ]
    return document
