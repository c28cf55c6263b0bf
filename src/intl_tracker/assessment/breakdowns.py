"""Each category of a breakdown assessed as the headline is, and who is left behind.

A category's series (``dataset.breakdowns.BreakdownTable.series``) is assessed by
:func:`~intl_tracker.assessment.engine.assess_indicator` on a copy of its indicator that holds
the category's values: the same method, pace, period, bounds, thresholds, stale rule,
trend-only words and deadlines as the headline. Two things differ, by design:

- a status set by hand (``assessment.status``) is the headline's, never a category's;
- for an additive unit (``dataset.breakdowns.ADDITIVE_UNITS``: counts) a category is judged on
  its trend alone: the headline's target (100,000 residents) is not each district's target.
  A rate or share keeps the headline's targets: each group is measured against the same goal.

The headline's own assessment is never changed by its breakdowns.

**Left behind** (UN-Habitat, *Urban Monitoring Framework*, 2022: disaggregation to find who is
left behind; the SDG principle "leave no one behind", UN General Assembly A/RES/70/1, §4): a
category is left behind when, over the assessed period (its base year to its latest value), the
headline moved towards progress while the category moved the other way (the change of the
value, signed by the indicator's direction). **Spread**: in each year, the best and the worst
category (by direction) and the gap between them in the unit; computed for units that are not
additive (for counts the gap measures the size of the groups, not a disparity).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from intl_tracker.assessment.engine import assess_indicator
from intl_tracker.assessment.records import DEFAULT_PERIOD, Assessment, Note, Period
from intl_tracker.core.vocabulary import Method, Pace
from intl_tracker.dataset.breakdowns import (
    ADDITIVE_UNITS,
    BreakdownFile,
    BreakdownSeries,
    BreakdownTable,
    Codes,
)
from intl_tracker.dataset.models import (
    Catalog,
    Dimension,
    Indicator,
    IndicatorAssessment,
    Programme,
)


@dataclass(frozen=True, slots=True)
class CategoryResult:
    """One category (or crossed combination: one code per dimension) and its assessment.
    ``movement``: its change over its assessed period signed by the direction (> 0 is
    progress; None without a base and a latest value); ``left_behind``: see the module."""

    codes: Codes
    assessment: Assessment
    movement: float | None
    left_behind: bool


@dataclass(frozen=True, slots=True)
class SpreadPoint:
    """The best and worst category of one year (by the indicator's direction), their values
    and the gap ``abs(best_value - worst_value)`` in the unit, among ``categories`` values."""

    year: int
    best: Codes
    best_value: float
    worst: Codes
    worst_value: float
    gap: float
    categories: int


@dataclass(frozen=True, slots=True)
class BreakdownAssessment:
    """An indicator's breakdown by ``dimensions`` (several: crossed), assessed.

    ``categories`` in display order (the dimensions' listed order, or by latest value, best
    first, for a dimension with ``order: value``); ``headline_movement`` is the headline's
    change over its period signed by direction; ``spread`` by year (empty for additive units
    and for fewer than two categories); ``partial``: the categories do not cover the whole.
    """

    indicator_id: str
    dimensions: Codes
    partial: bool
    headline: Assessment
    headline_movement: float | None
    categories: tuple[CategoryResult, ...]
    spread: tuple[SpreadPoint, ...]
    #: For a breakdown declared partial: the latest year in which every category has a value
    #: and they sum to the total exactly (the data say it covers the whole then), else None.
    whole_in: int | None = None
    #: False for a breakdown declared ``judged: false``: the categories carry their values
    #: and changes but no status (``calculated`` false), and none is left behind.
    judged: bool = True

    @property
    def partial_now(self) -> bool:
        """Partial in the categories' latest year: declared partial, and no exact sum to the
        total in that year (the population's language groups of 2019 cover it: not partial)."""
        return self.partial and self.whole_in is None

    @property
    def left_behind(self) -> tuple[CategoryResult, ...]:
        return tuple(c for c in self.categories if c.left_behind)


def movement(a: Assessment, direction: int) -> float | None:
    """The change from the base value to the latest, signed by ``direction`` (+1: increase
    is progress); None when either is missing or they are the same year."""
    if a.value is None or a.base_value is None or a.year == a.base_year:
        return None
    return direction * (a.value - a.base_value)


def category_indicator(
    indicator: Indicator, series: BreakdownSeries, *, judged: bool = True
) -> Indicator:
    """A copy of ``indicator`` holding the category's values (see the module for what
    differs: no status set by hand; no targets for an additive unit; not ``judged``: the
    calculation turned off, so the values and base stay and no status is computed)."""
    settings = indicator.assessment
    if settings is not None and settings.status is not None:
        settings = settings.model_copy(update={"status": None})
    if not judged:
        settings = (settings or IndicatorAssessment()).model_copy(update={"calculate": False})
    return indicator.model_copy(
        update={
            "values": dict(series.observations),
            "targets": [] if indicator.unit in ADDITIVE_UNITS else indicator.targets,
            "assessment": settings,
            "breakdowns": [],
        }
    )


def assess_breakdown(
    indicator: Indicator,
    table: BreakdownTable,
    by: Sequence[str],
    headline: Assessment,
    dimensions: Sequence[Dimension],
    *,
    year: int | None = None,
    method: str = Method.RATIO,
    period: Period = DEFAULT_PERIOD,
    pace: Pace = Pace.ENDPOINTS,
    programme: Programme | None = None,
    stale_after_years: int | None = None,
) -> BreakdownAssessment:
    """Every category of ``indicator``'s breakdown ``by`` assessed as ``headline`` was (the
    same ``year``, ``method``, ``period``, ``pace``, settings); ``dimensions``: the data set's
    (for the order). Raises ValueError when ``by`` is not a dimension of ``table``."""
    direction = 1 if indicator.direction == "increase" else -1
    head_move = movement(headline, direction)
    progresses = head_move is not None and head_move > 0
    results = []
    categories = table.series(by)
    declared = [b for b in indicator.breakdowns if set(b.by) == set(by)]
    judged = all(b.judged for b in declared)
    for series in categories:
        a = assess_indicator(
            category_indicator(indicator, series, judged=judged),
            year=year,
            method=method,
            period=period,
            pace=pace,
            programme=programme,
            stale_after_years=stale_after_years,
        )
        if not judged:
            note = Note("not judged: the breakdown's categories are shown, not judged")
            a = replace(a, notes=(note,), reason=note.text())
        moved = movement(a, direction)
        behind = judged and progresses and moved is not None and moved < 0
        results.append(CategoryResult(series.codes, a, moved, behind))
    ordered = _ordered(results, by, dimensions, direction)
    spread = () if indicator.unit in ADDITIVE_UNITS else _spread(categories, direction, year)
    partial = any(b.partial for b in declared)
    whole = whole_in_year(indicator, table.series(by)) if partial else None
    return BreakdownAssessment(
        indicator.id, tuple(by), partial, headline, head_move, tuple(ordered), spread, whole, judged
    )


def whole_in_year(indicator: Indicator, series: Sequence[BreakdownSeries]) -> int | None:
    """The latest year every category has a value, when the categories of an additive unit
    sum to the total there (to a millionth: the data's rounding); else None."""
    if indicator.unit not in ADDITIVE_UNITS or not series:
        return None
    by_year = [dict(s.observations) for s in series]
    common = set.intersection(*(set(values) for values in by_year))
    if not common:
        return None
    latest = max(common)
    total = indicator.values.get(latest)
    if total is None:
        return None
    summed = sum(values[latest].value for values in by_year)
    return latest if abs(summed - total.value) <= 1e-6 * max(1.0, abs(total.value)) else None


def _ordered(
    results: list[CategoryResult], by: Sequence[str], dimensions: Sequence[Dimension], sign: int
) -> list[CategoryResult]:
    """The listed order of each dimension's categories, or by value for ``order: value``."""
    declared = {d.id: d for d in dimensions}
    ranks = [
        {c.code: i for i, c in enumerate(declared[d].categories)} if d in declared else {}
        for d in by
    ]
    by_value = any(declared[d].order == "value" for d in by if d in declared)

    def key(r: CategoryResult) -> tuple[float, ...]:
        listed = tuple(
            float(rank.get(code, 1e9)) for rank, code in zip(ranks, r.codes, strict=True)
        )
        if by_value:
            value = r.assessment.value
            return (-(sign * value) if value is not None else float("inf"), *listed)
        return listed

    return sorted(results, key=key)


def _spread(
    series: Sequence[BreakdownSeries], direction: int, until: int | None
) -> tuple[SpreadPoint, ...]:
    by_year: dict[int, list[tuple[float, Codes]]] = {}
    for s in series:
        for year, obs in s.observations:
            if until is None or year <= until:
                by_year.setdefault(year, []).append((obs.value, s.codes))
    points = []
    for year in sorted(by_year):
        values = by_year[year]
        if len(values) < 2:
            continue
        best = max(values, key=lambda v: direction * v[0])
        worst = min(values, key=lambda v: direction * v[0])
        points.append(
            SpreadPoint(
                year, best[1], best[0], worst[1], worst[0], abs(best[0] - worst[0]), len(values)
            )
        )
    return tuple(points)


def breakdown_of(indicator: Indicator, by: Sequence[str]) -> tuple[str, ...] | None:
    """The indicator's declared breakdown whose dimensions are ``by`` (any order), in its
    declared order; None when it has none."""
    return next((tuple(b.by) for b in indicator.breakdowns if set(b.by) == set(by)), None)


@dataclass(frozen=True, slots=True)
class BreakdownTask:
    """One indicator's breakdown to assess: the indicator, its breakdown file (its values
    are read by whoever assesses it), the dimension ids of the breakdown and the headline's
    assessment."""

    indicator: Indicator
    values: BreakdownFile
    dimensions: Codes
    headline: Assessment


@dataclass(frozen=True, slots=True)
class BySettings:
    """How every category is assessed: as the headline was (see :func:`assess_breakdown`)."""

    dimensions: tuple[Dimension, ...]
    year: int | None = None
    method: str = Method.RATIO
    period: Period = DEFAULT_PERIOD
    pace: Pace = Pace.ENDPOINTS
    programme: Programme | None = None
    stale_after_years: int | None = None


def breakdown_tasks(
    catalog: Catalog, headlines: Sequence[Assessment], by: Sequence[str]
) -> list[BreakdownTask]:
    """The breakdown ``by`` of every indicator of ``catalog`` that declares it and has a
    breakdown file for it, in catalog order; ``headlines`` are the indicators' own
    assessments (by id)."""
    heads = {a.indicator_id: a for a in headlines}
    tasks = []
    for indicator in catalog.indicators:
        dims = breakdown_of(indicator, by)
        found = catalog.breakdown_values.get(indicator.id)
        if dims is None or not isinstance(found, BreakdownFile) or indicator.id not in heads:
            continue
        tasks.append(BreakdownTask(indicator, found, dims, heads[indicator.id]))
    return tasks


def assess_task(task: BreakdownTask, settings: BySettings) -> BreakdownAssessment | None:
    """The task's breakdown assessed (:func:`assess_breakdown`); None when its file has no
    column for one of the dimensions or no category of the breakdown."""
    table = task.values.table
    if not set(task.dimensions) <= set(table.columns):
        return None
    result = assess_breakdown(
        task.indicator,
        table,
        task.dimensions,
        task.headline,
        settings.dimensions,
        year=settings.year,
        method=settings.method,
        period=settings.period,
        pace=settings.pace,
        programme=settings.programme,
        stale_after_years=settings.stale_after_years,
    )
    return result if result.categories else None


def assess_catalog_by(
    catalog: Catalog,
    headlines: Sequence[Assessment],
    by: Sequence[str],
    *,
    year: int | None = None,
    method: str = Method.RATIO,
    period: Period = DEFAULT_PERIOD,
    pace: Pace = Pace.ENDPOINTS,
    stale_after_years: int | None = None,
) -> list[BreakdownAssessment]:
    """The breakdown ``by`` of every indicator of ``catalog`` that declares it and has values
    for it, in catalog order; ``headlines`` are the indicators' own assessments (by id)."""
    settings = BySettings(
        tuple(catalog.dimensions), year, method, period, pace, catalog.programme,
        stale_after_years,
    )  # fmt: skip
    found = (assess_task(t, settings) for t in breakdown_tasks(catalog, headlines, by))
    return [r for r in found if r is not None]
