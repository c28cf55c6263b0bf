"""Where a series has gaps: runs of consecutive years, and values placed by year.

Pure helpers for the charts and the sparklines (issue 10, case 9): a line must not join 1990 to
2018 as if the years between were measured, and a sparkline must not space 1990, 2018, 2022
evenly. Years are whole numbers; a gap is two consecutive values more than one year apart.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence

Point = tuple[int, float]


def runs(points: Sequence[Point], breaks: Collection[int] = ()) -> list[list[Point]]:
    """The points split into runs of consecutive years (input in year order), a year of
    ``breaks`` (a break in series) starting a new run; [] for none.

    >>> runs([(1990, 1.0), (2018, 2.0), (2019, 3.0)])
    [[(1990, 1.0)], [(2018, 2.0), (2019, 3.0)]]
    >>> runs([(2018, 2.0), (2019, 3.0)], breaks={2019})
    [[(2018, 2.0)], [(2019, 3.0)]]
    """
    out: list[list[Point]] = []
    for point in points:
        if out and point[0] - out[-1][-1][0] == 1 and point[0] not in breaks:
            out[-1].append(point)
        else:
            out.append([point])
    return out


def gap_joins(points: Sequence[Point], breaks: Collection[int] = ()) -> list[tuple[Point, Point]]:
    """The pairs of consecutive points more than one year apart (drawn dashed, or not at all);
    never across a break in series (the later point's year in ``breaks``): not joined at all."""
    return [
        (a, b)
        for a, b in itertools.pairwise(points)
        if b[0] - a[0] > 1 and not any(a[0] < y <= b[0] for y in breaks)
    ]


def by_year(points: Sequence[Point], last_year: int, years: int) -> list[float | None]:
    """One slot per year for the ``years`` years ending in ``last_year``: the value of that year,
    or None where there is none (a sparkline leaves it blank).

    >>> by_year([(1990, 5.0), (2022, 1.0), (2024, 2.0)], 2024, 4)
    [None, 1.0, None, 2.0]
    """
    first = last_year - years + 1
    values = {y: v for y, v in points if first <= y <= last_year}
    return [values.get(y) for y in range(first, last_year + 1)]
