"""The JSON documents (documents.py): every one the tool prints validates against its
published schema, across methods, paces and languages, and the schemas stay open to growth."""

from __future__ import annotations

import copy
import functools
import io
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from intl_tracker.app.workflows import indicator_view, report_of, report_request
from intl_tracker.cli.commands import app
from intl_tracker.core.i18n import SUPPORTED_LANGUAGES
from intl_tracker.core.vocabulary import Method, Pace
from intl_tracker.dataset.loading import load_data_set
from intl_tracker.dataset.models import Catalog
from intl_tracker.render.json_documents.documents import DOCUMENTS, ShowDocument
from intl_tracker.render.json_documents.json_output import list_document, show_document
from intl_tracker.render.json_documents.schemas import json_schema
from intl_tracker.render.registry import RenderOptions, render
from tests.conftest import CASES, REPO

BUNDLED = REPO / "data"


@functools.cache
def _validator(name: str) -> Draft202012Validator:
    schema = json_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _errors(name: str, document: dict[str, Any]) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in _validator(name).iter_errors(document)]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    result = load_data_set(BUNDLED)
    assert result.catalog is not None, result.problems
    return result.catalog


def _report(catalog: Catalog, lang: str, **options: Any) -> dict[str, Any]:
    request = report_request(
        catalog,
        year=options.pop("year", None),
        goals=[],
        indicators=[],
        since=None,
        period=None,
        **{"method": Method.RATIO, "pace": Pace.ENDPOINTS, **options},
    )
    view = report_of(request)
    out = io.StringIO()
    render("report", "json", view, out, RenderOptions(lang))
    return dict(json.loads(out.getvalue()))


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
@pytest.mark.parametrize("pace", list(Pace))
@pytest.mark.parametrize("method", list(Method))
def test_the_report_validates_against_its_schema(
    catalog: Catalog, method: Method, pace: Pace, lang: str
) -> None:
    document = _report(catalog, lang, method=method, pace=pace)
    assert document["indicators"], "the bundled data set has indicators"
    assert _errors("report", document) == []


def test_the_report_with_compare_validates(catalog: Catalog) -> None:
    document = _report(catalog, "sv", year=2024, compare=2020)
    assert document["movements"] is not None
    assert _errors("report", document) == []


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
@pytest.mark.parametrize("method", list(Method))
def test_show_validates_for_every_indicator(catalog: Catalog, method: Method, lang: str) -> None:
    for indicator in catalog.indicators:
        view = indicator_view(
            catalog, indicator.id, year=None, method=method, pace=Pace.FITTED, since=None,
            period=None,
        )  # fmt: skip
        document = show_document(view, lang)
        assert _errors("show", document) == [], indicator.id
        assert list(document) == list(ShowDocument.model_fields)


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
@pytest.mark.parametrize("what", ["goals", "indicators"])
def test_list_validates(catalog: Catalog, what: str, lang: str) -> None:
    assert _errors("list", list_document(catalog, what, lang, "0")) == []


@pytest.mark.parametrize(
    "case", sorted(p for p in (CASES / "valid").iterdir()) + sorted((CASES / "invalid").iterdir())
)
def test_validate_validates_on_every_corpus_case(runner: CliRunner, case: Path) -> None:
    result = runner.invoke(app, ["validate", "--format", "json", "--data", str(case)])
    assert result.exit_code in (0, 1), result.output
    assert _errors("validate", json.loads(result.stdout)) == []


def test_every_document_has_a_published_schema(runner: CliRunner) -> None:
    for name in DOCUMENTS:
        result = runner.invoke(app, ["schema", name])
        assert result.exit_code == 0
        assert json.loads(result.stdout)["title"] == f"intl-tracker {name}"


def test_the_schemas_accept_added_fields_and_new_enumeration_values(catalog: Catalog) -> None:
    """Additions are not breaking (README, "Versions of the JSON documents")."""
    document = _report(catalog, "en")
    grown = copy.deepcopy(document)
    grown["new_top_level_field"] = {"anything": [1, 2]}
    grown["indicators"][0]["new_indicator_field"] = 1.5
    grown["indicators"][0]["status"] = "a_status_added_later"
    grown["indicators"][0]["unit"] = "tonnes"
    grown["method"] = "a_method_added_later"
    assert _errors("report", grown) == []
    view = indicator_view(
        catalog, catalog.indicators[0].id, year=None, method=Method.RATIO, pace=Pace.ENDPOINTS,
        since=None, period=None,
    )  # fmt: skip
    show = show_document(view, "fi")
    show["assessments"]["ratio"]["new_field"] = None
    show["assessments"]["a_method_added_later"] = show["assessments"]["ratio"]
    assert _errors("show", show) == []


def test_the_schemas_still_reject_a_broken_document(catalog: Catalog) -> None:
    """Open to growth, not to anything: a missing or mistyped field fails."""
    document = _report(catalog, "en")
    missing = copy.deepcopy(document)
    del missing["indicators"][0]["status"]
    mistyped = copy.deepcopy(document)
    mistyped["indicators"][0]["value"] = "22.9"
    assert _errors("report", missing)
    assert _errors("report", mistyped)
