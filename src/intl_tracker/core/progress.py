"""A progress bar on stderr for long loads (thousands of indicator files).

It appears only when stderr and stdout are an interactive terminal, and never in JSON mode, on CI
(``$CI`` set), under pre-commit (``$PRE_COMMIT`` set) or with ``TERM=dumb``. Short runs
draw nothing: the bar waits for ``min_total`` files and ``delay`` seconds. Plain ``\\r``
redraws, no Rich, so it costs no import time.

    with progress_bar(enabled=fmt != "json") as progress:
        result = load_data_set(root, progress=progress)   # progress may be None
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

#: Fewer indicator files than this never show a bar.
MIN_FILES = 1_000
#: Seconds a load must run before the bar is drawn.
DELAY = 0.3
_WIDTH = 30


def progress_wanted(
    stream: TextIO | None = None, *, json_mode: bool = False, stdout: TextIO | None = None
) -> bool:
    """Whether a bar may be drawn on ``stream`` (default stderr): both it and stdout must be
    a terminal (``report | less`` or ``validate > out.txt`` get no bar either)."""
    if json_mode:
        return False
    if "CI" in os.environ or "PRE_COMMIT" in os.environ:
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    return _is_tty(sys.stderr if stream is None else stream) and _is_tty(
        sys.stdout if stdout is None else stdout
    )


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):  # closed or not a real stream
        return False


class ProgressBar:
    """Callable ``(done, total)``; draws ``reading indicators [####    ] 4,000/10,000``."""

    def __init__(
        self,
        stream: TextIO,
        label: str = "reading indicators",
        *,
        min_total: int = MIN_FILES,
        delay: float = DELAY,
    ) -> None:
        self.stream = stream
        self.label = label
        self.min_total = min_total
        self.delay = delay
        self.started = time.monotonic()
        self.drawn = False
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if total < self.min_total:
            return
        now = time.monotonic()
        if now - self.started < self.delay:
            return
        if self.drawn and done < total and now - self._last < 0.1:
            return
        self._last = now
        filled = _WIDTH * done // total if total else _WIDTH
        bar = "#" * filled + " " * (_WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done:,}/{total:,}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Erase the bar so that the messages after it start on a clean line."""
        if self.drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.drawn = False


@contextmanager
def progress_bar(
    *,
    enabled: bool = True,
    stream: TextIO | None = None,
    stdout: TextIO | None = None,
    label: str = "reading indicators",
) -> Iterator[ProgressBar | None]:
    """A ``ProgressBar`` when one is wanted (see ``progress_wanted``), else None."""
    stream = sys.stderr if stream is None else stream
    if not enabled or not progress_wanted(stream, stdout=stdout):
        yield None
        return
    bar = ProgressBar(stream, label)
    try:
        yield bar
    finally:
        bar.close()
