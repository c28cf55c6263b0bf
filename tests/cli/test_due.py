"""`intl-tracker due`: the table in three languages, the JSON against its schema, the date."""

from __future__ import annotations

import json
from datetime import date

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner, Result

from intl_tracker.cli.commands import app
from intl_tracker.core.errors import ExitCode
from intl_tracker.render.json_documents.schemas import json_schema
from tests.conftest import REPO

DATA = str(REPO / "data")


def _due(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(app, ["due", *args, "--data", DATA])


def test_the_json_validates_and_names_what_to_fetch(runner: CliRunner) -> None:
    result = _due(runner, "--date", "2026-12-07", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    schema = json_schema("due")
    Draft202012Validator.check_schema(schema)
    assert list(Draft202012Validator(schema).iter_errors(document)) == []
    assert document["date"] == "2026-12-07"
    rows = {r["id"]: r for r in document["indicators"]}
    share = rows["foreign-language-share"]
    assert (share["latest_year"], share["due_years"], share["public_since"]) == (
        2023,
        [2024, 2025],
        "2026-04-30",
    )
    assert share["fetch"]["command"] == "import"
    assert share["fetch"]["table"].endswith("/vaerak/11rl.px")
    assert share["release"] == {
        "lag": 1, "by": "04-30", "calendar": "https://stat.fi/en/statistics/vaerak"
    }  # fmt: skip
    assert rows["epo-patent-rank"]["fetch"]["command"] == "record"
    assert "gdsi-rank" in document["unscheduled"]
    assert "population" not in document["unscheduled"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Values public by Dec 7, 2026 that the data do not hold:", "Apr 30, 2026",
                "final 2025", "Where to get them:",
                "2020\u20132025", "2022\u20132025, final 2014, 2021"]),
        ("fi", ["Arvot, jotka ovat julkisia 7.12.2026 mennessä mutta puuttuvat aineistosta:",
                "30.4.2026", "lopullinen 2025", "Vieraskielisten osuus väestöstä"]),
        ("sv", ["Värden som är offentliga senast 7 dec. 2026 men saknas i datan:",
                "30 apr. 2026", "slutlig 2025", "Var de finns:"]),
    ],
)  # fmt: skip
def test_the_table_speaks_the_language(runner: CliRunner, lang: str, words: list[str]) -> None:
    result = _due(runner, "--date", "2026-12-07", "--lang", lang)
    assert result.exit_code == 0, result.output
    for word in words:
        assert word in result.stdout, word


def test_a_data_set_without_release_rules_says_so(runner: CliRunner) -> None:
    case = REPO / "tests" / "data" / "valid" / "minimal"
    result = runner.invoke(app, ["due", "--date", "2024-01-01", "--data", str(case)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "Nothing is due by Jan 1, 2024 by the release rules of the sources.\n\n"
    )
    assert "1 indicator has no release rule (source.periodicity and source.release) and was " in (
        result.stdout
    )


def test_the_default_date_is_today(runner: CliRunner) -> None:
    result = _due(runner, "--format", "json")
    assert json.loads(result.stdout)["date"] == date.today().isoformat()


def test_a_bad_date_is_a_usage_error(runner: CliRunner) -> None:
    result = _due(runner, "--date", "2026-13-01")
    assert result.exit_code == ExitCode.USAGE
