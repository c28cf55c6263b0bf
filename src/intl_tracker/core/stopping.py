"""Stopping a run at a signal (Ctrl-C, SIGTERM, SIGHUP), wherever its main thread is.

Python runs a signal's handler in the main thread between two steps of whatever Python code
runs there, and the exception the handler raises (``KeyboardInterrupt``, or the
``SystemExit(128 + signal)`` of :func:`signals_stop`) stops that code. When that code is a
finaliser (a ``__del__``, a weakref callback, a callback around a fork) run by the garbage
collector or by a reference count reaching zero, Python cannot raise the exception there: it
prints "Exception ignored in ..." and carries on, and the signal is lost. Drawing a chart frees
matplotlib's objects, whose weakref callbacks run all the time, so about one signal in ten sent
to a site build under load was lost this way and the build went on to its end.

While a :func:`signals_stop` block runs, a stop so lost is raised again: Python hands the
ignored exception to ``sys.unraisablehook``, which this block replaces; the hook notes it, and a
timer (``SIGALRM``, after :data:`AGAIN_AFTER` s) raises it again once the finaliser is done (and
again, if that too lands in a finaliser). Where there is no such timer (Windows) it is raised
when the block ends. :func:`signals_held` keeps Ctrl-C and SIGTERM waiting while a block must not
be cut in half (a fork, files being moved into place).
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any, ClassVar

#: The signals that end a run with ``SystemExit(128 + signal)`` inside :func:`signals_stop`
#: (their default action would end the process on the spot, without cleaning up).
STOP_SIGNALS = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))
#: Seconds after which a stop lost in a finaliser is raised again.
AGAIN_AFTER = 0.005

_HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM}


class Stopped(SystemExit):
    """A stop signal's ``SystemExit``: exit code ``128 + signum`` (143 for SIGTERM)."""

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)
        self.signum = signum


class _State:
    """The stop lost in a finaliser and not yet raised again, and the hooks replaced by the
    blocks running (only the main thread, where handlers and the hook run, uses it)."""

    lost: ClassVar[BaseException | None] = None
    previous_hooks: ClassVar[list[Callable[[Any], object]]] = []


def _again(stop: BaseException) -> BaseException:
    return Stopped(stop.signum) if isinstance(stop, Stopped) else KeyboardInterrupt()


def _arm_timer() -> None:
    if hasattr(signal, "setitimer"):
        signal.setitimer(signal.ITIMER_REAL, AGAIN_AFTER)


def _in_hook(frame: FrameType | None) -> bool:
    """Whether a handler runs inside :func:`_hook` (called from any of its frames), where
    an exception it raised would be lost too, without reaching the hook again."""
    while frame is not None:
        if frame.f_code is _hook.__code__:
            return True
        frame = frame.f_back
    return False


def _stop(stop: BaseException, frame: FrameType | None) -> None:
    if _in_hook(frame):  # raise it once the hook is done
        _State.lost = stop
        _arm_timer()
        return
    raise stop


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    _stop(Stopped(signum), frame)


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    _stop(KeyboardInterrupt(), frame)


def _raise_lost(signum: int, frame: FrameType | None) -> None:
    """The timer's handler: raise the lost stop again."""
    lost, _State.lost = _State.lost, None
    if lost is not None:
        _stop(_again(lost), frame)


def _hook(unraisable: Any) -> None:
    """``sys.unraisablehook`` inside :func:`signals_stop`: a stop lost in a finaliser is noted
    and raised again by the timer; anything else goes to the hook that was there before."""
    if isinstance(unraisable.exc_value, (KeyboardInterrupt, Stopped)):
        _State.lost = unraisable.exc_value
        _arm_timer()
    else:
        _State.previous_hooks[-1](unraisable)


@contextmanager
def signals_stop() -> Iterator[None]:
    """While the block runs (in the main thread), SIGTERM and SIGHUP raise
    ``Stopped(signal)`` (a ``SystemExit`` with code 128 + signal) and Ctrl-C raises
    ``KeyboardInterrupt`` (unless it was ignored), so that the ``finally`` blocks inside stop
    workers and remove temporary files before the process ends; a stop that lands in a
    finaliser is raised again (see the module's description). Blocks nest."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handlers: dict[int, Any] = {s: signal.signal(s, _raise_stop) for s in STOP_SIGNALS}
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        handlers[signal.SIGINT] = signal.signal(signal.SIGINT, _raise_interrupt)
    if hasattr(signal, "setitimer"):
        handlers[signal.SIGALRM] = signal.signal(signal.SIGALRM, _raise_lost)
    _State.previous_hooks.append(sys.unraisablehook)
    sys.unraisablehook = _hook
    try:
        yield
        lost, _State.lost = _State.lost, None
        if lost is not None:  # lost where no timer raised it again: raise it here
            raise _again(lost)
    finally:
        sys.unraisablehook = _State.previous_hooks.pop()
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
        _after_block()


def _after_block() -> None:
    """A stop still lost is left to the block around (its timer raises it), or forgotten
    with the timer when no block is left."""
    if not hasattr(signal, "setitimer"):
        _State.lost = None
    elif _State.lost is not None and signal.getsignal(signal.SIGALRM) is _raise_lost:
        _arm_timer()
    else:
        _State.lost = None
        signal.setitimer(signal.ITIMER_REAL, 0)


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block ends (where the platform can hold them).

    Starting a worker forks. A signal arriving meanwhile ran its handler inside the fork's
    own callbacks, where the exception it raises cannot propagate: it was printed as
    "Exception ignored" and the run went on to exit 0 (about 1 signal in 100). Held, it is
    delivered as the block ends, in ordinary code, and stops the run as usual.
    """
    if not hasattr(signal, "pthread_sigmask") or (
        threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def release_in_worker() -> None:
    """In a forked worker: let the signals :func:`signals_held` held at the fork through."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD_SIGNALS)
