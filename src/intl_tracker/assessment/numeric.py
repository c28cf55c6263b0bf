"""Arithmetic that never raises and never returns NaN or infinity, and the band comparisons.

Growth rates are computed in log space with :mod:`math` (no pandas). Band edges and "the value
meets the target" are compared with a small tolerance, so that a ratio computed as
0.9499999999 lands where 0.95 lands (methods.md, "Open questions").
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from intl_tracker.core.vocabulary import Status
from intl_tracker.dataset.models import MAX_YEAR

#: Absolute tolerance of a band edge.
EDGE_TOLERANCE = 1e-9
#: Relative tolerance of "the value meets the target" (so 29.999999999999996 meets 30).
MEET_TOLERANCE = 1e-9
#: Least points of a fitted growth rate.
FITTED_MIN_POINTS = 3


def finite(x: float | None) -> float | None:
    """``x`` when it is a finite number, else None."""
    return x if x is not None and math.isfinite(x) else None


def exp(x: float) -> float | None:
    """e^x, None on overflow."""
    try:
        return finite(math.exp(x))
    except OverflowError:
        return None


def expm1(x: float) -> float | None:
    """e^x - 1 (a growth rate from a log rate), None on overflow."""
    try:
        return finite(math.expm1(x))
    except OverflowError:
        return None


def log_ratio(a: float, b: float) -> float | None:
    """ln(a / b) for positive a and b, else None (a growth rate needs positive values)."""
    if a <= 0 or b <= 0:
        return None
    q = a / b
    return math.log(q) if 0 < q < math.inf else math.log(a) - math.log(b)


def short_text(x: float) -> str:
    """A number as the English reasons write it (``%g``)."""
    return f"{x:g}"


#: The fields of a reason that are a change a year or a change (in the unit: percentage points
#: for a percentage, places for a rank), as opposed to a value in the unit.
CHANGE_FIELDS = frozenset({"change", "required", "avg", "last"})


def note_field_kind(name: str) -> str:
    """What a number of a reason is, by its field name: ``score`` (a progress ratio, no
    unit), ``pct`` (already a percentage: "20%"), ``change`` (``CHANGE_FIELDS``: pp for a
    percentage, places for a rank) or ``value`` (a value in the indicator's unit). The
    presentation writes each kind by the number rule (docs/methods.md, "One number rule")."""
    if name.endswith("_ratio"):
        return "score"
    if name.endswith("_pct"):
        return "pct"
    return "change" if name in CHANGE_FIELDS else "value"


def unit_text(x: float, kind: str, unit: str, suffix: str | None) -> str:
    """``x`` of a reason with its unit, as the engine's English ``reason`` writes it: "36.5%"
    for a percent value, "+1.2 pp" for a change of a percentage, "up 2 places" for a change
    of rank, "712 kt CO2e" with a ``suffix``; a ratio bare."""
    number = short_text(x)
    if kind == "score":
        return number
    if kind == "pct":
        return f"{number}%"
    if kind == "change":
        return _change_text(x, unit, suffix)
    if unit == "percent":
        return f"{number}%"
    return number if suffix is None else f"{number} {suffix}"


def _change_text(x: float, unit: str, suffix: str | None) -> str:
    if unit == "rank":
        if x == 0:
            return "no change"
        places = "place" if abs(x) == 1 else "places"
        return f"{'up' if x < 0 else 'down'} {short_text(abs(x))} {places}"
    signed = f"{x:+g}"
    if unit == "percent":
        return f"{signed} pp"
    return signed if suffix is None else f"{signed} {suffix}"


def meets(value: float, target: float, d: int) -> bool:
    """The value is at or beyond the target in the desired direction ``d`` (+1 increase,
    -1 decrease), with a relative tolerance."""
    return d * (value - target) >= -MEET_TOLERANCE * max(abs(value), abs(target))


def band(x: float, on_track: float, moderate: float) -> Status:
    """Ascending bands: ≥ on_track, ≥ moderate, ≥ 0, < 0 (edges with EDGE_TOLERANCE)."""
    if x >= on_track - EDGE_TOLERANCE:
        return Status.ON_TRACK
    if x >= moderate - EDGE_TOLERANCE:
        return Status.MODERATE
    if x >= -EDGE_TOLERANCE:
        return Status.INSUFFICIENT
    return Status.MOVING_AWAY


#: Eurostat's edges for indicators without a quantified target: a direction-adjusted yearly
#: change above +1 % is significant progress, 0 to 1 % moderate progress, -1 % to 0 moderate
#: movement away, below -1 % significant movement away (Eurostat, *Sustainable development in
#: the European Union — monitoring report*, methodological annex, "indicators without
#: quantitative targets").
TREND_SIGNIFICANT = 0.01
TREND_DIVIDE = 0.0


def trend_band(x: float, significant: float, divide: float) -> Status:
    """Eurostat's four trend bands: ≥ significant, ≥ divide, ≥ -significant, below (as
    on_track, moderate, insufficient, moving_away; the trend vocabulary names them "significant
    progress", "moderate progress", "moderate movement away", "significant movement away"), and
    our fifth: a change of exactly zero (within ``EDGE_TOLERANCE``) is no_change, "no change"
    (Eurostat's bands would put it in moderate progress; docs/methods.md)."""
    if abs(x) <= EDGE_TOLERANCE and divide == 0:
        return Status.NO_CHANGE
    if x >= significant - EDGE_TOLERANCE:
        return Status.ON_TRACK
    if x >= divide - EDGE_TOLERANCE:
        return Status.MODERATE
    if x >= -significant - EDGE_TOLERANCE:
        return Status.INSUFFICIENT
    return Status.MOVING_AWAY


def ceil_year(t: int, years_ahead: float) -> int | None:
    """First whole year at or after t + years_ahead; None beyond MAX_YEAR (not a useful ETA)."""
    if not math.isfinite(years_ahead) or t + years_ahead > MAX_YEAR:
        return None
    return t + max(0, math.ceil(years_ahead - EDGE_TOLERANCE))


def fitted_log_rate(points: Sequence[tuple[int, float]]) -> float | None:
    """Least-squares slope of ln(value) on year (None: < 3 points or a value ≤ 0)."""
    if len(points) < FITTED_MIN_POINTS or any(v <= 0 for _, v in points):
        return None
    n = len(points)
    xm = sum(y for y, _ in points) / n
    logs = [(y - xm, math.log(v)) for y, v in points]
    ym = sum(ly for _, ly in logs) / n
    sxx = sum(dx * dx for dx, _ in logs)
    sxy = sum(dx * (ly - ym) for dx, ly in logs)
    return finite(sxy / sxx)


def linear_slope(points: Sequence[tuple[int, float]]) -> float | None:
    """Least-squares slope of value on year, in the unit a year (None: < 3 points)."""
    if len(points) < FITTED_MIN_POINTS:
        return None
    n = len(points)
    xm = sum(y for y, _ in points) / n
    vm = sum(v for _, v in points) / n
    sxx = sum((y - xm) ** 2 for y, _ in points)
    sxy = sum((y - xm) * (v - vm) for y, v in points)
    return finite(sxy / sxx)
