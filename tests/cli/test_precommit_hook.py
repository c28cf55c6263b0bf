"""The pre-commit hook as pre-commit runs it: the manifest's file filter and flags decide
which files `intl-tracker validate` is given. Deleting goals.yaml or renaming a goal must
fail the commit. (The same two cases were run once with pre-commit 4.7.0 itself: see the
README, "Validating data in CI".)"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from tests.conftest import CASES, REPO

(HOOK,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def _run_hook(repo: Path, changed: list[str]) -> int:
    """pre-commit's behaviour: of the changed files, those that still exist, match ``files``
    and are YAML are passed; with none, the hook runs only when ``always_run`` is set."""
    pattern = re.compile(HOOK["files"])
    passed = [
        f
        for f in changed
        if (repo / f).is_file() and pattern.search(f) and f.endswith((".yaml", ".yml"))
    ]
    if not passed and not HOOK.get("always_run", False):
        return 0  # "(no files to check) Skipped" counts as passed
    entry = HOOK["entry"].split()
    assert entry[0] == "intl-tracker"
    before = os.getcwd()
    os.chdir(repo)
    try:
        result = CliRunner().invoke(app, [*entry[1:], *passed], catch_exceptions=False)
    finally:
        os.chdir(before)
    return result.exit_code


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    shutil.copytree(CASES / "valid" / "minimal", tmp_path / "data")
    (tmp_path / "data" / "expected-problems.txt").unlink()
    return tmp_path


def test_manifest_runs_serially_and_always() -> None:
    assert HOOK["require_serial"] is True  # cross-file rules see every file
    assert HOOK["always_run"] is True  # a deletion changes no file the hook would see
    assert HOOK["language"] == "python"


def test_a_clean_change_passes(repo: Path) -> None:
    share = repo / "data" / "indicators" / "share.yaml"
    share.write_text(share.read_text().replace("2016: 15.2", "2016: 15.3"))
    assert _run_hook(repo, ["data/indicators/share.yaml"]) == 0


def test_deleting_goals_yaml_fails_the_hook(repo: Path) -> None:
    (repo / "data" / "goals.yaml").unlink()
    assert _run_hook(repo, ["data/goals.yaml"]) == 1


def test_renaming_a_goal_fails_the_hook(repo: Path) -> None:
    goals = repo / "data" / "goals.yaml"
    goals.write_text(goals.read_text().replace("id: green", "id: greener"))
    assert _run_hook(repo, ["data/goals.yaml"]) == 1


def test_a_broken_indicator_beside_a_change_elsewhere_fails_the_hook(repo: Path) -> None:
    (repo / "data" / "indicators" / "other.yaml").write_text("id: other\n")
    (repo / "README.md").write_text("changed\n")
    assert _run_hook(repo, ["README.md"]) == 1


# --- probable typos (issue 20, item 10): the hook fails on them although they are warnings --


def _add_value(repo: Path, line: str) -> None:
    share = repo / "data" / "indicators" / "share.yaml"
    share.write_text(share.read_text() + line)


def test_a_probable_typo_fails_the_hook_although_validate_only_warns(repo: Path) -> None:
    _add_value(repo, "  2018: 0.17\n")  # 17 % typed as a fraction, the latest value
    assert _run_hook(repo, ["data/indicators/share.yaml"]) == 1
    before = os.getcwd()
    os.chdir(repo)
    try:
        plain = CliRunner().invoke(app, ["validate"])
    finally:
        os.chdir(before)
    assert plain.exit_code == 0  # a warning: the latest value may start a real change
    assert "warning [percent-as-fraction]" in plain.stdout


def test_a_confirmed_value_passes_the_hook(repo: Path) -> None:
    _add_value(repo, "  2018: 0.17\nvalidation:\n  confirmed: {2018: 0.17}\n")
    assert _run_hook(repo, ["data/indicators/share.yaml"]) == 0


def test_other_warnings_do_not_fail_the_hook(repo: Path) -> None:
    _add_value(repo, "  2018: {value: 17.1, status: estimated}\n")  # estimate-without-note
    assert _run_hook(repo, ["data/indicators/share.yaml"]) == 0


def test_goals_yaml_raises_more_warnings_for_the_hook(repo: Path) -> None:
    _add_value(repo, "  2018: {value: 17.1, status: estimated}\n")
    goals = repo / "data" / "goals.yaml"
    goals.write_text(
        goals.read_text().replace(
            "programme:\n", "programme:\n  validation: {errors: [estimate-without-note]}\n", 1
        )
    )
    assert _run_hook(repo, ["data/indicators/share.yaml"]) == 1
