"""The report's JSON of a large data set, built on every core.

The loader's workers keep the indicators they validate (``loading.KEEP``). Once the request
is checked, each worker builds the report of the shown indicators it holds
(``workflows.report_of``: assessment and view, the same code as for the whole) and their
JSON objects (``json_output.report_part``); this process does the same for the indicators it
read itself. This process never holds a worker's indicators, only stand-ins for the
catalog-wide steps (``loading._stand_in``), and no process touches another's objects: what
crosses between them is a stand-in going in and the JSON objects coming back. The objects
are put in report order and their counts summed: the document is the one a single process
writes (``tests/test_report_json.py``). The indicators of a worker that died are read again
here from their files.

Only JSON is built this way: its rows need nothing from each other, and a table or CSV of
10,000 rows is already within its speed target on one core.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from pathlib import Path

from intl_tracker.app.workflows import ReportRequest, report_of
from intl_tracker.core.errors import IntlTrackerError
from intl_tracker.core.worker_pool import KeepingWorkers, result_of, signals_held
from intl_tracker.dataset.data_dirs import display_path
from intl_tracker.dataset.loading import kept_indicators, load_indicator
from intl_tracker.dataset.models import Indicator
from intl_tracker.presentation.views import ReportView
from intl_tracker.render.json_output import PartedReport, ReportPart, joined_part, report_part


def _held_part(request: ReportRequest, ids: list[str], lang: str) -> ReportPart:
    """In a worker: the JSON of the indicators ``ids`` it holds, reported as ``request``
    asks (its catalog carries the programme and the goals, no indicators)."""
    return report_part(report_of(request, kept_indicators(ids)), lang)


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
    assigned = [[i.id for i in shown if i.id in held] for held in (workers.held if workers else [])]
    if not any(assigned):
        return report_of(request)
    assert workers is not None
    from concurrent.futures.process import BrokenProcessPool

    bare = replace(request, shown=request.shown.model_copy(update={"indicators": []}))
    sent = []  # (pool, ids, their files, the task or None when the worker is gone)
    for pool, ids, held in zip(workers.pools, assigned, workers.held, strict=True):
        if ids:
            try:
                with signals_held():
                    sent.append((pool, ids, held, pool.submit(_held_part, bare, ids, lang)))
            except BrokenProcessPool:  # the worker died: its indicators are read again below
                sent.append((pool, ids, held, None))
    taken = {i for ids in assigned for i in ids}
    head = report_of(request, [i for i in shown if i.id not in taken])
    parts = [report_part(head, lang)]
    for pool, ids, held, future in sent:
        part = None
        if future is not None:
            with suppress(BrokenProcessPool):
                part = result_of(future, pool)
        if part is None:
            part = report_part(report_of(request, _read_again(ids, held)), lang)
        parts.append(part)
    return PartedReport(head, (joined_part(parts, [i.id for i in shown], lang),))
