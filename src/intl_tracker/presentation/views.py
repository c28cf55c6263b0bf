"""What every renderer shows, computed once: report rows and summaries, the list of a data set.

Pure and language-independent: no I/O, no Rich, no matplotlib, no Babel, no words. Views are
immutable records (frozen dataclasses; ``dataclasses.replace`` makes a changed copy) built
from the catalog and the assessments; names stay as the data's
``{lang: text}`` maps and numbers stay unrounded, so the terminal table, JSON, CSV, Markdown,
``show``, the charts and the site all read the same figures and only format and lay them out
(localize with :func:`intl_tracker.dataset.models.localize`, words from
:mod:`intl_tracker.core.i18n`, numbers with :mod:`intl_tracker.presentation.number_format`).

New facts about a row (a stale value, a trend-only or hand-set status, a comparison with an
earlier year) are added as fields with defaults or as new :class:`Marker` members, so the
existing renderers keep working while they learn to show them. One indicator's page and its
charts (``show``, the site) are built by :mod:`intl_tracker.presentation.indicator_view`, which
a report does not import.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from intl_tracker.assessment.comparing import Comparison, Movement, count_movements
from intl_tracker.assessment.numeric import meets
from intl_tracker.assessment.records import Assessment
from intl_tracker.core.vocabulary import Pace, Status
from intl_tracker.dataset.models import (
    Catalog,
    Goal,
    Indicator,
    Programme,
)
from intl_tracker.dataset.plausibility import value_warnings
from intl_tracker.presentation.number_format import display_decimals, finite
from intl_tracker.presentation.timeline import by_year

# --------------------------------------------------------------------------------------------
# Shared facts


class Marker(StrEnum):
    """A mark beside a value or a target; each has a symbol and a legend entry."""

    PROVISIONAL = "provisional"  # the value is provisional
    ESTIMATED = "estimated"  # the value is an estimate
    FORECAST = "forecast"  # the target is a forecast, not a commitment


#: The symbol of each marker, the same in every language and format.
MARKER_SYMBOLS: dict[Marker, str] = {
    Marker.PROVISIONAL: "ᵖ",
    Marker.ESTIMATED: "ᵉ",
    Marker.FORECAST: "ᶠ",
}

#: After the year of a stale value, "(2017)†", and after a status set by hand, the same in
#: every language and format.
STALE_MARK = "†"
#: After a value that starts a new series (a break in series, SDMX OBS_STATUS "b"), the
#: same in every language and format.
BREAK_MARK = "ᵇ"
SET_BY_HAND_MARK = "✎"

#: The marker of a value by its status; a final value has none.
VALUE_STATUS_MARKERS: dict[str, Marker] = {
    "provisional": Marker.PROVISIONAL,
    "estimated": Marker.ESTIMATED,
}

#: Most recent observations drawn in a trend sparkline.
TREND_POINTS = 10


@dataclass(frozen=True, slots=True)
class Change:
    """The change of a value from the observation before it.

    ``absolute`` is in the indicator's unit (percentage points for percents), ``relative_pct``
    in percent of ``|previous|`` (None when the previous value is 0). ``gap`` is True when
    the previous observation is not from the year before (a hole in the series).
    """

    absolute: float | None
    relative_pct: float | None
    year: int | None
    previous_year: int | None

    @property
    def gap(self) -> bool:
        return (
            self.year is not None
            and self.previous_year is not None
            and self.previous_year != self.year - 1
        )


def year_over_year(previous: float, current: float) -> tuple[float | None, float | None]:
    """(current - previous, the same in percent of |previous|); None where not finite.

    ``|previous|`` keeps the sign of the change when the previous value is negative.
    """
    absolute = finite(current - previous)
    relative = None if previous == 0 else finite(100.0 * (current - previous) / abs(previous))
    return absolute, relative


def indicator_decimals(indicator: Indicator) -> int:
    """The display precision of an indicator: its ``decimals``, else inferred from its values
    and targets as written (``number_format.display_decimals``)."""
    written = [o.value for _, o in indicator.series()] + [t.value for t in indicator.targets]
    return display_decimals(indicator.decimals, indicator.unit, written)


def pace_used(assessment: Assessment) -> float | None:
    """The growth rate the status was judged by (a fraction per year): the fitted CAGR when
    the engine used the fitted pace, else the two-point CAGR."""
    return finite(assessment.fitted_cagr if assessment.pace is Pace.FITTED else assessment.cagr)


def short_of_target(a: Assessment, direction: str) -> bool:
    """An on-track status whose projection falls short of its target: on track within the
    method's tolerance (R or CR ≥ 0.95, a DNS deviation under 5 %), not "reached on time";
    every format says so (the reason, and the charts' subtitle)."""
    projected = finite(a.projected_value)
    if a.status is not Status.ON_TRACK or a.set_by_hand or a.target is None or projected is None:
        return False
    return not meets(projected, a.target.value, 1 if direction == "increase" else -1)


def count_statuses(statuses: Iterable[Status]) -> tuple[tuple[Status, int], ...]:
    """How many of each status, in the order of the status scale; zeros left out."""
    counts = Counter(statuses)
    return tuple((s, counts[s]) for s in Status if counts[s])


@dataclass(frozen=True, slots=True)
class StatusCount:
    """How many rows have one status: with a current value, with a stale one, and (of all of
    them) how many were judged on the trend alone."""

    status: Status
    current: int
    stale: int
    trend_only: int


def count_by_currency(assessments: Iterable[Assessment]) -> tuple[StatusCount, ...]:
    """Per status, in scale order, zeros left out: current, stale and trend-only counts."""
    counts: dict[Status, list[int]] = {}
    for a in assessments:
        n = counts.setdefault(a.status, [0, 0, 0])
        n[1 if a.stale else 0] += 1
        n[2] += a.trend_only
    return tuple(StatusCount(s, *counts[s]) for s in Status if s in counts)


def merge_currency(parts: Iterable[Sequence[StatusCount]]) -> tuple[StatusCount, ...]:
    """The counts of several parts of a report as one (``count_by_currency`` of all their
    assessments): summed per status, in scale order, zeros left out."""
    counts: dict[Status, list[int]] = {}
    for part in parts:
        for c in part:
            n = counts.setdefault(c.status, [0, 0, 0])
            n[0] += c.current
            n[1] += c.stale
            n[2] += c.trend_only
    return tuple(StatusCount(s, *counts[s]) for s in Status if s in counts)


# --------------------------------------------------------------------------------------------
# The report


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One assessed indicator as every report format shows it.

    ``assessment`` carries every number unrounded (the JSON and CSV write it as is);
    ``decimals`` is the display precision (the definition's, else the unit's default).
    """

    goal: Goal
    indicator: Indicator
    assessment: Assessment
    decimals: int
    change: Change
    pace: float | None  # the growth rate behind the status, see pace_used
    value_marker: Marker | None
    older: bool  # the value is from a year before the report year
    target_marker: Marker | None
    trend: tuple[float, ...]  # values up to the assessed year, latest last (TREND_POINTS)
    comparison: Comparison | None = None  # with --compare: the indicator as of then
    footnote: int | None = None  # number of the row's note under its table (it has a reason)
    # One slot per year of the TREND_POINTS years ending in the report year (None: no value),
    # so a gap or a stale series shows as blanks.
    trend_years: tuple[float | None, ...] = ()
    # (year, warning codes) of every value of the indicator that ``validate`` warns about
    # (plausibility.value_warnings), in year order: what the report marks with ⚠.
    value_warnings: tuple[tuple[int, tuple[str, ...]], ...] = ()

    def warnings_at(self, year: int | None) -> tuple[str, ...]:
        """The warning codes of the value of ``year`` (none for None)."""
        return next((codes for y, codes in self.value_warnings if y == year), ())

    @property
    def period_warnings(self) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """The warned values the status rests on (see ``warnings_in_period``)."""
        return warnings_in_period(self.assessment, self.value_warnings)

    @property
    def status(self) -> Status:
        return self.assessment.status

    @property
    def unit(self) -> str:
        return self.indicator.unit


def warnings_in_period(
    a: Assessment, warned: Iterable[tuple[int, tuple[str, ...]]]
) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Of ``warned`` ((year, codes) in year order), the values the status of ``a`` rests on:
    those of its assessed period, from the base year (the assessed year when there is none)
    to the assessed year; none without an assessed year."""
    if a.year is None:
        return ()
    first = a.base_year if a.base_year is not None else a.year
    return tuple((y, codes) for y, codes in warned if first <= y <= a.year)


@dataclass(frozen=True, slots=True)
class GoalSection:
    """A goal with its rows, in report order, and their status counts."""

    goal: Goal
    rows: tuple[ReportRow, ...]
    summary: tuple[tuple[Status, int], ...]


@dataclass(frozen=True, slots=True)
class ReportView:
    """A whole report: what was asked, every goal of the (filtered) catalog, and its rows."""

    programme: Programme
    year: int
    method: str  # a registered method's name
    pace: Pace
    tool_version: str
    goals: tuple[Goal, ...]
    rows: tuple[ReportRow, ...]
    sections: tuple[GoalSection, ...]
    summary: tuple[tuple[Status, int], ...]
    currency: tuple[StatusCount, ...] = ()  # the summary split by current / stale values
    compare_year: int | None = None  # with --compare
    movements: tuple[tuple[Movement, int], ...] | None = None  # with --compare
    grouped_by: str = "goal"  # "sdg" with report --by-sdg: goals are SDG goals (dataset.sdg)


def build_report_row(
    goal: Goal,
    indicator: Indicator,
    a: Assessment,
    year: int,
    comparison: Comparison | None = None,
) -> ReportRow:
    """The row of one assessment, reported for ``year``."""
    until = a.year if a.year is not None else year
    series = [(y, obs.value) for y, obs in indicator.series() if y <= until]
    trend = tuple(v for _, v in series)[-TREND_POINTS:]
    has_target = a.target is not None and finite(a.target.value) is not None
    return ReportRow(
        goal=goal,
        indicator=indicator,
        assessment=a,
        decimals=indicator_decimals(indicator),
        change=Change(finite(a.change), finite(a.change_pct), a.year, a.previous_year),
        pace=pace_used(a),
        value_marker=VALUE_STATUS_MARKERS.get(a.value_status or ""),
        older=a.year is not None and a.year != year and finite(a.value) is not None,
        target_marker=(
            Marker.FORECAST
            if has_target and a.target is not None and a.target.kind == "forecast"
            else None
        ),
        trend=trend,
        comparison=comparison,
        trend_years=tuple(by_year(series, year, TREND_POINTS)) if series else (),
        value_warnings=tuple(value_warnings(indicator).items()),
    )


def build_report_view(
    catalog: Catalog,
    assessments: Sequence[Assessment],
    *,
    year: int,
    method: str,
    pace: Pace,
    tool_version: str,
    comparisons: Sequence[Comparison] | None = None,
    compare_year: int | None = None,
) -> ReportView:
    """The report of ``assessments`` (in display order) of indicators of ``catalog``; with
    ``comparisons`` (``--compare compare_year``), each row carries its own.

    Raises ValueError when an assessment names an indicator or goal missing from the catalog
    (a programming error: the CLI builds both from the same data set).
    """
    by_id = {c.indicator_id: c for c in comparisons or ()}
    indicators = {i.id: i for i in catalog.indicators}
    goals = {g.id: g for g in catalog.goals}
    rows: list[ReportRow] = []
    for a in assessments:
        indicator = indicators.get(a.indicator_id)
        if indicator is None:
            raise ValueError(f"assessment of unknown indicator {a.indicator_id!r}")
        goal = goals.get(indicator.goal)
        if goal is None:
            raise ValueError(
                f"indicator {indicator.id!r} belongs to unknown goal {indicator.goal!r}"
            )
        rows.append(build_report_row(goal, indicator, a, year, by_id.get(a.indicator_id)))
    rows = number_footnotes(rows)
    by_goal: dict[str, list[ReportRow]] = {}
    for row in rows:
        by_goal.setdefault(row.goal.id, []).append(row)
    sections = tuple(
        GoalSection(g, tuple(by_goal[g.id]), count_statuses(r.status for r in by_goal[g.id]))
        for g in catalog.goals
        if g.id in by_goal
    )
    return ReportView(
        programme=catalog.programme,
        year=year,
        method=method,
        pace=pace,
        tool_version=tool_version,
        goals=tuple(catalog.goals),
        rows=tuple(rows),
        sections=sections,
        summary=count_statuses(r.status for r in rows),
        currency=count_by_currency(assessments),
        compare_year=compare_year if comparisons is not None else None,
        movements=None if comparisons is None else tuple(count_movements(comparisons)),
    )


def estimated_end_points(row: ReportRow) -> tuple[int, ...]:
    """The years of the status's end points (base year, assessed year) whose values are
    estimates with a note, for a status judged against a target or forecast: the note says
    how each was derived (back-calculated from a stated change), and a board reading the
    status must see that it rests on them."""
    a = row.assessment
    if a.trend_only or a.target is None or not a.calculated or a.status == Status.INSUFFICIENT_DATA:
        return ()
    years = sorted({y for y in (a.base_year, a.year) if y is not None})
    return tuple(
        y
        for y in years
        if (obs := row.indicator.values.get(y)) is not None
        and obs.status == "estimated"
        and obs.note
    )


def number_footnotes(rows: Sequence[ReportRow]) -> list[ReportRow]:
    """Every row whose status has a reason, or rests on estimated end points
    (``estimated_end_points``), gets the next footnote number (1, 2, ...)."""
    numbered: list[ReportRow] = []
    n = 0
    for row in rows:
        if row.assessment.notes or row.assessment.reason or estimated_end_points(row):
            n += 1
            row = replace(row, footnote=n)
        numbered.append(row)
    return numbered


# --------------------------------------------------------------------------------------------
# The list of goals or indicators


@dataclass(frozen=True, slots=True)
class ListView:
    """The goals or the indicators of a data set (``intl-tracker list``)."""

    catalog: Catalog
    what: str  # goals | indicators
    tool_version: str
