"""The site's charts, drawn on every core: each indicator in each language at the three page
sizes, and the full-size slide as SVG and PNG (:mod:`intl_tracker.render.charts`).

Each SVG gets a ``<title>`` and a ``<desc>`` and ``role="img"``, so that a file opened on its
own is announced; on the pages the charts are images with their text alternative beside
them. Drawing returns each page size's height, which the page gives its image (so that
nothing moves while it loads).

Workers are forked after every job is known and read their jobs from this module (only job
numbers go to them, not the views); they die with the build however it ends
(:func:`intl_tracker.core.worker_pool.worker_group`: Ctrl-C or SIGTERM kill them at once, and
the kernel kills them when the build is killed). Results come back in job order, so the
output does not depend on which process drew what. Drawing on several cores is speed
machinery: ``INTL_TRACKER_SPEEDUPS=0`` draws every chart in this process.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from intl_tracker.core import speedups
from intl_tracker.presentation.indicator_view import IndicatorView
from intl_tracker.presentation.show_breakdowns import ShowBreakdown

if TYPE_CHECKING:
    from intl_tracker.render.charts import ChartSize

#: Below this many charts a pool costs more than it saves.
MIN_PARALLEL_CHARTS = 8
#: Charts drawn by one task: small, so that results come back (and pages are written)
#: steadily, and this process, drawing one while it waits, is soon back to its pages.
TASK_CHARTS = 1

_OPEN_TAG = re.compile(r"<svg\b[^>]*>")
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
_PROLOG = '<?xml version="1.0" encoding="utf-8"?>\n'


@dataclass(frozen=True, slots=True)
class ChartJob:
    """One indicator's charts in one language: the ``show`` view, the folder the files go
    to (``<id>-s.svg``, ``-m``, ``-l``, ``<id>.svg``, ``<id>.png``), and the text
    alternative written into each SVG."""

    view: IndicatorView
    lang: str
    folder: Path
    title: str
    description: str
    #: The dimensions of a breakdown (the chart by category, page sizes only:
    #: ``breakdown_stem(id, by)-s.svg``, ``-m``, ``-l``); () for the indicator's own chart.
    by: tuple[str, ...] = ()


def breakdown_stem(identifier: str, by: Sequence[str]) -> str:
    """The file name, without ``-<size>.svg``, of the chart of indicator ``identifier`` by
    the dimensions ``by``: ``<id>.by.<dimension>[.<dimension>]`` (ids never have a dot)."""
    return ".".join((identifier, "by", *by))


def accessible_svg(svg: str, title: str, description: str) -> str:
    """matplotlib's SVG document with a ``<title>`` and ``<desc>``, ``role="img"`` labelled
    by them, and without its metadata. Raises ValueError when ``svg`` has no ``<svg>``."""
    match = _OPEN_TAG.search(svg)
    if match is None:
        raise ValueError("not an SVG document")
    head = (
        f'{match.group(0)[:-1]} role="img" aria-labelledby="chart-title" '
        'aria-describedby="chart-desc">'
        f'<title id="chart-title">{html.escape(title)}</title>'
        f'<desc id="chart-desc">{html.escape(description)}</desc>'
    )
    body = _METADATA.sub("", svg[match.end() :], count=1)
    return _PROLOG + head + body.rstrip() + "\n"


def render_chart(job: ChartJob) -> dict[str, float]:
    """Draw ``job``'s files; the height in points of each page size's chart, by size name.

    Raises OSError when a file cannot be written."""
    from intl_tracker.render.charts import PAGE_SIZES, SLIDE, write_charts

    def finish(svg: str, size: ChartSize) -> str:
        return accessible_svg(svg, job.title, job.description)

    identifier = job.view.indicator.id
    if job.by:
        return _render_breakdown(job, finish)
    files = [(size, job.folder / f"{identifier}-{size.name}.svg") for size in PAGE_SIZES]
    files += [(SLIDE, job.folder / f"{identifier}.svg"), (SLIDE, job.folder / f"{identifier}.png")]
    heights = write_charts(job.view, job.lang, files, finish_svg=finish)
    return {size.name: heights[size.name] for size in PAGE_SIZES}


def _render_breakdown(job: ChartJob, finish: Callable[[str, ChartSize], str]) -> dict[str, float]:
    """Draw the page sizes of ``job``'s chart by category. Raises ValueError when the view has
    no values by ``job.by``."""
    from intl_tracker.render.breakdown_chart import write_breakdown_charts
    from intl_tracker.render.charts import PAGE_SIZES

    view = job.view
    breakdown = next(
        (b for b in view.breakdowns if tuple(d.id for d in b.dimensions) == job.by), None
    )
    if breakdown is None:
        raise ValueError(f"{view.indicator.id} has no values by {job.by}")
    stem = job.folder / breakdown_stem(view.indicator.id, job.by)
    files = [(size, stem.with_name(f"{stem.name}-{size.name}.svg")) for size in PAGE_SIZES]
    return write_breakdown_charts(view, breakdown, job.lang, files, finish_svg=finish)


#: The jobs of the pool that is drawing; forked workers inherit them (see :class:`ChartPool`).
_JOBS: list[ChartJob] = []


def _draw_range(store: dict[str, Any], start: int, stop: int) -> list[dict[str, float]]:
    """In a worker (``worker_pool`` task): draw the jobs ``start`` to ``stop`` of the
    inherited job list."""
    return [render_chart(job) for job in _JOBS[start:stop]]


def default_jobs() -> int:
    """Processes to draw with, this one included: 1 when the speed machinery is off
    (``$INTL_TRACKER_SPEEDUPS=0``), else ``$INTL_TRACKER_JOBS``, else every core this process
    may use. Raises UsageError for a ``$INTL_TRACKER_JOBS`` that is not a whole number from 1."""
    from intl_tracker.core import worker_pool

    if not speedups.enabled():
        return 1
    return worker_pool.default_jobs(worker_pool.PARALLEL_MIN_FILES)


class ChartPool:
    """Draws every chart of a build on every core while the caller writes pages: :meth:`draw`
    starts the workers and returns the results as an iterator, in job order; while the next
    chart in order is not back, this process draws one from the end of the queue
    (``worker_pool.in_order``).

    ``processes``: how many processes draw, this one included (default
    :func:`default_jobs`); 1, or fewer than ``MIN_PARALLEL_CHARTS`` charts, draws in this
    process when a chart is reached. Use it as a context manager: leaving the block, however
    it ends (Ctrl-C, SIGTERM raises SystemExit meanwhile), kills the workers at once.
    """

    def __init__(self, *, processes: int | None = None) -> None:
        from intl_tracker.render.charts import load_matplotlib

        load_matplotlib()  # once, before forking: the workers share it
        self.processes = processes or default_jobs()
        self._stack = ExitStack()

    def draw(self, jobs: Sequence[ChartJob]) -> Iterator[dict[str, float]]:
        """Start drawing ``jobs``; their page heights (see :func:`render_chart`) in order."""
        if self.processes <= 1 or len(jobs) < MIN_PARALLEL_CHARTS:
            return (render_chart(job) for job in jobs)
        from intl_tracker.core import worker_pool

        _JOBS[:] = jobs  # before the fork: the workers read their jobs from here
        group = self._stack.enter_context(worker_pool.worker_group())
        workers = group.start(min(self.processes, len(jobs)) - 1)
        starts = list(range(0, len(jobs), TASK_CHARTS))

        def stop(piece: int) -> int:
            return min(starts[piece] + TASK_CHARTS, len(jobs))

        done = worker_pool.in_order(
            workers, len(starts), _draw_range,
            lambda piece: (starts[piece], stop(piece)),
            lambda piece: [render_chart(job) for job in jobs[starts[piece] : stop(piece)]],
        )  # fmt: skip
        return (heights for _, piece in done for heights in piece)

    def __enter__(self) -> ChartPool:
        self._stack.__enter__()
        return self

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        try:
            self._stack.__exit__(kind, error, trace)
        finally:
            _JOBS.clear()


@dataclass(frozen=True, slots=True)
class BreakdownFigure:
    """One chart by category on an indicator page: the dimensions, the charts' file stem
    (:func:`breakdown_stem`), its name (the image's ``alt``) and its long description (the
    caption: each category's latest value, drawn or not)."""

    by: tuple[str, ...]
    stem: str
    title: str
    description: str


def breakdown_figure(view: IndicatorView, breakdown: ShowBreakdown, lang: str) -> BreakdownFigure:
    """The chart by category of ``view``'s ``breakdown`` (one of ``view.breakdowns``) on its
    indicator page in ``lang``: what the breakdown's disclosure shows above its table."""
    from intl_tracker.render.breakdown_chart import breakdown_description, breakdown_title

    by = tuple(d.id for d in breakdown.dimensions)
    return BreakdownFigure(
        by=by,
        stem=breakdown_stem(view.indicator.id, by),
        title=breakdown_title(view, breakdown, lang),
        description=breakdown_description(view, breakdown, lang),
    )
