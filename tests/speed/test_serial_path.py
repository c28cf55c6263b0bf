"""The speed machinery changes nothing but the speed: every command writes the same bytes,
exit code and messages with it on (the default) and off (``INTL_TRACKER_SPEEDUPS=0``: one
process, the garbage collector as Python sets it), on the bundled data and on synthetic
data sets large enough to be read by worker processes (docs/development/speed.md)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from intl_tracker.app import parallel_report
from intl_tracker.app.workflows import report_of, report_request
from intl_tracker.cli import collector
from intl_tracker.core import speedups, worker_pool
from intl_tracker.core.vocabulary import Method, Pace
from intl_tracker.dataset import loading
from intl_tracker.presentation.views import ReportView
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from datagen import generate

EXE = str(Path(sys.executable).with_name("intl-tracker"))
LANGS = ("en", "fi", "sv")
# Above worker_pool.PARALLEL_MIN_FILES and more than two chunks of loading.CHUNK: read by
# workers whenever the machine has two cores.
SYNTHETIC_SIZE = 500


@pytest.fixture(scope="module")
def data_sets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("serial")
    return {
        "espoo": REPO / "data",
        "synthetic": generate(folder / "synthetic", SYNTHETIC_SIZE),
        "invalid": generate(folder / "invalid", SYNTHETIC_SIZE, inject_errors=True),
    }


def _commands() -> list[tuple[str, list[str]]]:
    runs = [
        *[
            (f"report-{fmt}-{lang}", ["report", "-f", fmt, "--lang", lang])
            for fmt in ("table", "json", "csv", "markdown")
            for lang in LANGS
        ],
        ("report-json-compare", ["report", "2024", "--compare", "2015", "-f", "json"]),
        ("report-json-goal", ["report", "-g", "2", "-f", "json"]),
        ("validate", ["validate"]),
        ("validate-json", ["validate", "-f", "json"]),
        ("validate-github", ["validate", "-f", "github"]),
        ("list", ["list"]),
        ("list-json", ["list", "-f", "json"]),
        ("list-goals-json", ["list", "goals", "-f", "json"]),
    ]
    return [
        (f"{data}-{name}", [*argv, "--data", data])
        for data in ("espoo", "synthetic")
        for name, argv in runs
    ]


_SHOWN = {"espoo": "foreign-language-share", "synthetic": "indicator-00007"}
CASES = [
    *_commands(),
    *[(f"{d}-show-json", ["show", i, "-f", "json", "--data", d]) for d, i in _SHOWN.items()],
    ("invalid-validate", ["validate", "--data", "invalid"]),
    ("invalid-validate-json", ["validate", "-f", "json", "--data", "invalid"]),
    ("invalid-report-json", ["report", "-f", "json", "--data", "invalid"]),
]


def _run(argv: list[str], *, fast: bool) -> tuple[int, bytes, bytes]:
    env = {k: v for k, v in os.environ.items() if k not in (speedups.SPEEDUPS_ENV, "NO_COLOR")}
    env.update({"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"})
    env.pop(worker_pool.JOBS_ENV, None)
    if not fast:
        env[speedups.SPEEDUPS_ENV] = "0"
    done = subprocess.run([EXE, *argv], capture_output=True, env=env, timeout=300, check=False)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize(("name", "argv"), CASES, ids=[name for name, _ in CASES])
def test_the_serial_path_writes_the_same_bytes(
    data_sets: dict[str, Path], name: str, argv: list[str]
) -> None:
    argv = [str(data_sets[a]) if a in data_sets else a for a in argv]
    fast, serial = _run(argv, fast=True), _run(argv, fast=False)
    assert fast[0] == serial[0]
    assert fast[2] == serial[2]  # messages, problems in the same order
    assert fast[1] == serial[1]
    assert fast[1] or fast[2]  # something was said


@pytest.mark.skipif(worker_pool.usable_cores() < 2, reason="needs two cores (a worker process)")
def test_the_synthetic_data_set_is_read_by_workers(
    data_sets: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The comparison above exercises the workers: with the machinery on, a load of the
    synthetic data set starts some and a report's JSON is written in parts."""
    monkeypatch.delenv(speedups.SPEEDUPS_ENV, raising=False)
    monkeypatch.delenv(worker_pool.JOBS_ENV, raising=False)
    started: list[object] = []
    real = worker_pool.Worker.__init__

    def counted(self: worker_pool.Worker, *args: Any, **kwargs: Any) -> None:
        started.append(self)
        real(self, *args, **kwargs)

    monkeypatch.setattr(worker_pool.Worker, "__init__", counted)

    def request_of(workers: object) -> object:
        catalog = loading.load_data_set(data_sets["synthetic"], workers=workers).catalog  # type: ignore[arg-type]
        assert catalog is not None
        return report_request(
            catalog, year=2020, goals=[], indicators=[], method=Method.RATIO,
            pace=Pace.ENDPOINTS, since=None, period=None,
        )  # fmt: skip

    parted = parallel_report.json_report(request_of, "en")  # type: ignore[arg-type]
    assert started
    assert not isinstance(parted, ReportView)  # written in parts, by the workers and here


def test_switched_off_no_worker_starts_and_the_collector_is_left_alone(
    data_sets: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(speedups.SPEEDUPS_ENV, "0")
    monkeypatch.setenv(worker_pool.JOBS_ENV, "2")  # asked for, and still one process

    def refuse(self: object, context: object) -> None:
        raise AssertionError("a worker was started with the speed machinery off")

    monkeypatch.setattr(worker_pool.Worker, "__init__", refuse)
    assert worker_pool.default_jobs(100_000) == 1
    result = loading.load_data_set(data_sets["synthetic"], jobs=2)
    assert result.catalog is not None and len(result.catalog.indicators) == SYNTHETIC_SIZE

    def request_of(workers: object) -> object:
        assert workers is None
        assert result.catalog is not None
        return report_request(
            result.catalog, year=2020, goals=[], indicators=[], method=Method.RATIO,
            pace=Pace.ENDPOINTS, since=None, period=None,
        )  # fmt: skip

    view = parallel_report.json_report(request_of, "en")  # type: ignore[arg-type]
    assert view == report_of(request_of(None))  # type: ignore[arg-type]
    assert gc.isenabled()
    collector.pause()
    assert gc.isenabled()  # untouched


@pytest.mark.parametrize(
    ("value", "on"),
    [("0", False), ("off", False), (" False ", False), ("no", False), ("", True), ("1", True)],
)
def test_the_switch_reads_its_variable(
    value: str, on: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(speedups.SPEEDUPS_ENV, value)
    assert speedups.enabled() is on
