"""Issue 20 (board20), the engine's side: the English reason writes units, a magnitude's
reason keeps them, the period judged is said when the change shown disagrees, and the class
words follow what the status was judged against."""

from __future__ import annotations

import pytest

from intl_tracker.assessment.engine import assess_indicator
from intl_tracker.assessment.numeric import note_field_kind, unit_text
from intl_tracker.core.vocabulary import Method, Status
from intl_tracker.dataset.models import IndicatorAssessment
from tests.assessment.test_assessment import make


@pytest.mark.parametrize(
    ("name", "x", "unit", "suffix", "text"),
    [
        ("projected", 36.525, "percent", None, "36.525%"),
        ("change", 1.175, "percent", None, "+1.175 pp"),
        ("change", -2.0, "rank", None, "up 2 places"),
        ("change", 1.0, "rank", None, "down 1 place"),
        ("value", 712.0, "t", "kt CO2e", "712 kt CO2e"),
        ("avg", -30.0, "t", "kt CO2e", "-30 kt CO2e"),
        ("score_ratio", 0.974, "percent", None, "0.974"),
        ("edge_pct", 5.0, "t", "kt", "5%"),
        ("value", 6.0, "rank", None, "6"),
    ],
)
def test_the_engine_writes_each_number_of_a_reason_with_its_unit(
    name: str, x: float, unit: str, suffix: str | None, text: str
) -> None:
    assert unit_text(x, note_field_kind(name), unit, suffix) == text


def test_a_magnitude_reason_keeps_its_unit_and_sign() -> None:
    settings = IndicatorAssessment(negative_values="magnitude")
    ind = make({2018: -80.0, 2023: -60.0}, [(-95, 2023)], direction="decrease")
    tonnes = ind.model_copy(
        update={"assessment": settings, "unit": "t", "unit_label": {"en": "kt CO2e"}}
    )
    a = assess_indicator(tonnes)
    assert a.status is Status.MISSED
    assert "target -95 kt CO2e for 2023 not met: -60 kt CO2e in 2023" in (a.reason or "")


def test_the_period_judged_is_said_only_when_the_change_shown_disagrees() -> None:
    down_then_up = make({2015: 100.0, 2020: 50.0, 2021: 60.0}, []).model_copy(
        update={"unit": "count"}
    )
    a = assess_indicator(down_then_up)
    assert a.status is Status.MOVING_AWAY and a.trend_only and a.change == 10.0
    assert "the status judges 2015\u20132021 (from 100 to 60)" in (a.reason or "")
    assert "the change shown is 2020\u20132021 only (from 50)" in (a.reason or "")
    steady = make({2015: 100.0, 2020: 150.0, 2021: 160.0}, []).model_copy(update={"unit": "count"})
    assert assess_indicator(steady).reason is None  # both up: nothing to explain
    held = make({2019: 6.0, 2021: 6.0, 2023: 6.0}, [], direction="decrease")
    h = assess_indicator(held.model_copy(update={"unit": "rank"}))
    assert h.status is Status.NO_CHANGE and h.status_label == "no change"
    assert "6 in each of the 3 values over 2019\u20132023, with no value for 2020, 2022" in (
        h.reason or ""
    )
    every_year = make({2021: 6.0, 2022: 6.0, 2023: 6.0}, [], direction="decrease")
    e = assess_indicator(every_year.model_copy(update={"unit": "rank"}))
    assert "unchanged at 6 over 2021\u20132023" in (e.reason or "")
    flat = assess_indicator(make({2019: 50.0, 2023: 50.0}, []).model_copy(update={"unit": "t"}))
    assert "50 t in each of the 2 values over 2019\u20132023" in (flat.reason or "")
    # dns judges its own window: the rule is not applied to it
    dns = assess_indicator(down_then_up, method=Method.DNS)
    assert "the status judges" not in (dns.reason or "")


def test_the_class_words_name_the_forecast_or_the_target() -> None:
    values = {2018: 20.0, 2023: 23.0}
    committed = assess_indicator(make(values, [(30, 2035)]))
    forecast_ind = make(values, [(30, 2035)])
    forecast_ind = forecast_ind.model_copy(
        update={
            "targets": [t.model_copy(update={"kind": "forecast"}) for t in forecast_ind.targets]
        }
    )
    forecast = assess_indicator(forecast_ind)
    trend = assess_indicator(make(values, []))
    assert committed.method_class == "significant progress towards the target"
    assert forecast.method_class == "significant progress towards the forecast"
    assert trend.method_class == "significant progress"
    unsd = assess_indicator(forecast_ind, method=Method.UNSD)
    assert unsd.method_class == "on track or forecast reached"
