"""The rules every method shares around its own verdict (reference/methods.md; sdg-build
``ProgressMeasure.py`` checks "target met" first, for every method here).

After the method: a passed target is judged only on a value of its year or later; a latest
value meeting the target is target_met; a target year reached without meeting it is missed;
without a target, a value at the best end of the indicator's domain is on_track; an ETA is
never in the past. Then the indicator's ``assessment`` settings (calculation off, a status set
by hand), and Open SDG's rule for an all-negative series (assessed on its magnitudes).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from intl_tracker.assessment.draft import Draft
from intl_tracker.assessment.numeric import meets, note_field_kind, short_text, trend_band
from intl_tracker.assessment.records import SCORED_STATUSES, Assessment, Note, TargetRef
from intl_tracker.assessment.registry import Verdict
from intl_tracker.core.vocabulary import Pace, Status
from intl_tracker.dataset.models import Bounds, Indicator, Target, localize, value_domain


def settle(dr: Draft, target: Target | None, verdict: Verdict, d: int, method_notes: int) -> None:
    """The status and ETA of ``dr`` (assessed in ``dr.year``) from the method's ``verdict`` and
    the shared rules; ``method_notes`` is the index of the method's first note, dropped when its
    verdict is not used."""
    assert dr.year is not None and dr.value is not None and dr.report_year is not None
    t, v_t = dr.year, dr.value
    met = target is not None and meets(v_t, target.value, d)
    if target is not None and target.year <= dr.report_year and t < target.year:
        _passed_target(dr, target, d, method_notes)
    elif met and not dr.method.judges_met:
        del dr.notes[method_notes:]  # the method's verdict is not used
        dr.status = Status.TARGET_MET
        dr.eta_year = None
    elif target is not None and target.year <= t and not met:
        del dr.notes[method_notes:]
        dr.status = Status.MISSED
        dr.note(
            "target {target} for {target_year} not met: {value} in {year}",
            target=float(target.value),
            target_year=target.year,
            value=float(v_t),
            year=t,
        )
        _set_eta(dr, verdict.eta_year)
    else:
        dr.status = verdict.status
        if target is None:
            _best_possible(dr, d)
        _set_eta(dr, verdict.eta_year)


def _judged_pace(dr: Draft) -> float | None:
    """The pace the status was judged by: the growth rate of ``--pace`` (endpoints or fitted),
    or for a status judged on differences (a rank, a target ≤ 0) the change a year."""
    if dr.required_change is not None or dr.cagr is None:
        return dr.annual_change
    if dr.pace is Pace.FITTED and dr.fitted_cagr is not None:
        return dr.fitted_cagr
    return dr.cagr


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def note_judged_period(dr: Draft, d: int, years: Sequence[int] = ()) -> None:
    """Say the period a scored status judged when what a reader sees beside it seems to say
    otherwise (docs/methods.md, "The period judged"): a trend-only status of no change
    ("unchanged at 6 over 2021 to 2023", or the values and the years without one when the
    period has a gap), or a change shown in the report (the latest value against the one before)
    whose direction differs from the direction of the pace judged over base year → latest.
    Methods with a pace of their own (dns: its five-year window) are left as they are."""
    if dr.status not in SCORED_STATUSES or not dr.method.follows_pace:
        return
    pace, t, v_t = _judged_pace(dr), dr.year, dr.value
    if pace is None or dr.base_year is None or dr.base_value is None or v_t is None:
        return
    best = dr.domain[1] if d == 1 else dr.domain[0]
    if dr.status is Status.NO_CHANGE and v_t != best:
        _note_no_change(dr, [y for y in years if dr.base_year <= y <= (t or 0)])
        return
    change, previous = dr.change, dr.previous_value
    if change is None or previous is None or dr.previous_year == dr.base_year:
        return
    if _sign(d * change) != _sign(d * pace):
        dr.note(
            "the status judges {base_year}\u2013{year} (from {base_value} to {value}); the change "
            "shown is {previous_year}\u2013{year} only (from {previous_value})",
            base_year=dr.base_year,
            year=t,
            base_value=float(dr.base_value),
            value=float(v_t),
            previous_year=dr.previous_year,
            previous_value=float(previous),
        )


def _note_no_change(dr: Draft, years: Sequence[int]) -> None:
    """A trend-only status on a change of exactly zero: "no change" (docs/methods.md, "The
    period judged, and a change of zero"); a year without a value in between is named, never
    hidden behind "unchanged" (two values with a gap are two values, not a held level)."""
    assert dr.base_year is not None and dr.year is not None and dr.value is not None
    missing = [y for y in range(dr.base_year + 1, dr.year) if y not in set(years)]
    if missing and years:
        dr.note(
            "{value} in each of the {points} values over {base_year}\u2013{year}, with no "
            "value for {missing}: no change between the values, nothing known of the years "
            "without",
            value=float(dr.value),
            base_year=dr.base_year,
            year=dr.year,
            missing=", ".join(str(y) for y in missing),
            points=len(years),
        )
        return
    dr.note(
        "unchanged at {value} over {base_year}\u2013{year}: neither progress nor movement away",
        value=float(dr.value),
        base_year=dr.base_year,
        year=dr.year,
    )


def note_exceptional(dr: Draft, exceptional: Collection[int]) -> None:
    """A scored status whose judged period starts or ends in a value the data marks as
    affected by an exceptional event (``exceptional`` on the value: a pandemic year, a
    one-off shock) says so: the status then describes the event as much as the trend
    (docs/methods.md, "Exceptional years")."""
    if dr.status not in SCORED_STATUSES or dr.year is None:
        return
    ends = sorted({y for y in (dr.base_year, dr.year) if y is not None and y in exceptional})
    if ends:
        dr.note(
            "the period judged {start}\u2013{end} has an end point in a year the data marks as "
            "exceptional ({years}): the status reflects that event as much as the trend",
            start=dr.base_year if dr.base_year is not None else dr.year,
            end=dr.year,
            years=", ".join(str(y) for y in ends),
        )


def note_band_edge(dr: Draft, d: int, edges: tuple[float, float], decimals: int | None) -> None:
    """A trend-only status on a growth rate whose end values, as written (``decimals``),
    cannot tell the band: values that round to the two end points give rates on both sides of
    a band edge. The note says so with the range of rates; the published bands stay
    (docs/methods.md, "Near a band edge")."""
    v0, v_t, t0, t = dr.base_value, dr.value, dr.base_year, dr.year
    if (
        decimals is None
        or dr.target is not None
        or dr.status not in SCORED_STATUSES - {Status.NO_CHANGE}
    ):
        return
    if v0 is None or v_t is None or t0 is None or t is None or t <= t0 or dr.cagr is None:
        return
    if dr.pace is Pace.FITTED or dr.required_change is not None:
        return
    h = 0.5 * 10.0**-decimals
    if min(v0, v_t) - h <= 0:
        return
    low = ((v_t - h) / (v0 + h)) ** (1 / (t - t0)) - 1
    high = ((v_t + h) / (v0 - h)) ** (1 / (t - t0)) - 1
    significant, divide = edges
    bands = {trend_band(d * r, significant, divide) for r in (low, high)}
    if len(bands) > 1 or dr.status not in bands:
        dr.note(
            "near a band edge: {base_value} and {value} are written to {decimals} decimals, "
            "and values that round to them give growth rates from {low_pct} to {high_pct} a "
            "year, on both sides of an edge",
            base_value=float(v0),
            value=float(v_t),
            decimals=decimals,
            low_pct=100.0 * low,
            high_pct=100.0 * high,
        )


def note_tolerance(dr: Draft, target: Target | None, d: int, on_track_edge: float) -> None:
    """An on-track status whose projection falls short of the target says why: the method's
    tolerance (R or CR ≥ ``on_track_edge``; for dns a deviation under it), the projected value
    and year, and the year the pace reaches the target (docs/methods.md, "The tolerance of
    on track")."""
    projected = dr.projected_value
    if dr.status is not Status.ON_TRACK or target is None or projected is None:
        return
    if meets(projected, target.value, d):
        return
    short = {
        "projected": float(projected),
        "target_year": target.year,
        "target": float(target.value),
    }
    if dr.deviation is not None and dr.ratio is None:
        dr.note(
            "projection {projected} in {target_year} falls short of the target {target}: on "
            "track within the method's tolerance (a deviation under {edge_pct}; here "
            "{score_pct})",
            **short,
            edge_pct=100.0 * on_track_edge,
            score_pct=100.0 * dr.deviation,
        )
    elif dr.ratio is not None:
        dr.note(
            "projection {projected} in {target_year} falls short of the target {target}: on "
            "track within the method's tolerance (progress ratio at least {edge_ratio}; here "
            "{score_ratio})",
            **short,
            edge_ratio=float(on_track_edge),
            score_ratio=float(dr.ratio),
        )
    else:
        return
    if dr.eta_year is not None:
        dr.note("at this pace the target is reached in {eta}", eta=dr.eta_year)


def _passed_target(dr: Draft, target: Target, d: int, method_notes: int) -> None:
    """A passed target is judged only on a value of its year or later: insufficient_data."""
    assert dr.year is not None and dr.value is not None
    del dr.notes[method_notes:]
    dr.status = Status.INSUFFICIENT_DATA
    dr.ratio = dr.deviation = dr.projected_value = None
    dr.clipped_from.pop("projected_value", None)
    dr.note(
        "target year {target_year} passed; latest value {year}",
        target_year=target.year,
        year=dr.year,
    )
    if meets(dr.value, target.value, d):
        dr.note("the {year} value already met the target", year=dr.year)


def _best_possible(dr: Draft, d: int) -> None:
    """Without a target, at the best possible value (rank 1, 100 %): nothing left to gain is
    not a shortcoming. Reached over the period: significant progress; held over it: no change,
    said as held at the best (docs/methods.md, "The period judged, and a change of zero")."""
    best = dr.domain[1] if d == 1 else dr.domain[0]
    if dr.status not in SCORED_STATUSES or best is None or dr.value != best:
        return
    if dr.status is Status.NO_CHANGE:
        dr.note("held at the best possible value ({bound})", bound=float(best))
        return
    dr.status = Status.ON_TRACK
    dr.note("at the best possible value ({bound})", bound=float(best))


def _set_eta(dr: Draft, eta: int | None) -> None:
    """The ETA, never before the report year: no value after the assessed year shows it."""
    assert dr.report_year is not None
    dr.eta_year = eta
    if eta is not None and eta < dr.report_year:
        dr.eta_year = None
        dr.note(
            "at this pace the target would have been reached in {eta}, before the report "
            "year; no value after {year} shows it",
            eta=eta,
            year=dr.year,
        )


def apply_settings(dr: Draft, indicator: Indicator) -> None:
    """``assessment.calculate: false`` and a status set by hand (README, "Assessment methods")."""
    settings = indicator.assessment
    if settings is None:
        return
    computed: Status | None = dr.status
    if not settings.calculate:
        dr.calculated = False
        computed = None
        dr.cagr = dr.fitted_cagr = dr.required_cagr = dr.ratio = None
        dr.path_value = dr.projected_value = dr.deviation = dr.annual_change = None
        dr.eta_year = None
        dr.clipped_from.clear()
        dr.notes.clear()
        dr.status = Status.INSUFFICIENT_DATA
        if settings.status is None:
            dr.note("progress calculation is turned off for this indicator")
    manual = settings.status
    if manual is not None:
        dr.set_by_hand = True
        dr.computed_status = computed
        dr.status = Status(manual.value)
        dr.note("status set by hand: {rationale}", rationale=localize(manual.rationale, "en"))


def magnitudes(indicator: Indicator, year: int | None) -> Indicator | None:
    """The indicator with every value and target negated and the direction reversed, when the
    values up to ``year`` and every target are negative (Open SDG's all-negative rule)."""
    values = [o.value for y, o in indicator.series() if year is None or y <= year]
    if not values or any(v >= 0 for v in values) or any(t.value >= 0 for t in indicator.targets):
        return None
    low, high = value_domain(indicator)
    return indicator.model_copy(
        update={
            "direction": "decrease" if indicator.direction == "increase" else "increase",
            "values": {
                y: o.model_copy(update={"value": -o.value}) for y, o in indicator.values.items()
            },
            "targets": [t.model_copy(update={"value": -t.value}) for t in indicator.targets],
            "bounds": Bounds(
                min=None if high is None else -high, max=None if low is None else -low
            ),
        }
    )


#: The fields of a note that are values or changes in the unit: an assessment of magnitudes
#: gives them back their sign (rates, ratios, years and counts are left as they are).
SIGNED_PARAMS = frozenset(
    {
        "value", "target", "base_value", "previous_value", "bound", "projected", "compound",
        "change", "required", "avg", "last",
    }
)  # fmt: skip


def _signed_note(note: Note) -> Note:
    """``note`` with its values and changes in the unit negated (see ``SIGNED_PARAMS``); the
    English text keeps the unit the engine wrote after the number ("-95 t")."""
    raw = dict(note.numbers)
    numbers = tuple((k, -v if k in SIGNED_PARAMS else v) for k, v in note.numbers)
    params = tuple(
        (k, _negated_text(text, k, raw[k]) if k in SIGNED_PARAMS and k in raw else text)
        for k, text in note.params
    )
    return Note(note.template, params, numbers)


def _negated_text(text: str, name: str, x: float) -> str:
    """The English ``text`` of the number ``x`` (``numeric.unit_text``) for ``-x``."""
    change = note_field_kind(name) == "change"
    old, new = (f"{x:+g}", f"{-x:+g}") if change else (short_text(x), short_text(-x))
    return new + text[len(old) :] if text.startswith(old) else new


def magnitude_blocker(indicator: Indicator, year: int | None) -> tuple[int, float, bool] | None:
    """Why ``magnitudes`` does not apply although some value up to ``year`` is negative: the
    first value, else target, that is not (its year, its value, whether it is a target); None
    when no value is negative or the rule applies."""
    series = [(y, o.value) for y, o in indicator.series() if year is None or y <= year]
    if not any(v < 0 for _, v in series):
        return None
    for y, v in series:
        if v >= 0:
            return y, v, False
    for t in indicator.targets:
        if t.value >= 0:
            return t.year, t.value, True
    return None


def signed_again(a: Assessment) -> Assessment:
    """An assessment of magnitudes with the values given back their sign (rates unchanged),
    in its numbers and in its reasons."""

    def neg(x: float | None) -> float | None:
        return None if x is None else -x

    target = a.target
    notes = (
        Note("all values negative: assessed on their magnitudes with the direction reversed"),
        *(_signed_note(n) for n in a.notes),
    )
    return replace(
        a,
        value=neg(a.value),
        previous_value=neg(a.previous_value),
        change=neg(a.change),
        change_pct=neg(a.change_pct),
        base_value=neg(a.base_value),
        path_value=neg(a.path_value),
        projected_value=neg(a.projected_value),
        annual_change=neg(a.annual_change),
        target=None if target is None else TargetRef(-target.value, target.year, target.kind),
        magnitudes=True,
        notes=notes,
        reason="; ".join(n.text() for n in notes),
    )
