"""What the reporting commands do below the command line: load, select, assess, build the view.

Each function takes plain values (already parsed), returns a view for the renderers, and
raises :class:`~intl_tracker.core.errors.UsageError` (exit 2) for a request that cannot be met
and :class:`~intl_tracker.core.errors.InvalidDataError` (exit 1) for a data set with errors. The
command line turns both into a message and an exit code in one place.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from intl_tracker import __version__
from intl_tracker.assessment import registry
from intl_tracker.assessment.comparing import compare as compare_assessments
from intl_tracker.assessment.engine import (
    Assessment,
    Period,
    PeriodName,
    assess_catalog,
    assess_indicator,
)
from intl_tracker.core.errors import InvalidDataError, UsageError
from intl_tracker.core.vocabulary import Pace
from intl_tracker.dataset.loading import load_data_set
from intl_tracker.dataset.models import MAX_YEAR, MIN_YEAR, Catalog, Indicator
from intl_tracker.presentation.views import ListView, ReportRow, ReportView, build_report_view

if TYPE_CHECKING:
    from intl_tracker.assessment.breakdowns import BreakdownAssessment
    from intl_tracker.dataset.parallel_loading import KeepingWorkers
    from intl_tracker.presentation.due_view import DueView
    from intl_tracker.presentation.indicator_view import IndicatorView
    from intl_tracker.site.build import SiteViews


def load_catalog(
    root: Path,
    *,
    progress: bool = False,
    announce: Callable[[Path, str | None], None] | None = None,
    warn: Callable[[int], None] | None = None,
    workers: KeepingWorkers | None = None,
) -> Catalog:
    """The valid data set in ``root``; ``announce(root, programme_id)`` is called once it is
    read, and ``warn(count)`` when it has warnings (files not read, implausible values), so
    that no command leaves them out in silence. Raises InvalidDataError listing every
    problem. With ``workers``, a parallel load uses them (see ``loading.load_data_set``)."""
    from intl_tracker.core.progress import progress_bar

    with progress_bar(enabled=progress) as bar:
        result = load_data_set(root, progress=bar, workers=workers)
    if announce is not None:
        announce(root, result.programme_id)
    if result.errors or result.catalog is None:
        raise InvalidDataError(
            result.problems,
            f"the data in '{root}' has {len(result.errors)} error(s); "
            "run 'intl-tracker validate' for details",
        )
    if warn is not None and result.problems:
        warn(len(result.problems))
    return result.catalog


def period_of(since: int | None, period: PeriodName | None) -> Period:
    """The assessed period. Raises UsageError when both are given."""
    if since is not None and period is not None:
        raise UsageError("--since and --period cannot be used together")
    return Period(since=since, period=period)


def resolve_year(catalog: Catalog, year: int | None, since: int | None) -> int:
    """The year to report: ``year``, else the latest year with data. Raises UsageError when
    there are no values, the year is before the first one, or ``since`` is not before it."""
    for name, given in (("the year", year), ("--since", since)):
        if given is not None and not MIN_YEAR <= given <= MAX_YEAR:
            raise UsageError(f"{name} {given} is outside {MIN_YEAR}-{MAX_YEAR}")
    span = catalog.year_span()
    if span is None:
        raise UsageError("the data set has no values to report")
    first, latest = span
    chosen = latest if year is None else year
    if chosen < first:
        raise UsageError(f"{chosen} is before the first year with data ({first})")
    if since is not None and since >= chosen:
        raise UsageError(f"--since {since} must be before the reported year {chosen}")
    return chosen


def _check_ids(kind: str, asked: Sequence[str], known: list[str]) -> None:
    for unknown in (i for i in asked if i not in known):
        close = difflib.get_close_matches(unknown, known, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise UsageError(f"no {kind} '{unknown}'{hint}")


def goal_ids(catalog: Catalog, asked: Sequence[str]) -> list[str]:
    """``--goal`` values as goal ids: a goal's number (``2``) stands for its id."""
    by_number = {str(g.number): g.id for g in catalog.goals}
    return [by_number.get(a.strip(), a) if a.strip().isdigit() else a for a in asked]


def _check_filters_agree(catalog: Catalog, goals: Sequence[str], indicators: Sequence[str]) -> None:
    """``--indicator`` and ``--goal`` together must select something: an indicator outside
    every asked goal is a contradiction, not an empty report. Raises UsageError."""
    if not goals or not indicators:
        return
    for indicator_id in indicators:
        found = catalog.indicator(indicator_id)
        if found is not None and found.goal not in goals:
            asked = ", ".join(f"'{g}'" for g in goals)
            raise UsageError(
                f"the indicator '{indicator_id}' belongs to the goal '{found.goal}', not to "
                f"{asked}; drop --goal or --indicator"
            )


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """A report request checked against its data set: the catalog of the indicators shown
    (``--goal``/``--indicator`` applied, every goal kept in order), the year, the period,
    and how to assess."""

    shown: Catalog
    year: int
    period: Period
    method: str  # a registered method's name
    pace: Pace
    compare: int | None = None
    stale_after: int | None = None
    grouped_by: str = "goal"  # "sdg": report --by-sdg


def report_request(
    catalog: Catalog,
    *,
    year: int | None,
    goals: Sequence[str],
    indicators: Sequence[str],
    method: str,
    pace: Pace,
    since: int | None,
    period: PeriodName | None,
    compare: int | None = None,
    stale_after: int | None = None,
    by_sdg: bool = False,
) -> ReportRequest:
    """The report of the indicators selected by ``goals`` and ``indicators`` (none: all),
    checked: raises UsageError for a year outside the data, ``compare`` not before it, an
    unknown goal or indicator, or filters that select nothing. ``by_sdg``: the selected
    indicators grouped by SDG goal instead of the programme's goals (``sdg.grouped_by_sdg``)."""
    chosen_period = period_of(since, period)
    chosen_year = resolve_year(catalog, year, since)
    if compare is not None:
        if compare >= chosen_year:
            raise UsageError(f"--compare {compare} must be before the report year {chosen_year}")
        resolve_year(catalog, compare, since)
    goals = goal_ids(catalog, goals)
    _check_ids("goal", goals, [g.id for g in catalog.goals])
    _check_ids("indicator", indicators, [i.id for i in catalog.indicators])
    _check_filters_agree(catalog, goals, indicators)
    shown = catalog.model_copy(
        update={
            "indicators": [
                i
                for i in catalog.indicators
                if (not goals or i.goal in goals) and (not indicators or i.id in indicators)
            ],
            "goals": [g for g in catalog.goals if not goals or g.id in goals],
        }
    )
    if by_sdg:
        from intl_tracker.presentation.sdg_view import grouped_by_sdg

        shown = grouped_by_sdg(shown)
    return ReportRequest(
        shown, chosen_year, chosen_period, method, pace, compare=compare, stale_after=stale_after,
        grouped_by="sdg" if by_sdg else "goal",
    )  # fmt: skip


def report_of(request: ReportRequest, indicators: Sequence[Indicator] | None = None) -> ReportView:
    """The report of ``request``: every shown indicator, or only ``indicators`` (of the shown
    ones, in their order). A row depends on its indicator alone, so the report of the whole
    has the rows of its parts, and their counts summed."""
    shown = request.shown
    if indicators is not None:
        shown = shown.model_copy(update={"indicators": list(indicators)})

    def assess(as_of: int) -> list[Assessment]:
        return assess_catalog(
            shown,
            year=as_of,
            method=request.method,
            period=request.period,
            pace=request.pace,
            stale_after_years=request.stale_after,
        )

    assessments = assess(request.year)
    comparisons = (
        None
        if request.compare is None
        else compare_assessments(assess(request.compare), assessments)
    )
    view = build_report_view(
        shown,
        assessments,
        year=request.year,
        method=request.method,
        pace=request.pace,
        tool_version=__version__,
        comparisons=comparisons,
        compare_year=request.compare,
    )
    return view if request.grouped_by == "goal" else replace(view, grouped_by=request.grouped_by)


def indicator_view(
    catalog: Catalog,
    indicator_id: str,
    *,
    year: int | None,
    method: str,
    pace: Pace,
    since: int | None,
    period: PeriodName | None,
    stale_after: int | None = None,
) -> IndicatorView:
    """One indicator assessed by every method as of ``year``; without it, as of its own latest
    value (the CLI passes the report's default year, ``report_year.default_report_year``)."""
    chosen_period = period_of(since, period)
    _check_ids("indicator", [indicator_id], [i.id for i in catalog.indicators])
    found = catalog.indicator(indicator_id)
    assert found is not None
    own_latest = max(found.values, default=None)
    chosen_year = resolve_year(catalog, year if year is not None else own_latest, since)
    return _indicator_view_at(
        catalog, found, chosen_year, method=method, pace=pace, period=chosen_period,
        stale_after=stale_after,
    )  # fmt: skip


def _indicator_view_at(
    catalog: Catalog,
    indicator: Indicator,
    year: int,
    *,
    method: str,
    pace: Pace,
    period: Period,
    stale_after: int | None,
) -> IndicatorView:
    """``indicator`` (of ``catalog``) assessed by every method as of ``year``, already checked."""
    assessments = {
        m: assess_indicator(
            indicator,
            year=year,
            method=m,
            period=period,
            pace=pace,
            programme=catalog.programme,
            stale_after_years=stale_after,
        )
        for m in registry.method_names()
    }
    from dataclasses import replace

    from intl_tracker.presentation.indicator_view import build_indicator_view
    from intl_tracker.presentation.show_breakdowns import show_breakdowns

    view = build_indicator_view(
        catalog, indicator, assessments, method=method, year=year, tool_version=__version__
    )
    return replace(view, breakdowns=show_breakdowns(catalog, indicator))


def list_view(catalog: Catalog, what: str) -> ListView:
    return ListView(catalog=catalog, what=what, tool_version=__version__)


def due_view(catalog: Catalog, on: date) -> DueView:
    """What ``due`` shows: the indicators that should hold a newer value by ``on``."""
    from intl_tracker.presentation.due_view import build_due_view

    return build_due_view(catalog, on, __version__)


def site_views(
    catalog: Catalog,
    *,
    year: int | None,
    method: str,
    pace: Pace,
    since: int | None,
    period: PeriodName | None,
    stale_after: int | None = None,
) -> SiteViews:
    """What ``site`` publishes: the report of every indicator as ``report`` builds it, and
    each reported indicator's view as ``show --year`` builds it at the report's year.
    Raises UsageError as those do (a year before any data, ``since`` not before ``year``)."""
    from intl_tracker.site.build import SiteViews

    request = report_request(
        catalog, year=year, goals=[], indicators=[], method=method, pace=pace, since=since,
        period=period, stale_after=stale_after,
    )  # fmt: skip
    report = report_of(request)
    # The request checked the year and the period once; checking them again per indicator (a
    # scan of every indicator's years each time) made the site quadratic in the indicators.
    indicators = {
        row.indicator.id: _indicator_view_at(
            catalog,
            row.indicator,
            report.year,
            method=method,
            pace=pace,
            period=request.period,
            stale_after=stale_after,
        )
        for row in report.rows
    }
    breakdowns = {
        row.indicator.id: _breakdowns_at(
            catalog, row, indicators[row.indicator.id], request.period, pace, stale_after
        )
        for row in report.rows
        if indicators[row.indicator.id].breakdowns
    }
    return SiteViews(report, indicators, breakdowns, catalog)


def _breakdowns_at(
    catalog: Catalog,
    row: ReportRow,
    view: IndicatorView,
    period: Period,
    pace: Pace,
    stale_after: int | None,
) -> tuple[BreakdownAssessment, ...]:
    """Each breakdown ``view`` shows, assessed as the report assessed the indicator's
    headline (``row``): its year, method, pace, period and stale rule."""
    from intl_tracker.assessment.breakdowns import assess_breakdown
    from intl_tracker.dataset.breakdowns import breakdown_table

    table = breakdown_table(catalog, row.indicator.id)
    if table is None:
        return ()
    return tuple(
        assess_breakdown(
            row.indicator,
            table,
            [d.id for d in shown.dimensions],
            row.assessment,
            catalog.dimensions,
            year=view.year,
            method=view.method,
            period=period,
            pace=pace,
            programme=catalog.programme,
            stale_after_years=stale_after,
        )
        for shown in view.breakdowns
    )
