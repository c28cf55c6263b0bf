"""The report table at its narrowest (60 columns) in every language: every line fits, long
summary items wrap between words, and the legend explains only the columns shown."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.core.i18n import translator
from intl_tracker.core.text_width import cell_width
from tests.conftest import REPO

DATA = str(REPO / "data")


def _report(runner: CliRunner, lang: str, columns: int, *extra: str) -> str:
    args = ["report", "2024", "--lang", lang, "--data", DATA, *extra]
    result = runner.invoke(app, args, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
@pytest.mark.parametrize("extra", [(), ("--compare", "2020"), ("--method", "dns")])
def test_every_line_fits_60_columns(runner: CliRunner, lang: str, extra: tuple[str, ...]) -> None:
    out = _report(runner, lang, 60, *extra)
    wide = [line for line in out.splitlines() if cell_width(line) > 60]
    assert not wide, wide


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_a_summary_item_wider_than_the_line_wraps_between_words(
    runner: CliRunner, lang: str
) -> None:
    out = _report(runner, lang, 60)
    t = translator(lang)
    stale = t.ngettext("{n} stale", "{n} stale", 2).format(n=2).split()[-1]
    words = " ".join(out.split())  # the text read across the line breaks
    assert f"(2 {stale})" in words  # the summary is all there, only wrapped


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_the_legend_explains_only_the_columns_shown(runner: CliRunner, lang: str) -> None:
    t = translator(lang)
    projection = t.gettext("projection: value in the target year at the current pace")
    pace = t.gettext(
        "pace: the yearly growth (%) or change (places, units) needed to reach the target "
        "vs the actual one"
    )
    wide = _report(runner, lang, 250)
    # goal 2 judges every row on its trend alone: its narrow table leaves pace and projection
    # out (a target row's would move under the table and be explained, see test_board20e)
    narrow = _report(runner, lang, 60, "--goal", "2")
    assert projection in " ".join(wide.split()) and pace in " ".join(wide.split())
    left_out = t.gettext("Left out to fit {width} columns: {columns}").split("{")[0]
    assert left_out in narrow
    assert projection not in " ".join(narrow.split())
    assert pace not in " ".join(narrow.split())
