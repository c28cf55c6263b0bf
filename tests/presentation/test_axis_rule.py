"""Issue 20, breaker item 11: the appeal score's chart axis ran 3.35-3.60 (a 0.18-point move
filled the plot) with ticks 3.350, 3.375, … although the data have two decimals."""

from __future__ import annotations

import pytest

from intl_tracker.presentation.indicator_view import MIN_SPAN_SHARE, step_decimals, y_bounds

APPEAL = [3.42, 3.37, 3.44, 3.55, 3.44]  # the shape of the bundled score, decimals: 2


@pytest.mark.parametrize("intervals", [3, 4, 5, 6])
def test_ticks_never_print_more_decimals_than_the_data(intervals: int) -> None:
    lo, hi, step = y_bounds(APPEAL, intervals, decimals=2)
    assert step_decimals(step) <= 2
    assert lo <= min(APPEAL) and hi >= max(APPEAL)
    lo, hi, step = y_bounds([12.0, 13.0, 12.5], intervals, decimals=0)
    assert step_decimals(step) == 0


def test_an_axis_off_zero_spans_at_least_a_fifth_of_the_value() -> None:
    lo, hi, _ = y_bounds(APPEAL, 6, decimals=2)
    assert hi - lo >= MIN_SPAN_SHARE * max(APPEAL)
    assert lo > 0  # not forced to zero: the score's movement stays visible
    lo, hi, _ = y_bounds([-5.0, -4.9])
    assert hi <= 0 and hi - lo >= MIN_SPAN_SHARE * 5  # widened, never across zero
    lo, hi, _ = y_bounds([56469, 166381])  # a collapse still starts at zero
    assert lo == 0
