"""`list`, `schema`, `--help`, `--version` and shell completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from tests.conftest import CASES, REPO


def test_list_indicators_json_names_every_indicator(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "indicators", "-f", "json"], catch_exceptions=False)
    assert result.exit_code == 0
    rows = json.loads(result.stdout)["indicators"]
    assert {"foreign-language-share", "foreign-hotel-nights"} <= {r["id"] for r in rows}
    share = next(r for r in rows if r["id"] == "foreign-language-share")
    # two forecasts in the bundled data: the city's of 2020 (30 % in 2034) and 2018/19 (2035)
    assert (share["unit"], share["direction"], share["targets"]) == ("percent", "increase", 2)


def test_list_goals_in_finnish(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "goals", "--lang", "fi"], catch_exceptions=False)
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["#", "id", "Nimi", "Alatavoitteet", "Indikaattorit"]
    assert set(lines[1]) == {"-", " "}  # the rule under the headers
    assert "Euroopan kestävin kaupunki" in lines[2]
    assert [line.split()[0] for line in lines[2:] if not line.startswith(" ")] == ["1", "2", "3"]


@pytest.mark.parametrize("name", ["indicator", "goals"])
def test_checked_in_editor_schemas_are_current(runner: CliRunner, name: str) -> None:
    """schema/*.schema.json are what editors load; regenerate with `intl-tracker schema`."""
    result = runner.invoke(app, ["schema", name], catch_exceptions=False)
    checked_in = (REPO / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert result.stdout == checked_in


def test_report_schema_describes_the_report(runner: CliRunner) -> None:
    schema = json.loads(runner.invoke(app, ["schema", "report"]).stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "indicators" in schema["properties"]


def test_indicator_schema_rejects_unknown_fields(runner: CliRunner) -> None:
    schema = json.loads(runner.invoke(app, ["schema", "indicator"]).stdout)
    assert schema["additionalProperties"] is False
    assert {"id", "name", "goal", "unit", "direction", "values"} <= set(schema["required"])


@pytest.mark.parametrize("command", ["report", "validate", "show", "list", "schema"])
def test_every_command_has_help(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "--" in result.stdout and len(result.stdout.splitlines()) > 5


def test_shell_completion_offers_indicator_ids(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("intl-tracker")
    env = {
        **os.environ,
        "_INTL_TRACKER_COMPLETE": "complete_bash",
        "COMP_WORDS": "intl-tracker show foreign-l",
        "COMP_CWORD": "2",
        "INTL_TRACKER_DATA": str(CASES.parent.parent / "data"),
    }
    run = subprocess.run(
        [str(exe)], env=env, capture_output=True, text=True, check=False, cwd=tmp_path, timeout=60
    )
    assert run.stdout.split() == [
        "foreign-language-population",
        "foreign-language-pupils",
        "foreign-language-share",
    ]


@pytest.mark.parametrize(
    ("argv", "code", "expected"),
    [
        (["--help"], 0, "record"),  # the whole list of commands
        (["report", "--help"], 0, "--compare"),
        (["--version"], 0, "intl-tracker "),
        (["reprt"], 2, "Did you mean 'report'"),
        (["list", "goalz"], 2, "goalz"),
    ],
)
def test_the_command_line_answers_as_one_application(
    capsys: pytest.CaptureFixture[str], argv: list[str], code: int, expected: str
) -> None:
    from intl_tracker.cli.commands import run

    assert run(argv) == code
    captured = capsys.readouterr()
    assert expected in captured.out + captured.err
