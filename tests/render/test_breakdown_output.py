"""``report --by DIMENSION`` in every format and language, on the synthetic data set with two
crossed dimensions (tests/data/valid/breakdowns, made-up numbers), and the mark of the default
report (issue 24)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.core.errors import ExitCode
from intl_tracker.core.i18n import SUPPORTED_LANGUAGES, translator
from intl_tracker.core.vocabulary import Method
from intl_tracker.presentation.number_format import format_percent
from intl_tracker.render.json_documents.schemas import json_schema
from tests.conftest import CASES

SYNTHETIC = str(CASES / "valid" / "breakdowns")


def _run(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(app, ["report", "--data", SYNTHETIC, *args], catch_exceptions=False)


@pytest.mark.parametrize("method", list(Method))
@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_the_json_by_a_crossed_breakdown_validates(
    runner: CliRunner, method: Method, lang: str
) -> None:
    result = _run(
        runner,
        "--by",
        "sex",
        "--by",
        "area",
        "--format",
        "json",
        "--method",
        method,
        "--lang",
        lang,
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert list(Draft202012Validator(json_schema("report-by")).iter_errors(document)) == []
    assert document["by"] == ["sex", "area"] and document["left_out"] == ["residents"]
    (indicator,) = document["indicators"]
    assert len(indicator["categories"]) == 6
    behind = [c["codes"] for c in indicator["categories"] if c["left_behind"]]
    assert behind == [{"sex": "f", "area": "south"}]


def test_the_csv_is_long_one_row_per_indicator_and_category(runner: CliRunner) -> None:
    result = _run(runner, "--by", "area", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["id"], r["area"]) for r in rows] == [
        ("residents", ""),
        ("residents", "north"),
        ("residents", "centre"),
        ("residents", "south"),
    ]
    assert rows[0]["value"] == "96116" and rows[0]["category"] == ""
    assert sum(int(r["value"]) for r in rows[1:]) == int(rows[0]["value"])
    assert {r["trend_only"] for r in rows[1:]} == {"true"}  # counts: no per-district target


@pytest.mark.parametrize("fmt", ["table", "markdown"])
@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_the_human_formats_name_who_is_left_behind(runner: CliRunner, fmt: str, lang: str) -> None:
    result = _run(runner, "--by", "area", "--by", "sex", "--format", fmt, "--lang", lang)
    assert result.exit_code == 0, result.output
    women = {"en": "Women, South", "fi": "Naiset, Eteläinen", "sv": "Kvinnor, Södra"}[lang]
    text = " ".join(result.stdout.split())  # the table wraps long lines
    assert text.count(women) == 3, text  # its row, left behind, the worst of the gap
    # a gap between two percentages is in percentage points (71.7 % - 57.4 %)
    gap = {"en": "14.3 pp in 2024", "fi": "14,3 %-yks. vuonna 2024", "sv": "14,3 p.e. år 2024"}
    assert gap[lang] in text


@pytest.mark.parametrize("fmt", ["table", "markdown"])
@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_the_by_tables_write_the_report_numbers_and_legend(
    runner: CliRunner, fmt: str, lang: str
) -> None:
    """Issue 20 (board20, 7): a --by table writes shares with their percent sign, changes of a
    share in pp, statuses with the report's symbols, and the legend of what it writes."""
    result = _run(runner, "--by", "area", "--by", "sex", "--format", fmt, "--lang", lang)
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    t = translator(lang)
    assert format_percent(71.7, 1, lang).replace("\xa0", " ") in text  # split() splits at nbsp
    assert t.gettext("{number} pp").format(number="").replace("\xa0", " ").strip() in text
    assert "▲" in text or "◐" in text or "▼" in text
    legend = [line for line in result.stdout.splitlines() if "▼" in line and "·" in line]
    assert legend, result.stdout


def test_an_unknown_dimension_is_a_usage_error_with_a_suggestion(runner: CliRunner) -> None:
    result = _run(runner, "--by", "aera")
    assert result.exit_code == ExitCode.USAGE
    assert "did you mean 'area'?" in result.stderr


def test_a_breakdown_nobody_declares_is_a_usage_error(runner: CliRunner) -> None:
    result = _run(runner, "--by", "language", "--by", "sex")
    assert result.exit_code == ExitCode.USAGE
    assert "--by area --by language" in result.stderr


def test_by_and_compare_exclude_each_other(runner: CliRunner) -> None:
    assert _run(runner, "--by", "area", "--compare", "2020").exit_code == ExitCode.USAGE


def test_the_default_report_stays_headline_only_and_marks_breakdowns(runner: CliRunner) -> None:
    document = json.loads(_run(runner, "--format", "json").stdout)
    assert list(Draft202012Validator(json_schema("report")).iter_errors(document)) == []
    assert {i["id"]: i["breakdowns"] for i in document["indicators"]} == {
        "employment-rate": [["sex"], ["sex", "area"]],
        "residents": [["area"], ["language"], ["area", "language"]],
    }
    rows = list(csv.DictReader(io.StringIO(_run(runner, "--format", "csv").stdout)))
    assert [r["breakdowns"] for r in rows] == ["sex sex+area", "area language area+language"]
    markdown = _run(runner, "--format", "markdown").stdout
    assert "Residents (synthetic) ⊞" in markdown
    assert "⊞ also by category: intl-tracker report --by sex" in markdown


def test_a_report_refuses_a_data_set_whose_breakdown_file_is_invalid(runner: CliRunner) -> None:
    bad = str(CASES / "invalid" / "breakdown-unknown-category")
    result = runner.invoke(app, ["report", "--data", bad, "--by", "area"], catch_exceptions=False)
    assert result.exit_code == ExitCode.INVALID_DATA
