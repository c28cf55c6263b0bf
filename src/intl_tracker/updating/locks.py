"""The locks of ``record`` and ``import``: kept outside the data set, one per data file.

A write holds an exclusive lock (``filelock``: ``flock`` on POSIX, ``LockFileEx`` on Windows)
on a file in a per-user folder, named by the data file's real path, so that

- the data set's repository never sees a lock file (``git status`` stays empty after a
  ``record`` or an ``import``; no ``.gitignore`` line is needed), and
- two names of one file (a symbolic link and its target, ``data/../data``) share one lock.

The folder, first that applies (the same places ``platformdirs`` gives, with the standard
library only):

1. ``$INTL_TRACKER_LOCK_DIR``;
2. ``$XDG_RUNTIME_DIR/intl-tracker/locks`` (Linux: a per-user folder in memory, emptied at
   log-out);
3. the user's cache folder: ``%LOCALAPPDATA%\\intl-tracker\\Cache\\locks`` on Windows,
   ``~/Library/Caches/intl-tracker/locks`` on macOS, else
   ``${XDG_CACHE_HOME:-~/.cache}/intl-tracker/locks``.

A lock file stays after use (an ``flock`` lock file cannot be deleted safely while another
process may be waiting on it); there is one small file per data file ever written. The folder
is created private (0700); one that is a symbolic link, belongs to another user or can be
written by others is refused, as is a lock that is a link, a folder or anything but a file.

The locks exclude writers of one user on one machine. Writers of other users, other machines
(a shared network folder) or other programs (an editor, ``sed -i``) are caught by the
writer's check that the file on disk is still the one it read (``writing.commit``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from filelock import FileLock, Timeout

from intl_tracker.core.errors import BusyError, OutputUnwritableError
from intl_tracker.dataset.data_dirs import display_path

LOCK_DIR_ENV = "INTL_TRACKER_LOCK_DIR"
APP_NAME = "intl-tracker"
# Seconds to wait for another writer of the same file before giving up (exit 75).
LOCK_TIMEOUT = 60.0


def lock_folder() -> Path:
    """The folder of the locks (see the module docstring for the order of places)."""
    explicit = os.environ.get(LOCK_DIR_ENV)
    if explicit:
        return Path(explicit)
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        return Path(runtime) / APP_NAME / "locks"
    return _cache_folder() / "locks"


def _cache_folder() -> Path:
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~\\AppData\\Local")
        return Path(local) / APP_NAME / "Cache"
    if sys.platform == "darwin":
        return Path(os.path.expanduser("~/Library/Caches")) / APP_NAME
    cache = os.environ.get("XDG_CACHE_HOME")
    base = Path(cache) if cache and os.path.isabs(cache) else Path.home() / ".cache"
    return base / APP_NAME


def lock_path(path: Path) -> Path:
    """The lock of the data file ``path``: ``<folder>/<name>.<hash of the real path>.lock``."""
    real = os.path.realpath(path)
    digest = hashlib.sha256(os.fsencode(real)).hexdigest()[:20]
    return lock_folder() / f"{Path(real).name}.{digest}.lock"


@contextlib.contextmanager
def locked(paths: Sequence[Path], *, timeout: float | None = None) -> Iterator[None]:
    """Hold the locks of ``paths`` (taken in the order given; callers sort them).

    Raises BusyError when one is held by another process past ``timeout`` seconds (default
    ``LOCK_TIMEOUT``), OutputUnwritableError when the lock folder or a lock cannot be used
    (exit 3, naming the data file and why).
    """
    wait = LOCK_TIMEOUT if timeout is None else timeout
    with contextlib.ExitStack() as stack:
        for path in paths:
            lock = lock_path(path)
            _check_folder(path, lock.parent)
            _check_lock(path, lock)
            try:
                stack.enter_context(FileLock(lock, timeout=wait))
            except Timeout:
                raise BusyError(
                    f"another process is writing {display_path(path)}: its lock "
                    f"'{lock}' has been held for {wait:g} s; nothing was written, try again"
                ) from None
            except OSError as exc:
                raise _unusable(path, lock, exc.strerror or str(exc)) from None
        yield


def _unusable(path: Path, lock: Path, reason: str) -> OutputUnwritableError:
    return OutputUnwritableError(display_path(path), f"its lock '{lock}' cannot be used: {reason}")


def _check_folder(path: Path, folder: Path) -> None:
    """Create the lock folder private; refuse one that others could tamper with."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
    except OSError as exc:
        raise _unusable(path, folder, exc.strerror or str(exc)) from None
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise _unusable(path, folder, "the lock folder is a symbolic link or not a folder")
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        raise _unusable(path, folder, "the lock folder belongs to another user")
    if os.name == "posix" and info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise _unusable(
            path, folder, f"the lock folder can be written by others; run chmod 700 '{folder}'"
        )


def _check_lock(path: Path, lock: Path) -> None:
    """A lock that exists must be a plain file (not a link, a folder, a pipe)."""
    try:
        info = os.lstat(lock)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _unusable(path, lock, exc.strerror or str(exc)) from None
    if stat.S_ISREG(info.st_mode):
        return
    kind = (
        "a symbolic link"
        if stat.S_ISLNK(info.st_mode)
        else "a folder"
        if stat.S_ISDIR(info.st_mode)
        else "not a file"
    )
    raise _unusable(path, lock, f"it is {kind}; remove it (no write is using it)")
