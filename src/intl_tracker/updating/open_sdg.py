"""``intl-tracker import-open-sdg``: an Open SDG data folder's headline series as indicator files.

The reverse of ``render.open_sdg``. For each ``data/indicator_<id>.csv`` of the folder:

- the header must name ``Year`` and ``Value`` once each, with no empty or repeated column;
  ``OBS_STATUS`` (SDMX ``A``/``P``/``E``) and ``COMMENT_OBS`` are read as the value's status
  and note, ``Units`` and ``Series`` must hold one value over the headline rows, and every
  other column is a disaggregation: a row with any of them filled is not the headline and is
  left out (breakdowns are not imported yet);
- ``Year`` is an integer year, ``Value`` a finite number (an empty ``Value`` is a missing
  value and skipped); a year twice in the headline is a problem;
- ``indicator-config/<id>.yml`` gives the name (``indicator_name``, HTML entities read back)
  and, when the folder was written by ``intl-tracker export``, the goal, unit, direction,
  decimals and SDG codes (``intl_tracker_*``); for another folder ``--goal``, ``--unit`` and
  ``--direction`` give them, and the SDG codes come from ``SDG 11.6`` tags or from the id of
  a global indicator (``11-6-2``). The config is read as strictly as the data set's YAML
  (``dataset.yaml_strict``: no alias bomb), and no file is read through a link leading out
  of the folder.

Every finding is a :class:`~intl_tracker.core.errors.Problem` at ``file:line:col``; when there
is any, nothing is written (``InvalidDataError``, exit 1). The files are then created in the
target folder, never over an existing file (a file that exists is a problem too). A note
that ``export`` guarded with a quote (OWASP: ``'=...``) gets its text back.
"""

from __future__ import annotations

import csv
import html
import io
import math
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from intl_tracker.core.errors import InvalidDataError, Problem, UsageError, unwritable
from intl_tracker.dataset.models import MAX_YEAR, MIN_YEAR, Indicator
from intl_tracker.dataset.sdg import UNKNOWN_SDG, known_codes, suggestion
from intl_tracker.dataset.yaml_strict import parse_yaml

DATA_PATTERN = re.compile(r"^indicator_([a-z0-9]+(?:-[a-z0-9]+)*)\.csv$")
VALUE_STATUS = {"A": "final", "P": "provisional", "E": "estimated", "": "final"}
ATTRIBUTES = ("OBS_STATUS", "COMMENT_OBS")
SINGLE = ("Units", "Series")
_GUARDED = re.compile(r"^'[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]")


@dataclass(frozen=True, slots=True)
class ImportDefaults:
    """What a foreign folder's files do not say (``--goal``, ``--unit``, ``--direction``)."""

    goal: str | None = None
    unit: str | None = None
    direction: str | None = None
    lang: str = "en"


@dataclass
class _Series:
    id: str
    file: str
    values: dict[int, dict[str, Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    left_out: int = 0  # rows by a disaggregation
    breakdowns: list[str] = field(default_factory=list)  # the disaggregation columns

    def _problem(self, line: int, column: int, code: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, column, code, message))


def _header(series: _Series, header: list[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for at, name in enumerate(header, start=1):
        if not name.strip():
            series._problem(1, at, "open-sdg-column", "a column without a name")
        elif name in columns:
            series._problem(1, at, "open-sdg-column", f"the column {name!r} appears twice")
        columns[name] = at
    for needed in ("Year", "Value"):
        if needed not in columns:
            series._problem(1, 1, "open-sdg-column", f"no {needed!r} column (Open SDG needs it)")
    return None if series.problems else columns


#: A number as a CSV file means it (ASCII digits, a decimal point, an exponent): Python's
#: ``float`` also reads ``1_000``, ``nan`` and digits of other scripts (``١٢``), which no
#: spreadsheet writes.
NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
YEAR = re.compile(r"\d{4}", re.ASCII)


def _cell_number(series: _Series, text: str, where: tuple[int, int], year: bool) -> float | None:
    pattern, what = (YEAR, "a year (four digits)") if year else (NUMBER, "a number")
    number = float(text) if pattern.fullmatch(text) else math.nan
    if not math.isfinite(number):
        hint = ""
        if not year and re.fullmatch(r"[+-]?\d+,\d+", text):
            hint = " (a decimal comma: write the value with a decimal point, 1.5)"
        series._problem(where[0], where[1], "open-sdg-cell", f"{text!r} is not {what}{hint}")
        return None
    if year and not MIN_YEAR <= number <= MAX_YEAR:
        series._problem(
            where[0], where[1], "open-sdg-cell", f"{text} is outside {MIN_YEAR}-{MAX_YEAR}"
        )
        return None
    return number


def _row(series: _Series, columns: dict[str, int], cells: list[str], line: int) -> None:
    def cell(name: str) -> str:
        return cells[columns[name] - 1].strip() if name in columns else ""

    year = _cell_number(series, cell("Year"), (line, columns["Year"]), True)
    value = cell("Value")
    number = _cell_number(series, value, (line, columns["Value"]), False) if value else None
    status = cell("OBS_STATUS")
    if status not in VALUE_STATUS:
        message = f"OBS_STATUS {status!r} is not A, P or E"
        series._problem(line, columns["OBS_STATUS"], "open-sdg-cell", message)
        return
    if year is None or number is None:
        return
    if int(year) in series.values:
        series._problem(line, columns["Year"], "open-sdg-cell", f"the year {int(year)} twice")
        return
    entry: dict[str, Any] = {"value": int(number) if number.is_integer() else number}
    if VALUE_STATUS[status] != "final":
        entry["status"] = VALUE_STATUS[status]
    note = cell("COMMENT_OBS")
    if note:
        entry["note"] = note[1:] if _GUARDED.match(note) else note
    series.values[int(year)] = entry


#: The largest file read (an Open SDG data file of a city is kilobytes).
MAX_FILE_BYTES = 20_000_000


def read_inside(folder: Path, path: Path) -> str:
    """The text of ``path``, a file of ``folder``. Raises ValueError (the problem in words)
    for a link leading out of the folder, anything but a regular file (a FIFO would never
    end), a file over :data:`MAX_FILE_BYTES` or text that is not UTF-8."""
    real, inside = path.resolve(), folder.resolve()
    if path.is_symlink() and inside not in real.parents:
        raise ValueError("a link to a file outside the folder; not read")
    if not real.is_file():
        raise ValueError("not a regular file; not read")
    if real.stat().st_size > MAX_FILE_BYTES:
        raise ValueError(f"larger than {MAX_FILE_BYTES:,} bytes; not read")
    try:
        return real.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start})") from exc


def read_series(folder: Path, path: Path, shown: str) -> _Series:
    """The headline series of one Open SDG data file of ``folder``, with its problems."""
    match = DATA_PATTERN.match(path.name)
    assert match is not None
    series = _Series(match.group(1), shown)
    try:
        text = read_inside(folder, path)
    except (ValueError, OSError) as exc:
        series._problem(0, 0, "open-sdg-file", str(exc))
        return series
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    seen: dict[str, set[str]] = {}
    columns: dict[str, int] | None = None
    try:
        columns = _header(series, next(reader, []))
        if columns is None:
            return series
        breakdowns = [c for c in columns if c not in ("Year", "Value", *ATTRIBUTES, *SINGLE)]
        series.breakdowns = breakdowns
        seen = {name: set() for name in SINGLE if name in columns}
        for cells in reader:
            line = reader.line_num
            if len(cells) != len(columns):
                series._problem(line, 1, "open-sdg-row", f"{len(cells)} cells, not {len(columns)}")
            elif any(cells[columns[b] - 1].strip() for b in breakdowns):
                series.left_out += 1
            else:
                for name, values in seen.items():
                    values.add(cells[columns[name] - 1])
                _row(series, columns, cells, line)
    except csv.Error as exc:
        series._problem(reader.line_num, 1, "open-sdg-row", f"malformed CSV: {exc}")
    for name, values in seen.items():
        if len(values) > 1 and columns is not None:
            series._problem(1, columns[name], "open-sdg-column", f"several {name} in the headline")
    return series


def _config(folder: Path, indicator_id: str, series: _Series) -> dict[str, Any]:
    """The indicator's config, read as strictly as the data set's own YAML (no alias bomb,
    no YAML 1.1 surprises: ``dataset.yaml_strict``)."""
    shown = _config_path(indicator_id)
    path = folder / shown
    if not os.path.lexists(path):
        return {}
    try:
        parsed = parse_yaml(read_inside(folder, path))
    except (ValueError, OSError) as exc:
        series.problems.append(Problem(shown, 0, 0, "open-sdg-file", str(exc)))
        return {}
    for issue in parsed.issues:
        line, column = issue.mark.line, issue.mark.column
        series.problems.append(Problem(shown, line, column, "open-sdg-config", issue.message))
    document = parsed.data
    return document if isinstance(document, dict) and not parsed.issues else {}


def _indicator(series: _Series, config: dict[str, Any], defaults: ImportDefaults) -> Any:
    """The indicator file's content (a dict in the data file's field order), or None."""
    own = {f: config.get(f"intl_tracker_{f}") for f in ("goal", "unit", "direction", "decimals")}
    given = {"goal": defaults.goal, "unit": defaults.unit, "direction": defaults.direction}
    fields = {f: own[f] if own[f] is not None else given[f] for f in given}
    for name, value in fields.items():
        if value is None:
            series._problem(0, 0, "open-sdg-missing", f"no {name}: give --{name}")
    if series.problems:
        return None
    config_name = config.get("indicator_name")
    name = (
        html.unescape(config_name)
        if isinstance(config_name, str) and config_name.strip()
        else series.id
    )
    document: dict[str, Any] = {"id": series.id, "name": {defaults.lang: name}}
    document |= fields
    if own["decimals"] is not None:
        document["decimals"] = own["decimals"]
    if codes := _sdg_codes(series, config):
        document["sdg"] = codes
    document["values"] = {
        year: entry["value"] if len(entry) == 1 else entry
        for year, entry in sorted(series.values.items())
    }
    try:
        Indicator.model_validate(document)
    except ValidationError as exc:
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"])
            series._problem(0, 0, "open-sdg-invalid", f"{where}: {error['msg']}")
        return None
    return document


def _sdg_codes(series: _Series, config: dict[str, Any]) -> list[str]:
    """The SDG codes of the crosswalk: ``intl_tracker_sdg`` (written by ``export``), else the
    ``SDG 11.6`` tags, else the id of an Open SDG indicator that is a global one (``11-6-2``
    is SDG 11.6.2, as sdg-build reads an id). A code not in the official list is a problem."""
    own, tags = config.get("intl_tracker_sdg"), config.get("tags")
    if isinstance(own, list):
        codes = [str(code) for code in own]
    elif isinstance(tags, list):
        codes = [t.removeprefix("SDG ") for t in map(str, tags) if t.startswith("SDG ")]
    else:
        as_code = series.id.replace("-", ".")
        codes = [as_code] if as_code in known_codes() and not config.get("standalone") else []
    for code in codes:
        if code not in known_codes():
            message = f"unknown SDG code '{code}'" + suggestion(code)
            series.problems.append(Problem(_config_path(series.id), 0, 0, UNKNOWN_SDG, message))
    return list(dict.fromkeys(codes))


def _config_path(indicator_id: str) -> str:
    return f"indicator-config/{indicator_id}.yml"


def _data_files(folder: Path, notes: list[str]) -> Iterator[Path]:
    data = folder / "data"
    if not data.is_dir():
        raise UsageError(f"'{folder}' is not an Open SDG data folder (it has no data/ folder)")
    files = sorted(data.iterdir())
    notes.extend(
        f"data/{p.name}: left out (not named indicator_<id>.csv)"
        for p in files
        if not DATA_PATTERN.match(p.name)
    )
    chosen = [p for p in files if DATA_PATTERN.match(p.name)]
    if not chosen:
        raise UsageError(f"'{data}' holds no indicator_<id>.csv file")
    yield from chosen


def _left_out(series: _Series) -> str | None:
    if not series.left_out:
        return None
    return (
        f"{series.file}: left out {series.left_out} rows by {', '.join(series.breakdowns)} "
        "(only the headline series is imported)"
    )


def plan_import(
    folder: Path, target: Path, defaults: ImportDefaults, notes: list[str] | None = None
) -> dict[Path, str]:
    """The indicator files to write (path: YAML text); ``notes`` gets a line per file or
    rows left out (by a disaggregation, or a file not named ``indicator_<id>.csv``).
    Raises InvalidDataError listing every problem, UsageError for a folder that is not an
    Open SDG data folder."""
    problems: list[Problem] = []
    planned: dict[Path, str] = {}
    notes = [] if notes is None else notes
    for path in _data_files(folder, notes):
        series = read_series(folder, path, f"data/{path.name}")
        if (note := _left_out(series)) is not None:
            notes.append(note)
        document = _indicator(series, _config(folder, series.id, series), defaults)
        out = target / f"{series.id}.yaml"
        if os.path.lexists(out):
            series._problem(0, 0, "open-sdg-exists", f"'{out}' exists already; nothing replaced")
        problems += series.problems
        if document is not None:
            planned[out] = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
    if problems:
        raise InvalidDataError(
            problems, f"{len(problems)} problem(s) in '{folder}'; nothing written"
        )
    return planned


def write_new_files(files: dict[Path, str]) -> None:
    """Create every file of ``files``, none over an existing one; all or none. Raises
    OutputUnwritableError."""
    made: list[Path] = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".import-")
            try:
                with os.fdopen(descriptor, "w", encoding="utf-8") as f:
                    f.write(text)
                os.chmod(temporary, 0o644)
                os.link(temporary, path)  # fails when the file exists: never replaces it
                made.append(path)
            finally:
                os.unlink(temporary)
    except OSError as exc:
        for path in made:
            path.unlink(missing_ok=True)
        raise unwritable(exc.filename or "", exc) from exc
