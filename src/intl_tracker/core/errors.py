"""The error vocabulary: problems found in data files, exit codes, and their exceptions."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum

from intl_tracker.core.text_safety import visible


class ExitCode(IntEnum):
    """Exit codes of every command (ruff/ty convention for 0-2; shell convention for signals).

    The README's exit-code table lists the same values; ``cli.main`` maps exceptions to them.
    """

    OK = 0
    INVALID_DATA = 1  # invalid data, or --strict and a warning
    USAGE = 2  # a usage error (errors.UsageError, or the command-line parser)
    OUTPUT_CLOSED = 3  # stdout closed or unwritable: broken pipe, full disk
    INTERNAL = 4  # a bug: one line on stderr, the traceback with INTL_TRACKER_DEBUG=1
    # record/import only: another process holds the file's lock, or changed the file while it
    # was being edited; nothing was written, run again (sysexits.h EX_TEMPFAIL)
    BUSY = 75
    INTERRUPTED = 130  # SIGINT (Ctrl-C)
    TERMINATED = 143  # SIGTERM


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding in one file: where it is, what kind it is, and what to do about it.

    ``line`` and ``column`` are 1-based; 0 means the problem has no position in the file
    (an unreadable file, a missing one).
    """

    file: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        """``file:line:col: severity [code] message`` on one line, whatever the file name or
        the message holds (control characters and line breaks are shown as escapes)."""
        where = self.file if self.line == 0 else f"{self.file}:{self.line}:{self.column}"
        return visible(f"{where}: {self.severity} [{self.code}] {self.message}")

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.code, self.message)


class IntlTrackerError(Exception):
    """Base of the errors a command turns into a message and an exit code."""

    exit_code: ExitCode = ExitCode.INVALID_DATA


class InvalidDataError(IntlTrackerError):
    """The data set has problems of severity error; ``problems`` lists all of them."""

    exit_code = ExitCode.INVALID_DATA

    def __init__(self, problems: list[Problem], message: str | None = None) -> None:
        super().__init__(message or f"{len(problems)} problem(s) in the data")
        self.problems = problems


class UsageError(IntlTrackerError):
    """The command line asks for something that does not exist or cannot be combined."""

    exit_code = ExitCode.USAGE


class OutputUnwritableError(IntlTrackerError):
    """A file or folder named on the command line (``-o``, ``--chart``, ``site --output``)
    cannot be written: a missing or read-only folder, an existing folder where a file is to
    go. Exit 3 like a closed output, but with one line saying ``cannot write 'PATH': reason``.
    """

    exit_code = ExitCode.OUTPUT_CLOSED

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"cannot write '{path}': {reason}")


class BusyError(IntlTrackerError):
    """Another process is writing the same file: its lock is held past the wait, or the file
    changed on disk between the read and the write. Nothing was written; running again
    is the remedy (exit 75, ``ExitCode.BUSY``)."""

    exit_code = ExitCode.BUSY


def unwritable(path: object, exc: OSError) -> OutputUnwritableError:
    """The :class:`OutputUnwritableError` for an ``OSError`` met while writing ``path``."""
    return OutputUnwritableError(path, exc.strerror or str(exc))


class OutputClosedError(Exception):
    """stdout (or the file being written) went away: the reader closed the pipe, the disk
    is full, the descriptor is closed. Deliberately not an ``OSError``, so that nothing
    between the write and ``cli.main`` mistakes it for a read error."""

    exit_code = ExitCode.OUTPUT_CLOSED
