"""DCAT-AP metadata of an export, as JSON-LD: what an open data portal harvests or is pasted.

It follows DCAT-AP 3.0.0 (SEMIC: https://semiceu.github.io/DCAT-AP/releases/3.0.0/)
with the mandatory and recommended properties of a ``dcat:Dataset`` that the data can fill:
title and description in fi, sv and en (``@language`` maps; the regional portal of the
capital region requires Finnish and recommends Swedish and English), publisher
(``foaf:Agent``), themes from the EU Data Theme vocabulary, keywords, temporal coverage
(``dct:PeriodOfTime`` with ``dcat:startDate``/``dcat:endDate`` as ``xsd:gYear``), and one
``dcat:Distribution`` per file (format from the EU File Type vocabulary, media type,
licence CC BY 4.0 from the EU Licence vocabulary, ``dcat:accessURL``). The addresses of the
distributions are relative to the metadata file unless ``base_url`` names where the folder
is published (JSON-LD resolves a relative IRI against the document's address).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from intl_tracker.core.i18n import N_, translator
from intl_tracker.core.text_safety import link_target
from intl_tracker.dataset.models import Catalog, Localizable, localize

DCAT_AP_VERSION = "3.0.0"
EU = "http://publications.europa.eu/resource/authority/"
LICENCE_IRI = EU + "licence/CC_BY_4_0"
#: EU Data Theme vocabulary: population and society; regions and cities.
THEMES: tuple[str, ...] = (EU + "data-theme/SOCI", EU + "data-theme/REGI")
#: The file types of the EU vocabulary and the media types of an export's files, by suffix.
FILE_TYPES: dict[str, tuple[str, str]] = {
    ".csv": ("CSV", "text/csv"),
    ".json": ("JSON", "application/json"),
    ".xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".yml": ("YAML", "application/yaml"),
    ".zip": ("ZIP", "application/zip"),
}
LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
DESCRIPTION = N_(
    "The indicators of the programme {programme}: every value by year, with its status "
    "(final, provisional or estimated) and note, from {first} to {last}. Indicators: {count}."
)
KEYWORDS: tuple[str, ...] = (N_("indicators"), N_("follow-up"), N_("international"))


def _languages(text: Localizable | None) -> list[dict[str, str]]:
    return [{"@value": localize(text, lang), "@language": lang} for lang in LANGUAGES if text]


def _description(catalog: Catalog, years: list[int]) -> list[dict[str, str]]:
    """The description in each language, the programme named in that language."""
    return [
        {
            "@value": translator(lang)
            .gettext(DESCRIPTION)
            .format(
                programme=localize(catalog.programme.name, lang),
                first=min(years, default="-"),
                last=max(years, default="-"),
                count=len(catalog.indicators),
            ),
            "@language": lang,
        }
        for lang in LANGUAGES
    ]


def _distribution(path: str, base_url: str | None) -> dict[str, Any]:
    suffix = path[path.rfind(".") :]
    file_type, media_type = FILE_TYPES.get(suffix, ("BIN", "application/octet-stream"))
    address = (base_url.rstrip("/") + "/" if base_url else "") + path
    return {
        "@type": "dcat:Distribution",
        "dct:title": path,
        "dcat:accessURL": {"@id": address},
        "dcat:downloadURL": {"@id": address},
        "dct:format": {"@id": EU + "file-type/" + file_type},
        "dcat:mediaType": {"@id": "https://www.iana.org/assignments/media-types/" + media_type},
        "dct:license": {"@id": LICENCE_IRI},
    }


def dcat_dataset(
    catalog: Catalog, files: Sequence[str], base_url: str | None = None
) -> dict[str, Any]:
    """The ``dcat:Dataset`` of the data set as JSON-LD, with a distribution per ``files``
    (paths relative to the export's folder)."""
    programme = catalog.programme
    years = [y for i in catalog.indicators for y in i.values]
    publisher = programme.source.publisher if programme.source is not None else None
    dataset: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "dcat:Dataset",
        "@id": (base_url.rstrip("/") + "/" if base_url else "") + "#dataset",
        "dct:identifier": programme.id,
        "dct:title": _languages(programme.name),
        "dct:description": _description(catalog, years),
        "dcat:theme": [{"@id": theme} for theme in THEMES],
        "dcat:keyword": [
            {"@value": translator(lang).gettext(word), "@language": lang}
            for word in KEYWORDS
            for lang in LANGUAGES
        ],
        "dct:license": {"@id": LICENCE_IRI},
        "dcat:distribution": [_distribution(path, base_url) for path in files],
    }
    if publisher:
        dataset["dct:publisher"] = {"@type": "foaf:Agent", "foaf:name": _languages(publisher)}
    landing = link_target(programme.source.url or "") if programme.source is not None else None
    if landing:  # http, https or mailto only
        dataset["dcat:landingPage"] = {"@id": landing}
    if years:
        dataset["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": {"@value": str(min(years)), "@type": "xsd:gYear"},
            "dcat:endDate": {"@value": str(max(years)), "@type": "xsd:gYear"},
        }
    return dataset
