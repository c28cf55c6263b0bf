"""The words every part of intl-tracker shares: methods, paces, statuses and how a status looks.

Imports nothing but :mod:`enum`, so the command line can take its option choices from here at
start-up without loading the assessment engine, pydantic or Rich. The report and ``show``
renderers take their status labels, symbols and styles from here, so that the same status
reads and looks the same in every command.
"""

from __future__ import annotations

from enum import StrEnum


class Method(StrEnum):
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


#: The engine's own (English) labels, as in ``Assessment.status_label``.
STATUS_LABELS: dict[Status, str] = {
    Status.TARGET_MET: "target met",
    Status.ON_TRACK: "on track",
    Status.MODERATE: "needs acceleration",
    Status.INSUFFICIENT: "insufficient progress",
    Status.MOVING_AWAY: "moving away",
    Status.MISSED: "target missed",
    Status.INSUFFICIENT_DATA: "insufficient data",
}

STATUS_LABELS_BY_LANG: dict[str, dict[Status, str]] = {
    "en": STATUS_LABELS,
    "fi": {
        Status.TARGET_MET: "tavoite saavutettu",
        Status.ON_TRACK: "oikealla uralla",
        Status.MODERATE: "vaatii kiihdytystä",
        Status.INSUFFICIENT: "riittämätön edistys",
        Status.MOVING_AWAY: "etääntyy tavoitteesta",
        Status.MISSED: "tavoite jäi saavuttamatta",
        Status.INSUFFICIENT_DATA: "ei riittävästi tietoa",
    },
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


def status_label(status: Status, lang: str) -> str:
    """The label of ``status`` in ``lang``; English for a language without labels."""
    return STATUS_LABELS_BY_LANG.get(lang, STATUS_LABELS)[status]
