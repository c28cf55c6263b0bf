"""The working record of one assessment (:class:`Draft`), what a method is given to judge
(:class:`Case`) and the growth rate behind a projection (:class:`Growth`).

A draft is filled step by step: by the shared steps (:mod:`~intl_tracker.assessment.series`),
the method (:mod:`intl_tracker.assessment.methods`) and the shared rules
(:mod:`~intl_tracker.assessment.rules`); then it is frozen into an
:class:`~intl_tracker.assessment.records.Assessment` by :meth:`Draft.finish`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from intl_tracker.assessment.numeric import finite, note_field_kind, unit_text
from intl_tracker.assessment.records import SCORED_STATUSES, Assessment, Note, TargetRef
from intl_tracker.assessment.registry import AssessmentMethod, BandEdges, Projection
from intl_tracker.core.i18n import N_
from intl_tracker.core.vocabulary import Pace, Status, status_message
from intl_tracker.dataset.models import DEFAULT_STALE_AFTER, Target

#: The notes added when a shown number was clipped to the indicator's domain.
CLIP_NOTES = {
    "projected_value": N_(
        "projection {value} lies outside the possible values; clipped to {bound}"
    ),
    "path_value": N_("path value {value} lies outside the possible values; clipped to {bound}"),
}


@dataclass(frozen=True, slots=True)
class Growth:
    """A growth rate behind projections: ``rate`` a year as a fraction, and ln(1 + rate)."""

    log_rate: float
    rate: float


@dataclass(slots=True, repr=False, eq=False)  # scratch of one assessment: never shown or compared
class Draft:
    """The fields of an :class:`Assessment` while they are being worked out, with the
    indicator's value ``domain`` (low, high; None: open) and the raw values of clipped fields."""

    indicator_id: str
    method: AssessmentMethod
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
    annual_change_from: int | None = None  # first year of annual_change's window (else base)
    required_change: float | None = None
    projection: Projection | None = None
    report_year: int | None = None
    value_age: int | None = None
    stale: bool = False
    stale_after: int = DEFAULT_STALE_AFTER
    set_by_hand: bool = False
    calculated: bool = True
    computed_status: Status | None = None
    clipped_from: dict[str, float] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    #: The indicator's unit id and the English words after its numbers ("kt CO2e"; None for
    #: percent, count, rank and index), for the units of the English reason.
    unit: str = ""
    unit_suffix: str | None = None

    def note(self, template: str, **params: object) -> None:
        """Add a reason; float fields are numbers (written with ``%g`` and their unit by
        ``numeric.unit_text``, kept raw too for the presentation's number rule)."""
        text = tuple(
            (
                k,
                unit_text(v, note_field_kind(k), self.unit, self.unit_suffix)
                if isinstance(v, float)
                else str(v),
            )
            for k, v in params.items()
        )
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
        if status is None or not self.calculated:  # calculation off: null, as the schema says
            return None
        trend_only = self.target is None and status in SCORED_STATUSES
        if trend_only:
            return status_message(status, True)
        kind = self.target.kind if self.target is not None else None
        return self.method.class_of(status, kind)

    def _note_clipped(self) -> tuple[str, ...]:
        """Note every shown field that was clipped; their names."""
        clipped = tuple(
            n for n in CLIP_NOTES if n in self.clipped_from and getattr(self, n) is not None
        )
        for name in clipped:
            self.note(
                CLIP_NOTES[name],
                value=float(self.clipped_from[name]),
                bound=float(getattr(self, name)),
            )
        return clipped

    def finish(self) -> Assessment:
        """The assessment: every float field finite or None, the notes joined into ``reason``."""
        f = finite
        clipped = self._note_clipped()
        # A status set by hand without a target in force is a judgement of the trend too:
        # there is no track to be on (docs/guide/analysts.md, "Statuses set by hand").
        trend_only = self.target is None and self.status in SCORED_STATUSES
        return Assessment(
            indicator_id=self.indicator_id,
            method=self.method.name,
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
            status_label=status_message(self.status, trend_only),
            method_class=self._method_class(),
            reason="; ".join(n.text() for n in self.notes) or None,
            deviation=f(self.deviation),
            annual_change=f(self.annual_change),
            required_change=f(self.required_change),
            projection=self.projection if self.projected_value is not None else None,
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
            annual_change_from=(
                None
                if f(self.annual_change) is None
                else (self.annual_change_from or self.base_year)
            ),
        )


@dataclass(frozen=True, slots=True)
class Case:
    """One indicator as a method judges it, after the shared steps (latest value, base year,
    growth rates, target in force and its required rate and path value are on ``draft``).

    ``series``: (year, value) up to the assessed year, ascending, never empty; ``target``: the
    target in force (None: judged on the trend); ``direction``: +1 when an increase is desired,
    -1 for a decrease; ``bands``: the published edges with the indicator's thresholds;
    ``growth``: the growth rate ``--pace`` chose (None: not computable, e.g. a value ≤ 0);
    ``endpoints``: the two-point growth rate; ``change``: the linear pace in the unit a year
    (the two end points' ``(v_t - v_0) / (t - t_0)``, or the least-squares slope with
    ``--pace fitted``; None without a base); ``differences``: the series is judged on
    differences, never on growth rates (a rank: ordinal, docs/methods.md "Ranks");
    ``share``: a percent of a whole, or an indicator declaring ``assessment.projection:
    linear`` (a count that is a part of a whole), whose shown projection is linear
    (docs/methods.md, "Projections of shares and their parts"); ``balance``: a net balance
    declaring ``assessment.judged_on: differences`` (judged on its change a year, no
    significant edge unless given; docs/methods.md, "Net balances"); ``trend_rule``: the
    indicator's ``assessment.trend_rule`` (``eurostat`` or ``dns``). The method adds its
    notes and fills its own quantities on ``draft``; it does not set the status (it returns
    it in a Verdict).
    """

    draft: Draft
    series: Sequence[tuple[int, float]]
    target: Target | None
    direction: int
    bands: BandEdges
    growth: Growth | None
    endpoints: Growth | None
    change: float | None = None
    differences: bool = False
    share: bool = False
    balance: bool = False
    trend_rule: str = "eurostat"

    @property
    def year(self) -> int:
        """The assessed year t."""
        return self.series[-1][0]

    @property
    def value(self) -> float:
        """The assessed value v_t."""
        return self.series[-1][1]
