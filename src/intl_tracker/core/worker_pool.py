"""The worker processes of a run on a large data set: how many, and how they are started
and stopped.

Used by the loader (parsing files) and by the report's JSON (assessing and writing rows).
Workers are forked, so they inherit the imported modules and what the parent holds; each
ignores Ctrl-C (the parent's to handle) and dies with its parent however the parent dies;
Ctrl-C, SIGTERM or an abandoned run kill them at once instead of waiting for their tasks.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import Any

from intl_tracker.core.errors import UsageError

JOBS_ENV = "INTL_TRACKER_JOBS"
# Work is spread over processes only for data sets this large: below it, starting the
# workers costs more than it saves (and the Espoo data set has 25 files).
PARALLEL_MIN_FILES = 400

# More processes than cores never helps; this bounds what $INTL_TRACKER_JOBS can start.
MAX_JOBS = 64


def usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def jobs_limit() -> int:
    """The most processes a load may use: the usable cores, at most ``MAX_JOBS``."""
    return min(usable_cores(), MAX_JOBS)


def default_jobs(count: int) -> int:
    """``$INTL_TRACKER_JOBS`` (a whole number from 1, capped at ``jobs_limit()``), else every
    core for a data set of ``PARALLEL_MIN_FILES`` files or more, else 1.

    Raises ``UsageError`` for a value that is not a positive whole number.
    """
    env = os.environ.get(JOBS_ENV, "").strip()
    if env:
        if not (env.isascii() and env.isdigit()) or int(env) < 1:
            raise UsageError(
                f"{JOBS_ENV} must be a whole number of processes from 1 "
                f"(at most {jobs_limit()} are used here), not {env[:40]!r}"
            )
        return min(int(env), jobs_limit())
    if count < PARALLEL_MIN_FILES:
        return 1
    return jobs_limit()


def worker_init() -> None:
    """Set up a worker process: Ctrl-C is the parent's to handle (it stops the workers), and
    on Linux the kernel kills the worker when the parent dies, however it dies (SIGKILL
    included), so no worker outlives the run."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # forked while the parent held them (signals_held)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD_SIGNALS)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the parent's handlers still stop us
        pass
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


_HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block ends (where the platform can hold them).

    Submitting a task may fork a worker. A signal arriving meanwhile ran its handler inside
    the fork's own callbacks, where the exception it raises cannot propagate: it was printed
    as "Exception ignored" and the run went on to exit 0 (about 1 signal in 100). Held, it is
    delivered as the block ends, in ordinary code, and stops the run as usual.
    """
    import threading

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


def result_of(future: Any, pool: Any, *, poll: float = 0.5) -> Any:
    """``future.result()``; raises ``BrokenProcessPool`` when a worker of ``pool`` died and
    the result did not come.

    A worker killed while it was sending a result (the OOM killer, ``kill -9``) leaves the
    executor's manager thread waiting for the rest of that message, and ``result()`` waiting
    forever. When a worker is dead and the result is still missing after one more ``poll``,
    this process's copy of the result pipe's write end is closed: the manager thread then reads
    the end of the pipe and marks the pool broken, as it does for a worker that died idle.
    """
    from concurrent.futures import wait
    from concurrent.futures.process import BrokenProcessPool

    noticed = False
    while True:
        done, _ = wait([future], timeout=poll)
        if done:
            return future.result()
        processes = list((getattr(pool, "_processes", None) or {}).values())
        if not any(p.exitcode is not None for p in processes):
            continue
        if not noticed:  # give the manager thread one more poll to notice by itself
            noticed = True
            continue
        _quiet_executor_manager()
        queue = getattr(pool, "_result_queue", None)
        writer = getattr(queue, "_writer", None)
        with suppress(OSError, AttributeError):
            writer.close()  # type: ignore[union-attr]
        try:
            return future.result(timeout=5 * poll)
        except TimeoutError as exc:
            raise BrokenProcessPool("a worker died while sending its result") from exc


def stop_workers(pool: Any) -> None:
    """Kill a pool's workers now (SIGKILL) instead of waiting for their chunks to finish:
    Ctrl-C, SIGTERM or an abandoned load stop in milliseconds."""
    _quiet_executor_manager()
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        with suppress(OSError, ValueError, AttributeError):
            process.kill()
    pool.shutdown(wait=False)  # cancel_futures here races the broken-pool handler (3.11)
    for process in processes:
        with suppress(OSError, ValueError, AttributeError, AssertionError):
            process.join(timeout=0.2)


def _quiet_executor_manager() -> None:
    """Keep the executor's manager thread from printing a traceback when the workers are
    killed: on Python 3.11 it marks every pending future broken, and a future cancelled by
    the work stealing above raises ``InvalidStateError`` there (fixed in 3.12). Nothing is
    lost: the load is being abandoned."""
    import threading
    from concurrent.futures import InvalidStateError

    previous = threading.excepthook
    if getattr(previous, "_intl_tracker_quiet", False):
        return

    def hook(args: Any) -> None:
        manager = type(args.thread).__name__ == "_ExecutorManagerThread"
        if manager and isinstance(args.exc_value, InvalidStateError):
            return
        previous(args)

    hook._intl_tracker_quiet = True  # type: ignore[attr-defined]
    threading.excepthook = hook


@contextmanager
def stopped_on_exit(pool: Any) -> Iterator[None]:
    """Kill the workers when the block ends by an exception (KeyboardInterrupt, SystemExit,
    a consumer that stops reading): the pool's own exit would wait for their chunks."""
    try:
        yield
    except BaseException:
        stop_workers(pool)
        raise


@contextmanager
def sigterm_raises() -> Iterator[None]:
    """While workers run, SIGTERM raises ``SystemExit(143)`` in this (main) thread, so that
    the workers are stopped before the process ends (the default action would orphan them)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _pool(workers: int) -> Any:
    """A ``ProcessPoolExecutor`` of ``workers`` processes, forked where the platform can (else
    its default start method); each is set up by :func:`worker_init` when it starts (at the
    first task)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    _quiet_executor_manager()  # a cancelled (stolen) task must not print a traceback
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=worker_init)


@contextmanager
def fork_pool(workers: int) -> Iterator[Any]:
    """A ``concurrent.futures.ProcessPoolExecutor`` of ``workers`` processes (:func:`_pool`).

    While the block runs SIGTERM raises ``SystemExit(143)`` here; a block ended by any
    exception kills the workers at once. Raises OSError when no process can be started; a
    task then raises ``concurrent.futures.process.BrokenProcessPool``.
    """
    with sigterm_raises(), _pool(workers) as pool, stopped_on_exit(pool):
        yield pool


class KeepingWorkers:
    """Worker processes that keep what they load for a later step of the same run.

    Each is a pool of one process, so that a later task reaches the process that holds the
    data. ``held[k]`` is what the loader recorded as held by ``pools[k]``: indicator ids and
    the file each was read from (to read it again should that worker die). Made by
    :func:`keeping_workers`; the loader starts them (:meth:`start`) only when it reads in
    parallel.
    """

    def __init__(self, stack: ExitStack) -> None:
        self._stack = stack
        self.pools: list[Any] = []
        self.held: list[dict[str, Path]] = []

    def hold(self, worker: int, files: dict[str, Path]) -> None:
        """Record that ``pools[worker]`` holds the indicators ``files`` names (id: file)."""
        self.held[worker].update(files)

    def start(self, count: int) -> list[Any]:
        """The pools, ``count`` of them started by the first call. Raises OSError when no
        process can be started."""
        while len(self.pools) < count:
            pool = self._stack.enter_context(_pool(1))
            self._stack.enter_context(stopped_on_exit(pool))
            self.pools.append(pool)
            self.held.append({})
        return self.pools


@contextmanager
def keeping_workers() -> Iterator[KeepingWorkers]:
    """Workers (none yet) that live until the block ends: SIGTERM raises ``SystemExit(143)``
    meanwhile, and a block ended by any exception kills them at once."""
    with sigterm_raises(), ExitStack() as stack:
        yield KeepingWorkers(stack)
