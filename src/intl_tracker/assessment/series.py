"""The shared steps before a method judges: the assessed value and its age, the base year of
the period, the growth rates, and the target in force with its required rate and path value.

Sources (reference/methods.md, "Building blocks"): CAGR = (v_t / v_0)^(1/(t - t0)) - 1 from the
base year; the required rate from the same base (sdg-build ``ProgressMeasure.py``); a base year
without data moves to the first later year with data (Statistics Canada); Eurostat's short and
long term are the last 5 and 15 years.
"""

from __future__ import annotations

from collections.abc import Sequence

from intl_tracker.assessment.draft import Draft, Growth
from intl_tracker.assessment.numeric import (
    FITTED_MIN_POINTS,
    expm1,
    finite,
    fitted_log_rate,
    linear_slope,
    log_ratio,
)
from intl_tracker.assessment.records import Period, TargetRef
from intl_tracker.dataset.models import (
    Indicator,
    Observation,
    Programme,
    Target,
    stale_after,
)

SHORT_TERM_YEARS = 5  # Eurostat short term
LONG_TERM_YEARS = 15  # Eurostat long term

#: (year, observation), ascending.
Observed = list[tuple[int, Observation]]


def stale_threshold(
    indicator: Indicator, programme: Programme | None = None, override: int | None = None
) -> int:
    """Years a value may lag the report year before it is stale: the indicator's
    ``assessment.stale_after``, else ``override`` (the ``--stale-after`` option), else the
    programme's ``assessment.stale_after``, else ``models.DEFAULT_STALE_AFTER``."""
    if indicator.assessment is not None and indicator.assessment.stale_after is not None:
        return indicator.assessment.stale_after
    if override is not None:
        return override
    return stale_after(indicator, programme)


def observed_until(indicator: Indicator, year: int | None) -> Observed:
    """The observations with year ≤ ``year`` (None: all)."""
    return [(y, o) for y, o in indicator.series() if year is None or y <= year]


def select_target(targets: Sequence[Target], year: int | None) -> Target | None:
    """The earliest target with year ≥ ``year``; else the latest passed one (kind ``target``
    preferred over ``forecast`` for the same year)."""
    ordered = sorted(targets, key=lambda tg: (tg.year, tg.kind != "target"))
    if not ordered:
        return None
    if year is None:
        return ordered[0]
    upcoming = [tg for tg in ordered if tg.year >= year]
    if upcoming:
        return upcoming[0]
    last_year = ordered[-1].year
    return next(tg for tg in ordered if tg.year == last_year)


def note_no_observation(dr: Draft, indicator: Indicator, year: int | None) -> None:
    """Nothing to assess: the target in force is still shown, and why there is no status."""
    target = select_target(indicator.targets, year)
    if target is not None:
        dr.target = TargetRef(target.value, target.year, target.kind)
    if year is None:
        dr.note("no observation")
    else:
        dr.note("no observation up to {year}", year=year)


def set_latest(
    dr: Draft, observed: Observed, report_year: int, breaks: frozenset[int] = frozenset()
) -> None:
    """The assessed value (the latest observed), its age and staleness, and its change from
    the observation before (in the unit and in percent of |previous|); no change across a
    break in series (a year of ``breaks`` after the one before: a note says so)."""
    t, obs = observed[-1]
    v_t = obs.value
    dr.year, dr.value, dr.value_status = t, v_t, str(obs.status)
    dr.value_age = report_year - t
    dr.stale = dr.value_age > dr.stale_after
    if len(observed) >= 2:
        dr.previous_year, previous = observed[-2]
        prev = previous.value
        dr.previous_value = prev
        crossed = max((y for y in breaks if dr.previous_year < y <= t), default=None)
        if crossed is not None:
            dr.note(
                "break in series in {break_year}: no change from {previous_year} is computed",
                break_year=crossed,
                previous_year=dr.previous_year,
            )
            return
        dr.change = v_t - prev
        # |previous| keeps the sign of the change when the previous value is negative.
        dr.change_pct = None if prev == 0 else 100.0 * (v_t - prev) / abs(prev)


def _requested_base_year(indicator: Indicator, t: int, period: Period) -> int | None:
    if period.since is not None:
        return period.since
    if period.period == "short":
        return t - SHORT_TERM_YEARS
    if period.period == "long":
        return t - LONG_TERM_YEARS
    return indicator.baseline


def set_base(
    dr: Draft, indicator: Indicator, series: Sequence[tuple[int, float]], period: Period
) -> None:
    """Base year: since / Eurostat period (t-5, t-15) / baseline / first observation; a year
    without data moves to the first later year with data (Statistics Canada, sdg-build)."""
    t = series[-1][0]
    requested = _requested_base_year(indicator, t, period)
    wanted = series[0][0] if requested is None else requested
    base = next(((y, v) for y, v in series if y >= wanted), None)
    if base is None or base[0] >= t:
        if len(series) > 1:
            dr.note(
                "fewer than two observations in the period {start}-{end}: no growth rate",
                start=wanted,
                end=t,
            )
        else:
            dr.note("only one observation ({year}): no growth rate", year=t)
        return
    if requested is not None and base[0] != requested:
        dr.note(
            "no value for base year {requested}; base moved to {base}",
            requested=requested,
            base=base[0],
        )
    dr.base_year, dr.base_value = base
    crossed = indicator.break_between(base[0], t)
    if crossed is not None:
        dr.note(
            "the period judged, {base_year}\u2013{year}, crosses a break in series in "
            "{break_year}: its values come from series that are not comparable",
            base_year=base[0],
            year=t,
            break_year=crossed,
        )


def endpoints_growth(dr: Draft, t: int, v_t: float) -> Growth | None:
    """Two-point CAGR = (v_t / v_0)^(1/(t - t0)) - 1 [V], in log space (sets ``cagr``)."""
    if dr.base_year is None or dr.base_value is None:
        return None
    lr = log_ratio(v_t, dr.base_value)
    if lr is None:
        return None
    log_rate = lr / (t - dr.base_year)
    rate = expm1(log_rate)
    if rate is None:
        return None
    dr.cagr = rate
    return Growth(log_rate, rate)


def fitted_growth(dr: Draft, series: Sequence[tuple[int, float]]) -> Growth | None:
    """Fitted CAGR: exp(slope of ln(value) on year over [base, t]) - 1 (sets ``fitted_cagr``)."""
    if dr.base_year is None:
        return None
    base_year = dr.base_year
    log_rate = fitted_log_rate([(y, v) for y, v in series if y >= base_year])
    rate = None if log_rate is None else expm1(log_rate)
    if log_rate is None or rate is None:
        return None
    dr.fitted_cagr = rate
    return Growth(log_rate, rate)


def note_no_fit(dr: Draft, series: Sequence[tuple[int, float]]) -> None:
    """Say why ``fitted_growth`` gave nothing, counted right: too few values in the period, a
    value ≤ 0 in it (the first one), or a rate out of floating-point range."""
    period = [(y, v) for y, v in series if dr.base_year is not None and y >= dr.base_year]
    bad = [(y, v) for y, v in period if v <= 0]
    if len(period) < FITTED_MIN_POINTS:
        dr.note(
            "fitted CAGR unavailable: {count} values in the period, the fit needs {needed}; "
            "endpoint CAGR used",
            count=len(period),
            needed=FITTED_MIN_POINTS,
        )
    elif bad:
        dr.note(
            "fitted CAGR unavailable: a value ≤ 0 in the period ({year}: {value}); "
            "endpoint CAGR used",
            year=bad[0][0],
            value=float(bad[0][1]),
        )
    else:
        dr.note("fitted CAGR unavailable: out of floating-point range; endpoint CAGR used")


def linear_change(dr: Draft, series: Sequence[tuple[int, float]], fitted: bool) -> float | None:
    """The linear pace in the unit a year: (v_t - v_0) / (t - t_0) from the base year, or with
    ``fitted`` the least-squares slope over [base, t] (the two end points when no fit is
    possible). None without a base."""
    if dr.base_year is None or dr.base_value is None:
        return None
    t, v_t = series[-1]
    if fitted:
        slope = linear_slope([(y, v) for y, v in series if y >= dr.base_year])
        if slope is not None:
            return slope
    return finite((v_t - dr.base_value) / (t - dr.base_year))


def required_change(dr: Draft, target: Target) -> float | None:
    """The change a year needed from the base to the target, (target - v_0) / (T - t_0), in
    the unit (the linear counterpart of the required CAGR); None without a base before T."""
    if dr.base_year is None or dr.base_value is None or target.year <= dr.base_year:
        return None
    return finite((target.value - dr.base_value) / (target.year - dr.base_year))


def set_target_numbers(dr: Draft, target: Target, t: int) -> None:
    """Required CAGR from the same base (sdg-build) and the straight-line path value at t."""
    if dr.base_year is None or dr.base_value is None or target.year <= dr.base_year:
        return
    span = target.year - dr.base_year
    lr = log_ratio(target.value, dr.base_value)
    if lr is not None:
        dr.required_cagr = expm1(lr / span)
    if target.year >= t:
        v0 = dr.base_value
        dr.path_value = dr.clip("path_value", v0 + (target.value - v0) * (t - dr.base_year) / span)
