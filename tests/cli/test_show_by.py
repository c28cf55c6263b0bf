"""``show ID --by DIMENSION [--chart FILE]`` (issue 24): only that breakdown's table, and its
chart by category written atomically; a bad dimension is a usage error with suggestions."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from tests.conftest import REPO

pytest.importorskip("matplotlib")

DATA = str(REPO / "data")
SYNTHETIC = str(REPO / "tests" / "data" / "valid" / "breakdowns")
SVG = "{http://www.w3.org/2000/svg}"


def _texts(path: Path) -> str:
    return " ".join(t.text or "" for t in ET.parse(path).getroot().iter(f"{SVG}text"))


def test_by_shows_only_that_breakdown_and_writes_its_chart(
    runner: CliRunner, tmp_path: Path
) -> None:
    chart = tmp_path / "district.svg"
    chart.write_text("an older file", encoding="utf-8")
    args = ["show", "population", "--by", "district", "--chart", str(chart), "--data", DATA]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Values by category: Major district" in result.stdout
    assert "Values by category: Language group" not in result.stdout
    shown = _texts(chart)  # replaced whole: a well-formed SVG of the breakdown
    assert "Suur-Leppävaara" in shown and "Total" in shown
    assert "Values by category: Major district" in shown
    assert list(tmp_path.iterdir()) == [chart]  # no temporary file left behind
    plain = runner.invoke(app, ["show", "population", "--data", DATA])
    assert "Values by category: Language group" in plain.stdout  # without --by: every one


def test_a_crossed_breakdown_in_any_order_as_png(runner: CliRunner, tmp_path: Path) -> None:
    chart = tmp_path / "crossed.png"
    args = ["show", "residents", "--by", "language", "--by", "area", "--chart", str(chart)]
    result = runner.invoke(app, [*args, "--data", SYNTHETIC, "-f", "json"])
    assert result.exit_code == 0, result.output
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    breakdowns = json.loads(result.stdout)["breakdowns"]
    assert [b["dimensions"] for b in breakdowns] == [["area", "language"]]


def test_chart_without_by_is_still_the_headline_chart(runner: CliRunner, tmp_path: Path) -> None:
    chart = tmp_path / "headline.svg"
    result = runner.invoke(app, ["show", "population", "--chart", str(chart), "--data", DATA])
    assert result.exit_code == 0, result.output
    assert "Values by category" not in _texts(chart)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["population", "--by", "distrct"], "no such dimension; did you mean 'district'"),
        (["population", "--by", "language"], "population has no values by language; it has: "
         "--by language-group; --by district"),
        (["ghg-emissions", "--by", "district"], "it has no values by category"),
        (["population", "--by", "district", "--by", "district"], "a dimension is given twice"),
        (["population", "--by", "district", "--chart", "x.txt"], "needs a .png or .svg"),
    ],
)  # fmt: skip
def test_a_bad_by_is_a_usage_error_and_writes_nothing(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    chart = [] if "--chart" in args else ["--chart", "c.svg"]
    result = runner.invoke(app, ["show", *args, *chart, "--data", DATA])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_chart_is_exit_3(runner: CliRunner, tmp_path: Path) -> None:
    chart = tmp_path / "missing" / "c.svg"
    args = ["show", "population", "--by", "district", "--chart", str(chart), "--data", DATA]
    result = runner.invoke(app, args)
    assert result.exit_code == 3, result.output
    assert "cannot write" in result.stderr
    assert not chart.parent.exists()
