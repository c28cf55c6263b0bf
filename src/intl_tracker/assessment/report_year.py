"""The default report year: the latest year most indicators can speak for.

Taking the latest year with any value lets one provisional value pick a year in which almost
every row is older than the report (issue 10, case 7). The rule here: the latest year in which
at least half of the indicators with values have a current value, that is one that is not
stale in that year (at most ``stale_after`` years old, see ``assessment.stale_threshold``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from intl_tracker.assessment.engine import stale_threshold
from intl_tracker.dataset.models import Catalog

#: Share of the indicators (those with any value) that must be current in the default year.
DEFAULT_YEAR_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class DefaultYear:
    """The chosen year and the counts that explain it (for the message on stderr)."""

    year: int
    current: int  # indicators with a current value in ``year``
    indicators: int  # indicators with any value
    latest: int  # the latest year with any value
    current_in_latest: int  # indicators with a current value in ``latest``
    reached: bool = True  # False: no year reaches the share; the fallback chose ``year``

    def explanation(self) -> str:
        """E.g. "report year 2024: the latest year in which at least half of the indicators
        have a current value (9 of 15); in 2025 only 6 of 15 would have one". When no year
        reaches half, the fallback says so: "report year 2022: no year has a current value
        for at least half of the indicators; 2022 has the most (1 of 3)"."""
        if self.reached:
            text = (
                f"report year {self.year}: the latest year in which at least half of the "
                f"indicators have a current value ({self.current} of {self.indicators})"
            )
        else:
            text = (
                f"report year {self.year}: no year has a current value for at least half of "
                f"the indicators; {self.year} has the most ({self.current} of "
                f"{self.indicators}; the latest of equals)"
            )
        if self.latest != self.year:
            text += (
                f"; in {self.latest} only {self.current_in_latest} of {self.indicators} "
                "would have one"
            )
        return text


def default_report_year(
    catalog: Catalog, *, share: float = DEFAULT_YEAR_SHARE, stale_after_years: int | None = None
) -> DefaultYear | None:
    """The latest year in which at least ``share`` of the indicators that have values have a
    current one; when no year reaches it, the year with the most (the latest of equals).
    None when the catalog has no value at all."""
    with_values = [
        (sorted(i.values), stale_threshold(i, catalog.programme, stale_after_years))
        for i in catalog.indicators
        if i.values
    ]
    if not with_values:
        return None
    latest = max(years[-1] for years, _ in with_values)
    counts = _current_counts(with_values, latest)
    needed = share * len(with_values)
    reaching = [y for y, n in counts.items() if n >= needed]
    year = max(reaching) if reaching else max(counts, key=lambda y: (counts[y], y))
    found = DefaultYear(year, counts[year], len(with_values), latest, counts[latest])
    return found if reaching else replace(found, reached=False)


def _current_counts(with_values: list[tuple[list[int], int]], latest: int) -> Counter[int]:
    """Per year up to ``latest``, how many indicators have a current value in it; years no
    indicator is current in are left out. ``with_values``: each indicator's sorted value years
    and the years a value stays current.

    A value of year y is current in y, y + 1, ..., y + age: an indicator is current in the
    union of those spans. Each indicator adds its merged spans' ends to a difference table
    and one running sum turns it into counts, so the cost follows the number of values, not
    values times age (10,000 indicators: 0.44 s before, see docs/benchmarks.md).
    """
    steps: Counter[int] = Counter()
    for years, age in with_values:
        start = end = None
        for y in years:  # 300,000 years at 10,000 indicators: comparisons, not min/max calls
            last = y + age
            if last > latest:
                last = latest
            if end is not None and y <= end + 1:
                if last > end:
                    end = last
                continue
            if start is not None and end is not None:
                steps[start] += 1
                steps[end + 1] -= 1
            start, end = y, last
        if start is not None and end is not None:
            steps[start] += 1
            steps[end + 1] -= 1
    counts: Counter[int] = Counter()
    running = 0
    marks = sorted(steps)
    for here, following in zip(marks, [*marks[1:], latest + 1], strict=True):
        running += steps[here]
        if running > 0:
            for year in range(here, min(following, latest + 1)):
                counts[year] = running
    return counts
