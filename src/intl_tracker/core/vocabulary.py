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
    INSUFFICIENT = "insufficient"
    MOVING_AWAY = "moving_away"
    MISSED = "missed"
    INSUFFICIENT_DATA = "insufficient_data"


#: The status in words: English message ids of the text catalogue (``wording.status_label``
#: translates them), and the engine's own ``Assessment.status_label``.
STATUS_LABELS: dict[Status, str] = {
    Status.TARGET_MET: N_("target met"),
    Status.ON_TRACK: N_("on track"),
    Status.MODERATE: N_("needs acceleration"),
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
    Status.INSUFFICIENT: "magenta",
    Status.MOVING_AWAY: "red",
    Status.MISSED: "bold red",
    Status.INSUFFICIENT_DATA: "dim",
}
