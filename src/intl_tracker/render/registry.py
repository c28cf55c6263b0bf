"""The renderer registry: which formats each view has, and the function that writes each.

Keyed by view (``report``, ``show``, ``list``) and format; the command line takes its
``--format`` choices from :func:`formats`, so a format exists in the CLI exactly when it has a
renderer. Renderers are named as ``module:function`` and imported on first use, so reading
the choices at start-up costs nothing and ``--format json`` never loads Rich or Babel.

Every renderer has the signature ``render(view, out, options) -> None``: it writes the whole
document to ``out`` (a text stream) and does no other I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any, TextIO, cast


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to render: the language (en, fi, sv), colour (terminal only), and the width in
    terminal cells (None: the renderer's default)."""

    lang: str = "en"
    color: bool = False
    width: int | None = None
    hyperlinks: bool = False  # OSC 8 links (a terminal that shows them)


Renderer = Callable[[Any, TextIO, RenderOptions], None]

RENDERERS: dict[str, dict[str, str]] = {
    "report": {
        "table": "intl_tracker.render.terminal.report_table:render_table",
        "json": "intl_tracker.render.json_documents.json_output:render_report",
        "csv": "intl_tracker.render.text_formats:render_csv",
        "markdown": "intl_tracker.render.text_formats:render_markdown",
    },
    "report-by": {
        "table": "intl_tracker.render.terminal.breakdown_table:render_table",
        "json": "intl_tracker.render.breakdown_output:render_json",
        "csv": "intl_tracker.render.breakdown_output:render_csv",
        "markdown": "intl_tracker.render.breakdown_output:render_markdown",
    },
    "show": {
        "table": "intl_tracker.render.terminal.show_output:render_table",
        "json": "intl_tracker.render.json_documents.json_output:render_show",
    },
    "list": {
        "table": "intl_tracker.render.listing:render_table",
        "json": "intl_tracker.render.json_documents.json_output:render_list",
    },
    "due": {
        "table": "intl_tracker.render.due_output:render_table",
        "json": "intl_tracker.render.due_output:render_json",
    },
    "diff": {
        "text": "intl_tracker.render.diff_output:render_text",
        "json": "intl_tracker.render.diff_output:render_json",
        "markdown": "intl_tracker.render.diff_output:render_markdown",
    },
}


def formats(view: str) -> tuple[str, ...]:
    """The formats of ``view``, the default (the human one) first."""
    return tuple(RENDERERS[view])


def renderer(view: str, fmt: str) -> Renderer:
    """The function that writes ``view`` as ``fmt``. Raises KeyError for an unknown pair."""
    module, _, name = RENDERERS[view][fmt].partition(":")
    return cast(Renderer, getattr(import_module(module), name))


def render(view: str, fmt: str, document: Any, out: TextIO, options: RenderOptions) -> None:
    """Write ``document`` (the view object) as ``fmt`` to ``out``."""
    renderer(view, fmt)(document, out, options)
