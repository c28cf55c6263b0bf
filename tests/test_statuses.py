"""Statuses a city analyst can present (issue 10): value domains, settings, stale values,
trend-only judgements, passed targets, bounded projections, signed values, comparisons."""

from __future__ import annotations

from typing import Any

import pytest

from intl_tracker.models import DEFAULT_STALE_AFTER, Indicator, Programme, stale_after, value_domain


def indicator(**fields: Any) -> Indicator:
    base: dict[str, Any] = {
        "id": "x",
        "name": {"en": "x"},
        "goal": "g",
        "unit": "index",
        "direction": "increase",
        "values": {},
    }
    return Indicator.model_validate(base | fields)


@pytest.mark.parametrize(
    ("unit", "bounds", "domain"),
    [
        ("percent", None, (0.0, 100.0)),
        ("count", None, (0.0, None)),
        ("rank", None, (1.0, None)),
        ("eur", None, (None, None)),
        ("count", {"min": None}, (None, None)),  # net migration: a signed count
        ("percent", {"max": 50}, (0.0, 50.0)),  # one side given, the other the unit's
        ("index", {"min": -10, "max": 10}, (-10.0, 10.0)),
        ("percent", {}, (0.0, 100.0)),
    ],
)
def test_value_domain_is_the_unit_default_overridden_by_declared_bounds(
    unit: str, bounds: dict[str, Any] | None, domain: tuple[float | None, float | None]
) -> None:
    assert value_domain(indicator(unit=unit, bounds=bounds)) == domain


def test_stale_after_indicator_over_programme_over_default() -> None:
    programme = Programme.model_validate(
        {"id": "p", "name": {"en": "P"}, "assessment": {"stale_after": 4}}
    )
    plain = indicator()
    assert stale_after(plain) == DEFAULT_STALE_AFTER
    assert stale_after(plain, programme) == 4
    own = indicator(assessment={"stale_after": 1})
    assert stale_after(own, programme) == 1
