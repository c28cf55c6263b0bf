"""The diff of two data versions (``intl-tracker diff``), as every format shows it (no I/O)."""

from __future__ import annotations

from dataclasses import dataclass

from intl_tracker.core.vocabulary import Status
from intl_tracker.dataset.models import Localizable, Observation


@dataclass(frozen=True, slots=True)
class ValueChange:
    """One value of one indicator that differs: ``kind`` added, changed or removed."""

    indicator: str
    year: int
    kind: str
    before: Observation | None
    after: Observation | None


@dataclass(frozen=True, slots=True)
class StatusMove:
    """An indicator whose status differs (None: the indicator is not in that version)."""

    indicator: str
    name: Localizable
    before: Status | None
    after: Status | None
    before_year: int | None
    after_year: int | None


@dataclass(frozen=True, slots=True)
class DataDiff:
    """The whole diff of two data versions, as the renderers show it."""

    base: str
    head: str
    year: int | None
    method: str
    tool_version: str
    indicators_added: tuple[str, ...]
    indicators_removed: tuple[str, ...]
    values: tuple[ValueChange, ...]
    statuses: tuple[StatusMove, ...]

    @property
    def different(self) -> bool:
        return bool(
            self.indicators_added or self.indicators_removed or self.values or self.statuses
        )
