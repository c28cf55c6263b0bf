"""Read one data file: bytes, UTF-8, the strict YAML reader, the pydantic model, the rules.

Each file is read as bytes, decoded as UTF-8 (a byte-order mark is fine), parsed by the
strict YAML reader, validated by the pydantic models, then checked by the rules in
``checks.py``. Problems come back as values, each with file, line and column; nothing
raises for bad input. :mod:`loading` reads a whole data set with these.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from yaml.nodes import MappingNode, ScalarNode

from intl_tracker.core.errors import Problem
from intl_tracker.dataset import checks
from intl_tracker.dataset.checks import IndicatorRefs
from intl_tracker.dataset.data_dirs import display_path
from intl_tracker.dataset.locating import cap_problems, problems_from_validation
from intl_tracker.dataset.models import GoalsFile, Indicator
from intl_tracker.dataset.yaml_strict import MAX_FILE_BYTES, ParsedYaml, mark_at, parse_yaml

M = TypeVar("M", bound=BaseModel)

_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _read_regular_file(path: Path, shown: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of ``path`` if it is a regular file of at most ``MAX_FILE_BYTES``.

    Opened without blocking and checked on the open descriptor, so a FIFO cannot hang the
    run, a link to ``/dev/zero`` cannot fill the memory, and a link loop is a problem;
    the read is bounded too, in case the file grows meanwhile.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        return None, [_unreadable(shown, exc)]
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")
            return None, [
                Problem(shown, 0, 0, "not-a-file", f"this is {kind}, not a file; it is not read")
            ]
        with os.fdopen(fd, "rb", closefd=False) as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, [_unreadable(shown, exc)]
    finally:
        os.close(fd)
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            Problem(
                shown,
                0,
                0,
                "file-too-large",
                f"the file has more than {MAX_FILE_BYTES:,} bytes, the limit",
            )
        ]
    return raw, []


def _unreadable(shown: str, exc: OSError) -> Problem:
    reason = exc.strerror or type(exc).__name__
    return Problem(shown, 0, 0, "unreadable", f"cannot read the file: {reason}")


def read_yaml_file(path: Path, shown: str) -> tuple[ParsedYaml | None, list[Problem]]:
    """Read, decode and parse one file; problems instead of exceptions."""
    raw, problems = _read_regular_file(path, shown)
    if raw is None:
        return None, problems
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # The bytes before the bad one decode; count lines and characters in them.
        before = raw[: exc.start].decode("utf-8-sig")
        mark = mark_at(before, len(before))
        return None, [
            Problem(
                shown,
                mark.line,
                mark.column,
                "encoding",
                f"the file is not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded",
            )
        ]
    parsed = parse_yaml(text)
    problems = [
        Problem(shown, i.mark.line, i.mark.column, i.code, i.message) for i in parsed.issues
    ]
    return parsed, problems


def _validate(
    model: type[M], parsed: ParsedYaml, shown: str
) -> tuple[M | None, list[Problem], int]:
    """The model, or the located problems and the number of errors left unlocated."""
    if parsed.root is None:
        return None, [], 0
    if not isinstance(parsed.data, dict):
        kind = "a list" if isinstance(parsed.data, list) else "a single value"
        return (
            None,
            [
                Problem(
                    shown,
                    parsed.root.start_mark.line + 1,
                    parsed.root.start_mark.column + 1,
                    "not-a-mapping",
                    f"the file holds {kind}; it must be a mapping of fields",
                )
            ],
            0,
        )
    try:
        return model.model_validate(parsed.data), [], 0
    except ValidationError as exc:
        found, unlocated = problems_from_validation(exc, parsed.root, shown, model)
        return None, found, unlocated


def load_goals(path: Path) -> tuple[GoalsFile | None, list[Problem]]:
    shown = display_path(path)
    parsed, problems = read_yaml_file(path, shown)
    if parsed is None or parsed.root is None:
        return None, problems
    goals, found, unlocated = _validate(GoalsFile, parsed, shown)
    problems += found
    if goals is not None and parsed.root is not None:
        problems += checks.check_goals(goals, parsed.root, shown)
    return goals, cap_problems(problems, shown, unlocated=unlocated)


def load_indicator(
    path: Path, shown: str | None = None
) -> tuple[Indicator | None, list[Problem], ParsedYaml | None]:
    if shown is None:
        shown = display_path(path)
    parsed, problems = read_yaml_file(path, shown)
    if parsed is None or parsed.root is None:
        return None, problems, parsed
    indicator, found, unlocated = _check_parsed_indicator(parsed, path.stem, shown)
    return indicator, cap_problems(problems + found, shown, unlocated=unlocated), parsed


def check_indicator_text(
    text: str, stem: str, shown: str
) -> tuple[Indicator | None, list[Problem], ParsedYaml]:
    """Parse and check an indicator file's text (decoded, without a byte-order mark) held in
    memory, as ``load_indicator`` checks a file: the writer validates an edit before it is
    written. ``stem`` is the file name without ``.yaml`` (it must equal the id)."""
    parsed = parse_yaml(text)
    problems = [
        Problem(shown, i.mark.line, i.mark.column, i.code, i.message) for i in parsed.issues
    ]
    if parsed.root is None:
        return None, problems, parsed
    indicator, found, unlocated = _check_parsed_indicator(parsed, stem, shown)
    return indicator, cap_problems(problems + found, shown, unlocated=unlocated), parsed


def _check_parsed_indicator(
    parsed: ParsedYaml, stem: str, shown: str
) -> tuple[Indicator | None, list[Problem], int]:
    """The model (or None), its problems, and the number of errors left unlocated."""
    indicator, problems, unlocated = _validate(Indicator, parsed, shown)
    if indicator is not None and parsed.root is not None:
        problems += checks.check_indicator(indicator, stem, parsed.root, shown)
    return indicator, problems, unlocated


# Cross-file rules locate problems at these top-level keys only (checks.check_cross_file).
_CROSS_FILE_KEYS = frozenset({"id", "goal", "objectives"})


def slim(parsed: ParsedYaml) -> ParsedYaml:
    """Keep of a parsed indicator only what the cross-file rules point at: the top-level
    ``id``, ``goal`` and ``objectives`` nodes. Holding every file's whole node tree until
    the cross-file pass took about 100 kB per file (1 GB at 10,000 files)."""
    root = parsed.root
    if not isinstance(root, MappingNode):
        return parsed
    kept = [
        (k, v) for k, v in root.value if isinstance(k, ScalarNode) and k.value in _CROSS_FILE_KEYS
    ]
    slim_root = MappingNode(root.tag, kept, root.start_mark, root.end_mark, root.flow_style)
    return ParsedYaml(data=None, root=slim_root, issues=[])


# One indicator file as read: its model (or only its references, or None when it is not
# valid), its problems, its slim parse and its shown name.
Loaded = tuple[Indicator | IndicatorRefs | None, list[Problem], ParsedYaml | None, str]


def load_indicators(files: Sequence[tuple[Path, str]], *, models: bool) -> list[Loaded]:
    """Read indicator files (each a path and its shown name): each one's model, or with
    ``models=False`` only its references (``IndicatorRefs``: what ``validate`` keeps of a
    valid file), or None; its problems; its slim parse (``slim``); its shown name."""
    results: list[Loaded] = []
    for path, shown in files:
        indicator, found, parsed = load_indicator(path, shown)
        if indicator is None or parsed is None:
            results.append((None, found, None, shown))
        else:
            kept = indicator if models else IndicatorRefs.of(indicator)
            results.append((kept, found, slim(parsed), shown))
    return results
