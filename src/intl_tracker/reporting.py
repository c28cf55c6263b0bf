"""Render a report of assessed indicators as JSON, CSV, Markdown or a terminal table.

JSON, CSV and Markdown are written here with the standard library only; the Rich table lives in
``report_table.py`` and is imported only when it is asked for, so ``--format json`` stays light.
The JSON document is a versioned contract (``JSON_SCHEMA_VERSION``) described by the pydantic
models in ``report_document.py`` (not imported here: building them is start-up time a report does
not need); see README.md ("Report JSON").
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol, TextIO

from intl_tracker.assessment import Assessment
from intl_tracker.formatting import NO_NUMBER, finite, format_number, format_rate
from intl_tracker.models import Catalog, Goal, Indicator, localize
from intl_tracker.vocabulary import STATUS_SYMBOLS, Method, Pace, Status, status_label

JSON_SCHEMA_VERSION = 1

#: Display precision when an indicator gives no ``decimals``.
DEFAULT_DECIMALS_BY_UNIT: dict[str, int] = {"percent": 1, "count": 0, "rank": 0, "eur": 0}
FALLBACK_DECIMALS = 2

#: Suffixes after a value whose status is not final, and after a target that is a forecast.
VALUE_MARKERS: dict[str, str] = {"provisional": "ᵖ", "estimated": "ᵉ"}
FORECAST_MARKER = "ᶠ"

#: Words of the human formats (table, Markdown), per language; English is the fallback.
TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "indicator": "Indicator",
        "value": "Value",
        "change": "Change",
        "trend": "Trend",
        "target": "Target",
        "pace": "Pace %/y needed vs actual",
        "projection": "Projection",
        "status": "Status",
        "vs": "vs",
        "pp": " pp",
        "provisional": "provisional",
        "estimated": "estimated",
        "forecast": "target is a forecast, not a commitment",
        "older": "(2023): year of a value older than the report year",
        "pace_note": "pace: yearly growth needed to reach the target vs actual growth",
        "projection_note": "projection: value in the target year at the current pace",
        "method": "Method",
        "year": "Report year",
        "no_indicators": "No indicators to report.",
    },
    "fi": {
        "indicator": "Indikaattori",
        "value": "Arvo",
        "change": "Muutos",
        "trend": "Kehitys",
        "target": "Tavoite",
        "pace": "Vauhti %/v tarvittu / toteutunut",
        "projection": "Ennuste",
        "status": "Tila",
        "vs": "vs",
        "pp": " %-yks.",
        "provisional": "ennakkotieto",
        "estimated": "arvio",
        "forecast": "tavoite on ennuste, ei sitoumus",
        "older": "(2023): raporttivuotta vanhemman arvon vuosi",
        "pace_note": "vauhti: tavoitteeseen tarvittava vuosikasvu vs toteutunut kasvu",
        "projection_note": "ennuste: arvo tavoitevuonna nykyvauhdilla",
        "method": "Menetelmä",
        "year": "Raporttivuosi",
        "no_indicators": "Ei raportoitavia indikaattoreita.",
    },
}

METHOD_NOTES: dict[str, dict[Method, str]] = {
    "en": {
        Method.RATIO: "ratio (Eurostat-inspired, as in Open SDG): actual ÷ required growth rate;"
        " ≥ 0.95 on track, ≥ 0.60 needs acceleration, ≥ 0 insufficient progress",
        Method.UNSD: "unsd (UN Statistics Division progress chart): share of the required"
        " progress expected by the target year; ≥ 0.95 on track, ≥ 0.10 needs acceleration",
        Method.DNS: "dns (German Sustainable Development Strategy): five-year linear trend"
        " projected to the target year; missing the target by < 5 % on track, by 5-20 %"
        " needs acceleration",
    },
    "fi": {
        Method.RATIO: "ratio (Eurostatin mallin mukaan, kuten Open SDG): toteutunut ÷ tarvittu"
        " kasvuvauhti; ≥ 0,95 oikealla uralla, ≥ 0,60 vaatii kiihdytystä, ≥ 0 riittämätön",
        Method.UNSD: "unsd (YK:n tilasto-osaston edistymiskaavio): tavoitevuoteen mennessä"
        " odotettu osuus tarvittavasta edistyksestä; ≥ 0,95 oikealla uralla,"
        " ≥ 0,10 vaatii kiihdytystä",
        Method.DNS: "dns (Saksan kestävän kehityksen strategia): viiden vuoden lineaarinen"
        " trendi tavoitevuoteen; alle 5 % vajaus oikealla uralla, 5-20 % vaatii kiihdytystä",
    },
}

PACE_NOTES: dict[str, dict[Pace, str]] = {
    "en": {
        Pace.ENDPOINTS: "pace from the two end points of the period (CAGR)",
        Pace.FITTED: "pace fitted through every point of the period (log-linear)",
    },
    "fi": {
        Pace.ENDPOINTS: "vauhti jakson päätepisteistä (keskimääräinen vuosikasvu)",
        Pace.FITTED: "vauhti sovitettu jakson kaikkiin pisteisiin (log-lineaarinen)",
    },
}

NO_VALUE = NO_NUMBER

#: A cell of the human formats: parts that may go on separate lines, but are never split.
Cell = tuple[str, ...]


class ReportFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


@dataclass(frozen=True)
class ReportContext:
    """Everything a report shows: the (filtered) catalog and its assessments, in display order."""

    catalog: Catalog
    assessments: list[Assessment]
    year: int
    method: Method
    pace: Pace
    lang: str
    tool_version: str


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One assessed indicator with its definition and goal."""

    goal: Goal
    indicator: Indicator
    assessment: Assessment


class Renderer(Protocol):
    def __call__(
        self, ctx: ReportContext, out: TextIO, *, color: bool, width: int | None
    ) -> None: ...


def report_json_schema() -> dict[str, Any]:
    """The JSON Schema of the report JSON (for ``intl-tracker schema report``)."""
    from intl_tracker.report_document import ReportDocument  # pydantic: only when asked

    return ReportDocument.model_json_schema()


# --- shared helpers ------------------------------------------------------------------------


def text(lang: str, key: str) -> str:
    """A word of the human formats in ``lang``, else in English."""
    return TEXTS.get(lang, TEXTS["en"]).get(key) or TEXTS["en"][key]


def column_headers(lang: str, year: int, *, trend: bool) -> list[str]:
    """Column headers of the human formats; the trend (sparkline) column only with ``trend``."""
    keys = ["change", *(["trend"] if trend else []), "target", "pace", "projection", "status"]
    return [
        text(lang, "indicator"),
        f"{text(lang, 'value')} {year}",
        *(text(lang, k) for k in keys),
    ]


def method_note(method: Method, pace: Pace, lang: str) -> str:
    methods = METHOD_NOTES.get(lang, METHOD_NOTES["en"])
    paces = PACE_NOTES.get(lang, PACE_NOTES["en"])
    return f"{methods[method]}; {paces[pace]}"


def build_rows(ctx: ReportContext) -> list[ReportRow]:
    """Pair each assessment with its indicator and goal, in the context's display order.

    Raises ValueError when an assessment names an indicator or goal missing from the catalog
    (a programming error: the CLI builds both from the same data set).
    """
    indicators = {i.id: i for i in ctx.catalog.indicators}
    goals = {g.id: g for g in ctx.catalog.goals}
    rows = []
    for a in ctx.assessments:
        indicator = indicators.get(a.indicator_id)
        if indicator is None:
            raise ValueError(f"assessment of unknown indicator {a.indicator_id!r}")
        goal = goals.get(indicator.goal)
        if goal is None:
            raise ValueError(
                f"indicator {indicator.id!r} belongs to unknown goal {indicator.goal!r}"
            )
        rows.append(ReportRow(goal, indicator, a))
    return rows


def group_by_goal(
    rows: Iterable[ReportRow], catalog: Catalog
) -> list[tuple[Goal, list[ReportRow]]]:
    """Rows per goal, goals in catalog order; goals without a row are left out."""
    by_goal: dict[str, list[ReportRow]] = {}
    for row in rows:
        by_goal.setdefault(row.goal.id, []).append(row)
    return [(g, by_goal[g.id]) for g in catalog.goals if g.id in by_goal]


def count_statuses(rows: Iterable[ReportRow]) -> list[tuple[Status, int]]:
    """How many rows have each status, in the order of the status scale; zeros left out."""
    counts = Counter(row.assessment.status for row in rows)
    return [(s, counts[s]) for s in Status if counts[s]]


def status_summary(rows: Iterable[ReportRow], lang: str) -> str:
    """E.g. "▲ 3 on track · ◐ 1 needs acceleration · ? 2 insufficient data"."""
    return " · ".join(
        f"{STATUS_SYMBOLS[s]} {n} {status_label(s, lang)}" for s, n in count_statuses(rows)
    )


def display_decimals(indicator: Indicator) -> int:
    if indicator.decimals is not None:
        return indicator.decimals
    return DEFAULT_DECIMALS_BY_UNIT.get(indicator.unit, FALLBACK_DECIMALS)


def _int(x: int | None) -> int | None:
    return None if x is None else int(x)


def _percent(s: str, lang: str) -> str:
    # Finnish puts a (non-breaking) space before the percent sign.
    return f"{s}\u00a0%" if lang == "fi" else f"{s}%"


def format_value(x: float | None, indicator: Indicator, lang: str, *, sign: bool = False) -> str:
    """A value in the indicator's unit and precision ("22.9%", "12,345"); "—" for None."""
    x = finite(x)
    if x is None:
        return NO_VALUE
    s = format_number(x, display_decimals(indicator), lang, sign=sign)
    return _percent(s, lang) if indicator.unit == "percent" else s


def _rate_number(fraction: float | None, lang: str) -> str:
    """A yearly growth rate given as a fraction, in percent with its sign: 0.0283 -> "+2.8"."""
    return format_rate(fraction, 1, lang)


def value_cell(row: ReportRow, year: int, lang: str) -> Cell:
    """The assessed value with its marker (ᵖ, ᵉ) and its year when older than ``year``."""
    a = row.assessment
    if finite(a.value) is None:
        return (NO_VALUE,)
    value = format_value(a.value, row.indicator, lang) + VALUE_MARKERS.get(a.value_status or "", "")
    if a.year is not None and a.year != year:
        return (value, f"({a.year})")
    return (value,)


def change_cell(row: ReportRow, lang: str) -> Cell:
    """Absolute change with its sign (percentage points for percents) and the relative change,
    then "vs 2020" when the previous observation is not from the year before."""
    a = row.assessment
    change = finite(a.change)
    if change is None:
        return (NO_VALUE,)
    indicator = row.indicator
    if indicator.unit == "percent":
        absolute = format_number(change, display_decimals(indicator), lang, sign=True)
        absolute += text(lang, "pp")
    else:
        absolute = format_value(change, indicator, lang, sign=True)
    parts = [absolute]
    pct = finite(a.change_pct)
    if pct is not None:
        parts.append(f"({_percent(format_number(pct, 1, lang, sign=True), lang)})")
    if a.year is not None and a.previous_year is not None and a.previous_year != a.year - 1:
        parts.append(f"{text(lang, 'vs')} {a.previous_year}")  # a gap in the series
    return tuple(parts)


def target_cell(row: ReportRow, lang: str) -> Cell:
    """ "30.0% @ 2035", with ᶠ when the target is a forecast."""
    target = row.assessment.target
    if target is None:
        return (NO_VALUE,)
    marker = FORECAST_MARKER if target.kind == "forecast" else ""
    return (format_value(target.value, row.indicator, lang), f"@ {target.year}{marker}")


def actual_pace(a: Assessment) -> float | None:
    """The growth rate behind the status (``a.pace`` is the pace the engine actually used)."""
    return a.fitted_cagr if a.pace is Pace.FITTED else a.cagr


def pace_cell(row: ReportRow, lang: str) -> Cell:
    """Growth per year needed vs actual, in percent: "+2.4 vs +2.8"; "—" when neither is known.

    The unit (%/y) is in the column header. "Actual" is the pace the status was judged by.
    """
    a = row.assessment
    needed, actual = finite(a.required_cagr), finite(actual_pace(a))
    if needed is None and actual is None:
        return (NO_VALUE,)
    return (_rate_number(needed, lang), f"{text(lang, 'vs')} {_rate_number(actual, lang)}")


def projection_cell(row: ReportRow, lang: str) -> Cell:
    return (format_value(row.assessment.projected_value, row.indicator, lang),)


def status_cell(row: ReportRow, lang: str) -> Cell:
    """The status symbol glued to the first word of its label, then the other words."""
    a = row.assessment
    first, *rest = status_label(a.status, lang).split() or [""]
    return (f"{STATUS_SYMBOLS[a.status]} {first}", *rest)


def legend_lines(ctx: ReportContext) -> list[str]:
    """Symbols, markers and the method, one topic per line."""
    lang = ctx.lang
    symbols = " · ".join(f"{STATUS_SYMBOLS[s]} {status_label(s, lang)}" for s in Status)
    markers = " · ".join(
        [
            f"{VALUE_MARKERS['provisional']} {text(lang, 'provisional')}",
            f"{VALUE_MARKERS['estimated']} {text(lang, 'estimated')}",
            f"{FORECAST_MARKER} {text(lang, 'forecast')}",
            text(lang, "older"),
        ]
    )
    notes = f"{text(lang, 'pace_note')} · {text(lang, 'projection_note')}"
    method = (
        f"{text(lang, 'year')} {ctx.year} · {text(lang, 'method')}: "
        f"{method_note(ctx.method, ctx.pace, lang)}"
    )
    return [symbols, markers, notes, method]


# --- JSON ----------------------------------------------------------------------------------


def _indicator_json(row: ReportRow, lang: str) -> dict[str, Any]:
    # Field order follows report_document.ReportIndicator; a test checks both stay in step.
    a, indicator = row.assessment, row.indicator
    target = a.target
    target_json = (
        None
        if target is None or finite(target.value) is None
        else {"value": float(target.value), "year": int(target.year), "kind": target.kind}
    )
    return {
        "id": indicator.id,
        "goal": indicator.goal,
        "name": localize(indicator.name, lang),
        "unit": indicator.unit,
        "direction": indicator.direction,
        "decimals": display_decimals(indicator),
        "year": _int(a.year),
        "value": finite(a.value),
        "value_status": a.value_status,
        "previous_year": _int(a.previous_year),
        "previous_value": finite(a.previous_value),
        "change": finite(a.change),
        "change_pct": finite(a.change_pct),
        "base_year": _int(a.base_year),
        "base_value": finite(a.base_value),
        "cagr": finite(a.cagr),
        "fitted_cagr": finite(a.fitted_cagr),
        "target": target_json,
        "required_cagr": finite(a.required_cagr),
        "ratio": finite(a.ratio),
        "path_value": finite(a.path_value),
        "projected_value": finite(a.projected_value),
        "eta_year": _int(a.eta_year),
        "status": str(a.status),
        "status_label": status_label(a.status, lang),
        "method_class": a.method_class,
        "reason": a.reason,
        "deviation": finite(a.deviation),
        "annual_change": finite(a.annual_change),
    }


def build_report_document(ctx: ReportContext) -> dict[str, Any]:
    """The report JSON as plain dicts (fast: no pydantic on this path), per
    ``report_document.ReportDocument``."""
    lang = ctx.lang
    rows = build_rows(ctx)
    programme = ctx.catalog.programme
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "tool_version": ctx.tool_version,
        "programme": {"id": programme.id, "name": localize(programme.name, lang)},
        "year": ctx.year,
        "method": str(ctx.method),
        "pace": str(ctx.pace),
        "lang": lang,
        "goals": [
            {"id": g.id, "number": g.number, "name": localize(g.name, lang)}
            for g in ctx.catalog.goals
        ],
        "indicators": [_indicator_json(row, lang) for row in rows],
    }


def render_json(ctx: ReportContext, out: TextIO, *, color: bool, width: int | None) -> None:
    document = build_report_document(ctx)
    out.write(json.dumps(document, allow_nan=False, ensure_ascii=False, indent=2) + "\n")


# --- CSV -----------------------------------------------------------------------------------

CSV_COLUMNS: tuple[str, ...] = (
    "goal_number",
    "goal",
    "id",
    "name",
    "unit",
    "year",
    "value",
    "value_status",
    "previous_year",
    "previous_value",
    "change",
    "change_pct",
    "target_value",
    "target_year",
    "target_kind",
    "required_cagr",
    "cagr",
    "fitted_cagr",
    "ratio",
    "projected_value",
    "eta_year",
    "status",
    "status_label",
    "method_class",
)


def _csv_row(row: ReportRow, lang: str) -> list[object]:
    a, indicator, target = row.assessment, row.indicator, row.assessment.target
    has_target = target is not None and finite(target.value) is not None
    cells: list[object] = [
        row.goal.number,
        row.goal.id,
        indicator.id,
        localize(indicator.name, lang),
        indicator.unit,
        _int(a.year),
        finite(a.value),
        a.value_status,
        _int(a.previous_year),
        finite(a.previous_value),
        finite(a.change),
        finite(a.change_pct),
        float(target.value) if target is not None and has_target else None,
        int(target.year) if target is not None and has_target else None,
        target.kind if target is not None and has_target else None,
        finite(a.required_cagr),
        finite(a.cagr),
        finite(a.fitted_cagr),
        finite(a.ratio),
        finite(a.projected_value),
        _int(a.eta_year),
        str(a.status),
        status_label(a.status, lang),
        a.method_class,
    ]
    return ["" if c is None else c for c in cells]


def render_csv(ctx: ReportContext, out: TextIO, *, color: bool, width: int | None) -> None:
    # "\n", not csv's default "\r\n": ``out`` is a text stream that already translates line
    # endings where the platform wants it (a Windows console would otherwise get "\r\r\n").
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_row(row, ctx.lang) for row in build_rows(ctx))


# --- Markdown ------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|"} | {"\n": " ", "\r": " "})


def markdown_escape(s: str) -> str:
    """Escape what would break a GitHub table cell or start formatting; newlines -> spaces."""
    return s.translate(_MARKDOWN_SPECIAL)


def _markdown_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render_markdown(ctx: ReportContext, out: TextIO, *, color: bool, width: int | None) -> None:
    lang = ctx.lang
    header = column_headers(lang, ctx.year, trend=False)
    align = ["---", "--:", "--:", "--:", "--:", "--:", "---"]
    sections = group_by_goal(build_rows(ctx), ctx.catalog)
    lines: list[str] = []
    if not sections:
        lines += [text(lang, "no_indicators"), ""]
    for goal, rows in sections:
        lines += [f"### {goal.number}. {markdown_escape(localize(goal.name, lang))}", ""]
        lines += [_markdown_row(header), _markdown_row(align)]
        lines += [
            _markdown_row(
                markdown_escape(" ".join(cell))
                for cell in (
                    (localize(row.indicator.name, lang),),
                    value_cell(row, ctx.year, lang),
                    change_cell(row, lang),
                    target_cell(row, lang),
                    pace_cell(row, lang),
                    projection_cell(row, lang),
                    status_cell(row, lang),
                )
            )
            for row in rows
        ]
        lines += ["", f"_{markdown_escape(status_summary(rows, lang))}_", ""]
    lines += [f"- {markdown_escape(line)}" for line in legend_lines(ctx)]
    out.write("\n".join(lines).rstrip() + "\n")


# --- the table and the registry ------------------------------------------------------------


def render_table(ctx: ReportContext, out: TextIO, *, color: bool, width: int | None) -> None:
    from intl_tracker.report_table import render_rich_table  # Rich only when a table is asked

    render_rich_table(ctx, out, color=color, width=width)


RENDERERS: dict[ReportFormat, Renderer] = {
    ReportFormat.TABLE: render_table,
    ReportFormat.JSON: render_json,
    ReportFormat.CSV: render_csv,
    ReportFormat.MARKDOWN: render_markdown,
}


def render_report(
    ctx: ReportContext, fmt: ReportFormat, out: TextIO, *, color: bool, width: int | None = None
) -> None:
    """Write the report to ``out`` in ``fmt``; ``color`` and ``width`` only affect the table.

    Raises ValueError when an assessment does not match the catalog (see ``build_rows``).
    """
    RENDERERS[fmt](ctx, out, color=color, width=width)
