"""The report by a dimension (``report --by DIMENSION``): the use case below the command line.

The headline report is built as always (:func:`workflows.report_of`); each shown indicator that
declares the breakdown asked for gets it assessed with the same year, method, period, pace and
stale rule (:func:`assessment.breakdowns.assess_task`), on every core for many values
(:func:`app.parallel_report.assessed_by`).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from intl_tracker.app.parallel_report import assessed_by
from intl_tracker.app.workflows import ReportRequest, report_of
from intl_tracker.assessment.breakdowns import BySettings, breakdown_of, breakdown_tasks
from intl_tracker.core.errors import UsageError
from intl_tracker.presentation.breakdown_view import BreakdownReportView, BreakdownSection


def check_by(request: ReportRequest, by: Sequence[str]) -> tuple[str, ...]:
    """``by`` (``--by``, each a dimension id; several: crossed) as the dimension ids of a
    declared breakdown. Raises UsageError (exit 2) for an unknown dimension (with the closest
    id) or a breakdown no shown indicator declares (with the ones they do)."""
    catalog = request.shown
    known = [d.id for d in catalog.dimensions]
    for dim in by:
        if dim not in known:
            close = difflib.get_close_matches(dim, known, n=1, cutoff=0.6)
            hint = (
                f"; did you mean '{close[0]}'?"
                if close
                else f"; the dimensions: {', '.join(known)}"
                if known
                else " (the data set declares no dimensions)"
            )
            raise UsageError(f"--by {dim}: no such dimension{hint}")
    if len(set(by)) != len(by):
        raise UsageError("--by: a dimension is given twice")
    for indicator in catalog.indicators:
        dims = breakdown_of(indicator, by)
        if dims is not None:
            return dims
    declared = sorted({" --by ".join(b.by) for i in catalog.indicators for b in i.breakdowns})
    hint = f"; declared: --by {', --by '.join(declared)}" if declared else ""
    raise UsageError(f"no indicator shown has a breakdown by {' and '.join(by)}{hint}")


def breakdown_report_of(request: ReportRequest, by: Sequence[str]) -> BreakdownReportView:
    """The report of ``request`` by the dimensions ``by`` (see :func:`check_by`)."""
    dims = check_by(request, by)
    headline = report_of(request)
    catalog = request.shown
    settings = BySettings(
        tuple(catalog.dimensions), request.year, request.method, request.period,
        request.pace, catalog.programme, request.stale_after,
    )  # fmt: skip
    tasks = breakdown_tasks(catalog, [row.assessment for row in headline.rows], dims)
    results = {r.indicator_id: r for r in assessed_by(tasks, settings) if r is not None}
    sections = tuple(
        BreakdownSection(row, results[row.indicator.id])
        for row in headline.rows
        if row.indicator.id in results
    )
    return BreakdownReportView(
        programme=headline.programme,
        year=headline.year,
        method=headline.method,
        pace=headline.pace,
        tool_version=headline.tool_version,
        by=dims,
        dimensions=tuple(request.shown.dimensions),
        goals=headline.goals,
        sections=sections,
        left_out=tuple(r.indicator.id for r in headline.rows if r.indicator.id not in results),
    )
