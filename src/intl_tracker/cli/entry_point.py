"""The console script's entry point: Ctrl-C ends the run quietly from its first moment.

Importing the command line (typer, click, the renderers) takes about 0.2 s; a SIGINT in
that time would end in a ``KeyboardInterrupt`` traceback, because :func:`cli.run`'s handler
is not reached yet. So the handler is installed first thing in :func:`main`, and this module
imports nothing but ``os`` and ``signal`` (both loaded by the interpreter's own start-up):
even ``core.errors`` pulls in ``dataclasses`` and ``inspect`` (some 30 ms), and an
interrupt in that time printed a traceback from the console-script wrapper (breaker24,
finding 14). An interrupt while starting exits 130 at once (nothing has been read or
written yet, so there is nothing to flush or clean up). Once the command line is imported,
Python's own handler is back and :func:`cli.run` turns Ctrl-C into exit 130.

What stays out of reach is the time before this module runs: the interpreter's start-up and
the wrapper pip writes (its ``import re``). Of 100 interrupts at random times in the first
150 ms of ``report``, 54 printed a traceback with the handler installed after the project's
first imports, 28 with it here (all from the wrapper's lines; the data is never touched by
then, as nothing has been read).
"""

from __future__ import annotations

import os
import signal

#: ``core.errors.ExitCode.INTERRUPTED``, written out so that nothing is imported before the
#: handler is in place (tests/cli/test_entry_point.py checks the two agree).
INTERRUPTED = 130
#: pydantic's switch for its plugins (the ``pydantic`` entry points of installed packages).
PYDANTIC_PLUGINS_ENV = "PYDANTIC_DISABLE_PLUGINS"


def _interrupted_while_starting(signum: int, frame: object) -> None:
    os._exit(INTERRUPTED)


def _no_pydantic_plugins() -> None:
    """The first validator pydantic builds looks for plugins in the metadata of every
    installed package (about 90 folders read here: 4-6 ms of each run, for the data files'
    models). Typer builds its parameters' adapters with them off; the console script builds
    the data files' models so too. Speed only (``INTL_TRACKER_SPEEDUPS=0`` leaves pydantic
    as it is), and a value the user set is kept."""
    from intl_tracker.core import speedups

    if speedups.enabled():
        os.environ.setdefault(PYDANTIC_PLUGINS_ENV, "1")


def main() -> None:
    """Console-script entry point (``intl-tracker``): :func:`intl_tracker.cli.commands.main`."""
    # A SIGINT the parent set to be ignored (``nohup``, a background job) stays ignored.
    quiet = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    if quiet:
        signal.signal(signal.SIGINT, _interrupted_while_starting)
    from intl_tracker.cli import collector

    collector.pause()  # from the first import: see cli/collector.py
    _no_pydantic_plugins()
    from intl_tracker.cli import commands as cli

    if quiet:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    cli.main()
