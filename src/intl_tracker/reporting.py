"""Render a report of assessed indicators as JSON, CSV, Markdown or a terminal table.

JSON, CSV and Markdown are written here with the standard library only; the Rich table lives in
``report_table.py`` and is imported only when it is asked for, so ``--format json`` stays light.
The JSON document is a versioned contract (``JSON_SCHEMA_VERSION``) described by the pydantic
models below; see README.md ("Report JSON").
"""

from __future__ import annotations

import csv
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal, Protocol, TextIO

from pydantic import BaseModel, ConfigDict, Field

from intl_tracker.assessment import Assessment
from intl_tracker.comparing import Comparison, Movement, count_movements
from intl_tracker.formatting import NO_NUMBER, finite, format_number, format_rate
from intl_tracker.models import Catalog, Direction, Goal, Indicator, Source, TargetKind, localize
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
    #: With ``--compare``: one comparison per assessment, same order; and the earlier year.
    comparisons: list[Comparison] | None = None
    compare_year: int | None = None


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


# --- the JSON document ---------------------------------------------------------------------

FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]


class _Document(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReportProgramme(_Document):
    id: str
    name: str = Field(description="In the report language.")


class ReportGoal(_Document):
    id: str
    number: int
    name: str = Field(description="In the report language.")


class ReportTarget(_Document):
    value: FiniteFloat
    year: int
    kind: TargetKind = Field(description="target: a commitment; forecast: a projection.")


class ReportSource(_Document):
    publisher: str | None
    title: str | None
    url: str | None
    note: str | None


class ReportComparison(_Document):
    year: int = Field(description="The earlier report year (--compare).")
    value_year: int | None = Field(description="Year of the value assessed then.")
    value: FiniteFloat | None
    status: Status
    status_label: str
    trend_only: bool
    stale: bool
    movement: Movement = Field(
        description="improved, worsened, unchanged, or not_comparable (insufficient data "
        "either year, or a trend-only status against a target-based one)."
    )


class ReportSummaryRow(_Document):
    status: Status
    current: int = Field(description="Rows with this status whose value is not stale.")
    stale: int = Field(description="Rows with this status whose value is stale.")
    trend_only: int = Field(description="Of all rows with this status, judged without a target.")


class ReportIndicator(_Document):
    id: str
    goal: str = Field(description="Id of the indicator's goal (see goals).")
    name: str = Field(description="In the report language.")
    unit: str = Field(description="percent | count | rank | eur | index | any other word.")
    direction: Direction = Field(description="Which way is progress.")
    decimals: int = Field(description="Display precision: the definition's, else the unit's.")
    year: int | None = Field(description="Year of the assessed value (latest <= report year).")
    value: FiniteFloat | None
    value_status: Literal["final", "provisional", "estimated"] | None
    previous_year: int | None = Field(description="Year of the observation before `year`.")
    previous_value: FiniteFloat | None
    change: FiniteFloat | None = Field(description="value - previous_value, in the unit.")
    change_pct: FiniteFloat | None = Field(
        description="Relative change from previous_value, in percent (6.0 = +6 %)."
    )
    base_year: int | None = Field(description="Start of the assessed period.")
    base_value: FiniteFloat | None
    cagr: FiniteFloat | None = Field(
        description="Compound annual growth rate from base to year, as a fraction (0.028)."
    )
    fitted_cagr: FiniteFloat | None = Field(
        description="Growth rate fitted through every point of the period, as a fraction."
    )
    target: ReportTarget | None = Field(description="The target the status was judged against.")
    required_cagr: FiniteFloat | None = Field(
        description="Growth rate needed from the base to reach the target on time, a fraction."
    )
    ratio: FiniteFloat | None = Field(
        description="The method's progress ratio (R for ratio, CR for unsd), else null."
    )
    path_value: FiniteFloat | None = Field(
        description="Value on the straight line from base to target in `year`."
    )
    projected_value: FiniteFloat | None = Field(
        description="Value in the target year if the current pace holds."
    )
    eta_year: int | None = Field(description="Year the target is reached at the current pace.")
    status: Status
    status_label: str = Field(description="Human label of the status, in the report language.")
    method_class: str = Field(description="The method's own class name for this status.")
    reason: str | None = Field(description="Why the status is what it is (e.g. missing data).")
    deviation: FiniteFloat | None = Field(
        description="dns only: shortfall of the projection, relative to the remaining distance."
    )
    annual_change: FiniteFloat | None = Field(
        description="dns only: linear average annual change over the last five years, in the unit."
    )
    value_age: int | None = Field(description="Report year minus `year`, in whole years.")
    stale: bool = Field(description="value_age is above stale_after.")
    stale_after: int = Field(description="The stale threshold in force for this indicator.")
    trend_only: bool = Field(
        description="The status was judged without a target, on the trend alone."
    )
    set_by_hand: bool = Field(description="The status was set by hand in the indicator file.")
    computed_status: Status | None = Field(
        description="With set_by_hand: the status the method gave (null: calculation off)."
    )
    status_rationale: str | None = Field(
        description="With set_by_hand: why, in the report language."
    )
    status_source: ReportSource | None = Field(description="With set_by_hand: on whose word.")
    calculated: bool = Field(description="false: the indicator turns progress calculation off.")
    clipped: list[str] = Field(
        description="Fields clipped to the indicator's possible values (projected_value, "
        "path_value)."
    )
    magnitudes: bool = Field(
        description="All values negative: assessed on their magnitudes, direction reversed."
    )
    flags: list[str] = Field(
        description="set_by_hand, not_calculated, stale, trend_only, clipped, magnitudes."
    )
    comparison: ReportComparison | None = Field(
        default=None, description="With --compare: the indicator as of the earlier year."
    )


class ReportDocument(_Document):
    """intl-tracker report JSON, schema_version 1."""

    model_config = ConfigDict(title="intl-tracker report")

    schema_version: Literal[1] = Field(
        description="Bumped only on breaking changes; additions keep the version."
    )
    tool_version: str
    programme: ReportProgramme
    year: int = Field(description="The report year asked for.")
    method: Method
    pace: Pace
    lang: str = Field(description="Language of names and labels.")
    goals: list[ReportGoal]
    indicators: list[ReportIndicator]
    compare_year: int | None = Field(default=None, description="The --compare year, else null.")
    summary: list[ReportSummaryRow] = Field(
        default_factory=list, description="Per status: current, stale and trend-only counts."
    )
    movements: dict[Movement, int] | None = Field(
        default=None, description="With --compare: how many indicators moved each way."
    )


def report_json_schema() -> dict[str, Any]:
    """The JSON Schema of the report JSON (for ``intl-tracker schema report``)."""
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


def _source_json(source: Source) -> dict[str, Any]:
    return {
        "publisher": source.publisher,
        "title": source.title,
        "url": source.url,
        "note": source.note,
    }


def _comparison_json(c: Comparison, year: int, lang: str) -> dict[str, Any]:
    then = c.earlier
    return {
        "year": year,
        "value_year": _int(then.year),
        "value": finite(then.value),
        "status": str(then.status),
        "status_label": status_label(then.status, lang),
        "trend_only": then.trend_only,
        "stale": then.stale,
        "movement": str(c.movement),
    }


def count_by_currency(rows: Iterable[ReportRow]) -> list[tuple[Status, int, int, int]]:
    """Per status (scale order, zeros left out): (status, current, stale, trend_only)."""
    counts: dict[Status, list[int]] = {}
    for row in rows:
        a = row.assessment
        n = counts.setdefault(a.status, [0, 0, 0])
        n[1 if a.stale else 0] += 1
        n[2] += a.trend_only
    return [(st, *_three(counts[st])) for st in Status if st in counts]


def _three(n: list[int]) -> tuple[int, int, int]:
    return n[0], n[1], n[2]


def _indicator_json(
    row: ReportRow, lang: str, comparison: tuple[Comparison, int] | None = None
) -> dict[str, Any]:
    # Field order follows ReportIndicator; a test checks both stay in step.
    a, indicator = row.assessment, row.indicator
    settings = indicator.assessment
    manual = settings.status if settings is not None and a.set_by_hand else None
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
        "value_age": _int(a.value_age),
        "stale": a.stale,
        "stale_after": a.stale_after,
        "trend_only": a.trend_only,
        "set_by_hand": a.set_by_hand,
        "computed_status": None if a.computed_status is None else str(a.computed_status),
        "status_rationale": None if manual is None else localize(manual.rationale, lang),
        "status_source": None if manual is None else _source_json(manual.source),
        "calculated": a.calculated,
        "clipped": list(a.clipped),
        "magnitudes": a.magnitudes,
        "flags": list(a.flags),
        "comparison": None if comparison is None else _comparison_json(*comparison, lang),
    }


def build_report_document(ctx: ReportContext) -> dict[str, Any]:
    """The report JSON as plain dicts (fast: no pydantic on this path), per ReportDocument."""
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
        "indicators": [
            _indicator_json(row, lang, None if c is None else (c, ctx.compare_year or 0))
            for row, c in zip(rows, _comparisons(ctx, rows), strict=True)
        ],
        "compare_year": ctx.compare_year,
        "summary": [
            {"status": str(st), "current": cur, "stale": old, "trend_only": trend}
            for st, cur, old, trend in count_by_currency(rows)
        ],
        "movements": None
        if ctx.comparisons is None
        else {str(m): n for m, n in count_movements(ctx.comparisons)},
    }


def _comparisons(ctx: ReportContext, rows: list[ReportRow]) -> list[Comparison | None]:
    """The comparison of each row (None for every row without --compare)."""
    if ctx.comparisons is None:
        return [None] * len(rows)
    by_id = {c.indicator_id: c for c in ctx.comparisons}
    return [by_id.get(row.indicator.id) for row in rows]


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
    # added for issue 10 (columns are only ever added at the end)
    "direction",
    "value_age",
    "stale",
    "base_year",
    "base_value",
    "pace",
    "path_value",
    "annual_change",
    "deviation",
    "trend_only",
    "set_by_hand",
    "flags",
    "reason",
)

#: Extra columns with --compare.
CSV_COMPARE_COLUMNS: tuple[str, ...] = (
    "compare_year",
    "earlier_year",
    "earlier_value",
    "earlier_status",
    "movement",
)

#: Significant digits of a computed number in CSV (a rate, a projection): enough for any
#: re-derivation, few enough that 0.1 + 0.2 reads 0.3.
CSV_SIGNIFICANT_DIGITS = 12


def csv_number(x: float | int | None, *, written: bool = False) -> str:
    """A number for a spreadsheet: "" for None; an integral value without ".0"; a number from
    the data (``written``) exactly as its shortest repr; a computed one to 12 significant
    digits, so binary noise (-0.7000000000000002) does not show. Never an exponent."""
    if x is None or not math.isfinite(x):
        return ""
    if float(x).is_integer():
        return str(int(x))
    text = repr(float(x)) if written else f"{x:.{CSV_SIGNIFICANT_DIGITS}g}"
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def _difference(a: float | None, b: float | None) -> str:
    """a - b of two numbers from the data, exactly in decimal (20.3 - 21 = -0.7)."""
    if a is None or b is None:
        return ""
    return csv_number(float(Decimal(repr(a)) - Decimal(repr(b))), written=True)


def _csv_bool(x: bool) -> str:
    return "true" if x else "false"


def _csv_row(
    row: ReportRow, lang: str, comparison: Comparison | None, compare_year: int | None
) -> list[str]:
    a, indicator, target = row.assessment, row.indicator, row.assessment.target
    has_target = target is not None and finite(target.value) is not None
    cells: list[str] = [
        str(row.goal.number),
        row.goal.id,
        indicator.id,
        localize(indicator.name, lang),
        indicator.unit,
        csv_number(a.year),
        csv_number(a.value, written=True),
        a.value_status or "",
        csv_number(a.previous_year),
        csv_number(a.previous_value, written=True),
        _difference(a.value, a.previous_value),
        csv_number(a.change_pct),
        csv_number(target.value, written=True) if target is not None and has_target else "",
        str(target.year) if target is not None and has_target else "",
        target.kind if target is not None and has_target else "",
        csv_number(a.required_cagr),
        csv_number(a.cagr),
        csv_number(a.fitted_cagr),
        csv_number(a.ratio),
        csv_number(a.projected_value),
        csv_number(a.eta_year),
        str(a.status),
        status_label(a.status, lang),
        a.method_class,
        indicator.direction,
        csv_number(a.value_age),
        _csv_bool(a.stale),
        csv_number(a.base_year),
        csv_number(a.base_value, written=True),
        str(a.pace),
        csv_number(a.path_value),
        csv_number(a.annual_change),
        csv_number(a.deviation),
        _csv_bool(a.trend_only),
        _csv_bool(a.set_by_hand),
        " ".join(a.flags),
        a.reason or "",
    ]
    if compare_year is not None:
        then = comparison.earlier if comparison is not None else None
        cells += [
            str(compare_year),
            "" if then is None else csv_number(then.year),
            "" if then is None else csv_number(then.value, written=True),
            "" if then is None else str(then.status),
            "" if comparison is None else str(comparison.movement),
        ]
    return cells


def render_csv(ctx: ReportContext, out: TextIO, *, color: bool, width: int | None) -> None:
    # "\n", not csv's default "\r\n": ``out`` is a text stream that already translates line
    # endings where the platform wants it (a Windows console would otherwise get "\r\r\n").
    writer = csv.writer(out, lineterminator="\n")
    rows = build_rows(ctx)
    compare_year = ctx.compare_year if ctx.comparisons is not None else None
    writer.writerow(CSV_COLUMNS + (CSV_COMPARE_COLUMNS if compare_year is not None else ()))
    writer.writerows(
        _csv_row(row, ctx.lang, c, compare_year)
        for row, c in zip(rows, _comparisons(ctx, rows), strict=True)
    )


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
