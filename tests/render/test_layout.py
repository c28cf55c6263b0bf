"""Terminal layout: the report table and `list` fit 60-250 columns and never cut a cell."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from intl_tracker.assessment.engine import assess_catalog
from intl_tracker.cli.commands import app
from intl_tracker.core.text_width import cell_width, wrap_cells
from intl_tracker.core.vocabulary import Method, Pace
from intl_tracker.dataset.models import Catalog, Goal, Indicator, Programme
from intl_tracker.presentation.report_cells import row_cells
from intl_tracker.presentation.views import ListView, build_report_view
from intl_tracker.render.registry import RenderOptions, render
from tests.conftest import REPO

WIDTHS = [60, 80, 120, 200]
NAMES = {
    "huge": "World population counted in people, to the last person",
    "cjk": "国際的な人材の割合と非常に長い名前を持つテスト用の指標です",
    "emoji": "🌍 Foreign visitors 🌱 and 👩‍💻 remote workers per year",
    "long": "A very long indicator name " * 6 + "with Supercalifragilisticexpialidocious words",
    "compound": "Kansainvälisyysindikaattorikokonaisuusmittaristonvertailuarvo",
}


def _indicator(id_: str, values: dict[int, float], **extra: object) -> Indicator:
    return Indicator.model_validate(
        {
            "id": id_,
            "name": {"en": NAMES[id_], "fi": NAMES[id_]},
            "goal": "g",
            "unit": "count",
            "direction": "increase",
            "values": values,
            **extra,
        }
    )


CATALOG = Catalog(
    programme=Programme(id="p", name={"en": "P"}),
    goals=[Goal(id="g", number=1, name={"en": "A goal whose name is long enough to wrap " * 4})],
    indicators=[
        _indicator(
            "huge",
            {2020: 6.7e14, 2021: 6.9e14, 2023: 1.2e15},
            targets=[{"value": 9.99e15, "year": 2030}],
        ),
        _indicator("cjk", {2020: 12.0, 2022: 15.5}, decimals=1),
        _indicator("emoji", {2021: 1_234_567.0, 2022: 2_345_678.0}),
        _indicator("long", {2021: 3.0, 2022: 2.0}),
        _indicator("compound", {2022: 1.0}),
    ],
)


def _view(lang: str = "en"):  # type: ignore[no-untyped-def]
    return build_report_view(
        CATALOG,
        assess_catalog(CATALOG, year=2023, method=Method.RATIO, pace=Pace.ENDPOINTS),
        year=2023,
        method=Method.RATIO,
        pace=Pace.ENDPOINTS,
        tool_version="0",
    )


def _table(width: int, *, color: bool = False, lang: str = "en") -> str:
    out = io.StringIO()
    render("report", "table", _view(), out, RenderOptions(lang, color, width))
    return out.getvalue()


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_report_fits_and_cuts_no_number_and_no_word(width: int, lang: str) -> None:
    text = _table(width, lang=lang)
    lines = text.splitlines()
    assert max(cell_width(line) for line in lines) <= width
    shown = range(1, 7) if width >= 200 else (1, 3, 6)  # value, target, status are required
    for row in _view().rows:
        cells = row_cells(row, lang)
        for part in (p for i in shown for p in cells[i]):  # every number whole on a line
            assert any(part in line for line in lines), (width, part)
        for word in row_cells(row, lang)[0][0].split(" "):
            if cell_width(word) <= 16:  # longer words are broken between characters
                assert any(word in line.split(" ") for line in lines), (width, word)
    assert "+670,000,000,000,00" not in text.replace("+670,000,000,000,000", "")


@pytest.mark.parametrize("width", WIDTHS)
def test_with_colour_the_report_fits_too(width: int) -> None:
    plain = re.sub(r"\x1b\[[0-9;]*m", "", _table(width, color=True))
    assert max(cell_width(line) for line in plain.splitlines()) <= width
    assert "1,200,000,000,000,000" in plain


def test_columns_left_out_are_named_and_the_narrowest_table_is_stacked() -> None:
    narrow, wide, stacked = _table(80), _table(200), _table(60)
    assert "Left out to fit 80 columns:" in narrow
    assert "Trend" in narrow.split("Left out to fit 80 columns:")[1].split("\n")[0]
    assert "Left out" not in wide
    assert "Left out" not in stacked  # every column is there, one per line
    assert re.search(r"^  Trend: +▁▁ █$", stacked, re.MULTILINE)


def test_the_legend_keeps_each_symbol_with_its_word() -> None:
    for width in WIDTHS:
        lines = _table(width).splitlines()
        for symbol, first_word in (("✓", "target"), ("◐", "needs"), ("ᵖ", "provisional")):
            assert any(f"{symbol} {first_word}" in line for line in lines), (width, symbol)
        assert not any(
            line.rstrip().endswith(("✓", "▲", "◐", "△", "▼", "✗", "?")) for line in lines
        )


def test_a_web_address_is_never_broken() -> None:
    url = "https://example.org/" + "a" * 80
    assert wrap_cells(f"see {url} for more", 30) == ["see", url, "for more"]


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=80))
def test_wrapping_keeps_every_character(text: str) -> None:
    for width in (2, 5, 16):
        lines = wrap_cells(text, width)
        assert all(
            cell_width(line) <= width
            for line in lines
            if len(line) > 1 and not line.startswith(("https://", "http://"))  # kept whole
        )
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("what", ["goals", "indicators"])
@pytest.mark.parametrize("width", WIDTHS)
def test_list_fits_and_keeps_ids_whole(what: str, width: int) -> None:
    out = io.StringIO()
    render("list", "table", ListView(CATALOG, what, "0"), out, RenderOptions("en", width=width))
    lines = out.getvalue().splitlines()
    assert max(cell_width(line) for line in lines) <= width
    for indicator in CATALOG.indicators if what == "indicators" else []:
        assert any(indicator.id in line.split() for line in lines)


@pytest.mark.parametrize("width", WIDTHS)
def test_columns_of_the_environment_set_the_width_of_piped_output(
    runner: CliRunner, width: int
) -> None:
    for args in (["report"], ["list"], ["show", "foreign-language-share"]):
        result = runner.invoke(
            app, [*args, "--data", str(REPO / "data")], env={"COLUMNS": str(width)}
        )
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert max(cell_width(line) for line in lines if "http" not in line) <= width, args
