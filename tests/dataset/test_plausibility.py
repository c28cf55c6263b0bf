"""The plausibility warnings (checks.check_plausibility) against their definition, on any
series: a value about JUMP_FACTOR times (or a 1/JUMP_FACTOR) both its neighbours is a jump;
the first or last one when that far off its one neighbour while that neighbour agrees with
the next."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from intl_tracker.dataset.checks import JUMP_FACTOR, check_plausibility
from intl_tracker.dataset.models import Indicator
from intl_tracker.dataset.yaml_strict import parse_yaml


def _far(a: float, b: float) -> bool:
    if a == 0 or b == 0 or (a < 0) != (b < 0):
        return False
    return max(abs(a), abs(b)) >= JUMP_FACTOR * min(abs(a), abs(b))


def _jumps(values: list[float]) -> set[int]:
    """The indexes the definition flags (counts only; no fractions: the unit is a count)."""
    n = len(values)
    flagged = set()
    for i in range(n):
        if 0 < i < n - 1:
            jumped = _far(values[i - 1], values[i]) and _far(values[i], values[i + 1])
        elif i == 0:
            jumped = n >= 3 and _far(values[0], values[1]) and not _far(values[1], values[2])
        else:
            jumped = (
                n >= 2
                and _far(values[-2], values[-1])
                and (n == 2 or not _far(values[-3], values[-2]))
            )
        if jumped:
            flagged.add(i)
    return flagged


_VALUES = st.lists(
    st.sampled_from([-80.0, -10.0, -1.0, 0.0, 1.0, 7.9, 8.0, 10.0, 64.0, 80.0, 1000.0]),
    max_size=8,
)


@settings(max_examples=300)
@given(_VALUES)
def test_jumps_are_flagged_as_defined(values: list[float]) -> None:
    lines = [f"  {2000 + i}: {v!r}" for i, v in enumerate(values)]
    text = "\n".join(
        ["id: x", "name: {en: X}", "goal: g", "unit: count", "direction: increase", "values:"]
        + (lines or ["  {}"])
    ).replace("values:\n  {}", "values: {}")
    parsed = parse_yaml(text + "\n")
    indicator = Indicator.model_validate(parsed.data)
    problems = check_plausibility(indicator, parsed.root, "x.yaml")
    flagged = {p.line - 7 for p in problems if p.code == "implausible-jump"}
    assert flagged == _jumps(values)
