"""The same number reads the same in the report, `show` and the chart (the number rule)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from intl_tracker.app.workflows import indicator_view, report_of, report_request
from intl_tracker.core.vocabulary import Method, Pace
from intl_tracker.dataset.loading import load_data_set
from intl_tracker.dataset.models import Catalog
from intl_tracker.render.charts import write_chart
from intl_tracker.render.registry import RenderOptions, render
from tests.conftest import REPO

MARKS = "ᵖᵉᶠ"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    result = load_data_set(REPO / "data")
    assert result.catalog is not None
    return result.catalog


def _markdown_cells(catalog: Catalog, year: int, lang: str) -> dict[str, list[str]]:
    """Each indicator's Markdown row of the report, by indicator id (rows are in order)."""
    request = report_request(
        catalog, year=year, goals=[], indicators=[], method=Method.RATIO, pace=Pace.ENDPOINTS,
        since=None, period=None,
    )  # fmt: skip
    view = report_of(request)
    out = io.StringIO()
    render("report", "markdown", view, out, RenderOptions(lang))
    rows = [
        [cell.strip() for cell in line.strip("|").split(" | ")]
        for line in out.getvalue().splitlines()
        if line.startswith("| ") and not line.startswith("| ---")
    ]
    data_rows = [r for r in rows if r[0] not in {"Indicator", "Indikaattori", "Indikator"}]
    return {row.indicator.id: cells for row, cells in zip(view.rows, data_rows, strict=True)}


@pytest.mark.exhaustive
@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_value_and_target_read_the_same_in_report_show_and_chart(
    catalog: Catalog, lang: str, tmp_path: Path
) -> None:
    span = catalog.year_span()
    assert span is not None
    year = span[1]  # every indicator's latest value is the one assessed and drawn last
    report = _markdown_cells(catalog, year, lang)
    compared = 0
    for indicator in catalog.indicators:
        cells = report[indicator.id]
        written = cells[1].split(" (")[0].rstrip("⚠")  # "23.6%ᵖ (2023)" -> "23.6%ᵖ"
        value = written.rstrip(MARKS)  # -> "23.6%"
        if value == "—":
            continue
        view = indicator_view(
            catalog, indicator.id, year=year, method=Method.RATIO, pace=Pace.ENDPOINTS,
            since=None, period=None,
        )  # fmt: skip
        out = io.StringIO()
        render("show", "table", view, out, RenderOptions(lang, width=250))
        assessed_year = view.assessments[Method.RATIO].year
        # show's assessed value with its marker (ᵉ ᵖ) as the report writes it (issue 20)
        assert f"{written} ({assessed_year})" in out.getvalue(), (indicator.id, written)
        chart = tmp_path / f"{indicator.id}-{lang}.svg"
        write_chart(view, lang, chart)
        texts = [t.strip() for t in ET.parse(chart).getroot().itertext() if t.strip()]
        # the latest value's label, with its marker as the report writes it (issue 20), and
        # its unit's words after it when the unit has words ("712ᵉ kt CO₂e")
        assert any(
            t == written or t.startswith((f"{written} ", f"{written}\u00a0")) for t in texts
        ), (
            indicator.id,
            written,
        )
        target = cells[3].split(" @ ")[0]
        if target != "—":
            assert re.search(rf"(^| ){re.escape(target)} \(", out.getvalue()), (
                indicator.id,
                target,
            )
            assert any(target in t for t in texts), (indicator.id, target)
        compared += 1
    assert compared >= 10


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_a_change_across_a_gap_reads_the_same_in_report_show_and_site(
    catalog: Catalog, lang: str
) -> None:
    """A change against a value older than the year before names that year with one wording
    in every format (the report said "vs 2010" where show said "(since 2010)"), and a change
    in a percentage is in percentage points everywhere (the site wrote "%")."""
    from intl_tracker.core.i18n import translator
    from intl_tracker.presentation.report_cells import change_cell, change_text
    from intl_tracker.site.content import _values

    view = indicator_view(
        catalog, "foreign-background-share", year=2022, method=Method.RATIO, pace=Pace.ENDPOINTS,
        since=None, period=None,
    )  # fmt: skip
    gap = next(row for row in view.values if row.change.gap)  # 2022 after 2020
    since = translator(lang).gettext("since {year}").format(year=gap.change.previous_year)
    assert since.endswith(str(gap.change.previous_year)) and "(" not in since
    expected = change_text(gap.change.absolute, "percent", view.decimals, lang) + " " + since
    out = io.StringIO()
    render("show", "table", view, out, RenderOptions(lang, width=250))
    assert expected in out.getvalue()
    assert expected in [line.change for line in _values(view, lang)]
    request = report_request(
        catalog, year=2022, goals=[], indicators=["foreign-background-share"],
        method=Method.RATIO, pace=Pace.ENDPOINTS, since=None, period=None,
    )  # fmt: skip
    report = report_of(request)
    row = report.rows[0]
    gapped = replace(row, change=replace(row.change, previous_year=gap.change.previous_year))
    assert change_cell(gapped, lang)[-1] == since
