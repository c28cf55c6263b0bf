"""PxWeb answered from recorded tables: a folder of JSON-stat 2.0 cubes, one per table.

``import --pxweb-base FOLDER`` (or ``file:///FOLDER``) reads the table ``.../vaerak/11ra.px``
from ``FOLDER/11ra.json`` and answers as the service does: the table's variables for a
description, the slice a query selects for a query, and an error naming what the query asks
that the table does not have (where the service answers HTTP 400). The repository's
``tests/data/pxweb`` is such a folder, so an import can be tried without a network.

A recorded cube is read with the same limits as an answer (size, nesting, numbers, cells).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from intl_tracker.updating.fetching import MAX_BYTES, SourceError, parse_json
from intl_tracker.updating.jsonstat import Dataset, JsonStatError, decode


def table_file(folder: Path, table_url: str) -> Path:
    """``FOLDER/<table id>.json`` for a table address ending in ``<table id>.px``."""
    name = table_url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".px")
    return folder / f"{name}.json"


def load_table(folder: Path, table_url: str) -> Dataset:
    """The recorded cube of the table; raises SourceError naming the file."""
    path = table_file(folder, table_url)
    shown = str(path)
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise SourceError(
            shown, f"no recorded answer for {table_url} ({exc.strerror or exc})"
        ) from None
    if len(raw) > MAX_BYTES:
        raise SourceError(shown, f"the recorded answer is larger than {MAX_BYTES:,} bytes")
    try:
        return decode(parse_json(raw, shown))
    except JsonStatError as exc:
        raise SourceError(shown, f"malformed JSON-stat cube: {exc}") from None


def metadata(cube: Dataset) -> dict[str, Any]:
    """What a GET on the table answers: its variables, their codes and texts."""
    return {
        "title": cube.label,
        "variables": [
            {
                "code": d.id,
                "text": d.label,
                "values": list(d.codes),
                "valueTexts": [d.labels[c] for c in d.codes],
            }
            for d in cube.dimensions
        ],
    }


def answer(cube: Dataset, query: dict[str, Any], shown: str) -> dict[str, Any]:
    """The JSON-stat slice ``query`` selects (every variable once: ``all`` or ``item``
    codes); raises SourceError for a variable or code the table does not have."""
    chosen: dict[str, list[str]] = {}
    for item in query.get("query", []):
        dimension = cube.dimension(item["code"])
        if dimension is None:
            raise SourceError(shown, f"the recorded table has no variable '{item['code']}'")
        selection = item["selection"]
        if selection["filter"] == "all":
            chosen[dimension.id] = list(dimension.codes)
            continue
        unknown = [c for c in selection["values"] if c not in dimension.codes]
        if unknown:
            raise SourceError(
                shown, f"the recorded table has no code '{unknown[0]}' in '{dimension.id}'"
            )
        chosen[dimension.id] = [c for c in dimension.codes if c in selection["values"]]
    missing = [d.id for d in cube.dimensions if d.id not in chosen]
    if missing:
        raise SourceError(shown, f"the query leaves out the variable '{missing[0]}'")
    cells: list[list[str]] = [[]]
    for dimension in cube.dimensions:
        cells = [[*at, code] for at in cells for code in chosen[dimension.id]]
    values: list[Any] = []
    statuses: list[str | None] = []
    for at in cells:
        value, status = cube.cell({d.id: c for d, c in zip(cube.dimensions, at, strict=True)})
        values.append(value)
        statuses.append(status)
    document: dict[str, Any] = {
        "class": "dataset",
        "version": "2.0",
        "label": cube.label,
        "id": [d.id for d in cube.dimensions],
        "size": [len(chosen[d.id]) for d in cube.dimensions],
        "dimension": {
            d.id: {
                "label": d.label,
                "category": {
                    "index": {c: i for i, c in enumerate(chosen[d.id])},
                    "label": {c: d.labels[c] for c in chosen[d.id]},
                },
            }
            for d in cube.dimensions
        },
        "value": values,
    }
    if any(s is not None for s in statuses):
        document["status"] = statuses
    if cube.updated is not None:
        document["updated"] = cube.updated
    return document
