"""Breakdowns: an indicator's values by category, read from ``indicators/<id>.csv``.

The data set declares its dimensions once (goals.yaml ``dimensions:``: an id, names, the
categories with codes and names, an optional ``total`` code); an indicator names the
breakdowns its file holds (``breakdowns: [sex, [language, area], {by: age, partial: true}]``).
The values are a tidy CSV beside the indicator's YAML, Open SDG's shape::

    year,language,area,value,status,note
    2023,ru,,7409,,
    2023,ru,espoonlahti,1180,provisional,

``year``, one column per dimension the indicator breaks down by, ``value``, then optionally
``status`` and ``note``. A blank cell (or the dimension's ``total`` code) is the total over
that dimension, so each row is a cell of exactly one declared breakdown; a row with every
code blank (the headline) is not allowed: the headline series is the indicator's ``values:``,
written, never derived from its categories (a partial breakdown, or unallocated persons,
would make a derived total wrong). For units whose categories add up (:data:`ADDITIVE_UNITS`)
a warning says when the categories of a complete breakdown do not sum to the total.

Every problem has file, line and column (:func:`parse_table`). The values are held compactly
(:class:`BreakdownTable`: arrays, about 13 bytes per cell) and made into series on demand.
"""

from __future__ import annotations

import csv
import difflib
import importlib
import io
import math
import re
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import compress, groupby
from operator import itemgetter
from pathlib import Path
from typing import Any, cast

from pydantic import TypeAdapter
from yaml.nodes import Node

from intl_tracker.core import speedups
from intl_tracker.core.errors import Problem, Severity
from intl_tracker.core.text_safety import excerpt, first_unsafe
from intl_tracker.dataset.locating import MAX_PROBLEMS_PER_FILE, cap_problems, problem_at
from intl_tracker.dataset.models import (
    MAX_ABS_VALUE,
    MAX_YEAR,
    MIN_YEAR,
    Catalog,
    Dimension,
    GoalsFile,
    ImportBreakdown,
    ImportBy,
    Indicator,
    Observation,
    ValueStatus,
    value_domain,
)
from intl_tracker.dataset.plausibility import (
    ESTIMATE_WITHOUT_NOTE,
    may_have_suspects,
    suspect_message,
    suspects,
    typical_of,
)

#: Units whose categories add up to the total (the sum check applies to them only).
ADDITIVE_UNITS = frozenset({"count"})
#: The largest breakdown file read (an indicator of 88 areas x 20 languages x 20 years is
#: about 1 MB).
MAX_TABLE_BYTES = 50_000_000
FIXED_COLUMNS = ("year", "value", "status", "note")
STATUSES = ("final", "provisional", "estimated")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_YEAR = re.compile(r"[0-9]{4}")
# A note a spreadsheet would run (OWASP "CSV Injection"): one that starts with =, @, + or -
# (ASCII or full-width), a tab or a carriage return. A number cell is checked as a number.
_FORMULA = ("=", "@", "+", "-", "\t", "\r", "\uff1d", "\uff20", "\uff0b", "\uff0d")

Codes = tuple[str, ...]
#: How a crossed breakdown is written in messages: language, the multiplication sign, area.
_BY = " \u00d7 "


@dataclass(frozen=True, slots=True)
class BreakdownRefs:
    """What the breakdown file's checks read of an indicator: its id, the breakdowns it
    declares (dimension ids, and whether each is partial), the value domain, unit, decimals,
    and the headline values by year (for the sum check; a year without a known value is
    left out)."""

    id: str
    breakdowns: tuple[tuple[Codes, bool], ...]
    domain: tuple[float | None, float | None]
    unit: str
    decimals: int | None
    headline: Mapping[int, float]

    @classmethod
    def of(cls, indicator: Indicator) -> BreakdownRefs:
        values = indicator.values
        headline = {
            year: obs.value
            for year, obs in values.items()
            if isinstance(getattr(obs, "value", None), float | int)
        }
        return cls(
            indicator.id,
            tuple((tuple(b.by), b.partial) for b in indicator.breakdowns),
            value_domain(indicator),
            indicator.unit,
            indicator.decimals,
            headline,
        )

    @property
    def columns(self) -> Codes:
        """The dimension columns of the file: every dimension of every breakdown, in the
        order the indicator first names them."""
        seen: dict[str, None] = {}
        for dims, _ in self.breakdowns:
            seen.update(dict.fromkeys(dims))
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class BreakdownSeries:
    """One category (or crossed combination) of a breakdown: the dimension ids, the category
    codes (one per dimension, same order) and its observations in year order."""

    dimensions: Codes
    codes: Codes
    observations: tuple[tuple[int, Observation], ...]


@dataclass(frozen=True)
class BreakdownTable:
    """An indicator's breakdown values as read from its file, column by column.

    ``columns``: the dimension ids of the file's columns; ``categories[j]``: the codes of
    column ``j``'s dimension (a cell holds an index into it, -1 for blank = total);
    ``years``, ``cells`` (one array per column) and ``values`` are parallel arrays in file
    order; ``statuses`` and ``notes`` hold the non-final statuses and the notes by row index;
    ``lines[i]`` is row ``i``'s line in ``file``.
    """

    indicator: str
    file: str
    columns: Codes
    categories: tuple[Codes, ...]
    years: array[int]
    cells: tuple[array[int], ...]
    values: array[float]
    lines: array[int]
    statuses: Mapping[int, str] = field(default_factory=dict)
    notes: Mapping[int, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.values)

    def breakdowns(self) -> list[Codes]:
        """The breakdowns that have values (dimension ids in column order), in file order."""
        return list(dict.fromkeys(self.row_breakdowns()))

    def row_breakdowns(self) -> list[Codes]:
        """Each row's breakdown: the dimension ids of its filled cells, in column order
        (computed column by column: a few C-level passes, not a loop over rows)."""
        masks = list(zip(*(map((0).__le__, column) for column in self.cells), strict=True))
        names = {
            mask: tuple(d for d, filled in zip(self.columns, mask, strict=True) if filled)
            for mask in set(masks)
        }
        return list(map(names.__getitem__, masks))

    def series(self, by: Sequence[str]) -> list[BreakdownSeries]:
        """The categories of the breakdown ``by`` (dimension ids, any order; the codes come in
        that order), each with its observations in year order; categories in first-seen
        order. Empty when the file has no cell of that breakdown."""
        index = [self.columns.index(d) for d in by]
        wanted = tuple(d for d in self.columns if d in by)
        kinds = self.row_breakdowns()
        keys = zip(*(self.cells[j] for j in index), strict=True)  # each row's category
        groups: dict[tuple[int, ...], list[int]] = {}
        for row, (key, kind) in enumerate(zip(keys, kinds, strict=True)):
            if kind == wanted:
                groups.setdefault(key, []).append(row)
        observations = self._observations()
        return [
            BreakdownSeries(
                tuple(by),
                tuple(self.categories[j][k] for j, k in zip(index, key, strict=True)),
                tuple(sorted(((self.years[r], observations[r]) for r in rows), key=itemgetter(0))),
            )
            for key, rows in groups.items()
        ]

    def _observations(self) -> list[Observation]:
        """Each row's observation. Without notes, validated in one call (pydantic's core
        makes them a few times quicker than a ``model_construct`` each; the loader has
        checked every value and status); a note is kept as read."""
        statuses = self.statuses
        if self.notes:
            return [
                Observation.model_construct(
                    value=value,
                    status=cast(ValueStatus, statuses.get(row, "final")),
                    note=self.notes.get(row),
                )
                for row, value in enumerate(self.values)
            ]
        if statuses:
            given = [
                {"value": v, "status": statuses.get(r, "final")} for r, v in enumerate(self.values)
            ]
        else:
            given = [{"value": v} for v in self.values]
        return _observation_list().validate_python(given)


@cache
def _observation_list() -> TypeAdapter[list[Observation]]:
    """The validator of a list of observations (built on first use: not at start-up)."""
    return TypeAdapter(list[Observation])


@dataclass(frozen=True)
class BreakdownFile:
    """An indicator's breakdown file as the loader read and checked it: its text, and what it
    was checked against. :attr:`table` is its values, read on first use (a report without
    ``--by`` never needs them, so loading a data set costs their check only)."""

    indicator: str
    file: str
    text: str
    refs: BreakdownRefs
    dimensions: Mapping[str, Dimension]

    @cached_property
    def table(self) -> BreakdownTable:
        """The values. Raises ValueError should the text have an error (the loader has
        checked it: it has none)."""
        table, problems = parse_table(self.text, self.file, self.refs, self.dimensions)
        if table is None:
            raise ValueError(f"{self.file}: {problems[0] if problems else 'unreadable'}")
        return table


# --- goals.yaml and the indicator's declarations ---------------------------------------------


def check_dimensions(goals: GoalsFile, root: Node, shown: str) -> list[Problem]:
    """Dimension ids unique; category codes unique within a dimension, the total code too."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, dim in enumerate(goals.dimensions):
        if dim.id in seen:
            problems.append(
                problem_at(
                    root,
                    shown,
                    ["dimensions", i, "id"],
                    "duplicate-dimension",
                    f"the dimension id '{dim.id}' is used twice",
                )
            )
        seen.add(dim.id)
        codes: set[str] = set()
        for j, category in enumerate(dim.categories):
            if category.code in codes:
                problems.append(
                    problem_at(
                        root,
                        shown,
                        ["dimensions", i, "categories", j, "code"],
                        "duplicate-category",
                        f"dimension '{dim.id}' has the category code '{category.code}' twice",
                    )
                )
            codes.add(category.code)
        if dim.total is not None and dim.total in codes:
            problems.append(
                problem_at(
                    root,
                    shown,
                    ["dimensions", i, "total"],
                    "duplicate-category",
                    f"the total code '{dim.total}' is also a category of '{dim.id}'",
                )
            )
    return problems


def check_dimension_names(goals: GoalsFile, root: Node, shown: str) -> list[Problem]:
    """A ``dimension-name`` error for each dimension or category name that is not plain text:
    a line break, a control or bidi character (U+202E would show as ``\\u202e`` in the
    published report, site and charts), markup (``<``, ``>``, a Markdown link's ``](``) or
    a leading ``=`` or ``@`` (a spreadsheet formula). The outputs neutralise all of these;
    the check keeps them from being published as literal text."""
    problems: list[Problem] = []
    for i, dim in enumerate(goals.dimensions):
        named: list[tuple[list[str | int], dict[str, str]]] = [
            (["dimensions", i, "name"], dim.name)
        ]
        named += [
            (["dimensions", i, "categories", j, "name"], c.name)
            for j, c in enumerate(dim.categories)
        ]
        for path, names in named:
            for language, name in names.items():
                why = _name_fault(name)
                if why is not None:
                    message = f"the name '{excerpt(name)}' {why}; write plain text"
                    where = [*path, language]
                    problems.append(problem_at(root, shown, where, "dimension-name", message))
    return problems


def _name_fault(name: str) -> str | None:
    """Why ``name`` is not plain text, None when it is."""
    unsafe = first_unsafe(name)
    if unsafe is not None or "\n" in name or "\r" in name or "\t" in name:
        char = name[unsafe] if unsafe is not None else next(c for c in name if c in "\n\r\t")
        return f"holds the character U+{ord(char):04X} (a line break, control or bidi character)"
    if "<" in name or ">" in name or "](" in name:
        return "holds markup (<, > or a Markdown link)"
    if name.lstrip().startswith(("=", "@", "\uff1d", "\uff20")):
        return "starts like a spreadsheet formula"
    return None


def check_declared(
    refs: BreakdownRefs, dimensions: Mapping[str, Dimension] | None, root: Node, shown: str
) -> list[Problem]:
    """The indicator's ``breakdowns``: each names declared dimensions (``dimensions`` None:
    goals.yaml is unusable, not checked), no dimension twice in one, no breakdown twice."""
    problems: list[Problem] = []
    seen: set[frozenset[str]] = set()
    for i, (dims, _) in enumerate(refs.breakdowns):
        where: list[str | int] = ["breakdowns", i]
        key = frozenset(dims)
        if len(key) < len(dims):
            problems.append(
                problem_at(root, shown, where, "duplicate-breakdown", "a dimension is named twice")
            )
        elif key in seen:
            problems.append(
                problem_at(
                    root,
                    shown,
                    where,
                    "duplicate-breakdown",
                    f"the breakdown by {_BY.join(dims)} is declared twice",
                )
            )
        seen.add(key)
        known = dimensions if dimensions is not None else dict.fromkeys(dims)
        problems.extend(
            problem_at(
                root,
                shown,
                where,
                "unknown-dimension",
                f"no dimension '{dim}' in goals.yaml" + _suggest(dim, known, "dimensions"),
            )
            for dim in dims
            if dim not in known
        )
    return problems


@dataclass(frozen=True, slots=True)
class ImportByRefs:
    """What ``check_import_by`` reads of an indicator (small to pickle: ``validate`` keeps
    this, not the model): its id, its declared breakdowns (dimension ids, partial) and its
    ``import: breakdowns:`` mappings."""

    id: str
    declared: tuple[tuple[Codes, bool], ...]
    mappings: tuple[ImportBreakdown, ...]

    @classmethod
    def of(cls, indicator: Indicator) -> ImportByRefs | None:
        if indicator.import_ is None or not indicator.import_.breakdowns:
            return None
        declared = tuple((tuple(b.by), b.partial) for b in indicator.breakdowns)
        return cls(indicator.id, declared, tuple(indicator.import_.breakdowns))


def check_import_by(
    refs: ImportByRefs, dimensions: Mapping[str, Dimension] | None, root: Node, shown: str
) -> list[Problem]:
    """The ``import: breakdowns:`` mappings (``models.ImportBreakdown``): each names a
    declared breakdown of the indicator (its dimensions, crossed or not), declared categories
    of each dimension, every table variable once, and each table code once (a category, the
    total or ignored); ``ignore: "*"`` only for a partial breakdown. ``dimensions`` None:
    goals.yaml is unusable, the names are not checked."""
    problems: list[Problem] = []
    declared = {frozenset(dims) for dims, _ in refs.declared}
    partial = {frozenset(dims) for dims, is_partial in refs.declared if is_partial}
    for i, mapping in enumerate(refs.mappings):
        where: list[str | int] = ["import", "breakdowns", i]
        problems += _import_variables(mapping, root, shown, where)
        dims = [by.dimension for by in mapping.by]
        for j, by in enumerate(mapping.by):
            at: list[str | int] = [*where, "by", j]
            if dimensions is not None and by.dimension not in dimensions:
                message = f"no dimension '{by.dimension}' in goals.yaml" + _suggest(
                    by.dimension, dimensions, "dimensions"
                )
                problems.append(
                    problem_at(root, shown, [*at, "dimension"], "unknown-dimension", message)
                )
            elif dimensions is not None:
                problems += _import_categories(by, dimensions[by.dimension], root, shown, at)
            problems += _import_codes(by, root, shown, at)
        key = frozenset(dims)
        if len(key) < len(dims):
            problems.append(
                problem_at(
                    root, shown, [*where, "by"], "import-breakdown", "a dimension is named twice"
                )
            )
        elif key not in declared:
            known = "; ".join(_BY.join(d) for d, _ in refs.declared) or "none"
            problems.append(
                problem_at(
                    root,
                    shown,
                    [*where, "by"],
                    "import-breakdown",
                    f"{refs.id} declares no breakdown by {_BY.join(dims)} (its breakdowns: "
                    f"{known}); declare it under breakdowns: first",
                )
            )
        rest = [j for j, by in enumerate(mapping.by) if by.ignore == "*"]
        if rest and key in declared and key not in partial:
            problems.append(
                problem_at(
                    root,
                    shown,
                    [*where, "by", rest[0], "ignore"],
                    "import-breakdown",
                    f'ignore: "*" leaves categories out, so the breakdown by {_BY.join(dims)} '
                    "is partial: declare it with partial: true",
                )
            )
    return problems


def _import_variables(
    mapping: ImportBreakdown, root: Node, shown: str, where: list[str | int]
) -> list[Problem]:
    """Each table variable is pinned, or read as a dimension, once; none is the year."""
    problems: list[Problem] = []
    seen: set[str] = {mapping.time}
    named: list[tuple[list[str | int], str]] = [
        (["selections", k, "variable"], s.variable) for k, s in enumerate(mapping.selections)
    ]
    named += [(["by", k, "variable"], b.variable) for k, b in enumerate(mapping.by)]
    for path, variable in named:
        if variable in seen:
            message = (
                f"the year variable '{variable}' cannot also be pinned or read as a dimension"
                if variable == mapping.time
                else f"the variable '{variable}' is named twice"
            )
            problems.append(problem_at(root, shown, [*where, *path], "import-selection", message))
        seen.add(variable)
    return problems


def _import_categories(
    by: ImportBy, dim: Dimension, root: Node, shown: str, at: list[str | int]
) -> list[Problem]:
    """Every mapped category is declared in the dimension, and none is mapped twice."""
    problems: list[Problem] = []
    codes = [c.code for c in dim.categories]
    seen: dict[str, str] = {}
    for source, category in by.categories.items():
        path = [*at, "categories", source]
        if category not in codes:
            hint = (
                " (that is the dimension's total: map the table's total code under total:)"
                if category == dim.total
                else _suggest(category, codes, "categories")
            )
            message = f"no category '{category}' in the dimension '{dim.id}'{hint}"
            problems.append(problem_at(root, shown, path, "unknown-category", message))
        elif category in seen:
            message = (
                f"the category '{category}' is mapped from both '{seen[category]}' and "
                f"'{source}': one table code per category"
            )
            problems.append(problem_at(root, shown, path, "import-breakdown", message))
        seen.setdefault(category, source)
    return problems


def _import_codes(by: ImportBy, root: Node, shown: str, at: list[str | int]) -> list[Problem]:
    """A table code is a category, the total or ignored: one of them."""
    problems: list[Problem] = []
    if by.ignore == "*":
        return problems
    ignored = set(by.ignore)
    if by.total is not None and (by.total in by.categories or by.total in ignored):
        message = f"the total code '{by.total}' is also mapped as a category or ignored"
        problems.append(problem_at(root, shown, [*at, "total"], "import-breakdown", message))
    for k, code in enumerate(by.ignore):
        if code in by.categories:
            message = f"the code '{code}' is both mapped to a category and ignored"
            problems.append(
                problem_at(root, shown, [*at, "ignore", k], "import-breakdown", message)
            )
    return problems


def _suggest(given: str, known: Mapping[str, Any] | Sequence[str], what: str) -> str:
    options = list(known)
    if not options:
        return f" (goals.yaml declares no {what})"
    close = difflib.get_close_matches(given, options, n=1, cutoff=0.6)
    if not close:
        lowered = {o.lower(): o for o in options}
        if given.lower() in lowered:
            close = [lowered[given.lower()]]
    if close:
        return f"; did you mean '{close[0]}'?"
    shown = ", ".join(options[:12]) + (", ..." if len(options) > 12 else "")
    return f"; known: {shown}"


# --- the file ---------------------------------------------------------------------------------


class _TooManyProblems(Exception):
    """Raised by :meth:`_Reader.add` once a file has more errors than are shown: reading
    stops there, so a large broken file costs no more than the problems it can show."""


@dataclass
class _Reader:
    """The state of reading one file: what it must hold and what it found."""

    shown: str
    refs: BreakdownRefs
    dimensions: Mapping[str, Dimension]
    problems: list[Problem] = field(default_factory=list)
    errors: int = 0

    def add(
        self,
        line: int,
        column: int,
        code: str,
        message: str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        if severity is Severity.ERROR:
            self.errors += 1
            if self.errors > MAX_PROBLEMS_PER_FILE:
                raise _TooManyProblems(line)
        self.problems.append(Problem(self.shown, line, column, code, message, severity))


def _stopped(reader: _Reader, line: int) -> list[Problem]:
    """The problems found before reading stopped at ``line``, and one saying so."""
    message = (
        f"more than {MAX_PROBLEMS_PER_FILE} problems; the file was read no further than this "
        "line: fix these first"
    )
    kept = sorted(reader.problems, key=Problem.sort_key)
    return [*kept, Problem(reader.shown, line, 1, "too-many-problems", message)]


class _BrokenRecord(Exception):
    """A record the csv module cannot read (a broken quote): ``line`` is the line the record
    starts on, where the bad field is (the csv module's own line is where it gave up, which
    may be lines later)."""

    def __init__(self, line: int, error: csv.Error) -> None:
        super().__init__(str(error))
        self.line = line


def _records(text: str) -> Iterator[tuple[int, str, list[str]]]:
    """Each record of the CSV text: its first line's number, that line's text and its cells.
    Raises _BrokenRecord for a broken quote."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start, line, at = 1, 1, 0  # the record's first line; the line starting at offset ``at``
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _BrokenRecord(start, exc) from exc
        while line < start and at >= 0:  # (no split of the whole text: a big file stays small)
            at = text.find("\n", at)
            at, line = (at + 1 if at >= 0 else -1), line + 1
        end = text.find("\n", at) if at >= 0 else -1
        yield start, (text[at:] if end < 0 else text[at:end]) if at >= 0 else "", row
        start = reader.line_num + 1


def _cell_columns(line: str, count: int) -> list[int]:
    """The 1-based column at which each of ``count`` cells of a one-line record starts."""
    columns, quoted, position = [1], False, 0
    for position, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            columns.append(position + 2)
    while len(columns) < count:
        columns.append(len(line) + 1)
    return columns


def parse_table(
    text: str, shown: str, refs: BreakdownRefs, dimensions: Mapping[str, Dimension]
) -> tuple[BreakdownTable | None, list[Problem]]:
    """Read an indicator's breakdown file (its text, decoded from UTF-8): the table, or None
    when it has errors, and every problem at file:line:col (capped per file).

    Errors: a byte-order mark, a wrong header (``csv-header``; also a file separated by
    semicolons), a column naming a dimension the indicator does not break down by
    (``unknown-dimension``), a broken quote (``csv-syntax``), a row with too many or too few
    cells (``csv-ragged``), an undeclared category with the closest code
    (``unknown-category``), a row that is no declared breakdown's cell
    (``missing-code``: a crossed cell without every code; ``undeclared-breakdown``;
    ``total-row``), a cell given twice (``duplicate-cell``), formula-looking text
    (``csv-formula``), a bad year, number or status (``invalid-year``, ``invalid-type`` with
    the decimal-comma hint, ``invalid-number``, ``invalid-value``), a value outside the
    domain (``out-of-range``). Warning: ``breakdown-sum`` (see :func:`check_sums`).
    """
    return _parse(text, shown, refs, dimensions, quick=True)


def _parse(
    text: str,
    shown: str,
    refs: BreakdownRefs,
    dimensions: Mapping[str, Dimension],
    *,
    quick: bool,
) -> tuple[BreakdownTable | None, list[Problem]]:
    """:func:`parse_table`; ``quick``: try the column-by-column reading first."""
    unsafe = check_characters(text, shown)
    plain = quick and not unsafe and not text.startswith("\ufeff")
    fast = _fast_table(text, shown, refs, dimensions) if plain else None
    if fast is not None:
        return fast, cap_problems(
            check_sums(fast, refs) + check_values(fast, refs) + check_filled(fast, refs), shown
        )
    reader = _Reader(shown, refs, dimensions, unsafe, len(unsafe))
    if text.startswith("\ufeff"):
        reader.add(
            1,
            1,
            "csv-byte-order-mark",
            "the file starts with a byte-order mark (a spreadsheet's 'CSV UTF-8'); save it as "
            "UTF-8 without one",
        )
        text = text[1:]
    records = _records(text)
    try:
        first = next(records, None)
        if first is None:
            reader.add(1, 1, "csv-header", f"the file is empty; write the header {_header(refs)}")
            return None, reader.problems
        layout = _check_header(reader, first[2])
        if layout is None:
            return None, reader.problems
        table = _read_rows(reader, layout, records)
    except _BrokenRecord as exc:
        reader.problems.append(
            Problem(shown, exc.line, 1, "csv-syntax", f"the CSV cannot be read: {exc}")
        )
        return None, cap_problems(reader.problems, shown)
    except _TooManyProblems as exc:
        return None, _stopped(reader, exc.args[0])
    if any(p.severity is Severity.ERROR for p in reader.problems):
        return None, cap_problems(reader.problems, shown)
    assert table is not None
    found = (
        reader.problems
        + check_sums(table, refs)
        + check_values(table, refs)
        + check_filled(table, refs)
    )
    return table, cap_problems(found, shown)


# Every year as written in a file: its number (a dict lookup per cell, at C speed).
_YEARS = {str(year): year for year in range(max(MIN_YEAR, 1000), MAX_YEAR + 1)}
_STATUS_CELLS = frozenset({"", *STATUSES})


def check_table(
    text: str, shown: str, refs: BreakdownRefs, dimensions: Mapping[str, Dimension]
) -> list[Problem]:
    """Every problem of a breakdown file, as :func:`parse_table` finds them, without building
    its table: what ``validate`` and every load do. A file without errors is checked column by
    column at C speed (:func:`_fast_check`; a large one with numpy when the data set's
    breakdown files are large: :func:`prepare_columns`); any other is read row by row."""
    if not text.startswith("\ufeff") and first_unsafe(text) is None:
        found = _columns_check(text, shown, refs, dimensions)
        if found is None:
            found = _fast_check(text, shown, refs, dimensions)
        if found is not None:
            return found
    # The quick reading would find a problem too (tests/dataset/test_breakdowns.py): straight
    # to the row-by-row reading, which stops after MAX_PROBLEMS_PER_FILE errors.
    return _parse(text, shown, refs, dimensions, quick=False)[1]


#: A file this large is checked with numpy (:mod:`.breakdown_columns`) once numpy is loaded.
COLUMNS_MIN_BYTES = 8_000
#: A data set whose breakdown files hold this much has numpy loaded to check them: its
#: import (about 0.1 s of CPU) costs what the Python checks of about 4 MB of files cost.
COLUMNS_DATA_SET_BYTES = 4_000_000
_COLUMNS_MODULE = "intl_tracker.dataset.breakdown_columns"


def prepare_columns(files: Iterable[Path]) -> bool:
    """Load numpy (and the checks that use it) when ``files``, a data set's breakdown files,
    hold :data:`COLUMNS_DATA_SET_BYTES` or more: before the loader starts its workers, so
    that they have it too (speed only: not with ``$INTL_TRACKER_SPEEDUPS=0``, see
    :mod:`intl_tracker.core.speedups`). Whether it is loaded."""
    if not speedups.enabled():
        return False
    total = 0
    for path in files:
        try:
            total += path.stat().st_size
        except OSError:
            continue
        if total >= COLUMNS_DATA_SET_BYTES:
            importlib.import_module(_COLUMNS_MODULE)  # loads numpy
            return True
    return _COLUMNS_MODULE in sys.modules


def _codes_of(dim: Dimension) -> Codes:
    """The dimension's category codes (kept with it: a data set's dimensions are read once)."""
    found = _CODES.get(id(dim))
    if found is None or found[0] is not dim:
        found = _CODES[id(dim)] = (dim, tuple(c.code for c in dim.categories))
    return found[1]


_CODES: dict[int, tuple[Dimension, Codes]] = {}


def _columns_check(
    text: str, shown: str, refs: BreakdownRefs, dimensions: Mapping[str, Dimension]
) -> list[Problem] | None:
    """:func:`_fast_check` of a large plain file, with numpy (loaded already: see
    :func:`prepare_columns`), or None: not loaded, a small file, or not plain. It answers
    what :func:`_fast_check` answers: a check added there must be added here too, or the
    file handed on (None) when the check may find something (tests/dataset/
    test_breakdown_columns.py runs every variant both ways)."""
    plain = sys.modules.get(_COLUMNS_MODULE)
    if plain is None or len(text) < COLUMNS_MIN_BYTES or not speedups.enabled():
        return None
    head, _, body = text.partition("\n")
    probe = _Reader(shown, refs, dimensions)
    layout = _probe_header(probe, head.split(","))
    if layout is None or probe.problems:
        return None
    patterns = {frozenset(by): partial for by, partial in refs.breakdowns}
    if frozenset(layout.dims) not in patterns:
        return None
    codes = [_codes_of(dimensions[d]) for d in layout.dims]
    read = plain.read_plain(
        body.encode("utf-8"), layout.width, layout.dim_at, layout.value, codes, refs.domain
    )
    if read is None or plain.may_jump(read, [len(c) for c in codes]):
        return None  # check_values may warn (a plain file has no status: no estimate to note)
    # every row is of the one breakdown
    unfilled = _unfilled(refs, [layout.dims] if body.strip() else [], shown)
    if refs.unit not in ADDITIVE_UNITS or patterns[frozenset(layout.dims)]:
        return unfilled
    found = (
        _sum_problem(shown, row + 2, layout.dims, year, values, refs)
        for year, row, values in plain.year_sums(read)
    )
    return cap_problems(unfilled + [p for p in found if p is not None], shown)


def _fast_check(
    text: str, shown: str, refs: BreakdownRefs, dimensions: Mapping[str, Dimension]
) -> list[Problem] | None:
    """The sum warnings of a file without errors, None when it may have one (or has cells
    of marginal breakdowns: then :func:`_fast_table` checks it)."""
    split = _fast_columns(text)
    if split is None:
        return None
    header, columns, _ = split
    probe = _Reader(shown, refs, dimensions)
    layout = _probe_header(probe, header)
    if layout is None or probe.problems or len(columns) != layout.width:
        return None
    if not set(columns[0]) <= _YEARS.keys():
        return None
    for name, at in zip(layout.dims, layout.dim_at, strict=True):
        dim = dimensions[name]
        if not set(columns[at]) <= {c.code for c in dim.categories}:
            table = _fast_table(text, shown, refs, dimensions)  # blanks, or a problem
            if table is None:
                return None
            return cap_problems(
                check_sums(table, refs) + check_values(table, refs) + check_filled(table, refs),
                shown,
            )
    if frozenset(layout.dims) not in {frozenset(by) for by, _ in refs.breakdowns}:
        return None
    values = _fast_values(columns[layout.value], refs)
    if values is None or not _fast_texts_ok(layout, columns):
        return None
    if _may_need_value_checks(values, layout, columns):  # a category's value may be suspect
        table = _fast_table(text, shown, refs, dimensions)
        if table is None:
            return None
        return cap_problems(
            check_sums(table, refs) + check_values(table, refs) + check_filled(table, refs), shown
        )
    runs = _year_runs(columns[0])
    codes = [columns[at] for at in layout.dim_at]
    if runs is None:  # the years are not in runs: every cell against every other
        if len(set(zip(columns[0], *codes, strict=True))) != len(columns[0]):
            return None
        return cap_problems(_fast_sums(table_of(text, shown, refs, dimensions), refs), shown)
    for _, start, end in runs:
        if len(codes) == 1:
            distinct = len(set(codes[0][start:end]))
        else:
            distinct = len(set(zip(*(c[start:end] for c in codes), strict=True)))
        if distinct != end - start:
            return None
    # every row is of the one breakdown
    unfilled = _unfilled(refs, [layout.dims] if columns[0] else [], shown)
    return cap_problems(unfilled + _run_sums(runs, values, layout.dims, refs, shown), shown)


def _may_need_value_checks(values: array[float], layout: _Layout, columns: list[list[str]]) -> bool:
    """Whether :func:`check_values` may find something: an estimated value, or two values of
    one sign 8 times apart (C-level passes over the columns)."""
    if layout.status is not None and "estimated" in set(columns[layout.status]):
        return True
    return may_have_suspects(values)


def table_of(
    text: str, shown: str, refs: BreakdownRefs, dimensions: Mapping[str, Dimension]
) -> BreakdownTable | None:
    return parse_table(text, shown, refs, dimensions)[0]


def _fast_sums(table: BreakdownTable | None, refs: BreakdownRefs) -> list[Problem]:
    return [] if table is None else check_sums(table, refs) + check_filled(table, refs)


def _year_runs(years: list[str]) -> list[tuple[int, int, int]] | None:
    """(year, first row, end row) of each year, when the rows are in year order."""
    if years != sorted(years):  # (sorting sorted data is one C-level pass)
        return None
    return [
        (int(year), bisect_left(years, year), bisect_right(years, year))
        for year in sorted(set(years))
    ]


def _run_sums(
    runs: list[tuple[int, int, int]],
    values: array[float],
    dims: Codes,
    refs: BreakdownRefs,
    shown: str,
) -> list[Problem]:
    """``check_sums`` of a file whose rows are all cells of one breakdown, in runs of years."""
    if refs.unit not in ADDITIVE_UNITS:
        return []
    if any(partial for by, partial in refs.breakdowns if frozenset(by) == frozenset(dims)):
        return []
    return [
        p
        for year, start, end in runs
        if (p := _sum_problem(shown, start + 2, dims, year, values[start:end], refs)) is not None
    ]


def _fast_texts_ok(layout: _Layout, columns: list[list[str]]) -> bool:
    if layout.status is not None and not set(columns[layout.status]) <= _STATUS_CELLS:
        return False
    return layout.note is None or not any(n.startswith(_FORMULA) for n in set(columns[layout.note]))


def _fast_table(
    text: str, shown: str, refs: BreakdownRefs, dimensions: Mapping[str, Dimension]
) -> BreakdownTable | None:
    """The table of a file that has no problem but perhaps a sum warning, checked column by
    column (each check a C-level pass: ``map``, ``set``, one regular expression over a whole
    column); None as soon as anything is unusual, and :func:`parse_table` then reads the
    file row by row and says what and where. The two agree on every file without errors
    (tests/dataset/test_breakdowns.py)."""
    split = _fast_columns(text)
    if split is None:
        return None
    header, columns, count = split
    probe = _Reader(shown, refs, dimensions)
    layout = _probe_header(probe, header)
    if layout is None or probe.problems or len(columns) != layout.width:
        return None
    years = list(map(_YEARS.get, columns[0]))
    dims = [dimensions[d] for d in layout.dims]
    cells = [
        list(map(_category_index(dim).get, columns[at]))
        for dim, at in zip(dims, layout.dim_at, strict=True)
    ]
    if None in years or any(None in c for c in cells):
        return None
    values = _fast_values(columns[layout.value], refs)
    if values is None or not _fast_rows_ok(layout, columns, cells, refs, years):
        return None
    statuses = columns[layout.status] if layout.status is not None else ()
    notes = columns[layout.note] if layout.note is not None else ()
    return BreakdownTable(
        refs.id,
        shown,
        layout.dims,
        tuple(tuple(c.code for c in d.categories) for d in dims),
        array("H", years),  # type: ignore[arg-type]  # no None: checked above
        tuple(array("h", c) for c in cells),  # type: ignore[arg-type]
        values,
        array("L", range(2, count + 2)),
        {i: s for i, s in enumerate(statuses) if s and s != "final"},
        {i: n for i, n in enumerate(notes) if n},
    )


def _fast_columns(text: str) -> tuple[list[str], list[list[str]], int] | None:
    """The header and the columns of a file whose rows all have the header's number of cells
    and that needs no CSV quoting (no quote, no CR, no empty line): split at C speed, a few
    times faster than the csv module. Else the csv module's reading (quoted cells); None when
    a row is ragged or a record spans lines (then the row-by-row reading says where)."""
    head, _, body = text.partition("\n")
    body = body[:-1] if body.endswith("\n") else body
    if '"' in text or "\r" in text or "\n\n" in body or not head:
        return _csv_columns(text)
    width = head.count(",") + 1
    if not body:
        return head.split(","), [[] for _ in range(width)], 0
    if width == 1:
        return None
    columns = _split_rows(body, width)
    return None if columns is None else (head.split(","), columns, len(columns[0]))


# Two line breaks in one cell of a split at commas only: a row with too few cells.
_TWO_BREAKS = re.compile(r"\n[^,]*\n")


def _split_rows(body: str, width: int) -> list[list[str]] | None:
    """The columns of ``body`` (rows of ``width`` cells, no quoting), or None when a row has
    another number of cells. Split at commas only, the last cell of a row and the first of the
    next are one piece (the value, a line break, the year) at every ``width - 1``-th place;
    every row has ``width`` cells exactly when those pieces hold the file's line breaks, one
    each, and no other piece holds one. Each check is one C-level pass over a string."""
    flat = body.split(",")
    step = width - 1
    rows = body.count("\n") + 1
    if len(flat) != step * rows + 1:
        return None
    joints = flat[step:-1:step]
    inner = [flat[j::step] for j in range(1, step)]
    if "\n" in flat[0] or "\n" in flat[-1]:
        return None
    if any("\n" in ",".join(column) for column in inner):
        return None
    # Every line break is in a joint now; each joint holds one unless one holds two.
    if _TWO_BREAKS.search(",".join(joints)) is not None:
        return None
    joined = "\n".join(joints)
    parts = joined.split("\n") if joints else []
    if len(parts) != 2 * len(joints):
        return None
    first = [flat[0], *parts[1::2]]
    last = [*parts[0::2], flat[-1]]
    return [first, *inner, last]


def _csv_columns(text: str) -> tuple[list[str], list[list[str]], int] | None:
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error:
        return None
    if not rows or text.count("\n") != len(rows) - (not text.endswith("\n")):
        return None  # empty, a record over several lines, or a lone CR
    header, body = rows[0], rows[1:]
    if set(map(len, body)) - {len(header)}:
        return None
    columns = [list(c) for c in zip(*body, strict=True)] or [[] for _ in header]
    return header, columns, len(body)


# A character that cannot be in a plain number (the cells joined by line breaks).
_NOT_NUMBER = re.compile(r"[^0-9.eE+\n-]")


def _fast_values(column: Sequence[str], refs: BreakdownRefs) -> array[float] | None:
    """The column's numbers when every cell is a plain number within the domain, else None."""
    if not column:
        return array("d")
    if _NOT_NUMBER.search("\n".join(column)) is not None:
        return None
    try:
        values = array("d", map(float, column))
    except ValueError:
        return None
    low, high = refs.domain
    least, most = min(values), max(values)
    if max(-least, most) > MAX_ABS_VALUE or not math.isfinite(least + most):
        return None
    if (low is not None and least < low) or (high is not None and most > high):
        return None
    return values


def _fast_rows_ok(
    layout: _Layout,
    columns: list[list[str]],
    cells: list[list[int | None]],
    refs: BreakdownRefs,
    years: list[int | None],
) -> bool:
    """Statuses known, no formula-looking note, every row a declared breakdown's cell, no
    cell twice."""
    if layout.status is not None and not set(columns[layout.status]) <= _STATUS_CELLS:
        return False
    if layout.note is not None and any(n.startswith(_FORMULA) for n in set(columns[layout.note])):
        return False
    patterns = {frozenset(by) for by, _ in refs.breakdowns}
    if any(-1 in c for c in cells):
        masks = set(zip(*(map((0).__le__, c) for c in cells), strict=True))  # type: ignore[arg-type]
    else:
        masks = {(True,) * len(cells)}
    for mask in masks:
        filled = frozenset(d for d, f in zip(layout.dims, mask, strict=True) if f)
        if filled not in patterns:
            return False
    return len(set(zip(years, *cells, strict=True))) == len(years)


def _header(refs: BreakdownRefs) -> str:
    return ",".join(["year", *refs.columns, "value", "status", "note"])


@dataclass(frozen=True)
class _Layout:
    """Where each column is: the dimension columns in file order, value, status, note."""

    dims: Codes
    dim_at: tuple[int, ...]
    value: int
    status: int | None
    note: int | None
    width: int


def _probe_header(probe: _Reader, header: list[str]) -> _Layout | None:
    """:func:`_check_header` for a fast path: None also when the header has more problems
    than are shown (the row-by-row reading then reports them, capped, as for any file)."""
    try:
        return _check_header(probe, header)
    except _TooManyProblems:
        return None


def _check_header(reader: _Reader, header: list[str]) -> _Layout | None:
    refs, expected = reader.refs, _header(reader.refs)
    if len(header) == 1 and ";" in header[0]:
        reader.add(
            1,
            1,
            "csv-header",
            f"the columns are separated by ';'; separate them by commas: {expected}",
        )
        return None
    columns = _cell_columns(",".join(header), len(header))
    ok = True
    for position, name in enumerate(header):
        if name in FIXED_COLUMNS or name in refs.columns:
            continue
        ok = False
        code, message = _unknown_column(reader, name)
        reader.add(1, columns[position], code, message)
    if not ok:
        return None
    k = len(refs.columns)
    dims = tuple(header[1 : 1 + k])
    if not (
        len(set(header)) == len(header)
        and header[:1] == ["year"]
        and set(dims) == set(refs.columns)
        and header[1 + k : 2 + k] == ["value"]
        and header[2 + k :] in ([], ["status"], ["status", "note"])
    ):
        reader.add(
            1,
            1,
            "csv-header",
            f"the header is '{excerpt(','.join(header), 200)}'; it must be {expected} (the "
            "dimension columns in any order; status and note may be left out)",
        )
        return None
    return _Layout(
        dims,
        tuple(header.index(d) for d in dims),
        header.index("value"),
        header.index("status") if "status" in header else None,
        header.index("note") if "note" in header else None,
        len(header),
    )


def _unknown_column(reader: _Reader, name: str) -> tuple[str, str]:
    """The code and message of a header cell that is neither a fixed column (year, value,
    status, note) nor a dimension of the indicator's breakdowns."""
    refs, shown = reader.refs, excerpt(name)
    if name in reader.dimensions:
        return "unknown-dimension", (
            f"the indicator '{refs.id}' does not break its values down by '{shown}' "
            f"(its breakdowns: {', '.join(refs.columns) or 'none'})"
        )
    fixed = difflib.get_close_matches(name.casefold(), FIXED_COLUMNS, n=1, cutoff=0.6)
    if fixed and not difflib.get_close_matches(name, refs.columns, n=1, cutoff=0.8):
        return "csv-header", f"no column '{shown}'; did you mean '{fixed[0]}'?"
    return "unknown-dimension", (
        f"no column '{shown}': it is neither year, value, status nor note, nor a dimension "
        f"the indicator breaks down by" + _suggest(name, refs.columns, "dimensions")
    )


@dataclass
class _Columns:
    """The table being built, column by column."""

    years: array[int] = field(default_factory=lambda: array("H"))
    values: array[float] = field(default_factory=lambda: array("d"))
    lines: array[int] = field(default_factory=lambda: array("L"))
    cells: list[array[int]] = field(default_factory=list)
    statuses: dict[int, str] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)
    first_line: dict[tuple[int, tuple[int, ...]], int] = field(default_factory=dict)


def _read_rows(
    reader: _Reader, layout: _Layout, records: Iterator[tuple[int, str, list[str]]]
) -> BreakdownTable | None:
    refs = reader.refs
    dims = [reader.dimensions[d] for d in layout.dims]
    index = [_category_index(d) for d in dims]
    patterns = {frozenset(by): partial for by, partial in refs.breakdowns}
    built = _Columns(cells=[array("h") for _ in dims])
    for line, text, row in records:
        if len(row) != layout.width:
            reader.add(
                line,
                1,
                "csv-ragged",
                "an empty line; remove it"
                if not row
                else f"the row has {len(row)} cells; the header has {layout.width}",
            )
            continue
        _read_row(reader, layout, dims, index, patterns, built, (line, text, row))
    return BreakdownTable(
        refs.id,
        reader.shown,
        layout.dims,
        tuple(tuple(c.code for c in d.categories) for d in dims),
        built.years,
        tuple(built.cells),
        built.values,
        built.lines,
        built.statuses,
        built.notes,
    )


def _category_index(dim: Dimension) -> dict[str, int]:
    index = {c.code: i for i, c in enumerate(dim.categories)}
    index[""] = -1
    if dim.total is not None:  # (a total code that is also a category is goals.yaml's error)
        index.setdefault(dim.total, -1)
    return index


def _read_row(
    reader: _Reader,
    layout: _Layout,
    dims: list[Dimension],
    index: list[dict[str, int]],
    patterns: Mapping[frozenset[str], bool],
    built: _Columns,
    record: tuple[int, str, list[str]],
) -> None:
    """Check one row and, when it is right, add it to ``built``."""
    line, text, row = record
    columns = _cell_columns(text, layout.width)
    errors = len(reader.problems)
    year = _year(reader, row[0], line)
    codes: list[int] = []
    for j, (dim, position) in enumerate(zip(dims, layout.dim_at, strict=True)):
        cell = row[position]
        found = index[j].get(cell)
        if found is None:
            _unknown_category(reader, dim, cell, line, columns[position])
            found = -2
        codes.append(found)
    value = _value(reader, row[layout.value], line, columns[layout.value])
    status = row[layout.status] if layout.status is not None else ""
    if status and status not in STATUSES:
        close = difflib.get_close_matches(status, STATUSES, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        reader.add(
            line,
            columns[layout.status or 0],
            "invalid-value",
            f"status '{excerpt(status)}' is not one of final, provisional, estimated{hint}",
        )
    note = row[layout.note] if layout.note is not None else ""
    if note.startswith(_FORMULA):
        reader.add(
            line,
            columns[layout.note or 0],
            "csv-formula",
            "the note looks like a spreadsheet formula; write it as text without the leading "
            f"'{excerpt(note[0])}'",
        )
    if -2 in codes:
        return
    filled = frozenset(d.id for d, c in zip(dims, codes, strict=True) if c >= 0)
    if not _pattern_ok(reader, filled, patterns, line, columns):
        return
    if year is None or len(reader.problems) > errors:
        return
    key = (year, tuple(codes))
    if key in built.first_line:
        reader.add(
            line,
            1,
            "duplicate-cell",
            f"this cell ({_describe(dims, codes, year)}) is also on line {built.first_line[key]}",
        )
        return
    built.first_line[key] = line
    row_index = len(built.values)
    built.years.append(year)
    built.values.append(value if value is not None else math.nan)
    built.lines.append(line)
    for column, code in zip(built.cells, codes, strict=True):
        column.append(code)
    if status and status != "final":
        built.statuses[row_index] = status
    if note:
        built.notes[row_index] = note


def _describe(dims: Sequence[Dimension], codes: Sequence[int], year: int) -> str:
    parts = [f"{d.id}={d.categories[c].code}" for d, c in zip(dims, codes, strict=True) if c >= 0]
    return f"{year}, {', '.join(parts)}"


def _pattern_ok(
    reader: _Reader,
    filled: frozenset[str],
    patterns: Mapping[frozenset[str], bool],
    line: int,
    columns: list[int],
) -> bool:
    """The row's filled dimensions are a declared breakdown; else a problem."""
    if filled in patterns:
        return True
    if not filled:
        reader.add(
            line,
            1,
            "total-row",
            "the row names no category (each dimension's cell is blank or its total code): "
            "this is the total, which is the indicator's values: in its YAML file; remove the "
            "row",
        )
        return False
    # The dimensions in the order the indicator declares them (breakdowns: [sex, district]).
    order = {frozenset(by): by for by, _ in reader.refs.breakdowns}
    wider = [p for p in patterns if filled < p]
    if wider:
        narrowest = order[min(wider, key=lambda p: len(p))]
        missing = [d for d in narrowest if d not in filled]
        reader.add(
            line,
            1,
            "missing-code",
            f"a crossed cell needs a code for each dimension; {', '.join(missing)} is blank "
            f"(the breakdown is by {_BY.join(narrowest)})",
        )
        return False
    declared = "; ".join(_BY.join(order[p]) for p in patterns)
    reader.add(
        line,
        1,
        "undeclared-breakdown",
        f"the row is a cell by {_BY.join(sorted(filled))}, a breakdown the indicator "
        f"does not declare (its breakdowns: {declared})",
    )
    return False


def _year(reader: _Reader, cell: str, line: int) -> int | None:
    if _YEAR.fullmatch(cell) and MIN_YEAR <= int(cell) <= MAX_YEAR:
        return int(cell)
    reader.add(
        line,
        1,
        "invalid-year",
        f"the year '{excerpt(cell)}' is not a whole number in {MIN_YEAR}-{MAX_YEAR}",
    )
    return None


def _unknown_category(reader: _Reader, dim: Dimension, cell: str, line: int, column: int) -> None:
    if cell.startswith(_FORMULA):
        reader.add(line, column, "csv-formula", "a spreadsheet formula, not a category code")
        return
    codes = [c.code for c in dim.categories]
    by_name = {name.casefold(): c.code for c in dim.categories for name in c.name.values()}
    if cell.casefold() in by_name:
        hint = f"; '{excerpt(cell)}' is the name of '{by_name[cell.casefold()]}': write the code"
    else:
        hint = _suggest(cell, codes, "categories")
    reader.add(
        line,
        column,
        "unknown-category",
        f"dimension '{dim.id}' has no category '{excerpt(cell)}'{hint}",
    )


def _value(reader: _Reader, cell: str, line: int, column: int) -> float | None:
    """The cell's number, checked against the domain; None (with a problem) when it is not."""
    if not _NUMBER.fullmatch(cell):
        _not_a_number(reader, cell, line, column)
        return None
    value = float(cell)
    if not math.isfinite(value):
        reader.add(line, column, "invalid-number", f"'{excerpt(cell)}' is too large to be a number")
        return None
    low, high = reader.refs.domain
    if abs(value) > MAX_ABS_VALUE:
        reader.add(line, column, "out-of-range", f"{value:g} is beyond ±{MAX_ABS_VALUE:g}")
    elif low is not None and value < low:
        reader.add(line, column, "out-of-range", f"{value:g} is below {low:g}, the least possible")
    elif high is not None and value > high:
        reader.add(line, column, "out-of-range", f"{value:g} is above {high:g}, the most possible")
    else:
        return value
    return None


def _not_a_number(reader: _Reader, cell: str, line: int, column: int) -> None:
    if cell.startswith(_FORMULA) or (cell[:1] in ("+", "-") and not _NUMBER.match(cell)):
        reader.add(
            line,
            column,
            "csv-formula",
            f"'{excerpt(cell)}' is a spreadsheet formula, not a number; save the values, not the "
            "formulas",
        )
        return
    if cell.lower().lstrip("+-") in ("nan", "inf", "infinity"):
        reader.add(line, column, "invalid-number", f"'{excerpt(cell)}' is not a finite number")
        return
    if not cell:
        message = "the value is blank; write it, or leave the row out"
    elif re.fullmatch(r"[+-]?[0-9]+,[0-9]+", cell):
        message = f"'{excerpt(cell)}' has a decimal comma; write {cell.replace(',', '.')}"
    elif re.fullmatch(r"[+-]?[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+", cell):
        message = (
            f"'{excerpt(cell)}' has a thousands separator; write {re.sub(r'[^0-9+-]', '', cell)}"
        )
    else:
        message = f"expected a number, got the text '{excerpt(cell)}'"
    reader.add(line, column, "invalid-type", message)


# --- sums ------------------------------------------------------------------------------------


def sum_tolerance(cells: int, decimals: int | None, total: float) -> float:
    """How far the categories' sum may be from the total: half a unit of the last written
    decimal for each cell (each may be rounded), and at least a billionth of the total."""
    return max(cells * 0.5 * 10.0 ** -(decimals or 0), abs(total) * 1e-9)


def check_filled(table: BreakdownTable, refs: BreakdownRefs) -> list[Problem]:
    """A ``breakdown-no-values`` warning (at the header) for each declared breakdown no row
    of the file gives: ``report --by`` and ``show --by`` would otherwise list the indicator
    as having no values by it without ``validate`` saying why."""
    return _unfilled(refs, table.row_breakdowns(), table.file)


_TIMES = " \u00d7 "


def _unfilled(refs: BreakdownRefs, kinds: Iterable[Codes], shown: str) -> list[Problem]:
    present = {frozenset(kind) for kind in kinds}
    return [
        Problem(
            shown,
            1,
            1,
            "breakdown-no-values",
            f"no row gives the values by {_TIMES.join(by)}, a breakdown the indicator "
            "declares; add its rows, or remove it from the indicator's breakdowns:",
            Severity.WARNING,
        )
        for by, _ in refs.breakdowns
        if frozenset(by) not in present
    ]


def check_sums(table: BreakdownTable, refs: BreakdownRefs) -> list[Problem]:
    """For an additive unit, each complete (not partial) breakdown's categories in a year
    must sum to the headline value of that year within :func:`sum_tolerance`; a warning
    (``breakdown-sum``) at the first row of that breakdown and year, else none."""
    if refs.unit not in ADDITIVE_UNITS:
        return []
    complete = {frozenset(by) for by, partial in refs.breakdowns if not partial}
    sums: dict[tuple[Codes, int], list[float]] = {}
    first: dict[tuple[Codes, int], int] = {}
    kinds = table.row_breakdowns()
    for filled in dict.fromkeys(kinds):
        if frozenset(filled) not in complete:
            continue
        rows: Iterator[tuple[int, float, int]] = zip(
            table.years, table.values, table.lines, strict=True
        )
        if len(set(kinds)) > 1:
            rows = compress(rows, map(filled.__eq__, kinds))
        for year, group in groupby(rows, key=itemgetter(0)):  # runs of one year, C speed
            cells = list(group)
            sums.setdefault((filled, year), []).extend(map(itemgetter(1), cells))
            first.setdefault((filled, year), cells[0][2])
    return [
        p
        for (filled, year), values in sums.items()
        if (p := _sum_problem(table.file, first[(filled, year)], filled, year, values, refs))
        is not None
    ]


def _sum_problem(
    shown: str, line: int, filled: Codes, year: int, values: Sequence[float], refs: BreakdownRefs
) -> Problem | None:
    """The warning when ``values`` (the categories of one year) do not sum to the total."""
    total = refs.headline.get(year)
    if total is None:
        return None
    found = math.fsum(values)
    tolerance = sum_tolerance(len(values), refs.decimals, total)
    if abs(found - total) <= tolerance:
        return None
    what = (
        f"the only category by {_BY.join(filled)} is {found:g}"
        if len(values) == 1
        else f"the {len(values)} categories by {_BY.join(filled)} sum to {found:g}"
    )
    return Problem(
        shown,
        line,
        1,
        "breakdown-sum",
        f"{what} in {year}, the total (values: {year}) is {total:g} (tolerance "
        f"{tolerance:g}); if they do not cover the whole, declare the breakdown "
        "partial: true",
        Severity.WARNING,
    )


# --- each category's values: the headline's per-value checks -----------------------------------


def check_values(table: BreakdownTable, refs: BreakdownRefs) -> list[Problem]:
    """The checks ``validate`` makes of each headline value, made of each category's series:
    ``percent-as-fraction`` and ``implausible-jump`` (``plausibility``'s rules) and
    ``estimate-without-note``, each a warning at the line of the category's row (never an
    error: a category's value cannot be confirmed as the headline's can)."""
    problems = _estimates_without_note(table)
    if not may_have_suspects(table.values):  # no two values of one sign 8 times apart
        return problems
    percent = refs.unit == "percent"
    for by, series in _value_series(table):
        values = list(map(itemgetter(2), series))
        if not may_have_suspects(values):  # the usual category: min and max, at C speed
            continue
        pairs = [(year, value) for _, year, value, _ in series]
        typical = typical_of(values)
        for suspect in suspects(values, percent=percent):
            row = series[suspect.index][3]
            problems.append(
                Problem(
                    table.file,
                    table.lines[row],
                    1,
                    suspect.code,
                    f"{_category_label(table, by, row)}: "
                    + suspect_message(suspect, pairs, typical, _CATEGORY_CONFIRM),
                    Severity.WARNING,
                )
            )
    return sorted(problems, key=Problem.sort_key)


#: A category's value cannot be confirmed (``validation.confirmed`` is the headline's): its
#: probable typos stay warnings (``--strict`` or ``--error CODE`` makes them errors).
_CATEGORY_CONFIRM = "or, if it is right, leave it (a category's value cannot be confirmed)"


def _value_series(
    table: BreakdownTable,
) -> Iterator[tuple[Codes, list[tuple[Any, int, float, int]]]]:
    """Each category's series: its breakdown and its rows as (category key, year, value, row)
    in year order. The rows are sorted and grouped at C speed (``sorted``, ``groupby``): a
    Python step per category, not per row."""
    kinds = table.row_breakdowns()
    mixed = len(set(kinds)) > 1
    for by in dict.fromkeys(kinds):
        index = [table.columns.index(d) for d in by]
        keys: Iterator[Any] = (
            iter(table.cells[index[0]])
            if len(index) == 1
            else zip(*(table.cells[j] for j in index), strict=True)
        )
        rows: Iterator[tuple[Any, int, float, int]] = zip(
            keys, table.years, table.values, range(len(table)), strict=True
        )
        if mixed:
            rows = compress(rows, map(by.__eq__, kinds))
        for _, group in groupby(sorted(rows), key=itemgetter(0)):
            yield by, list(group)


def _category_label(table: BreakdownTable, by: Codes, row: int) -> str:
    """``sex=f, area=north``: the category of the row ``row``."""
    parts = []
    for dim in by:
        j = table.columns.index(dim)
        parts.append(f"{dim}={table.categories[j][table.cells[j][row]]}")
    return ", ".join(parts)


def _estimates_without_note(table: BreakdownTable) -> list[Problem]:
    """``sex=f: the estimated value of 2022 has no note ...``: named with the category, as
    every per-category warning is."""
    rows = [
        row
        for row, status in table.statuses.items()
        if status == "estimated" and not table.notes.get(row)
    ]
    kinds = table.row_breakdowns() if rows else []
    return [
        Problem(
            table.file,
            table.lines[row],
            1,
            ESTIMATE_WITHOUT_NOTE,
            f"{_category_label(table, kinds[row], row)}: the estimated value of "
            f"{table.years[row]} has no note saying how it was derived",
            Severity.WARNING,
        )
        for row in rows
    ]


def check_characters(text: str, shown: str) -> list[Problem]:
    """A ``control-character`` error for each control character, bidi control or line
    separator in a breakdown file (as the YAML loader refuses them): they would reach a
    terminal, a spreadsheet or a web page, or make a note read differently from what it
    holds. Tab, line feed and carriage return are allowed (a note may hold them)."""
    problems: list[Problem] = []
    start = 0
    while len(problems) < MAX_PROBLEMS_PER_FILE:
        found = first_unsafe(text[start:]) if start else first_unsafe(text)
        if found is None:
            break
        at = start + found
        line = text.count("\n", 0, at) + 1
        column = at - text.rfind("\n", 0, at)
        char = excerpt(text[at])
        problems.append(
            Problem(
                shown,
                line,
                column,
                "control-character",
                f"the character {char} (U+{ord(text[at]):04X}) is not allowed in a breakdown "
                "file; remove it",
            )
        )
        start = at + 1
    return problems


def breakdown_table(catalog: Catalog, indicator_id: str) -> BreakdownTable | None:
    """The breakdown values of the indicator ``indicator_id`` (read on first use), None when
    it has no breakdown file."""
    found = catalog.breakdown_values.get(indicator_id)
    return found.table if isinstance(found, BreakdownFile) else None
