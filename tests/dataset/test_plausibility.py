"""Probable typos (dataset/plausibility.py) against their definition in
docs/reference/problems.md, on any series, and on the small cases of issue 20 (item 10).

Warnings: a percent written as a fraction (``0 < |v| < 1`` and ``100·v`` within a factor of 2
of the median of the values of magnitude >= 1); a value JUMP_FACTOR times (or a 1/JUMP_FACTOR)
both its neighbours, the first or last one when that far off its one neighbour while that
neighbour agrees with the next. Errors: such a value with a neighbour on both sides in a series
of at least 5 values whose rest moves by less than a factor of 2 from value to value, and which
a power of ten (100 for a fraction; 10^±1..3 for a jump) brings within a factor of 2 of both
neighbours.
"""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from intl_tracker.core.errors import Problem, Severity
from intl_tracker.dataset.checks import check_indicator
from intl_tracker.dataset.models import Indicator
from intl_tracker.dataset.plausibility import (
    JUMP_FACTOR,
    MIN_VALUES_FOR_ERROR,
    SMOOTH_FACTOR,
    check_confirmed,
    check_plausibility,
    suspects,
    value_warnings,
)
from intl_tracker.dataset.yaml_strict import parse_yaml

FIRST_VALUE_LINE = 7  # the line of the first value in _indicator_text


def _indicator_text(values: list[float], unit: str, extra: str = "") -> str:
    lines = [f"  {2000 + i}: {v!r}" for i, v in enumerate(values)]
    head = ["id: x", "name: {en: X}", "goal: g", f"unit: {unit}", "direction: increase"]
    body = ["values:", *lines] if lines else ["values: {}"]
    return "\n".join([*head, *body]) + "\n" + extra


def _check(values: list[float], unit: str = "count", extra: str = "") -> list[Problem]:
    parsed = parse_yaml(_indicator_text(values, unit, extra))
    indicator = Indicator.model_validate(parsed.data)
    assert parsed.root is not None
    return check_plausibility(indicator, parsed.root, "x.yaml") + check_confirmed(
        indicator, parsed.root, "x.yaml"
    )


def _flagged(problems: list[Problem], code: str, severity: Severity | None = None) -> set[int]:
    """Indexes in the series of the problems with ``code`` (and ``severity``)."""
    return {
        p.line - FIRST_VALUE_LINE
        for p in problems
        if p.code == code and (severity is None or p.severity is severity)
    }


# --- the definition, written out again from the documentation ------------------------------


def _ratio(a: float, b: float) -> float | None:
    if a == 0 or b == 0 or (a < 0) != (b < 0):
        return None
    return max(abs(a), abs(b)) / min(abs(a), abs(b))


def _far(a: float, b: float) -> bool:
    r = _ratio(a, b)
    return r is not None and r >= JUMP_FACTOR


def _close(a: float, b: float) -> bool:
    r = _ratio(a, b)
    return r is not None and r < SMOOTH_FACTOR


def _fractions(values: list[float]) -> set[int]:
    big = sorted(v for v in values if abs(v) >= 1)
    if len(big) < 2:
        return set()
    typical = big[len(big) // 2]
    return {i for i, v in enumerate(values) if 0 < abs(v) < 1 and 0.5 <= v * 100 / typical <= 2}


def _jumps(values: list[float], skip: set[int]) -> set[int]:
    n = len(values)
    flagged = set()
    for i in set(range(n)) - skip:
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


def _unmistakable(values: list[float], i: int, powers: tuple[int, ...]) -> bool:
    n = len(values)
    if n < MIN_VALUES_FOR_ERROR or not 0 < i < n - 1:
        return False
    rest = values[:i] + values[i + 1 :]
    if not all(_close(a, b) for a, b in pairwise(rest)):
        return False
    return any(
        _close(values[i] * 10.0**p, values[i - 1]) and _close(values[i] * 10.0**p, values[i + 1])
        for p in powers
    )


# Values a factor of 2, 8, 10 or 100 apart, of both signs, zero, and fractions of percents.
_SAMPLES = (-80.0, -10.0, -1.0, 0.0, 0.3, 0.5, 0.52, 1.0, 7.9, 8.0, 10.0, 15.0, 50.0, 64.0)
_VALUES = st.lists(st.sampled_from([*_SAMPLES, 80.0, 100.0, 1000.0]), max_size=8)
_SMOOTHISH = st.lists(st.sampled_from([40.0, 50.0, 55.0, 60.0, 79.0, 0.5, 0.52, 500.0]), max_size=8)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_VALUES, _SMOOTHISH), st.booleans())
def test_typos_are_flagged_as_defined(values: list[float], percent: bool) -> None:
    problems = _check(values, "percent" if percent else "count")
    fractions = _fractions(values) if percent else set()
    jumps = _jumps(values, fractions)
    assert _flagged(problems, "percent-as-fraction") == fractions
    assert _flagged(problems, "implausible-jump") == jumps
    errors = {i for i in fractions if _unmistakable(values, i, (2,))} | {
        i for i in jumps if _unmistakable(values, i, (-3, -2, -1, 1, 2, 3))
    }
    flagged_errors = _flagged(problems, "percent-as-fraction", Severity.ERROR) | _flagged(
        problems, "implausible-jump", Severity.ERROR
    )
    assert flagged_errors == errors


@settings(max_examples=300, deadline=None)
@given(st.one_of(_VALUES, _SMOOTHISH), st.booleans())
def test_the_correction_an_error_names_leaves_no_typo(values: list[float], percent: bool) -> None:
    """Writing the value an error proposes ("write 71") gives a series with no suspect."""
    for suspect in suspects(values, percent=percent):
        if suspect.power is None:
            continue
        fixed = list(values)
        fixed[suspect.index] = values[suspect.index] * 10.0**suspect.power
        assert suspects(fixed, percent=percent) == []


@settings(max_examples=200, deadline=None)
@given(_VALUES, st.integers(min_value=-6, max_value=6))
def test_the_rule_does_not_depend_on_the_scale(values: list[float], exponent: int) -> None:
    """A count series and the same series in another unit (times 2^k, exact in binary) have
    the same suspects: the rule looks at ratios only."""
    scaled = [v * 2.0**exponent for v in values]
    assert suspects(scaled, percent=False) == suspects(values, percent=False)


@settings(max_examples=200, deadline=None)
@given(st.one_of(_VALUES, _SMOOTHISH), st.booleans())
def test_ends_and_short_series_are_never_errors(values: list[float], percent: bool) -> None:
    for suspect in suspects(values, percent=percent):
        if suspect.index in (0, len(values) - 1) or len(values) < MIN_VALUES_FOR_ERROR:
            assert suspect.power is None


# --- the cases of issue 20, item 10 ----------------------------------------------------------

AROUND_50 = [48.2, 49.0, 0.71, 50.3, 51.1, 52.0]


def test_a_fraction_among_percents_around_50_is_an_error() -> None:
    (problem,) = _check(AROUND_50, "percent")
    assert (problem.code, problem.severity) == ("percent-as-fraction", Severity.ERROR)
    assert problem.line == FIRST_VALUE_LINE + 2
    assert "0.71 in 2002 is a percent written as a fraction (49 in 2001, 50.3 in 2003)" in (
        problem.message
    )
    assert "write 71," in problem.message


def test_the_same_slip_as_the_last_value_stays_a_warning() -> None:
    (problem,) = _check([48.2, 49.0, 49.5, 50.3, 51.1, 0.71], "percent")
    assert (problem.code, problem.severity) == ("percent-as-fraction", Severity.WARNING)


def test_the_same_slip_in_a_short_series_stays_a_warning() -> None:
    (problem,) = _check([49.0, 0.71, 50.3, 51.1], "percent")
    assert problem.severity is Severity.WARNING


def test_a_slip_in_a_volatile_series_stays_a_warning() -> None:
    # the rest moves by a factor of 2.5 once (a real collapse), so the slip is not certain
    (problem,) = _check([48.2, 49.0, 0.71, 50.3, 20.1, 22.0], "percent")
    assert problem.severity is Severity.WARNING


def test_an_extra_digit_in_a_smooth_series_is_an_error() -> None:
    population = [279044.0, 283632.0, 289731.0, 2927960.0, 295432.0, 297600.0]
    (problem,) = _check(population)
    assert (problem.code, problem.severity) == ("implausible-jump", Severity.ERROR)
    assert "2927960 in 2003 is ten times its neighbours" in problem.message
    assert "write 292796," in problem.message


def test_a_missing_digit_and_a_thousandfold_unit_are_errors_too() -> None:
    assert "write 289731," in _check([279044, 283632, 28973.1, 295432, 297600])[0].message
    assert "write 289731," in _check([279044, 283632, 289.731, 295432, 297600])[0].message


def test_a_jump_that_no_power_of_ten_explains_stays_a_warning() -> None:
    (problem,) = _check([280.0, 283.0, 8500.0, 295.0, 297.0])  # 30 times: not a slip
    assert problem.severity is Severity.WARNING


def test_a_confirmed_value_is_no_suspect_while_it_holds() -> None:
    population = [279044.0, 283632.0, 289731.0, 2927960.0, 295432.0, 297600.0]
    assert _check(population, extra="validation:\n  confirmed: {2003: 2927960}\n") == []
    problems = _check(population, extra="validation:\n  confirmed: {2003: 2927961}\n")
    assert [(p.code, p.severity) for p in problems] == [
        ("implausible-jump", Severity.ERROR),
        ("unmatched-confirmation", Severity.WARNING),
    ]
    assert "2927961 is confirmed for 2003, but 2003 has the value 2927960" in problems[1].message
    (missing,) = _check(population, extra="validation:\n  confirmed: {2003: 2927960, 2030: 1}\n")
    assert "1 is confirmed for 2030, but 2030 has no value" in missing.message


def test_value_warnings_are_the_warnings_on_each_value() -> None:
    text = _indicator_text([48.2, 49.0, 49.5, 50.3, 51.1, 0.71], "percent")
    text = text.replace("  2001: 49.0", "  2001: {value: 49.0, status: estimated}")
    indicator = Indicator.model_validate(parse_yaml(text).data)
    assert value_warnings(indicator) == {
        2001: ("estimate-without-note",),
        2005: ("percent-as-fraction",),
    }


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(_VALUES, _SMOOTHISH),
    st.booleans(),
    st.lists(st.booleans(), min_size=8, max_size=8),
)
def test_value_warnings_are_the_value_warnings_validate_gives(
    values: list[float], percent: bool, estimated: list[bool]
) -> None:
    """What the report marks (value_warnings, with its shortcut for series with nothing to
    find) is what `validate` warns about, value by value."""
    text = _indicator_text(values, "percent" if percent else "count")
    for i, v in enumerate(values):
        if estimated[i]:
            text = text.replace(
                f"  {2000 + i}: {v!r}\n", f"  {2000 + i}: {{value: {v!r}, status: estimated}}\n"
            )
    parsed = parse_yaml(text)
    indicator = Indicator.model_validate(parsed.data)
    assert parsed.root is not None
    problems = check_indicator(indicator, "x", parsed.root, "x.yaml")
    validated = sorted(
        (p.line - FIRST_VALUE_LINE + 2000, p.code)
        for p in problems
        if p.severity is Severity.WARNING and p.code in VALUE_CODES
    )
    marked = sorted(
        (year, code) for year, codes in value_warnings(indicator).items() for code in codes
    )
    assert marked == validated


VALUE_CODES = {"implausible-jump", "percent-as-fraction", "estimate-without-note"}
