"""What every renderer shows, computed once: report rows, summaries, the indicator page, charts.

Pure and language-independent: no I/O, no Rich, no matplotlib, no Babel, no words. Views are
immutable records (named tuples: cheap to define at start-up; ``._replace`` makes a changed
copy) built from the catalog and the assessments; names stay as the data's
``{lang: text}`` maps and numbers stay unrounded, so the terminal table, JSON, CSV, Markdown,
``show``, the charts and the site all read the same figures and only format and lay them out
(localize with :func:`intl_tracker.dataset.models.localize`, words from
:mod:`intl_tracker.core.i18n`, numbers with :mod:`intl_tracker.presentation.number_format`).

New facts about a row (a stale value, a trend-only or hand-set status, a comparison with an
earlier year) are added as fields with defaults or as new :class:`Marker` members, so the
existing renderers keep working while they learn to show them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from intl_tracker.assessment import registry
from intl_tracker.assessment.comparing import Comparison, Movement, count_movements
from intl_tracker.assessment.records import Assessment, TargetRef
from intl_tracker.assessment.registry import Projection
from intl_tracker.core.vocabulary import Pace, Status
from intl_tracker.dataset.models import (
    Catalog,
    Goal,
    Indicator,
    Localizable,
    Objective,
    Programme,
    value_domain,
)
from intl_tracker.dataset.plausibility import value_warnings
from intl_tracker.presentation.number_format import display_decimals, finite
from intl_tracker.presentation.timeline import by_year

if TYPE_CHECKING:
    from intl_tracker.presentation.show_breakdowns import ShowBreakdown

# --------------------------------------------------------------------------------------------
# Shared facts


class Marker(StrEnum):
    """A mark beside a value or a target; each has a symbol and a legend entry."""

    PROVISIONAL = "provisional"  # the value is provisional
    ESTIMATED = "estimated"  # the value is an estimate
    FORECAST = "forecast"  # the target is a forecast, not a commitment


#: The symbol of each marker, the same in every language and format.
MARKER_SYMBOLS: dict[Marker, str] = {
    Marker.PROVISIONAL: "ᵖ",
    Marker.ESTIMATED: "ᵉ",
    Marker.FORECAST: "ᶠ",
}

#: After the year of a stale value, "(2017)†", and after a status set by hand, the same in
#: every language and format.
STALE_MARK = "†"
SET_BY_HAND_MARK = "✎"

#: The marker of a value by its status; a final value has none.
VALUE_STATUS_MARKERS: dict[str, Marker] = {
    "provisional": Marker.PROVISIONAL,
    "estimated": Marker.ESTIMATED,
}

#: A year-over-year move at least this large (in percent) is pointed out in charts.
DRAMATIC_CHANGE_PCT = 25.0
#: Units whose values are whole numbers (chart axes step by at least 1).
INTEGER_UNITS = frozenset({"count", "rank"})
#: How far beyond the data and targets (a share of their span) the y axis stretches for a
#: projection; beyond it the projection is cut at the edge of the chart.
PROJECTION_ROOM = 0.5
#: Most recent observations drawn in a trend sparkline.
TREND_POINTS = 10


@dataclass(frozen=True, slots=True)
class Change:
    """The change of a value from the observation before it.

    ``absolute`` is in the indicator's unit (percentage points for percents), ``relative_pct``
    in percent of ``|previous|`` (None when the previous value is 0). ``gap`` is True when
    the previous observation is not from the year before (a hole in the series).
    """

    absolute: float | None
    relative_pct: float | None
    year: int | None
    previous_year: int | None

    @property
    def gap(self) -> bool:
        return (
            self.year is not None
            and self.previous_year is not None
            and self.previous_year != self.year - 1
        )


def year_over_year(previous: float, current: float) -> tuple[float | None, float | None]:
    """(current - previous, the same in percent of |previous|); None where not finite.

    ``|previous|`` keeps the sign of the change when the previous value is negative.
    """
    absolute = finite(current - previous)
    relative = None if previous == 0 else finite(100.0 * (current - previous) / abs(previous))
    return absolute, relative


def pace_used(assessment: Assessment) -> float | None:
    """The growth rate the status was judged by (a fraction per year): the fitted CAGR when
    the engine used the fitted pace, else the two-point CAGR."""
    return finite(assessment.fitted_cagr if assessment.pace is Pace.FITTED else assessment.cagr)


def count_statuses(statuses: Iterable[Status]) -> tuple[tuple[Status, int], ...]:
    """How many of each status, in the order of the status scale; zeros left out."""
    counts = Counter(statuses)
    return tuple((s, counts[s]) for s in Status if counts[s])


@dataclass(frozen=True, slots=True)
class StatusCount:
    """How many rows have one status: with a current value, with a stale one, and (of all of
    them) how many were judged on the trend alone."""

    status: Status
    current: int
    stale: int
    trend_only: int


def count_by_currency(assessments: Iterable[Assessment]) -> tuple[StatusCount, ...]:
    """Per status, in scale order, zeros left out: current, stale and trend-only counts."""
    counts: dict[Status, list[int]] = {}
    for a in assessments:
        n = counts.setdefault(a.status, [0, 0, 0])
        n[1 if a.stale else 0] += 1
        n[2] += a.trend_only
    return tuple(StatusCount(s, *counts[s]) for s in Status if s in counts)


def merge_currency(parts: Iterable[Sequence[StatusCount]]) -> tuple[StatusCount, ...]:
    """The counts of several parts of a report as one (``count_by_currency`` of all their
    assessments): summed per status, in scale order, zeros left out."""
    counts: dict[Status, list[int]] = {}
    for part in parts:
        for c in part:
            n = counts.setdefault(c.status, [0, 0, 0])
            n[0] += c.current
            n[1] += c.stale
            n[2] += c.trend_only
    return tuple(StatusCount(s, *counts[s]) for s in Status if s in counts)


# --------------------------------------------------------------------------------------------
# The report


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One assessed indicator as every report format shows it.

    ``assessment`` carries every number unrounded (the JSON and CSV write it as is);
    ``decimals`` is the display precision (the definition's, else the unit's default).
    """

    goal: Goal
    indicator: Indicator
    assessment: Assessment
    decimals: int
    change: Change
    pace: float | None  # the growth rate behind the status, see pace_used
    value_marker: Marker | None
    older: bool  # the value is from a year before the report year
    target_marker: Marker | None
    trend: tuple[float, ...]  # values up to the assessed year, latest last (TREND_POINTS)
    comparison: Comparison | None = None  # with --compare: the indicator as of then
    footnote: int | None = None  # number of the row's note under its table (it has a reason)
    # One slot per year of the TREND_POINTS years ending in the report year (None: no value),
    # so a gap or a stale series shows as blanks.
    trend_years: tuple[float | None, ...] = ()
    # (year, warning codes) of every value of the indicator that ``validate`` warns about
    # (plausibility.value_warnings), in year order: what the report marks with ⚠.
    value_warnings: tuple[tuple[int, tuple[str, ...]], ...] = ()

    def warnings_at(self, year: int | None) -> tuple[str, ...]:
        """The warning codes of the value of ``year`` (none for None)."""
        return next((codes for y, codes in self.value_warnings if y == year), ())

    @property
    def period_warnings(self) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """The warned values the status rests on (see ``warnings_in_period``)."""
        return warnings_in_period(self.assessment, self.value_warnings)

    @property
    def status(self) -> Status:
        return self.assessment.status

    @property
    def unit(self) -> str:
        return self.indicator.unit


def warnings_in_period(
    a: Assessment, warned: Iterable[tuple[int, tuple[str, ...]]]
) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Of ``warned`` ((year, codes) in year order), the values the status of ``a`` rests on:
    those of its assessed period, from the base year (the assessed year when there is none)
    to the assessed year; none without an assessed year."""
    if a.year is None:
        return ()
    first = a.base_year if a.base_year is not None else a.year
    return tuple((y, codes) for y, codes in warned if first <= y <= a.year)


@dataclass(frozen=True, slots=True)
class GoalSection:
    """A goal with its rows, in report order, and their status counts."""

    goal: Goal
    rows: tuple[ReportRow, ...]
    summary: tuple[tuple[Status, int], ...]


@dataclass(frozen=True, slots=True)
class ReportView:
    """A whole report: what was asked, every goal of the (filtered) catalog, and its rows."""

    programme: Programme
    year: int
    method: str  # a registered method's name
    pace: Pace
    tool_version: str
    goals: tuple[Goal, ...]
    rows: tuple[ReportRow, ...]
    sections: tuple[GoalSection, ...]
    summary: tuple[tuple[Status, int], ...]
    currency: tuple[StatusCount, ...] = ()  # the summary split by current / stale values
    compare_year: int | None = None  # with --compare
    movements: tuple[tuple[Movement, int], ...] | None = None  # with --compare


def build_report_row(
    goal: Goal,
    indicator: Indicator,
    a: Assessment,
    year: int,
    comparison: Comparison | None = None,
) -> ReportRow:
    """The row of one assessment, reported for ``year``."""
    until = a.year if a.year is not None else year
    series = [(y, obs.value) for y, obs in indicator.series() if y <= until]
    trend = tuple(v for _, v in series)[-TREND_POINTS:]
    has_target = a.target is not None and finite(a.target.value) is not None
    return ReportRow(
        goal=goal,
        indicator=indicator,
        assessment=a,
        decimals=display_decimals(indicator.decimals, indicator.unit),
        change=Change(finite(a.change), finite(a.change_pct), a.year, a.previous_year),
        pace=pace_used(a),
        value_marker=VALUE_STATUS_MARKERS.get(a.value_status or ""),
        older=a.year is not None and a.year != year and finite(a.value) is not None,
        target_marker=(
            Marker.FORECAST
            if has_target and a.target is not None and a.target.kind == "forecast"
            else None
        ),
        trend=trend,
        comparison=comparison,
        trend_years=tuple(by_year(series, year, TREND_POINTS)) if series else (),
        value_warnings=tuple(value_warnings(indicator).items()),
    )


def build_report_view(
    catalog: Catalog,
    assessments: Sequence[Assessment],
    *,
    year: int,
    method: str,
    pace: Pace,
    tool_version: str,
    comparisons: Sequence[Comparison] | None = None,
    compare_year: int | None = None,
) -> ReportView:
    """The report of ``assessments`` (in display order) of indicators of ``catalog``; with
    ``comparisons`` (``--compare compare_year``), each row carries its own.

    Raises ValueError when an assessment names an indicator or goal missing from the catalog
    (a programming error: the CLI builds both from the same data set).
    """
    by_id = {c.indicator_id: c for c in comparisons or ()}
    indicators = {i.id: i for i in catalog.indicators}
    goals = {g.id: g for g in catalog.goals}
    rows: list[ReportRow] = []
    for a in assessments:
        indicator = indicators.get(a.indicator_id)
        if indicator is None:
            raise ValueError(f"assessment of unknown indicator {a.indicator_id!r}")
        goal = goals.get(indicator.goal)
        if goal is None:
            raise ValueError(
                f"indicator {indicator.id!r} belongs to unknown goal {indicator.goal!r}"
            )
        rows.append(build_report_row(goal, indicator, a, year, by_id.get(a.indicator_id)))
    rows = number_footnotes(rows)
    by_goal: dict[str, list[ReportRow]] = {}
    for row in rows:
        by_goal.setdefault(row.goal.id, []).append(row)
    sections = tuple(
        GoalSection(g, tuple(by_goal[g.id]), count_statuses(r.status for r in by_goal[g.id]))
        for g in catalog.goals
        if g.id in by_goal
    )
    return ReportView(
        programme=catalog.programme,
        year=year,
        method=method,
        pace=pace,
        tool_version=tool_version,
        goals=tuple(catalog.goals),
        rows=tuple(rows),
        sections=sections,
        summary=count_statuses(r.status for r in rows),
        currency=count_by_currency(assessments),
        compare_year=compare_year if comparisons is not None else None,
        movements=None if comparisons is None else tuple(count_movements(comparisons)),
    )


def number_footnotes(rows: Sequence[ReportRow]) -> list[ReportRow]:
    """Every row whose status has a reason gets the next footnote number (1, 2, ...)."""
    numbered: list[ReportRow] = []
    n = 0
    for row in rows:
        if row.assessment.notes or row.assessment.reason:
            n += 1
            row = replace(row, footnote=n)
        numbered.append(row)
    return numbered


# --------------------------------------------------------------------------------------------
# One indicator (show)


@dataclass(frozen=True, slots=True)
class ValueRow:
    """One observation with its change from the observation before it and its roles."""

    year: int
    value: float
    status: str  # final | provisional | estimated
    note: Localizable | None  # as the data file gives it: renderers localize it
    change: Change
    is_base: bool  # the start of the selected method's assessed period
    is_assessed: bool  # the value the selected method assessed
    after_assessed: bool  # newer than the assessed year (shown dimmed)
    warnings: tuple[str, ...] = ()  # codes of the warnings ``validate`` gives the value

    @property
    def previous_year(self) -> int | None:
        return self.change.previous_year

    @property
    def change_pct(self) -> float | None:
        return self.change.relative_pct


@dataclass(frozen=True, slots=True)
class ChartPoint:
    year: int
    value: float
    status: str


@dataclass(frozen=True, slots=True)
class ChartGeometry:
    """What both charts draw, in data coordinates."""

    points: list[ChartPoint]
    targets: list[TargetRef]
    target: TargetRef | None  # the one the selected status was judged against
    path: list[tuple[float, float]]  # base -> target, straight
    projection: list[tuple[float, float]]  # latest -> target year, at the current pace
    assessed: tuple[int, float] | None
    biggest_move: ValueRow | None  # the largest year-over-year swing, when it is dramatic

    @property
    def x_range(self) -> tuple[float, float]:
        xs = [float(p.year) for p in self.points] + [float(t.year) for t in self.targets]
        xs += [x for x, _ in self.path] + [x for x, _ in self.projection]
        lo, hi = min(xs, default=0.0), max(xs, default=1.0)
        return (lo - 1, hi + 1) if hi - lo < 1 else (lo, hi)

    @property
    def y_values(self) -> list[float]:
        """The values the y axis must show: the data, the targets and the path, and the
        projection only as far as PROJECTION_ROOM of that span beyond it (a projection far
        outside is cut at the edge rather than squashing the data)."""
        ys = [p.value for p in self.points] + [t.value for t in self.targets]
        ys += [y for _, y in self.path]
        if not ys:
            return [y for _, y in self.projection]
        lo, hi = min(ys), max(ys)
        room = PROJECTION_ROOM * max(hi - lo, abs(hi) * 0.1, 1e-9)
        return ys + [min(max(y, lo - room), hi + room) for _, y in self.projection]


@dataclass(frozen=True, slots=True)
class IndicatorView:
    """One indicator as ``show``, its charts and the site's indicator page show it."""

    programme: Programme
    indicator: Indicator
    goal: Goal | None
    objectives: tuple[Objective, ...]
    decimals: int
    year: int
    method: str  # the selected method (headline, chart)
    assessments: Mapping[str, Assessment]  # every method, in registry.method_names() order
    values: tuple[ValueRow, ...]
    chart: ChartGeometry
    tool_version: str
    # the values by category (``show_breakdowns``), in the order the indicator declares them
    breakdowns: tuple[ShowBreakdown, ...] = ()

    @property
    def selected(self) -> Assessment | None:
        return self.assessments.get(self.method)

    @property
    def pace(self) -> float | None:
        """The growth rate behind the selected status (see pace_used)."""
        return None if self.selected is None else pace_used(self.selected)


def value_rows(indicator: Indicator, selected: Assessment | None = None) -> tuple[ValueRow, ...]:
    """The series in year order, each value with its change from the one before."""
    rows: list[ValueRow] = []
    previous: tuple[int, float] | None = None
    warned = value_warnings(indicator)
    for year, obs in indicator.series():
        absolute = relative = None
        if previous is not None:
            absolute, relative = year_over_year(previous[1], obs.value)
            if indicator.unit == "rank":
                relative = None  # ranks are ordinal: changes in places, never percent
        rows.append(
            ValueRow(
                year=year,
                value=obs.value,
                status=obs.status,
                note=obs.note,
                change=Change(absolute, relative, year, previous[0] if previous else None),
                is_base=selected is not None and year == selected.base_year,
                is_assessed=selected is not None and year == selected.year,
                after_assessed=selected is not None
                and selected.year is not None
                and year > selected.year,
                warnings=warned.get(year, ()),
            )
        )
        previous = (year, obs.value)
    return tuple(rows)


def build_indicator_view(
    catalog: Catalog,
    indicator: Indicator,
    assessments: Mapping[str, Assessment],
    *,
    method: str,
    year: int,
    tool_version: str,
) -> IndicatorView:
    """The page of ``indicator`` assessed under each method in ``assessments``."""
    goal = catalog.goal(indicator.goal)
    objectives = (
        () if goal is None else tuple(o for o in goal.objectives if o.id in indicator.objectives)
    )
    ordered = {m: assessments[m] for m in registry.method_names() if m in assessments}
    selected = ordered.get(method)
    rows = value_rows(indicator, selected)
    return IndicatorView(
        programme=catalog.programme,
        indicator=indicator,
        goal=goal,
        objectives=objectives,
        decimals=display_decimals(indicator.decimals, indicator.unit),
        year=year,
        method=method,
        assessments=ordered,
        values=rows,
        chart=chart_geometry(indicator, selected, rows),
        tool_version=tool_version,
    )


def chart_geometry(
    indicator: Indicator, selected: Assessment | None, rows: Sequence[ValueRow]
) -> ChartGeometry:
    """The series, targets, straight path and projection of ``selected``, and the biggest
    dramatic move (≥ DRAMATIC_CHANGE_PCT, in a series of at least three values)."""
    points = [ChartPoint(y, o.value, o.status) for y, o in indicator.series()]
    targets = [TargetRef(t.value, t.year, t.kind) for t in indicator.targets]
    a = selected
    target = a.target if a is not None else None
    path: list[tuple[float, float]] = []
    projection: list[tuple[float, float]] = []
    assessed: tuple[int, float] | None = None
    if a is not None and a.year is not None and finite(a.value) is not None:
        assessed = (a.year, float(a.value or 0.0))
    if a is not None and target is not None:
        base_value = finite(a.base_value)
        if a.base_year is not None and base_value is not None and a.base_year < target.year:
            path = [(float(a.base_year), base_value), (float(target.year), target.value)]
        projected = finite(a.projected_value)
        if assessed is not None and projected is not None and assessed[0] < target.year:
            compound = projection_kind(a) is Projection.COMPOUND
            projection = _projection(assessed, (target.year, projected), geometric=compound)
            if "projected_value" in a.clipped:
                projection = _clipped_projection(indicator, a, assessed, target.year) or projection
    moves = [r for r in rows if r.change_pct is not None] if len(rows) >= 3 else []
    biggest = max(moves, key=lambda r: abs(r.change_pct or 0.0), default=None)
    if biggest is not None and abs(biggest.change_pct or 0.0) < DRAMATIC_CHANGE_PCT:
        biggest = None
    return ChartGeometry(points, targets, target, path, projection, assessed, biggest)


def projection_kind(a: Assessment) -> Projection:
    """How ``a.projected_value`` was projected: the assessment's own ``projection`` (a share or
    a rank is projected linearly under every method), else its method's."""
    if a.projection is not None:
        return Projection(a.projection)
    return registry.method(a.method).projection


def _clipped_projection(
    indicator: Indicator, a: Assessment, start: tuple[int, float], end_year: int
) -> list[tuple[float, float]]:
    """The projection at the assessment's own pace, held at the edge of the indicator's possible
    values once it reaches it (the engine clipped ``projected_value``); [] without a pace."""
    low, high = value_domain(indicator)
    x0, y0 = start
    rate = pace_used(a)
    change = finite(a.annual_change)
    linear = projection_kind(a) is Projection.LINEAR
    curve: list[tuple[float, float]] = []
    steps = max(1, (end_year - x0) * 8)
    for i in range(steps + 1):
        x = x0 + (end_year - x0) * i / steps
        if linear and change is not None:
            y = y0 + change * (x - x0)
        elif rate is not None and rate > -1:
            y = y0 * math.exp(math.log1p(rate) * (x - x0))
        else:
            return []
        if low is not None:
            y = max(y, low)
        if high is not None:
            y = min(y, high)
        curve.append((x, y))
    return curve


def _projection(
    start: tuple[int, float], end: tuple[int, float], *, geometric: bool
) -> list[tuple[float, float]]:
    """The curve from the latest value to the projected one: compound growth (a method whose
    ``projection`` is compound: ratio, unsd) or a straight line (linear: dns; or when a value
    is not positive)."""
    (x0, y0), (x1, y1) = start, end
    steps = max(1, (x1 - x0) * 8)
    curve: list[tuple[float, float]] = []
    for i in range(steps + 1):
        f = i / steps
        y = y0 * (y1 / y0) ** f if geometric and y0 > 0 and y1 > 0 else y0 + (y1 - y0) * f
        curve.append((x0 + (x1 - x0) * f, y))
    return curve


def nice_step(span: float, intervals: int) -> float:
    """The 1-2-2.5-5 step that cuts ``span`` into the number of pieces closest to
    ``intervals`` (on a tie, the larger step)."""
    raw = span / max(intervals, 1)
    if raw <= 0 or not math.isfinite(raw):
        return 1.0
    magnitude = 10.0 ** math.floor(math.log10(raw))
    candidates = [m * magnitude for m in (0.5, 1, 2, 2.5, 5, 10)]
    return min(candidates, key=lambda c: (abs(span / c - intervals), -c))


def rank_axis(unit: str) -> bool:
    """A rank's axis: inverted so that better (rank 1) is up, and never below rank 1."""
    return unit == "rank"


def y_bounds(
    values: Sequence[float], intervals: int = 5, *, integer: bool = False, rank: bool = False
) -> tuple[float, float, float]:
    """Axis bounds (lo, hi, step) on step multiples, with a little room beyond the data. Zero is
    included when every value is non-negative and the smallest is under half the largest, so a
    collapse looks like one. ``integer``: steps of at least 1 (counts, ranks). ``rank``: the
    axis starts at rank 1 at the lowest (rank 0 is never drawn) and zero is not included."""
    if not values:
        return (1.0, 2.0, 1.0) if rank else (0.0, 1.0, 0.25)
    if rank:
        return _rank_bounds(values, intervals)
    lo, hi = min(values), max(values)
    if lo >= 0 and lo < 0.5 * hi:
        lo = 0.0
    # Values equal but for float noise (30000 and 30000.000000000004) get the room of equal
    # values: a span of a few ulps would give a step of zero width after rounding.
    spread = hi - lo > 1e-9 * max(abs(hi), abs(lo), 1.0)
    pad = 0.04 * (hi - lo) if spread else abs(hi) * 0.1 or 1.0
    hi += pad
    if lo != 0:
        lo = 0.0 if lo - pad < 0 <= lo else lo - pad
    step = nice_step(hi - lo, intervals)
    if integer:
        step = max(step, 1.0)
    return math.floor(lo / step + 1e-9) * step, math.ceil(hi / step - 1e-9) * step, step


def _rank_bounds(values: Sequence[float], intervals: int) -> tuple[float, float, float]:
    """A rank axis from rank 1 (or the step below the best rank shown) to past the worst, in
    whole steps, so that its ticks 1, 1 + step, ... are ranks."""
    lo, hi = max(1.0, min(values)), max(values)
    step = max(1.0, float(math.ceil(nice_step(max(hi - lo, 1.0) * 1.08, intervals))))
    # a step of room above the best rank (rank 1 at most), on the ticks 1, 1 + step, ...
    start = 1.0 + max(0.0, math.floor((lo - step - 1.0) / step)) * step if lo > 1.0 else 1.0
    count = max(1, math.ceil((hi - start) / step - 1e-9))
    if start + count * step <= hi:
        count += 1
    return start, start + count * step, step


def step_decimals(step: float) -> int:
    """Decimals needed to print multiples of ``step`` exactly."""
    for d in range(7):
        if abs(round(step, d) - step) < 1e-9 * max(1.0, abs(step)):
            return d
    return 6


# --------------------------------------------------------------------------------------------
# The list of goals or indicators


@dataclass(frozen=True, slots=True)
class ListView:
    """The goals or the indicators of a data set (``intl-tracker list``)."""

    catalog: Catalog
    what: str  # goals | indicators
    tool_version: str
