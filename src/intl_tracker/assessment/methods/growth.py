"""What the compound-growth methods share (ratio, unsd): the projection at the growth rate,
the no-target trend bands, a base already past the target, and the ETA.

methods.md, "Building blocks": projection v_T = v_t · (1 + CAGR)^(T - t); without a target the
status is the direction-adjusted CAGR in the method's trend bands. A growth rate needs positive
values: with a value ≤ 0 there is none (we never substitute 0.001 as Statistics Canada does).
"""

from __future__ import annotations

from collections.abc import Callable

from intl_tracker.assessment.draft import Case, Growth
from intl_tracker.assessment.numeric import meets, trend_band
from intl_tracker.assessment.projections import compound_eta, compound_projection
from intl_tracker.assessment.registry import Verdict
from intl_tracker.core.vocabulary import Status

#: A method's status of a case with a target in the future or none (see ``judge_growth``).
Score = Callable[[Case], Status]


def judge_growth(case: Case, score: Score) -> Verdict:
    """The status by ``score`` and the compound ETA, after the projection to the target year.
    A target year before the assessed one is missed (the shared rules decide it; no score
    against a past year)."""
    dr, t, v_t, target = case.draft, case.year, case.value, case.target
    if case.endpoints is None and dr.base_value is not None:
        dr.note(
            "CAGR undefined: a value ≤ 0 (base {base_year}: {base_value}, {year}: {value}); "
            "growth rates need positive values (--method dns works on differences)",
            base_year=dr.base_year,
            base_value=float(dr.base_value),
            year=t,
            value=float(v_t),
        )
    if target is not None and target.year >= t and case.growth is not None:
        projected = compound_projection(v_t, case.growth, target.year - t)
        dr.projected_value = dr.clip("projected_value", projected)
    status = Status.MISSED if target is not None and target.year < t else score(case)
    eta = compound_eta(t, v_t, target, case.growth, case.direction, dr.domain)
    return Verdict(status, eta)


def trend_status(case: Case, growth: Growth) -> Status:
    """Without a target: the direction-adjusted growth rate in Eurostat's trend bands."""
    rate = case.direction * growth.rate
    return trend_band(rate, case.bands.trend_on_track, case.bands.trend_moderate)


def past_target_status(case: Case, growth: Growth) -> Status:
    """Base at or beyond the target but the latest value is not: the score is undefined (zero
    or wrong-signed denominator). Wrong-way pace → moving_away; otherwise on_track if the
    projection reaches the target, else insufficient."""
    dr, target, d = case.draft, case.target, case.direction
    assert target is not None
    if d * growth.rate < 0:
        dr.note("base already met the target; the series has fallen back")
        return Status.MOVING_AWAY
    reached = dr.projected_value is not None and meets(dr.projected_value, target.value, d)
    return Status.ON_TRACK if reached else Status.INSUFFICIENT
