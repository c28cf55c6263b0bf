"""A value's note, a source's publisher, title and note and a target's note may be given per
language as names are (``{fi: ..., sv: ..., en: ...}``); a plain string still works. Every
format that prints them picks the language as for names: the language asked for, else
English, else the first given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.app.workflows import site_views
from intl_tracker.cli.commands import app
from intl_tracker.core.vocabulary import Method, Pace
from intl_tracker.dataset.loading import load_data_set
from intl_tracker.dataset.models import localize, localize_tagged
from intl_tracker.site.content import build_content

GOALS = """\
programme:
  id: p
  name: {fi: Ohjelma, sv: Programmet, en: Programme}
goals:
  - id: g
    number: 1
    name: {fi: Tavoite, sv: Mål, en: Goal}
"""

INDICATOR = """\
id: x
name: {fi: Iksi, sv: Ixet, en: Ex}
goal: g
unit: count
direction: increase
source:
  publisher: {fi: Espoon kaupunki, sv: Esbo stad, en: City of Espoo}
  title: {fi: Väestö, en: Population}
  url: "https://example.org/p"
  note: Plain source note
targets:
  - value: 10
    year: 2030
    source: {title: {fi: Ohjelma 2030, en: Programme 2030}}
    note: {fi: Tavoitteen huomautus, sv: Målets anmärkning, en: The target's note}
values:
  2020: {value: 1, note: {fi: Arvon huomautus, sv: Värdets anmärkning, en: The value's note}}
  2021: {value: 2, status: estimated, note: {fi: Vain suomeksi}}
  2022: {value: 3, note: Plain value note}
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    (root / "indicators").mkdir(parents=True)
    (root / "goals.yaml").write_text(GOALS, encoding="utf-8")
    (root / "indicators" / "x.yaml").write_text(INDICATOR, encoding="utf-8")
    return root


def test_localize_takes_the_language_else_english_else_the_first() -> None:
    text = {"fi": "suomeksi", "en": "in English"}
    assert localize_tagged(text, "fi") == ("suomeksi", None)
    assert localize_tagged(text, "sv") == ("in English", "en")  # a fallback names its language
    assert localize_tagged({"fi": "vain"}, "en") == ("vain", "fi")
    assert localize_tagged("plain", "sv") == ("plain", None)  # one text for every language
    assert localize(None, "fi") == ""


def test_a_per_language_note_and_a_plain_one_both_load(data: Path) -> None:
    loaded = load_data_set(data)
    assert loaded.errors == []
    catalog = loaded.catalog
    assert catalog is not None
    indicator = catalog.indicators[0]
    assert indicator.values[2020].note == {
        "fi": "Arvon huomautus",
        "sv": "Värdets anmärkning",
        "en": "The value's note",
    }
    assert indicator.values[2022].note == "Plain value note"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("note: 7", "values.2020.note: expected text or a text per language"),
        ("note: [a]", "values.2020.note: expected text or a text per language"),
        ("note: {FI: x}", "values.2020.note.FI: 'FI' does not match the expected form"),
    ],
)
def test_a_wrong_note_is_one_error_at_its_place(
    data: Path, runner: CliRunner, text: str, expected: str
) -> None:
    path = data / "indicators" / "x.yaml"
    original = "note: {fi: Arvon huomautus, sv: Värdets anmärkning, en: The value's note}"
    path.write_text(INDICATOR.replace(original, text), encoding="utf-8")
    result = runner.invoke(app, ["validate", "--data", str(data)])
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if " error " in line]
    assert len(errors) == 1, result.stdout  # not one per form of the text
    assert errors[0].startswith(f"{path}:17:")
    assert expected in errors[0]


def _show_json(runner: CliRunner, data: Path, lang: str) -> dict[str, object]:
    result = runner.invoke(
        app, ["show", "x", "--format", "json", "--lang", lang, "--data", str(data)]
    )
    assert result.exit_code == 0, result.output
    document: dict[str, object] = json.loads(result.stdout)
    return document


@pytest.mark.parametrize(
    ("lang", "value_note", "target_note", "publisher", "title"),
    [
        ("fi", "Arvon huomautus", "Tavoitteen huomautus", "Espoon kaupunki", "Väestö"),
        ("sv", "Värdets anmärkning", "Målets anmärkning", "Esbo stad", "Population"),
        ("en", "The value's note", "The target's note", "City of Espoo", "Population"),
    ],
)
def test_show_json_gives_each_text_in_the_language(
    data: Path,
    runner: CliRunner,
    lang: str,
    value_note: str,
    target_note: str,
    publisher: str,
    title: str,
) -> None:
    document = _show_json(runner, data, lang)
    values = {v["year"]: v["note"] for v in document["values"]}  # type: ignore[attr-defined]
    assert values == {2020: value_note, 2021: "Vain suomeksi", 2022: "Plain value note"}
    indicator = document["indicator"]
    assert isinstance(indicator, dict)
    assert indicator["targets"][0]["note"] == target_note
    assert indicator["source"] == {
        "publisher": publisher,
        "title": title,
        "url": "https://example.org/p",
        "note": "Plain source note",
    }


def test_show_panel_gives_each_text_in_the_language(data: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["show", "x", "--lang", "sv", "--data", str(data)], env={"COLUMNS": "160"}
    )
    assert result.exit_code == 0, result.output
    for text in ("Värdets anmärkning", "Målets anmärkning", "Esbo stad", "Vain suomeksi"):
        assert text in result.stdout
    for text in ("The value's note", "Arvon huomautus", "{'fi'", "City of Espoo"):
        assert text not in result.stdout


def test_site_content_gives_each_text_in_the_language(data: Path) -> None:
    catalog = load_data_set(data).catalog
    assert catalog is not None
    views = site_views(
        catalog, year=2022, method=Method.RATIO, pace=Pace.ENDPOINTS, since=None, period=None
    )
    page = build_content(views.report, views.indicators, "sv").indicators[0]
    assert [(str(v.note), v.note and v.note.lang) for v in page.values] == [
        ("Värdets anmärkning", None),
        ("Vain suomeksi", "fi"),  # a fallback says which language it is in
        ("Plain value note", None),
    ]
    assert str(page.targets[0].note) == "Målets anmärkning"
    assert page.source is not None and str(page.source.text) == "Esbo stad: Population"


def test_record_keeps_a_per_language_note(data: Path, runner: CliRunner) -> None:
    """--keep-note writes a per-language note back as a mapping that loads again."""
    result = runner.invoke(
        app,
        ["record", "x", "2020", "5", "--replace", "--keep-note", "--data", str(data)],
    )
    assert result.exit_code == 0, result.output
    catalog = load_data_set(data).catalog
    assert catalog is not None
    kept = catalog.indicators[0].values[2020]
    assert kept.value == 5
    assert kept.note == {
        "fi": "Arvon huomautus",
        "sv": "Värdets anmärkning",
        "en": "The value's note",
    }
