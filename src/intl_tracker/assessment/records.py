"""The assessment's records: what was asked (:class:`Period`) and every number behind a status
(:class:`Assessment`, with its :class:`TargetRef` and the :class:`Note` of each reason).

Immutable and free of rules; the engine (:mod:`intl_tracker.assessment.engine`) fills them.
Fractions stay fractions (0.028 is 2.8 % a year); values are in the indicator's unit; years
are calendar years. No field is ever NaN or infinite: what cannot be computed is None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from intl_tracker.core.vocabulary import Basis, Pace, Status
from intl_tracker.dataset.models import DEFAULT_STALE_AFTER

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
    """The target a status was judged against: its value (in the unit), year and kind
    (``target``: a commitment; ``forecast``: a figure tracked without a commitment)."""

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
    be computed; ``reason`` says so). ``ratio``, ``deviation`` and ``annual_change`` are a
    method's own numbers (``registry.OWN_QUANTITIES``; each method declares the ones it fills,
    the others are None): R or CR (ratio, unsd), and DNS's ``dev`` and linear average annual
    change. ``annual_change`` is also the linear pace (in the unit a year) of a series judged on
    differences (a rank, a target ≤ 0 under ``ratio``) or projected linearly (a share), and
    ``required_change`` the change a year needed from the base to the target when the status
    was judged on differences. ``projection``: how ``projected_value`` was projected,
    ``compound`` or ``linear`` (None without a projection).

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
    method: str  # the name of a registered method (assessment.registry)
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
    required_change: float | None = None
    projection: str | None = None
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
    #: The first year of the window ``annual_change`` was computed over (it ends at ``year``):
    #: DNS's last five years, else the base year; None without an annual_change.
    annual_change_from: int | None = None

    @property
    def judged_against(self) -> Basis | None:
        """What the status was judged against: the trend alone, a committed target or a
        forecast; None when nothing was judged (insufficient data, or no target and no trend)."""
        if self.trend_only:
            return Basis.TREND
        if self.target is None or self.status is Status.INSUFFICIENT_DATA:
            return None
        return Basis.COMMITMENT if self.target.kind == "target" else Basis.FORECAST

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
    {Status.ON_TRACK, Status.MODERATE, Status.NO_CHANGE, Status.INSUFFICIENT, Status.MOVING_AWAY}
)
