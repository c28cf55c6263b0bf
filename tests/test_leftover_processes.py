"""A process a test leaves running is stopped when the test ends (tests/conftest.py), so that
it cannot fail a later test when the garbage collector frees it."""

from __future__ import annotations

import signal
import subprocess
import sys

from tests.conftest import _stop


def test_a_process_left_running_is_killed_reaped_and_its_pipes_closed() -> None:
    command = [sys.executable, "-c", "import time; time.sleep(60)"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert _stop(process)  # it was running
    assert process.returncode == -signal.SIGKILL  # reaped: no "still running" warning
    assert process.stdout is not None and process.stdout.closed
    assert process.stderr is not None and process.stderr.closed
    assert not _stop(process)  # ended: nothing to do
