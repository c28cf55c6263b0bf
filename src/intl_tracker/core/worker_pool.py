"""Worker processes for a run on a large data set (speed only: see :mod:`speedups`).

A :class:`Worker` is one process, forked where the platform can, that runs the tasks sent to
it one after another and sends back each result. Between tasks it keeps a dict of its own,
its *store*: a task is called as ``task(store, *args)``, so that a later task of the same run
can use what an earlier one left there (the report's JSON is written by the workers that
validated its indicators: :mod:`intl_tracker.app.parallel_report`).

Built on :mod:`multiprocessing`'s public ``Process`` and ``Pipe`` and nothing else: no thread
is started, and a worker that dies (the OOM killer, ``kill -9``), even in the middle of
sending a result, closes its end of the pipe, so :meth:`Worker.receive` raises
:class:`WorkerDied` instead of waiting. Each worker ignores Ctrl-C (the parent's to handle)
and dies with its parent however the parent dies; the workers of a :func:`worker_group` are
killed when its block ends.

:func:`in_order` spreads numbered pieces of work over some workers and this process and
gives back their results in order: what the parallel loader uses.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

from intl_tracker.core import speedups, stopping
from intl_tracker.core.errors import UsageError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import DefaultContext, ForkContext

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
    """The processes to read ``count`` files with: 1 when the speed machinery is off
    (``$INTL_TRACKER_SPEEDUPS=0``), else ``$INTL_TRACKER_JOBS`` (a whole number from 1, capped
    at ``jobs_limit()``), else every core for ``PARALLEL_MIN_FILES`` files or more, else 1.

    Raises ``UsageError`` for a ``$INTL_TRACKER_JOBS`` that is not a positive whole number.
    """
    env = os.environ.get(JOBS_ENV, "").strip()
    if env and (not (env.isascii() and env.isdigit()) or int(env) < 1):
        raise UsageError(
            f"{JOBS_ENV} must be a whole number of processes from 1 "
            f"(at most {jobs_limit()} are used here), not {env[:40]!r}"
        )
    if not speedups.enabled():
        return 1
    if env:
        return min(int(env), jobs_limit())
    if count < PARALLEL_MIN_FILES:
        return 1
    return jobs_limit()


class WorkerDied(Exception):
    """A worker process ended before it sent the result of a task."""


# A task runs in a worker as task(store, *args); it and its arguments are pickled (a
# module-level function), and so is what it returns or raises.
Task = Callable[..., Any]


class Worker:
    """One worker process and the pipe to it. ``others``: this process's ends of the pipes of
    the workers started before, which the new one closes (a forked worker inherits them).
    Raises OSError when no process can be started."""

    def __init__(
        self, context: ForkContext | DefaultContext, others: Sequence[Connection] = ()
    ) -> None:
        here, there = context.Pipe()
        args = (there, here, *others)
        self.process = context.Process(target=_serve, args=args, daemon=True)
        try:
            with stopping.signals_held():  # a signal during the fork is delivered after it
                self.process.start()
        except BaseException:
            here.close()
            raise
        finally:
            there.close()  # the worker holds the only other end: its death is our end of file
        self.connection: Connection = here

    def send(self, task: Task, *args: Any) -> None:
        """Queue ``task(store, *args)`` after the tasks sent before. Raises WorkerDied."""
        try:
            self.connection.send((task, args))
        except OSError as exc:  # BrokenPipeError, ConnectionResetError: the worker is gone
            raise WorkerDied(f"worker {self.process.pid} is gone") from exc

    def receive(self) -> Any:
        """The result of the oldest task not received yet (waiting for it); the exception it
        raised is raised here. Raises WorkerDied when the worker ended first."""
        try:
            ok, value = self.connection.recv()
        except (EOFError, OSError) as exc:
            raise WorkerDied(f"worker {self.process.pid} ended without its result") from exc
        if not ok:
            raise value
        return value

    def stop(self) -> None:
        """Kill the process now (it holds nothing that needs saving) and reap it."""
        with suppress(OSError, ValueError, AttributeError):
            self.process.kill()
        with suppress(OSError, ValueError, AssertionError):
            self.process.join(timeout=1.0)
        self.connection.close()


def _serve(connection: Connection, *parent_ends: Connection) -> None:
    """A worker's life: run each task sent, in order, with the worker's own store, and send
    back its result or its exception; end when the parent closes the pipe. ``parent_ends``:
    the parent's ends of this and the other workers' pipes, inherited by a fork and closed
    here first, so that only the parent holds them."""
    for end in parent_ends:
        end.close()
    worker_init()
    store: dict[str, Any] = {}
    while True:
        try:
            task, args = connection.recv()
        except EOFError:
            return
        try:
            reply = (True, task(store, *args))
        except Exception as exc:  # a bug: raised again in the parent, which exits 4
            reply = (False, exc)
        try:
            connection.send(reply)
        except (TypeError, AttributeError, ValueError) as exc:  # could not be pickled
            connection.send((False, RuntimeError(f"a worker's reply could not be sent: {exc}")))


def worker_init() -> None:
    """Set up a worker process: Ctrl-C is the parent's to handle (it stops the workers), and
    on Linux the kernel kills the worker when the parent dies, however it dies (SIGKILL
    included), so no worker outlives the run."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    stopping.release_in_worker()  # forked while the parent held them (signals_held)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the parent's handlers still stop us
        pass
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


def _context() -> ForkContext | DefaultContext:
    """Fork where the platform can (the workers inherit the imported modules), else the
    platform's default start method."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


class WorkerGroup:
    """The workers of one :func:`worker_group` block, none started until :meth:`start`."""

    def __init__(self) -> None:
        self.workers: list[Worker] = []

    def start(self, count: int) -> list[Worker]:
        """The group's workers, ``count`` of them started by the first call that asks for
        that many; fewer (none) when the system refuses a process (a sandbox, a limit)."""
        context = _context()
        while len(self.workers) < count:
            try:
                self.workers.append(Worker(context, [w.connection for w in self.workers]))
            except OSError:
                break
        return self.workers

    def stop(self) -> None:
        for worker in self.workers:
            worker.stop()


@contextmanager
def worker_group() -> Iterator[WorkerGroup]:
    """Workers (none yet) for the block: while it runs, SIGTERM raises ``SystemExit(143)``
    here (:func:`stopping.signals_stop`: also when it lands in a finaliser); when it ends,
    however it ends, the workers are killed at once."""
    group = WorkerGroup()
    with stopping.signals_stop():
        try:
            yield group
        finally:
            group.stop()


# Tasks sent to a worker ahead of its results: one to work on and one waiting, so that it
# never waits for this process (which may be doing a piece of its own meanwhile).
IN_FLIGHT = 2


def in_order(
    workers: Sequence[Worker],
    count: int,
    task: Task,
    args: Callable[[int], tuple[Any, ...]],
    here: Callable[[int], Any],
) -> Iterator[tuple[Worker | None, Any]]:
    """The results of ``count`` pieces of work, in order, each with the worker that did it.

    Piece ``i`` is done by a worker as ``task(store, *args(i))``, or by this process as
    ``here(i)`` (then the worker is None). Workers take the pieces from the front of the
    queue; while the next result in order is not back, this process takes pieces from its
    back (work stealing: every core stays busy whatever the speed of each). The pieces a
    worker took and did not send back when it died go back to the front of the queue. With
    no workers, this process does every piece. An exception a task raised is raised here.
    """
    schedule = _Schedule(workers, count, task, args, here)
    for index in range(count):
        yield schedule.result(index)


class _Schedule:
    """The pieces of one :func:`in_order`: who does which, and the results not yet taken."""

    def __init__(
        self,
        workers: Sequence[Worker],
        count: int,
        task: Task,
        args: Callable[[int], tuple[Any, ...]],
        here: Callable[[int], Any],
    ) -> None:
        self.task, self.args, self.here = task, args, here
        self.queue = deque(range(count))  # pieces no one has started, in order
        self.sent: dict[Worker, deque[int]] = {w: deque() for w in workers}
        self.done: dict[int, tuple[Worker | None, Any]] = {}
        for worker in workers:
            self._feed(worker)

    def result(self, index: int) -> tuple[Worker | None, Any]:
        """Piece ``index`` done, by a worker or, while it is not back, by this process."""
        from multiprocessing.connection import wait

        while index not in self.done:
            busy = {w.connection: w for w, pieces in self.sent.items() if pieces}
            if not busy and not self.queue:
                raise RuntimeError(f"piece {index} was never done")  # a bug in the schedule
            ready = wait(list(busy), timeout=0 if self.queue else None)
            if not ready:
                last = self.queue.pop()
                self.done[last] = (None, self.here(last))
            for connection in ready:
                self._take(busy[connection])  # type: ignore[index]
        return self.done.pop(index)

    def _take(self, worker: Worker) -> None:
        """The result of ``worker``'s oldest piece, then the next piece for it."""
        try:
            result = worker.receive()
        except WorkerDied:
            self._lose(worker)
            return
        self.done[self.sent[worker].popleft()] = (worker, result)
        self._feed(worker)

    def _feed(self, worker: Worker) -> None:
        while self.queue and len(self.sent[worker]) < IN_FLIGHT:
            index = self.queue.popleft()
            self.sent[worker].append(index)
            try:
                worker.send(self.task, *self.args(index))
            except WorkerDied:
                self._lose(worker)
                return

    def _lose(self, worker: Worker) -> None:
        """A worker died: the pieces it did not send back go to the front of the queue."""
        self.queue.extendleft(reversed(self.sent.pop(worker)))
