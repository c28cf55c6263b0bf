"""``intl-tracker diff``: the diff of two data versions as text, JSON or GitHub-flavoured Markdown.

The JSON is :class:`intl_tracker.render.json_documents.documents.DiffDocument` (``intl-tracker
schema diff``). The Markdown is a pull-request comment: a heading, the status moves as a table,
the value changes as a table; every data text escaped (``text_safety.markdown``). Text lines are
made ``visible``. Numbers from the data are written as read (``csv_number``), statuses by their
label in ``--lang``.
"""

from __future__ import annotations

from typing import Any, TextIO

from intl_tracker.core.i18n import N_, translator
from intl_tracker.core.text_safety import markdown, visible
from intl_tracker.dataset.models import Observation, localize
from intl_tracker.presentation.diff_view import DataDiff, StatusMove, ValueChange
from intl_tracker.presentation.wording import status_label, value_flag
from intl_tracker.render.json_documents.document_versions import DIFF_VERSION
from intl_tracker.render.json_documents.json_text import write_json
from intl_tracker.render.registry import RenderOptions
from intl_tracker.render.text_formats import csv_number

NO_CHANGE = N_("No values or statuses differ.")
STATUS_HEADING = N_("Statuses that move ({year})")
VALUE_HEADING = N_("Values")
ADDED, CHANGED, REMOVED = N_("added"), N_("changed"), N_("removed")
KINDS = {"added": ADDED, "changed": CHANGED, "removed": REMOVED}
NONE = N_("(none)")
MORE = N_(
    "{count} more rows left out: a pull-request comment holds at most 65,536 characters. "
    "`intl-tracker diff --format json` lists every one."
)
#: The Markdown's budget of characters: GitHub refuses a comment longer than 65,536.
MARKDOWN_BUDGET = 60_000


def _observation(obs: Observation | None) -> dict[str, Any] | None:
    if obs is None:
        return None
    return {"value": obs.value, "status": obs.status, "note": localize(obs.note, "en") or None}


def diff_document(view: DataDiff, lang: str) -> dict[str, Any]:
    """The ``diff`` JSON (documents.DiffDocument)."""
    return {
        "schema_version": DIFF_VERSION,
        "tool_version": view.tool_version,
        "base": view.base,
        "head": view.head,
        "year": view.year,
        "method": view.method,
        "different": view.different,
        "indicators_added": list(view.indicators_added),
        "indicators_removed": list(view.indicators_removed),
        "values": [
            {
                "indicator": c.indicator,
                "year": c.year,
                "change": c.kind,
                "before": _observation(c.before),
                "after": _observation(c.after),
            }
            for c in view.values
        ],
        "statuses": [
            {
                "indicator": m.indicator,
                "name": localize(m.name, lang),
                "before": None if m.before is None else str(m.before),
                "after": None if m.after is None else str(m.after),
                "before_year": m.before_year,
                "after_year": m.after_year,
            }
            for m in view.statuses
        ],
    }


def render_json(view: DataDiff, out: TextIO, options: RenderOptions) -> None:
    write_json(diff_document(view, options.lang), out)


def _status(move: StatusMove, before: bool, lang: str) -> str:
    status, year = (move.before, move.before_year) if before else (move.after, move.after_year)
    if status is None:
        return translator(lang).gettext(NONE)
    return status_label(status, lang) + (f" ({year})" if year is not None else "")


def _value(obs: Observation | None, lang: str) -> str:
    if obs is None:
        return "\u2013"
    words = csv_number(obs.value, written=True)
    if obs.status != "final":
        words += f" ({value_flag(obs.status, lang)})"
    note = localize(obs.note, lang)
    return words + (f" \u201c{note}\u201d" if note else "")


def _value_line(change: ValueChange, lang: str) -> tuple[str, str, str, str, str]:
    kind = translator(lang).gettext(KINDS[change.kind])
    before, after = _value(change.before, lang), _value(change.after, lang)
    return change.indicator, str(change.year), kind, before, after


def render_text(view: DataDiff, out: TextIO, options: RenderOptions) -> None:
    lang, words = options.lang, translator(options.lang).gettext
    lines = [f"--- {view.base}", f"+++ {view.head}"]
    lines += [f"+ {i}" for i in view.indicators_added]
    lines += [f"- {i}" for i in view.indicators_removed]
    if view.statuses:
        lines.append(words(STATUS_HEADING).format(year=view.year) + ":")
        lines += [
            f"  {m.indicator}: {_status(m, True, lang)} -> {_status(m, False, lang)}"
            for m in view.statuses
        ]
    if view.values:
        lines.append(words(VALUE_HEADING) + ":")
        for change in view.values:
            indicator, year, kind, before, after = _value_line(change, lang)
            lines.append(f"  {indicator} {year} {kind}: {before} -> {after}")
    if not view.different:
        lines.append(words(NO_CHANGE))
    out.write("".join(visible(line) + "\n" for line in lines))


def _row(cells: tuple[str, ...] | list[str]) -> str:
    return "| " + " | ".join(markdown(cell) for cell in cells) + " |"


def render_markdown(view: DataDiff, out: TextIO, options: RenderOptions) -> None:
    lang, words = options.lang, translator(options.lang).gettext
    lines = [f"### intl-tracker diff: {markdown(view.base)} \u2192 {markdown(view.head)}", ""]
    if not view.different:
        lines += [words(NO_CHANGE)]
    for sign, ids in (("+", view.indicators_added), ("\u2212", view.indicators_removed)):
        lines += [f"- {sign} {markdown(i)}" for i in ids]
    if view.statuses:
        lines += ["", f"#### {words(STATUS_HEADING).format(year=view.year)}", ""]
        header = [
            words(N_("Indicator")),
            words(N_("Name")),
            words(N_("Before")),
            words(N_("After")),
        ]
        lines += [_row(header), "|---|---|---|---|"]
        lines += [
            _row(
                [
                    m.indicator,
                    localize(m.name, lang),
                    _status(m, True, lang),
                    _status(m, False, lang),
                ]
            )
            for m in view.statuses
        ]
    if view.values:
        lines += ["", f"#### {words(VALUE_HEADING)}", ""]
        header = [words(N_("Indicator")), words(N_("Year")), words(N_("Change")),
                  words(N_("Before")), words(N_("After"))]  # fmt: skip
        lines += [_row(header), "|---|--:|---|--:|--:|"]
        lines += [_row(_value_line(change, lang)) for change in view.values]
    lines = _within_budget(lines, words)
    text = "\n".join(lines)
    while "\n\n\n" in text:  # a section left out leaves no run of blank lines
        text = text.replace("\n\n\n", "\n\n")
    out.write(text + "\n")


def _within_budget(lines: list[str], words: Any) -> list[str]:
    """``lines`` cut to :data:`MARKDOWN_BUDGET` characters at a table row, with a line
    saying how many rows were left out (a status move comes before any value row)."""
    total, kept = 0, list[str]()
    for at, line in enumerate(lines):
        total += len(line) + 1
        if total > MARKDOWN_BUDGET:
            rest = sum(1 for rest in lines[at:] if rest.startswith("| "))
            return [*kept, "", words(MORE).format(count=rest)]
        kept.append(line)
    return kept
