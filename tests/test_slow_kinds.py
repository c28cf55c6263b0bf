"""The markers of the slow kinds (tests/conftest.py): what they find, and that the quick loop
``pytest -m "not slow"`` leaves them out while CI and the README's command run everything."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from subprocess import run as run_imported

from hypothesis import given
from hypothesis import strategies as st

from intl_tracker.core import worker_pool
from intl_tracker.dataset import parallel_loading
from intl_tracker.render import breakdown_chart, charts
from intl_tracker.site import chart_svg
from tests.conftest import CHART_DRAWERS, REPO, SLOW_KINDS, WORKER_STARTERS, processes_reached


def _runs_a_process() -> None:
    subprocess.run([sys.executable, "-c", "pass"], check=True)


def _through_a_helper() -> None:
    _runs_a_process()


def _through_an_imported_name() -> None:
    run_imported([sys.executable, "-c", "pass"], check=True)


def _inside_a_lambda() -> object:
    return lambda: subprocess.Popen


def _in_process() -> int:
    return sum(range(3))


def _with_workers() -> None:
    with parallel_loading.keeping_workers():
        pass


@given(st.integers())
def _a_property(value: int) -> None:
    _runs_a_process()


# Held in a tuple, so that the tests below, which name only the tuple, are of no kind.
STARTING_A_PROCESS = (
    _runs_a_process,
    _through_a_helper,
    _through_an_imported_name,
    _inside_a_lambda,
    _a_property,  # under Hypothesis' wrapper
)


def _with_the_jobs_variable() -> dict[str, str]:
    return {"INTL_TRACKER_JOBS": "2"}


def _drawing() -> None:
    charts.write_chart  # noqa: B018


def _with_the_chart_option() -> list[str]:
    return ["show", "osuus", "--chart", "out.png"]


SAMPLES = {
    "in one process": _in_process,
    "with workers": _with_workers,
    "jobs variable": _with_the_jobs_variable,
    "drawing": _drawing,
    "chart option": _with_the_chart_option,
}


def test_a_process_is_found_however_it_is_started() -> None:
    for func in STARTING_A_PROCESS:
        assert processes_reached(func) == {"subprocess"}, func.__name__


def test_a_test_in_one_process_is_no_kind() -> None:
    assert processes_reached(SAMPLES["in one process"]) == set()


def test_worker_processes_are_their_own_kind() -> None:
    assert processes_reached(SAMPLES["with workers"]) == {"workers"}
    for name in WORKER_STARTERS:  # renamed or moved: update WORKER_STARTERS in conftest.py
        found = [getattr(m, name, None) for m in (worker_pool, parallel_loading)]
        assert any(callable(f) for f in found), name


def test_setting_the_jobs_variable_starts_workers() -> None:
    assert processes_reached(SAMPLES["jobs variable"]) == {"workers"}


def test_drawing_a_chart_is_its_own_kind() -> None:
    assert processes_reached(SAMPLES["drawing"]) == {"charts"}
    assert processes_reached(SAMPLES["chart option"]) == {"charts"}
    for name in CHART_DRAWERS:  # renamed or moved: update CHART_DRAWERS in conftest.py
        found = [getattr(m, name, None) for m in (charts, breakdown_chart, chart_svg)]
        assert any(callable(f) for f in found), name


def test_every_kind_and_slow_are_registered_markers() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    markers = config["tool"]["pytest"]["ini_options"]["markers"]
    registered = {line.split(":", 1)[0] for line in markers}
    assert {*SLOW_KINDS, "slow"} <= registered


def test_ci_runs_every_test_and_requires_the_browser() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    (line,) = [line for line in script.splitlines() if "-m pytest" in line]
    assert line.startswith("INTL_TRACKER_REQUIRE_BROWSER=1 ")
    assert not re.search(r"\s-m\s+['\"]?not", line)  # no marker selection: everything runs


def test_the_quick_loop_leaves_out_each_slow_kind() -> None:
    """Collected as pytest does: the site, speed and interrupt tests and the tests that
    start a process are all deselected by ``-m "not slow"``, and only they."""

    def collected(*args: str) -> set[str]:
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "--collect-only",
                "-q",
                "-p",
                "no:cacheprovider",
                *args,
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
        ).stdout
        return {line.split("[")[0] for line in out.splitlines() if "::" in line}

    slow_folders = ["tests/site", "tests/speed", "tests/cli/test_interrupts.py"]
    assert collected("-m", "not slow", *slow_folders) == set()
    assert collected("-m", "slow", *slow_folders) == collected(*slow_folders) != set()
    process = "tests/cli/test_process.py"
    quick = collected("-m", "not slow", process)
    assert quick and f"{process}::test_closed_stdout_exits_3" not in quick  # starts the CLI
    assert f"{process}::test_closed_stdout_exits_3" in collected("-m", "subprocess", process)
    assert collected("-m", "slow", process) | quick == collected(process)
