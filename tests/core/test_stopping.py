"""A signal stops a run wherever its main thread is: also when the handler runs inside a
finaliser (``__del__``, a weakref callback run by the garbage collector), where Python
prints "Exception ignored" and drops the exception. That is how a site build under load
missed one SIGTERM in ten and drew on to its end (tests/site/test_site_folder.py)."""

from __future__ import annotations

import gc
import os
import signal
import sys
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest

from intl_tracker.core import stopping
from intl_tracker.site.folder import signals_end_the_build

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="POSIX signals")


@pytest.fixture(autouse=True)
def _ctrl_c_as_in_a_terminal() -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt, as in a terminal, also when the tests run in the
    background, where it is ignored (and ``signals_stop`` rightly leaves it so)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def _step() -> None:
    """A Python call: a point where the interpreter runs pending signal handlers."""


def _signal_here(signum: int) -> None:
    os.kill(os.getpid(), signum)
    _step()


class _SignalledWhenFreed:
    def __init__(self, signum: int) -> None:
        self.signum = signum

    def __del__(self) -> None:
        _signal_here(self.signum)


def _in_del(signum: int) -> None:
    _SignalledWhenFreed(signum)  # freed at once: the handler runs inside __del__


class _Node:
    cycle: Any


def _in_weakref_callback_of_the_collector(signum: int) -> None:
    node = _Node()
    node.cycle = node  # only the garbage collector frees it
    keep = weakref.ref(node, lambda ref: _signal_here(signum))
    del node
    gc.collect()
    assert keep() is None


def _keep_working(seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        _step()


BLOCKS: dict[str, Callable[[], AbstractContextManager[None]]] = {
    "signals_stop": stopping.signals_stop,
    "site build": signals_end_the_build,
}


@pytest.mark.parametrize("block", BLOCKS)
@pytest.mark.parametrize(
    "where", [_in_del, _in_weakref_callback_of_the_collector], ids=["__del__", "gc-weakref"]
)
@pytest.mark.parametrize(
    ("signum", "stop", "code"),
    [(signal.SIGTERM, SystemExit, 143), (signal.SIGINT, KeyboardInterrupt, None)],
    ids=["SIGTERM", "SIGINT"],
)
def test_a_signal_that_lands_in_a_finaliser_still_stops_the_block(
    block: str,
    where: Callable[[int], None],
    signum: int,
    stop: type[BaseException],
    code: int | None,
) -> None:
    worked_on: list[bool] = []
    with pytest.raises(stop) as raised, BLOCKS[block]():
        where(signum)
        _keep_working()  # before the fix: the whole 5 s, then no exception
        worked_on.append(True)
    assert not worked_on  # stopped in the middle of the work, not at the block's end
    if code is not None:
        assert isinstance(raised.value, SystemExit) and raised.value.code == code


def test_the_block_leaves_no_timer_handler_or_hook_behind() -> None:
    hook, term = sys.unraisablehook, signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit), stopping.signals_stop():
        _in_del(signal.SIGTERM)
        _keep_working()
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert sys.unraisablehook is hook
    assert signal.getsignal(signal.SIGTERM) is term
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_other_ignored_exceptions_still_reach_the_hook_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[BaseException] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: seen.append(u.exc_value))

    class Broken:
        def __del__(self) -> None:
            raise ValueError("a broken finaliser")

    with stopping.signals_stop():
        Broken()
    assert [type(e) for e in seen] == [ValueError]


def test_a_nested_block_hands_a_stop_lost_at_its_end_to_the_block_around() -> None:
    with pytest.raises(SystemExit) as raised, stopping.signals_stop():
        with stopping.signals_stop():
            _in_del(signal.SIGTERM)
        _keep_working()
    assert raised.value.code == 143


def test_a_ctrl_c_ignored_by_the_parent_stays_ignored() -> None:
    """``nohup`` or a background job: the run keeps ignoring Ctrl-C (cli/entry_point.py)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with stopping.signals_stop():
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
