"""`intl-tracker show ID --chart FILE.png|FILE.svg`: a publication-quality chart of one indicator.

It draws what the terminal chart draws (see ``views.ChartGeometry``): the series, with
provisional and estimated values as hollow markers; the target(s) with year and kind; the
straight path from the base to the target (dashed); and the projection at the current pace
(dotted). The title is the indicator's name in the chosen language, the subtitle the status
and the method, and the source line sits at the bottom.

matplotlib is an optional extra (``pip install 'intl-tracker[charts]'``). It is imported only
inside :func:`write_chart`, with the non-interactive Agg canvas and without pyplot, so this
module imports without it and no global state is touched.
"""

from __future__ import annotations

import math
import os
import tempfile
import textwrap
import warnings
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import urlsplit

from intl_tracker.assessment import registry
from intl_tracker.assessment.registry import Projection
from intl_tracker.core.errors import OutputUnwritableError, UsageError, unwritable
from intl_tracker.core.i18n import Translator, translator
from intl_tracker.core.text_safety import visible
from intl_tracker.core.vocabulary import Status
from intl_tracker.dataset.models import Source, localize
from intl_tracker.presentation.number_format import (
    RATE_DECIMALS,
    finite,
    format_number,
    format_percent,
    format_quantity,
    format_rate_percent,
)
from intl_tracker.presentation.timeline import gap_joins, runs
from intl_tracker.presentation.views import (
    INTEGER_UNITS,
    SET_BY_HAND_MARK,
    ChartGeometry,
    IndicatorView,
    step_decimals,
    y_bounds,
)
from intl_tracker.presentation.wording import (
    UNIT_NAMES,
    method_name,
    status_label,
    target_kind,
    unit_name,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation, Text

INSTALL_HINT = "pip install 'intl-tracker[charts]'"

# Colours: Okabe-Ito inspired, readable in greyscale and by colour-blind readers.
SERIES = "#0b4f8a"
PATH = "#6b6b6b"
PROJECTION = "#d55e00"
TARGET = "#7b2d8e"
INK = "#222222"
MUTED = "#6b6b6b"
GRID = "#e3e3e3"
FUTURE = "#f5f5f5"
# A soft white box behind labels, so a line running under them does not cut the letters.
HALO = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
HALO_FUTURE = {**HALO, "facecolor": FUTURE}
STATUS_COLOURS: dict[Status, str] = {
    Status.TARGET_MET: "#1b7a3a",
    Status.ON_TRACK: "#1b7a3a",
    Status.MODERATE: "#a86b00",
    Status.INSUFFICIENT: "#c45a00",
    Status.MOVING_AWAY: "#b3261e",
    Status.MISSED: "#8c1010",
    Status.INSUFFICIENT_DATA: "#6b6b6b",
}
#: A judgement without a target is never green or red: blue for progress, purple for movement
#: away (the terminal's trend styles).
TREND_COLOURS: dict[Status, str] = {
    Status.ON_TRACK: "#0b4f8a",
    Status.MODERATE: "#3a6ea5",
    Status.INSUFFICIENT: "#7b2d8e",
    Status.MOVING_AWAY: "#5a1a6e",
}


def status_colour(status: Status, trend_only: bool) -> str:
    """The badge colour of a status; a trend-only judgement's own."""
    return (
        TREND_COLOURS.get(status, STATUS_COLOURS[status]) if trend_only else STATUS_COLOURS[status]
    )


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
    """Import matplotlib and its SVG backend now: a process that forks chart workers does
    this once, so that the workers share it. Raises :class:`ChartExtraMissingError` without
    matplotlib."""
    try:
        import matplotlib.backends.backend_svg
        import matplotlib.figure  # noqa: F401
    except ImportError as exc:
        raise ChartExtraMissingError() from exc


def write_chart(view: IndicatorView, lang: str, path: Path) -> None:
    """Write the chart to ``path``; the format (PNG or SVG) follows the file suffix.

    Raises :class:`ChartExtraMissingError` without matplotlib, ``ValueError`` for another
    suffix and ``OSError`` when the file cannot be written. The file is replaced atomically
    (a temporary file in the same folder, then a rename).
    """
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise ValueError(f"a chart is written as .png or .svg, not {path.name!r}")
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise ChartExtraMissingError() from exc

    rc: Any = {
        "font.family": "DejaVu Sans",
        "font.size": 10,
        "axes.unicode_minus": True,
        "svg.fonttype": "none",  # text stays text: searchable, and the title is in the file
        "svg.hashsalt": "intl-tracker",  # stable ids, so the same data gives the same file
        "path.simplify": True,
    }
    with matplotlib.rc_context(rc), warnings.catch_warnings():
        # A letter the font lacks is drawn as a box; a warning per letter helps nobody.
        warnings.filterwarnings(
            "ignore", message=r"Glyph .* missing from font", category=UserWarning
        )
        figure = Figure(figsize=(10, 6.2), dpi=100, layout=None)
        _draw(figure, _Chart(view, lang, translator(lang)))
        metadata: dict[str, Any] = (
            {"Date": None, "Creator": "intl-tracker"} if fmt == "svg" else {"Software": None}
        )
        _save_atomically(
            path,
            lambda stream: figure.savefig(
                stream, format=fmt, dpi=150, metadata=metadata, facecolor="white"
            ),
        )


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


@dataclass(frozen=True)
class _Chart:
    """What every drawing step needs: the view, the language and its catalogue."""

    view: IndicatorView
    lang: str
    t: Translator

    @property
    def unit(self) -> str:
        return self.view.indicator.unit

    def quantity(self, value: float) -> str:
        """A value in the unit, exactly as the report and ``show`` print it."""
        return format_quantity(value, self.unit, self.view.decimals, self.lang)

    def kind(self, kind: str) -> str:
        """ "Target" or "Forecast", capitalised for a label."""
        word = target_kind(kind, self.lang)
        return word[:1].upper() + word[1:]


@dataclass
class _Frame:
    """The axes and their data bounds, and the legend handles gathered while drawing."""

    ax: Axes
    left: float
    y_range: tuple[float, float]
    handles: list[Any] = field(default_factory=list)


def _draw(figure: Figure, chart: _Chart) -> None:
    """Draw the whole chart: each step adds one kind of element."""
    frame = _draw_titles(figure, chart)
    _draw_axes(frame, chart)
    _draw_future(frame, chart)
    _draw_path(frame, chart)
    _draw_projection(frame, chart)
    value_label = _draw_series(frame, chart)
    target_labels = _draw_targets(frame, chart)
    _draw_gap(figure, frame, chart, target_labels, value_label)
    _draw_legend(figure, frame, chart)
    _draw_sources(figure, frame, chart)


#: Where the title, badge and subtitle start and end, as fractions of the figure's width.
TITLE_LEFT, TITLE_RIGHT = 0.035, 0.985
#: Figure fractions: a title line, a subtitle line (at the figure's 6.2-inch height).
TITLE_LINE, SUBTITLE_LINE = 0.052, 0.03


def _text_width(figure: Figure, size: float, *, bold: bool = False) -> Callable[[str], float]:
    """A function giving the width of a text in the chart's font, as a fraction of the
    figure's width (the same at any dpi, so at 100 for layout and 150 for the PNG)."""
    dpi = float(figure.dpi)
    figure_pixels = float(figure.get_figwidth()) * dpi

    def width(text: str) -> float:
        return _text_pixels(text, size, bold, dpi) / figure_pixels

    return width


@lru_cache(maxsize=4096)
def _text_pixels(text: str, size: float, bold: bool, dpi: float) -> float:
    """The width in pixels of ``text`` in the chart's font, as the Agg renderer lays it out.

    The width depends on nothing but these arguments, so it is measured once per process: the
    site draws hundreds of charts whose titles share most words and separators, and a new
    full-size renderer per measured title took a tenth of a chart's time.
    """
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(family="DejaVu Sans", size=size, weight="bold" if bold else "normal")
    w, _, _ = _measuring_renderer(dpi).get_text_width_height_descent(text, prop, ismath=False)
    return float(w)


@cache
def _measuring_renderer(dpi: float) -> Any:
    """A one-pixel Agg renderer: text metrics do not depend on the canvas size."""
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(1, 1, dpi)  # type: ignore[no-untyped-call]


def _pack(
    parts: list[str], separator: str, first: float, rest: float, width: Callable[[str], float]
) -> list[str]:
    """``parts`` joined by ``separator`` into lines no wider than ``first`` (the first line)
    and ``rest`` (the others), in figure fractions. A part wider than a line is packed word by
    word on lines of its own."""
    lines: list[str] = []
    for part in parts:
        limit = first if len(lines) <= 1 else rest
        if lines and width(lines[-1] + separator + part) <= limit:
            lines[-1] += separator + part
        elif width(part) <= (first if not lines else rest) or " " not in part:
            lines.append(part)
        else:
            words = _pack(part.split(" "), " ", first if not lines else rest, rest, width)
            lines += words
    return lines


def _title_lines(figure: Figure, name: str) -> list[str]:
    """The name in at most three lines that fit the figure, "…" when it had to be cut."""
    width = _text_width(figure, 15, bold=True)
    words = [w[i : i + 40] for w in name.split() for i in range(0, len(w), 40)]  # no overflow
    room = TITLE_RIGHT - TITLE_LEFT
    lines = _pack(words, " ", room, room, width) or [""]
    if len(lines) > 3:
        lines = lines[:3]
        while lines[2] and width(lines[2] + " …") > room:
            lines[2] = lines[2].rsplit(" ", 1)[0] if " " in lines[2] else lines[2][:-1]
        lines[2] += " …"
    return lines


def _draw_titles(figure: Figure, chart: _Chart) -> _Frame:
    """The title (the name), the status badge and the method line, each wrapped to the
    figure's width; returns the axes, placed below them."""
    view, assessment = chart.view, chart.view.selected
    title = "\n".join(_title_lines(figure, _plain(localize(view.indicator.name, chart.lang))))
    title_lines = title.count("\n") + 1
    details = _subtitle_lines(figure, chart)
    left, right, bottom = 0.095, 0.965, 0.215
    top = 0.82 - TITLE_LINE * (title_lines - 1) - SUBTITLE_LINE * max(0, len(details) - 1)
    ax: Axes = figure.add_axes((left, bottom, right - left, top - bottom))
    figure.text(TITLE_LEFT, 0.965, title, fontsize=15, fontweight="bold", color=INK, va="top")
    frame = _Frame(ax, left, (0.0, 1.0))
    if assessment is None:
        return frame
    colour = status_colour(assessment.status, assessment.trend_only)
    badge = figure.text(
        TITLE_LEFT, 0.965 - TITLE_LINE * title_lines - 0.006, _badge_text(chart),
        fontsize=10.5, fontweight="bold", color="white", va="top",
        bbox={"boxstyle": "round,pad=0.3", "facecolor": colour,
              "edgecolor": "none"},
    )  # fmt: skip
    ax.annotate(  # right of the badge, whatever the badge's width
        "\n".join(details), xy=(1, 1), xycoords=badge, xytext=(9, 0),
        textcoords="offset points", fontsize=10.5, color=MUTED, va="top",
        annotation_clip=False,
    )  # fmt: skip
    return frame


def _badge_text(chart: _Chart) -> str:
    assert chart.view.selected is not None
    selected = chart.view.selected
    label = status_label(selected.status, chart.lang, selected.trend_only)
    if chart.view.selected.set_by_hand:  # the same mark as the report's status cell
        label += " " + SET_BY_HAND_MARK
    return label[:1].upper() + label[1:]


def _subtitle_lines(figure: Figure, chart: _Chart) -> list[str]:
    """The method, the period and the caveats (no target, stale, set by hand), packed between
    items into lines that fit right of the badge; [] without an assessment."""
    view, assessment = chart.view, chart.view.selected
    if assessment is None:
        return []
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
    if assessment.stale and assessment.year is not None:
        details.append(t.gettext("stale value from {year}").format(year=assessment.year))
    if assessment.set_by_hand:
        details.append(t.gettext("{mark} status set by hand").format(mark=SET_BY_HAND_MARK))
    # The badge's width (its text and the box's padding of 0.3 em a side) and the 9-point gap.
    badge = _text_width(figure, 10.5, bold=True)(_badge_text(chart))
    points = figure.get_figwidth() * 72
    room = TITLE_RIGHT - TITLE_LEFT - badge - (0.6 * 10.5 + 9) / points
    return _pack([_plain(d) for d in details], "  ·  ", room, room, _text_width(figure, 10.5))


def _draw_axes(frame: _Frame, chart: _Chart) -> None:
    """Limits, ticks in the number rule, the grid and the unit label."""
    from matplotlib.markers import TICKDOWN
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    ax, geometry = frame.ax, chart.view.chart
    x0, x1 = geometry.x_range
    lo, hi, step = y_bounds(geometry.y_values, 5, integer=chart.unit in INTEGER_UNITS)
    frame.y_range = (lo, hi)
    ax.set_xlim(x0 - 0.6, x1 + 0.6)
    ax.set_ylim(lo, hi)
    ax.yaxis.set_major_locator(MultipleLocator(step))
    digits = step_decimals(step)
    ax.yaxis.set_major_formatter(
        FuncFormatter(lambda v, _pos: format_number(v, digits, chart.lang))
    )
    span = x1 - x0
    every = next((s for s in (1, 5, 10, 20, 50, 100, 200) if span / s <= 12), 500)
    ax.xaxis.set_major_locator(MultipleLocator(every))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{round(v):d}"))
    if every > 1 and span <= 40:
        # A mark under every year, drawn as one line of tick-shaped markers rather than as
        # minor ticks: matplotlib builds a full Tick object per minor tick, which made up a
        # third of a chart's drawing time (the site draws hundreds of charts). Same pixels.
        years = [y for y in range(math.ceil(x0), math.floor(x1) + 1) if y % every]
        ax.plot(
            years, [0.0] * len(years), linestyle="none", marker=TICKDOWN, markersize=2,
            markeredgewidth=0.6, color="#9a9a9a", transform=ax.get_xaxis_transform(),
            clip_on=False, zorder=2.5,
        )  # fmt: skip
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#9a9a9a")
    ax.tick_params(colors=INK, labelsize=9.5)
    ax.tick_params(which="both", color="#9a9a9a")
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    unit_text = unit_name(chart.unit, chart.lang, chart.view.indicator.unit_label)
    if chart.unit in UNIT_NAMES and not chart.view.indicator.unit_label:  # the tool's words
        unit_text = unit_text[:1].upper() + unit_text[1:]
    ax.set_ylabel(_plain(unit_text), color=INK, fontsize=10)


def _draw_future(frame: _Frame, chart: _Chart) -> None:
    """Shade the years after the latest value."""
    geometry = chart.view.chart
    x1 = geometry.x_range[1]
    if geometry.assessed is not None and x1 > geometry.assessed[0]:
        frame.ax.axvspan(geometry.assessed[0], x1 + 0.6, color=FUTURE, zorder=0, linewidth=0)


def _draw_path(frame: _Frame, chart: _Chart) -> None:
    """Target levels, and the straight path from the base to the target (dashed)."""
    from matplotlib.lines import Line2D

    ax, geometry, assessment = frame.ax, chart.view.chart, chart.view.selected
    for t in geometry.targets:
        ax.axhline(t.value, color=TARGET, linewidth=0.9, alpha=0.35, linestyle=(0, (1, 2)))
    if not geometry.path:
        return
    xs, ys = zip(*geometry.path, strict=True)
    ax.plot(xs, ys, color=PATH, linewidth=1.6, linestyle=(0, (6, 4)), zorder=2)
    base = assessment.base_year if assessment is not None else int(xs[0])
    label = chart.t.gettext("straight path {base}\u2013{target}").format(
        base=base, target=round(xs[-1])
    )
    frame.handles.append(
        Line2D([], [], color=PATH, linewidth=1.6, linestyle=(0, (6, 4)), label=label)
    )


def _draw_projection(frame: _Frame, chart: _Chart) -> None:
    """The projection at the current pace (dotted), labelled with its end value and the pace the
    method projects (``AssessmentMethod.projection``): the growth rate in percent a year
    (compound) or the change a year in the unit (linear)."""
    from matplotlib.lines import Line2D

    ax, geometry, assessment = frame.ax, chart.view.chart, chart.view.selected
    if not geometry.projection or assessment is None:
        return
    t = chart.t
    xs, ys = zip(*geometry.projection, strict=True)
    ax.plot(xs, ys, color=PROJECTION, linewidth=2.2, linestyle=(0, (1, 2.2)), zorder=3)
    ax.plot(
        [xs[-1]], [ys[-1]], marker="o", markersize=6, color=PROJECTION, zorder=4,
        markerfacecolor="white", markeredgewidth=1.6,
    )  # fmt: skip
    label = t.gettext("{value} in {year}").format(value=chart.quantity(ys[-1]), year=round(xs[-1]))
    projection = registry.method(assessment.method).projection
    if projection is Projection.COMPOUND and finite(chart.view.pace) is not None:
        rate = format_rate_percent(chart.view.pace, chart.lang)
        label += "\n" + t.gettext("at {rate} a year").format(rate=rate)
    elif projection is Projection.LINEAR and finite(assessment.annual_change) is not None:
        change = format_quantity(
            assessment.annual_change, chart.unit, chart.view.decimals, chart.lang, sign=True
        )
        label += "\n" + t.gettext("at {rate} a year").format(rate=change)
    rising = ys[-1] >= ys[0]
    lo, hi = frame.y_range  # a projection beyond the axis is labelled at the edge
    ax.annotate(
        "\n".join(_plain(line) for line in label.split("\n")),
        xy=(xs[-1], min(max(ys[-1], lo), hi)), xytext=(2, 10 if rising else -10),
        textcoords="offset points", ha="right", va="bottom" if rising else "top",
        fontsize=9, color=PROJECTION, annotation_clip=False, bbox=HALO_FUTURE, zorder=9,
    )  # fmt: skip
    frame.handles.append(
        Line2D(
            [], [], color=PROJECTION, linewidth=2.2, linestyle=(0, (1, 2.2)),
            label=t.gettext("projection at the current pace"),
        )
    )  # fmt: skip


def _draw_series(frame: _Frame, chart: _Chart) -> Annotation | None:
    """The values (hollow markers for estimated or provisional ones) and the latest value's
    label, which is returned."""
    from matplotlib.lines import Line2D

    ax, geometry, t = frame.ax, chart.view.chart, chart.t
    if not geometry.points:
        return None
    years = [p.year for p in geometry.points]
    values = [p.value for p in geometry.points]
    points = list(zip(years, values, strict=True))
    for run in runs(points):  # a solid line only through consecutive years
        xs, ys = zip(*run, strict=True)
        ax.plot(xs, ys, color=SERIES, linewidth=2.4, zorder=5, solid_capstyle="round")
    joins = gap_joins(points)
    for (ya, va), (yb, vb) in joins:  # years without a value: a thin dashed bridge
        ax.plot([ya, yb], [va, vb], color=SERIES, linewidth=1.0, alpha=0.6,
                linestyle=(0, (2, 3)), zorder=4)  # fmt: skip
    if joins:
        frame.handles.append(Line2D(
            [], [], color=SERIES, linewidth=1.0, alpha=0.6, linestyle=(0, (2, 3)),
            label=t.gettext("no values in between"),
        ))  # fmt: skip
    final = [p for p in geometry.points if p.status == "final"]
    hollow = [p for p in geometry.points if p.status != "final"]
    ax.plot(
        [p.year for p in final], [p.value for p in final], linestyle="none", marker="o",
        markersize=6, color=SERIES, zorder=6,
    )  # fmt: skip
    frame.handles.insert(0, Line2D(
        [], [], color=SERIES, linewidth=2.4, marker="o", markersize=6,
        label=t.gettext("values"),
    ))  # fmt: skip
    if hollow:
        ax.plot(
            [p.year for p in hollow], [p.value for p in hollow], linestyle="none",
            marker="o", markersize=7, color=SERIES, markerfacecolor="white",
            markeredgewidth=1.8, zorder=7,
        )  # fmt: skip
        frame.handles.insert(1, Line2D(
            [], [], color=SERIES, linestyle="none", marker="o", markersize=7,
            markerfacecolor="white", markeredgewidth=1.8,
            label=t.gettext("estimated or provisional"),
        ))  # fmt: skip
    last = geometry.points[-1]
    rising = len(values) < 2 or values[-1] >= values[-2]
    label = ax.annotate(  # rising: up-left, clear of the line; falling: up-right
        chart.quantity(last.value), xy=(last.year, last.value),
        xytext=(-8, 7) if rising else (7, 7), textcoords="offset points",
        ha="right" if rising else "left", va="bottom", fontsize=9.5, fontweight="bold",
        color=SERIES, zorder=8,
    )  # fmt: skip
    _annotate_move(ax, geometry, chart, frame.y_range)
    return label


def _draw_targets(frame: _Frame, chart: _Chart) -> list[Annotation]:
    """Each target's marker (filled: a commitment; hollow: a forecast) and label."""
    from matplotlib.lines import Line2D

    ax, geometry, t = frame.ax, chart.view.chart, chart.t
    labels: list[Annotation] = []
    for target in geometry.targets:
        filled = target.kind != "forecast"
        ax.plot(
            [target.year], [target.value], marker="D", markersize=9, color=TARGET, zorder=9,
            markerfacecolor=TARGET if filled else "white", markeredgewidth=2,
        )  # fmt: skip
        label = t.gettext("{kind}: {value} by {year}").format(
            kind=chart.kind(target.kind), value=chart.quantity(target.value), year=target.year
        )
        labels.append(ax.annotate(
            _plain(label), xy=(target.year, target.value), xytext=(-10, 9),
            textcoords="offset points", ha="right", va="bottom", fontsize=9.5,
            fontweight="bold", color=TARGET, annotation_clip=False, bbox=HALO_FUTURE, zorder=9,
        ))  # fmt: skip
    if geometry.targets:
        forecast = all(target.kind == "forecast" for target in geometry.targets)
        frame.handles.append(Line2D(
            [], [], linestyle="none", marker="D", markersize=8, color=TARGET,
            markerfacecolor="white" if forecast else TARGET, markeredgewidth=2,
            label=chart.kind("forecast" if forecast else "target"),
        ))  # fmt: skip
    return labels


def _draw_gap(
    figure: Figure,
    frame: _Frame,
    chart: _Chart,
    target_labels: list[Annotation],
    value_label: Annotation | None,
) -> None:
    """The bracket to the target in force; labels it would cover move out of its way."""
    geometry = chart.view.chart
    target = geometry.target
    if target is None or geometry.assessed is None or target.year <= geometry.x_range[0]:
        return
    gap_label = _annotate_gap(frame.ax, geometry, chart)
    if gap_label is None:
        return
    renderer = _measuring_renderer(float(figure.dpi))  # extents depend on the dpi alone
    moved = []
    for artist in target_labels:  # first on two lines, then below the marker
        if _overlap(artist, gap_label, renderer):
            artist.set_text(artist.get_text().replace(": ", "\n", 1))
            if _overlap(artist, gap_label, renderer):
                moved.append(artist)
    if value_label is not None and _overlap(value_label, gap_label, renderer):
        moved.append(value_label)
    for artist in moved:
        x_offset, _ = artist.xyann
        artist.xyann = (x_offset, -9)
        artist.set_verticalalignment("top")


def _draw_legend(figure: Figure, frame: _Frame, chart: _Chart) -> None:
    if frame.handles:
        figure.legend(
            handles=frame.handles, loc="lower left", bbox_to_anchor=(frame.left - 0.01, 0.085),
            ncol=min(len(frame.handles), 4), frameon=False, fontsize=9, handlelength=2.6,
            columnspacing=1.6,
        )  # fmt: skip
    else:
        frame.ax.text(
            0.5, 0.5, chart.t.gettext("No values yet."), transform=frame.ax.transAxes,
            ha="center", va="center", fontsize=12, color=MUTED,
        )  # fmt: skip


def _draw_sources(figure: Figure, frame: _Frame, chart: _Chart) -> None:
    """The indicator's source, and the source of the target in force, at the bottom."""
    indicator, target = chart.view.indicator, chart.view.chart.target
    lines = [_source_line(chart.t.gettext("Source"), indicator.source, chart.lang)]
    if target is not None:
        for declared in indicator.targets:
            same = declared.year == target.year and declared.value == target.value
            if same and declared.source is not None:
                lines.append(_source_line(chart.kind(declared.kind), declared.source, chart.lang))
    wrapped = [textwrap.shorten(_plain(x), 175, placeholder=" …") for x in lines if x]
    figure.text(
        frame.left - 0.06, 0.018, "\n".join(wrapped), fontsize=7.5, color=MUTED, va="bottom",
        linespacing=1.5,
    )  # fmt: skip


def _annotate_move(
    ax: Axes, geometry: ChartGeometry, chart: _Chart, ylim: tuple[float, float]
) -> None:
    """Point out a dramatic year-over-year swing (≥ 25 %), such as the 2020 collapse."""
    move = geometry.biggest_move
    if move is None or move.change_pct is None:
        return
    x0, x1 = geometry.x_range
    on_right = (move.year - x0) > 0.6 * (x1 - x0)
    down = move.change_pct < 0
    change = format_percent(move.change_pct, RATE_DECIMALS, chart.lang, sign=True)
    # The earlier year is named, as in the terminal chart: across a gap (2010 → 2014) the
    # change is over several years, not "in 2014".
    if move.previous_year is not None:
        text = chart.t.gettext("{year}: {change} since {previous}").format(
            year=move.year, change=change, previous=move.previous_year
        )
    else:
        text = chart.t.gettext("{change} in {year}").format(change=change, year=move.year)
    worse = down == (chart.view.indicator.direction == "increase")
    lo, hi = ylim
    lift = 0.18 * (hi - lo)
    ax.annotate(
        _plain(text),
        xy=(move.year, move.value),
        xytext=(move.year + (-1.6 if on_right else 1.6) * max(1.0, (x1 - x0) / 12),
                move.value + (lift if down else -lift)),
        textcoords="data",
        ha="right" if on_right else "left",
        va="center",
        fontsize=11,
        fontweight="bold",
        color=STATUS_COLOURS[Status.MOVING_AWAY if worse else Status.ON_TRACK],
        arrowprops={
            "arrowstyle": "-|>",
            "color": "#444444",
            "linewidth": 1.1,
            "shrinkA": 3,
            "shrinkB": 7,
            "connectionstyle": "arc3,rad=0.2" if on_right else "arc3,rad=-0.2",
        },
        zorder=10,
    )  # fmt: skip


def _overlap(a: Text, b: Text, renderer: Any) -> bool:
    """Whether two labels touch, with a few pixels to spare (hinting differs between sizes)."""
    return bool(a.get_window_extent(renderer).padded(6).overlaps(b.get_window_extent(renderer)))


def _annotate_gap(ax: Axes, geometry: ChartGeometry, chart: _Chart) -> Annotation | None:
    """A bracket from the latest value to the target level, labelled with the distance still
    to go; returns the label."""
    target = geometry.target
    assert target is not None and geometry.assessed is not None
    year, value = geometry.assessed
    gap = target.value - value
    if gap == 0:
        return None
    x = year + 0.35
    ax.annotate(
        "", xy=(x, target.value), xytext=(x, value),
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
    words = t.gettext("{gap} beyond") if met else t.gettext("{gap} to go")
    below = value < target.value  # the text sits on the far side of the target line
    return ax.annotate(
        _plain(words.format(gap=amount)), xy=(x, target.value),
        xytext=(-7, 5 if below else -5), textcoords="offset points", ha="right",
        va="bottom" if below else "top", fontsize=10, fontweight="bold", color=TARGET,
        bbox=HALO, zorder=9,
    )  # fmt: skip


def save_chart(view: IndicatorView, lang: str, path: Path) -> None:
    """:func:`write_chart` for the command line: a wrong suffix or a missing extra is a
    UsageError (exit 2) saying what to do; a place that cannot be written is an
    OutputUnwritableError (exit 3, "cannot write 'PATH': reason")."""
    if path.suffix.lower() not in (".png", ".svg"):
        raise UsageError(f"--chart needs a .png or .svg file name, not '{path.name}'")
    if path.is_dir():
        raise OutputUnwritableError(path, "it is a folder; give a file name")
    try:
        write_chart(view, lang, path)
    except ChartExtraMissingError as exc:
        raise UsageError(str(exc)) from exc
    except OSError as exc:
        raise unwritable(path, exc) from exc
