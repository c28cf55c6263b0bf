"""Checks on the bundled International Espoo 2030 data set (data/goals.yaml, data/indicators/).

The files are read with ``yaml.safe_load`` only and nothing from the package is imported, so this
module tests the data on its own, independently of the loader. The expected figures are
hard-coded from the sourced reference notes ``../shared/reference/espoo-data.md`` and
``../shared/reference/espoo-data-2.md`` (paths relative to the repository; section in each
comment), and each sampled figure is also looked up, as written, in its note. They are the source
of truth: if a test here fails, fix the data file, not the expected number, unless a newer
publication has replaced that figure (then the source wins: see ``SOURCE_OVER_NOTE``).

The data set's own documentation, data/README.md, is checked against the files too: its indicator
table (years present, latest year, why the newest value is not newer) and its table of objectives
and indicators.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).parents[2]
DATA_DIR = REPO / "data"
INDICATOR_DIR = DATA_DIR / "indicators"
INDICATOR_FILES = sorted(INDICATOR_DIR.glob("*.yaml"))
# The shared reference notes live beside the repository (CI checks them out there).
SHARED_NOTES = REPO / "../shared/reference"

STATUSES = {"final", "provisional", "estimated"}
LANGUAGES = {"fi", "sv", "en"}
REPORT_YEAR = 2024  # the year the README's "why not newer" column is written against
URL = re.compile(r"https?://\S+")
MINUS, TIMES, EN_DASH = "\u2212", "\u00d7", "\u2013"  # as the notes write them
# An estimate's note shows its arithmetic: "= <number or bracket> ... <operator> ...".
ARITHMETIC = re.compile(rf"=\s*[\d(][^\"]*?[{MINUS}\-+{TIMES}*/\u00f7]\s*[\d(]")
UNIT_DOMAINS: dict[str, tuple[float | None, float | None]] = {
    "percent": (0.0, 100.0),
    "count": (0.0, None),
    "rank": (1.0, None),
}


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


GOALS_DOC = _load(DATA_DIR / "goals.yaml")
INDICATORS: dict[str, dict[str, Any]] = {p.stem: _load(p) for p in INDICATOR_FILES}
OBJECTIVES: dict[str, str] = {
    o["id"]: g["id"] for g in GOALS_DOC["goals"] for o in g.get("objectives", [])
}


def _entry(indicator_id: str, year: int) -> dict[str, Any]:
    """The value for ``year`` as a mapping {value, status, note}, whatever its YAML form."""
    raw = INDICATORS[indicator_id]["values"][year]
    entry = dict(raw) if isinstance(raw, dict) else {"value": raw}
    entry.setdefault("status", "final")
    return entry


def _value(indicator_id: str, year: int) -> float:
    return float(_entry(indicator_id, year)["value"])


def _domain(indicator: dict[str, Any]) -> tuple[float | None, float | None]:
    """The unit's default domain with the indicator's declared ``bounds`` on top."""
    low, high = UNIT_DOMAINS.get(indicator["unit"], (None, None))
    bounds = indicator.get("bounds") or {}
    return bounds.get("min", low), bounds.get("max", high)


# (indicator id, year, expected value, expected status, note file, the figure as the note writes
# it). Section of the note in each comment.
REFERENCE_VALUES = [
    # espoo-data.md §2.1 foreign-language speakers, share on 31 Dec
    ("foreign-language-share", 2015, 14.2, "final", "espoo-data.md", "14.2 %"),
    ("foreign-language-share", 2016, 15.2, "final", "espoo-data.md", "15.2 %"),
    ("foreign-language-share", 2019, 18.0, "final", "espoo-data.md", "18.0 %"),
    ("foreign-language-share", 2020, 19.0, "final", "espoo-data.md", "19.0 %"),
    ("foreign-language-share", 2021, 20.1, "final", "espoo-data.md", "20.1 %"),
    # espoo-data.md §2.1 number
    ("foreign-language-population", 2018, 48085, "final", "espoo-data.md", "48,085"),
    ("foreign-language-population", 2019, 52196, "final", "espoo-data.md", "52,196"),
    ("foreign-language-population", 2020, 55624, "final", "espoo-data.md", "55,624"),
    ("foreign-language-population", 2021, 60200, "provisional", "espoo-data.md", "60,200"),
    # espoo-data.md §1 total population on 31 Dec
    ("population", 2014, 265543, "estimated", "espoo-data.md", "265,543"),
    ("population", 2015, 269802, "final", "espoo-data.md", "269,802"),
    ("population", 2019, 289731, "final", "espoo-data.md", "289,731"),
    ("population", 2020, 292796, "final", "espoo-data.md", "292,796"),
    ("population", 2022, 305274, "final", "espoo-data.md", "305,274"),
    ("population", 2023, 314024, "final", "espoo-data.md", "314,024"),
    ("population", 2024, 321030, "provisional", "espoo-data.md", "321,030"),
    # espoo-data.md §2.2 foreign citizens and persons of foreign background
    ("foreign-citizens", 2018, 31051, "final", "espoo-data.md", "31,051"),
    ("foreign-citizens", 2019, 33576, "final", "espoo-data.md", "33,576"),
    ("foreign-background-share", 2017, 16.1, "final", "espoo-data.md", "16.1 %"),
    ("foreign-background-share", 2018, 17.0, "final", "espoo-data.md", "17.0 %"),
    ("foreign-background-share", 2019, 18.1, "final", "espoo-data.md", "18.1 %"),
    # espoo-data.md §2.4 net international migration
    ("net-international-migration", 2020, 2379, "final", "espoo-data.md", "+2,379"),
    ("net-international-migration", 2022, 4570, "provisional", "espoo-data.md", "+4,570"),
    # espoo-data.md §3 nights spent by non-residents in Espoo hotels
    ("foreign-hotel-nights", 2011, 145100, "estimated", "espoo-data.md", "≈145,100"),
    ("foreign-hotel-nights", 2012, 160457, "final", "espoo-data.md", "160,457"),
    ("foreign-hotel-nights", 2014, 148268, "provisional", "espoo-data.md", "148,268"),
    ("foreign-hotel-nights", 2016, 130492, "final", "espoo-data.md", "130,492"),
    ("foreign-hotel-nights", 2017, 166381, "final", "espoo-data.md", "166,381"),
    ("foreign-hotel-nights", 2018, 155645, "final", "espoo-data.md", "155,645"),
    # espoo-data.md §3 (other visitor facts), §4, §5, §6
    ("gdsi-rank", 2017, 14, "final", "espoo-data.md", "14th in the 2017"),
    ("international-congresses", 2019, 92, "final", "espoo-data.md", "92 congresses"),
    ("fdi-economic-potential-rank", 2018, 8, "final", "espoo-data.md", "8th economic potential"),
    ("fdi-economic-potential-rank", 2022, 5, "final", "espoo-data.md", "5th economic potential"),
    ("fdi-human-capital-lifestyle-rank", 2018, 5, "final", "espoo-data.md", "5th human capital"),
    ("fdi-human-capital-lifestyle-rank", 2022, 8, "final", "espoo-data.md", "8th human capital"),
    ("aalto-international-professors-share", 2010, 4, "final", "espoo-data.md", "4 %, 6 %"),
    ("aalto-international-professors-share", 2017, 22, "final", "espoo-data.md", "22 % (2010"),
    ("aalto-international-staff-share", 2023, 48, "final", "espoo-data.md", "48 % (2023)"),
    # espoo-data-2.md §1 audit: stated rather than estimated, stated hotel nights
    ("population", 2017, 279044, "final", "espoo-data-2.md", "279,044"),
    ("foreign-language-share", 2017, 16.0, "final", "espoo-data-2.md", "states 16 %"),
    ("foreign-hotel-nights", 2019, 162257, "final", "espoo-data-2.md", "162,257"),
    # espoo-data-2.md §2 new values for existing indicators
    ("foreign-language-share", 2022, 21.9, "final", "espoo-data-2.md", "| 2022 | 21.9 |"),
    ("foreign-language-share", 2010, 8.3, "final", "espoo-data-2.md", "| 2010 | 8.3 |"),
    ("foreign-language-population", 2022, 66700, "final", "espoo-data-2.md", "≈ 66,700"),
    ("foreign-hotel-nights", 2021, 67155, "provisional", "espoo-data-2.md", "67,155 (+19.1 %)"),
    ("ghg-emissions", 2019, 1090, "estimated", "espoo-data-2.md", "≈ 1,090 kt"),
    ("ghg-emissions", 2020, 908, "estimated", "espoo-data-2.md", "≈ 908 kt"),
    ("ghg-emissions-per-capita", 2024, 2.3, "estimated", "espoo-data-2.md", "≈ 2.3 t"),
    ("population", 2025, 326280, "provisional", "espoo-data-2.md", "326,280"),
    # espoo-data-2.md §3 new indicators
    ("telos-sustainability-rank", 2016, 1, "final", "espoo-data-2.md", "2016: 1st"),
    ("telos-sustainability-rank", 2017, 1, "final", "espoo-data-2.md", "2017: 1st of 15"),
    ("icapital-placing", 2019, 6, "final", "espoo-data-2.md", "2019: top 6"),
    ("icapital-placing", 2020, 6, "final", "espoo-data-2.md", "2020: top 6"),
    ("icapital-placing", 2022, 2, "final", "espoo-data-2.md", "2022: 2nd"),
    ("icapital-placing", 2024, 2, "final", "espoo-data-2.md", "2024: 2nd"),
    ("epo-patent-rank", 2021, 6, "final", "espoo-data-2.md", "rank 6 in 2021"),
    ("epo-patent-rank", 2023, 6, "final", "espoo-data-2.md", "2022, 2023"),
    ("epo-patent-applications", 2022, 1249, "final", "espoo-data-2.md", "1,249 (2022)"),
    ("epo-patent-applications", 2023, 1413, "final", "espoo-data-2.md", "1,413 (2023)"),
    ("foreign-language-pupils", 2018, 5200, "provisional", "espoo-data-2.md", "5,200 (provisional"),
    ("foreign-language-pupils", 2019, 6390, "final", "espoo-data-2.md", f"2019{EN_DASH}20: 6,390"),
    ("new-finnish-citizens", 2022, 1384, "final", "espoo-data-2.md", "2022: 1,384"),
    ("greenfield-fdi-projects", 2021, 11, "final", "espoo-data-2.md", "2021: 11"),
    ("city-appeal-score", 2024, 3.44, "final", "espoo-data-2.md", "2024: 3.44"),
]

# Figures that differ from the notes or are not in them, each checked at its source address
# with the search tool. Where a note and a source disagree, the source wins.
SOURCE_OVER_NOTE = [
    # Statistics Finland's annual table 8.1 for 2020 (final) gives 56,380; the notes carry the
    # preliminary 56,469 of the January-December monthly release.
    # https://www.stat.fi/til/matk/2020/matk_2020_2021-04-08_tau_009_sv.html
    ("foreign-hotel-nights", 2020, 56380, "final"),
    # The annual table 8.1 for 2013 confirms the monthly release's figure, so it is final.
    # https://stat.fi/til/matk/2013/matk_2013_2014-05-30_tau_009_sv.html
    ("foreign-hotel-nights", 2013, 158125, "final"),
    # City of Espoo press release 2024-06 (HSY 2024 data): 742 kt, 2.4 t per resident.
    # https://www.sttinfo.fi/tiedote/70357505/
    ("ghg-emissions", 2023, 742, "final"),
    ("ghg-emissions-per-capita", 2023, 2.4, "final"),
    # T-Media 2024: 3.44, "+0.07 points" on the previous survey -> 3.37 (arithmetic).
    ("city-appeal-score", 2023, 3.37, "estimated"),
    # MDI/FCG EVP index 2025, City of Espoo release 17.2.2026: Espoo 82.05.
    # https://www.sttinfo.fi/tiedote/71819818/
    ("evp-index", 2025, 82.05, "final"),
]


@pytest.mark.parametrize(
    ("indicator_id", "year", "expected", "status"),
    [row[:4] for row in REFERENCE_VALUES + SOURCE_OVER_NOTE],
)
def test_value_matches_reference(
    indicator_id: str, year: int, expected: float, status: str
) -> None:
    assert indicator_id in INDICATORS, f"missing indicator file {indicator_id}.yaml"
    assert year in INDICATORS[indicator_id]["values"], f"{indicator_id}: no value for {year}"
    assert _value(indicator_id, year) == expected
    assert _entry(indicator_id, year)["status"] == status


@pytest.mark.parametrize(
    ("indicator_id", "year", "note_file", "as_written"),
    [(row[0], row[1], row[4], row[5]) for row in REFERENCE_VALUES],
)
def test_sampled_figure_is_written_in_its_reference_note(
    indicator_id: str, year: int, note_file: str, as_written: str
) -> None:
    note = SHARED_NOTES / note_file
    if not note.is_file():
        pytest.skip(f"{note} is absent: the shared notes are checked out beside the repository")
    assert as_written in note.read_text(encoding="utf-8"), (indicator_id, year)


def test_reference_sample_covers_every_new_indicator_and_both_notes() -> None:
    sampled = {row[0] for row in REFERENCE_VALUES + SOURCE_OVER_NOTE}
    assert sampled == set(INDICATORS)
    assert {row[4] for row in REFERENCE_VALUES} == {"espoo-data.md", "espoo-data-2.md"}


def test_non_comparable_and_partial_figures_are_left_out() -> None:
    # espoo-data-2.md §1: the 2010 foreign-background figure counts people born abroad or foreign
    # citizens, not the origin classification of 2017-2019; it is not part of the series.
    assert 2010 not in INDICATORS["foreign-background-share"]["values"]
    # espoo-data.md §3: January-September 2021 hotel nights (43,685) are no full year; the
    # full-year figure from the January-December release replaced them.
    assert _value("foreign-hotel-nights", 2021) != 43685
    # espoo-data-2.md §2: only part of 2023 (January-September +3,870) is known.
    assert 2023 not in INDICATORS["net-international-migration"]["values"]


def test_notes_record_the_audit() -> None:
    # espoo-data-2.md §1: both 2021 net-migration figures, and the Statistics Finland basis of
    # the 2021 foreign-language count (the city register's 60,200 differs).
    migration = _entry("net-international-migration", 2021)["note"]
    assert "2,750" in migration or f"4,570 {MINUS} 1,820" in migration
    assert "2,640" in migration and "2,650" in migration
    register = _entry("foreign-language-population", 2021)["note"]
    assert "59,580" in register and "59,724" in register
    # the stronger citation for the 2023 values
    for indicator_id in ("population", "foreign-language-share", "foreign-language-population"):
        assert (
            "https://fi.m.wikipedia.org/wiki/Espoon_kaupunki" in _entry(indicator_id, 2023)["note"]
        )


def test_signed_and_bounded_values_are_declared() -> None:
    # decision 2: net international migration can be negative; the appeal score is on 1-5.
    assert INDICATORS["net-international-migration"]["bounds"] == {"min": None}
    assert INDICATORS["city-appeal-score"]["bounds"] == {"min": 1, "max": 5}


def test_forecasts_and_the_one_commitment() -> None:
    # espoo-data.md §0 / §2.3: 30 % = 105,000 foreign-language residents by 2035 is a forecast.
    share = {
        (t["value"], t["year"], t["kind"]) for t in INDICATORS["foreign-language-share"]["targets"]
    }
    assert (30, 2035, "forecast") in share
    count = {
        (t["value"], t["year"], t["kind"])
        for t in INDICATORS["foreign-language-population"]["targets"]
    }
    assert (105000, 2035, "forecast") in count
    # espoo-data-2.md §2: the city's -80 % by 2030 (212 kt) is its only stated commitment.
    commitments = [
        (iid, t["value"], t["year"])
        for iid, doc in INDICATORS.items()
        for t in doc.get("targets", [])
        if t.get("kind", "target") == "target"
    ]
    assert commitments == [("ghg-emissions", 212, 2030)]


# --- sources and estimates --------------------------------------------------------------------


@pytest.mark.parametrize("indicator_id", sorted(INDICATORS))
def test_every_value_and_target_cites_a_url(indicator_id: str) -> None:
    """A value's note names its own URL, or the value comes from the file's main source."""
    indicator = INDICATORS[indicator_id]
    assert URL.match(str(indicator["source"]["url"]))
    for year in indicator["values"]:
        note = str(_entry(indicator_id, year).get("note") or "")
        assert not note or URL.search(note) or "main source" in note.lower(), (
            f"{indicator_id} {year}: the note names no URL and does not say 'main source'"
        )
    for target in indicator.get("targets", []):
        assert URL.match(str(target["source"]["url"])), (indicator_id, target["year"])


@pytest.mark.parametrize("indicator_id", sorted(INDICATORS))
def test_every_estimate_shows_its_arithmetic(indicator_id: str) -> None:
    for year in INDICATORS[indicator_id]["values"]:
        entry = _entry(indicator_id, year)
        if entry["status"] == "estimated":
            assert ARITHMETIC.search(str(entry.get("note", ""))), (
                f"{indicator_id} {year}: an estimate's note must show '= <calculation>'"
            )


def test_arithmetic_pattern_tells_a_calculation_from_a_remark() -> None:
    assert ARITHMETIC.search(f"= 742 / (1 {MINUS} 0.30): 2023 stated 30 % below 1990")
    assert ARITHMETIC.search(f"= 3.44 {MINUS} 0.07: stated +0.07")
    assert not ARITHMETIC.search("about the same as the year before")
    assert not ARITHMETIC.search("= the figure the city quotes")


# --- coverage -----------------------------------------------------------------------------------


def test_at_least_twenty_indicators() -> None:
    assert len(INDICATORS) >= 20


def test_every_goal_has_at_least_two_indicators() -> None:
    per_goal = Counter(d["goal"] for d in INDICATORS.values())
    for goal in GOALS_DOC["goals"]:
        assert per_goal[goal["id"]] >= 2, goal["id"]


def _covered_objectives() -> dict[str, set[str]]:
    covered: dict[str, set[str]] = {oid: set() for oid in OBJECTIVES}
    for iid, doc in INDICATORS.items():
        for oid in doc.get("objectives", []):
            covered[oid].add(iid)
    return covered


def test_every_objective_is_covered_or_listed_in_the_readme_as_without_a_source() -> None:
    section = _readme_data_section()
    for oid, indicators in _covered_objectives().items():
        if not indicators:
            row = _readme_rows(section).get(oid)
            assert row is not None and "no source" in row, oid


# --- languages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("indicator_id", sorted(INDICATORS))
def test_indicator_names_and_definitions_in_three_languages(indicator_id: str) -> None:
    indicator = INDICATORS[indicator_id]
    assert set(indicator["name"]) == LANGUAGES
    assert set(indicator["definition"]) == LANGUAGES
    assert all(str(text).strip() for text in indicator["definition"].values())


def test_programme_goals_and_objectives_in_three_languages() -> None:
    programme = GOALS_DOC["programme"]
    assert programme["id"] == "international-espoo-2030"
    # the city's own names (espoo.fi/fi, /sv and /en pages), so nothing is marked translated
    assert programme["name"] == {
        "fi": "Kansainvälinen Espoo 2030",
        "sv": "Det internationella Esbo 2030",
        "en": "International Espoo 2030",
    }
    assert "translated" not in programme
    assert programme["source"]["url"].startswith("https://www.espoo.fi/")
    numbers = {g["id"]: g["number"] for g in GOALS_DOC["goals"]}
    assert numbers == {
        "sustainable-city": 1,
        "services-and-innovation": 2,
        "known-and-attractive": 3,
    }
    for goal in GOALS_DOC["goals"]:
        assert set(goal["name"]) == LANGUAGES
        assert goal["objectives"], goal["id"]
        for objective in goal["objectives"]:
            assert set(objective["text"]) == LANGUAGES


def test_texts_not_in_the_citys_own_wording_are_marked_as_ours() -> None:
    # The city's Swedish and English pages do not list the goals and objectives (only the
    # Finnish wording was found), so sv and en are this data set's translations.
    items = [*GOALS_DOC["goals"], *(o for g in GOALS_DOC["goals"] for o in g["objectives"])]
    for item in items:
        assert set(item.get("translated", [])) == {"sv", "en"}, item["id"]


# --- data/README.md -----------------------------------------------------------------------------


def _readme_data_section() -> str:
    return (DATA_DIR / "README.md").read_text(encoding="utf-8")


def _readme_rows(section: str) -> dict[str, str]:
    """Table rows keyed by the backticked id in their first cell."""
    rows: dict[str, str] = {}
    for line in section.splitlines():
        match = re.match(r"\|\s*`([a-z0-9-]+)`[^|`]*\|", line)
        if match:
            rows[match.group(1)] = line
    return rows


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _years_present(indicator_id: str) -> str:
    """Years as the README writes them: runs of final years as ranges, flags on the others."""
    flag = {"estimated": "ᵉ", "provisional": "ᵖ"}
    parts: list[str] = []
    run: list[int] = []

    def close() -> None:
        if run:
            parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}{EN_DASH}{run[-1]}")
            run.clear()

    for year in sorted(INDICATORS[indicator_id]["values"]):
        status = _entry(indicator_id, year)["status"]
        if status == "final" and (not run or run[-1] == year - 1):
            run.append(year)
            continue
        close()
        if status == "final":
            run.append(year)
        else:
            parts.append(f"{year}{flag[status]}")
    close()
    return ", ".join(parts)


def test_years_present_format() -> None:
    # population: 2011, 2014ᵉ, 2015-2016 ... as the README table shows it
    assert _years_present("population").startswith(f"2011, 2014ᵉ, 2015{EN_DASH}")
    assert _years_present("foreign-hotel-nights").endswith(f"2014ᵖ, 2015{EN_DASH}2020, 2021ᵖ")


@pytest.mark.parametrize("indicator_id", sorted(INDICATORS))
def test_readme_indicator_row_matches_the_file(indicator_id: str) -> None:
    """Columns: id | goal | unit | years present | latest | target | source | why not newer."""
    row = _readme_rows(_readme_data_section()).get(indicator_id)
    assert row is not None, f"README's indicator table has no row for {indicator_id}"
    cells = _cells(row)
    assert len(cells) == 8, row
    latest = max(INDICATORS[indicator_id]["values"])
    assert cells[1].startswith(f"{_goal_number(indicator_id)} "), row
    assert cells[2] == INDICATORS[indicator_id]["unit"]
    assert cells[3] == _years_present(indicator_id)
    assert cells[4] == str(latest)
    if latest < REPORT_YEAR:
        assert len(cells[7]) > 10, f"{indicator_id}: say why the newest value is {latest}"


def _goal_number(indicator_id: str) -> int:
    goal = INDICATORS[indicator_id]["goal"]
    return next(g["number"] for g in GOALS_DOC["goals"] if g["id"] == goal)


@pytest.mark.parametrize("objective_id", sorted(OBJECTIVES))
def test_readme_objective_row_lists_its_indicators(objective_id: str) -> None:
    row = _readme_rows(_readme_data_section()).get(objective_id)
    assert row is not None, f"README's objective table has no row for {objective_id}"
    listed = set(re.findall(r"`([a-z0-9-]+)`", row)) - {objective_id}
    assert listed == _covered_objectives()[objective_id]


# --- structure ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", INDICATOR_FILES, ids=lambda p: p.stem)
def test_file_stem_equals_id(path: Path) -> None:
    assert INDICATORS[path.stem]["id"] == path.stem


def test_ids_are_unique() -> None:
    goal_ids = [g["id"] for g in GOALS_DOC["goals"]]
    objective_ids = [o["id"] for g in GOALS_DOC["goals"] for o in g.get("objectives", [])]
    indicator_ids = [d["id"] for d in INDICATORS.values()]
    for ids in (goal_ids, objective_ids, indicator_ids):
        assert not [i for i, n in Counter(ids).items() if n > 1]


@pytest.mark.parametrize("indicator_id", sorted(INDICATORS))
def test_goal_and_objectives_exist(indicator_id: str) -> None:
    indicator = INDICATORS[indicator_id]
    assert indicator["goal"] in {g["id"] for g in GOALS_DOC["goals"]}
    for objective in indicator.get("objectives", []):
        assert OBJECTIVES.get(objective) == indicator["goal"], objective


@pytest.mark.parametrize("indicator_id", sorted(INDICATORS))
def test_values_are_well_formed(indicator_id: str) -> None:
    indicator = INDICATORS[indicator_id]
    assert indicator["direction"] in {"increase", "decrease"}
    years = indicator["values"]
    assert years, "an indicator in the bundled set should have at least one value"
    low, high = _domain(indicator)
    for year in years:
        assert isinstance(year, int) and not isinstance(year, bool), year
        entry = _entry(indicator_id, year)
        value = entry["value"]
        assert isinstance(value, int | float) and not isinstance(value, bool), (year, value)
        assert math.isfinite(value)
        assert entry["status"] in STATUSES
        assert low is None or value >= low, (year, value)
        assert high is None or value <= high, (year, value)
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
