"""Tests of the progress assessment: worked examples of methods.md, edge cases, properties."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intl_tracker.assessment import registry
from intl_tracker.assessment.engine import (
    Assessment,
    Period,
    TargetRef,
    assess_catalog,
    assess_indicator,
)
from intl_tracker.assessment.numeric import EDGE_TOLERANCE
from intl_tracker.assessment.numeric import band as _band
from intl_tracker.core.vocabulary import STATUS_LABELS, Method, Pace, Status, status_message
from intl_tracker.dataset.models import Catalog, Goal, Indicator, Programme

TargetSpec = tuple[float, int] | tuple[float, int, str]


def make(
    values: Mapping[int, float | dict[str, Any]],
    targets: Iterable[TargetSpec] = (),
    *,
    direction: str = "increase",
    baseline: int | None = None,
    ident: str = "x",
) -> Indicator:
    """An Indicator built the way the loader builds it (strict pydantic validation)."""
    return Indicator.model_validate(
        {
            "id": ident,
            "name": {"en": ident, "fi": ident},
            "goal": "g",
            "unit": "index",
            "direction": direction,
            "baseline": baseline,
            "targets": [
                {"value": t[0], "year": t[1], **({"kind": t[2]} if len(t) == 3 else {})}
                for t in targets
            ],
            "values": dict(values),
        }
    )


def close(a: float | None, b: float, tol: float = 1e-6) -> bool:
    return a is not None and abs(a - b) <= tol


FLOAT_FIELDS = [
    name
    for name, kind in Assessment.__annotations__.items()
    if "float" in str(kind) and name != "target"
]
VALUE_FIELDS = [
    "year",
    "value",
    "value_status",
    "previous_year",
    "previous_value",
    "change",
    "change_pct",
    "base_year",
    "base_value",
    "cagr",
    "fitted_cagr",
    "required_cagr",
    "ratio",
    "path_value",
    "projected_value",
    "eta_year",
    "deviation",
    "annual_change",
]


# --- worked examples of methods.md (to 1e-6) ------------------------------------------------


@pytest.mark.parametrize(
    ("latest", "cagr", "req", "ratio", "status", "method_class"),
    [
        # Eurostat's words with a quantified target (the trend words are for no target)
        (
            23.0,
            0.028347,
            0.024138,
            1.174381,
            Status.ON_TRACK,
            "significant progress towards the target",
        ),
        (
            22.0,
            0.019245,
            0.024138,
            0.797299,
            Status.MODERATE,
            "moderate progress towards the target",
        ),
        (
            21.0,
            0.009806,
            0.024138,
            0.406246,
            Status.INSUFFICIENT,
            "insufficient progress towards the target",
        ),
    ],
    ids=["A1", "A2", "A3"],
)
def test_ratio_worked_examples_a(
    latest: float, cagr: float, req: float, ratio: float, status: Status, method_class: str
) -> None:
    a = assess_indicator(make({2018: 20.0, 2023: latest}, [(30, 2035)]))
    assert (a.base_year, a.base_value, a.year, a.value) == (2018, 20.0, 2023, latest)
    assert close(a.cagr, cagr) and close(a.required_cagr, req) and close(a.ratio, ratio)
    assert a.status is status and a.method_class == method_class
    assert a.status_label == STATUS_LABELS[status]
    assert a.target == TargetRef(30.0, 2035, "target")
    # straight line 2018: 20 -> 2035: 30, at 2023; projection at the current pace.
    assert close(a.path_value, 20 + 10 * 5 / 17, 1e-12)
    assert close(a.projected_value, latest * (1 + a.cagr) ** 12, 1e-9)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("latest", "cagr", "status"),
    # Eurostat's no-target bands (> 1 % significant progress, 0-1 % moderate progress), not the
    # reference's Statistics Canada bands (docs/methods.md "Trend-only judgements").
    [(53.0, 0.011722, Status.ON_TRACK), (51.0, 0.003968, Status.MODERATE)],
    ids=["B1", "B2"],
)
def test_ratio_worked_examples_b_without_target(latest: float, cagr: float, status: Status) -> None:
    a = assess_indicator(make({2017: 50.0, 2022: latest}))
    assert close(a.cagr, cagr) and a.status is status
    assert a.target is None and a.ratio is None and a.required_cagr is None
    assert a.projected_value is None and a.eta_year is None and a.path_value is None


@pytest.mark.parametrize(
    ("latest", "cagr", "projected", "cr", "status", "method_class"),
    [
        (26.0, 0.033339, 32.709491, 1.270949, Status.ON_TRACK, "on track or target met"),
        (
            23.0,
            0.017624,
            25.991925,
            0.599193,
            Status.MODERATE,
            "fair progress, but acceleration needed",
        ),
    ],
    ids=["C0", "C1"],
)
def test_unsd_worked_examples(
    latest: float, cagr: float, projected: float, cr: float, status: Status, method_class: str
) -> None:
    a = assess_indicator(make({2015: 20.0, 2023: latest}, [(30, 2030)]), method=Method.UNSD)
    assert close(a.cagr, cagr) and close(a.projected_value, projected) and close(a.ratio, cr)
    assert a.status is status and a.method_class == method_class


@pytest.mark.parametrize(
    ("values", "avg", "proj", "dev", "status", "method_class"),
    [
        ([20.0, 20.6, 21.1, 21.9, 22.4, 23.0], 0.6, 30.2, -0.2 / 7, Status.ON_TRACK, "sun"),
        (
            [20.5, 21.0, 21.6, 22.1, 22.4, 23.0],
            0.5,
            29.0,
            0.142857,
            Status.MODERATE,
            "slightly cloudy",
        ),
    ],
    ids=["F1", "F2"],
)
def test_dns_worked_examples(
    values: list[float], avg: float, proj: float, dev: float, status: Status, method_class: str
) -> None:
    ind = make(dict(zip(range(2018, 2024), values, strict=True)), [(30, 2035)])
    a = assess_indicator(ind, method=Method.DNS)
    assert close(a.annual_change, avg) and close(a.projected_value, proj)
    assert close(a.deviation, dev)
    assert a.ratio is None  # dns has no ratio; its number is `deviation`
    assert a.status is status and a.method_class == method_class


# --- the common numbers ---------------------------------------------------------------------


def test_assessed_and_previous_observation_up_to_year() -> None:
    ind = make({2015: 10.0, 2017: 12.0, 2020: {"value": 15.0, "status": "provisional"}, 2022: 9.0})
    a = assess_indicator(ind, year=2021)
    assert (a.year, a.value, a.value_status) == (2020, 15.0, "provisional")
    assert (a.previous_year, a.previous_value) == (2017, 12.0)  # whatever the gap
    assert close(a.change, 3.0, 1e-12) and close(a.change_pct, 25.0, 1e-12)
    latest = assess_indicator(ind)  # year None -> latest overall
    assert (latest.year, latest.value, latest.previous_year) == (2022, 9.0, 2020)
    assert close(latest.change_pct, -40.0, 1e-12)


def test_change_pct_none_when_previous_is_zero_and_signed_when_negative() -> None:
    a = assess_indicator(make({2020: 0.0, 2021: 5.0}))
    assert a.change == 5.0 and a.change_pct is None
    b = assess_indicator(make({2020: -4.0, 2021: -2.0}))
    assert b.change == 2.0 and b.change_pct == 50.0  # a rise is a positive change


def test_single_observation_has_no_previous() -> None:
    a = assess_indicator(make({2023: 5.0}, [(10, 2030)]))
    assert a.previous_year is None and a.change is None and a.change_pct is None
    assert a.status is Status.INSUFFICIENT_DATA
    assert a.reason is not None and "only one observation" in a.reason


def test_fitted_cagr_is_the_log_least_squares_rate() -> None:
    # an exact geometric series: the fit equals the two-point CAGR
    ind = make({2015 + k: 100.0 * 1.03**k for k in range(6)})
    a = assess_indicator(ind)
    assert close(a.fitted_cagr, 0.03, 1e-12) and close(a.cagr, 0.03, 1e-12)
    # fewer than three points in the period: no fit
    assert assess_indicator(make({2015: 1.0, 2020: 2.0})).fitted_cagr is None


# --- open questions -------------------------------------------------------------------------


@pytest.mark.parametrize("method", [Method.RATIO, Method.UNSD])
@pytest.mark.parametrize(
    "values", [{2018: 0.0, 2023: 5.0}, {2018: 5.0, 2023: -1.0}, {2018: -3.0, 2023: -1.0}]
)
def test_zero_or_negative_values_make_cagr_undefined(
    method: Method, values: dict[int, float]
) -> None:
    for targets in ([(10.0, 2035)], []):
        a = assess_indicator(make(values, targets), method=method)
        assert a.cagr is None and a.ratio is None and a.projected_value is None
        assert a.status is Status.INSUFFICIENT_DATA
        assert a.reason is not None and "CAGR undefined" in a.reason


def test_zero_values_are_never_replaced_by_a_small_number() -> None:
    a = assess_indicator(make({2018: 0.0, 2020: 1.0, 2023: 2.0}, [(10.0, 2035)]))
    assert a.base_value == 0.0 and a.required_cagr is None and a.fitted_cagr is None


def test_linear_dns_handles_zero_and_negative_values() -> None:
    ind = make({2018 + k: -5.0 + k for k in range(6)}, [(10.0, 2030)])
    a = assess_indicator(ind, method=Method.DNS)
    assert a.cagr is None and a.annual_change == 1.0 and a.reason is None
    assert close(a.projected_value, 0.0 + 7.0, 1e-12) and close(a.deviation, 0.3, 1e-12)
    assert a.status is Status.INSUFFICIENT  # cloud: right direction, > 20 % short


def test_fewer_than_two_observations_in_the_period() -> None:
    ind = make({2015: 10.0, 2016: 11.0, 2023: 12.0}, [(20.0, 2030)])
    a = assess_indicator(ind, period=Period(since=2020))
    assert a.status is Status.INSUFFICIENT_DATA and a.base_year is None and a.cagr is None
    assert a.reason is not None and "fewer than two observations" in a.reason
    # the year-on-year change is still reported
    assert a.previous_year == 2016 and a.change == 1.0
    late = assess_indicator(ind, period=Period(since=2024))
    assert late.status is Status.INSUFFICIENT_DATA


@pytest.mark.parametrize("method", list(Method))
def test_no_observation_up_to_year(method: Method) -> None:
    ind = make({2020: 1.0, 2021: 2.0}, [(5.0, 2030)])
    a = assess_indicator(ind, year=2019, method=method)
    assert a.status is Status.INSUFFICIENT_DATA
    assert all(getattr(a, name) is None for name in VALUE_FIELDS)
    assert a.reason == "no observation up to 2019"
    assert a.target == TargetRef(5.0, 2030, "target")
    empty = assess_indicator(make({}), method=method)
    assert empty.status is Status.INSUFFICIENT_DATA and empty.reason == "no observation"
    assert all(getattr(empty, name) is None for name in VALUE_FIELDS)


def test_decreasing_is_better() -> None:
    # A1 mirrored around the target side: 30 -> 26 (2018-2023), target 20 in 2035
    a = assess_indicator(make({2018: 30.0, 2023: 26.0}, [(20, 2035)], direction="decrease"))
    cagr = (26 / 30) ** 0.2 - 1
    req = (20 / 30) ** (1 / 17) - 1
    assert close(a.cagr, cagr, 1e-12) and close(a.required_cagr, req, 1e-12)
    assert close(a.ratio, -cagr / abs(req), 1e-12)
    assert a.ratio is not None and a.ratio > 1 and a.status is Status.ON_TRACK
    worse = assess_indicator(make({2018: 30.0, 2023: 33.0}, [(20, 2035)], direction="decrease"))
    assert worse.ratio is not None and worse.ratio < 0 and worse.status is Status.MOVING_AWAY
    no_target = assess_indicator(make({2017: 53.0, 2022: 50.0}, direction="decrease"))
    assert no_target.status is Status.ON_TRACK  # -1.16 %/yr: direction-adjusted 1.16 % > 1 %
    assert no_target.status_label == "significant progress"


@pytest.mark.parametrize("method", [Method.RATIO, Method.UNSD])
def test_base_past_target_then_falling_back_is_moving_away(method: Method) -> None:
    ind = make({2018: 35.0, 2023: 28.0}, [(30, 2035)])
    a = assess_indicator(ind, method=method)
    assert a.status is Status.MOVING_AWAY
    if method is Method.RATIO:
        # |CAGR_req| keeps the sign: both rates are negative, R must not be positive
        assert a.required_cagr is not None and a.required_cagr < 0
        assert a.ratio is not None and a.ratio < 0
    else:
        assert a.ratio is None  # CR's denominator has the wrong sign: undefined
    dec = make({2018: 15.0, 2023: 22.0}, [(20, 2035)], direction="decrease")
    assert assess_indicator(dec, method=method).status is Status.MOVING_AWAY


def test_base_equal_to_target_then_falling_back() -> None:
    a = assess_indicator(make({2018: 30.0, 2023: 28.0}, [(30, 2035)]))
    assert a.required_cagr == 0.0 and a.ratio is None and a.status is Status.MOVING_AWAY


@pytest.mark.parametrize("method", list(Method))
def test_latest_value_meeting_target_is_target_met_first(method: Method) -> None:
    # moving away (40 -> 31) but still beyond the target: met before anything else (sdg-build),
    # except under dns, whose own rule shows a sun behind a cloud when the trend points to a
    # setback (issue 20, item 8)
    falling = make({2018 + k: 40.0 - 1.8 * k for k in range(6)}, [(30, 2035)])
    a = assess_indicator(falling, method=method)
    if method is Method.DNS:
        assert a.status is Status.MODERATE and a.method_class == "slightly cloudy"
        assert a.reason is not None and "points to a setback" in a.reason
        rising = make({2018 + k: 31.0 + k for k in range(6)}, [(30, 2035)])
        assert assess_indicator(rising, method=method).status is Status.TARGET_MET
    else:
        assert a.status is Status.TARGET_MET and a.eta_year is None and a.reason is None
        assert a.method_class == registry.method(method).classes[Status.TARGET_MET]
    # one observation, exactly on the target (and a zero value): still met
    assert assess_indicator(make({2023: 30.0}, [(30, 2035)]), method=method).status is (
        Status.TARGET_MET
    )
    zero = make({2022: 3.0, 2023: 0.0}, [(0, 2030)], direction="decrease")
    assert assess_indicator(zero, method=method).status is Status.TARGET_MET


def test_target_met_tolerates_float_noise() -> None:
    a = assess_indicator(make({2018: 20.0, 2023: 0.1 + 0.2}, [(0.3, 2035)]))
    assert 0.1 + 0.2 != 0.3 and a.status is Status.TARGET_MET


def test_band_edges_compare_with_tolerance() -> None:
    for edge, status in [(0.95, Status.ON_TRACK), (0.60, Status.MODERATE)]:
        assert _band(edge - 1e-11, 0.95, 0.60) is status
        assert _band(edge + 1e-11, 0.95, 0.60) is status
        assert _band(edge - 10 * EDGE_TOLERANCE, 0.95, 0.60) is not status
    assert _band(-1e-11, 0.95, 0.60) is Status.INSUFFICIENT
    assert _band(-1e-6, 0.95, 0.60) is Status.MOVING_AWAY


@pytest.mark.parametrize(("share", "status"), [(0.95, Status.ON_TRACK), (0.60, Status.MODERATE)])
def test_ratio_at_band_edge_lands_on_the_edge_side(share: float, status: Status) -> None:
    req = (30 / 20) ** (1 / 17) - 1
    latest = 20 * (1 + share * req) ** 5  # R == share up to rounding
    a = assess_indicator(make({2018: 20.0, 2023: latest}, [(30, 2035)]))
    assert a.ratio is not None and abs(a.ratio - share) < 1e-12
    assert a.status is status


def test_unsd_cr_at_band_edge_lands_on_the_edge_side() -> None:
    v0, target, t0, t, big_t = 20.0, 30.0, 2015, 2023, 2030
    v_big_t = v0 + 0.10 * (target - v0)  # CR == 0.10
    k = (big_t - t) / (t - t0)
    latest = (v_big_t * v0**k) ** (1 / (1 + k))
    a = assess_indicator(make({t0: v0, t: latest}, [(target, big_t)]), method=Method.UNSD)
    assert a.ratio is not None and abs(a.ratio - 0.10) < 1e-12
    assert a.status is Status.MODERATE


@pytest.mark.parametrize(("dev", "status"), [(0.05, Status.MODERATE), (0.20, Status.MODERATE)])
def test_dns_deviation_at_band_edge(dev: float, status: Status) -> None:
    v_t, target = 23.0, 30.0
    avg = (target - dev * (target - v_t) - v_t) / 12
    ind = make(
        {2018: v_t - 5 * avg, 2023: v_t} | dict.fromkeys(range(2019, 2023), v_t), [(30, 2035)]
    )
    a = assess_indicator(ind, method=Method.DNS)
    assert a.deviation is not None and abs(a.deviation - dev) < 1e-12
    # DNS: "at least 5 % and at most 20 %" is slightly cloudy (issue 20, item 7)
    assert a.status is status


def test_a_zero_target_is_judged_on_differences_by_ratio() -> None:
    """Issue 20, item 3: a target of 0 (vision zero) has no required CAGR; ratio judges the
    average change a year against the change needed, and the reason says so."""
    ind = make({2018: 20.0, 2023: 14.0}, [(0, 2035)], direction="decrease")
    a = assess_indicator(ind)
    assert a.cagr is not None and a.required_cagr is None
    assert a.annual_change is not None and close(a.annual_change, -1.2, 1e-12)
    assert a.required_change is not None and close(a.required_change, -20 / 17, 1e-12)
    assert a.ratio is not None and close(a.ratio, 1.2 / (20 / 17), 1e-12)
    assert a.status is Status.ON_TRACK and a.projection == "linear"
    assert close(a.projected_value, 14 - 1.2 * 12, 1e-9)  # linear; an index has no floor
    assert a.reason is not None and "no growth rate reaches it" in a.reason
    # the UNSD ratio needs no required rate: it assesses the same indicator
    u = assess_indicator(ind, method=Method.UNSD)
    assert u.status is not Status.INSUFFICIENT_DATA and u.ratio is not None
    assert a.path_value is not None and close(a.path_value, 20 - 20 * 5 / 17, 1e-12)


# --- period selection -----------------------------------------------------------------------

SERIES = {y: 10.0 + y - 2005 for y in range(2005, 2024) if y not in (2014, 2019)}


@pytest.mark.parametrize(
    ("baseline", "period", "base_year", "moved"),
    [
        (None, Period(), 2005, False),  # first observation
        (2012, Period(), 2012, False),  # indicator baseline
        (2012, Period(since=2016), 2016, False),  # --since wins over baseline
        (2012, Period(period="short"), 2018, False),  # Eurostat short term: t - 5
        (None, Period(period="long"), 2008, False),  # Eurostat long term: t - 15
        (2014, Period(), 2015, True),  # missing base year -> first later year
        (None, Period(period="short", since=2019), 2020, True),  # since first; 2019 missing
        (None, Period(since=1990), 2005, True),  # before the data: first observation
    ],
)
def test_period_selection(
    baseline: int | None, period: Period, base_year: int, moved: bool
) -> None:
    a = assess_indicator(make(SERIES, baseline=baseline), period=period)
    assert a.year == 2023 and a.base_year == base_year and a.base_value == SERIES[base_year]
    expected = (SERIES[2023] / SERIES[base_year]) ** (1 / (2023 - base_year)) - 1
    assert close(a.cagr, expected, 1e-12)
    assert (a.reason is not None and "no value for base year" in a.reason) is moved


def test_period_is_relative_to_the_assessed_observation() -> None:
    a = assess_indicator(make(SERIES), year=2019, period=Period(period="short"))
    assert a.year == 2018 and a.base_year == 2013


def test_fitted_cagr_uses_only_the_period() -> None:
    ind = make({2010: 500.0, 2011: 1.0} | {2015 + k: 100 * 1.05**k for k in range(5)})
    a = assess_indicator(ind, period=Period(since=2015))
    assert close(a.fitted_cagr, 0.05, 1e-12)


# --- target selection -----------------------------------------------------------------------

STEADY = {y: 10.0 + (y - 2015) for y in range(2015, 2028)}


def test_the_next_target_is_in_force() -> None:
    ind = make(STEADY, [(40, 2035), (30, 2025, "forecast"), (35, 2030)])
    assert assess_indicator(ind, year=2023).target == TargetRef(30, 2025, "forecast")
    assert assess_indicator(ind, year=2025).target == TargetRef(30, 2025, "forecast")
    assert assess_indicator(ind, year=2026).target == TargetRef(35, 2030, "target")


def test_passed_target_met_or_missed() -> None:
    missed = make(STEADY, [(40, 2020), (50, 2024)])  # latest 2027: 22
    a = assess_indicator(missed)
    assert a.target == TargetRef(50, 2024, "target")  # the latest passed target
    assert a.status is Status.MISSED and a.method_class == "target missed"
    assert a.projected_value is None and a.path_value is None and a.ratio is None
    assert a.eta_year is not None and a.eta_year > 2027  # when it would be reached
    met = make(STEADY, [(15, 2020), (20, 2024)])
    assert assess_indicator(met).status is Status.TARGET_MET
    for method in Method:
        assert assess_indicator(missed, method=method).status is Status.MISSED


def test_target_year_equal_to_assessed_year_not_met_is_missed() -> None:
    ind = make({2018: 20.0, 2023: 23.0}, [(30, 2023), (40, 2035)])
    a = assess_indicator(ind)
    assert a.target == TargetRef(30, 2023, "target") and a.status is Status.MISSED
    assert a.projected_value == 23.0 and a.path_value == 30.0  # numbers still shown
    assert a.ratio is not None


# --- pace: fitted against endpoints ---------------------------------------------------------

COLLAPSE: dict[int, float] = {
    2010 + k: v for k, v in enumerate([100, 104, 108, 112, 117, 122, 127, 132, 137, 142])
}
COLLAPSE[2020] = 90.0  # one odd year at the end: the 2020 collapse of foreign hotel nights


def test_fitted_pace_is_robust_to_a_collapse() -> None:
    ind = make(COLLAPSE, [(200, 2030)])
    ends = assess_indicator(ind, pace=Pace.ENDPOINTS)
    fit = assess_indicator(ind, pace=Pace.FITTED)
    assert ends.cagr == fit.cagr and ends.fitted_cagr == fit.fitted_cagr  # both reported
    assert ends.cagr is not None and ends.cagr < 0
    assert fit.fitted_cagr is not None and fit.fitted_cagr > 0.01
    assert (ends.pace, fit.pace) == (Pace.ENDPOINTS, Pace.FITTED)
    assert ends.status is Status.MOVING_AWAY and fit.status is Status.INSUFFICIENT
    req = fit.required_cagr
    assert req is not None and close(fit.ratio, fit.fitted_cagr / req, 1e-12)
    assert close(fit.projected_value, 90 * (1 + fit.fitted_cagr) ** 10, 1e-9)
    assert ends.eta_year is None and fit.eta_year is not None
    unsd_ends = assess_indicator(ind, method=Method.UNSD)
    unsd_fit = assess_indicator(ind, method=Method.UNSD, pace=Pace.FITTED)
    assert unsd_ends.ratio != unsd_fit.ratio


def test_fitted_pace_falls_back_to_endpoints_with_a_reason() -> None:
    a = assess_indicator(make({2018: 20.0, 2023: 23.0}, [(30, 2035)]), pace=Pace.FITTED)
    assert a.fitted_cagr is None and a.pace is Pace.ENDPOINTS
    assert a.status is Status.ON_TRACK and close(a.ratio, 1.174381)
    assert a.reason is not None and "endpoint CAGR used" in a.reason


# --- eta_year -------------------------------------------------------------------------------


def test_eta_year() -> None:
    a1 = assess_indicator(make({2018: 20.0, 2023: 23.0}, [(30, 2035)]))
    # 2023 + ln(30/23)/ln(1.028347) = 2032.5 -> first whole year 2033
    assert a1.eta_year == 2033
    exact = assess_indicator(make({2020: 100.0, 2021: 110.0}, [(121, 2030)]))
    assert exact.eta_year == 2022  # reached exactly in 2022, not pushed to 2023 by rounding
    away = assess_indicator(make({2020: 100.0, 2021: 90.0}, [(121, 2030)]))
    assert away.eta_year is None
    flat = assess_indicator(make({2020: 100.0, 2021: 100.0}, [(121, 2030)]))
    assert flat.eta_year is None and flat.status is Status.INSUFFICIENT
    slow = assess_indicator(make({2020: 100.0, 2021: 100.001}, [(121, 2030)]))
    assert slow.eta_year is None  # beyond 2200: not a useful year
    dec = make({2020: 100.0, 2022: 81.0}, [(72.9, 2030)], direction="decrease")
    assert assess_indicator(dec).eta_year == 2023


def test_eta_year_dns_is_linear() -> None:
    ind = make({2018 + k: 20.0 + k for k in range(6)}, [(30, 2035)])
    a = assess_indicator(ind, method=Method.DNS)
    assert a.annual_change == 1.0 and a.eta_year == 2028  # 25 + 5 * 1.0 = 30


# --- dns specifics --------------------------------------------------------------------------


def test_dns_gap_shortens_the_window_to_at_least_four_points() -> None:
    five = make({2019 + k: 20.0 + k for k in range(5)} | {2016: 1.0}, [(40, 2035)])
    a = assess_indicator(five, method=Method.DNS)
    assert a.annual_change == 1.0  # (24 - 20) / 4 over 2019-2023, 2018 missing
    assert a.reason is not None and "no value for 2018" in a.reason
    three = make({2018: 18.0, 2019: 19.0, 2021: 21.0, 2022: 22.0, 2023: 23.0}, [(40, 2035)])
    b = assess_indicator(three, method=Method.DNS)
    assert b.status is Status.INSUFFICIENT_DATA and b.annual_change is None
    assert b.reason is not None and "≥ 4 consecutive" in b.reason
    # only the last six years count: older values are ignored
    long = make({2010 + k: float(k * k) for k in range(14)}, [(400, 2035)])
    assert assess_indicator(long, method=Method.DNS).annual_change == (169 - 64) / 5


def test_dns_thunderstorm_and_cloud() -> None:
    down = make({2018 + k: 25.0 - 0.4 * k for k in range(6)}, [(30, 2035)])
    a = assess_indicator(down, method=Method.DNS)
    assert a.deviation is not None and a.deviation > 1 and a.status is Status.MOVING_AWAY
    assert a.method_class == "thunderstorm" and a.eta_year is None
    flat = make({2018 + k: 25.0 for k in range(6)}, [(30, 2035)])
    b = assess_indicator(flat, method=Method.DNS)
    assert b.deviation == 1.0 and b.status is Status.INSUFFICIENT and b.method_class == "cloudy"


@pytest.mark.parametrize(
    ("step", "status"),
    [
        (1.2, Status.ON_TRACK),  # 1.2 %/yr of the 2018 value
        (0.7, Status.MODERATE),
        (0.2, Status.MODERATE),
        (-0.1, Status.INSUFFICIENT),  # moderate movement away (-1 % to 0)
        (-1.5, Status.MOVING_AWAY),
    ],
)
def test_dns_without_target_uses_relative_linear_change(step: float, status: Status) -> None:
    inc = make({2018 + k: 100.0 + step * k for k in range(6)})
    assert assess_indicator(inc, method=Method.DNS).status is status
    dec = make({2018 + k: 100.0 - step * k for k in range(6)}, direction="decrease")
    assert assess_indicator(dec, method=Method.DNS).status is status


@pytest.mark.parametrize(
    ("latest", "status"),
    [
        (56.0, Status.ON_TRACK),
        (50.5, Status.MODERATE),
        (49.5, Status.INSUFFICIENT),
        (45.0, Status.MOVING_AWAY),
    ],
)
def test_unsd_without_target(latest: float, status: Status) -> None:
    a = assess_indicator(make({2017: 50.0, 2022: latest}), method=Method.UNSD)
    assert a.status is status and a.ratio is None


# --- tables and catalog ---------------------------------------------------------------------


def test_every_status_has_a_label_and_a_class_per_method() -> None:
    assert set(STATUS_LABELS) == set(Status)
    for method in Method:
        assert set(registry.method(method).classes) == set(Status)


def test_assess_catalog_in_catalog_order() -> None:
    catalog = Catalog(
        programme=Programme.model_validate({"id": "p", "name": {"en": "P"}}),
        goals=[Goal.model_validate({"id": "g", "number": 1, "name": {"en": "G"}})],
        indicators=[
            make({2018: 20.0, 2023: 23.0}, [(30, 2035)], ident="b"),
            make({2018: 20.0, 2023: 21.0}, [(30, 2035)], ident="a"),
        ],
    )
    result = assess_catalog(catalog, year=2023, method=Method.UNSD)
    assert [r.indicator_id for r in result] == ["b", "a"]
    assert all(r.method == "unsd" for r in result)


# --- properties -----------------------------------------------------------------------------

YEARS = st.integers(2000, 2040)
POSITIVE = st.floats(0.1, 1e6, allow_nan=False, allow_infinity=False)


@st.composite
def indicators(draw: st.DrawFn, values: st.SearchStrategy[float] = POSITIVE) -> dict[str, Any]:
    years = draw(st.lists(YEARS, min_size=2, max_size=10, unique=True))
    has_target = draw(st.booleans())
    return {
        "values": {y: draw(values) for y in sorted(years)},
        "targets": [(draw(values), draw(YEARS))] if has_target else [],
        "direction": draw(st.sampled_from(["increase", "decrease"])),
    }


PROPS = settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
SCORED = {
    Status.ON_TRACK,
    Status.MODERATE,
    Status.NO_CHANGE,
    Status.INSUFFICIENT,
    Status.MOVING_AWAY,
}


def rel_close(a: float | None, b: float | None, tol: float) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=tol, abs_tol=1e-12)


@PROPS
@given(
    spec=indicators(),
    c=st.floats(0.01, 100),
    method=st.sampled_from(list(Method)),
    pace=st.sampled_from(list(Pace)),
)
def test_property_scale_invariance(
    spec: dict[str, Any], c: float, method: Method, pace: Pace
) -> None:
    a = assess_indicator(make(**spec), method=method, pace=pace)
    scaled: dict[str, Any] = {
        "values": {y: v * c for y, v in spec["values"].items()},
        "targets": [(v * c, y) for v, y in spec["targets"]],
        "direction": spec["direction"],
    }
    b = assess_indicator(make(**scaled), method=method, pace=pace)
    assert a.status is b.status
    for name in ("cagr", "fitted_cagr", "required_cagr", "ratio", "deviation"):
        assert rel_close(getattr(a, name), getattr(b, name), 1e-6), name
    assert a.eta_year == b.eta_year or a.eta_year is None or b.eta_year is None


def _score(a: Assessment, d: int) -> float | None:
    """The number the method's bands were applied to."""
    if a.ratio is not None:
        return a.ratio
    rate = a.fitted_cagr if a.pace is Pace.FITTED else a.cagr
    return None if a.target is not None or rate is None else d * rate


EDGES = {Method.RATIO: (0.0, 0.6, 0.95, 0.005, 0.015), Method.UNSD: (0.0, 0.1, 0.95, 0.005, 0.02)}


@PROPS
@given(
    spec=indicators(),
    method=st.sampled_from([Method.RATIO, Method.UNSD]),
    pace=st.sampled_from(list(Pace)),
)
def test_property_mirror_geometric(spec: dict[str, Any], method: Method, pace: Pace) -> None:
    """v -> 1/v with the direction reversed mirrors the status.

    Exactly for target_met / missed / insufficient_data / moving_away (the signs are exact);
    the CAGR-based ratio itself is not mirror-invariant (CAGR' = -g / (1 + g), so
    R' = R (1 + r) / (1 + g)), so a progress band may differ only when a band edge lies
    between the two ratios.
    """
    d = 1 if spec["direction"] == "increase" else -1
    mirrored: dict[str, Any] = {
        "values": {y: 1 / v for y, v in spec["values"].items()},
        "targets": [(1 / v, y) for v, y in spec["targets"]],
        "direction": "decrease" if d == 1 else "increase",
    }
    a = assess_indicator(make(**spec), method=method, pace=pace)
    b = assess_indicator(make(**mirrored), method=method, pace=pace)
    if a.status is not b.status:
        assert a.status in SCORED - {Status.MOVING_AWAY}
        assert b.status in SCORED - {Status.MOVING_AWAY}
        x, y = _score(a, d), _score(b, -d)
        assert x is not None and y is not None
        assert any(min(x, y) - 1e-9 <= e <= max(x, y) + 1e-9 for e in EDGES[method])
    if method is Method.RATIO and a.ratio is not None and b.ratio is not None:
        g = a.fitted_cagr if a.pace is Pace.FITTED else a.cagr
        assert g is not None and a.required_cagr is not None
        assert rel_close(b.ratio, a.ratio * (1 + a.required_cagr) / (1 + g), 1e-6)


@PROPS
@given(
    values=st.lists(st.integers(1, 10**6), min_size=4, max_size=8),
    start=st.integers(2000, 2030),
    target=st.integers(1, 10**6),
    target_year=YEARS,
    direction=st.sampled_from(["increase", "decrease"]),
)
def test_property_mirror_dns(
    values: list[int], start: int, target: int, target_year: int, direction: str
) -> None:
    """DNS is linear: v -> C - v with the direction reversed mirrors it exactly."""
    c = 2 * 10**6
    series = {start + k: float(v) for k, v in enumerate(values)}
    a = assess_indicator(
        make(series, [(float(target), target_year)], direction=direction), method=Method.DNS
    )
    flipped = "decrease" if direction == "increase" else "increase"
    b = assess_indicator(
        make(
            {y: c - v for y, v in series.items()},
            [(float(c - target), target_year)],
            direction=flipped,
        ),
        method=Method.DNS,
    )
    assert a.status is b.status
    assert a.eta_year == b.eta_year
    assert (a.deviation is None) == (b.deviation is None)
    if a.deviation is not None and b.deviation is not None:
        assert abs(a.deviation - b.deviation) < 1e-6
    if a.annual_change is not None and b.annual_change is not None:
        assert a.annual_change == -b.annual_change


ANY_VALUE = st.one_of(POSITIVE, st.sampled_from([0.0, -1.0, -250.5, 1e-300]))


@PROPS
@given(
    spec=indicators(ANY_VALUE),
    more_targets=st.lists(st.tuples(ANY_VALUE, YEARS), max_size=3),
    year=st.one_of(st.none(), YEARS),
    baseline=st.one_of(st.none(), YEARS),
    since=st.one_of(st.none(), YEARS),
    period=st.sampled_from([None, "short", "long"]),
    method=st.sampled_from(list(Method)),
    pace=st.sampled_from(list(Pace)),
)
def test_property_every_field_finite_and_json_safe(
    spec: dict[str, Any],
    more_targets: list[tuple[float, int]],
    year: int | None,
    baseline: int | None,
    since: int | None,
    period: Any,
    method: Method,
    pace: Pace,
) -> None:
    spec["targets"] = spec["targets"] + more_targets
    ind = make(**spec, baseline=baseline)
    a = assess_indicator(ind, year=year, method=method, pace=pace, period=Period(since, period))
    for name in FLOAT_FIELDS:
        value = getattr(a, name)
        assert value is None or math.isfinite(value), name
    json.dumps(asdict(a), allow_nan=False)
    assert a.status_label == status_message(a.status, a.trend_only)
    if a.trend_only:  # never "on track" without a target
        assert a.method_class == a.status_label != STATUS_LABELS[Status.ON_TRACK]
    else:
        assert a.method_class == registry.method(method).classes[a.status]
    if a.status is Status.INSUFFICIENT_DATA:
        assert a.reason
    if a.eta_year is not None:
        assert a.year is not None and a.year <= a.eta_year <= 2200
    if a.base_year is not None:
        assert a.year is not None and a.base_year < a.year


@PROPS
@given(
    spec=indicators(st.floats(0.5, 100.0, allow_nan=False)),
    year=st.one_of(st.none(), YEARS),
    method=st.sampled_from(list(Method)),
    pace=st.sampled_from(list(Pace)),
)
def test_property_report_year_rules(
    spec: dict[str, Any], year: int | None, method: Method, pace: Pace
) -> None:
    """Issue 10: projections stay within 0-100 for a percent, no ETA before the report year, a
    passed target is never judged on an older value, and the age is report year - value year."""
    ind = make(**spec).model_copy(update={"unit": "percent"})
    a = assess_indicator(ind, year=year, method=method, pace=pace)
    for name in ("projected_value", "path_value"):
        value = getattr(a, name)
        assert value is None or 0.0 <= value <= 100.0, name
    if a.year is not None:
        assert a.report_year is not None and a.value_age == a.report_year - a.year
        assert a.stale == (a.value_age > a.stale_after)
    if a.eta_year is not None:
        assert a.report_year is not None and a.eta_year >= a.report_year
    target = a.target
    if (
        target is not None
        and a.report_year is not None
        and a.year is not None
        and target.year <= a.report_year
        and a.year < target.year
    ):
        assert a.status is Status.INSUFFICIENT_DATA
    assert a.trend_only == (target is None and a.status in SCORED)


def _sdg_build_status(values: dict[int, float], target: float, target_year: int, d: int) -> str:
    """sdg-build ProgressMeasure.py's ratio rule, written out independently: target met first,
    else the ratio of the observed to the required CAGR from the same base, 0.95 / 0.6 / 0."""
    t0, t = min(values), max(values)
    v0, vt = values[t0], values[t]
    if d * (vt - target) >= 0:
        return "target_met"
    observed = (vt / v0) ** (1 / (t - t0)) - 1
    required = (target / v0) ** (1 / (target_year - t0)) - 1
    ratio = observed / required
    if ratio >= 0.95:
        return "on_track"
    if ratio >= 0.6:
        return "moderate"
    return "insufficient" if ratio >= 0 else "moving_away"


@PROPS
@given(
    values=st.lists(st.floats(1.0, 1000.0), min_size=2, max_size=8),
    start=st.integers(2000, 2015),
    ahead=st.integers(1, 15),
    gap=st.floats(0.05, 3.0),
    direction=st.sampled_from(["increase", "decrease"]),
)
def test_property_parity_with_sdg_build_on_ordinary_series(
    values: list[float], start: int, ahead: int, gap: float, direction: str
) -> None:
    """Ordinary series (positive values, the base short of the target, the report year that of
    the latest value, a target ahead): the issue-10 rules change nothing."""
    series = {start + k: v for k, v in enumerate(values)}
    d = 1 if direction == "increase" else -1
    base = series[start]
    target = base * (1 + gap) if d == 1 else base / (1 + gap)
    latest = max(series)
    a = assess_indicator(make(series, [(target, latest + ahead)], direction=direction), year=latest)
    expected = _sdg_build_status(series, target, latest + ahead, d)
    r = a.ratio
    near_edge = r is not None and any(abs(r - e) < 1e-6 for e in (0.0, 0.6, 0.95))
    assert str(a.status) == expected or near_edge
    assert not a.stale and a.value_age == 0 and not a.trend_only and a.flags == ()
