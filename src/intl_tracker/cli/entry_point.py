"""The console script's entry point: Ctrl-C ends the run quietly from the first moment.

Importing the command line (typer, click, the renderers) takes about 0.2 s; a SIGINT in
that time would end in a ``KeyboardInterrupt`` traceback, because :func:`cli.run`'s handler
is not reached yet. So the handler is installed here, before those imports, with nothing but
the standard library loaded: an interrupt while starting exits 130 at once (nothing has been
read or written yet, so there is nothing to flush or clean up). Once the command line is
imported, Python's own handler is back and :func:`cli.run` turns Ctrl-C into exit 130.
"""

from __future__ import annotations

import os
import signal
from types import FrameType

from intl_tracker.cli import collector
from intl_tracker.core import speedups
from intl_tracker.core.errors import ExitCode

#: pydantic's switch for its plugins (the ``pydantic`` entry points of installed packages).
PYDANTIC_PLUGINS_ENV = "PYDANTIC_DISABLE_PLUGINS"


def _interrupted_while_starting(signum: int, frame: FrameType | None) -> None:
    os._exit(ExitCode.INTERRUPTED)


def _no_pydantic_plugins() -> None:
    """The first validator pydantic builds looks for plugins in the metadata of every
    installed package (about 90 folders read here: 4-6 ms of each run, for the data files'
    models). Typer builds its parameters' adapters with them off; the console script builds
    the data files' models so too. Speed only (``INTL_TRACKER_SPEEDUPS=0`` leaves pydantic
    as it is), and a value the user set is kept."""
    if speedups.enabled():
        os.environ.setdefault(PYDANTIC_PLUGINS_ENV, "1")


def main() -> None:
    """Console-script entry point (``intl-tracker``): :func:`intl_tracker.cli.commands.main`."""
    # A SIGINT the parent set to be ignored (``nohup``, a background job) stays ignored.
    quiet = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    if quiet:
        signal.signal(signal.SIGINT, _interrupted_while_starting)
    collector.pause()  # from the first import: see cli/collector.py
    _no_pydantic_plugins()
    from intl_tracker.cli import commands as cli

    if quiet:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    cli.main()
