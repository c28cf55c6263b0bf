"""The data set as open data tables: tidy CSV and a Frictionless Data Package (standard library).

One row per observation (an indicator's value of a year), in the shape of "tidy data": one
column per variable, one row per observation. The columns are defined once, as
:class:`Column` (its CSV cell and its Table Schema field), so that the CSV files of
``intl-tracker export``, the site's per-indicator downloads (``site/data_files``) and the
Data Package's Table Schemas cannot disagree.

Breakdowns (values by category, ``indicators/<id>.csv`` of the data set): a
:class:`SeriesRow` carries ``categories`` (dimension id: category code), written as one
column per dimension between ``year`` and ``value`` (long form); a headline value has none,
so its category cells are empty ("" is the schema's missing value), as in Open SDG's data
files. A crossed cell (district north, language foreign) fills both columns; a row by
district only leaves the language column empty ("total over languages"). The Table Schema
declares each dimension column as a string with the dimension's category codes as an
``enum`` constraint. A dimension whose id is a column's name already (``unit``) is written
as ``<id>_category``.

Text cells pass through ``text_safety.csv_cell`` (OWASP CSV-injection guard); numbers from the
data are written exactly as read (``text_formats.csv_number``). The descriptor follows the
Data Package standard v2.0 (datapackage.org, 2024): ``$schema`` profiles of version 2.0, a
Table Schema per resource with field types, the unit, the enumeration of value statuses,
``missingValues`` and a primary key; the licence and the sources.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from intl_tracker.core.text_safety import csv_cell, link_target
from intl_tracker.dataset.breakdowns import BreakdownTable, breakdown_table
from intl_tracker.dataset.models import (
    Catalog,
    Dimension,
    Goal,
    Indicator,
    Observation,
    localize,
)
from intl_tracker.presentation.wording import unit_name, value_flag
from intl_tracker.render.text_formats import csv_number

#: Data Package standard v2.0 profiles (https://datapackage.org/standard/data-package/).
PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"

#: The licence of an export: Creative Commons Attribution 4.0 (the regional open data portal's
#: licence, and Statistics Finland's). SPDX identifier, address and title.
LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
VALUE_STATUSES: tuple[str, ...] = ("final", "provisional", "estimated")
#: The whole data set's CSV in an export, and the folder of the per-indicator ones.
ALL_VALUES_CSV = "values.csv"
INDICATOR_FOLDER = "indicators"


@dataclass(frozen=True, slots=True)
class SeriesRow:
    """One observation: an indicator's value of a year, in a breakdown (``categories``,
    breakdown name: category code) or the headline (no categories)."""

    goal: Goal | None  # None: an indicator shown without its goal (the site's page)
    indicator: Indicator
    year: int
    observation: Observation
    categories: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Column:
    """A CSV column: its name, its cell of a row in a language, its Table Schema field."""

    name: str
    cell: Callable[[SeriesRow, str], str]
    schema: Mapping[str, Any]


def _text(get: Callable[[SeriesRow, str], str]) -> Callable[[SeriesRow, str], str]:
    return lambda row, lang: csv_cell(get(row, lang))


_ID = {"type": "string", "constraints": {"required": True, "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}}
GOAL_COLUMNS: tuple[Column, ...] = (
    Column(
        "goal_number",
        lambda r, _: "" if r.goal is None else str(r.goal.number),
        {"type": "integer", "description": "The goal's number in the programme."},
    ),
    Column(
        "goal",
        lambda r, _: "" if r.goal is None else r.goal.id,
        {**_ID, "description": "The goal's id."},
    ),
)
HEAD_COLUMNS: tuple[Column, ...] = (
    Column("id", lambda r, _: r.indicator.id, {**_ID, "description": "The indicator's id."}),
    Column(
        "name",
        _text(lambda r, lang: localize(r.indicator.name, lang)),
        {"type": "string", "description": "The indicator's name in the file's language."},
    ),
    Column(
        "unit",
        lambda r, _: r.indicator.unit,
        {"type": "string", "description": "The unit's id (percent, count, rank, eur, index...)."},
    ),
    Column(
        "unit_label",
        _text(lambda r, lang: unit_name(r.indicator.unit, lang, r.indicator.unit_label)),
        {"type": "string", "description": "The unit in words in the file's language."},
    ),
    Column(
        "year",
        lambda r, _: str(r.year),
        {"type": "year", "constraints": {"required": True}, "description": "The value's year."},
    ),
)
VALUE_COLUMNS: tuple[Column, ...] = (
    Column(
        "value",
        lambda r, _: csv_number(r.observation.value, written=True),
        {
            "type": "number",
            "constraints": {"required": True},
            "description": "The value, in the unit of the row (exactly as in the data).",
        },
    ),
    Column(
        "value_status",
        lambda r, _: r.observation.status,
        {
            "type": "string",
            "constraints": {"required": True, "enum": list(VALUE_STATUSES)},
            "description": "The value's status: final, provisional (to be revised) or "
            "estimated (not the source's figure).",
        },
    ),
    Column(
        "value_status_label",
        _text(lambda r, lang: value_flag(r.observation.status, lang)),
        {"type": "string", "description": "value_status in words in the file's language."},
    ),
    Column(
        "note",
        _text(lambda r, lang: localize(r.observation.note, lang)),
        {"type": "string", "description": "The value's note: how it was derived, or where from."},
    ),
)


def _category_cell(name: str) -> Callable[[SeriesRow, str], str]:
    return lambda row, _: csv_cell(row.categories.get(name, ""))


def dimension_column(dimension_id: str) -> str:
    """The CSV column of a dimension: its id, or ``<id>_category`` should the id be the
    name of a fixed column (``unit``, ``year``)."""
    fixed = {c.name for c in (*GOAL_COLUMNS, *HEAD_COLUMNS, *VALUE_COLUMNS)}
    return f"{dimension_id}_category" if dimension_id in fixed else dimension_id


def _category_schema(name: str, dimension: Dimension | None) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "string",
        "description": f"The category of the dimension {name} (its code); empty: the total "
        "over this dimension (every cell empty: the headline).",
    }
    if dimension is not None:
        schema["title"] = localize(dimension.name, "en")
        codes = [c.code for c in dimension.categories]
        if all(csv_cell(code) == code for code in codes):  # a guarded code is not the code
            schema["constraints"] = {"enum": codes}
    return schema


def category_columns(
    names: Sequence[str], dimensions: Mapping[str, Dimension] | None = None
) -> tuple[Column, ...]:
    """One text column per dimension id in ``names`` (empty for a headline value); with the
    ``dimensions`` (id: Dimension), the schema lists each one's category codes."""
    dims = dimensions or {}
    return tuple(
        Column(dimension_column(name), _category_cell(name), _category_schema(name, dims.get(name)))
        for name in names
    )


def indicator_columns(
    categories: Sequence[str] = (), dimensions: Mapping[str, Dimension] | None = None
) -> tuple[Column, ...]:
    """The columns of one indicator's CSV (also the site's download, which adds one):
    ``categories`` are its dimension ids (see :func:`category_columns`)."""
    return HEAD_COLUMNS + category_columns(categories, dimensions) + VALUE_COLUMNS


def all_values_columns(
    categories: Sequence[str] = (), dimensions: Mapping[str, Dimension] | None = None
) -> tuple[Column, ...]:
    """The columns of the whole data set's CSV: the goal first, then an indicator's."""
    return GOAL_COLUMNS + indicator_columns(categories, dimensions)


def indicator_dimensions(indicator: Indicator) -> tuple[str, ...]:
    """The dimension ids of ``indicator``'s breakdowns, in the order it first names them."""
    return tuple(dict.fromkeys(d for b in indicator.breakdowns for d in b.by))


def catalog_dimensions(catalog: Catalog) -> tuple[str, ...]:
    """The dimension ids some indicator breaks down by, in goals.yaml order."""
    used = {d for i in catalog.indicators for d in indicator_dimensions(i)}
    return tuple(d.id for d in catalog.dimensions if d.id in used)


def dimensions_of(catalog: Catalog) -> dict[str, Dimension]:
    """The data set's dimensions by id."""
    return {d.id: d for d in catalog.dimensions}


def indicator_rows(goal: Goal | None, indicator: Indicator) -> list[SeriesRow]:
    """The headline rows of ``indicator``, in year order."""
    return [SeriesRow(goal, indicator, year, obs) for year, obs in indicator.series()]


def category_rows(
    goal: Goal | None, indicator: Indicator, table: BreakdownTable | None
) -> list[SeriesRow]:
    """The rows of ``indicator``'s values by category (``table``: its breakdown file, None:
    none): breakdown by breakdown in file order, each category's values in year order."""
    if table is None:
        return []
    return [
        SeriesRow(
            goal, indicator, year, obs, dict(zip(series.dimensions, series.codes, strict=True))
        )
        for by in table.breakdowns()
        for series in table.series(by)
        for year, obs in series.observations
    ]


def all_indicator_rows(
    catalog: Catalog, goal: Goal | None, indicator: Indicator
) -> list[SeriesRow]:
    """The headline rows and the rows by category of ``indicator``, year by year: in each
    year the headline first, then the categories (as :func:`category_rows` orders them)."""
    table = breakdown_table(catalog, indicator.id)
    rows = indicator_rows(goal, indicator) + category_rows(goal, indicator, table)
    return sorted(rows, key=lambda row: row.year)  # stable: the headline stays first


def ordered_indicators(catalog: Catalog) -> list[tuple[Goal, Indicator]]:
    """Every indicator with its goal: goal by goal in number order, then by id."""
    goals = {goal.id: goal for goal in catalog.goals}
    pairs = [(goals[i.goal], i) for i in catalog.indicators]
    return sorted(pairs, key=lambda pair: (pair[0].number, pair[1].id))


def catalog_rows(catalog: Catalog) -> list[SeriesRow]:
    """Every headline row of the data set: goal by goal in number order, each goal's
    indicators in id order, each series in year order."""
    return [row for goal, i in ordered_indicators(catalog) for row in indicator_rows(goal, i)]


def catalog_all_rows(catalog: Catalog) -> list[SeriesRow]:
    """Every row of the data set, headline and by category (:func:`all_indicator_rows`),
    indicators in the order of :func:`catalog_rows`."""
    return [
        row
        for goal, indicator in ordered_indicators(catalog)
        for row in all_indicator_rows(catalog, goal, indicator)
    ]


def catalog_category_rows(catalog: Catalog) -> list[SeriesRow]:
    """Every row by category of the data set, indicators in the order of :func:`catalog_rows`."""
    return [
        row
        for goal, indicator in ordered_indicators(catalog)
        for row in category_rows(goal, indicator, breakdown_table(catalog, indicator.id))
    ]


def csv_text(columns: Sequence[Column], rows: Iterable[SeriesRow], lang: str) -> str:
    """CSV text (UTF-8 when encoded, ``\\n`` line ends, a header row) of ``rows``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(column.name for column in columns)
    writer.writerows([column.cell(row, lang) for column in columns] for row in rows)
    return out.getvalue()


def table_schema(columns: Sequence[Column], primary_key: Sequence[str]) -> dict[str, Any]:
    """The Table Schema (v2.0) of a CSV written with ``columns``."""
    return {
        "$schema": TABLE_SCHEMA_PROFILE,
        "fields": [{"name": column.name, **column.schema} for column in columns],
        "missingValues": [""],
        "primaryKey": list(primary_key),
    }


def _source(indicator_source: Any, lang: str) -> list[dict[str, str]]:
    if indicator_source is None:
        return []
    title = localize(indicator_source.title, lang) or localize(indicator_source.publisher, lang)
    entry = {"title": title or "source"}
    url = link_target(indicator_source.url or "")
    if url:  # http, https or mailto only: a javascript: address is left out
        entry["path"] = url
    return [entry]


def _csv_resource(
    name: str, path: str, title: str, columns: Sequence[Column], key: Sequence[str]
) -> dict[str, Any]:
    return {
        "$schema": RESOURCE_PROFILE,
        "name": name,
        "type": "table",
        "path": path,
        "title": title,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": table_schema(columns, key),
    }


def indicator_csv_path(indicator_id: str) -> str:
    return f"{INDICATOR_FOLDER}/{indicator_id}.csv"


def data_package(catalog: Catalog, lang: str) -> dict[str, Any]:
    """The Data Package (v2.0) descriptor of an export's CSV files: ``values.csv`` (resource
    ``values``) and ``indicators/<id>.csv`` (resource ``indicator-<id>``), in ``lang``; each
    table's dimension columns are those of :func:`catalog_dimensions` and
    :func:`indicator_dimensions`."""
    programme = catalog.programme
    dimensions = dimensions_of(catalog)
    everything = catalog_dimensions(catalog)
    resources = [
        _csv_resource(
            "values",
            ALL_VALUES_CSV,
            localize(programme.name, lang),
            all_values_columns(everything, dimensions),
            ["id", "year", *map(dimension_column, everything)],
        )
    ]
    for _, indicator in ordered_indicators(catalog):
        own = indicator_dimensions(indicator)
        resource = _csv_resource(
            f"indicator-{indicator.id}",
            indicator_csv_path(indicator.id),
            localize(indicator.name, lang),
            _unit_columns(indicator, lang, own, dimensions),
            ["year", *map(dimension_column, own)],
        )
        if indicator.definition:
            resource["description"] = localize(indicator.definition, lang)
        if sources := _source(indicator.source, lang):
            resource["sources"] = sources
        resources.append(resource)
    package: dict[str, Any] = {
        "$schema": PACKAGE_PROFILE,
        "name": programme.id,
        "title": localize(programme.name, lang),
        "licenses": [LICENCE],
        "resources": resources,
    }
    if sources := _source(programme.source, lang):
        package["sources"] = sources
    return package


def _unit_columns(
    indicator: Indicator,
    lang: str,
    categories: Sequence[str],
    dimensions: Mapping[str, Dimension],
) -> list[Column]:
    """An indicator's columns, its value field naming its unit (``unit``, and in words)."""
    words = unit_name(indicator.unit, lang, indicator.unit_label)
    columns = list(indicator_columns(categories, dimensions))
    at = next(n for n, c in enumerate(columns) if c.name == "value")
    value = columns[at]
    schema = {**value.schema, "unit": indicator.unit, "description": f"The value ({words})."}
    columns[at] = Column(value.name, value.cell, schema)
    return columns
