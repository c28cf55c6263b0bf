"""A typo never becomes a status unmarked (issue 20, item 10): a value that `validate` warns
about is marked ⚠ wherever the report, `show` or the site writes it, and listed by code in the
JSON and the CSV; an unmistakable typo, or a warning the data set raises, stops the report."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.core.errors import ExitCode
from intl_tracker.render.json_documents.schemas import json_schema
from tests.conftest import CASES, REPO

# 71 % typed as 0.71 as the latest value: a warning (it may start a real change), and the
# ratio method then says "moving away". 2021 is an estimate without a note.
SHARE = """id: share
name: {en: Share of something, fi: Jonkin osuus, sv: Andel av något}
goal: green
unit: percent
direction: increase
targets:
  - {value: 60, year: 2030}
values:
  2018: 48.2
  2019: 49.0
  2020: 50.3
  2021: {value: 51.1, status: estimated}
  2022: 52.0
  2023: 0.71
"""
# An extra digit in the first value, which is the base of the assessed period.
BASE = """id: base
name: {en: Base typo, fi: Lähtövirhe, sv: Basfel}
goal: green
unit: count
direction: increase
values:
  2019: 2927960
  2020: 295432
  2021: 297600
  2022: 301000
  2023: 305000
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    (root / "indicators").mkdir(parents=True)
    shutil.copy(CASES / "valid" / "minimal" / "goals.yaml", root / "goals.yaml")
    (root / "indicators" / "share.yaml").write_text(SHARE, encoding="utf-8")
    (root / "indicators" / "base.yaml").write_text(BASE, encoding="utf-8")
    return root


def _run(runner: CliRunner, data: Path, *args: str) -> str:
    result = runner.invoke(app, [*args, "--data", str(data)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def _row(text: str, name: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"| {name}"))


def test_the_table_marks_the_value_and_the_legend_explains_it(
    data: Path, runner: CliRunner
) -> None:
    table = _run(runner, data, "report", "2023")
    assert "0.7%⚠" in table
    assert "⚠2019" in table  # the base of base's period
    assert "⚠ a warning of intl-tracker validate on the value" in table
    assert "⚠2019: the same on the value of 2019, on which the status rests" in table


def test_markdown_marks_in_every_language_with_the_catalogue_words(
    data: Path, runner: CliRunner
) -> None:
    en = _run(runner, data, "report", "2023", "-f", "markdown")
    assert "| 0.7%⚠ ⚠2021 |" in _row(en, "Share of something")  # 2021: estimate, no note
    assert "| 305,000 ⚠2019 |" in _row(en, "Base typo")
    fi = _run(runner, data, "report", "2023", "-f", "markdown", "--lang", "fi")
    assert "| 0,7\u00a0%⚠ ⚠2021 |" in _row(fi, "Jonkin osuus")
    assert "⚠ intl-tracker validate varoittaa arvosta" in fi
    assert "a warning of" not in fi
    sv = _run(runner, data, "report", "2023", "-f", "markdown", "--lang", "sv")
    assert "⚠2019: samma varning för värdet från 2019" in sv


def test_json_lists_the_codes_and_validates_against_its_schema(
    data: Path, runner: CliRunner
) -> None:
    document = json.loads(_run(runner, data, "report", "2023", "-f", "json"))
    assert list(Draft202012Validator(json_schema("report")).iter_errors(document)) == []
    rows = {i["id"]: i for i in document["indicators"]}
    assert rows["share"]["value_warnings"] == ["percent-as-fraction"]
    assert rows["share"]["period_warnings"] == [
        {"year": 2021, "codes": ["estimate-without-note"]},
        {"year": 2023, "codes": ["percent-as-fraction"]},
    ]
    assert rows["base"]["value_warnings"] == []
    assert rows["base"]["period_warnings"] == [{"year": 2019, "codes": ["implausible-jump"]}]


def test_csv_has_the_codes_in_their_columns(data: Path, runner: CliRunner) -> None:
    rows = {
        r["id"]: r
        for r in csv.DictReader(io.StringIO(_run(runner, data, "report", "2023", "-f", "csv")))
    }
    assert rows["share"]["value_warnings"] == "percent-as-fraction"
    assert rows["share"]["period_warnings"] == (
        "2021:estimate-without-note 2023:percent-as-fraction"
    )
    assert (rows["base"]["value_warnings"], rows["base"]["period_warnings"]) == (
        "",
        "2019:implausible-jump",
    )


def test_compare_marks_the_earlier_value_too(data: Path, runner: CliRunner) -> None:
    markdown = _run(runner, data, "report", "2023", "--compare", "2021", "-f", "markdown")
    compared = markdown.split("### Since 2021")[1]
    assert "| 51.1%ᵉ⚠ |" in _row(compared, "Share of something")  # the estimate of 2021
    assert "| 0.7%⚠ |" in _row(compared, "Share of something")
    document = json.loads(_run(runner, data, "report", "2023", "--compare", "2021", "-f", "json"))
    share = next(i for i in document["indicators"] if i["id"] == "share")
    assert share["comparison"]["value_warnings"] == ["estimate-without-note"]
    rows = csv.DictReader(
        io.StringIO(_run(runner, data, "report", "2023", "--compare", "2021", "-f", "csv"))
    )
    assert {r["id"]: r["earlier_value_warnings"] for r in rows}["share"] == (
        "estimate-without-note"
    )


def test_show_marks_the_value_and_says_why(data: Path, runner: CliRunner) -> None:
    table = _run(runner, data, "show", "share", "--year", "2023")
    line = next(line for line in table.splitlines() if "2023" in line and "0.7%⚠" in line)
    assert "⚠ looks like a fraction among percentages" in line
    fi = _run(runner, data, "show", "share", "--year", "2023", "--lang", "fi")
    assert "⚠ näyttää murto-osana kirjoitetulta prosenttiluvulta" in fi
    document = json.loads(_run(runner, data, "show", "share", "--year", "2023", "-f", "json"))
    assert list(Draft202012Validator(json_schema("show")).iter_errors(document)) == []
    assert {v["year"]: v["warnings"] for v in document["values"] if v["warnings"]} == {
        2021: ["estimate-without-note"],
        2023: ["percent-as-fraction"],
    }
    assert document["assessments"]["ratio"]["value_warnings"] == ["percent-as-fraction"]


@pytest.mark.site
def test_the_site_marks_the_value_on_the_goal_and_indicator_pages(
    data: Path, tmp_path: Path, runner: CliRunner
) -> None:
    out = tmp_path / "public"
    result = runner.invoke(
        app, ["site", "2023", "--output", str(out), "--lang", "en", "--data", str(data)]
    )
    assert result.exit_code == 0, result.output
    pages = {p.relative_to(out).as_posix(): p.read_text("utf-8") for p in out.rglob("*.html")}
    share = next(text for name, text in pages.items() if "share" in name)
    assert "0.7%⚠" in share
    assert "⚠ looks like a fraction among percentages" in share
    assert any("⚠2019" in text for text in pages.values())


def test_a_confirmed_value_is_not_marked(data: Path, runner: CliRunner) -> None:
    path = data / "indicators" / "share.yaml"
    path.write_text(SHARE + "validation:\n  confirmed: {2023: 0.71}\n", encoding="utf-8")
    markdown = _run(runner, data, "report", "2023", "-f", "markdown")
    assert "| 0.7% ⚠2021 |" in _row(markdown, "Share of something")


def test_the_bundled_report_has_no_mark(runner: CliRunner) -> None:
    table = _run(runner, REPO / "data", "report", "2024", "-f", "markdown")
    assert "⚠" not in table


def test_an_unmistakable_typo_stops_the_report(data: Path, runner: CliRunner) -> None:
    path = data / "indicators" / "share.yaml"
    typo = SHARE.replace("  2020: 50.3", "  2020: 0.503").replace("2023: 0.71", "2023: 52.9")
    path.write_text(typo, encoding="utf-8")
    result = runner.invoke(app, ["report", "2023", "--data", str(data)])
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "error [percent-as-fraction] 0.503 in 2020" in result.stderr


def test_a_warning_the_data_set_raises_stops_the_report(data: Path, runner: CliRunner) -> None:
    goals = data / "goals.yaml"
    goals.write_text(
        goals.read_text().replace(
            "programme:\n", "programme:\n  validation: {errors: [percent-as-fraction]}\n", 1
        )
    )
    result = runner.invoke(app, ["report", "2023", "--data", str(data)])
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "error [percent-as-fraction] 0.71 in 2023" in result.stderr
