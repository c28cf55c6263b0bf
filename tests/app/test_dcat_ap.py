"""`dcat.jsonld` against DCAT-AP 3.0.0: the release's own SHACL shapes (tests/data/dcat-ap-3.0.0,
copied from SEMICeu/DCAT-AP) for the mandatory and recommended properties of the catalogue,
the dataset and each distribution, and the vocabularies of its IRIs by the patterns of the
release's ``mdr-vocabularies.shape.ttl`` (which needs the EU vocabularies online)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pyshacl import validate
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, SH
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from tests.conftest import REPO

#: pyshacl 0.2x still builds an rdflib ConjunctiveGraph (deprecated in rdflib 7.1).
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

SHAPES = REPO / "tests" / "data" / "dcat-ap-3.0.0"
DCATAP = Namespace("http://data.europa.eu/r5r/")
EU = "http://publications.europa.eu/resource/authority/"
#: Recommended properties the data cannot fill (render/exports/dcat.py says why): the warnings
#: allowed.
NOT_IN_THE_DATA = {
    DCAT.contactPoint,  # dataset: no contact in the data
    DCATAP.availability,  # distribution: how long files stay is the publisher's call
    DCTERMS.description,  # distribution: the title (the file's name) is all there is
    DCTERMS.issued,  # catalogue: no date in the data (the same data give the same bytes)
    DCTERMS.modified,  # catalogue: as issued
    DCTERMS.spatial,  # catalogue: no place IRI in the data
    DCTERMS.type,  # publisher: its ADMS publisher type is not in the data
}


@pytest.fixture(scope="module", params=[None, "https://data.example.fi/espoo/"])
def metadata(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dcat") / "open-data"
    args = ["export", str(out), "--data", str(REPO / "data"), "-f", "csv", "-f", "xlsx"]
    args += ["-f", "dcat"] + (["--base-url", request.param] if request.param else [])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return out / "dcat.jsonld"


def _graph(document: dict[str, Any], where: Path) -> Graph:
    return Graph().parse(data=json.dumps(document), format="json-ld", publicID=where.as_uri())


def _results(graph: Graph, shapes: str) -> list[tuple[URIRef, URIRef]]:
    """(severity, path) of every result of the shapes file ``shapes``."""
    shacl = Graph().parse(SHAPES / shapes, format="turtle")
    _, report, _ = validate(graph, shacl_graph=shacl, inference="none", allow_warnings=True)
    return [
        (report.value(r, SH.resultSeverity), report.value(r, SH.resultPath))
        for r in report.subjects(RDF.type, SH.ValidationResult)
    ]


def test_the_mandatory_properties_of_dcat_ap_hold(metadata: Path) -> None:
    document = json.loads(metadata.read_text(encoding="utf-8"))
    graph = _graph(document, metadata)
    assert len(list(graph.subjects(RDF.type, DCAT.Catalog))) == 1
    assert len(list(graph.subjects(RDF.type, DCAT.Dataset))) == 1
    assert len(list(graph.subjects(RDF.type, DCAT.Distribution))) >= 3
    assert _results(graph, "shapes.ttl") == []


def test_the_only_recommended_properties_missing_are_those_the_data_lack(metadata: Path) -> None:
    graph = _graph(json.loads(metadata.read_text(encoding="utf-8")), metadata)
    results = _results(graph, "shapes_recommended.ttl")
    assert {severity for severity, _ in results} <= {SH.Warning}
    assert {path for _, path in results} <= NOT_IN_THE_DATA


def test_a_missing_title_is_a_violation(metadata: Path) -> None:
    """The check can fail: the dataset without its title breaks the mandatory shapes."""
    document = json.loads(metadata.read_text(encoding="utf-8"))
    for node in document["@graph"]:
        node.pop("dct:title", None)
    paths = {path for _, path in _results(_graph(document, metadata), "shapes.ttl")}
    assert DCTERMS.title in paths


def test_titles_descriptions_and_iris_come_from_the_right_vocabularies(metadata: Path) -> None:
    graph = _graph(json.loads(metadata.read_text(encoding="utf-8")), metadata)
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    for prop in (DCTERMS.title, DCTERMS.description):  # Finnish required, sv and en too
        assert {o.language for o in graph.objects(dataset, prop)} == {"fi", "sv", "en"}
    assert str(graph.value(dataset, DCTERMS.license)) == EU + "licence/CC_BY_4_0"
    themes = [str(t) for t in graph.objects(dataset, DCAT.theme)]
    assert themes and all(re.fullmatch(EU + r"data-theme/[A-Z]{4}", t) for t in themes)
    temporal = graph.value(dataset, DCTERMS.temporal)
    assert graph.value(temporal, DCAT.startDate) is not None
    assert graph.value(temporal, DCAT.endDate) is not None
    assert graph.value(dataset, DCTERMS.publisher) is not None
    for distribution in graph.objects(dataset, DCAT.distribution):
        assert graph.value(distribution, DCAT.accessURL) is not None
        assert graph.value(distribution, DCAT.downloadURL) is not None
        assert str(graph.value(distribution, DCTERMS.format)).startswith(EU + "file-type/")
        media = str(graph.value(distribution, DCAT.mediaType))
        assert re.match(r"^http.*://www.iana.org/assignments/media-types/", media)  # IANA
        assert str(graph.value(distribution, DCTERMS.license)) == EU + "licence/CC_BY_4_0"
    catalog = next(graph.subjects(RDF.type, DCAT.Catalog))
    assert graph.value(catalog, DCAT.dataset) == dataset
    languages = {str(o) for o in graph.objects(catalog, DCTERMS.language)}
    assert languages == {EU + "language/" + c for c in ("FIN", "SWE", "ENG")}
