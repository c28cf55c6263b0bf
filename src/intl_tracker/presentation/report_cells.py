"""The report's cells in words and numbers, shared by the terminal table and Markdown (and the
site): headers, the cell of each column, the status summary and the legend.

A cell is a tuple of parts that may go on separate lines but are never split themselves
("123,456ᵉ" and "(2023)"; a status symbol and its first word). Words come from the text
catalogue, numbers from the number rule; nothing here knows about Rich or Markdown syntax.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from intl_tracker.assessment import registry
from intl_tracker.assessment.comparing import Comparison, Movement, count_movements
from intl_tracker.assessment.records import Assessment
from intl_tracker.assessment.registry import PaceColumn
from intl_tracker.core.i18n import N_, translator
from intl_tracker.core.text_safety import visible
from intl_tracker.core.vocabulary import (
    BASIS_ORDER,
    STATUS_SYMBOLS,
    TREND_LABELS,
    TREND_ONLY_STATUSES,
    TREND_SYMBOLS,
    Basis,
    Method,
    Status,
    status_symbol,
)
from intl_tracker.dataset.models import Indicator, localize
from intl_tracker.presentation.number_format import (
    NO_NUMBER,
    RATE_DECIMALS,
    finite,
    format_number,
    format_percent,
    format_quantity,
    format_rate_percent,
)
from intl_tracker.presentation.views import (
    BREAK_MARK,
    MARKER_SYMBOLS,
    SET_BY_HAND_MARK,
    STALE_MARK,
    VALUE_STATUS_MARKERS,
    Change,
    Marker,
    ReportRow,
    ReportView,
    StatusCount,
    count_by_currency,
    estimated_end_points,
)

if TYPE_CHECKING:
    from intl_tracker.presentation.indicator_view import ValueRow
from intl_tracker.presentation.warning_marks import (
    marked,
    other_warned_years,
    warning_legend,
    warning_words,
)
from intl_tracker.presentation.wording import (
    basis_mark,
    basis_words,
    count_label,
    method_note,
    note_text,
    places_text,
    reason_text,
    status_label,
    unit_suffix_text,
)

#: A cell of the human formats: parts that may go on separate lines, but are never split.
Cell = tuple[str, ...]

#: The symbol of each movement of a status since the --compare year.
MOVEMENT_SYMBOLS: dict[Movement, str] = {
    Movement.IMPROVED: "↑",
    Movement.WORSENED: "↓",
    Movement.UNCHANGED: "=",
    Movement.NOT_COMPARABLE: "·",
}


#: The header of each kind of pace column (``AssessmentMethod.pace_column``).
PACE_HEADERS: dict[PaceColumn, str] = {
    PaceColumn.GROWTH: N_("Pace a year, needed vs actual"),
    PaceColumn.CHANGE: N_("Change a year, deviation"),
}

#: The legend's note on each kind of pace column.
PACE_LEGENDS: dict[PaceColumn, str] = {
    PaceColumn.GROWTH: N_(
        "pace: the yearly growth (%) or change (places, units) needed to reach the target "
        "vs the actual one"
    ),
    PaceColumn.CHANGE: N_(
        "change a year: the average over the last five years; deviation: how far the "
        "projection falls short of the target, in percent of the remaining gap"
    ),
}


def target_kinds(rows: Sequence[ReportRow]) -> frozenset[str]:
    """The kinds of the targets in force in ``rows`` (``target``, ``forecast``)."""
    return frozenset(r.assessment.target.kind for r in rows if r.assessment.target is not None)


def target_header(lang: str, kinds: frozenset[str] | None = None) -> str:
    """The target column's header by the kinds of target it shows: "Forecast" when every
    one is a forecast, "Target or forecast" when both kinds are there, else "Target" (a
    forecast is never labelled a target)."""
    t = translator(lang)
    if kinds and "forecast" in kinds:
        return t.gettext("Forecast") if kinds == {"forecast"} else t.gettext("Target or forecast")
    return t.pgettext("figure to reach", "Target")


def column_headers(
    lang: str,
    year: int,
    *,
    trend: bool,
    method: str = Method.RATIO,
    kinds: frozenset[str] | None = None,
) -> list[str]:
    """Column headers of the human formats; the trend (sparkline) column only with ``trend``.
    The pace column is the method's kind (``AssessmentMethod.pace_column``, see ``pace_cell``);
    the target column's is ``target_header`` of the ``kinds`` of target shown.
    Raises UnknownMethodError."""
    t = translator(lang)
    return [
        t.gettext("Indicator"),
        t.gettext("Value {year}").format(year=year),
        t.gettext("Change"),
        *([t.gettext("Trend")] if trend else []),
        target_header(lang, kinds),
        t.gettext(PACE_HEADERS[registry.method(method).pace_column]),
        t.gettext("Projection"),
        t.gettext("Status"),
    ]


def name_cell(row: ReportRow, lang: str) -> Cell:
    """The indicator's name, and its unit when its numbers do not carry it ("(kt CO₂e)": the
    row header's suffix, so every value, change, target and projection of the row has its
    unit; see ``wording.unit_suffix_text``)."""
    name = visible(localize(row.indicator.name, lang))
    unit = unit_suffix_text(row.unit, lang, row.indicator.unit_label)
    return (name,) if unit is None else (name, f"({visible(unit)})")


def value_cell(row: ReportRow, lang: str) -> Cell:
    """The assessed value with its marker (ᵖ, ᵉ), ⚠ when it carries a warning, its year when
    older than the report's, and "⚠2015" for another warned value the status rests on."""
    a = row.assessment
    if finite(a.value) is None:
        return (NO_NUMBER, *other_warned_years(row))
    value = format_quantity(a.value, row.unit, row.decimals, lang)
    if row.value_marker is not None:
        value += MARKER_SYMBOLS[row.value_marker]
    value = marked(value, row.warnings_at(a.year))
    if not row.older:
        return (value, *other_warned_years(row))
    return (value, f"({a.year}){STALE_MARK if a.stale else ''}", *other_warned_years(row))


def change_text(
    absolute: float | None,
    unit: str,
    decimals: int,
    lang: str,
    label: dict[str, str] | None = None,
) -> str:
    """A change in the unit with its sign: percentage points for percents ("+1.0 pp"), places
    for ranks ("up 4 places"); given the indicator's ``label`` (its ``unit_label``), any other
    change carries its unit words ("-0.04 score (1 to 5)", "-30 kt CO₂e")."""
    if unit == "rank":
        return places_text(absolute, lang)
    if unit != "percent" or finite(absolute) is None:
        number = format_quantity(absolute, unit, decimals, lang, sign=True)
        suffix = unit_suffix_text(unit, lang, label) if label is not None else None
        return number if suffix is None or finite(absolute) is None else f"{number} {suffix}"
    points = format_number(absolute, decimals, lang, sign=True)
    return translator(lang).gettext("{number} pp").format(number=points)


def swing_text(change: Change, unit: str, decimals: int, lang: str) -> str:
    """A year-over-year swing as the charts point it out: in percentage points for a
    percentage ("+6.0 pp": a relative change of a share would be a second, larger number
    for the same move), in places for a rank ("up 4 places"), else the relative change
    ("-60.2%")."""
    if unit in ("percent", "rank") and finite(change.absolute) is not None:
        return change_text(change.absolute, unit, decimals, lang)
    return format_percent(change.relative_pct, RATE_DECIMALS, lang, sign=True)


def per_year_text(
    change: float | None,
    unit: str,
    decimals: int,
    lang: str,
    label: dict[str, str] | None = None,
) -> str:
    """A method's average change a year (dns) with its sign, in the unit, percentage points
    for percents ("+0.6 pp"), with the unit's words given ``label`` ("-0.04 score (1 to 5)");
    the one wording of the report's pace column, ``show`` and the charts."""
    if finite(change) is None:
        return NO_NUMBER
    return change_text(change, unit, decimals, lang, label)


def since_text(change: Change, lang: str) -> str | None:
    """ "since 2010" when ``change`` is measured against a year other than the one before, the
    one wording of the report, ``show``, the site and the charts; else None."""
    if not change.gap:
        return None
    return translator(lang).gettext("since {year}").format(year=change.previous_year)


def series_value_text(row: ValueRow, unit: str, decimals: int, lang: str) -> str:
    """A value of the values table (``show``, the site): the number by the number rule, ᵇ
    when a break in series starts there, ⚠ when it carries a warning."""
    text = format_quantity(row.value, unit, decimals, lang) + (BREAK_MARK if row.is_break else "")
    return marked(text, row.warnings)


def break_legend(lang: str) -> str:
    """The legend of ᵇ."""
    words = translator(lang).gettext(
        "break in series: not comparable with the value before; no change is computed across it"
    )
    return f"{BREAK_MARK} {words}"


def value_change_text(change: Change, unit: str, decimals: int, lang: str) -> str:
    """A value's change from the one before, as ``show`` and the site list it:
    "+5.0 pp since 2010" across a gap, else "+1.0 pp"; "—" for none (across a break in
    series)."""
    if finite(change.absolute) is None:
        return NO_NUMBER
    text = change_text(change.absolute, unit, decimals, lang)
    since = since_text(change, lang)
    return text if since is None else f"{text} {since}"


def value_roles(row: ValueRow, lang: str) -> list[str]:
    """The words that mark a value's year in ``show`` and the site: "ᵇ break in series",
    base, assessed year, and the warnings ``validate`` gives the value ("⚠ estimate without
    a note")."""
    t = translator(lang)
    broken = t.gettext("break in series")
    roles = [f"{BREAK_MARK} {broken}"] if row.is_break else []
    roles += [t.gettext("base")] if row.is_base else []
    roles += [t.gettext("assessed year")] if row.is_assessed else []
    return [*roles, warning_words(row.warnings, lang)] if row.warnings else roles


def change_cell(row: ReportRow, lang: str) -> Cell:
    """Absolute change with its sign, and the relative change except for a percentage
    (percentage points only: "+1.7 pp", never "(+7.8%)") or a rank (places only), then
    "since 2020" when the previous observation is not from the year before."""
    change = row.change
    if change.absolute is None:
        return (NO_NUMBER,)
    parts = [change_text(change.absolute, row.unit, row.decimals, lang)]
    if change.relative_pct is not None and row.unit not in ("percent", "rank"):
        relative = format_percent(change.relative_pct, RATE_DECIMALS, lang, sign=True)
        parts.append(f"({relative})")
    since = since_text(change, lang)
    if since is not None:
        parts.append(since)
    return tuple(parts)


def target_cell(row: ReportRow, lang: str) -> Cell:
    """ "30.0% @ 2035", with ᶠ when the target is a forecast."""
    target = row.assessment.target
    if target is None or finite(target.value) is None:
        return (NO_NUMBER,)
    marker = MARKER_SYMBOLS[row.target_marker] if row.target_marker is not None else ""
    return (format_quantity(target.value, row.unit, row.decimals, lang), f"@ {target.year}{marker}")


def pace_cell(row: ReportRow, lang: str) -> Cell:
    """The pace column of the row's method (``AssessmentMethod.pace_column``): growth needed
    vs actual (``growth_pace_cell``), or the change a year and the deviation
    (``change_pace_cell``). Raises UnknownMethodError."""
    kind = registry.method(row.assessment.method).pace_column
    return PACE_CELLS[kind](row, lang)


def growth_pace_cell(row: ReportRow, lang: str) -> Cell:
    """Growth per year needed vs actual, in percent: "+2.4% vs +2.8%"; "—" when neither is known.

    Every cell carries its unit (the header says only "a year": a rank row of the same column
    is in places, issue 20). "Actual" is the pace the status was judged by. A
    status judged on differences (a rank, a target ≤ 0) shows the changes a year instead, in
    the unit or in places ("-0.6 a year vs -0.7 a year"), and so does a share, in percentage
    points ("+0.8 pp a year vs +1.2 pp a year"; docs/methods.md, "Paces of shares").
    """
    a = row.assessment
    on_differences = finite(a.cagr) is None and finite(a.annual_change) is not None  # a balance
    if row.unit in {"rank", "percent"} or finite(a.required_change) is not None or on_differences:
        return differences_pace_cell(row, lang)  # a share's paces in pp a year (issue 20)
    needed = finite(row.assessment.required_cagr)
    if needed is None and row.pace is None:
        return (NO_NUMBER,)
    vs = translator(lang).gettext("vs {number}")
    return (
        format_rate_percent(needed, lang),
        vs.format(number=format_rate_percent(row.pace, lang)),
    )


def differences_pace_cell(row: ReportRow, lang: str) -> Cell:
    """The change a year needed vs the one judged by, for a status judged on differences."""
    a, t = row.assessment, translator(lang)
    if finite(a.required_change) is None and finite(a.annual_change) is None:
        return (NO_NUMBER,)

    def per_year(x: float | None) -> str:
        if row.unit == "rank":
            return places_text(x, lang, a_year=True)
        if finite(x) is None:
            return NO_NUMBER
        return t.gettext("{change} a year").format(
            change=change_text(x, row.unit, row.decimals, lang)
        )

    return (
        per_year(a.required_change),
        t.gettext("vs {number}").format(number=per_year(a.annual_change)),
    )


def annual_change_text(row: ReportRow, lang: str) -> str:
    """A method's average change a year (dns), with its sign, in the unit: pp for percents,
    places for ranks, the unit's words otherwise ("-0.04 score (1 to 5)"), as the site's key
    figures and the report's pace column write it wherever the row's unit is not beside it."""
    change = finite(row.assessment.annual_change)
    if change is not None and row.unit == "rank":
        return places_text(change, lang, a_year=True)
    label = row.indicator.unit_label or {}
    return per_year_text(change, row.unit, row.decimals, lang, label)


def change_pace_cell(row: ReportRow, lang: str) -> Cell:
    """A method that judges by its own numbers (dns): the average change a year in the unit and
    the deviation of the projection from the target, in percent of the remaining gap
    ("+0.6 dev. 14.3%")."""
    a = row.assessment
    if finite(a.annual_change) is None:
        return (NO_NUMBER,)
    parts = [annual_change_text(row, lang)]
    deviation = finite(a.deviation)
    if deviation is not None:
        percent = format_percent(100.0 * deviation, RATE_DECIMALS, lang)
        parts.append(translator(lang).gettext("dev. {percent}").format(percent=percent))
    return tuple(parts)


#: The cell of each kind of pace column.
PACE_CELLS: dict[PaceColumn, Callable[[ReportRow, str], Cell]] = {
    PaceColumn.GROWTH: growth_pace_cell,
    PaceColumn.CHANGE: change_pace_cell,
}


def projection_cell(row: ReportRow, lang: str) -> Cell:
    return (format_quantity(row.assessment.projected_value, row.unit, row.decimals, lang),)


def assessment_status_cell(a: Assessment, lang: str) -> Cell:
    """The status symbol glued to the first word of its label, then the other words, then
    "(trend)" when judged without a target and ✎ when set by hand: a status in every table
    (the report's rows, a breakdown's categories)."""
    first, *rest = status_label(a.status, lang, a.trend_only).split() or [""]
    parts = [f"{status_symbol(a.status, a.trend_only)} {first}", *rest]
    if a.trend_only:
        parts.append(translator(lang).gettext("(trend)"))
    if a.set_by_hand:
        parts.append(SET_BY_HAND_MARK)
    return tuple(parts)


def status_cell(row: ReportRow, lang: str) -> Cell:
    """:func:`assessment_status_cell` of the row, then its footnote "[3]"."""
    parts = assessment_status_cell(row.assessment, lang)
    return parts if row.footnote is None else (*parts, f"[{row.footnote}]")


def footnote_text(row: ReportRow, lang: str) -> str:
    """Why a row's status is what it is, in ``lang``; a status set by hand gives its rationale
    and source in the report language."""
    a = row.assessment
    t = translator(lang)
    settings = row.indicator.assessment
    manual = settings.status if settings is not None and a.set_by_hand else None
    decimals = row.decimals  # numbers inside reasons read as the row's own, with its unit
    unit, label = row.unit, row.indicator.unit_label
    if manual is None:
        reason = reason_text(a, lang, decimals, unit=unit, label=label) or ""
        return "; ".join(p for p in (reason, estimates_text(row, lang)) if p)
    others = [n for n in a.notes if not n.template.startswith("status set by hand")]
    text = t.gettext("status set by hand: {rationale}").format(
        rationale=localize(manual.rationale, lang)
    )
    source = (
        ", ".join(
            localize(part, lang) for part in (manual.source.publisher, manual.source.title) if part
        )
        or manual.source.url
    )
    if source:
        text += f" ({source})"
    rest = "; ".join(note_text(n, lang, decimals, unit=unit, label=label) for n in others)
    return f"{rest}; {text}" if rest else text


#: A web address and what leads to it (": https://…"): left out of a quoted derivation.
_ADDRESS = re.compile(r"\s*[:(]?\s*https?://\S+\)?")


def _derivation(row: ReportRow, year: int, lang: str) -> str:
    """The note of the value of ``year`` as a derivation: without its web addresses (``show``
    lists them; a footnote wraps between words, never inside an address) or final stop."""
    note = localize(row.indicator.values[year].note, lang)
    return _ADDRESS.sub("", note).strip().rstrip(".:;,")


def estimates_text(row: ReportRow, lang: str) -> str:
    """ "the status rests on estimates: 2022ᵉ: = 742 / (1 - 0.18) …; 2024ᵉ: …" for the
    estimated end points of a status judged against a target (``estimated_end_points``);
    "" for none."""
    years = estimated_end_points(row)
    if not years:
        return ""
    mark = MARKER_SYMBOLS[Marker.ESTIMATED]
    notes = "; ".join(f"{y}{mark}: {_derivation(row, y, lang)}" for y in years)
    return translator(lang).gettext("the status rests on estimates: {notes}").format(notes=notes)


def footnote_lines(rows: Sequence[ReportRow], lang: str) -> list[str]:
    """ "[1] Name: reason" for every row with a footnote, in row order."""
    return [
        f"[{row.footnote}] {visible(localize(row.indicator.name, lang))}: "
        + visible(footnote_text(row, lang))
        for row in rows
        if row.footnote is not None
    ]


def row_cells(row: ReportRow, lang: str) -> list[Cell]:
    """Every cell of a row but the trend, in column order."""
    return [
        name_cell(row, lang),
        value_cell(row, lang),
        change_cell(row, lang),
        target_cell(row, lang),
        pace_cell(row, lang),
        projection_cell(row, lang),
        status_cell(row, lang),
    ]


def status_counts(summary: Sequence[tuple[Status, int]], lang: str) -> list[tuple[Status, str]]:
    """Each status of a summary as "▲ 3 on track", in the order of the status scale."""
    return [(s, f"{STATUS_SYMBOLS[s]} {count_label(s, lang, n)}") for s, n in summary]


def status_summary(summary: Sequence[tuple[Status, int]], lang: str) -> str:
    """E.g. "▲ 3 on track · ◐ 1 needs acceleration · ? 2 insufficient data"."""
    return " · ".join(text for _, text in status_counts(summary, lang))


#: The summary's group of a status set by hand with no target in force and no trend words
#: (target met or missed set by hand): neither judged against anything nor "not judged".
HAND_SET = "hand_set"

#: A summary's groups in order: commitments, forecasts, the trend alone, set by hand without
#: a target, not judged (None).
Group = Basis | str | None
GROUP_ORDER: tuple[Group, ...] = (*BASIS_ORDER, HAND_SET, None)


def summary_group(a: Assessment) -> Group:
    """The summary group of an assessment (see GROUP_ORDER)."""
    basis = a.judged_against
    if basis is None and a.set_by_hand and a.status is not Status.INSUFFICIENT_DATA:
        return HAND_SET
    return basis


@dataclass(frozen=True, slots=True)
class CountItem:
    """One status's count within what it was judged against (``basis``; HAND_SET: set by hand
    without a target; None: not judged)."""

    basis: Group
    status: Status
    text: str

    @property
    def trend_only(self) -> bool:
        return self.basis is Basis.TREND


def split_status_counts(rows: Sequence[ReportRow], lang: str) -> list[CountItem]:
    """Each status of ``rows`` with its stale count apart ("▲ 3 on track (1 stale)"), grouped
    by what it was judged against: commitments first, then forecasts, then the trend alone
    (in its own words), then statuses set by hand without a target, then what could not be
    judged."""
    items: list[CountItem] = []
    for group in GROUP_ORDER:
        judged = [r.assessment for r in rows if summary_group(r.assessment) == group]
        items += [
            CountItem(group, c.status, _split_count(c, group is Basis.TREND, lang))
            for c in count_by_currency(judged)
        ]
    return items


def group_words(group: Group, lang: str) -> str:
    """A group's heading: "Against commitments", …, "Set by hand, no target", "Not judged"."""
    t = translator(lang)
    if isinstance(group, Basis):
        return basis_words(group, lang)
    return t.gettext("Set by hand, no target") if group == HAND_SET else t.gettext("Not judged")


def _split_count(c: StatusCount, trend_only: bool, lang: str) -> str:
    t = translator(lang)
    total = c.current + c.stale
    text = f"{status_symbol(c.status, trend_only)} {count_label(c.status, lang, total, trend_only)}"
    if not c.stale:
        return text
    stale = t.ngettext("{n} stale", "{n} stale", c.stale).format(n=c.stale)
    return f"{text} ({stale})"


@dataclass(frozen=True, slots=True)
class SummaryPart:
    """One piece of a summary: a count (``item``; None for "none" or the stale total), with
    its group's heading when it opens the group, and the separator that follows it."""

    text: str
    item: CountItem | None
    after: str


def summary_parts(rows: Sequence[ReportRow], lang: str) -> list[SummaryPart]:
    """The pieces of ``basis_summary`` in order, for a renderer that wraps or styles each."""
    t = translator(lang)
    groups: list[list[tuple[str, CountItem | None]]] = []
    items = split_status_counts(rows, lang)
    for key in GROUP_ORDER:
        group: list[tuple[str, CountItem | None]] = [(i.text, i) for i in items if i.basis == key]
        if key is Basis.COMMITMENT and not group:
            group = [(t.gettext("none"), None)]
        if group:
            group[0] = (f"{group_words(key, lang)}: {group[0][0]}", group[0][1])
            groups.append(group)
    parts = [
        SummaryPart(text, item, ", " if k < len(group) - 1 else " · ")
        for group in groups
        for k, (text, item) in enumerate(group)
    ]
    stale = stale_text(rows, lang)
    if parts:
        last = parts[-1]
        parts[-1] = SummaryPart(last.text, last.item, "; " if stale else "")
    if stale:
        parts.append(SummaryPart(stale, None, ""))
    return parts


def stale_text(rows: Sequence[ReportRow], lang: str) -> str | None:
    """ "4 rest on stale values" (None when none does): the end of every summary."""
    stale = sum(r.assessment.stale for r in rows)
    if not stale:
        return None
    rest = translator(lang).ngettext(
        "{n} rests on a stale value", "{n} rest on stale values", stale
    )
    return rest.format(n=stale)


def basis_summary(rows: Sequence[ReportRow], lang: str) -> str:
    """The counts in groups, commitments first: "Against commitments: △ 1 insufficient
    progress · Against forecasts: ▲ 3 on track · Trend only, no target: ⇑ 11 significant
    progress · Not judged: ? 2 insufficient data; 4 rest on stale values"."""
    return "".join(part.text + part.after for part in summary_parts(rows, lang))


def split_status_summary(rows: Sequence[ReportRow], lang: str) -> str:
    """A goal's counts, commitments first (see ``basis_summary``)."""
    return basis_summary(rows, lang)


def overall_summary(view: ReportView, lang: str) -> str:
    """E.g. "All 24 indicators: Against commitments: △ 1 insufficient progress · …"."""
    counts = basis_summary(view.rows, lang)
    words = translator(lang).gettext("All {n} indicators: {counts}")
    return words.format(n=len(view.rows), counts=counts)


# --- --compare ------------------------------------------------------------------------------


def movement_words(movement: Movement, lang: str) -> str:
    t = translator(lang)
    words = {
        Movement.IMPROVED: t.gettext("improved"),
        Movement.WORSENED: t.gettext("worsened"),
        Movement.UNCHANGED: t.gettext("unchanged"),
        Movement.NOT_COMPARABLE: t.gettext("not comparable"),
    }
    return words[movement]


def comparison_headers(view: ReportView, lang: str) -> list[str]:
    """Indicator · Value then · Status then · Value now · Status now · Movement."""
    t = translator(lang)
    then, now = view.compare_year, view.year
    return [
        t.gettext("Indicator"),
        t.gettext("Value {year}").format(year=then),
        t.gettext("Status {year}").format(year=then),
        t.gettext("Value {year}").format(year=now),
        t.gettext("Status {year}").format(year=now),
        t.gettext("Since {year}").format(year=then),
    ]


def comparison_cells(row: ReportRow, lang: str) -> list[Cell]:
    """The row's value and status then and now, and how the status moved."""
    c = row.comparison
    if c is None:
        return [name_cell(row, lang), *([(NO_NUMBER,)] * 5)]

    def status(a: Assessment) -> Cell:
        return compared_status(a, lang)

    def value(a: Assessment) -> Cell:
        if finite(a.value) is None:
            return (NO_NUMBER,)
        shown = format_quantity(a.value, row.unit, row.decimals, lang)
        marker = VALUE_STATUS_MARKERS.get(a.value_status or "")
        shown = marked(shown + (MARKER_SYMBOLS[marker] if marker else ""), row.warnings_at(a.year))
        mark = STALE_MARK if a.stale else ""
        return (shown, f"({a.year}){mark}") if a.year != a.report_year else (shown,)

    return [name_cell(row, lang), value(c.earlier), status(c.earlier), value(c.later),
            status(c.later), movement_cell(c, lang)]  # fmt: skip


def compared_status(a: Assessment, lang: str) -> Cell:
    """A status in the --compare table: as in the report ("(trend)", ✎), "(forecast)" when
    judged against a forecast (the table prints no target), and for a status set by hand
    what the method computed ("computed: ▼ moving away")."""
    t = translator(lang)
    first, *rest = status_label(a.status, lang, a.trend_only).split() or [""]
    mark = basis_mark(a.judged_against, lang)
    extra = [mark] if mark else []
    extra += [SET_BY_HAND_MARK] if a.set_by_hand else []
    if a.set_by_hand and a.computed_status is not None:
        computed = a.computed_status
        trend = a.target is None
        words = f"{status_symbol(computed, trend)} {status_label(computed, lang, trend)}"
        extra.append(t.gettext("(computed: {status})").format(status=words))
    return (f"{status_symbol(a.status, a.trend_only)} {first}", *rest, *extra)


def movement_cell(c: Comparison, lang: str) -> Cell:
    """How the status moved ("↓ worsened"), "(no new value)" when both years assess the same
    value, and with a status set by hand how the computed statuses moved ("✎ computed: ↑
    improved": a hand-set status is one setting for both years)."""
    t = translator(lang)
    moved: Cell = (f"{MOVEMENT_SYMBOLS[c.movement]} {movement_words(c.movement, lang)}",)
    if c.movement is Movement.NOT_COMPARABLE:
        moved += not_comparable_reason(c, lang)
    if c.earlier.year is not None and c.earlier.year == c.later.year:
        moved += (t.gettext("(no new value)"),)
    computed = c.computed_movement
    if computed is not None:
        words = f"{MOVEMENT_SYMBOLS[computed]} {movement_words(computed, lang)}"
        moved += (SET_BY_HAND_MARK, t.gettext("(computed: {status})").format(status=words))
    return moved


def not_comparable_reason(c: Comparison, lang: str) -> Cell:
    """Why two statuses cannot be compared: "(2022 is the base year: no status then)", "(no
    status in 2022)", or "(judged on the trend in one year only)"; () when none applies."""
    t = translator(lang)
    earlier, later = c.earlier, c.later
    if earlier.status is Status.INSUFFICIENT_DATA:
        year = earlier.report_year
        if year is not None and later.base_year == year:
            return (t.gettext("({year} is the base year: no status then)").format(year=year),)
        return (t.gettext("(no status in {year})").format(year=year),)
    if later.status is Status.INSUFFICIENT_DATA:
        return (t.gettext("(no status in {year})").format(year=later.report_year),)
    if earlier.trend_only != later.trend_only:
        return (t.gettext("(judged on the trend in one year only)"),)
    return ()


def movement_count(movement: Movement, n: int, lang: str) -> str:
    """ "3 improved", "1 ei vertailukelpoinen", "12 inte jämförbara": inflected for ``n``."""
    t = translator(lang)
    words = {
        Movement.IMPROVED: t.ngettext("{n} improved", "{n} improved", n),
        Movement.WORSENED: t.ngettext("{n} worsened", "{n} worsened", n),
        Movement.UNCHANGED: t.ngettext("{n} unchanged", "{n} unchanged", n),
        Movement.NOT_COMPARABLE: t.ngettext("{n} not comparable", "{n} not comparable", n),
    }
    return words[movement].format(n=n)


def no_new_value(c: Comparison) -> bool:
    """Both years assess the same value: a status that held only because nothing was
    measured since."""
    return c.earlier.year is not None and c.earlier.year == c.later.year


def movement_counts(compared: Sequence[Comparison], then: int | None, lang: str) -> list[str]:
    """The counts of ``compared`` by movement in words, the unchanged split in two: those
    with a new value that held ("3 unchanged") and those with no new value since ``then``
    ("10 without a new value since 2022"), which a board must not read as held steady."""
    t = translator(lang)
    words: list[str] = []
    for m, n in count_movements(compared):
        if m is not Movement.UNCHANGED:
            words.append(movement_count(m, n, lang))
            continue
        idle = sum(1 for c in compared if c.movement is m and no_new_value(c))
        if n - idle:
            words.append(movement_count(m, n - idle, lang))
        if idle:
            text = t.ngettext(
                "{n} without a new value since {year}", "{n} without a new value since {year}", idle
            )
            words.append(text.format(n=idle, year=then))
    return words


def movement_summary(view: ReportView, lang: str) -> str:
    """The movements grouped as the report's summary, commitments first (by what each status
    is judged against now), and how many rest on a stale value in either year: "Since 2023:
    Against commitments: 1 worsened · Against forecasts: 3 unchanged · Trend only, no target:
    5 improved, 2 unchanged · Not judged: 2 not comparable; 4 rest on stale values"."""
    t = translator(lang)
    groups: list[str] = []
    for key in GROUP_ORDER:
        compared = [
            r.comparison for r in view.rows
            if r.comparison is not None and summary_group(r.assessment) == key
        ]  # fmt: skip
        counts = ", ".join(movement_counts(compared, view.compare_year, lang))
        if key is Basis.COMMITMENT and not counts:
            counts = t.gettext("none")
        if counts:
            groups.append(f"{group_words(key, lang)}: {counts}")
    text = " · ".join(groups)
    stale = sum(
        r.comparison.earlier.stale or r.comparison.later.stale
        for r in view.rows
        if r.comparison is not None
    )
    if stale:  # not the report's own count (its year only): say which years it covers
        rest = t.ngettext(
            "{n} rests on a stale value in {earlier}, {later} or both",
            "{n} rest on stale values in {earlier}, {later} or both",
            stale,
        )
        text += "; " + rest.format(n=stale, earlier=view.compare_year, later=view.year)
    return t.gettext("Since {year}: {counts}").format(year=view.compare_year, counts=text)


def marker_words(lang: str) -> dict[Marker, str]:
    """What each marker of the legend means, in ``lang``."""
    t = translator(lang)
    return {
        Marker.PROVISIONAL: t.gettext("provisional value"),
        Marker.ESTIMATED: t.gettext("estimated value"),
        Marker.FORECAST: t.gettext("target is a forecast, not a commitment"),
    }


def legend_items(
    view: ReportView, lang: str, *, pace_shown: bool = True, projection_shown: bool = True
) -> list[list[str]]:
    """The legend, one topic per list, one unbreakable item per string: the symbols, the
    markers, the notes of the pace and projection columns (each only when its column is
    shown), and the report year with the method."""
    t = translator(lang)
    symbols = [
        f"{STATUS_SYMBOLS[s]} {status_label(s, lang)}"
        for s in Status
        if s not in TREND_ONLY_STATUSES
    ]
    trend = [f"{TREND_SYMBOLS[s]} {status_label(s, lang, True)}" for s in TREND_LABELS]
    symbols.append(t.gettext("without a target: {words}").format(words=" · ".join(trend)))
    markers = [f"{MARKER_SYMBOLS[m]} {words}" for m, words in marker_words(lang).items()]
    markers.append(
        t.gettext("({year}): year of a value older than the report year").format(year=view.year - 1)
    )
    markers.append(f"{STALE_MARK} {_stale_words(view, lang)}")
    markers += warning_legend(view, lang)
    statuses = [
        t.gettext("(trend): judged on the trend alone, without a target"),
        t.gettext("{mark} status set by hand").format(mark=SET_BY_HAND_MARK),
        t.gettext("[1]: note under the table"),
    ]
    notes = [
        t.gettext(
            'change: from the value before ("since" names it across a gap); the pace and '
            "the status: over the period from the base year (a note says so when the two "
            "point different ways)"
        )
    ]
    if pace_shown:
        notes.append(t.gettext(PACE_LEGENDS[registry.method(view.method).pace_column]))
    if projection_shown:
        notes.append(t.gettext("projection: value in the target year at the current pace"))
    method = [
        t.gettext("Report year {year}").format(year=view.year),
        t.gettext("Method: {note}").format(note=method_note(view.method, view.pace, lang)),
    ]
    return [items for items in (symbols, statuses, markers, notes, method) if items]


def _stale_words(view: ReportView, lang: str) -> str:
    """ "stale: more than 2 years older than the report year" (the threshold in force; with
    several, the words say so)."""
    t = translator(lang)
    thresholds = {r.assessment.stale_after for r in view.rows}
    if len(thresholds) == 1:
        (years,) = thresholds
        return t.gettext("stale: more than {n} years older than the report year").format(n=years)
    return t.gettext("stale: older than the indicator's limit (see the JSON, stale_after)")


def legend_lines(view: ReportView, lang: str) -> list[str]:
    """The legend as one line per topic, items separated by " · "."""
    return [" · ".join(items) for items in legend_items(view, lang)]


def no_indicators(lang: str) -> str:
    return translator(lang).gettext("No indicators to report.")


#: The mark of an indicator with values by category in the headline report's human formats.
BREAKDOWN_MARK = "\u229e"


def breakdown_mark(indicator: Indicator) -> str:
    """`` ⊞`` after the name of an indicator that has breakdowns, else ""."""
    return f" {BREAKDOWN_MARK}" if indicator.breakdowns else ""


def breakdown_legend(indicators: Sequence[Indicator], lang: str) -> str | None:
    """The legend line of the mark, naming the breakdowns declared (None when none is)."""
    declared: dict[str, None] = {}
    for indicator in indicators:
        for b in indicator.breakdowns:
            declared.setdefault(" --by ".join(b.by), None)
    if not declared:
        return None
    text = translator(lang).gettext("also by category: intl-tracker report --by {dimensions}")
    return f"{BREAKDOWN_MARK} " + text.format(dimensions=" | --by ".join(declared))
