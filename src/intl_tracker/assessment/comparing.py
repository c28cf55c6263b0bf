"""What changed since an earlier follow-up: each indicator's status then and now.

Pure: takes two lists of assessments of the same indicators (``report YEAR --compare
EARLIER``) and says, per indicator, whether the status improved, worsened or stayed, on the
ordinal scale ``STATUS_RANK``. A status without a place on that scale (insufficient data), or
a change between a target-based and a trend-only judgement, is not comparable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from intl_tracker.assessment.engine import Assessment
from intl_tracker.core.vocabulary import Status


class Movement(StrEnum):
    IMPROVED = "improved"
    WORSENED = "worsened"
    UNCHANGED = "unchanged"
    NOT_COMPARABLE = "not_comparable"


#: Ordinal scale of the statuses, best first (insufficient_data has no place on it).
STATUS_RANK: dict[Status, int] = {
    Status.TARGET_MET: 6,
    Status.ON_TRACK: 5,
    Status.MODERATE: 4,
    Status.NO_CHANGE: 3,
    Status.INSUFFICIENT: 2,
    Status.MOVING_AWAY: 1,
    Status.MISSED: 0,
}


@dataclass(frozen=True, slots=True)
class Comparison:
    """One indicator then (``earlier``) and now (``later``), and how its status moved."""

    indicator_id: str
    earlier: Assessment
    later: Assessment
    movement: Movement

    @property
    def set_by_hand(self) -> bool:
        """Either year's status was set by hand (the same setting applies to both years)."""
        return self.earlier.set_by_hand or self.later.set_by_hand

    @property
    def computed_movement(self) -> Movement | None:
        """With a status set by hand in either year, how the *computed* statuses moved (a
        hand-set status is one setting for every year, so its own movement says nothing);
        not comparable when the calculation is off; None without a hand-set status."""
        if not self.set_by_hand:
            return None
        return computed_movement(self.earlier, self.later)

    @property
    def value_change(self) -> float | None:
        """later value - earlier value, in the unit (None when either is missing)."""
        if self.earlier.value is None or self.later.value is None:
            return None
        return self.later.value - self.earlier.value


def movement(earlier: Assessment, later: Assessment) -> Movement:
    """Improved / worsened / unchanged on ``STATUS_RANK``; not comparable when either status
    is insufficient data or exactly one of the two was judged without a target."""
    before, after = STATUS_RANK.get(earlier.status), STATUS_RANK.get(later.status)
    if before is None or after is None or earlier.trend_only != later.trend_only:
        return Movement.NOT_COMPARABLE
    if after > before:
        return Movement.IMPROVED
    if after < before:
        return Movement.WORSENED
    return Movement.UNCHANGED


def computed_movement(earlier: Assessment, later: Assessment) -> Movement:
    """``movement`` of the statuses the method computed (``computed_status`` for a status set
    by hand); not comparable when either was not computed (the calculation is off)."""
    before = earlier.computed_status if earlier.set_by_hand else earlier.status
    after = later.computed_status if later.set_by_hand else later.status
    if before is None or after is None:
        return Movement.NOT_COMPARABLE
    return movement(replace(earlier, status=before), replace(later, status=after))


def compare(earlier: Sequence[Assessment], later: Sequence[Assessment]) -> list[Comparison]:
    """Pair the assessments by indicator id, in the order of ``later``.

    Raises ValueError when the two lists do not assess the same indicators.
    """
    before = {a.indicator_id: a for a in earlier}
    if set(before) != {a.indicator_id for a in later}:
        raise ValueError("the two assessments do not cover the same indicators")
    return [
        Comparison(a.indicator_id, before[a.indicator_id], a, movement(before[a.indicator_id], a))
        for a in later
    ]


def count_movements(comparisons: Sequence[Comparison]) -> list[tuple[Movement, int]]:
    """How many indicators moved each way, in ``Movement`` order; zeros left out."""
    counts = Counter(c.movement for c in comparisons)
    return [(m, counts[m]) for m in Movement if counts[m]]


def merge_movements(parts: Iterable[Iterable[tuple[Movement, int]]]) -> list[tuple[Movement, int]]:
    """The movement counts of several parts of a report as one (``count_movements`` of all
    their comparisons): summed, in ``Movement`` order, zeros left out."""
    counts: Counter[Movement] = Counter()
    for part in parts:
        for movement, n in part:
            counts[movement] += n
    return [(m, counts[m]) for m in Movement if counts[m]]
