"""`intl-tracker list`: the goals or indicators of a data set as a table or JSON.

The table fits the width it is given like the report does
(:mod:`intl_tracker.presentation.table_layout`):
names wrap between words, other cells never break, optional columns are left out (and a line
says which), and at the narrowest each row is stacked.
"""

from __future__ import annotations

from typing import TextIO

from intl_tracker.core.i18n import translator
from intl_tracker.core.text_safety import visible
from intl_tracker.core.text_width import wrap_cells
from intl_tracker.presentation.sdg_view import reporting_status_label
from intl_tracker.presentation.table_layout import (
    Column,
    header_lines,
    plan,
    row_lines,
    stacked_lines,
)
from intl_tracker.presentation.views import ListView
from intl_tracker.presentation.wording import unit_name
from intl_tracker.render.json_documents.json_output import list_document
from intl_tracker.render.registry import RenderOptions

#: Which way is progress, the same in every language.
DIRECTION_ARROWS = {"increase": "↑", "decrease": "↓"}

#: Width of the table when none is given.
DEFAULT_WIDTH = 100


def _columns(view: ListView, lang: str) -> tuple[list[str], list[str], list[list[str]]]:
    t = translator(lang)
    document = list_document(view.catalog, view.what, lang, view.tool_version)
    rows = document[view.what]
    if view.what == "goals":
        keys = ["number", "id", "name", "objectives", "indicators"]
        headers = ["#", "id", t.gettext("Name"), t.gettext("Objectives"), t.gettext("Indicators")]
    else:
        keys = ["id", "goal", "name", "unit", "direction", "first_year", "last_year", "values"]
        keys += ["sdg", "reporting_status"]
        headers = [
            "id",
            t.pgettext("programme goal", "Goal"),
            t.gettext("Name"),
            t.gettext("Unit"),
            t.gettext("Direction"),
            t.gettext("First"),
            t.gettext("Latest"),
            t.gettext("Values"),
            "SDG",
            t.gettext("Reporting status"),
        ]

    def cell(row: dict[str, object], key: str) -> str:
        value = row[key]
        if value is None:
            return ""
        if key == "sdg":
            return ", ".join(str(code) for code in value) if isinstance(value, list) else ""
        if key == "reporting_status":
            shown = reporting_status_label(str(value), lang)
            return shown if row["reporting_status_declared"] else shown + "*"
        if key == "unit":
            indicator = view.catalog.indicator(str(row["id"]))
            return unit_name(str(value), lang, indicator.unit_label if indicator else None)
        return DIRECTION_ARROWS.get(str(value), str(value)) if key == "direction" else str(value)

    cells = [[visible(cell(r, k)) for k in keys] for r in rows]
    return headers, keys, cells


#: Columns of ``list indicators`` left out first when the table does not fit.
_INDICATOR_DROPS = {
    "unit": 0,
    "direction": 1,
    "values": 2,
    "sdg": 3,
    "first_year": 4,
    "goal": 5,
    "reporting_status": 6,
}
_GOAL_DROPS = {"objectives": 0, "indicators": 1, "id": 2}


def render_table(view: ListView, out: TextIO, options: RenderOptions) -> None:
    """The list as aligned columns within ``options.width`` (default 100): names wrap between
    words, other cells never break; columns are left out, then rows stacked, to fit."""
    headers, keys, cells = _columns(view, options.lang)
    if not cells:
        return
    width = options.width or DEFAULT_WIDTH
    drops = _GOAL_DROPS if view.what == "goals" else _INDICATOR_DROPS
    columns = [
        Column(
            header,
            [(row[i],) for row in cells],
            right=key in ("number", "objectives", "indicators", "values"),
            drop_rank=drops.get(key),
            name=key == "name",
        )
        for i, (header, key) in enumerate(zip(headers, keys, strict=True))
    ]
    layout = plan(columns, width, min_name=16)
    if layout.stacked:
        lines = [seg for row in range(len(cells)) for seg in stacked_lines(columns, row, width)]
    else:
        lines = header_lines(columns, layout)
        lines.append([(" ".join("-" * w for w in layout.widths), 0)])
        lines += [seg for row in range(len(cells)) for seg in row_lines(columns, layout, row)]
    out.writelines(" ".join(text for text, _ in line).rstrip() + "\n" for line in lines)
    if layout.dropped:
        note = translator(options.lang).gettext("Left out to fit {width} columns: {columns}")
        left_out = ", ".join(columns[i].header for i in layout.dropped)
        out.writelines(
            f"{line}\n" for line in wrap_cells(note.format(width=width, columns=left_out), width)
        )
    status_column = keys.index("reporting_status") if "reporting_status" in keys else None
    if status_column is not None and any(row[status_column].endswith("*") for row in cells):
        note = translator(options.lang).gettext(
            "* a reporting status worked out from the values (the data declare none)"
        )
        out.writelines(f"{line}\n" for line in wrap_cells(note, width))
