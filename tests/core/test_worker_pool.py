"""Worker processes (core/worker_pool.py): tasks run in order with the worker's own store, a
dead worker is noticed instead of waited for, and ``in_order`` gives every result once, in
order, whoever did the work."""

from __future__ import annotations

import os
import signal
from typing import Any

import pytest

from intl_tracker.core import worker_pool
from intl_tracker.core.worker_pool import WorkerDied, in_order, worker_group

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="forks worker processes")


def _square(store: dict[str, Any], n: int) -> tuple[int, int]:
    store.setdefault("seen", []).append(n)
    return n * n, os.getpid()


def _seen(store: dict[str, Any]) -> list[int]:
    return list(store.get("seen", []))


def _fail(store: dict[str, Any]) -> None:
    raise ValueError("broken task")


def _die(store: dict[str, Any]) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


@needs_fork
def test_a_worker_keeps_its_store_between_tasks_and_raises_a_tasks_error() -> None:
    with worker_group() as group:
        [worker] = group.start(1)
        worker.send(_square, 3)
        worker.send(_square, 4)
        assert worker.receive()[0] == 9
        assert worker.receive()[0] == 16
        worker.send(_seen)
        assert worker.receive() == [3, 4]  # the store of this process, not of the parent
        worker.send(_fail)
        with pytest.raises(ValueError, match="broken task"):
            worker.receive()
        worker.send(_seen)
        assert worker.receive() == [3, 4]  # still serving
    assert not worker.process.is_alive()  # killed when the block ended


@needs_fork
def test_a_dead_worker_is_noticed_not_waited_for() -> None:
    with worker_group() as group:
        [worker] = group.start(1)
        worker.send(_die)
        with pytest.raises(WorkerDied):
            worker.receive()
        with pytest.raises(WorkerDied):
            worker.send(_seen)
            worker.receive()


@needs_fork
@pytest.mark.parametrize("workers", [0, 1, 2])
def test_in_order_gives_each_result_once_in_order(workers: int) -> None:
    here: list[int] = []

    def locally(index: int) -> tuple[int, int]:
        here.append(index)
        return index * index, os.getpid()

    with worker_group() as group:
        started = group.start(workers)
        results = list(in_order(started, 40, _square, lambda i: (i,), locally))
    assert [r[0] for _, r in results] == [i * i for i in range(40)]
    by_workers = [r for w, r in results if w is not None]
    assert {pid for _, pid in by_workers} <= {w.process.pid for w in started}
    assert len(by_workers) + len(here) == 40
    if workers == 0:
        assert here == sorted(here, reverse=True)  # this process takes from the back


@needs_fork
def test_in_order_redoes_the_pieces_of_a_worker_that_died() -> None:
    with worker_group() as group:
        first, second = group.start(2)
        first.send(_die)  # dies while in_order counts on it
        results = list(in_order([first, second], 12, _square, lambda i: (i,), lambda i: (i * i, 0)))
    assert [r[0] for _, r in results] == [i * i for i in range(12)]
    assert all(w is not first for w, _ in results)


def test_no_process_to_be_had_leaves_the_work_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> int:
        raise OSError("no processes here")

    monkeypatch.setattr(os, "fork", refuse)
    with worker_group() as group:
        assert group.start(3) == []
        results = list(in_order([], 5, _square, lambda i: (i,), lambda i: (i, None)))
    assert [r for _, r in results] == [(i, None) for i in range(5)]


def test_jobs_default_to_one_with_the_machinery_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(worker_pool.JOBS_ENV, raising=False)
    monkeypatch.setenv("INTL_TRACKER_SPEEDUPS", "0")
    assert worker_pool.default_jobs(100_000) == 1
    monkeypatch.setenv(worker_pool.JOBS_ENV, "x")  # still a usage error
    with pytest.raises(worker_pool.UsageError):
        worker_pool.default_jobs(10)


@needs_fork
def test_a_worker_ends_when_this_process_closes_its_pipe() -> None:
    """No worker holds a copy of this process's end of a pipe, so closing it is the worker's
    end of file (where no signal on the parent's death stops it)."""
    with worker_group() as group:
        workers = group.start(3)
        for worker in workers:
            worker.connection.close()
        for worker in workers:
            worker.process.join(timeout=10)
            assert worker.process.exitcode == 0
