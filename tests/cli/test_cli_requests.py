"""Requests that cannot be met exit 2 with a message; --goal takes a number; chart files
appear whole or not at all."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import BinaryIO

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.core.errors import ExitCode
from tests.conftest import REPO

DATA = str(REPO / "data")


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [*args, "--data", DATA], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["report", "99999"],
        ["report", "1066"],
        ["report", "--since", "-5"],
        ["report", "--compare", "-1"],
        ["show", "foreign-language-share", "--year", "99999"],
        ["show", "foreign-language-share", "--since", "-5"],
    ],
    ids=lambda a: " ".join(a),
)
def test_years_outside_the_valid_range_are_usage_errors(args: list[str]) -> None:
    code, out, err = _run(*args)
    assert code == ExitCode.USAGE, err
    assert out == ""
    assert "1800-2200" in err or "before" in err


def test_contradictory_filters_are_a_usage_error() -> None:
    code, out, err = _run("report", "-i", "ghg-emissions", "--goal", "known-and-attractive")
    assert code == ExitCode.USAGE
    assert "belongs to the goal 'sustainable-city'" in err
    assert out == ""


def test_goal_by_number_equals_goal_by_id() -> None:
    by_number = _run("report", "2024", "--goal", "3", "-f", "csv")
    by_id = _run("report", "2024", "--goal", "known-and-attractive", "-f", "csv")
    assert by_number[0] == by_id[0] == 0
    assert by_number[1] == by_id[1]
    assert by_number[1].count("\n") > 2
    code, _, err = _run("report", "--goal", "9")
    assert code == ExitCode.USAGE and "no goal '9'" in err


def test_chart_file_is_replaced_whole_or_not_at_all(tmp_path: Path) -> None:
    from intl_tracker.render.charts import _save_atomically

    target = tmp_path / "chart.svg"
    target.write_bytes(b"<svg>old</svg>")

    def interrupted(stream: BinaryIO) -> None:
        stream.write(b"<svg>half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _save_atomically(target, interrupted)
    assert target.read_bytes() == b"<svg>old</svg>"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.svg"]  # no temporary left

    # Two writers at once, each writing in several steps: the file is one of them, whole.
    both_started = threading.Barrier(2)

    def writer(mark: bytes) -> None:
        def write(stream: BinaryIO) -> None:
            for part in (b"<svg>", mark * 1000, b"</svg>"):
                stream.write(part)
                stream.flush()
                if part == b"<svg>":
                    both_started.wait(timeout=5)

        _save_atomically(target, write)

    threads = [threading.Thread(target=writer, args=(m,)) for m in (b"a", b"b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert target.read_bytes() in (
        b"<svg>" + b"a" * 1000 + b"</svg>",
        b"<svg>" + b"b" * 1000 + b"</svg>",
    )
