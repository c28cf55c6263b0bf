"""The report's JSON of a large data set, written on every core (speed only: see
:mod:`intl_tracker.core.speedups`; switched off, :func:`json_report` is ``report_of``).

The loader's workers keep the indicators they validate (``parallel_loading.KeepingWorkers``).
Once the request is checked, each worker builds the report of the shown indicators it holds
(``workflows.report_of``: assessment and view, the same code as for the whole) and their
JSON objects (``json_output.report_part``); this process does the same for the indicators it
read itself. This process never holds a worker's indicators, only stand-ins for the
catalog-wide steps (``parallel_loading._stand_in``), and no process touches another's
objects: what crosses between them is the request going in and the JSON objects coming
back. The objects are put in report order and their counts summed: the document is the one
a single process writes (``tests/app/test_parallel_report.py``). The indicators of a worker
that died are read again here from their files.

Only JSON is built this way: its rows need nothing from each other, and a table or CSV of
10,000 rows is already within its speed target on one core.

``report --by`` (every format) assesses the categories of many breakdowns on every core
(:func:`assessed_by`): each worker gets a few indicators with their breakdown files' texts,
reads the values, assesses every category and sends back the assessments; this process takes
pieces too, and the results come back in order (``worker_pool.in_order``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from intl_tracker.app.workflows import ReportRequest, report_of
from intl_tracker.core import speedups, worker_pool
from intl_tracker.core.errors import IntlTrackerError
from intl_tracker.core.worker_pool import WorkerDied, in_order, worker_group
from intl_tracker.dataset.data_dirs import display_path
from intl_tracker.dataset.loading import load_indicator
from intl_tracker.dataset.models import Indicator
from intl_tracker.dataset.parallel_loading import KeepingWorkers, held_indicators, keeping_workers
from intl_tracker.presentation.views import ReportView
from intl_tracker.render.json_documents.json_output import (
    PartedReport,
    ReportPart,
    joined_part,
    report_part,
)

if TYPE_CHECKING:  # (report --by only: not imported by the report's JSON)
    from intl_tracker.assessment.breakdowns import BreakdownAssessment, BreakdownTask, BySettings


def json_report(
    request_of: Callable[[KeepingWorkers | None], ReportRequest], lang: str
) -> ReportView | PartedReport:
    """What the report's JSON renderer writes in ``lang`` for the request that
    ``request_of(workers)`` loads and checks: the data set is read by keeping workers when it
    is large, and the rows they hold are written by them (:func:`parted_report`)."""
    if not speedups.enabled():
        return report_of(request_of(None))
    with keeping_workers() as workers:
        return parted_report(request_of(workers), lang, workers)


def _held_part(
    store: dict[str, Any], request: ReportRequest, ids: list[str], lang: str
) -> ReportPart:
    """In a worker: the JSON of the indicators ``ids`` it holds, reported as ``request``
    asks (its catalog carries the programme and the goals, no indicators)."""
    return report_part(report_of(request, held_indicators(store, ids)), lang)


def _read_again(ids: list[str], files: dict[str, Path]) -> list[Indicator]:
    """The indicators ``ids`` read again from their ``files`` (a worker holding them died).
    Raises IntlTrackerError when one is no longer valid there."""
    indicators = []
    for indicator_id in ids:
        path = files[indicator_id]
        indicator, _, _ = load_indicator(path, display_path(path))
        if indicator is None or indicator.id != indicator_id:
            raise IntlTrackerError(
                f"'{display_path(path)}' changed while the report was being written; run again"
            )
        indicators.append(indicator)
    return indicators


def parted_report(
    request: ReportRequest, lang: str, workers: KeepingWorkers | None
) -> ReportView | PartedReport:
    """What the report's JSON renderer writes for ``request`` in ``lang``: the report's view
    when no worker holds a shown indicator, else a PartedReport built by the ``workers``
    (as the loader left them) and this process."""
    shown = request.shown.indicators
    held = workers.held if workers is not None else {}
    assigned = {w: [i.id for i in shown if i.id in files] for w, files in held.items()}
    assigned = {w: ids for w, ids in assigned.items() if ids}
    if not assigned:
        return report_of(request)
    bare = replace(request, shown=request.shown.model_copy(update={"indicators": []}))
    asked = {}  # worker: whether it was asked (False: it is gone)
    for worker, ids in assigned.items():
        asked[worker] = False
        with suppress(WorkerDied):
            worker.send(_held_part, bare, ids, lang)
            asked[worker] = True
    taken = {i for ids in assigned.values() for i in ids}
    head = report_of(request, [i for i in shown if i.id not in taken])
    parts = [report_part(head, lang)]
    for worker, ids in assigned.items():
        part = None
        if asked[worker]:
            with suppress(WorkerDied):
                part = worker.receive()
        if part is None:  # the worker died: its indicators are read again here
            part = report_part(report_of(request, _read_again(ids, held[worker])), lang)
        parts.append(part)
    return PartedReport(head, (joined_part(parts, [i.id for i in shown], lang),))


# Breakdowns (indicators) per piece of work of ``report --by``.
BY_CHUNK = 10
# The category values from which ``report --by`` assesses on every core (at 100 categories x
# 20 years, 10 indicators: about a second on one core).
BY_PARALLEL_MIN_CELLS = 20_000


def assessed_by(
    tasks: Sequence[BreakdownTask], settings: BySettings
) -> list[BreakdownAssessment | None]:
    """Each task's breakdown assessed (``assessment.breakdowns.assess_task``), in order: on
    every core when the breakdown files hold many values (``worker_pool.default_jobs``: the
    speed switch and ``$INTL_TRACKER_JOBS`` apply), else here. The results are the same."""
    from intl_tracker.assessment.breakdowns import assess_task

    cells = sum(t.values.text.count("\n") for t in tasks)
    many = worker_pool.PARALLEL_MIN_FILES if cells >= BY_PARALLEL_MIN_CELLS else 0
    jobs = worker_pool.default_jobs(many)
    chunks = [tasks[i : i + BY_CHUNK] for i in range(0, len(tasks), BY_CHUNK)]
    if jobs <= 1 or len(chunks) <= 1:
        return [assess_task(t, settings) for t in tasks]
    results: list[BreakdownAssessment | None] = []
    with worker_group() as group:
        done = in_order(
            group.start(jobs - 1),
            len(chunks),
            _assessed_chunk,
            lambda index: (chunks[index], settings),
            lambda index: _assessed_chunk({}, chunks[index], settings),
        )
        for _, part in done:
            results += part
    return results


def _assessed_chunk(
    store: dict[str, Any], tasks: Sequence[BreakdownTask], settings: BySettings
) -> list[BreakdownAssessment | None]:
    """In a worker (or here): ``tasks`` assessed."""
    from intl_tracker.assessment.breakdowns import assess_task

    return [assess_task(t, settings) for t in tasks]
