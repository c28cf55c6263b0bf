"""The report renderers (JSON, CSV, Markdown, table), on assessments built by hand."""

from __future__ import annotations

import ast
import csv
import io
import json
import math
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from intl_tracker.assessment.engine import Assessment, TargetRef
from intl_tracker.core.vocabulary import STATUS_LABELS, STATUS_SYMBOLS, Method, Pace, Status
from intl_tracker.dataset.models import Catalog, Goal, Indicator, Programme
from intl_tracker.presentation.views import ReportView, build_report_view
from intl_tracker.render.json_documents.documents import (
    REPORT_VERSION,
    ReportDocument,
    ReportIndicatorJSON,
)
from intl_tracker.render.json_documents.json_output import report_document
from intl_tracker.render.json_documents.schemas import json_schema
from intl_tracker.render.registry import RENDERERS, RenderOptions, formats, render, renderer
from intl_tracker.render.terminal.report_table import sparkline
from intl_tracker.render.text_formats import CSV_COLUMNS

SRC = Path(__file__).parents[2] / "src" / "intl_tracker"

# Every field design.md ("Report JSON (schema_version 1)") promises.
DESIGN_TOP_FIELDS = {"schema_version", "tool_version", "programme", "year", "method", "goals"}
DESIGN_INDICATOR_FIELDS = {
    "id", "goal", "name", "unit", "direction", "year", "value", "value_status",
    "previous_year", "previous_value", "change", "change_pct", "base_year", "base_value",
    "cagr", "target", "required_cagr", "ratio", "path_value", "projected_value", "eta_year",
    "status", "status_label", "method_class",
}  # fmt: skip


def _indicator(id_: str, goal: str, unit: str, name: str, **extra: Any) -> Indicator:
    values = extra.pop("values", {2020: 10.0, 2021: 11.0, 2022: 12.5, 2023: 13.0})
    return Indicator.model_validate(
        {
            "id": id_,
            "name": {"en": name, "fi": f"{name} (fi)"},
            "goal": goal,
            "unit": unit,
            "direction": "increase",
            "values": values,
            **extra,
        }
    )


CATALOG = Catalog(
    programme=Programme(id="test-programme", name={"en": "Test programme", "fi": "Testiohjelma"}),
    goals=[
        Goal(id="green", number=1, name={"en": "A green city", "fi": "Vihreä kaupunki"}),
        Goal(id="open", number=2, name={"en": "An open city", "fi": "Avoin kaupunki"}),
        Goal(id="empty", number=3, name={"en": "A goal without indicators"}),
    ],
    indicators=[
        _indicator("share", "green", "percent", "Share of something", decimals=1),
        _indicator("people", "green", "count", "People | with a pipe"),
        _indicator("rank", "open", "rank", "A [bold]rank[/bold] :fire:"),
        _indicator(
            "nothing",
            "open",
            "kt-co2e",
            "An indicator with no data",
            values={},
        ),
    ],
)

BASE = Assessment(
    indicator_id="share",
    method=Method.RATIO,
    pace=Pace.ENDPOINTS,
    year=2024,
    value=23.0,
    value_status="provisional",
    previous_year=2023,
    previous_value=22.0,
    change=1.0,
    change_pct=4.545454545454546,
    base_year=2018,
    base_value=20.0,
    cagr=0.028347,
    fitted_cagr=0.0279,
    target=TargetRef(value=30.0, year=2035, kind="forecast"),
    required_cagr=0.024138,
    ratio=1.174381,
    path_value=23.333333333333332,
    projected_value=31.4,
    eta_year=2033,
    status=Status.ON_TRACK,
    status_label=STATUS_LABELS[Status.ON_TRACK],
    method_class="significant progress",
    reason=None,
    deviation=None,
    annual_change=None,
)

NONE_EVERYWHERE = Assessment(
    indicator_id="nothing",
    method=Method.RATIO,
    pace=Pace.ENDPOINTS,
    year=None,
    value=None,
    value_status=None,
    previous_year=None,
    previous_value=None,
    change=None,
    change_pct=None,
    base_year=None,
    base_value=None,
    cagr=None,
    fitted_cagr=None,
    target=None,
    required_cagr=None,
    ratio=None,
    path_value=None,
    projected_value=None,
    eta_year=None,
    status=Status.INSUFFICIENT_DATA,
    status_label=STATUS_LABELS[Status.INSUFFICIENT_DATA],
    method_class="insufficient data",
    reason="no values",
    deviation=None,
    annual_change=None,
)

ASSESSMENTS = [
    BASE,
    replace(
        BASE,
        indicator_id="people",
        year=2023,  # older than the report year
        value=123456.0,
        value_status="estimated",
        previous_year=2021,  # a gap in the series
        previous_value=120000.0,
        change=3456.0,
        change_pct=2.88,
        target=TargetRef(value=150000.0, year=2030, kind="target"),
        status=Status.MODERATE,
        status_label=STATUS_LABELS[Status.MODERATE],
    ),
    replace(
        BASE,
        indicator_id="rank",
        value=7.0,
        value_status="final",
        change=-2.0,
        change_pct=-22.2,
        target=None,
        required_cagr=None,
        status=Status.MOVING_AWAY,
        status_label=STATUS_LABELS[Status.MOVING_AWAY],
    ),
    NONE_EVERYWHERE,
]


def _context(assessments: list[Assessment] | None = None, **changes: Any) -> ReportView:
    view = build_report_view(
        CATALOG,
        ASSESSMENTS if assessments is None else assessments,
        year=2024,
        method=Method.RATIO,
        pace=Pace.ENDPOINTS,
        tool_version="0.1.0",
    )
    return replace(view, **changes)


def _render(
    fmt: str,
    ctx: ReportView | None = None,
    *,
    lang: str = "en",
    color: bool = False,
    width: int | None = None,
) -> str:
    out = io.StringIO()
    render("report", fmt, ctx or _context(), out, RenderOptions(lang, color, width))
    return out.getvalue()


# --- registry ------------------------------------------------------------------------------


@pytest.mark.parametrize(("view", "fmt"), [(v, f) for v in RENDERERS for f in RENDERERS[v]])
def test_every_registered_renderer_can_be_imported(view: str, fmt: str) -> None:
    assert callable(renderer(view, fmt))


def test_the_report_has_the_four_documented_formats_table_first() -> None:
    assert formats("report") == ("table", "json", "csv", "markdown")


@pytest.mark.parametrize("fmt", formats("report"))
def test_every_format_renders_an_empty_report(fmt: str) -> None:
    assert _render(fmt, _context([])).strip()


def test_an_assessment_of_an_unknown_indicator_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown indicator 'ghost'"):
        _context([replace(BASE, indicator_id="ghost")])


# --- JSON ----------------------------------------------------------------------------------


def test_json_validates_against_its_model_and_has_every_design_field() -> None:
    document = json.loads(_render("json"))
    ReportDocument.model_validate(document)
    assert document.keys() >= DESIGN_TOP_FIELDS
    assert document["schema_version"] == REPORT_VERSION == 1
    goal = document["goals"][0]
    assert {k: goal[k] for k in ("id", "number", "name")} == {
        "id": "green",
        "number": 1,
        "name": "A green city",
    }
    assert len(document["indicators"]) == len(ASSESSMENTS)
    for indicator in document["indicators"]:
        assert indicator.keys() >= DESIGN_INDICATOR_FIELDS


def test_json_keys_follow_the_model_in_order() -> None:
    document = report_document(_context(), "en")
    assert list(document) == list(ReportDocument.model_fields)
    for indicator in document["indicators"]:
        assert list(indicator) == list(ReportIndicatorJSON.model_fields)


def test_json_keeps_fractions_and_does_not_round() -> None:
    share = json.loads(_render("json"))["indicators"][0]
    assert share["cagr"] == 0.028347
    assert share["required_cagr"] == 0.024138
    assert share["change_pct"] == 4.545454545454546
    assert share["path_value"] == 23.333333333333332
    assert share["target"] == {"value": 30.0, "year": 2035, "kind": "forecast"}
    assert share["name"] == "Share of something"
    assert share["decimals"] == 1


def test_json_of_an_assessment_without_numbers_is_all_null() -> None:
    document = json.loads(_render("json", _context([NONE_EVERYWHERE])))
    (nothing,) = document["indicators"]
    assert nothing["status"] == "insufficient_data"
    assert nothing["target"] is None
    assert all(nothing[field] is None for field in ("value", "cagr", "ratio", "eta_year"))
    ReportDocument.model_validate(document)


def test_json_turns_nan_and_infinity_into_null() -> None:
    broken = replace(
        BASE,
        value=math.nan,
        cagr=math.inf,
        ratio=-math.inf,
        target=TargetRef(math.nan, 2030, "target"),
    )
    text = _render("json", _context([broken]))
    assert "NaN" not in text and "Infinity" not in text
    share = json.loads(text)["indicators"][0]
    assert share["value"] is share["cagr"] is share["ratio"] is share["target"] is None


_numbers = st.none() | st.floats(allow_nan=True, allow_infinity=True)


@settings(max_examples=60, deadline=None)
@given(
    value=_numbers,
    change=_numbers,
    cagr=_numbers,
    ratio=_numbers,
    projected=_numbers,
    status=st.sampled_from(Status),
)
def test_json_is_valid_for_any_numbers(
    value: float | None,
    change: float | None,
    cagr: float | None,
    ratio: float | None,
    projected: float | None,
    status: Status,
) -> None:
    assessment = replace(
        BASE,
        value=value,
        change=change,
        cagr=cagr,
        ratio=ratio,
        projected_value=projected,
        status=status,
        status_label=STATUS_LABELS[status],
    )
    ctx = _context([assessment])
    ReportDocument.model_validate_json(_render("json", ctx))
    for fmt in ("csv", "markdown", "table"):
        assert "nan" not in _render(fmt, ctx).lower()


def test_json_names_and_labels_follow_the_language() -> None:
    document = json.loads(_render("json", lang="fi"))
    assert document["lang"] == "fi"
    assert document["programme"]["name"] == "Testiohjelma"
    assert document["indicators"][0]["name"] == "Share of something (fi)"
    # judged against a forecast: the label says so, as the site and --compare do (issue 20)
    assert document["indicators"][0]["status_label"] == "oikealla uralla (ennuste)"
    assert document["indicators"][0]["status"] == "on_track"


def test_json_is_not_passed_through_rich() -> None:
    text = _render("json")
    assert "A [bold]rank[/bold] :fire:" in text
    assert "\x1b[" not in text


def test_report_json_schema() -> None:
    schema = json_schema("report")
    json.dumps(schema)
    assert {"indicators", "goals", "programme"} <= set(schema["required"])
    indicator = schema["$defs"]["ReportIndicatorJSON"]
    assert set(indicator["properties"]) >= DESIGN_INDICATOR_FIELDS
    assert "fraction" in indicator["properties"]["cagr"]["description"]


_LIGHT_JSON_RUN = """
import io, sys
from intl_tracker.core.vocabulary import Method, Pace
from intl_tracker.dataset.models import Catalog, Programme
from intl_tracker.render.registry import RenderOptions, render
from intl_tracker.presentation.views import build_report_view
catalog = Catalog(programme=Programme(id="p", name={"en": "P"}), goals=[], indicators=[])
view = build_report_view(catalog, [], year=2024, method=Method.RATIO, pace=Pace.ENDPOINTS,
                         tool_version="0")
render("report", "json", view, io.StringIO(), RenderOptions("fi"))
print(sorted(m for m in sys.modules if m.split(".")[0] in ("rich", "babel")))
"""


def test_the_json_path_does_not_import_rich() -> None:
    run = subprocess.run(
        [sys.executable, "-c", _LIGHT_JSON_RUN], check=True, capture_output=True, text=True
    )
    assert run.stdout.strip() == "[]"


def test_reporting_has_no_module_level_rich_or_pandas_import() -> None:
    tree = ast.parse((SRC / "render" / "text_formats.py").read_text(encoding="utf-8"))
    imported = {
        name.split(".")[0]
        for node in tree.body
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
        )
    }
    assert not imported & {"rich", "pandas"}


# --- CSV -----------------------------------------------------------------------------------


def test_csv_parses_back_with_header_and_one_row_per_indicator() -> None:
    text = _render("csv")
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    assert [r["id"] for r in rows] == ["share", "people", "rank", "nothing"]
    share, people, _, nothing = rows
    assert share["goal_number"] == "1" and share["goal"] == "green"
    assert float(share["cagr"]) == 0.028347  # unrounded fraction
    assert abs(float(share["change_pct"]) - 4.545454545454546) < 1e-9  # 12 significant digits
    assert share["target_value"] == "30" and share["target_kind"] == "forecast"  # as written
    assert people["name"] == "People | with a pipe"
    assert people["year"] == "2023"
    assert nothing["value"] == "" and nothing["target_year"] == ""
    assert nothing["status"] == "insufficient_data"
    assert "\r" not in text


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_has_a_heading_per_goal_and_a_row_per_indicator() -> None:
    text = _render("markdown")
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    assert headings == ["### 1. A green city", "### 2. An open city"]  # goal 3 has no rows
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    header_and_rule = 2 * len(headings)
    assert len(rows) - header_and_rule == len(ASSESSMENTS)
    assert "People \\| with a pipe" in text
    assert "A \\[bold\\]rank\\[/bold\\] :fire:" in text
    # every row has the same number of (unescaped) cells as the header
    for row in rows:
        assert row.replace("\\|", "").count("|") == 8


def test_markdown_formats_numbers_to_the_indicators_decimals() -> None:
    text = _render("markdown")
    assert "| 23.0%ᵖ |" in text
    assert "123,456ᵉ (2023)" in text
    assert "+3,456 (+2.9%) since 2021" in text
    assert "30.0% @ 2035ᶠ" in text
    assert "+2.4% vs +2.8%" in text
    assert "▲ on track" in text and "◐ needs acceleration" in text


# --- table ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("width", [None, 80, 120])
def test_table_without_colour_is_plain_and_fits(
    lang: str, width: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Explicit arguments must win over the environment.
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "300")
    text = _render("table", _context(), width=width)
    assert "\x1b[" not in text
    assert all(cell_len(line) <= (width or 100) for line in text.splitlines())
    assert all(line == line.rstrip() for line in text.splitlines())
    assert not set("│┃┏━┡╇") & set(text)  # no box art


def test_table_with_colour_has_ansi_codes_and_still_fits() -> None:
    text = _render("table", color=True)
    assert "\x1b[" in text
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert all(cell_len(line) <= 100 for line in plain.splitlines())


def test_table_content() -> None:
    text = _render("table")
    assert "1. A green city" in text and "2. An open city" in text
    assert "A goal without indicators" not in text
    assert "23.0%ᵖ" in text
    assert "123,456ᵉ" in text and "(2023)" in text
    assert "+1.0 pp" in text
    assert "▲ on track" in text and "? insufficient data" in text
    flat = " ".join(text.split())  # commitments counted first, apart from forecasts
    assert "Against commitments: ◐ 1 needs acceleration · Against forecasts: ▲ 1 on track" in flat
    assert "Method: ratio" in text
    for status in Status:
        assert STATUS_SYMBOLS[status] in text  # the legend explains every symbol


def test_table_prints_user_strings_literally() -> None:
    for color in (False, True):
        text = _render("table", color=color)
        assert "A [bold]rank[/bold] :fire:" in text


def test_table_in_finnish() -> None:
    text = _render("table", lang="fi")
    for word in ("Indikaattori", "Tavoitearvo", "Tila", "Projektio", "oikealla uralla"):
        assert word in text
    assert "vaatii kiihdytystä" in text
    assert "123\u00a0456ᵉ" in text  # thousands with a no-break space
    assert "23,0\u00a0%ᵖ" in text  # decimal comma
    assert "1. Vihreä kaupunki" in text


def test_table_sparkline_uses_the_series_up_to_the_assessed_year() -> None:
    text = _render("table")
    assert sparkline([10.0, 11.0, 12.5, 13.0]) in text


# --- helpers -------------------------------------------------------------------------------


def test_sparkline() -> None:
    assert sparkline([]) == ""
    assert sparkline([1.0, 2.0, 3.0]) == "▁▅█"
    assert sparkline([5.0, 5.0]) == "▄▄"
    assert len(sparkline([float(i) for i in range(10)])) == 10


# --- issue 20 leftover: the pace header never contradicts its cells ------------------------


def _rank_with_pace() -> ReportView:
    """The fixture with the rank row judged on differences (2 places a year needed)."""
    rows = [
        replace(a, required_change=-2.0, annual_change=1.0) if a.indicator_id == "rank" else a
        for a in ASSESSMENTS
    ]
    return _context(rows)


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_the_pace_header_has_no_unit_and_every_pace_cell_has_one(fmt: str, lang: str) -> None:
    text = _render(fmt, _rank_with_pace(), lang=lang, width=300)
    assert "%/y" not in text and "%/v" not in text and "%/år" not in text
    header = {"en": "Pace a year", "fi": "Vauhti vuodessa", "sv": "Takt per år"}[lang]
    assert header in text
    places = {"en": "up 2 places a year", "fi": "sijaa", "sv": "placering"}[lang]
    assert places in text  # the rank row's pace in places
    percent = {"en": "+2.4% vs +2.8%", "fi": "+2,4 % / +2,8 %", "sv": "+2,4 %"}[lang]
    assert percent.replace(" ", "\u00a0") in text.replace(" ", "\u00a0")  # the share's in %


def test_the_csv_pace_columns_keep_their_codes() -> None:
    header = _render("csv", _rank_with_pace()).splitlines()[0]
    assert "required_cagr,cagr" in header and "required_change" in header
    assert "Pace" not in header


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
@pytest.mark.parametrize("width", [80, 100])
def test_the_legend_never_parts_a_symbol_from_its_words(lang: str, width: int) -> None:
    text = _render("table", lang=lang, width=width)
    symbols = "✓▲◐△▼✗?⇑⇗⇒⇘⇓"
    for line in text.splitlines():
        assert line.rstrip()[-1:] not in symbols or line.strip() in symbols, line
