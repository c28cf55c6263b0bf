"""breaker24's review (findings 14, 15): Ctrl-C from the first moment; show --by lists the
notes of the values by category."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from intl_tracker.cli import entry_point
from intl_tracker.cli.commands import app
from intl_tracker.core.errors import ExitCode
from tests.conftest import copy_synthetic


def test_the_entry_point_imports_nothing_before_its_ctrl_c_handler() -> None:
    """Each module imported before the handler is in place widens the time in which Ctrl-C
    printed a traceback (12 of 80 random interrupts): the entry point's own imports are the
    standard library's os and signal only."""
    found = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import intl_tracker.cli.entry_point"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    modules = [line.split("|")[-1].strip() for line in found.splitlines()[1:]]
    ours = [m for m in modules if m.startswith("intl_tracker")]
    assert ours == ["intl_tracker", "intl_tracker.cli", "intl_tracker.cli.entry_point"]
    assert "dataclasses" not in modules  # core.errors' import took some 30 ms
    assert entry_point.INTERRUPTED == ExitCode.INTERRUPTED


def test_show_by_marks_each_noted_value_and_lists_its_note(tmp_path: Path) -> None:
    data = copy_synthetic(tmp_path)
    path = data / "indicators" / "employment-rate.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] += ",status,note"
    lines[1] += ',,"Source: a register, table 5"'
    lines[2:] = [line + ",," for line in lines[2:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["show", "employment-rate", "--by", "sex", "--data", str(data)], env={"COLUMNS": "160"}
    )
    assert result.exit_code == 0, result.output
    assert "62.2% [1]" in result.stdout
    assert "[1]  Source: a register, table 5" in result.stdout
    assert "[2]" not in result.stdout  # one note, one marker
