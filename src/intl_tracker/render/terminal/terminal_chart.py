"""The terminal chart of ``show``: braille dots on a character grid, with a legend.

Draws what :class:`intl_tracker.presentation.indicator_view.ChartGeometry` holds (the image chart in
``charts.py``
draws the same): the series with final values as ● and estimated or provisional ones as ○,
the straight path (dashed), the projection at the current pace (dotted), targets ◆ and
forecasts ◇. Numbers follow the number rule and words come from the text catalogue.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.text import Text

from intl_tracker.assessment.registry import Projection
from intl_tracker.core.i18n import translator
from intl_tracker.core.vocabulary import Status, status_style
from intl_tracker.presentation.indicator_view import (
    INTEGER_UNITS,
    ChartGeometry,
    IndicatorView,
    projection_kind,
    rank_axis,
    step_decimals,
    y_bounds,
)
from intl_tracker.presentation.number_format import (
    finite,
    format_number,
    format_rate_percent,
)
from intl_tracker.presentation.report_cells import change_text, swing_text
from intl_tracker.presentation.timeline import runs
from intl_tracker.presentation.wording import target_kind, value_flag, value_text

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


@dataclass(frozen=True)
class _Frame:
    """The plotting area: data bounds and its size in character cells."""

    x0: float
    x1: float
    lo: float
    hi: float
    columns: int
    rows: int
    inverted: bool = False  # a rank: better (rank 1) at the top

    def px(self, year: float) -> float:
        """The x of ``year`` in braille dots (two per cell)."""
        return 0.5 + (year - self.x0) / (self.x1 - self.x0) * 2 * (self.columns - 1)

    def py(self, value: float) -> float:
        """The y of ``value`` in braille dots (four per cell), from the top."""
        top = self.lo if self.inverted else self.hi
        return 1.5 + abs(top - value) / (self.hi - self.lo) * 4 * (self.rows - 1)


def terminal_chart(view: IndicatorView, lang: str, width: int) -> list[Text]:
    """The chart as lines of styled text at most ``width`` cells wide."""
    geometry = view.chart
    if not geometry.points:
        return [Text(translator(lang).gettext("No values to draw."))]
    rank = rank_axis(view.indicator.unit)
    lo, hi, step = y_bounds(
        geometry.y_values, 5, integer=view.indicator.unit in INTEGER_UNITS, rank=rank,
        decimals=view.decimals,
    )  # fmt: skip
    intervals = max(1, round((hi - lo) / step))
    rows_per = max(1, round(18 / intervals))
    tick_decimals = step_decimals(step)
    if step >= 1:
        tick_decimals = min(tick_decimals, view.decimals)
    labels = {  # a rank's axis is inverted: rank 1 (better) at the top
        k * rows_per: format_number(lo + k * step if rank else hi - k * step, tick_decimals, lang)
        for k in range(intervals + 1)
    }
    label_width = max(len(s) for s in labels.values())
    x0, x1 = geometry.x_range
    frame = _Frame(x0, x1, lo, hi, max(20, width - label_width - 3), intervals * rows_per + 1, rank)
    status = view.selected.status if view.selected else Status.INSUFFICIENT_DATA
    trend_only = view.selected.trend_only if view.selected else False
    projection = status_style(status, trend_only)
    styles = {"series": "bold cyan", "path": "grey62", "projection": projection}
    canvas = _draw(geometry, frame)
    lines: list[Text] = []
    for row in range(frame.rows):
        label = labels.get(row, "")
        line = Text(f"{label:>{label_width}} {'┤' if row in labels else '│'}", "grey50")
        line.append_text(canvas.line(row, styles))
        lines.append(line)
    lines += _x_axis(frame, label_width)
    lines += _legend(view, lang, styles, width)
    return lines


def _draw(geometry: ChartGeometry, frame: _Frame) -> _Canvas:
    """The series, the straight path and the projection, then the markers on top."""
    px, py = frame.px, frame.py
    canvas = _Canvas(frame.columns, frame.rows)
    # Drawn first so its dots win the colour where lines cross; one line per run of
    # consecutive years, so that years without a value are not drawn as data.
    for run in runs([(p.year, p.value) for p in geometry.points], geometry.breaks):
        canvas.polyline("series", [(px(y), py(v)) for y, v in run], "solid")
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
    return canvas


def _x_axis(frame: _Frame, label_width: int) -> list[Text]:
    """The x axis: a tick every year when there is room, a label every few years (at most
    10 labels, never touching)."""
    columns, span = frame.columns, frame.x1 - frame.x0
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
        for year in range(math.ceil(frame.x0), math.floor(frame.x1) + 1):
            col = round(frame.px(year)) // 2
            if 0 <= col < columns:
                axis_chars[col] = "┴"
    first = math.ceil(frame.x0 / every) * every
    for year in range(int(first), int(frame.x1) + 1, every):
        col = round(frame.px(year)) // 2
        if 0 <= col < columns:
            axis_chars[col] = "┼"
            text = str(year)
            start = max(0, min(col - len(text) // 2 + 1, columns - len(text)))
            if all(c == " " for c in year_chars[max(0, start - 1) : start + len(text) + 1]):
                year_chars[start : start + len(text)] = list(text)
    return [
        Text(" " * label_width + " └" + "".join(axis_chars), "grey50"),
        Text(" " * (label_width + 2) + "".join(year_chars).rstrip(), "grey50"),
    ]


def _legend_texts(view: IndicatorView, lang: str, styles: Mapping[str, str]) -> list[Text]:
    """One item per element drawn, each a symbol glued to its words."""
    t = translator(lang)
    geometry, a, unit = view.chart, view.selected, view.indicator.unit
    items: list[Text] = [
        Text.assemble((_legend_sample("solid"), "bold cyan"), " ", t.gettext("values")),
        Text.assemble(("●", "bold cyan"), " ", value_flag("final", lang)),
    ]
    if any(p.status != "final" for p in geometry.points):
        hollow = t.gettext("{estimated} / {provisional}").format(
            estimated=value_flag("estimated", lang), provisional=value_flag("provisional", lang)
        )
        items.append(Text.assemble(("○", "bold cyan"), " ", hollow))
    if geometry.path and a is not None and a.base_year is not None and geometry.target:
        label = t.gettext("straight path {base}\u2013{target}").format(
            base=a.base_year, target=geometry.target.year
        )
        items.append(Text.assemble((_legend_sample("dashed"), styles["path"]), " ", label))
    if geometry.projection and a is not None:
        label = t.gettext("projection at the current pace")
        compound = projection_kind(a) is Projection.COMPOUND
        if compound and finite(view.pace) is not None:
            label += " " + t.gettext("({rate} a year)").format(
                rate=format_rate_percent(view.pace, lang)
            )
        elif not compound and finite(a.annual_change) is not None:  # pp, places, the unit
            label += " " + t.gettext("({rate} a year)").format(
                rate=change_text(
                    a.annual_change, unit, view.decimals, lang, view.indicator.unit_label or {}
                )
            )
        items.append(Text.assemble((_legend_sample("dotted"), styles["projection"]), " ", label))
    move = geometry.biggest_move
    if move is not None and move.previous_year is not None:
        glyph = "▲" if (move.change_pct or 0) > 0 else "▼"
        label = t.gettext("{year}: {change} since {previous}").format(
            year=move.year,
            change=swing_text(move.change, unit, view.decimals, lang),
            previous=move.previous_year,
        )
        items.append(Text.assemble((glyph, "bold"), " ", label))
    for target in geometry.targets:
        glyph = "◇" if target.kind == "forecast" else "◆"
        label = t.gettext("{value} by {year} ({kind})").format(
            value=value_text(target.value, unit, view.decimals, lang, view.indicator.unit_label),
            year=target.year,
            kind=target_kind(target.kind, lang),
        )
        items.append(Text.assemble((glyph, "bold magenta"), " ", label))
    return items


def _legend(view: IndicatorView, lang: str, styles: Mapping[str, str], width: int) -> list[Text]:
    """The legend items laid out in lines of at most ``width`` cells; an item is never split."""
    lines: list[Text] = []
    current = Text(" " * 2)
    for item in _legend_texts(view, lang, styles):
        if current.cell_len + 3 + item.cell_len > width and current.plain.strip():
            lines.append(current)
            current = Text(" " * 2)
        if current.plain.strip():
            current.append("   ")
        current.append_text(item)
    lines.append(current)
    return lines
