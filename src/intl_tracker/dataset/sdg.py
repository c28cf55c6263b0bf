"""The SDG crosswalk and reporting statuses: which official codes exist, their names, and the
reporting status an indicator or an objective has when its data do not declare one.

The official list ships with the package (``sdg_list.json``, made by ``docs/gen_sdg_list.py``):
the 17 goals with short names in English, Finnish and Swedish and full titles in English, the
169 targets and the global indicator codes (252 codes, some indicators repeated under several
targets) in English, from open-sdg/sdg-translations (MIT); its ``sources`` cite each language.
A name missing in a language falls back to English (``localize_tagged`` says so).

Reporting status (Open SDG's four: ``complete``, ``in_progress``, ``exploring_data_sources``,
``not_applicable``). When an indicator does not declare one, it is worked out from its values
alone, independent of the report year: no value -> ``exploring_data_sources``; one value (no
change can be measured, the status is insufficient data) -> ``in_progress``; two or more ->
``complete``. An objective without a declared status takes the most complete status of its
indicators, and ``exploring_data_sources`` when no indicator names it.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from yaml.nodes import Node

from intl_tracker.core.errors import Problem
from intl_tracker.dataset.locating import PathSegment, problem_at
from intl_tracker.dataset.models import Catalog, Indicator, Objective, localize_tagged

#: Problem code of a code that is not in the official list.
UNKNOWN_SDG = "unknown-sdg"
#: The reporting statuses, most complete first (the order an objective's default picks by).
REPORTING_STATUSES: tuple[str, ...] = (
    "complete",
    "in_progress",
    "exploring_data_sources",
    "not_applicable",
)
#: Open SDG's own codes for the four statuses (its indicator ``reporting_status`` field).
OPEN_SDG_REPORTING_CODES: Mapping[str, str] = {
    "complete": "complete",
    "in_progress": "inprogress",
    "exploring_data_sources": "notstarted",
    "not_applicable": "notapplicable",
}


@cache
def sdg_list() -> dict[str, Any]:
    """The official list as shipped: ``{"about", "sources", "goals": {"11": {"short": {lang:
    name}, "title": {"en": ...}}}, "targets": {"11.6": {"en": ...}}, "indicators":
    {"11.6.2": {"en": ...}}}``. Read once (80 KB of JSON, about a millisecond)."""
    text = resources.files("intl_tracker.dataset").joinpath("sdg_list.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def known_codes() -> frozenset[str]:
    """Every goal, target and global indicator code of the official list."""
    data = sdg_list()
    return frozenset(data["goals"]) | frozenset(data["targets"]) | frozenset(data["indicators"])


def goal_number(code: str) -> int:
    """The SDG goal a known code belongs to: ``goal_number("16.b") == 16``."""
    return int(code.split(".", 1)[0])


def sort_key(code: str) -> tuple[tuple[int, str], ...]:
    """Official order: 1 < 1.1 < 1.a < 2 < 10; letters after digits within a level."""
    return tuple((int(p), "") if p.isdigit() else (1000, p) for p in code.split("."))


def sdg_name(code: str, lang: str) -> tuple[str, str | None]:
    """``(name, fallback language or None)`` of a known code: a goal's short name, a target's
    or an indicator's text, in ``lang`` when the list has it, else in English."""
    data = sdg_list()
    if code in data["goals"]:
        return localize_tagged(data["goals"][code]["short"], lang)
    found = data["targets"].get(code) or data["indicators"].get(code)
    return localize_tagged(found, lang)


def goal_title(number: int, lang: str) -> tuple[str, str | None]:
    """The goal's full title (English only in the shipped list: the fallback says so)."""
    return localize_tagged(sdg_list()["goals"][str(number)]["title"], lang)


def suggestion(code: str) -> str:
    """``"; did you mean '11.6'?"`` for the closest known code, else a hint on the form."""
    close = difflib.get_close_matches(code, sorted(known_codes(), key=sort_key), n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    return "; write a goal (11), a target (11.6) or a global indicator (11.6.2) of the UN list"


def check_codes(
    codes: Sequence[str], root: Node, shown: str, where: list[PathSegment]
) -> list[Problem]:
    """A problem (error ``unknown-sdg``) at each code of ``codes`` (the list at ``where`` in
    the file) that the official list does not have, and at a code given twice."""
    known = known_codes()
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, code in enumerate(codes):
        if code not in known:
            message = f"unknown SDG code '{code}'" + suggestion(code)
            problems.append(problem_at(root, shown, [*where, index], UNKNOWN_SDG, message))
        elif code in seen:
            message = f"the SDG code '{code}' is given twice"
            problems.append(problem_at(root, shown, [*where, index], "duplicate-sdg", message))
        seen.add(code)
    return problems


@dataclass(frozen=True, slots=True)
class ReportingStatus:
    """A reporting status and whether the data declare it (False: the default rule's)."""

    status: str
    declared: bool


def indicator_reporting_status(indicator: Indicator) -> ReportingStatus:
    """The declared status, else by the count of values: 0 exploring_data_sources, 1
    in_progress, 2 or more complete (the module docstring)."""
    if indicator.reporting_status is not None:
        return ReportingStatus(indicator.reporting_status, True)
    count = len(indicator.values)
    status = "complete" if count >= 2 else "in_progress" if count == 1 else "exploring_data_sources"
    return ReportingStatus(status, False)


def objective_indicators(catalog: Catalog, objective_id: str) -> list[Indicator]:
    """The catalog's indicators that name the objective, in catalog order."""
    return [i for i in catalog.indicators if objective_id in i.objectives]


def objective_reporting_status(
    objective: Objective, indicators: Iterable[Indicator]
) -> ReportingStatus:
    """The declared status, else the most complete status of ``indicators`` (the objective's),
    else exploring_data_sources."""
    return objective_status(
        objective.reporting_status, [indicator_reporting_status(i).status for i in indicators]
    )


def objective_status(declared: str | None, statuses: Iterable[str]) -> ReportingStatus:
    """``declared`` when given, else the most complete of ``statuses`` (the objective's
    indicators'), else exploring_data_sources."""
    if declared is not None:
        return ReportingStatus(declared, True)
    best = min(statuses, key=REPORTING_STATUSES.index, default="exploring_data_sources")
    return ReportingStatus(best, False)


def sdg_goals_of(codes: Iterable[str]) -> list[int]:
    """The SDG goal numbers ``codes`` belong to, each once, in order."""
    return sorted({goal_number(code) for code in codes})
