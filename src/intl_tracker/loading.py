"""Read a data set (goals.yaml + indicators/*.yaml) into a Catalog, collecting every problem.

Each file is read as bytes, decoded as UTF-8 (a byte-order mark is fine), parsed by the
strict YAML reader, validated by the pydantic models, then checked by the rules in
``checks.py``. Nothing stops at the first problem: the caller gets all of them, each with
file, line and column.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from yaml.nodes import MappingNode, ScalarNode

from intl_tracker import checks
from intl_tracker.data_dirs import (
    GOALS_FILE,
    INDICATORS_DIR,
    bundled_data_dir,
    display_path,
    iter_indicator_files,
    resolve_data_dir,
)
from intl_tracker.errors import Problem, Severity
from intl_tracker.locating import problems_from_validation
from intl_tracker.models import Catalog, GoalsFile, Indicator
from intl_tracker.yaml_strict import MAX_FILE_BYTES, ParsedYaml, parse_yaml

__all__ = ["bundled_data_dir", "display_path", "iter_indicator_files", "resolve_data_dir"]

M = TypeVar("M", bound=BaseModel)

# Parsing is spread over processes only for data sets this large: below it, starting the
# workers costs more than it saves (and the Espoo data set has 15 files).
PARALLEL_MIN_FILES = 400
# Files per task sent to a worker: large enough to amortise pickling, small enough to balance.
PARALLEL_CHUNK = 200
JOBS_ENV = "INTL_TRACKER_JOBS"

# progress(done, total): called as indicator files are loaded (for a progress bar).
ProgressCallback = Callable[[int, int], None]


@dataclass
class LoadResult:
    """A data set as far as it could be read: the catalog (None when goals.yaml is unusable)
    and every problem found, sorted by file and position."""

    catalog: Catalog | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


def read_yaml_file(path: Path, shown: str) -> tuple[ParsedYaml | None, list[Problem]]:
    """Read, decode and parse one file; problems instead of exceptions."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                Problem(
                    shown,
                    0,
                    0,
                    "file-too-large",
                    f"the file has {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                )
            ]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, 0, 0, "unreadable", f"cannot read the file: {exc.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                shown,
                line,
                column,
                "encoding",
                f"the file is not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded",
            )
        ]
    parsed = parse_yaml(text)
    problems = [
        Problem(shown, i.mark.line, i.mark.column, i.code, i.message) for i in parsed.issues
    ]
    return parsed, problems


def _validate(model: type[M], parsed: ParsedYaml, shown: str) -> tuple[M | None, list[Problem]]:
    if parsed.root is None:
        return None, []
    if not isinstance(parsed.data, dict):
        kind = "a list" if isinstance(parsed.data, list) else "a single value"
        return None, [
            Problem(
                shown,
                parsed.root.start_mark.line + 1,
                parsed.root.start_mark.column + 1,
                "not-a-mapping",
                f"the file holds {kind}; it must be a mapping of fields",
            )
        ]
    try:
        return model.model_validate(parsed.data), []
    except ValidationError as exc:
        return None, problems_from_validation(exc, parsed.root, shown, model)


def load_goals(path: Path) -> tuple[GoalsFile | None, list[Problem]]:
    shown = display_path(path)
    parsed, problems = read_yaml_file(path, shown)
    if parsed is None or parsed.root is None:
        return None, problems
    goals, found = _validate(GoalsFile, parsed, shown)
    problems += found
    if goals is not None and parsed.root is not None:
        problems += checks.check_goals(goals, parsed.root, shown)
    return goals, problems


def load_indicator(
    path: Path, shown: str | None = None
) -> tuple[Indicator | None, list[Problem], ParsedYaml | None]:
    if shown is None:
        shown = display_path(path)
    parsed, problems = read_yaml_file(path, shown)
    if parsed is None or parsed.root is None:
        return None, problems, parsed
    indicator, found = _validate(Indicator, parsed, shown)
    problems += found
    if indicator is not None and parsed.root is not None:
        problems += checks.check_indicator(indicator, path.stem, parsed.root, shown)
    return indicator, problems, parsed


def load_data_set(
    root: Path, *, jobs: int | None = None, progress: ProgressCallback | None = None
) -> LoadResult:
    """Load a whole data directory: goals.yaml and every indicators/*.yaml.

    ``jobs``: processes to parse with (default: every core for large data sets, else 1;
    ``$INTL_TRACKER_JOBS`` overrides the default). The result is the same either way.
    ``progress(done, total)`` is called as indicator files are read.
    """
    return _load_data_set(root, jobs=jobs, progress=progress, models=True)


def _load_data_set(
    root: Path, *, jobs: int | None, progress: ProgressCallback | None, models: bool
) -> LoadResult:
    """``load_data_set``; with ``models=False`` only the problems are wanted and the
    catalog is None."""
    with _no_cyclic_gc():
        return _load_data_set_now(root, jobs=jobs, progress=progress, models=models)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a data set is read.

    Loading allocates millions of small acyclic objects (nodes, dicts, models) and keeps
    many of them, so each full collection walks an ever larger heap and finds nothing:
    at 10,000 indicators the collector took 40 % of the load time. Reference counting
    still frees everything as usual; cycles (from caught exceptions) are collected when
    the collector resumes.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_data_set_now(
    root: Path, *, jobs: int | None, progress: ProgressCallback | None, models: bool
) -> LoadResult:
    problems: list[Problem] = []
    goals_path = root / GOALS_FILE
    goals: GoalsFile | None = None
    if goals_path.is_file():
        goals, found = load_goals(goals_path)
        problems += found
    else:
        problems.append(
            Problem(
                display_path(goals_path),
                0,
                0,
                "missing-goals-file",
                f"no {GOALS_FILE} in {display_path(root)}",
            )
        )
    files = _indicator_files_shown(root)
    loaded: list[tuple[Indicator, ParsedYaml, str]] = []
    for indicator, found, parsed, shown in _load_indicators(files, jobs, progress, models=models):
        problems += found
        if indicator is not None and parsed is not None:
            loaded.append((indicator, parsed, shown))
    problems += checks.check_cross_file(goals, loaded)
    catalog = None
    if goals is not None and models:
        order = {g.id: g.number for g in goals.goals}
        indicators = sorted(
            (i for i, _, _ in loaded), key=lambda i: (order.get(i.goal, 10**6), i.id)
        )
        # Every part is a validated model: nothing to validate again (see Catalog).
        catalog = Catalog.model_construct(
            programme=goals.programme,
            goals=sorted(goals.goals, key=lambda g: g.number),
            indicators=indicators,
        )
    return LoadResult(catalog, sorted(problems, key=Problem.sort_key))


def _indicator_files_shown(root: Path) -> list[tuple[Path, str]]:
    """``iter_indicator_files`` with each file's ``display_path``, resolving the folder once
    instead of every file (``Path.resolve`` per file was 20 % of a validate run)."""
    files = iter_indicator_files(root)
    if not files:
        return []
    folder = root / INDICATORS_DIR
    prefix = display_path(folder)
    shown: list[tuple[Path, str]] = []
    with os.scandir(folder) as entries:
        links = {e.name for e in entries if e.is_symlink()}
    for path in files:
        if path.name in links:
            shown.append((path, display_path(path)))  # a link resolves elsewhere
        else:
            shown.append((path, f"{prefix}/{path.name}"))
    return shown


# Cross-file rules locate problems at these top-level keys only (checks.check_cross_file).
_CROSS_FILE_KEYS = frozenset({"id", "goal", "objectives"})


def _slim(parsed: ParsedYaml) -> ParsedYaml:
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


Loaded = tuple[Indicator | None, list[Problem], ParsedYaml | None, str]


# What _load_chunk returns for a valid indicator: the model; a stand-in with only the fields
# the cross-file rules read (validation only: pickles in a tenth of the time); or the
# parsed data, validated again by the receiving process (for full models from a worker:
# plain dicts unpickle and validate about 4x faster than pickled pydantic models).
MODELS, REFS, DATA = "models", "refs", "data"


def _load_chunk(files: Sequence[tuple[Path, str]], mode: str = MODELS) -> list[Loaded]:
    """Load some indicator files: (indicator, problems, slim parse, shown name) each."""
    results: list[Loaded] = []
    for path, shown in files:
        indicator, found, parsed = load_indicator(path, shown)
        if indicator is None or parsed is None:
            results.append((None, found, None, shown))
            continue
        kept: Any = indicator
        if mode == REFS:
            # Every field with a default_factory is given: otherwise model_construct
            # inspects each factory's signature, which cost more than the parse.
            kept = Indicator.model_construct(  # type: ignore[call-arg]  # a partial stand-in
                id=indicator.id, goal=indicator.goal, objectives=indicator.objectives, targets=[]
            )
        elif mode == DATA:
            kept = parsed.data
        results.append((kept, found, _slim(parsed), shown))
    return results


def _from_data(results: list[Loaded]) -> list[Loaded]:
    """Results of a worker in DATA mode, with the models built here."""
    return [
        (None if data is None else Indicator.model_validate(data), found, parsed, shown)
        for data, found, parsed, shown in results
    ]


def _default_jobs(count: int) -> int:
    env = os.environ.get(JOBS_ENV, "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    if count < PARALLEL_MIN_FILES:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, cores)


def _load_indicators(
    files: list[tuple[Path, str]],
    jobs: int | None,
    progress: ProgressCallback | None,
    *,
    models: bool = True,
) -> Iterator[Loaded]:
    """Each file's (indicator, problems, slim parse, shown name), in file order.

    In parallel the chunks are queued for ``jobs - 1`` worker processes, and this process
    takes chunks from the end of the queue while it waits for the next one in order.
    """
    total = len(files)
    jobs = _default_jobs(total) if jobs is None else max(1, jobs)
    chunks = [files[i : i + PARALLEL_CHUNK] for i in range(0, total, PARALLEL_CHUNK)]
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, total)

    own_mode = MODELS if models else REFS
    if jobs <= 1 or len(chunks) <= 2:
        for chunk in chunks:
            chunk_results = _load_chunk(chunk, own_mode)
            yield from chunk_results
            advance(len(chunk_results))
        return

    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    worker_mode = DATA if models else REFS
    # fork: the workers inherit the imported modules instead of importing them again.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    next_chunk = 0  # chunks before this one have been yielded
    try:
        with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=context) as pool:
            futures = [pool.submit(_load_chunk, chunk, worker_mode) for chunk in chunks]
            # While the next chunk in order is not back yet, this process takes chunks from
            # the end of the queue that no worker has started (work stealing: every core
            # stays busy whatever the speed of each, and results still come out in order).
            stolen: dict[int, list[Loaded]] = {}
            last = len(chunks) - 1
            for index, future in enumerate(futures):
                while last > index and not future.done():
                    if not futures[last].cancel():  # already queued for a worker
                        last = index
                        break
                    stolen[last] = _load_chunk(chunks[last], own_mode)
                    last -= 1
                if index in stolen:
                    chunk_results = stolen.pop(index)
                else:
                    chunk_results = future.result()
                    if worker_mode == DATA:
                        chunk_results = _from_data(chunk_results)
                next_chunk = index + 1
                yield from chunk_results
                advance(len(chunk_results))
    except (OSError, BrokenProcessPool):
        # No processes to be had (a sandbox, a resource limit) or a worker died: the rest
        # is read here, one core, with the same results.
        for chunk in chunks[next_chunk:]:
            chunk_results = _load_chunk(chunk, own_mode)
            yield from chunk_results
            advance(len(chunk_results))


def data_root_of(path: Path) -> Path | None:
    """The data directory a file or folder belongs to, if it sits in the design's layout."""
    path = path.resolve()
    candidates = [path] if path.is_dir() else []
    candidates += [path.parent, path.parent.parent]
    for candidate in candidates:
        if (candidate / GOALS_FILE).is_file():
            return candidate
    return None


def validate_paths(
    paths: Sequence[Path],
    data_dir: Path,
    *,
    jobs: int | None = None,
    progress: ProgressCallback | None = None,
) -> list[Problem]:
    """Problems of the given files and folders; cross-file rules still see the whole data set
    each file belongs to (a pre-commit hook passes only the changed files)."""
    if not paths:
        return _load_data_set(data_dir, jobs=jobs, progress=progress, models=False).problems
    roots: dict[Path, set[str] | None] = {}
    standalone: list[Path] = []
    for path in paths:
        root = data_root_of(path)
        if root is None:
            if path.is_dir():
                standalone.extend(_yaml_files_in(path))
            else:
                standalone.append(path)
            continue
        if path.is_dir() and path.resolve() == root:
            roots[root] = None
            continue
        selected = roots.setdefault(root, set())
        if selected is not None:
            files = _yaml_files_in(path) if path.is_dir() else [path]
            selected.update(display_path(f) for f in files)
    problems: list[Problem] = []
    for root, selected in roots.items():
        found = _load_data_set(root, jobs=jobs, progress=progress, models=False).problems
        problems += found if selected is None else [p for p in found if p.file in selected]
    for path in standalone:
        problems += _validate_standalone(path)
    return sorted(set(problems), key=Problem.sort_key)


def _yaml_files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def _validate_standalone(path: Path) -> list[Problem]:
    if path.name == GOALS_FILE:
        return load_goals(path)[1]
    return load_indicator(path)[1]
