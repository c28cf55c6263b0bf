"""`intl-tracker site`: page content equals the report, builds are reproducible, options and
errors behave as documented. (The browser checks are in test_site_browser.py.)"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from tests.conftest import REPO

DATA = REPO / "data"
LANGS = ("fi", "sv", "en")


def build(runner: CliRunner, out: Path, *args: str) -> None:
    result = runner.invoke(app, ["site", "--output", str(out), "--data", str(DATA), *args])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "public"
    build(CliRunner(), out, "2024")
    return out


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


_NUMBER = r"[+\-\u2212]?\d[\d\u00a0\u202f ,.]*"


@pytest.mark.parametrize("lang", LANGS)
def test_indicator_pages_say_what_the_report_json_says(
    site_dir: Path, runner: CliRunner, lang: str
) -> None:
    document = report_json(runner, lang)
    indicators = document["indicators"]
    assert isinstance(indicators, list) and len(indicators) == len(
        list(DATA.glob("indicators/*.yaml"))
    )
    for item in indicators:
        page = site_dir / lang / "indicators" / f"{item['id']}.html"
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
        page = out / "en" / "indicators" / f"{item['id']}.html"
        status, _ = page_figures(page)
        assert status == page_status(item), item["id"]
        assert item["status_label"] in page_status_words(page), item["id"]


def test_downloads_are_the_report_documents(site_dir: Path, runner: CliRunner) -> None:
    for lang in LANGS:
        for fmt in ("json", "csv"):
            result = runner.invoke(
                app, ["report", "2024", "--format", fmt, "--lang", lang, "--data", str(DATA)]
            )
            written = (site_dir / lang / f"report-2024.{fmt}").read_text(encoding="utf-8")
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


def test_every_page_in_every_language(site_dir: Path) -> None:
    pages = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")}
    per_language = {
        "index.html",
        "report.html",
        "methods.html",
        "accessibility.html",
        "goals/sustainable-city.html",
        "indicators/foreign-language-share.html",
    }
    for lang in LANGS:
        assert {f"{lang}/{p}" for p in per_language} <= pages
        count = len(list(DATA.glob("indicators/*.yaml")))
        assert len(list((site_dir / lang / "indicators").glob("*.html"))) == count
        assert len(list((site_dir / lang / "charts").glob("*.svg"))) == count
    assert "index.html" in pages


def test_pages_are_self_contained(site_dir: Path) -> None:
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html, page
        # every src/href to a resource of the page is relative (sources may link out)
        for attr in re.findall(r'(?:src|href)="([^"]*)"', html):
            if attr.startswith(("http://", "https://")):
                assert re.search(rf'<a [^>]*href="{re.escape(attr)}"', html), (page, attr)
            else:
                assert not attr.startswith("/"), (page, attr)


def test_language_switcher_points_at_the_same_page(site_dir: Path) -> None:
    html = (site_dir / "sv" / "indicators" / "population.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in html
    for lang in LANGS:
        href = f"../../{lang}/indicators/population.html"
        assert f'hreflang="{lang}" href="{href}"' in html
        assert f'<a href="{href}"' in html


def test_chart_has_a_text_alternative(site_dir: Path) -> None:
    html = (site_dir / "fi" / "indicators" / "foreign-language-share.html").read_text("utf-8")
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg
    assert '<title id="chart-title">Kuvaaja: Vieraskielisten osuus väestöstä</title>' in svg
    assert re.search(r'<desc id="chart-desc">Kuvaajassa on \d+ arvoa', svg)
    assert "width=" not in svg[: svg.index(">")]


def test_unknown_language_is_a_usage_error(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["site", "--output", str(tmp_path / "x"), "--lang", "fi,de"])
    assert result.exit_code == 2
    assert "unknown language 'de'; use one of: en, fi, sv" in result.output
    assert not (tmp_path / "x").exists()


def test_languages_are_case_insensitive_and_ordered(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "site"
    build(runner, out, "2024", "--lang", "SV, en")
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["assets", "en", "sv"]
    assert '<html lang="sv">' in (out / "index.html").read_text("utf-8")


def test_refuses_to_replace_a_folder_that_is_not_a_site(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    result = runner.invoke(app, ["site", "--output", str(out), "--data", str(DATA)])
    assert result.exit_code == 2
    assert "not empty and holds no earlier site" in result.output
    assert (out / "notes.txt").read_text() == "mine"


def test_rebuild_replaces_an_earlier_site(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "public"
    build(runner, out, "2024", "--lang", "en")
    (out / "en" / "stale.html").write_text("old")
    build(runner, out, "2024", "--lang", "en")
    assert not (out / "en" / "stale.html").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["public"]  # no staging folder left


@pytest.mark.parametrize(
    ("lang", "label"), [("en", "kt CO₂e"), ("fi", "kt CO₂-ekv."), ("sv", "kt CO₂e")]
)
def test_indicator_page_names_the_unit_as_show_does(
    site_dir: Path, runner: CliRunner, lang: str, label: str
) -> None:
    """The data's unit_label, not the unit id, in the facts and the values table's title."""
    page = (site_dir / lang / "indicators" / "ghg-emissions.html").read_text(encoding="utf-8")
    assert page.count(label) >= 2
    assert "kt-co2e" not in page
    shown = runner.invoke(
        app, ["show", "ghg-emissions", "--lang", lang, "--data", str(DATA)], env={"COLUMNS": "120"}
    )
    assert label in shown.output
