"""What the SDG crosswalk and the reporting statuses look like, in any format and language:
the status words, and the views of the site's pages that group the follow-up by SDG and by
objective. No I/O.

The four reporting statuses are Open SDG's (its English labels: "Reported online",
"Statistics in progress", "Exploring data sources", "Not applicable"); the words here follow
the issue's plainer "complete" and "in progress".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from intl_tracker.core.i18n import N_, translator
from intl_tracker.dataset.models import Catalog, Goal, Indicator, Objective, localize
from intl_tracker.dataset.sdg import (
    ReportingStatus,
    goal_number,
    indicator_reporting_status,
    objective_indicators,
    objective_reporting_status,
    sdg_goals_of,
    sdg_list,
    sdg_name,
    sort_key,
)

_REPORTING_LABELS = {
    "complete": N_("complete"),
    "in_progress": N_("in progress"),
    "exploring_data_sources": N_("exploring data sources"),
    "not_applicable": N_("not applicable"),
}


def reporting_status_label(status: str, lang: str) -> str:
    """The words of a reporting status in ``lang`` (an unknown code as it is)."""
    message = _REPORTING_LABELS.get(status)
    return translator(lang).gettext(message) if message else status


#: Said after a reporting status that the data do not declare (the site's words too).
WORKED_OUT = N_("worked out from the data")


def reporting_status_text(status: ReportingStatus, lang: str) -> str:
    """The label, with "(worked out from the data)" when the data do not declare it."""
    label = reporting_status_label(status.status, lang)
    if status.declared:
        return label
    return f"{label} ({translator(lang).gettext(WORKED_OUT)})"


@dataclass(frozen=True, slots=True)
class SdgName:
    """A code with its name in the page's language, and the language the name is in when it
    had to fall back (None: in the page's language)."""

    code: str
    name: str
    fallback: str | None


def sdg_names(codes: Sequence[str], lang: str) -> tuple[SdgName, ...]:
    """The codes in official order, each with its name."""
    return tuple(SdgName(c, *sdg_name(c, lang)) for c in sorted(codes, key=sort_key))


@dataclass(frozen=True, slots=True)
class SdgGroup:
    """One SDG goal of the SDG page: its number and name, and the indicators that name a code
    of it, each with the codes of this goal it names."""

    number: int
    name: SdgName
    indicators: tuple[tuple[Indicator, tuple[SdgName, ...]], ...]


def sdg_groups(catalog: Catalog, lang: str) -> tuple[tuple[SdgGroup, ...], tuple[Indicator, ...]]:
    """The SDG page: a group per SDG goal that an indicator names, in SDG order, and the
    indicators that name none (listed, so that none silently drops out)."""
    numbers = sdg_goals_of(code for i in catalog.indicators for code in i.sdg)
    groups = []
    for number in numbers:
        members = tuple(
            (i, sdg_names([c for c in i.sdg if goal_number(c) == number], lang))
            for i in catalog.indicators
            if any(goal_number(c) == number for c in i.sdg)
        )
        groups.append(SdgGroup(number, sdg_names([str(number)], lang)[0], members))
    unlinked = tuple(i for i in catalog.indicators if not i.sdg)
    return tuple(groups), unlinked


@dataclass(frozen=True, slots=True)
class ObjectiveStatus:
    """One objective of the reporting-status page: its goal, text, SDG codes, status with
    its note, and its indicators with theirs."""

    goal: Goal
    objective: Objective
    status: ReportingStatus
    note: str
    sdg: tuple[SdgName, ...]
    indicators: tuple[tuple[Indicator, ReportingStatus], ...]


def objective_statuses(catalog: Catalog, lang: str) -> tuple[ObjectiveStatus, ...]:
    """Every objective of every goal, in order, with its reporting status: an objective that
    no indicator measures is listed too (its status says so)."""
    rows = []
    for goal in catalog.goals:
        for objective in goal.objectives:
            members = objective_indicators(catalog, objective.id)
            rows.append(
                ObjectiveStatus(
                    goal,
                    objective,
                    objective_reporting_status(objective, members),
                    localize(objective.reporting_note, lang),
                    sdg_names(objective.sdg, lang),
                    tuple((i, indicator_reporting_status(i)) for i in members),
                )
            )
    return tuple(rows)


#: The id of the group of indicators that name no SDG code in ``grouped_by_sdg``.
UNLINKED_GROUP = "sdg-none"
#: Its name (a message of the catalogue, given in every language the tool speaks).
UNLINKED_NAME = N_("Not linked to any SDG")


def grouped_by_sdg(catalog: Catalog) -> Catalog:
    """``catalog`` regrouped by SDG goal for ``report --by-sdg``: one goal per SDG goal (id
    ``sdg-N``, number N, the goal's short name in every language of the list), in SDG order.
    An indicator is reported once, under the SDG goal of its first code (the data keeper lists
    the primary link first; its JSON ``sdg`` lists every code), with its ``goal`` set to that
    group; then the group ``sdg-none`` (number 0) of the indicators that name no code, so that
    nothing drops out. (The site's SDG page lists an indicator under every goal it names.)"""
    goals_data = sdg_list()["goals"]
    members: dict[int, list[Indicator]] = {}
    unlinked: list[Indicator] = []
    for indicator in catalog.indicators:
        if indicator.sdg:
            members.setdefault(goal_number(indicator.sdg[0]), []).append(indicator)
        else:
            unlinked.append(indicator)
    goals: list[Goal] = []
    indicators: list[Indicator] = []
    for number in sorted(members):
        goal_id = f"sdg-{number}"
        name = dict(goals_data[str(number)]["short"])
        goals.append(Goal.model_construct(id=goal_id, number=number, name=name, objectives=[]))
        indicators += [i.model_copy(update={"goal": goal_id}) for i in members[number]]
    if unlinked:
        goals.append(
            Goal.model_construct(
                id=UNLINKED_GROUP, number=0, name=_in_every_language(UNLINKED_NAME), objectives=[]
            )
        )
        indicators += [i.model_copy(update={"goal": UNLINKED_GROUP}) for i in unlinked]
    return catalog.model_copy(update={"goals": goals, "indicators": indicators})


def _in_every_language(message: str) -> dict[str, str]:
    return {lang: translator(lang).gettext(message) for lang in ("en", "fi", "sv")}
