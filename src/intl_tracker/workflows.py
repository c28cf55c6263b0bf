"""What the reporting commands do below the command line: load, select, assess, build the view.

Each function takes plain values (already parsed), returns a view for the renderers, and
raises :class:`~intl_tracker.errors.UsageError` (exit 2) for a request that cannot be met
and :class:`~intl_tracker.errors.InvalidDataError` (exit 1) for a data set with errors. The
command line turns both into a message and an exit code in one place.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

from intl_tracker import __version__
from intl_tracker.assessment import Period, PeriodName, assess_catalog, assess_indicator
from intl_tracker.errors import InvalidDataError, UsageError
from intl_tracker.loading import load_data_set
from intl_tracker.models import Catalog
from intl_tracker.views import (
    IndicatorView,
    ListView,
    ReportView,
    build_indicator_view,
    build_report_view,
)
from intl_tracker.vocabulary import Method, Pace


def load_catalog(root: Path, *, progress: bool = False) -> Catalog:
    """The valid data set in ``root``. Raises InvalidDataError listing every problem."""
    from intl_tracker.progress import progress_bar

    with progress_bar(enabled=progress) as bar:
        result = load_data_set(root, progress=bar)
    if result.errors or result.catalog is None:
        raise InvalidDataError(result.problems)
    return result.catalog


def period_of(since: int | None, period: PeriodName | None) -> Period:
    """The assessed period. Raises UsageError when both are given."""
    if since is not None and period is not None:
        raise UsageError("--since and --period cannot be used together")
    return Period(since=since, period=period)


def resolve_year(catalog: Catalog, year: int | None, since: int | None) -> int:
    """The year to report: ``year``, else the latest year with data. Raises UsageError when
    there are no values, the year is before the first one, or ``since`` is not before it."""
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


def report_view(
    catalog: Catalog,
    *,
    year: int | None,
    goals: Sequence[str],
    indicators: Sequence[str],
    method: Method,
    pace: Pace,
    since: int | None,
    period: PeriodName | None,
) -> ReportView:
    """The report of the indicators selected by ``goals`` and ``indicators`` (none: all)."""
    chosen_period = period_of(since, period)
    chosen_year = resolve_year(catalog, year, since)
    _check_ids("goal", goals, [g.id for g in catalog.goals])
    _check_ids("indicator", indicators, [i.id for i in catalog.indicators])
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
    assessments = assess_catalog(
        shown, year=chosen_year, method=method, period=chosen_period, pace=pace
    )
    return build_report_view(
        shown,
        assessments,
        year=chosen_year,
        method=method,
        pace=pace,
        tool_version=__version__,
    )


def indicator_view(
    catalog: Catalog,
    indicator_id: str,
    *,
    year: int | None,
    method: Method,
    pace: Pace,
    since: int | None,
    period: PeriodName | None,
) -> IndicatorView:
    """One indicator assessed by every method; without ``year``, as of its own latest value."""
    chosen_period = period_of(since, period)
    _check_ids("indicator", [indicator_id], [i.id for i in catalog.indicators])
    found = catalog.indicator(indicator_id)
    assert found is not None
    own_latest = max(found.values, default=None)
    chosen_year = resolve_year(catalog, year if year is not None else own_latest, since)
    assessments = {
        m: assess_indicator(found, year=chosen_year, method=m, period=chosen_period, pace=pace)
        for m in Method
    }
    return build_indicator_view(
        catalog,
        found,
        assessments,
        method=method,
        year=chosen_year,
        tool_version=__version__,
    )


def list_view(catalog: Catalog, what: str) -> ListView:
    return ListView(catalog=catalog, what=what, tool_version=__version__)
