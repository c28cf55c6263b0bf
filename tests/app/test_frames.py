"""The pandas views for notebooks agree with the data files and the engine."""

from __future__ import annotations

import math

import pytest

from intl_tracker.core.errors import InvalidDataError
from intl_tracker.frames import load_frames
from tests.conftest import CASES


def test_values_frame_holds_every_observation_with_its_status() -> None:
    values, _ = load_frames()
    share = values[values["id"] == "foreign-language-share"].set_index("year")
    assert share.loc[2015, "value"] == 14.2
    assert share.loc[2015, "status"] == "final"
    assert share.index.is_monotonic_increasing
    count = values[values["id"] == "foreign-language-population"].set_index("year")
    assert count.loc[2023, "status"] == "estimated"
    assert count.loc[2021, "status"] == "provisional"
    pivot = values.pivot(index="year", columns="id", values="value")
    assert pivot.loc[2020, "foreign-hotel-nights"] == 56380


def test_assessment_frame_matches_the_engine_row_by_row() -> None:
    from intl_tracker.assessment.engine import assess_indicator
    from intl_tracker.dataset.loading import bundled_data_dir, load_data_set

    _, report = load_frames(year=2024)
    catalog = load_data_set(bundled_data_dir()).catalog
    assert catalog is not None
    assert list(report.index) == [i.id for i in catalog.indicators]
    for indicator in catalog.indicators:
        expected = assess_indicator(indicator, year=2024)
        row = report.loc[indicator.id]
        assert row["status"] == expected.status.value
        if expected.cagr is None:
            assert row["cagr"] is None or math.isnan(row["cagr"])
        else:
            assert row["cagr"] == pytest.approx(expected.cagr)


def test_invalid_data_raises_with_the_problems() -> None:
    with pytest.raises(InvalidDataError) as caught:
        load_frames(CASES / "invalid" / "duplicate-year")
    assert [p.code for p in caught.value.problems] == ["duplicate-key"]


def test_breakdown_frame_is_long_with_a_column_per_dimension() -> None:
    import csv

    from intl_tracker.dataset.loading import load_data_set
    from intl_tracker.frames import breakdown_frame

    root = CASES / "valid" / "breakdowns"
    catalog = load_data_set(root).catalog
    assert catalog is not None
    frame = breakdown_frame(catalog)
    assert list(frame.columns) == [
        "id", "goal", "unit", "breakdown", "area", "language", "sex",
        "year", "value", "status", "note",
    ]  # fmt: skip
    with (root / "indicators" / "residents.csv").open(encoding="utf-8") as f:
        written = list(csv.DictReader(f))
    residents = frame[frame["id"] == "residents"]
    assert len(residents) == len(written)  # every cell of the file, no other
    by_area = residents[residents["breakdown"] == "area"].pivot(
        index="year", columns="area", values="value"
    )
    assert by_area.loc[2024, "north"] == 25150
    assert residents[residents["breakdown"] == "area"]["language"].isna().all()
    crossed = frame[(frame["breakdown"] == "sex+area") & (frame["year"] == 2024)]
    assert len(crossed) == 6 and set(crossed["sex"]) == {"f", "m"}
