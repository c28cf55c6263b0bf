"""Issue 20's last review on the site (breaker20-final items 6 and 13): the key figure's change
names its year; the values table marks a break in series."""

from __future__ import annotations

import html
import re
from pathlib import Path

from typer.testing import CliRunner

from tests.site.conftest import build, write_data

GHG = """\
id: ghg
name: {fi: Päästöt, sv: Utsläpp, en: Emissions}
goal: g
objectives: [o]
unit: kt-co2e
unit_label: {en: "kt CO₂e", fi: "kt CO₂-ekv.", sv: "kt CO₂e"}
direction: decrease
decimals: 0
targets:
  - {value: 212, year: 2030, kind: target}
values:
  2022: 905
  2023: 742
  2024: 712
"""


def _text(page: Path) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.read_text("utf-8"))).split())


def test_the_key_figures_change_names_the_year_it_is_measured_from(tmp_path: Path) -> None:
    data = write_data(tmp_path / "data", {"ghg": GHG})
    out = tmp_path / "site"
    build(CliRunner(), out, "2024", "--lang", "en", data=data)
    page = _text(out / "2024" / "en" / "indicators" / "ghg.html")
    assert "-30 kt CO₂e (-4.0%) since 2023" in page.replace("\u2212", "-")


BROKEN = GHG.replace(
    "values:\n",
    "breaks:\n  - {year: 2022, note: {en: HSY calculation of June 2024}}\nvalues:\n  2020: 908\n",
)


def test_the_values_table_marks_a_break_and_computes_no_change_across_it(tmp_path: Path) -> None:
    data = write_data(tmp_path / "data", {"ghg": BROKEN})
    out = tmp_path / "site"
    build(CliRunner(), out, "2024", "--lang", "en", data=data)
    page = (out / "2024" / "en" / "indicators" / "ghg.html").read_text("utf-8")
    row = re.search(r"<tr[^>]*><th scope=\"row\">2022</th>.*?</tr>", page, re.S)
    assert row is not None
    cells = _text_of(row.group(0))
    assert "905ᵇ" in cells and "break in series" in cells and "since 2020" not in cells


def _text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
