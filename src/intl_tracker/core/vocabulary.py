"""The words every part of intl-tracker shares: method names, paces, statuses and how a status
looks.

Imports nothing but :mod:`enum` and the catalogue marker ``N_``, so the command line can take
its option choices from here at start-up without loading the assessment engine, pydantic or
Rich. Every renderer takes its status symbols and styles from here, and its status words
through :func:`intl_tracker.presentation.wording.status_label`, so that the same status reads
and looks the same in every command and language.
"""

from __future__ import annotations

from enum import StrEnum

from intl_tracker.core.i18n import N_


class Method(StrEnum):
    """The built-in assessment methods' names: the ``--method`` choices, read at start-up
    without loading a method. The same names as ``assessment.registry.BUILT_IN``, where each
    method is found (a test checks the two agree); code asks the registry about a method,
    never compares these names."""

    RATIO = "ratio"
    UNSD = "unsd"
    DNS = "dns"


class Pace(StrEnum):
    """Which growth rate drives the ratio: the two end points, or a fit through all points."""

    ENDPOINTS = "endpoints"
    FITTED = "fitted"


class Status(StrEnum):
    TARGET_MET = "target_met"
    ON_TRACK = "on_track"
    MODERATE = "moderate"
    #: Judged on the trend alone, a change of exactly zero over the period judged: neither
    #: progress nor movement away (docs/methods.md, "The period judged, and a change of zero").
    NO_CHANGE = "no_change"
    INSUFFICIENT = "insufficient"
    MOVING_AWAY = "moving_away"
    MISSED = "missed"
    INSUFFICIENT_DATA = "insufficient_data"


class Basis(StrEnum):
    """What a status was judged against (JSON ``judged_against``): a committed target, a
    forecast the programme tracks without committing to it, or the trend alone (no target)."""

    COMMITMENT = "commitment"
    FORECAST = "forecast"
    TREND = "trend"


#: The order headlines count in: commitments first, then forecasts, then the trend alone.
BASIS_ORDER: tuple[Basis, ...] = (Basis.COMMITMENT, Basis.FORECAST, Basis.TREND)

#: A judgement without a target in words: Eurostat's wording for indicators without a
#: quantified target (SDG monitoring report, methodological annex), never "on track", since
#: there is no track. The status codes stay; only the words, symbols and styles differ.
TREND_LABELS: dict[Status, str] = {
    Status.ON_TRACK: N_("significant progress"),
    Status.MODERATE: N_("moderate progress"),
    Status.NO_CHANGE: N_("no change"),
    Status.INSUFFICIENT: N_("moderate movement away"),
    Status.MOVING_AWAY: N_("significant movement away"),
}

#: The statuses only a judgement without a target can have.
TREND_ONLY_STATUSES: frozenset[Status] = frozenset({Status.NO_CHANGE})

#: Double arrows for the trend alone, apart from the target statuses' triangles and ticks and
#: from every other arrow the tool prints: ``--compare``'s improved/worsened (↑ ↓), ``list``'s
#: desired direction (↑ ↓) and ``show``'s web references (↗). East Asian width "neutral", so
#: one terminal cell everywhere (the single arrows are "ambiguous": two cells in CJK terminals).
TREND_SYMBOLS: dict[Status, str] = {
    Status.ON_TRACK: "⇑",
    Status.MODERATE: "⇗",
    Status.NO_CHANGE: "⇒",
    Status.INSUFFICIENT: "⇘",
    Status.MOVING_AWAY: "⇓",
}

#: Trend-only rows are never green or red: blue for progress, cyan for movement away (magenta
#: is the target statuses' "insufficient progress": a trend moving away is another verdict and
#: must not share its colour; docs/guide/analysts.md, "Colours").
TREND_STYLES: dict[Status, str] = {
    Status.ON_TRACK: "bold blue",
    Status.MODERATE: "blue",
    Status.NO_CHANGE: "default",
    Status.INSUFFICIENT: "cyan",
    Status.MOVING_AWAY: "bold cyan",
}


#: The status in words: English message ids of the text catalogue (``wording.status_label``
#: translates them), and the engine's own ``Assessment.status_label``.
STATUS_LABELS: dict[Status, str] = {
    Status.TARGET_MET: N_("target met"),
    Status.ON_TRACK: N_("on track"),
    Status.MODERATE: N_("needs acceleration"),
    Status.NO_CHANGE: N_("no change"),
    Status.INSUFFICIENT: N_("insufficient progress"),
    Status.MOVING_AWAY: N_("moving away"),
    Status.MISSED: N_("target missed"),
    Status.INSUFFICIENT_DATA: N_("insufficient data"),
}

#: A symbol beside every status word, so that no status is told by colour alone.
STATUS_SYMBOLS: dict[Status, str] = {
    Status.TARGET_MET: "✓",
    Status.ON_TRACK: "▲",
    Status.MODERATE: "◐",
    Status.NO_CHANGE: "⇒",
    Status.INSUFFICIENT: "△",
    Status.MOVING_AWAY: "▼",
    Status.MISSED: "✗",
    Status.INSUFFICIENT_DATA: "?",
}

#: Rich styles of the terminal views. Only the 8 standard colours and attributes, so that no
#: two statuses blur into one colour on a 16-colour terminal.
STATUS_STYLES: dict[Status, str] = {
    Status.TARGET_MET: "bold green",
    Status.ON_TRACK: "green",
    Status.MODERATE: "yellow",
    Status.NO_CHANGE: "italic",
    Status.INSUFFICIENT: "magenta",
    Status.MOVING_AWAY: "red",
    Status.MISSED: "bold red",
    Status.INSUFFICIENT_DATA: "dim",
}


def status_symbol(status: Status, trend_only: bool = False) -> str:
    """The symbol of a status; a trend-only judgement's own arrow."""
    own = TREND_SYMBOLS.get(status) if trend_only else None
    return own or STATUS_SYMBOLS[status]


def status_style(status: Status, trend_only: bool = False) -> str:
    """The Rich style of a status; a trend-only judgement's own (never green or red)."""
    own = TREND_STYLES.get(status) if trend_only else None
    return own or STATUS_STYLES[status]


def status_message(status: Status, trend_only: bool = False) -> str:
    """The English message id of a status's words; a trend-only judgement's Eurostat words."""
    own = TREND_LABELS.get(status) if trend_only else None
    return own or STATUS_LABELS[status]
