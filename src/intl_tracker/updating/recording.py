"""Write values into indicator files: a text edit at the positions the strict reader knows.

``record`` and ``import`` both come through here. An edit changes only the text of the
entry concerned (a new ``YEAR: VALUE`` line, or the scalar that changes inside an existing
entry); comments, key order, quoting, blank lines, a UTF-8 byte-order mark and the file's
line endings stay byte for byte. A round-tripping YAML library could not promise that
(see docs/guide/data-keepers.md, "Updating the data").

Every edit is validated in memory by the same checks as ``validate`` before anything is
written, then written atomically and durably (a temporary file in the same folder,
fsynced, the original mode kept, ``os.replace``, the folder fsynced) under a ``filelock``
lock on a sibling ``<file>.lock``, so concurrent writers never lose an update.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import math
import os
import re
import stat
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from filelock import FileLock, Timeout
from yaml.nodes import MappingNode, Node, ScalarNode

from intl_tracker.core.errors import (
    IntlTrackerError,
    InvalidDataError,
    Problem,
    Severity,
    UsageError,
)
from intl_tracker.dataset.data_dirs import (
    INDICATORS_DIR,
    WRITE_TEMP_SUFFIX,
    display_path,
    write_lock_name,
    write_temp_prefix,
)
from intl_tracker.dataset.loading import check_indicator_text, raised_codes_in
from intl_tracker.dataset.models import Indicator, Localizable, Observation, ValueStatus
from intl_tracker.dataset.plausibility import TYPO_CODES
from intl_tracker.dataset.yaml_strict import _int_of

BOM = "\ufeff"
# Seconds to wait for another writer of the same file before giving up.
LOCK_TIMEOUT = 60.0
_NUMBER = re.compile(r"^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Action(StrEnum):
    """What an edit does to a year: add it, overwrite it, mark it final, or nothing."""

    INSERT = "insert"
    REPLACE = "replace"
    PROMOTE = "promote"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class NewValue:
    """A value to write: ``value`` is the number's text as it will appear in the file (a
    YAML 1.2 int or float, e.g. ``326280`` or ``23.6``).

    ``note`` None means "no new note": the year's old note is kept when the value stays
    the same (a status change, a promotion) or ``keep_note`` is true, and dropped when the
    value changes, since it gives the source of a number that is no longer there, or when
    an estimate becomes a published figure, since it explained the estimate (see
    ``note_after``).
    """

    year: int
    value: str
    status: ValueStatus = "final"
    note: str | None = None
    keep_note: bool = False


@dataclass(frozen=True, slots=True)
class Change:
    """One year of one indicator: what was there (None for a new year) and what is now."""

    indicator: str
    year: int
    old: Observation | None
    new: NewValue
    action: Action

    @property
    def dropped_note(self) -> Localizable | None:
        """The old note the edit removes (a replaced value without a new note), else None."""
        if self.action is Action.UNCHANGED or self.old is None or self.old.note is None:
            return None
        return self.old.note if note_after(self.old, self.new) is None else None


@dataclass(frozen=True, slots=True)
class FileEdit:
    """One file's edit: the bytes before and after and the years changed."""

    path: Path
    shown: str
    before: bytes
    after: bytes
    changes: tuple[Change, ...]
    # the warnings the edit brings (e.g. an estimate without a note), at their positions in
    # the edited text; those the file had before are left to ``validate``
    warnings: tuple[Problem, ...] = ()
    before_text: str = ""  # the decoded texts (no byte-order mark) before and after
    after_text: str = ""

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def warnings_on_disk(self, *, dry_run: bool) -> list[Problem]:
        """``warnings`` placed in the file as it is on disk: as they are once the edit is
        written; for a dry run, by ``on_disk_positions`` (the edit is not on disk)."""
        if not dry_run:
            return list(self.warnings)
        years = {change.year for change in self.changes}
        year = next(iter(years)) if len(years) == 1 else None
        return on_disk_positions(self.warnings, self.before_text, self.after_text, year)

    def diff(self) -> str:
        """A unified diff of the edit ('' when nothing changes)."""
        old = _decode(self.before)[1].splitlines(keepends=True)
        new = _decode(self.after)[1].splitlines(keepends=True)
        relative = not Path(self.shown).is_absolute()
        before, after = (f"a/{self.shown}", f"b/{self.shown}") if relative else (self.shown,) * 2
        lines = difflib.unified_diff(old, new, before, after)
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


class EditRefusedError(InvalidDataError):
    """The edited text of one file is invalid; ``problems`` are positions in ``text`` (the
    text as edited so far), ``year`` the year whose edit made it invalid."""

    def __init__(self, problems: list[Problem], text: str, year: int) -> None:
        super().__init__(problems)
        self.text = text
        self.year = year


class RecordConflictError(UsageError):
    """The year has a different value and ``--replace`` was not given."""


class LockTimeoutError(IntlTrackerError):
    """Another process held the file's lock for longer than ``LOCK_TIMEOUT`` seconds."""


def describe(change: Change, shown: str, *, dry_run: bool) -> str:
    """One line saying what a ``record`` did (or would do with ``dry_run``)."""
    new = change.new
    status = "" if new.status == "final" else f" ({new.status})"
    what = {
        Action.INSERT: f"recorded {change.indicator} {new.year} = {new.value}{status}",
        Action.REPLACE: f"replaced {change.indicator} {new.year}: "
        f"{_describe(change.old) if change.old else '-'} -> {new.value}{status}"
        + (" (its old note dropped)" if change.dropped_note is not None else ""),
        Action.PROMOTE: f"marked {change.indicator} {new.year} = {new.value} final",
        Action.UNCHANGED: f"{change.indicator} {new.year} already is {new.value}{status}; "
        "nothing to change",
    }[change.action]
    if change.action is Action.UNCHANGED:
        return what
    return f"{what} in {shown}" + (" (dry run: nothing written)" if dry_run else "")


def parse_number(text: str) -> str:
    """The number typed on the command line as it will be written: a plain decimal or
    exponent form with a dot (``+`` dropped). Raises UsageError for anything else."""
    cleaned = text.strip().removeprefix("+")
    if "," in cleaned and _NUMBER.match(cleaned.replace(",", ".")):
        raise UsageError(f"'{text}' is not a number; use a dot as the decimal separator")
    if not _NUMBER.match(cleaned) or not math.isfinite(float(cleaned)):
        raise UsageError(f"'{text}' is not a number (write e.g. 326280 or 23.6)")
    return cleaned


def indicator_path(data_dir: Path, indicator_id: str) -> Path:
    """``DATA/indicators/ID.yaml``; UsageError for a malformed or unknown id."""
    folder = data_dir / INDICATORS_DIR
    path = folder / f"{indicator_id}.yaml"
    if not _ID.match(indicator_id) or not path.is_file():
        known = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
        close = difflib.get_close_matches(indicator_id, known, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise UsageError(f"no indicator '{indicator_id}' in {display_path(folder)}{hint}")
    return path


def record_values(
    edits: Mapping[Path, Sequence[NewValue]], *, replace: bool, dry_run: bool = False
) -> list[FileEdit]:
    """Write the values into their files; a refusal anywhere writes nothing.

    Every file's lock is taken (in path order), every edit is planned and validated in
    memory, and only then are the files written, each atomically (a crash between two files
    leaves each file either old or new). Raises InvalidDataError (a file is invalid before
    or after the edit), RecordConflictError (a different value exists and ``replace`` is
    false) or LockTimeoutError; nothing is written then. With ``dry_run`` nothing is
    written at all and no lock is taken.
    """
    paths = sorted(edits)
    roots = {path.parent.parent for path in paths}  # DATA/indicators/ID.yaml
    raised = {root: raised_codes_in(root) for root in roots}
    with contextlib.nullcontext() if dry_run else _locked(paths):
        planned = [
            plan_file(path, edits[path], replace=replace, errors=raised[path.parent.parent])
            for path in paths
        ]
        if not dry_run:
            for edit in planned:
                if edit.changed:
                    write_atomic(edit.path, edit.after)
    return planned


def plan_file(
    path: Path,
    values: Sequence[NewValue],
    *,
    replace: bool,
    errors: frozenset[str] = frozenset(),
) -> FileEdit:
    """The edit of one file that records ``values`` in turn (nothing is written);
    ``errors``: the warning codes the data set raises to errors."""
    shown = display_path(path)
    before = path.read_bytes()
    bom, on_disk = _decode(before)
    text = on_disk
    changes: list[Change] = []
    for new in values:
        try:
            text, change = plan_edit(
                text, new, stem=path.stem, shown=shown, replace=replace, errors=errors
            )
        except EditRefusedError as refused:
            problems = on_disk_positions(refused.problems, on_disk, refused.text, refused.year)
            raise InvalidDataError(
                problems,
                f"the edit of {shown} was refused ({len(problems)} problem(s)); "
                "nothing was written",
            ) from None
        changes.append(change)
    after = ((BOM if bom else "") + text).encode("utf-8")
    warnings: tuple[Problem, ...] = ()
    if after != before:
        had = {
            (p.code, p.message)
            for p in check_indicator_text(on_disk, path.stem, shown)[1]
            if p.severity is Severity.WARNING
        }
        problems = check_indicator_text(text, path.stem, shown, errors=errors)[1]
        warnings = tuple(
            p for p in problems if p.severity is Severity.WARNING and (p.code, p.message) not in had
        )
    return FileEdit(path, shown, before, after, tuple(changes), warnings, on_disk, text)


def on_disk_positions(
    problems: Sequence[Problem], on_disk: str, edited: str, year: int | None = None
) -> list[Problem]:
    """``problems`` found in the ``edited`` text, placed in the file as it is on disk
    (``on_disk``): a problem on a line the edit did not touch gets that line's number on
    disk; one on a line the edit adds or changes has no position on disk, so it gets none
    (line 0) and its message says it is in the proposed edit (of ``year``'s entry) and at
    which line of the edited text."""
    old_lines = on_disk.splitlines(keepends=True)
    new_lines = edited.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    blocks = matcher.get_matching_blocks()
    where = f"the proposed entry for {year}" if year is not None else "the proposed edit"
    placed: list[Problem] = []
    for problem in problems:
        index = problem.line - 1
        block = next((b for b in blocks if b.b <= index < b.b + b.size), None)
        if problem.line == 0:
            placed.append(problem)
        elif block is not None:
            placed.append(replace(problem, line=block.a + index - block.b + 1))
        else:
            placed.append(
                replace(
                    problem,
                    line=0,
                    column=0,
                    message=f"in {where} (line {problem.line}, column {problem.column} "
                    f"of the file as edited, not written): {problem.message}",
                )
            )
    return placed


def plan_edit(
    text: str,
    new: NewValue,
    *,
    stem: str,
    shown: str,
    replace: bool,
    errors: frozenset[str] = frozenset(),
) -> tuple[str, Change]:
    """``text`` with ``new`` recorded, and what changed; ``errors``: the warning codes the
    data set raises to errors.

    Raises InvalidDataError when ``text`` is invalid (a probable typo, or a raised warning,
    is let through: the edit may be its correction), EditRefusedError when the edit would
    make it invalid (positions in the edited text; ``plan_file`` places them in the file),
    RecordConflictError as described in ``record_values``.
    """
    indicator, root = _valid(text, stem, shown, errors, correctable=errors | TYPO_CODES)
    values_key, values_node = _values_pair(root, shown)
    old = indicator.values.get(new.year)
    action = _action(old, new, replace=replace, indicator_id=indicator.id)
    if action is Action.UNCHANGED:
        return text, Change(indicator.id, new.year, old, new, action)
    newline = "\r\n" if "\r\n" in text else "\n"
    layout = _Layout.of(values_key, values_node, newline)
    if old is None:
        edits = [_insert(text, values_key, values_node, new, layout)]
    else:
        entry = _entry(values_node, new.year)
        edits = _update(text, entry, old, new, layout)
    edited = _apply(text, edits)
    try:
        after, _ = _valid(edited, stem, shown, errors)
    except InvalidDataError as invalid:
        raise EditRefusedError(invalid.problems, edited, new.year) from None
    written = after.values.get(new.year)
    if written is None or not _same(written, new, old):
        raise AssertionError(f"the edit of {shown} did not record {new}")  # a bug, exit 4
    return edited, Change(indicator.id, new.year, old, new, action)


# --- deciding --------------------------------------------------------------------------


def _action(old: Observation | None, new: NewValue, *, replace: bool, indicator_id: str) -> Action:
    if old is None:
        return Action.INSERT
    same_value = old.value == float(new.value)
    same_note = new.note is None or new.note == old.note
    if same_value and old.status == new.status and same_note:
        return Action.UNCHANGED
    if same_value and old.status == "provisional" and new.status == "final":
        return Action.PROMOTE
    if replace:
        return Action.REPLACE
    raise RecordConflictError(
        f"{indicator_id} already has {_describe(old)} for {new.year}; "
        "pass --replace to overwrite it"
        + (
            " (recording the same value with --status final promotes a provisional one)"
            if same_value
            else ""
        )
    )


def _describe(observation: Observation) -> str:
    status = "" if observation.status == "final" else f" ({observation.status})"
    return f"{plain_number(observation.value)}{status}"


def plain_number(value: float) -> str:
    """A file's value as it would be written: ``1234567``, ``23.6`` (never ``1.23457e+06``,
    which is not the number in the file)."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)


def note_after(old: Observation | None, new: NewValue) -> Localizable | None:
    """The note a year has once ``new`` is recorded: the new note if one is given; else
    the old one if ``new.keep_note``, or if the value stays the same and does not stop
    being an estimate; else none (the old note gave the source of the number being
    replaced, or the arithmetic of an estimate that is now a published figure)."""
    if new.note is not None:
        return new.note
    if old is None:
        return None
    if new.keep_note:
        return old.note
    stays = old.value == float(new.value) and (
        old.status != "estimated" or new.status == "estimated"
    )
    return old.note if stays else None


def _same(written: Observation, new: NewValue, old: Observation | None) -> bool:
    note = note_after(old, new)
    return (
        written.value == float(new.value) and written.status == new.status and written.note == note
    )


def _valid(
    text: str,
    stem: str,
    shown: str,
    raised: frozenset[str] = frozenset(),
    *,
    correctable: frozenset[str] = frozenset(),
) -> tuple[Indicator, MappingNode]:
    """The indicator and its root node when ``text`` has no error (``raised``: warning codes
    that are errors; ``correctable``: codes of errors let through). Raises InvalidDataError."""
    indicator, problems, parsed = check_indicator_text(text, stem, shown, errors=raised)
    errors = [p for p in problems if p.severity is Severity.ERROR and p.code not in correctable]
    if errors or indicator is None or not isinstance(parsed.root, MappingNode):
        raise InvalidDataError(errors or problems)
    return indicator, parsed.root


# --- locating --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Layout:
    """How the file writes its values: the indent of a year key and of an entry's fields."""

    key_indent: str
    field_indent: str
    newline: str

    @classmethod
    def of(cls, values_key: Node, values_node: Node, newline: str) -> _Layout:
        entries = values_node.value if isinstance(values_node, MappingNode) else []
        if entries and isinstance(values_node, MappingNode) and not values_node.flow_style:
            key_column = entries[0][0].start_mark.column
        else:
            key_column = values_key.start_mark.column + 2
        step = 2
        for _, value in entries:
            if isinstance(value, MappingNode) and not value.flow_style and value.value:
                step = value.value[0][0].start_mark.column - key_column
                break
        return cls(" " * key_column, " " * (key_column + max(step, 1)), newline)


def _values_pair(root: MappingNode, shown: str) -> tuple[ScalarNode, Node]:
    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value == "values":
            return key, value
    raise InvalidDataError([])  # unreachable: a valid indicator has values


def _entry(values_node: Node, year: int) -> tuple[ScalarNode, Node]:
    assert isinstance(values_node, MappingNode)
    for key, value in values_node.value:
        if isinstance(key, ScalarNode) and _is_year(key.value, year):
            return key, value
    raise AssertionError(f"no entry for {year}")


def _is_year(text: str, year: int) -> bool:
    try:
        return _int_of(text) == year
    except ValueError:
        return False


def _last_node(node: Node) -> Node:
    while isinstance(node, MappingNode) and node.value:
        node = node.value[-1][1]
    return node


def _after_line(text: str, index: int) -> int:
    """The index just after the line holding ``index`` (after its line break)."""
    if index > 0 and text[index - 1] == "\n":
        return index  # a block scalar ends at the start of the next line
    end = text.find("\n", index)
    return len(text) if end == -1 else end + 1


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


# --- editing ---------------------------------------------------------------------------

_Edit = tuple[int, int, str]  # replace text[start:end] with the string


def _apply(text: str, edits: list[_Edit]) -> str:
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _quoted(note: Localizable) -> str:
    """A YAML double-quoted scalar, or a flow mapping for a note given per language (JSON's
    syntax is a subset of YAML's)."""
    return json.dumps(note, ensure_ascii=False)


def _fields(new: NewValue, note: Localizable | None) -> list[tuple[str, str]]:
    fields = [("value", new.value)]
    if new.status != "final":
        fields.append(("status", new.status))
    if note is not None:
        fields.append(("note", _quoted(note)))
    return fields


def _is_bare(new: NewValue, note: Localizable | None) -> bool:
    return new.status == "final" and note is None


def _block(fields: list[tuple[str, str]], layout: _Layout) -> str:
    """Entry fields as block lines, each preceded by a line break."""
    return "".join(f"{layout.newline}{layout.field_indent}{k}: {v}" for k, v in fields)


def _flow(fields: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in fields) + "}"


def _insert(
    text: str, values_key: ScalarNode, values_node: Node, new: NewValue, layout: _Layout
) -> _Edit:
    bare = _is_bare(new, new.note)
    fields = _fields(new, new.note)
    entries = values_node.value if isinstance(values_node, MappingNode) else []
    if isinstance(values_node, MappingNode) and values_node.flow_style:
        item = f"{new.year}: {new.value if bare else _flow(fields)}"
        before = [(k, v) for k, v in entries if _int_of(k.value) < new.year]
        if before:
            end = _last_node(before[-1][1]).end_mark.index
            return end, end, f", {item}"
        if entries:
            start = entries[0][0].start_mark.index
            return start, start, f"{item}, "
        # `values: {}`: becomes a block mapping
        line = f"{layout.key_indent}{new.year}:" + (
            f" {new.value}" if bare else _block(fields, layout)
        )
        return values_key.end_mark.index, values_node.end_mark.index, f":{layout.newline}{line}"
    line = f"{layout.key_indent}{new.year}:" + (f" {new.value}" if bare else _block(fields, layout))
    if not entries:  # `values:` with nothing after it
        end = text.find("\n", values_key.end_mark.index)
        end = len(text) if end == -1 else end
        if end > 0 and text[end - 1] == "\r":
            end -= 1
        return values_key.end_mark.index, end, f":{layout.newline}{line}"
    before = [(k, v) for k, v in entries if _int_of(k.value) < new.year]
    if before:
        at = _after_line(text, _last_node(before[-1][1]).end_mark.index)
        if at == len(text) and not text.endswith("\n"):
            return at, at, f"{layout.newline}{line}"
        return at, at, f"{line}{layout.newline}"
    at = _line_start(text, entries[0][0].start_mark.index)
    return at, at, f"{line}{layout.newline}"


def _update(
    text: str, entry: tuple[ScalarNode, Node], old: Observation, new: NewValue, layout: _Layout
) -> list[_Edit]:
    key, node = entry
    note = note_after(old, new)
    value_changes = old.value != float(new.value)
    if isinstance(node, ScalarNode):  # `2019: 52196`
        if _is_bare(new, note):
            return [(node.start_mark.index, node.end_mark.index, new.value)]
        return [(key.end_mark.index, node.end_mark.index, ":" + _block(_fields(new, note), layout))]
    assert isinstance(node, MappingNode)
    pairs = {k.value: (k, v) for k, v in node.value if isinstance(k, ScalarNode)}
    edits: list[_Edit] = []
    if value_changes:
        value_node = pairs["value"][1]
        edits.append((value_node.start_mark.index, value_node.end_mark.index, new.value))
    added: list[tuple[str, str]] = []
    if new.status != old.status:
        if "status" in pairs:
            status_node = pairs["status"][1]
            edits.append((status_node.start_mark.index, status_node.end_mark.index, new.status))
        else:
            added.append(("status", new.status))
    if note is None and "note" in pairs:
        edits.append(_remove_field(text, node, "note"))
    elif note is not None and note != old.note:
        if "note" in pairs:
            note_node = pairs["note"][1]
            edits.append((note_node.start_mark.index, note_node.end_mark.index, _quoted(note)))
        else:
            added.append(("note", _quoted(note)))
    if added:
        # after `status` when it is there (notes follow it), else after `value`
        anchor = pairs["status"][1] if "status" in pairs else pairs["value"][1]
        if node.flow_style:
            at = anchor.end_mark.index
            edits.append((at, at, "".join(f", {k}: {v}" for k, v in added)))
        else:
            at = _after_line(text, anchor.end_mark.index)
            lines = "".join(f"{layout.field_indent}{k}: {v}{layout.newline}" for k, v in added)
            if at == len(text) and not text.endswith("\n"):
                lines = layout.newline + lines.removesuffix(layout.newline)
            edits.append((at, at, lines))
    return edits


def _remove_field(text: str, node: MappingNode, name: str) -> _Edit:
    """The edit that removes the field ``name`` of an entry: its whole lines in a block
    mapping (from its key's line to the end of its value's, comments there included), or
    the pair and one comma in a flow mapping."""
    pairs = node.value
    index = next(
        i for i, (k, _) in enumerate(pairs) if isinstance(k, ScalarNode) and k.value == name
    )
    key, value = pairs[index]
    if not node.flow_style:
        return _line_start(text, key.start_mark.index), _after_line(text, value.end_mark.index), ""
    if index > 0:
        return pairs[index - 1][1].end_mark.index, value.end_mark.index, ""
    return key.start_mark.index, pairs[1][0].start_mark.index, ""


# --- writing ---------------------------------------------------------------------------


def _decode(raw: bytes) -> tuple[bool, str]:
    text = raw.decode("utf-8")
    if text.startswith(BOM):
        return True, text[1:]
    return False, text


def lock_path(path: Path) -> Path:
    """The sibling lock file of a data file (``population.yaml.lock``); never the file."""
    return path.with_name(write_lock_name(path.name))


@contextlib.contextmanager
def _locked(paths: Sequence[Path]) -> Iterator[None]:
    with contextlib.ExitStack() as stack:
        for path in paths:
            # The lock sits beside the file that is written: two links to one file share it.
            lock = FileLock(lock_path(Path(os.path.realpath(path))), timeout=LOCK_TIMEOUT)
            try:
                stack.enter_context(lock)
            except Timeout:
                raise LockTimeoutError(
                    f"another process has been writing {display_path(path)} for "
                    f"{LOCK_TIMEOUT:g} s (lock file {display_path(lock_path(path))}); "
                    "try again"
                ) from None
        yield


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old file or the new one.

    A temporary file in the same folder is written, flushed and fsynced, given the original
    file's mode (``mkstemp`` creates 0600), renamed over the file with ``os.replace``, and
    the folder is fsynced so the rename itself is durable. A symbolic link is written through:
    its target is replaced and the link stays a link. Raises OSError.
    """
    path = Path(os.path.realpath(path))
    folder = path.parent
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
    fd, temporary = tempfile.mkstemp(
        dir=folder, prefix=write_temp_prefix(path.name), suffix=WRITE_TEMP_SUFFIX
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_folder(folder)


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
