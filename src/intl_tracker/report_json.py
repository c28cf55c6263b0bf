"""The report's JSON of a large data set, built on every core.

Once the data set is loaded and the request checked, the shown indicators are cut into one
contiguous part per process. Forked workers inherit the loaded catalog; each builds the
report of its part (``workflows.report_of``: assessment and view, the same code as for the
whole) and that part's JSON objects (``json_output.report_part``), while this process does
the first part. The parts are joined in order by ``json_output.report_document``, and the
document is the one a single process writes (``tests/test_report_json.py``).

Only JSON is built this way: its rows need nothing from each other, and a table or CSV of
10,000 rows is already within its speed target on one core.
"""

from __future__ import annotations

from itertools import pairwise

from intl_tracker.json_output import PartedReport, ReportPart, report_part
from intl_tracker.views import ReportView
from intl_tracker.worker_pool import default_jobs, fork_pool
from intl_tracker.workflows import ReportRequest, report_of

# What the forked workers inherit: the request and the language (set while a pool runs).
_SHARED: tuple[ReportRequest, str] | None = None


def _part(part: slice) -> ReportPart:
    """In a worker: the JSON of the ``part`` of the shown indicators."""
    assert _SHARED is not None, "a report part is built only in a worker of parted_report"
    request, lang = _SHARED
    return report_part(report_of(request, part), lang)


def parted_report(
    request: ReportRequest, lang: str, *, jobs: int | None = None
) -> ReportView | PartedReport:
    """What the report's JSON renderer writes for ``request`` in ``lang``.

    ``jobs``: processes to use (default: every usable core for ``PARALLEL_MIN_FILES``
    indicators or more, else 1; ``$INTL_TRACKER_JOBS`` overrides the default, as for the
    loader). With one, the report's view; else a PartedReport of ``jobs`` parts. Raises
    UsageError for a bad ``$INTL_TRACKER_JOBS``. When no process can be started or a worker
    dies, the missing parts are built here: the document is the same.
    """
    global _SHARED
    count = len(request.shown.indicators)
    jobs = default_jobs(count) if jobs is None else max(1, jobs)
    jobs = min(jobs, count)
    if jobs <= 1:
        return report_of(request)
    from concurrent.futures.process import BrokenProcessPool

    bounds = [count * k // jobs for k in range(jobs + 1)]
    slices = [slice(low, high) for low, high in pairwise(bounds)]
    parts: dict[int, ReportPart] = {}
    head: ReportView | None = None
    _SHARED = (request, lang)
    try:
        with fork_pool(jobs - 1) as pool:
            futures = {k: pool.submit(_part, slices[k]) for k in range(1, jobs)}
            head = report_of(request, slices[0])
            parts[0] = report_part(head, lang)
            for k, future in futures.items():
                parts[k] = future.result()
    except (OSError, BrokenProcessPool):
        pass  # no processes to be had (a sandbox, a limit) or a worker died: done below
    finally:
        _SHARED = None
    if head is None:
        head = report_of(request, slices[0])
        parts[0] = report_part(head, lang)
    for k in range(1, jobs):
        if k not in parts:
            parts[k] = report_part(report_of(request, slices[k]), lang)
    return PartedReport(head, tuple(parts[k] for k in range(jobs)))
