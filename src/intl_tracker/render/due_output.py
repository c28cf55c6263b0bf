"""`intl-tracker due`: the indicators that should hold a newer value by a date, as a table or
JSON (documents.DueDocument).

The table fits its width as ``list`` does (names wrap, other cells never break; columns are
left out, then rows stacked); the sources follow it, one line each, so that an address is
never cut. Dates are laid out for the language by Babel (en ``Apr 30, 2026``, fi
``30.4.2026``, sv ``30 apr. 2026``); JSON has ISO dates.
"""

from __future__ import annotations

from typing import Any, TextIO

from intl_tracker.core.i18n import translator
from intl_tracker.core.text_safety import visible
from intl_tracker.core.text_width import wrap_cells
from intl_tracker.dataset.models import Indicator, localize
from intl_tracker.dataset.release_calendar import Due
from intl_tracker.presentation.due_view import DueView
from intl_tracker.presentation.number_format import format_day
from intl_tracker.presentation.table_layout import (
    Column,
    header_lines,
    plan,
    row_lines,
    stacked_lines,
)
from intl_tracker.presentation.wording import value_flag
from intl_tracker.render.json_documents.document_versions import DUE_VERSION
from intl_tracker.render.json_documents.json_text import write_json
from intl_tracker.render.registry import RenderOptions

DEFAULT_WIDTH = 100


def due_document(view: DueView, lang: str) -> dict[str, Any]:
    """The ``due`` JSON (documents.DueDocument)."""
    return {
        "schema_version": DUE_VERSION,
        "tool_version": view.tool_version,
        "lang": lang,
        "date": view.on.isoformat(),
        "indicators": [_row(due, lang) for due in view.rows],
        "unscheduled": [i.id for i in view.unscheduled],
    }


def _row(due: Due, lang: str) -> dict[str, Any]:
    indicator = due.indicator
    source = indicator.source
    assert source is not None and source.release is not None  # only scheduled ones are due
    latest = max(indicator.values, default=None)
    return {
        "id": indicator.id,
        "goal": indicator.goal,
        "name": localize(indicator.name, lang),
        "periodicity": source.periodicity,
        "release": {
            "lag": source.release.lag,
            "by": source.release.by,
            "calendar": source.release.calendar,
        },
        "latest_year": latest,
        "latest_status": indicator.values[latest].status if latest is not None else None,
        "due_years": list(due.missing),
        "provisional_years": list(due.provisional),
        "public_year": due.public_year,
        "public_since": due.public_since.isoformat(),
        "fetch": {
            "command": "import" if indicator.import_ is not None else "record",
            "table": indicator.import_.table if indicator.import_ is not None else None,
            "publisher": localize(source.publisher, lang) or None,
            "title": localize(source.title, lang) or None,
            "url": source.url,
        },
    }


def render_json(view: DueView, out: TextIO, options: RenderOptions) -> None:
    """The ``due`` JSON (registry: due/json)."""
    write_json(due_document(view, options.lang), out)


def _latest(indicator: Indicator, lang: str) -> tuple[str, ...]:
    latest = max(indicator.values, default=None)
    if latest is None:
        return ("-",)
    status = indicator.values[latest].status
    return (str(latest),) if status == "final" else (str(latest), f"({value_flag(status, lang)})")


def _due(due: Due, lang: str) -> tuple[str, ...]:
    """The missing years as runs (2020 to 2025 as one), then ``final`` and the provisional
    ones."""
    t = translator(lang)
    parts = [f"{run}," for run in _runs(due.missing)]
    if due.provisional:
        final = t.gettext("final {years}").format(years=", ".join(_runs(due.provisional)))
        parts.append(final)
    elif parts:
        parts[-1] = parts[-1].rstrip(",")
    return tuple(parts)


def _runs(years: tuple[int, ...]) -> list[str]:
    """``(2020, 2021, 2022, 2024)`` as an en-dash run 2020-2022 and 2024; two years stay
    apart."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return [
        f"{run[0]}\u2013{run[-1]}" if len(run) > 2 else ", ".join(str(y) for y in run)
        for run in runs
    ]


def _where(indicator: Indicator, lang: str) -> str:
    """The source to fetch from: the import mapping's table, else the source's page."""
    if indicator.import_ is not None:
        return f"intl-tracker import {indicator.id}  ({indicator.import_.table})"
    source = indicator.source
    if source is None:
        return "-"
    return source.url or localize(source.title or source.publisher, lang) or "-"


def render_table(view: DueView, out: TextIO, options: RenderOptions) -> None:
    """The due indicators as a table, then where to fetch each, then how many indicators
    have no release rule."""
    lang = options.lang
    t = translator(lang)
    width = options.width or DEFAULT_WIDTH
    when = format_day(view.on, lang)
    if not view.rows:
        said = t.gettext("Nothing is due by {date} by the release rules of the sources.")
        out.write(said.format(date=when) + "\n")
    else:
        out.write(t.gettext("Values public by {date} that the data do not hold:").format(date=when))
        out.write("\n\n")
        _table(view, out, width, lang)
        out.write("\n" + t.gettext("Where to get them:") + "\n")
        for due in view.rows:
            line = f"  {localize(due.indicator.name, lang)}: {_where(due.indicator, lang)}"
            out.write(visible(line) + "\n")
    if view.unscheduled:
        note = t.ngettext(
            "{count} indicator has no release rule (source.periodicity and source.release) "
            "and was not judged: {ids}",
            "{count} indicators have no release rule (source.periodicity and source.release) "
            "and were not judged: {ids}",
            len(view.unscheduled),
        ).format(count=len(view.unscheduled), ids=", ".join(i.id for i in view.unscheduled))
        out.write("\n")
        out.writelines(f"{visible(line)}\n" for line in wrap_cells(note, width))


def _table(view: DueView, out: TextIO, width: int, lang: str) -> None:
    t = translator(lang)
    columns = [
        Column(
            t.gettext("Indicator"),
            [(localize(d.indicator.name, lang),) for d in view.rows],
            name=True,
        ),
        Column(t.gettext("Latest"), [_latest(d.indicator, lang) for d in view.rows]),
        Column(t.gettext("Due"), [_due(d, lang) for d in view.rows]),
        Column(
            t.gettext("Public since"),
            [(format_day(d.public_since, lang),) for d in view.rows],
            drop_rank=0,
        ),
        Column(
            t.gettext("How"),
            [("import" if d.indicator.import_ else "record",) for d in view.rows],
            drop_rank=1,
        ),
    ]
    columns = [
        Column(c.header, [tuple(visible(p) for p in cell) for cell in c.cells], c.right,
               c.drop_rank, c.name)
        for c in columns
    ]  # fmt: skip
    layout = plan(columns, width, min_name=16)
    rows = range(len(view.rows))
    if layout.stacked:
        lines = [seg for row in rows for seg in stacked_lines(columns, row, width)]
    else:
        lines = header_lines(columns, layout)
        lines.append([(" ".join("-" * w for w in layout.widths), 0)])
        lines += [seg for row in rows for seg in row_lines(columns, layout, row)]
    out.writelines(" ".join(text for text, _ in line).rstrip() + "\n" for line in lines)
    if layout.dropped:
        note = t.gettext("Left out to fit {width} columns: {columns}")
        left_out = ", ".join(columns[i].header for i in layout.dropped)
        out.writelines(
            f"{line}\n" for line in wrap_cells(note.format(width=width, columns=left_out), width)
        )
