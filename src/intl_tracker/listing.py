"""`intl-tracker list`: the goals or indicators of a data set as a table or JSON.

The table fits the terminal: each column takes what its longest cell needs, and the name
column, the one that may wrap, takes the rest and wraps between words (never inside one).
"""

from __future__ import annotations

from typing import TextIO

from intl_tracker.i18n import translator
from intl_tracker.json_output import list_document, write_json
from intl_tracker.rendering import RenderOptions
from intl_tracker.text_safety import visible
from intl_tracker.text_width import cell_width, pad, wrap_cells
from intl_tracker.views import ListView
from intl_tracker.wording import unit_name

#: Which way is progress, the same in every language.
DIRECTION_ARROWS = {"increase": "↑", "decrease": "↓"}

#: Width of the table when none is given.
DEFAULT_WIDTH = 100


def render_json(view: ListView, out: TextIO, options: RenderOptions) -> None:
    write_json(list_document(view.catalog, view.what, options.lang, view.tool_version), out)


def _columns(view: ListView, lang: str) -> tuple[list[str], list[list[str]]]:
    t = translator(lang)
    document = list_document(view.catalog, view.what, lang, view.tool_version)
    rows = document[view.what]
    if view.what == "goals":
        keys = ["number", "id", "name", "objectives", "indicators"]
        headers = ["#", "id", t.gettext("Name"), t.gettext("Objectives"), t.gettext("Indicators")]
    else:
        keys = ["id", "goal", "name", "unit", "direction", "first_year", "last_year", "values"]
        headers = [
            "id",
            t.pgettext("programme goal", "Goal"),
            t.gettext("Name"),
            t.gettext("Unit"),
            t.gettext("Direction"),
            t.gettext("First"),
            t.gettext("Latest"),
            t.gettext("Values"),
        ]

    def cell(key: str, value: object) -> str:
        if value is None:
            return ""
        if key == "unit":
            return unit_name(str(value), lang)
        if key == "direction":
            return DIRECTION_ARROWS.get(str(value), str(value))
        return visible(str(value))  # names come from the data: no escape sequence reaches out

    cells = [[cell(k, r[k]) for k in keys] for r in rows]
    return headers, cells


def render_table(view: ListView, out: TextIO, options: RenderOptions) -> None:
    """The list as aligned columns within ``options.width``; names wrap between words."""
    headers, cells = _columns(view, options.lang)
    if not cells:
        return
    width = options.width or DEFAULT_WIDTH
    name = headers.index(translator(options.lang).gettext("Name"))
    widths = [
        max(cell_width(c) for c in [h, *(row[i] for row in cells)]) for i, h in enumerate(headers)
    ]
    others = sum(w for i, w in enumerate(widths) if i != name) + 2 * (len(widths) - 1)
    longest_word = max(cell_width(w) for row in cells for w in row[name].split() or [""])
    widths[name] = max(min(widths[name], width - others), longest_word, cell_width(headers[name]))
    out.write("  ".join(pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip() + "\n")
    for row in cells:
        lines = wrap_cells(row[name], widths[name])
        for k, line in enumerate(lines):
            parts = [line if i == name else (c if k == 0 else "") for i, c in enumerate(row)]
            out.write("  ".join(pad(p, w) for p, w in zip(parts, widths, strict=True)).rstrip())
            out.write("\n")
