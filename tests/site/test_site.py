"""`intl-tracker site`: page content equals the report, builds are reproducible, options and
errors behave as documented, every page has what it needs. (The browser checks are in
test_site_browser.py, the folder's safety in test_site_folder.py, the words and the data's
text in test_site_text.py.)"""

from __future__ import annotations

import csv
import io
import json
import re
import struct
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markupsafe
import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.render.charts import PAGE_SIZES
from intl_tracker.site.build import CONTENT_SECURITY_POLICY
from tests.site.conftest import DATA, LANGS, build

INDICATORS = sorted(p.stem for p in (DATA / "indicators").glob("*.yaml"))


def report_json(runner: CliRunner, lang: str, *args: str) -> dict[str, object]:
    result = runner.invoke(
        app, ["report", "2024", "--format", "json", "--lang", lang, "--data", str(DATA), *args]
    )
    assert result.exit_code == 0, result.output
    document: dict[str, object] = json.loads(result.stdout)
    return document


class _KeyFigures(HTMLParser):
    """The status code (its CSS class: ``on_track``, or ``trend-on_track`` for a judgement on
    the trend alone), the status's words and the key figures (dt -> dd text) of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.status: str | None = None
        self.words = ""
        self._in_status = 0
        self.figures: dict[str, str] = {}
        self._in: str | None = None
        self._dt = ""
        self._text = ""
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section" and a.get("class") == "headline":
            self._depth = 1
        elif self._depth and tag == "span" and self.status is None:
            m = re.match(r"status status-([\w-]+)", a.get("class") or "")
            if m:
                self.status = m.group(1)
                self._in_status = 1
                return
        if self._in_status and tag == "span":
            self._in_status += 1
        if self._depth and tag in ("dt", "dd"):
            self._in, self._text = tag, ""

    def handle_endtag(self, tag: str) -> None:
        if self._in_status and tag == "span":
            self._in_status -= 1
        if self._in == tag == "dt":
            self._dt = self._text.strip()
        elif self._in == tag == "dd":
            self.figures[self._dt] = self._text.strip()
        if tag in ("dt", "dd"):
            self._in = None
        if tag == "section":
            self._depth = 0

    def handle_data(self, data: str) -> None:
        if self._in_status:
            self.words += data
        if self._in:
            self._text += data


def page_figures(path: Path) -> tuple[str | None, list[str]]:
    parser = _KeyFigures()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.status, list(parser.figures.values())


def page_status_words(path: Path) -> str:
    """The words of the page's headline status (its symbol and words, spaces collapsed)."""
    parser = _KeyFigures()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.words.split())


def page_status(item: dict[str, Any]) -> str:
    """The CSS status code a page must carry for a report row: a trend-only judgement (issue
    20) is ``trend-<status>``, never the target statuses' class."""
    trend = item["judged_against"] == "trend"
    assert trend == item["trend_only"]
    return f"trend-{item['status']}" if trend else str(item["status"])


def number(text: str) -> float:
    """A displayed number back as a float: '12 345,6' (fi, sv) or '12,345.6' (en)."""
    compact = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if "," in compact and "." not in compact and not re.search(r",\d{3}$", compact):
        compact = compact.replace(",", ".")
    return float(compact.replace(",", "").replace("\u2212", "-"))


_NUMBER = r"[+\-\u2212]?\d[\d\u00a0\u202f ,.]*\d|[+\-\u2212]?\d"


@pytest.mark.parametrize("lang", LANGS)
def test_indicator_pages_say_what_the_report_json_says(
    edition: Path, runner: CliRunner, lang: str
) -> None:
    document = report_json(runner, lang)
    indicators = document["indicators"]
    assert isinstance(indicators, list) and len(indicators) == len(INDICATORS)
    for item in indicators:
        page = edition / lang / "indicators" / f"{item['id']}.html"
        status, (value, _change, target, _pace, _projection) = page_figures(page)
        assert status == page_status(item), item["id"]
        assert item["status_label"] in page_status_words(page), item["id"]
        if item["value"] is None:
            assert value == "\u2014"
        else:
            match = re.match(_NUMBER, value)
            assert match, value
            assert number(match.group(0).strip()) == pytest.approx(
                round(item["value"], item["decimals"]), abs=10 ** -item["decimals"] / 2
            )
            if item["year"] != 2024:  # an older value shows its year
                assert f"({item['year']})" in value
        if item["target"] is None:
            assert target == "\u2014"
        else:
            match = re.match(rf"({_NUMBER}).*@ (\d{{4}})(ᶠ?)$", target)
            assert match, target
            assert number(match.group(1).rstrip(" %")) == pytest.approx(item["target"]["value"])
            assert int(match.group(2)) == item["target"]["year"]
            assert (match.group(3) == "ᶠ") == (item["target"]["kind"] == "forecast")


def test_other_method_changes_the_pages_like_the_report(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "unsd"
    build(runner, out, "2024", "--method", "unsd", "--lang", "en")
    document = report_json(runner, "en", "--method", "unsd")
    for item in document["indicators"]:  # type: ignore[union-attr]
        page = out / "2024" / "en" / "indicators" / f"{item['id']}.html"
        status, _ = page_figures(page)
        assert status == page_status(item), item["id"]
        assert item["status_label"] in page_status_words(page), item["id"]


def test_report_downloads_are_the_report_documents(edition: Path, runner: CliRunner) -> None:
    for lang in LANGS:
        for fmt in ("json", "csv"):
            result = runner.invoke(
                app, ["report", "2024", "--format", fmt, "--lang", lang, "--data", str(DATA)]
            )
            written = (edition / lang / f"report-2024.{fmt}").read_text(encoding="utf-8")
            assert written == result.stdout


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_two_builds_are_byte_identical(site_dir: Path, tmp_path: Path, runner: CliRunner) -> None:
    again = tmp_path / "elsewhere"
    build(runner, again, "2024")
    first, second = _tree(site_dir), _tree(again)
    assert sorted(first) == sorted(second)
    assert [k for k in first if first[k] != second[k]] == []


def test_serial_and_parallel_charts_give_the_same_bytes(
    site_dir: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTL_TRACKER_JOBS", "1")
    serial = tmp_path / "serial"
    build(runner, serial, "2024")
    assert _tree(serial) == _tree(site_dir)


def test_every_file_in_every_language(site_dir: Path) -> None:
    files = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    assert {"index.html", "favicon.svg", ".intl-tracker-site.json", "2024/index.html"} <= files
    assert {"2024/assets/site.css", "2024/assets/favicon.svg"} <= files
    assert "sitemap.xml" not in files and "404.html" not in files  # no base URL, no absolutes
    per_language = {
        "index.html", "report.html", "methods.html", "accessibility.html",
        "goals/sustainable-city.html", "report-2024.csv", "report-2024.json", "data-2024.zip",
        "data-2024.xlsx",
    }  # fmt: skip
    for lang in LANGS:
        assert {f"2024/{lang}/{p}" for p in per_language} <= files
        for identifier in INDICATORS:
            expected = {f"indicators/{identifier}.html", f"data/{identifier}.csv"}
            expected |= {f"charts/{identifier}{s}" for s in ("-s.svg", "-m.svg", "-l.svg")}
            expected |= {f"charts/{identifier}.svg", f"charts/{identifier}.png"}
            assert {f"2024/{lang}/{p}" for p in expected} <= files, identifier


def test_pages_are_self_contained_and_carry_the_security_policy(site_dir: Path) -> None:
    """No script, no inline style, a strict Content-Security-Policy first in the head, and
    every link to a resource of the page relative (sources may link out)."""
    policy = str(markupsafe.escape(CONTENT_SECURITY_POLICY))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        assert "<script" not in html and " style=" not in html and "<style" not in html, page
        assert head.index(meta) < head.index("<title>") < head.index("<link"), page
        for attr in re.findall(r'(?:src|href|srcset)="([^"]*)"', html):
            if attr.startswith(("http://", "https://", "mailto:")):
                assert re.search(rf'<a [^>]*href="{re.escape(attr)}"', html), (page, attr)
            else:
                assert not attr.startswith("/") and ":" not in attr.split("/")[0], (page, attr)


def test_language_switcher_points_at_the_same_page(edition: Path) -> None:
    html = (edition / "sv" / "indicators" / "population.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in html
    for lang in LANGS:
        href = f"../../{lang}/indicators/population.html"
        assert f'hreflang="{lang}" href="{href}"' in html
        assert f'<a href="{href}"' in html


def test_every_page_links_to_the_accessibility_statement_and_the_editions(site_dir: Path) -> None:
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert re.search(r'href="[^"]*accessibility\.html"', html), page
        if page.parent != site_dir:
            assert re.search(r'href="(\.\./)+index\.html#editions"', html), page


@pytest.mark.parametrize("lang", LANGS)
def test_the_chart_has_three_page_sizes_a_full_size_svg_and_a_slide_png(
    edition: Path, lang: str
) -> None:
    """Case 1: each size is shown where its box is 1 to 1.5 times the width it was drawn
    at, so its 12.5-point text is at least 12 px; the page links to the files."""
    html = (edition / lang / "indicators" / "ghg-emissions.html").read_text(encoding="utf-8")
    picture = html[html.index("<picture>") : html.index("</picture>")]
    sources = re.findall(r'media="\(min-width: (\d+)px\)" srcset="([^"]+)"', picture)
    small, medium, large = PAGE_SIZES
    assert sources == [
        (str(round(large.width) + 32), "../charts/ghg-emissions-l.svg"),
        (str(round(medium.width) + 32), "../charts/ghg-emissions-m.svg"),
    ]
    assert 'src="../charts/ghg-emissions-s.svg"' in picture
    # from one breakpoint to the next, a size's box grows by at most 1.5 times its width
    for size, upper in ((small, medium.width), (medium, large.width), (large, 72 * 16 - 32)):
        assert upper / size.width <= 1.53, size.name
    assert 'href="../charts/ghg-emissions.svg"' in html
    assert 'href="../charts/ghg-emissions.png"' in html
    png = (edition / lang / "charts" / "ghg-emissions.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1600, 900)  # a 16:9 slide
    svg = (edition / lang / "charts" / "ghg-emissions.svg").read_text(encoding="utf-8")
    assert 'role="img"' in svg and '<title id="chart-title">' in svg and "<desc" in svg


def test_chart_text_alternative_counts_only_what_the_chart_shows(edition: Path) -> None:
    """Case 3: population has a 2025 value; the 2024 chart and its description stop at 2024
    and say where the later value is."""
    html = (edition / "en" / "indicators" / "population.html").read_text(encoding="utf-8")
    caption = html[html.index("<figcaption>") : html.index("</figcaption>")]
    assert "to 2024" in caption and "after 2024 are in the table, not in the chart" in caption
    svg = (edition / "en" / "charts" / "population-l.svg").read_text(encoding="utf-8")
    assert ">2025<" not in svg


@pytest.mark.parametrize(
    ("lang", "one", "many"),
    [
        ("en", "The chart shows one value, ", "The chart shows {n} values from {a} to {b};"),
        ("fi", "Kuvaajassa on yksi arvo, ", "Kuvaajassa on {n} arvoa vuosilta {a}\u2013{b};"),
        ("sv", "Diagrammet visar ett värde, ", "Diagrammet visar {n} värden från {a} till {b};"),
    ],
)
def test_chart_descriptions_have_singular_and_plural_forms(
    edition: Path, lang: str, one: str, many: str
) -> None:
    """Case 3: "1 values from 2017 to 2017" read wrong in every language. Each description
    counts the values its chart shows (the report year's window)."""
    from intl_tracker.app.workflows import site_views
    from intl_tracker.core.vocabulary import Method, Pace
    from intl_tracker.dataset.loading import load_data_set
    from intl_tracker.render.charts import chart_window

    catalog = load_data_set(DATA).catalog
    assert catalog is not None
    views = site_views(
        catalog, year=2024, method=Method.RATIO, pace=Pace.ENDPOINTS, since=None, period=None
    )
    counts = set()
    for identifier, view in views.indicators.items():
        points = chart_window(view).points
        html = (edition / lang / "indicators" / f"{identifier}.html").read_text("utf-8")
        caption = html[html.index("<figcaption>") : html.index("</figcaption>")]
        if len(points) == 1:
            assert one in caption, identifier
        elif points:
            a, b = points[0].year, points[-1].year
            assert many.format(n=len(points), a=a, b=b) in caption, identifier
        assert not re.search(r"\b1 (values|arvoa|värden)", caption)
        counts.add(min(len(points), 2))
    assert counts >= {2}


def test_unknown_language_is_a_usage_error(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["site", "--output", str(tmp_path / "x"), "--lang", "fi,de"])
    assert result.exit_code == 2
    assert "unknown language 'de'; use one of: en, fi, sv" in result.output
    assert not (tmp_path / "x").exists()


def test_languages_are_case_insensitive_and_ordered(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "site"
    build(runner, out, "2024", "--lang", "SV, en")
    assert sorted(p.name for p in (out / "2024").iterdir() if p.is_dir()) == ["assets", "en", "sv"]
    assert '<html lang="sv">' in (out / "index.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("lang", "label"), [("en", "kt CO₂e"), ("fi", "kt CO₂-ekv."), ("sv", "kt CO₂e")]
)
def test_indicator_page_names_the_unit_as_show_does(
    edition: Path, runner: CliRunner, lang: str, label: str
) -> None:
    """The data's unit_label, not the unit id, in the facts, the values table's title and
    after every value and target (case 6)."""
    page = (edition / lang / "indicators" / "ghg-emissions.html").read_text(encoding="utf-8")
    assert page.count(label) >= 5
    assert "kt-co2e" not in page
    _, figures = page_figures(edition / lang / "indicators" / "ghg-emissions.html")
    value, change, target, _pace, projection = figures
    for figure in (value, change, target, projection):
        assert label in figure, figure
    shown = runner.invoke(
        app, ["show", "ghg-emissions", "--lang", lang, "--data", str(DATA)], env={"COLUMNS": "120"}
    )
    assert label in shown.output


def test_the_home_page_gives_units_and_explains_its_marks(edition: Path) -> None:
    """Case 6: "712ᵉ", "14 (2017)†" and "(trendi)" were unexplained and without units."""
    html = (edition / "fi" / "index.html").read_text(encoding="utf-8")
    assert "712ᵉ <bdi>kt CO₂-ekv.</bdi>" in html  # the unit label (data) isolated
    legend = html[html.index('id="legend-heading"') :]
    for mark in ("ᵉ arvio", "†", "(trendi)", "ᵖ"):
        assert mark in legend, mark
    assert 'href="#legend-heading"' in html  # linked from where the marks are


def test_goal_pages_say_the_method_once_and_announce_no_footnote(edition: Path) -> None:
    for lang in LANGS:
        for page in (edition / lang / "goals").glob("*.html"):
            html = page.read_text(encoding="utf-8")
            legend = html[html.index('id="legend-heading"') :] if "legend-heading" in html else ""
            assert "[1]" not in html, page
            assert legend.count("<li>") == len(set(re.findall(r"<li>(.*?)</li>", legend)))


def test_the_indicator_csv_holds_the_series_with_statuses_and_notes(edition: Path) -> None:
    """Case 7; the statuses and notes in the page's language (case 4)."""
    text = (edition / "fi" / "data" / "ghg-emissions.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["year"] for r in rows] == ["1990", "2018", "2019", "2020", "2022", "2023", "2024"]
    assert rows[-1]["value"] == "712" and rows[-1]["value_status"] == "estimated"
    assert rows[-1]["value_status_label"] == "arvio"
    assert rows[-1]["unit_label"] == "kt CO₂-ekv."
    assert rows[-1]["note"]


def test_the_workbook_download_has_the_editions_statuses_in_the_language(edition: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(edition / "sv" / "data-2024.xlsx")
    values, by_category, statuses = book.worksheets
    assert (values.title, by_category.title, statuses.title) == (
        "Värden", "Värden per kategori", "Status 2024",
    )  # fmt: skip
    assert statuses.max_row == len(INDICATORS) + 1
    years = [row[4] for row in statuses.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(year, int) and year <= 2024 for year in years if year is not None)
    link = 'href="../../sv/data-2024.xlsx"'
    assert link in (edition / "sv" / "goals" / "sustainable-city.html").read_text("utf-8")


def test_the_zip_holds_all_data_and_is_reproducible(edition: Path, tmp_path: Path) -> None:
    data = (edition / "sv" / "data-2024.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {"report-2024.csv", "report-2024.json"} <= set(names)
        assert {f"indicators/{i}.csv" for i in INDICATORS} <= set(names)
        assert archive.read("report-2024.csv") == (edition / "sv" / "report-2024.csv").read_bytes()
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_root_page_lists_editions_and_links_every_language(site_dir: Path) -> None:
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    for lang in LANGS:
        assert f'href="2024/{lang}/index.html"' in html
        assert f'href="2024/{lang}/accessibility.html"' in html
    assert 'id="editions"' in html
    assert 'href="2024/assets/site.css"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_a_chart_description_says_a_provisional_latest_value(edition: Path, lang: str) -> None:
    """board20 (7): the text alternative wrote the latest value without its flag, which the
    chart marks (the bundled hotel nights' 2021 value is provisional)."""
    from intl_tracker.presentation.wording import value_flag

    html = (edition / lang / "indicators" / "foreign-hotel-nights.html").read_text("utf-8")
    caption = html[html.index("<figcaption>") : html.index("</figcaption>")]
    assert f"({value_flag('provisional', lang)})" in caption


def test_a_share_shows_no_relative_change_and_a_reason_names_both_periods(edition: Path) -> None:
    """board20 (2, 4): a share's values table has no "Change %" column; the hotel nights'
    page says which period the status judged and which the change shown covers."""
    share = (edition / "en" / "indicators" / "foreign-language-share.html").read_text("utf-8")
    values = share[share.index('class="values-table"') :]
    values = values[: values.index("</table>")]
    assert "Change %" not in values and "+1.7 pp" in values
    nights = (edition / "en" / "indicators" / "foreign-hotel-nights.html").read_text("utf-8")
    assert "the status judges 2015\u20132021" in nights and "2020\u20132021 only" in nights
