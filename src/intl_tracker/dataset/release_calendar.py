"""What is due: the values a source has published by a date that the data do not hold.

An indicator whose ``source`` has ``periodicity: annual`` and a ``release`` rule
(``{lag: 1, by: "04-30"}``: the value of year Y is public by 30 April of Y + 1) is due by a
date D for every year after its newest value up to the newest year public by D; and, for a
year it holds as ``provisional``, the final figure is due once that year is public by the
rule. Estimated values are not listed: an estimate stands where no figure is published.
Indicators without a rule, or whose series is irregular or discontinued, are never due.

Pure functions of the models and a date: no clock, no I/O (the caller passes "today").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from intl_tracker.dataset.models import Indicator, Release


@dataclass(frozen=True, slots=True)
class Due:
    """One indicator's due values by ``on``: the missing years (after its newest value), the
    provisional years whose final figure is out, the newest year public by then, and the
    day that year became public."""

    indicator: Indicator
    on: date
    missing: tuple[int, ...]
    provisional: tuple[int, ...]
    public_year: int
    public_since: date


def public_day(release: Release, year: int) -> date:
    """The day by which the value of ``year`` is public under ``release``."""
    month, day = (int(part) for part in release.by.split("-"))
    return date(year + release.lag, month, day)


def newest_public_year(release: Release, on: date) -> int:
    """The newest year whose value is public by ``on``."""
    year = on.year - release.lag
    return year if public_day(release, year) <= on else year - 1


def due_of(indicator: Indicator, on: date) -> Due | None:
    """What ``indicator`` should hold by ``on`` and does not; None when nothing is due or
    the indicator has no schedule."""
    source = indicator.source
    if source is None or source.release is None or source.periodicity != "annual":
        return None
    public = newest_public_year(source.release, on)
    newest = max(indicator.values, default=public - 1)
    missing = tuple(range(newest + 1, public + 1))
    provisional = tuple(
        year
        for year, observation in sorted(indicator.values.items())
        if year <= public and observation.status == "provisional"
    )
    if not missing and not provisional:
        return None
    return Due(indicator, on, missing, provisional, public, public_day(source.release, public))


def scheduled(indicator: Indicator) -> bool:
    """``due`` can judge the indicator: its source gives an annual release rule, or says
    that the series is irregular or discontinued (then nothing is ever due)."""
    source = indicator.source
    if source is None:
        return False
    if source.periodicity in ("irregular", "discontinued"):
        return True
    return source.periodicity == "annual" and source.release is not None
