"""`intl-tracker diff`: between two revisions of a data repository, every moved status is named."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner, Result

from intl_tracker.cli.commands import app
from intl_tracker.core.errors import ExitCode
from intl_tracker.render.json_documents.schemas import json_schema
from tests.conftest import REPO

YEAR = "2024"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data repository (the data set in its data/ folder) with two revisions: the second
    moves statuses (a value changed, a value removed, an indicator removed, one added)."""
    root = tmp_path_factory.mktemp("repo")
    data = root / "data"
    shutil.copytree(REPO / "data", data)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "first")
    indicators = data / "indicators"
    _edit(indicators / "aalto-international-professors-share.yaml", "  2017: 22\n", "  2017: 2\n")
    _edit(indicators / "population.yaml", "value: 283632\n", "value: 1\n    status: estimated\n")
    (indicators / "gdsi-rank.yaml").unlink()
    shutil.copy(indicators / "evp-index.yaml", indicators / "evp-copy.yaml")
    _edit(indicators / "evp-copy.yaml", "id: evp-index", "id: evp-copy")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "second")
    return root


def _statuses(runner: CliRunner, data: Path) -> dict[str, str]:
    """Every indicator's status in `report --format json` of the data folder ``data``."""
    result = runner.invoke(app, ["report", YEAR, "--format", "json", "--data", str(data)])
    assert result.exit_code == 0, result.output
    return {i["id"]: i["status"] for i in json.loads(result.stdout)["indicators"]}


def _diff(runner: CliRunner, repo: Path, *args: str) -> Result:
    return runner.invoke(app, ["diff", *args, "--data", str(repo / "data"), "--year", YEAR])


def test_every_status_that_moves_between_two_revisions_is_named(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    for name, rev in (("base", "HEAD~1"), ("head", "HEAD")):
        _git(repo, "worktree", "add", "-q", str(tmp_path / name), rev)
    before = _statuses(runner, tmp_path / "base" / "data")
    after = _statuses(runner, tmp_path / "head" / "data")
    moved = {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}
    assert {"aalto-international-professors-share", "gdsi-rank", "evp-copy"} <= moved

    result = _diff(runner, repo, "HEAD~1", "HEAD", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert list(Draft202012Validator(json_schema("diff")).iter_errors(document)) == []
    named = {m["indicator"]: (m["before"], m["after"]) for m in document["statuses"]}
    assert set(named) == moved
    assert all(named[i] == (before.get(i), after.get(i)) for i in moved)
    assert document["indicators_added"] == ["evp-copy"]
    assert document["indicators_removed"] == ["gdsi-rank"]
    kinds = {(v["indicator"], v["year"]): v["change"] for v in document["values"]}
    assert kinds[("aalto-international-professors-share", 2017)] == "changed"
    assert kinds[("population", 2018)] == "changed"
    assert all(
        v["change"] == "removed" for v in document["values"] if v["indicator"] == "gdsi-rank"
    )


def test_the_markdown_is_a_table_for_a_pull_request(runner: CliRunner, repo: Path) -> None:
    result = _diff(runner, repo, "HEAD~1", "HEAD", "--format", "markdown")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    at = lines.index("| Indicator | Name | Before | After |")
    assert lines[at + 1] == "|---|---|---|---|"
    row = next(line for line in lines if line.startswith("| aalto-international-professors"))
    assert row.count(" | ") == 3 and "on track" in row and "moving away" in row


def test_the_working_tree_is_the_default_head_and_exit_code_is_opt_in(
    runner: CliRunner, repo: Path
) -> None:
    same = _diff(runner, repo, "HEAD")
    assert same.exit_code == 0 and "No values or statuses differ." in same.stdout
    different = _diff(runner, repo, "HEAD~1")
    assert different.exit_code == 0 and "aalto-international-professors-share" in different.stdout
    assert _diff(runner, repo, "HEAD~1", "--exit-code").exit_code == 1
    assert _diff(runner, repo, "HEAD", "--exit-code").exit_code == 0


@pytest.mark.parametrize("base", ["no-such-revision", "HEAD~5"])
def test_a_revision_that_does_not_exist_is_a_usage_error(
    runner: CliRunner, repo: Path, base: str
) -> None:
    result = _diff(runner, repo, base)
    assert result.exit_code == ExitCode.USAGE
    assert f"'{base}' is neither a data folder nor a git revision" in result.output


def test_a_base_that_is_not_a_data_set_is_a_usage_error(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    result = _diff(runner, repo, str(tmp_path))
    assert result.exit_code == ExitCode.USAGE and "is not a data set" in result.output


def test_two_folders_need_no_git(runner: CliRunner, tmp_path: Path) -> None:
    changed = tmp_path / "changed"
    shutil.copytree(REPO / "data", changed)
    _edit(changed / "indicators" / "population.yaml", "value: 283632\n", "value: 1\n")
    result = runner.invoke(app, ["diff", str(REPO / "data"), str(changed), "--year", YEAR])
    assert result.exit_code == 0, result.output
    assert "population 2018 changed: " in result.stdout
