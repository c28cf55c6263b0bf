"""Decode JSON-stat 2.0 datasets (https://json-stat.org/format/), as PxWeb answers them.

A dataset lists its dimensions in ``id`` order with their ``size``; each dimension's
``category.index`` gives the order of its codes (an array, or an object of positions);
``value`` holds the cells in row-major order over those dimensions (an array, or a sparse
object keyed by the flat position), ``null`` for a missing cell; ``status`` optionally
marks cells (a string for all, an array, or a sparse object).

Why not a library: pyjstat (the common choice) depends on pandas and requests and emits a
UserWarning from its own code, which this project's ``filterwarnings = error`` turns into a
failure; jsonstat.py has had no release since 2017. The walk is a few dozen lines and every
malformed answer becomes one clear ``JsonStatError`` instead of a KeyError deep inside.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from intl_tracker.dataset.models import MAX_ABS_VALUE

T = TypeVar("T")

#: The most cells an answer may have, checked from the dimension sizes before any cell is
#: made (a 1 kB sparse answer can claim 10^10 cells). An import asks for one code of every
#: variable but the years and the value's: tens of cells.
MAX_CELLS = 1_000_000


class JsonStatError(ValueError):
    """The document is not a JSON-stat 2.0 dataset; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class Dimension:
    """One dimension: its id, label, category codes in index order and their labels."""

    id: str
    label: str
    codes: tuple[str, ...]
    labels: Mapping[str, str]

    def position(self, code: str) -> int | None:
        try:
            return self.codes.index(code)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class Dataset:
    """A decoded dataset: dimensions in order, dense values (None = missing; exact decimals,
    as the answer writes them) and statuses."""

    label: str
    updated: str | None
    dimensions: tuple[Dimension, ...]
    values: tuple[Decimal | None, ...]
    statuses: tuple[str | None, ...]

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)

    def cell(self, coordinates: Mapping[str, str]) -> tuple[Decimal | None, str | None]:
        """The value and status at one code per dimension; KeyError for an unknown code."""
        flat = 0
        for dimension in self.dimensions:
            position = dimension.position(coordinates[dimension.id])
            if position is None:
                raise KeyError(f"{dimension.id}={coordinates[dimension.id]}")
            flat = flat * len(dimension.codes) + position
        return self.values[flat], self.statuses[flat]


def decode(document: Any) -> Dataset:
    """A JSON-stat 2.0 ``dataset`` from parsed JSON; raises JsonStatError."""
    if not isinstance(document, dict):
        raise JsonStatError("the answer is not a JSON object")
    if document.get("class") != "dataset":
        raise JsonStatError(f"'class' is {document.get('class')!r}, not 'dataset'")
    version = document.get("version", "2.0")
    if not isinstance(version, str) or not version.startswith("2."):
        raise JsonStatError(f"'version' is {version!r}; JSON-stat 2.0 is expected")
    ids: list[str] = document.get("id") or []
    sizes: list[int] = document.get("size") or []
    if not _list_of(ids, str) or not ids or len(set(ids)) != len(ids):
        raise JsonStatError("'id' must list the dimensions, each once")
    if not _list_of(sizes, int) or len(sizes) != len(ids) or min(sizes) < 0:
        raise JsonStatError("'size' must give a count for each dimension in 'id'")
    count = math.prod(sizes)
    if count > MAX_CELLS:
        raise JsonStatError(
            f"the sizes ({' x '.join(str(s) for s in sizes)}) make {count:,} cells, more than "
            f"the {MAX_CELLS:,} an answer may have"
        )
    raw_dimensions = document.get("dimension")
    if not isinstance(raw_dimensions, dict):
        raise JsonStatError("'dimension' is missing")
    dimensions = tuple(
        _dimension(name, raw_dimensions.get(name), size)
        for name, size in zip(ids, sizes, strict=True)
    )
    values = _cells(document.get("value"), count, "value", _number)
    statuses = _cells(document.get("status"), count, "status", _status)
    label = document.get("label")
    updated = document.get("updated")
    return Dataset(
        label=label if isinstance(label, str) else "",
        updated=updated if isinstance(updated, str) else None,
        dimensions=dimensions,
        values=values,
        statuses=statuses,
    )


def _list_of(value: Any, kind: type) -> bool:
    return isinstance(value, list) and all(
        isinstance(v, kind) and not isinstance(v, bool) for v in value
    )


def _dimension(name: str, raw: Any, size: int) -> Dimension:
    if not isinstance(raw, dict) or not isinstance(raw.get("category"), dict):
        raise JsonStatError(f"dimension '{name}' has no 'category'")
    category = raw["category"]
    labels = category.get("label") or {}
    if not isinstance(labels, dict):
        raise JsonStatError(f"dimension '{name}': 'category.label' must be an object")
    index = category.get("index")
    if index is None:  # allowed for a single category
        if len(labels) != 1:
            raise JsonStatError(f"dimension '{name}' has no 'category.index'")
        codes: tuple[str, ...] = tuple(labels)
    elif _list_of(index, str):
        codes = tuple(index)
    elif isinstance(index, dict) and _list_of(list(index.values()), int):
        if sorted(index.values()) != list(range(len(index))):
            raise JsonStatError(f"dimension '{name}': 'category.index' positions are not 0..n-1")
        codes = tuple(sorted(index, key=index.__getitem__))
    else:
        raise JsonStatError(f"dimension '{name}': 'category.index' must be an array or object")
    if len(codes) != size:
        raise JsonStatError(
            f"dimension '{name}' has {len(codes)} categories but 'size' says {size}"
        )
    text = raw.get("label")
    return Dimension(
        id=name,
        label=text if isinstance(text, str) else name,
        codes=codes,
        labels={code: str(labels.get(code, code)) for code in codes},
    )


def _number(item: Any) -> Decimal | None:
    """A cell as an exact decimal: ints and ``Decimal`` (how ``fetching`` reads JSON) as they
    are, a float through its shortest text."""
    if item is None:
        return None
    if isinstance(item, bool) or not isinstance(item, int | float | Decimal):
        raise JsonStatError(f"a cell holds {str(item)[:40]!r}, not a number")
    number = Decimal(repr(item)) if isinstance(item, float) else Decimal(item)
    if not number.is_finite():
        raise JsonStatError(f"a cell holds {item}, not a number")
    if abs(number) > Decimal(MAX_ABS_VALUE):
        raise JsonStatError(
            f"a cell holds {number:.3E}, beyond the largest value a data file holds "
            f"({MAX_ABS_VALUE:.0e})"
        )
    return number


def _status(item: Any) -> str | None:
    if item is None:
        return None
    if not isinstance(item, str):
        raise JsonStatError(f"a status is {item!r}, not text")
    return item


def _cells(
    raw: Any, count: int, name: str, convert: Callable[[Any], T | None]
) -> tuple[T | None, ...]:
    if raw is None:
        if name == "value":
            raise JsonStatError("'value' is missing")
        return (None,) * count
    if name == "status" and isinstance(raw, str):
        return tuple(convert(raw) for _ in range(count))
    if isinstance(raw, list):
        if len(raw) != count:
            raise JsonStatError(f"'{name}' has {len(raw)} cells; the sizes make {count}")
        return tuple(convert(item) for item in raw)
    if isinstance(raw, dict):
        cells: list[T | None] = [None] * count
        for key, item in raw.items():
            if not (key.isascii() and key.isdigit()) or len(key) > 18 or int(key) >= count:
                raise JsonStatError(f"'{name}' has a cell at {key[:20]!r}, outside 0..{count - 1}")
            cells[int(key)] = convert(item)
        return tuple(cells)
    raise JsonStatError(f"'{name}' must be an array or an object")
