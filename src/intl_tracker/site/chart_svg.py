"""The site's charts: ``show``'s matplotlib chart as accessible SVG, drawn on every core.

Each chart is written by :func:`intl_tracker.render.charts.write_chart` (the same picture as
``show --chart FILE.svg``; deterministic through its fixed ``svg.hashsalt`` and no date), then
given a ``<title>``, a ``<desc>``, ``role="img"`` and ``aria-labelledby`` so that a screen
reader announces it, and stripped of its fixed size so that it scales to the page. The file
stays on disk (the whole-report page shows it as an image) and its markup is returned for
inlining into the indicator page.

Charts are independent, so :class:`ChartPool` spreads them over a process pool; results
come back in job order, so the output does not depend on which process drew what.
"""

from __future__ import annotations

import html
import multiprocessing
import os
import re
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from intl_tracker.core import speedups
from intl_tracker.presentation.views import IndicatorView

#: Below this many charts a pool costs more than it saves.
MIN_PARALLEL_CHARTS = 8

_OPEN_TAG = re.compile(r"<svg\b[^>]*>")
_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)


@dataclass(frozen=True, slots=True)
class ChartJob:
    """One chart to draw: the indicator's ``show`` view and the language, where to write it,
    and its text alternative. ``id_prefix`` makes the ids of the ``<title>`` and ``<desc>``
    unique on the page.
    """

    view: IndicatorView
    lang: str
    path: Path
    title: str
    description: str
    id_prefix: str = "chart"


def accessible_svg(svg: str, title: str, description: str, id_prefix: str) -> str:
    """matplotlib's SVG document as an ``<svg>`` element for inlining: no XML prolog or
    metadata, no fixed width/height (the viewBox stays), ``role="img"`` labelled by a
    ``<title>`` and described by a ``<desc>``. Raises ValueError when ``svg`` has no
    ``<svg>`` element."""
    match = _OPEN_TAG.search(svg)
    if match is None:
        raise ValueError("not an SVG document")
    opening = _SIZE.sub("", match.group(0))[:-1]
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    head = (
        f'{opening} role="img" aria-labelledby="{title_id}" aria-describedby="{desc_id}"'
        ' focusable="false" class="chart-svg">'
        f'<title id="{title_id}">{html.escape(title)}</title>'
        f'<desc id="{desc_id}">{html.escape(description)}</desc>'
    )
    body = _METADATA.sub("", svg[match.end() :], count=1)
    return head + body.rstrip() + "\n"


def render_chart(job: ChartJob) -> str:
    """Draw one chart into ``job.path`` (a standalone SVG file) and return its inline markup.

    Raises OSError when the file cannot be written.
    """
    from intl_tracker.render.charts import write_chart

    write_chart(job.view, job.lang, job.path)
    inline = accessible_svg(
        job.path.read_text(encoding="utf-8"), job.title, job.description, job.id_prefix
    )
    job.path.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + inline, encoding="utf-8")
    return inline


def _pool_context() -> multiprocessing.context.BaseContext:
    # fork shares the already imported matplotlib with the workers (no second 0.5 s import),
    # but is only safe in a single-threaded process.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def default_jobs() -> int:
    """Processes to draw with: 1 when the speed machinery is off (``$INTL_TRACKER_SPEEDUPS=0``),
    else ``$INTL_TRACKER_JOBS``, else every core this process may use."""
    if not speedups.enabled():
        return 1
    env = os.environ.get("INTL_TRACKER_JOBS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class ChartPool:
    """Draws charts on every core while the caller goes on: :meth:`draw` queues a batch and
    returns its inline markups as an iterator, in job order, that waits for each chart only
    when it is reached. The site builds the next language's pages and writes pages while the
    pool draws, instead of waiting for the last chart first.

    ``processes``: how many processes draw (default :func:`default_jobs`); 1, or fewer than
    ``MIN_PARALLEL_CHARTS`` charts in all (``total``), draws in this process when a chart is
    reached. Use it as a context manager: leaving the block by an exception cancels the
    charts not started yet.
    """

    def __init__(self, total: int, *, processes: int | None = None) -> None:
        from intl_tracker.render.charts import load_matplotlib

        load_matplotlib()  # once, before forking: the workers share it
        self.workers = min(processes or default_jobs(), total)
        self._pool: ProcessPoolExecutor | None = None
        if self.workers > 1 and total >= MIN_PARALLEL_CHARTS:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=_pool_context())

    def draw(self, jobs: Sequence[ChartJob]) -> Iterator[str]:
        """Queue ``jobs`` now; their inline markups in order (see :func:`render_chart`)."""
        if self._pool is None:
            return (render_chart(job) for job in jobs)
        chunk = max(1, len(jobs) // (self.workers * 8))
        return self._pool.map(render_chart, jobs, chunksize=chunk)

    def __enter__(self) -> ChartPool:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=error is not None)
