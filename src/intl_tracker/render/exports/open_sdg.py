"""The data set in Open SDG's format, so that a city can move its follow-up to an Open SDG site.

Open SDG (open-sdg.org; the build tool sdg-build reads these files, as set out in the
open-sdg-data-starter repository's ``config_data.yml``) keeps, per indicator:

- ``data/indicator_<id>.csv``: ``Year``, disaggregation columns, ``Value``; a headline row
  has every disaggregation cell empty. We write ``Year``, one disaggregation column per
  dimension the indicator breaks down by (headed by the dimension's name in the export's
  language, its cells the category names; should two names clash with each other or with
  a fixed column, every column is headed by the dimension id), the observation attributes
  ``OBS_STATUS`` (SDMX code list CL_OBS_STATUS: ``A`` normal, ``P`` provisional, ``E``
  estimated) and ``COMMENT_OBS`` (the note), and ``Value``. An Open SDG site must list both
  attributes under ``observation_attributes`` in its site configuration, or it reads them as
  disaggregations (docs/guide/publishers.md).
- ``indicator-config/<id>.yml``: how the page is built (``indicator_name``,
  ``indicator_number``, ``reporting_status``: the indicator's reporting status
  (``dataset.sdg``: declared, else worked out from its values) in Open SDG's codes
  (``complete``, ``inprogress``, ``notstarted``, ``notapplicable``); ``standalone:
  true``, as these are not UN SDG indicators; ``computation_units``; ``graph_type:
  line``; ``tags``: the SDG codes of the crosswalk as ``SDG 11.6``, which Open SDG shows
  under the indicator where it lists it), plus ``intl_tracker_*`` fields Open SDG ignores
  and ``import-open-sdg`` reads back: the goal, unit id, direction, decimals and the SDG
  codes (``intl_tracker_sdg``). Open SDG 2.x places an indicator under an SDG goal and
  target by its id alone (``goal_number`` and ``target_number`` are reserved fields the
  data build derives from an id such as ``11-6-2``; ``sdg_goal`` was their 1.x name), so a
  standalone indicator of a city carries its SDG links as tags, not as those fields.
- ``meta/<id>.yml``: the metadata page (definition, source organisation, title and address).

Ids stay the indicator ids (the file stem). Open SDG's default input pattern is
``data/*-*.csv``: an id without a hyphen needs ``path_pattern: data/*.csv``. Texts are in the
export's language. Each file is UTF-8; text cells of the CSV pass ``csv_cell`` (OWASP).
"""

from __future__ import annotations

import csv
import html
import io
from typing import Any

import yaml

from intl_tracker.core.text_safety import csv_cell, link_target, visible, visible_block
from intl_tracker.dataset.models import Catalog, Dimension, Indicator, localize
from intl_tracker.dataset.sdg import OPEN_SDG_REPORTING_CODES, indicator_reporting_status
from intl_tracker.presentation.wording import unit_name
from intl_tracker.render.exports.open_data import (
    SeriesRow,
    all_indicator_rows,
    indicator_dimensions,
)
from intl_tracker.render.text_formats import csv_number

#: SDMX CL_OBS_STATUS codes of the value statuses, and back.
OBS_STATUS: dict[str, str] = {"final": "A", "provisional": "P", "estimated": "E"}
VALUE_STATUS: dict[str, str] = {code: status for status, code in OBS_STATUS.items()}
DATA_COLUMNS: tuple[str, ...] = ("Year", "OBS_STATUS", "COMMENT_OBS", "Value")
#: Our own fields in an indicator's config (Open SDG ignores fields it does not know).
OWN_FIELDS = ("goal", "unit", "direction", "decimals")
OWN_PREFIX = "intl_tracker_"
#: How an SDG code of the crosswalk is written among an indicator's ``tags`` (``SDG 11.6``).
SDG_TAG = "SDG "


def _disaggregations(dims: list[Dimension], lang: str) -> list[str]:
    """The disaggregation columns' headers: the dimensions' names, else their ids."""
    names = [csv_cell(localize(d.name, lang) or d.id) for d in dims]
    if len(set(names)) < len(names) or set(names) & set(DATA_COLUMNS):
        return [d.id for d in dims]
    return names


def data_csv(catalog: Catalog, indicator: Indicator, lang: str) -> str:
    """``data/indicator_<id>.csv``: the headline series, then year by year its values by
    category (``render.open_data.all_indicator_rows``)."""
    known = {d.id: d for d in catalog.dimensions}
    dims = [known[d] for d in indicator_dimensions(indicator) if d in known]
    names = {d.id: {c.code: localize(c.name, lang) or c.code for c in d.categories} for d in dims}

    def category(row: SeriesRow, dim: Dimension) -> str:
        code = row.categories.get(dim.id)
        return "" if code is None else csv_cell(names[dim.id].get(code, code))

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([DATA_COLUMNS[0], *_disaggregations(dims, lang), *DATA_COLUMNS[1:]])
    for row in all_indicator_rows(catalog, None, indicator):
        obs = row.observation
        writer.writerow(
            [
                row.year,
                *(category(row, dim) for dim in dims),
                OBS_STATUS[obs.status],
                csv_cell(localize(obs.note, lang)),
                csv_number(obs.value, written=True),
            ]
        )
    return out.getvalue()


def _yaml(document: dict[str, Any]) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=4096)


def page_text(text: str, block: bool = False) -> str:
    """A text of the config or meta files as Open SDG writes it into its pages: unescaped
    HTML (``{{ page.indicator.name }}`` in its Liquid templates), so ``&``, ``<`` and ``>``
    become entities (shown as typed, never markup) and controls and bidi overrides are made
    visible (``text_safety``). ``import-open-sdg`` reads the entities back."""
    return html.escape((visible_block if block else visible)(text), quote=False)


def indicator_config(indicator: Indicator, lang: str) -> str:
    """``indicator-config/<id>.yml``."""
    name = page_text(localize(indicator.name, lang))
    config: dict[str, Any] = {
        "indicator_name": name,
        "indicator_number": indicator.id,
        "graph_title": name,
        "graph_type": "line",
        "computation_units": page_text(unit_name(indicator.unit, lang, indicator.unit_label)),
        "reporting_status": OPEN_SDG_REPORTING_CODES[indicator_reporting_status(indicator).status],
        "standalone": True,
        "data_non_statistical": False,
    }
    if indicator.decimals is not None:
        config["precision"] = [{"decimals": indicator.decimals}]
    if indicator.sdg:
        config["tags"] = [SDG_TAG + code for code in indicator.sdg]
    own = {f: getattr(indicator, f) for f in OWN_FIELDS}
    config |= {OWN_PREFIX + f: value for f, value in own.items() if value is not None}
    if indicator.sdg:
        config[OWN_PREFIX + "sdg"] = list(indicator.sdg)
    return _yaml(config)


def indicator_meta(indicator: Indicator, lang: str) -> str:
    """``meta/<id>.yml``: the definition and the source."""
    meta: dict[str, Any] = {}
    if indicator.definition:
        meta["computation_definitions"] = page_text(localize(indicator.definition, lang), True)
    source = indicator.source
    if source is not None:
        meta["source_active_1"] = True
        if source.publisher:
            meta["source_organisation_1"] = page_text(localize(source.publisher, lang))
        if source.title:
            meta["source_url_text_1"] = page_text(localize(source.title, lang))
        url = link_target(source.url or "")
        if url:  # http, https or mailto only
            meta["source_url_1"] = url
    return _yaml(meta)


def open_sdg_files(catalog: Catalog, lang: str) -> dict[str, str]:
    """Every file of the Open SDG folder (path relative to it: text), indicators by id."""
    files: dict[str, str] = {}
    for indicator in sorted(catalog.indicators, key=lambda i: i.id):
        files[f"data/indicator_{indicator.id}.csv"] = data_csv(catalog, indicator, lang)
        files[f"indicator-config/{indicator.id}.yml"] = indicator_config(indicator, lang)
        files[f"meta/{indicator.id}.yml"] = indicator_meta(indicator, lang)
    return files
