"""`intl-tracker show ID`: one indicator with every number behind its status.

The table view is a definition panel, the full series with each value's flag and change, the
assessment under every method side by side (the audit trail Statistics Canada publishes as
calculation components) and a character-grid chart. The JSON view carries the same numbers.

Data goes to ``out`` only. Without colour nothing here writes an escape sequence or box art;
user strings never pass through Rich markup (they are wrapped in :class:`rich.text.Text` or
escaped), and JSON never passes through Rich at all.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import json
import math
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from intl_tracker import __version__
from intl_tracker.assessment import Assessment, TargetRef
from intl_tracker.consoles import build_console
from intl_tracker.formatting import NO_NUMBER, finite, format_number, format_rate
from intl_tracker.models import Catalog, Indicator, Source, localize
from intl_tracker.vocabulary import STATUS_STYLES, Method, Status, status_label

SCHEMA_VERSION = 1
MAX_WIDTH = 100

# --------------------------------------------------------------------------------------------
# Words


METHOD_NAMES: dict[str, dict[Method, str]] = {
    "en": {
        Method.RATIO: "ratio method (Eurostat / Statistics Canada)",
        Method.UNSD: "UN progress chart (UNSD)",
        Method.DNS: "German sustainability strategy (DNS)",
    },
    "fi": {
        Method.RATIO: "suhdemenetelmä (Eurostat / Kanadan tilastovirasto)",
        Method.UNSD: "YK:n edistymiskaavio (UNSD)",
        Method.DNS: "Saksan kestävän kehityksen strategia (DNS)",
    },
}

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "name": "Name",
        "goal": "Goal",
        "objectives": "Objectives",
        "definition": "Definition",
        "unit": "Unit",
        "direction": "Direction",
        "increase": "increase (higher is better)",
        "decrease": "decrease (lower is better)",
        "baseline": "Base year",
        "responsible": "Responsible",
        "source": "Source",
        "targets": "Targets",
        "no_targets": "No target: the status is judged on the trend alone.",
        "value": "Value",
        "year": "Year",
        "kind": "Kind",
        "target": "target",
        "forecast": "forecast",
        "note": "Note",
        "notes": "Notes",
        "values": "Values",
        "no_values": "No values yet.",
        "change": "Change",
        "change_pct": "Change %",
        "flag": "Flag",
        "final": "final",
        "provisional": "provisional",
        "estimated": "estimated",
        "role": "",
        "base": "base",
        "assessed": "assessed",
        "since": "since",
        "assessment": "Assessment with data up to {year}",
        "status": "Status",
        "method_class": "Method's own class",
        "reason": "Reason",
        "assessed_value": "Assessed value",
        "previous_value": "Previous value",
        "base_value": "Base value",
        "cagr": "CAGR, two-point",
        "fitted_cagr": "CAGR, fitted (all points)",
        "required_cagr": "Required CAGR",
        "pace": "Pace used",
        "ratio": "Progress ratio (R, CR)",
        "deviation": "DNS: deviation",
        "annual_change": "DNS: average change",
        "path_value": "On the straight path",
        "projected_value": "Projected at current pace",
        "eta_year": "Target reached in",
        "selected": "selected",
        "chart": "Chart",
        "series": "values",
        "hollow": "estimated / provisional",
        "path": "path {base}→{target}",
        "projection": "projection at current pace",
        "per_year": "/yr",
        "in_year": "in {year}",
        "by_year": "by {year}",
        "not_assessable": "not assessable",
        "no_chart": "No values to draw.",
        "move": "{year}: {pct} % on {previous}",
        "publisher": "Publisher",
        "title": "Title",
        "url": "URL",
    },
    "fi": {
        "name": "Nimi",
        "goal": "Tavoite",
        "objectives": "Alatavoitteet",
        "definition": "Määritelmä",
        "unit": "Yksikkö",
        "direction": "Suunta",
        "increase": "kasvu (suurempi on parempi)",
        "decrease": "lasku (pienempi on parempi)",
        "baseline": "Perusvuosi",
        "responsible": "Vastuutaho",
        "source": "Lähde",
        "targets": "Tavoitearvot",
        "no_targets": "Ei tavoitearvoa: tila arvioidaan pelkän kehityssuunnan perusteella.",
        "value": "Arvo",
        "year": "Vuosi",
        "kind": "Laji",
        "target": "tavoite",
        "forecast": "ennuste",
        "note": "Huomautus",
        "notes": "Huomautukset",
        "values": "Arvot",
        "no_values": "Ei vielä arvoja.",
        "change": "Muutos",
        "change_pct": "Muutos %",
        "flag": "Tila",
        "final": "lopullinen",
        "provisional": "ennakkotieto",
        "estimated": "arvio",
        "role": "",
        "base": "perus",
        "assessed": "arvioitu",
        "since": "vuodesta",
        "assessment": "Arvio vuoden {year} tiedoilla",
        "status": "Tila",
        "method_class": "Menetelmän oma luokka",
        "reason": "Syy",
        "assessed_value": "Arvioitu arvo",
        "previous_value": "Edellinen arvo",
        "base_value": "Perusarvo",
        "cagr": "Keskikasvu, kaksi pistettä",
        "fitted_cagr": "Keskikasvu, sovitettu",
        "required_cagr": "Vaadittu keskikasvu",
        "pace": "Käytetty vauhti",
        "ratio": "Edistymissuhde (R, CR)",
        "deviation": "DNS: poikkeama",
        "annual_change": "DNS: keskimuutos",
        "path_value": "Suoralla uralla",
        "projected_value": "Ennuste nykyvauhdilla",
        "eta_year": "Tavoite saavutetaan",
        "selected": "valittu",
        "chart": "Kuvaaja",
        "series": "arvot",
        "hollow": "arvio / ennakkotieto",
        "path": "ura {base}→{target}",
        "projection": "ennuste nykyvauhdilla",
        "per_year": "/v",
        "in_year": "vuonna {year}",
        "by_year": "vuoteen {year} mennessä",
        "not_assessable": "ei arvioitavissa",
        "no_chart": "Ei piirrettäviä arvoja.",
        "move": "{year}: {pct} % vuodesta {previous}",
        "publisher": "Julkaisija",
        "title": "Nimike",
        "url": "URL",
    },
}

_UNIT_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "percent": "percent (%)",
        "count": "count",
        "rank": "rank",
        "eur": "euros (EUR)",
        "index": "index",
    },
    "fi": {
        "percent": "prosenttia (%)",
        "count": "lukumäärä",
        "rank": "sijoitus",
        "eur": "euroa (EUR)",
        "index": "indeksi",
    },
}

KNOWN_UNITS = frozenset(_UNIT_LABELS["en"])
_UNIT_SUFFIX = {"percent": " %", "eur": " €"}


def word(key: str, lang: str, **fields: object) -> str:
    """A label in ``lang`` (Finnish or English), with ``{fields}`` filled in."""
    text = _WORDS.get(lang, _WORDS["en"]).get(key) or _WORDS["en"][key]
    return text.format(**fields) if fields else text


def method_name(method: Method, lang: str) -> str:
    return METHOD_NAMES.get(lang, METHOD_NAMES["en"])[method]


def unit_label(unit: str, lang: str) -> str:
    return _UNIT_LABELS.get(lang, _UNIT_LABELS["en"]).get(unit, unit)


def unit_suffix(unit: str) -> str:
    return _UNIT_SUFFIX.get(unit, "")


# --------------------------------------------------------------------------------------------
# Numbers


def format_fraction(value: float | None, lang: str, *, sign: bool = True) -> str:
    """A fraction as a percentage: 0.0283 -> '+2.83 %'; '\u2014' for none."""
    if finite(value) is None:
        return NO_NUMBER
    return format_rate(value, 2, lang, sign=sign) + " %"


# --------------------------------------------------------------------------------------------
# The context and the series


@dataclass(frozen=True)
class ShowContext:
    """Everything `show` renders: one indicator of a catalog, assessed under every method."""

    catalog: Catalog
    indicator: Indicator
    assessments: Mapping[Method, Assessment]
    method: Method
    year: int
    lang: str = "en"

    @property
    def selected(self) -> Assessment | None:
        return self.assessments.get(self.method)


@dataclass(frozen=True, slots=True)
class ValueRow:
    """One observation with its change from the observation before it."""

    year: int
    value: float
    status: str
    note: str | None
    previous_year: int | None
    change: float | None
    change_pct: float | None


def value_rows(indicator: Indicator) -> list[ValueRow]:
    """The series in year order; change and change_pct (in percent) against the previous value."""
    rows: list[ValueRow] = []
    previous: tuple[int, float] | None = None
    for year, obs in indicator.series():
        change = change_pct = None
        if previous is not None:
            change = finite(obs.value - previous[1])
            if previous[1] != 0:
                change_pct = finite(100.0 * (obs.value - previous[1]) / abs(previous[1]))
        rows.append(
            ValueRow(
                year=year,
                value=obs.value,
                status=obs.status,
                note=obs.note,
                previous_year=previous[0] if previous else None,
                change=change,
                change_pct=change_pct,
            )
        )
        previous = (year, obs.value)
    return rows


# --------------------------------------------------------------------------------------------
# JSON


def _jsonable(value: Any) -> Any:
    """Plain JSON types only: enums to their value, non-finite floats to null."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, float):
        return finite(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, Mapping):
        return {str(_jsonable(k)): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def show_document(context: ShowContext) -> dict[str, Any]:
    """The `show --format json` document (schema_version 1)."""
    indicator = context.indicator
    goal = context.catalog.goal(indicator.goal)
    definition = indicator.model_dump(mode="json", exclude={"values"})
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool_version": __version__,
        "programme": {"id": context.catalog.programme.id, "name": context.catalog.programme.name},
        "year": context.year,
        "lang": context.lang,
        "selected_method": context.method.value,
        "indicator": definition,
        "goal": None
        if goal is None
        else {
            "id": goal.id,
            "number": goal.number,
            "name": goal.name,
            "objectives": [
                {"id": o.id, "text": o.text}
                for o in goal.objectives
                if o.id in indicator.objectives
            ],
        },
        "values": [
            {
                "year": row.year,
                "value": row.value,
                "status": row.status,
                "note": row.note,
                "previous_year": row.previous_year,
                "change": row.change,
                "change_pct": row.change_pct,
            }
            for row in value_rows(indicator)
        ],
        "assessments": {
            method.value: {
                **_jsonable(context.assessments[method]),
                "status_label_localized": status_label(
                    context.assessments[method].status, context.lang
                ),
            }
            for method in Method
            if method in context.assessments
        },
    }
    return dict(_jsonable(document))


def render_json(context: ShowContext, out: TextIO) -> None:
    text = json.dumps(show_document(context), allow_nan=False, ensure_ascii=False, indent=2)
    out.write(text + "\n")


# --------------------------------------------------------------------------------------------
# Chart geometry, shared by the terminal chart and the image (charts.py)


@dataclass(frozen=True, slots=True)
class ChartPoint:
    year: int
    value: float
    status: str


@dataclass(frozen=True, slots=True)
class ChartGeometry:
    """What both charts draw, in data coordinates."""

    points: list[ChartPoint]
    targets: list[TargetRef]
    target: TargetRef | None  # the one the selected status was judged against
    path: list[tuple[float, float]]  # base -> target, straight
    projection: list[tuple[float, float]]  # latest -> target year, at the current pace
    assessed: tuple[int, float] | None
    biggest_move: ValueRow | None  # the largest year-over-year swing, when it is dramatic

    @property
    def x_range(self) -> tuple[float, float]:
        xs = [float(p.year) for p in self.points] + [float(t.year) for t in self.targets]
        xs += [x for x, _ in self.path] + [x for x, _ in self.projection]
        lo, hi = min(xs, default=0.0), max(xs, default=1.0)
        return (lo - 1, hi + 1) if hi - lo < 1 else (lo, hi)

    @property
    def y_values(self) -> list[float]:
        ys = [p.value for p in self.points] + [t.value for t in self.targets]
        return ys + [y for _, y in self.path] + [y for _, y in self.projection]


DRAMATIC_CHANGE_PCT = 25.0
INTEGER_UNITS = frozenset({"count", "rank"})


def chart_geometry(context: ShowContext) -> ChartGeometry:
    indicator = context.indicator
    points = [ChartPoint(y, o.value, o.status) for y, o in indicator.series()]
    targets = [TargetRef(t.value, t.year, t.kind) for t in indicator.targets]
    a = context.selected
    target = a.target if a is not None else None
    path: list[tuple[float, float]] = []
    projection: list[tuple[float, float]] = []
    assessed: tuple[int, float] | None = None
    if a is not None and a.year is not None and finite(a.value) is not None:
        assessed = (a.year, float(a.value or 0.0))
    if a is not None and target is not None:
        base_value = finite(a.base_value)
        if a.base_year is not None and base_value is not None and a.base_year < target.year:
            path = [(float(a.base_year), base_value), (float(target.year), target.value)]
        projected = finite(a.projected_value)
        if assessed is not None and projected is not None and assessed[0] < target.year:
            projection = _projection(
                assessed, (target.year, projected), geometric=a.method != Method.DNS
            )
    # a swing stands out only against a series of at least three values
    rows = value_rows(indicator)
    moves = [r for r in rows if r.change_pct is not None] if len(rows) >= 3 else []
    biggest = max(moves, key=lambda r: abs(r.change_pct or 0.0), default=None)
    if biggest is not None and abs(biggest.change_pct or 0.0) < DRAMATIC_CHANGE_PCT:
        biggest = None
    return ChartGeometry(points, targets, target, path, projection, assessed, biggest)


def _projection(
    start: tuple[int, float], end: tuple[int, float], *, geometric: bool
) -> list[tuple[float, float]]:
    """The curve from the latest value to the projected one: compound growth (ratio, unsd) or a
    straight line (dns, or when a value is not positive)."""
    (x0, y0), (x1, y1) = start, end
    steps = max(1, (x1 - x0) * 8)
    curve: list[tuple[float, float]] = []
    for i in range(steps + 1):
        f = i / steps
        y = y0 * (y1 / y0) ** f if geometric and y0 > 0 and y1 > 0 else y0 + (y1 - y0) * f
        curve.append((x0 + (x1 - x0) * f, y))
    return curve


def nice_step(span: float, intervals: int) -> float:
    """The 1-2-2.5-5 step that cuts ``span`` into the number of pieces closest to
    ``intervals`` (on a tie, the larger step)."""
    raw = span / max(intervals, 1)
    if raw <= 0 or not math.isfinite(raw):
        return 1.0
    magnitude = 10.0 ** math.floor(math.log10(raw))
    candidates = [m * magnitude for m in (0.5, 1, 2, 2.5, 5, 10)]
    return min(candidates, key=lambda c: (abs(span / c - intervals), -c))


def y_bounds(
    values: Sequence[float], intervals: int = 5, *, integer: bool = False
) -> tuple[float, float, float]:
    """Axis bounds (lo, hi, step) on step multiples, with a little room beyond the data. Zero is
    included when every value is non-negative and the smallest is under half the largest, so a
    collapse looks like one. ``integer``: steps of at least 1 (counts, ranks)."""
    if not values:
        return 0.0, 1.0, 0.25
    lo, hi = min(values), max(values)
    if lo >= 0 and lo < 0.5 * hi:
        lo = 0.0
    pad = 0.04 * (hi - lo) if hi > lo else abs(hi) * 0.1 or 1.0
    hi += pad
    if lo != 0:
        lo = 0.0 if lo - pad < 0 <= lo else lo - pad
    step = nice_step(hi - lo, intervals)
    if integer:
        step = max(step, 1.0)
    return math.floor(lo / step + 1e-9) * step, math.ceil(hi / step - 1e-9) * step, step


def step_decimals(step: float) -> int:
    """Decimals needed to print multiples of ``step`` exactly."""
    for d in range(7):
        if abs(round(step, d) - step) < 1e-9 * max(1.0, abs(step)):
            return d
    return 6


# --------------------------------------------------------------------------------------------
# The terminal chart: braille dots on a character grid

_BRAILLE_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
_PATTERNS: dict[str, tuple[int, int]] = {"solid": (1, 0), "dashed": (4, 2), "dotted": (1, 3)}


class _Canvas:
    """Braille canvas: each cell is 2 dots wide and 4 high; layers keep their own colour."""

    def __init__(self, columns: int, rows: int) -> None:
        self.columns, self.rows = columns, rows
        self.layers: dict[str, list[list[int]]] = {}
        self.marks: dict[tuple[int, int], tuple[str, str]] = {}

    def dot(self, layer: str, px: float, py: float) -> None:
        ix, iy = round(px), round(py)
        if 0 <= ix < 2 * self.columns and 0 <= iy < 4 * self.rows:
            grid = self.layers.setdefault(layer, [[0] * self.columns for _ in range(self.rows)])
            grid[iy // 4][ix // 2] |= _BRAILLE_BITS[iy % 4][ix % 2]

    def polyline(self, layer: str, points: Sequence[tuple[float, float]], pattern: str) -> None:
        on, off = _PATTERNS[pattern]
        counter = 0
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            steps = max(1, math.ceil(max(abs(x1 - x0), abs(y1 - y0))))
            for i in range(1 if counter else 0, steps + 1):
                if counter % (on + off) < on:
                    self.dot(layer, x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps)
                counter += 1

    def mark(self, px: float, py: float, char: str, style: str) -> None:
        col, row = round(px) // 2, round(py) // 4
        if 0 <= col < self.columns and 0 <= row < self.rows:
            self.marks[(row, col)] = (char, style)

    def line(self, row: int, styles: Mapping[str, str]) -> Text:
        text = Text()
        for col in range(self.columns):
            if (row, col) in self.marks:
                char, style = self.marks[(row, col)]
                text.append(char, style)
                continue
            bits, style = 0, ""
            for layer, grid in self.layers.items():
                if grid[row][col]:
                    bits |= grid[row][col]
                    style = style or styles.get(layer, "")
            text.append(chr(0x2800 + bits) if bits else " ", style)
        return text


def _legend_sample(pattern: str, cells: int = 5) -> str:
    canvas = _Canvas(cells, 1)
    canvas.polyline("x", [(0.0, 1.0), (2.0 * cells - 1, 1.0)], pattern)
    return canvas.line(0, {}).plain


_LAYER_ORDER = ("series", "projection", "path")


def terminal_chart(context: ShowContext, width: int) -> list[Text]:
    """The chart as lines of styled text at most ``width`` cells wide."""
    lang = context.lang
    geometry = chart_geometry(context)
    if not geometry.points:
        return [Text(word("no_chart", lang))]
    decimals = context.indicator.decimals
    lo, hi, step = y_bounds(geometry.y_values, 5, integer=context.indicator.unit in INTEGER_UNITS)
    intervals = max(1, round((hi - lo) / step))
    rows_per = max(1, round(18 / intervals))
    rows = intervals * rows_per + 1
    tick_decimals = step_decimals(step)
    if decimals is not None:
        tick_decimals = min(tick_decimals, max(decimals, 0)) if step >= 1 else tick_decimals
    labels = {
        k * rows_per: format_number(hi - k * step, tick_decimals, lang)
        for k in range(intervals + 1)
    }
    label_width = max(len(s) for s in labels.values())
    columns = max(20, width - label_width - 3)
    x0, x1 = geometry.x_range

    def px(year: float) -> float:
        return 0.5 + (year - x0) / (x1 - x0) * 2 * (columns - 1)

    def py(value: float) -> float:
        return 1.5 + (hi - value) / (hi - lo) * 4 * (rows - 1)

    status = context.selected.status if context.selected else Status.INSUFFICIENT_DATA
    styles = {"series": "bold cyan", "path": "grey62", "projection": STATUS_STYLES[status]}
    canvas = _Canvas(columns, rows)
    canvas.polyline(
        "series", [(px(p.year), py(p.value)) for p in geometry.points], "solid"
    )  # drawn first so its dots win the colour where lines cross
    if geometry.path:
        canvas.polyline("path", [(px(x), py(y)) for x, y in geometry.path], "dashed")
    if geometry.projection:
        canvas.polyline("projection", [(px(x), py(y)) for x, y in geometry.projection], "dotted")
    canvas.layers = {k: canvas.layers[k] for k in _LAYER_ORDER if k in canvas.layers}
    for point in geometry.points:
        hollow = point.status != "final"
        canvas.mark(px(point.year), py(point.value), "○" if hollow else "●", "bold cyan")
    for target in geometry.targets:
        glyph = "◇" if target.kind == "forecast" else "◆"
        canvas.mark(px(target.year), py(target.value), glyph, "bold magenta")

    lines: list[Text] = []
    for row in range(rows):
        label = labels.get(row, "")
        axis = "┤" if row in labels else "│"
        line = Text(f"{label:>{label_width}} {axis}", "grey50")
        line.append_text(canvas.line(row, styles))
        lines.append(line)

    # x axis: a tick every year when there is room, a label every `every` years (at most 10)
    span = x1 - x0
    every = next(
        (
            s
            for s in (1, 2, 5, 10, 20, 25, 50, 100)
            if (columns - 1) * s / span >= 6 and span / s < 10
        ),
        100,
    )
    axis_chars = ["─"] * columns
    year_chars = [" "] * (columns + 4)
    if (columns - 1) / span >= 2:
        for year in range(math.ceil(x0), math.floor(x1) + 1):
            col = round(px(year)) // 2
            if 0 <= col < columns:
                axis_chars[col] = "┴"
    first = math.ceil(x0 / every) * every
    for year in range(int(first), int(x1) + 1, every):
        col = round(px(year)) // 2
        if 0 <= col < columns:
            axis_chars[col] = "┼"
            text = str(year)
            start = max(0, min(col - len(text) // 2 + 1, columns - len(text)))
            if all(c == " " for c in year_chars[max(0, start - 1) : start + len(text) + 1]):
                year_chars[start : start + len(text)] = list(text)
    lines.append(Text(" " * label_width + " └" + "".join(axis_chars), "grey50"))
    lines.append(Text(" " * (label_width + 2) + "".join(year_chars).rstrip(), "grey50"))
    lines.extend(_legend(context, geometry, styles, width))
    return lines


def _legend(
    context: ShowContext, geometry: ChartGeometry, styles: Mapping[str, str], width: int
) -> list[Text]:
    lang = context.lang
    unit = context.indicator.unit
    decimals = context.indicator.decimals
    items: list[Text] = [
        Text.assemble((_legend_sample("solid"), "bold cyan"), " ", word("series", lang))
    ]
    items.append(Text.assemble(("●", "bold cyan"), " ", word("final", lang)))
    if any(p.status != "final" for p in geometry.points):
        items.append(Text.assemble(("○", "bold cyan"), " ", word("hollow", lang)))
    a = context.selected
    if geometry.path and a is not None and a.base_year is not None and geometry.target:
        label = word("path", lang, base=a.base_year, target=geometry.target.year)
        items.append(Text.assemble((_legend_sample("dashed"), styles["path"]), " ", label))
    if geometry.projection and a is not None:
        pace = a.fitted_cagr if a.pace.value == "fitted" else a.cagr
        label = word("projection", lang)
        if a.method != Method.DNS and finite(pace) is not None:
            label += f" ({format_fraction(pace, lang)}{word('per_year', lang)})"
        items.append(Text.assemble((_legend_sample("dotted"), styles["projection"]), " ", label))
    move = geometry.biggest_move
    if move is not None and move.previous_year is not None:
        glyph = "▲" if (move.change_pct or 0) > 0 else "▼"
        label = word(
            "move",
            lang,
            year=move.year,
            pct=format_number(move.change_pct, 1, lang, sign=True),
            previous=move.previous_year,
        )
        items.append(Text.assemble((glyph, "bold"), " ", label))
    for target in geometry.targets:
        glyph = "◇" if target.kind == "forecast" else "◆"
        value = format_number(target.value, decimals, lang) + unit_suffix(unit)
        label = f"{value} {word('by_year', lang, year=target.year)} ({word(target.kind, lang)})"
        items.append(Text.assemble((glyph, "bold magenta"), " ", label))
    lines: list[Text] = []
    current = Text(" " * 2)
    for item in items:
        if current.cell_len + 3 + item.cell_len > width and current.plain.strip():
            lines.append(current)
            current = Text(" " * 2)
        if current.plain.strip():
            current.append("   ")
        current.append_text(item)
    lines.append(current)
    return lines


# --------------------------------------------------------------------------------------------
# The table view


def _source_text(source: Source | None) -> Text:
    if source is None:
        return Text(NO_NUMBER)
    parts = [p for p in (source.publisher, source.title) if p]
    text = Text(": ".join(parts), overflow="fold")
    if source.url:
        if parts:
            text.append("\n")
        text.append(source.url, "underline")
    if source.note:
        text.append("\n" + source.note, "italic")
    return text


def _table(color: bool, *columns: str, header: bool = True) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD if color else None,
        show_header=header,
        header_style="bold" if color else "",
        show_edge=False,
        pad_edge=False,
        padding=(0, 1),
        expand=False,
    )
    for column in columns:
        table.add_column(escape(column))
    return table


def _section(title: str, body: RenderableType, color: bool) -> RenderableType:
    if color:
        return Panel(body, title=Text(title, "bold"), title_align="left", box=box.ROUNDED)
    return Group(Text(title), Text("-" * len(title)), body)


def _definition(context: ShowContext, color: bool) -> RenderableType:
    lang = context.lang
    indicator = context.indicator
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold" if color else "", no_wrap=True)
    grid.add_column()
    for code, name in indicator.name.items():
        if code != lang:
            grid.add_row(Text(f"{word('name', lang)} ({code})"), Text(name, "italic"))
    goal = context.catalog.goal(indicator.goal)
    if goal is not None:
        grid.add_row(Text(word("goal", lang)), Text(f"{goal.number}. {localize(goal.name, lang)}"))
        texts = [localize(o.text, lang) for o in goal.objectives if o.id in indicator.objectives]
        if texts:
            grid.add_row(Text(word("objectives", lang)), Text("\n".join(f"• {t}" for t in texts)))
    else:
        grid.add_row(Text(word("goal", lang)), Text(indicator.goal))
    if indicator.definition:
        grid.add_row(Text(word("definition", lang)), Text(localize(indicator.definition, lang)))
    grid.add_row(Text(word("unit", lang)), Text(unit_label(indicator.unit, lang)))
    grid.add_row(Text(word("direction", lang)), Text(word(indicator.direction, lang)))
    if indicator.baseline is not None:
        grid.add_row(Text(word("baseline", lang)), Text(str(indicator.baseline)))
    if indicator.responsible:
        grid.add_row(Text(word("responsible", lang)), Text(localize(indicator.responsible, lang)))
    grid.add_row(Text(word("source", lang)), _source_text(indicator.source))
    title = f"{localize(indicator.name, lang)}  [{indicator.id}]"
    return _section(title, grid, color)


def _targets(context: ShowContext, color: bool) -> RenderableType:
    lang = context.lang
    indicator = context.indicator
    if not indicator.targets:
        return _section(word("targets", lang), Text(word("no_targets", lang)), color)
    table = _table(color, word("value", lang), word("year", lang), word("kind", lang))
    table.add_column(escape(word("source", lang)), ratio=1)
    for target in indicator.targets:
        source = _source_text(target.source)
        if target.note:
            source.append(("\n" if source.plain else "") + target.note, "italic")
        table.add_row(
            Text(
                format_number(target.value, indicator.decimals, lang) + unit_suffix(indicator.unit)
            ),
            Text(str(target.year)),
            Text(word(target.kind, lang)),
            source,
        )
    return _section(word("targets", lang), table, color)


def _values(context: ShowContext, color: bool) -> RenderableType:
    lang = context.lang
    indicator = context.indicator
    rows = value_rows(indicator)
    if not rows:
        return _section(word("values", lang), Text(word("no_values", lang)), color)
    a = context.selected
    table = _table(
        color,
        word("year", lang),
        word("value", lang),
        word("change", lang),
        word("change_pct", lang),
        word("flag", lang),
        word("role", lang),
    )
    for column in table.columns[1:4]:
        column.justify = "right"
    for row in rows:
        roles = []
        if a is not None and row.year == a.base_year:
            roles.append(word("base", lang))
        if a is not None and row.year == a.year:
            roles.append(word("assessed", lang))
        change = format_number(row.change, indicator.decimals, lang, sign=True)
        if row.previous_year is not None and row.previous_year != row.year - 1:
            change += f" ({word('since', lang)} {row.previous_year})"
        flag_style = "" if row.status == "final" else "yellow"
        dim = a is not None and a.year is not None and row.year > a.year
        table.add_row(
            Text(str(row.year)),
            Text(format_number(row.value, indicator.decimals, lang), "bold" if color else ""),
            Text(change),
            Text(format_number(row.change_pct, 1, lang, sign=True)),
            Text(word(row.status, lang), flag_style),
            Text(", ".join(roles), "bold" if roles else ""),
            style="dim" if dim else None,
        )
    notes = Table.grid(padding=(0, 2))
    notes.add_column(no_wrap=True)
    notes.add_column(overflow="fold")
    for row in rows:
        if row.note:
            notes.add_row(Text(str(row.year)), Text(row.note, overflow="fold"))
    body: list[RenderableType] = [table]
    if notes.row_count:
        body += [Text(""), Text(word("notes", lang), "bold" if color else ""), notes]
    title = f"{word('values', lang)} ({unit_label(indicator.unit, lang)})"
    return _section(title, Group(*body), color)


def _assessments(context: ShowContext, color: bool) -> RenderableType:
    lang = context.lang
    decimals = context.indicator.decimals
    suffix = unit_suffix(context.indicator.unit)
    methods = [m for m in Method if m in context.assessments]
    headers = [
        f"{m.value} ({word('selected', lang)})" if m == context.method else m.value for m in methods
    ]
    table = _table(color, "", *headers)
    table.columns[0].style = "bold" if color else ""
    table.columns[0].no_wrap = True
    for column, m in zip(table.columns[1:], methods, strict=True):
        if m == context.method and color:
            column.header_style = "bold reverse"

    def number(v: float | None) -> str:
        return NO_NUMBER if finite(v) is None else format_number(v, decimals, lang) + suffix

    def number_signed(v: float | None) -> str:
        if finite(v) is None:
            return NO_NUMBER
        shown = None if decimals is None else decimals + 1
        return format_number(v, shown, lang, sign=True) + suffix + word("per_year", lang)

    def at(v: float | None, year: int | None) -> str:
        if finite(v) is None:
            return NO_NUMBER
        return number(v) + ("" if year is None else f" ({year})")

    def cells(fn: Any) -> list[Text]:
        return [fn(context.assessments[m]) for m in methods]

    def status_cell(a: Assessment) -> Text:
        return Text(status_label(a.status, lang), "bold " + STATUS_STYLES[a.status])

    def target_cell(a: Assessment) -> Text:
        t = a.target
        if t is None:
            return Text(NO_NUMBER)
        return Text(f"{number(t.value)} ({t.year}, {word(t.kind, lang)})")

    def ratio_cell(a: Assessment) -> Text:
        return Text(format_number(a.ratio, 3, lang))

    def eta_cell(a: Assessment) -> Text:
        return Text(NO_NUMBER if a.eta_year is None else str(a.eta_year))

    row_specs: list[tuple[str, Any]] = [
        ("status", status_cell),
        ("method_class", lambda a: Text(a.method_class)),
        ("assessed_value", lambda a: Text(at(a.value, a.year))),
        ("previous_value", lambda a: Text(at(a.previous_value, a.previous_year))),
        ("base_value", lambda a: Text(at(a.base_value, a.base_year))),
        ("targets", target_cell),
        ("cagr", lambda a: Text(format_fraction(a.cagr, lang))),
        ("fitted_cagr", lambda a: Text(format_fraction(a.fitted_cagr, lang))),
        ("required_cagr", lambda a: Text(format_fraction(a.required_cagr, lang))),
        ("pace", lambda a: Text(a.pace.value)),
        ("ratio", ratio_cell),
        ("deviation", lambda a: Text(format_fraction(a.deviation, lang, sign=False))),
        ("annual_change", lambda a: Text(number_signed(a.annual_change))),
        ("path_value", lambda a: Text(at(a.path_value, a.year))),
        (
            "projected_value",
            lambda a: Text(at(a.projected_value, a.target.year if a.target else None)),
        ),
        ("eta_year", eta_cell),
        ("reason", lambda a: Text(a.reason or NO_NUMBER, "italic")),
    ]
    for key, fn in row_specs:
        label = word("target", lang).capitalize() if key == "targets" else word(key, lang)
        table.add_row(Text(label), *cells(fn))
    title = word("assessment", lang, year=context.year)
    selected = context.selected
    lines: list[RenderableType] = [table]
    if selected is not None:
        lines.insert(
            0,
            Text.assemble(
                (status_label(selected.status, lang), "bold " + STATUS_STYLES[selected.status]),
                " — ",
                method_name(context.method, lang),
                "\n",
            ),
        )
    return _section(title, Group(*lines), color)


def _chart(context: ShowContext, color: bool, width: int) -> RenderableType:
    inner = width - 4 if color else width
    lines = terminal_chart(context, inner)
    body = Group(*lines)
    for line in lines:
        line.no_wrap = True
        line.overflow = "crop"
    return _section(word("chart", context.lang), body, color)


def _console(out: TextIO | io.StringIO, color: bool) -> Console:
    width = MAX_WIDTH
    if color:
        width = min(MAX_WIDTH, shutil.get_terminal_size((MAX_WIDTH, 24)).columns)
    return build_console(out, color=color, width=width)


def render_table(context: ShowContext, out: TextIO, *, color: bool) -> None:
    buffer = io.StringIO()
    console = _console(buffer, color)
    parts: Iterable[RenderableType] = (
        _definition(context, color),
        _targets(context, color),
        _values(context, color),
        _assessments(context, color),
        _chart(context, color, console.width),
    )
    for i, part in enumerate(parts):
        if i:
            console.print()
        console.print(part)
    text = buffer.getvalue()
    if not color:  # Rich pads every line to the full width; a pipe does not need that
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    out.write(text)


def render_show(context: ShowContext, fmt: str, out: TextIO, *, color: bool = False) -> None:
    """Write the indicator as ``fmt`` ('table' or 'json') to ``out``."""
    if fmt == "json":
        render_json(context, out)
    elif fmt == "table":
        render_table(context, out, color=color)
    else:
        raise ValueError(f"unknown show format {fmt!r}")
