"""Where a document goes: stdout or a file (``-o/--output``), and how wide and colourful.

A file is written as UTF-8 (whatever the locale or the shell: PowerShell's ``>`` would write
UTF-16) and atomically: into a temporary file beside it, renamed over the target only when
the whole document is written, so a failed run never leaves half a file. Colour, hyperlinks
and the terminal's width apply to a terminal only; a pipe or a file gets plain text at
``COLUMNS`` cells, else the renderer's readable default.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO, cast

from intl_tracker.core.errors import OutputUnwritableError, unwritable
from intl_tracker.render.registry import RenderOptions

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


class _WholeWrites(io.TextIOBase):
    """stdout, text in UTF-8, where a write either writes all of it or raises.

    A write larger than a pipe's buffer, to a reader that goes away meanwhile (``| head``),
    returns after the part that fitted, and Python's text layer ignores the count: the rest
    of the document was dropped with exit 0. Here each write goes to the binary stream until
    all of it is taken, so the next attempt raises BrokenPipeError (exit 3).
    """

    encoding = "utf-8"

    def __init__(self, binary: BinaryIO) -> None:
        super().__init__()
        self._binary = binary

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self._binary.isatty()

    def fileno(self) -> int:
        return self._binary.fileno()

    def write(self, text: str) -> int:
        data = memoryview(text.encode("utf-8"))
        while data:
            written = self._binary.write(data)
            if not written:
                raise BrokenPipeError(errno.EPIPE, "the output took no more")
            data = data[written:]
        return len(text)

    def flush(self) -> None:
        self._binary.flush()


def _stdout() -> TextIO:
    """stdout for a document: whole writes (``_WholeWrites``) when it has a binary layer."""
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None:
        return sys.stdout
    sys.stdout.flush()  # what was written as text goes first
    return cast(TextIO, _WholeWrites(binary))


@contextlib.contextmanager
def open_output(path: Path | None) -> Iterator[TextIO]:
    """stdout, or a new UTF-8 file at ``path`` that appears only when the block succeeds.

    Raises OutputUnwritableError (exit 3, "cannot write 'PATH': reason") before anything is
    rendered when ``path`` is a folder or its folder does not exist or cannot be written,
    and when the finished file cannot be put in place.
    """
    if path is None:
        out = _stdout()
        yield out
        out.flush()
        return
    if path.is_dir():
        raise OutputUnwritableError(path, "it is a folder; give a file name")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise unwritable(path, exc) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
        umask = os.umask(0)
        os.umask(umask)
        try:
            os.chmod(temporary, 0o666 & ~umask)  # as a plain open() would create it
            os.replace(temporary, path)
        except OSError as exc:
            raise unwritable(path, exc) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
