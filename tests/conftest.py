"""Shared fixtures: the CLI runner and the case directories of tests/data; and the markers
of the slow kinds of test (docs/development/testing.md).

Every test of a slow kind is also marked ``slow``, so ``pytest -m "not slow"`` is the quick
loop and ``python -m pytest`` still runs everything. The kinds are given here, in one place,
rather than on each test: whole folders and modules by path (``KIND_OF_PATH``), and
``subprocess`` found by reading the test: a test that reaches the ``subprocess`` module,
directly, through a helper of the tests or through one of its fixtures, starts a process.
A test may also carry a kind's marker itself.
"""

from __future__ import annotations

import inspect
import os
import shutil
import subprocess
import types
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

TESTS = Path(__file__).parent
CASES = TESTS / "data"
REPO = TESTS.parent
#: The synthetic data set with two crossed dimensions (labelled synthetic in its goals.yaml).
SYNTHETIC = CASES / "valid" / "breakdowns"


def copy_synthetic(root: Path) -> Path:
    """A copy of :data:`SYNTHETIC` at ``root / "data"`` for a test to edit: that folder."""
    copy = root / "data"
    shutil.copytree(SYNTHETIC, copy)
    return copy


# Typer draws errors in a Rich panel when it thinks it is in a terminal (GitHub Actions).
os.environ.setdefault("_TYPER_FORCE_DISABLE_TERMINAL", "1")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def _no_ambient_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests choose their data explicitly; a developer's INTL_TRACKER_DATA must not leak in."""
    monkeypatch.delenv("INTL_TRACKER_DATA", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("INTL_TRACKER_PXWEB_BASE", raising=False)


@pytest.fixture(autouse=True)
def _private_lock_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """record and import keep their locks in a per-user folder (updating/locks.py): tests use
    one of their own, so that they leave nothing in the developer's cache folder."""
    monkeypatch.setenv("INTL_TRACKER_LOCK_DIR", str(tmp_path_factory.getbasetemp() / "locks"))


# --- a process a test leaves running ----------------------------------------------------------
# A test that starts a command and fails before it ends (a build that did not stop within the
# test's timeout) used to leave the process running; when the garbage collector freed its
# Popen during a later test, the "subprocess ... is still running" ResourceWarning failed that
# later test (filterwarnings = error): one fault reported twice, the second time in the wrong
# place. So the processes a test's body starts are tracked, and those still running when it
# ends are killed and reaped and their pipes closed, before its fixtures are torn down; a test
# that passed but left one gets an error of its own teardown.


class _Started:
    """The processes started by the body of the running test (tracking: while it runs)."""

    tracking = False
    processes: list[subprocess.Popen[Any]] = []  # noqa: RUF012 (one list, cleared per test)


_PHASES = pytest.StashKey[dict[str, pytest.TestReport]]()
_popen_init = subprocess.Popen.__init__


def _tracked_init(self: subprocess.Popen[Any], *args: Any, **kwargs: Any) -> None:
    _popen_init(self, *args, **kwargs)
    if _Started.tracking:
        _Started.processes.append(self)


def pytest_configure(config: pytest.Config) -> None:
    subprocess.Popen.__init__ = _tracked_init  # type: ignore[method-assign]


def pytest_unconfigure(config: pytest.Config) -> None:
    subprocess.Popen.__init__ = _popen_init  # type: ignore[method-assign]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    _Started.tracking = True
    try:
        return (yield)
    finally:
        _Started.tracking = False


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Iterator[pytest.TestReport]:
    report = yield
    item.stash.setdefault(_PHASES, {})[report.when] = report
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    left = [process.pid for process in _Started.processes if _stop(process)]
    _Started.processes = []
    result = yield
    call = item.stash.get(_PHASES, {}).get("call")
    if left and call is not None and call.passed:
        pytest.fail(f"the test left its process(es) {left} running; they were killed")
    return result


def _stop(process: subprocess.Popen[Any]) -> bool:
    """Kill ``process`` if it still runs, reap it and close its pipes; whether it ran."""
    running = process.poll() is None
    if running:
        with suppress(OSError):
            process.kill()
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            stream.close()
    return running


#: The slow kinds, as registered in pyproject.toml; each implies ``slow``.
SLOW_KINDS = (
    "subprocess", "workers", "site", "browser", "interrupts", "speed", "exhaustive", "charts",
)  # fmt: skip
#: The functions that start worker processes (``intl_tracker.core.worker_pool.worker_group``,
#: ``intl_tracker.dataset.parallel_loading.keeping_workers``): a test that names one is of the
#: kind ``workers`` (tests/test_slow_kinds.py checks they still exist).
WORKER_STARTERS = frozenset({"keeping_workers", "worker_group"})
#: The functions that draw a chart with matplotlib (``intl_tracker.render.charts``,
#: ``render.breakdown_chart``, ``site.chart_svg``): a test that names one is of the kind
#: ``charts`` (tests/test_slow_kinds.py checks they still exist).
CHART_DRAWERS = frozenset({
    "write_chart", "write_charts", "write_figures", "draw_figure", "save_for_command_line",
    "write_breakdown_charts", "draw_breakdown_figure", "render_chart",
})  # fmt: skip
#: Words in a test's code that make it of a kind: the environment variable that starts
#: worker processes for any data set, the command line's option that draws a chart, and the
#: function that builds a site.
KIND_OF_WORD = {
    "INTL_TRACKER_JOBS": "workers", "JOBS_ENV": "workers",
    "--chart": "charts", "build_site": "site",
}  # fmt: skip
#: Folders and modules (relative to tests/, ``/``-separated) whose every test is of a kind.
KIND_OF_PATH = {
    "site/": "site",
    "site/test_site_browser.py": "browser",
    "speed/": "speed",
    "cli/test_interrupts.py": "interrupts",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with its slow kinds, and ``slow`` when it has any."""
    for item in items:
        kinds = {mark.name for mark in item.iter_markers() if mark.name in SLOW_KINDS}
        where = Path(str(item.path)).resolve().relative_to(TESTS.resolve()).as_posix()
        kinds.update(kind for path, kind in KIND_OF_PATH.items() if where.startswith(path))
        kinds.update(_processes_started(item))
        for kind in sorted(kinds):
            item.add_marker(kind)
        if kinds:
            item.add_marker("slow")


def _processes_started(item: pytest.Item) -> set[str]:
    """``subprocess`` and/or ``workers`` when the test function, or a fixture of the tests
    it uses, reaches the ``subprocess`` module or a function of ``WORKER_STARTERS``."""
    kinds: set[str] = set()
    seen: set[types.CodeType] = set()
    for func in _functions_of(item):
        kinds |= processes_reached(func, seen)
    return kinds


def _functions_of(item: pytest.Item) -> Iterator[Callable[..., object]]:
    function = getattr(item, "function", None)
    if function is not None:
        yield function
    # pytest keeps the fixtures a test uses here (not a public API: without it, fixtures
    # are not looked at, and a test starting a process only in a fixture is not found).
    info = getattr(item, "_fixtureinfo", None)
    for definitions in getattr(info, "name2fixturedefs", {}).values():
        for definition in definitions:
            yield definition.func


def processes_reached(
    func: Callable[..., object], seen: set[types.CodeType] | None = None
) -> set[str]:
    """The kinds of process ``func`` starts, read from its code and from the code of every
    function of the tests it names (not run): ``subprocess`` when it names the ``subprocess``
    module or one of its functions, ``workers`` when it names one of ``WORKER_STARTERS``,
    ``charts`` when it names one of ``CHART_DRAWERS``, and the kind of any word of
    ``KIND_OF_WORD`` in its names or strings."""
    seen = set() if seen is None else seen
    inner = getattr(getattr(func, "hypothesis", None), "inner_test", None)  # under @given
    func = inspect.unwrap(inner or func)  # functools.wraps
    code = getattr(func, "__code__", None)
    if code is None or code in seen:
        return set()
    seen.add(code)
    names = getattr(func, "__globals__", {})
    words = (*_names_in(code), *_words_in(code))
    kinds = {KIND_OF_WORD[word] for word in words if word in KIND_OF_WORD}
    for name in _names_in(code):
        value = names.get(name)
        if name in WORKER_STARTERS:
            kinds.add("workers")
        if name in CHART_DRAWERS:
            kinds.add("charts")
        if _of_subprocess(value):
            kinds.add("subprocess")
        elif inspect.isfunction(value) and value.__module__.startswith("tests"):
            kinds |= processes_reached(value, seen)
    return kinds


def _of_subprocess(value: object) -> bool:
    """The ``subprocess`` module or a name imported from it (compared by name, so that this
    code, which names no such thing, is of no kind itself)."""
    if inspect.ismodule(value):
        return value.__name__ == "subprocess"
    return getattr(value, "__module__", None) == "subprocess"


def _names_in(code: types.CodeType) -> Iterator[str]:
    """The global and attribute names of ``code`` and of the functions defined inside it."""
    yield from code.co_names
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            yield from _names_in(constant)


def _words_in(code: types.CodeType) -> Iterator[str]:
    """The string constants of ``code`` and of the functions defined inside it."""
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            yield from _words_in(constant)
        elif isinstance(constant, str):
            yield constant
        elif isinstance(constant, tuple):
            yield from (c for c in constant if isinstance(c, str))
