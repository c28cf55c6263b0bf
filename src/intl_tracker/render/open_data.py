"""The data set as open data tables: tidy CSV and a Frictionless Data Package (standard library).

One row per observation (an indicator's value of a year), in the shape of "tidy data": one
column per variable, one row per observation. The columns are defined once, as
:class:`Column` (its CSV cell and its Table Schema field), so that the CSV files of
``intl-tracker export``, the site's per-indicator downloads (``site/data_files``) and the
Data Package's Table Schemas cannot disagree.

Breakdowns (sex, age group, area) are ready to come: a :class:`SeriesRow` carries
``categories`` (breakdown name: category code), written as one column each between ``year``
and ``value``; a headline value has none, so its category cells are empty ("" is the
schema's missing value), as in Open SDG's data files.

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

from intl_tracker.core.text_safety import csv_cell
from intl_tracker.dataset.models import Catalog, Goal, Indicator, Observation, localize
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


def category_columns(names: Sequence[str]) -> tuple[Column, ...]:
    """One text column per breakdown ``names`` (empty for a headline value)."""
    return tuple(
        Column(
            name,
            _category_cell(name),
            {"type": "string", "description": f"The breakdown {name}; empty: the headline."},
        )
        for name in names
    )


def indicator_columns(categories: Sequence[str] = ()) -> tuple[Column, ...]:
    """The columns of one indicator's CSV (also the site's download, which adds one)."""
    return HEAD_COLUMNS + category_columns(categories) + VALUE_COLUMNS


def all_values_columns(categories: Sequence[str] = ()) -> tuple[Column, ...]:
    """The columns of the whole data set's CSV: the goal first, then an indicator's."""
    return GOAL_COLUMNS + indicator_columns(categories)


def indicator_rows(goal: Goal | None, indicator: Indicator) -> list[SeriesRow]:
    """The headline rows of ``indicator``, in year order."""
    return [SeriesRow(goal, indicator, year, obs) for year, obs in indicator.series()]


def ordered_indicators(catalog: Catalog) -> list[tuple[Goal, Indicator]]:
    """Every indicator with its goal: goal by goal in number order, then by id."""
    goals = {goal.id: goal for goal in catalog.goals}
    pairs = [(goals[i.goal], i) for i in catalog.indicators]
    return sorted(pairs, key=lambda pair: (pair[0].number, pair[1].id))


def catalog_rows(catalog: Catalog) -> list[SeriesRow]:
    """Every headline row of the data set: goal by goal in number order, each goal's
    indicators in id order, each series in year order."""
    return [row for goal, i in ordered_indicators(catalog) for row in indicator_rows(goal, i)]


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
    if indicator_source.url:
        entry["path"] = indicator_source.url
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


def data_package(catalog: Catalog, lang: str, categories: Sequence[str] = ()) -> dict[str, Any]:
    """The Data Package (v2.0) descriptor of an export's CSV files: ``values.csv`` (resource
    ``values``) and ``indicators/<id>.csv`` (resource ``indicator-<id>``), in ``lang``."""
    programme = catalog.programme
    resources = [
        _csv_resource(
            "values",
            ALL_VALUES_CSV,
            localize(programme.name, lang),
            all_values_columns(categories),
            ["id", "year", *categories],
        )
    ]
    for _, indicator in ordered_indicators(catalog):
        resource = _csv_resource(
            f"indicator-{indicator.id}",
            indicator_csv_path(indicator.id),
            localize(indicator.name, lang),
            _unit_columns(indicator, lang, categories),
            ["year", *categories],
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


def _unit_columns(indicator: Indicator, lang: str, categories: Sequence[str]) -> list[Column]:
    """An indicator's columns, its value field naming its unit (``unit``, and in words)."""
    words = unit_name(indicator.unit, lang, indicator.unit_label)
    columns = list(indicator_columns(categories))
    at = next(n for n, c in enumerate(columns) if c.name == "value")
    value = columns[at]
    schema = {**value.schema, "unit": indicator.unit, "description": f"The value ({words})."}
    columns[at] = Column(value.name, value.cell, schema)
    return columns
