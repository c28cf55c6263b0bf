"""One indicator as ``show``, its charts and the site's indicator page show it.

:func:`build_indicator_view` gives an :class:`IndicatorView`: the indicator assessed under every
method, its values with their changes (:class:`ValueRow`) and what its charts draw
(:class:`ChartGeometry`, in data coordinates). Pure and language-independent like
:mod:`intl_tracker.presentation.views`, whose shared facts (:class:`~.views.Change`,
:func:`~.views.pace_used`) it uses; kept apart so that a report does not build these records.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from intl_tracker.assessment import registry
from intl_tracker.assessment.records import Assessment, TargetRef
from intl_tracker.assessment.registry import Projection
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
from intl_tracker.presentation.number_format import finite
from intl_tracker.presentation.show_breakdowns import ShowBreakdown
from intl_tracker.presentation.views import Change, indicator_decimals, pace_used, year_over_year

#: A year-over-year move at least this large (in percent) is pointed out in charts.
DRAMATIC_CHANGE_PCT = 25.0
#: Units whose values are whole numbers (chart axes step by at least 1).
INTEGER_UNITS = frozenset({"count", "rank"})
#: How far beyond the data and targets (a share of their span) the y axis stretches for a
#: projection; beyond it the projection is cut at the edge of the chart.
PROJECTION_ROOM = 0.5


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
    #: The exceptional event the data file names for the value (docs/methods.md,
    #: "Exceptional years"); renderers localize it.
    exceptional: Localizable | None = None
    is_break: bool = False  # a break in series starts here: no change from the one before

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
    breaks: tuple[int, ...] = ()  # years that start a new series: no line joins across

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
        is_break = previous is not None and indicator.break_between(previous[0], year) is not None
        if previous is not None and not is_break:
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
                exceptional=obs.exceptional,
                is_break=is_break,
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
        decimals=indicator_decimals(indicator),
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
    breaks = tuple(sorted(indicator.break_years()))
    return ChartGeometry(points, targets, target, path, projection, assessed, biggest, breaks)


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


#: The y axis of a chart that does not start at zero spans at least this share of the
#: largest absolute value drawn (docs/guide/analysts.md, "Chart axes"): a change of a few per
#: cent is then never drawn across the whole plot (a score 3.42 -> 3.44 on a 3.35-3.60 axis).
MIN_SPAN_SHARE = 0.2


def y_bounds(
    values: Sequence[float],
    intervals: int = 5,
    *,
    integer: bool = False,
    rank: bool = False,
    decimals: int | None = None,
) -> tuple[float, float, float]:
    """Axis bounds (lo, hi, step) on step multiples, with a little room beyond the data. Zero is
    included when every value is non-negative and the smallest is under half the largest, so a
    collapse looks like one. An axis that does not start at zero spans at least
    ``MIN_SPAN_SHARE`` of the largest absolute value (widened evenly about the data, never
    across zero). ``integer``: steps of at least 1 (counts, ranks). ``decimals``: the data's
    decimals; the step is a multiple of 10**-decimals, so tick labels never claim more
    precision than the values. ``rank``: the axis starts at rank 1 at the lowest (rank 0 is
    never drawn) and zero is not included."""
    if not values:
        return (1.0, 2.0, 1.0) if rank else (0.0, 1.0, 0.25)
    if rank:
        return _rank_bounds(values, intervals)
    lo, hi = min(values), max(values)
    if lo >= 0 and lo < 0.5 * hi:
        lo = 0.0
    lo, hi = _min_span(lo, hi)
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
    if decimals is not None:
        step = _step_within(step, decimals)
    return math.floor(lo / step + 1e-9) * step, math.ceil(hi / step - 1e-9) * step, step


def _min_span(lo: float, hi: float) -> tuple[float, float]:
    """``lo``, ``hi`` widened evenly to ``MIN_SPAN_SHARE`` of the largest absolute value when
    the axis does not start at zero; a bound never crosses zero (it stops there)."""
    if lo == 0 or hi == 0:
        return lo, hi
    need = MIN_SPAN_SHARE * max(abs(lo), abs(hi)) - (hi - lo)
    if need <= 0:
        return lo, hi
    lo, hi = lo - need / 2, hi + need / 2
    if lo < 0 <= lo + need / 2:
        lo = 0.0
    if hi > 0 >= hi - need / 2:
        hi = 0.0
    return lo, hi


def _step_within(step: float, decimals: int) -> float:
    """The smallest 1-2-5 step at least ``step`` that prints with ``decimals`` decimals."""
    if step_decimals(step) <= decimals:
        return step
    unit = 10.0 ** -max(0, decimals)
    return next(unit * k for k in (1, 2, 5, 10, 20, 50, 100) if unit * k >= step - 1e-12)


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
