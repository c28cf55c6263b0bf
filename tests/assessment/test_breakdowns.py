"""Each category assessed as the headline is; who is left behind; the spread (issue 24)."""

from __future__ import annotations

import pytest

from intl_tracker.assessment.breakdowns import assess_catalog_by, category_indicator
from intl_tracker.assessment.engine import assess_catalog, assess_indicator
from intl_tracker.core.vocabulary import Method, Status
from intl_tracker.dataset.loading import load_data_set
from intl_tracker.dataset.models import Catalog, Dimension
from tests.conftest import CASES

SYNTHETIC = CASES / "valid" / "breakdowns"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    result = load_data_set(SYNTHETIC)
    assert result.errors == [] and result.catalog is not None
    return result.catalog


def _by(catalog: Catalog, by: list[str], method: str = Method.RATIO) -> dict[str, object]:
    heads = assess_catalog(catalog, year=2024, method=method)
    return {
        b.indicator_id: b for b in assess_catalog_by(catalog, heads, by, year=2024, method=method)
    }


def test_the_headline_is_the_same_with_or_without_its_breakdowns(catalog: Catalog) -> None:
    bare = catalog.model_copy(update={"breakdown_values": {}, "dimensions": []})
    for method in (Method.RATIO, Method.UNSD, Method.DNS):
        assert assess_catalog(catalog, year=2024, method=method) == assess_catalog(
            bare, year=2024, method=method
        )


def test_a_category_is_assessed_with_the_headlines_method_and_settings(catalog: Catalog) -> None:
    indicator = catalog.indicator("employment-rate")
    assert indicator is not None
    heads = assess_catalog(catalog, year=2024, method=Method.DNS)
    (result,) = assess_catalog_by(catalog, heads, ["sex"], year=2024, method=Method.DNS)
    women = next(c for c in result.categories if c.codes == ("f",))
    assert women.assessment.method == Method.DNS
    assert women.assessment.target is not None and women.assessment.target.value == 75
    assert women.assessment.value == 65.8 and women.assessment.base_year == 2015
    series = next(
        s
        for s in catalog.breakdown_values["employment-rate"].table.series(["sex"])
        if s.codes == ("f",)
    )
    alone = assess_indicator(category_indicator(indicator, series), year=2024, method=Method.DNS)
    assert women.assessment == alone


def test_a_count_category_is_judged_on_its_trend_not_the_headlines_target(catalog: Catalog) -> None:
    result = _by(catalog, ["area"])["residents"]
    assert all(c.assessment.trend_only and c.assessment.target is None for c in result.categories)


def test_a_status_set_by_hand_stays_the_headlines(catalog: Catalog) -> None:
    indicator = catalog.indicator("employment-rate")
    assert indicator is not None
    by_hand = indicator.model_validate(
        {
            **indicator.model_dump(by_alias=True, exclude_none=True),
            "assessment": {
                "status": {
                    "value": "on_track",
                    "rationale": {"en": "why"},
                    "source": {"title": "x"},
                }
            },
        }
    )
    series = catalog.breakdown_values["employment-rate"].table.series(["sex", "area"])[0]
    assert assess_indicator(by_hand, year=2024).set_by_hand
    assert not assess_indicator(category_indicator(by_hand, series), year=2024).set_by_hand


def test_left_behind_is_a_category_moving_away_while_the_total_progresses(catalog: Catalog) -> None:
    result = _by(catalog, ["area", "sex"])["employment-rate"]
    assert result.headline.status is Status.MODERATE and (result.headline_movement or 0) > 0
    assert [c.codes for c in result.left_behind] == [("f", "south")]
    women_south = result.left_behind[0]
    assert women_south.assessment.status is Status.MOVING_AWAY
    assert women_south.movement == pytest.approx(57.4 - 61.0)


def test_the_spread_is_the_gap_between_the_best_and_worst_category(catalog: Catalog) -> None:
    result = _by(catalog, ["sex", "area"])["employment-rate"]
    first, last = result.spread[0], result.spread[-1]
    assert (first.year, last.year) == (2015, 2024)
    assert last.best == ("m", "north") and last.worst == ("f", "south")
    assert last.gap == pytest.approx(71.7 - 57.4) and last.categories == 6
    assert last.gap > first.gap  # the gap widened
    assert _by(catalog, ["area"])["residents"].spread == ()  # counts: no spread


def test_categories_come_in_the_listed_order_or_by_value(catalog: Catalog) -> None:
    result = _by(catalog, ["area"])["residents"]
    assert [c.codes for c in result.categories] == [("north",), ("centre",), ("south",)]
    by_value = [
        d.model_copy(update={"order": "value"}) if d.id == "area" else d for d in catalog.dimensions
    ]
    resorted = _by(catalog.model_copy(update={"dimensions": by_value}), ["area"])["residents"]
    assert [c.codes for c in resorted.categories] == [("centre",), ("south",), ("north",)]
    assert all(isinstance(d, Dimension) for d in by_value)


def test_an_indicator_without_the_breakdown_is_left_out(catalog: Catalog) -> None:
    assert set(_by(catalog, ["language"])) == {"residents"}
    assert _by(catalog, ["age"]) == {}
