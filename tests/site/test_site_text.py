"""What the site's pages say, and in which language: one language per page (case 4), the
accessibility statement (case 5), and text and links from hostile data (case 8)."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.core.i18n import translator
from intl_tracker.core.text_safety import link_target
from intl_tracker.dataset.loading import load_data_set
from intl_tracker.site.words import site_words
from tests.site.conftest import DATA, build, run_site, write_data

# Names only in Finnish and English; notes and a source per language; English-only notes.
FALLBACK = """\
id: osuus
name: {fi: Vieraskielisten osuus, en: Foreign-language share}
goal: g
unit: percent
direction: increase
decimals: 1
definition: {fi: Vieraskieliset asukkaat, en: Residents with a foreign mother tongue}
source:
  publisher: {fi: Tilastokeskus, sv: Statistikcentralen, en: Statistics Finland}
  title: {fi: Väestörakenne}
  url: "https://example.org/v"
targets:
  - {value: 30, year: 2030, note: {fi: Ennuste, sv: Prognos, en: A forecast}}
values:
  2020: 18.0
  2021: {value: 19.0, note: {en: Only in English}}
  2022: {value: 20.0, note: {fi: Suomeksi, sv: På svenska, en: In English}}
"""


class _Texts(HTMLParser):
    """Every text of a page's body with the language in force around it (the innermost
    ``lang``)."""

    def __init__(self) -> None:
        super().__init__()
        self.langs: list[str] = []
        self.texts: list[tuple[str, str]] = []
        self._body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._body = True
        if tag in ("br", "img", "meta", "link", "source", "wbr"):
            return
        given = dict(attrs).get("lang")
        self.langs.append(given or (self.langs[-1] if self.langs else ""))

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("br", "img", "meta", "link", "source", "wbr") and self.langs:
            self.langs.pop()

    def handle_data(self, data: str) -> None:
        if self._body and data.strip():
            self.texts.append((data.strip(), self.langs[-1] if self.langs else ""))


def texts_with_lang(path: Path) -> list[tuple[str, str]]:
    parser = _Texts()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.texts


@pytest.fixture(scope="module")
def fallback_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fallback")
    data = write_data(root / "data", {"osuus": FALLBACK})
    out = root / "public"
    build(CliRunner(), out, "2022", data=data)
    return out / "2022"


def test_a_fallback_text_carries_its_language(fallback_site: Path) -> None:
    """Case 4: a Swedish page shows the English name, the English-only note and the
    Finnish-only title marked as such; the Swedish texts unmarked."""
    texts = dict(texts_with_lang(fallback_site / "sv" / "indicators" / "osuus.html"))
    assert texts["Foreign-language share"] == "en"
    assert texts["Only in English"] == "en"
    assert texts["Residents with a foreign mother tongue"] == "en"
    assert texts["På svenska"] == "sv" and texts["Prognos"] == "sv"
    assert texts["Vieraskielisten osuus"] == "fi"  # the name in another language, a fact
    assert texts["Statistikcentralen"] == "sv"  # the publisher in Swedish ...
    assert texts["Väestörakenne"] == "fi"  # ... the title only in Finnish: marked apart


def test_the_finnish_page_has_its_own_texts_unmarked(fallback_site: Path) -> None:
    texts = texts_with_lang(fallback_site / "fi" / "indicators" / "osuus.html")
    langs = dict(texts)
    assert langs["Suomeksi"] == "fi" and langs["Ennuste"] == "fi"
    assert langs["Only in English"] == "en"
    assert langs["Foreign-language share"] == "en"  # in the facts: the name in English


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_text_of_a_fallback_page_is_in_the_page_language_or_marked(
    fallback_site: Path, lang: str
) -> None:
    """No English text without lang="en" on a Finnish or Swedish page of this data set:
    the words of the tool come from the catalogue, the data's from its own language."""
    english_only = {"Only in English", "Residents with a foreign mother tongue"}
    for page in (fallback_site / lang).rglob("*.html"):
        for text, in_force in texts_with_lang(page):
            if text in english_only:
                assert in_force == "en", (page, text)


# Tool words that must be the indicator's target (fi "tavoitearvo", sv "målvärde"), never the
# programme's goal (fi "tavoite", sv "mål").
TARGET_WORDS = {"fi": "tavoitearvo", "sv": "målvärde"}


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_target_words_are_the_indicator_target_not_the_programme_goal(lang: str) -> None:
    """Case 4: the methods page and the alt texts called a target "tavoite"/"mål"."""
    w = site_words(lang)
    word = TARGET_WORDS[lang]
    keys = ["chart_target", "targets_forecasts", "mean_target_met", "mean_missed"]
    keys += ["mean_on_track", "how_decided_text", "without_target", "targets_forecasts_text"]
    keys += [f"mean_trend_{s}" for s in ("on_track", "moderate", "insufficient", "moving_away")]
    for key in keys:
        assert word in w(key, target="x").lower(), key
    assert word in translator(lang).pgettext("figure to reach", "Target").lower()


def test_the_finnish_lead_says_data_up_to_not_published_by() -> None:
    text = site_words("fi")("assessed_with", year=2024, method="m")
    assert "julkaistu" not in text and "2024 asti" in text


def test_the_method_has_one_name_on_a_page(tmp_path: Path, runner: CliRunner) -> None:
    """Case 4: "ratio" in the table header, "suhdemenetelmä" in the headline."""
    out = tmp_path / "public"
    build(runner, out, "2024", "--lang", "fi")
    html = (out / "2024" / "fi" / "indicators" / "population.html").read_text(encoding="utf-8")
    headers = re.findall(r'<th scope="col">([^<]*)</th>', html)
    assert not {"ratio", "unsd", "dns", "ratio (valittu)"} & set(headers)
    assert any(h.startswith("suhdemenetelmä") for h in headers)


def test_downloads_speak_the_page_language(tmp_path: Path, runner: CliRunner) -> None:
    """Case 4: the report CSV's reasons were English on every page."""
    out = tmp_path / "public"
    build(runner, out, "2024", "--lang", "fi")
    rows = list(csv.DictReader(io.StringIO(
        (out / "2024" / "fi" / "report-2024.csv").read_text(encoding="utf-8")
    )))  # fmt: skip
    reasons = [r for r in rows if r["reason"]]
    assert reasons
    assert all(r["reason_label"] and r["reason_label"] != r["reason"] for r in reasons)


def test_the_bundled_data_gives_every_shown_text_in_finnish_and_swedish() -> None:
    """Done when: the fi and sv indicator pages of the bundled data contain no untagged
    English. Every text of the data the page shows is given in the page's language (a plain
    string has no known language, so it counts as untagged)."""
    catalog = load_data_set(DATA).catalog
    assert catalog is not None
    missing = []
    for indicator in catalog.indicators:
        texts = [("name", indicator.name), ("definition", indicator.definition)]
        if indicator.source is not None:
            texts += [("source.title", indicator.source.title),
                      ("source.publisher", indicator.source.publisher)]  # fmt: skip
        texts += [(f"values.{y}.note", o.note) for y, o in indicator.values.items()]
        texts += [(f"targets.{i}.note", t.note) for i, t in enumerate(indicator.targets)]
        for where, text in texts:
            if text is None:
                continue
            if isinstance(text, str) or not {"fi", "sv"} <= set(text):
                missing.append(f"{indicator.id}: {where}")
    assert missing == []


# --- the accessibility statement (case 5) ----------------------------------------------------

COMPLETE = """\
base_url: https://www.example.fi/follow-up/
organisation: {fi: Esimerkin kaupunki, sv: Exempel stad, en: City of Example}
accessibility:
  compliance: partially
  assessed_on: 2026-02-16
  assessed_by: {fi: kaupungin oma arvio, sv: stadens egen bedömning, en: the city's own review}
  method: {fi: axe-core ja NVDA, sv: axe-core och NVDA, en: axe-core and NVDA}
  known_problems:
    - fi: Kuvaajien PNG-tiedostoilla ei ole tekstiä
      sv: PNG-filerna saknar text
      en: The PNG files have no text
  feedback_email: saavutettavuus@example.fi
  prepared_on: 2026-02-17
  reviewed_on: 2026-03-01
"""


def test_the_statement_names_the_current_authority_and_claims_nothing_false(
    tmp_path: Path, runner: CliRunner
) -> None:
    """Without site.yaml: placeholders, a warning naming what is missing, Traficom (since
    1.1.2026 the Regional State Administrative Agency is gone), and no claim that the build
    checks every page."""
    data = write_data(tmp_path / "data", {"osuus": FALLBACK})
    result = build(runner, tmp_path / "public", "2022", data=data)
    assert "warning: the accessibility statement is a template until site.yaml gives:" in (
        result.stderr
    )
    assert "accessibility.feedback_email or feedback_url" in result.stderr
    for lang, authority in (("fi", "Traficom"), ("sv", "Traficom"), ("en", "Traficom")):
        html = (tmp_path / "public" / "2022" / lang / "accessibility.html").read_text("utf-8")
        assert authority in html
        assert "aluehallintovirasto" not in html.lower()
        assert "regionförvaltningsverket" not in html.lower()
        assert "Regional State Administrative" not in html
        assert "when the site is built" not in html
        assert "[" in html and "site.yaml" in html  # placeholders, and where to fill them
    html = (tmp_path / "public" / "2022" / "en" / "accessibility.html").read_text("utf-8")
    assert 'href="https://www.webaccessibility.fi/"' in html


def test_a_complete_site_yaml_fills_the_statement_and_silences_the_warning(
    tmp_path: Path, runner: CliRunner
) -> None:
    data = write_data(tmp_path / "data", {"osuus": FALLBACK})
    (data / "site.yaml").write_text(COMPLETE, encoding="utf-8")
    result = build(runner, tmp_path / "public", "2022", data=data)
    assert "accessibility statement" not in result.stderr
    fi = (tmp_path / "public" / "2022" / "fi" / "accessibility.html").read_text("utf-8")
    assert "Esimerkin kaupunki" in fi and "osittain" in fi
    assert "16.2.2026" in fi and "kaupungin oma arvio" in fi and "17.2.2026" in fi
    assert 'href="mailto:saavutettavuus@example.fi"' in fi
    assert "Kuvaajien PNG-tiedostoilla ei ole tekstiä" in fi
    assert "[täydennettävä" not in fi
    en = (tmp_path / "public" / "2022" / "en" / "accessibility.html").read_text("utf-8")
    assert "16 February 2026" in en and "1 March 2026" in en
    # the base URL of site.yaml makes the absolute links
    assert '<link rel="canonical" href="https://www.example.fi/follow-up/2022/en/' in en


def test_an_invalid_site_yaml_is_an_error_at_its_line(tmp_path: Path, runner: CliRunner) -> None:
    data = write_data(tmp_path / "data", {"osuus": FALLBACK})
    (data / "site.yaml").write_text(
        "accessibility:\n  compliance: mostly\n  feedback_email: not-an-address\n",
        encoding="utf-8",
    )
    result = run_site(runner, tmp_path / "public", "2022", data=data)
    assert result.exit_code == 1
    assert "site.yaml:2:15: error" in result.output and "compliance" in result.output
    assert "site.yaml:3:19: error" in result.output
    assert not (tmp_path / "public").exists() or not any((tmp_path / "public").iterdir())


# --- hostile data (case 8) -------------------------------------------------------------------

HOSTILE = """\
id: vaara
name: {fi: "Nimi \\u202e98,765 tässä", sv: Namnet, en: The name}
goal: g
unit: count
direction: increase
source:
  publisher: Attacker
  title: Click me
  url: "javascript:alert(document.domain)"
targets:
  - value: 10
    year: 2030
    source: {title: Data, url: "data:text/html,<script>alert(1)</script>"}
values:
  2020: {value: 1, note: "=HYPERLINK(\\"http://evil\\")"}
  2021: 2
  2022: 3
"""
LONG_WORD = "Kansainvälistymisvalmiuksienkehittämisohjelmakokonaisuusarviointi"


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", " JaVa\tScript:alert(1)", "data:text/html,x", "vbscript:msgbox",
     "file:///etc/passwd", "\\\\evil.example/x"],
)  # fmt: skip
def test_only_http_https_mailto_and_relative_links_are_written(url: str) -> None:
    assert link_target(url) is None
    for good in ("https://example.org/x", "http://x.fi", "mailto:a@b.fi", "sub/page.html"):
        assert link_target(good) == good


def test_a_hostile_source_url_is_text_and_validate_warns(tmp_path: Path, runner: CliRunner) -> None:
    data = write_data(tmp_path / "data", {"vaara": HOSTILE})
    result = runner.invoke(app, ["validate", "--data", str(data)])
    assert result.exit_code == 0
    warnings = [line for line in result.stdout.splitlines() if "[unsafe-link]" in line]
    assert len(warnings) == 2 and all("warning" in w for w in warnings)
    assert warnings[0].startswith(f"{data / 'indicators' / 'vaara.yaml'}:9:")
    build(runner, tmp_path / "public", "2022", "--lang", "fi", data=data)
    html = (tmp_path / "public" / "2022" / "fi" / "indicators" / "vaara.html").read_text("utf-8")
    assert "javascript:" in html  # shown, as text ...
    assert not re.search(r'href="\s*(javascript|data):', html, re.I)  # ... never a link
    assert "data:text/html,&lt;script&gt;" in html


def test_a_bidi_override_is_shown_not_obeyed(tmp_path: Path, runner: CliRunner) -> None:
    """Case 8: U+202E in a name reordered the value beside it on the home page."""
    data = write_data(tmp_path / "data", {"vaara": HOSTILE})
    build(runner, tmp_path / "public", "2022", "--lang", "fi", data=data)
    for page in (tmp_path / "public").rglob("*.html"):
        assert "\u202e" not in page.read_text(encoding="utf-8"), page
    home = (tmp_path / "public" / "2022" / "fi" / "index.html").read_text("utf-8")
    assert "<bdi>Nimi \\u202e98,765 tässä</bdi>" in home


def test_a_formula_in_a_note_is_neutralised_in_the_indicator_csv(
    tmp_path: Path, runner: CliRunner
) -> None:
    data = write_data(tmp_path / "data", {"vaara": HOSTILE})
    build(runner, tmp_path / "public", "2022", "--lang", "en", data=data)
    text = (tmp_path / "public" / "2022" / "en" / "data" / "vaara.csv").read_text("utf-8")
    note = next(csv.DictReader(io.StringIO(text)))["note"]
    assert note == '\'=HYPERLINK("http://evil")'


SINGLE = """\
id: yksi
name: {fi: Yksi arvo, sv: Ett värde, en: One value}
goal: g
unit: rank
direction: decrease
values: {2017: 14}
"""


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fi", "Kuvaajassa on yksi arvo, 14, vuodelta 2017."),
        ("sv", "Diagrammet visar ett värde, 14, från 2017."),
        ("en", "The chart shows one value, 14, from 2017."),
    ],
)
def test_a_single_value_is_described_in_the_singular(
    tmp_path: Path, runner: CliRunner, lang: str, words: str
) -> None:
    """Case 3: "1 values from 2017 to 2017" ("1 arvoa vuosilta 2017-2017")."""
    data = write_data(tmp_path / "data", {"yksi": SINGLE})
    build(runner, tmp_path / "public", "2024", "--lang", lang, data=data)
    html = (tmp_path / "public" / "2024" / lang / "indicators" / "yksi.html").read_text("utf-8")
    assert words in html


# --- every text from the data or site.yaml, wherever it is shown (cases 4 and 8) --------------

HOSTILE_GOALS = """\
programme:
  id: p
  name: {fi: "Ohjelma \\u202e12,34", en: The programme}
goals:
  - id: g
    number: 1
    name: {fi: Kaupunki, sv: Staden, en: The city}
    objectives:
      - id: o
        text: {fi: Osaajat, sv: Talangerna, en: Talent}
"""
HOSTILE_SITE_YAML = """\
organisation: {fi: "Kaupunki \\u202e56,78", en: Only English organisation}
accessibility:
  assessed_on: 2026-02-16
  assessed_by: {fi: "Arvioija \\u202e", en: English assessor}
  method: {en: "Method \\u202e in English"}
  known_problems: [{en: "Problem \\u202e in English"}]
  supervisory_authority:
    name: {fi: "Valvoja \\u202e", en: English authority}
    url: {fi: "javascript:alert(1)", en: "https://example.org/a"}
"""
UNIT_ONLY_IN_ENGLISH = """\
id: paastot
name: {fi: Päästöt, sv: Utsläpp, en: Emissions}
goal: g
unit: tonnes
unit_label: {en: "t CO2e \\u202e per resident"}
direction: decrease
targets: [{value: 1, year: 2030}]
values: {2020: 5, 2021: 4, 2022: 3}
"""


@pytest.fixture(scope="module")
def hostile_texts_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-texts")
    data = write_data(root / "data", {"paastot": UNIT_ONLY_IN_ENGLISH}, goals=HOSTILE_GOALS)
    (data / "site.yaml").write_text(HOSTILE_SITE_YAML, encoding="utf-8")
    out = root / "public"
    build(CliRunner(), out, "2022", "--lang", "sv,fi", data=data)
    return out


def test_no_bidi_control_from_goals_or_site_yaml_reaches_any_page(hostile_texts_site: Path) -> None:
    """The programme's name on the front pages (index.html, <year>/index.html), and every
    text of site.yaml on the accessibility statement, are shown as the terminal shows them."""
    for page in hostile_texts_site.rglob("*.html"):
        assert "\u202e" not in page.read_text(encoding="utf-8"), page
    front = (hostile_texts_site / "index.html").read_text("utf-8")
    assert "<bdi>Ohjelma \\u202e12,34</bdi>" in front
    statement = (hostile_texts_site / "2022" / "fi" / "accessibility.html").read_text("utf-8")
    assert "Kaupunki \\u202e56,78" in statement and "Valvoja \\u202e" in statement


@pytest.mark.parametrize("page", ["index.html", "2022/index.html", "2022/sv/accessibility.html"])
def test_fallback_texts_of_front_pages_and_statement_carry_their_language(
    hostile_texts_site: Path, page: str
) -> None:
    """The programme has no Swedish name: on the front pages its English name is marked
    English, not Swedish; site.yaml's English-only texts on the Swedish statement too."""
    english = {
        "The programme",
        "Only English organisation",
        "English assessor",
        "Method \\u202e in English",
        "Problem \\u202e in English",
        "English authority",
    }
    found = dict(texts_with_lang(hostile_texts_site / page))
    shown = {text for text in found if text in english}
    assert shown  # the page shows some of them ...
    assert {text: found[text] for text in shown if found[text] != "en"} == {}  # ... marked


def test_an_unsafe_authority_address_is_no_link(hostile_texts_site: Path) -> None:
    html = (hostile_texts_site / "2022" / "fi" / "accessibility.html").read_text("utf-8")
    assert 'href=""' not in html and "javascript:" not in html.split("<body", 1)[1].split("</a>")[0]
    assert not re.search(r'href="\s*javascript:', html, re.I)


@pytest.mark.parametrize("page", ["indicators/paastot.html", "index.html", "goals/g.html"])
def test_a_unit_label_only_in_english_is_marked_and_isolated_beside_every_number(
    hostile_texts_site: Path, page: str
) -> None:
    """The unit label is data: beside each value, change, target and projection, and in the
    values' heading, it is isolated from the number (``<bdi>``) and marked with its language."""
    path = hostile_texts_site / "2022" / "fi" / page
    html = path.read_text("utf-8").split("<body>", 1)[1]  # the head's attributes hold text
    assert "t CO2e \\u202e per resident" in html
    assert html.count("t CO2e \\u202e per resident") == html.count(
        '<bdi lang="en">t CO2e \\u202e per resident</bdi>'
    )


HAND_SET = """\
id: kasin
name: {fi: Käsin, sv: För hand, en: By hand}
goal: g
unit: percent
direction: increase
assessment:
  status:
    value: moderate
    rationale: {fi: "Perustelu \\u202e12,34", en: Rationale only in English}
    source: {publisher: Kaupunki, url: "javascript:alert(1)"}
values: {2021: 12.5, 2022: 14}
"""


def test_a_hand_set_rationale_is_shown_safely_and_marked(tmp_path: Path, runner: CliRunner) -> None:
    """The reason of a status set by hand quotes its rationale (data): a bidi override in it
    is shown, and on a Swedish page the English rationale is marked English."""
    data = write_data(tmp_path / "data", {"kasin": HAND_SET})
    build(runner, tmp_path / "public", "2022", "--lang", "fi,sv", data=data)
    for page in (tmp_path / "public").rglob("*.html"):
        assert "\u202e" not in page.read_text(encoding="utf-8"), page
    fi = (tmp_path / "public" / "2022" / "fi" / "indicators" / "kasin.html").read_text("utf-8")
    assert "<bdi>Perustelu \\u202e12,34</bdi>" in fi
    for page in ("indicators/kasin.html", "report.html"):
        texts = dict(texts_with_lang(tmp_path / "public" / "2022" / "sv" / page))
        assert texts["Rationale only in English"] == "en", page
