"""Record one value by category into an indicator's breakdown file (``record --by``).

The cell is one row of ``indicators/ID.csv`` (format: docs/guide/data-keepers.md,
"Breakdowns"): a new row is inserted after the last row of an earlier or the same year
(after the header when there is none), an existing row is rewritten in place (``--replace``),
and every other line stays byte for byte, with the file's line endings. Rows are the csv
module's records, each with its span of physical lines (a quoted note may hold line breaks),
never single lines. A file that does not exist is created with the header of the
indicator's declared breakdowns.

The safety is that of ``record`` (``recording``): the codes are checked against goals.yaml
and the indicator's ``breakdowns:`` before anything is read (UsageError, exit 2, with the
closest id or code); the file as read and as edited are checked by ``check_table`` (the
checks of ``validate``; InvalidDataError, exit 1, nothing written); the write holds the
file's per-user lock and is a snapshot commit (``writing.commit``: changed on disk meanwhile
is exit 75, unwritable exit 3); a new file is created without ever overwriting one that
appeared meanwhile (``writing.create``).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import difflib
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from intl_tracker.core.errors import InvalidDataError, Problem, Severity, UsageError
from intl_tracker.dataset.breakdowns import BreakdownRefs, check_table
from intl_tracker.dataset.data_dirs import GOALS_FILE, display_path
from intl_tracker.dataset.loading import decode_text, load_goals, load_indicator
from intl_tracker.dataset.models import Dimension, Indicator, Observation
from intl_tracker.updating.locks import locked
from intl_tracker.updating.recording import (
    Action,
    Change,
    FileEdit,
    NewValue,
    check_arguments,
    decide_action,
    indicator_path,
    note_after,
    on_disk_positions,
    refuse_link_outside,
)
from intl_tracker.updating.writing import Snapshot, commit, create, read_snapshot


@dataclass(frozen=True, slots=True)
class Cell:
    """The category a value is for: ``codes`` maps each dimension of one declared breakdown
    of ``indicator`` to a category code; ``by`` is that breakdown (its declared order)."""

    indicator: Indicator
    by: tuple[str, ...]
    codes: Mapping[str, str]
    dimensions: Mapping[str, Dimension]

    @property
    def label(self) -> str:
        """``population [district=muut]``: the indicator and its category, for messages."""
        codes = ", ".join(f"{d}={self.codes[d]}" for d in self.by)
        return f"{self.indicator.id} [{codes}]"


def parse_by(given: Sequence[str]) -> dict[str, str]:
    """``["area=north", "sex=f"]`` as ``{"area": "north", "sex": "f"}``. Raises UsageError
    for an item without ``=`` or a dimension given twice."""
    codes: dict[str, str] = {}
    for item in given:
        dimension, equals, code = item.partition("=")
        dimension, code = dimension.strip(), code.strip()
        if not equals or not dimension or not code:
            raise UsageError(f"--by takes DIMENSION=CODE (e.g. --by area=north), not '{item}'")
        if dimension in codes:
            raise UsageError(f"--by gives the dimension '{dimension}' twice")
        codes[dimension] = code
    return codes


def resolve_cell(data_dir: Path, indicator_id: str, codes: Mapping[str, str]) -> Cell:
    """The cell ``codes`` names, checked against goals.yaml and the indicator's declared
    breakdowns. Raises UsageError (an unknown indicator, dimension or category, or a
    combination the indicator does not break down by: each with the closest suggestion) and
    InvalidDataError (goals.yaml or the indicator file is invalid)."""
    path = indicator_path(data_dir, indicator_id)
    goals, problems = load_goals(data_dir / GOALS_FILE)
    indicator, found, _ = load_indicator(path)
    errors = [p for p in problems + found if p.severity is Severity.ERROR]
    if goals is None or indicator is None or errors:
        raise InvalidDataError(errors, "the data set is invalid; nothing was written")
    dimensions = {d.id: d for d in goals.dimensions}
    for dimension, code in codes.items():
        _check_code(dimensions, dimension, code, total_ok=len(codes) > 1)
    # A total code among several is the total over that dimension, as in the file: the cell
    # of the other dimensions' breakdown (--by sex=all --by district=muut: district=muut).
    named = {d: c for d, c in codes.items() if c != dimensions[d].total}
    if not named:
        raise UsageError(
            "every --by names a total code: the total is the indicator's values:, recorded "
            "without --by"
        )
    declared = [tuple(b.by) for b in indicator.breakdowns]
    by = next((b for b in declared if set(b) == set(named)), None)
    if by is None:
        raise UsageError(_undeclared(indicator.id, named, declared))
    return Cell(indicator, by, named, dimensions)


def _check_code(
    dimensions: Mapping[str, Dimension], dimension: str, code: str, *, total_ok: bool
) -> None:
    """The dimension is declared and the code is one of its categories, or (``total_ok``)
    its total code."""
    if dimension not in dimensions:
        raise UsageError(
            f"no dimension '{dimension}' in goals.yaml{_closest(dimension, list(dimensions))}"
        )
    codes = [c.code for c in dimensions[dimension].categories]
    total = dimensions[dimension].total
    if code not in codes and not (total_ok and code == total):
        why = " (the total is the indicator's values:, recorded without --by)"
        raise UsageError(
            f"no category '{code}' in the dimension '{dimension}'"
            + (why if code == total else _closest(code, codes))
        )


def _closest(given: str, options: list[str]) -> str:
    close = difflib.get_close_matches(given, options, n=1, cutoff=0.5)
    if close:
        return f"; did you mean '{close[0]}'?"
    if not options:
        return " (none is declared)"
    return f" (declared: {', '.join(options[:12])}{', …' if len(options) > 12 else ''})"


def _undeclared(
    indicator_id: str, codes: Mapping[str, str], declared: list[tuple[str, ...]]
) -> str:
    asked = " \u00d7 ".join(codes)
    known = "; ".join(" \u00d7 ".join(b) for b in declared) or "none"
    return (
        f"{indicator_id} has no breakdown by {asked} (its breakdowns: {known}); "
        "declare it in the indicator's breakdowns: first"
    )


def record_cell(
    data_dir: Path, cell: Cell, new: NewValue, *, replace: bool, dry_run: bool = False
) -> FileEdit:
    """Write ``new`` into the cell's row of ``indicators/ID.csv`` (see the module). Raises
    UsageError, RecordConflictError (a different value exists and ``replace`` is false),
    InvalidDataError (the file is invalid before, or would be after, the edit), BusyError
    (exit 75) or OutputUnwritableError (exit 3); nothing is written then, and nothing at all
    with ``dry_run``."""
    check_arguments(new)
    path = indicator_path(data_dir, cell.indicator.id).with_suffix(".csv")
    with contextlib.nullcontext() if dry_run else locked([path]):
        edit = plan_cell(path, cell, new, replace=replace)
        if not dry_run and edit.changed:
            if edit.snapshot is None:
                create(path, edit.after)
            else:
                commit([(edit.snapshot, edit.after)])
    return edit


def plan_cell(path: Path, cell: Cell, new: NewValue, *, replace: bool) -> FileEdit:
    """The edit of the breakdown file ``path`` recording ``new`` in ``cell`` (nothing is
    written); a missing file is planned as a new one (``snapshot`` None)."""
    return plan_cells(path, [(cell, new)], replace=replace)


def plan_cells(path: Path, cells: Sequence[tuple[Cell, NewValue]], *, replace: bool) -> FileEdit:
    """The edit of the breakdown file ``path`` recording each value in its cell, in turn
    (``import``: many cells of one indicator), checked once at the end; nothing is written.
    The cells are of one indicator. Raises as ``record_cell``."""
    shown = display_path(path)
    first = cells[0][0]
    refs = BreakdownRefs.of(first.indicator)
    snapshot: Snapshot | None = None
    refuse_link_outside(path)
    if path.exists() or path.is_symlink():
        snapshot = read_snapshot(path)
        text, problems = decode_text(snapshot.data, shown)
        if text is None:
            raise InvalidDataError(problems, f"cannot read {shown}; nothing was written")
        _refuse_errors(
            check_table(_as_read(snapshot, text), shown, refs, first.dimensions),
            shown,
            "is invalid",
        )
    else:
        text = ",".join(("year", *refs.columns, "value", "status", "note")) + "\n"
    edited = text
    changes: list[Change] = []
    for cell, new in cells:
        check_arguments(new)
        edited, change = _edit_text(edited, cell, new, replace=replace, shown=shown)
        changes.append(change)
    warnings: tuple[Problem, ...] = ()
    if edited != text:
        after = check_table(edited, shown, refs, first.dimensions)
        errors = [p for p in after if p.severity is Severity.ERROR]
        if errors:
            years = {new.year for _, new in cells}
            year = next(iter(years)) if len(years) == 1 else None
            placed = on_disk_positions(errors, text, edited, year)
            _refuse_errors(placed, shown, "would be invalid after the edit")
        before = {(p.code, p.message) for p in check_table(text, shown, refs, first.dimensions)}
        warnings = tuple(p for p in after if (p.code, p.message) not in before)
    before_bytes = snapshot.data if snapshot is not None else b""
    return FileEdit(
        path,
        shown,
        before_bytes,
        edited.encode("utf-8"),
        tuple(changes),
        warnings,
        text if snapshot is not None else "",
        edited,
        snapshot,
    )


def _as_read(snapshot: Snapshot, text: str) -> str:
    """The text as ``validate`` reads it: with its byte-order mark (decode_text drops one),
    which validate refuses (``csv-byte-order-mark``), and so does ``record --by``: writing
    the file would silently drop it."""
    return "\ufeff" + text if snapshot.data.startswith(codecs.BOM_UTF8) else text


def _refuse_errors(problems: Sequence[Problem], shown: str, what: str) -> None:
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise InvalidDataError(errors, f"{shown} {what}; nothing was written")


# --- the text edit -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Row:
    start: int  # the record's first physical line (an index into the file's lines)
    end: int  # one past its last line: a quoted note may span lines
    cells: list[str]


#: A physical line with its ending (\r\n, \n or a lone \r, as the check reads them), or
#: the last line without one.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _edit_text(
    text: str, cell: Cell, new: NewValue, *, replace: bool, shown: str
) -> tuple[str, Change]:
    lines: list[str] = _LINE.findall(text)
    newline = _newline(lines[0]) if lines else "\n"
    records = _records(lines, shown)
    header = records[0].cells if records else []
    rows = [r for r in records[1:] if r.cells]
    match = next((r for r in rows if _is_cell(r, header, cell, new.year)), None)
    old = _observation(match.cells, header) if match is not None else None
    new = new.resolved(old)
    action = decide_action(old, new, replace=replace, label=cell.label)
    change = Change(cell.label, new.year, old, new, action)
    if action is Action.UNCHANGED:
        return text, change
    row = _row_text(header, cell, new, note_after(old, new), shown) + newline
    if match is not None:
        lines[match.start : match.end] = [row]
    else:
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += newline
        earlier = [r.end for r in rows if _year(r.cells, header) <= new.year]
        lines.insert(max(earlier) if earlier else (records[0].end if records else 0), row)
    return "".join(lines), change


def _newline(line: str) -> str:
    for ending in ("\r\n", "\n", "\r"):
        if line.endswith(ending):
            return ending
    return "\n"


def _records(lines: list[str], shown: str) -> list[_Row]:
    """The file's CSV records (the header first), each with its span of physical lines: a
    quoted note may hold line breaks (``validate`` allows them), so a record is found by the
    csv module's reading, never by the line. Raises InvalidDataError for text the csv
    module cannot read (the check before the edit refuses it first)."""
    records = []
    reader = csv.reader(lines, strict=True)
    start = 0
    try:
        for cells in reader:
            records.append(_Row(start, reader.line_num, cells))
            start = reader.line_num
    except csv.Error as exc:
        problem = Problem(shown, reader.line_num, 0, "csv-syntax", str(exc))
        raise InvalidDataError([problem], f"cannot read {shown}; nothing was written") from None
    return records


def _cell_at(cells: list[str], header: list[str], column: str) -> str:
    return cells[header.index(column)] if column in header else ""


def _year(cells: list[str], header: list[str]) -> int:
    text = _cell_at(cells, header, "year").strip()
    return int(text) if text.isdigit() else 0


def _is_cell(row: _Row, header: list[str], cell: Cell, year: int) -> bool:
    if _year(row.cells, header) != year:
        return False
    for column in header:
        if column in {"year", "value", "status", "note"}:
            continue
        written = _cell_at(row.cells, header, column).strip()
        if column in cell.codes:
            if written != cell.codes[column]:
                return False
        elif written not in {"", cell.dimensions[column].total or ""}:
            return False
    return True


def _observation(cells: list[str], header: list[str]) -> Observation:
    status = _cell_at(cells, header, "status").strip() or "final"
    note = _cell_at(cells, header, "note") or None
    return Observation.model_validate(
        {"value": float(_cell_at(cells, header, "value")), "status": status, "note": note}
    )


def _row_text(header: list[str], cell: Cell, new: NewValue, note: object, shown: str) -> str:
    status = "" if new.written_status == "final" else new.written_status
    missing = [c for c, v in (("status", status), ("note", note)) if v and c not in header]
    if missing:
        raise UsageError(
            f"{shown} has no {' or '.join(missing)} column; add "
            f"{','.join(missing)} to its header (and an empty cell to each row) first"
        )
    if note is not None and not isinstance(note, str):
        raise UsageError(f"{cell.label} {new.year} has a note per language; edit it by hand")
    values = {"year": str(new.year), "value": new.value, "status": status, "note": note or ""}
    out = io.StringIO()
    # The csv module quotes a cell holding a character of the line terminator: with "\r\n"
    # a note's line breaks are quoted (with "" they were not, and the row broke in two).
    csv.writer(out, lineterminator="\r\n").writerow(
        [values.get(c, cell.codes.get(c, "")) for c in header]
    )
    return out.getvalue().removesuffix("\r\n")
