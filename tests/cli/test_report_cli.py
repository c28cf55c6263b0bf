"""`intl-tracker report` end to end: data resolution, formats, streams and exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from tests.conftest import CASES


def _run(runner: CliRunner, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False, env=env)


def test_json_report_on_bundled_data_covers_every_indicator(runner: CliRunner) -> None:
    result = _run(runner, "report", "2024", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1
    assert document["year"] == 2024
    assert [g["number"] for g in document["goals"]] == [1, 2, 3]
    ids = {i["id"] for i in document["indicators"]}
    assert "foreign-language-share" in ids and len(ids) >= 12
    share = next(i for i in document["indicators"] if i["id"] == "foreign-language-share")
    assert share["year"] <= 2024
    # the earliest target not yet passed: the city's 2020 forecast, 30 % in 2034
    assert share["target"] == {"value": 30.0, "year": 2034, "kind": "forecast"}
    # fractions stay fractions: a few percent a year, not "3.1"
    assert share["cagr"] is not None and 0 < share["cagr"] < 0.2


def test_default_year_is_where_half_the_indicators_are_current(runner: CliRunner) -> None:
    from intl_tracker.assessment.report_year import default_report_year
    from intl_tracker.dataset.loading import bundled_data_dir, load_data_set

    catalog = load_data_set(bundled_data_dir()).catalog
    assert catalog is not None
    chosen = default_report_year(catalog)
    assert chosen is not None
    result = _run(runner, "report", "-f", "json")
    document = json.loads(result.stdout)
    assert document["year"] == chosen.year
    assert f"report year {chosen.year}: the latest year in which at least half" in result.stderr
    rows = document["indicators"]
    assert sum(not i["stale"] for i in rows if i["year"] is not None) * 2 >= len(rows)


def test_report_year_limits_the_assessed_observation(runner: CliRunner) -> None:
    doc = json.loads(_run(runner, "report", "2019", "-f", "json", "-i", "population").stdout)
    (population,) = doc["indicators"]
    assert (population["year"], population["value"]) == (2019, 289731)
    assert population["previous_year"] == 2018


def test_csv_has_a_header_and_one_row_per_indicator(runner: CliRunner) -> None:
    result = _run(runner, "report", "2024", "--format", "csv", "--goal", "known-and-attractive")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {r["goal"] for r in rows} == {"known-and-attractive"}
    assert "status" in rows[0] and "required_cagr" in rows[0]


def test_finnish_names_with_lang_fi(runner: CliRunner) -> None:
    result = _run(runner, "report", "2024", "--lang", "fi", "-f", "markdown")
    assert "Euroopan kestävin kaupunki" in result.stdout


def test_table_is_plain_when_piped_or_no_color(runner: CliRunner) -> None:
    result = _run(runner, "report", "2024", env={"NO_COLOR": "1"})
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    assert all(len(line) <= 100 for line in result.stdout.splitlines())
    # stderr only names the data set used
    assert result.stderr == "intl-tracker: data set 'data' (programme international-espoo-2030)\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "--goal", "sustainable"], "did you mean 'sustainable-city'"),
        (["report", "--indicator", "nope"], "no indicator 'nope'"),
        (["report", "1900"], "before the first year with data"),
        (["report", "2024", "--since", "2015", "--period", "short"], "cannot be used together"),
        (["report", "--data", "no/such/dir"], "does not exist"),
    ],
)
def test_usage_errors_exit_2_with_a_message(
    runner: CliRunner, args: list[str], message: str
) -> None:
    result = _run(runner, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_invalid_data_exits_1_and_lists_the_problems(runner: CliRunner) -> None:
    result = _run(runner, "report", "--data", str(CASES / "invalid" / "duplicate-year"))
    assert result.exit_code == 1
    assert "duplicate-key" in result.stderr
    assert result.stdout == ""


def test_data_directory_precedence(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    minimal = CASES / "valid" / "minimal"
    monkeypatch.chdir(tmp_path)
    # no ./data here: the bundled Espoo data
    doc = json.loads(_run(runner, "report", "-f", "json").stdout)
    assert doc["programme"]["id"] == "international-espoo-2030"
    # $INTL_TRACKER_DATA wins over the bundled data
    doc = json.loads(
        _run(runner, "report", "-f", "json", env={"INTL_TRACKER_DATA": str(minimal)}).stdout
    )
    assert doc["programme"]["id"] == "test-programme"
    # --data wins over everything
    doc = json.loads(
        _run(
            runner,
            "report",
            "-f",
            "json",
            "--data",
            str(minimal),
            env={"INTL_TRACKER_DATA": "/nowhere"},
        ).stdout
    )
    assert doc["programme"]["id"] == "test-programme"


def test_installed_command_works_from_an_empty_directory(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("intl-tracker")
    run = subprocess.run(
        [str(exe), "report", "2024", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["year"] == 2024
    # no data set here: the bundled one, said on stderr with its path and programme
    lines = run.stderr.splitlines()
    assert len(lines) == 2
    assert "using the bundled International Espoo 2030 data set" in lines[0]
    assert lines[1].endswith("(programme international-espoo-2030)")


def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("intl-tracker")
    run = subprocess.run(
        f"'{exe}' report 2024 --format json | head -c 10",
        shell=True,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert "Traceback" not in run.stderr


def test_stale_after_is_bounded_as_in_the_data_files(runner: CliRunner) -> None:
    """``--stale-after`` takes 0-100 like ``assessment.stale_after``; a huge number is a usage
    error, not an internal error of the JSON writer."""
    result = runner.invoke(
        app, ["report", "2024", "--format", "json", "--stale-after", "99999999999999999999999"]
    )
    assert result.exit_code == 2
