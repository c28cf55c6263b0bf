"""The one switch of the speed machinery: ``INTL_TRACKER_SPEEDUPS=0`` turns all of it off.

What exists only for speed, and where (docs/development/speed.md says why, with numbers):

- worker processes for data sets of ``worker_pool.PARALLEL_MIN_FILES`` files or more:
  :mod:`intl_tracker.core.worker_pool` (the processes and the order of their results),
  :mod:`intl_tracker.dataset.parallel_loading` (reading the files on them, and what each
  keeps for the report) and :mod:`intl_tracker.app.parallel_report` (the report's JSON
  written where its indicators are); the site's charts drawn on every core
  (``site.chart_svg.ChartPool``);
- large breakdown files checked with numpy (:mod:`intl_tracker.dataset.breakdown_columns`,
  loaded by ``dataset.breakdowns.prepare_columns`` for a data set of large ones);
- the cyclic garbage collector paused while a run of the command line loads and builds, and
  skipped at its exit: :mod:`intl_tracker.cli.collector`.
- pydantic's plugins off while the console script builds the data files' models, as Typer
  builds its parameters' adapters (``PYDANTIC_DISABLE_PLUGINS``, unless set by the user):
  :mod:`intl_tracker.cli.entry_point`.

Off, every run reads, assesses, draws and writes in one process with the collector as Python
sets it, and gives the same output byte for byte (``tests/speed/test_serial_path.py``). The
library's other fast paths (the strict YAML reader's tree builder, the number symbols
table, the JSON writer) are ordinary code checked against their references by tests and
stay on: they hold no state outside their own call.
"""

from __future__ import annotations

import os

SPEEDUPS_ENV = "INTL_TRACKER_SPEEDUPS"

#: Values of ``$INTL_TRACKER_SPEEDUPS`` (any case, spaces ignored) that turn the machinery off.
OFF_VALUES = frozenset({"0", "false", "no", "off"})


def enabled() -> bool:
    """False when ``$INTL_TRACKER_SPEEDUPS`` is ``0``, ``false``, ``no`` or ``off``; else True
    (unset, empty or anything else)."""
    return os.environ.get(SPEEDUPS_ENV, "").strip().lower() not in OFF_VALUES
