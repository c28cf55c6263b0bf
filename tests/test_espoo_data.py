"""Checks on the bundled International Espoo 2030 data set (data/goals.yaml, data/indicators/).

The files are read with ``yaml.safe_load`` only and nothing from the package is imported, so this
module tests the data on its own, independently of the loader. The expected figures are
hard-coded from the sourced reference note (``/work/shared/reference/espoo-data.md``, section
given in each comment). They are the source of truth: if a test here fails, fix the data file,
not the expected number, unless a newer publication has replaced that figure.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA_DIR = Path(__file__).parents[1] / "data"
INDICATOR_DIR = DATA_DIR / "indicators"
INDICATOR_FILES = sorted(INDICATOR_DIR.glob("*.yaml"))

STATUSES = {"final", "provisional", "estimated"}


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


GOALS_DOC = _load(DATA_DIR / "goals.yaml")
INDICATORS: dict[str, dict[str, Any]] = {p.stem: _load(p) for p in INDICATOR_FILES}


def _entry(indicator_id: str, year: int) -> dict[str, Any]:
    """The value for ``year`` as a mapping {value, status, note}, whatever its YAML form."""
    raw = INDICATORS[indicator_id]["values"][year]
    entry = dict(raw) if isinstance(raw, dict) else {"value": raw}
    entry.setdefault("status", "final")
    return entry


def _value(indicator_id: str, year: int) -> float:
    return float(_entry(indicator_id, year)["value"])


# (indicator id, year, expected value, expected status) - reference section in each comment.
REFERENCE_VALUES = [
    # §2.1 Foreign-language speakers, share of population on 31 Dec
    ("foreign-language-share", 2015, 14.2, "final"),
    ("foreign-language-share", 2016, 15.2, "final"),
    ("foreign-language-share", 2017, 16.0, "estimated"),  # [I] 44,655 / 279,044
    ("foreign-language-share", 2019, 18.0, "final"),
    ("foreign-language-share", 2020, 19.0, "final"),
    ("foreign-language-share", 2021, 20.1, "final"),
    # §2.1 Foreign-language speakers, number
    ("foreign-language-population", 2018, 48085, "final"),
    ("foreign-language-population", 2019, 52196, "final"),
    ("foreign-language-population", 2020, 55624, "final"),
    ("foreign-language-population", 2021, 60200, "provisional"),  # city register, prelim.
    # §1 Total population, 31 Dec
    ("population", 2014, 265543, "estimated"),  # [I] 269,802 - 4,259
    ("population", 2015, 269802, "final"),
    ("population", 2017, 279044, "estimated"),  # [I] 283,632 - 4,588
    ("population", 2019, 289731, "final"),
    ("population", 2020, 292796, "final"),
    ("population", 2022, 305274, "final"),
    ("population", 2024, 321030, "provisional"),  # Statistics Finland preliminary
    # §2.2 Foreign citizens and persons of foreign background
    ("foreign-citizens", 2018, 31051, "final"),
    ("foreign-citizens", 2019, 33576, "final"),
    ("foreign-background-share", 2018, 17.0, "final"),
    ("foreign-background-share", 2019, 18.1, "final"),
    # §2.4 Net international migration
    ("net-international-migration", 2020, 2379, "final"),
    ("net-international-migration", 2022, 4570, "provisional"),
    # §3 Nights spent by non-residents in Espoo hotels
    ("foreign-hotel-nights", 2012, 160457, "final"),
    ("foreign-hotel-nights", 2016, 130492, "final"),
    ("foreign-hotel-nights", 2017, 166381, "final"),
    ("foreign-hotel-nights", 2018, 155645, "final"),
    ("foreign-hotel-nights", 2020, 56469, "final"),
    ("foreign-hotel-nights", 2011, 145100, "estimated"),  # [I] from 2012 change +10.6 %
    ("foreign-hotel-nights", 2019, 162300, "estimated"),  # [I] from 2020 change -65.2 %
    # §3 (other visitor facts): Global Destination Sustainability Index 2017
    ("gdsi-rank", 2017, 14, "final"),
    # §4 International association congresses
    ("international-congresses", 2019, 92, "final"),
    # §5 fDi European Cities of the Future, small cities (editions 2018/19 and 2022/23)
    ("fdi-economic-potential-rank", 2018, 8, "final"),
    ("fdi-economic-potential-rank", 2022, 5, "final"),
    ("fdi-human-capital-lifestyle-rank", 2018, 5, "final"),
    ("fdi-human-capital-lifestyle-rank", 2022, 8, "final"),
    # §6 Aalto University
    ("aalto-international-professors-share", 2010, 4, "final"),
    ("aalto-international-professors-share", 2017, 22, "final"),
    ("aalto-international-staff-share", 2023, 48, "final"),
    # Not in the reference note; found with the search tool: City of Espoo press release
    # 2024-06 (HSY 2024 data), https://www.sttinfo.fi/tiedote/70357505/ - 742 kt, 2.4 t/resident.
    ("ghg-emissions", 2023, 742, "final"),
    ("ghg-emissions-per-capita", 2023, 2.4, "final"),
]


@pytest.mark.parametrize(("indicator_id", "year", "expected", "status"), REFERENCE_VALUES)
def test_value_matches_reference(
    indicator_id: str, year: int, expected: float, status: str
) -> None:
    assert indicator_id in INDICATORS, f"missing indicator file {indicator_id}.yaml"
    assert year in INDICATORS[indicator_id]["values"], f"{indicator_id}: no value for {year}"
    assert _value(indicator_id, year) == pytest.approx(expected)
    assert _entry(indicator_id, year)["status"] == status


def test_reference_sample_is_large_enough() -> None:
    assert len(REFERENCE_VALUES) >= 10


def test_partial_year_hotel_nights_2021_is_not_a_full_year_value() -> None:
    # §3: only January-September 2021 (43,685) was found; it must not appear as 2021.
    assert 2021 not in INDICATORS["foreign-hotel-nights"]["values"]


def test_forecasts_quoted_by_the_city() -> None:
    # §0 / §2.3: 30 % = 105,000 foreign-language residents by 2035 (Helsinki-region forecast
    # 2018/19) - a projection to track, not a commitment.
    share = INDICATORS["foreign-language-share"]["targets"]
    assert {"value": 30, "year": 2035, "kind": "forecast"}.items() <= share[0].items()
    count = {
        (t["value"], t["year"], t["kind"])
        for t in INDICATORS["foreign-language-population"]["targets"]
    }
    assert (105000, 2035, "forecast") in count


# --- structure --------------------------------------------------------------------------------


def test_at_least_twelve_indicators() -> None:
    assert len(INDICATORS) >= 12


@pytest.mark.parametrize("path", INDICATOR_FILES, ids=lambda p: p.stem)
def test_file_stem_equals_id(path: Path) -> None:
    assert INDICATORS[path.stem]["id"] == path.stem


def test_ids_are_unique() -> None:
    goal_ids = [g["id"] for g in GOALS_DOC["goals"]]
    objective_ids = [o["id"] for g in GOALS_DOC["goals"] for o in g.get("objectives", [])]
    indicator_ids = [d["id"] for d in INDICATORS.values()]
    for ids in (goal_ids, objective_ids, indicator_ids):
        assert not [i for i, n in Counter(ids).items() if n > 1]


def test_programme_and_goals() -> None:
    programme = GOALS_DOC["programme"]
    assert programme["id"] == "international-espoo-2030"
    assert programme["name"] == {
        "fi": "Kansainvälinen Espoo 2030",
        "en": "International Espoo 2030",
    }
    assert programme["source"]["url"].startswith("https://www.espoo.fi/")
    numbers = {g["id"]: g["number"] for g in GOALS_DOC["goals"]}
    assert numbers == {
        "sustainable-city": 1,
        "services-and-innovation": 2,
        "known-and-attractive": 3,
    }
    for goal in GOALS_DOC["goals"]:
        assert set(goal["name"]) == {"fi", "en"}
        assert goal["objectives"], goal["id"]
        for objective in goal["objectives"]:
            assert set(objective["text"]) == {"fi", "en"}


@pytest.mark.parametrize("indicator_id", sorted(INDICATORS))
def test_goal_and_objectives_exist(indicator_id: str) -> None:
    objectives_by_goal = {
        g["id"]: {o["id"] for o in g.get("objectives", [])} for g in GOALS_DOC["goals"]
    }
    indicator = INDICATORS[indicator_id]
    assert indicator["goal"] in objectives_by_goal
    assert set(indicator.get("objectives", [])) <= objectives_by_goal[indicator["goal"]]


def test_every_goal_has_at_least_two_indicators() -> None:
    per_goal = Counter(d["goal"] for d in INDICATORS.values())
    for goal in GOALS_DOC["goals"]:
        assert per_goal[goal["id"]] >= 2, goal["id"]


@pytest.mark.parametrize("indicator_id", sorted(INDICATORS))
def test_indicator_and_targets_have_a_source_url(indicator_id: str) -> None:
    indicator = INDICATORS[indicator_id]
    assert str(indicator["source"]["url"]).startswith(("http://", "https://"))
    for target in indicator.get("targets", []):
        assert str(target["source"]["url"]).startswith(("http://", "https://"))


@pytest.mark.parametrize("indicator_id", sorted(INDICATORS))
def test_values_are_well_formed(indicator_id: str) -> None:
    indicator = INDICATORS[indicator_id]
    assert indicator["direction"] in {"increase", "decrease"}
    assert set(indicator["name"]) == {"fi", "en"}
    unit = indicator["unit"]
    years = indicator["values"]
    assert years, "an indicator in the bundled set should have at least one value"
    for year in years:
        assert isinstance(year, int) and not isinstance(year, bool), year
        entry = _entry(indicator_id, year)
        value = entry["value"]
        assert isinstance(value, int | float) and not isinstance(value, bool), (year, value)
        assert math.isfinite(value)
        assert entry["status"] in STATUSES
        if entry["status"] == "estimated":
            assert str(entry.get("note", "")).strip(), (
                f"{indicator_id} {year}: estimate without note"
            )
        if unit == "percent":
            assert 0 <= value <= 100
        elif unit == "count":
            assert value >= 0
        elif unit == "rank":
            assert value >= 1
    for target in indicator.get("targets", []):
        assert target["year"] > min(years)
        assert target.get("kind", "target") in {"target", "forecast"}


@pytest.mark.parametrize("path", [DATA_DIR / "goals.yaml", *INDICATOR_FILES], ids=lambda p: p.name)
def test_no_duplicate_keys(path: Path) -> None:
    """safe_load keeps the last of two equal keys silently; check the node tree instead."""
    with path.open(encoding="utf-8") as fh:
        root = yaml.compose(fh, Loader=yaml.SafeLoader)
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            keys = [k.value for k, _ in node.value]
            assert len(keys) == len(set(keys)), (
                f"duplicate key near line {node.start_mark.line + 1}"
            )
            stack.extend(v for _, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


@pytest.mark.parametrize("path", INDICATOR_FILES, ids=lambda p: p.name)
def test_schema_header_comment(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../../schema/indicator.schema.json"
