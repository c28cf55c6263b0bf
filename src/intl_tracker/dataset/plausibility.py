"""Values that are probably typos: a percent written as a fraction, a digit too many or too few.

Each suspect is a warning, and an error when the rest of the series makes the slip
unmistakable (docs/reference/problems.md, "Probable typos", states the rule and its
thresholds; tests/dataset/test_plausibility.py holds this code to it on any series):

- ``percent-as-fraction``: a percent indicator's value ``v`` with ``0 < |v| < 1`` whose
  ``100·v`` is within a factor of 2 of the median of the values of magnitude 1 or more
  (at least two of them): 0.215 among values around 21.
- ``implausible-jump``: a value at least ``JUMP_FACTOR`` times, or at most a
  ``1/JUMP_FACTOR``, of both its neighbours in year order (same sign, neither zero); the first
  or last value when that far off its one neighbour while that neighbour is not that far off
  the next (the last of two values when it is that far off the first).

A suspect is **unmistakable** (an error) when all of these hold:

1. the series has at least ``MIN_VALUES_FOR_ERROR`` values and the suspect has a neighbour on
   both sides (a first or last value may be the start of a real change);
2. the rest of the series is smooth: without the suspect, every value is within a factor of
   ``SMOOTH_FACTOR`` of the one before it (same sign, no zero), so the series is not one that
   jumps about anyway;
3. the slip explains the value: ``100·v`` (a fraction) or ``v·10^k`` for a whole ``k``
   between -3 and 3, not 0 (a jump), is within a factor of ``SMOOTH_FACTOR`` of both
   neighbours.

A value confirmed in the indicator's ``validation.confirmed`` (the same year and value) is
never a suspect. Pure functions on the values; ``checks.py`` turns suspects into problems.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from operator import attrgetter

from yaml.nodes import Node

from intl_tracker.core.errors import Problem, Severity
from intl_tracker.dataset.locating import problem_at
from intl_tracker.dataset.models import Indicator

#: A value about ten times its neighbours (or a tenth) is probably a digit too many or too
#: few. 8, not 10: a typo of 292796 as 2927960 is only 9.9 times the next year's 295432.
JUMP_FACTOR = 8.0
#: Neighbours "agree" (and a series "is smooth") when each value is within this factor of
#: the other: less than a third of a tenfold slip on a log scale. A real 2020 collapse of
#: hotel nights (a factor of 2.5) makes a series volatile, and its suspects stay warnings.
SMOOTH_FACTOR = 2.0
#: A slip is unmistakable only in a series of at least this many values: in a shorter one
#: the "rest of the series" is too little to tell a typo from a change.
MIN_VALUES_FOR_ERROR = 5
#: The powers of ten a slip may be: a digit or a decimal point one to three places off, or
#: another unit (thousands).
SLIP_POWERS = (-3, -2, -1, 1, 2, 3)

FRACTION = "percent-as-fraction"
JUMP = "implausible-jump"
#: The codes of probable typos: ``record`` and ``import`` edit a file that has one (the edit
#: may correct it), and refuse the edit when the file still has one that is an error.
TYPO_CODES = frozenset({FRACTION, JUMP})


@dataclass(frozen=True, slots=True)
class Suspect:
    """A value that is probably a typo: its index in the series, its code, and ``power``,
    the power of ten that makes it fit both neighbours when the slip is unmistakable (2 for
    a fraction: write ``value·10^power``), else None (a warning)."""

    index: int
    code: str
    power: int | None = None

    @property
    def certain(self) -> bool:
        return self.power is not None


def _far(a: float, b: float) -> bool:
    """``a`` and ``b`` differ by JUMP_FACTOR or more (same sign, neither zero)."""
    if a == 0 or b == 0 or (a < 0) != (b < 0):
        return False
    a, b = abs(a), abs(b)
    return a >= JUMP_FACTOR * b if a > b else b >= JUMP_FACTOR * a


def _close(a: float, b: float) -> bool:
    """``a`` and ``b`` are within SMOOTH_FACTOR of each other (same sign, neither zero)."""
    if a == 0 or b == 0 or (a < 0) != (b < 0):
        return False
    a, b = abs(a), abs(b)
    return max(a, b) < SMOOTH_FACTOR * min(a, b)


def _smooth_without(values: Sequence[float], index: int) -> bool:
    rest = [v for i, v in enumerate(values) if i != index]
    return all(_close(a, b) for a, b in pairwise(rest))


def _fitting_power(values: Sequence[float], index: int, powers: Sequence[int]) -> int | None:
    """The power of ten of ``powers`` by which the value at ``index`` fits both neighbours
    in an otherwise smooth series long enough to judge (rules 1-3 above), else None."""
    n = len(values)
    if n < MIN_VALUES_FOR_ERROR or not 0 < index < n - 1:
        return None
    if not _smooth_without(values, index):
        return None
    before, value, after = values[index - 1], values[index], values[index + 1]
    for power in powers:
        fixed = value * 10.0**power
        if _close(fixed, before) and _close(fixed, after):
            return power
    return None


def _has_fraction(values: Sequence[float]) -> bool:
    return any(0 < abs(v) < 1 for v in values)


def _fractions(values: Sequence[float]) -> list[int]:
    """Indexes of the percents written as fractions (the warning's condition)."""
    if not _has_fraction(values):
        return []
    others = sorted(v for v in values if abs(v) >= 1)
    if len(others) < 2:
        return []
    typical = others[len(others) // 2]
    return [i for i, v in enumerate(values) if 0 < abs(v) < 1 and 0.5 <= v * 100 / typical <= 2]


def _may_jump(values: Sequence[float]) -> bool:
    """Whether two values of the same sign are JUMP_FACTOR apart: else no pair is ``_far``
    (the common case, decided by C builtins: a report checks every indicator)."""
    if not values:
        return False
    low, high = min(values), max(values)
    if low > 0 and high < JUMP_FACTOR * low:  # the usual series: positive, near each other
        return False
    positive = [v for v in values if v > 0]
    negative = [-v for v in values if v < 0]
    return any(len(g) > 1 and max(g) >= JUMP_FACTOR * min(g) for g in (positive, negative))


def _jumps(values: Sequence[float], skip: set[int]) -> list[int]:
    """Indexes of the implausible jumps (the warning's condition), ``skip`` left out."""
    if not _may_jump(values):
        return []
    n = len(values)
    far = [_far(values[i], values[i + 1]) for i in range(n - 1)]
    found = []
    for index in range(n):
        if index in skip:
            continue
        before = index > 0 and far[index - 1]
        after = index < n - 1 and far[index]
        if 0 < index < n - 1:
            jumped = before and after
        elif index == 0:
            jumped = n >= 3 and after and not far[1]
        else:
            jumped = n >= 2 and before and (n == 2 or not far[n - 3])
        if jumped:
            found.append(index)
    return found


def suspects(values: Sequence[float], *, percent: bool) -> list[Suspect]:
    """Every probable typo of a series (values in year order), in index order; ``percent``:
    the unit is percent (only then are fractions looked for)."""
    fractions = _fractions(values) if percent else []
    found = [Suspect(i, FRACTION, _fitting_power(values, i, (2,))) for i in fractions]
    found += [
        Suspect(i, JUMP, _fitting_power(values, i, SLIP_POWERS))
        for i in _jumps(values, set(fractions))
    ]
    return sorted(found, key=lambda s: s.index)


def _confirmed(indicator: Indicator) -> Mapping[int, float]:
    validation = indicator.validation
    return {} if validation is None else validation.confirmed


def indicator_suspects(indicator: Indicator) -> list[tuple[int, Suspect]]:
    """(year, suspect) of the indicator's series; confirmed values are never suspects."""
    series = indicator.series()
    confirmed = _confirmed(indicator)
    values = [o.value for _, o in series]
    return [
        (series[s.index][0], s)
        for s in suspects(values, percent=indicator.unit == "percent")
        if confirmed.get(series[s.index][0]) != values[s.index]
    ]


def _number(value: float) -> str:
    return f"{value:.12g}"


_SLIP_WORDS = {
    -3: "a thousand times",
    -2: "a hundred times",
    -1: "ten times",
    1: "a tenth of",
    2: "a hundredth of",
    3: "a thousandth of",
}
_CONFIRM = "or, if it is right, confirm it under validation.confirmed"


def _neighbours(series: Sequence[tuple[int, float]], index: int) -> str:
    return ", ".join(
        f"{_number(series[j][1])} in {series[j][0]}"
        for j in (index - 1, index + 1)
        if 0 <= j < len(series)
    )


def suspect_message(
    suspect: Suspect,
    series: Sequence[tuple[int, float]],
    typical: str,
    confirm: str = _CONFIRM,
) -> str:
    """What ``validate`` says of a suspect of ``series`` ((year, value) in year order; its
    ``typical`` value written out); ``confirm`` ends the advice (how to keep a right value)."""
    return _message(suspect, series, typical).replace(_CONFIRM, confirm)


def typical_of(values: Sequence[float]) -> str:
    """The median of the values of magnitude 1 or more, written out ('' when none)."""
    others = sorted(v for v in values if abs(v) >= 1)
    return _number(others[len(others) // 2]) if others else ""


def may_have_suspects(values: Sequence[float]) -> bool:
    """False when ``values`` (one series, or several together) can hold no suspect: no two
    values of one sign JUMP_FACTOR apart (a fraction is at least 50 times below the values it
    is compared with). A few C-level passes."""
    return _may_jump(values)


def _message(suspect: Suspect, series: Sequence[tuple[int, float]], typical: str) -> str:
    year, value = series[suspect.index]
    power = suspect.power
    if power is None:
        if suspect.code == FRACTION:
            return (
                f"{_number(value)} in {year} looks like a fraction among percentages (the "
                f"other values are around {typical}); write {_number(value * 100)} if it is "
                f"{_number(value * 100)} %, {_CONFIRM}"
            )
        return (
            f"{_number(value)} in {year} is about ten times or a tenth of its neighbours "
            f"({_neighbours(series, suspect.index)}); a digit too many or too few, or another "
            f"unit? Correct it, {_CONFIRM}"
        )
    fixed = _number(value * 10.0**power)
    what = (
        "a percent written as a fraction"
        if suspect.code == FRACTION
        else f"{_SLIP_WORDS[power]} its neighbours"
    )
    return (
        f"{_number(value)} in {year} is {what} ({_neighbours(series, suspect.index)}) in a "
        f"series that otherwise moves by less than a factor of {SMOOTH_FACTOR:g} from value to "
        f"value: write {fixed}, {_CONFIRM}"
    )


def check_plausibility(indicator: Indicator, root: Node, shown: str) -> list[Problem]:
    """A problem per suspect of ``indicator_suspects``: an error when the slip is
    unmistakable, else a warning (an error under ``--strict``, ``--error CODE`` or
    goals.yaml's ``programme.validation.errors``)."""
    series = [(y, o.value) for y, o in indicator.series()]
    others = sorted(v for _, v in series if abs(v) >= 1)
    typical = _number(others[len(others) // 2]) if others else ""
    return [
        problem_at(
            root,
            shown,
            ["values", year],
            suspect.code,
            _message(suspect, series, typical),
            severity=Severity.ERROR if suspect.certain else Severity.WARNING,
        )
        for year, suspect in indicator_suspects(indicator)
    ]


#: The code of an estimated value without a note (checks.check_indicator reports it).
ESTIMATE_WITHOUT_NOTE = "estimate-without-note"


def value_warnings(indicator: Indicator) -> dict[int, tuple[str, ...]]:
    """The codes of the warnings ``validate`` gives each year's value, by year (years
    without one left out): a probable typo that is not unmistakable, an estimate without a
    note. What the report marks with ⚠ (docs/guide/analysts.md)."""
    observations = indicator.values.values()
    found: dict[int, list[str]] = {}
    if "estimated" in map(_STATUS, observations):
        for year, observation in indicator.values.items():
            if observation.status == "estimated" and not observation.note:
                found[year] = [ESTIMATE_WITHOUT_NOTE]
    # No two values of one sign JUMP_FACTOR apart: no jump, and no fraction either (a fraction
    # is at least 50 times below the median it is compared with: 100·v is at most twice it).
    if _may_jump(list(map(_VALUE, observations))):
        for year, suspect in indicator_suspects(indicator):
            if not suspect.certain:
                found.setdefault(year, []).append(suspect.code)
    return {year: tuple(sorted(codes)) for year, codes in sorted(found.items())}


_STATUS = attrgetter("status")
_VALUE = attrgetter("value")


def check_confirmed(indicator: Indicator, root: Node, shown: str) -> list[Problem]:
    """A warning for each ``validation.confirmed`` entry whose year has no value, or
    another value: the confirmation was for a value that is no longer there."""
    problems = []
    for year, confirmed in _confirmed(indicator).items():
        observation = indicator.values.get(year)
        if observation is not None and observation.value == confirmed:
            continue
        now = "no value" if observation is None else f"the value {_number(observation.value)}"
        problems.append(
            problem_at(
                root,
                shown,
                ["validation", "confirmed", year],
                "unmatched-confirmation",
                f"{_number(confirmed)} is confirmed for {year}, but {year} has {now}; "
                "remove the entry, or confirm the value the file holds",
                severity=Severity.WARNING,
            )
        )
    return problems
