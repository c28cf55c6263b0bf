"""Process behaviour: exit codes for a closed output, a bug, an interruption."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from intl_tracker.cli import commands as cli
from intl_tracker.core.errors import ExitCode

EXE = str(Path(sys.executable).with_name("intl-tracker"))
# An explicit year: without one, report says on stderr which year it chose and why.
COMMANDS = [
    ["report", "2024"],
    ["report", "2024", "-f", "json"],
    ["report", "2024", "-f", "csv"],
    ["show", "foreign-language-share"],
    ["list"],
    ["schema"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_reader_gone_before_the_first_write_exits_3_quietly(args: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # as `| head` does once it has its lines
    try:
        run = subprocess.run(
            [EXE, *args], stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=60
        )
    finally:
        os.close(write_end)
    assert run.returncode == ExitCode.OUTPUT_CLOSED
    assert "error" not in run.stderr and "Traceback" not in run.stderr


def test_full_disk_exits_3() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        run = subprocess.run([EXE, "report"], stdout=full, stderr=subprocess.PIPE, timeout=60)
    assert run.returncode == ExitCode.OUTPUT_CLOSED
    assert b"Traceback" not in run.stderr


def test_closed_stdout_exits_3() -> None:
    run = subprocess.run(
        f"exec '{EXE}' report >&-", shell=True, stderr=subprocess.PIPE, timeout=60, check=False
    )
    assert run.returncode == ExitCode.OUTPUT_CLOSED


def _a_bug(*args: object, **kwargs: object) -> None:
    raise ZeroDivisionError("float division by zero")


def test_internal_error_is_one_line_with_exit_4(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)
    monkeypatch.setattr("intl_tracker.render.json_documents.schemas.json_schema", _a_bug)
    assert cli.run(["schema"]) == ExitCode.INTERNAL
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "internal error" in err and "ZeroDivisionError" in err and cli.DEBUG_ENV in err
    assert "Traceback" not in err


def test_debug_variable_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(cli.DEBUG_ENV, "1")
    monkeypatch.setattr("intl_tracker.render.json_documents.schemas.json_schema", _a_bug)
    assert cli.run(["schema"]) == ExitCode.INTERNAL
    assert "Traceback" in capsys.readouterr().err


def test_parser_usage_error_is_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.run(["report", "--nope"]) == ExitCode.USAGE
    assert "No such option" in capsys.readouterr().err


def test_keyboard_interrupt_is_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("intl_tracker.render.json_documents.schemas.json_schema", interrupted)
    assert cli.run(["schema"]) == ExitCode.INTERRUPTED


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,000 indicators: every format's document is several times a pipe's 64 kB buffer."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from datagen import generate

    return generate(tmp_path_factory.mktemp("large") / "data", 2_000)


@pytest.mark.parametrize("fmt", ["json", "table", "markdown", "csv"])
def test_reader_gone_in_the_middle_of_a_large_document_exits_3(fmt: str, large: Path) -> None:
    """A document larger than the pipe's buffer, read only in part (``| head -c 100``): a
    write that took only what fitted used to be ignored, the rest dropped with exit 0."""
    run = subprocess.run(
        f"'{EXE}' report --data '{large}' --format {fmt} | head -c 100 >/dev/null;"
        " exit ${PIPESTATUS[0]}",
        shell=True,
        executable="/bin/bash",
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
    )
    assert run.returncode == ExitCode.OUTPUT_CLOSED, run.stderr[-500:]
    assert "Traceback" not in run.stderr
