"""The image chart of an indicator's values by category (issue 24): ``show ID --by DIMENSION
--chart FILE.png|FILE.svg`` and the site's breakdown figures.

One line per category of the breakdown, and the total (the indicator's own series, the
headline) drawn in black and thicker. Each category has its own colour from the Okabe-Ito
palette (Okabe & Ito 2008, "Color Universal Design"; yellow last, as it is the faintest on
white), its own line style and its own marker, so that no line is told apart by colour alone.
Each line is named directly at the right of the plot, level with its latest value, the
names pushed apart where they would touch (:func:`spread`) so that no legend has to be
looked up. Estimated and provisional values are hollow markers, as in the headline chart;
a rank's axis is inverted (better up); the unit is above the axis. The years shown follow
the headline chart's rule (:func:`breakdown_window`): from the start of the assessed period
(or the first value by category, when that is later) to the report year, values after it
left out.

More than :data:`MAX_LINES` categories are not drawn as lines: the :data:`TOP_LINES` with
the largest latest value (for a rank, the best) are, and a note under the plot says how many
others there are and names them (:func:`select_lines`); their values are in the table.

The figure is laid out and saved with :mod:`intl_tracker.render.charts`' helpers (the same
sizes, fonts, number rule, ticks and atomic writing), and matplotlib is imported only inside
the functions that draw.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from intl_tracker.core.errors import UsageError
from intl_tracker.core.i18n import Translator, translator
from intl_tracker.core.text_safety import visible
from intl_tracker.dataset.models import localize
from intl_tracker.presentation.breakdown_view import coverage_text
from intl_tracker.presentation.indicator_view import (
    INTEGER_UNITS,
    IndicatorView,
    rank_axis,
    y_bounds,
)
from intl_tracker.presentation.number_format import format_quantity
from intl_tracker.presentation.show_breakdowns import ShowBreakdown
from intl_tracker.presentation.timeline import gap_joins, runs
from intl_tracker.presentation.wording import value_flag
from intl_tracker.render import charts
from intl_tracker.render.charts import (
    INK,
    LAYOUT_DPI,
    MUTED,
    SLIDE,
    ChartSize,
    ChartWindow,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Okabe-Ito's colours but black (black is the total), yellow last: the faintest on white.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
    "#0072B2",  # blue again, with its own line style and marker
)
#: One line style per category (matplotlib dash patterns, in points).
LINE_STYLES: tuple[Any, ...] = (
    "solid",
    (0, (6.0, 2.5)),
    (0, (1.5, 1.8)),
    (0, (7.0, 2.0, 1.5, 2.0)),
    (0, (12.0, 3.0)),
    (0, (3.0, 2.0, 1.0, 2.0, 1.0, 2.0)),
    (0, (4.0, 4.0)),
    (0, (9.0, 2.0, 2.0, 2.0, 2.0, 2.0)),
)
#: One marker per category.
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*")
TOTAL_COLOUR = "#000000"
#: Up to this many categories are drawn as lines; beyond it the TOP_LINES largest are.
MAX_LINES = len(PALETTE)
TOP_LINES = 7
#: The widest a line's name may be, as a share of the figure's width (then cut with "…").
LABEL_SHARE = 0.36
#: The room in points left of a name for the line's key (its style and marker).
KEY_WIDTH = 26.0


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the chart: its name, its points ``(year, value, status)`` in year order,
    and its index in the style tables (None: the total)."""

    name: str
    points: tuple[tuple[int, float, str], ...]
    style: int | None

    @property
    def colour(self) -> str:
        return TOTAL_COLOUR if self.style is None else PALETTE[self.style]

    @property
    def marker(self) -> str:
        return "o" if self.style is None else MARKERS[self.style]

    @property
    def dashes(self) -> Any:
        return "solid" if self.style is None else LINE_STYLES[self.style]


def breakdown_window(view: IndicatorView, breakdown: ShowBreakdown) -> tuple[int, int]:
    """The years shown, as the headline chart's rule gives them for these values: from the
    start of the assessed period, or the first value by category when that is later, to the
    report year (``view.year``)."""
    year = view.year
    years = [y for y in breakdown.years if y <= year]
    first = years[0] if years else year
    selected = view.selected
    base = selected.base_year if selected is not None and selected.base_year is not None else first
    return min(max(first, base), year), year


#: A crossed category's name: its name in each dimension, joined as the title joins the
#: dimensions by a multiplication sign ("Women x North").
CROSSED = " \u00d7 "
#: Between the names of the categories not drawn ("Women x North; Men x North"): joined by
#: ", " as the crossed names once were, "Women, North, Men, North" could not be read.
OTHERS = "; "


def select_lines(
    categories: Sequence[tuple[str, Sequence[tuple[int, float, str]]]], *, rank: bool
) -> tuple[list[Line], list[str]]:
    """The categories drawn as lines and the names of those that are not.

    ``categories``: each category's name and points in the years shown, in the dimension's
    order. Up to :data:`MAX_LINES` with values are all drawn; beyond that the
    :data:`TOP_LINES` with the largest latest value (for a rank, the best: the smallest),
    ties in the listed order. A category without values in the years shown is not drawn
    and is named among the others. The drawn keep the listed order (and their styles)."""
    with_values = [(i, name, pts) for i, (name, pts) in enumerate(categories) if pts]
    chosen = with_values
    if len(with_values) > MAX_LINES:
        sign = 1.0 if rank else -1.0
        ranked = sorted(with_values, key=lambda c: (sign * c[2][-1][1], c[0]))
        chosen = sorted(ranked[:TOP_LINES], key=lambda c: c[0])
    drawn_index = {i for i, _, _ in chosen}
    lines = [Line(name, tuple(pts), k) for k, (_, name, pts) in enumerate(chosen)]
    others = [name for i, (name, _) in enumerate(categories) if i not in drawn_index]
    return lines, others


def spread(
    wanted: Sequence[float], heights: Sequence[float], low: float, high: float, gap: float = 2.0
) -> list[float]:
    """Centres for labels that want to sit at ``wanted`` (pixels, y up) with these
    ``heights``, as close to it as they can without touching (``gap`` pixels apart) and
    within ``low`` to ``high`` where there is room: labels that would overlap are moved as
    one group centred on their wishes (the classic clustering of direct labels). In the
    order given."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    groups: list[list[int]] = []  # consecutive labels, bottom up

    def size(group: list[int]) -> float:
        return sum(heights[i] for i in group) + gap * (len(group) - 1)

    def bottom(group: list[int]) -> float:
        mean = sum(wanted[i] for i in group) / len(group)
        room = size(group)
        return min(max(mean - room / 2, low), max(high - room, low))

    for i in order:
        groups.append([i])
        while len(groups) > 1 and bottom(groups[-2]) + size(groups[-2]) + gap > bottom(groups[-1]):
            last = groups.pop()
            groups[-1] += last
    centres = [0.0] * len(wanted)
    for group in groups:
        y = bottom(group)
        for i in group:
            centres[i] = y + heights[i] / 2
            y += heights[i] + gap
    return centres


@dataclass(frozen=True)
class _Drawing:
    """What the drawing steps share: the base chart's settings (its window is the years
    shown), the breakdown and the lines."""

    chart: Any  # charts._Chart
    breakdown: ShowBreakdown
    lines: list[Line]
    others: list[str]

    @property
    def t(self) -> Translator:
        return self.chart.t  # type: ignore[no-any-return]


def category_lines(
    view: IndicatorView, breakdown: ShowBreakdown, lang: str
) -> tuple[list[Line], list[str]]:
    """The lines of the chart (the total first) and the names of the categories not drawn."""
    x0, x1 = breakdown_window(view, breakdown)
    categories = [
        (
            CROSSED.join(breakdown.category_names(c, lang)),
            [(y, o.value, o.status) for y, o in c.values if x0 <= y <= x1],
        )
        for c in breakdown.categories
    ]
    lines, others = select_lines(categories, rank=rank_axis(view.indicator.unit))
    total = tuple((p.year, p.value, p.status) for p in view.chart.points if x0 <= p.year <= x1)
    if total:
        lines.insert(0, Line(translator(lang).gettext("Total"), total, None))
    return lines, others


def draw_breakdown_figure(
    view: IndicatorView, breakdown: ShowBreakdown, lang: str, size: ChartSize
) -> Figure:
    """The chart of ``breakdown`` of ``view`` in ``lang`` at ``size``, laid out."""
    from matplotlib.figure import Figure

    x0, x1 = breakdown_window(view, breakdown)
    window = ChartWindow(x0, x1, view.year, [], [], [], [], None)
    chart = charts._Chart(view, lang, translator(lang), size, window)
    lines, others = category_lines(view, breakdown, lang)
    drawing = _Drawing(chart, breakdown, lines, others)
    figure = Figure(figsize=(size.width / 72, 4.0), dpi=LAYOUT_DPI, layout=None)
    frame = charts._Frame(figure.add_axes((0.1, 0.2, 0.8, 0.6)))
    _limits(frame, drawing)
    for line in lines:
        _draw_line(frame, line)
    _lay_out(figure, frame, drawing)
    return figure


def _limits(frame: Any, drawing: _Drawing) -> None:
    chart = drawing.chart
    x0, x1 = chart.window.x0, chart.window.x1
    if x1 - x0 < 2:
        x0, x1 = x0 - 1, x1 + 1
    pad = max(0.5, (x1 - x0) / 40)
    frame.ax.set_xlim(x0 - pad, x1 + pad)
    plot = chart.size.plot_height or (chart.size.height or 540.0) * 0.55
    intervals = max(3, min(6, round(plot / (chart.text * 4))))
    rank = rank_axis(chart.unit)
    values = [v for line in drawing.lines for _, v, _ in line.points]
    lo, hi, step = y_bounds(values, intervals, integer=chart.unit in INTEGER_UNITS, rank=rank)
    frame.y_range, frame.step = (lo, hi), step
    frame.ax.set_ylim((hi, lo) if rank else (lo, hi))  # a rank: better (rank 1) is up


def _draw_line(frame: Any, line: Line) -> None:
    """The line through consecutive years, a thin dotted bridge over gaps, a marker per value
    (hollow for an estimated or provisional one)."""
    ax, total = frame.ax, line.style is None
    width = 3.0 if total else 1.8
    pairs = [(y, v) for y, v, _ in line.points]
    for run in runs(pairs):
        xs, ys = zip(*run, strict=True)
        ax.plot(xs, ys, color=line.colour, linewidth=width, linestyle=line.dashes, zorder=5,
                dash_capstyle="butt")  # fmt: skip
    for (ya, va), (yb, vb) in gap_joins(pairs):
        ax.plot([ya, yb], [va, vb], color=line.colour, linewidth=0.9, alpha=0.6,
                linestyle=(0, (1, 2.5)), zorder=4)  # fmt: skip
    marker: dict[str, Any] = {"marker": line.marker, "markersize": 6.5 if total else 6,
                              "linestyle": "none", "color": line.colour, "zorder": 6}  # fmt: skip
    final = [(y, v) for y, v, s in line.points if s == "final"]
    hollow = [(y, v) for y, v, s in line.points if s != "final"]
    if final:
        ax.plot(*zip(*final, strict=True), markeredgecolor=line.colour, **marker)
    if hollow:
        ax.plot(*zip(*hollow, strict=True), markerfacecolor="white", markeredgewidth=1.6,
                **marker)  # fmt: skip


def _label_lines(drawing: _Drawing, width: float) -> list[list[str]]:
    """Each line's name in at most two lines of ``width`` points (cut with "…")."""
    text = drawing.chart.text
    return [
        charts._wrap(charts._plain(line.name), text, width, 2, bold=line.style is None)
        for line in drawing.lines
    ]


def _notes(drawing: _Drawing, width: float) -> list[str]:
    """The lines under the plot: what a hollow marker means, the categories not drawn, and
    that a partial breakdown does not cover the whole."""
    t, text = drawing.t, drawing.chart.text - 1.0
    notes: list[str] = []
    if any(s != "final" for line in drawing.lines for _, _, s in line.points):
        notes.append(t.gettext("Hollow marker: an estimated or provisional value."))
    if drawing.others:
        count = len(drawing.others)
        words = t.ngettext(
            "Not drawn ({count} more category; its values are in the table): {names}",
            "Not drawn ({count} more categories; their values are in the table): {names}",
            count,
        ).format(count=count, names=OTHERS.join(drawing.others))
        notes.append(words)
    coverage = coverage_text(
        drawing.breakdown.partial, drawing.breakdown.whole_in, drawing.chart.lang
    )
    if coverage is not None:
        notes.append(coverage)
    return [row for note in notes for row in charts._wrap(charts._plain(note), text, width, 2)]


def _title(drawing: _Drawing) -> list[str]:
    """The slide's title: the indicator's name, and the dimensions."""
    chart = drawing.chart
    name = charts._plain(localize(chart.view.indicator.name, chart.lang))
    dims = " \u00d7 ".join(localize(d.name, chart.lang) for d in drawing.breakdown.dimensions)
    sub = chart.t.gettext("Values by category: {dimensions}").format(dimensions=dims)
    room = chart.size.width - 48.0
    return [*charts._wrap(name, 22.0, room, 2, bold=True), charts._fit(charts._plain(sub), 16.0,
                                                                        room)]  # fmt: skip


def _lay_out(figure: Figure, frame: Any, drawing: _Drawing) -> None:
    """Size the figure and place the plot, its ticks, the unit above it, the names of the
    lines at its right and the notes under it (the slide: a title above)."""
    chart, size = drawing.chart, drawing.chart.size
    text, gap = chart.text, 0.55 * chart.text
    margin = 24.0 if size.standalone else 8.0
    title = _title(drawing) if size.standalone else []
    header = (18.0 + 22.0 * 1.2 * (len(title) - 1) + 16.0 * 1.3 + 10.0) if title else 0.0
    names = _label_lines(drawing, LABEL_SHARE * size.width)
    name_width = max((charts._text_size("\n".join(n), text, False)[0] for n in names),
                     default=0.0)  # fmt: skip
    y_labels = charts._y_ticks(frame, chart)
    label_width = max((charts._text_size(s, text, False)[0] for s in y_labels), default=0.0)
    left = margin + label_width + 6.0
    right = margin + name_width + KEY_WIDTH
    notes = _notes(drawing, size.width - 2 * margin)
    note_height = len(notes) * (text - 1.0) * 1.45
    top = header + text * 1.25 + gap + 6.0
    bottom = margin + note_height + (gap if notes else 0.0) + text * 1.2 + 8.0
    heights = [text * 1.2 * len(n) for n in names]
    plot = max(size.plot_height, sum(heights) + 2.0 * len(heights))
    height = size.height or top + plot + bottom
    figure.set_size_inches(size.width / 72, height / 72)
    width = size.width
    frame.ax.set_position((left / width, bottom / height, (width - left - right) / width,
                           (height - top - bottom) / height))  # fmt: skip
    charts._x_ticks(frame, chart, width - left - right)
    if title:
        figure.text(margin / width, 1 - 18.0 / height, "\n".join(title[:-1]), fontsize=22.0,
                    fontweight="bold", color=INK, va="top", linespacing=1.15)  # fmt: skip
        figure.text(margin / width, 1 - (header - 10.0) / height, title[-1], fontsize=16.0,
                    color=MUTED, va="bottom")  # fmt: skip
    unit_line = charts._fit(charts._unit_text(chart), text, width - 2 * margin)
    figure.text(margin / width, 1 - (header + 4.0) / height, unit_line, fontsize=text,
                color=INK, va="top", ha="left")  # fmt: skip
    if notes:
        figure.text(margin / width, margin / height, "\n".join(notes), fontsize=text - 1.0,
                    color=MUTED, va="bottom", ha="left", linespacing=1.45)  # fmt: skip
    if not drawing.lines:
        frame.ax.text(0.5, 0.5, chart.t.gettext("No values yet."), transform=frame.ax.transAxes,
                      ha="center", va="center", fontsize=text, color=MUTED)  # fmt: skip
    _name_lines(figure, frame, drawing, names, (width - right, bottom, height - top))


def _name_lines(
    figure: Figure,
    frame: Any,
    drawing: _Drawing,
    names: list[list[str]],
    plot: tuple[float, float, float],
) -> None:
    """Each line's marker and name at the right of the plot, level with its latest value,
    pushed apart where they would touch."""
    from matplotlib.lines import Line2D

    right, low, high = plot
    width, height = figure.bbox.width, figure.bbox.height
    text = drawing.chart.text
    to_pixels = frame.ax.transData.transform
    wanted = [float(to_pixels((ln.points[-1][0], ln.points[-1][1]))[1]) for ln in drawing.lines]
    heights = [text * 1.2 * len(n) for n in names]
    centres = spread(wanted, heights, low, high)
    for line, lines, y in zip(drawing.lines, names, centres, strict=True):
        figure.add_artist(Line2D(
            [(right + 3.0 + dx) / width for dx in (0.0, 8.0, 16.0)], [y / height] * 3,
            color=line.colour, linewidth=2.0, marker=line.marker, markevery=[1],
            markersize=5.5, transform=figure.transFigure,
            linestyle="solid" if line.style is None else line.dashes,
        ))  # fmt: skip
        figure.text((right + KEY_WIDTH - 3.0) / width, y / height, "\n".join(lines), fontsize=text,
                    color=INK, va="center", ha="left", linespacing=1.0,
                    fontweight="bold" if line.style is None else "normal")  # fmt: skip


# --- words and files --------------------------------------------------------------------------


def breakdown_title(view: IndicatorView, breakdown: ShowBreakdown, lang: str) -> str:
    """The chart's name: "<indicator>: values by category: <dimensions>"."""
    dims = " \u00d7 ".join(localize(d.name, lang) for d in breakdown.dimensions)
    words = translator(lang).gettext("Values by category: {dimensions}").format(dimensions=dims)
    return visible(f"{localize(view.indicator.name, lang)} \u2013 {words}")


def breakdown_description(view: IndicatorView, breakdown: ShowBreakdown, lang: str) -> str:
    """The chart's text alternative: the years shown, the total's latest value and each
    category's (drawn or not), with its year and, when not final, its status."""
    t = translator(lang)
    x0, x1 = breakdown_window(view, breakdown)
    unit, decimals = view.indicator.unit, view.decimals

    def latest(name: str, points: Sequence[tuple[int, float, str]]) -> str:
        year, number, status = points[-1]
        when = str(year) if status == "final" else f"{year}, {value_flag(status, lang)}"
        return f"{name}: {format_quantity(number, unit, decimals, lang)} ({when})."

    parts = [t.gettext("Years {first}\u2013{last}.").format(first=x0, last=x1)]
    lines, _ = category_lines(view, breakdown, lang)
    parts += [latest(visible(line.name), line.points) for line in lines if line.style is None]
    for category in breakdown.categories:
        name = visible(", ".join(breakdown.category_names(category, lang)))
        shown = [(y, o.value, o.status) for y, o in category.values if x0 <= y <= x1]
        if shown:
            parts.append(latest(name, shown))
    return " ".join(parts)


def write_breakdown_charts(
    view: IndicatorView,
    breakdown: ShowBreakdown,
    lang: str,
    files: Sequence[tuple[ChartSize, Path]],
    finish_svg: Callable[[str, ChartSize], str] | None = None,
) -> dict[str, float]:
    """:func:`intl_tracker.render.charts.write_charts` for the chart of ``breakdown``."""
    return charts.write_figures(
        lambda size: draw_breakdown_figure(view, breakdown, lang, size), files, finish_svg
    )


def pick_breakdown(view: IndicatorView, by: Sequence[str], dimensions: Sequence[str]) -> int:
    """The index in ``view.breakdowns`` of the breakdown by ``by`` (dimension ids, in any
    order). Raises UsageError (exit 2) for an unknown dimension (with the closest ids), a
    dimension given twice, or a breakdown the indicator has no values for (with the ones it
    has)."""
    for dim in by:
        if dim not in dimensions:
            close = difflib.get_close_matches(dim, dimensions, n=3, cutoff=0.5)
            hint = (f"; did you mean {', '.join(repr(c) for c in close)}?" if close
                    else f"; the dimensions: {', '.join(dimensions)}" if dimensions
                    else " (the data set declares no dimensions)")  # fmt: skip
            raise UsageError(f"--by {dim}: no such dimension{hint}")
    if len(set(by)) != len(by):
        raise UsageError("--by: a dimension is given twice")
    have = [tuple(d.id for d in b.dimensions) for b in view.breakdowns]
    for i, dims in enumerate(have):
        if set(dims) == set(by):
            return i
    listed = "; ".join(" ".join(f"--by {d}" for d in dims) for dims in have)
    hint = f"; it has: {listed}" if have else "; it has no values by category"
    raise UsageError(f"{view.indicator.id} has no values by {' and '.join(by)}{hint}")


def save_breakdown_chart(
    view: IndicatorView, breakdown: ShowBreakdown, lang: str, path: Path
) -> None:
    """Write the slide-size chart of ``breakdown`` to ``path`` for the command line, with
    :func:`intl_tracker.render.charts.save_for_command_line`'s errors (exit 2 or 3)."""
    charts.save_for_command_line(
        path, lambda: write_breakdown_charts(view, breakdown, lang, [(SLIDE, path)])
    )


__all__ = [
    "LINE_STYLES",
    "MARKERS",
    "MAX_LINES",
    "PALETTE",
    "TOP_LINES",
    "Line",
    "breakdown_description",
    "breakdown_title",
    "breakdown_window",
    "category_lines",
    "draw_breakdown_figure",
    "pick_breakdown",
    "save_breakdown_chart",
    "select_lines",
    "spread",
    "write_breakdown_charts",
]
