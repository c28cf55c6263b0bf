"""Statuses a city analyst can present (issue 10): value domains, settings, stale values,
trend-only judgements, passed targets, bounded projections, signed values, comparisons."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from intl_tracker.assessment.comparing import Movement, compare, count_movements, movement
from intl_tracker.assessment.engine import (
    Assessment,
    assess_catalog,
    assess_indicator,
    stale_threshold,
)
from intl_tracker.assessment.records import SCORED_STATUSES
from intl_tracker.assessment.report_year import _current_counts, default_report_year
from intl_tracker.cli.commands import app
from intl_tracker.core.vocabulary import Method, Status
from intl_tracker.dataset.loading import load_data_set
from intl_tracker.dataset.models import (
    DEFAULT_STALE_AFTER,
    Catalog,
    Goal,
    Indicator,
    Programme,
    stale_after,
    value_domain,
)
from intl_tracker.presentation.indicator_view import (
    PROJECTION_ROOM,
    IndicatorView,
    build_indicator_view,
)
from intl_tracker.presentation.timeline import by_year, gap_joins, runs
from intl_tracker.render.charts import save_chart
from intl_tracker.render.terminal.terminal_chart import terminal_chart
from tests.conftest import CASES


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


# --- the engine: helpers ----------------------------------------------------------------------


def assess(
    values: dict[int, float],
    targets: list[tuple[float, int]] | None = None,
    *,
    year: int | None = None,
    method: Method = Method.RATIO,
    **fields: Any,
) -> Assessment:
    ind = indicator(
        values=values,
        targets=[{"value": v, "year": y} for v, y in targets or []],
        **fields,
    )
    return assess_indicator(ind, year=year, method=method)


# --- case 1: stale values ---------------------------------------------------------------------


def test_value_age_and_stale_flag_relative_to_the_report_year() -> None:
    old = assess({2016: 10.0, 2017: 12.0}, year=2024)
    assert (old.year, old.report_year, old.value_age) == (2017, 2024, 7)
    assert old.stale and "stale" in old.flags and old.stale_after == DEFAULT_STALE_AFTER
    recent = assess({2016: 10.0, 2022: 12.0}, year=2024)
    assert recent.value_age == 2 and not recent.stale  # at the threshold: still current
    assert assess({2016: 10.0, 2021: 12.0}, year=2024).stale
    latest = assess({2016: 10.0, 2017: 12.0})  # no report year: the latest value's year
    assert latest.report_year == 2017 and latest.value_age == 0 and not latest.stale


def test_stale_threshold_per_indicator_option_and_programme() -> None:
    ind = indicator(values={2016: 10.0, 2020: 12.0})
    programme = Programme.model_validate(
        {"id": "p", "name": {"en": "P"}, "assessment": {"stale_after": 5}}
    )
    assert assess_indicator(ind, year=2024).stale  # default 2: 4 years old
    assert not assess_indicator(ind, year=2024, programme=programme).stale
    assert assess_indicator(ind, year=2024, programme=programme, stale_after_years=3).stale
    own = indicator(values={2016: 10.0, 2020: 12.0}, assessment={"stale_after": 4})
    assert not assess_indicator(own, year=2024, stale_after_years=1).stale  # the indicator wins
    assert stale_threshold(own, programme, 1) == 4


# --- case 2: trend-only judgements -------------------------------------------------------------


@pytest.mark.parametrize("method", list(Method))
def test_a_status_without_a_target_is_trend_only(method: Method) -> None:
    values = {2018 + k: 100.0 * 1.03**k for k in range(6)}
    trend = assess(values, method=method)
    assert trend.status is Status.ON_TRACK and trend.trend_only and "trend_only" in trend.flags
    against = assess(values, [(200.0, 2035)], method=method)
    assert against.status in SCORED_STATUSES and not against.trend_only
    unknown = assess({2023: 5.0}, method=method)
    assert unknown.status is Status.INSUFFICIENT_DATA and not unknown.trend_only


# --- case 3: a passed target is judged only on a value of its year or later -----------------------

PASSED = {2016: 100.0, 2017: 120.0, 2018: 135.0, 2019: 150.0}


@pytest.mark.parametrize("method", list(Method))
def test_passed_target_with_older_data_is_insufficient_data(method: Method) -> None:
    a = assess(PASSED, [(200.0, 2022)], year=2024, method=method)
    assert a.status is Status.INSUFFICIENT_DATA
    assert a.reason is not None and "target year 2022 passed; latest value 2019" in a.reason
    assert a.eta_year is None and a.ratio is None and a.projected_value is None
    # one more value, of the target year or later, decides met or missed
    assert assess(PASSED | {2023: 190.0}, [(200.0, 2022)], year=2024).status is Status.MISSED
    met = assess(PASSED | {2023: 210.0}, [(200.0, 2022)], year=2024)
    assert met.status is Status.TARGET_MET


def test_the_earliest_target_at_or_after_the_report_year_drives_the_status() -> None:
    a = assess(PASSED, [(200.0, 2022), (400.0, 2030)], year=2024)
    assert a.target is not None and a.target.year == 2030
    assert a.status is not Status.INSUFFICIENT_DATA and a.stale


def test_never_an_eta_before_the_report_year() -> None:
    # 150 in 2019 growing ~14 %/y reaches 200 in 2022: an ETA in the past of report 2024
    a = assess(PASSED, [(200.0, 2030)], year=2024)
    assert a.status is Status.ON_TRACK and a.eta_year is None
    assert a.reason is not None and "would have been reached in 2022" in a.reason
    current = assess(PASSED, [(200.0, 2030)], year=2019)
    assert current.eta_year == 2022 and current.reason is None


# --- case 4: projections stay within the unit's domain -----------------------------------------


@pytest.mark.parametrize("method", [Method.RATIO, Method.UNSD])
def test_projection_is_clipped_to_the_percent_domain(method: Method) -> None:
    a = assess({2018: 20.0, 2023: 50.0}, [(90.0, 2040)], method=method, unit="percent")
    assert a.projected_value == 100.0 and a.clipped == ("projected_value",)
    assert "clipped" in a.flags and a.status is Status.ON_TRACK
    assert a.reason is not None and "clipped to 100" in a.reason
    unbounded = assess({2018: 20.0, 2023: 50.0}, [(90.0, 2040)], method=method)
    assert unbounded.projected_value is not None and unbounded.projected_value > 1000
    assert unbounded.clipped == ()


def test_linear_projection_is_clipped_at_zero_for_a_count() -> None:
    values = {2018 + k: 50.0 - 8.0 * k for k in range(6)}  # 50 ... 10
    a = assess(values, [(5.0, 2035)], method=Method.DNS, unit="count", direction="decrease")
    assert a.projected_value == 0.0 and a.clipped == ("projected_value",)
    assert a.status is Status.ON_TRACK


def test_no_eta_for_a_target_outside_the_declared_domain() -> None:
    ind = indicator(
        values={2018: 20.0, 2023: 30.0},
        targets=[{"value": 90.0, "year": 2040}],
        bounds={"max": 80},
    )
    assert assess_indicator(ind).eta_year is None


# --- case 6: signed values ------------------------------------------------------------------------


def test_signed_count_validates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "valid" / "signed-bounds")
    result = load_data_set(Path("."))
    assert result.problems == [] and result.catalog is not None
    net = result.catalog.indicator("net-migration")
    assert net is not None and net.values[2022].value == -150


@pytest.mark.parametrize("method", [Method.RATIO, Method.UNSD])
def test_growth_rate_on_a_non_positive_value_gives_a_true_reason(method: Method) -> None:
    a = assess({2021: 120.0, 2022: -150.0}, method=method, unit="count", bounds={"min": None})
    assert a.status is Status.INSUFFICIENT_DATA and a.cagr is None
    assert a.reason is not None and "a value ≤ 0" in a.reason and "2022: -150" in a.reason


def test_all_negative_series_on_magnitudes_with_the_direction_reversed() -> None:
    fields: dict[str, Any] = {
        "unit": "count",
        "bounds": {"min": None, "max": 0},
        "assessment": {"negative_values": "magnitude"},
    }
    a = assess({2018: -100.0, 2023: -80.0}, **fields)  # rising towards zero: progress
    assert a.magnitudes and "magnitudes" in a.flags
    assert a.status is Status.ON_TRACK and a.trend_only
    assert (a.value, a.base_value, a.change) == (-80.0, -100.0, 20.0)
    assert a.cagr is not None and abs(a.cagr - ((0.8**0.2) - 1)) < 1e-12
    with_target = assess({2018: -100.0, 2023: -80.0}, [(-50.0, 2035)], **fields)
    assert with_target.target is not None and with_target.target.value == -50.0
    assert with_target.projected_value is not None and with_target.projected_value < 0
    # without the setting (the default), the growth-rate methods cannot assess it
    plain = assess({2018: -100.0, 2023: -80.0}, unit="count", bounds={"min": None})
    assert plain.status is Status.INSUFFICIENT_DATA and not plain.magnitudes
    # a series that is not all negative is left as it is
    mixed = assess({2018: -100.0, 2023: 80.0}, **fields | {"bounds": {"min": None}})
    assert not mixed.magnitudes and mixed.status is Status.INSUFFICIENT_DATA


# --- case 7: the default report year -------------------------------------------------------------


def catalog_of(*indicators: Indicator) -> Catalog:
    return Catalog(
        programme=Programme.model_validate({"id": "p", "name": {"en": "P"}}),
        goals=[Goal.model_validate({"id": "g", "number": 1, "name": {"en": "G"}})],
        indicators=list(indicators),
    )


def test_default_year_is_the_latest_in_which_half_the_indicators_are_current() -> None:
    catalog = catalog_of(
        indicator(id="a", values={2015: 1.0, 2023: 2.0, 2025: 3.0}),  # one provisional 2025
        indicator(id="b", values={2015: 1.0, 2022: 2.0}),
        indicator(id="c", values={2015: 1.0, 2019: 2.0}),
        indicator(id="d", values={2015: 1.0, 2018: 2.0}),
    )
    chosen = default_report_year(catalog)
    assert chosen is not None and chosen.year == 2024  # a (2023) and b (2022) are current
    assert (chosen.current, chosen.indicators, chosen.latest) == (2, 4, 2025)
    assert "report year 2024" in chosen.explanation() and "(2 of 4)" in chosen.explanation()
    # a whole sentence (it ended "in 2025, 1 would"): issue 20, breaker item 17f
    assert chosen.explanation().endswith("in 2025 only 1 of 4 would have one")
    assert default_report_year(catalog, stale_after_years=0) is not None
    assert default_report_year(catalog_of(indicator(values={}))) is None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.integers(1990, 2030), min_size=1, max_size=12, unique=True),
            st.integers(0, 6),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_default_year_counts_follow_the_definition(
    indicators: list[tuple[list[int], int]],
) -> None:
    """The counts behind the default year are, per year, the indicators with a value at most
    ``stale_after`` years old in it, computed the slow way here (one set per indicator)."""
    with_values = [(sorted(years), age) for years, age in indicators]
    latest = max(years[-1] for years, _ in with_values)
    expected: Counter[int] = Counter()
    for years, age in with_values:
        expected.update({c for y in years for c in range(y, min(y + age, latest) + 1)})
    assert _current_counts(with_values, latest) == expected


# --- per-indicator settings (decision 3) --------------------------------------------------------

RISING = {2018: 20.0, 2023: 22.0}  # A2 of methods.md: R 0.797, moderate


def test_progress_calculation_off() -> None:
    a = assess(RISING, [(30.0, 2035)], assessment={"calculate": False})
    assert a.status is Status.INSUFFICIENT_DATA and not a.calculated
    assert "not_calculated" in a.flags and a.cagr is None and a.ratio is None
    assert a.value == 22.0 and a.reason == "progress calculation is turned off for this indicator"


def test_status_set_by_hand_keeps_the_computed_one() -> None:
    manual = {
        "value": "on_track",
        "rationale": {"en": "Register change in 2022", "fi": "Rekisterimuutos"},
        "source": {"publisher": "City of Espoo"},
    }
    a = assess(RISING, [(30.0, 2035)], assessment={"status": manual})
    assert a.status is Status.ON_TRACK and a.set_by_hand and a.flags[0] == "set_by_hand"
    assert a.computed_status is Status.MODERATE and not a.trend_only
    assert a.reason == "status set by hand: Register change in 2022"
    off = assess(RISING, [(30.0, 2035)], assessment={"status": manual, "calculate": False})
    assert off.status is Status.ON_TRACK and off.computed_status is None and off.cagr is None


def test_per_indicator_thresholds() -> None:
    lenient = {"thresholds": {"ratio": {"on_track": 0.75, "moderate": 0.5}}}
    assert assess(RISING, [(30.0, 2035)], assessment=lenient).status is Status.ON_TRACK
    trend = {"thresholds": {"trend": {"on_track": 0.03, "moderate": 0.02}}}
    b1 = {2017: 50.0, 2022: 53.0}  # methods.md B1: CAGR 1.17 %, > Eurostat's 1 %
    assert assess(b1).status is Status.ON_TRACK
    assert assess(b1, assessment=trend).status is Status.INSUFFICIENT
    strict_dns = {"thresholds": {"dns": {"on_track": 0.01, "moderate": 0.02}}}
    f2 = dict(zip(range(2018, 2024), [20.5, 21.0, 21.6, 22.1, 22.4, 23.0], strict=True))
    assert assess(f2, [(30.0, 2035)], method=Method.DNS).status is Status.MODERATE
    dns = assess(f2, [(30.0, 2035)], method=Method.DNS, assessment=strict_dns)
    assert dns.status is Status.INSUFFICIENT


def test_invalid_settings_point_at_file_line_column(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "invalid" / "assessment-settings")
    shown = [str(p) for p in load_data_set(Path(".")).problems]
    assert any(s.startswith("indicators/bounded.yaml:12:13: error [out-of-range]") for s in shown)
    assert any("[threshold-order]" in s for s in shown)


# --- --compare ------------------------------------------------------------------------------------


def test_compare_statuses_then_and_now() -> None:
    ind = indicator(
        values={2018: 20.0, 2019: 20.2, 2022: 21.0, 2023: 23.5},
        targets=[{"value": 30, "year": 2035}],
    )
    no_target = indicator(id="y", values={2018: 50.0, 2019: 51.0, 2022: 49.0, 2023: 48.0})
    catalog = catalog_of(ind, no_target)
    earlier = assess_catalog(catalog, year=2022)
    later = assess_catalog(catalog, year=2023)
    result = compare(earlier, later)
    assert [c.indicator_id for c in result] == ["x", "y"]
    x, y = result
    assert (x.earlier.status, x.later.status) == (Status.INSUFFICIENT, Status.ON_TRACK)
    assert x.movement is Movement.IMPROVED and x.value_change == 2.5
    assert y.movement is Movement.UNCHANGED  # moving away both years
    assert count_movements(result) == [(Movement.IMPROVED, 1), (Movement.UNCHANGED, 1)]
    assert compare(later, earlier)[0].movement is Movement.WORSENED
    with pytest.raises(ValueError, match="same indicators"):
        compare(earlier[:1], later)


def test_compare_a_status_without_a_rank_is_not_comparable() -> None:
    ind = indicator(values={2020: 1.0, 2022: 2.0})
    then, now = assess_indicator(ind, year=2020), assess_indicator(ind, year=2022)
    assert then.status is Status.INSUFFICIENT_DATA
    assert movement(then, now) is Movement.NOT_COMPARABLE


# --- every format, end to end ---------------------------------------------------------------------


def write_dataset(
    root: Path, *indicators: dict[str, Any], programme: dict[str, Any] | None = None
) -> Path:
    """A data directory with one goal and these indicator files (fields merged into defaults)."""
    (root / "indicators").mkdir(parents=True)
    goals = {
        "programme": {"id": "p", "name": {"en": "P"}} | (programme or {}),
        "goals": [{"id": "g", "number": 1, "name": {"en": "G"}}],
    }
    (root / "goals.yaml").write_text(yaml.safe_dump(goals), encoding="utf-8")
    for fields in indicators:
        doc = {"name": {"en": fields["id"]}, "goal": "g", "unit": "index", "direction": "increase"}
        doc |= fields
        path = root / "indicators" / f"{fields['id']}.yaml"
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return root


def run(runner: CliRunner, *args: str) -> Result:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result


def test_json_carries_age_flags_and_summary(runner: CliRunner, tmp_path: Path) -> None:
    data = write_dataset(
        tmp_path,
        {"id": "passed", "values": PASSED, "targets": [{"value": 200, "year": 2022}]},
        {"id": "trend", "values": {2018: 20.0, 2023: 23.0}},
        {"id": "share", "unit": "percent", "values": {2018: 20, 2023: 50},
         "targets": [{"value": 90, "year": 2040}]},
    )  # fmt: skip
    doc = json.loads(run(runner, "report", "2024", "--data", str(data), "-f", "json").stdout)
    rows = {i["id"]: i for i in doc["indicators"]}
    passed, trend, share = rows["passed"], rows["trend"], rows["share"]
    assert passed["status"] == "insufficient_data" and passed["stale"] and passed["value_age"] == 5
    assert "target year 2022 passed; latest value 2019" in passed["reason"]
    assert trend["trend_only"] and trend["flags"] == ["trend_only"] and not trend["stale"]
    assert share["projected_value"] == 100 and share["clipped"] == ["projected_value"]
    summary = {s["status"]: s for s in doc["summary"]}
    assert summary["on_track"] == {"status": "on_track", "current": 2, "stale": 0, "trend_only": 1}
    assert summary["insufficient_data"]["stale"] == 1


def test_csv_numbers_as_written_and_columns_to_rederive(runner: CliRunner, tmp_path: Path) -> None:
    data = write_dataset(
        tmp_path,
        {"id": "rank", "unit": "rank", "direction": "decrease", "values": {2022: 15, 2023: 14}},
        {"id": "share", "unit": "percent", "values": {2018: 21.0, 2019: 20.3},
         "targets": [{"value": 30, "year": 2035}]},
    )  # fmt: skip
    out = run(runner, "report", "2019", "--data", str(data), "-f", "csv").stdout
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    share = rows["share"]
    assert share["change"] == "-0.7" and share["value"] == "20.3"  # not -0.7000000000000002
    assert share["direction"] == "increase" and share["base_year"] == "2018"
    assert share["base_value"] == "21" and share["target_value"] == "30"
    assert share["status"] == "moving_away" and share["value_age"] == "0"
    for name in ("cagr", "required_cagr", "ratio"):
        digits = share[name].lstrip("-0.").replace(".", "")
        assert "e" not in share[name] and 0 < len(digits) <= 12
    later = run(runner, "report", "2023", "--data", str(data), "-f", "csv").stdout
    rank = next(r for r in csv.DictReader(io.StringIO(later)) if r["id"] == "rank")
    assert rank["value"] == "14" and rank["previous_value"] == "15" and rank["change"] == "-1"
    assert rank["trend_only"] == "true" and rank["flags"] == "trend_only"


def test_compare_in_json_and_csv(runner: CliRunner, tmp_path: Path) -> None:
    data = write_dataset(
        tmp_path,
        {"id": "up", "values": {2018: 20.0, 2019: 20.2, 2022: 21.0, 2023: 23.5},
         "targets": [{"value": 30, "year": 2035}]},
        {"id": "down", "values": {2018: 20.0, 2022: 23.5, 2023: 21.0},
         "targets": [{"value": 30, "year": 2035}]},
    )  # fmt: skip
    args = ["report", "2023", "--compare", "2022", "--data", str(data)]
    doc = json.loads(run(runner, *args, "-f", "json").stdout)
    assert doc["compare_year"] == 2022
    assert doc["movements"] == {"improved": 1, "worsened": 1}
    up = next(i for i in doc["indicators"] if i["id"] == "up")
    assert up["comparison"]["status"] == "insufficient" and up["status"] == "on_track"
    assert up["comparison"]["value"] == 21.0 and up["comparison"]["movement"] == "improved"
    rows = list(csv.DictReader(io.StringIO(run(runner, *args, "-f", "csv").stdout)))
    assert [(r["id"], r["earlier_status"], r["movement"]) for r in rows] == [
        ("down", "on_track", "worsened"),
        ("up", "insufficient", "improved"),
    ]
    bad = runner.invoke(app, ["report", "2022", "--compare", "2023", "--data", str(data)])
    assert bad.exit_code == 2 and "must be before the report year 2022" in bad.stderr


# --- case 9: gaps ---------------------------------------------------------------------------

GAPPY = [(1990, 10.0), (2018, 20.0), (2022, 22.0), (2023, 23.0), (2024, 24.0)]


def test_runs_and_gap_joins_split_at_missing_years() -> None:
    assert runs(GAPPY) == [
        [(1990, 10.0)],
        [(2018, 20.0)],
        [(2022, 22.0), (2023, 23.0), (2024, 24.0)],
    ]
    assert gap_joins(GAPPY) == [((1990, 10.0), (2018, 20.0)), ((2018, 20.0), (2022, 22.0))]
    assert runs([]) == [] and gap_joins([(2020, 1.0)]) == []


def test_values_placed_by_year_leave_missing_years_blank() -> None:
    slots = by_year(GAPPY, 2024, 10)
    assert len(slots) == 10 and slots[3] == 20.0  # 2018 is the 4th year of 2015-2024
    assert slots[:3] == [None, None, None] and slots[4:7] == [None, None, None]
    assert slots[7:] == [22.0, 23.0, 24.0]  # 1990 lies outside the window


# --- the human formats: table and Markdown -----------------------------------------------------

HAND = {
    "value": "on_track",
    "rationale": {"en": "Register change in 2022", "fi": "Rekisterimuutos 2022"},
    "source": {"publisher": "City of Espoo", "title": "Annual review"},
}


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    return write_dataset(
        tmp_path,
        {"id": "old-data", "name": {"en": "Old data"}, "values": PASSED,
         "targets": [{"value": 200, "year": 2022}]},
        {"id": "no-target", "name": {"en": "No target"}, "values": {2018: 20.0, 2023: 23.0}},
        {"id": "by-hand", "name": {"en": "By hand"}, "values": {2018: 20.0, 2023: 21.0},
         "targets": [{"value": 30, "year": 2035}], "assessment": {"status": HAND}},
        {"id": "gappy", "name": {"en": "Gappy"}, "values": dict(GAPPY),
         "targets": [{"value": 40, "year": 2035}]},
    )  # fmt: skip


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_human_formats_mark_stale_trend_hand_and_give_footnotes(
    runner: CliRunner, mixed: Path, fmt: str
) -> None:
    out = run(runner, "report", "2024", "--data", str(mixed), "-f", fmt).stdout
    flat = " ".join(out.replace("\\", "").split())  # Markdown escapes, table wraps
    assert "(2019)†" in flat  # case 1: the stale value is marked
    if fmt == "markdown":
        assert "| 150 (2019)† |" in flat  # whole values written: no decimals (issue 20)
    assert "† stale: more than 2 years older than the report year" in flat
    assert "(trend)" in flat  # case 2: trend-only reads differently
    assert "(trend): judged on the trend alone, without a target" in flat
    assert "on track ✎" in flat and "✎ status set by hand" in flat
    # case 8: every row with a reason has a footnote under its table
    assert "data [2]" in flat
    assert "[2] Old data: target year 2022 passed; latest value 2019" in flat
    assert (
        "[1] By hand: status set by hand: Register change in 2022 (City of Espoo, Annual review)"
        in flat
    )
    # the summary counts stale and trend-only statuses apart: the trend-only row in its own
    # words, never among the "on track" (issue 20), the stale one marked
    assert "▲ 1 on track" in flat and "⇑ 1 significant progress" in flat
    assert "2 on track" not in flat and "1 insufficient data (1 stale)" in flat


def test_sparkline_places_values_by_year(runner: CliRunner, mixed: Path) -> None:
    out = run(runner, "report", "2024", "--data", str(mixed), "-i", "gappy").stdout
    line = next(line for line in out.splitlines() if line.startswith("Gappy"))
    # 2015-2024: 2018, then 2022-2024; blanks for the years between (case 9)
    assert re.search(r" {3}▁ {3}[▁-█]{3}", line), line


def test_finnish_footnotes_and_hand_set_rationale(runner: CliRunner, mixed: Path) -> None:
    out = run(runner, "report", "2024", "--data", str(mixed), "--lang", "fi").stdout
    flat = " ".join(out.split())
    assert "tavoitevuosi 2022 on ohitettu; viimeisin arvo 2019" in flat
    assert "tila asetettu käsin: Rekisterimuutos 2022" in flat and "(trendi)" in flat


def test_dns_shows_its_own_numbers_in_the_table(runner: CliRunner, tmp_path: Path) -> None:
    f2 = dict(zip(range(2018, 2024), [20.5, 21.0, 21.6, 22.1, 22.4, 23.0], strict=True))
    data = write_dataset(
        tmp_path,
        {"id": "f2", "decimals": 1, "values": f2, "targets": [{"value": 30, "year": 2035}]},
    )
    for fmt in ("table", "markdown"):
        out = run(runner, "report", "2023", "--data", str(data), "-m", "dns", "-f", fmt).stdout
        flat = " ".join(out.replace("\\", "").split())
        assert "+0.5 dev. 14.3%" in flat  # case 5: avg change a year and the deviation
        assert "deviation" in flat and "vs +" not in flat


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_compare_in_the_human_formats(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    data = write_dataset(
        tmp_path,
        {"id": "up", "name": {"en": "Up"},
         "values": {2018: 20.0, 2019: 20.2, 2022: 21.0, 2023: 23.5},
         "targets": [{"value": 30, "year": 2035}]},
        {"id": "down", "name": {"en": "Down"}, "values": {2018: 20.0, 2022: 23.5, 2023: 21.0},
         "targets": [{"value": 30, "year": 2035}]},
    )  # fmt: skip
    args = ["report", "2023", "--compare", "2022", "--data", str(data), "-f", fmt]
    flat = " ".join(run(runner, *args).stdout.replace("\\", "").split())
    assert "Since 2022: Against commitments: 1 improved, 1 worsened" in flat
    assert "↑ improved" in flat and "↓ worsened" in flat
    assert "Status 2022" in flat and "Status 2023" in flat
    later = run(runner, "report", "2024", "--compare", "2023", "--data", str(data), "-f", fmt)
    assert "(no new value)" in later.stdout  # both years assess the 2023 values


# --- charts: the y range, the projection at the domain's edge, gaps ---------------------------


def _page(ind: Indicator, year: int, method: Method = Method.RATIO) -> IndicatorView:
    catalog = catalog_of(ind)
    assessments = {m: assess_indicator(ind, year=year, method=m) for m in Method}
    return build_indicator_view(
        catalog, ind, assessments, method=method, year=year, tool_version="t"
    )


def test_chart_y_range_follows_data_and_target_not_an_impossible_projection() -> None:
    share = indicator(
        unit="percent", values={2018: 20, 2023: 50}, targets=[{"value": 90, "year": 2040}]
    )
    chart = _page(share, 2023).chart
    assert max(chart.y_values) <= 100  # was 1,127 % before clipping (case 4)
    ys = [y for _, y in chart.projection]
    assert max(ys) == 100.0 and chart.projection[-1] == (2040.0, 100.0)
    reached = next(x for x, y in chart.projection if y == 100.0)
    # a share is projected linearly (issue 20, item 5): +6 pp a year reaches 100 % in 2031.3,
    # then stays (compounded at +20 % a year it would have hit 100 % in about 2027)
    assert 2031 < reached < 2032
    # a possible but far projection does not squash the data either
    big = indicator(values={2018: 20, 2023: 50}, targets=[{"value": 90, "year": 2040}])
    lo, hi = 20.0, 90.0
    assert max(_page(big, 2023).chart.y_values) <= hi + PROJECTION_ROOM * (hi - lo) + 1e-9


@pytest.mark.parametrize("method", list(Method))
def test_chart_svg_marks_gaps_and_dns_annotates_its_change(tmp_path: Path, method: Method) -> None:
    pytest.importorskip("matplotlib")
    ind = indicator(values=dict(GAPPY) | {2019: 20.5, 2020: 21.0, 2021: 21.5},
                    targets=[{"value": 40, "year": 2035}])  # fmt: skip
    path = tmp_path / "chart.svg"
    save_chart(_page(ind, 2024, method), "en", path)
    svg = path.read_text(encoding="utf-8")
    assert "no values in between" in svg  # 1990 → 2018 is not drawn as data (case 9)
    if method is Method.DNS:
        assert "at +0.7 a year" in svg  # dns's own average change, (24 - 20.5) / 5 (case 5)


def test_terminal_chart_breaks_the_line_at_a_gap() -> None:
    points = dict(GAPPY)
    ind = indicator(values=points)
    text = "\n".join(str(line) for line in terminal_chart(_page(ind, 2024), "en", 80))
    joined = indicator(values={y: float(y - 1990) for y in range(1990, 2025)})
    full = "\n".join(str(line) for line in terminal_chart(_page(joined, 2024), "en", 80))
    braille = sum(1 for c in text if "\u2801" <= c <= "\u28ff")
    assert braille < sum(1 for c in full if "\u2801" <= c <= "\u28ff") / 3


def test_show_marks_stale_trend_and_hand_set(runner: CliRunner, mixed: Path) -> None:
    old = run(runner, "show", "old-data", "--year", "2024", "--data", str(mixed)).stdout
    assert "150 (2019)†" in old and "† stale: more than 2 years older" in old
    assert "target year 2022" in old and "passed;" in old  # the reason, wrapped in its column
    trend = run(runner, "show", "no-target", "--data", str(mixed)).stdout
    assert "significant progress (trend)" in trend and "on track" not in trend
    hand = run(runner, "show", "by-hand", "--data", str(mixed)).stdout
    assert "on track ✎" in hand


def test_stale_after_option(runner: CliRunner, mixed: Path) -> None:
    def stale_ids(*extra: str) -> set[str]:
        args = ["report", "2024", "--data", str(mixed), "-f", "json", *extra]
        return {i["id"] for i in json.loads(run(runner, *args).stdout)["indicators"] if i["stale"]}

    assert stale_ids() == {"old-data"}
    assert stale_ids("--stale-after", "0") == {"old-data", "no-target", "by-hand"}
    assert stale_ids("--stale-after", "9") == set()


def test_bundled_report_2024_marks_stale_and_trend_only_rows(runner: CliRunner) -> None:
    """The issue's "done when": stale rows marked, trend-only rows marked, counts split."""
    doc = json.loads(run(runner, "report", "2024", "-f", "json").stdout)
    rows = doc["indicators"]
    stale = [i for i in rows if i["stale"]]
    trend = [i for i in rows if i["trend_only"]]
    assert stale and trend
    assert all(i["value_age"] > i["stale_after"] for i in stale)
    assert all(i["target"] is None for i in trend)
    table = run(runner, "report", "2024").stdout
    flat = " ".join(table.split())
    for i in stale:
        if i["year"] is not None:
            assert f"({i['year']})†" in flat
    assert flat.count("(trend)") >= len(trend)  # each row, plus the legend line
    assert re.search(r"\(\d+ stale\)", flat) and re.search(r"\d+ rest on stale values", flat)
    assert "Trend only, no target: ⇑" in flat and "on track (trend)" not in flat
    assert f"All {len(rows)} indicators: " in flat  # one summary over every goal
    # the README's jq example: moving away from a target means judged against one
    assert all(
        i["target"] is not None
        for i in rows
        if i["status"] == "moving_away" and not i["trend_only"]
    )


# --- fresh-eyes findings: the method's own class, show's default year and marks -------------

FALLING = {2015: 500.0, 2023: 400.0}  # target 1000 in 2030: the methods say moving away


def test_method_class_is_the_computed_class_not_the_hand_set_status() -> None:
    def hand(method: Method, **extra: Any) -> Assessment:
        settings = {"status": HAND} | extra
        return assess(FALLING, [(1000.0, 2030)], year=2024, method=method, assessment=settings)

    ratio, unsd, dns = hand(Method.RATIO), hand(Method.UNSD), hand(Method.DNS)
    assert ratio.status is Status.ON_TRACK and ratio.computed_status is Status.MOVING_AWAY
    assert ratio.ratio is not None and ratio.ratio < 0
    assert ratio.method_class == "movement away from the target"
    assert unsd.method_class == "stagnation or regression"
    assert dns.computed_status is Status.INSUFFICIENT_DATA  # two values: DNS cannot compute
    assert dns.method_class == "insufficient data"
    assert hand(Method.RATIO, calculate=False).method_class is None


def test_bundled_report_2024_never_calls_a_trend_on_track_and_leads_with_commitments(
    runner: CliRunner,
) -> None:
    """Issue 20: "on track" meant three things. On the bundled data no row judged on the trend
    alone says "on track" (JSON label or table row), and every summary opens with what was
    judged against commitments."""
    doc = json.loads(run(runner, "report", "2024", "-f", "json").stdout)
    rows = doc["indicators"]
    trend = [i for i in rows if i["judged_against"] == "trend"]
    assert trend and any(i["status"] == "on_track" for i in trend)  # the case exists
    for i in trend:
        assert "on track" not in i["status_label"] and i["target"] is None, i["id"]
    for i in rows:
        kind = i["target"]["kind"] if i["target"] else None
        expected = {"target": "commitment", "forecast": "forecast"}.get(kind or "")
        if i["trend_only"]:
            expected = "trend"
        elif i["status"] == "insufficient_data":
            expected = None
        assert i["judged_against"] == expected, i["id"]
    flat = " ".join(run(runner, "report", "2024").stdout.split())
    on_track = [i for i in rows if i["status"] == "on_track" and not i["trend_only"]]
    # "▲ on track" in the table: each target-judged on-track row, and the legend once
    assert flat.count("▲ on track") == len(on_track) + 1
    assert flat.count("(trend)") == len(trend) + 1  # each trend row, and the legend line
    overall = flat[flat.index(f"All {len(rows)} indicators:") :]
    assert overall.startswith(f"All {len(rows)} indicators: Against commitments:")
    assert re.search(r"; \d+ rest on stale values", overall)
    groups = ["Against commitments", "Against forecasts", "Trend only, no target", "Not judged"]
    heads = re.findall("(" + "|".join(groups) + "):", flat)
    summaries: list[list[int]] = []
    for head in heads:  # every summary (each goal's, then the overall) opens with commitments
        if head == groups[0]:
            summaries.append([])
        assert summaries, head
        summaries[-1].append(groups.index(head))
    assert len(summaries) == len({i["goal"] for i in rows}) + 1
    assert all(order == sorted(set(order)) for order in summaries)


def test_hand_set_status_marked_and_computed_class_in_every_format(
    runner: CliRunner, tmp_path: Path
) -> None:
    data = write_dataset(
        tmp_path,
        {"id": "hand", "values": FALLING, "targets": [{"value": 1000, "year": 2030}],
         "assessment": {"status": HAND}},
    )  # fmt: skip
    base = ["--data", str(data)]
    table = run(runner, "show", "hand", "--year", "2024", *base).stdout
    assert "on track ✎ — ratio method" in table  # the headline carries the mark
    own = next(line for line in table.splitlines() if "Method's own class" in line)
    assert "movement away" in own and "stagnation or" in own  # the unsd column wraps
    assert "significant progress" not in own and "sun" not in own
    for args in (["show", "hand", "--year", "2024"], ["report", "2024"]):
        doc = json.loads(run(runner, *args, *base, "-f", "json").stdout)
        row = doc["indicators"][0] if "indicators" in doc else doc["assessments"]["ratio"]
        assert (
            row["method_class"] == "movement away from the target" and row["status"] == "on_track"
        )
        assert row["computed_status"] == "moving_away" and row["set_by_hand"]
    csv_rows = list(
        csv.DictReader(io.StringIO(run(runner, "report", "2024", *base, "-f", "csv").stdout))
    )
    assert csv_rows[0]["method_class"] == "movement away from the target"
    md = run(runner, "report", "2024", *base, "-f", "markdown").stdout
    hand_row = next(line for line in md.splitlines() if line.startswith("| hand"))
    assert "on track ✎" in hand_row and "significant progress" not in hand_row
    assert "Against commitments: ▲ 1 on track" in md  # counted as set, against its target


def test_show_defaults_to_the_report_year_and_marks_stale_and_trend(
    runner: CliRunner, tmp_path: Path
) -> None:
    data = write_dataset(
        tmp_path,
        {"id": "passed", "values": PASSED, "targets": [{"value": 200, "year": 2022}]},
        {"id": "old-trend", "values": {2015: 10.0, 2017: 12.0}},
        {"id": "fresh", "values": {2020: 1.0, 2024: 2.0}},
        {"id": "fresh2", "values": {2020: 1.0, 2024: 2.0}},
    )
    base = ["--data", str(data)]
    result = run(runner, "show", "passed", *base)
    assert "report year 2024" in result.stderr  # the same default-year rule as `report`
    flat = " ".join(result.stdout.split())
    assert "insufficient data" in flat and "On track" not in flat and "on track" not in flat
    assert "target year 2022 passed" in flat
    report = json.loads(run(runner, "report", *base, "-f", "json").stdout)
    shown = json.loads(run(runner, "show", "passed", *base, "-f", "json").stdout)
    row = next(i for i in report["indicators"] if i["id"] == "passed")
    assert row["status"] == shown["assessments"]["ratio"]["status"] == "insufficient_data"
    trend = run(runner, "show", "old-trend", "--year", "2024", *base).stdout
    headline = next(line for line in trend.splitlines() if "— ratio method" in line)
    assert "(trend)" in headline and "(2017)†" in headline
    lines = trend.splitlines()
    at = next(k for k, line in enumerate(lines) if line.lstrip().startswith("Status"))
    assert "significant progress" in lines[at] and "on track" not in lines[at]
    assert "(trend)" in lines[at + 1]  # the mark, wrapped under the words in its column


def test_trend_only_wording_is_neutral_and_one_word_per_concept(
    runner: CliRunner, tmp_path: Path
) -> None:
    data = write_dataset(tmp_path, {"id": "down", "values": {2018: 30.0, 2023: 20.0}})
    flat = {
        lang: " ".join(
            run(runner, "report", "2024", "--data", str(data), "--lang", lang).stdout.split()
        )
        for lang in ("fi", "sv")
    }
    # no target: the label must not speak of moving away from a target value
    assert "⇓ 1 merkittävä etääntyminen" in flat["fi"]  # a count of one: nominative (ngettext)
    assert "tavoitearvosta" not in flat["fi"] and "bort från" not in flat["sv"]
    assert "⇓ 1 betydande rörelse bort" in flat["sv"]
    # fi: "arvio(itu)" is kept for "estimated"; a status is "päätelty" (judged)
    assert "(trendi): tila päätelty pelkästä trendistä" in flat["fi"]
    assert "arvioitu pelkän" not in flat["fi"]
    # sv: målvärde is the target, mål the programme's goal
    assert "utan målvärde" in flat["sv"] and not re.search(r"(utan|inget) mål\b", flat["sv"])


@pytest.mark.parametrize("method", list(Method))
def test_a_value_held_at_the_best_end_of_its_domain_is_on_track(method: Method) -> None:
    best = indicator(
        unit="rank",
        direction="decrease",
        values={2013: 3, 2014: 2, 2015: 1, 2016: 1, 2017: 1},
    )
    a = assess_indicator(best, year=2017, method=method)
    assert a.status is Status.ON_TRACK and a.trend_only
    assert "at the best possible value (1)" in (a.reason or "")
    full = indicator(unit="percent", values={2013: 99, 2014: 100, 2015: 100, 2016: 100})
    assert assess_indicator(full, year=2016, method=method).status is Status.ON_TRACK
    # one step short of the bound is judged on the trend as before
    near = indicator(unit="rank", direction="decrease", values={2013: 2, 2015: 2, 2017: 2})
    assert assess_indicator(near, year=2017, method=method).status is not Status.ON_TRACK
    # held at the best over the whole period: no change, said as held (breaker20-final 4)
    held = indicator(unit="rank", direction="decrease", values={2014: 1, 2015: 1, 2016: 1, 2017: 1})
    h = assess_indicator(held, year=2017, method=method)
    assert h.status is Status.NO_CHANGE and h.trend_only, method


def test_bundled_telos_rank_one_is_not_a_shortcoming(runner: CliRunner) -> None:
    """Rank 1 at both ends of the period: held at the best, "no change" (breaker20-final
    item 4: never "significant progress" for a rank that did not move)."""
    doc = json.loads(run(runner, "show", "telos-sustainability-rank", "-f", "json").stdout)
    a = doc["assessments"]["ratio"]
    assert a["value"] == 1 and a["status"] == "no_change"
    assert a["status_label"] == "no change (trend)"
    assert "held at the best possible value (1)" in a["reason"]


def test_numbers_inside_reasons_follow_the_number_rule(runner: CliRunner, tmp_path: Path) -> None:
    data = write_dataset(
        tmp_path,
        {"id": "share", "unit": "index", "bounds": {"min": 0, "max": 100}, "decimals": 1,
         "values": {2018: 20, 2023: 50}, "targets": [{"value": 90, "year": 2040}]},
        {"id": "neg", "values": {2018: -150.5, 2023: 1200.25},
         "targets": [{"value": 3000, "year": 2040}]},
    )  # fmt: skip
    base = ["--data", str(data)]
    fi = " ".join(run(runner, "report", "2024", *base, "--lang", "fi").stdout.split())
    # (str.split also splits at the no-break space of the grouping)
    assert "projektio 1 127,1 on mahdollisten arvojen ulkopuolella; rajattu arvoon 100,0" in fi
    assert "lähtövuosi 2018: -150,50, 2023: 1 200,25" in fi  # years stay years
    en = " ".join(run(runner, "report", "2024", *base, "-f", "markdown").stdout.split())
    assert "projection 1,127.1 lies outside the possible values; clipped to 100.0" in en
    sv = " ".join(
        run(runner, "show", "share", "--year", "2024", *base, "--lang", "sv").stdout.split()
    )
    assert "1127.11" not in sv and "1 127,1" in sv
    # JSON's English reason is rounded by the number rule too (breaker20-final item 10)
    doc = json.loads(run(runner, "report", "2024", *base, "-f", "json").stdout)
    share = next(i for i in doc["indicators"] if i["id"] == "share")
    assert "projection 1,127.1 " in share["reason"] and "1127.11" not in share["reason"]


DNS_PACE_WORDS = {
    "en": "average annual change over the last five years",
    "fi": "keskimääräinen vuosimuutos",
    "sv": "genomsnittliga årliga förändringen",
}
ENDPOINT_PACE_WORDS = {
    "en": "two end points of the period",
    "fi": "kahdesta päätepisteestä",
    "sv": "periodens två ändpunkter",
}


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_dns_footer_names_its_own_pace(runner: CliRunner, lang: str, fmt: str) -> None:
    def footer(method: str) -> str:
        args = ["report", "2024", "--method", method, "--lang", lang, "-f", fmt]
        return " ".join(run(runner, *args).stdout.split())

    dns, ratio = footer("dns"), footer("ratio")
    words = DNS_PACE_WORDS[lang]
    endpoints = ENDPOINT_PACE_WORDS[lang]
    assert words in dns and endpoints not in dns and "CAGR" not in dns
    assert endpoints in ratio and words not in ratio


def test_chart_badge_marks_a_hand_set_status(tmp_path: Path) -> None:
    hand = indicator(
        values=FALLING, targets=[{"value": 1000, "year": 2030}], assessment={"status": HAND}
    )
    path = tmp_path / "hand.svg"
    save_chart(_page(hand, 2024), "en", path)
    svg = path.read_text(encoding="utf-8")
    assert "On track ✎" in svg
