"""`intl-tracker show ID`: the panel, the JSON, the terminal chart and the --chart files."""

from __future__ import annotations

import io
import json
import re
import shutil
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from intl_tracker.assessment.engine import assess_indicator
from intl_tracker.cli.commands import app
from intl_tracker.core.errors import UsageError
from intl_tracker.core.vocabulary import Basis, Method, Status
from intl_tracker.dataset.loading import load_data_set
from intl_tracker.presentation.indicator_cells import assessment_rows
from intl_tracker.presentation.indicator_view import (
    IndicatorView,
    build_indicator_view,
    nice_step,
    y_bounds,
)
from intl_tracker.presentation.wording import judged_label, method_name, status_label
from intl_tracker.render.charts import INSTALL_HINT, ChartExtraMissingError, save_chart, write_chart
from intl_tracker.render.json_documents.documents import SHOW_VERSION
from intl_tracker.render.json_documents.json_output import show_document
from intl_tracker.render.registry import RenderOptions, render
from intl_tracker.render.terminal.terminal_chart import terminal_chart

GOALS = """\
programme:
  id: test-programme
  name: {fi: Testiohjelma, en: Test programme}
goals:
  - id: attractive
    number: 3
    name: {fi: Houkutteleva kaupunki, en: An attractive city}
    objectives:
      - id: talent
        text: {fi: Kaupunki houkuttelee osaajia., en: The city attracts talent.}
"""

SHARE = """\
id: share
name: {fi: Vieraskielisten osuus, en: Foreign-language share}
goal: attractive
objectives: [talent]
unit: percent
direction: increase
decimals: 1
baseline: 2015
definition: {en: Residents with a foreign mother tongue., fi: Vieraskieliset asukkaat.}
source: {publisher: Statistics Finland, title: Population structure, url: "https://example.org/pop"}
targets:
  - value: 30
    year: 2035
    kind: forecast
    source: {title: Regional forecast, url: "https://example.org/forecast"}
values:
  2014: 13.3
  2015: 14.2
  2016: 15.2
  2017: {value: 16.0, status: estimated, note: "44,655 / 279,044"}
  2018: 17.0
  2019: 18.0
  2020: 19.0
  2021: 20.1
  2022: 21.5
  2023: {value: 23.6, status: provisional}
"""

NIGHTS = """\
id: nights
name: {fi: Ulkomaiset yöpymiset, en: Foreign hotel nights}
goal: attractive
unit: count
direction: increase
decimals: 0
baseline: 2015
source: {publisher: Statistics Finland, title: Accommodation statistics}
values:
  2014: 148268
  2015: 132455
  2016: 130492
  2017: 166381
  2018: 155645
  2019: {value: 162300, status: estimated}
  2020: {value: 56469, note: "COVID-19"}
"""

EMPTY = """\
id: empty
name: {en: Not measured yet}
goal: attractive
unit: index
direction: decrease
values: {}
"""

ANSI = "\x1b["


WARNINGS_LINE = (
    "intl-tracker: the data set has 2 warning(s); run 'intl-tracker validate' to see them"
)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    (root / "indicators").mkdir(parents=True)
    (root / "goals.yaml").write_text(GOALS, encoding="utf-8")
    for name, text in {"share": SHARE, "nights": NIGHTS, "empty": EMPTY}.items():
        (root / "indicators" / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def _context(data_dir: Path, indicator_id: str) -> IndicatorView:
    result = load_data_set(data_dir)
    assert result.catalog is not None, result.problems
    indicator = result.catalog.indicator(indicator_id)
    assert indicator is not None
    return build_indicator_view(
        result.catalog,
        indicator,
        {m: assess_indicator(indicator, year=2023, method=m) for m in Method},
        method=Method.RATIO,
        year=2023,
        tool_version="0",
    )


def render_show(
    view: IndicatorView, fmt: str, out: io.StringIO, *, color: bool = False, lang: str = "en"
) -> None:
    render("show", fmt, view, out, RenderOptions(lang=lang, color=color, hyperlinks=color))


def _show(runner: CliRunner, data_dir: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["show", *args, "--data", str(data_dir)], catch_exceptions=False)


# --- the panel ------------------------------------------------------------------------------


def test_panel_shows_names_source_years_and_every_method(runner: CliRunner, data_dir: Path) -> None:
    result = runner.invoke(app, ["show", "share", "--data", str(data_dir)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Foreign-language share" in out and "Vieraskielisten osuus" in out
    assert "The city attracts talent." in out and "An attractive city" in out
    assert "Residents with a foreign mother tongue." in out
    assert "https://example.org/pop" in out and "https://example.org/forecast" in out
    for year in range(2014, 2024):
        assert str(year) in out
    assert "estimated" in out and "provisional" in out and "44,655 / 279,044" in out
    context = _context(data_dir, "share")
    for method, assessment in context.assessments.items():
        assert method_name(method, "en") in out  # the method's one name, as the report's legend
        assert assessment.status_label in out
        assert assessment.method_class in out
    assert "+6.6%" in out  # the two-point CAGR 2015-2023, as a percentage
    assert "23.6%" in out  # the number rule: the unit's one decimal, not "23.60 %"
    assert ANSI not in out
    # stderr: the data set used and its warning count (an indicator without values)
    assert result.stderr.startswith("intl-tracker: data set ")
    # and, without --year, the report's default year (the same rule as `report`)
    assert result.stderr.splitlines()[1:] == [
        WARNINGS_LINE,
        "intl-tracker: report year 2023: the latest year in which at least half of the "
        "indicators have a current value (1 of 2)",
    ]


def test_panel_and_chart_fit_in_100_columns_without_box_art_when_piped(
    runner: CliRunner, data_dir: Path
) -> None:
    out = _show(runner, data_dir, "share").stdout
    assert max(cell_len(line) for line in out.splitlines()) <= 100
    assert not set("╭╮╰╯┏┓━") & set(out)
    assert all(line == line.rstrip() for line in out.splitlines())
    # the chart: y labels, x-axis years, the target marker and a legend
    assert re.search(r"^\s*30 ┤", out, re.MULTILINE)
    assert "2035" in out and "◇" in out and "projection at the current pace" in out


def test_panel_in_finnish(runner: CliRunner, data_dir: Path) -> None:
    out = _show(runner, data_dir, "share", "--lang", "fi").stdout
    assert "Vieraskielisten osuus  [share]" in out
    assert "Arvot" in out and "Määritelmä" in out and "Kuvaaja" in out
    status = _context(data_dir, "share").assessments[Method.RATIO].status
    assert status_label(status, "fi") in out
    assert "23,6" in out  # decimal comma


def test_color_output_uses_ansi_and_plain_output_never_does(data_dir: Path) -> None:
    context = _context(data_dir, "share")
    plain, colored = io.StringIO(), io.StringIO()
    render_show(context, "table", plain, color=False)
    render_show(context, "table", colored, color=True)
    assert ANSI not in plain.getvalue()
    assert ANSI in colored.getvalue()


def test_user_text_is_not_read_as_rich_markup(data_dir: Path) -> None:
    path = data_dir / "indicators" / "share.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("44,655 / 279,044", "[bold]x[/bold] :smile:"),
        encoding="utf-8",
    )
    out = io.StringIO()
    render_show(_context(data_dir, "share"), "table", out, color=True)
    assert "[bold]x[/bold] :smile:" in out.getvalue()


def test_a_collapse_is_pointed_out_and_no_target_is_said(runner: CliRunner, data_dir: Path) -> None:
    out = _show(runner, data_dir, "nights").stdout
    assert "2020: -65.2% since 2019" in out
    assert "No target" in out
    assert "56,469" in out and "162,300" in out


def test_an_indicator_without_values_still_shows(runner: CliRunner, data_dir: Path) -> None:
    result = _show(runner, data_dir, "empty")
    assert result.exit_code == 0
    assert "No values yet." in result.stdout and "insufficient data" in result.stdout
    document = json.loads(_show(runner, data_dir, "empty", "--format", "json").stdout)
    assert document["values"] == []
    assert document["assessments"]["ratio"]["status"] == "insufficient_data"


def test_unknown_id_exits_2_with_the_closest_id(runner: CliRunner, data_dir: Path) -> None:
    result = _show(runner, data_dir, "shar")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no indicator 'shar'" in result.stderr and "'share'" in result.stderr


# --- JSON -----------------------------------------------------------------------------------


def test_json_has_every_method_with_every_number(runner: CliRunner, data_dir: Path) -> None:
    result = _show(runner, data_dir, "share", "--format", "json", "--year", "2023")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[1:] == [WARNINGS_LINE]  # after the data set used
    document = json.loads(result.stdout)
    assert document["schema_version"] == SHOW_VERSION == 2
    assert document["method"] == "ratio"
    assert document["indicator"]["id"] == "share"
    assert document["indicator"]["name"] == "Foreign-language share"
    assert document["indicator"]["names"] == {
        "fi": "Vieraskielisten osuus",
        "en": "Foreign-language share",
    }
    assert document["indicator"]["targets"][0]["year"] == 2035
    assert "values" not in document["indicator"]
    assert set(document["assessments"]) == {"ratio", "unsd", "dns"}
    context = _context(data_dir, "share")
    for method in Method:
        got = document["assessments"][method.value]
        want = context.assessments[method]
        for field in ("cagr", "fitted_cagr", "required_cagr", "projected_value", "ratio"):
            assert field in got
            assert got[field] == getattr(want, field)
        assert got["status"] == want.status.value
        assert got["method_class"] == want.method_class
        assert got["target"] == {"value": 30.0, "year": 2035, "kind": "forecast"}
    assert document["assessments"]["ratio"]["cagr"] == pytest.approx(
        0.065560, abs=1e-6
    )  # (23.6 / 14.2) ** (1 / 8) - 1


def test_json_values_carry_flags_notes_and_changes(runner: CliRunner, data_dir: Path) -> None:
    document = json.loads(_show(runner, data_dir, "nights", "--format", "json").stdout)
    values = {v["year"]: v for v in document["values"]}
    assert list(values) == list(range(2014, 2021))
    assert values[2014]["change"] is None and values[2014]["change_pct"] is None
    assert values[2019]["status"] == "estimated"
    assert values[2020]["note"] == "COVID-19"
    assert values[2020]["change"] == 56469 - 162300
    assert values[2020]["change_pct"] == pytest.approx(-65.207, abs=1e-3)
    assert set(values[2020]) >= {"year", "value", "status", "note", "change", "change_pct"}


def test_json_is_ascii_free_strict_json(data_dir: Path) -> None:
    out = io.StringIO()
    render_show(_context(data_dir, "share"), "json", out, lang="fi")
    text = out.getvalue()
    assert "NaN" not in text and "Infinity" not in text and ANSI not in text
    assert "Vieraskielisten osuus" in text  # ensure_ascii=False
    document = json.loads(text)
    assert document == show_document(_context(data_dir, "share"), "fi")
    assert document["programme"]["name"] == "Testiohjelma"  # a string, as in the report
    ratio = document["assessments"]["ratio"]
    basis = None if ratio["judged_against"] is None else Basis(ratio["judged_against"])
    assert ratio["status_label"] == judged_label(Status(ratio["status"]), "fi", basis)


# --- image charts ---------------------------------------------------------------------------


def test_png_chart(runner: CliRunner, data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "share.png"
    result = _show(runner, data_dir, "share", "--chart", str(target))
    assert result.exit_code == 0
    assert target.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert f"wrote {target}" in result.stderr
    assert "Foreign-language share" in result.stdout  # the panel is still printed


def test_svg_chart_has_the_title_and_target_year_and_is_deterministic(
    data_dir: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    write_chart(_context(data_dir, "share"), "en", first)
    write_chart(_context(data_dir, "share"), "en", second)
    texts = " ".join(ET.parse(first).getroot().itertext())
    assert "Foreign-language share" in texts
    assert "Forecast: 30.0% by 2035" in texts
    assert "2035" in texts
    assert "Source: Statistics Finland: Population structure (example.org)" in texts
    assert first.read_bytes() == second.read_bytes()


def test_svg_chart_in_finnish_and_without_target(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "nights.svg"
    write_chart(_context(data_dir, "nights"), "fi", path)
    texts = " ".join(ET.parse(path).getroot().itertext())
    assert "Ulkomaiset yöpymiset" in texts
    assert "2020: -65,2\u00a0% vuodesta 2019" in texts  # the swing names its earlier year
    # no target: the trend's own words, never "on track" nor "from the target value"
    assert "Merkittävää etääntymistä" in texts and "tavoitearvosta" not in texts
    assert "oikealla uralla" not in texts.lower()


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "2022: -66.7% since 2020"), ("fi", "2022: -66,7\u00a0% vuodesta 2020"),
     ("sv", "2022: -66,7\u00a0% sedan 2020")],
)  # fmt: skip
def test_a_swing_across_a_gap_names_the_earlier_year(
    runner: CliRunner, tmp_path: Path, lang: str, words: str
) -> None:
    """A count with 2020 then 2022 (made up on the iCapital file): the change is over two
    years, not "in 2022". Read as a count here: a rank's swing is never a percentage
    (issue 20, item 4), so the bundled rank itself has no percent swing."""
    pytest.importorskip("matplotlib")
    path = tmp_path / "placing.svg"
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parents[2] / "data", data)
    placing = data / "indicators" / "icapital-placing.yaml"
    text = placing.read_text(encoding="utf-8").replace("unit: rank", "unit: count")
    # a made-up 2020 value before the gap (the bundled data hold no placing for 2020)
    placing.write_text(text.replace("values:\n", "values:\n  2020: 6\n", 1), "utf-8")
    args = ["show", "icapital-placing", "--lang", lang, "--chart", str(path), "--data", str(data)]
    assert runner.invoke(app, args).exit_code == 0
    texts = " ".join(ET.parse(path).getroot().itertext())
    assert words in texts, texts
    bundled = Path(__file__).parents[2] / "data"
    args = ["show", "icapital-placing", "--lang", lang, "--chart", str(path)]
    assert runner.invoke(app, [*args, "--data", str(bundled)]).exit_code == 0
    assert "%" not in " ".join(ET.parse(path).getroot().itertext())


def test_chart_of_an_indicator_without_values(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "empty.png"
    write_chart(_context(data_dir, "empty"), "en", path)
    assert path.stat().st_size > 0


def test_chart_needs_png_or_svg(runner: CliRunner, data_dir: Path, tmp_path: Path) -> None:
    result = _show(runner, data_dir, "share", "--chart", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        write_chart(_context(data_dir, "share"), "en", tmp_path / "x.jpg")
    with pytest.raises(UsageError, match=r"\.png or \.svg"):
        save_chart(_context(data_dir, "share"), "en", tmp_path / "x.jpg")


def test_missing_matplotlib_gives_the_install_hint(
    runner: CliRunner, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    target = tmp_path / "share.png"
    with pytest.raises(ChartExtraMissingError, match=re.escape(INSTALL_HINT)):
        write_chart(_context(data_dir, "share"), "en", target)
    result = _show(runner, data_dir, "share", "--chart", str(target))
    assert result.exit_code == 2
    assert "pip install 'intl-tracker[charts]'" in result.stderr
    assert result.stdout == ""
    assert not target.exists()


# --- helpers --------------------------------------------------------------------------------


def test_value_rows_change_against_the_previous_observation(data_dir: Path) -> None:
    rows = _context(data_dir, "share").values
    assert rows[0].previous_year is None and rows[0].change.absolute is None
    assert rows[1].change.absolute == pytest.approx(0.9)
    assert rows[1].change_pct == pytest.approx(100 * (14.2 / 13.3 - 1))


def test_axis_bounds_include_zero_for_a_collapse_but_not_for_a_gentle_rise() -> None:
    lo, hi, step = y_bounds([56469, 166381])
    assert lo == 0 and hi > 166381 and hi % step == 0
    assert y_bounds([5, 8], integer=True)[2] == 1
    lo, hi, _ = y_bounds([250_000, 300_000])
    assert lo > 0 and hi >= 300_000
    assert nice_step(60.6, 5) == 10


def test_terminal_chart_respects_the_width(data_dir: Path) -> None:
    for width in (60, 100):
        lines = terminal_chart(_context(data_dir, "share"), "en", width)
        assert max(line.cell_len for line in lines) <= width


# --- issue 20 leftover: a forecast is never labelled a target -------------------------------


@pytest.mark.parametrize(
    ("lang", "forecast", "target"),
    [
        ("en", "Forecast reached in", "Target reached in"),
        ("fi", "Ennuste saavutetaan", "Tavoitearvo saavutetaan"),
        ("sv", "Prognosen nås", "Målvärdet nås"),
    ],
)
def test_the_year_a_forecast_is_reached_is_labelled_a_forecast(
    runner: CliRunner, data_dir: Path, lang: str, forecast: str, target: str
) -> None:
    labels = [label for label, _ in assessment_rows(_context(data_dir, "share"), lang)]
    assert forecast in labels and target not in labels
    out = _show(runner, data_dir, "share", "--lang", lang).stdout
    assert forecast in out and target not in out
    # a committed target keeps its own word
    committed = SHARE.replace("kind: forecast", "kind: target")
    (data_dir / "indicators" / "share.yaml").write_text(committed, encoding="utf-8")
    labels = [label for label, _ in assessment_rows(_context(data_dir, "share"), lang)]
    assert target in labels and forecast not in labels


def test_the_assessment_table_marks_estimated_and_provisional_values(
    runner: CliRunner, data_dir: Path
) -> None:
    """As the report writes "23.6%ᵖ", show's assessed value carries its marker (issue 20:
    markers wherever a value is written); a projection is not an observation."""
    rows = dict(assessment_rows(_context(data_dir, "share"), "en"))
    a = _context(data_dir, "share").assessments[Method.RATIO]
    assert rows["Assessed value"](a) == "23.6%ᵖ (2023)"
    assert rows["Base value"](a) == "14.2% (2015)"
    assert "ᵖ" not in rows["Projected at the current pace"](a)
    out = _show(runner, data_dir, "share").stdout
    assert "23.6%ᵖ (2023)" in out and "ᵖ provisional value" in out
