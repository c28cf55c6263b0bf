"""`intl-tracker validate` as CI meets it: exit codes, streams and the three formats."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.core.errors import Problem, Severity
from intl_tracker.dataset.data_dirs import DATA_ENV, WORKSPACE_ENV
from intl_tracker.render.validation_output import github_annotation
from tests.conftest import CASES


def _invoke(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_valid_data_exits_0_with_nothing_on_stdout(runner: CliRunner) -> None:
    result = _invoke(runner, "validate", "--data", str(CASES / "valid" / "minimal"))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no problems" in result.stderr


def test_problems_exit_1_and_go_to_stdout_as_path_line_col(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CASES / "invalid" / "misspelt-field")
    result = _invoke(runner, "validate", "--data", ".")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "indicators/share.yaml:1:1: error [missing-field] missing required field 'direction'",
        "indicators/share.yaml:6:1: error [unknown-field] unknown field 'direcion'; "
        "did you mean 'direction'?",
    ]
    assert "2 error(s)" in result.stderr


def test_json_format_is_one_parseable_document(runner: CliRunner) -> None:
    result = _invoke(
        runner, "validate", "-f", "json", "--data", str(CASES / "invalid" / "duplicate-year")
    )
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["valid"] is False
    assert document["schema_version"] == 1
    (problem,) = document["problems"]
    assert set(problem) == {"file", "line", "column", "code", "severity", "message"}
    assert (problem["line"], problem["column"], problem["code"]) == (14, 3, "duplicate-key")


def test_github_format_prints_annotations_then_plain_lines(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CASES / "invalid" / "duplicate-year")
    # the case folder as the checkout: paths do not depend on where this repository lies
    monkeypatch.setenv(WORKSPACE_ENV, str(CASES / "invalid" / "duplicate-year"))
    result = _invoke(runner, "validate", "--format", "github", "--data", ".")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::error file=indicators/share.yaml,line=14,col=3,")
    assert lines[1].startswith("indicators/share.yaml:14:3: error [duplicate-key]")


def test_github_annotation_escapes_newlines_and_property_separators() -> None:
    problem = Problem("a,b:c.yaml", 3, 4, "x", "50% bad\nnext", Severity.WARNING)
    assert github_annotation(problem) == (
        "::warning file=a%2Cb%3Ac.yaml,line=3,col=4,title=intl-tracker x::50%25 bad\\nnext"
    )


def test_strict_fails_on_warnings_only_when_asked(runner: CliRunner) -> None:
    case = str(CASES / "valid" / "empty-values")
    assert _invoke(runner, "validate", "--data", case).exit_code == 0
    assert _invoke(runner, "validate", "--data", case, "--strict").exit_code == 1


def test_missing_path_is_a_usage_error(runner: CliRunner) -> None:
    result = _invoke(runner, "validate", "no/such/file.yaml")
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_unknown_option_is_a_usage_error(runner: CliRunner) -> None:
    assert runner.invoke(app, ["validate", "--nope"]).exit_code == 2


def test_each_invalid_case_exits_1_through_the_real_console_script(tmp_path: Path) -> None:
    """Subprocess, as CI runs it: exit 1, no traceback, for every kind of broken input."""
    exe = Path(sys.executable).with_name("intl-tracker")
    for case in sorted((CASES / "invalid").iterdir()):
        work = tmp_path / case.name
        shutil.copytree(case, work)
        run = subprocess.run(
            [str(exe), "validate", "--data", "."],
            cwd=work,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert run.returncode == 1, (case.name, run.stderr)
        assert "Traceback" not in run.stderr, case.name
        expected = (case / "expected-problems.txt").read_text(encoding="utf-8")
        assert run.stdout == expected, case.name


def test_python_dash_m_and_version(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "intl_tracker", "--version"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert run.returncode == 0
    assert run.stdout.startswith("intl-tracker ")


def _repository_with_data(tmp_path: Path) -> Path:
    """``repo/.git/`` (a folder, as a clone has), ``repo/data/`` with two problems in
    ``indicators/share.yaml``, and an empty ``repo/src/``."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "src").mkdir()
    shutil.copytree(CASES / "invalid" / "misspelt-field", repo / "data")
    (repo / "data" / "expected-problems.txt").unlink()
    return repo


def _validate_in(cwd: Path, *args: str, workspace: Path | None = None) -> str:
    """stdout of the real console script run in ``cwd``, with no data-set or workspace
    setting inherited from the environment running the tests."""
    env = {k: v for k, v in os.environ.items() if k not in (DATA_ENV, WORKSPACE_ENV)}
    if workspace is not None:
        env[WORKSPACE_ENV] = str(workspace)
    run = subprocess.run(
        [str(Path(sys.executable).with_name("intl-tracker")), "validate", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    return run.stdout


def _annotated_files(stdout: str) -> set[str]:
    return {line.split("file=")[1].split(",")[0] for line in stdout.splitlines() if "::" in line}


def _listed_files(stdout: str) -> set[str]:
    return {line.split(":")[0] for line in stdout.splitlines() if not line.startswith("::")}


@pytest.mark.parametrize(
    ("subfolder", "args"),
    [
        pytest.param("data/indicators", (), id="from-indicators-folder"),
        pytest.param("data", (), id="from-data-folder"),
        pytest.param("src", ("--data", "../data"), id="data-option-to-sibling-folder"),
    ],
)
def test_github_paths_are_relative_to_the_repository_root_from_any_subfolder(
    tmp_path: Path, subfolder: str, args: tuple[str, ...]
) -> None:
    """yamllint#764: GitHub shows an annotation inline only for a path relative to the
    repository root without ``./``; the list after the annotations uses the same names."""
    repo = _repository_with_data(tmp_path)
    stdout = _validate_in(repo / subfolder, "--format", "github", *args)
    assert _annotated_files(stdout) == {"data/indicators/share.yaml"}
    assert _listed_files(stdout) == {"data/indicators/share.yaml"}


def test_text_format_keeps_paths_relative_to_the_working_directory(tmp_path: Path) -> None:
    repo = _repository_with_data(tmp_path)
    assert _listed_files(_validate_in(repo / "data")) == {"indicators/share.yaml"}


def test_github_workspace_is_the_root_when_set(tmp_path: Path) -> None:
    """On a runner ``$GITHUB_WORKSPACE`` names the checkout, whatever ``.git`` is nearer."""
    repo = _repository_with_data(tmp_path)
    (repo / "data" / ".git").mkdir()  # a nested repository the workspace overrides
    stdout = _validate_in(repo / "data", "--format", "github", workspace=repo)
    assert _annotated_files(stdout) == {"data/indicators/share.yaml"}


def test_github_paths_outside_a_repository_stay_relative_to_the_working_directory(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(CASES / "invalid" / "misspelt-field", data)
    stdout = _validate_in(data, "--format", "github", "--data", ".")
    assert _annotated_files(stdout) == {"indicators/share.yaml"}


def test_error_makes_a_warning_code_fail_the_run(runner: CliRunner) -> None:
    case = str(CASES / "valid" / "plausibility-warnings")
    result = _invoke(runner, "validate", case, "--error", "implausible-jump")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split(" [")[0].split(": ")[-1] for line in lines] == ["error", "warning"]
    assert lines[0].endswith("(an error by --error)")
    assert "[percent-as-fraction]" in lines[1]  # not asked for: still a warning


def test_error_with_an_unknown_code_is_a_usage_error_with_the_closest_code(
    runner: CliRunner,
) -> None:
    case = str(CASES / "valid" / "minimal")
    result = runner.invoke(app, ["validate", "--data", case, "--error", "implausible-jmp"])
    assert result.exit_code == 2
    assert "not a warning code; did you mean 'implausible-jump'?" in result.stderr
    result = runner.invoke(app, ["validate", "--data", case, "--error", "out-of-range"])
    assert result.exit_code == 2
    assert "the warnings: estimate-without-note, " in result.stderr
