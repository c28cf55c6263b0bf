"""``unsd``: the UN Statistics Division progress chart, as Eustat (Basque statistics) adopted it.

Source: EUSTAT-DES/site ``_pages/en/metodologia.md``
(https://eustat-des.github.io/site/en/metodologia), citing the UNSD *Progress Chart Technical
Note 2023* [V].

With a target: the projection v_T^e = v_t · (1 + CAGR)^(T - t) and CR = (v_T^e - v_0) /
(target - v_0), the share of the required progress expected by the target year; CR ≥ 0.95
on_track ("on track or target met"), ≥ 0.10 moderate ("fair progress, but acceleration
needed"), ≥ 0 insufficient and < 0 moving_away ("stagnation or regression"). Without a target:
the direction-adjusted CAGR in Eurostat's no-target bands (``numeric.trend_band``; UNSD's own
2 % / 0.5 % bands have no words for movement away, docs/methods.md "Trend-only").
A rank (ordinal) is projected linearly at its change in places a year (docs/methods.md
"Ranks"). Eustat's exception: a percent within one point of a 0 % or 100 % target is met.
Fills ``ratio`` (CR, a dimensionless share of the required progress) and, for a rank or a
share's linear projection, ``annual_change``.
"""

from __future__ import annotations

from intl_tracker.assessment.draft import Case
from intl_tracker.assessment.methods.growth import judge_growth, past_target_status, trend_status
from intl_tracker.assessment.numeric import (
    EDGE_TOLERANCE,
    TREND_DIVIDE,
    TREND_SIGNIFICANT,
    band,
    meets,
)
from intl_tracker.assessment.registry import AssessmentMethod, BandEdges, Verdict
from intl_tracker.core.i18n import N_
from intl_tracker.core.vocabulary import Status

ON_TRACK = 0.95
MODERATE = 0.10
NO_TARGET_ON_TRACK = TREND_SIGNIFICANT  # Eurostat's trend bands (numeric.trend_band)
NO_TARGET_MODERATE = TREND_DIVIDE


def _score(case: Case) -> Status:
    """CR in the bands; without a target, the trend (see the module docstring)."""
    dr, target, growth = case.draft, case.target, case.growth
    if target is None:
        return trend_status(case, growth)
    pace = case.change if case.differences else (growth.rate if growth is not None else None)
    if pace is None:
        return Status.INSUFFICIENT_DATA
    v0 = dr.base_value
    if v0 is None or dr.projected_value is None:
        dr.note("projection to the target year out of floating-point range")
        return Status.INSUFFICIENT_DATA
    if _within_a_point(case):
        return Status.TARGET_MET
    if meets(v0, target.value, case.direction):
        # CR's denominator is zero or has the wrong sign: the base already met the target.
        return past_target_status(case, pace)
    dr.ratio = (dr.projected_value - v0) / (target.value - v0)
    return band(dr.ratio, case.bands.on_track, case.bands.moderate)


def _within_a_point(case: Case) -> bool:
    """Eustat's exception 2: a percent within one point of a 0 % or 100 % target is met."""
    target = case.target
    if not case.share or target is None or target.value not in (0.0, 100.0):
        return False
    if abs(case.value - target.value) > 1 + EDGE_TOLERANCE:
        return False
    case.draft.note(
        "within one percentage point of the {target} target: met (Eustat's exception)",
        target=float(target.value),
    )
    return True


def assess(case: Case) -> Verdict:
    """The UNSD progress chart's verdict of ``case``."""
    return judge_growth(case, _score)


METHOD = AssessmentMethod(
    name="unsd",
    title=N_("UN progress chart (UNSD)"),
    summary=N_(
        "share of the required progress"
        " expected by the target year; ≥ 0.95 on track, ≥ 0.10 needs acceleration"
    ),
    source="UNSD Progress Chart Technical Note 2023, via EUSTAT-DES/site _pages/en/metodologia.md",
    classes={
        Status.TARGET_MET: N_("on track or target met"),
        Status.ON_TRACK: N_("on track or target met"),
        Status.MODERATE: N_("fair progress, but acceleration needed"),
        Status.INSUFFICIENT: N_("stagnation or regression"),
        Status.MOVING_AWAY: N_("stagnation or regression"),
        Status.MISSED: N_("target missed"),
        Status.NO_CHANGE: N_("no change"),
        Status.INSUFFICIENT_DATA: N_("insufficient data"),
    },
    forecast_classes={
        Status.TARGET_MET: N_("on track or forecast reached"),
        Status.ON_TRACK: N_("on track or forecast reached"),
        Status.MISSED: N_("forecast missed"),
    },
    bands=BandEdges(ON_TRACK, MODERATE, NO_TARGET_ON_TRACK, NO_TARGET_MODERATE),
    assess=assess,
    quantities=frozenset({"ratio", "annual_change"}),
)
