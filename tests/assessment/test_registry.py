"""The method registry: a fourth method is its own module plus one registration, an unknown
method fails loudly, and no code outside a method's module asks which method it is."""

from __future__ import annotations

import ast
import io
import json
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from intl_tracker.app.workflows import indicator_view, report_of, report_request
from intl_tracker.assessment import registry
from intl_tracker.assessment.draft import Case
from intl_tracker.assessment.engine import assess_catalog, assess_indicator
from intl_tracker.assessment.numeric import band
from intl_tracker.assessment.registry import (
    OWN_QUANTITIES,
    AssessmentMethod,
    BandEdges,
    UnknownMethodError,
    Verdict,
)
from intl_tracker.cli.commands import app
from intl_tracker.core.errors import ExitCode, UsageError
from intl_tracker.core.i18n import N_
from intl_tracker.core.vocabulary import Method, Pace, Status
from intl_tracker.dataset.loading import load_data_set
from intl_tracker.dataset.models import Catalog
from intl_tracker.presentation.views import build_report_view
from intl_tracker.presentation.wording import method_name
from intl_tracker.render.json_documents.schemas import json_schema
from intl_tracker.render.registry import RenderOptions, render
from tests.conftest import CASES, REPO

SRC = REPO / "src" / "intl_tracker"


# --- a fourth method, written here as its own module would be ------------------------------


def _assess_gap(case: Case) -> Verdict:
    """Share of the base-to-target gap closed, over the share of the time elapsed."""
    dr, target = case.draft, case.target
    if (
        target is None
        or dr.base_year is None
        or dr.base_value is None
        or target.year <= dr.base_year
        or target.value == dr.base_value
    ):
        dr.note("the gap method needs a target and a base value apart from it")
        return Verdict(Status.INSUFFICIENT_DATA)
    elapsed = (case.year - dr.base_year) / (target.year - dr.base_year)
    dr.ratio = (case.value - dr.base_value) / (target.value - dr.base_value) / elapsed
    return Verdict(band(dr.ratio, case.bands.on_track, case.bands.moderate))


GAP = AssessmentMethod(
    name="gap",
    title=N_("gap closed vs time elapsed"),
    summary=N_("gap: share of the gap closed over the share of the time elapsed; ≥ 1 on track"),
    source="a test stub",
    classes={status: f"gap {status}" for status in Status},
    bands=BandEdges(on_track=1.0, moderate=0.5, trend_on_track=0.01, trend_moderate=0.0),
    assess=_assess_gap,
    quantities=frozenset({"ratio"}),
)


@pytest.fixture
def gap() -> Iterator[AssessmentMethod]:
    registry.register(GAP)  # the one line a new method adds
    try:
        yield GAP
    finally:
        registry.unregister(GAP.name)


@pytest.fixture(scope="module")
def espoo() -> Catalog:
    result = load_data_set(REPO / "data")
    assert result.catalog is not None
    return result.catalog


def test_a_registered_method_assesses_with_its_own_rule_and_words(
    gap: AssessmentMethod, espoo: Catalog
) -> None:
    assert registry.method_names() == ("ratio", "unsd", "dns", "gap")
    share = espoo.indicator("foreign-language-share")
    assert share is not None
    a = assess_indicator(share, year=2024, method="gap")
    assert a.method == "gap" and a.ratio is not None
    assert a.method_class == f"gap {a.status}"
    assert a.deviation is None and a.annual_change is None  # dns's numbers stay dns's
    assert method_name("gap", "fi") == "gap closed vs time elapsed"  # untranslated: as written


def test_a_registered_method_runs_through_the_report_json_and_table(
    gap: AssessmentMethod, espoo: Catalog
) -> None:
    request = report_request(
        espoo, year=2024, goals=[], indicators=[], method="gap", pace=Pace.ENDPOINTS,
        since=None, period=None,
    )  # fmt: skip
    view = report_of(request)
    out = io.StringIO()
    render("report", "json", view, out, RenderOptions("en"))
    document = json.loads(out.getvalue())
    Draft202012Validator(json_schema("report")).validate(document)  # an open enumeration
    assert document["method"] == "gap"
    rows = document["indicators"]
    assert {r["method_class"] for r in rows} <= {f"gap {s}" for s in Status} | {None}
    assert all(r["deviation"] is None for r in rows)
    assert any(r["ratio"] is not None for r in rows)
    table = io.StringIO()
    render("report", "table", view, table, RenderOptions("en", width=200))
    text = " ".join(table.getvalue().split())
    pace = "pace: the yearly growth (%) or change (places, units) needed to reach the target"
    assert f"{pace} vs the actual one" in text  # its column
    # the legend names the method once, by its title (its summary's "gap: " is not repeated)
    assert "gap closed vs time elapsed: share of the gap closed over the share of the time" in text


def test_show_lists_a_registered_method_after_the_built_in_ones(
    gap: AssessmentMethod, espoo: Catalog
) -> None:
    view = indicator_view(
        espoo, "foreign-language-share", year=2024, method="gap", pace=Pace.ENDPOINTS,
        since=None, period=None,
    )  # fmt: skip
    assert list(view.assessments) == ["ratio", "unsd", "dns", "gap"]
    out = io.StringIO()
    render("show", "json", view, out, RenderOptions("en"))
    assert json.loads(out.getvalue())["assessments"]["gap"]["method_class"].startswith("gap ")
    table = io.StringIO()
    render("show", "table", view, table, RenderOptions("en", width=400))
    assert "gap closed vs time elapsed (selected)" in table.getvalue()


def test_the_fourth_method_is_gone_once_unregistered(gap: AssessmentMethod) -> None:
    registry.unregister("gap")
    with pytest.raises(UnknownMethodError):
        registry.method("gap")
    registry.register(GAP)  # for the fixture's own clean-up


# --- an unknown method fails loudly --------------------------------------------------------


def test_an_unknown_method_names_the_known_ones(espoo: Catalog) -> None:
    share = espoo.indicator("foreign-language-share")
    assert share is not None
    with pytest.raises(UnknownMethodError) as caught:
        assess_indicator(share, method="gap")
    message = str(caught.value)
    assert "'gap'" in message and "ratio, unsd, dns" in message
    assert isinstance(caught.value, UsageError) and caught.value.exit_code is ExitCode.USAGE
    assert isinstance(caught.value, ValueError)  # for library callers
    assert str(pickle.loads(pickle.dumps(caught.value))) == message  # from a worker process


def test_no_part_of_the_output_falls_into_another_method(espoo: Catalog) -> None:
    """A view built for an unknown method (not through the engine) fails in every renderer
    that words or lays out the method, instead of printing another method's words."""
    assessments = assess_catalog(espoo, year=2024)
    view = build_report_view(
        espoo, assessments, year=2024, method="gap", pace=Pace.ENDPOINTS, tool_version="0"
    )
    for fmt in ("table", "markdown"):
        with pytest.raises(UnknownMethodError):
            render("report", fmt, view, io.StringIO(), RenderOptions("en"))
    with pytest.raises(UnknownMethodError):
        method_name("gap", "en")


def test_the_command_line_refuses_an_unknown_method(runner: CliRunner) -> None:
    data = str(CASES / "valid" / "minimal")
    result = runner.invoke(app, ["report", "--data", data, "--method", "gap"])
    assert result.exit_code == ExitCode.USAGE
    assert "ratio" in result.output and "dns" in result.output


def test_registering_a_taken_or_incomplete_method_is_refused() -> None:
    from dataclasses import replace

    with pytest.raises(ValueError, match="exists already"):
        registry.register(replace(GAP, name="dns"))
    with pytest.raises(ValueError, match="no class name for"):
        registry.register(replace(GAP, classes={Status.ON_TRACK: "fine"}))
    with pytest.raises(ValueError, match="own quantity"):
        registry.register(replace(GAP, quantities=frozenset({"cagr"})))
    with pytest.raises(ValueError, match="built-in"):
        registry.unregister("ratio")
    assert registry.method_names() == ("ratio", "unsd", "dns")


# --- the built-in methods -----------------------------------------------------------------


def test_the_command_line_choices_are_the_registry_lines(runner: CliRunner) -> None:
    """vocabulary.Method (read at start-up) lists exactly the built-in methods, and each
    registry line leads to a module declaring the method of that name."""
    assert [m.value for m in Method] == list(registry.BUILT_IN)
    for name in registry.BUILT_IN:
        assert registry.method(name).name == name
    help_text = " ".join(runner.invoke(app, ["report", "--help"]).output.split())
    for line in registry.BUILT_IN.values():
        assert line.option_help in help_text


@pytest.mark.parametrize("name", list(registry.BUILT_IN))
def test_a_method_fills_only_the_quantities_it_declares(name: str, espoo: Catalog) -> None:
    method = registry.method(name)
    assert method.quantities <= OWN_QUANTITIES
    filled: set[str] = set()
    for pace in Pace:
        for year in (2015, 2020, 2024):
            for a in assess_catalog(espoo, year=year, method=name, pace=pace):
                filled |= {q for q in OWN_QUANTITIES if getattr(a, q) is not None}
    assert filled == method.quantities  # every declared one is used, no other


# --- no method branches outside a method's module -------------------------------------------

#: Where a built-in method's name may stand in code: its own module, the registry line, the
#: command line's light list, and the data format (dataset/: the thresholds of each method
#: are fields of the indicator file, below the assessment layer).
_MAY_NAME_A_METHOD = {
    Path("assessment/registry.py"),
    Path("core/vocabulary.py"),
    Path("dataset/checks.py"),
}


def _method_tests(tree: ast.AST) -> list[int]:
    """Lines that compare with a method: ``x == "dns"``, ``m is Method.DNS`` and the like."""
    names = {m.value for m in Method}

    def is_method(node: ast.expr) -> bool:
        if isinstance(node, ast.Constant) and node.value in names:
            return True
        return (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "Method"
        )

    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Compare) and any(map(is_method, [node.left, *node.comparators]))
    ]


def test_no_code_outside_a_method_module_asks_which_method_it_is() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC)
        if relative.parts[:2] == ("assessment", "methods") or relative in _MAY_NAME_A_METHOD:
            continue
        lines = _method_tests(ast.parse(path.read_text(encoding="utf-8")))
        found += [f"{relative}:{line}" for line in lines]
    assert found == []


def test_the_branch_finder_finds_a_branch() -> None:
    assert _method_tests(ast.parse("if a.method is Method.DNS:\n    pass")) == [1]
    assert _method_tests(ast.parse("x = 1 if method == 'unsd' else 2")) == [1]
    assert _method_tests(ast.parse("x = a.pace is Pace.FITTED")) == []
