"""Fetch one indicator's yearly series from a PxWeb API v1 table (Statistics Finland).

Two requests per table, as the API is designed: GET the table's address for its variables
(their codes and value codes), then POST a query with ``"response": {"format":
"json-stat2"}``. Variable codes are resolved first, so a selection can match a code by its
start (Statistics Finland's area variable carries its classification date,
``alue_23_20260101``, and changes with the next classification). The answer is checked
against what was asked: the same dimensions, one category for each pinned one, the asked
codes present, years as the time codes. Any difference stops the import with a
``SourceError`` naming the address and the reason.

HTTP is the standard library's ``urllib``: two requests per table need no client library.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from intl_tracker import __version__
from intl_tracker.core.errors import ExitCode, IntlTrackerError
from intl_tracker.dataset.models import ImportMapping, PxSelection
from intl_tracker.updating.jsonstat import Dataset, JsonStatError, decode

TIMEOUT = 30.0  # seconds per request
MAX_BYTES = 20_000_000  # an answer larger than this is refused
USER_AGENT = f"intl-tracker/{__version__}"


class SourceError(IntlTrackerError):
    """The source could not be read or did not answer as expected (exit 1, nothing written)."""

    exit_code = ExitCode.INVALID_DATA

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


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
    """What a table gave for an indicator: figures by year, and when the table was updated."""

    url: str
    updated: str | None
    figures: tuple[Figure, ...]


def fetch_series(
    mapping: ImportMapping,
    decimals: int | None,
    described: dict[str, dict[str, Variable]] | None = None,
) -> Series:
    """The indicator's figures from its table; raises SourceError.

    ``described`` keeps the tables' variables by address across calls, so that a table two
    indicators read is described once (Statistics Finland limits requests per 10 seconds).
    """
    url = mapping.table
    if described is None:
        described = {}
    if url not in described:
        described[url] = table_variables(url)
    variables = described[url]
    codes = _resolve(mapping, variables, url)
    query = build_query(mapping, codes)
    dataset = _decoded(url, post_json(url, query))
    return Series(url, dataset.updated, tuple(_figures(mapping, codes, dataset, url, decimals)))


def table_variables(url: str) -> dict[str, Variable]:
    """The table's variables by code (GET on the table address)."""
    meta = get_json(url)
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
        code = _variable_code(selection, variables, url)
        codes[selection.variable] = code
        if selection.code not in variables[code].values:
            raise SourceError(
                url,
                f"missing category: the variable '{code}' has no code '{selection.code}'",
            )
    return codes


def _variable_code(selection: PxSelection, variables: dict[str, Variable], url: str) -> str:
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


def _decoded(url: str, document: Any) -> Dataset:
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
        if not (year_code.isascii() and year_code.isdigit() and len(year_code) == 4):
            raise SourceError(
                url, f"changed table shape: the time code '{year_code}' is not a year"
            )
        year = int(year_code)
        if mapping.since is not None and year < mapping.since:
            continue
        where = {**pinned, mapping.time: year_code, value_dimension: mapping.value.code}
        part, part_status = dataset.cell(where)
        if part is None:
            continue  # not published (yet): a missing cell, '..' in the table
        statuses = [part_status]
        number = Decimal(repr(part))
        if whole_code is not None:
            whole, whole_status = dataset.cell({**where, value_dimension: whole_code})
            if whole is None or whole == 0:
                continue
            statuses.append(whole_status)
            number = number / Decimal(repr(whole)) * 100
        final = mapping.final_status is not None and all(
            s == mapping.final_status for s in statuses
        )
        figures.append(Figure(year, format_number(number, decimals), final))
    return figures


def format_number(number: Decimal, decimals: int | None) -> str:
    """The number as written in a data file: rounded half-up to ``decimals`` (when given),
    without exponent or trailing ``.0`` for whole counts."""
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        return f"{number:f}"
    if number == number.to_integral_value():
        return f"{number.to_integral_value():f}"
    return repr(float(number))


# --- HTTP ------------------------------------------------------------------------------


def get_json(url: str) -> Any:
    """GET ``url`` and parse its JSON answer; raises SourceError."""
    return _request(url, None)


def post_json(url: str, payload: dict[str, Any]) -> Any:
    """POST ``payload`` as JSON to ``url`` and parse the answer; raises SourceError."""
    return _request(url, json.dumps(payload).encode("utf-8"))


def _request(url: str, body: bytes | None) -> Any:
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            raw = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        exc.close()
        raise SourceError(url, _http_reason(exc)) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise SourceError(url, f"no answer within {TIMEOUT:g} s") from None
        raise SourceError(url, f"cannot connect ({reason})") from None
    except TimeoutError:
        raise SourceError(url, f"no answer within {TIMEOUT:g} s") from None
    except (OSError, http.client.HTTPException) as exc:
        raise SourceError(url, f"the connection failed ({exc.__class__.__name__}: {exc})") from None
    if len(raw) > MAX_BYTES:
        raise SourceError(url, f"the answer is larger than {MAX_BYTES:,} bytes")
    try:
        # PxWeb starts its JSON with a byte-order mark.
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(url, f"the answer is not JSON ({exc})") from None


def _http_reason(exc: urllib.error.HTTPError) -> str:
    reason = f"HTTP {exc.code} {exc.reason}"
    if exc.code == 429:
        retry = exc.headers.get("Retry-After") if exc.headers else None
        reason += "; the service limits how often it may be asked" + (
            f", try again after {retry} s" if retry else ", try again in a minute"
        )
    elif exc.code == 404:
        reason += "; the table address is wrong or the table was renamed"
    elif exc.code == 400:
        reason += "; the service refused the query (a variable or code may have changed)"
    elif exc.code >= 500:
        reason += "; the service failed, try again later"
    return reason
