"""`intl-tracker init [DIR]`: a new data set that validates and reports, and never a file
overwritten or half a data set left behind."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import tempfile
import tomllib
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from intl_tracker import __version__
from intl_tracker.app import new_data_set
from intl_tracker.app.new_data_set import (
    PLACEHOLDER_REPOSITORY,
    SLUG,
    InitRequest,
    init_data_set,
    slug_of,
)
from intl_tracker.cli.commands import app
from intl_tracker.core.errors import UsageError
from intl_tracker.core.i18n import SUPPORTED_LANGUAGES
from intl_tracker.core.text_safety import visible
from intl_tracker.dataset.loading import load_data_set
from intl_tracker.dataset.models import Indicator
from intl_tracker.render.json_documents.schemas import json_schema
from tests.conftest import REPO

WRITTEN = (
    "goals.yaml",
    "indicators/example-indicator.yaml",
    ".gitignore",
    ".pre-commit-config.yaml",
    ".github/workflows/validate.yml",
)


def _init(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["init", *args], catch_exceptions=False)


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every entry under ``folder``: a file's bytes, None for a folder."""
    return {
        path.relative_to(folder).as_posix(): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
    }


def _files(folder: Path) -> list[str]:
    return sorted(p for p, content in _tree(folder).items() if content is not None)


# -- an empty folder ---------------------------------------------------------------------


def test_an_empty_folder_gets_the_five_files_and_stderr_says_what_and_what_next(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = _init(runner, str(tmp_path / "city"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""  # messages only: stdout is for data
    assert _files(tmp_path / "city") == sorted(WRITTEN)
    for name in WRITTEN:
        assert name in result.stderr
    assert f"cd {tmp_path / 'city'}" in result.stderr
    assert "intl-tracker validate" in result.stderr and "intl-tracker report" in result.stderr
    assert "pre-commit install" in result.stderr


def test_the_data_set_passes_validate_strict_and_report_in_every_format(
    runner: CliRunner, tmp_path: Path
) -> None:
    assert _init(runner, str(tmp_path)).exit_code == 0
    data = ["--data", str(tmp_path)]
    strict = runner.invoke(app, ["validate", "--strict", "-f", "json", *data])
    assert strict.exit_code == 0, strict.stdout + strict.stderr
    assert json.loads(strict.stdout)["problems"] == []  # no warning either
    for fmt in ("table", "csv", "markdown"):
        shown = runner.invoke(app, ["report", "-f", fmt, *data])
        assert shown.exit_code == 0, shown.stderr
        assert "Example" in shown.stdout
    report = runner.invoke(app, ["report", "-f", "json", *data])
    assert report.exit_code == 0, report.stderr
    document = json.loads(report.stdout)
    Draft202012Validator(json_schema("report")).validate(document)
    (row,) = document["indicators"]
    assert (row["id"], row["year"], row["value"]) == ("example-indicator", 2023, 11.3)
    assert row["status"] not in (None, "insufficient_data")  # the example is assessed
    show = runner.invoke(app, ["show", "example-indicator", *data])
    assert show.exit_code == 0, show.stderr


def test_the_indicator_passes_validate_strict_on_its_own(runner: CliRunner, tmp_path: Path) -> None:
    assert _init(runner, str(tmp_path)).exit_code == 0
    indicator = tmp_path / "indicators" / "example-indicator.yaml"
    result = runner.invoke(app, ["validate", "--strict", str(indicator)])
    assert result.exit_code == 0, result.stdout + result.stderr


def test_without_dir_the_current_folder_is_used_and_found_by_the_next_commands(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = _init(runner)
    assert result.exit_code == 0, result.stderr
    assert "cd " not in result.stderr  # already there
    assert _files(tmp_path) == sorted(WRITTEN)
    validated = runner.invoke(app, ["validate"])  # the data-directory rule finds it
    assert validated.exit_code == 0 and "programme example-programme" in validated.stderr


def test_a_missing_folder_is_made_with_its_parents(runner: CliRunner, tmp_path: Path) -> None:
    assert _init(runner, str(tmp_path / "a" / "b" / "c")).exit_code == 0
    assert _files(tmp_path / "a" / "b" / "c") == sorted(WRITTEN)


def test_the_values_and_target_say_they_are_examples_in_a_comment_and_a_note(
    tmp_path: Path,
) -> None:
    init_data_set(InitRequest(tmp_path, "p", None, ("en", "fi")))
    text = (tmp_path / "indicators" / "example-indicator.yaml").read_text(encoding="utf-8")
    assert "# EXAMPLE VALUES, NOT STATISTICS" in text
    indicator = Indicator.model_validate(yaml.safe_load(text))
    assert len(indicator.values) == 3
    for observation in indicator.values.values():
        assert isinstance(observation.note, dict)
        assert observation.note["en"].startswith("EXAMPLE value, not a statistic")
        assert observation.note["fi"].startswith("ESIMERKKIARVO, ei tilasto")
    (target,) = indicator.targets
    assert isinstance(target.note, dict) and target.note["en"].startswith("EXAMPLE target")
    assert indicator.name == {
        "en": "Example indicator (not a real statistic)",
        "fi": "Esimerkki-indikaattori (ei todellinen tilasto)",
    }


# -- never overwrite, never half a data set ----------------------------------------------


@pytest.mark.parametrize("existing", WRITTEN)
def test_an_existing_file_is_named_and_nothing_at_all_is_written(
    runner: CliRunner, tmp_path: Path, existing: str
) -> None:
    (tmp_path / existing).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / existing).write_bytes(b"mine\n")
    before = _tree(tmp_path)
    result = _init(runner, str(tmp_path))
    assert result.exit_code == 2
    assert f"'{tmp_path / existing}' exists; init never overwrites a file" in result.stderr
    assert _tree(tmp_path) == before


def test_a_broken_link_in_the_way_counts_as_existing(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / ".gitignore").symlink_to(tmp_path / "nowhere")
    result = _init(runner, str(tmp_path))
    assert result.exit_code == 2 and "'.gitignore' exists" in result.stderr.replace(
        str(tmp_path) + os.sep, ""
    )
    assert not (tmp_path / "nowhere").exists() and not (tmp_path / "goals.yaml").exists()


@pytest.mark.parametrize("in_the_way", ["indicators", ".github", ".github/workflows"])
def test_a_file_where_a_folder_goes_is_named_and_nothing_is_written(
    runner: CliRunner, tmp_path: Path, in_the_way: str
) -> None:
    (tmp_path / in_the_way).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / in_the_way).write_text("x")
    before = _tree(tmp_path)
    result = _init(runner, str(tmp_path))
    assert result.exit_code == 2
    assert f"'{tmp_path / in_the_way}' is not a folder" in result.stderr
    assert _tree(tmp_path) == before


def test_a_folder_with_indicator_files_is_not_started_again(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "indicators").mkdir()
    (tmp_path / "indicators" / "population.yaml").write_text("id: population\n")
    before = _tree(tmp_path)
    result = _init(runner, str(tmp_path))
    assert result.exit_code == 2 and "already holds files" in result.stderr
    assert _tree(tmp_path) == before


def test_other_files_in_the_folder_are_left_alone(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Our city\n")
    (tmp_path / "indicators").mkdir()
    (tmp_path / "indicators" / ".gitkeep").write_text("")
    assert _init(runner, str(tmp_path)).exit_code == 0
    assert (tmp_path / "README.md").read_text() == "# Our city\n"


def test_dir_that_is_a_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "city").write_text("x")
    result = _init(runner, str(tmp_path / "city"))
    assert result.exit_code == 2
    assert f"'{tmp_path / 'city'}' is not a folder" in result.stderr
    assert (tmp_path / "city").read_text() == "x"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_folder_exits_3_and_leaves_nothing(runner: CliRunner, tmp_path: Path) -> None:
    tmp_path.chmod(0o555)
    try:
        result = _init(runner, str(tmp_path / "city"))
    finally:
        tmp_path.chmod(0o755)
    assert result.exit_code == 3
    assert f"cannot write '{tmp_path / 'city'}': Permission denied" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_folder_no_one_may_write_exits_3(runner: CliRunner) -> None:
    """/sys/fs refuses new entries even to root (a real unwritable folder on Linux)."""
    folder = Path("/sys/fs")
    if not folder.is_dir():
        pytest.skip("no /sys/fs (not Linux)")
    result = _init(runner, str(folder / "city"))
    assert result.exit_code == 3
    assert f"cannot write '{folder / 'city'}': " in result.stderr
    assert not (folder / "city").exists()


def test_a_write_that_fails_halfway_takes_back_what_it_wrote(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk at the third file: exit 3 naming that file, and no file or folder of the
    run is left (the folder to write into was made by the run too)."""
    real_open = Path.open
    opened: list[Path] = []

    def open_until_full(self: Path, mode: str = "r", *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if mode == "x":
            opened.append(self)
            if len(opened) == 3:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_open(self, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", open_until_full)
    result = _init(runner, str(tmp_path / "new" / "city"))
    assert result.exit_code == 3
    assert f"cannot write '{opened[2]}': No space left on device" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_interrupt_while_writing_takes_back_what_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = new_data_set._make_folder
    calls: list[Path] = []

    def interrupted(folder: Path, made: list[Path]) -> None:
        calls.append(folder)
        if len(calls) == 3:  # the folder itself, goals.yaml's, then indicators/
            real(folder, made)
            raise KeyboardInterrupt
        real(folder, made)

    monkeypatch.setattr(new_data_set, "_make_folder", interrupted)
    (tmp_path / "README.md").write_text("kept")
    with pytest.raises(KeyboardInterrupt):
        init_data_set(InitRequest(tmp_path, "p", None, ("en",)))
    assert _files(tmp_path) == ["README.md"] and not (tmp_path / "indicators").exists()


def test_a_file_that_appears_while_writing_is_kept_and_ours_are_taken_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = new_data_set.check_free

    def then_someone_writes(folder: Path, files: object) -> None:
        checked(folder, files)  # type: ignore[arg-type]
        (folder / ".gitignore").write_text("theirs")

    monkeypatch.setattr(new_data_set, "check_free", then_someone_writes)
    with pytest.raises(UsageError, match="appeared while init was writing"):
        init_data_set(InitRequest(tmp_path, "p", None, ("en",)))
    assert _tree(tmp_path) == {".gitignore": b"theirs"}


# -- names, ids and languages ------------------------------------------------------------

UNICODE_NAME = "Kansainvälinen Jyväskylä \u2013 \"ohjelma\" 'x' #1: 100 % ✓ 𝄞 عربي"


def test_unicode_folder_and_name_validate_and_read_back(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "Jyväskylä 2030 ✓ ölçü"
    result = _init(runner, str(folder), "--name", UNICODE_NAME)
    assert result.exit_code == 0, result.stderr
    assert str(folder) in result.stderr
    assert runner.invoke(app, ["validate", "--strict", "--data", str(folder)]).exit_code == 0
    report = runner.invoke(app, ["report", "-f", "json", "--lang", "sv", "--data", str(folder)])
    assert report.exit_code == 0, report.stderr
    programme = json.loads(report.stdout)["programme"]
    assert programme["id"] == "kansainvalinen-jyvaskyla-ohjelma-x-1-100"
    assert programme["name"] == UNICODE_NAME


@settings(max_examples=40, deadline=None)
@given(
    st.text(min_size=1, max_size=60).filter(
        lambda s: s.strip() != "" and visible(s.strip()) == s.strip()
    )
)
def test_any_printable_name_is_written_as_given(name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        init_data_set(InitRequest(Path(folder), "p", name.strip(), ("fi", "en")))
        loaded = load_data_set(Path(folder))
        assert loaded.problems == [] and loaded.catalog is not None
        assert loaded.catalog.programme.name == {"fi": name.strip(), "en": name.strip()}


@pytest.mark.parametrize(
    "name", ["", "   ", "a\x1b]52;c;x\x07b", "left\u202eright", "two\nlines", "x" * 10_001]
)
def test_a_name_that_cannot_be_written_as_given_exits_2(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    result = _init(runner, str(tmp_path / "city"), "--name", name)
    assert result.exit_code == 2 and "--name" in result.stderr
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert not (tmp_path / "city").exists()


@pytest.mark.parametrize("given_id", ["Tampere", "tampere_2030", "-x", "a--b", "x" * 101, "ö"])
def test_a_programme_id_that_is_not_an_id_exits_2(
    runner: CliRunner, tmp_path: Path, given_id: str
) -> None:
    result = _init(runner, str(tmp_path / "city"), "--programme-id", given_id)
    assert result.exit_code == 2 and "is not an id" in result.stderr
    assert not (tmp_path / "city").exists()


def test_the_programme_id_given_is_written(runner: CliRunner, tmp_path: Path) -> None:
    result = _init(runner, str(tmp_path), "--programme-id", "tampere-2030", "--name", "X")
    assert result.exit_code == 0
    goals = yaml.safe_load((tmp_path / "goals.yaml").read_text(encoding="utf-8"))
    assert goals["programme"]["id"] == "tampere-2030"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("International Tampere 2030", "international-tampere-2030"),
        ("Kansainvälinen Espoo", "kansainvalinen-espoo"),
        ("  Örebro -- 2030!  ", "orebro-2030"),
        ("東京", ""),
        ("a " * 80, ("a-" * 50).rstrip("-")),
    ],
)
def test_an_id_is_made_of_the_name(text: str, slug: str) -> None:
    assert slug_of(text) == slug
    assert slug == "" or (SLUG.match(slug) and len(slug) <= 100)


def test_a_name_with_no_letter_for_an_id_gets_the_example_id(
    runner: CliRunner, tmp_path: Path
) -> None:
    assert _init(runner, str(tmp_path), "--name", "東京").exit_code == 0
    assert "id: example-programme" in (tmp_path / "goals.yaml").read_text(encoding="utf-8")


def test_the_id_rule_is_the_data_formats() -> None:
    pattern = Indicator.model_json_schema()["properties"]["id"]["pattern"]
    assert pattern == SLUG.pattern


@pytest.mark.parametrize(
    ("lang", "keys"),
    [("fi,sv,en", ["fi", "sv", "en"]), ("en", ["en"]), (" SV , fi,sv", ["sv", "fi"])],
)
def test_lang_chooses_the_languages_of_every_text_in_order(
    runner: CliRunner, tmp_path: Path, lang: str, keys: list[str]
) -> None:
    assert _init(runner, str(tmp_path), "--lang", lang).exit_code == 0
    goals = yaml.safe_load((tmp_path / "goals.yaml").read_text(encoding="utf-8"))
    assert list(goals["programme"]["name"]) == keys
    assert list(goals["goals"][0]["objectives"][0]["text"]) == keys
    indicator = yaml.safe_load(
        (tmp_path / "indicators" / "example-indicator.yaml").read_text(encoding="utf-8")
    )
    assert list(indicator["name"]) == keys and list(indicator["definition"]) == keys
    assert list(indicator["values"][2021]["note"]) == keys
    assert list(indicator["targets"][0]["note"]) == keys


@pytest.mark.parametrize("lang", ["de", "", " , ", "fi,xx"])
def test_a_language_without_texts_exits_2(runner: CliRunner, tmp_path: Path, lang: str) -> None:
    result = _init(runner, str(tmp_path / "city"), "--lang", lang)
    assert result.exit_code == 2 and "language" in result.stderr
    assert not (tmp_path / "city").exists()


def test_every_example_text_is_in_every_language() -> None:
    with (new_data_set.TEMPLATES / "texts.toml").open("rb") as file:
        texts = tomllib.load(file)
    for table in texts.values():
        assert sorted(table) == sorted(SUPPORTED_LANGUAGES)
        assert all(isinstance(t, str) and t and visible(t) == t for t in table.values())
        assert len(set(table.values())) == len(table)  # each language its own words


# -- the files beside the data -----------------------------------------------------------


def test_the_pre_commit_config_uses_this_repositorys_hook_at_this_version(
    runner: CliRunner, tmp_path: Path
) -> None:
    address = "https://example.org/x/intl-tracker"
    assert _init(runner, str(tmp_path), "--tool-repo", address).exit_code == 0
    config = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo == {
        "repo": "https://example.org/x/intl-tracker",
        "rev": f"v{__version__}",
        "hooks": [{"id": hook["id"]}],
    }


def test_the_workflow_installs_this_version_and_runs_validate_which_passes(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    address = "ssh://git@example.org/intl-tracker"
    assert _init(runner, str(tmp_path), "--tool-repo", address).exit_code == 0
    workflow = yaml.safe_load(
        (tmp_path / ".github" / "workflows" / "validate.yml").read_text(encoding="utf-8")
    )
    assert workflow[True] == ["push", "pull_request"]  # YAML 1.1 reads the key `on` as True
    runs = [step["run"] for step in workflow["jobs"]["validate"]["steps"] if "run" in step]
    install, check = runs
    assert install == f'pip install "git+ssh://git@example.org/intl-tracker@v{__version__}"'
    command = check.split()
    assert command[:2] == ["intl-tracker", "validate"]
    monkeypatch.chdir(tmp_path)  # as in the checkout
    result = runner.invoke(app, command[1:])
    assert result.exit_code == 0, result.stdout + result.stderr


def test_without_a_known_repository_the_lines_to_edit_are_marked(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(new_data_set, "installed_repository", lambda: None)
    result = _init(runner, str(tmp_path))
    assert result.exit_code == 0
    for name in (".pre-commit-config.yaml", ".github/workflows/validate.yml"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert PLACEHOLDER_REPOSITORY in text and "# EDIT:" in text
    assert "edit the lines marked EDIT" in result.stderr


def test_the_repository_in_the_installations_metadata_is_used(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(new_data_set, "installed_repository", lambda: "https://git.example/t")
    result = _init(runner, str(tmp_path))
    assert "EDIT" not in result.stderr
    assert "repo: https://git.example/t\n" in (tmp_path / ".pre-commit-config.yaml").read_text()


@pytest.mark.parametrize(
    "address",
    ["github.com/x/y", "https://x/y z", 'https://x/"; rm -rf ~; "', "https://x/$(id)", "-e x"],
)
def test_a_repository_address_that_is_not_one_exits_2(
    runner: CliRunner, tmp_path: Path, address: str
) -> None:
    result = _init(runner, str(tmp_path / "city"), "--tool-repo", address)
    assert result.exit_code == 2 and "--tool-repo" in result.stderr
    assert not (tmp_path / "city").exists()


def test_after_record_and_a_failed_write_git_shows_only_the_changed_indicator(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Nothing record leaves in indicators/ (a temporary file of an interrupted write; its lock
    is kept outside the data set) shows in `git status`."""
    if shutil.which("git") is None:
        pytest.skip("no git")
    assert _init(runner, str(tmp_path)).exit_code == 0

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=tmp_path, check=True, capture_output=True, text=True
        ).stdout

    git("init", "-q")
    git("add", "-A")
    recorded = runner.invoke(
        app, ["record", "example-indicator", "2024", "11.9", "--data", str(tmp_path)]
    )
    assert recorded.exit_code == 0, recorded.stderr
    (tmp_path / "indicators" / ".example-indicator.yaml.a1b2c3.tmp").write_text("left over")
    status = git("status", "--porcelain", "--untracked-files=all").splitlines()
    assert sorted(line[3:] for line in status) == sorted(WRITTEN)  # no lock, no temporary
    assert "AM indicators/example-indicator.yaml" in status  # added by init, changed by record


def test_a_dir_below_a_file_exits_3_naming_it(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    result = _init(runner, str(tmp_path / "file" / "city"))
    assert result.exit_code == 3
    assert f"cannot write '{tmp_path / 'file' / 'city'}': Not a directory" in result.stderr
