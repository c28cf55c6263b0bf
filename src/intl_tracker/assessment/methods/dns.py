"""``dns``: the German Sustainable Development Strategy's "weather symbols".

Source: Nachhaltige-Entwicklung-Deutschland/open-sdg-site-starter ``_pages/en/status.md``
(https://dns-indikatoren.de/en/status) [V].

avg = (v_t - v_{t-5}) / 5, the linear average change a year over the last six values (in the
unit); proj = v_t + avg · (T - t); dev = (target - proj) / (target - v_t), the projection's
shortfall relative to the remaining distance, already direction-neutral (both differences
change sign together). sun: dev < 5 % → on_track; slightly cloudy: 5 % to at most 20 %
→ moderate; cloud: dev > 20 % but ≤ 1 (right direction or standing still) → insufficient;
thunderstorm: dev > 1 (moving away, the gap widening) → moving_away. At least four
consecutive yearly values are needed. Fills ``annual_change`` and ``deviation``; works on
differences, so it needs neither positive values nor ``--pace``.

A target already met: DNS's own rule (its "constant target" procedure, which the status page
applies also to a target reached early): sun while the five-year trend does not point to a
setback, else a sun behind a cloud (moderate) with a note. A rank's trend is in places a year.

Without a target, by default the direction-adjusted average change relative to the window's
first value in Eurostat's no-target bands (``numeric.trend_band``: ≥ 1 %/yr significant
progress, 0-1 % moderate progress, -1-0 % moderate movement away, below significant movement
away; relative, so unit-free), one vocabulary for every method. ``assessment.trend_rule: dns``
chooses DNS's published rule for directional targets (five-year average change first, last
annual change second; ``_directional``).
"""

from __future__ import annotations

from collections.abc import Sequence

from intl_tracker.assessment.draft import Case, Draft
from intl_tracker.assessment.numeric import (
    EDGE_TOLERANCE,
    TREND_DIVIDE,
    TREND_SIGNIFICANT,
    meets,
    trend_band,
)
from intl_tracker.assessment.projections import linear_eta
from intl_tracker.assessment.registry import (
    AssessmentMethod,
    BandEdges,
    PaceColumn,
    Projection,
    Verdict,
)
from intl_tracker.core.i18n import N_
from intl_tracker.core.vocabulary import Status

SUN = 0.05
SLIGHTLY_CLOUDY = 0.20
WINDOW_YEARS = 5
MIN_POINTS = 4
# Without a target (our rule): relative linear change per year.
NO_TARGET_SUN = TREND_SIGNIFICANT  # Eurostat's trend bands (numeric.trend_band)
NO_TARGET_SLIGHTLY_CLOUDY = TREND_DIVIDE


def _window_start(dr: Draft, series: Sequence[tuple[int, float]]) -> tuple[int, float] | None:
    """Start of the DNS window: the last run of consecutive yearly values ending at t, at most
    six points (t-5…t). With t-5 present this is the DNS rule; a gap shortens the window to the
    values after it, accepted while ≥ 4 consecutive points remain, else None."""
    t = series[-1][0]
    start = len(series) - 1
    while (
        start > 0
        and series[start - 1][0] == series[start][0] - 1
        and series[start - 1][0] >= t - WINDOW_YEARS
    ):
        start -= 1
    points = len(series) - start
    if points < MIN_POINTS:
        dr.note(
            "DNS needs ≥ {needed} consecutive yearly values ending in {year}; found {points}",
            needed=MIN_POINTS,
            year=t,
            points=points,
        )
        return None
    first = series[start]
    if first[0] != t - WINDOW_YEARS:
        dr.note(
            "no value for {missing}: DNS average over {start}-{end} ({points} consecutive values)",
            missing=t - WINDOW_YEARS,
            start=first[0],
            end=t,
            points=points,
        )
    return first


def _trend_status(case: Case, start: tuple[int, float], avg: float) -> Status:
    """Without a target: the direction-adjusted change relative to the window's first value
    (a rank: places a year), or with ``trend_rule: dns`` the strategy's own rule."""
    if case.trend_rule == "dns":
        return _directional(case, avg)
    if case.differences:
        return trend_band(
            case.direction * avg, case.bands.trend_on_track, case.bands.trend_moderate
        )
    if start[1] == 0:
        case.draft.note("relative change undefined: value 0 in {year}", year=start[0])
        return Status.INSUFFICIENT_DATA
    relative = case.direction * avg / abs(start[1])
    return trend_band(relative, case.bands.trend_on_track, case.bands.trend_moderate)


def _directional(case: Case, avg: float) -> Status:
    """DNS's rule for directional targets without a value: the five-year average change first,
    the last annual change second. Both the right way: sun (significant progress); average
    right, last change wrong or none: sun behind a cloud (moderate progress); average wrong or
    none, last change right: cloud (moderate movement away); neither: thunderstorm."""
    d, series = case.direction, case.series
    last = series[-1][1] - series[-2][1]
    case.draft.note(
        "DNS rule without a target: average change {avg} a year, last change {last}",
        avg=float(avg),
        last=float(last),
    )
    if d * avg > 0:
        return Status.ON_TRACK if d * last > 0 else Status.MODERATE
    return Status.INSUFFICIENT if d * last > 0 else Status.MOVING_AWAY


def _met(case: Case, avg: float) -> Status:
    """DNS's rule for a target already reached: sun while the five-year trend does not point
    to a setback, else a sun behind a cloud (slightly cloudy, moderate) with a note."""
    if case.direction * avg >= 0:
        return Status.TARGET_MET
    case.draft.note(
        "target met, but the five-year average change ({avg} a year) points to a setback "
        "(DNS: sun behind a cloud)",
        avg=float(avg),
    )
    return Status.MODERATE


def _weather(case: Case, avg: float) -> Status:
    """With a target: the projection's deviation in the weather bands (sets ``deviation``)."""
    dr, target, t, v_t = case.draft, case.target, case.year, case.value
    assert target is not None
    if meets(v_t, target.value, case.direction):
        return _met(case, avg)
    if target.year < t:
        return Status.INSUFFICIENT_DATA  # a past target: the shared rules decide
    proj = dr.clip("projected_value", v_t + avg * (target.year - t))
    if proj is None:
        return Status.INSUFFICIENT_DATA
    dr.projected_value = proj
    dr.projection = Projection.LINEAR
    gap = target.value - v_t
    if gap == 0:
        return Status.INSUFFICIENT_DATA  # met: handled above
    dev = (target.value - proj) / gap
    dr.deviation = dev
    if dev < case.bands.on_track - EDGE_TOLERANCE:
        return Status.ON_TRACK
    if dev <= case.bands.moderate + EDGE_TOLERANCE:  # DNS: "at most 20 %" is slightly cloudy
        return Status.MODERATE
    if dev <= 1 + EDGE_TOLERANCE:
        return Status.INSUFFICIENT
    return Status.MOVING_AWAY


def assess(case: Case) -> Verdict:
    """The weather symbol of ``case`` and the linear ETA (sets ``annual_change``)."""
    dr = case.draft
    start = _window_start(dr, case.series)
    if start is None:
        if case.target is not None and meets(case.value, case.target.value, case.direction):
            dr.notes.pop()  # met, with no trend to point to a setback
            return Verdict(Status.TARGET_MET)
        return Verdict(Status.INSUFFICIENT_DATA)
    t, v_t = case.year, case.value
    avg = (v_t - start[1]) / (t - start[0])
    dr.annual_change, dr.annual_change_from = avg, start[0]
    status = _trend_status(case, start, avg) if case.target is None else _weather(case, avg)
    return Verdict(status, linear_eta(t, v_t, case.target, avg, case.direction, dr.domain))


METHOD = AssessmentMethod(
    name="dns",
    title=N_("German sustainability strategy (DNS)"),
    summary=N_(
        "five-year linear trend projected to"
        " the target year; less than 5 percent short of the target on track, 5 to 20 percent"
        " short needs acceleration"
    ),
    source="Nachhaltige-Entwicklung-Deutschland/open-sdg-site-starter _pages/en/status.md",
    classes={
        Status.TARGET_MET: N_("sun"),
        Status.ON_TRACK: N_("sun"),
        Status.MODERATE: N_("slightly cloudy"),
        Status.INSUFFICIENT: N_("cloudy"),
        Status.MOVING_AWAY: N_("thunderstorm"),
        Status.MISSED: N_("target missed"),
        Status.NO_CHANGE: N_("no change"),
        Status.INSUFFICIENT_DATA: N_("insufficient data"),
    },
    forecast_classes={Status.MISSED: N_("forecast missed")},
    bands=BandEdges(SUN, SLIGHTLY_CLOUDY, NO_TARGET_SUN, NO_TARGET_SLIGHTLY_CLOUDY),
    assess=assess,
    quantities=frozenset({"annual_change", "deviation"}),
    projection=Projection.LINEAR,
    pace_column=PaceColumn.CHANGE,
    pace_note=N_("pace: the average annual change over the last five years (linear)"),
    magnitudes=False,
    judges_met=True,
)
