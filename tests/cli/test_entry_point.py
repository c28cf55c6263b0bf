"""Ctrl-C while the command line is still being imported exits 130 without a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from tests.conftest import REPO


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT")
@pytest.mark.parametrize("after", ["intl_tracker.cli.entry_point", "typer"])
def test_an_interrupt_during_the_imports_exits_130_quietly(after: str) -> None:
    # -X importtime reports each import as it finishes: the first import reported after
    # ``after`` is one of the command line's own, so the signal lands inside the imports.
    command = [sys.executable, "-X", "importtime", "-m", "intl_tracker", "report", "2024",
               "--data", str(REPO / "data")]  # fmt: skip
    with subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    ) as process:
        assert process.stderr is not None
        seen: list[str] = []
        for line in process.stderr:
            if seen and seen[-1] == after:
                process.send_signal(signal.SIGINT)
                break
            seen.append(line.split("|")[-1].strip())
        else:
            pytest.fail(f"{after} was never imported")
        rest = process.stderr.read()
        code = process.wait(timeout=30)
    assert "intl_tracker.cli.commands" not in seen  # the signal came before the command line was in
    assert code == 130
    assert "Traceback" not in rest and "KeyboardInterrupt" not in rest


@pytest.mark.parametrize(
    ("speedups", "given", "expected"),
    [
        (None, None, "1"),  # the console script builds pydantic's validators without plugins
        (None, "", ""),  # a value the user set is kept (empty: plugins on)
        ("0", None, None),  # the speed machinery off: pydantic as it is
    ],
)
def test_the_console_script_turns_pydantic_plugins_off_unless_told_otherwise(
    monkeypatch: pytest.MonkeyPatch, speedups: str | None, given: str | None, expected: str | None
) -> None:
    from intl_tracker.cli import entry_point

    for name, value in (("INTL_TRACKER_SPEEDUPS", speedups), ("PYDANTIC_DISABLE_PLUGINS", given)):
        monkeypatch.setenv(name, "")  # so that the variable is restored after the test
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    entry_point._no_pydantic_plugins()
    assert os.environ.get("PYDANTIC_DISABLE_PLUGINS") == expected
