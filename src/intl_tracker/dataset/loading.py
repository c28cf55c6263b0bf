"""Read a data set (goals.yaml + indicators/*.yaml) into a Catalog, collecting every problem.

Each file is read as bytes, decoded as UTF-8 (a byte-order mark is fine), parsed by the
strict YAML reader, validated by the pydantic models, then checked by the rules in
``checks.py``. Nothing stops at the first problem: the caller gets all of them, each with
file, line and column. A large data set's files are read on every core
(:mod:`parallel_loading`, with this module's functions), with the same results.
"""

from __future__ import annotations

import difflib
import errno
import os
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, get_args

from pydantic import BaseModel, ValidationError
from yaml.nodes import MappingNode, ScalarNode

from intl_tracker.core import speedups
from intl_tracker.core.errors import Problem, Severity, UsageError
from intl_tracker.core.worker_pool import default_jobs
from intl_tracker.dataset import checks
from intl_tracker.dataset.checks import IndicatorRefs
from intl_tracker.dataset.data_dirs import (
    GOALS_FILE,
    INDICATORS_DIR,
    LINK_OUTSIDE,
    bundled_data_dir,
    display_path,
    iter_indicator_files,
    links_outside,
    looks_like_data_set,
    resolve_data_dir,
    scan_indicator_folder,
)
from intl_tracker.dataset.locating import cap_problems, problem_at, problems_from_validation
from intl_tracker.dataset.models import Catalog, Dimension, GoalsFile, Indicator, WarningCode
from intl_tracker.dataset.yaml_strict import MAX_FILE_BYTES, ParsedYaml, mark_at, parse_yaml

if TYPE_CHECKING:
    from intl_tracker.dataset import breakdowns
    from intl_tracker.dataset.breakdowns import BreakdownRefs
    from intl_tracker.dataset.parallel_loading import KeepingWorkers

__all__ = ["bundled_data_dir", "display_path", "iter_indicator_files", "resolve_data_dir"]

M = TypeVar("M", bound=BaseModel)

# Indicator files per batch: a step of the progress bar, and a task for a worker process.
CHUNK = 200

# progress(done, total): called as indicator files are loaded (for a progress bar).
ProgressCallback = Callable[[int, int], None]


@dataclass
class LoadResult:
    """A data set as far as it could be read: the catalog (None when goals.yaml is unusable)
    and every problem found, sorted by file and position."""

    catalog: Catalog | None
    problems: list[Problem] = field(default_factory=list)
    # The programme id from goals.yaml (None when it is missing or invalid) and the number
    # of files read (goals.yaml and every indicator file), for the run's summary.
    programme_id: str | None = None
    files_checked: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_regular_file(
    path: Path, shown: str, limit: int = MAX_FILE_BYTES
) -> tuple[bytes | None, os.stat_result | None, list[Problem]]:
    """The bytes of ``path`` if it is a regular file of at most ``MAX_FILE_BYTES``, with the
    identity of the file read (``fstat`` of the descriptor the bytes came from).

    Opened without blocking and checked on the open descriptor, so a FIFO cannot hang the
    run, a link to ``/dev/zero`` cannot fill the memory, and a link loop is a problem;
    the read is bounded too, in case the file grows meanwhile.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        return None, None, [_unreadable(shown, exc)]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = next(
                (name for test, name in _FILE_KINDS if test(info.st_mode)), "not a regular file"
            )
            return (
                None,
                None,
                [Problem(shown, 0, 0, "not-a-file", f"this is {kind}, not a file; it is not read")],
            )
        with os.fdopen(fd, "rb", closefd=False) as stream:
            raw = stream.read(limit + 1)
    except OSError as exc:
        return None, None, [_unreadable(shown, exc)]
    finally:
        os.close(fd)
    if len(raw) > limit:
        return (
            None,
            None,
            [
                Problem(
                    shown,
                    0,
                    0,
                    "file-too-large",
                    f"the file has more than {limit:,} bytes, the limit",
                )
            ],
        )
    return raw, info, []


def _unreadable(shown: str, exc: OSError) -> Problem:
    reason = exc.strerror or type(exc).__name__
    return Problem(shown, 0, 0, "unreadable", f"cannot read the file: {reason}")


def decode_text(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """``raw`` as UTF-8 without a byte-order mark, or the position of the first bad byte."""
    try:
        return raw.decode("utf-8-sig"), []
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


def read_yaml_file(path: Path, shown: str) -> tuple[ParsedYaml | None, list[Problem]]:
    """Read, decode and parse one file; problems instead of exceptions."""
    raw, _, problems = read_regular_file(path, shown)
    if raw is None:
        return None, problems
    text, problems = decode_text(raw, shown)
    if text is None:
        return None, problems
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
    """``goals.yaml`` checked, and its problems; a link to a file outside the data set (its
    folder) is not read (``link-outside``: its text could reach a CI log)."""
    shown = display_path(path)
    if links_outside(path, path.parent):
        return None, [Problem(shown, 0, 0, "link-outside", LINK_OUTSIDE)]
    parsed, problems = read_yaml_file(path, shown)
    if parsed is None or parsed.root is None:
        return None, problems
    goals, found, unlocated = _validate(GoalsFile, parsed, shown)
    problems += found
    if goals is not None and parsed.root is not None:
        problems += checks.check_goals(goals, parsed.root, shown)
        if goals.dimensions:  # the breakdowns' checks are loaded only for a data set with them
            from intl_tracker.dataset.breakdowns import check_dimension_names, check_dimensions

            problems += check_dimensions(goals, parsed.root, shown)
            problems += check_dimension_names(goals, parsed.root, shown)
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
    text: str, stem: str, shown: str, *, errors: frozenset[str] = frozenset()
) -> tuple[Indicator | None, list[Problem], ParsedYaml]:
    """Parse and check an indicator file's text (decoded, without a byte-order mark) held in
    memory, as ``load_indicator`` checks a file: the writer validates an edit before it is
    written. ``stem`` is the file name without ``.yaml`` (it must equal the id); ``errors``:
    the warning codes the data set raises to errors (``raised_codes``)."""
    parsed = parse_yaml(text)
    problems = [
        Problem(shown, i.mark.line, i.mark.column, i.code, i.message) for i in parsed.issues
    ]
    if parsed.root is None:
        return None, problems, parsed
    indicator, found, unlocated = _check_parsed_indicator(parsed, stem, shown)
    found = raise_to_errors(found, errors, RAISED_BY_GOALS)
    return indicator, cap_problems(problems + found, shown, unlocated=unlocated), parsed


#: Why a raised warning is an error, appended to its message.
RAISED_BY_GOALS = "an error in this data set: goals.yaml, programme.validation.errors"


def raised_codes(goals: GoalsFile | None) -> frozenset[str]:
    """The warning codes goals.yaml raises to errors (``programme.validation.errors``)."""
    validation = None if goals is None else goals.programme.validation
    return frozenset(validation.errors) if validation is not None else frozenset()


def raised_codes_in(root: Path) -> frozenset[str]:
    """``raised_codes`` of the data set in ``root``; none when its goals.yaml is missing or
    invalid (``validate`` reports that)."""
    path = root / GOALS_FILE
    return raised_codes(load_goals(path)[0]) if path.is_file() else frozenset()


def warning_codes(asked: Sequence[str]) -> frozenset[str]:
    """The codes of ``validate --error CODE``. Raises UsageError for a code that is not a
    warning (with the closest one, or the list)."""
    known = get_args(WarningCode)
    for code in asked:
        if code not in known:
            close = difflib.get_close_matches(code, known, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"the warnings: {', '.join(known)}"
            raise UsageError(f"--error {code}: not a warning code; {hint}")
    return frozenset(asked)


def raise_to_errors(problems: list[Problem], codes: frozenset[str], why: str) -> list[Problem]:
    """``problems`` with every warning whose code is in ``codes`` made an error, its
    message saying ``why`` in parentheses."""
    if not codes:
        return problems
    return [
        replace(p, severity=Severity.ERROR, message=f"{p.message} ({why})")
        if p.severity is Severity.WARNING and p.code in codes
        else p
        for p in problems
    ]


def _check_parsed_indicator(
    parsed: ParsedYaml, stem: str, shown: str
) -> tuple[Indicator | None, list[Problem], int]:
    """The model (or None), its problems, and the number of errors left unlocated."""
    indicator, problems, unlocated = _validate(Indicator, parsed, shown)
    if indicator is not None and parsed.root is not None:
        problems += checks.check_indicator(indicator, stem, parsed.root, shown)
    return indicator, problems, unlocated


def load_data_set(
    root: Path,
    *,
    jobs: int | None = None,
    progress: ProgressCallback | None = None,
    workers: KeepingWorkers | None = None,
) -> LoadResult:
    """Load a whole data directory: goals.yaml and every indicators/*.yaml.

    ``jobs``: processes to parse with (default: every core for large data sets, else 1;
    ``$INTL_TRACKER_JOBS`` overrides the default). The result is the same either way.
    ``progress(done, total)`` is called as indicator files are read. With ``workers``, a
    parallel load uses them, and each keeps the models it read for a later task: in the
    catalog those indicators are stand-ins without values (``parallel_loading``), whose rows
    only the report's JSON writes, in the worker that keeps each one (``parallel_report``).
    """
    return _load_data_set(root, jobs=jobs, progress=progress, models=True, workers=workers)


def _load_data_set(
    root: Path,
    *,
    jobs: int | None,
    progress: ProgressCallback | None,
    models: bool,
    workers: KeepingWorkers | None = None,
) -> LoadResult:
    """``load_data_set``; with ``models=False`` only the problems are wanted (each valid
    indicator is kept as its references) and the catalog is None."""
    problems: list[Problem] = []
    goals_path = root / GOALS_FILE
    goals: GoalsFile | None = None
    goals_exists = os.path.lexists(goals_path)
    if goals_exists:  # whatever it is: load_goals says what is wrong
        goals, found = load_goals(goals_path)
        problems += found
    else:
        problems.append(
            Problem(
                display_path(goals_path),
                0,
                0,
                "missing-goals-file",
                f"no {GOALS_FILE} in '{display_path(root)}'; a data set needs one "
                "(it names the programme and the goals the indicators belong to)",
            )
        )
    files, tables, found = _indicator_files_shown(root)
    problems += found
    loaded: list[tuple[Indicator | IndicatorRefs, ParsedYaml, str]] = []
    beside = TablesBeside.of(goals, tables, keep=models)
    loading = _load_indicators(files, jobs, progress, models=models, workers=workers, beside=beside)
    for indicator, found, parsed, shown in loading:
        problems += found
        if indicator is not None and parsed is not None:
            loaded.append((indicator, parsed, shown))
    problems += checks.check_cross_file(goals, loaded)
    values, found = read_breakdowns(goals, loaded, tables, keep=models, checked=beside.found)
    problems += found
    problems = raise_to_errors(problems, raised_codes(goals), RAISED_BY_GOALS)
    catalog = None
    if goals is not None and models:
        order = {g.id: g.number for g in goals.goals}
        indicators = sorted(  # models=True: every one is a model
            (i for i, _, _ in loaded if isinstance(i, Indicator)),
            key=lambda i: (order.get(i.goal, 10**6), i.id),
        )
        # Every part is a validated model: nothing to validate again (see Catalog).
        catalog = Catalog.model_construct(
            programme=goals.programme,
            goals=sorted(goals.goals, key=lambda g: g.number),
            indicators=indicators,
            dimensions=goals.dimensions,
            breakdown_values=values,
        )
    return LoadResult(
        catalog,
        sorted(problems, key=Problem.sort_key),
        programme_id=goals.programme.id if goals is not None else None,
        files_checked=len(files) + len(tables) + int(goals_exists),
    )


def _indicator_files_shown(
    root: Path,
) -> tuple[list[tuple[Path, str]], list[tuple[Path, str]], list[Problem]]:
    """The indicator files with each one's ``display_path`` (the folder's once, then the
    file name: a link is named by its own name, never its target's), the breakdown files
    likewise, and a problem for every entry of ``indicators/`` that is not read and for a
    missing or odd folder."""
    folder = root / INDICATORS_DIR
    prefix = display_path(folder)
    scan = scan_indicator_folder(root)
    problems: list[Problem] = []
    if scan.kind == "file":
        problems.append(
            Problem(
                prefix,
                0,
                0,
                "indicators-not-a-folder",
                f"'{INDICATORS_DIR}' must be a folder of <id>.yaml files",
            )
        )
    elif scan.kind is None:
        problems.append(
            Problem(
                prefix,
                0,
                0,
                "no-indicators-folder",
                f"the data set has no {INDICATORS_DIR}/ folder, so no indicators",
                Severity.WARNING,
            )
        )
    for path, code, message in scan.skipped:
        severity = Severity.ERROR if code in _SKIPPED_ERRORS else Severity.WARNING
        problems.append(Problem(f"{prefix}/{path.name}", 0, 0, code, message, severity))
    return (
        [(path, f"{prefix}/{path.name}") for path in scan.files],
        [(path, f"{prefix}/{path.name}") for path in scan.tables],
        problems,
    )


#: Entries of indicators/ that are not read and make the data set invalid (the others warn).
_SKIPPED_ERRORS = frozenset({"wrong-extension", "link-outside"})


def read_breakdowns(
    goals: GoalsFile | None,
    loaded: Sequence[tuple[Indicator | IndicatorRefs, ParsedYaml, str]],
    tables: Sequence[tuple[Path, str]],
    *,
    keep: bool = True,
    checked: Mapping[str, TableChecked] | None = None,
) -> tuple[dict[str, breakdowns.BreakdownFile], list[Problem]]:
    """Every breakdown file read and checked against its indicator (``dataset/breakdowns``):
    with ``keep``, each valid file by indicator id (its values are read on first use), and
    the problems: a file without a valid indicator that declares breakdowns, an indicator's
    undeclared dimensions, a declared breakdown without a file (a warning), and each file's
    own. ``checked``: the files already checked beside their indicator files by the workers
    of a parallel load (:class:`TablesBeside`), by shown name; the others are checked here.
    A keeping worker (the report's JSON on every core) sends no text: the values of the
    indicators it holds are not in the result (that report never reads them). Without
    breakdown files, declared breakdowns or an import by category, their checks are not even
    imported."""
    if not tables and not any(_declares_breakdowns(indicator) for indicator, _, _ in loaded):
        return {}, []
    from intl_tracker.dataset import breakdowns

    dimensions = {d.id: d for d in goals.dimensions} if goals is not None else None
    refs: dict[str, tuple[breakdowns.BreakdownRefs, ParsedYaml, str]] = {}
    problems: list[Problem] = []
    for indicator, parsed, shown in loaded:
        ref = indicator.breakdown if isinstance(indicator, IndicatorRefs) else None
        if isinstance(indicator, Indicator) and indicator.breakdowns:
            ref = breakdowns.BreakdownRefs.of(indicator)
        if ref is not None and parsed.root is not None:
            refs[Path(shown).stem] = (ref, parsed, shown)
            problems += breakdowns.check_declared(ref, dimensions, parsed.root, shown)
        by = (
            indicator.import_by
            if isinstance(indicator, IndicatorRefs)
            else breakdowns.ImportByRefs.of(indicator)
        )
        if by is not None and parsed.root is not None:
            problems += breakdowns.check_import_by(by, dimensions, parsed.root, shown)
    todo: list[TableTask] = []
    for path, shown in tables:
        found = refs.get(path.stem)
        if found is None:
            problems.append(_table_without_indicator(path, shown))
        elif dimensions is not None and set(found[0].columns) <= set(dimensions):
            todo.append((path, shown, found[0]))  # else the declaration is wrong: reported
    values: dict[str, breakdowns.BreakdownFile] = {}
    assert dimensions is not None or not todo
    early = checked or {}
    results = [
        early.get(task[1]) or check_table_file(task, dimensions or {}, keep) for task in todo
    ]
    for (_, shown, ref), (text, file_problems) in zip(todo, results, strict=True):
        problems += file_problems
        if text is not None and not any(p.severity is Severity.ERROR for p in file_problems):
            values[ref.id] = breakdowns.BreakdownFile(ref.id, shown, text, ref, dimensions or {})
    with_file = {path.stem for path, _ in tables}
    for stem, (_, parsed, shown) in refs.items():
        if stem not in with_file and parsed.root is not None:
            problems.append(
                problem_at(
                    parsed.root,
                    shown,
                    ["breakdowns"],
                    "breakdown-no-values",
                    f"the indicator declares breakdowns but has no {stem}.csv beside it",
                    severity=Severity.WARNING,
                )
            )
    return values, problems


def _declares_breakdowns(indicator: Indicator | IndicatorRefs) -> bool:
    """Whether the indicator declares breakdowns or maps an import's table to categories."""
    if isinstance(indicator, IndicatorRefs):
        return indicator.breakdown is not None or indicator.import_by is not None
    mapping = indicator.import_
    return bool(indicator.breakdowns) or (mapping is not None and bool(mapping.breakdowns))


# A breakdown file to check: its path, its shown name and what it is checked against.
TableTask = tuple[Path, str, "BreakdownRefs"]
# A breakdown file checked: its text (when kept) and its problems.
TableChecked = tuple[str | None, list[Problem]]
# Indicator files per task of a worker when breakdown files are checked beside them.
CHUNK_WITH_TABLES = 50


@dataclass
class TablesBeside:
    """The breakdown files a parallel load checks beside their indicator files (each in the
    worker that read the indicator, with its whole model: the sums against its headline),
    and what was found, by shown name (``read_breakdowns`` checks the rest). ``files``: each
    breakdown file by the stem of its indicator file; ``dimensions``: goals.yaml's (None
    when it is unusable: no file is checked early); ``keep``: whether the texts are kept."""

    files: dict[str, tuple[Path, str]]
    dimensions: dict[str, Dimension] | None
    keep: bool
    found: dict[str, TableChecked] = field(default_factory=dict)

    @classmethod
    def of(
        cls, goals: GoalsFile | None, tables: Sequence[tuple[Path, str]], *, keep: bool
    ) -> TablesBeside:
        dimensions = {d.id: d for d in goals.dimensions} if goals is not None else None
        if tables and dimensions is not None:
            from intl_tracker.dataset import breakdowns

            breakdowns.prepare_columns(path for path, _ in tables)  # numpy, for large data
        return cls({path.stem: (path, shown) for path, shown in tables}, dimensions, keep)

    def part(self, files: Sequence[tuple[Path, str]]) -> TablesBeside:
        """What a worker needs to check the breakdown files beside ``files`` (nothing found)."""
        mine = {path.stem: self.files[path.stem] for path, _ in files if path.stem in self.files}
        return TablesBeside(mine, self.dimensions, self.keep)

    def task(self, stem: str, refs: breakdowns.BreakdownRefs | None) -> TableTask | None:
        """The check of the breakdown file beside the indicator file ``stem`` whose valid
        indicator has ``refs``, when ``read_breakdowns`` would check it; else None."""
        table = self.files.get(stem)
        if table is None or refs is None or self.dimensions is None:
            return None
        if not set(refs.columns) <= set(self.dimensions):
            return None
        return (table[0], table[1], refs)


def check_table_file(
    task: TableTask, dimensions: dict[str, Dimension], keep: bool
) -> tuple[str | None, list[Problem]]:
    """One breakdown file read and checked: its text (with ``keep``) and its problems."""
    from intl_tracker.dataset import breakdowns

    path, shown, refs = task
    raw, _, problems = read_regular_file(path, shown, breakdowns.MAX_TABLE_BYTES)
    if raw is None:
        return None, problems
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, decode_text(raw, shown)[1]
    return (text if keep else None), breakdowns.check_table(text, shown, refs, dimensions)


def _table_without_indicator(path: Path, shown: str) -> Problem:
    return Problem(
        shown,
        1,
        1,
        "breakdown-without-indicator",
        f"no indicator '{path.stem}' that declares breakdowns; a breakdown file belongs "
        f"beside {path.stem}.yaml, whose breakdowns: names its dimensions",
    )


# Cross-file rules locate problems at these top-level keys only (checks.check_cross_file).
_CROSS_FILE_KEYS = frozenset({"id", "goal", "objectives", "breakdowns", "import"})


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


def _load_indicators(
    files: list[tuple[Path, str]],
    jobs: int | None,
    progress: ProgressCallback | None,
    *,
    models: bool = True,
    workers: KeepingWorkers | None = None,
    beside: TablesBeside | None = None,
) -> Iterator[Loaded]:
    """Each file's (indicator or its references, problems, slim parse, shown name), in file
    order: in this process, or on ``jobs`` processes (``parallel_loading``; with ``workers``
    and ``models``, those keep the models they read; with ``beside``, each checks the
    breakdown files beside the indicator files it reads)."""
    total = len(files)
    jobs = default_jobs(total) if jobs is None else max(1, jobs)
    size = CHUNK_WITH_TABLES if beside is not None and beside.files else CHUNK
    chunks = [files[i : i + size] for i in range(0, total, size)]
    batches: Iterator[list[Loaded]]
    if jobs <= 1 or len(chunks) <= 2 or not speedups.enabled():
        batches = (load_indicators(chunk, models=models) for chunk in chunks)
    else:
        from intl_tracker.dataset.parallel_loading import read_in_parallel

        keeping = workers if models else None
        batches = read_in_parallel(chunks, jobs, models=models, keeping=keeping, beside=beside)
    done = 0
    for batch in batches:
        yield from batch
        done += len(batch)
        if progress is not None:
            progress(done, total)


def data_root_of(path: Path) -> Path | None:
    """The data directory a file or folder belongs to by the layout, complete or not: a
    folder that looks like a data set, the parent of ``goals.yaml`` or of ``indicators/``,
    the grandparent of ``indicators/<file>``. None for a file outside that layout."""
    path = _absolute(path)
    if path.name == GOALS_FILE and not path.is_dir():
        return path.parent
    if path.is_dir():
        if looks_like_data_set(path):
            return path
        if path.name == INDICATORS_DIR:
            return path.parent
        return None
    if path.parent.name == INDICATORS_DIR:
        return path.parent.parent
    return None


def _absolute(path: Path) -> Path:
    """``path`` made absolute, if the result can be used: under a working directory deeper
    than PATH_MAX an absolute path is too long to open, and the relative one is kept."""
    try:
        absolute = Path(os.path.abspath(path))
        os.lstat(absolute)
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            return absolute
        return path
    return absolute


def _same_or_inside(path: Path, folder: Path) -> bool:
    real, base = os.path.realpath(path), os.path.realpath(folder)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


@dataclass(frozen=True, slots=True)
class DataSetChecked:
    """One data set a validate run read: its folder, its programme id (None when goals.yaml
    is missing or invalid) and how many files it has."""

    path: Path
    programme_id: str | None
    files: int


@dataclass
class ValidationRun:
    """What ``validate_paths`` found: every problem, the data sets read, and the number of
    files checked (data-set files plus files checked alone)."""

    problems: list[Problem]
    data_sets: list[DataSetChecked] = field(default_factory=list)
    files_checked: int = 0


def validate_paths(
    paths: Sequence[Path],
    data_dir: Path | None,
    *,
    jobs: int | None = None,
    progress: ProgressCallback | None = None,
) -> ValidationRun:
    """Every problem of the data sets the given files and folders belong to.

    A subset is never checked alone: a file in a data set brings the whole data set in,
    so that a goal renamed in goals.yaml (passed alone by a pre-commit hook) still finds
    the indicators that refer to the old id. The answer is the same as a full run of those
    data sets. ``data_dir`` (``--data``) is the data set of every path, which must then be
    inside it; without paths it is checked whole. A YAML file outside any data set's layout
    is checked alone (as goals.yaml by its name, else as an indicator).

    Raises ``UsageError`` for a path outside ``data_dir``.
    """
    if not paths:
        if data_dir is None:
            raise ValueError("validate_paths needs paths or a data directory")
        paths = [data_dir]
    roots: dict[str, Path] = {}
    standalone: list[Path] = []
    for path in paths:
        if data_dir is not None:
            if not _same_or_inside(path, data_dir):
                raise UsageError(f"'{path}' is not inside the data directory '{data_dir}'")
            roots.setdefault(os.path.realpath(data_dir), data_dir)
            continue
        root = data_root_of(path)
        if root is not None:
            roots.setdefault(os.path.realpath(root), root)
        elif path.is_dir():
            # A folder of data sets (tests/data/valid): each one whole, the rest alone.
            inner = _data_sets_in(path)
            for found in inner:
                roots.setdefault(os.path.realpath(found), found)
            standalone.extend(
                f for f in _yaml_files_in(path) if not any(f.is_relative_to(r) for r in inner)
            )
        else:
            standalone.append(path)
    run = ValidationRun([], files_checked=len(standalone))
    problems: list[Problem] = []
    for root in roots.values():
        result = _load_data_set(root, jobs=jobs, progress=progress, models=False)
        problems += result.problems
        run.data_sets.append(DataSetChecked(root, result.programme_id, result.files_checked))
        run.files_checked += result.files_checked
    for path in standalone:
        problems += _validate_standalone(path)
    run.problems = sorted(set(problems), key=Problem.sort_key)
    return run


def _data_sets_in(folder: Path) -> list[Path]:
    """The data sets inside ``folder`` (folders holding a goals.yaml or an indicators/)."""
    marks = [*folder.rglob(GOALS_FILE), *folder.rglob(INDICATORS_DIR)]
    return sorted({m.parent for m in marks if m.name != INDICATORS_DIR or m.is_dir()})


def _yaml_files_in(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*") if p.suffix.lower() in (".yaml", ".yml") and not p.is_dir()
    )


def _validate_standalone(path: Path) -> list[Problem]:
    if path.name == GOALS_FILE:
        return load_goals(path)[1]
    return load_indicator(path)[1]
