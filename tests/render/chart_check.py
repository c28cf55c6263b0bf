"""Helpers of the chart tests: every text of a drawn chart, with its box in pixels."""

from __future__ import annotations

import itertools
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text


def text_boxes(figure: Figure) -> list[tuple[str, str, tuple[float, float, float, float]]]:
    """(kind, text, box) of every visible text of ``figure`` once drawn: figure texts, the
    legend's texts, annotations, and the tick labels inside the axis's range."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    found: list[tuple[str, str, Any]] = []
    found += [("figure", t.get_text(), t) for t in figure.texts]
    for legend in figure.legends:
        found += [("legend", t.get_text(), t) for t in legend.get_texts()]
    for ax in figure.axes:
        found += [("label", t.get_text(), t) for t in ax.texts]
        x0, x1 = sorted(ax.get_xlim())
        y0, y1 = sorted(ax.get_ylim())
        for tick in ax.xaxis.get_major_ticks():
            if x0 <= tick.get_loc() <= x1:
                found.append(("xtick", tick.label1.get_text(), tick.label1))
        for tick in ax.yaxis.get_major_ticks():
            if y0 - 1e-9 <= tick.get_loc() <= y1 + 1e-9:
                found.append(("ytick", tick.label1.get_text(), tick.label1))
    boxes = []
    for kind, text, artist in found:
        if not artist.get_visible() or not text.strip():
            continue
        if kind == "label" and hasattr(artist, "update_positions"):
            # an annotation's text, not its arrow (the placer keeps arrows clear of labels)
            artist.update_positions(renderer)
            b = Text.get_window_extent(artist, renderer)
        else:
            b = artist.get_window_extent(renderer)
        boxes.append((kind, text, (b.x0, b.y0, b.x1, b.y1)))
    return boxes


def clipped(figure: Figure) -> list[str]:
    """The texts that reach beyond the figure's edges."""
    width, height = figure.bbox.width, figure.bbox.height
    return [
        text
        for _, text, (x0, y0, x1, y1) in text_boxes(figure)
        if x0 < -0.5 or y0 < -0.5 or x1 > width + 0.5 or y1 > height + 0.5
    ]


def overlapping(figure: Figure) -> list[tuple[str, str]]:
    """The pairs of texts whose boxes overlap (by more than half a pixel)."""
    pairs = []
    for (_, a, ba), (_, b, bb) in itertools.combinations(text_boxes(figure), 2):
        if (
            min(ba[2], bb[2]) - max(ba[0], bb[0]) > 0.5
            and min(ba[3], bb[3]) - max(ba[1], bb[1]) > 0.5
        ):
            pairs.append((a, b))
    return pairs
