"""Progress assessment: where an indicator stands against its target, by a registered method.

Pure and deterministic: no clock, no I/O, no printing. The steps every method shares are
here and in :mod:`~intl_tracker.assessment.series` (value, period, growth rates, target) and
:mod:`~intl_tracker.assessment.rules` (met, missed, passed, settings); each method's own rule is
its module in :mod:`intl_tracker.assessment.methods`, found by name through
:mod:`intl_tracker.assessment.registry`. Formulas, bands and sources: reference/methods.md and
each method's module docstring.
"""

from __future__ import annotations

import math
from dataclasses import replace

from intl_tracker.assessment import registry
from intl_tracker.assessment.draft import Case, Draft, Growth
from intl_tracker.assessment.records import DEFAULT_PERIOD as DEFAULT_PERIOD
from intl_tracker.assessment.records import Assessment as Assessment
from intl_tracker.assessment.records import Note as Note
from intl_tracker.assessment.records import Period as Period
from intl_tracker.assessment.records import PeriodName as PeriodName
from intl_tracker.assessment.records import TargetRef as TargetRef
from intl_tracker.assessment.registry import AssessmentMethod, BandEdges
from intl_tracker.assessment.rules import (
    apply_settings,
    magnitude_blocker,
    magnitudes,
    note_band_edge,
    note_exceptional,
    note_judged_period,
    note_tolerance,
    settle,
    signed_again,
)
from intl_tracker.assessment.series import (
    endpoints_growth,
    fitted_growth,
    linear_change,
    note_no_fit,
    note_no_observation,
    observed_until,
    select_target,
    set_base,
    set_latest,
    set_target_numbers,
)
from intl_tracker.assessment.series import stale_threshold as stale_threshold
from intl_tracker.core.vocabulary import Method, Pace
from intl_tracker.dataset.models import Catalog, Indicator, Programme, localize, value_domain

#: The unit of a rank (ordinal: judged on differences, in places) and of a share of a whole
#: (bounded 0-100: its shown projection is linear, in percentage points).
RANK = "rank"
SHARE = "percent"
#: A rank without a target: a direction-adjusted change of at least half a place a year (one
#: place every two years) is significant progress; any gain is moderate progress, a loss of
#: less than that moderate movement away, more significant movement away (our rule: Eurostat's
#: 1 % a year is a tenth of a place for a rank of 10; docs/methods.md, "Ranks").
RANK_TREND_SIGNIFICANT = 0.5


def assess_catalog(
    catalog: Catalog,
    *,
    year: int | None = None,
    method: str = Method.RATIO,
    period: Period = DEFAULT_PERIOD,
    pace: Pace = Pace.ENDPOINTS,
    stale_after_years: int | None = None,
) -> list[Assessment]:
    """Assess every indicator of the catalog, in catalog order (see ``assess_indicator``)."""
    return [
        assess_indicator(
            i,
            year=year,
            method=method,
            period=period,
            pace=pace,
            programme=catalog.programme,
            stale_after_years=stale_after_years,
        )
        for i in catalog.indicators
    ]


def assess_indicator(
    indicator: Indicator,
    *,
    year: int | None = None,
    method: str = Method.RATIO,
    period: Period = DEFAULT_PERIOD,
    pace: Pace = Pace.ENDPOINTS,
    programme: Programme | None = None,
    stale_after_years: int | None = None,
) -> Assessment:
    """Assess one indicator by the method named ``method`` as of the report year ``year``
    (None: its latest value's year).

    Common rules (methods.md "Building blocks"): the assessed observation is the latest with
    year ≤ ``year``; its age is ``year`` - its year, stale beyond ``stale_threshold``. CAGR is
    two-point from the base year (see ``Period``); ``fitted_cagr`` is a least-squares fit of
    ln(value) on year over [base, t] (≥ 3 points, all > 0); ``pace`` chooses which of the two
    drives ratio, projection and ETA of a method that follows it. The target in force is the
    earliest target whose year is ≥ the report year; when all have passed, the latest one.
    Then, in this order:

    1. no observation ≤ ``year`` → insufficient_data, every value field None;
    2. the target year is ≤ the report year but the latest value is older than it →
       insufficient_data ("target year 2022 passed; latest value 2019"): a passed target is
       judged only on a value of its year or later;
    3. the latest value meets the target (≥ / ≤ by direction) → target_met
       (sdg-build ProgressMeasure.py checks this first, for every method here);
    4. the target year is ≤ t and the value does not meet it → missed;
    5. the method's rule: ``ratio`` (Statistics Canada / Open SDG, Eurostat names), ``unsd``
       (UNSD Progress Chart 2023 via Eustat), ``dns`` (German DNS weather symbols), or a
       registered one, with the indicator's ``assessment.thresholds`` replacing the published
       band edges. Without a target the status is judged on the trend alone (``trend_only``),
       except that a latest value at the best end of ``models.value_domain`` (rank 1 with
       ``decrease``, 100 % with ``increase``) is on_track, "at the best possible value".

    Afterwards the indicator's ``assessment`` settings apply: ``calculate: false`` clears the
    computed numbers (insufficient_data unless a status is set by hand), and ``status`` replaces
    the status (``set_by_hand``, the computed one kept in ``computed_status``).

    A growth rate needs positive values: a zero or negative value gives CAGR None and, for the
    geometric methods, insufficient_data with a reason (we never substitute 0.001 as
    Statistics Canada does); with ``assessment.negative_values: magnitude`` an all-negative
    series (and targets) is assessed on its magnitudes with the direction reversed (Open SDG)
    and the numbers are given back with their sign. Projections and path values are clipped to
    ``models.value_domain`` (``clipped``, with a note). ``eta_year`` is the first whole year in
    which the target is reached at the current pace (ceil, with a 1e-9 tolerance so an exact hit
    is not pushed a year later), None when already met, when the pace points away, beyond year
    2200, or before the report year (a note says when it would have been).

    Raises:
        UnknownMethodError: ``method`` is neither built in nor registered.
    """
    chosen = registry.method(method)
    settings = indicator.assessment
    if chosen.magnitudes and settings is not None and settings.negative_values == "magnitude":
        flipped = magnitudes(indicator, year)
        if flipped is not None:
            a = assess_indicator(
                flipped,
                year=year,
                method=method,
                period=period,
                pace=pace,
                programme=programme,
                stale_after_years=stale_after_years,
            )
            return signed_again(a)
    dr = Draft(indicator.id, chosen, pace, domain=value_domain(indicator))
    dr.unit, dr.unit_suffix = indicator.unit, _unit_suffix(indicator)
    dr.stale_after = stale_threshold(indicator, programme, stale_after_years)
    if chosen.magnitudes and settings is not None and settings.negative_values == "magnitude":
        blocker = magnitude_blocker(indicator, year)
        if blocker is not None and blocker[2]:
            dr.note(
                "negative_values: magnitude not applied: the target for {year} is not "
                "negative ({value})",
                year=blocker[0],
                value=float(blocker[1]),
            )
        elif blocker is not None:
            dr.note(
                "negative_values: magnitude not applied: the {year} value is not negative "
                "({value})",
                year=blocker[0],
                value=float(blocker[1]),
            )
    _assess_draft(dr, indicator, year, period, pace)
    apply_settings(dr, indicator)
    return dr.finish()


#: Units whose numbers take no word after them in a reason (wording.BARE_UNITS' rule).
_BARE_UNITS = frozenset({"percent", "count", "rank", "index"})


def _unit_suffix(indicator: Indicator) -> str | None:
    """The English words after a number of the indicator's reasons: its ``unit_label`` (en),
    € for euros, None for percent, counts, ranks and index points, else the unit id."""
    if indicator.unit_label:
        return localize(indicator.unit_label, "en")
    if indicator.unit == "eur":
        return "€"
    return None if indicator.unit in _BARE_UNITS else indicator.unit


def _assess_draft(
    dr: Draft, indicator: Indicator, year: int | None, period: Period, pace: Pace
) -> None:
    """The shared steps, the method's verdict and the shared rules, on ``dr``."""
    observed = observed_until(indicator, year)
    dr.report_year = year if year is not None else (observed[-1][0] if observed else None)
    if not observed:
        note_no_observation(dr, indicator, year)
        return
    report_year = dr.report_year if dr.report_year is not None else observed[-1][0]
    set_latest(dr, observed, report_year, indicator.break_years())
    series = [(y, o.value) for y, o in observed]
    case = _case(dr, indicator, series, period, pace)
    method_notes = len(dr.notes)
    verdict = dr.method.assess(case)
    settle(dr, case.target, verdict, case.direction, method_notes)
    note_tolerance(dr, case.target, case.direction, case.bands.on_track)
    note_judged_period(dr, case.direction, [y for y, _ in series])
    if dr.method.follows_pace and not case.differences:
        edges = (case.bands.trend_on_track, case.bands.trend_moderate)
        note_band_edge(dr, case.direction, edges, indicator.decimals)
    note_exceptional(dr, {y for y, o in observed if o.exceptional is not None})


def _case(
    dr: Draft,
    indicator: Indicator,
    series: list[tuple[int, float]],
    period: Period,
    pace: Pace,
) -> Case:
    """What the method judges: base year, growth rates and the target in force set on ``dr``.
    A rank is judged on differences: no growth rate, no relative change (docs/methods.md)."""
    t, v_t = series[-1]
    settings = indicator.assessment
    balance = settings is not None and settings.judged_on == "differences"
    differences = indicator.unit == RANK or balance
    set_base(dr, indicator, series, period)
    endpoints = growth = None
    if differences:
        dr.change_pct = None
    else:
        endpoints = endpoints_growth(dr, t, v_t)
        growth = _chosen_growth(dr, pace, endpoints, fitted_growth(dr, series), series)
    target = select_target(indicator.targets, dr.report_year)
    if target is not None:
        dr.target = TargetRef(target.value, target.year, target.kind)
        set_target_numbers(dr, target, t)
        if differences:
            dr.required_cagr = None
    linear_shown = settings is not None and settings.projection == "linear"
    return Case(
        draft=dr,
        series=series,
        target=target,
        direction=1 if indicator.direction == "increase" else -1,
        bands=_bands(indicator, dr.method, differences, balance),
        growth=growth,
        endpoints=endpoints,
        change=linear_change(dr, series, pace is Pace.FITTED and dr.method.follows_pace),
        differences=differences,
        share=indicator.unit == SHARE or linear_shown,
        balance=balance and indicator.unit != RANK,
        trend_rule=settings.trend_rule if settings is not None else "eurostat",
    )


def _chosen_growth(
    dr: Draft,
    pace: Pace,
    endpoints: Growth | None,
    fitted: Growth | None,
    series: list[tuple[int, float]],
) -> Growth | None:
    """The growth rate ``pace`` asks for; the endpoints' (with a note) when no fit is possible.
    A method with a pace of its own is given the endpoints' and ``pace`` stays as asked."""
    if pace is not Pace.FITTED or not dr.method.follows_pace:
        return endpoints
    if fitted is not None:
        return fitted
    dr.pace = Pace.ENDPOINTS
    note_no_fit(dr, series)
    return endpoints


def _bands(
    indicator: Indicator, method: AssessmentMethod, differences: bool, balance: bool = False
) -> BandEdges:
    """The published bands of ``method``, with the indicator's ``assessment.thresholds``; a
    rank's trend edges are in places a year (``RANK_TREND_SIGNIFICANT``, docs/methods.md); a
    net balance's have no significant edge unless the indicator gives one in its unit a year
    (docs/methods.md, "Net balances")."""
    bands = method.bands
    if differences:
        edge = math.inf if balance and indicator.unit != RANK else RANK_TREND_SIGNIFICANT
        bands = replace(bands, trend_on_track=edge, trend_moderate=0.0)
    thresholds = indicator.assessment.thresholds if indicator.assessment is not None else None
    if thresholds is None:
        return bands
    own = thresholds.of_method(method.name)
    if own is not None:
        bands = replace(bands, on_track=own.on_track, moderate=own.moderate)
    if thresholds.trend is not None:
        bands = replace(
            bands,
            trend_on_track=thresholds.trend.on_track,
            trend_moderate=thresholds.trend.moderate,
        )
    return bands
