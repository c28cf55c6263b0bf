"""Issue 22, cases 4, 6 and 7: honest exit codes, locks outside the data set, and edits made
by other programs between the read and the rename.

Every failure leaves the data files byte for byte as they were and never exits 4.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from filelock import FileLock
from typer.testing import CliRunner, Result

from intl_tracker.cli.commands import app
from intl_tracker.core.errors import ExitCode
from intl_tracker.dataset.loading import load_indicator
from intl_tracker.updating import locks, writing
from intl_tracker.updating.recording import NewValue
from intl_tracker.updating.writing import ChangedOnDiskError, commit, read_snapshot
from tests.conftest import REPO

SRC = REPO / "src"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(REPO / "data", copy)
    return copy


def _snapshot(data: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((data / "indicators").iterdir()) if p.is_file()}


def _record(runner: CliRunner, data: Path, *args: str) -> Result:
    return runner.invoke(app, ["record", *args, "--data", str(data)])


# --- case 4: exit codes ------------------------------------------------------------------


def test_an_unwritable_folder_is_exit_3_naming_the_file(
    data: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temporary file cannot be made (a read-only folder; simulated, since the tests may
    run as root, for whom no folder is read-only)."""

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    before = _snapshot(data)
    result = runner.invoke(app, ["record", "population", "2030", "1", "--data", str(data)])
    assert result.exit_code == ExitCode.OUTPUT_CLOSED, result.output
    assert result.stderr == (
        f"intl-tracker: error: cannot write '{data}/indicators/population.yaml': "
        "Permission denied\n"
    )
    assert _snapshot(data) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_indicators_folder_is_exit_3(data: Path, runner: CliRunner) -> None:
    folder = data / "indicators"
    folder.chmod(0o555)
    try:
        result = runner.invoke(app, ["record", "population", "2030", "1", "--data", str(data)])
    finally:
        folder.chmod(0o755)
    assert result.exit_code == ExitCode.OUTPUT_CLOSED, result.output
    assert "cannot write '" in result.stderr and "population.yaml': Permission denied" in (
        result.stderr
    )


def test_a_note_that_is_not_utf8_is_a_usage_error(data: Path) -> None:
    """Bytes that are not UTF-8 on a real command line arrive as lone surrogates."""
    before = _snapshot(data)
    process = subprocess.run(
        [sys.executable, "-m", "intl_tracker", "record", "population", "2030", "1",
         "--note", b"\xff\xfe".decode("utf-8", "surrogateescape"), "--data", str(data)],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        capture_output=True,
        timeout=60,
    )  # fmt: skip
    assert process.returncode == ExitCode.USAGE, process.stderr
    assert b"the note is not valid UTF-8 text" in process.stderr
    assert _snapshot(data) == before


@pytest.mark.parametrize("year", ["1799", "2201"])
def test_a_year_outside_the_range_is_a_usage_error(
    data: Path, runner: CliRunner, year: str
) -> None:
    result = runner.invoke(app, ["record", "population", year, "1", "--data", str(data)])
    assert result.exit_code == ExitCode.USAGE
    assert f"the year {year} is outside 1800-2200" in result.stderr


def test_a_busy_lock_has_its_own_message_and_exit_code(
    data: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locks, "LOCK_TIMEOUT", 0.2)
    path = data / "indicators" / "population.yaml"
    before = _snapshot(data)
    locks.lock_path(path).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with FileLock(locks.lock_path(path)):  # another writer holds it
        result = runner.invoke(app, ["record", "population", "2030", "1", "--data", str(data)])
    assert result.exit_code == ExitCode.BUSY == 75, result.output
    assert "another process is writing " in result.stderr
    assert "has been held for 0.2 s; nothing was written, try again" in result.stderr
    assert _snapshot(data) == before


@pytest.mark.parametrize("kind", ["symlink", "folder"])
def test_an_odd_lock_in_the_data_set_is_reported_and_no_longer_used(
    data: Path, runner: CliRunner, tmp_path: Path, kind: str
) -> None:
    """Locks of earlier versions lay beside the data: a `.lock` that is a link or a folder
    is reported by validate (so --strict fails), and record neither uses nor follows it."""
    odd = data / "indicators" / "population.yaml.lock"
    target = tmp_path / "target"
    target.write_text("keep")
    if kind == "symlink":
        odd.symlink_to(target)
    else:
        odd.mkdir()
    validate = runner.invoke(app, ["validate", "--strict", "--data", str(data)])
    assert validate.exit_code == ExitCode.INVALID_DATA
    said = "a symbolic link" if kind == "symlink" else "a folder"
    assert (
        f"population.yaml.lock: warning [odd-lock-file] named as a lock of population.yaml, "
        f"but {said}; intl-tracker keeps no lock here: delete it"
    ) in validate.stdout
    result = runner.invoke(app, ["record", "population", "2030", "1", "--data", str(data)])
    assert result.exit_code == ExitCode.OK, result.output
    assert target.read_text() == "keep"


def test_a_lock_left_by_an_earlier_version_is_reported(data: Path, runner: CliRunner) -> None:
    (data / "indicators" / "population.yaml.lock").write_text("")
    validate = runner.invoke(app, ["validate", "--data", str(data)])
    assert validate.exit_code == ExitCode.OK
    assert "population.yaml.lock: warning [leftover-lock-file]" in validate.stdout


@pytest.mark.parametrize("kind", ["symlink", "folder"])
def test_an_odd_lock_in_the_lock_folder_is_refused_with_exit_3(
    data: Path, runner: CliRunner, tmp_path: Path, kind: str
) -> None:
    path = data / "indicators" / "population.yaml"
    lock = locks.lock_path(path)
    lock.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = tmp_path / "victim"
    target.write_text("keep")
    if kind == "symlink":
        lock.symlink_to(target)
    else:
        lock.mkdir()
    before = _snapshot(data)
    try:
        result = runner.invoke(app, ["record", "population", "2030", "1", "--data", str(data)])
    finally:
        lock.unlink() if kind == "symlink" else lock.rmdir()
    assert result.exit_code == ExitCode.OUTPUT_CLOSED, result.output
    said = "a symbolic link" if kind == "symlink" else "a folder"
    assert f"its lock '{lock}' cannot be used: it is {said}; remove it" in result.stderr
    assert target.read_text() == "keep"
    assert _snapshot(data) == before


def test_a_lock_folder_others_may_write_is_refused(
    data: Path, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv(locks.LOCK_DIR_ENV, str(shared))
    result = runner.invoke(app, ["record", "population", "2030", "1", "--data", str(data)])
    assert result.exit_code == ExitCode.OUTPUT_CLOSED
    assert "the lock folder can be written by others" in result.stderr


def test_a_broken_link_is_named_as_one(data: Path, runner: CliRunner) -> None:
    link = data / "indicators" / "b.yaml"
    link.symlink_to("missing.yaml")
    result = runner.invoke(app, ["record", "b", "2020", "1", "--data", str(data)])
    assert result.exit_code == ExitCode.INVALID_DATA, result.output
    assert "b.yaml: error [not-a-file] a symbolic link to 'missing.yaml', which does not " in (
        result.stderr
    )
    assert "did you mean" not in result.stderr


def test_a_suggestion_never_names_the_id_typed(data: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["record", "populaton", "2020", "1", "--data", str(data)])
    assert result.exit_code == ExitCode.USAGE
    assert "no indicator 'populaton' in " in result.stderr
    assert "did you mean 'population', " in result.stderr


# --- case 6: a city's repository stays clean --------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_status_is_clean_after_record_and_import(tmp_path: Path) -> None:
    """A new city's repository: after a record and an offline import, git sees only the
    edited data files, and nothing once they are committed; the locks are in the user's
    cache folder (HOME here), never in the repository."""
    repo = tmp_path / "city"
    shutil.copytree(REPO / "data", repo / "data")
    home = tmp_path / "home"
    home.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.email=k@example.org", "-c", "user.name=k", "add", "-A")
    _git(repo, "-c", "user.email=k@example.org", "-c", "user.name=k", "commit", "-qm", "data")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in (locks.LOCK_DIR_ENV, "XDG_RUNTIME_DIR", "XDG_CACHE_HOME")
    }
    env.update(HOME=str(home), PYTHONPATH=str(SRC))
    run = [sys.executable, "-m", "intl_tracker"]
    record = subprocess.run(
        [*run, "record", "population", "2026", "331200", "--status", "provisional"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert record.returncode == 0, record.stderr
    offline = ["--pxweb-base", str(REPO / "tests" / "data" / "pxweb")]
    imported = subprocess.run(
        [*run, "import", *offline], cwd=repo, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    status = _git(repo, "status", "--porcelain", "--untracked-files=all", "--ignored")
    assert status, "the record and the import changed files"
    assert all(line.startswith(" M data/indicators/") for line in status.splitlines()), status
    _git(repo, "-c", "user.email=k@example.org", "-c", "user.name=k", "commit", "-qam", "2026")
    assert _git(repo, "status", "--porcelain", "--untracked-files=all", "--ignored") == ""
    cached = list((home / ".cache" / "intl-tracker" / "locks").iterdir())
    assert cached and all(p.name.endswith(".lock") for p in cached)


# --- case 7: an edit made by another program between the read and the rename ---------------


def test_an_edit_landing_before_the_write_is_kept_and_the_record_refused(
    data: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program (sed -i: a new file renamed over the old) edits the file after record
    read it: record refuses with exit 75 and the other program's edit stays."""
    path = data / "indicators" / "population.yaml"
    real_stage = writing._stage

    def edited_meanwhile(snapshot: writing.Snapshot, data: bytes) -> object:
        other = path.with_name("other.tmp")
        other.write_bytes(path.read_bytes() + b"# edited by another program\n")
        os.replace(other, path)
        return real_stage(snapshot, data)

    monkeypatch.setattr(writing, "_stage", edited_meanwhile)
    result = runner.invoke(app, ["record", "population", "2030", "1", "--data", str(data)])
    assert result.exit_code == ExitCode.BUSY, result.output
    assert "population.yaml changed on disk while it was being edited (its content changed" in (
        result.stderr
    )
    assert path.read_bytes().endswith(b"# edited by another program\n")
    assert 2030 not in load_indicator(path)[0].values  # type: ignore[union-attr]
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_an_edit_landing_between_the_check_and_the_rename_is_put_back(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last microseconds: the other program's file is renamed in after the check; the
    atomic exchange takes it out, sees it is not the file read, and puts it back."""
    if writing._renameat2() is None:
        pytest.skip("no renameat2 (not Linux): the window stays open, as documented")
    path = data / "indicators" / "population.yaml"
    snapshot = read_snapshot(path)
    real_verify = writing._verify
    calls = []

    def then_edited(s: writing.Snapshot) -> None:
        real_verify(s)
        calls.append(s)
        if len(calls) == 2:  # the check right before the rename
            path.write_bytes(path.read_bytes() + b"# late edit\n")  # in place, same inode

    monkeypatch.setattr(writing, "_verify", then_edited)
    with pytest.raises(ChangedOnDiskError, match="changed on disk while it was being written"):
        commit([(snapshot, b"ours\n")])
    assert path.read_bytes().endswith(b"# late edit\n")
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_commit_failing_on_its_second_file_puts_the_first_back(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = data / "indicators" / "foreign-language-share.yaml"
    second = data / "indicators" / "population.yaml"
    before = _snapshot(data)
    snapshots = [read_snapshot(first), read_snapshot(second)]
    real_replace = writing._replace

    def fail_second(item: writing._Staged, *, checked: bool) -> None:
        if item.snapshot.real == second.resolve():
            raise writing.OutputUnwritableError(second, "No space left on device")
        real_replace(item, checked=checked)

    monkeypatch.setattr(writing, "_replace", fail_second)
    with pytest.raises(writing.OutputUnwritableError):
        commit([(snapshots[0], b"new first\n"), (snapshots[1], b"new second\n")])
    assert _snapshot(data) == before


_EXTERNAL = """
import os, sys, time
from pathlib import Path
path, count = Path(sys.argv[1]), int(sys.argv[2])
for i in range(count):          # what sed -i does: read, write a new file, rename it over
    text = path.read_bytes()
    new = path.with_name(f".sed{os.getpid()}")
    new.write_bytes(text + f"# external edit {i}\\n".encode())
    os.replace(new, path)
    time.sleep(0.02)
"""


def test_no_external_edit_is_lost_among_concurrent_records(data: Path) -> None:
    """A sed -i style writer edits the file 150 times while 12 records add years. Every
    external edit must survive; a record either lands or refuses with exit 75."""
    path = data / "indicators" / "population.yaml"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    external = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(_EXTERNAL), str(path), "150"], env=env
    )
    records = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "intl_tracker",
                "record",
                "population",
                str(year),
                str(200000 + year),
                "--data",
                str(data),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for year in range(1990, 2002)
    ]
    errors = [r.communicate(timeout=300)[1] for r in records]
    assert external.wait(timeout=300) == 0
    codes = [r.returncode for r in records]
    assert set(codes) <= {ExitCode.OK, ExitCode.BUSY}, list(zip(codes, errors, strict=True))
    text = path.read_text(encoding="utf-8")
    lost = [i for i in range(150) if f"# external edit {i}\n" not in text]
    assert lost == []
    indicator, problems, _ = load_indicator(path)
    assert indicator is not None, problems


def test_every_record_message_states_the_status_written(data: Path, runner: CliRunner) -> None:
    new = _record(runner, data, "population", "2030", "340000")
    assert "recorded population 2030 = 340000 (final) in " in new.stderr
    replaced = _record(runner, data, "population", "2025", "325716", "--replace")
    assert (
        "replaced population 2025: 326280 (provisional) → 325716 (provisional) "
        "(its old note dropped) in "
    ) in replaced.stderr
    same = _record(runner, data, "population", "2025", "325716")
    assert "population 2025 already is 325716 (provisional); nothing to change" in same.stderr
    promoted = _record(runner, data, "population", "2025", "325716", "--status", "final")
    assert "marked population 2025 = 325716 final (was provisional) in " in promoted.stderr


def test_record_replace_keeps_the_status_unless_one_is_given(data: Path, runner: CliRunner) -> None:
    """Case 1: --replace without --status used to make a provisional value final."""
    path = data / "indicators" / "population.yaml"
    result = _record(runner, data, "population", "2025", "325716", "--replace")
    assert result.exit_code == 0, result.output
    now = load_indicator(path)[0].values[2025]  # type: ignore[union-attr]
    assert (now.value, now.status) == (325716, "provisional")
    down = _record(runner, data, "population", "2023", "314100", "--replace", "--status",
                   "estimated", "--note", "x")  # fmt: skip
    assert "replaced population 2023: 314024 (final) → 314100 (estimated) in " in (down.stderr)
    assert NewValue(2030, "1").resolved(None).status == "final"
