"""Checks on the bundled International Espoo 2030 data set (data/goals.yaml, data/indicators/).

The files are read with ``yaml.safe_load`` only and nothing from the package is imported, so this
module tests the data on its own, independently of the loader. Everything it compares against is
inside the repository: ``tests/data/espoo_facts.yaml`` holds the published figures, each with the
page it comes from and the page's own words. From them the tests check, offline:

- every sampled value and target equals its published figure, with the same status, and cites
  the page the figure comes from;
- every estimated value is rebuilt from the published figures it is worked out from;
- shares agree with their counts and the population, within rounding;
- values lie in their domains; every value and target cites a URL; every estimate's note shows
  its arithmetic; names and definitions are in three languages;
- data/README.md, the data set's own documentation, agrees with the files (years present,
  latest year, why the newest value is not newer, objectives and their indicators).
- the Swedish names use the city's own Swedish words where it has them (``swedish_terms``);
- the breakdowns found in public sources (``breakdowns``; data/breakdowns-sources.md) are
  stated on their pages, listed on that page, and add up to their indicators.

If a test here fails, check the published page, not the expected number: when the page has been
revised, the newer figure wins and both the facts file and the data change.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).parents[2]
DATA_DIR = REPO / "data"
INDICATOR_DIR = DATA_DIR / "indicators"
INDICATOR_FILES = sorted(INDICATOR_DIR.glob("*.yaml"))
FACTS_FILE = Path(__file__).with_name("espoo_facts.yaml")

STATUSES = {"final", "provisional", "estimated"}
LANGUAGES = {"fi", "sv", "en"}
REPORT_YEAR = 2024  # the year the README's "why not newer" column is written against
STALE_AFTER = 2  # the tool's default: older than this many years before the report year
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
FACTS: dict[str, Any] = _load(FACTS_FILE)
INPUTS: dict[str, float] = {key: fact["value"] for key, fact in FACTS["inputs"].items()}


def _entry(indicator_id: str, year: int) -> dict[str, Any]:
    """The value for ``year`` as a mapping {value, status, note}, whatever its YAML form."""
    raw = INDICATORS[indicator_id]["values"][year]
    entry = dict(raw) if isinstance(raw, dict) else {"value": raw}
    entry.setdefault("status", "final")
    return entry


def _value(indicator_id: str, year: int) -> float:
    return float(_entry(indicator_id, year)["value"])


def _texts(text: Any) -> dict[str, str]:
    """A note, title or publisher per language: {fi: ..., sv: ..., en: ...}; a plain string is
    the same text in every language."""
    if text is None:
        return {}
    return {str(k): str(v) for k, v in text.items()} if isinstance(text, dict) else {"en": text}


def _note(indicator_id: str, year: int, lang: str = "en") -> str:
    return _texts(_entry(indicator_id, year).get("note")).get(lang, "")


# "main source" as each language writes it: a note that names no URL of its own says so
MAIN_SOURCE = {"en": "main source", "fi": "pääasiallinen lähde", "sv": "huvudkälla"}


def _domain(indicator: dict[str, Any]) -> tuple[float | None, float | None]:
    """The unit's default domain with the indicator's declared ``bounds`` on top."""
    low, high = UNIT_DOMAINS.get(indicator["unit"], (None, None))
    bounds = indicator.get("bounds") or {}
    return bounds.get("min", low), bounds.get("max", high)


def _cites(indicator_id: str, year: int, url: str) -> bool:
    """The value names ``url`` in its note, or comes from the file's main source ``url``."""
    note = _note(indicator_id, year)
    main = INDICATORS[indicator_id]["source"]["url"] == url
    return url in note or (main and (not URL.search(note) or "main source" in note.lower()))


# --- published figures (tests/data/espoo_facts.yaml) ---------------------------------------


def _fact_id(fact: dict[str, Any]) -> str:
    return f"{fact['indicator']}-{fact['year']}"


@pytest.mark.parametrize("fact", FACTS["values"], ids=_fact_id)
def test_value_equals_its_published_figure_and_cites_it(fact: dict[str, Any]) -> None:
    indicator_id, year = fact["indicator"], fact["year"]
    assert indicator_id in INDICATORS, f"missing indicator file {indicator_id}.yaml"
    assert year in INDICATORS[indicator_id]["values"], f"{indicator_id}: no value for {year}"
    assert _value(indicator_id, year) == fact["value"]
    assert _entry(indicator_id, year)["status"] == fact["status"]
    assert _cites(indicator_id, year, fact["url"]), f"{indicator_id} {year} does not cite {fact}"


@pytest.mark.parametrize("fact", FACTS["targets"], ids=_fact_id)
def test_target_equals_its_published_forecast_and_cites_it(fact: dict[str, Any]) -> None:
    targets = INDICATORS[fact["indicator"]].get("targets", [])
    match = [t for t in targets if t["year"] == fact["year"] and t["value"] == fact["value"]]
    assert match, f"{fact['indicator']}: no target {fact['value']} in {fact['year']}"
    assert match[0].get("kind", "target") == fact["kind"]
    assert match[0]["source"]["url"] == fact["url"]


def _written_forms(number: float) -> set[str]:
    """How a page may write ``number``: 1249 as 1249, 1 249 or 1,249; 3.44 as 3.44 or 3,44."""
    text = f"{number:g}" if isinstance(number, float) else str(number)
    whole, _, decimals = text.lstrip("-").partition(".")
    grouped = f"{int(whole):,}"
    wholes = {whole, grouped, grouped.replace(",", " ")}
    if not decimals:
        return wholes
    return {f"{w}{sep}{decimals}" for w in wholes for sep in ".,"}


ALL_FACTS = [
    *((_fact_id(f), f) for f in FACTS["values"] + FACTS["targets"]),
    *FACTS["inputs"].items(),
]


@pytest.mark.parametrize(("key", "fact"), ALL_FACTS, ids=[key for key, _ in ALL_FACTS])
def test_every_fact_names_its_page_and_states_its_figure(key: str, fact: dict[str, Any]) -> None:
    """A fact copied into the repository keeps the page's words, and they state the figure (a
    typo in the copy shows up here), or says in words what the page states."""
    assert URL.fullmatch(fact["url"]), key
    assert ("quote" in fact) != ("stated" in fact), f"{key}: give the page's quote or `stated`"
    if "quote" in fact:
        quote = " ".join(str(fact["quote"]).split())
        forms = {fact["written"]} if "written" in fact else _written_forms(fact["value"])
        assert any(form in quote for form in forms), (key, forms, quote)


def test_written_forms_cover_the_ways_pages_write_numbers() -> None:
    assert {"1249", "1,249", "1 249"} == _written_forms(1249)
    assert {"3.44", "3,44"} <= _written_forms(3.44)
    assert "60,4" in _written_forms(60.4)
    assert "0,07" in _written_forms(-0.07)


def test_every_indicator_has_a_published_figure_sampled() -> None:
    assert {f["indicator"] for f in FACTS["values"]} == set(INDICATORS)


# --- estimates rebuilt from published figures ------------------------------------------------


@dataclass(frozen=True)
class Derivation:
    """An estimated value and how it is worked out; ``within``: the rounding the note gives."""

    indicator: str
    year: int
    compute: Callable[[], float]
    within: float


def _data(indicator_id: str, year: int) -> float:
    return _value(indicator_id, year)


DERIVATIONS = [
    Derivation("population", 2014,
               lambda: _data("population", 2015) - INPUTS["population-growth-2015"], 0),
    Derivation("foreign-hotel-nights", 2011,
               lambda: _data("foreign-hotel-nights", 2012)
               / (1 + INPUTS["hotel-nights-change-2012-percent"] / 100), 50),
    Derivation("foreign-language-population", 2023,
               lambda: _data("population", 2023) * _data("foreign-language-share", 2023) / 100, 5),
    Derivation("ghg-emissions", 1990,
               lambda: _data("ghg-emissions", 2023)
               / (1 - INPUTS["ghg-2023-below-1990-percent"] / 100), 0.5),
    Derivation("ghg-emissions", 2019,
               lambda: _data("ghg-emissions", 2018)
               * (1 - INPUTS["ghg-2019-fall-percent"] / 100), 5),
    Derivation("ghg-emissions", 2020,
               lambda: _data("ghg-emissions-per-capita", 2020) * _data("population", 2020) / 1000,
               0.5),
    Derivation("ghg-emissions", 2022,
               lambda: _data("ghg-emissions", 2023)
               / (1 - INPUTS["ghg-2023-below-2022-percent"] / 100), 0.5),
    Derivation("ghg-emissions", 2024,
               lambda: _data("ghg-emissions", 2023) * (1 - INPUTS["ghg-2024-fall-percent"] / 100),
               0.5),
    Derivation("ghg-emissions-per-capita", 1990,
               lambda: _data("ghg-emissions-per-capita", 2023)
               / (1 - INPUTS["ghg-per-capita-2023-below-1990-percent"] / 100), 0.05),
    Derivation("ghg-emissions-per-capita", 2024,
               lambda: _data("ghg-emissions-per-capita", 1990)
               * (1 - INPUTS["ghg-per-capita-2024-below-1990-percent"] / 100), 0.05),
    Derivation("net-international-migration", 2019,
               lambda: _data("net-international-migration", 2020)
               - INPUTS["net-migration-2020-over-2019"], 0),
    Derivation("net-international-migration", 2021,
               lambda: _data("net-international-migration", 2022)
               - INPUTS["net-migration-2022-over-2021"], 0),
    Derivation("city-appeal-score", 2022,
               lambda: _data("city-appeal-score", 2023) - INPUTS["city-appeal-change-2023"], 1e-9),
    Derivation("foreign-background-employment-rate", 2020,
               lambda: _data("foreign-background-employment-rate", 2021)
               - INPUTS["employment-rate-change-2021-points"], 1e-9),
    Derivation("employed-foreign-background-residents", 2020,
               lambda: _data("employed-foreign-background-residents", 2024)
               - INPUTS["employed-foreign-background-growth-2020-2024"], 0),
]  # fmt: skip


@pytest.mark.parametrize("derivation", DERIVATIONS, ids=lambda d: f"{d.indicator}-{d.year}")
def test_estimate_is_rebuilt_from_published_figures(derivation: Derivation) -> None:
    entry = _entry(derivation.indicator, derivation.year)
    assert entry["status"] == "estimated"
    computed = derivation.compute()
    assert abs(computed - float(entry["value"])) <= derivation.within, (computed, entry)


def test_every_estimate_has_its_derivation_here() -> None:
    estimates = {
        (iid, year)
        for iid, doc in INDICATORS.items()
        for year in doc["values"]
        if _entry(iid, year)["status"] == "estimated"
    }
    assert estimates == {(d.indicator, d.year) for d in DERIVATIONS}


def test_final_2024_population_agrees_with_the_citys_2025_bulletins() -> None:
    """The official end-2024 figure is read from a secondary page; the city's 2025 bulletins
    (population at the end of a month less the growth since January) give it within their
    rounding to tens."""
    for end, growth in (("july", "january-july"), ("june", "january-june")):
        rebuilt = (
            INPUTS[f"population-end-of-{end}-2025"] - INPUTS[f"population-growth-{growth}-2025"]
        )
        assert abs(rebuilt - _data("population", 2024)) <= 10, (end, rebuilt)


# --- shares against their counts -------------------------------------------------------------


# The city rounds 2022's count to hundreds; 2021's count is from the city's own register while
# its share is Statistics Finland's, so the two do not divide to each other (see its note).
SHARE_YEARS = [2015, 2016, 2017, 2018, 2019, 2020, 2022, 2023]


@pytest.mark.parametrize("year", SHARE_YEARS)
def test_foreign_language_share_is_count_over_population(year: int) -> None:
    count = _data("foreign-language-population", year)
    rounding = 50 if year == 2022 else 5 if year == 2023 else 0
    share = count / _data("population", year) * 100
    allowed = 0.05 + rounding / _data("population", year) * 100 + 1e-9
    assert abs(share - _data("foreign-language-share", year)) <= allowed, (year, share)


def test_2021_count_and_share_come_from_different_registers() -> None:
    share = _data("foreign-language-population", 2021) / _data("population", 2021) * 100
    assert abs(share - _data("foreign-language-share", 2021)) > 0.1  # 20.26 against 20.1
    note = _note("foreign-language-population", 2021)
    assert "59,580" in note and "59,724" in note  # the Statistics Finland basis, worked out


@pytest.mark.parametrize("year", [2017, 2018, 2019])
def test_foreign_background_share_is_persons_over_population(year: int) -> None:
    share = INPUTS[f"foreign-background-persons-{year}"] / _data("population", year) * 100
    assert abs(share - _data("foreign-background-share", year)) <= 0.05 + 1e-9, share


@pytest.mark.parametrize("year", [2018, 2019])
def test_foreign_citizens_agree_with_their_published_share(year: int) -> None:
    share = _data("foreign-citizens", year) / _data("population", year) * 100
    assert abs(share - INPUTS[f"foreign-citizens-share-{year}"]) <= 0.05 + 1e-9, share


# --- the audit's findings (third edition) ----------------------------------------------------


def test_left_out_values_stay_out() -> None:
    # 2010 foreign-background figure: people born abroad or foreign citizens, not the origin
    # classification of 2017 onwards.
    assert 2010 not in INDICATORS["foreign-background-share"]["values"]
    # "8.3 % in 2010" describes the start of 2010 by its own sentence's convention and is not
    # the city's figure for 30.12.2009: it belongs to no 31 December.
    assert not {2009, 2010} & set(INDICATORS["foreign-language-share"]["values"])
    # January-September 2021 hotel nights (43,685) are no full year.
    assert _value("foreign-hotel-nights", 2021) != 43685
    # only part of 2023 (January-September +3,870) and a change for 2024 are known.
    assert not {2023, 2024} & set(INDICATORS["net-international-migration"]["values"])
    # HSY gave only a change for 2021, and it would bridge two calculations.
    assert 2021 not in INDICATORS["ghg-emissions"]["values"]
    # iCapital 2019 and 2020: "one of the six finalists", a category, not a placing (coded 6 it
    # made "up 4 places since 2020"; breaker review of issue 20, item 12).
    assert not {2019, 2020} & set(INDICATORS["icapital-placing"]["values"])


def test_stated_values_are_not_marked_estimated() -> None:
    assert _entry("city-appeal-score", 2023)["status"] == "final"  # printed in T-Media's table
    assert _entry("population", 2024)["status"] == "final"  # no longer the preliminary figure


def test_emission_values_name_the_calculation_they_come_from() -> None:
    for indicator_id in ("ghg-emissions", "ghg-emissions-per-capita"):
        for year in INDICATORS[indicator_id]["values"]:
            assert re.search(r"HSY calculation of (June )?20\d\d", _note(indicator_id, year))
    # the assessment starts from a year of the current calculation (June 2024 or later)
    baseline = INDICATORS["ghg-emissions"]["baseline"]
    assert re.search(r"calculation of (June 2024|2025)", _note("ghg-emissions", baseline))


def test_swedish_names_read_as_swedish() -> None:
    goal = next(g for g in GOALS_DOC["goals"] if g["id"] == "services-and-innovation")
    assert not goal["name"]["sv"].startswith("Föregångarens")  # "the forerunner's services"
    names = [i["name"]["sv"] for i in INDICATORS.values()]
    assert not [n for n in names if "internationella inom" in n]  # an adjective without a noun


def test_signed_and_bounded_values_are_declared() -> None:
    # net international migration can be negative; the appeal score is on 1-5.
    assert INDICATORS["net-international-migration"]["bounds"] == {"min": None}
    assert INDICATORS["city-appeal-score"]["bounds"] == {"min": 1, "max": 5}


def test_forecasts_and_the_one_commitment() -> None:
    seed = FACTS["seed"]
    share = {
        (t["value"], t["year"], t["kind"]) for t in INDICATORS["foreign-language-share"]["targets"]
    }
    count = {
        (t["value"], t["year"], t["kind"])
        for t in INDICATORS["foreign-language-population"]["targets"]
    }
    # the programme text's forecast, and the city's newer one beside it
    assert (seed["forecast-share"], seed["forecast-year"], "forecast") in share
    assert (seed["forecast-count"], seed["forecast-year"], "forecast") in count
    assert (105400, 2034, "forecast") in count and (30, 2034, "forecast") in share
    commitments = [
        (iid, t["value"], t["year"])
        for iid, doc in INDICATORS.items()
        for t in doc.get("targets", [])
        if t.get("kind", "target") == "target"
    ]
    assert commitments == [("ghg-emissions", 212, 2030)]


def test_seed_figures_agree_with_the_data() -> None:
    """The programme page says "more than 19 %" speak a foreign mother tongue (written when the
    2020 figure was the newest) and "over 150 nationalities", which no public series counts."""
    seed = FACTS["seed"]
    assert _value("foreign-language-share", 2020) >= seed["foreign-language-share-over"]
    assert f"{seed['nationalities']} nationalities" in _section("Searched for and not found")


# --- the city's own Swedish words ----------------------------------------------------------------


def _swedish_text(item_id: str) -> str:
    """The Swedish name of the programme, a goal or an indicator, or an objective's text."""
    if item_id == "programme":
        return str(GOALS_DOC["programme"]["name"]["sv"])
    if item_id in INDICATORS:
        return str(INDICATORS[item_id]["name"]["sv"])
    for goal in GOALS_DOC["goals"]:
        if goal["id"] == item_id:
            return str(goal["name"]["sv"])
        for objective in goal["objectives"]:
            if objective["id"] == item_id:
                return str(objective["text"]["sv"])
    raise KeyError(item_id)


def _phrases(term: dict[str, Any]) -> list[str]:
    phrases = term["term"]
    return [phrases] if isinstance(phrases, str) else list(phrases)


@pytest.mark.parametrize("term", FACTS["swedish_terms"], ids=lambda t: "+".join(t["used_in"]))
def test_swedish_texts_use_the_citys_own_words(term: dict[str, Any]) -> None:
    """Where the city has a Swedish word, the Swedish names use it (esbo.fi's pages, quoted in
    the facts file): "främmande språk som modersmål", not the shorter "främmande modersmål"."""
    assert URL.fullmatch(term["url"])
    quote = " ".join(str(term["quote"]).split()).lower()
    for phrase in _phrases(term):
        assert phrase.lower() in quote, (phrase, quote)
        for item_id in term["used_in"]:
            assert phrase.lower() in _swedish_text(item_id).lower(), (item_id, phrase)


def test_no_swedish_name_shortens_the_citys_foreign_language_term() -> None:
    names = [str(i["name"]["sv"]) for i in INDICATORS.values()]
    assert not [n for n in names if "främmande modersmål" in n]


# --- breakdowns found in public sources (data/breakdowns-sources.md) -----------------------------

BREAKDOWNS: list[dict[str, Any]] = FACTS["breakdowns"]
BREAKDOWN_CATEGORIES = [(b, c) for b in BREAKDOWNS for c in b["categories"]]
BREAKDOWNS_PAGE = DATA_DIR / "breakdowns-sources.md"


def _category(breakdown: dict[str, Any], code: str) -> float:
    return float(next(c["value"] for c in breakdown["categories"] if c["category"] == code))


def _category_sum(breakdown: dict[str, Any]) -> float:
    return float(sum(c["value"] for c in breakdown["categories"]))


@pytest.mark.parametrize(
    ("breakdown", "category"),
    BREAKDOWN_CATEGORIES,
    ids=[f"{b['id']}-{c['category']}" for b, c in BREAKDOWN_CATEGORIES],
)
def test_breakdown_value_is_stated_on_its_page(
    breakdown: dict[str, Any], category: dict[str, Any]
) -> None:
    assert URL.fullmatch(breakdown["url"])
    quote = " ".join(str(category["quote"]).split())
    assert any(form in quote for form in _written_forms(category["value"])), (category, quote)


@pytest.mark.parametrize("breakdown", BREAKDOWNS, ids=lambda b: b["id"])
def test_breakdown_adds_up(breakdown: dict[str, Any]) -> None:
    """Complete breakdowns add up to the indicator (or the page's total) exactly; partial ones
    to less; a rate for everyone lies between the groups' rates."""
    check, total = breakdown["check"], _category_sum(breakdown)
    if check in {"sums_to_indicator", "within_indicator"}:
        headline = _data(breakdown["indicator"], breakdown["year"])
        assert total == headline if check == "sums_to_indicator" else total < headline, (
            total,
            headline,
        )
    elif check == "sums_to_total":
        stated = breakdown["total"]
        assert any(f in str(stated["quote"]) for f in _written_forms(stated["value"]))
        assert total == stated["value"]
    elif check == "all_between_groups":
        groups = [c["value"] for c in breakdown["categories"] if c["category"] != "all"]
        assert min(groups) < _category(breakdown, "all") < max(groups)
    else:
        assert check == "none", check


@pytest.mark.parametrize(
    "breakdown",
    [b for b in BREAKDOWNS if "equals_indicator" in b or "equals_input" in b],
    ids=lambda b: b["id"],
)
def test_breakdown_category_is_the_indicators_own_value(breakdown: dict[str, Any]) -> None:
    if "equals_indicator" in breakdown:
        link = breakdown["equals_indicator"]
        expected = _data(link["indicator"], breakdown["year"])
    else:
        link = breakdown["equals_input"]
        expected = INPUTS[link["input"]]
    assert _category(breakdown, link["category"]) == expected


def test_breakdown_categories_are_codes_the_format_accepts() -> None:
    """Codes as the breakdown files write them: letters, digits, _ . -, starting with a letter
    or digit; each breakdown's categories are distinct."""
    code = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")
    for breakdown in BREAKDOWNS:
        codes = [str(c["category"]) for c in breakdown["categories"]]
        assert all(code.fullmatch(c) for c in codes), codes
        assert len(codes) == len(set(codes)), breakdown["id"]


@pytest.mark.parametrize("breakdown", BREAKDOWNS, ids=lambda b: b["id"])
def test_breakdowns_page_lists_every_value_with_its_source(breakdown: dict[str, Any]) -> None:
    page = BREAKDOWNS_PAGE.read_text(encoding="utf-8")
    assert f"`{breakdown['id']}`" in page
    assert breakdown["url"] in page
    assert f"year,{breakdown['dimension']},value,status,note" in page
    for category in breakdown["categories"]:
        line = f"{breakdown['year']},{category['category']},{category['value']},,"
        assert f"\n{line}\n" in page, line
    assert "breakdowns-sources.md" in _readme()


# --- breakdowns in the data set (data/indicators/<id>.csv) ----------------------------------------

BREAKDOWN_FILES = sorted(INDICATOR_DIR.glob("*.csv"))


def _breakdown_rows(path: Path) -> list[dict[str, str]]:
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _fact_of(indicator_id: str, year: int, dimension: str) -> dict[str, Any] | None:
    return next(
        (
            b for b in BREAKDOWNS
            if b["indicator"] == indicator_id and b["year"] == year and b["dimension"] == dimension
        ),
        None,
    )  # fmt: skip


def test_the_data_set_has_a_real_breakdown() -> None:
    assert BREAKDOWN_FILES, "no indicators/*.csv in data/"


@pytest.mark.parametrize("path", BREAKDOWN_FILES, ids=lambda p: p.name)
def test_every_breakdown_value_is_a_quoted_fact_citing_its_page(path: Path) -> None:
    """Each row of a breakdown file is a published figure of tests/data/espoo_facts.yaml
    (whose quote states it, as checked above), and its note cites that page's URL."""
    dimensions = [
        c for c in _breakdown_rows(path)[0] if c not in {"year", "value", "status", "note"}
    ]
    for row in _breakdown_rows(path):
        filled = [d for d in dimensions if row[d]]
        assert len(filled) == 1, row  # the bundled breakdowns are single ones
        dimension = filled[0]
        fact = _fact_of(path.stem, int(row["year"]), dimension)
        assert fact is not None, row
        assert float(row["value"]) == _category(fact, row[dimension]), row
        assert row["status"] == ""
        assert fact["url"] in row["note"], row


@pytest.mark.parametrize("path", BREAKDOWN_FILES, ids=lambda p: p.name)
def test_breakdown_files_hold_every_category_of_their_facts(path: Path) -> None:
    """Nothing of a source is left out: every category of an entered breakdown's fact is in
    the file; a breakdown that is partial in a year is declared partial."""
    rows = _breakdown_rows(path)
    indicator = INDICATORS[path.stem]
    declared = {
        (b if isinstance(b, str) else b["by"]): (not isinstance(b, str) and b.get("partial", False))
        for b in indicator["breakdowns"]
    }
    entered = {(int(r["year"]), d) for r in rows for d in declared if r.get(d)}
    for year, dimension in entered:
        fact = _fact_of(path.stem, year, dimension)
        assert fact is not None
        codes = {r[dimension] for r in rows if int(r["year"]) == year and r.get(dimension)}
        assert codes == {str(c["category"]) for c in fact["categories"]}, (year, dimension)
        if fact["check"] == "within_indicator":
            assert declared[dimension], f"{dimension} has a partial year ({year}): partial: true"


# --- sources and estimates --------------------------------------------------------------------


@pytest.mark.parametrize("indicator_id", sorted(INDICATORS))
def test_every_value_and_target_cites_a_url(indicator_id: str) -> None:
    """A value's note names its own URL, or the value comes from the file's main source."""
    indicator = INDICATORS[indicator_id]
    assert URL.match(str(indicator["source"]["url"]))
    for year in indicator["values"]:
        for lang, note in _texts(_entry(indicator_id, year).get("note")).items():
            assert URL.search(note) or MAIN_SOURCE[lang] in note.lower(), (
                f"{indicator_id} {year} ({lang}): the note names no URL and no main source"
            )
    for target in indicator.get("targets", []):
        assert URL.match(str(target["source"]["url"])), (indicator_id, target["year"])


@pytest.mark.parametrize("indicator_id", sorted(INDICATORS))
def test_every_estimate_shows_its_arithmetic(indicator_id: str) -> None:
    for year in INDICATORS[indicator_id]["values"]:
        entry = _entry(indicator_id, year)
        if entry["status"] == "estimated":
            for lang in LANGUAGES:
                assert ARITHMETIC.search(_note(indicator_id, year, lang)), (
                    f"{indicator_id} {year} ({lang}): an estimate's note must show the arithmetic"
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
    for oid, indicators in _covered_objectives().items():
        if not indicators:
            row = _readme_rows("Objectives and their indicators").get(oid)
            assert row is not None and "no source" in row, oid


def test_talent_wellbeing_is_measured_not_only_by_proxies() -> None:
    assert (
        "foreign-background-employment-rate"
        in _covered_objectives()["international-talent-wellbeing"]
    )


# --- languages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("indicator_id", sorted(INDICATORS))
def test_indicator_names_and_definitions_in_three_languages(indicator_id: str) -> None:
    indicator = INDICATORS[indicator_id]
    assert set(indicator["name"]) == LANGUAGES
    assert set(indicator["definition"]) == LANGUAGES
    assert all(str(text).strip() for text in indicator["definition"].values())


def _per_language_texts(indicator: dict[str, Any]) -> list[tuple[str, Any]]:
    """Every note, source title, publisher and source note of an indicator, with a label."""
    found: list[tuple[str, Any]] = []
    sources = [("source", indicator.get("source") or {})]
    for target in indicator.get("targets", []):
        sources.append((f"target {target['year']} source", target.get("source") or {}))
        found.append((f"target {target['year']} note", target.get("note")))
    for label, source in sources:
        found += [(f"{label} {key}", source.get(key)) for key in ("publisher", "title", "note")]
    for year, raw in indicator["values"].items():
        found.append((f"{year} note", raw.get("note") if isinstance(raw, dict) else None))
    return [(label, text) for label, text in found if text is not None]


@pytest.mark.parametrize("indicator_id", sorted(INDICATORS))
def test_notes_titles_and_publishers_in_three_languages(indicator_id: str) -> None:
    """A Finnish or Swedish page shows no English note: every text is given per language, and a
    translation keeps the citations (the same addresses in every language)."""
    for label, text in _per_language_texts(INDICATORS[indicator_id]):
        texts = _texts(text)
        assert set(texts) == LANGUAGES and all(t.strip() for t in texts.values()), label
        urls = {lang: sorted(u.rstrip(").,;") for u in URL.findall(t)) for lang, t in texts.items()}
        assert urls["fi"] == urls["en"] == urls["sv"], (label, urls)


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


def _readme() -> str:
    return (DATA_DIR / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    """The text of data/README.md's level-2 section ``title``, up to the next one."""
    text = _readme()
    start = text.index(f"\n## {title}\n") + 1
    end = text.find("\n## ", start)
    return text[start:] if end < 0 else text[start:end]


def _readme_rows(title: str) -> dict[str, str]:
    """Table rows of section ``title`` keyed by the backticked id in their first cell."""
    rows: dict[str, str] = {}
    for line in _section(title).splitlines():
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
    # population: 2011, 2014ᵉ, 2015-2025ᵖ ... as the README table shows it
    assert _years_present("population").startswith(f"2011, 2014ᵉ, 2015{EN_DASH}")
    assert _years_present("foreign-hotel-nights").endswith(f"2014ᵖ, 2015{EN_DASH}2020, 2021ᵖ")


@pytest.mark.parametrize("indicator_id", sorted(INDICATORS))
def test_readme_indicator_row_matches_the_file(indicator_id: str) -> None:
    """Columns: id | goal | unit | years present | latest | target | source | why not newer."""
    row = _readme_rows("Indicators").get(indicator_id)
    assert row is not None, f"data/README.md's indicator table has no row for {indicator_id}"
    cells = _cells(row)
    assert len(cells) == 8, row
    latest = max(INDICATORS[indicator_id]["values"])
    assert cells[1].startswith(f"{_goal_number(indicator_id)} "), row
    assert cells[2] == INDICATORS[indicator_id]["unit"]
    assert cells[3] == _years_present(indicator_id)
    assert cells[4] == str(latest)
    if latest < REPORT_YEAR:
        assert len(cells[7]) > 10, f"{indicator_id}: say why the newest value is {latest}"


def test_readme_lists_every_stale_row_with_its_reason() -> None:
    """The rows stale in a report for REPORT_YEAR are named in the section on stale rows."""
    stale = sorted(
        iid for iid, doc in INDICATORS.items() if max(doc["values"]) < REPORT_YEAR - STALE_AFTER
    )
    named = set(re.findall(r"`([a-z0-9-]+)`", _section("Stale rows")))
    assert set(stale) <= named, set(stale) - named


def _goal_number(indicator_id: str) -> int:
    goal = INDICATORS[indicator_id]["goal"]
    return next(g["number"] for g in GOALS_DOC["goals"] if g["id"] == goal)


@pytest.mark.parametrize("objective_id", sorted(OBJECTIVES))
def test_readme_objective_row_lists_its_indicators(objective_id: str) -> None:
    row = _readme_rows("Objectives and their indicators").get(objective_id)
    assert row is not None, f"data/README.md's objective table has no row for {objective_id}"
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
        assert low is None or target["value"] >= low
        assert high is None or target["value"] <= high


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
