"""Image charts of one indicator: ``show ID --chart FILE.png|FILE.svg`` and the site's charts.

What is drawn (see ``indicator_view.ChartGeometry``) is what the page and the report show,
and only up to the view's year (the report year): the series from the start of the assessed
period (or the first value, when that is later), with provisional and estimated values as hollow
markers and a thin dashed bridge over years without a value; the target in force with its
level, year and kind; the straight path from the base to the target (dashed); the projection
at the current pace (dotted); the years after the latest value shaded, and the report year
marked when the axis goes on to a target year or when the latest value is older, so that a
gap is seen. The x axis runs from the start of the period to the report year, or to the
target year when that is later. Every element drawn has its entry in the legend; each label
takes a free place inside the plot or is left out with what it explains
(:mod:`intl_tracker.render.chart_labels`), so no label overlaps another or is cut.

A chart is drawn at one :class:`ChartSize`. The site shows three page sizes (:data:`SMALL`,
:data:`MEDIUM`, :data:`LARGE`; plot and legend only, the page has the words around them),
each drawn so that its smallest text is 12.5 points in its viewBox, and shown only at widths
where it is scaled by at most 1.5 and at least 0.96 (site.css); :data:`SLIDE` is a file of
its own, a 16:9 slide (13.33 by 7.5 in; PNG 1600 by 900 px) with the name, the status, the
method line and the sources, and is what ``show --chart`` writes.

matplotlib is an optional extra (``pip install 'intl-tracker[charts]'``). It is imported only
inside the functions that draw, with the non-interactive Agg canvas and without pyplot, so
this module imports without it and no global state is touched.
"""

from __future__ import annotations

import io
import math
import os
import tempfile
import warnings
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import urlsplit

from intl_tracker.assessment.records import TargetRef
from intl_tracker.assessment.registry import Projection
from intl_tracker.core.errors import OutputUnwritableError, UsageError, unwritable
from intl_tracker.core.i18n import Translator, translator
from intl_tracker.core.text_safety import visible
from intl_tracker.core.vocabulary import Status
from intl_tracker.dataset.models import Source, localize
from intl_tracker.presentation.indicator_view import (
    INTEGER_UNITS,
    PROJECTION_ROOM,
    ChartPoint,
    IndicatorView,
    ValueRow,
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
from intl_tracker.presentation.timeline import gap_joins, runs
from intl_tracker.presentation.views import (
    MARKER_SYMBOLS,
    SET_BY_HAND_MARK,
    VALUE_STATUS_MARKERS,
    short_of_target,
)
from intl_tracker.presentation.wording import (
    UNIT_NAMES,
    judged_label,
    method_name,
    target_kind,
    unit_name,
    value_text,
)
from intl_tracker.render.chart_labels import Box, Candidate, alignment, around, choose

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

INSTALL_HINT = "pip install 'intl-tracker[charts]'"

# Colours: Okabe-Ito inspired, readable in greyscale and by colour-blind readers.
SERIES = "#0b4f8a"
PATH = "#6b6b6b"
PROJECTION = "#b34700"
TARGET = "#7b2d8e"
INK = "#222222"
MUTED = "#595959"
GRID = "#e3e3e3"
FUTURE = "#ededed"
REPORT_YEAR = "#595959"
# A soft box behind labels, so a line running under them does not cut the letters.
HALO = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
STATUS_COLOURS: dict[Status, str] = {
    Status.TARGET_MET: "#1b7a3a",
    Status.ON_TRACK: "#1b7a3a",
    Status.MODERATE: "#8a5700",
    Status.INSUFFICIENT: "#b04e00",
    Status.MOVING_AWAY: "#b3261e",
    Status.NO_CHANGE: "#595959",
    Status.MISSED: "#8c1010",
    Status.INSUFFICIENT_DATA: "#595959",
}
#: A judgement without a target is never green or red: blue for progress, purple for movement
#: away (the terminal's trend styles).
TREND_COLOURS: dict[Status, str] = {
    Status.ON_TRACK: "#0b4f8a",
    Status.MODERATE: "#3a6ea5",
    Status.NO_CHANGE: "#44546a",
    Status.INSUFFICIENT: "#7b2d8e",
    Status.MOVING_AWAY: "#5a1a6e",
}


def status_colour(status: Status, trend_only: bool) -> str:
    """The badge colour of a status; a trend-only judgement's own."""
    return (
        TREND_COLOURS.get(status, STATUS_COLOURS[status]) if trend_only else STATUS_COLOURS[status]
    )


#: The fonts an SVG asks for: DejaVu Sans, in which it was laid out, then the nearest in width
#: (Verdana descends from the same design) for a reader whose system lacks it.
SVG_FONTS = "'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif"


@dataclass(frozen=True, slots=True)
class ChartSize:
    """One size a chart is drawn at, in points (the SVG's viewBox units; 72 an inch).

    ``width``: the figure's width; ``plot_height``: the plot area's height (the figure grows
    with its legend), or ``height``: the whole figure's (a slide); ``text``: the size of
    every text but the title; ``standalone``: with the name, the status, the method line and
    the sources, for a file that is read on its own.
    """

    name: str
    width: float
    plot_height: float
    text: float
    standalone: bool = False
    height: float | None = None


#: The page sizes: each is shown where the chart's box is 0.96 to 1.5 times its width (site.css).
SMALL = ChartSize("s", 328.0, 190.0, 12.5)
MEDIUM = ChartSize("m", 500.0, 240.0, 12.5)
LARGE = ChartSize("l", 760.0, 300.0, 12.5)
PAGE_SIZES: tuple[ChartSize, ...] = (SMALL, MEDIUM, LARGE)
#: A 16:9 slide (PowerPoint's 13.33 by 7.5 in), with its words: what ``show --chart`` writes.
SLIDE = ChartSize("slide", 960.0, 0.0, 14.0, standalone=True, height=540.0)
#: The PNG's resolution: the slide at 1600 by 900 pixels.
PNG_DPI = 120
#: Layout is done at 72 dpi, where a pixel is a point.
LAYOUT_DPI = 72.0


class ChartExtraMissingError(Exception):
    """matplotlib is not installed; the message says how to install it."""

    def __init__(self) -> None:
        super().__init__(f"--chart needs matplotlib, which is not installed; run: {INSTALL_HINT}")


def _plain(text: str) -> str:
    """User text as a chart label: control characters and bidi overrides shown visibly
    (``text_safety.visible``, so an SVG stays well-formed XML) and ``$`` kept from being
    read as mathtext."""
    return visible(text).replace("$", r"\$")


def _host(url: str) -> str:
    """The site of a URL, as a publication cites it (the full URL is in `show` and JSON)."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _source_line(label: str, source: Source | None, lang: str) -> str | None:
    if source is None:
        return None
    parts = [localize(p, lang) for p in (source.publisher, source.title) if p]
    text = ": ".join(parts)
    if source.url:
        text = f"{text} ({_host(source.url)})" if text else source.url
    return f"{label}: {text}" if text else None


def load_matplotlib() -> None:
    """Import matplotlib and its SVG and Agg backends now: a process that forks chart
    workers does this once, so that the workers share it. Raises
    :class:`ChartExtraMissingError` without matplotlib."""
    try:
        import matplotlib.backends.backend_agg
        import matplotlib.backends.backend_svg
        import matplotlib.figure  # noqa: F401
    except ImportError as exc:
        raise ChartExtraMissingError() from exc


# --- writing files ----------------------------------------------------------------------------


def write_chart(view: IndicatorView, lang: str, path: Path, size: ChartSize = SLIDE) -> None:
    """Write the chart at ``size`` (default: the slide) to ``path``; the format (PNG or SVG)
    follows the file suffix.

    Raises :class:`ChartExtraMissingError` without matplotlib, ``ValueError`` for another
    suffix and ``OSError`` when the file cannot be written. The file is replaced atomically
    (a temporary file in the same folder, then a rename).
    """
    write_charts(view, lang, [(size, path)])


def write_charts(
    view: IndicatorView,
    lang: str,
    files: Sequence[tuple[ChartSize, Path]],
    finish_svg: Callable[[str, ChartSize], str] | None = None,
) -> dict[str, float]:
    """Write the chart of ``view`` once per ``(size, path)``: one drawing per size, saved as
    PNG or SVG by each path's suffix. ``finish_svg(text, size)``, when given, rewrites each
    SVG document before it is written (the site adds its text alternative). Returns each
    size's figure height in points (its SVG's viewBox height), by size name.

    Raises as :func:`write_chart`.
    """
    return write_figures(lambda size: draw_figure(view, lang, size), files, finish_svg)


def write_figures(
    draw: Callable[[ChartSize], Figure],
    files: Sequence[tuple[ChartSize, Path]],
    finish_svg: Callable[[str, ChartSize], str] | None = None,
) -> dict[str, float]:
    """Draw ``draw(size)`` once per size of ``files`` and save it to each of its paths, as
    :func:`write_charts` does (which see; the breakdown chart is written this way too)."""
    for _, path in files:
        if path.suffix.lower() not in (".png", ".svg"):
            raise ValueError(f"a chart is written as .png or .svg, not {path.name!r}")
    try:
        import matplotlib
    except ImportError as exc:
        raise ChartExtraMissingError() from exc
    sizes: dict[ChartSize, list[Path]] = {}
    for size, path in files:
        sizes.setdefault(size, []).append(path)
    with matplotlib.rc_context(_RC), warnings.catch_warnings():
        # A letter the font lacks is drawn as a box; a warning per letter helps nobody.
        warnings.filterwarnings(
            "ignore", message=r"Glyph .* missing from font", category=UserWarning
        )
        heights: dict[str, float] = {}
        for size, paths in sizes.items():
            figure = draw(size)
            heights[size.name] = float(figure.get_figheight()) * 72
            for path in paths:
                _save_figure(figure, path, size, finish_svg)
    return heights


_RC: Any = {
    "font.family": "DejaVu Sans",
    "font.size": 12,
    "axes.unicode_minus": True,
    "svg.fonttype": "none",  # text stays text: searchable, and the title is in the file
    "svg.hashsalt": "intl-tracker",  # stable ids, so the same data gives the same file
    "path.simplify": True,
}


def _save_figure(
    figure: Figure,
    path: Path,
    size: ChartSize,
    finish_svg: Callable[[str, ChartSize], str] | None,
) -> None:
    if path.suffix.lower() == ".png":
        _save_atomically(
            path,
            lambda stream: figure.savefig(
                stream,
                format="png",
                dpi=PNG_DPI,
                metadata={"Software": None},
                facecolor="white",
                pil_kwargs={"compress_level": 1},  # fast: a chart compresses well anyway
            ),
        )
        return
    buffer = io.BytesIO()
    figure.savefig(
        buffer, format="svg", metadata={"Date": None, "Creator": "intl-tracker"},
        facecolor="white",
    )  # fmt: skip
    text = buffer.getvalue().decode("utf-8")
    text = text.replace("font-family: 'DejaVu Sans'", f"font-family: {SVG_FONTS}")
    if finish_svg is not None:
        text = finish_svg(text, size)
    data = text.encode("utf-8")
    _save_atomically(path, lambda stream: stream.write(data))


def _save_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """``write`` into a temporary file beside ``path``, renamed over it only when complete:
    concurrent writers never interleave and an interrupted run never leaves half a file.
    Raises OSError when the folder cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as stream:
            write(stream)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as a plain open() would create it
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


# --- what is drawn ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChartWindow:
    """The part of an indicator's chart geometry that the chart shows: the years ``x0`` to
    ``x1`` and what lies in them, only up to the report year (``year``)."""

    x0: int
    x1: int
    year: int
    points: list[ChartPoint]
    targets: list[TargetRef]
    path: list[tuple[float, float]]
    projection: list[tuple[float, float]]
    move: ValueRow | None

    @property
    def latest(self) -> ChartPoint | None:
        return self.points[-1] if self.points else None

    def y_values(self) -> list[float]:
        """The values the y axis must show: the data, the targets and the path, and the
        projection only as far as PROJECTION_ROOM of that span beyond it."""
        ys = [p.value for p in self.points] + [t.value for t in self.targets]
        ys += [y for _, y in self.path]
        if not ys:
            return [y for _, y in self.projection]
        lo, hi = min(ys), max(ys)
        room = PROJECTION_ROOM * max(hi - lo, abs(hi) * 0.1, 1e-9)
        return ys + [min(max(y, lo - room), hi + room) for _, y in self.projection]


#: How many years after the target in force a chart still reaches to draw a later target.
LATER_TARGETS = 5


def chart_window(view: IndicatorView) -> ChartWindow:
    """What the chart of ``view`` shows: values up to the view's year (later values are in the
    table, not the chart), from the start of the assessed period or the first value, when that
    is later; the axis ends at the view's year or at the year of the target in force, when
    that is later, or of a later target or forecast up to ``LATER_TARGETS`` years after it (a
    second forecast, 30 % by 2035 beside 30 % by 2034, is drawn too). Targets outside the
    years shown are left out (the page lists them)."""
    geometry, a, year = view.chart, view.selected, view.year
    upto = [p for p in geometry.points if p.year <= year]
    first = upto[0].year if upto else year
    base = a.base_year if a is not None and a.base_year is not None else first
    x0 = min(max(first, base), year)
    x1 = year
    if geometry.target is not None:
        reach = geometry.target.year + LATER_TARGETS
        x1 = max(x1, *(t.year for t in geometry.targets if t.year <= reach), geometry.target.year)
    points = [p for p in upto if p.year >= x0]
    targets = [t for t in geometry.targets if x0 <= t.year <= x1]
    path = geometry.path if geometry.path and geometry.path[0][0] >= x0 else []
    move = geometry.biggest_move
    if move is not None and not (x0 <= move.year <= year and (move.previous_year or x0) >= x0):
        move = None
    return ChartWindow(x0, x1, year, points, targets, path, geometry.projection, move)


@dataclass(frozen=True)
class _Chart:
    """What every drawing step needs: the view, the language and its catalogue, the size and
    the window of years shown."""

    view: IndicatorView
    lang: str
    t: Translator
    size: ChartSize
    window: ChartWindow

    @property
    def unit(self) -> str:
        return self.view.indicator.unit

    @property
    def text(self) -> float:
        return self.size.text

    def quantity(self, value: float, marker: str = "") -> str:
        """A value by the one number rule with its ``marker`` and its unit's words, as a
        label away from the axis title must carry them ("212 kt CO₂e")."""
        label = self.view.indicator.unit_label
        return value_text(value, self.unit, self.view.decimals, self.lang, label, marker=marker)

    def kind(self, kind: str) -> str:
        """ "Target" or "Forecast", capitalised for a label."""
        word = target_kind(kind, self.lang)
        return word[:1].upper() + word[1:]


@dataclass
class _Label:
    """A label waiting for its place: its candidates (text and offset from ``xy``), its
    style, and the artists drawn only with it (a bracket, an arrow)."""

    xy: tuple[float, float]
    candidates: list[Candidate]
    style: dict[str, Any]
    priority: int  # placed in this order: the latest value, targets, gap, projection, move
    companions: list[Any] = field(default_factory=list)


@dataclass
class _Frame:
    """The axes, the legend's entries and the labels gathered while drawing."""

    ax: Axes
    y_range: tuple[float, float] = (0.0, 1.0)
    step: float = 1.0  # between the y axis's ticks
    handles: list[Any] = field(default_factory=list)
    labels: list[_Label] = field(default_factory=list)
    markers: list[tuple[float, float, float]] = field(default_factory=list)  # x, y, radius pt


def draw_figure(view: IndicatorView, lang: str, size: ChartSize) -> Figure:
    """The chart of ``view`` in ``lang`` at ``size``, laid out (matplotlib's Figure at 72 dpi,
    one pixel a point); :func:`write_charts` saves it."""
    from matplotlib.figure import Figure

    chart = _Chart(view, lang, translator(lang), size, chart_window(view))
    height = size.height or size.plot_height + 140.0
    figure = Figure(figsize=(size.width / 72, height / 72), dpi=LAYOUT_DPI, layout=None)
    ax = figure.add_axes((0.1, 0.2, 0.8, 0.6))
    frame = _Frame(ax)
    _draw_data(frame, chart)
    _lay_out(figure, frame, chart)
    _place_labels(figure, frame)
    return figure


def _draw_data(frame: _Frame, chart: _Chart) -> None:
    """Everything in data coordinates: each step adds one kind of element, its legend entry
    and its labels."""
    _limits(frame, chart)
    _draw_future(frame, chart)
    _draw_report_year(frame, chart)
    _draw_path(frame, chart)
    _draw_projection(frame, chart)
    _draw_series(frame, chart)
    _draw_targets(frame, chart)
    _draw_gap(frame, chart)
    _draw_move(frame, chart)


def _limits(frame: _Frame, chart: _Chart) -> None:
    w = chart.window
    x0, x1 = w.x0, w.x1
    if x1 - x0 < 2:
        x0, x1 = x0 - 1, x1 + 1
    pad = max(0.5, (x1 - x0) / 40)
    frame.ax.set_xlim(x0 - pad, x1 + pad)
    plot = chart.size.plot_height or (chart.size.height or 540.0) * 0.55
    intervals = max(3, min(6, round(plot / (chart.text * 4))))
    rank = rank_axis(chart.unit)
    lo, hi, step = y_bounds(
        w.y_values(), intervals, integer=chart.unit in INTEGER_UNITS, rank=rank,
        decimals=chart.view.decimals,
    )  # fmt: skip
    frame.y_range = (lo, hi)
    frame.ax.set_ylim((hi, lo) if rank else (lo, hi))  # a rank: better (rank 1) is up
    frame.step = step


def _draw_future(frame: _Frame, chart: _Chart) -> None:
    """Shade the years after the latest value shown, to the end of the axis."""
    from matplotlib.patches import Patch

    latest = chart.window.latest
    if latest is None or latest.year >= chart.window.x1:
        return
    # To the edge of the plot, whatever the limits become: a span beyond them is cut there.
    frame.ax.axvspan(latest.year, chart.window.x1 + 1000, color=FUTURE, zorder=0, linewidth=0)
    frame.handles.append(
        Patch(facecolor=FUTURE, edgecolor="#bdbdbd", linewidth=0.6,
              label=chart.t.gettext("after the latest value"))
    )  # fmt: skip


def _draw_report_year(frame: _Frame, chart: _Chart) -> None:
    """The report year, when the axis goes on after it or the latest value is older."""
    from matplotlib.lines import Line2D

    w = chart.window
    latest = w.latest
    if w.x1 <= w.year and (latest is None or latest.year >= w.year):
        return
    style: dict[str, Any] = {"color": REPORT_YEAR, "linewidth": 1.0, "linestyle": (0, (4, 2, 1, 2))}
    frame.ax.axvline(w.year, zorder=1, **style)
    label = chart.t.gettext("report year {year}").format(year=w.year)
    frame.handles.append(Line2D([], [], label=label, **style))


def _draw_path(frame: _Frame, chart: _Chart) -> None:
    """The straight path from the base to the target (dashed)."""
    from matplotlib.lines import Line2D

    path, assessment = chart.window.path, chart.view.selected
    if not path:
        return
    xs, ys = zip(*path, strict=True)
    style: dict[str, Any] = {"color": PATH, "linewidth": 1.6, "linestyle": (0, (6, 4))}
    frame.ax.plot(xs, ys, zorder=2, **style)
    base = assessment.base_year if assessment is not None else int(xs[0])
    label = chart.t.gettext("straight path {base}\u2013{target}").format(
        base=base, target=round(xs[-1])
    )
    frame.handles.append(Line2D([], [], label=label, **style))


def _draw_projection(frame: _Frame, chart: _Chart) -> None:
    """The projection at the current pace (dotted) to a hollow circle, labelled with its end
    value and rate."""
    from matplotlib.lines import Line2D

    ax, assessment = frame.ax, chart.view.selected
    projection = chart.window.projection
    if not projection or assessment is None:
        return
    t = chart.t
    xs, ys = zip(*projection, strict=True)
    line: dict[str, Any] = {"color": PROJECTION, "linewidth": 2.2, "linestyle": (0, (1, 2.2))}
    end: dict[str, Any] = {
        "marker": "o",
        "markersize": 6,
        "markerfacecolor": "white",
        "markeredgewidth": 1.6,
    }
    ax.plot(xs, ys, zorder=3, **line)
    lo, hi = frame.y_range  # a projection beyond the axis is marked at the edge
    shown_end = min(max(ys[-1], lo), hi)
    ax.plot([xs[-1]], [shown_end], color=PROJECTION, zorder=4, linestyle="none", **end)
    frame.markers.append((xs[-1], shown_end, 5.0))
    frame.handles.append(
        Line2D([], [], label=t.gettext("projection at the current pace"), **line, **end)
    )
    text = t.gettext("{value} in {year}").format(value=chart.quantity(ys[-1]), year=round(xs[-1]))
    rate: str | None = None  # the pace the method projects (AssessmentMethod.projection)
    projects = projection_kind(assessment)
    if projects is Projection.COMPOUND and finite(chart.view.pace) is not None:
        rate = format_rate_percent(chart.view.pace, chart.lang)
    elif projects is Projection.LINEAR and finite(assessment.annual_change) is not None:
        # in the unit, pp for a share, places for a rank ("up 0.8 places" a year)
        label = chart.view.indicator.unit_label or {}
        rate = change_text(assessment.annual_change, chart.unit, chart.view.decimals, chart.lang,
                           label)  # fmt: skip
    texts = [_plain(text)]
    if rate is not None:
        pace = t.gettext("at {rate} a year").format(rate=rate)
        texts.insert(0, _plain(text) + "\n" + _plain(pace))
    rising = ys[-1] >= ys[0]
    candidates = [
        c for form in texts for c in around(form, 8, 22, prefer_left=True, prefer_up=rising)
    ]
    frame.labels.append(_Label((xs[-1], shown_end), candidates, _style(chart, PROJECTION), 3))


def _style(chart: _Chart, colour: str, *, bold: bool = False) -> dict[str, Any]:
    return {
        "fontsize": chart.text,
        "color": colour,
        "fontweight": "bold" if bold else "normal",
        "bbox": HALO,
        "zorder": 9,
    }


def _draw_series(frame: _Frame, chart: _Chart) -> None:
    """The values (hollow markers for estimated or provisional ones), a dashed bridge over
    years without a value, and the latest value's label."""
    from matplotlib.lines import Line2D

    ax, t, points = frame.ax, chart.t, chart.window.points
    if not points:
        return
    pairs = [(p.year, p.value) for p in points]
    breaks = chart.view.chart.breaks  # a break in series: no line, solid or dashed, across it
    for run in runs(pairs, breaks):  # a solid line only through consecutive years
        xs, ys = zip(*run, strict=True)
        ax.plot(xs, ys, color=SERIES, linewidth=2.4, zorder=5, solid_capstyle="round")
    joins = gap_joins(pairs, breaks)
    bridge: dict[str, Any] = {
        "color": SERIES,
        "linewidth": 1.2,
        "alpha": 0.7,
        "linestyle": (0, (2, 3)),
    }
    for (ya, va), (yb, vb) in joins:
        ax.plot([ya, yb], [va, vb], zorder=4, **bridge)
    final = [p for p in points if p.status == "final"]
    hollow = [p for p in points if p.status != "final"]
    frame.handles.insert(0, Line2D(
        [], [], color=SERIES, linewidth=2.4, marker="o", markersize=6, label=t.gettext("values"),
    ))  # fmt: skip
    if final:
        ax.plot([p.year for p in final], [p.value for p in final], linestyle="none",
                marker="o", markersize=6, color=SERIES, zorder=6)  # fmt: skip
    if hollow:
        style: dict[str, Any] = {"marker": "o", "markersize": 7, "markerfacecolor": "white",
                 "markeredgewidth": 1.8, "color": SERIES}  # fmt: skip
        ax.plot([p.year for p in hollow], [p.value for p in hollow], linestyle="none",
                zorder=7, **style)  # fmt: skip
        frame.handles.insert(1, Line2D(
            [], [], linestyle="none", label=t.gettext("estimated or provisional"), **style
        ))  # fmt: skip
    if joins:
        frame.handles.append(Line2D([], [], label=t.gettext("no values in between"), **bridge))
    frame.markers += [(p.year, p.value, 4.5) for p in points]
    last = points[-1]
    rising = len(points) < 2 or points[-1].value >= points[-2].value
    candidates = around(
        _plain(chart.quantity(last.value, _marker(last.status))),
        7,
        18,
        prefer_left=rising,
        prefer_up=True,
    )
    frame.labels.append(
        _Label((last.year, last.value), candidates, _style(chart, SERIES, bold=True), 0)
    )


def _marker(status: str) -> str:
    """The value's marker (ᵖ, ᵉ) as the report writes it beside the value; "" for a final one."""
    marker = VALUE_STATUS_MARKERS.get(status)
    return "" if marker is None else MARKER_SYMBOLS[marker]


def _draw_targets(frame: _Frame, chart: _Chart) -> None:
    """Each target shown: its marker (filled: a commitment; hollow: a forecast), a dotted
    line at its level, and its label."""
    from matplotlib.lines import Line2D

    ax, t, targets = frame.ax, chart.t, chart.window.targets
    level: dict[str, Any] = {
        "color": TARGET,
        "linewidth": 1.0,
        "alpha": 0.55,
        "linestyle": (0, (1, 2)),
    }
    kinds: list[str] = []
    for target in targets:
        filled = target.kind != "forecast"
        ax.axhline(target.value, zorder=1, **level)
        ax.plot(
            [target.year], [target.value], marker="D", markersize=9, color=TARGET, zorder=9,
            markerfacecolor=TARGET if filled else "white", markeredgewidth=2,
        )  # fmt: skip
        frame.markers.append((target.year, target.value, 7.0))
        text = t.gettext("{kind}: {value} by {year}").format(
            kind=chart.kind(target.kind), value=chart.quantity(target.value), year=target.year
        )
        value = _plain(chart.quantity(target.value))
        forms = [_plain(text), _plain(text.replace(": ", "\n", 1)), value]
        candidates = [c for form in forms for c in around(form, 9, 20, prefer_left=True,
                                                               prefer_up=True)]  # fmt: skip
        frame.labels.append(
            _Label((target.year, target.value), candidates, _style(chart, TARGET, bold=True), 1)
        )
        if target.kind not in kinds:
            kinds.append(target.kind)
    for kind in kinds:
        frame.handles.append(Line2D(
            [], [], marker="D", markersize=8, markeredgewidth=2,
            markerfacecolor=TARGET if kind != "forecast" else "white", label=chart.kind(kind),
            **level | {"alpha": 1.0},
        ))  # fmt: skip


def _draw_gap(frame: _Frame, chart: _Chart) -> None:
    """A bracket from the latest value to the level of the target in force, labelled with
    the distance still to go (or beyond it); both are left out when the label finds no
    place."""
    target, latest = chart.view.chart.target, chart.window.latest
    if target is None or latest is None or target not in chart.window.targets:
        return
    gap = target.value - latest.value
    if gap == 0:
        return
    x = latest.year + max(0.3, (chart.window.x1 - chart.window.x0) / 60)
    bracket = frame.ax.annotate(
        "", xy=(x, target.value), xytext=(x, latest.value),
        arrowprops={"arrowstyle": "<->", "color": TARGET, "linewidth": 1.3, "shrinkA": 0,
                    "shrinkB": 0},
    )  # fmt: skip
    t = chart.t
    if chart.unit == "percent":
        number = format_number(abs(gap), chart.view.decimals, chart.lang)
        amount = t.gettext("{number} pp").format(number=number)
    else:
        amount = chart.quantity(abs(gap))
    met = gap <= 0 if chart.view.indicator.direction == "increase" else gap >= 0
    words = (t.gettext("{gap} beyond") if met else t.gettext("{gap} to go")).format(gap=amount)
    middle = (latest.value + target.value) / 2
    candidates = [Candidate(_plain(words), dx, 0.0) for dx in (7.0, -7.0)]
    frame.labels.append(
        _Label((x, middle), candidates, _style(chart, TARGET, bold=True), 2, [bracket])
    )


def _draw_move(frame: _Frame, chart: _Chart) -> None:
    """Point out a dramatic year-over-year swing (≥ 25 %), such as the 2020 collapse, with
    an arrow from its label."""
    move = chart.window.move
    if move is None or move.change_pct is None:
        return
    change = swing_text(move.change, chart.unit, chart.view.decimals, chart.lang)
    # The earlier year is named, as in the terminal chart: across a gap (2010 → 2014) the
    # change is over several years, not "in 2014".
    if move.previous_year is not None:
        text = chart.t.gettext("{year}: {change} since {previous}").format(
            year=move.year, change=change, previous=move.previous_year
        )
    else:
        text = chart.t.gettext("{change} in {year}").format(change=change, year=move.year)
    down = move.change_pct < 0
    worse = down == (chart.view.indicator.direction == "increase")
    colour = STATUS_COLOURS[Status.MOVING_AWAY if worse else Status.ON_TRACK]
    style = _style(chart, colour, bold=True) | {
        "arrowprops": {"arrowstyle": "-|>", "color": "#444444", "linewidth": 1.1,
                       "shrinkA": 2, "shrinkB": 6},
    }  # fmt: skip
    latest = chart.window.latest
    if latest is not None and latest.year == move.year:  # one label for the one point
        value = next(label for label in frame.labels if label.priority == 0)
        joined = f"{value.candidates[0].text}\n{_plain(text)}"
        value.candidates = [
            *around(joined, 7, 18, prefer_left=True, prefer_up=True),
            *value.candidates,
        ]
        return
    up = not down  # the label on the side the value came from
    candidates = [
        Candidate(_plain(text), dx, dy)
        for dy in ((-34.0, -52.0, 34.0) if up else (34.0, 52.0, -34.0))
        for dx in (30.0, -30.0, 0.0)
    ]
    frame.labels.append(_Label((move.year, move.value), candidates, style, 4))


# --- layout -----------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _text_size(text: str, size: float, bold: bool) -> tuple[float, float]:
    """Width and height in points of ``text`` (one line or several) in the chart's font.

    Measured once per process: the site draws hundreds of charts whose labels repeat."""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(family="DejaVu Sans", size=size, weight="bold" if bold else "normal")
    renderer = _measuring_renderer()
    lines = text.split("\n")
    widths = [renderer.get_text_width_height_descent(line, prop, ismath=False)[0]
              for line in lines]  # fmt: skip
    return float(max(widths)), size * 1.2 * len(lines)


@cache
def _measuring_renderer() -> Any:
    """A one-pixel Agg renderer at the layout's dpi: text metrics do not need a canvas."""
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(1, 1, LAYOUT_DPI)  # type: ignore[no-untyped-call]


def _fit(text: str, size: float, width: float, *, bold: bool = False) -> str:
    """``text`` cut with " …" to ``width`` points (user text may be of any length)."""
    if _text_size(text, size, bold)[0] <= width:
        return text
    words = text.split(" ")
    while len(words) > 1 and _text_size(" ".join(words) + " …", size, bold)[0] > width:
        words.pop()
    shown = " ".join(words)
    while shown and _text_size(shown + " …", size, bold)[0] > width:
        shown = shown[:-1]
    return shown + " …"


def _wrap(text: str, size: float, width: float, lines: int, *, bold: bool = False) -> list[str]:
    """``text`` in at most ``lines`` lines of ``width`` points, the last cut with " …"."""
    out: list[str] = []
    for word in text.split():
        if out and _text_size(out[-1] + " " + word, size, bold)[0] <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = [*out[: lines - 1], " ".join(out[lines - 1 :])]
    return [_fit(line, size, width, bold=bold) for line in out] or [""]


def _unit_text(chart: _Chart) -> str:
    unit_text = unit_name(chart.unit, chart.lang, chart.view.indicator.unit_label)
    if chart.unit in UNIT_NAMES and not chart.view.indicator.unit_label:  # the tool's words
        unit_text = unit_text[:1].upper() + unit_text[1:]
    return _plain(unit_text)


@dataclass
class _Box:
    """Margins of the plot area in points, from the figure's edges."""

    left: float
    right: float
    top: float
    bottom: float


def _lay_out(figure: Figure, frame: _Frame, chart: _Chart) -> None:
    """Size the figure and place the plot, its ticks, the unit above it and the legend under
    it (with the standalone chart's title block above and sources below)."""
    size, text = chart.size, chart.text
    gap = 0.55 * text
    header = _header(figure, chart) if size.standalone else 0.0
    sources = _sources(chart) if size.standalone else []
    y_labels = _y_ticks(frame, chart)
    label_width = max((_text_size(s, text, False)[0] for s in y_labels), default=0.0)
    margin = 8.0 if not size.standalone else 24.0
    year_half = _text_size("0000", text, False)[0] / 2
    box = _Box(left=margin + label_width + 6.0, right=margin + year_half, top=0.0, bottom=0.0)
    unit_line = _fit(_unit_text(chart), text, size.width - 2 * margin)
    box.top = header + text * 1.25 + gap + 6.0
    legend = _legend(figure, frame, chart, size.width - 2 * margin)
    legend_height = legend.get_window_extent(_measuring_renderer()).height if legend else 0.0
    source_height = len(sources) * (text - 1.0) * 1.45
    box.bottom = margin + source_height + (gap if sources else 0.0) + legend_height + gap
    box.bottom += text * 1.2 + 8.0  # the x tick labels, their ticks and pad
    height = size.height or box.top + size.plot_height + box.bottom
    figure.set_size_inches(size.width / 72, height / 72)
    width = size.width
    ax = frame.ax
    ax.set_position((
        box.left / width, box.bottom / height,
        (width - box.left - box.right) / width, (height - box.top - box.bottom) / height,
    ))  # fmt: skip
    _x_ticks(frame, chart, width - box.left - box.right)
    figure.text(margin / width, 1 - (header + 4.0) / height, unit_line, fontsize=text,
                color=INK, va="top", ha="left")  # fmt: skip
    if legend is not None:
        legend.set_bbox_to_anchor(
            ((margin - 2.0) / width, (margin + source_height + (gap if sources else 0.0)) / height),
            transform=figure.transFigure,
        )
    if sources:
        figure.text(margin / width, margin / height, "\n".join(sources), fontsize=text - 1.0,
                    color=MUTED, va="bottom", ha="left", linespacing=1.45)  # fmt: skip
    if not chart.window.points:
        ax.text(0.5, 0.5, chart.t.gettext("No values yet."), transform=ax.transAxes,
                ha="center", va="center", fontsize=text, color=MUTED)  # fmt: skip


def _y_ticks(frame: _Frame, chart: _Chart) -> list[str]:
    """Ticks on the y axis in the number rule; returns their labels (to measure)."""
    from matplotlib.ticker import FixedLocator, FuncFormatter

    ax = frame.ax
    lo, hi = frame.y_range
    step = frame.step
    digits = step_decimals(step)
    count = round((hi - lo) / step)
    ticks = [lo + i * step for i in range(count + 1)]
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.yaxis.set_major_formatter(
        FuncFormatter(lambda v, _pos: format_number(v, digits, chart.lang))
    )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#8a8a8a")
    ax.tick_params(colors=INK, labelsize=chart.text, color="#8a8a8a")
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    return [format_number(v, digits, chart.lang) for v in ticks]


def _x_ticks(frame: _Frame, chart: _Chart, plot_width: float) -> None:
    """Years on the x axis, as many as fit without touching, and a small mark under every
    year when the labels skip some; the axis starts far enough left that the first year's
    label keeps clear of the lowest value's label."""
    from matplotlib.markers import TICKDOWN
    from matplotlib.ticker import FixedLocator, FuncFormatter

    ax = frame.ax
    x0, x1 = ax.get_xlim()
    half = _text_size("0000", chart.text, False)[0] / 2
    room = 2 * half + chart.text * 1.2
    span = max(x1 - x0, 1.0)
    every = next((s for s in (1, 2, 5, 10, 20, 50, 100) if plot_width * s / span >= room), 200)
    first, last = math.floor(x0) + 1, math.ceil(x1) - 1
    ticks = [y for y in range(first, last + 1) if y % every == 0]
    if ticks:
        clear = (half + chart.text * 0.8) * span / plot_width
        if ticks[0] - x0 < clear:
            ax.set_xlim(ticks[0] - clear, x1)
    ax.xaxis.set_major_locator(FixedLocator([float(y) for y in ticks]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{round(v):d}"))
    if every > 1 and span <= 60:
        # A mark under every year, drawn as one line of tick-shaped markers rather than as
        # minor ticks: matplotlib builds a full Tick object per minor tick (a third of a
        # chart's drawing time when the site draws hundreds of charts). Same pixels.
        years = [y for y in range(first, last + 1) if y % every]
        ax.plot(
            years, [0.0] * len(years), linestyle="none", marker=TICKDOWN, markersize=2.5,
            markeredgewidth=0.7, color="#8a8a8a", transform=ax.get_xaxis_transform(),
            clip_on=False, zorder=2.5,
        )  # fmt: skip


def _legend(figure: Figure, frame: _Frame, chart: _Chart, width: float) -> Any:
    """The legend, in as many columns as fit ``width`` points; None without entries."""
    if not frame.handles:
        return None
    text = chart.text
    handle, pad, spacing = 2.2, 0.5, 1.2
    entries = [(handle + pad) * text + _text_size(h.get_label(), text, False)[0]
               for h in frame.handles]  # fmt: skip
    columns = len(entries)
    while columns > 1:  # an estimate first: each try below builds a legend
        rows = math.ceil(len(entries) / columns)
        widths = [max(entries[c * rows : (c + 1) * rows], default=0.0) for c in range(columns)]
        if sum(widths) + (columns - 1) * spacing * text <= width:
            break
        columns -= 1
    while True:
        legend = figure.legend(
            handles=frame.handles, loc="lower left", bbox_to_anchor=(0.0, 0.0), ncol=columns,
            frameon=False, fontsize=text, handlelength=handle, handletextpad=pad,
            columnspacing=spacing, borderpad=0.0, borderaxespad=0.0, labelspacing=0.35,
        )  # fmt: skip
        if columns == 1 or legend.get_window_extent(_measuring_renderer()).width <= width:
            return legend
        legend.remove()
        columns -= 1


def _header(figure: Figure, chart: _Chart) -> float:
    """The standalone chart's name (up to three lines), status badge and method line, from
    the top; returns their height in points."""
    size, view = chart.size, chart.view
    width, margin, title_size = size.width, 24.0, 22.0
    height = size.height or 540.0
    lines = _wrap(_plain(localize(view.indicator.name, chart.lang)), title_size,
                  width - 2 * margin, 3, bold=True)  # fmt: skip
    top = 18.0
    figure.text(margin / width, 1 - top / height, "\n".join(lines), fontsize=title_size,
                fontweight="bold", color=INK, va="top", linespacing=1.15)  # fmt: skip
    y = top + title_size * 1.2 * len(lines) + 8.0
    assessment = view.selected
    if assessment is None:
        return y
    badge_text = _badge_text(chart)
    badge_size = chart.text + 1.0
    figure.text(
        (margin + 3.0) / width, 1 - (y + 3.0) / height, badge_text, fontsize=badge_size,
        fontweight="bold", color="white", va="top",
        bbox={"boxstyle": "round,pad=0.3",
              "facecolor": status_colour(assessment.status, assessment.trend_only),
              "edgecolor": "none"},
    )  # fmt: skip
    badge_width = _text_size(badge_text, badge_size, True)[0] + 0.6 * badge_size + 12.0
    room = width - 2 * margin - badge_width
    details = _subtitle_lines(chart, room)
    figure.text((margin + badge_width) / width, 1 - (y + 3.0) / height, "\n".join(details),
                fontsize=chart.text, color=MUTED, va="top", linespacing=1.25)  # fmt: skip
    return y + max(badge_size * 1.6, chart.text * 1.25 * len(details)) + 10.0


def _badge_text(chart: _Chart) -> str:
    assert chart.view.selected is not None
    selected = chart.view.selected
    # "On track (forecast)", "Significant progress (trend)": the badge stands apart from any
    # target, so it says what the status was judged against (issue 20)
    label = judged_label(selected.status, chart.lang, selected.judged_against)
    if chart.view.selected.set_by_hand:  # the same mark as the report's status cell
        label += " " + SET_BY_HAND_MARK
    return label[:1].upper() + label[1:]


def _subtitle_lines(chart: _Chart, room: float) -> list[str]:
    """The method, the period and the caveats (no target, stale, set by hand), packed between
    items into lines of ``room`` points."""
    view, assessment = chart.view, chart.view.selected
    assert assessment is not None
    t = chart.t
    details = [method_name(view.method, chart.lang)]
    if assessment.base_year is not None and assessment.year is not None:
        details.append(
            t.gettext("assessed {base}\u2013{year}").format(
                base=assessment.base_year, year=assessment.year
            )
        )
    elif assessment.year is not None:
        details.append(t.gettext("data up to {year}").format(year=assessment.year))
    if assessment.target is None:
        details.append(t.gettext("no target: judged on the trend"))
    if short_of_target(assessment, view.indicator.direction):
        details.append(t.gettext("within the method's tolerance: the projection falls short"))
    if assessment.stale and assessment.year is not None:
        details.append(t.gettext("stale value from {year}").format(year=assessment.year))
    if assessment.set_by_hand:
        details.append(t.gettext("{mark} status set by hand").format(mark=SET_BY_HAND_MARK))
    lines: list[str] = []
    for item in (_plain(d) for d in details):
        joined = f"{lines[-1]}  ·  {item}" if lines else item
        if lines and _text_size(joined, chart.text, False)[0] <= room:
            lines[-1] = joined
        else:
            lines += _wrap(item, chart.text, room, 2)
    return lines


def _sources(chart: _Chart) -> list[str]:
    """The indicator's source, and the source of the target in force, each wrapped in up to
    four lines (cut with " …" only beyond that)."""
    indicator, target = chart.view.indicator, chart.view.chart.target
    lines = [_source_line(chart.t.gettext("Source"), indicator.source, chart.lang)]
    if target is not None:
        for declared in indicator.targets:
            same = declared.year == target.year and declared.value == target.value
            if same and declared.source is not None:
                lines.append(_source_line(chart.kind(declared.kind), declared.source, chart.lang))
    room = chart.size.width - 48.0
    # wrapped, not cut: a source is the chart's citation (a title of 150 letters is common)
    return [
        part for line in lines if line for part in _wrap(_plain(line), chart.text - 1.0, room, 4)
    ]


# --- placing the labels -----------------------------------------------------------------------


def _place_labels(figure: Figure, frame: _Frame) -> None:
    """Put each label in the first of its places that lies inside the plot and keeps clear of
    the markers and of the labels placed before it; leave it out (with its companions)
    when none does. Labels are placed by priority: the latest value first."""
    from matplotlib.text import Text

    renderer = _measuring_renderer()
    ax = frame.ax
    area = _bbox(ax.get_window_extent(renderer))
    to_pixels = ax.transData.transform
    markers: list[Box] = []
    for x, y, radius in frame.markers:
        px, py = to_pixels((x, y))
        markers.append((px - radius, py - radius, px + radius, py + radius))
    placed: list[Box] = []
    for label in sorted(frame.labels, key=lambda item: item.priority):
        annotation = ax.annotate(
            "", xy=label.xy, xytext=(0, 0), textcoords="offset points",
            annotation_clip=False, **label.style,
        )  # fmt: skip
        arrow = "arrowprops" in label.style

        def measure(c: Candidate, annotation: Any = annotation, arrow: bool = arrow) -> Any:
            ha, va = alignment(c.dx, c.dy)
            annotation.set_text(c.text)
            annotation.set_horizontalalignment(ha)
            annotation.set_verticalalignment(va)
            annotation.xyann = (c.dx, c.dy)
            # The text's box, and apart the arrow's (it reaches to its own point's marker).
            annotation.update_positions(renderer)
            text = _bbox(Text.get_window_extent(annotation, renderer))
            return text, _bbox(annotation.get_window_extent(renderer)) if arrow else None

        chosen = choose(label.candidates, measure, area, markers, placed)
        if chosen is None:
            annotation.remove()
            for artist in label.companions:
                artist.remove()
            continue
        candidate, box = chosen
        measure(candidate)
        placed.append(box)


def _bbox(b: Any) -> Box:
    return (float(b.x0), float(b.y0), float(b.x1), float(b.y1))


def check_chart_path(path: Path) -> None:
    """Raise UsageError (exit 2) unless ``path`` ends in .png or .svg, and
    OutputUnwritableError (exit 3) when it is a folder."""
    if path.suffix.lower() not in (".png", ".svg"):
        raise UsageError(f"--chart needs a .png or .svg file name, not '{path.name}'")
    if path.is_dir():
        raise OutputUnwritableError(path, "it is a folder; give a file name")


def save_chart(view: IndicatorView, lang: str, path: Path) -> None:
    """:func:`write_chart` for the command line, with :func:`save_for_command_line`'s errors."""
    save_for_command_line(path, lambda: write_chart(view, lang, path))


def save_for_command_line(path: Path, write: Callable[[], object]) -> None:
    """Run ``write`` (which writes the chart file ``path``) for the command line: a wrong
    suffix or a missing extra is a UsageError (exit 2) saying what to do; a place that cannot
    be written is an OutputUnwritableError (exit 3, "cannot write 'PATH': reason")."""
    check_chart_path(path)
    try:
        write()
    except ChartExtraMissingError as exc:
        raise UsageError(str(exc)) from exc
    except OSError as exc:
        raise unwritable(path, exc) from exc


__all__ = [
    "LARGE",
    "MEDIUM",
    "PAGE_SIZES",
    "SLIDE",
    "SMALL",
    "ChartExtraMissingError",
    "ChartSize",
    "ChartWindow",
    "chart_window",
    "check_chart_path",
    "draw_figure",
    "load_matplotlib",
    "save_chart",
    "write_chart",
    "write_charts",
    "write_figures",
]
