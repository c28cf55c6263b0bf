"""``ratio``: the Eurostat-inspired ratio method as Statistics Canada and Open SDG compute it
(the default method).

Sources: open-sdg/open-sdg ``docs/progress-methodology.md``
(https://open-sdg.readthedocs.io/en/latest/progress-methodology/); open-sdg/sdg-build
``sdg/ProgressMeasure.py`` (bands [V-code]); Eurostat, *Sustainable development in the European
Union — monitoring report* (periods and category names).

With a target: R = d · CAGR / |CAGR_req| (d = +1 when an increase is desired, -1 for a
decrease; the absolute required rate keeps a base past the target that fell back as
moving_away); R ≥ 0.95 on_track, ≥ 0.60 moderate, ≥ 0 insufficient, < 0 moving_away. Without
a target: the direction-adjusted CAGR in Eurostat's no-target bands (> 1 % significant progress,
0-1 % moderate progress, -1-0 % moderate movement away, below significant movement away;
``numeric.trend_band``), not Statistics Canada's 2023 bands (1.5 %, 0.5 %, 0), whose
classes have no words for a trend without a target (docs/methods.md, "Trend-only").
A rank (ordinal) and a target ≤ 0 (vision zero: no growth rate reaches 0) are judged on
differences: R = d · change / |required change| with the linear paces from the same base
(docs/methods.md, "Zero targets" and "Ranks"), the projection linear.
Fills ``ratio`` (R, a dimensionless share of the required pace) and, on differences or for a
share's linear projection, ``annual_change``.
"""

from __future__ import annotations

from intl_tracker.assessment.draft import Case
from intl_tracker.assessment.methods.growth import judge_growth, past_target_status, trend_status
from intl_tracker.assessment.numeric import EDGE_TOLERANCE, TREND_DIVIDE, TREND_SIGNIFICANT, band
from intl_tracker.assessment.registry import AssessmentMethod, BandEdges, Verdict
from intl_tracker.assessment.series import required_change
from intl_tracker.core.i18n import N_
from intl_tracker.core.vocabulary import Status

ON_TRACK = 0.95
MODERATE = 0.60
NO_TARGET_ON_TRACK = TREND_SIGNIFICANT  # Eurostat's trend bands (numeric.trend_band)
NO_TARGET_MODERATE = TREND_DIVIDE


def _score(case: Case) -> Status:
    """R in the bands; without a target, the trend (see the module docstring)."""
    dr, target, growth = case.draft, case.target, case.growth
    if target is None:
        return trend_status(case, growth)
    if _on_differences(case):
        return _score_on_differences(case)
    if growth is None:
        return Status.INSUFFICIENT_DATA
    if dr.required_cagr is None:
        dr.note("required CAGR undefined")
        return Status.INSUFFICIENT_DATA
    if abs(dr.required_cagr) <= EDGE_TOLERANCE * EDGE_TOLERANCE:
        return past_target_status(case, growth.rate)
    dr.ratio = case.direction * growth.rate / abs(dr.required_cagr)
    return band(dr.ratio, case.bands.on_track, case.bands.moderate)


def _on_differences(case: Case) -> bool:
    """A rank, or a target ≤ 0 (no growth rate reaches 0: vision-zero targets)."""
    return case.differences or (case.target is not None and case.target.value <= 0)


def _score_on_differences(case: Case) -> Status:
    """R = d · change / |required change|, the ratio of the linear paces (in the unit a year):
    the same bands, the same rule for a base past the target (docs/methods.md "Zero targets")."""
    dr, target = case.draft, case.target
    assert target is not None
    dr.required_cagr = None
    required = required_change(dr, target)
    dr.required_change = required
    if case.change is None or required is None:
        return Status.INSUFFICIENT_DATA
    if not case.differences:
        dr.note(
            "target {target} ≤ 0: no growth rate reaches it, so R compares the average change "
            "a year ({change}) with the change a year needed ({required})",
            target=float(target.value),
            change=float(case.change),
            required=float(required),
        )
    if abs(required) <= EDGE_TOLERANCE:
        return past_target_status(case, case.change)
    dr.ratio = case.direction * case.change / abs(required)
    return band(dr.ratio, case.bands.on_track, case.bands.moderate)


def assess(case: Case) -> Verdict:
    """The ratio method's verdict of ``case``."""
    return judge_growth(case, _score, on_differences=_on_differences(case))


METHOD = AssessmentMethod(
    name="ratio",
    title=N_("ratio method (Eurostat / Statistics Canada)"),
    summary=N_(
        "actual ÷ required growth rate (Eurostat-inspired, as in Open SDG);"
        " ≥ 0.95 on track, ≥ 0.60 needs acceleration, ≥ 0 insufficient progress"
    ),
    source="open-sdg/sdg-build sdg/ProgressMeasure.py; Open SDG progress methodology; Eurostat",
    # Eurostat's words for an indicator with a quantified target ("significant progress
    # towards the EU target"); the trend words (no target) are the vocabulary's.
    classes={
        Status.TARGET_MET: N_("target met"),
        Status.ON_TRACK: N_("significant progress towards the target"),
        Status.MODERATE: N_("moderate progress towards the target"),
        Status.INSUFFICIENT: N_("insufficient progress towards the target"),
        Status.MOVING_AWAY: N_("movement away from the target"),
        Status.MISSED: N_("target missed"),
        Status.NO_CHANGE: N_("no change"),
        Status.INSUFFICIENT_DATA: N_("insufficient data"),
    },
    forecast_classes={
        Status.TARGET_MET: N_("forecast reached"),
        Status.ON_TRACK: N_("significant progress towards the forecast"),
        Status.MODERATE: N_("moderate progress towards the forecast"),
        Status.INSUFFICIENT: N_("insufficient progress towards the forecast"),
        Status.MOVING_AWAY: N_("movement away from the forecast"),
        Status.MISSED: N_("forecast missed"),
    },
    bands=BandEdges(ON_TRACK, MODERATE, NO_TARGET_ON_TRACK, NO_TARGET_MODERATE),
    assess=assess,
    quantities=frozenset({"ratio", "annual_change"}),
)
