"""The chart by category (issue 24): a line per category told apart by colour, line style
and marker; direct labels that never overlap or are cut; the top 7 and a note beyond 8
categories; hostile names escaped; a rank's axis inverted; the headline chart's window."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from intl_tracker.app.workflows import indicator_view, load_catalog
from intl_tracker.core.vocabulary import Method, Pace
from intl_tracker.presentation.indicator_view import IndicatorView
from tests.conftest import REPO

pytest.importorskip("matplotlib")
import itertools

import matplotlib
from matplotlib.lines import Line2D

from intl_tracker.render import breakdown_chart as bc
from intl_tracker.render import charts
from intl_tracker.render.charts import PAGE_SIZES, SLIDE
from tests.render.chart_check import clipped, overlapping, text_boxes

ALL_SIZES = (*PAGE_SIZES, SLIDE)
LANGS = ("fi", "sv", "en")
SVG = "{http://www.w3.org/2000/svg}"

GOALS = """\
programme:
  id: p
  name: {fi: Ohjelma, sv: Programmet, en: Programme}
goals:
  - id: g
    number: 1
    name: {fi: Tavoite, sv: Målet, en: Goal}
dimensions:
  - id: area
    name: {fi: Alue, sv: Område, en: Area}
    categories:
"""


def _data(tmp_path: Path, names: list[str], rows: list[str], unit: str = "count") -> Path:
    """A synthetic data set: indicator x with a breakdown by ``area`` whose categories are
    ``names`` (codes c0, c1, ...) and whose CSV rows are ``rows``."""
    root = tmp_path / "data"
    (root / "indicators").mkdir(parents=True)
    cats = "".join(
        f'      - {{code: c{i}, name: {{fi: "{n}", sv: "{n}", en: "{n}"}}}}\n'
        for i, n in enumerate(names)
    )
    (root / "goals.yaml").write_text(GOALS + cats, encoding="utf-8")
    direction = "decrease" if unit == "rank" else "increase"
    values = "".join(f"  {y}: {1000 + 10 * (y - 2015) if unit != 'rank' else 20 - (y - 2015)}\n"
                     for y in range(2015, 2025))  # fmt: skip
    (root / "indicators" / "x.yaml").write_text(
        f"id: x\nname: {{en: Synthetic, fi: Keksitty, sv: Påhittat}}\ngoal: g\nunit: {unit}\n"
        f"direction: {direction}\nsource: {{publisher: Synthetic test data}}\n"
        f"breakdowns:\n  - area\nvalues:\n{values}",
        encoding="utf-8",
    )
    (root / "indicators" / "x.csv").write_text(
        "year,area,value,status,note\n" + "".join(r + "\n" for r in rows), encoding="utf-8"
    )
    return root


def _view(data: Path, indicator_id: str, year: int | None = 2024) -> IndicatorView:
    return indicator_view(
        load_catalog(data), indicator_id, year=year, method=Method.RATIO, pace=Pace.ENDPOINTS,
        since=None, period=None,
    )  # fmt: skip


def _figure(view: IndicatorView, index: int, lang: str, size: charts.ChartSize) -> Any:
    with matplotlib.rc_context(charts._RC):
        return bc.draw_breakdown_figure(view, view.breakdowns[index], lang, size)


def _twelve(tmp_path: Path) -> Path:
    """12 categories whose values lie close together (their labels all want one place)
    with long names, one of them provisional."""
    names = [f"District number {i} with a long name" for i in range(12)]
    rows = [
        f"{y},c{i},{500 + i + (y - 2018) * 3},{'provisional' if (i, y) == (11, 2023) else ''},"
        for i in range(12)
        for y in range(2018, 2024)
    ]
    return _data(tmp_path, names, rows)


def test_each_category_has_its_own_colour_style_and_marker() -> None:
    """No two lines share a line style or a marker, so none is told apart by colour alone;
    the total's black is no category's colour."""
    assert len(bc.PALETTE) == len(bc.LINE_STYLES) == len(bc.MARKERS) == bc.MAX_LINES
    assert len(set(map(str, bc.LINE_STYLES))) == bc.MAX_LINES
    assert len(set(bc.MARKERS)) == bc.MAX_LINES
    assert bc.TOTAL_COLOUR not in bc.PALETTE
    # Okabe-Ito's seven colours other than black, each once before any repeats
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
    assert set(bc.PALETTE[:7]) == okabe_ito


def test_the_drawn_lines_differ_in_style_and_marker(tmp_path: Path) -> None:
    view = _view(_twelve(tmp_path), "x")
    figure = _figure(view, 0, "en", PAGE_SIZES[1])
    ax = figure.axes[0]
    looks = {(str(line.get_linestyle()), line.get_marker()) for line in ax.lines
             if line.get_marker() not in (None, "None", "")}  # fmt: skip
    # the total and 7 categories: 8 looks, each its own
    assert len(looks) == 8


@pytest.mark.exhaustive
@pytest.mark.parametrize("size", ALL_SIZES, ids=[s.name for s in ALL_SIZES])
def test_no_label_of_a_bundled_breakdown_overlaps_or_is_cut(size: charts.ChartSize) -> None:
    """population by language group and by district, foreign-language population by
    language, in every language."""
    problems = {}
    for identifier in ("population", "foreign-language-population"):
        view = _view(REPO / "data", identifier)
        assert view.breakdowns
        for index in range(len(view.breakdowns)):
            for lang in LANGS:
                figure = _figure(view, index, lang, size)
                found = clipped(figure), overlapping(figure)
                if found != ([], []):
                    problems[f"{identifier} {index} {lang}"] = found
    assert problems == {}


@pytest.mark.parametrize("size", ALL_SIZES, ids=[s.name for s in ALL_SIZES])
def test_twelve_close_categories_labelled_without_overlap(
    tmp_path: Path, size: charts.ChartSize
) -> None:
    view = _view(_twelve(tmp_path), "x")
    figure = _figure(view, 0, "en", size)
    assert clipped(figure) == []
    assert overlapping(figure) == []
    names = [t for kind, t, _ in text_boxes(figure) if kind == "figure"]
    # the total and the 7 drawn, each named once beside the plot (wrapped or cut with …)
    assert sum(1 for n in names if n.startswith("District number")) == 7


def test_beyond_eight_the_seven_largest_are_drawn_and_the_rest_named() -> None:
    cats = [(f"c{i}", [(2020, float(v), "final")]) for i, v in enumerate(
        [5, 50, 7, 60, 1, 70, 2, 80, 3, 90, 4, 100])]  # fmt: skip
    lines, others = bc.select_lines(cats, rank=False)
    assert [line.name for line in lines] == ["c1", "c2", "c3", "c5", "c7", "c9", "c11"]
    assert others == ["c0", "c4", "c6", "c8", "c10"]
    assert [line.style for line in lines] == list(range(7))  # styles in the listed order
    ranked, rest = bc.select_lines(cats, rank=True)  # a rank: the best (smallest) drawn
    assert [line.name for line in ranked] == ["c0", "c1", "c2", "c4", "c6", "c8", "c10"]
    assert len(rest) == 5


def test_eight_are_all_drawn_and_a_category_without_values_is_named() -> None:
    cats = [(f"c{i}", [(2020, float(i), "final")]) for i in range(8)] + [("empty", [])]
    lines, others = bc.select_lines(cats, rank=False)
    assert len(lines) == 8 and others == ["empty"]


def test_the_note_says_how_many_are_not_drawn(tmp_path: Path) -> None:
    view = _view(_twelve(tmp_path), "x")
    figure = _figure(view, 0, "en", SLIDE)
    notes = "\n".join(t.get_text() for t in figure.texts)
    assert "Not drawn (5 more categories; their values are in the table)" in notes
    assert "Hollow marker: an estimated or provisional value." in notes
    finnish = "\n".join(t.get_text() for t in _figure(view, 0, "fi", SLIDE).texts)
    assert "Piirtämättä (5 muuta luokkaa" in finnish


def test_provisional_values_are_hollow(tmp_path: Path) -> None:
    view = _view(_twelve(tmp_path), "x")
    ax = _figure(view, 0, "en", PAGE_SIZES[1]).axes[0]
    hollow = [line for line in ax.lines if line.get_markerfacecolor() == "white"]
    assert [(list(h.get_xdata()), list(h.get_ydata())) for h in hollow] == [([2023], [526])]


def test_a_rank_axis_is_inverted_better_up(tmp_path: Path) -> None:
    rows = [f"{y},c{i},{3 + i + (y - 2018)},," for i in range(3) for y in range(2018, 2023)]
    view = _view(_data(tmp_path, ["A", "B", "C"], rows, unit="rank"), "x")
    ax = _figure(view, 0, "en", PAGE_SIZES[0]).axes[0]
    assert ax.yaxis_inverted()


def test_the_window_is_the_headline_charts_rule(tmp_path: Path) -> None:
    """From the first value by category (later than the assessed period's start) to the
    report year; a later value is not drawn."""
    rows = [f"{y},c0,{100 + y - 2017},," for y in range(2017, 2025)]
    view = _view(_data(tmp_path, ["A"], rows), "x", year=2022)
    assert bc.breakdown_window(view, view.breakdowns[0]) == (2017, 2022)
    ax = _figure(view, 0, "en", PAGE_SIZES[1]).axes[0]
    drawn = {x for line in ax.lines for x in line.get_xdata()}
    assert max(drawn) == 2022 and min(drawn) == 2017


def test_hostile_names_are_escaped_in_the_svg(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # validate refuses such a name (dimension-name); the chart must still escape one
    from intl_tracker.dataset import breakdowns

    monkeypatch.setattr(breakdowns, "check_dimension_names", lambda *args: [])
    hostile = "<script>alert(1)</script> & $x$ \u202e"
    rows = [f"{y},c{i},{100 * (i + 1) + y - 2018},," for i in range(2) for y in range(2018, 2023)]
    view = _view(_data(tmp_path, [hostile.replace('"', ""), "B"], rows), "x")
    path = tmp_path / "by.svg"
    bc.write_breakdown_charts(view, view.breakdowns[0], "en", [(PAGE_SIZES[1], path)])
    text = path.read_text("utf-8")
    assert "<script" not in text
    root = ET.fromstring(text)  # well-formed: every name escaped
    shown = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "<script>alert(1)</script> & $x$" in shown
    assert "\u202e" not in text


def test_every_text_is_at_least_the_page_text_size() -> None:
    view = _view(REPO / "data", "population")
    for size in PAGE_SIZES:
        figure = _figure(view, 1, "fi", size)
        sizes = {a.get_fontsize() for a in figure.findobj(matplotlib.text.Text)
                 if a.get_text().strip() and a.get_visible()}  # fmt: skip
        assert min(sizes) >= 12.0, size.name


def test_the_description_lists_every_categorys_latest_value(tmp_path: Path) -> None:
    view = _view(_twelve(tmp_path), "x")
    text = bc.breakdown_description(view, view.breakdowns[0], "en")
    assert text.startswith("Years 2018\u20132024. Total: 1,090 (2024).")
    for i in range(12):  # the drawn and the not drawn
        assert f"District number {i} with a long name: {500 + i + 15} (2023" in text


@pytest.mark.parametrize(
    ("wanted", "heights", "low", "high"),
    [
        ([10.0, 11.0, 12.0, 13.0], [10.0] * 4, 0.0, 100.0),
        ([50.0] * 9, [15.0] * 9, 0.0, 200.0),
        ([0.0, 200.0, 199.0, -5.0], [20.0, 20.0, 33.0, 20.0], 0.0, 200.0),
    ],
)
def test_spread_labels_keep_apart_within_bounds(
    wanted: list[float], heights: list[float], low: float, high: float
) -> None:
    centres = bc.spread(wanted, heights, low, high)
    boxes = sorted((c - h / 2, c + h / 2) for c, h in zip(centres, heights, strict=True))
    assert all(b[0] >= a[1] for a, b in itertools.pairwise(boxes))
    assert boxes[0][0] >= low - 1e-9 and boxes[-1][1] <= high + 1e-9
    order = sorted(range(len(wanted)), key=lambda i: (wanted[i], i))
    assert sorted(range(len(wanted)), key=lambda i: (centres[i], i)) == order


def test_spread_leaves_labels_with_room_where_they_want_to_be() -> None:
    assert bc.spread([10.0, 50.0, 90.0], [10.0] * 3, 0.0, 100.0) == [10.0, 50.0, 90.0]


def test_the_svg_lines_keep_their_styles(tmp_path: Path) -> None:
    """Each category's key beside its name repeats the line's style and marker."""
    view = _view(REPO / "data", "population")
    figure = _figure(view, 0, "en", PAGE_SIZES[2])
    keys = [a for a in figure.artists if isinstance(a, Line2D)]
    assert len(keys) == 4  # the total and three language groups
    assert len({(str(k.get_linestyle()), k.get_marker(), k.get_color()) for k in keys}) == 4


def test_a_crossed_category_and_the_list_not_drawn_read_unambiguously(tmp_path: Path) -> None:
    """breaker24 finding 16: crossed names joined by ", " and listed with ", " between them
    read as "Women, North, Men, North"."""
    view = _view(REPO / "tests" / "data" / "valid" / "breakdowns", "employment-rate")
    crossed = next(b for b in view.breakdowns if len(b.dimensions) == 2)
    lines, _ = bc.category_lines(view, crossed, "en")
    assert "Women \u00d7 North" in [line.name for line in lines]
    twelve = _view(_twelve(tmp_path), "x")
    notes = "\n".join(t.get_text() for t in _figure(twelve, 0, "en", SLIDE).texts)
    assert "long name; District number" in " ".join(notes.split())
