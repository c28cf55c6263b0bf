"""Projections to the target year and the year the target is reached (ETA), compound or linear.

methods.md, "Building blocks": v_T = v_t · (1 + CAGR)^(T - t); the year the target is reached
t + log(target / v_t) / log(1 + CAGR) when the pace points toward it (compound growth), or
t + (target - v_t) / change with a linear average change a year (DNS). An ETA is the first
whole year (ceil, with a 1e-9 tolerance so that an exact hit is not pushed a year later), None
beyond year ``models.MAX_YEAR`` or when the target lies outside the indicator's possible values.
"""

from __future__ import annotations

from intl_tracker.assessment.draft import Growth
from intl_tracker.assessment.numeric import ceil_year, exp, finite, log_ratio, meets
from intl_tracker.dataset.models import Target

#: The indicator's possible values (low, high); None: open.
Domain = tuple[float | None, float | None]


def compound_projection(v_t: float, growth: Growth, years: int) -> float | None:
    """v_t · (1 + rate)^years, in the unit; None out of floating-point range."""
    factor = exp(growth.log_rate * years)
    return None if factor is None else finite(v_t * factor)


def reachable(target: Target, domain: Domain) -> bool:
    """The target lies within the indicator's domain (else no pace ever reaches it)."""
    low, high = domain
    return (low is None or target.value >= low) and (high is None or target.value <= high)


def compound_eta(
    t: int, v_t: float, target: Target | None, growth: Growth | None, d: int, domain: Domain
) -> int | None:
    """ceil(t + ln(target / v_t) / ln(1 + rate)) when the growth points toward the target."""
    if target is None or growth is None or meets(v_t, target.value, d):
        return None
    if not reachable(target, domain):
        return None
    if d * growth.log_rate <= 0:
        return None
    lr = log_ratio(target.value, v_t)
    return None if lr is None else ceil_year(t, lr / growth.log_rate)


def linear_eta(
    t: int, v_t: float, target: Target | None, change: float | None, d: int, domain: Domain
) -> int | None:
    """ceil(t + (target - v_t) / change) when the change a year points toward the target."""
    if target is None or change is None or meets(v_t, target.value, d) or d * change <= 0:
        return None
    if not reachable(target, domain):
        return None
    return ceil_year(t, (target.value - v_t) / change)
