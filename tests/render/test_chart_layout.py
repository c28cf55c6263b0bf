"""The image charts: what they show matches the page (values up to the report year, the x
axis from the assessed period to the report or target year, a visible gap for an old value),
every element drawn is in the legend, and no text overlaps another or is cut at the edge, at
every size, in every language (issue 21, case 3)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from intl_tracker.app.workflows import indicator_view, load_catalog
from intl_tracker.core.vocabulary import Method, Pace
from intl_tracker.presentation.indicator_view import IndicatorView
from tests.conftest import REPO

pytest.importorskip("matplotlib")
import matplotlib

from intl_tracker.render import charts
from intl_tracker.render.charts import PAGE_SIZES, SLIDE, chart_window, draw_figure
from tests.render.chart_check import clipped, overlapping, text_boxes

ALL_SIZES = (*PAGE_SIZES, SLIDE)
LANGS = ("fi", "sv", "en")

GOALS = """\
programme:
  id: p
  name: {fi: Ohjelma, sv: Programmet, en: Programme}
goals:
  - id: g
    number: 1
    name: {fi: Tavoite, sv: Målet, en: Goal}
"""


def _view(data: Path, indicator_id: str, year: int | None) -> IndicatorView:
    return indicator_view(
        load_catalog(data), indicator_id, year=year, method=Method.RATIO, pace=Pace.ENDPOINTS,
        since=None, period=None,
    )  # fmt: skip


def _figure(view: IndicatorView, lang: str, size: charts.ChartSize) -> Any:
    with matplotlib.rc_context(charts._RC):
        return draw_figure(view, lang, size)


def _data(tmp_path: Path, indicator: str) -> Path:
    root = tmp_path / "data"
    (root / "indicators").mkdir(parents=True)
    (root / "goals.yaml").write_text(GOALS, encoding="utf-8")
    (root / "indicators" / "x.yaml").write_text(indicator, encoding="utf-8")
    return root


@pytest.mark.exhaustive
@pytest.mark.parametrize("size", ALL_SIZES, ids=[s.name for s in ALL_SIZES])
def test_no_text_of_any_bundled_chart_overlaps_or_is_cut(size: charts.ChartSize) -> None:
    """Every bundled indicator in every language at this size (the projection and target
    labels overlapped, "2022: -66,7 % vuode..." was cut at the edge)."""
    catalog_dir = REPO / "data"
    problems = {}
    for path in sorted((catalog_dir / "indicators").glob("*.yaml")):
        view = _view(catalog_dir, path.stem, 2024)
        for lang in LANGS:
            figure = _figure(view, lang, size)
            found = clipped(figure), overlapping(figure)
            if found != ([], []):
                problems[f"{path.stem} {lang}"] = found
    assert problems == {}


@pytest.mark.exhaustive
def test_a_long_name_and_unit_wrap_or_shorten_and_stay_inside(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    path = data / "indicators" / "population.yaml"
    long_name = " ".join(["Asukasluku"] * 60) + " " + "x" * 300
    text = path.read_text(encoding="utf-8").replace('fi: "Väkiluku"', f"fi: {long_name}", 1)
    text = text.replace("unit: count", "unit: count\nunit_label: {fi: " + "yksikkö " * 80 + "}")
    assert long_name in text
    path.write_text(text, encoding="utf-8")
    view = _view(data, "population", None)
    for size in ALL_SIZES:
        figure = _figure(view, "fi", size)
        assert (clipped(figure), overlapping(figure)) == ([], []), size.name


OLD_VALUE = """\
id: x
name: {fi: Sijoitus, sv: Placering, en: Ranking}
goal: g
unit: rank
direction: decrease
baseline: 2012
targets:
  - {value: 5, year: 2030}
values:
  1990: 40
  2012: 30
  2015: 20
  2017: 14
  2025: 9
"""


def test_the_chart_shows_the_report_year_window(tmp_path: Path) -> None:
    """A 2017 value in a 2024 report: the axis runs from the assessed period (2012, not the
    1990 value) to the target year, the 2025 value is not drawn, and the gap is shaded with
    the report year marked, both in the legend."""
    view = _view(_data(tmp_path, OLD_VALUE), "x", 2024)
    window = chart_window(view)
    assert (window.x0, window.x1) == (2012, 2030)
    assert [p.year for p in window.points] == [2012, 2015, 2017]
    figure = _figure(view, "en", charts.LARGE)
    ax = figure.axes[0]
    left, right = ax.get_xlim()
    assert 2011 < left < 2012 and 2030 < right < 2031
    series = [line for line in ax.get_lines() if line.get_color() == charts.SERIES]
    drawn_years = {round(float(x)) for line in series for x in line.get_xdata()}
    assert drawn_years == {2012, 2015, 2017}
    assert 2025 not in drawn_years and 1990 not in drawn_years
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert "after the latest value" in legend
    assert "report year 2024" in legend


def test_without_a_target_the_axis_ends_at_the_report_year(tmp_path: Path) -> None:
    text = OLD_VALUE.replace("targets:\n  - {value: 5, year: 2030}\n", "")
    view = _view(_data(tmp_path, text), "x", 2024)
    assert (chart_window(view).x0, chart_window(view).x1) == (2012, 2024)


SHARE = """\
id: x
name: {fi: Osuus, sv: Andel, en: Share}
goal: g
unit: percent
direction: increase
decimals: 1
targets:
  - {value: 30, year: 2035, kind: forecast}
  - {value: 25, year: 2030}
values:
  2015: 14.2
  2016: {value: 15.2, status: provisional}
  2017: {value: 16.0, status: estimated}
  2020: 18.0
  2021: 19.1
  2022: 20.5
"""


def test_every_element_drawn_is_in_the_legend(tmp_path: Path) -> None:
    """Series, hollow markers, the bridge over missing years, the straight path, the
    projection, the targets by kind, the shading and the report year all have an entry."""
    view = _view(_data(tmp_path, SHARE), "x", 2024)
    figure = _figure(view, "en", charts.LARGE)
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    ax = figure.axes[0]
    styles = {
        (line.get_linestyle(), line.get_color(), line.get_marker()) for line in ax.get_lines()
    }
    assert len(legend) == len(set(legend))
    expected = {
        "values", "estimated or provisional", "no values in between", "after the latest value",
        "report year 2024", "projection at the current pace", "Committed target",
    }  # fmt: skip
    assert expected <= set(legend), legend
    assert any(text.startswith("straight path") for text in legend)
    assert len(ax.patches) >= 1 and styles  # the shade is a patch, the rest lines


def test_every_chart_text_is_at_least_the_size_of_the_page_text() -> None:
    """Every text of a page chart is 12.5 points in its own viewBox; site.css shows a size
    only where it is scaled by at least 0.96, so at least 12 px on screen."""
    view = _view(REPO / "data", "ghg-emissions", 2024)
    for size in PAGE_SIZES:
        figure = _figure(view, "fi", size)
        sizes = {artist.get_fontsize() for artist in figure.findobj(matplotlib.text.Text)
                 if artist.get_text().strip() and artist.get_visible()}  # fmt: skip
        assert min(sizes) >= 12.5, size.name
        assert text_boxes(figure)
