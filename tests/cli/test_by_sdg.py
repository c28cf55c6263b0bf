"""`report --by-sdg` on the bundled Espoo data, in three languages and every format (issue
25): the groups are the SDGs the indicators name, in SDG order, then those naming none."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from tests.conftest import REPO

DATA = str(REPO / "data")
# The SDG goals the bundled indicators' first codes name, and the words of each language.
HEADINGS = {
    "en": ["8. Decent work and economic growth", "13. Climate action", "0. Not linked to any SDG"],
    "fi": ["8. Ihmisarvoista työtä ja talouskasvua", "13. Ilmastotekoja",
           "0. Ei kytketty kestävän kehityksen tavoitteisiin"],
    "sv": ["8. Anständiga arbetsvillkor och ekonomisk tillväxt",
           "13. Bekämpa klimatförändringarna", "0. Inte kopplade till något globalt mål"],
}  # fmt: skip


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, ["report", "2024", "--by-sdg", "--data", DATA, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_markdown_groups_by_sdg_in_the_report_language(lang: str) -> None:
    headings = [
        line.removeprefix("### ")
        for line in _run("--format", "markdown", "--lang", lang).splitlines()
        if line.startswith("### ")
    ]
    assert [h.split(".")[0] for h in headings] == ["8", "9", "11", "13", "0"]
    for expected in HEADINGS[lang]:
        assert expected in headings


def test_every_indicator_is_reported_once_in_json_and_csv() -> None:
    document = json.loads(_run("--format", "json"))
    ids = [i["id"] for i in document["indicators"]]
    assert len(ids) == len(set(ids)) == 26
    by_id = {i["id"]: i["goal"] for i in document["indicators"]}
    assert by_id["ghg-emissions"] == "sdg-13"
    assert by_id["foreign-background-employment-rate"] == "sdg-8"  # first code 8.5
    assert by_id["population"] == "sdg-none"
    rows = list(csv.DictReader(io.StringIO(_run("--format", "csv"))))
    assert {r["id"]: r["goal"] for r in rows} == by_id


def test_the_table_names_each_sdg_group() -> None:
    table = _run("--lang", "fi")
    assert "13. Ilmastotekoja" in table
    assert "0. Ei kytketty kestävän kehityksen tavoitteisiin" in table
