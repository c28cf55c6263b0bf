"""`intl-tracker show ID --chart FILE.png|FILE.svg`: a publication-quality chart of one indicator.

It draws what the terminal chart draws (see ``show_output.chart_geometry``): the series, with
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
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from intl_tracker.formatting import finite, format_number
from intl_tracker.models import Source, localize
from intl_tracker.show_output import (
    INTEGER_UNITS,
    KNOWN_UNITS,
    ChartGeometry,
    ShowContext,
    chart_geometry,
    format_fraction,
    method_name,
    step_decimals,
    unit_label,
    unit_suffix,
    y_bounds,
)
from intl_tracker.vocabulary import Method, Status, status_label

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

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "values": "Values",
        "hollow": "Estimated or provisional",
        "path": "Straight path {base}\u2013{target}",
        "projection": "Projection at current pace",
        "target": "Target",
        "forecast": "Forecast",
        "target_line": "{kind}: {value} by {year}",
        "to_go": "{gap} to go",
        "ahead": "{gap} beyond",
        "projected": "{value} in {year}",
        "at_pace": "at {pace}/yr",
        "move": "{pct} % in {year}",
        "source": "Source",
        "target_source": "{kind}",
        "period": "assessed {base}\u2013{year}",
        "data_to": "data up to {year}",
        "points": "pp",
        "no_target": "no target: judged on the trend",
        "no_values": "No values yet",
    },
    "fi": {
        "values": "Arvot",
        "hollow": "Arvio tai ennakkotieto",
        "path": "Suora ura {base}\u2013{target}",
        "projection": "Ennuste nykyvauhdilla",
        "target": "Tavoite",
        "forecast": "Ennuste",
        "target_line": "{kind}: {value} vuoteen {year} mennessä",
        "to_go": "{gap} jäljellä",
        "ahead": "{gap} yli",
        "projected": "{value} vuonna {year}",
        "at_pace": "{pace}/v",
        "move": "{pct} % vuonna {year}",
        "source": "Lähde",
        "target_source": "{kind}",
        "period": "arviojakso {base}\u2013{year}",
        "data_to": "tiedot vuoteen {year}",
        "points": "%-yks.",
        "no_target": "ei tavoitetta: arvio kehityssuunnasta",
        "no_values": "Ei vielä arvoja",
    },
}


class ChartExtraMissingError(Exception):
    """matplotlib is not installed; the message says how to install it."""

    def __init__(self) -> None:
        super().__init__(f"--chart needs matplotlib, which is not installed; run: {INSTALL_HINT}")


def _w(key: str, lang: str, **fields: object) -> str:
    text = _WORDS.get(lang, _WORDS["en"])[key]
    return text.format(**fields) if fields else text


def _plain(text: str) -> str:
    """Keep matplotlib from reading user text as mathtext ($...$)."""
    return text.replace("$", r"\$")


def _host(url: str) -> str:
    """The site of a URL, as a publication cites it (the full URL is in `show` and JSON)."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _source_line(label: str, source: Source | None) -> str | None:
    if source is None:
        return None
    parts = [p for p in (source.publisher, source.title) if p]
    text = ": ".join(parts)
    if source.url:
        text = f"{text} ({_host(source.url)})" if text else source.url
    return f"{label}: {text}" if text else None


def write_chart(context: ShowContext, path: Path) -> None:
    """Write the chart to ``path``; the format (PNG or SVG) follows the file suffix.

    Raises :class:`ChartExtraMissingError` without matplotlib, ``ValueError`` for another
    suffix and ``OSError`` when the file cannot be written.
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
    with matplotlib.rc_context(rc):
        figure = Figure(figsize=(10, 6.2), dpi=100, layout=None)
        _draw(figure, context)
        metadata: dict[str, Any] = (
            {"Date": None, "Creator": "intl-tracker"} if fmt == "svg" else {"Software": None}
        )
        figure.savefig(path, format=fmt, dpi=150, metadata=metadata, facecolor="white")


def _draw(figure: Figure, context: ShowContext) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.lines import Line2D
    from matplotlib.markers import TICKDOWN
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    lang = context.lang
    indicator = context.indicator
    decimals = indicator.decimals
    suffix = unit_suffix(indicator.unit)
    geometry = chart_geometry(context)
    assessment = context.selected

    def number(value: float, digits: int | None = decimals) -> str:
        return format_number(value, digits, lang).replace("-", "\u2212")

    title = "\n".join(textwrap.wrap(_plain(localize(indicator.name, lang)), 80))
    title_lines = title.count("\n") + 1
    left, right, top, bottom = 0.095, 0.965, 0.82 - 0.052 * (title_lines - 1), 0.215
    ax: Axes = figure.add_axes((left, bottom, right - left, top - bottom))

    # --- title and subtitle
    figure.text(left - 0.06, 0.965, title, fontsize=15, fontweight="bold", color=INK, va="top")
    sub_y = 0.965 - 0.052 * title_lines - 0.006
    if assessment is not None:
        status_colour = STATUS_COLOURS[assessment.status]
        badge = figure.text(
            left - 0.06,
            sub_y,
            status_label(assessment.status, lang).capitalize(),
            fontsize=10.5,
            fontweight="bold",
            color="white",
            va="top",
            bbox={"boxstyle": "round,pad=0.3", "facecolor": status_colour, "edgecolor": "none"},
        )
        details = [method_name(context.method, lang)]
        if assessment.base_year is not None and assessment.year is not None:
            details.append(_w("period", lang, base=assessment.base_year, year=assessment.year))
        elif assessment.year is not None:
            details.append(_w("data_to", lang, year=assessment.year))
        if assessment.target is None:
            details.append(_w("no_target", lang))
        # right of the badge, whatever the badge's width
        ax.annotate(
            _plain("  ·  ".join(details)),
            xy=(1, 0.5),
            xycoords=badge,
            xytext=(9, 0),
            textcoords="offset points",
            fontsize=10.5,
            color=MUTED,
            va="center",
            annotation_clip=False,
        )

    # --- axes frame
    x0, x1 = geometry.x_range
    lo, hi, step = y_bounds(geometry.y_values, 5, integer=indicator.unit in INTEGER_UNITS)
    ax.set_xlim(x0 - 0.6, x1 + 0.6)
    ax.set_ylim(lo, hi)
    ax.yaxis.set_major_locator(MultipleLocator(step))
    tick_digits = step_decimals(step)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v, tick_digits)))
    span = x1 - x0
    every = next((s for s in (1, 5, 10, 20, 50, 100, 200) if span / s <= 12), 500)
    ax.xaxis.set_major_locator(MultipleLocator(every))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{round(v):d}"))
    if every > 1 and span <= 40:
        # A mark under every year. Drawn as one line of tick-shaped markers rather than as
        # minor ticks: matplotlib builds a full Tick object per minor tick, which made up a
        # third of a chart's drawing time (the site draws hundreds of charts).
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
    unit_text = unit_label(indicator.unit, lang)
    if indicator.unit in KNOWN_UNITS:  # in words; an unknown unit stays as written
        unit_text = unit_text[:1].upper() + unit_text[1:]
    ax.set_ylabel(_plain(unit_text), color=INK, fontsize=10)

    handles: list[Any] = []
    # --- the future: years after the latest value, shaded
    if geometry.assessed is not None and x1 > geometry.assessed[0]:
        ax.axvspan(geometry.assessed[0], x1 + 0.6, color=FUTURE, zorder=0, linewidth=0)

    # --- target level, path and projection
    target = geometry.target
    for t in geometry.targets:
        ax.axhline(t.value, color=TARGET, linewidth=0.9, alpha=0.35, linestyle=(0, (1, 2)))
    if geometry.path:
        xs, ys = zip(*geometry.path, strict=True)
        ax.plot(xs, ys, color=PATH, linewidth=1.6, linestyle=(0, (6, 4)), zorder=2)
        base = assessment.base_year if assessment is not None else int(xs[0])
        handles.append(
            Line2D(
                [],
                [],
                color=PATH,
                linewidth=1.6,
                linestyle=(0, (6, 4)),
                label=_w("path", lang, base=base, target=round(xs[-1])),
            )
        )
    if geometry.projection and assessment is not None:
        xs, ys = zip(*geometry.projection, strict=True)
        ax.plot(xs, ys, color=PROJECTION, linewidth=2.2, linestyle=(0, (1, 2.2)), zorder=3)
        ax.plot(
            [xs[-1]], [ys[-1]], marker="o", markersize=6, color=PROJECTION, zorder=4,
            markerfacecolor="white", markeredgewidth=1.6,
        )  # fmt: skip
        pace = assessment.fitted_cagr if assessment.pace.value == "fitted" else assessment.cagr
        label = _w("projected", lang, value=number(ys[-1]) + suffix, year=round(xs[-1]))
        if assessment.method != Method.DNS and finite(pace) is not None:
            label += "\n" + _w("at_pace", lang, pace=format_fraction(pace, lang)).replace(
                "-", "\u2212"
            )
        rising = ys[-1] >= ys[0]
        ax.annotate(
            _plain(label), xy=(xs[-1], ys[-1]), xytext=(2, 10 if rising else -10),
            textcoords="offset points", ha="right", va="bottom" if rising else "top",
            fontsize=9, color=PROJECTION, annotation_clip=False, bbox=HALO_FUTURE, zorder=9,
        )  # fmt: skip
        handles.append(
            Line2D(
                [],
                [],
                color=PROJECTION,
                linewidth=2.2,
                linestyle=(0, (1, 2.2)),
                label=_w("projection", lang),
            )
        )

    # --- the series
    value_label: Annotation | None = None
    if geometry.points:
        years = [p.year for p in geometry.points]
        values = [p.value for p in geometry.points]
        ax.plot(years, values, color=SERIES, linewidth=2.4, zorder=5, solid_capstyle="round")
        final = [p for p in geometry.points if p.status == "final"]
        hollow = [p for p in geometry.points if p.status != "final"]
        ax.plot(
            [p.year for p in final], [p.value for p in final], linestyle="none", marker="o",
            markersize=6, color=SERIES, zorder=6,
        )  # fmt: skip
        handles.insert(
            0,
            Line2D(
                [], [], color=SERIES, linewidth=2.4, marker="o", markersize=6,
                label=_w("values", lang),
            ),
        )  # fmt: skip
        if hollow:
            ax.plot(
                [p.year for p in hollow], [p.value for p in hollow], linestyle="none",
                marker="o", markersize=7, color=SERIES, markerfacecolor="white",
                markeredgewidth=1.8, zorder=7,
            )  # fmt: skip
            handles.insert(
                1,
                Line2D(
                    [], [], color=SERIES, linestyle="none", marker="o", markersize=7,
                    markerfacecolor="white", markeredgewidth=1.8, label=_w("hollow", lang),
                ),
            )  # fmt: skip
        last = geometry.points[-1]
        rising = len(values) < 2 or values[-1] >= values[-2]
        value_label = ax.annotate(  # rising: up-left, clear of the line; falling: up-right
            number(last.value) + suffix, xy=(last.year, last.value),
            xytext=(-8, 7) if rising else (7, 7), textcoords="offset points",
            ha="right" if rising else "left", va="bottom", fontsize=9.5, fontweight="bold",
            color=SERIES, zorder=8,
        )  # fmt: skip
        _annotate_move(ax, geometry, lang, (lo, hi), indicator.direction)

    # --- targets, and the distance to the one in force
    target_labels: list[Annotation] = []
    for t in geometry.targets:
        kind = _w("forecast" if t.kind == "forecast" else "target", lang)
        filled = t.kind != "forecast"
        ax.plot(
            [t.year], [t.value], marker="D", markersize=9, color=TARGET, zorder=9,
            markerfacecolor=TARGET if filled else "white", markeredgewidth=2,
        )  # fmt: skip
        label = _w("target_line", lang, kind=kind, value=number(t.value) + suffix, year=t.year)
        target_labels.append(ax.annotate(
            _plain(label), xy=(t.year, t.value), xytext=(-10, 9), textcoords="offset points",
            ha="right", va="bottom", fontsize=9.5, fontweight="bold", color=TARGET,
            annotation_clip=False, bbox=HALO_FUTURE, zorder=9,
        ))  # fmt: skip
    if target is not None and geometry.assessed is not None and target.year > x0:
        gap_label = _annotate_gap(
            ax, geometry, lang, number, suffix, indicator.unit, indicator.direction
        )
        if gap_label is not None:  # labels that collide with it move below their point
            renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
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
    if geometry.targets:
        forecast = all(t.kind == "forecast" for t in geometry.targets)
        handles.append(
            Line2D(
                [], [], linestyle="none", marker="D", markersize=8, color=TARGET,
                markerfacecolor="white" if forecast else TARGET, markeredgewidth=2,
                label=_w("forecast" if forecast else "target", lang),
            )
        )  # fmt: skip

    if handles:
        figure.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(left - 0.01, 0.085),
            ncol=min(len(handles), 5),
            frameon=False,
            fontsize=9,
            handlelength=2.6,
            columnspacing=1.6,
        )
    else:
        ax.text(
            0.5, 0.5, _w("no_values", lang), transform=ax.transAxes, ha="center",
            va="center", fontsize=12, color=MUTED,
        )  # fmt: skip

    # --- sources
    lines = [_source_line(_w("source", lang), indicator.source)]
    if target is not None:
        for declared in indicator.targets:
            same = declared.year == target.year and declared.value == target.value
            if same and declared.source is not None:
                kind = _w("forecast" if declared.kind == "forecast" else "target", lang)
                lines.append(_source_line(kind, declared.source))
    wrapped = [textwrap.shorten(_plain(x), 175, placeholder=" …") for x in lines if x]
    figure.text(
        left - 0.06, 0.018, "\n".join(wrapped), fontsize=7.5, color=MUTED, va="bottom",
        linespacing=1.5,
    )  # fmt: skip


def _annotate_move(
    ax: Axes, geometry: ChartGeometry, lang: str, ylim: tuple[float, float], direction: str
) -> None:
    """Point out a dramatic year-over-year swing (≥ 25 %), such as the 2020 collapse."""
    move = geometry.biggest_move
    if move is None or move.change_pct is None:
        return
    x0, x1 = geometry.x_range
    on_right = (move.year - x0) > 0.6 * (x1 - x0)
    down = move.change_pct < 0
    text = _w("move", lang, pct=format_number(move.change_pct, 1, lang, sign=True), year=move.year)
    worse = Status.MOVING_AWAY if down == (direction == "increase") else None
    lo, hi = ylim
    lift = 0.18 * (hi - lo)
    ax.annotate(
        _plain(text.replace("-", "\u2212")),
        xy=(move.year, move.value),
        xytext=(move.year + (-1.6 if on_right else 1.6) * max(1.0, (x1 - x0) / 12),
                move.value + (lift if down else -lift)),
        textcoords="data",
        ha="right" if on_right else "left",
        va="center",
        fontsize=11,
        fontweight="bold",
        color=STATUS_COLOURS[worse if worse is not None else Status.ON_TRACK],
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


def _annotate_gap(
    ax: Axes,
    geometry: ChartGeometry,
    lang: str,
    number: Any,
    suffix: str,
    unit: str,
    direction: str,
) -> Annotation | None:
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
    amount = number(abs(gap)) + (f" {_w('points', lang)}" if unit == "percent" else suffix)
    met = gap <= 0 if direction == "increase" else gap >= 0
    key = "ahead" if met else "to_go"
    below = value < target.value  # the text sits on the far side of the target line
    return ax.annotate(
        _plain(_w(key, lang, gap=amount)), xy=(x, target.value),
        xytext=(-7, 5 if below else -5), textcoords="offset points", ha="right",
        va="bottom" if below else "top", fontsize=10, fontweight="bold", color=TARGET,
        bbox=HALO, zorder=9,
    )  # fmt: skip
