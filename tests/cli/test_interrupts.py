"""Stopping a parallel load: Ctrl-C and SIGTERM stop at once, and no worker outlives the
run; $INTL_TRACKER_JOBS is checked and capped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.core import worker_pool
from intl_tracker.core.errors import ExitCode, UsageError

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from datagen import generate  # noqa: E402

EXE = str(Path(sys.executable).with_name("intl-tracker"))

needs_two_cores = pytest.mark.skipif(
    worker_pool.usable_cores() < 2 or not Path("/proc/self/task").exists(),
    reason="needs two cores (a worker process) and Linux /proc",
)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("big") / "data", 3_000)


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def _start_and_signal(
    big: Path, signum: int, command: tuple[str, ...] = ("validate",), delay: float = 0.1
) -> tuple[int, float, list[int]]:
    """Start a parallel ``command``, wait until a worker runs and ``delay`` seconds more,
    signal the parent; return the exit code, the seconds from the signal to the exit, and
    the workers seen."""
    env = {**os.environ, "INTL_TRACKER_JOBS": "2"}
    process = subprocess.Popen(
        [EXE, *command, "--data", str(big)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while not _children(process.pid) and time.monotonic() < deadline:
            time.sleep(0.005)
        workers = _children(process.pid)
        assert workers, "no worker started"
        time.sleep(delay)
        start = time.perf_counter()
        process.send_signal(signum)
        code = process.wait(timeout=10)
        elapsed = time.perf_counter() - start
    finally:
        if process.poll() is None:
            process.kill()
        assert process.stderr is not None
        err = process.stderr.read().decode()
        process.stderr.close()
    assert "Traceback" not in err
    return code, elapsed, workers


@needs_two_cores
@pytest.mark.parametrize(
    ("signum", "expected"),
    [(signal.SIGINT, ExitCode.INTERRUPTED), (signal.SIGTERM, ExitCode.TERMINATED)],
    ids=["SIGINT", "SIGTERM"],
)
@pytest.mark.parametrize(
    ("command", "delay"),
    [
        (("validate",), 0.1),
        (("report", "--format", "json"), 0.1),  # while the workers read
    ],
    ids=["validate", "report-json-reading"],
)
def test_signal_stops_a_parallel_run_at_once_and_its_workers_too(
    big: Path, signum: int, expected: int, command: tuple[str, ...], delay: float
) -> None:
    code, elapsed, workers = _start_and_signal(big, signum, command, delay)
    assert code == expected
    assert elapsed < 1.0  # 0.08-0.2 s measured; the rest is slack for a loaded CI machine
    time.sleep(0.2)
    assert not [w for w in workers if _alive(w)]


@needs_two_cores
def test_workers_die_with_a_killed_parent(big: Path) -> None:
    code, _, workers = _start_and_signal(big, signal.SIGKILL)
    assert code == -signal.SIGKILL
    deadline = time.monotonic() + 2
    while [w for w in workers if _alive(w)] and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not [w for w in workers if _alive(w)]


def test_jobs_variable_is_capped_at_the_usable_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(worker_pool.JOBS_ENV, "99999")
    assert worker_pool.default_jobs(10) == worker_pool.jobs_limit() <= worker_pool.MAX_JOBS


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5", "٣"])
def test_jobs_variable_must_be_a_positive_whole_number(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(worker_pool.JOBS_ENV, value)
    with pytest.raises(UsageError, match=worker_pool.JOBS_ENV):
        worker_pool.default_jobs(10)
    result = CliRunner().invoke(app, ["validate", "--data", str(REPO / "data")])
    assert result.exit_code == ExitCode.USAGE
    assert worker_pool.JOBS_ENV in result.stderr


# Sends ``signum`` to its own process when the main process starts writing its rows of the
# report (the workers are writing theirs), then runs the command line as the console does.
_SIGNAL_WHILE_WRITING = """
import os, signal, sys
from intl_tracker.app import parallel_report
main_pid, signum, seen_path = os.getpid(), int(sys.argv[1]), sys.argv[2]
write = parallel_report.report_part
def report_part(*args, **kwargs):
    if os.getpid() == main_pid:
        children = f"/proc/{main_pid}/task/{main_pid}/children"
        with open(children) as found, open(seen_path, "w") as seen:
            seen.write(found.read())
        os.kill(main_pid, signum)
    return write(*args, **kwargs)
parallel_report.report_part = report_part
sys.argv = ["intl-tracker", "report", "--format", "json", "--data", sys.argv[3]]
from intl_tracker.cli.entry_point import main
main()
"""


@needs_two_cores
@pytest.mark.parametrize(
    ("signum", "expected"),
    [(signal.SIGINT, ExitCode.INTERRUPTED), (signal.SIGTERM, ExitCode.TERMINATED)],
    ids=["SIGINT", "SIGTERM"],
)
def test_signal_while_the_workers_write_the_report_stops_them_too(
    big: Path, tmp_path: Path, signum: int, expected: int
) -> None:
    seen = tmp_path / "workers"
    result = subprocess.run(
        [sys.executable, "-c", _SIGNAL_WHILE_WRITING, str(int(signum)), str(seen), str(big)],
        capture_output=True,
        env={**os.environ, "INTL_TRACKER_JOBS": "2"},
        timeout=60,
    )
    assert result.returncode == expected, result.stderr.decode()[-2000:]
    assert b"Traceback" not in result.stderr
    assert result.stdout == b""  # nothing half-written
    workers = [int(w) for w in seen.read_text().split()]
    assert workers  # the workers were alive, writing their rows
    time.sleep(0.2)
    assert not [w for w in workers if _alive(w)]


@needs_two_cores
@pytest.mark.parametrize("delay", [0.05, 0.2, 0.4])
def test_a_killed_worker_neither_hangs_the_report_nor_changes_it(big: Path, delay: float) -> None:
    """A worker killed (the OOM killer, ``kill -9``) while it reads or sends: the main process
    reads its files itself and writes the same document. A worker killed in the middle of
    sending a result used to leave the run waiting forever."""
    command = [EXE, "report", "--format", "json", "--data", str(big)]
    alone = subprocess.run(
        command, capture_output=True, env={**os.environ, "INTL_TRACKER_JOBS": "1"}, timeout=60
    )
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "INTL_TRACKER_JOBS": "2"},
    )
    try:
        deadline = time.monotonic() + 30
        while not _children(process.pid) and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(delay)
        for worker in _children(process.pid):
            os.kill(worker, signal.SIGKILL)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err.decode()[-2000:]
    assert b"Traceback" not in err and b"Exception" not in err
    assert out == alone.stdout
