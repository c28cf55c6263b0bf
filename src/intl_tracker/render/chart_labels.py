"""Where the labels of a chart go: each label takes the first of its candidate places that
stays inside the plot and touches no label or marker placed before it; a label with no such
place is left out (with what it explains), never drawn over another or cut at the edge.

Pure geometry on boxes in pixels (``x0, y0, x1, y1``, y up as in matplotlib's display
coordinates), so that it can be tested without drawing; :mod:`intl_tracker.render.charts`
measures the boxes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

Box = tuple[float, float, float, float]

#: Pixels kept free between two labels, and between a label and a marker: the labels' white
#: halo reaches about two pixels beyond the letters.
CLEARANCE = 3.0


def inside(box: Box, area: Box, margin: float = 1.0) -> bool:
    """Whether ``box`` lies within ``area`` shrunk by ``margin`` on every side."""
    return (
        box[0] >= area[0] + margin
        and box[1] >= area[1] + margin
        and box[2] <= area[2] - margin
        and box[3] <= area[3] - margin
    )


def overlaps(a: Box, b: Box, clearance: float = 0.0) -> bool:
    """Whether two boxes come closer than ``clearance`` pixels."""
    return not (
        a[2] + clearance <= b[0]
        or b[2] + clearance <= a[0]
        or a[3] + clearance <= b[1]
        or b[3] + clearance <= a[1]
    )


def alignment(dx: float, dy: float) -> tuple[str, str]:
    """The text alignment that puts a label at offset ``(dx, dy)`` from its point on the side
    the offset points to: right of the point for dx > 0 (aligned left), above it for dy > 0
    (aligned bottom), centred for 0."""
    ha = "left" if dx > 0 else "right" if dx < 0 else "center"
    va = "bottom" if dy > 0 else "top" if dy < 0 else "center"
    return ha, va


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place to try: the text (a label may have a shorter or two-line form) and its offset
    in points from the point it names."""

    text: str
    dx: float
    dy: float


def choose(
    candidates: Sequence[Candidate],
    measure: Callable[[Candidate], tuple[Box, Box | None]],
    area: Box,
    markers: Iterable[Box],
    labels: Iterable[Box],
) -> tuple[Candidate, Box] | None:
    """The first candidate whose text box (the first box ``measure`` gives) lies in ``area``
    and keeps ``CLEARANCE`` from every marker and label, and whose arrow's box (the second,
    None without an arrow) crosses no label; with its text box. None when no candidate fits."""
    occupied, placed = list(markers), list(labels)
    for candidate in candidates:
        box, reach = measure(candidate)
        if not inside(box, area):
            continue
        if any(overlaps(box, o, CLEARANCE) for o in (*occupied, *placed)):
            continue
        if reach is not None and any(overlaps(reach, o) for o in placed):
            continue
        return candidate, box
    return None


def around(
    text: str, near: float, far: float, *, prefer_left: bool, prefer_up: bool
) -> list[Candidate]:
    """The eight places around a point, nearest first, in the preferred directions first:
    the four diagonals at ``near`` points, then straight left/right/up/down, then the
    diagonals again at ``far`` points."""
    sx = -1.0 if prefer_left else 1.0
    sy = 1.0 if prefer_up else -1.0
    diagonals = [(sx, sy), (-sx, sy), (sx, -sy), (-sx, -sy)]
    places = [(near * x, near * y) for x, y in diagonals]
    places += [(near * sx * 1.4, 0.0), (-near * sx * 1.4, 0.0)]
    places += [(0.0, near * sy * 1.6), (0.0, -near * sy * 1.6)]
    places += [(far * x, far * y) for x, y in diagonals]
    return [Candidate(text, dx, dy) for dx, dy in places]
