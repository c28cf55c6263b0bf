"""The cyclic garbage collector in a run of the command line (speed only: see
:mod:`intl_tracker.core.speedups`; switched off, the collector runs as Python sets it).

A run is one short process. What it builds (the modules, pydantic's and Typer's schemas, the
data set, the view) lives until it ends and holds almost no reference cycles, so the
collector's passes over that growing heap find nothing: without the steps below ``report``
spent 2.2 s more CPU at 10,000 indicators and about 15 ms more on the bundled data
(docs/development/speed.md). So:

1. :func:`pause` when the run starts, before the command line is imported;
2. :func:`resume_for_output` once the view is built: what was built is frozen (later passes
   skip it) and the collector runs again, for the renderers (matplotlib's figures are
   cycles: a site's charts would otherwise pile up);
3. :func:`skip_last_collection` at the exit: what is left is frozen, so that the
   interpreter's last pass over every object is skipped.

Reference counting frees everything that is not in a cycle all along. Only the command line
does this, as it owns its process: the library (``frames``, ``load_data_set``) leaves the
collector as its caller set it.
"""

from __future__ import annotations

import gc

from intl_tracker.core import speedups

# Set by pause(): this process is a run of the command line, whose collector is ours to set.
_paused_by_the_run = False


def pause() -> None:
    """Stop the collector until :func:`resume_for_output` (called by the entry point)."""
    global _paused_by_the_run
    if speedups.enabled():
        gc.disable()
        _paused_by_the_run = True


def resume_for_output() -> None:
    """Freeze what the run has built and start the collector again, if :func:`pause` ran."""
    global _paused_by_the_run
    if _paused_by_the_run:
        gc.freeze()
        gc.enable()
        _paused_by_the_run = False


def skip_last_collection() -> None:
    """Freeze what is left, so that the interpreter's last collection at exit skips it."""
    if speedups.enabled():
        gc.freeze()
