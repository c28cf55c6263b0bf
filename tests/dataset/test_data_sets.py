"""Which data set a run uses, and that every file in it is read or reported: no silent
fallback to the bundled data, no subset that misses what it causes, no ignored file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.core.errors import ExitCode
from tests.conftest import CASES

EXE = str(Path(sys.executable).with_name("intl-tracker"))
MINIMAL = CASES / "valid" / "minimal"
TYPO = "id: other\nname: {en: Other}\ngoal: green\nunit: percent\ndirection: increase\nvalus: {}\n"


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def _cli(cwd: Path, *args: str) -> Ran:
    """The command run in this process from ``cwd`` (fast; for ordinary files)."""
    before = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    finally:
        os.chdir(before)
    return Ran(result.exit_code, result.stdout, result.stderr)


def _process(cwd: Path, *args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    """The installed command in its own process, bounded in time: for files that could make
    a regression hang or crash the interpreter."""
    env = {k: v for k, v in os.environ.items() if k != "INTL_TRACKER_DATA"}
    return subprocess.run(
        [EXE, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=env,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository (``.git`` bounds the search) with a valid data set in ``data/``."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(MINIMAL, tmp_path / "data", ignore=shutil.ignore_patterns("expected-*"))
    return tmp_path


def test_missing_goals_file_is_an_error_not_a_switch_to_the_bundled_data(repo: Path) -> None:
    (repo / "data" / "goals.yaml").unlink()
    (repo / "data" / "indicators" / "other.yaml").write_text(TYPO)
    for cwd in (repo, repo / "data", repo / "data" / "indicators"):
        run = _cli(cwd, "validate")
        assert run.returncode == ExitCode.INVALID_DATA, (cwd, run.stderr)
        assert "[missing-goals-file]" in run.stdout
        assert "[unknown-field] unknown field 'valus'" in run.stdout
        assert "bundled" not in run.stderr
        assert "(programme unknown" in run.stderr


def test_report_refuses_an_incomplete_local_data_set(repo: Path) -> None:
    (repo / "data" / "goals.yaml").unlink()
    run = _cli(repo, "report")
    assert run.returncode == ExitCode.INVALID_DATA
    assert "Espoo" not in run.stdout


def test_a_data_set_at_the_repository_root_is_used(repo: Path) -> None:
    shutil.move(repo / "data" / "goals.yaml", repo / "goals.yaml")
    shutil.move(repo / "data" / "indicators", repo / "indicators")
    (repo / "data").rmdir()
    run = _cli(repo, "report", "-f", "json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["programme"]["id"] == "test-programme"
    assert "data set '.' (programme test-programme)" in run.stderr


def test_every_run_names_its_data_set_on_stderr(repo: Path) -> None:
    for args in (["validate"], ["report"], ["list"], ["show", "share"]):
        run = _cli(repo, *args)
        assert run.returncode == 0, (args, run.stderr)
        assert "intl-tracker: data set 'data' (programme test-programme" in run.stderr, args


def test_bundled_data_only_when_no_data_set_at_all_and_said_so(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    run = _cli(tmp_path, "validate")
    assert run.returncode == 0
    assert "using the bundled International Espoo 2030 data set" in run.stderr
    assert "(programme international-espoo-2030" in run.stderr


def test_json_summary_counts_the_files_checked(repo: Path) -> None:
    run = _cli(repo, "validate", "-f", "json")
    document = json.loads(run.stdout)
    assert document["summary"]["files_checked"] == 2  # goals.yaml and one indicator
    assert document["data_sets"] == [{"path": "data", "programme": "test-programme", "files": 2}]


def test_renamed_goal_passed_alone_reports_the_indicators_still_using_it(repo: Path) -> None:
    goals = repo / "data" / "goals.yaml"
    goals.write_text(goals.read_text().replace("id: green", "id: greener"))
    full = _cli(repo, "validate")
    alone = _cli(repo, "validate", "data/goals.yaml")
    assert full.returncode == alone.returncode == ExitCode.INVALID_DATA
    assert "[unknown-goal] no goal 'green'" in alone.stdout
    assert alone.stdout == full.stdout


def test_path_with_data_option_is_honoured_or_refused(repo: Path, tmp_path: Path) -> None:
    other = repo / "elsewhere"
    shutil.copytree(repo / "data", other)
    (other / "indicators" / "other.yaml").write_text(TYPO)
    inside = _cli(repo, "validate", "elsewhere/indicators/share.yaml", "--data", "elsewhere")
    assert inside.returncode == ExitCode.INVALID_DATA
    assert "elsewhere/indicators/other.yaml" in inside.stdout
    outside = _cli(repo, "validate", "data/indicators/share.yaml", "--data", "elsewhere")
    assert outside.returncode == ExitCode.USAGE
    assert "is not inside the data directory" in outside.stderr


def test_data_option_naming_a_file_says_so(repo: Path) -> None:
    run = _cli(repo, "validate", "--data", "data/goals.yaml")
    assert run.returncode == ExitCode.USAGE
    assert "is not a folder" in run.stderr
    assert "does not exist" not in run.stderr


@pytest.mark.parametrize(
    ("make", "line"),
    [
        (
            lambda d: (d / "Z.YAML").write_text("id: z\n"),
            "data/indicators/Z.YAML: error [wrong-extension]",
        ),
        (
            lambda d: (d / "notes.txt").write_text("notes\n"),
            "data/indicators/notes.txt: warning [not-yaml]",
        ),
        (
            lambda d: (d / "more").mkdir(),
            "data/indicators/more: warning [folder]",
        ),
    ],
    ids=["upper-case-extension", "text-file", "sub-folder"],
)
def test_files_that_are_not_read_are_reported(repo: Path, make: object, line: str) -> None:
    make(repo / "data" / "indicators")  # type: ignore[operator]
    run = _cli(repo, "validate")
    assert line in run.stdout
    expected = ExitCode.INVALID_DATA if "error" in line else ExitCode.OK
    assert run.returncode == expected
    assert _cli(repo, "validate", "--strict").returncode == ExitCode.INVALID_DATA


def test_indicators_being_a_file_is_an_error(repo: Path) -> None:
    shutil.rmtree(repo / "data" / "indicators")
    (repo / "data" / "indicators").write_text("share\n")
    run = _cli(repo, "validate")
    assert run.returncode == ExitCode.INVALID_DATA
    assert "data/indicators: error [indicators-not-a-folder]" in run.stdout


# --- Files that are not plain files (each run bounded: a regression fails, never hangs) ---


def test_fifo_is_reported_not_waited_for(repo: Path) -> None:
    os.mkfifo(repo / "data" / "indicators" / "x.yaml")
    run = _process(repo, "validate")
    assert run.returncode == ExitCode.INVALID_DATA
    assert "data/indicators/x.yaml: error [not-a-file] this is a named pipe (FIFO)" in run.stdout


def test_link_to_dev_zero_is_reported_not_read(repo: Path) -> None:
    os.symlink("/dev/zero", repo / "data" / "indicators" / "zero.yaml")
    run = _process(repo, "validate")
    assert run.returncode == ExitCode.INVALID_DATA
    # a link out of the data set is not even opened (link-outside); a device inside it
    # would be not-a-file
    assert "data/indicators/zero.yaml: error [link-outside]" in run.stdout


def test_symlink_loop_is_a_problem_not_a_traceback(repo: Path) -> None:
    folder = repo / "data" / "indicators"
    os.symlink("b.yaml", folder / "a.yaml")
    os.symlink("a.yaml", folder / "b.yaml")
    runs = [_process(repo, "validate")]
    runs += [_cli(repo, *args) for args in (["validate", "data/indicators/a.yaml"], ["report"])]
    for args, run in zip(["validate", "validate a.yaml", "report"], runs, strict=True):
        assert run.returncode == ExitCode.INVALID_DATA, args
        assert "Traceback" not in run.stderr
        assert "[unreadable]" in run.stdout + run.stderr


def test_a_linked_indicator_is_named_by_the_link(repo: Path) -> None:
    kept = repo / "data" / "kept"
    kept.mkdir()
    (kept / "target.yaml").write_text(TYPO)
    os.symlink(kept / "target.yaml", repo / "data" / "indicators" / "other.yaml")
    run = _cli(repo, "validate")
    assert "data/indicators/other.yaml:6:1: error [unknown-field]" in run.stdout
    assert "target.yaml" not in run.stdout


def test_a_link_out_of_the_data_set_is_an_error_and_not_read(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(TYPO)
    os.symlink(outside, repo / "data" / "indicators" / "other.yaml")
    run = _cli(repo, "validate")
    assert "data/indicators/other.yaml: error [link-outside]" in run.stdout
    assert "unknown-field" not in run.stdout


def test_non_utf8_file_name_keeps_json_valid(repo: Path) -> None:
    name = os.fsencode(repo / "data" / "indicators") + b"/bad-\xff.yaml"
    with open(name, "wb") as f:
        f.write(TYPO.encode())
    run = _cli(repo, "validate", "-f", "json")  # the runner encodes stdout as strict UTF-8
    document = json.loads(run.stdout)
    assert "data/indicators/bad-\\xff.yaml" in {p["file"] for p in document["problems"]}
    text = _cli(repo, "validate")
    assert "data/indicators/bad-\\xff.yaml:1:" in text.stdout


def test_working_directory_deeper_than_path_max(repo: Path) -> None:
    deep = os.open(repo, os.O_RDONLY)
    try:
        depth = 0
        while depth * 101 < 4200:  # beyond PATH_MAX (4096)
            name = "d" * 100
            os.mkdir(name, dir_fd=deep)
            inner = os.open(name, os.O_RDONLY, dir_fd=deep)
            os.close(deep)
            deep = inner
            depth += 1
        runs = [
            subprocess.run(
                [EXE, *args],
                cwd=f"/proc/self/fd/{deep}",
                capture_output=True,
                text=True,
                timeout=30,
                pass_fds=(deep,),
                check=False,
            )
            for args in (["validate"], ["validate", "."])
        ]
    finally:
        os.close(deep)
    for run in runs:
        assert run.returncode == ExitCode.OK, run.stderr
        assert "Traceback" not in run.stderr


def test_report_says_when_the_data_set_has_warnings(repo: Path) -> None:
    (repo / "data" / "indicators" / "notes.txt").write_text("notes\n")
    run = _cli(repo, "report")
    assert run.returncode == 0
    assert "the data set has 1 warning(s); run 'intl-tracker validate'" in run.stderr


def test_outside_a_repository_a_data_set_higher_up_is_not_taken(tmp_path: Path) -> None:
    from intl_tracker.dataset.data_dirs import find_local_data_set

    shutil.copytree(MINIMAL, tmp_path / "data")
    (tmp_path / "inner").mkdir()
    assert find_local_data_set(tmp_path / "inner") is None  # e.g. an unrelated /tmp/data
    found = find_local_data_set(tmp_path / "data" / "indicators")
    assert found is not None and os.path.samefile(found, tmp_path / "data")
    (tmp_path / ".git").mkdir()  # inside a repository, up to its root
    found = find_local_data_set(tmp_path / "inner")
    assert found is not None and os.path.samefile(found, tmp_path / "data")
