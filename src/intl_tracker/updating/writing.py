"""Read a data file as a snapshot, and write new contents over it all or nothing.

A write never overwrites what it did not read. ``read_snapshot`` keeps the file's identity
(device, inode, size, modification time) and bytes; ``commit`` writes each new content to a
temporary file in the same folder (flushed, fsynced, the original mode copied), checks that
every file on disk is still the snapshot it was planned from (identity and bytes), renames
the temporary files over them (``os.replace``) and fsyncs the folders. A file another program
changed in the meantime (an editor, ``sed -i``, another user's write, which the per-user
locks cannot see) stops the whole commit: ``ChangedOnDiskError`` (exit 75), and the files
already renamed in that commit are put back, so that nothing is written.

The check and the rename are two system calls, so on Linux the rename is an atomic
*exchange* (``renameat2(RENAME_EXCHANGE)``): the file that was on disk comes out under the
temporary name, and if it is not the snapshot (another program renamed or wrote over it in
those microseconds) it is exchanged back and the commit stops. Elsewhere, or on a file
system without the call, ``os.replace`` is used and a change landing between the check and
the rename is not seen (POSIX has no compare-and-rename).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from intl_tracker.core.errors import BusyError, InvalidDataError, OutputUnwritableError
from intl_tracker.dataset.data_dirs import (
    BREAKDOWN_SUFFIX,
    WRITE_TEMP_SUFFIX,
    display_path,
    write_temp_prefix,
)
from intl_tracker.dataset.loading import read_regular_file
from intl_tracker.dataset.yaml_strict import MAX_FILE_BYTES


class ChangedOnDiskError(BusyError):
    """A file changed on disk between its read and its write (exit 75, nothing written)."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A data file as read: the file written (a link's target), its identity and bytes."""

    path: Path  # as named by the caller (a link stays a link)
    real: Path
    identity: tuple[int, int, int, int]  # device, inode, size, modification time (ns)
    data: bytes


def read_snapshot(path: Path) -> Snapshot:
    """The file's bytes and identity. Raises InvalidDataError when it cannot be read or is
    not a regular file (the problem names it, exit 1)."""
    real = Path(os.path.realpath(path))
    raw, info, problems = read_regular_file(real, display_path(path), size_limit(real))
    if raw is None or info is None:
        raise InvalidDataError(problems, f"cannot read {display_path(path)}; nothing was written")
    return Snapshot(path, real, _identity(info), raw)


def size_limit(path: Path) -> int:
    """The largest file ``validate`` reads at ``path``, in bytes: a breakdown file (``.csv``)
    may be as large as ``breakdowns.MAX_TABLE_BYTES``, a YAML file ``MAX_FILE_BYTES``; record
    and import read and write to the same limits (a file validate accepts can be updated)."""
    if path.suffix != BREAKDOWN_SUFFIX:
        return MAX_FILE_BYTES
    from intl_tracker.dataset.breakdowns import MAX_TABLE_BYTES  # only when a CSV is written

    return MAX_TABLE_BYTES


def _identity(info: os.stat_result) -> tuple[int, int, int, int]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


@dataclass(frozen=True, slots=True)
class _Staged:
    snapshot: Snapshot
    data: bytes
    temporary: str


def commit(writes: Sequence[tuple[Snapshot, bytes]]) -> None:
    """Replace each snapshot's file with its new bytes, all or none.

    Raises ChangedOnDiskError when a file is no longer its snapshot (checked for every file
    before the first rename, and for each again just before its own), and
    OutputUnwritableError (exit 3, ``cannot write 'PATH': reason``) when a temporary file
    cannot be made or written or the rename fails. In both cases no data file is left changed:
    the files already renamed are put back, and every temporary file is removed.
    """
    staged: list[_Staged] = []
    done: list[_Staged] = []
    try:
        for snapshot, data in writes:
            staged.append(_stage(snapshot, data))
        for item in staged:
            _verify(item.snapshot)
        for item in staged:
            _verify(item.snapshot)
            _replace(item, checked=True)
            done.append(item)
    except BaseException:
        written = {id(item) for item in done}
        for item in staged:
            if id(item) not in written:
                with contextlib.suppress(OSError):
                    os.unlink(item.temporary)
        _put_back(done)
        raise
    for folder in {item.snapshot.real.parent for item in done}:
        _fsync_folder(folder)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` (a link: its target) with ``data`` whatever it holds now; a crash
    leaves the old file or the new one. Raises OutputUnwritableError."""
    real = Path(os.path.realpath(path))
    snapshot = Snapshot(path, real, (0, 0, 0, 0), b"")
    item = _stage(snapshot, data)
    try:
        _replace(item, checked=False)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(item.temporary)
        raise
    _fsync_folder(real.parent)


def create(path: Path, data: bytes) -> None:
    """Create the new file ``path`` holding ``data``, never overwriting one: the bytes are
    staged in a temporary file beside it and linked to the name (``os.link`` fails when the
    name exists). Raises ChangedOnDiskError (exit 75) when a file of that name appeared
    since it was found missing, OutputUnwritableError (exit 3) when it cannot be written."""
    real = Path(os.path.realpath(path))
    item = _stage(Snapshot(path, real, (0, 0, 0, 0), b""), data)
    try:
        os.link(item.temporary, real)
    except FileExistsError:
        raise ChangedOnDiskError(
            f"{display_path(path)} was created by another program or user while it was being "
            "written; nothing was written: run the command again"
        ) from None
    except OSError as exc:
        raise _unwritable(item.snapshot, exc) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(item.temporary)
    _fsync_folder(real.parent)


def _stage(snapshot: Snapshot, data: bytes) -> _Staged:
    """A temporary file beside the target holding ``data``, fsynced, with the target's mode."""
    real = snapshot.real
    try:
        mode = stat.S_IMODE(os.stat(real).st_mode)
    except OSError:
        mode = 0o644
    try:
        fd, temporary = tempfile.mkstemp(
            dir=real.parent, prefix=write_temp_prefix(real.name), suffix=WRITE_TEMP_SUFFIX
        )
    except OSError as exc:
        raise _unwritable(snapshot, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise _unwritable(snapshot, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return _Staged(snapshot, data, temporary)


def _replace(item: _Staged, *, checked: bool) -> None:
    """Put the staged file in place: by an atomic exchange when ``checked`` and the system
    has one (the file taken out must be the snapshot, else it goes back: ChangedOnDiskError),
    else by ``os.replace``. Raises OutputUnwritableError for a failed rename."""
    real = item.snapshot.real
    try:
        if not (checked and _exchange(item.temporary, real)):
            os.replace(item.temporary, real)
            return
    except OSError as exc:
        raise _unwritable(item.snapshot, exc) from None
    # the file that was on disk is now under the temporary name
    raw, info, _ = read_regular_file(Path(item.temporary), item.temporary, size_limit(real))
    if raw == item.snapshot.data and info is not None and _identity(info) == item.snapshot.identity:
        os.unlink(item.temporary)
        return
    with contextlib.suppress(OSError):
        _exchange(item.temporary, real)  # the other program's file goes back in place
        os.unlink(item.temporary)
    raise ChangedOnDiskError(
        f"{display_path(item.snapshot.path)} changed on disk while it was being written (by "
        "another program or user); it was left as that program wrote it and nothing was "
        "written: run the command again"
    )


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_NOT_SUPPORTED = frozenset({errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV})


@cache
def _renameat2() -> Callable[..., int] | None:
    """glibc's ``renameat2`` (Linux 3.15, glibc 2.28), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    return function


def _exchange(first: str | Path, second: str | Path) -> bool:
    """Swap two paths atomically; False when the system or file system cannot. Raises
    OSError for another failure."""
    function = _renameat2()
    if function is None:
        return False
    status = function(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if status == 0:
        return True
    code = ctypes.get_errno()
    if code in _NOT_SUPPORTED:
        return False
    raise OSError(code, os.strerror(code), os.fspath(second))


def _unwritable(snapshot: Snapshot, exc: OSError) -> OutputUnwritableError:
    return OutputUnwritableError(display_path(snapshot.path), exc.strerror or str(exc))


def _verify(snapshot: Snapshot) -> None:
    """Raise ChangedOnDiskError unless the file on disk is still ``snapshot``."""
    shown = display_path(snapshot.path)
    now = Path(os.path.realpath(snapshot.path))
    reason = None
    if now != snapshot.real:
        reason = f"it now points to '{now}'"
    else:
        raw, info, _ = read_regular_file(now, shown, size_limit(now))
        if raw is None or info is None:
            reason = "it can no longer be read"
        elif raw != snapshot.data:
            reason = "its content changed"
        elif _identity(info) != snapshot.identity:
            reason = "it was replaced or touched"
    if reason is not None:
        raise ChangedOnDiskError(
            f"{shown} changed on disk while it was being edited ({reason}, by another program "
            "or user); nothing was written: run the command again"
        )


def _put_back(done: Sequence[_Staged]) -> None:
    """Undo the renames of a failed commit: each file that still holds what was written gets
    its snapshot's bytes back (a file changed since is left alone)."""
    for item in reversed(done):
        real = item.snapshot.real
        raw, _, _ = read_regular_file(real, display_path(item.snapshot.path), size_limit(real))
        if raw == item.data:
            with contextlib.suppress(OutputUnwritableError, OSError):
                write_atomic(item.snapshot.real, item.snapshot.data)


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows cannot open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
