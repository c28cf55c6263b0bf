"""The site's pages of the SDG crosswalk and the reporting statuses, per language:
``sdg.html`` (the indicators grouped by UN Sustainable Development Goal, with the targets each
names), ``reporting.html`` (every objective of every goal with its reporting status, its
indicators and the note of what was searched: an objective without a measure is listed as
such, never left out) and ``objectives/<id>.html``, a page per objective with the same (and,
when its indicators only stand in for it, a line saying they are proxies). The views are
in ``presentation.sdg_view``; this module turns them
into the texts a template writes (made visible, marked with the language of a fallback).
"""

from __future__ import annotations

from typing import Any

from intl_tracker.core.text_safety import visible
from intl_tracker.dataset.models import Catalog, localize_tagged
from intl_tracker.dataset.sdg import REPORTING_STATUSES
from intl_tracker.presentation.sdg_view import (
    SdgName,
    objective_statuses,
    reporting_status_label,
    sdg_groups,
)
from intl_tracker.presentation.views import ReportView
from intl_tracker.site.content import Phrase, phrase


def catalog_of(report: ReportView) -> Catalog:
    """The catalog of what the site reports: its programme, goals and reported indicators."""
    return Catalog.model_construct(
        programme=report.programme,
        goals=list(report.goals),
        indicators=[row.indicator for row in report.rows],
    )


def _code(name: SdgName) -> dict[str, Any]:
    """A code and its name, marked with the language it fell back to (None: the page's)."""
    return {"code": name.code, "name": Phrase(visible(name.name), name.fallback)}


def _status(status: str, declared: bool, lang: str) -> dict[str, Any]:
    return {"code": status, "label": reporting_status_label(status, lang), "declared": declared}


def sdg_page(report: ReportView, lang: str) -> dict[str, Any]:
    """``groups``: per SDG goal its number, name and indicators (id, name, the codes they name
    of it); ``unlinked``: the indicators that name no SDG code."""
    catalog = catalog_of(report)
    groups, unlinked = sdg_groups(catalog, lang)
    return {
        "groups": [
            {
                "number": g.number,
                "name": _code(g.name)["name"],
                "indicators": [
                    {
                        "id": i.id,
                        "name": phrase(i.name, lang) or Phrase(i.id),
                        "codes": [_code(c) for c in codes],
                    }
                    for i, codes in g.indicators
                ],
            }
            for g in groups
        ],
        "unlinked": [{"id": i.id, "name": phrase(i.name, lang) or Phrase(i.id)} for i in unlinked],
    }


def proxies_only(status: str, declared: bool, indicator_statuses: list[str]) -> bool:
    """Whether an objective's indicators only stand in for it: its declared status is less
    complete than the best of its indicators' (the data keeper says the objective is not
    measured although indicators name it, as the bundled objectives measured by proxies do)."""
    if not declared or not indicator_statuses or status == "not_applicable":
        return False
    best = min(indicator_statuses, key=REPORTING_STATUSES.index)
    return REPORTING_STATUSES.index(status) > REPORTING_STATUSES.index(best)


def reporting_page(report: ReportView, lang: str) -> dict[str, Any]:
    """``objectives``: per objective its goal number, id, text, status, note, SDG codes,
    indicators (id, name, status) and ``proxies_only`` (:func:`proxies_only`); the site
    writes ``reporting.html`` of them all and ``objectives/<id>.html`` of each."""
    rows = objective_statuses(catalog_of(report), lang)
    objectives = []
    for row in rows:
        text, fallback = localize_tagged(row.objective.text, lang)
        objectives.append(
            {
                "goal_number": row.goal.number,
                "goal_id": row.goal.id,
                "id": row.objective.id,
                "text": Phrase(text or row.objective.id, fallback),
                "status": _status(row.status.status, row.status.declared, lang),
                "note": phrase(row.objective.reporting_note, lang, block=True),
                "sdg": [_code(c) for c in row.sdg],
                "indicators": [
                    {
                        "id": i.id,
                        "name": phrase(i.name, lang) or Phrase(i.id),
                        "status": _status(s.status, s.declared, lang),
                    }
                    for i, s in row.indicators
                ],
                "proxies_only": proxies_only(
                    row.status.status,
                    row.status.declared,
                    [s.status for _, s in row.indicators],
                ),
            }
        )
    return {"objectives": objectives}
