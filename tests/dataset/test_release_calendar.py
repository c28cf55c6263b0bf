"""Issue 22, case 9: what is due, from a source's periodicity and release rule."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from intl_tracker.dataset.loading import load_data_set
from intl_tracker.dataset.models import Indicator, Release
from intl_tracker.dataset.release_calendar import due_of, newest_public_year, scheduled
from tests.conftest import REPO

SPRING = Release(lag=1, by="04-30")


def _indicator(values: dict[int, Any], **source: Any) -> Indicator:
    return Indicator.model_validate(
        {
            "id": "x",
            "name": {"en": "X"},
            "goal": "g",
            "unit": "count",
            "direction": "increase",
            "source": {"periodicity": "annual", "release": {"lag": 1, "by": "04-30"}, **source},
            "values": values,
        }
    )


@pytest.mark.parametrize(
    ("on", "year"),
    [
        (date(2026, 4, 29), 2024),
        (date(2026, 4, 30), 2025),  # public by that day: due on it
        (date(2026, 12, 31), 2025),
        (date(2027, 1, 1), 2025),
    ],
)
def test_the_newest_public_year_turns_on_the_release_day(on: date, year: int) -> None:
    assert newest_public_year(SPRING, on) == year


def test_a_lag_of_zero_is_the_same_year() -> None:
    assert newest_public_year(Release(lag=0, by="03-31"), date(2026, 3, 31)) == 2026
    assert newest_public_year(Release(lag=0, by="03-31"), date(2026, 3, 30)) == 2025


def test_missing_years_and_provisional_ones_whose_final_is_out() -> None:
    indicator = _indicator(
        {2021: 1, 2022: {"value": 2, "status": "provisional"},
         2023: {"value": 3, "status": "estimated", "note": "a guess"}}
    )  # fmt: skip
    due = due_of(indicator, date(2026, 12, 7))
    assert due is not None
    assert (due.missing, due.provisional, due.public_year) == ((2024, 2025), (2022,), 2025)
    assert due.public_since == date(2026, 4, 30)


def test_nothing_due_when_the_data_hold_the_newest_public_year() -> None:
    assert due_of(_indicator({2024: 1}), date(2026, 4, 29)) is None
    assert due_of(_indicator({2024: 1}), date(2026, 4, 30)) is not None


@pytest.mark.parametrize("periodicity", ["irregular", "discontinued"])
def test_an_irregular_or_ended_series_is_judged_and_never_due(periodicity: str) -> None:
    indicator = _indicator({2001: 1}, periodicity=periodicity)
    assert scheduled(indicator)
    assert due_of(indicator, date(2026, 12, 7)) is None


def test_an_indicator_without_a_rule_is_not_judged() -> None:
    indicator = _indicator({2001: 1}, release=None)
    assert not scheduled(indicator)
    assert due_of(indicator, date(2026, 12, 7)) is None


@pytest.mark.parametrize("by", ["02-29", "04-31", "4-30", "13-01", "00-10", "04-30x"])
def test_a_release_day_must_exist_in_every_year(by: str) -> None:
    with pytest.raises(ValidationError):
        Release(lag=1, by=by)


def test_the_bundled_data_lists_what_statistics_finland_and_others_have_published() -> None:
    """December 2026: the foreign-language series still ends in 2023 although the 2024 and
    2025 year-end figures are out (spring 2025 and 2026); so are other population tables,
    migration, accommodation, emissions and patent figures."""
    result = load_data_set(REPO / "data")
    assert result.catalog is not None
    due = {
        d.indicator.id: (d.missing, d.provisional)
        for d in (due_of(i, date(2026, 12, 7)) for i in result.catalog.indicators)
        if d is not None
    }
    assert due["foreign-language-share"] == ((2024, 2025), ())
    assert due["foreign-language-population"][0] == (2024, 2025)
    assert due["population"] == ((), (2025,))  # the preliminary figure of 2025
    assert set(due) == {
        "population", "foreign-language-population", "foreign-language-share",
        "foreign-citizens", "foreign-background-share", "net-international-migration",
        "foreign-hotel-nights", "ghg-emissions", "ghg-emissions-per-capita",
        "epo-patent-applications", "epo-patent-rank",
    }  # fmt: skip
    assert all({2024, 2025} & {*missing, *final} for missing, final in due.values())
