"""Fetch one indicator's yearly series from a PxWeb API v1 table (Statistics Finland).

Two requests per table, as the API is designed: GET the table's address for its variables
(their codes and value codes), then POST a query with ``"response": {"format":
"json-stat2"}``. Variable codes are resolved first, so a selection can match a code by its
start (Statistics Finland's area variable carries its classification date,
``alue_23_20260101``, and changes with the next classification). The answer is checked
against what was asked: the same dimensions, one category for each pinned one, the asked
codes present, years as the time codes. Any difference stops the import with a
``SourceError`` naming the address and the reason.

Where the tables are read (``Service``): the addresses in the mappings; the same paths under
another base address (a mirror, a reverse proxy: ``--pxweb-base URL`` or
``$INTL_TRACKER_PXWEB_BASE``); or a folder of recorded answers (``recorded``), for a run
without a network. HTTP, with its deadline and limits, is in ``fetching``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from intl_tracker.core.errors import UsageError
from intl_tracker.dataset.models import MAX_YEAR, MIN_YEAR, ImportMapping, PxSelection
from intl_tracker.updating import recorded
from intl_tracker.updating.fetching import SourceError, get_json, post_json
from intl_tracker.updating.jsonstat import Dataset, JsonStatError, decode
from intl_tracker.updating.numbers import NumberTextError, number_text

BASE_ENV = "INTL_TRACKER_PXWEB_BASE"
# Enough digits for any value a data file holds (1e18) at 6 decimals, and for a quotient.
_EXACT = Context(prec=60)


@dataclass(frozen=True, slots=True)
class Service:
    """Where tables are read: ``base`` None reads each mapping's own address; an http(s)
    ``base`` replaces the scheme and host of every table address (its path is kept, after
    the base's own path); ``folder`` reads recorded answers (see ``recorded``)."""

    base: str | None = None
    folder: Path | None = None

    @classmethod
    def of(cls, value: str | None) -> Service:
        """The service for ``--pxweb-base`` (else ``$INTL_TRACKER_PXWEB_BASE``): an
        http(s):// address, a ``file://`` address or a folder path. Raises UsageError."""
        named = "--pxweb-base" if value else f"${BASE_ENV}"
        value = value or os.environ.get(BASE_ENV) or None
        if value is None:
            return cls()
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018  # raises ValueError for a port out of range
        except ValueError:
            raise UsageError(f"{named} '{value}' is not a valid address") from None
        if parts.scheme in ("http", "https") and parts.hostname:
            return cls(base=value.rstrip("/"))
        if parts.scheme == "file":
            folder = Path(url2pathname(parts.path))
        elif "://" not in value:
            folder = Path(value)
        else:
            raise UsageError(
                f"{named} '{value}' is neither an http(s):// address nor a folder of recorded "
                "answers"
            )
        if not folder.is_dir():
            raise UsageError(f"{named}: the folder of recorded answers '{folder}' does not exist")
        return cls(folder=folder)

    def address(self, table: str) -> str:
        """The address (or recorded file) actually read for the mapped ``table``."""
        if self.folder is not None:
            return str(recorded.table_file(self.folder, table))
        if self.base is None:
            return table
        try:
            parts = urlsplit(table)
        except ValueError:
            raise SourceError(table, "not a valid address") from None
        return self.base + parts.path + (f"?{parts.query}" if parts.query else "")

    def variables(self, table: str) -> dict[str, Variable]:
        if self.folder is not None:
            meta: Any = recorded.metadata(recorded.load_table(self.folder, table))
        else:
            meta = get_json(self.address(table))
        return _variables(meta, self.address(table))

    def query(self, table: str, query: dict[str, Any]) -> Any:
        if self.folder is not None:
            cube = recorded.load_table(self.folder, table)
            return recorded.answer(cube, query, self.address(table))
        return post_json(self.address(table), query)


@dataclass(frozen=True, slots=True)
class Variable:
    """A table variable from the metadata: its code, text and value codes."""

    code: str
    text: str
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    """One year's figure: the number as it will be written, and whether the source marks
    it final."""

    year: int
    value: str
    final: bool


@dataclass(frozen=True, slots=True)
class Series:
    """What a table gave for an indicator: figures by year, when the table was updated, the
    table's address in the mapping (``url``) and the address or file actually read."""

    url: str
    updated: str | None
    figures: tuple[Figure, ...]
    read_from: str = ""


def fetch_series(
    mapping: ImportMapping,
    decimals: int | None,
    described: dict[str, dict[str, Variable]] | None = None,
    service: Service | None = None,
) -> Series:
    """The indicator's figures from its table; raises SourceError.

    ``described`` keeps the tables' variables by address across calls, so that a table two
    indicators read is described once (Statistics Finland limits requests per 10 seconds).
    """
    service = service or Service()
    url = mapping.table
    shown = service.address(url)
    if described is None:
        described = {}
    if url not in described:
        described[url] = service.variables(url)
    variables = described[url]
    codes = _resolve(mapping, variables, shown)
    query = build_query(mapping, codes)
    dataset = decoded(shown, service.query(url, query))
    figures = tuple(_figures(mapping, codes, dataset, shown, decimals))
    return Series(url, dataset.updated, figures, shown)


def table_variables(url: str) -> dict[str, Variable]:
    """The table's variables by code (GET on the table address)."""
    return _variables(get_json(url), url)


def _variables(meta: Any, url: str) -> dict[str, Variable]:
    raw = meta.get("variables") if isinstance(meta, dict) else None
    if not isinstance(raw, list):
        raise SourceError(url, "the table description has no 'variables' list")
    variables: dict[str, Variable] = {}
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            raise SourceError(url, "a variable in the table description has no code")
        values = item.get("values")
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise SourceError(url, f"the variable '{item['code']}' lists no value codes")
        variables[item["code"]] = Variable(item["code"], str(item.get("text", "")), tuple(values))
    return variables


def build_query(mapping: ImportMapping, codes: dict[str, str]) -> dict[str, Any]:
    """The POST body: every year, one code per pinned variable, the value's code(s).

    ``codes`` maps each selection's variable as written in the mapping to the table's code.
    """
    query: list[dict[str, Any]] = [
        {"code": mapping.time, "selection": {"filter": "all", "values": ["*"]}}
    ]
    query.extend(_item(codes[s.variable], [s.code]) for s in mapping.selections)
    wanted = [mapping.value.code]
    if mapping.ratio is not None:
        wanted.append(mapping.ratio.whole.code)
    query.append(_item(codes[mapping.value.variable], wanted))
    return {"query": query, "response": {"format": "json-stat2"}}


def _item(code: str, values: list[str]) -> dict[str, Any]:
    return {"code": code, "selection": {"filter": "item", "values": values}}


def _resolve(mapping: ImportMapping, variables: dict[str, Variable], url: str) -> dict[str, str]:
    """Each selection's table variable code; checks that the asked value codes exist."""
    if mapping.time not in variables:
        raise SourceError(
            url, f"the table has no year variable '{mapping.time}' (it has {_names(variables)})"
        )
    codes: dict[str, str] = {}
    selections = [*mapping.selections, mapping.value]
    if mapping.ratio is not None:
        selections.append(mapping.ratio.whole)
    for selection in selections:
        code = variable_code(selection, variables, url)
        codes[selection.variable] = code
        if selection.code not in variables[code].values:
            raise SourceError(
                url,
                f"missing category: the variable '{code}' has no code '{selection.code}'",
            )
    return codes


def variable_code(selection: PxSelection, variables: dict[str, Variable], url: str) -> str:
    if selection.match == "exact":
        if selection.variable in variables:
            return selection.variable
        raise SourceError(
            url,
            f"the table has no variable '{selection.variable}' (it has {_names(variables)})",
        )
    found = [code for code in variables if code.startswith(selection.variable)]
    if len(found) != 1:
        what = "no variable" if not found else f"{len(found)} variables"
        raise SourceError(
            url,
            f"{what} starting with '{selection.variable}' (the table has {_names(variables)})",
        )
    return found[0]


def _names(variables: dict[str, Variable]) -> str:
    return ", ".join(variables) or "none"


def decoded(url: str, document: Any) -> Dataset:
    try:
        return decode(document)
    except JsonStatError as exc:
        raise SourceError(url, f"malformed JSON-stat answer: {exc}") from None


def _figures(
    mapping: ImportMapping,
    codes: dict[str, str],
    dataset: Dataset,
    url: str,
    decimals: int | None,
) -> list[Figure]:
    time = dataset.dimension(mapping.time)
    expected = {mapping.time, *codes.values()}
    found = {d.id for d in dataset.dimensions}
    if time is None or found != expected:
        extra = sorted(found - expected)
        missing = sorted(expected - found)
        raise SourceError(
            url,
            "changed table shape: the answer has dimensions "
            f"{', '.join(sorted(found))}"
            + (f"; unexpected: {', '.join(extra)}" if extra else "")
            + (f"; missing: {', '.join(missing)}" if missing else ""),
        )
    pinned = {codes[s.variable]: s.code for s in mapping.selections}
    for dimension in dataset.dimensions:
        want = pinned.get(dimension.id)
        if want is not None and dimension.codes != (want,):
            raise SourceError(
                url,
                f"changed table shape: dimension '{dimension.id}' answers "
                f"{', '.join(dimension.codes) or 'nothing'} instead of {want}",
            )
    value_dimension = codes[mapping.value.variable]
    value_codes = next(d.codes for d in dataset.dimensions if d.id == value_dimension)
    whole_code = mapping.ratio.whole.code if mapping.ratio is not None else None
    for code in (mapping.value.code, whole_code):
        if code is not None and code not in value_codes:
            raise SourceError(
                url, f"missing category: the answer has no '{code}' in '{value_dimension}'"
            )
    figures: list[Figure] = []
    for year_code in time.codes:
        year = year_of(year_code, url)
        if mapping.since is not None and year < mapping.since:
            continue
        where = {**pinned, mapping.time: year_code, value_dimension: mapping.value.code}
        part, part_status = dataset.cell(where)
        if part is None:
            continue  # not published (yet): a missing cell, '..' in the table
        statuses = [part_status]
        number = part
        if whole_code is not None:
            whole, whole_status = dataset.cell({**where, value_dimension: whole_code})
            if whole is None or whole == 0:
                continue
            statuses.append(whole_status)
            number = _EXACT.multiply(_EXACT.divide(number, whole), Decimal(100))
        final = mapping.final_status is not None and all(
            s == mapping.final_status for s in statuses
        )
        try:
            text = format_number(number, decimals)
        except NumberTextError as exc:
            raise SourceError(url, f"the figure of {year} cannot be recorded: {exc}") from None
        figures.append(Figure(year, text, final))
    return figures


def year_of(code: str, url: str) -> int:
    if not (code.isascii() and code.isdigit() and len(code) == 4):
        raise SourceError(url, f"changed table shape: the time code '{code[:40]}' is not a year")
    year = int(code)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise SourceError(url, f"the time code {code} is outside {MIN_YEAR}-{MAX_YEAR}")
    return year


def format_number(number: Decimal, decimals: int | None) -> str:
    """The number as written in a data file (``numbers.number_text``): rounded half-up to
    ``decimals`` when given, else as exact as a value keeps. Raises NumberTextError."""
    if decimals is not None:
        rounded = number.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP, _EXACT)
        return number_text(f"{rounded:f}")
    if number == number.to_integral_value():
        return number_text(f"{number.to_integral_value():f}")
    return number_text(repr(float(number)))
