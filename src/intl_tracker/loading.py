"""Read a data set (goals.yaml + indicators/*.yaml) into a Catalog, collecting every problem.

Each file is read as bytes, decoded as UTF-8 (a byte-order mark is fine), parsed by the
strict YAML reader, validated by the pydantic models, then checked by the rules in
``checks.py``. Nothing stops at the first problem: the caller gets all of them, each with
file, line and column.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from intl_tracker import checks
from intl_tracker.errors import Problem, Severity
from intl_tracker.locating import problems_from_validation
from intl_tracker.models import Catalog, GoalsFile, Indicator
from intl_tracker.yaml_strict import MAX_FILE_BYTES, ParsedYaml, parse_yaml

GOALS_FILE = "goals.yaml"
INDICATORS_DIR = "indicators"
DATA_ENV = "INTL_TRACKER_DATA"

M = TypeVar("M", bound=BaseModel)


@dataclass
class LoadResult:
    """A data set as far as it could be read: the catalog (None when goals.yaml is unusable)
    and every problem found, sorted by file and position."""

    root: Path | None
    catalog: Catalog | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def bundled_data_dir() -> Path:
    """The Espoo data set installed with the package (or the repository's ``data/`` in a
    development checkout)."""
    here = Path(__file__).resolve().parent
    installed = here / "espoo_data"
    if (installed / GOALS_FILE).is_file():
        return installed
    return here.parents[1] / "data"


def resolve_data_dir(explicit: Path | None = None, *, cwd: Path | None = None) -> Path:
    """``--data DIR``, else ``$INTL_TRACKER_DATA``, else ``./data`` holding a goals.yaml,
    else the bundled Espoo data set."""
    if explicit is not None:
        return explicit
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env)
    local = (cwd or Path.cwd()) / "data"
    if (local / GOALS_FILE).is_file():
        return local
    return bundled_data_dir()


def display_path(path: Path) -> str:
    """Repository-relative path without ``./`` when under the working directory (GitHub
    annotations need that), else the absolute path."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def iter_indicator_files(root: Path) -> list[Path]:
    folder = root / INDICATORS_DIR
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
    )


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


def load_indicator(path: Path) -> tuple[Indicator | None, list[Problem], ParsedYaml | None]:
    shown = display_path(path)
    parsed, problems = read_yaml_file(path, shown)
    if parsed is None or parsed.root is None:
        return None, problems, parsed
    indicator, found = _validate(Indicator, parsed, shown)
    problems += found
    if indicator is not None and parsed.root is not None:
        problems += checks.check_indicator(indicator, path.stem, parsed.root, shown)
    return indicator, problems, parsed


def load_data_set(root: Path) -> LoadResult:
    """Load a whole data directory: goals.yaml and every indicators/*.yaml."""
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
    loaded: list[tuple[Indicator, ParsedYaml, str]] = []
    for path in iter_indicator_files(root):
        indicator, found, parsed = load_indicator(path)
        problems += found
        if indicator is not None and parsed is not None:
            loaded.append((indicator, parsed, display_path(path)))
    problems += checks.check_cross_file(goals, loaded)
    catalog = None
    if goals is not None:
        order = {g.id: g.number for g in goals.goals}
        indicators = sorted(
            (i for i, _, _ in loaded), key=lambda i: (order.get(i.goal, 10**6), i.id)
        )
        catalog = Catalog(
            programme=goals.programme,
            goals=sorted(goals.goals, key=lambda g: g.number),
            indicators=indicators,
        )
    return LoadResult(root, catalog, sorted(problems, key=Problem.sort_key))


def data_root_of(path: Path) -> Path | None:
    """The data directory a file or folder belongs to, if it sits in the design's layout."""
    path = path.resolve()
    candidates = [path] if path.is_dir() else []
    candidates += [path.parent, path.parent.parent]
    for candidate in candidates:
        if (candidate / GOALS_FILE).is_file():
            return candidate
    return None


def validate_paths(paths: Sequence[Path], data_dir: Path) -> list[Problem]:
    """Problems of the given files and folders; cross-file rules still see the whole data set
    each file belongs to (a pre-commit hook passes only the changed files)."""
    if not paths:
        return load_data_set(data_dir).problems
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
        found = load_data_set(root).problems
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


def iter_problem_files(problems: Iterable[Problem]) -> list[str]:
    return sorted({p.file for p in problems})
