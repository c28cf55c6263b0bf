"""Where a data set lives and which files it has: standard library only, so that shell
completion (which runs the program on every TAB) can list indicator ids without loading
pydantic or YAML.

The data-directory rule (docs/guide/data-keepers.md, "Which data set a command uses"):

1. ``--data DIR``, else ``$INTL_TRACKER_DATA``: that directory, whatever it holds.
2. Else the nearest local data set: the working directory or its ``data/`` folder, then
   the same in each parent folder up to the repository root (the folder holding ``.git``);
   outside a repository, only the working directory (and the parent of an ``indicators``
   folder).
   A folder is a data set as soon as it has a ``goals.yaml`` *or* an ``indicators`` entry:
   an incomplete one (indicator files but no goals.yaml) is reported as invalid, never
   replaced by another data set.
3. Else, and only when no data set is found at all, the bundled Espoo data set; the
   command says so on stderr.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

GOALS_FILE = "goals.yaml"
INDICATORS_DIR = "indicators"
DATA_ENV = "INTL_TRACKER_DATA"
DATA_SUBDIR = "data"
# Levels above the working directory searched for a data set (a bound, not a limit anyone
# meets: the search stops at the repository root first).
MAX_PARENTS = 32
INDICATOR_SUFFIXES = (".yaml", ".yml")
#: The suffix of an indicator's breakdown file, beside its YAML file.
BREAKDOWN_SUFFIX = ".csv"
# The file ``record`` and ``import`` make next to an indicator file ``ID.yaml``, only while a
# write is under way or after a crash: the temporary ``.ID.yaml.<random>.tmp`` that is
# renamed over the file. Their locks are kept outside the data set (updating/locks.py);
# earlier versions kept them here as ``ID.yaml.lock``, which ``validate`` now reports.
WRITE_LOCK_SUFFIX = ".lock"
WRITE_TEMP_SUFFIX = ".tmp"


def write_lock_name(name: str) -> str:
    """The lock file name of the indicator file ``name`` (``population.yaml.lock``)."""
    return name + WRITE_LOCK_SUFFIX


def write_temp_prefix(name: str) -> str:
    """The prefix of the temporary files written for ``name`` (``.population.yaml.``)."""
    return f".{name}."


def _written_for(entry: str) -> tuple[str, str] | None:
    """``(kind, indicator file name)`` when ``entry`` is the writer's lock file
    (``"lock"``) or temporary file (``"temp"``) of an indicator file, else None."""
    if entry.endswith(WRITE_LOCK_SUFFIX):
        base = entry.removesuffix(WRITE_LOCK_SUFFIX)
        if os.path.splitext(base)[1] in INDICATOR_SUFFIXES and not base.startswith("."):
            return "lock", base
    if entry.startswith(".") and entry.endswith(WRITE_TEMP_SUFFIX):
        base = entry[1:].removesuffix(WRITE_TEMP_SUFFIX).rpartition(".")[0]
        if os.path.splitext(base)[1] in INDICATOR_SUFFIXES:
            return "temp", base
    return None


class Origin(StrEnum):
    """How the data directory was chosen."""

    OPTION = "--data"
    ENV = DATA_ENV
    FOUND = "found"
    BUNDLED = "bundled"


@dataclass(frozen=True, slots=True)
class DataChoice:
    """The data directory a command uses and how it was chosen."""

    path: Path
    origin: Origin


def bundled_data_dir() -> Path:
    """The Espoo data set installed with the package (or the repository's ``data/`` in a
    development checkout)."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "espoo_data"
    if (installed / GOALS_FILE).is_file():
        return installed
    return here.parents[1] / "data"


def looks_like_data_set(folder: Path) -> bool:
    """A folder with a ``goals.yaml`` or an ``indicators`` entry (of any kind: a file named
    ``indicators`` is a broken data set, not no data set)."""
    return _exists(folder / GOALS_FILE) or _exists(folder / INDICATORS_DIR)


def _exists(path: Path) -> bool:
    try:
        os.lstat(path)
    except (OSError, ValueError):
        return False
    return True


def find_local_data_set(cwd: Path | None = None) -> Path | None:
    """The nearest data set at or above ``cwd`` (default: the working directory, used as
    the relative path ``.`` so that a working directory deeper than PATH_MAX still works):
    each folder itself, then its ``data/``.

    Parent folders are searched only inside a repository, up to its root (the folder
    holding ``.git``), so that an unrelated ``data/`` higher up (in ``/tmp``, in a home
    folder) is never taken. Outside a repository only the working folder and, when it is
    an ``indicators`` folder, its parent are looked at.
    """
    start = Path(".") if cwd is None else cwd
    chain = _ancestors(start)
    in_repository = any(_exists(folder / ".git") for folder in chain)
    if not in_repository:
        chain = chain[:1]
        if _name_of(start) == INDICATORS_DIR:
            chain.append(start / "..")
    for folder in chain:
        for candidate in (folder, folder / DATA_SUBDIR):
            if looks_like_data_set(candidate):
                return _tidy(candidate)
        if _exists(folder / ".git"):
            break
    return None


def _ancestors(start: Path) -> list[Path]:
    """``start`` and its parents (as ``start/..``, ``start/../..``), up to the first folder
    holding ``.git`` or the file-system root, at most ``MAX_PARENTS``."""
    chain = [start]
    folder = start
    for _ in range(MAX_PARENTS):
        if _exists(folder / ".git"):
            break
        parent = folder / ".."
        try:
            if os.path.samestat(os.stat(folder), os.stat(parent)):  # the file-system root
                break
        except OSError:
            break
        chain.append(parent)
        folder = parent
    return chain


def _name_of(folder: Path) -> str:
    """The folder's own name, also for ``.`` (from the working directory)."""
    if folder.name:
        return folder.name
    try:
        return Path(os.getcwd()).name if str(folder) == "." else Path(os.path.abspath(folder)).name
    except OSError:
        return ""


def _tidy(path: Path) -> Path:
    """``./data`` as ``data``, ``data/..`` kept as written (no resolving: links stay)."""
    return Path(os.path.normpath(path)) if ".." not in path.parts else path


def choose_data_dir(explicit: Path | None = None, *, cwd: Path | None = None) -> DataChoice:
    """The data directory by the rule in this module's docstring."""
    if explicit is not None:
        return DataChoice(explicit, Origin.OPTION)
    env = os.environ.get(DATA_ENV)
    if env:
        return DataChoice(Path(env), Origin.ENV)
    local = find_local_data_set(cwd)
    if local is not None:
        return DataChoice(local, Origin.FOUND)
    return DataChoice(bundled_data_dir(), Origin.BUNDLED)


def resolve_data_dir(explicit: Path | None = None, *, cwd: Path | None = None) -> Path:
    """``choose_data_dir(...).path``."""
    return choose_data_dir(explicit, cwd=cwd).path


def display_path(path: Path) -> str:
    """How a file is named in messages: relative to the working directory without ``./``
    when it is under it (GitHub annotations need that), else absolute. Symbolic links are
    not followed: a link is named by its own name, not its target's. Never fails: with no
    usable working directory (deleted, deeper than PATH_MAX) the path is shown as given."""
    text = os.fspath(path)
    try:
        cwd = os.getcwd()
    except OSError:
        return Path(text).as_posix()
    absolute = os.path.normpath(os.path.join(cwd, text))
    try:
        relative = os.path.relpath(absolute, cwd)
    except ValueError:  # another drive (Windows)
        return Path(absolute).as_posix()
    if relative == ".." or relative.startswith(".." + os.sep):
        return Path(absolute).as_posix()
    return Path(relative).as_posix()


WORKSPACE_ENV = "GITHUB_WORKSPACE"


def repository_root() -> Path | None:
    """The root of the repository being checked, as an absolute path: ``$GITHUB_WORKSPACE``
    when set (GitHub Actions), else the nearest folder at or above the working directory
    holding a ``.git`` entry (a folder, or a file in a worktree or submodule). None outside
    a repository or without a usable working directory."""
    workspace = os.environ.get(WORKSPACE_ENV)
    try:
        if workspace:
            return Path(os.path.abspath(workspace))
        folder = Path(os.getcwd())
    except OSError:
        return None
    for candidate in (folder, *folder.parents):
        if _exists(candidate / ".git"):
            return candidate
    return None


def repository_path(shown: str) -> str:
    """A file named as ``display_path`` names it, renamed relative to ``repository_root()``
    without ``./`` (the only form GitHub shows annotations inline for). Returned unchanged
    outside a repository or when the file is not inside it. Symbolic links in the folders
    above the file are followed only when the plain paths do not match (``/tmp`` being a
    link to ``/private/tmp``, say); the file's own link never is."""
    root = repository_root()
    if root is None:
        return shown
    try:
        absolute = os.path.normpath(os.path.join(os.getcwd(), shown))
    except OSError:
        return shown
    head, tail = os.path.split(absolute)
    real = os.path.join(os.path.realpath(head), tail)
    for base, target in ((os.fspath(root), absolute), (os.path.realpath(root), real)):
        try:
            relative = os.path.relpath(target, base)
        except ValueError:  # another drive (Windows)
            continue
        if relative != ".." and not relative.startswith(".." + os.sep):
            return Path(relative).as_posix()
    return shown


@dataclass
class IndicatorFolder:
    """What ``indicators/`` holds: the indicator files, and every other entry with why it
    is not read (the loader reports each, so nothing is left out silently)."""

    files: list[Path] = field(default_factory=list)
    # The breakdown files (``<id>.csv``, beside the indicator files: dataset/breakdowns.py).
    tables: list[Path] = field(default_factory=list)
    # (entry, reason code, message); reason codes: wrong-extension, not-yaml, folder,
    # leftover-temp-file, leftover-lock-file, odd-lock-file, link-outside (a link out of the
    # data set: an error)
    skipped: list[tuple[Path, str, str]] = field(default_factory=list)
    # The folder itself is missing (None), a folder ("folder") or something else ("file").
    kind: str | None = "folder"


def scan_indicator_folder(root: Path) -> IndicatorFolder:
    """The entries of ``root/indicators`` sorted by name. Hidden entries (``.gitkeep``,
    ``.DS_Store``) are ignored; a temporary file the writer left behind
    (``.ID.yaml.<random>.tmp``: a write was interrupted, or is running) and a lock file of
    an earlier version (``ID.yaml.lock``) are skipped entries with their reason; everything
    else is an indicator file or a skipped entry."""
    folder = root / INDICATORS_DIR
    try:
        mode = os.stat(folder).st_mode
    except OSError:
        return IndicatorFolder(kind=None if not _exists(folder) else "file")
    if not stat.S_ISDIR(mode):
        return IndicatorFolder(kind="file")
    result = IndicatorFolder()
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        return IndicatorFolder(kind="file")
    for entry in entries:
        written = _written_for(entry.name)
        if written is not None and written[0] == "lock":
            result.skipped.append((folder / entry.name, *_old_lock(entry, written[1])))
        if written is not None and written[0] == "temp":
            result.skipped.append(
                (
                    folder / entry.name,
                    "leftover-temp-file",
                    f"a temporary file of a write of {written[1]} that did not finish "
                    f"(that file is whole, old or new); delete this one unless a record "
                    f"or import is running",
                )
            )
        if entry.name.startswith(".") or written is not None:
            continue
        path = folder / entry.name
        suffix = os.path.splitext(entry.name)[1]
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            result.skipped.append(
                (path, "folder", "a folder inside indicators/ is not read; move its files up")
            )
        elif entry.is_symlink() and links_outside(path, root):
            result.skipped.append(
                (
                    path,
                    "link-outside",
                    LINK_OUTSIDE,
                )
            )
        elif suffix in INDICATOR_SUFFIXES:
            result.files.append(path)
        elif suffix == BREAKDOWN_SUFFIX:
            result.tables.append(path)
        elif suffix.lower() in (*INDICATOR_SUFFIXES, BREAKDOWN_SUFFIX):
            result.skipped.append(
                (
                    path,
                    "wrong-extension",
                    f"the extension '{suffix}' is not read; rename the file to end in "
                    f"'{suffix.lower()}'",
                )
            )
        else:
            result.skipped.append(
                (
                    path,
                    "not-yaml",
                    "not a data file (only *.yaml and *.yml indicator files and their *.csv "
                    "breakdown files are read)",
                )
            )
    return result


#: The message of ``link-outside``: a data file that is a link out of the data set.
LINK_OUTSIDE = (
    "a link to a file outside the data set is not read (nor written): copy the file into the "
    "data set"
)


def links_outside(path: Path, root: Path) -> bool:
    """Whether the data file ``path`` of the data set ``root`` is a symbolic link (even a
    broken one) leading out of it: such a file is neither read nor written (``link-outside``,
    the check of ``validate``'s scan of indicators/, of ``record`` and of ``import``)."""
    return path.is_symlink() and not link_stays_inside(path, root)


def link_stays_inside(path: Path, root: Path) -> bool:
    """Whether ``path`` (a symbolic link, or a path through one) leads to a file inside the
    data set ``root``. A data file that is a link out of the data set is never read or written:
    a hostile pull request could otherwise make ``validate`` print (in a CI log) the contents
    of any file the runner can read, such as ``/proc/self/environ``."""
    try:
        target = Path(os.path.realpath(path))
        inside = Path(os.path.realpath(root))
    except (OSError, ValueError):
        return False
    return target == inside or inside in target.parents


def _old_lock(entry: os.DirEntry[str], base: str) -> tuple[str, str]:
    """Why a lock file ``ID.yaml.lock`` in indicators/ is reported: locks are no longer kept
    there, so it is a leftover of an earlier version, or something odd in its place."""
    try:
        kind = (
            "a symbolic link"
            if entry.is_symlink()
            else "a folder"
            if entry.is_dir(follow_symlinks=False)
            else None
            if entry.is_file(follow_symlinks=False)
            else "not a file"
        )
    except OSError:
        kind = "unreadable"
    if kind is not None:
        return (
            "odd-lock-file",
            f"named as a lock of {base}, but {kind}; intl-tracker keeps no lock here: delete it",
        )
    return (
        "leftover-lock-file",
        f"a lock of {base} left by an earlier intl-tracker, which kept its locks beside the "
        "data; they are now kept outside the data set: delete it (git rm if committed)",
    )


def iter_indicator_files(root: Path) -> list[Path]:
    """The indicator files of a data set (``*.yaml`` and ``*.yml`` in ``indicators/``)."""
    return scan_indicator_folder(root).files
