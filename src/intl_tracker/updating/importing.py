"""``intl-tracker import``: fetch the mapped indicators' tables and record what changed.

Every table is fetched and decoded before anything is written, so a network failure,
an HTTP error or an unexpected answer leaves every file as it was. New or changed
figures then go through the same writer as ``record`` (all files at once, locked,
validated in memory, written atomically). A figure is recorded as provisional unless the
source marks it final (the mapping's ``final_status``); a figure equal to the file's value
changes nothing, except that a figure the source marks final makes a provisional value
final, and that an estimated value the source publishes becomes the source's figure
(provisional or final, with the source's note).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from intl_tracker.core.errors import InvalidDataError, Severity, UsageError
from intl_tracker.core.i18n import translator
from intl_tracker.core.text_safety import visible, visible_block
from intl_tracker.dataset.loading import load_data_set
from intl_tracker.dataset.models import Indicator, Observation, ValueStatus
from intl_tracker.presentation.wording import VALUE_FLAGS
from intl_tracker.updating.pxweb import Figure, Series, Variable, fetch_series
from intl_tracker.updating.recording import (
    FileEdit,
    NewValue,
    indicator_path,
    plain_number,
    record_values,
)


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One recorded year: the file's value before (None: a new year) and the new one."""

    indicator: str
    year: int
    old: Observation | None
    new: NewValue


@dataclass(frozen=True, slots=True)
class ImportResult:
    rows: tuple[ImportRow, ...]
    edits: tuple[FileEdit, ...]
    fetched: tuple[str, ...]  # the indicators whose tables were read


def run_import(data_dir: Path, ids: Sequence[str], *, dry_run: bool = False) -> ImportResult:
    """Import the given indicators (default: every one with an ``import:`` mapping).

    Raises InvalidDataError (the data set is invalid), UsageError (an unknown id, or one
    without a mapping), pxweb.SourceError (a table could not be read; nothing is written)
    and the writer's errors (see ``recording.record_values``).
    """
    indicators = _selected(data_dir, ids)
    described: dict[str, dict[str, Variable]] = {}
    # all network work before any write
    series = {i.id: _fetch(i, described) for i in indicators}
    plans: dict[Path, list[NewValue]] = {}
    rows: list[ImportRow] = []
    for indicator in indicators:
        for figure in series[indicator.id].figures:
            old = indicator.values.get(figure.year)
            new = _new_value(figure, old, series[indicator.id])
            if new is None:
                continue
            plans.setdefault(indicator_path(data_dir, indicator.id), []).append(new)
            rows.append(ImportRow(indicator.id, figure.year, old, new))
    edits = record_values(plans, replace=True, dry_run=dry_run) if plans else []
    return ImportResult(tuple(rows), tuple(edits), tuple(i.id for i in indicators))


def _selected(data_dir: Path, ids: Sequence[str]) -> list[Indicator]:
    result = load_data_set(data_dir)
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    if errors or result.catalog is None:
        raise InvalidDataError(errors)
    catalog = result.catalog
    mapped = [i for i in catalog.indicators if i.import_ is not None]
    if not ids:
        return mapped
    known = [i.id for i in catalog.indicators]
    chosen: list[Indicator] = []
    for indicator_id in dict.fromkeys(ids):
        found = catalog.indicator(indicator_id)
        if found is None:
            close = difflib.get_close_matches(indicator_id, known, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            raise UsageError(f"no indicator '{indicator_id}'{hint}")
        if found.import_ is None:
            with_mapping = ", ".join(i.id for i in mapped) or "none"
            raise UsageError(
                f"'{indicator_id}' has no import mapping (indicators with one: {with_mapping})"
            )
        chosen.append(found)
    return chosen


def _fetch(indicator: Indicator, described: dict[str, dict[str, Variable]]) -> Series:
    assert indicator.import_ is not None
    return fetch_series(indicator.import_, indicator.decimals, described)


def _new_value(figure: Figure, old: Observation | None, series: Series) -> NewValue | None:
    """What to record for a figure, or None when the file already says it."""
    status: ValueStatus = "final" if figure.final else "provisional"
    if old is not None and old.value == float(figure.value):
        if old.status == "estimated":
            # the source publishes the estimated figure: the estimate's arithmetic gives
            # way to the source, as provisional or final as the source says
            return NewValue(figure.year, figure.value, status, source_note(series))
        if old.status != "final" and figure.final:
            # the source confirms a provisional figure, which keeps its note
            return NewValue(figure.year, figure.value, "final")
        return None
    return NewValue(figure.year, figure.value, status, source_note(series))


def source_note(series: Series) -> str:
    """The note written with an imported figure: the table and its update time."""
    updated = f" (table updated {series.updated})" if series.updated else ""
    return f"Imported from {series.url}{updated}."


def render_import(result: ImportResult, out: TextIO, *, dry_run: bool, lang: str = "en") -> None:
    """The changes as a plain table (indicator, year, old value, new value, flag) in
    ``lang``, then with ``dry_run`` the unified diff of each file."""
    t = translator(lang)
    if not result.rows:
        said = t.gettext("No changes: the {count} indicators read are up to date.")
        out.write(said.format(count=len(result.fetched)) + "\n")
        return
    header = (
        t.gettext("Indicator"),
        t.gettext("Year"),
        t.gettext("Old value"),
        t.gettext("New value"),
        t.gettext("Flag"),
    )
    rows = [
        tuple(
            visible(cell)
            for cell in (
                row.indicator,
                str(row.year),
                "-" if row.old is None else plain_number(row.old.value),
                row.new.value,
                t.gettext(VALUE_FLAGS[row.new.status]),
            )
        )
        for row in result.rows
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for line in [header, *rows]:
        cells = [
            cell.rjust(width) if 1 <= i <= 3 else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        out.write("  ".join(cells).rstrip() + "\n")
    if dry_run:
        said = t.gettext("Values that would change: {count}")
    else:
        said = t.gettext("Values changed: {count}")
    out.write("\n" + said.format(count=len(rows)) + "\n")
    if dry_run:
        for edit in result.edits:
            out.write("\n" + visible_block(edit.diff()))
