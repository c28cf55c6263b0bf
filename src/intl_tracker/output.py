"""Where a document goes: stdout or a file (``-o/--output``), and how wide and colourful.

A file is written as UTF-8 (whatever the locale or the shell: PowerShell's ``>`` would write
UTF-16) and atomically: into a temporary file beside it, renamed over the target only when
the whole document is written, so a failed run never leaves half a file. Colour, hyperlinks
and the terminal's width apply to a terminal only; a pipe or a file gets plain text at
``COLUMNS`` cells, else the renderer's readable default.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from intl_tracker.errors import UsageError
from intl_tracker.rendering import RenderOptions

#: The narrowest and the widest layout the terminal renderers make.
MIN_WIDTH = 60
MAX_WIDTH = 250


def _clamp(width: int) -> int:
    return max(MIN_WIDTH, min(MAX_WIDTH, width))


def render_options(lang: str, *, to_file: bool) -> RenderOptions:
    """Options for stdout (a terminal or a pipe) or, with ``to_file``, for a file."""
    terminal = not to_file and sys.stdout.isatty()
    color = terminal and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    width: int | None = None
    if terminal:
        width = _clamp(shutil.get_terminal_size().columns)
    elif os.environ.get("COLUMNS", "").isdigit():
        width = _clamp(int(os.environ["COLUMNS"]))
    return RenderOptions(lang=lang, color=color, width=width, hyperlinks=color)


@contextlib.contextmanager
def open_output(path: Path | None) -> Iterator[TextIO]:
    """stdout, or a new UTF-8 file at ``path`` that appears only when the block succeeds.

    Raises UsageError (exit 2) when the file's folder does not exist or cannot be written.
    """
    if path is None:
        yield sys.stdout
        return
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UsageError(f"cannot write '{path}': {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as a plain open() would create it
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
