"""``intl-tracker diff BASE [HEAD]``: what a change to the data does to the values and statuses.

BASE and HEAD are each a data folder (holding ``goals.yaml``) or a git revision of the
repository the data set lives in (``main``, ``HEAD~1``, ``origin/main``, a commit id); HEAD
defaults to the data set in the working tree. A revision is read with ``git archive`` into a
temporary folder (the data set's folder at that revision), so nothing in the working tree
changes. A revision git does not know, or a BASE that is neither a folder nor a revision, or
a folder that is not a data set, is a usage error (exit 2).

The diff lists: indicators added and removed; every value added, changed or removed (value,
value status or note); and every indicator whose status moves, both data versions assessed
as of the same year (``--year``, default: HEAD's report year) by the same method.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from intl_tracker import __version__
from intl_tracker.app.workflows import load_catalog
from intl_tracker.assessment.engine import assess_catalog
from intl_tracker.assessment.records import Assessment
from intl_tracker.assessment.report_year import default_report_year
from intl_tracker.core.errors import UsageError
from intl_tracker.dataset.models import Catalog, Indicator, Observation
from intl_tracker.presentation.diff_view import DataDiff, StatusMove, ValueChange


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except OSError as exc:
        raise UsageError(f"cannot run git: {exc.strerror}") from exc


def _repository(data_root: Path) -> tuple[Path, str]:
    """The git work tree holding ``data_root``, and the data set's folder inside it."""
    found = _git(data_root, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        said = found.stderr.decode(errors="replace").strip().splitlines()
        why = f" (git: {said[0].removeprefix('fatal: ')})" if said else ""
        raise UsageError(
            f"'{data_root}' is not in a git repository git can read, so no revision can be "
            f"read{why}"
        )
    top = Path(found.stdout.decode().strip())
    inside = os.path.relpath(data_root.resolve(), top.resolve())
    return top, "" if inside == "." else inside


@contextmanager
def data_at(spec: str, data_root: Path) -> Iterator[Path]:
    """The data folder ``spec`` names: a folder as it is, or the data set at a git revision
    of ``data_root``'s repository (extracted into a temporary folder, removed on exit).
    Raises UsageError."""
    if os.path.isdir(spec):
        yield _data_set(Path(spec), spec)
        return
    if spec.startswith("-"):  # git would read it as an option (--output=FILE writes a file)
        raise UsageError(f"'{spec}' is not a data folder, and a revision never starts with '-'")
    top, inside = _repository(data_root)
    commit = _git(top, "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}")
    if commit.returncode != 0:
        raise UsageError(f"'{spec}' is neither a data folder nor a git revision of '{top}'")
    archive = _git(
        top, "archive", "--format=tar", commit.stdout.decode().strip(), "--", inside or "."
    )
    if archive.returncode != 0:
        raise UsageError(f"the revision '{spec}' has no '{inside}' folder")
    with tempfile.TemporaryDirectory(prefix="intl-tracker-diff-") as temporary:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(temporary, filter="data")
        yield _data_set(Path(temporary, inside), f"{spec}:{inside or '.'}")


def _data_set(path: Path, shown: str) -> Path:
    if not (path / "goals.yaml").is_file():
        raise UsageError(f"'{shown}' is not a data set: it has no goals.yaml")
    return path


def _value_changes(base: Catalog, head: Catalog) -> list[ValueChange]:
    changes: list[ValueChange] = []
    ids = sorted({i.id for i in base.indicators} | {i.id for i in head.indicators})
    for indicator_id in ids:
        before = _values(base.indicator(indicator_id))
        after = _values(head.indicator(indicator_id))
        for year in sorted(before.keys() | after.keys()):
            old, new = before.get(year), after.get(year)
            if old == new:
                continue
            kind = "added" if old is None else "removed" if new is None else "changed"
            changes.append(ValueChange(indicator_id, year, kind, old, new))
    return changes


def _values(indicator: Indicator | None) -> dict[int, Observation]:
    return {} if indicator is None else dict(indicator.series())


def _statuses(catalog: Catalog, year: int | None, method: str) -> dict[str, Assessment]:
    if year is None:
        return {}
    return {a.indicator_id: a for a in assess_catalog(catalog, year=year, method=method)}


def _status_moves(base: Catalog, head: Catalog, year: int | None, method: str) -> list[StatusMove]:
    before, after = _statuses(base, year, method), _statuses(head, year, method)
    moves: list[StatusMove] = []
    for indicator in [*head.indicators, *(i for i in base.indicators if i.id not in after)]:
        old, new = before.get(indicator.id), after.get(indicator.id)
        if (old.status if old else None) != (new.status if new else None):
            moves.append(
                StatusMove(
                    indicator.id,
                    indicator.name,
                    old.status if old else None,
                    new.status if new else None,
                    old.year if old else None,
                    new.year if new else None,
                )
            )
    return sorted(moves, key=lambda m: m.indicator)


def diff_data(
    base: str, head: str | None, data_root: Path, *, year: int | None, method: str
) -> DataDiff:
    """The diff of ``base`` and ``head`` (None: the data set in ``data_root``). Raises
    UsageError (see the module docstring) and InvalidDataError for a version with errors."""
    with ExitStack() as stack:
        base_root = stack.enter_context(data_at(base, data_root))
        head_root = data_root if head is None else stack.enter_context(data_at(head, data_root))
        old, new = load_catalog(base_root), load_catalog(head_root)
    if year is None:
        chosen = default_report_year(new)
        year = chosen.year if chosen is not None else None
    added = sorted({i.id for i in new.indicators} - {i.id for i in old.indicators})
    removed = sorted({i.id for i in old.indicators} - {i.id for i in new.indicators})
    return DataDiff(
        base,
        head or str(data_root),
        year,
        method,
        __version__,
        tuple(added),
        tuple(removed),
        tuple(_value_changes(old, new)),
        tuple(_status_moves(old, new, year, method)),
    )
