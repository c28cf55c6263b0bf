"""Progress assessment: where an indicator stands against its target, by the official methods.

Pure and deterministic: no clock, no I/O, no printing. Formulas, bands and sources are in
README.md ("Assessment methods") and reference/methods.md. Growth rates are computed in log
space with the ``math`` module (no pandas), and no field is ever NaN or infinite: anything that
cannot be computed is ``None`` and, when it decides the status, explained in ``reason``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from intl_tracker.core.i18n import N_

# Re-exported: Method, Pace, Status and STATUS_LABELS live in vocabulary.py (import-cheap),
# and ``from intl_tracker.assessment.engine import Method`` keeps working.
from intl_tracker.core.vocabulary import STATUS_LABELS as STATUS_LABELS
from intl_tracker.core.vocabulary import Method as Method
from intl_tracker.core.vocabulary import Pace as Pace
from intl_tracker.core.vocabulary import Status as Status
from intl_tracker.dataset.models import (
    DEFAULT_STALE_AFTER,
    MAX_YEAR,
    Bands,
    Bounds,
    Catalog,
    Indicator,
    Observation,
    Programme,
    Target,
    localize,
    stale_after,
    value_domain,
)

PeriodName = Literal["short", "long"]


@dataclass(frozen=True, slots=True)
class Period:
    """How the base year is chosen: ``since`` a year, a Eurostat ``period``, else the indicator's
    ``baseline``, else its first observation."""

    since: int | None = None
    period: PeriodName | None = None


#: The assessed period when none is asked for: from the base year.
DEFAULT_PERIOD = Period()


@dataclass(frozen=True, slots=True)
class TargetRef:
    value: float
    year: int
    kind: str


@dataclass(frozen=True, slots=True)
class Note:
    """One reason or flag behind a status, as an English template and its fields.

    ``template`` is the msgid a renderer may translate; ``params`` fill its ``{name}`` fields
    (already written as text). ``text()`` is the English sentence (``Assessment.reason``).
    """

    template: str
    params: tuple[tuple[str, str], ...] = ()
    #: The fields that are measured numbers, unrounded, for a renderer to lay out with the
    #: number rule (``params`` holds them as short English text; years are not among them).
    numbers: tuple[tuple[str, float], ...] = ()

    def text(self) -> str:
        return self.template.format(**dict(self.params))


#: Names of ``Assessment.flags``, in display order.
Flag = Literal["set_by_hand", "not_calculated", "stale", "trend_only", "clipped", "magnitudes"]


@dataclass(frozen=True, slots=True)
class Assessment:
    """Every number behind one indicator's status (fractions stay fractions).

    ``pace`` is the pace actually used (``endpoints`` when ``fitted`` was asked for but could not
    be computed; ``reason`` says so). ``deviation`` and ``annual_change`` are the DNS method's
    ``dev`` and linear average annual change (None for the other methods).

    ``report_year`` is the year the report is about; ``value_age`` = report_year - year (whole
    years, None without a value) and ``stale`` is value_age > ``stale_after``. ``trend_only``:
    the status was judged without a target (the method's no-target bands). ``set_by_hand``: the
    status comes from the indicator's ``assessment.status`` and ``computed_status`` is what the
    method gave (None when the calculation is off); ``method_class`` is always the method's own
    class of the status it computed (None when the calculation is off), never the hand-set
    status's. ``clipped`` names the fields
    (projected_value, path_value) that were clipped to ``models.value_domain``. ``magnitudes``:
    an all-negative series assessed on its magnitudes (Open SDG). ``notes`` are the reasons
    (``reason`` is their English text joined by "; ").
    """

    indicator_id: str
    method: Method
    pace: Pace
    year: int | None
    value: float | None
    value_status: str | None
    previous_year: int | None
    previous_value: float | None
    change: float | None
    change_pct: float | None
    base_year: int | None
    base_value: float | None
    cagr: float | None
    fitted_cagr: float | None
    target: TargetRef | None
    required_cagr: float | None
    ratio: float | None
    path_value: float | None
    projected_value: float | None
    eta_year: int | None
    status: Status
    status_label: str
    method_class: str | None
    reason: str | None
    deviation: float | None
    annual_change: float | None
    report_year: int | None = None
    value_age: int | None = None
    stale: bool = False
    stale_after: int = DEFAULT_STALE_AFTER
    trend_only: bool = False
    set_by_hand: bool = False
    calculated: bool = True
    computed_status: Status | None = None
    clipped: tuple[str, ...] = ()
    magnitudes: bool = False
    notes: tuple[Note, ...] = ()

    @property
    def flags(self) -> tuple[Flag, ...]:
        """The markers a renderer shows beside the status, in display order."""
        named: list[tuple[Flag, bool]] = [
            ("set_by_hand", self.set_by_hand),
            ("not_calculated", not self.calculated),
            ("stale", self.stale),
            ("trend_only", self.trend_only),
            ("clipped", bool(self.clipped)),
            ("magnitudes", self.magnitudes),
        ]
        return tuple(name for name, on in named if on)


#: Statuses banded from a score (the others are decided by rules: met, missed, no data).
SCORED_STATUSES = frozenset(
    {Status.ON_TRACK, Status.MODERATE, Status.INSUFFICIENT, Status.MOVING_AWAY}
)


# Band edges are compared with this absolute tolerance, so that a ratio computed as
# 0.9499999999 lands where 0.95 lands (methods.md, "Open questions").
EDGE_TOLERANCE = 1e-9
# Relative tolerance of "the value meets the target" (so 29.999999999999996 meets 30).
MEET_TOLERANCE = 1e-9

# ratio: Statistics Canada / Open SDG (sdg-build ProgressMeasure.py) [V-code].
RATIO_ON_TRACK = 0.95
RATIO_MODERATE = 0.60
RATIO_NO_TARGET_ON_TRACK = 0.015  # Statistics Canada 2023, direction-adjusted CAGR
RATIO_NO_TARGET_MODERATE = 0.005
# unsd: UNSD Progress Chart Technical Note 2023, via Eustat.
UNSD_ON_TRACK = 0.95
UNSD_MODERATE = 0.10
UNSD_NO_TARGET_ON_TRACK = 0.02
UNSD_NO_TARGET_MODERATE = 0.005
# dns: German Sustainable Development Strategy weather symbols (dns-indikatoren.de/en/status).
DNS_SUN = 0.05
DNS_SLIGHTLY_CLOUDY = 0.20
DNS_WINDOW_YEARS = 5
DNS_MIN_POINTS = 4
# dns without a target (our rule, see _assess_dns): relative linear change per year.
DNS_NO_TARGET_SUN = 0.01
DNS_NO_TARGET_SLIGHTLY_CLOUDY = 0.005

_FITTED_MIN_POINTS = 3
_SHORT_TERM_YEARS = 5  # Eurostat short term
_LONG_TERM_YEARS = 15  # Eurostat long term

_METHOD_CLASSES: dict[Method, dict[Status, str]] = {
    Method.RATIO: {
        Status.TARGET_MET: "target met",
        Status.ON_TRACK: "significant progress",
        Status.MODERATE: "moderate progress",
        Status.INSUFFICIENT: "insufficient progress",
        Status.MOVING_AWAY: "movement away",
        Status.MISSED: "target missed",
        Status.INSUFFICIENT_DATA: "insufficient data",
    },
    Method.UNSD: {
        Status.TARGET_MET: "on track or target met",
        Status.ON_TRACK: "on track or target met",
        Status.MODERATE: "fair progress, but acceleration needed",
        Status.INSUFFICIENT: "stagnation or regression",
        Status.MOVING_AWAY: "stagnation or regression",
        Status.MISSED: "target missed",
        Status.INSUFFICIENT_DATA: "insufficient data",
    },
    Method.DNS: {
        Status.TARGET_MET: "sun",
        Status.ON_TRACK: "sun",
        Status.MODERATE: "slightly cloudy",
        Status.INSUFFICIENT: "cloudy",
        Status.MOVING_AWAY: "thunderstorm",
        Status.MISSED: "target missed",
        Status.INSUFFICIENT_DATA: "insufficient data",
    },
}


# --- numeric helpers: never raise, never return NaN/inf -------------------------------------


def _finite(x: float | None) -> float | None:
    return x if x is not None and math.isfinite(x) else None


def _exp(x: float) -> float | None:
    try:
        return _finite(math.exp(x))
    except OverflowError:
        return None


def _expm1(x: float) -> float | None:
    try:
        return _finite(math.expm1(x))
    except OverflowError:
        return None


def _log_ratio(a: float, b: float) -> float | None:
    """ln(a / b) for positive a and b, else None (a growth rate needs positive values)."""
    if a <= 0 or b <= 0:
        return None
    q = a / b
    return math.log(q) if 0 < q < math.inf else math.log(a) - math.log(b)


def _fmt(x: float) -> str:
    return f"{x:g}"


def _meets(value: float, target: float, d: int) -> bool:
    """The value is at or beyond the target in the desired direction (relative tolerance)."""
    return d * (value - target) >= -MEET_TOLERANCE * max(abs(value), abs(target))


def _band(x: float, on_track: float, moderate: float) -> Status:
    """Ascending bands: ≥ on_track, ≥ moderate, ≥ 0, < 0 (edges with EDGE_TOLERANCE)."""
    if x >= on_track - EDGE_TOLERANCE:
        return Status.ON_TRACK
    if x >= moderate - EDGE_TOLERANCE:
        return Status.MODERATE
    if x >= -EDGE_TOLERANCE:
        return Status.INSUFFICIENT
    return Status.MOVING_AWAY


def _ceil_year(t: int, years_ahead: float) -> int | None:
    """First whole year at or after t + years_ahead; None beyond MAX_YEAR (not a useful ETA)."""
    if not math.isfinite(years_ahead) or t + years_ahead > MAX_YEAR:
        return None
    return t + max(0, math.ceil(years_ahead - EDGE_TOLERANCE))


def _fitted_log_rate(points: Sequence[tuple[int, float]]) -> float | None:
    """Least-squares slope of ln(value) on year (None: < 3 points or a value ≤ 0)."""
    if len(points) < _FITTED_MIN_POINTS or any(v <= 0 for _, v in points):
        return None
    n = len(points)
    xm = sum(y for y, _ in points) / n
    logs = [(y - xm, math.log(v)) for y, v in points]
    ym = sum(ly for _, ly in logs) / n
    sxx = sum(dx * dx for dx, _ in logs)
    sxy = sum(dx * (ly - ym) for dx, ly in logs)
    return _finite(sxy / sxx)


def _select_target(targets: Sequence[Target], year: int | None) -> Target | None:
    """The earliest target with year ≥ ``year``; else the latest passed one (kind ``target``
    preferred over ``forecast`` for the same year)."""
    ordered = sorted(targets, key=lambda tg: (tg.year, tg.kind != "target"))
    if not ordered:
        return None
    if year is None:
        return ordered[0]
    upcoming = [tg for tg in ordered if tg.year >= year]
    if upcoming:
        return upcoming[0]
    last_year = ordered[-1].year
    return next(tg for tg in ordered if tg.year == last_year)


# --- the draft that becomes an Assessment ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Bands:
    """Band edges in force: the method's score (R, CR, or DNS deviation) and the no-target
    trend (direction-adjusted yearly change)."""

    on_track: float
    moderate: float
    trend_on_track: float
    trend_moderate: float


_PUBLISHED_BANDS: dict[Method, _Bands] = {
    Method.RATIO: _Bands(
        RATIO_ON_TRACK, RATIO_MODERATE, RATIO_NO_TARGET_ON_TRACK, RATIO_NO_TARGET_MODERATE
    ),
    Method.UNSD: _Bands(
        UNSD_ON_TRACK, UNSD_MODERATE, UNSD_NO_TARGET_ON_TRACK, UNSD_NO_TARGET_MODERATE
    ),
    Method.DNS: _Bands(
        DNS_SUN, DNS_SLIGHTLY_CLOUDY, DNS_NO_TARGET_SUN, DNS_NO_TARGET_SLIGHTLY_CLOUDY
    ),
}


def _bands(indicator: Indicator, method: Method) -> _Bands:
    """The published bands of ``method``, with the indicator's ``assessment.thresholds``."""
    bands = _PUBLISHED_BANDS[method]
    thresholds = indicator.assessment.thresholds if indicator.assessment is not None else None
    if thresholds is None:
        return bands
    own: Bands | None = getattr(thresholds, str(method))
    if own is not None:
        bands = replace(bands, on_track=own.on_track, moderate=own.moderate)
    if thresholds.trend is not None:
        bands = replace(
            bands,
            trend_on_track=thresholds.trend.on_track,
            trend_moderate=thresholds.trend.moderate,
        )
    return bands


#: The notes added when a shown number was clipped to the indicator's domain.
_CLIP_NOTES = {
    "projected_value": N_(
        "projection {value} lies outside the possible values; clipped to {bound}"
    ),
    "path_value": N_("path value {value} lies outside the possible values; clipped to {bound}"),
}


@dataclass(slots=True, repr=False, eq=False)  # scratch of one assessment: never shown or compared
class _Draft:
    indicator_id: str
    method: Method
    pace: Pace
    domain: tuple[float | None, float | None] = (None, None)
    year: int | None = None
    value: float | None = None
    value_status: str | None = None
    previous_year: int | None = None
    previous_value: float | None = None
    change: float | None = None
    change_pct: float | None = None
    base_year: int | None = None
    base_value: float | None = None
    cagr: float | None = None
    fitted_cagr: float | None = None
    target: TargetRef | None = None
    required_cagr: float | None = None
    ratio: float | None = None
    path_value: float | None = None
    projected_value: float | None = None
    eta_year: int | None = None
    status: Status = Status.INSUFFICIENT_DATA
    deviation: float | None = None
    annual_change: float | None = None
    report_year: int | None = None
    value_age: int | None = None
    stale: bool = False
    stale_after: int = DEFAULT_STALE_AFTER
    set_by_hand: bool = False
    calculated: bool = True
    computed_status: Status | None = None
    clipped_from: dict[str, float] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)

    def note(self, template: str, **params: object) -> None:
        """Add a reason; float fields are numbers (written with ``_fmt``, kept raw too)."""
        text = tuple((k, _fmt(v) if isinstance(v, float) else str(v)) for k, v in params.items())
        numbers = tuple((k, v) for k, v in params.items() if isinstance(v, float))
        self.notes.append(Note(template, text, numbers))

    def clip(self, name: str, x: float | None) -> float | None:
        """``x`` within the indicator's domain; the raw value is remembered for the note."""
        if x is None:
            return None
        low, high = self.domain
        bound = (
            low if low is not None and x < low else high if high is not None and x > high else None
        )
        if bound is None:
            return x
        self.clipped_from[name] = x
        return bound

    def _method_class(self) -> str | None:
        """The method's own class of the status it computed: with a status set by hand, the
        computed one's (None when the calculation is off), never the hand-set status's."""
        status = self.computed_status if self.set_by_hand else self.status
        return None if status is None else _METHOD_CLASSES[self.method][status]

    def finish(self) -> Assessment:
        f = _finite
        clipped = tuple(
            n for n in _CLIP_NOTES if n in self.clipped_from and getattr(self, n) is not None
        )
        for name in clipped:
            self.note(
                _CLIP_NOTES[name],
                value=float(self.clipped_from[name]),
                bound=float(getattr(self, name)),
            )
        trend_only = self.target is None and self.status in SCORED_STATUSES and not self.set_by_hand
        return Assessment(
            indicator_id=self.indicator_id,
            method=self.method,
            pace=self.pace,
            year=self.year,
            value=f(self.value),
            value_status=self.value_status,
            previous_year=self.previous_year,
            previous_value=f(self.previous_value),
            change=f(self.change),
            change_pct=f(self.change_pct),
            base_year=self.base_year,
            base_value=f(self.base_value),
            cagr=f(self.cagr),
            fitted_cagr=f(self.fitted_cagr),
            target=self.target,
            required_cagr=f(self.required_cagr),
            ratio=f(self.ratio),
            path_value=f(self.path_value),
            projected_value=f(self.projected_value),
            eta_year=self.eta_year,
            status=self.status,
            status_label=STATUS_LABELS[self.status],
            method_class=self._method_class(),
            reason="; ".join(n.text() for n in self.notes) or None,
            deviation=f(self.deviation),
            annual_change=f(self.annual_change),
            report_year=self.report_year,
            value_age=self.value_age,
            stale=self.stale,
            stale_after=self.stale_after,
            trend_only=trend_only,
            set_by_hand=self.set_by_hand,
            calculated=self.calculated,
            computed_status=self.computed_status,
            clipped=clipped,
            notes=tuple(self.notes),
        )


@dataclass(frozen=True, slots=True)
class _Pace:
    """The pace behind projections: ln(1 + rate) and the rate itself."""

    log_rate: float
    rate: float


def _requested_base_year(indicator: Indicator, t: int, period: Period) -> int | None:
    if period.since is not None:
        return period.since
    if period.period == "short":
        return t - _SHORT_TERM_YEARS
    if period.period == "long":
        return t - _LONG_TERM_YEARS
    return indicator.baseline


def _set_base(
    dr: _Draft, indicator: Indicator, series: list[tuple[int, float]], period: Period
) -> None:
    """Base year: since / Eurostat period (t-5, t-15) / baseline / first observation; a year
    without data moves to the first later year with data (Statistics Canada, sdg-build)."""
    t = series[-1][0]
    requested = _requested_base_year(indicator, t, period)
    wanted = series[0][0] if requested is None else requested
    base = next(((y, v) for y, v in series if y >= wanted), None)
    if base is None or base[0] >= t:
        if len(series) > 1:
            dr.note(
                "fewer than two observations in the period {start}-{end}: no growth rate",
                start=wanted,
                end=t,
            )
        else:
            dr.note("only one observation ({year}): no growth rate", year=t)
        return
    if requested is not None and base[0] != requested:
        dr.note(
            "no value for base year {requested}; base moved to {base}",
            requested=requested,
            base=base[0],
        )
    dr.base_year, dr.base_value = base


# --- public API -----------------------------------------------------------------------------


def stale_threshold(
    indicator: Indicator, programme: Programme | None = None, override: int | None = None
) -> int:
    """Years a value may lag the report year before it is stale: the indicator's
    ``assessment.stale_after``, else ``override`` (the ``--stale-after`` option), else the
    programme's ``assessment.stale_after``, else ``models.DEFAULT_STALE_AFTER``."""
    if indicator.assessment is not None and indicator.assessment.stale_after is not None:
        return indicator.assessment.stale_after
    if override is not None:
        return override
    return stale_after(indicator, programme)


def assess_indicator(
    indicator: Indicator,
    *,
    year: int | None = None,
    method: Method = Method.RATIO,
    period: Period = DEFAULT_PERIOD,
    pace: Pace = Pace.ENDPOINTS,
    programme: Programme | None = None,
    stale_after_years: int | None = None,
) -> Assessment:
    """Assess one indicator as of the report year ``year`` (None: its latest value's year).

    Common rules (methods.md "Building blocks"): the assessed observation is the latest with
    year ≤ ``year``; its age is ``year`` - its year, stale beyond ``stale_threshold``. CAGR is
    two-point from the base year (see ``Period``); ``fitted_cagr`` is a least-squares fit of
    ln(value) on year over [base, t] (≥ 3 points, all > 0); ``pace`` chooses which of the two
    drives ratio, projection and ETA. The target in force is the earliest target whose year is
    ≥ the report year; when all have passed, the latest one. Then, in this order:

    1. no observation ≤ ``year`` → insufficient_data, every value field None;
    2. the target year is ≤ the report year but the latest value is older than it →
       insufficient_data ("target year 2022 passed; latest value 2019"): a passed target is
       judged only on a value of its year or later;
    3. the latest value meets the target (≥ / ≤ by direction) → target_met
       (sdg-build ProgressMeasure.py checks this first, for every method here);
    4. the target year is ≤ t and the value does not meet it → missed;
    5. the method's rule: ``ratio`` (Statistics Canada / Open SDG, Eurostat names), ``unsd``
       (UNSD Progress Chart 2023 via Eustat), ``dns`` (German DNS weather symbols), with the
       indicator's ``assessment.thresholds`` replacing the published band edges. Without a
       target the status is judged on the trend alone (``trend_only``), except that a
       latest value at the best end of ``models.value_domain`` (rank 1 with ``decrease``,
       100 % with ``increase``) is on_track, "at the best possible value".

    Afterwards the indicator's ``assessment`` settings apply: ``calculate: false`` clears the
    computed numbers (insufficient_data unless a status is set by hand), and ``status`` replaces
    the status (``set_by_hand``, the computed one kept in ``computed_status``).

    A growth rate needs positive values: a zero or negative value gives CAGR None and, for the
    geometric methods, insufficient_data with a reason (we never substitute 0.001 as
    Statistics Canada does); with ``assessment.negative_values: magnitude`` an all-negative
    series (and targets) is assessed on its magnitudes with the direction reversed (Open SDG)
    and the numbers are given back with their sign. Projections and path values are clipped to
    ``models.value_domain`` (``clipped``, with a note). ``eta_year`` is the first whole year in
    which the target is reached at the current pace (ceil, with a 1e-9 tolerance so an exact hit
    is not pushed a year later), None when already met, when the pace points away, beyond year
    2200, or before the report year (a note says when it would have been).
    """
    settings = indicator.assessment
    if (
        settings is not None
        and settings.negative_values == "magnitude"
        and method is not Method.DNS
    ):
        flipped = _magnitudes(indicator, year)
        if flipped is not None:
            a = assess_indicator(
                flipped,
                year=year,
                method=method,
                period=period,
                pace=pace,
                programme=programme,
                stale_after_years=stale_after_years,
            )
            return _signed_again(a)
    dr = _Draft(indicator.id, method, pace, domain=value_domain(indicator))
    dr.stale_after = stale_threshold(indicator, programme, stale_after_years)
    _assess_core(dr, indicator, year, method, period, pace)
    _apply_settings(dr, indicator)
    return dr.finish()


def _assess_core(
    dr: _Draft, indicator: Indicator, year: int | None, method: Method, period: Period, pace: Pace
) -> None:
    d = 1 if indicator.direction == "increase" else -1
    observed: list[tuple[int, Observation]] = [
        (y, o) for y, o in indicator.series() if year is None or y <= year
    ]
    dr.report_year = year if year is not None else (observed[-1][0] if observed else None)
    if not observed:
        target = _select_target(indicator.targets, year)
        if target is not None:
            dr.target = TargetRef(target.value, target.year, target.kind)
        if year is None:
            dr.note("no observation")
        else:
            dr.note("no observation up to {year}", year=year)
        return

    series = [(y, o.value) for y, o in observed]
    t, obs = observed[-1]
    v_t = obs.value
    report_year = dr.report_year if dr.report_year is not None else t
    dr.year, dr.value, dr.value_status = t, v_t, str(obs.status)
    dr.value_age = report_year - t
    dr.stale = dr.value_age > dr.stale_after
    if len(series) >= 2:
        dr.previous_year, prev = series[-2]
        dr.previous_value = prev
        dr.change = v_t - prev
        # |previous| keeps the sign of the change when the previous value is negative.
        dr.change_pct = None if prev == 0 else 100.0 * (v_t - prev) / abs(prev)

    bands = _bands(indicator, method)
    _set_base(dr, indicator, series, period)
    endpoints = _endpoints_pace(dr, t, v_t)
    fitted = _fitted_pace(dr, series)
    used = endpoints
    if pace is Pace.FITTED and method is not Method.DNS:
        if fitted is not None:
            used = fitted
        else:
            dr.pace = Pace.ENDPOINTS
            dr.note(
                "fitted CAGR unavailable (needs ≥ 3 positive values in the period); "
                "endpoint CAGR used"
            )

    target = _select_target(indicator.targets, report_year)
    if target is not None:
        dr.target = TargetRef(target.value, target.year, target.kind)
        _set_target_numbers(dr, target, t, v_t)

    notes_before_method = len(dr.notes)
    if method is Method.DNS:
        dns_pace = _assess_dns(dr, series, target, d, bands)
        status_by_method = dr.status
        eta = _linear_eta(t, v_t, target, dns_pace, d, dr.domain)
    else:
        if endpoints is None and dr.base_value is not None:
            dr.note(
                "CAGR undefined: a value ≤ 0 (base {base_year}: {base_value}, {year}: {value}); "
                "growth rates need positive values (--method dns works on differences)",
                base_year=dr.base_year,
                base_value=float(dr.base_value),
                year=t,
                value=float(v_t),
            )
        if target is not None and target.year >= t and used is not None:
            dr.projected_value = dr.clip("projected_value", _projection(v_t, used, target.year - t))
        if target is not None and target.year < t:
            status_by_method = Status.MISSED  # decided below; no ratio against a past year
        elif method is Method.RATIO:
            status_by_method = _assess_ratio(dr, target, used, d, bands)
        else:
            status_by_method = _assess_unsd(dr, target, used, d, bands)
        eta = _geometric_eta(t, v_t, target, used, d, dr.domain)

    if target is not None and target.year <= report_year and t < target.year:
        # A passed target is judged only on a value of its year or later.
        del dr.notes[notes_before_method:]
        dr.status = Status.INSUFFICIENT_DATA
        dr.ratio = dr.deviation = dr.projected_value = None
        dr.clipped_from.pop("projected_value", None)
        dr.note(
            "target year {target_year} passed; latest value {year}", target_year=target.year, year=t
        )
        if _meets(v_t, target.value, d):
            dr.note("the {year} value already met the target", year=t)
        return
    if target is not None and _meets(v_t, target.value, d):
        del dr.notes[notes_before_method:]  # the method's verdict is not used
        dr.status = Status.TARGET_MET
        dr.eta_year = None
        return
    if target is not None and target.year <= t:
        del dr.notes[notes_before_method:]
        dr.status = Status.MISSED
        dr.note(
            "target {target} for {target_year} not met: {value} in {year}",
            target=float(target.value),
            target_year=target.year,
            value=float(v_t),
            year=t,
        )
    else:
        dr.status = status_by_method
        best = dr.domain[1] if d == 1 else dr.domain[0]
        if target is None and dr.status in SCORED_STATUSES and best is not None and v_t == best:
            # Rank 1 held, 100 % kept: nothing left to gain is not a shortcoming.
            dr.status = Status.ON_TRACK
            dr.note("at the best possible value ({bound})", bound=float(best))
    dr.eta_year = eta
    if eta is not None and eta < report_year:
        # Never an ETA in the past: no value after t shows whether it happened.
        dr.eta_year = None
        dr.note(
            "at this pace the target would have been reached in {eta}, before the report "
            "year; no value after {year} shows it",
            eta=eta,
            year=t,
        )


def _apply_settings(dr: _Draft, indicator: Indicator) -> None:
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


def _magnitudes(indicator: Indicator, year: int | None) -> Indicator | None:
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


def _signed_again(a: Assessment) -> Assessment:
    """An assessment of magnitudes with the values given back their sign (rates unchanged)."""

    def neg(x: float | None) -> float | None:
        return None if x is None else -x

    target = a.target
    notes = (
        Note("all values negative: assessed on their magnitudes with the direction reversed"),
        *a.notes,
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


def assess_catalog(
    catalog: Catalog,
    *,
    year: int | None = None,
    method: Method = Method.RATIO,
    period: Period = DEFAULT_PERIOD,
    pace: Pace = Pace.ENDPOINTS,
    stale_after_years: int | None = None,
) -> list[Assessment]:
    """Assess every indicator of the catalog, in catalog order (see ``assess_indicator``)."""
    return [
        assess_indicator(
            i,
            year=year,
            method=method,
            period=period,
            pace=pace,
            programme=catalog.programme,
            stale_after_years=stale_after_years,
        )
        for i in catalog.indicators
    ]


# --- shared numbers -------------------------------------------------------------------------


def _endpoints_pace(dr: _Draft, t: int, v_t: float) -> _Pace | None:
    """Two-point CAGR = (v_t / v_0)^(1/(t - t0)) - 1 [V], in log space."""
    if dr.base_year is None or dr.base_value is None:
        return None
    lr = _log_ratio(v_t, dr.base_value)
    if lr is None:
        return None
    log_rate = lr / (t - dr.base_year)
    rate = _expm1(log_rate)
    if rate is None:
        return None
    dr.cagr = rate
    return _Pace(log_rate, rate)


def _fitted_pace(dr: _Draft, series: list[tuple[int, float]]) -> _Pace | None:
    """Fitted CAGR: exp(slope of ln(value) on year over [base, t]) - 1."""
    if dr.base_year is None:
        return None
    base_year = dr.base_year
    log_rate = _fitted_log_rate([(y, v) for y, v in series if y >= base_year])
    rate = None if log_rate is None else _expm1(log_rate)
    if log_rate is None or rate is None:
        return None
    dr.fitted_cagr = rate
    return _Pace(log_rate, rate)


def _projection(v_t: float, pace: _Pace, years: int) -> float | None:
    """v_t · (1 + pace)^(T - t)."""
    growth = _exp(pace.log_rate * years)
    return None if growth is None else _finite(v_t * growth)


def _set_target_numbers(dr: _Draft, target: Target, t: int, v_t: float) -> None:
    """Required CAGR from the same base (sdg-build) and the straight-line path value at t."""
    if dr.base_year is None or dr.base_value is None or target.year <= dr.base_year:
        return
    span = target.year - dr.base_year
    lr = _log_ratio(target.value, dr.base_value)
    if lr is not None:
        dr.required_cagr = _expm1(lr / span)
    if target.year >= t:
        v0 = dr.base_value
        dr.path_value = dr.clip("path_value", v0 + (target.value - v0) * (t - dr.base_year) / span)


def _past_target_status(dr: _Draft, target: Target, pace: _Pace, d: int) -> Status:
    """Base at or beyond the target but the latest value is not: the ratio is undefined (zero
    or wrong-signed denominator). Wrong-way pace → moving_away; otherwise on_track if the
    projection reaches the target, else insufficient."""
    if d * pace.rate < 0:
        dr.note("base already met the target; the series has fallen back")
        return Status.MOVING_AWAY
    reached = dr.projected_value is not None and _meets(dr.projected_value, target.value, d)
    return Status.ON_TRACK if reached else Status.INSUFFICIENT


def _assess_ratio(
    dr: _Draft, target: Target | None, pace: _Pace | None, d: int, bands: _Bands
) -> Status:
    """R = d · CAGR / |CAGR_req|; bands 0.95 / 0.60 / 0 (Statistics Canada, Open SDG [V-code]).
    Without a target: direction-adjusted CAGR, bands 1.5 % / 0.5 % / 0 (Statistics Canada 2023)."""
    if pace is None:
        return Status.INSUFFICIENT_DATA
    if target is None:
        return _band(d * pace.rate, bands.trend_on_track, bands.trend_moderate)
    if dr.required_cagr is None:
        if target.value <= 0:
            dr.note(
                "required CAGR undefined: target {target} ≤ 0 "
                "(growth rates need positive values; --method unsd or dns can assess it)",
                target=float(target.value),
            )
        else:
            dr.note("required CAGR undefined")
        return Status.INSUFFICIENT_DATA
    if abs(dr.required_cagr) <= EDGE_TOLERANCE * EDGE_TOLERANCE:
        return _past_target_status(dr, target, pace, d)
    dr.ratio = d * pace.rate / abs(dr.required_cagr)
    return _band(dr.ratio, bands.on_track, bands.moderate)


def _assess_unsd(
    dr: _Draft, target: Target | None, pace: _Pace | None, d: int, bands: _Bands
) -> Status:
    """CR = (v_T^e - v_0) / (target - v_0); bands 0.95 / 0.10, CR < 0 → moving_away. Without a
    target: direction-adjusted CAGR, 2 % / 0.5 % (UNSD Progress Chart 2023, via Eustat)."""
    if pace is None:
        return Status.INSUFFICIENT_DATA
    if target is None:
        return _band(d * pace.rate, bands.trend_on_track, bands.trend_moderate)
    v0 = dr.base_value
    if v0 is None or dr.projected_value is None:
        dr.note("projection to the target year out of floating-point range")
        return Status.INSUFFICIENT_DATA
    if _meets(v0, target.value, d):
        # CR's denominator is zero or has the wrong sign: the base already met the target.
        return _past_target_status(dr, target, pace, d)
    dr.ratio = (dr.projected_value - v0) / (target.value - v0)
    return _band(dr.ratio, bands.on_track, bands.moderate)


def _dns_window(dr: _Draft, series: list[tuple[int, float]]) -> tuple[int, float] | None:
    """Start of the DNS window: the last run of consecutive yearly values ending at t, at most
    six points (t-5…t). With t-5 present this is the DNS rule; a gap shortens the window to the
    values after it, accepted while ≥ 4 consecutive points remain, else None."""
    t = series[-1][0]
    start = len(series) - 1
    while (
        start > 0
        and series[start - 1][0] == series[start][0] - 1
        and series[start - 1][0] >= t - DNS_WINDOW_YEARS
    ):
        start -= 1
    points = len(series) - start
    if points < DNS_MIN_POINTS:
        dr.note(
            "DNS needs ≥ {needed} consecutive yearly values ending in {year}; found {points}",
            needed=DNS_MIN_POINTS,
            year=t,
            points=points,
        )
        return None
    first = series[start]
    if first[0] != t - DNS_WINDOW_YEARS:
        dr.note(
            "no value for {missing}: DNS average over {start}-{end} ({points} consecutive values)",
            missing=t - DNS_WINDOW_YEARS,
            start=first[0],
            end=t,
            points=points,
        )
    return first


def _assess_dns(
    dr: _Draft, series: list[tuple[int, float]], target: Target | None, d: int, bands: _Bands
) -> float | None:
    """German DNS weather symbols; sets ``dr.status`` and returns the average annual change.

    avg = (v_t - v_{t-5}) / 5 over the last six values; proj = v_t + avg · (T - t);
    dev = (target - proj) / (target - v_t), which is already direction-neutral (both
    differences change sign together). sun dev < 5 % → on_track; slightly cloudy 5-20 % →
    moderate; cloud: dev > 20 % but dev ≤ 1 (right direction or standing still) →
    insufficient; thunderstorm: dev > 1 (moving away, gap widening) → moving_away.

    Without a target (our rule; DNS itself assesses only against targets): the direction-adjusted
    average change relative to the window's first value, ≥ 1 %/yr sun, 0.5-1 % slightly cloudy,
    0-0.5 % cloudy, < 0 thunderstorm (relative, so it does not depend on the unit).
    """
    dr.status = Status.INSUFFICIENT_DATA
    start = _dns_window(dr, series)
    if start is None:
        return None
    t, v_t = series[-1]
    avg = (v_t - start[1]) / (t - start[0])
    dr.annual_change = avg
    if target is None:
        if start[1] == 0:
            dr.note("relative change undefined: value 0 in {year}", year=start[0])
            return avg
        dr.status = _band(d * avg / abs(start[1]), bands.trend_on_track, bands.trend_moderate)
        return avg
    if target.year < t:
        return avg
    proj = dr.clip("projected_value", v_t + avg * (target.year - t))
    if proj is None:
        return avg
    dr.projected_value = proj
    gap = target.value - v_t
    if _meets(v_t, target.value, d) or gap == 0:
        return avg
    dev = (target.value - proj) / gap
    dr.deviation = dev
    if dev < bands.on_track - EDGE_TOLERANCE:
        dr.status = Status.ON_TRACK
    elif dev < bands.moderate - EDGE_TOLERANCE:
        dr.status = Status.MODERATE
    elif dev <= 1 + EDGE_TOLERANCE:
        dr.status = Status.INSUFFICIENT
    else:
        dr.status = Status.MOVING_AWAY
    return avg


def _reachable(target: Target, domain: tuple[float | None, float | None]) -> bool:
    """The target lies within the indicator's domain (else no pace ever reaches it)."""
    low, high = domain
    return (low is None or target.value >= low) and (high is None or target.value <= high)


def _geometric_eta(
    t: int,
    v_t: float,
    target: Target | None,
    pace: _Pace | None,
    d: int,
    domain: tuple[float | None, float | None],
) -> int | None:
    """ceil(t + ln(target / v_t) / ln(1 + pace)) when the pace points toward the target."""
    if target is None or pace is None or _meets(v_t, target.value, d):
        return None
    if not _reachable(target, domain):
        return None
    if d * pace.log_rate <= 0:
        return None
    lr = _log_ratio(target.value, v_t)
    return None if lr is None else _ceil_year(t, lr / pace.log_rate)


def _linear_eta(
    t: int,
    v_t: float,
    target: Target | None,
    avg: float | None,
    d: int,
    domain: tuple[float | None, float | None],
) -> int | None:
    """ceil(t + (target - v_t) / avg) when the DNS average change points toward the target."""
    if target is None or avg is None or _meets(v_t, target.value, d) or d * avg <= 0:
        return None
    if not _reachable(target, domain):
        return None
    return _ceil_year(t, (target.value - v_t) / avg)
