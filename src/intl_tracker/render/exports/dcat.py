"""DCAT-AP metadata of an export, as JSON-LD: what an open data portal harvests or is pasted.

It follows DCAT-AP 3.0.0 (SEMIC: https://semiceu.github.io/DCAT-AP/releases/3.0.0/): a
``@graph`` of a ``dcat:Catalog`` (title, description, publisher, the dataset, licence, the
languages fi/sv/en and the theme vocabulary) and a ``dcat:Dataset``, with the mandatory
and recommended properties the data can fill (tests/app/test_dcat_ap.py checks them with
the release's SHACL shapes):
title and description in fi, sv and en (``@language`` maps; the regional portal of the
capital region requires Finnish and recommends Swedish and English), publisher
(``foaf:Agent``), themes from the EU Data Theme vocabulary, keywords, temporal coverage
(``dct:PeriodOfTime`` with ``dcat:startDate``/``dcat:endDate`` as ``xsd:gYear``), and one
``dcat:Distribution`` per file (format from the EU File Type vocabulary, media type,
licence CC BY 4.0 from the EU Licence vocabulary, ``dcat:accessURL``). The addresses of the
distributions are relative to the metadata file unless ``base_url`` names where the folder
is published (JSON-LD resolves a relative IRI against the document's address).

Recommended properties left out because the data do not hold them (a portal administrator
adds them): the dataset's ``dcat:contactPoint``; each distribution's ``dcatap:availability``
(how long the files stay is the publisher's call) and ``dct:description``; the catalogue's
``dct:issued``, ``dct:modified`` (no date: the same data give the same bytes) and
``dct:spatial``; the publisher's ``dct:type``.
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
#: The EU Language vocabulary's codes of LANGUAGES (the catalogue's ``dct:language``).
LANGUAGE_CODES: tuple[str, ...] = ("FIN", "SWE", "ENG")
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


def _catalog(catalog: Catalog, dataset: dict[str, Any], base: str) -> dict[str, Any]:
    """The ``dcat:Catalog`` holding the dataset: its mandatory properties (title, description,
    publisher, dataset) and the recommended ones the data fill (licence, languages, the
    theme vocabulary, the home page)."""
    node: dict[str, Any] = {
        "@type": "dcat:Catalog",
        "@id": base + "#catalog",
        "dct:title": dataset["dct:title"],
        "dct:description": dataset["dct:description"],
        "dcat:dataset": {"@id": dataset["@id"]},
        "dct:license": {"@id": LICENCE_IRI},
        "dct:language": [{"@id": EU + "language/" + code} for code in LANGUAGE_CODES],
        "dcat:themeTaxonomy": {"@id": EU + "data-theme"},
    }
    if "dct:publisher" in dataset:
        node["dct:publisher"] = dataset["dct:publisher"]
    if "dcat:landingPage" in dataset:
        node["foaf:homepage"] = dataset["dcat:landingPage"]
    return node


def dcat_dataset(
    catalog: Catalog, files: Sequence[str], base_url: str | None = None
) -> dict[str, Any]:
    """The metadata as JSON-LD: ``{"@context", "@graph": [catalog, dataset]}``, a
    ``dcat:Catalog`` and the ``dcat:Dataset`` of the data set with a distribution per
    ``files`` (paths relative to the export's folder)."""
    base = base_url.rstrip("/") + "/" if base_url else ""
    dataset = _dataset(catalog, files, base_url)
    return {"@context": CONTEXT, "@graph": [_catalog(catalog, dataset, base), dataset]}


def _dataset(catalog: Catalog, files: Sequence[str], base_url: str | None) -> dict[str, Any]:
    programme = catalog.programme
    years = [y for i in catalog.indicators for y in i.values]
    publisher = programme.source.publisher if programme.source is not None else None
    dataset: dict[str, Any] = {
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
