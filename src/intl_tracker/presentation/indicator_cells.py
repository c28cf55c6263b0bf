"""The indicator page's cells in words and numbers, shared by ``show`` and the site: the
headers of the values table and the rows of the assessment table (every method side by side).

Plain strings in the page's language; numbers by the number rule, words from the catalogue.
Nothing here knows about Rich or HTML (the terminal renderer and the site lay them out).
"""

from __future__ import annotations

from collections.abc import Callable

from intl_tracker.assessment.records import Assessment
from intl_tracker.core.i18n import translator
from intl_tracker.presentation.indicator_view import IndicatorView
from intl_tracker.presentation.number_format import (
    NO_NUMBER,
    RATIO_DECIMALS,
    finite,
    format_number,
    format_quantity,
    format_rate_percent,
)
from intl_tracker.presentation.report_cells import per_year_text, target_header
from intl_tracker.presentation.views import (
    MARKER_SYMBOLS,
    SET_BY_HAND_MARK,
    STALE_MARK,
    VALUE_STATUS_MARKERS,
)
from intl_tracker.presentation.wording import (
    method_class,
    pace_name,
    places_text,
    reason_text,
    status_label,
    target_kind,
)

#: Units whose changes are never written as a relative change: a change of a percentage is
#: in percentage points only, a change of rank in places only (docs/methods.md, issue 20).
NO_RELATIVE_CHANGE = frozenset({"percent", "rank"})


def shows_relative_change(unit: str) -> bool:
    """Whether a table shows a relative change (%) beside the change of a value in ``unit``:
    never for a percentage (pp only) or a rank (places only)."""
    return unit not in NO_RELATIVE_CHANGE


def value_headers(lang: str, unit: str = "count") -> list[str]:
    """The column headers of the values table, as ``show`` and the site print them, in
    ``lang``: year, value, change, change % (only when ``shows_relative_change(unit)``),
    flag, and an unnamed last column (the roles). The unit is in the table's title
    (``show``: "Values: kt CO₂e") or after each number (the site)."""
    t = translator(lang)
    relative = [t.gettext("Change %")] if shows_relative_change(unit) else []
    return [
        t.gettext("Year"),
        t.gettext("Value"),
        t.gettext("Change"),
        *relative,
        t.gettext("Flag"),
        "",
    ]


def reached_header(lang: str, kinds: frozenset[str]) -> str:
    """The label of the year the target is reached, by the kinds of target shown (as
    ``target_header``): a forecast is never called a target."""
    t = translator(lang)
    if "forecast" in kinds:
        if kinds == {"forecast"}:
            return t.gettext("Forecast reached in")
        return t.gettext("Target or forecast reached in")
    return t.gettext("Target reached in")


def assessment_rows(
    view: IndicatorView, lang: str
) -> list[tuple[str, Callable[[Assessment], str]]]:
    """The rows of the assessment table, as ``show`` and the site print them: a label and,
    for an assessment, its cell (plain text in ``lang``). The first row is the status, the
    last the reason."""
    t = translator(lang)
    unit, decimals = view.indicator.unit, view.decimals
    label = view.indicator.unit_label
    kinds = frozenset(a.target.kind for a in view.assessments.values() if a.target is not None)

    statuses = {year: obs.status for year, obs in view.indicator.series()}

    def at(v: float | None, year: int | None, *, observed: bool = True) -> str:
        """A value with its year; an observed one with its marker (ᵉ ᵖ) as in the report."""
        if finite(v) is None:
            return NO_NUMBER
        text = format_quantity(v, unit, decimals, lang)
        marker = (
            VALUE_STATUS_MARKERS.get((statuses.get(year) if year is not None else None) or "")
            if observed
            else None
        )
        text += MARKER_SYMBOLS[marker] if marker is not None else ""
        return text if year is None else f"{text} ({year})"

    def target(a: Assessment) -> str:
        if a.target is None:
            return NO_NUMBER
        value = format_quantity(a.target.value, unit, decimals, lang)
        return f"{value} ({a.target.year}, {target_kind(a.target.kind, lang)})"

    def rate(v: float | None) -> str:
        return format_rate_percent(v, lang)

    def marked_status(a: Assessment) -> str:
        """The status with "(trend)" when judged without a target and ✎ when set by hand."""
        words = status_label(a.status, lang, a.trend_only)
        if a.trend_only:
            words += " " + t.gettext("(trend)")
        if a.set_by_hand:
            words += " " + SET_BY_HAND_MARK
        return words

    def own_class(a: Assessment) -> str:
        """The class the method computed (a dash when the calculation is off)."""
        return NO_NUMBER if a.method_class is None else method_class(a.method_class, lang)

    def assessed(a: Assessment) -> str:
        """The assessed value and its year, with † when it is stale."""
        text = at(a.value, a.year)
        return text + STALE_MARK if a.stale and text != NO_NUMBER else text

    def per_year(v: float | None) -> str:
        if unit == "rank":
            return places_text(v, lang, a_year=True)
        if finite(v) is None:
            return NO_NUMBER
        # pp for percents, as the report; the unit's words otherwise ("-0.04 score (1 to 5)")
        number = per_year_text(v, unit, decimals, lang, label or {})
        return t.gettext("{number} a year").format(number=number)

    share = unit == "percent"  # the growth rate of a share is named as such (issue 20)
    growth_rows = (
        (
            t.gettext("Growth rate of the share a year, two end points"),
            t.gettext("Growth rate of the share a year, fitted"),
            t.gettext("Growth rate of the share a year needed"),
        )
        if share
        else (
            t.gettext("Growth a year, two end points"),
            t.gettext("Growth a year, fitted"),
            t.gettext("Growth a year needed"),
        )
    )

    def windowed(a: Assessment) -> str:
        """The average change a year and the window it was computed over ("(2018-2023)"):
        DNS's last five years differ from the base year shown above it."""
        text = per_year(a.annual_change)
        if text == NO_NUMBER or a.annual_change_from is None or a.year is None:
            return text
        return f"{text} ({a.annual_change_from}\u2013{a.year})"

    return [
        (t.gettext("Status"), marked_status),
        (t.gettext("Method's own class"), own_class),
        (t.gettext("Assessed value"), assessed),
        (t.gettext("Previous value"), lambda a: at(a.previous_value, a.previous_year)),
        (t.gettext("Base value"), lambda a: at(a.base_value, a.base_year)),
        (target_header(lang, kinds), target),
        (growth_rows[0], lambda a: rate(a.cagr)),
        (growth_rows[1], lambda a: rate(a.fitted_cagr)),
        (growth_rows[2], lambda a: rate(a.required_cagr)),
        (t.gettext("Pace used"), lambda a: pace_name(a.pace, lang)),
        (
            t.gettext("Progress ratio (R, CR)"),
            lambda a: format_number(a.ratio, RATIO_DECIMALS, lang),
        ),
        (t.gettext("DNS: deviation"), lambda a: rate(a.deviation)),
        (t.gettext("Average change a year"), lambda a: windowed(a)),
        (t.gettext("Change a year needed"), lambda a: per_year(a.required_change)),
        (t.gettext("On the straight path"), lambda a: at(a.path_value, a.year, observed=False)),
        (
            t.gettext("Projected at the current pace"),
            lambda a: at(a.projected_value, a.target.year if a.target else None, observed=False),
        ),
        (
            reached_header(lang, kinds),
            lambda a: NO_NUMBER if a.eta_year is None else str(a.eta_year),
        ),
        (
            t.gettext("Reason"),
            lambda a: reason_text(a, lang, decimals, unit=unit, label=label) or NO_NUMBER,
        ),
    ]
