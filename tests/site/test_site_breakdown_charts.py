"""The site's charts by category (issue 24): one figure per breakdown on the indicator page,
its SVG files announced by a title and a description, its caption every category's latest
value, untrusted names escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.dataset import breakdowns
from tests.site.conftest import GOALS, LANGS, build, write_data

pytest.importorskip("matplotlib")
pytest.importorskip("jinja2")

SVG = "{http://www.w3.org/2000/svg}"


def test_each_breakdown_has_its_svgs_with_a_title_and_description(edition: Path) -> None:
    for lang in LANGS:
        for stem in ("population.by.language-group", "population.by.district",
                     "foreign-language-population.by.language"):  # fmt: skip
            for size in ("s", "m", "l"):
                root = ET.parse(edition / lang / "charts" / f"{stem}-{size}.svg").getroot()
                assert root.get("role") == "img"
                title = root.find(f"{SVG}title")
                desc = root.find(f"{SVG}desc")
                assert title is not None and title.text
                assert desc is not None and desc.text and "\u20132024." in desc.text


def test_each_breakdown_disclosure_has_its_figure_above_its_table(edition: Path) -> None:
    """One Breakdowns section (one heading): each breakdown's ``<details>`` holds its chart
    (the image named by the chart's title, the caption its latest values), then its table."""
    page = (edition / "en" / "indicators" / "population.html").read_text("utf-8")
    assert page.count('<section class="breakdowns"') == 1 and page.count(">Breakdowns</h2>") == 1
    section = page[page.index('<section class="breakdowns"') :]
    section = section[: section.index("</section>")]
    disclosures = re.findall(r'<details class="breakdown" id="([^"]+)">(.*?)</details>', section,
                             re.DOTALL)  # fmt: skip
    assert [anchor for anchor, _ in disclosures] == [
        "breakdown-language-group",
        "breakdown-district",
    ]
    for anchor, body in disclosures:
        assert body.count("<figure") == 1 and body.index("</figure>") < body.index("<table")
        stem = "population.by." + anchor.removeprefix("breakdown-")
        assert f'src="../charts/{stem}-s.svg"' in body
    district = disclosures[1][1]
    figure = district[district.index("<figure") : district.index("</figure>")]
    assert 'alt="Population \u2013 Values by category: Major district"' in figure
    caption = figure[figure.index("<figcaption>") :]
    for name, value in (("Suur-Leppävaara", "67,814"), ("Other (no district)", "5,338")):
        assert f"{name}: {value} (2016)." in caption
    finnish = (edition / "fi" / "indicators" / "population.html").read_text("utf-8")
    assert finnish.count(">Jaottelut</h2>") == 1 and "Suur-Leppävaara: 67\xa0814 (2016)." in finnish


def test_hostile_category_names_are_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # validate refuses such names (dimension-name); the site must still escape them
    monkeypatch.setattr(breakdowns, "check_dimension_names", lambda *args: [])
    hostile = "<img src=x onerror=alert(1)> & \u202e"
    goals = GOALS + (
        "dimensions:\n  - id: area\n    name: {fi: Alue, sv: Område, en: Area}\n"
        "    categories:\n"
        f'      - {{code: a, name: {{fi: "{hostile}", sv: "{hostile}", en: "{hostile}"}}}}\n'
        "      - {code: b, name: {fi: B, sv: B, en: B}}\n"
    )
    indicator = (
        "id: x\nname: {en: X, fi: X, sv: X}\ngoal: g\nunit: count\ndirection: increase\n"
        "source: {publisher: Synthetic test data}\nbreakdowns:\n  - area\n"
        "values:\n  2020: 30\n  2021: 32\n  2022: 34\n"
    )
    data = write_data(tmp_path / "data", {"x": indicator}, goals)
    rows = "".join(f"{y},{c},{v + y - 2020},,\n" for y in (2020, 2021, 2022)
                   for c, v in (("a", 10), ("b", 20)))  # fmt: skip
    (data / "indicators" / "x.csv").write_text("year,area,value,status,note\n" + rows, "utf-8")
    out = tmp_path / "public"
    build(CliRunner(), out, "2022", "--lang", "en", data=data)
    page = (out / "2022" / "en" / "indicators" / "x.html").read_text("utf-8")
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    for size in ("s", "m", "l"):
        text = (out / "2022" / "en" / "charts" / f"x.by.area-{size}.svg").read_text("utf-8")
        assert "<img" not in text and "\u202e" not in text
        ET.fromstring(text.split("\n", 1)[1])  # well-formed
