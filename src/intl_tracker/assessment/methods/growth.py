"""What the compound-growth methods share (ratio, unsd): the projection at the growth rate,
the no-target trend bands, a base already past the target, the ETA, and the two rules that
judge or project on differences instead.

methods.md, "Building blocks": projection v_T = v_t · (1 + CAGR)^(T - t); without a target the
status is the direction-adjusted CAGR in the method's trend bands. A growth rate needs positive
values at both end points: with a value ≤ 0 there is none (we never substitute 0.001 as
Statistics Canada does), and a rate out of floating-point range (1e-300 to 1e17) is said to
overflow. A rank is judged on differences (docs/methods.md "Ranks": the change in places a
year, a linear projection); a share of a whole keeps the method's status but its shown
projection and ETA are linear in percentage points ("Projections of shares").
"""

from __future__ import annotations

from collections.abc import Callable

from intl_tracker.assessment.draft import Case, Growth
from intl_tracker.assessment.numeric import meets, trend_band
from intl_tracker.assessment.projections import compound_eta, compound_projection, linear_eta
from intl_tracker.assessment.records import SCORED_STATUSES
from intl_tracker.assessment.registry import Projection, Verdict
from intl_tracker.assessment.series import required_change
from intl_tracker.core.vocabulary import Status

#: The unit of a share of a whole (its linear projection is written in percentage points).
SHARE_UNIT = "percent"

#: A method's status of a case with a target in the future or none (see ``judge_growth``).
Score = Callable[[Case], Status]


def judge_growth(case: Case, score: Score, *, on_differences: bool = False) -> Verdict:
    """The status by ``score`` and the ETA, after the projection to the target year: compound
    at the growth rate, or linear at ``case.change`` when the case is judged on differences (a
    rank, or ``on_differences``: the method's own choice, e.g. a target ≤ 0). A share's shown
    projection and ETA are linear after the score. A target year before the assessed one is
    missed (the shared rules decide it; no score against a past year)."""
    dr, t, v_t, target = case.draft, case.year, case.value, case.target
    linear = case.differences or on_differences
    if linear:
        dr.annual_change = case.change
        _project_linearly(case)
    else:
        _note_undefined_growth(case)
        if target is not None and target.year >= t and case.growth is not None:
            projected = compound_projection(v_t, case.growth, target.year - t)
            dr.projected_value = dr.clip("projected_value", projected)
            dr.projection = Projection.COMPOUND
    status = Status.MISSED if target is not None and target.year < t else score(case)
    if linear:
        eta = linear_eta(t, v_t, target, case.change, case.direction, dr.domain)
    else:
        eta = compound_eta(t, v_t, target, case.growth, case.direction, dr.domain)
        if case.share and dr.projected_value is not None and case.change is not None:
            eta = _share_linearly(case)
    if dr.unit == SHARE_UNIT and not linear:
        _share_in_points(case, status)
    return Verdict(status, eta)


def _share_in_points(case: Case, status: Status) -> None:
    """A share's paces in percentage points a year, for the pace column (``annual_change``
    actual, ``required_change`` needed from the same base); a trend-only status is judged on
    the growth rate of the share, and its reason says so (docs/methods.md, "Paces of
    shares")."""
    dr, target = case.draft, case.target
    if case.change is None:
        return
    dr.annual_change = case.change
    if target is not None:
        dr.required_change = required_change(dr, target)
    elif case.growth is not None and status in SCORED_STATUSES - {Status.NO_CHANGE}:
        dr.note(
            "a share: judged on the growth rate of the share ({rate_pct} a year), as Eurostat "
            "judges every indicator without a target; its change is {change} a year",
            rate_pct=100.0 * case.growth.rate,
            change=float(case.change),
        )


def _share_linearly(case: Case) -> int | None:
    """A share's shown projection and ETA, linear in percentage points after the method scored
    on its compound projection; the note gives both (docs/methods.md, "Projections of shares")."""
    dr, target = case.draft, case.target
    assert case.change is not None and dr.projected_value is not None
    compound = dr.clipped_from.pop("projected_value", dr.projected_value)
    dr.annual_change = case.change
    _project_linearly(case)
    if dr.projected_value is not None and target is not None:
        numbers = {
            "change": float(case.change),
            "projected": float(dr.clipped_from.get("projected_value", dr.projected_value)),
            "target_year": target.year,
            "compound": float(compound),
        }
        if dr.unit == SHARE_UNIT:
            dr.note(
                "a share: projected linearly at {change} a year to {projected} in "
                "{target_year}; the status is the method's, on the growth rate (compounded: "
                "{compound})",
                **numbers,
            )
        else:
            dr.note(
                "projected linearly at {change} a year to {projected} in {target_year}, as "
                "the indicator declares (projection: linear); the status is the method's, on "
                "the growth rate (compounded: {compound})",
                **numbers,
            )
    return linear_eta(case.year, case.value, target, case.change, case.direction, dr.domain)


def _project_linearly(case: Case) -> None:
    """projected_value = v_t + change · (T - t), clipped to the domain (methods.md)."""
    dr, t, target = case.draft, case.year, case.target
    if target is None or target.year < t or case.change is None:
        return
    projected = case.value + case.change * (target.year - t)
    dr.projected_value = dr.clip("projected_value", projected)
    dr.projection = Projection.LINEAR


def _note_undefined_growth(case: Case) -> None:
    """Why there is no growth rate, when there is a period: a value ≤ 0 at an end point, or a
    rate out of floating-point range (both end points positive)."""
    dr, t, v_t = case.draft, case.year, case.value
    if case.endpoints is not None or dr.base_value is None or dr.base_year is None:
        return
    if dr.base_value <= 0 or v_t <= 0:
        dr.note(
            "CAGR undefined: a value ≤ 0 (base {base_year}: {base_value}, {year}: {value}); "
            "growth rates need positive values (--method dns works on differences)",
            base_year=dr.base_year,
            base_value=float(dr.base_value),
            year=t,
            value=float(v_t),
        )
    else:
        dr.note(
            "CAGR out of floating-point range: {base_value} in {base_year} to {value} in "
            "{year} overflows the growth rate (--method dns works on differences)",
            base_year=dr.base_year,
            base_value=float(dr.base_value),
            year=t,
            value=float(v_t),
        )


def trend_status(case: Case, growth: Growth | None) -> Status:
    """Without a target: the direction-adjusted growth rate in Eurostat's trend bands, or for
    a case judged on differences the change a year (places for a rank) in its bands."""
    if case.differences:
        return change_trend_status(case)
    if growth is None:
        return Status.INSUFFICIENT_DATA
    rate = case.direction * growth.rate
    return trend_band(rate, case.bands.trend_on_track, case.bands.trend_moderate)


def change_trend_status(case: Case) -> Status:
    """Without a target, on differences: the direction-adjusted change a year in the trend
    bands (a rank: places a year, docs/methods.md "Ranks")."""
    dr = case.draft
    if case.change is None:
        return Status.INSUFFICIENT_DATA
    dr.annual_change = case.change  # a change of zero is said by rules.note_judged_period
    if case.balance:
        dr.note(
            "a net balance: judged on its change a year ({change}), never on a growth rate; "
            "a change is called significant only beyond an edge the indicator gives in its "
            "unit",
            change=float(case.change),
        )
    gained = case.direction * case.change
    return trend_band(gained, case.bands.trend_on_track, case.bands.trend_moderate)


def past_target_status(case: Case, pace: float) -> Status:
    """Base at or beyond the target but the latest value is not: the score is undefined (zero
    or wrong-signed denominator). Wrong-way pace → moving_away; otherwise on_track if the
    projection reaches the target, else insufficient (our rule: the published formulas would
    divide by a wrong-signed distance and call a fall back "on track"; docs/methods.md)."""
    dr, target, d = case.draft, case.target, case.direction
    assert target is not None
    if d * pace < 0:
        dr.note("base already met the target; the series has fallen back")
        return Status.MOVING_AWAY
    reached = dr.projected_value is not None and meets(dr.projected_value, target.value, d)
    return Status.ON_TRACK if reached else Status.INSUFFICIENT
