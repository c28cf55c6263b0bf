"""The site's SDG and reporting-status pages (issue 25): every language has them and links
them; indicators appear under each SDG they name, with the target's name (English, marked,
on Finnish and Swedish pages); every objective is listed with its reporting status, also one
that no indicator measures."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.site.words import site_words
from tests.site.conftest import GOALS as BASE_GOALS
from tests.site.conftest import build, write_data
from tests.site.test_site_text import texts_with_lang

# The site tests' goals (one goal, objective o) and an objective that no indicator measures.
GOALS = (
    BASE_GOALS
    + """\
      - id: searched
        text: {fi: Palvelut, sv: Tjänsterna, en: Services}
        sdg: ["16.6"]
        reporting_status: exploring_data_sources
        reporting_note: {fi: Etsitty turhaan, sv: Sökt utan resultat, en: Searched in vain}
"""
)
CLIMATE = """\
id: climate
name: {fi: Päästöt, sv: Utsläpp, en: Emissions}
goal: g
objectives: [o]
sdg: ["13.2.2", "11.6"]
unit: count
direction: decrease
values: {2020: 10, 2021: 9}
"""
PLAIN = """\
id: plain
name: {fi: Väestö, sv: Befolkning, en: Population}
goal: g
unit: count
direction: increase
values: {2021: 9}
"""


@pytest.fixture(scope="module")
def sdg_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sdg")
    data = write_data(root / "data", {"climate": CLIMATE, "plain": PLAIN}, goals=GOALS)
    build(CliRunner(), root / "public", "2021", data=data)
    return root / "public" / "2021"


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_language_has_both_pages_in_its_navigation(sdg_site: Path, lang: str) -> None:
    w = site_words(lang)
    for page in ("sdg.html", "reporting.html"):
        assert (sdg_site / lang / page).is_file()
    index = (sdg_site / lang / "index.html").read_text(encoding="utf-8")
    assert 'href="../../2021/' not in index  # links stay inside the edition
    assert f'{lang}/sdg.html">{w("sdg_nav")}</a>' in index
    assert f'{lang}/reporting.html">{w("reporting_status")}</a>' in index


def test_an_indicator_is_under_each_sdg_it_names_with_the_target_names(sdg_site: Path) -> None:
    html = (sdg_site / "fi" / "sdg.html").read_text(encoding="utf-8")
    assert 'id="sdg-11"' in html and 'id="sdg-13"' in html
    assert html.count('href="indicators/climate.html"') == 2
    texts = dict(texts_with_lang(sdg_site / "fi" / "sdg.html"))
    assert texts["Kestävät kaupungit ja yhteisöt"] == "fi"
    assert texts["Total greenhouse gas emissions per year"] == "en"  # no Finnish name shipped
    assert texts["Väestö"] == "fi"  # listed as not linked to any SDG
    assert site_words("fi")("not_linked_sdg") in html


def test_every_objective_is_listed_with_its_reporting_status(sdg_site: Path) -> None:
    html = (sdg_site / "sv" / "reporting.html").read_text(encoding="utf-8")
    w = site_words("sv")
    assert 'id="objective-o"' in html and 'id="objective-searched"' in html
    searched = html.split('id="objective-searched"', 1)[1]
    assert "datakällor undersöks" in searched and "Sökt utan resultat" in searched
    assert w("no_measure") in searched
    assert "(härledd ur data)" not in searched.split("</dl>", 1)[0]  # declared, not worked out
    measured = html.split('id="objective-o"', 1)[1].split('id="objective-searched"', 1)[0]
    assert "klar" in measured and "(härledd ur data)" in measured
    assert 'href="indicators/climate.html"' in measured


def test_the_bundled_sites_reporting_page_shows_the_unmeasured_objectives(edition: Path) -> None:
    html = (edition / "fi" / "reporting.html").read_text(encoding="utf-8")
    for objective in ("quality-services", "international-competence"):
        section = html.split(f'id="objective-{objective}"', 1)[1].split("</section>", 1)[0]
        assert "tietolähteitä selvitetään" in section
        assert "(päätelty aineistosta)" not in section.split("</dl>", 1)[0]


def test_a_goal_page_links_each_objective_to_its_reporting_status(sdg_site: Path) -> None:
    html = (sdg_site / "fi" / "goals" / "g.html").read_text(encoding="utf-8")
    assert 'href="../objectives/searched.html"' in html
    assert "Raportoinnin tila: tietolähteitä selvitetään</a>" in html
    assert "Raportoinnin tila: valmis (päätelty aineistosta)</a>" in html


def test_an_indicator_page_names_its_sdg_codes_and_reporting_status(sdg_site: Path) -> None:
    texts = dict(texts_with_lang(sdg_site / "sv" / "indicators" / "climate.html"))
    assert texts["13.2.2 Total greenhouse gas emissions per year"] == "en"
    assert "klar (härledd ur data)" in texts


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_each_objective_has_a_page_with_its_reporting_status(sdg_site: Path, lang: str) -> None:
    w = site_words(lang)
    searched = (sdg_site / lang / "objectives" / "searched.html").read_text(encoding="utf-8")
    texts = dict(texts_with_lang(sdg_site / lang / "objectives" / "searched.html"))
    assert {"fi": "Palvelut", "sv": "Tjänsterna", "en": "Services"}[lang] in texts
    assert w("no_measure") in searched  # an objective without a measure, shown as such
    assert {"fi": "Etsitty turhaan", "sv": "Sökt utan resultat", "en": "Searched in vain"}[
        lang
    ] in searched
    assert 'href="../goals/g.html"' in searched
    measured = (sdg_site / lang / "objectives" / "o.html").read_text(encoding="utf-8")
    assert 'href="../indicators/climate.html"' in measured
    assert w("no_measure") not in measured and w("proxies_only") not in measured
    listing = (sdg_site / lang / "reporting.html").read_text(encoding="utf-8")
    assert 'href="objectives/searched.html"' in listing and 'href="objectives/o.html"' in listing


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_bundled_objectives_measured_by_proxies_say_so(edition: Path, lang: str) -> None:
    w = site_words(lang)
    for objective in ("quality-services", "international-competence"):
        html = (edition / lang / "objectives" / f"{objective}.html").read_text(encoding="utf-8")
        assert w("proxies_only") in html, objective
        assert "data/README.md" in html  # the note of what was searched for
