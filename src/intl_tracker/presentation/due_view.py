"""The view of ``intl-tracker due``: which indicators should hold a newer value by a date.

Built from the catalog and the date by :mod:`intl_tracker.dataset.release_calendar`; pure,
language-independent (names stay ``{lang: text}`` maps), as the other views.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from intl_tracker.dataset.models import Catalog, Indicator
from intl_tracker.dataset.release_calendar import Due, due_of, scheduled


@dataclass(frozen=True, slots=True)
class DueView:
    """The due indicators by ``on`` in the catalog's order, and those without a release rule
    (``due`` cannot judge them; they are named, never left out in silence)."""

    on: date
    rows: tuple[Due, ...]
    unscheduled: tuple[Indicator, ...]
    tool_version: str


def build_due_view(catalog: Catalog, on: date, tool_version: str) -> DueView:
    rows = tuple(d for d in (due_of(i, on) for i in catalog.indicators) if d is not None)
    unscheduled = tuple(i for i in catalog.indicators if not scheduled(i))
    return DueView(on, rows, unscheduled, tool_version)
