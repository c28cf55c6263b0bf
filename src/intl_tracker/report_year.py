"""The default report year: the latest year most indicators can speak for.

Taking the latest year with any value lets one provisional value pick a year in which almost
every row is older than the report (issue 10, case 7). The rule here: the latest year in which
at least half of the indicators with values have a current value, that is one that is not
stale in that year (at most ``stale_after`` years old, see ``assessment.stale_threshold``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from intl_tracker.assessment import stale_threshold
from intl_tracker.models import Catalog

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

    def explanation(self) -> str:
        """E.g. "report year 2024: the latest year in which at least half of the indicators
        have a current value (9 of 15); in 2025, 6 would"."""
        text = (
            f"report year {self.year}: the latest year in which at least half of the "
            f"indicators have a current value ({self.current} of {self.indicators})"
        )
        if self.latest != self.year:
            text += f"; in {self.latest}, {self.current_in_latest} would"
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
    counts: Counter[int] = Counter()
    for years, age in with_values:
        # A value of year y is current in y, y + 1, ..., y + age.
        counts.update({c for y in years for c in range(y, min(y + age, latest) + 1)})
    needed = share * len(with_values)
    reaching = [y for y, n in counts.items() if n >= needed]
    year = max(reaching) if reaching else max(counts, key=lambda y: (counts[y], y))
    return DefaultYear(year, counts[year], len(with_values), latest, counts[latest])
