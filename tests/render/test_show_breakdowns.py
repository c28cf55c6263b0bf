"""``show ID``: the values by category, a table per breakdown in the terminal and
``breakdowns`` in the JSON (issue 24)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from tests.conftest import REPO

SYNTHETIC = REPO / "tests" / "data" / "valid" / "breakdowns"
BUNDLED = REPO / "data"


def _show(data: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["show", *args, "--data", str(data)])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_show_json_holds_every_value_of_the_file_by_category_and_fits_its_schema() -> None:
    document = json.loads(_show(SYNTHETIC, "residents", "--format", "json"))
    schema = json.loads(CliRunner().invoke(app, ["schema", "show"]).stdout)
    jsonschema.validate(document, schema)
    assert [b["dimensions"] for b in document["breakdowns"]] == [
        ["area"],
        ["language"],
        ["area", "language"],
    ]
    shown = {
        (b["dimensions"] == ["area", "language"], tuple(c["codes"].items()), v["year"]): v["value"]
        for b in document["breakdowns"]
        for c in b["categories"]
        for v in c["values"]
    }
    in_file = {}
    for row in _rows(SYNTHETIC / "indicators" / "residents.csv"):
        codes = tuple((d, row[d]) for d in ("area", "language") if row[d])
        in_file[(len(codes) == 2, codes, int(row["year"]))] = float(row["value"])
    assert shown == in_file


def test_categories_come_in_the_dimensions_listed_order() -> None:
    document = json.loads(_show(BUNDLED, "population", "--format", "json"))
    by_district = next(b for b in document["breakdowns"] if b["dimensions"] == ["district"])
    codes = [c["codes"]["district"] for c in by_district["categories"]]
    assert codes == [
        "suur-leppavaara", "suur-tapiola", "suur-matinkyla", "suur-espoonlahti",
        "suur-kauklahti", "vanha-espoo", "pohjois-espoo", "muut",
    ]  # fmt: skip
    by_language = next(b for b in document["breakdowns"] if b["dimensions"] == ["language-group"])
    assert by_language["partial"] is True and by_language["years"] == [2016, 2018, 2019]


def test_an_indicator_without_breakdowns_shows_none() -> None:
    document = json.loads(_show(BUNDLED, "foreign-citizens", "--format", "json"))
    assert document["breakdowns"] == []
    assert "by category" not in _show(BUNDLED, "foreign-citizens")


def test_the_terminal_table_has_a_row_per_category_and_a_column_per_year() -> None:
    text = _show(BUNDLED, "population")
    section = text[text.index("Values by category: Major district") :]
    lines = section.splitlines()
    assert lines[2].split()[-2:] == ["2015", "2016"]
    cells = lines[7].split()
    assert "Suur-Kauklahti" in lines[7] and cells[-4:] == ["8,959", "[1]", "9,634", "[1]"]
    assert section.index("[1]  espoo.fi V\u00e4est\u00f6rakenne (2016 version)") > 0  # its source
    language = text[text.index("Values by category: Language group") :]
    finnish = next(line for line in language.splitlines() if line.startswith("Finnish or"))
    unmarked = re.sub(r" \[\d+\]", "", finnish)  # the note markers
    assert unmarked.split()[-3] == "\u2014"  # 2016: no value, not a zero
    # declared partial (2016 lacks Finnish), but 2019 sums to the total: report --by's words
    words = language.split("Values by category: Major")[0]
    assert "The categories cover the whole in 2019; earlier years are partial." in words


def test_the_table_speaks_the_language_and_its_number_rule() -> None:
    text = _show(BUNDLED, "population", "--lang", "fi")
    assert "Arvot luokittain: Suuralue" in text
    assert "8\u00a0959" in text or "8 959" in text


def test_report_by_marks_an_estimated_total_with_the_reports_symbol() -> None:
    """The total's value carries the report's marker (ᵉ), not the marker's English name glued
    to the number ("74,110estimated", the bug this guards)."""
    result = CliRunner().invoke(app, ["report", "2024", "--by", "language", "--data", str(BUNDLED)])
    assert result.exit_code == 0, result.stderr
    total = next(line for line in result.stdout.splitlines() if line.startswith("Total"))
    assert "estimated" not in total and "\u1d49" in total
