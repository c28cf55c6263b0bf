"""The folder a site is written to, and the files intl-tracker owns in it.

A build never deletes or overwrites a file it did not write. It records every file it
writes, with the SHA-256 of its bytes, in a manifest (``.intl-tracker-site.json``); a later
build replaces or removes a file only when the manifest names it, the file still has those
bytes, and its path is one the tool writes (:data:`OWNED_PATH`: a planted manifest cannot name
``data/goals.yaml``). Anything else in the folder (a ``CNAME``, ``.git/``, a hand-written page,
an earlier edition) stays; a file in the way of a new one stops the build before it starts.

The new files are written into a staging folder inside the output (so that a rename moves
them), and moved into place only when the whole build succeeded, with Ctrl-C and SIGTERM held
meanwhile; a build that fails or is stopped removes its staging folder and leaves the output
as it was. A staging folder left by a killed build (``kill -9``) is removed by the next build.
A symlinked output is written through to the folder it names, and no path inside the output
is followed through a symlink.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from intl_tracker.core import stopping
from intl_tracker.core.errors import OutputUnwritableError, UsageError
from intl_tracker.site.words import SITE_LANGUAGES

MANIFEST = ".intl-tracker-site.json"
MANIFEST_FORMAT = 1
STAGING_PREFIX = ".intl-tracker-staging-"
_STAGING_MARK = ".intl-tracker-staging"

_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_LANG = r"[a-z]{2,3}"
#: Every path a build writes, relative to the output. Only such a path is ever replaced or
#: removed, whatever a manifest says.
OWNED_PATH = re.compile(
    r"(?:index\.html|404\.html|sitemap\.xml|favicon\.svg"
    rf"|\d{{4}}/(?:index\.html|assets/(?:site\.css|favicon\.svg)"
    rf"|{_LANG}/(?:{_SLUG}\.html|(?:goals|indicators|objectives)/{_SLUG}\.html"
    rf"|charts/{_SLUG}(?:-[sml])?\.(?:svg|png)|data/{_SLUG}\.csv"
    r"|report-\d{4}\.(?:csv|json)|data-\d{4}\.(?:zip|xlsx))))"
)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Manifest:
    """What earlier builds wrote: every file with its SHA-256, and each edition's languages."""

    files: dict[str, str] = field(default_factory=dict)
    editions: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def read(cls, root: Path) -> Manifest:
        """The manifest of ``root``; empty when there is none. Entries that are not paths the
        tool writes are ignored. Raises UsageError for a manifest that cannot be read."""
        path = root / MANIFEST
        if not path.is_file():
            return cls()
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            files = document["files"]
            editions = document.get("editions", {})
            assert isinstance(files, dict) and isinstance(editions, dict)
        except (OSError, ValueError, KeyError, TypeError, AssertionError) as exc:
            raise UsageError(
                f"'{path}' is not a manifest intl-tracker can read; move it away to rebuild"
            ) from exc
        kept = {
            str(p): str(h)
            for p, h in files.items()
            if isinstance(p, str) and OWNED_PATH.fullmatch(p) and isinstance(h, str)
        }
        langs = {
            str(year): [str(code) for code in codes if code in SITE_LANGUAGES]
            for year, codes in editions.items()
            if re.fullmatch(r"\d{4}", str(year)) and isinstance(codes, list)
        }
        return cls(kept, {year: codes for year, codes in langs.items() if codes})

    def text(self) -> str:
        document = {
            "generator": "intl-tracker",
            "format": MANIFEST_FORMAT,
            "editions": dict(sorted(self.editions.items())),
            "files": dict(sorted(self.files.items())),
        }
        return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def resolve_output(output: Path) -> Path:
    """The folder ``output`` names, a symlink followed to its target (created when missing).

    Raises OutputUnwritableError (exit 3) for a file, a broken symlink or the root of the
    file system, and OSError when the folder cannot be made."""
    if output.is_symlink() and not output.exists():
        raise OutputUnwritableError(output, "it is a symbolic link to nothing")
    if output.exists() and not output.is_dir():
        raise OutputUnwritableError(output, "it is a file; give a folder")
    real = Path(os.path.realpath(output))
    if real == Path(real.anchor):
        raise OutputUnwritableError(output, "it is the root of the file system")
    real.mkdir(parents=True, exist_ok=True)
    return real


@contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the folder ``root`` for this build while it reads the manifest, moves its files
    into place and writes the manifest: two builds into one folder at once (2023 and 2024 by
    ``make -j``) draw side by side and take turns here, so neither finds the other's files in
    its way and neither manifest forgets the other's edition. The lock is ``flock`` on the
    folder itself (no lock file is written); it is released when the process ends however it
    ends. Where ``flock`` does not exist (Windows) builds are not serialised."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_staging(root: Path) -> None:
    """Remove staging folders of builds that are no longer running (killed, say by SIGKILL):
    only folders with the staging name and mark whose process is gone."""
    for entry in root.iterdir():
        if not entry.name.startswith(STAGING_PREFIX) or entry.is_symlink() or not entry.is_dir():
            continue
        mark = entry / _STAGING_MARK
        try:
            pid = int(mark.read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            continue
        if pid != os.getpid() and not _alive(pid):
            shutil.rmtree(entry, ignore_errors=True)


def make_staging(root: Path) -> Path:
    """A new, empty staging folder inside ``root``, marked with this process's id."""
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=root))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)
    (staging / _STAGING_MARK).write_text(f"{os.getpid()}\n", encoding="ascii")
    return staging


def _free(root: Path, relative: str, manifest: Manifest) -> str | None:
    """Why ``relative`` cannot be written in ``root``, or None when it can: nothing is there,
    or the file there is the one an earlier build wrote (same bytes)."""
    parts = PurePosixPath(relative).parts
    current = root
    for part in parts[:-1]:
        current = current / part
        if current.is_symlink() or (current.exists() and not current.is_dir()):
            return f"{current.relative_to(root).as_posix()} (not a folder)"
    target = root / relative
    if target.is_symlink() or (target.exists() and not target.is_file()):
        return f"{relative} (not a file)"
    if not target.exists():
        return None
    recorded = manifest.files.get(relative)
    if recorded is None:
        return f"{relative} (not written by intl-tracker)"
    if sha256(target) != recorded:
        return f"{relative} (changed since intl-tracker wrote it)"
    return None


def check_free(root: Path, paths: Iterable[str], manifest: Manifest) -> None:
    """Raise UsageError (exit 2) naming the files in the way of ``paths``; a build stops
    before it starts rather than overwrite a file it did not write."""
    blocked = [reason for p in paths if (reason := _free(root, p, manifest)) is not None]
    if blocked:
        shown = ", ".join(blocked[:5]) + (
            f" and {len(blocked) - 5} more" if len(blocked) > 5 else ""
        )
        raise UsageError(
            f"'{root}' holds files in the way of the site: {shown}; intl-tracker never "
            "overwrites a file it did not write: move them away or choose another folder"
        )


def staged_files(staging: Path) -> list[str]:
    """The files of a staging folder, as relative POSIX paths, sorted."""
    return sorted(
        p.relative_to(staging).as_posix()
        for p in staging.rglob("*")
        if p.is_file() and p.name != _STAGING_MARK
    )


def move_into_place(
    root: Path,
    staging: Path,
    manifest: Manifest,
    *,
    replaces: str,
    editions: Mapping[str, list[str]],
) -> list[str]:
    """Move the staged files into ``root`` and write the manifest; the files an earlier build
    wrote under the prefix ``replaces`` (the edition being rebuilt) or at the top level that
    this build did not write again are removed, if they still hold the bytes written.
    ``editions`` (year: languages) is what the manifest records of every edition.
    Returns the paths of such files kept because they were changed since (to warn about).

    Ctrl-C and SIGTERM wait until the files are in place: each file is renamed, not copied,
    so this takes a moment however large the site."""
    new = staged_files(staging)
    check_free(root, new, manifest)
    digests = {relative: sha256(staging / relative) for relative in new}
    with stopping.signals_held():
        files = dict(manifest.files)
        for relative in new:
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / relative, target)
            files[relative] = digests[relative]
        kept = _remove_obsolete(root, manifest, set(new), replaces, files)
        result = Manifest(files, dict(editions))
        _write_atomically(root / MANIFEST, result.text())
    return kept


def _remove_obsolete(
    root: Path, manifest: Manifest, written: set[str], replaces: str, files: dict[str, str]
) -> list[str]:
    kept: list[str] = []
    for relative, digest in sorted(manifest.files.items()):
        ours = relative.startswith(replaces) or "/" not in relative
        if relative in written or not ours:
            continue
        target = root / relative
        files.pop(relative, None)
        if target.is_file() and not target.is_symlink():
            if sha256(target) == digest:
                target.unlink()
                _prune(root, target.parent)
            else:
                kept.append(relative)
    return kept


def _prune(root: Path, folder: Path) -> None:
    """Remove ``folder`` and its parents up to ``root`` while they are empty."""
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _write_atomically(path: Path, text: str) -> None:
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


def remove_staging(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def signals_end_the_build() -> Iterator[None]:
    """While a staging folder exists, SIGTERM and SIGHUP raise ``SystemExit(128 + signal)``
    in the main thread and Ctrl-C ``KeyboardInterrupt``, also when the signal lands in a
    finaliser (:func:`intl_tracker.core.stopping.signals_stop`), so that the build removes
    its staging folder and stops its workers before the process ends; their default action
    would end it on the spot. (SIGKILL cannot be caught: the workers die with the process,
    and the next build removes the staging folder.)"""
    with stopping.signals_stop():
        yield


__all__ = [
    "MANIFEST",
    "OWNED_PATH",
    "Manifest",
    "check_free",
    "locked",
    "make_staging",
    "move_into_place",
    "remove_staging",
    "remove_stale_staging",
    "resolve_output",
    "signals_end_the_build",
]
