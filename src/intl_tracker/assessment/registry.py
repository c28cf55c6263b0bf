"""The assessment methods by name: which exist, where each one lives, and what it declares.

One line per built-in method in :data:`BUILT_IN`: its name, the module that implements it and
its words in ``--help``. That line is all the command line reads at start-up (this module
imports nothing but :mod:`intl_tracker.core`), so ``--help`` and completion never load a
method; a method's module is imported on the first :func:`method` call. Everything else about
a method is declared by its own module as one :class:`AssessmentMethod` named ``METHOD``: how it
judges, its published bands, the numbers it fills, the words of its classes, its column in the
report and how a chart annotates its projection.

Code outside a method's module never compares method names: it asks the method
(``method(name).projection``). A name that is neither built in nor registered raises
:class:`UnknownMethodError` naming the known methods; there is no default to fall into.

Adding a method (docs/development/architecture.md, "Adding an assessment method"): write
``assessment/methods/NAME.py`` with its ``METHOD``, add its line to :data:`BUILT_IN` and its name
to :class:`intl_tracker.core.vocabulary.Method` (the ``--method`` choices; a test checks the two
agree). A plug-in or a test calls :func:`register` instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib import import_module
from typing import TYPE_CHECKING, cast

from intl_tracker.core.errors import UsageError
from intl_tracker.core.vocabulary import Status

if TYPE_CHECKING:
    from intl_tracker.assessment.draft import Case


@dataclass(frozen=True, slots=True)
class BuiltIn:
    """A built-in method's registry line: the module whose ``METHOD`` implements it, and its
    words in ``--method``'s help ("ratio (Eurostat/Statistics Canada)")."""

    module: str
    option_help: str


#: The built-in methods, in the order ``show`` and the site list them (the first is the default).
BUILT_IN: dict[str, BuiltIn] = {
    "ratio": BuiltIn("intl_tracker.assessment.methods.ratio", "ratio (Eurostat/Statistics Canada)"),
    "unsd": BuiltIn("intl_tracker.assessment.methods.unsd", "unsd (UN progress chart)"),
    "dns": BuiltIn("intl_tracker.assessment.methods.dns", "dns (German sustainability strategy)"),
}


class Projection(StrEnum):
    """How a method projects the latest value to the target year; charts draw and label it so.

    ``compound``: v_t · (1 + pace)^(T - t) with the growth rate ``--pace`` chooses; a chart
    writes the pace in percent a year beside the projection. ``linear``: v_t + change · (T - t)
    with the method's own average change a year; a chart writes the change in the unit.
    """

    COMPOUND = "compound"
    LINEAR = "linear"


class PaceColumn(StrEnum):
    """What the report's pace column shows for a method.

    ``growth``: the growth rate needed vs the one the status was judged by (%/y);
    ``change``: the average change a year (in the unit) and the deviation from the target.
    """

    GROWTH = "growth"
    CHANGE = "change"


#: The numbers a method may fill of its own (``Assessment`` fields, null for the other methods):
#: ``ratio`` (R, CR), ``deviation`` (DNS) and ``annual_change`` (DNS's pace; ratio's and unsd's
#: linear pace of a rank, a zero target or a share's projection).
OWN_QUANTITIES = frozenset({"ratio", "deviation", "annual_change"})


@dataclass(frozen=True, slots=True)
class BandEdges:
    """Published band edges: of the method's score (``on_track``, ``moderate``) and of the
    direction-adjusted yearly change judged without a target (``trend_*``), as fractions. An
    indicator's ``assessment.thresholds`` may replace them."""

    on_track: float
    moderate: float
    trend_on_track: float
    trend_moderate: float


@dataclass(frozen=True, slots=True)
class Verdict:
    """A method's status of a case and the first year its pace reaches the target (None: not
    at this pace, or no target). The shared rules (target met, missed, passed) come after."""

    status: Status
    eta_year: int | None = None


@dataclass(frozen=True, slots=True)
class AssessmentMethod:
    """Everything the rest of intl-tracker asks of one assessment method.

    ``assess`` judges a :class:`~intl_tracker.assessment.draft.Case` (it may add notes and fill
    ``quantities`` on the case's draft). Words are English message ids marked with ``N_`` (the
    renderers translate them): ``title`` names the method ("UN progress chart (UNSD)"),
    ``summary`` says how it judges with its band edges (the report's legend), ``pace_note``
    says which pace it projects (None: the growth rate of ``--pace``, endpoints or fitted; a
    method with a pace of its own ignores ``--pace``), ``classes`` are its own names of each
    status against a commitment (``Assessment.method_class``), ``forecast_classes`` the
    names that differ against a forecast (trend-only judgements use the trend words).
    ``source`` cites where the method is published.
    ``magnitudes``: Open SDG's rule for an all-negative series applies (a method on
    differences does not need it). ``judges_met``: the method judges a latest value that meets
    the target by its own rule (DNS: sun, or a sun behind a cloud when the trend points to a
    setback) instead of the shared "target met first" (sdg-build).
    """

    name: str
    title: str
    summary: str
    source: str
    classes: Mapping[Status, str]
    bands: BandEdges
    assess: Callable[[Case], Verdict]
    quantities: frozenset[str] = frozenset()
    projection: Projection = Projection.COMPOUND
    pace_column: PaceColumn = PaceColumn.GROWTH
    pace_note: str | None = None
    magnitudes: bool = True
    judges_met: bool = False
    forecast_classes: Mapping[Status, str] | None = None

    def class_of(self, status: Status, kind: str | None) -> str:
        """The method's own name of ``status`` judged against a target of ``kind``
        (``target``: a commitment; ``forecast``: the ``forecast_classes`` words where the
        method has them, so that a forecast is never called a target)."""
        if kind == "forecast" and self.forecast_classes and status in self.forecast_classes:
            return self.forecast_classes[status]
        return self.classes[status]

    @property
    def follows_pace(self) -> bool:
        """The method projects the growth rate ``--pace`` chooses (it has no pace of its own)."""
        return self.pace_note is None


class UnknownMethodError(UsageError, ValueError):
    """No method of this name is built in or registered (exit 2 on the command line)."""

    def __init__(self, name: str) -> None:
        self.name = name
        known = ", ".join(method_names())
        super().__init__(f"unknown assessment method {name!r}; known methods: {known}")

    def __reduce__(self) -> tuple[type[UnknownMethodError], tuple[str]]:
        return (UnknownMethodError, (self.name,))  # the same message out of a worker process


_loaded: dict[str, AssessmentMethod] = {}
_registered: dict[str, AssessmentMethod] = {}


def method_names() -> tuple[str, ...]:
    """The known methods' names: the built-in ones in :data:`BUILT_IN` order, then the
    registered ones in registration order."""
    return (*BUILT_IN, *_registered)


def method(name: str) -> AssessmentMethod:
    """The method called ``name`` (its module is imported on first use).

    Raises:
        UnknownMethodError: ``name`` is neither built in nor registered.
    """
    key = str(name)
    found = _registered.get(key) or _loaded.get(key)
    if found is not None:
        return found
    line = BUILT_IN.get(key)
    if line is None:
        raise UnknownMethodError(key)
    loaded = cast(AssessmentMethod, import_module(line.module).METHOD)
    _loaded[key] = loaded
    return loaded


def register(new: AssessmentMethod) -> None:
    """Make ``new`` known by its name, after the built-in methods (``show`` and the site list
    it last). The command line's ``--method`` choices are the built-in ones; a registered method
    is for the library (``assess_indicator(..., method=name)``) and is seen by worker processes
    only when they are forked after the call.

    Raises:
        ValueError: the name is taken, ``classes`` does not name every status, or
            ``quantities`` names a field outside :data:`OWN_QUANTITIES`.
    """
    if new.name in BUILT_IN or new.name in _registered:
        raise ValueError(f"an assessment method named {new.name!r} exists already")
    missing = [str(s) for s in Status if s not in new.classes]
    if missing:
        raise ValueError(f"{new.name}: no class name for {', '.join(missing)}")
    unknown = new.quantities - OWN_QUANTITIES
    if unknown:
        raise ValueError(f"{new.name}: not a method's own quantity: {', '.join(sorted(unknown))}")
    _registered[new.name] = new


def unregister(name: str) -> None:
    """Forget a registered method (a built-in one cannot be removed).

    Raises:
        ValueError: ``name`` is a built-in method.
        UnknownMethodError: ``name`` is not a registered method.
    """
    if name in BUILT_IN:
        raise ValueError(f"the built-in method {name!r} cannot be unregistered")
    if name not in _registered:
        raise UnknownMethodError(name)
    del _registered[name]
