"""The report's cells in words and numbers, shared by the terminal table and Markdown (and the
site): headers, the cell of each column, the status summary and the legend.

A cell is a tuple of parts that may go on separate lines but are never split themselves
("123,456ᵉ" and "(2023)"; a status symbol and its first word). Words come from the text
catalogue, numbers from the number rule; nothing here knows about Rich or Markdown syntax.
"""

from __future__ import annotations

from collections.abc import Sequence

from intl_tracker.i18n import translator
from intl_tracker.models import localize
from intl_tracker.number_format import (
    NO_NUMBER,
    RATE_DECIMALS,
    finite,
    format_number,
    format_percent,
    format_quantity,
    format_rate,
)
from intl_tracker.views import MARKER_SYMBOLS, Marker, ReportRow, ReportView
from intl_tracker.vocabulary import STATUS_SYMBOLS, Status
from intl_tracker.wording import method_note, status_label

#: A cell of the human formats: parts that may go on separate lines, but are never split.
Cell = tuple[str, ...]


def column_headers(lang: str, year: int, *, trend: bool) -> list[str]:
    """Column headers of the human formats; the trend (sparkline) column only with ``trend``."""
    t = translator(lang)
    return [
        t.gettext("Indicator"),
        t.gettext("Value {year}").format(year=year),
        t.gettext("Change"),
        *([t.gettext("Trend")] if trend else []),
        t.pgettext("figure to reach", "Target"),
        t.gettext("Pace %/y needed vs actual"),
        t.gettext("Projection"),
        t.gettext("Status"),
    ]


def name_cell(row: ReportRow, lang: str) -> Cell:
    return (localize(row.indicator.name, lang),)


def value_cell(row: ReportRow, lang: str) -> Cell:
    """The assessed value with its marker (ᵖ, ᵉ) and its year when older than the report's."""
    a = row.assessment
    if finite(a.value) is None:
        return (NO_NUMBER,)
    value = format_quantity(a.value, row.unit, row.decimals, lang)
    if row.value_marker is not None:
        value += MARKER_SYMBOLS[row.value_marker]
    return (value, f"({a.year})") if row.older else (value,)


def change_cell(row: ReportRow, lang: str) -> Cell:
    """Absolute change with its sign (percentage points for percents) and the relative change,
    then "vs 2020" when the previous observation is not from the year before."""
    change = row.change
    if change.absolute is None:
        return (NO_NUMBER,)
    t = translator(lang)
    if row.unit == "percent":
        points = format_number(change.absolute, row.decimals, lang, sign=True)
        absolute = t.gettext("{number} pp").format(number=points)
    else:
        absolute = format_quantity(change.absolute, row.unit, row.decimals, lang, sign=True)
    parts = [absolute]
    if change.relative_pct is not None:
        relative = format_percent(change.relative_pct, RATE_DECIMALS, lang, sign=True)
        parts.append(f"({relative})")
    if change.gap:
        parts.append(t.gettext("vs {year}").format(year=change.previous_year))
    return tuple(parts)


def target_cell(row: ReportRow, lang: str) -> Cell:
    """ "30.0% @ 2035", with ᶠ when the target is a forecast."""
    target = row.assessment.target
    if target is None or finite(target.value) is None:
        return (NO_NUMBER,)
    marker = MARKER_SYMBOLS[row.target_marker] if row.target_marker is not None else ""
    return (format_quantity(target.value, row.unit, row.decimals, lang), f"@ {target.year}{marker}")


def pace_cell(row: ReportRow, lang: str) -> Cell:
    """Growth per year needed vs actual, in percent: "+2.4 vs +2.8"; "—" when neither is known.

    The unit (%/y) is in the column header. "Actual" is the pace the status was judged by.
    """
    needed = finite(row.assessment.required_cagr)
    if needed is None and row.pace is None:
        return (NO_NUMBER,)
    vs = translator(lang).gettext("vs {number}")
    return (format_rate(needed, lang), vs.format(number=format_rate(row.pace, lang)))


def projection_cell(row: ReportRow, lang: str) -> Cell:
    return (format_quantity(row.assessment.projected_value, row.unit, row.decimals, lang),)


def status_cell(row: ReportRow, lang: str) -> Cell:
    """The status symbol glued to the first word of its label, then the other words."""
    first, *rest = status_label(row.status, lang).split() or [""]
    return (f"{STATUS_SYMBOLS[row.status]} {first}", *rest)


def row_cells(row: ReportRow, lang: str) -> list[Cell]:
    """Every cell of a row but the trend, in column order."""
    return [
        name_cell(row, lang),
        value_cell(row, lang),
        change_cell(row, lang),
        target_cell(row, lang),
        pace_cell(row, lang),
        projection_cell(row, lang),
        status_cell(row, lang),
    ]


def status_counts(summary: Sequence[tuple[Status, int]], lang: str) -> list[tuple[Status, str]]:
    """Each status of a summary as "▲ 3 on track", in the order of the status scale."""
    return [(s, f"{STATUS_SYMBOLS[s]} {n} {status_label(s, lang)}") for s, n in summary]


def status_summary(summary: Sequence[tuple[Status, int]], lang: str) -> str:
    """E.g. "▲ 3 on track · ◐ 1 needs acceleration · ? 2 insufficient data"."""
    return " · ".join(text for _, text in status_counts(summary, lang))


def legend_items(view: ReportView, lang: str) -> list[list[str]]:
    """The legend, one topic per list, one unbreakable item per string: the symbols, the
    markers, the column notes, and the report year with the method."""
    t = translator(lang)
    symbols = [f"{STATUS_SYMBOLS[s]} {status_label(s, lang)}" for s in Status]
    marker_words = {
        Marker.PROVISIONAL: t.gettext("provisional value"),
        Marker.ESTIMATED: t.gettext("estimated value"),
        Marker.FORECAST: t.gettext("target is a forecast, not a commitment"),
    }
    markers = [f"{MARKER_SYMBOLS[m]} {words}" for m, words in marker_words.items()]
    markers.append(
        t.gettext("({year}): year of a value older than the report year").format(year=view.year - 1)
    )
    notes = [
        t.gettext("pace: yearly growth needed to reach the target vs actual growth"),
        t.gettext("projection: value in the target year at the current pace"),
    ]
    method = [
        t.gettext("Report year {year}").format(year=view.year),
        t.gettext("Method: {note}").format(note=method_note(view.method, view.pace, lang)),
    ]
    return [symbols, markers, notes, method]


def legend_lines(view: ReportView, lang: str) -> list[str]:
    """The legend as one line per topic, items separated by " · "."""
    return [" · ".join(items) for items in legend_items(view, lang)]


def no_indicators(lang: str) -> str:
    return translator(lang).gettext("No indicators to report.")
