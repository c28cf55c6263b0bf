"""Write values into indicator files: a text edit at the positions the strict reader knows.

``record`` and ``import`` both come through here. An edit changes only the text of the
entry concerned (a new ``YEAR: VALUE`` line, or the scalar that changes inside an existing
entry); comments, key order, quoting, blank lines, a UTF-8 byte-order mark and the file's
line endings (LF, CRLF or CR) stay byte for byte (``entry_edits`` has the text rules; a
round-tripping YAML library could not promise that: docs/guide/data-keepers.md).

An edit touches exactly one year: an entry shared with another place through a YAML anchor
and alias is refused, and the edited text must read back with that year as asked and every
other year and field exactly as before, else the edit is refused (exit 1) and nothing is
written. Every edit is validated in memory by the same checks as ``validate``.

Writing holds a per-user lock of each file (``locks``, outside the data set) and commits all
files at once (``writing.commit``): a file changed on disk since it was read is not
overwritten (exit 75), an unwritable folder is exit 3, and a failure anywhere writes nothing.
"""

from __future__ import annotations

import contextlib
import difflib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from intl_tracker.core.errors import (
    InvalidDataError,
    Problem,
    Severity,
    UsageError,
)
from intl_tracker.core.text_safety import first_unsafe, visible
from intl_tracker.dataset.data_dirs import (
    INDICATORS_DIR,
    LINK_OUTSIDE,
    display_path,
    links_outside,
)
from intl_tracker.dataset.loading import check_indicator_text, decode_text, raised_codes_in
from intl_tracker.dataset.models import (
    MAX_YEAR,
    MIN_YEAR,
    Indicator,
    Localizable,
    Observation,
    ValueStatus,
)
from intl_tracker.dataset.plausibility import TYPO_CODES
from intl_tracker.updating import entry_edits as edits
from intl_tracker.updating.locks import locked
from intl_tracker.updating.numbers import NumberTextError, number_text, plain_number
from intl_tracker.updating.writing import Snapshot, commit, read_snapshot

BOM = "\ufeff"
_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


class Action(StrEnum):
    """What an edit does to a year: add it, overwrite it, mark it final, or nothing."""

    INSERT = "insert"
    REPLACE = "replace"
    PROMOTE = "promote"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class NewValue:
    """A value to write: ``value`` is the number's text as it will appear in the file (see
    ``numbers.number_text``, e.g. ``326280`` or ``23.6``).

    ``status`` None keeps the year's status (``final`` for a new year): a replaced value
    never changes meaning unless a status is given. ``note`` None means "no new note": the
    year's old note is kept when the value stays the same (a status change, a promotion)
    or ``keep_note`` is true, and dropped when the value changes, since it gives the source
    of a number that is no longer there, or when an estimate becomes a published figure,
    since it explained the estimate (see ``note_after``).
    """

    year: int
    value: str
    status: ValueStatus | None = None
    note: str | None = None
    keep_note: bool = False

    def resolved(self, old: Observation | None) -> NewValue:
        """This value with its status filled in: as given, else the old one, else final."""
        if self.status is not None:
            return self
        return replace(self, status=old.status if old is not None else "final")

    @property
    def written_status(self) -> ValueStatus:
        return self.status or "final"


@dataclass(frozen=True, slots=True)
class Change:
    """One year of one indicator: what was there (None for a new year) and what is now
    (``new`` with its status resolved)."""

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

    @property
    def downgrade(self) -> bool:
        """A final value becomes provisional or estimated."""
        return (
            self.old is not None
            and self.old.status == "final"
            and self.new.written_status != "final"
            and self.action is not Action.UNCHANGED
        )


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
    snapshot: Snapshot | None = None  # the file as read (identity and bytes)

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
        old = self.before_text.splitlines(keepends=True)
        new = self.after_text.splitlines(keepends=True)
        relative = not Path(self.shown).is_absolute()
        before, after = (f"a/{self.shown}", f"b/{self.shown}") if relative else (self.shown,) * 2
        lines = difflib.unified_diff(old, new, before, after)
        return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)


class EditRefusedError(InvalidDataError):
    """The edited text of one file is invalid; ``problems`` are positions in ``text`` (the
    text as edited so far), ``year`` the year whose edit made it invalid."""

    def __init__(self, problems: list[Problem], text: str, year: int) -> None:
        super().__init__(problems)
        self.text = text
        self.year = year


class RecordConflictError(UsageError):
    """The year has a different value and ``--replace`` was not given."""


def describe(change: Change, shown: str, *, dry_run: bool) -> str:
    """One line saying what a ``record`` did (or would do with ``dry_run``), always with
    the status written and, for a replaced value, the status it had."""
    new = change.new
    status = new.written_status
    what = {
        Action.INSERT: f"recorded {change.indicator} {new.year} = {new.value} ({status})",
        Action.REPLACE: f"replaced {change.indicator} {new.year}: "
        f"{describe_value(change.old) if change.old else '-'} → {new.value} ({status})"
        + (" (its old note dropped)" if change.dropped_note is not None else ""),
        Action.PROMOTE: f"marked {change.indicator} {new.year} = {new.value} final "
        f"(was {change.old.status if change.old else '-'})",
        Action.UNCHANGED: f"{change.indicator} {new.year} already is {new.value} ({status}); "
        "nothing to change",
    }[change.action]
    if change.action is Action.UNCHANGED:
        return what
    return f"{what} in {shown}" + (" (dry run: nothing written)" if dry_run else "")


def describe_value(observation: Observation) -> str:
    """``321030 (provisional)``: the value as the file has it, with its status."""
    return f"{plain_number(observation.value)} ({observation.status})"


def parse_number(text: str) -> str:
    """The number typed on the command line as it will be written (``numbers.number_text``).
    Raises UsageError."""
    try:
        return number_text(text)
    except NumberTextError as exc:
        raise UsageError(str(exc)) from None


def check_arguments(new: NewValue) -> None:
    """Refuse, as usage errors, what no data file may hold: a year outside 1800-2200, a
    note that is not text (bytes that are not UTF-8 on the command line)."""
    if not MIN_YEAR <= new.year <= MAX_YEAR:
        raise UsageError(f"the year {new.year} is outside {MIN_YEAR}-{MAX_YEAR}")
    if new.note is not None:
        try:
            new.note.encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError(
                "the note is not valid UTF-8 text (check the terminal's or the script's encoding)"
            ) from None
        text: str = new.note
        unsafe = first_unsafe(text)
        if unsafe is not None:
            char = text[unsafe]
            raise UsageError(
                f"the note holds the character {visible(char)} (U+{ord(char):04X}), a control "
                "or bidi character that data files do not allow; remove it"
            )


def indicator_path(data_dir: Path, indicator_id: str) -> Path:
    """``DATA/indicators/ID.yaml``. UsageError for a malformed or unknown id (with close
    ids); InvalidDataError for an entry of that name that is not a readable file (a broken
    symbolic link, a folder), saying which."""
    folder = data_dir / INDICATORS_DIR
    path = folder / f"{indicator_id}.yaml"
    well_formed = bool(indicator_id) and set(indicator_id) <= _ID_CHARS
    if well_formed:
        refuse_link_outside(path)
    if well_formed and os.path.lexists(path) and not path.is_file():
        raise InvalidDataError(
            [Problem(display_path(path), 0, 0, "not-a-file", _not_a_file(path))],
            f"cannot record into {display_path(path)}; nothing was written",
        )
    if not well_formed or not path.is_file():
        known = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
        close = [
            c for c in difflib.get_close_matches(indicator_id, known, n=3, cutoff=0.5)
            if c != indicator_id
        ]  # fmt: skip
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise UsageError(f"no indicator '{indicator_id}' in {display_path(folder)}{hint}")
    return path


def refuse_link_outside(path: Path) -> None:
    """Raise InvalidDataError (``link-outside``, exit 1) when the data file ``path``
    (``DATA/indicators/<file>``) is a symbolic link out of its data set: such a file is
    neither read nor written, by ``record``, ``record --by`` and ``import`` as by ``validate``
    (``data_dirs.links_outside``)."""
    if links_outside(path, path.parent.parent):
        shown = display_path(path)
        raise InvalidDataError(
            [Problem(shown, 0, 0, "link-outside", LINK_OUTSIDE)],
            f"{shown} is a link out of the data set; nothing was written",
        )


def _not_a_file(path: Path) -> str:
    if path.is_symlink():
        target = os.readlink(path)
        return f"a symbolic link to '{target}', which does not exist or is not a file"
    return "not a file (a folder or a special file)"


def record_values(
    edits_by_file: Mapping[Path, Sequence[NewValue]], *, replace: bool, dry_run: bool = False
) -> list[FileEdit]:
    """Write the values into their files; a refusal anywhere writes nothing.

    Every file's lock is taken (in path order), every edit is planned and validated in
    memory, and only then are all files written at once (``writing.commit``). Raises
    UsageError (a year outside 1800-2200, a note that is not text), InvalidDataError (a
    file is invalid before or after the edit, or the edit would touch more than its year),
    RecordConflictError (a different value exists and ``replace`` is false), BusyError (a
    lock held too long, or a file changed on disk meanwhile: exit 75) or
    OutputUnwritableError (exit 3); nothing is written then. With ``dry_run`` nothing is
    written at all and no lock is taken.
    """
    for values in edits_by_file.values():
        for new in values:
            check_arguments(new)
    paths = sorted(edits_by_file)
    roots = {path.parent.parent for path in paths}  # DATA/indicators/ID.yaml
    raised = {root: raised_codes_in(root) for root in roots}
    with contextlib.nullcontext() if dry_run else locked(paths):
        planned = [
            plan_file(path, edits_by_file[path], replace=replace, errors=raised[path.parent.parent])
            for path in paths
        ]
        if not dry_run:
            commit([(e.snapshot, e.after) for e in planned if e.changed and e.snapshot])
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
    refuse_link_outside(path)
    snapshot = read_snapshot(path)
    before = snapshot.data
    on_disk, problems = decode_text(before, shown)
    if on_disk is None:
        raise InvalidDataError(problems, f"cannot read {shown}; nothing was written")
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
    after = ((BOM if before.startswith(BOM.encode()) else "") + text).encode("utf-8")
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
    return FileEdit(path, shown, before, after, tuple(changes), warnings, on_disk, text, snapshot)


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
    is let through: the edit may be its correction), EditRefusedError when the edit
    would make it invalid or would change more than its year (positions in the edited
    text; ``plan_file`` places them in the file), RecordConflictError as described in
    ``record_values``.
    """
    indicator, root = _valid(text, stem, shown, errors, correctable=errors | TYPO_CODES)
    values_key, values_node = _values_pair(root)
    old = indicator.values.get(new.year)
    new = new.resolved(old)
    action = decide_action(old, new, replace=replace, label=indicator.id)
    change = Change(indicator.id, new.year, old, new, action)
    if action is Action.UNCHANGED:
        return text, change
    layout = edits.Layout.of(text, values_key, values_node)
    try:
        if old is None:
            fields = _fields(new, new.note)
            planned = [edits.insert(text, values_key, values_node, new.year, fields, layout)]
        else:
            edits.check_alone(root, new.year)
            entry = edits.entry_of(values_node, new.year)
            assert entry is not None  # the model has the year, so the node has it
            planned = _update(text, entry, old, new, layout)
    except edits.SharedEntryError as shared:
        raise EditRefusedError([_problem(shown, shared.node, "shared-entry", str(shared))],
                               text, new.year) from None  # fmt: skip
    edited = edits.apply(text, planned)
    try:
        after, after_root = _valid(edited, stem, shown, errors)
    except InvalidDataError as invalid:
        raise EditRefusedError(invalid.problems, edited, new.year) from None
    _check_only_the_year(indicator, after, new, old, shown, after_root, edited)
    return edited, change


def _problem(shown: str, node: Node, code: str, message: str) -> Problem:
    return Problem(shown, node.start_mark.line + 1, node.start_mark.column + 1, code, message)


def _check_only_the_year(
    before: Indicator,
    after: Indicator,
    new: NewValue,
    old: Observation | None,
    shown: str,
    root: MappingNode,
    edited: str,
) -> None:
    """Refuse an edit whose text does not read back as exactly the year asked, with every
    other year and field as before (a layout the text rules do not foresee)."""
    written = after.values.get(new.year)
    others_before = {y: o for y, o in before.values.items() if y != new.year}
    others_after = {y: o for y, o in after.values.items() if y != new.year}
    rest_before = before.model_copy(update={"values": {}})
    rest_after = after.model_copy(update={"values": {}})
    exact = written is not None and _same(written, new, old)
    if exact and others_before == others_after and rest_before == rest_after:
        return
    what = (
        f"the value of {new.year} would not read back as written"
        if not exact
        else "another year or field would change too"
    )
    raise EditRefusedError(
        [
            _problem(
                shown,
                root,
                "edit-not-exact",
                f"the edit of {new.year} cannot be made safely in this file's layout ({what}); "
                "write the entry by hand",
            )
        ],
        edited,
        new.year,
    )


# --- deciding --------------------------------------------------------------------------


def decide_action(old: Observation | None, new: NewValue, *, replace: bool, label: str) -> Action:
    """What recording ``new`` over ``old`` does (``label`` names the series in the message).
    Raises RecordConflictError when it would overwrite a different value without ``replace``."""
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
        f"{label} already has {describe_value(old)} for {new.year}; "
        "pass --replace to overwrite it"
        + (
            " (recording the same value with --status final promotes a provisional one)"
            if same_value and old.status == "provisional" and new.status != "final"
            else ""
        )
    )


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
        old.status != "estimated" or new.written_status == "estimated"
    )
    return old.note if stays else None


def _same(written: Observation, new: NewValue, old: Observation | None) -> bool:
    note = note_after(old, new)
    return (
        written.value == float(new.value)
        and written.status == new.written_status
        and written.note == note
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


def _values_pair(root: MappingNode) -> tuple[ScalarNode, Node]:
    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value == "values":
            return key, value
    raise InvalidDataError([])  # unreachable: a valid indicator has values


# --- editing ---------------------------------------------------------------------------


def _fields(new: NewValue, note: Localizable | None) -> list[edits.Field]:
    fields = [("value", new.value)]
    if new.written_status != "final":
        fields.append(("status", new.written_status))
    if note is not None:
        fields.append(("note", edits.quoted(note)))
    return fields


def _update(
    text: str,
    entry: tuple[ScalarNode, Node],
    old: Observation,
    new: NewValue,
    layout: edits.Layout,
) -> list[edits.Edit]:
    key, node = entry
    note = note_after(old, new)
    fields = _fields(new, note)
    if isinstance(node, ScalarNode):  # `2019: 52196`
        if len(fields) == 1:
            return [(node.start_mark.index, node.end_mark.index, new.value)]
        return [edits.replace_scalar_entry(text, key, node, fields, layout)]
    assert isinstance(node, MappingNode)
    pairs = {k.value: (k, v) for k, v in node.value if isinstance(k, ScalarNode)}
    planned: list[edits.Edit] = []
    if old.value != float(new.value) or pairs["value"][1].value != new.value:
        value_node = pairs["value"][1]
        planned.append((value_node.start_mark.index, value_node.end_mark.index, new.value))
    added: list[edits.Field] = []
    status = new.written_status
    if status != old.status:
        if "status" in pairs:
            status_node = pairs["status"][1]
            planned.append((status_node.start_mark.index, status_node.end_mark.index, status))
        else:
            added.append(("status", status))
    if note is None and "note" in pairs:
        planned.append(edits.remove_field(text, node, "note"))
    elif note is not None and note != old.note:
        if "note" in pairs:
            planned.append(edits.replace_value(text, *pairs["note"], edits.quoted(note)))
        else:
            added.append(("note", edits.quoted(note)))
    if added:
        # after `status` when it is there (notes follow it), else after `value`
        anchor = pairs["status"][1] if "status" in pairs else pairs["value"][1]
        planned.append(edits.add_fields(text, node, anchor, added, layout))
    return planned
