"""``intl-tracker import``: fetch the mapped indicators' tables and record what changed.

Every table is fetched and decoded before anything is written, so a network failure,
an HTTP error or an unexpected answer leaves every file as it was. New or changed
figures then go through the same writers as ``record`` and ``record --by`` (all files at
once, indicator files and breakdown files, locked, validated in memory, written
atomically). Values by category come from the mapping's ``breakdowns:``
(``breakdown_import``) and follow the same rules as the headline's.

A figure is recorded as provisional unless the source marks it final (the mapping's
``final_status``); a figure equal to the file's value changes nothing, except that a figure
the source marks final makes a provisional value final, and that an estimated value the
source publishes becomes the source's figure (provisional or final, with the source's note).

No silent change of meaning: a figure that would turn a final value provisional, or
replace a value whose note would go, is **held back** (listed, not written) unless
``replace`` is given; then the table says ``final → provisional`` and the notes that go
are printed.
"""

from __future__ import annotations

import contextlib
import difflib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import TextIO

from intl_tracker.core.errors import InvalidDataError, Severity, UsageError
from intl_tracker.core.i18n import translator
from intl_tracker.core.text_safety import visible, visible_block
from intl_tracker.core.text_width import cell_width, pad
from intl_tracker.dataset.breakdowns import breakdown_table
from intl_tracker.dataset.loading import load_data_set, raised_codes_in
from intl_tracker.dataset.models import (
    Catalog,
    Dimension,
    Indicator,
    Localizable,
    Observation,
    ValueStatus,
    localize,
)
from intl_tracker.presentation.breakdown_view import category_name
from intl_tracker.presentation.number_format import display_decimals, format_number
from intl_tracker.presentation.wording import value_flag
from intl_tracker.updating.breakdown_import import (
    BreakdownSeries,
    check_overlap,
    fetch_breakdown,
)
from intl_tracker.updating.breakdown_recording import Cell, plan_cells
from intl_tracker.updating.locks import locked
from intl_tracker.updating.pxweb import Figure, Series, Service, Variable, fetch_series
from intl_tracker.updating.recording import (
    FileEdit,
    NewValue,
    check_arguments,
    indicator_path,
    note_after,
    plan_file,
)
from intl_tracker.updating.writing import commit, create


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One year: the file's value before (None: a new year) and the new one; ``held`` when
    it is not written because it would change the value's meaning (see the docstring)."""

    indicator: Indicator
    year: int
    old: Observation | None
    new: NewValue
    held: bool = False
    # the category of a value by category ((dimension id, category code) pairs); () headline
    category: tuple[tuple[str, str], ...] = ()

    @property
    def downgrade(self) -> bool:
        """A final value would become provisional or estimated."""
        return (
            self.old is not None
            and self.old.status == "final"
            and self.new.written_status != "final"
        )

    @property
    def dropped_note(self) -> Localizable | None:
        """The file's note of that year that the new value would remove or replace."""
        if self.old is None or self.old.note is None:
            return None
        return None if note_after(self.old, self.new) == self.old.note else self.old.note


@dataclass(frozen=True, slots=True)
class ImportResult:
    rows: tuple[ImportRow, ...]
    edits: tuple[FileEdit, ...]
    fetched: tuple[str, ...]  # the indicators whose tables were read
    # cells of the breakdown tables left empty by the source: '..' (not available) and '.'
    # (logically impossible); neither is written
    not_available: int = 0
    impossible: int = 0
    dimensions: Mapping[str, Dimension] | None = None  # for the categories' names

    @property
    def written(self) -> tuple[ImportRow, ...]:
        return tuple(r for r in self.rows if not r.held)

    @property
    def held(self) -> tuple[ImportRow, ...]:
        return tuple(r for r in self.rows if r.held)


def run_import(
    data_dir: Path,
    ids: Sequence[str],
    *,
    dry_run: bool = False,
    replace: bool = False,
    service: Service | None = None,
) -> ImportResult:
    """Import the given indicators (default: every one with an ``import:`` mapping): the
    headline from the mapping, the values by category from its ``breakdowns:``.

    ``replace`` writes the figures that would change a value's meaning (see the module
    docstring); without it they are returned as held rows. ``service`` says where tables are
    read (default: the mappings' own addresses). Raises InvalidDataError (the data set is
    invalid), UsageError (an unknown id, or one without a mapping), fetching.SourceError (a
    table could not be read; nothing is written) and the writer's errors (see
    ``recording.record_values``).
    """
    catalog, indicators = _selected(data_dir, ids)
    service = service or Service()
    described: dict[str, dict[str, Variable]] = {}
    # all network work before any write
    series = {
        i.id: fetch_series(i.import_, i.decimals, described, service)
        for i in indicators
        if i.import_ is not None  # _selected returns mapped indicators only
    }
    by_category = {
        i.id: [
            fetch_breakdown(m, i.decimals, _declared(i), described, service)
            for m in i.import_.breakdowns
        ]
        for i in indicators
        if i.import_ is not None
    }
    for indicator_id, tables in by_category.items():
        check_overlap(indicator_id, tables)
    plan = _Plan(data_dir, replace, {d.id: d for d in catalog.dimensions})
    for indicator in indicators:
        headline = series[indicator.id]
        for figure in headline.figures:
            plan.add(indicator, figure, indicator.values.get(figure.year), headline)
        old_cells = _old_cells(catalog, indicator)
        for table in by_category[indicator.id]:
            for cell in table.figures:
                figure = Figure(cell.year, cell.value, cell.final)
                old = old_cells.get((frozenset(cell.codes), cell.year))
                plan.add(indicator, figure, old, table, cell.codes)
    plans, cells, rows, dimensions = plan.plans, plan.cells, plan.rows, plan.dimensions
    edits = _write(plans, cells, dry_run=dry_run) if plans or cells else []
    tables = [t for found in by_category.values() for t in found]
    return ImportResult(
        tuple(rows),
        tuple(edits),
        tuple(i.id for i in indicators),
        sum(t.not_available for t in tables),
        sum(t.impossible for t in tables),
        dimensions,
    )


@dataclass
class _Plan:
    """What an import writes: new values by indicator file (``plans``) and by breakdown file
    (``cells``), and the table's rows (held back ones too)."""

    data_dir: Path
    replace: bool
    dimensions: dict[str, Dimension]
    plans: dict[Path, list[NewValue]] = field(default_factory=dict)
    cells: dict[Path, list[tuple[Cell, NewValue]]] = field(default_factory=dict)
    rows: list[ImportRow] = field(default_factory=list)

    def add(
        self,
        indicator: Indicator,
        figure: Figure,
        old: Observation | None,
        series: Series | BreakdownSeries,
        category: tuple[tuple[str, str], ...] = (),
    ) -> None:
        """A figure (of the headline, or of ``category``) over the file's ``old`` value: a
        row when it changes something, held back when it would change a value's meaning
        (without ``replace``), else planned."""
        new = _new_value(figure, old, series)
        if new is None:
            return
        row = ImportRow(indicator, figure.year, old, new, category=category)
        if (row.downgrade or row.dropped_note is not None) and not self.replace:
            self.rows.append(replace(row, held=True))
            return
        self.rows.append(row)
        path = indicator_path(self.data_dir, indicator.id)
        if not category:
            self.plans.setdefault(path, []).append(new)
            return
        cell = _cell(indicator, category, self.dimensions)
        self.cells.setdefault(path.with_suffix(".csv"), []).append((cell, new))


def _declared(indicator: Indicator) -> set[frozenset[str]]:
    return {frozenset(b.by) for b in indicator.breakdowns}


def _old_cells(
    catalog: Catalog, indicator: Indicator
) -> dict[tuple[frozenset[tuple[str, str]], int], Observation]:
    """The values by category the data set holds: (categories, year) -> observation."""
    table = breakdown_table(catalog, indicator.id)
    found: dict[tuple[frozenset[tuple[str, str]], int], Observation] = {}
    if table is None:
        return found
    for by in table.breakdowns():
        for series in table.series(by):
            key = frozenset(zip(series.dimensions, series.codes, strict=True))
            for year, observation in series.observations:
                found[(key, year)] = observation
    return found


def _cell(
    indicator: Indicator, codes: tuple[tuple[str, str], ...], dimensions: Mapping[str, Dimension]
) -> Cell:
    wanted = {d for d, _ in codes}
    by = next(tuple(b.by) for b in indicator.breakdowns if set(b.by) == wanted)
    return Cell(indicator, by, dict(codes), dimensions)


def _write(
    plans: Mapping[Path, Sequence[NewValue]],
    cells: Mapping[Path, Sequence[tuple[Cell, NewValue]]],
    *,
    dry_run: bool,
) -> list[FileEdit]:
    """Every indicator file and breakdown file edited at once, as ``record_values`` does:
    each file's lock (in path order), every edit planned and checked in memory, then all
    written (new breakdown files created first, and removed again when the rest fails). With
    ``dry_run`` nothing is written and no lock is taken."""
    for values in plans.values():
        for new in values:
            check_arguments(new)
    roots = {path.parent.parent for path in plans}
    raised = {root: raised_codes_in(root) for root in roots}
    paths = sorted([*plans, *cells])
    with contextlib.nullcontext() if dry_run else locked(paths):
        planned = [
            plan_file(p, plans[p], replace=True, errors=raised[p.parent.parent])
            for p in sorted(plans)
        ]
        planned += [plan_cells(p, cells[p], replace=True) for p in sorted(cells)]
        if not dry_run:
            _commit(planned)
    return planned


def _commit(planned: Sequence[FileEdit]) -> None:
    created: list[Path] = []
    try:
        for edit in planned:
            if edit.changed and edit.snapshot is None:
                create(edit.path, edit.after)
                created.append(edit.path)
        commit([(e.snapshot, e.after) for e in planned if e.changed and e.snapshot])
    except BaseException:
        for path in created:
            with contextlib.suppress(OSError):
                path.unlink()
        raise


def _selected(data_dir: Path, ids: Sequence[str]) -> tuple[Catalog, list[Indicator]]:
    result = load_data_set(data_dir)
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    if errors or result.catalog is None:
        raise InvalidDataError(errors)
    catalog = result.catalog
    mapped = [i for i in catalog.indicators if i.import_ is not None]
    if not ids:
        return catalog, mapped
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
    return catalog, chosen


def _new_value(
    figure: Figure, old: Observation | None, series: Series | BreakdownSeries
) -> NewValue | None:
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


def source_note(series: Series | BreakdownSeries) -> str:
    """The note written with an imported figure: the table, where it was read when not from
    that address (a mirror's address; for recorded answers the file's name, never the
    machine's path: the note is committed), and its update time."""
    via = ""
    if series.read_from not in ("", series.url):
        local = "://" not in series.read_from  # a file of a folder of recorded answers
        where = f"the recorded answer {PurePath(series.read_from).name}" if local else None
        via = f" (read from {where or series.read_from})"
    updated = f" (table updated {series.updated})" if series.updated else ""
    return f"Imported from {series.url}{via}{updated}."


# --- the table ------------------------------------------------------------------------------


def _number(row: ImportRow, value: float | None, lang: str) -> str:
    if value is None:
        return "-"
    decimals = display_decimals(row.indicator.decimals, row.indicator.unit)
    return format_number(value, decimals, lang)


def _name(row: ImportRow, result: ImportResult, lang: str) -> str:
    """The indicator's name, and for a value by category its categories: ``Population:
    Swedish``."""
    name = localize(row.indicator.name, lang)
    if not row.category:
        return name
    dims = result.dimensions or {}
    words = ", ".join(category_name(dims.get(d), code, lang) for d, code in row.category)
    return f"{name}: {words}"


def _status_cell(row: ImportRow, lang: str) -> str:
    new = value_flag(row.new.written_status, lang)
    if row.old is None or row.old.status == row.new.written_status:
        return new
    return f"{value_flag(row.old.status, lang)} → {new}"


def render_import(result: ImportResult, out: TextIO, *, dry_run: bool, lang: str = "en") -> None:
    """The changes as a table (indicator name, year, old value, new value, status) in
    ``lang`` with its numbers by the number rule, then what was held back and the notes that
    go, then with ``dry_run`` the unified diff of each file."""
    t = translator(lang)
    if not result.fetched:
        out.write(t.gettext("No indicator has an import: mapping; nothing was read.") + "\n")
        return
    if not result.rows:
        said = t.gettext("No changes: the {count} indicators read are up to date.")
        out.write(said.format(count=len(result.fetched)) + "\n")
        _empty_cells(result, out, lang)
        return
    header = (
        t.gettext("Indicator"),
        t.gettext("Year"),
        t.gettext("Old value"),
        t.gettext("New value"),
        t.gettext("Status"),
    )
    held_mark = t.gettext("held back")
    rows = [
        tuple(
            visible(cell)
            for cell in (
                _name(row, result, lang),
                str(row.year),
                _number(row, row.old.value if row.old else None, lang),
                _number(row, float(row.new.value), lang),
                _status_cell(row, lang) + (f" ({held_mark})" if row.held else ""),
            )
        )
        for row in result.rows
    ]
    widths = [max(cell_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for line in [header, *rows]:
        cells = [
            pad(cell, width, right=1 <= i <= 3)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        out.write("  ".join(cells).rstrip() + "\n")
    _summary(result, out, dry_run=dry_run, lang=lang)
    if dry_run:
        for edit in result.edits:
            out.write("\n" + visible_block(edit.diff()))


def _summary(result: ImportResult, out: TextIO, *, dry_run: bool, lang: str) -> None:
    t = translator(lang)
    if dry_run:
        said = t.gettext("Values that would change: {count}")
    else:
        said = t.gettext("Values changed: {count}")
    out.write("\n" + said.format(count=len(result.written)) + "\n")
    _empty_cells(result, out, lang)
    if result.held:
        held = t.gettext(
            "Held back, as they would change a value's meaning (pass --replace to take them): "
            "{count}"
        )
        out.write(held.format(count=len(result.held)) + "\n")
        for row in result.held:
            out.write(visible(f"  {_why_held(row, lang)}") + "\n")
    going = [r for r in result.written if r.dropped_note is not None]
    if going:
        said = (
            t.gettext("Notes that would be replaced:") if dry_run else t.gettext("Notes replaced:")
        )
        out.write(said + "\n")
        for row in going:
            name = _name(row, result, lang)
            out.write(visible(f"  {name} {row.year}: {_quoted(row.dropped_note, lang)}") + "\n")


def _empty_cells(result: ImportResult, out: TextIO, lang: str) -> None:
    """How many cells by category the source left empty; none of them is written."""
    t = translator(lang)
    if result.not_available:
        said = t.gettext("Cells not available in the source ('..'), not written: {count}")
        out.write(said.format(count=result.not_available) + "\n")
    if result.impossible:
        said = t.gettext("Cells logically impossible in the source ('.'), not written: {count}")
        out.write(said.format(count=result.impossible) + "\n")


def _why_held(row: ImportRow, lang: str) -> str:
    t = translator(lang)
    reasons = []
    if row.downgrade:
        reasons.append(_status_cell(row, lang))
    if row.dropped_note is not None:
        reasons.append(
            t.gettext("its note would go: {note}").format(note=_quoted(row.dropped_note, lang))
        )
    category = " [" + ", ".join(f"{d}={c}" for d, c in row.category) + "]" if row.category else ""
    return f"{localize(row.indicator.name, lang)}{category} {row.year}: " + "; ".join(reasons)


def _quoted(note: Localizable | None, lang: str) -> str:
    """A note in quotes, in ``lang`` when it is given per language (with the fallback of
    names)."""
    return json.dumps(localize(note, lang), ensure_ascii=False)
