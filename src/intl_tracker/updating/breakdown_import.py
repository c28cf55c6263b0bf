"""Fetch an indicator's values by category from a PxWeb table (``import: breakdowns:``).

A mapping (``models.ImportBreakdown``) pins every variable but the year and the ones read as
dimensions; each of those maps the table's value codes to the dimension's category codes
(``categories``), names the table's total (``total``) and the codes left out on purpose
(``ignore``). The requests are those of the headline import (``pxweb``): the table's
description first, then one query for every year and every mapped code.

What stops the import (``SourceError``, nothing written): a code the table has that the
mapping does not name (a new language group, a new district: silently leaving it out would
make a partial breakdown look complete), a mapped code the table lacks, an answer of
another shape than asked. What is not written: a cell the table leaves empty. PxWeb marks
why in the cell's status, after the Finnish statistical symbols (Aluesarjat: "``..`` the
figure was not received or is too uncertain to be given; ``.`` logically impossible"):
both are counted, neither is ever written as 0.

Crossed tables give the crossed cells and, at one variable's total, the other dimension's own
breakdown; a cell is kept when the indicator declares the breakdown it belongs to. The cell
at every variable's total is the headline, which the indicator's own mapping imports.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from intl_tracker.dataset.models import ImportBreakdown, ImportBy, PxSelection
from intl_tracker.updating.fetching import SourceError
from intl_tracker.updating.jsonstat import Dataset
from intl_tracker.updating.numbers import NumberTextError
from intl_tracker.updating.pxweb import (
    Service,
    Variable,
    decoded,
    format_number,
    variable_code,
    year_of,
)

#: The status PxWeb gives a cell that is logically impossible (Finnish statistical symbols);
#: any other empty cell ("..", "...", none) is counted as not available.
IMPOSSIBLE = "."


@dataclass(frozen=True, slots=True)
class CategoryFigure:
    """One cell: the year, its categories (dimension id -> category code, the breakdown's
    dimensions only), the number as it will be written and whether the source marks it
    final."""

    year: int
    codes: tuple[tuple[str, str], ...]
    value: str
    final: bool

    @property
    def by(self) -> frozenset[str]:
        return frozenset(d for d, _ in self.codes)


@dataclass(frozen=True, slots=True)
class BreakdownSeries:
    """What a table gave: the figures, the table's address (``url``) and the one read, its
    update time, and how many wanted cells were empty: ``not_available`` (``..``) and
    ``impossible`` (``.``)."""

    url: str
    updated: str | None
    figures: tuple[CategoryFigure, ...]
    read_from: str = ""
    not_available: int = 0
    impossible: int = 0


def fetch_breakdown(
    mapping: ImportBreakdown,
    decimals: int | None,
    declared: Collection[frozenset[str]],
    described: dict[str, dict[str, Variable]],
    service: Service,
) -> BreakdownSeries:
    """The figures of one mapping: the cells of every breakdown in ``declared`` (sets of
    dimension ids) the table gives. Raises SourceError (see the module)."""
    url = mapping.table
    shown = service.address(url)
    if url not in described:
        described[url] = service.variables(url)
    variables = described[url]
    if mapping.time not in variables:
        raise SourceError(
            shown,
            f"the table has no year variable '{mapping.time}' (it has {', '.join(variables)})",
        )
    pinned = {variable_code(s, variables, shown): s.code for s in mapping.selections}
    for code, value in pinned.items():
        if value not in variables[code].values:
            raise SourceError(
                shown, f"missing category: the variable '{code}' has no code '{value}'"
            )
    codes = {by.dimension: _by_code(by, variables, shown) for by in mapping.by}
    query = _query(mapping, pinned, codes)
    dataset = decoded(shown, service.query(url, query))
    _check_shape(mapping, dataset, pinned, codes, shown)
    return _cells(mapping, dataset, codes, decimals, declared, shown, url)


def _by_code(by: ImportBy, variables: dict[str, Variable], shown: str) -> str:
    """The table variable read as ``by.dimension``; its codes must all be named."""
    code = variable_code(
        PxSelection(variable=by.variable, match=by.match, code="-"), variables, shown
    )
    table_codes = variables[code].values
    if by.ignore == "*":
        named = set(table_codes)
    else:
        named = {*by.categories, *by.ignore, *([by.total] if by.total is not None else [])}
    lacking = [
        c for c in [*by.categories, *([by.total] if by.total else [])] if c not in table_codes
    ]
    if lacking:
        raise SourceError(
            shown, f"missing category: the variable '{code}' has no code '{lacking[0]}'"
        )
    unnamed = [c for c in table_codes if c not in named]
    if unnamed:
        listed = ", ".join(unnamed[:12]) + (", …" if len(unnamed) > 12 else "")
        raise SourceError(
            shown,
            f"the variable '{code}' has codes the mapping does not name: {listed} (map them to "
            f"categories of '{by.dimension}' under categories:, or list them under ignore:)",
        )
    return code


def _asked(by: ImportBy) -> list[str]:
    return [*by.categories, *([by.total] if by.total is not None else [])]


def _query(
    mapping: ImportBreakdown, pinned: Mapping[str, str], codes: Mapping[str, str]
) -> dict[str, Any]:
    query: list[dict[str, Any]] = [
        {"code": mapping.time, "selection": {"filter": "all", "values": ["*"]}}
    ]
    query += [_item(code, [value]) for code, value in pinned.items()]
    query += [_item(codes[by.dimension], _asked(by)) for by in mapping.by]
    return {"query": query, "response": {"format": "json-stat2"}}


def _item(code: str, values: list[str]) -> dict[str, Any]:
    return {"code": code, "selection": {"filter": "item", "values": values}}


def _check_shape(
    mapping: ImportBreakdown,
    dataset: Dataset,
    pinned: Mapping[str, str],
    codes: Mapping[str, str],
    shown: str,
) -> None:
    expected = {mapping.time, *pinned, *codes.values()}
    found = {d.id for d in dataset.dimensions}
    if found != expected:
        missing = ", ".join(sorted(expected - found)) or "none"
        extra = ", ".join(sorted(found - expected)) or "none"
        raise SourceError(
            shown, f"changed table shape: the answer lacks {missing} and has {extra} besides"
        )
    for dimension in dataset.dimensions:
        want = pinned.get(dimension.id)
        if want is not None and dimension.codes != (want,):
            raise SourceError(
                shown,
                f"changed table shape: dimension '{dimension.id}' answers "
                f"{', '.join(dimension.codes) or 'nothing'} instead of {want}",
            )
    for by in mapping.by:
        answered = dataset.dimension(codes[by.dimension])
        lacking = [c for c in _asked(by) if answered is None or c not in answered.codes]
        if lacking:
            raise SourceError(
                shown,
                f"missing category: the answer has no '{lacking[0]}' in '{codes[by.dimension]}'",
            )


def _cells(
    mapping: ImportBreakdown,
    dataset: Dataset,
    codes: Mapping[str, str],
    decimals: int | None,
    declared: Collection[frozenset[str]],
    shown: str,
    url: str,
) -> BreakdownSeries:
    time = dataset.dimension(mapping.time)
    assert time is not None  # _check_shape
    pinned = {d.id: d.codes[0] for d in dataset.dimensions if len(d.codes) == 1}
    choices = [[(by, c) for c in _asked(by)] for by in mapping.by]
    figures: list[CategoryFigure] = []
    not_available = impossible = 0
    for year_code in time.codes:
        year = year_of(year_code, shown)
        if mapping.since is not None and year < mapping.since:
            continue
        for combination in itertools.product(*choices):
            cell = tuple((by.dimension, by.categories[c]) for by, c in combination if c != by.total)
            if not cell or frozenset(d for d, _ in cell) not in declared:
                continue  # the headline, or a breakdown the indicator does not declare
            where = {**pinned, mapping.time: year_code}
            where.update({codes[by.dimension]: c for by, c in combination})
            number, status = dataset.cell(where)
            if number is None:
                impossible += status == IMPOSSIBLE
                not_available += status != IMPOSSIBLE
                continue
            try:
                text = format_number(number, decimals)
            except NumberTextError as exc:
                raise SourceError(
                    shown, f"the figure of {year} cannot be recorded: {exc}"
                ) from None
            final = mapping.final_status is not None and status == mapping.final_status
            figures.append(CategoryFigure(year, cell, text, final))
    return BreakdownSeries(url, dataset.updated, tuple(figures), shown, not_available, impossible)


def check_overlap(indicator_id: str, tables: list[BreakdownSeries]) -> None:
    """Two ``import: breakdowns:`` mappings of one indicator must not give the same cell (the
    same categories and year): the second would silently overwrite the first. Raises
    SourceError naming both mappings (1-based, as listed) and the cell; nothing is written."""
    seen: dict[tuple[frozenset[tuple[str, str]], int], int] = {}
    for number, table in enumerate(tables, start=1):
        for figure in table.figures:
            key = (frozenset(figure.codes), figure.year)
            first = seen.setdefault(key, number)
            if first != number:
                cell = ", ".join(f"{d}={c}" for d, c in figure.codes)
                raise SourceError(
                    table.read_from or table.url,
                    f"{indicator_id}: the import: breakdowns: mappings {first} and {number} "
                    f"both give the cell {cell} of {figure.year}; map each cell in one mapping "
                    "(ignore the codes in the other, or leave out its total)",
                )
