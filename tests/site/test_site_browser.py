"""The built site in a real browser (headless Chromium driven by Playwright).

Every page of the bundled site, in every language: it loads without a console error and
without a request to any other host; axe-core finds no WCAG 2.1 A/AA violation; nothing
scrolls sideways at 360 px; every internal link and resource resolves; chart text is at least
12 px at 375, 1280 and 1920 px; a fallback text carries its language; every page has its
Content-Security-Policy; hostile data run nothing; print has no text under 9 pt.

The browser is Debian's ``chromium-headless-shell`` or ``chromium`` (``.ci/run`` installs
it), or the one named by ``$INTL_TRACKER_CHROMIUM``. Without it these tests skip with the
reason, unless ``$INTL_TRACKER_REQUIRE_BROWSER=1`` (set by ``.ci/run``) turns the skip into a
failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from tests.conftest import REPO

pytestmark = pytest.mark.browser

BROWSERS = ("chromium-headless-shell", "chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--no-first-run",
    "--metrics-recording-only",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
A4_HEIGHT_MM = 297


def _unavailable(reason: str) -> None:
    if os.environ.get("INTL_TRACKER_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required but {reason}")
    pytest.skip(reason)


def _executable() -> str | None:
    explicit = os.environ.get("INTL_TRACKER_CHROMIUM")
    if explicit:
        return explicit
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install '.[test]')")
    executable = _executable()
    if executable is None:
        _unavailable(
            "no Chromium found: apt-get install chromium-headless-shell "
            "(or set INTL_TRACKER_CHROMIUM)"
        )
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield launched
        launched.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The bundled data's site, built with the base URL it is served from (a sub-path of a
    local web server, as a city would host it): absolute links and the 404 page are tested
    as a reader meets them."""
    root = tmp_path_factory.mktemp("browser")
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/public/"
    out = root / "public"
    data = root / "data"
    shutil.copytree(REPO / "data", data)
    (data / "site.yaml").write_text(f"base_url: {base}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["site", "2024", "--output", str(out), "--data", str(data)])
    assert result.exit_code == 0, result.output
    yield out, base
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def site(served: tuple[Path, str]) -> Path:
    return served[0]


@pytest.fixture(scope="module")
def server(served: tuple[Path, str]) -> str:
    return served[1]


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def _open(browser: Any, url: str, width: int = 1280) -> tuple[Any, list[str], list[str]]:
    """A page at ``url``; console errors and requests to other hosts are collected."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    foreign: list[str] = []
    own = urlsplit(url)

    def route(r: Any) -> None:
        target = urlsplit(r.request.url)
        if target.scheme in ("data", "about") or (
            target.scheme == own.scheme and target.netloc == own.netloc
        ):
            r.continue_()
        else:
            foreign.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(url, wait_until="load")
    assert response is None or response.ok, url
    return page, errors, foreign


def _href_targets(page: Any) -> list[str]:
    return list(
        page.evaluate(
            """[...document.querySelectorAll('a[href], link[href], img[src]')]
               .map(e => e.href || e.src)"""
        )
    )


@pytest.fixture(scope="module")
def crawl(browser: Any, server: str, site: Path) -> dict[str, dict[str, Any]]:
    """Every page, visited once over HTTP: console errors, requests to other hosts, axe
    violations, the document width at 360 px and the targets of its links."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found: dict[str, dict[str, Any]] = {}
    for relative in _pages(site):
        page, errors, foreign = _open(browser, server + relative)
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        violations = [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result.response["violations"]
        ]
        links = _href_targets(page)
        csp = page.evaluate(
            "document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')?.content"
        )
        page.set_viewport_size({"width": 360, "height": 800})
        width = page.evaluate("document.documentElement.scrollWidth")
        found[relative] = {
            "console": errors,
            "foreign": foreign,
            "axe": violations,
            "width": width,
            "links": links,
            "csp": csp,
        }
        page.close()
    return found


def test_every_page_loads_without_console_errors(crawl: dict[str, dict[str, Any]]) -> None:
    indicators = len(list((REPO / "data" / "indicators").glob("*.yaml")))
    goals = 3
    objectives = len(
        re.findall(r"^      - id: ", (REPO / "data" / "goals.yaml").read_text("utf-8"), re.M)
    )
    # the front page, the 404 page, the edition's language page; per language the indicators,
    # the goals, the objectives, and the programme, report, methods, accessibility, SDG and
    # reporting-status pages
    assert objectives == 7
    assert len(crawl) == 3 + 3 * (indicators + goals + objectives + 6)
    assert {p: v["console"] for p, v in crawl.items() if v["console"]} == {}


def test_no_page_asks_another_host_for_anything(crawl: dict[str, dict[str, Any]]) -> None:
    assert {p: v["foreign"] for p, v in crawl.items() if v["foreign"]} == {}


def test_axe_finds_no_wcag_21_aa_violation(crawl: dict[str, dict[str, Any]]) -> None:
    assert {p: v["axe"] for p, v in crawl.items() if v["axe"]} == {}


def test_no_horizontal_scroll_at_360_px(crawl: dict[str, dict[str, Any]]) -> None:
    assert {p: v["width"] for p, v in crawl.items() if v["width"] > 360} == {}


def test_every_page_carries_the_security_policy(crawl: dict[str, dict[str, Any]]) -> None:
    """Case 8: the browser reads the policy from each page's head."""
    from intl_tracker.site.build import CONTENT_SECURITY_POLICY

    assert {p: v["csp"] for p, v in crawl.items() if v["csp"] != CONTENT_SECURITY_POLICY} == {}


def test_pages_work_from_the_file_system(browser: Any, site: Path) -> None:
    """Opened as files (file://), the first pages a new user sees load with their styles."""
    for relative in ("index.html", "2024/fi/index.html", "2024/fi/indicators/population.html"):
        page, errors, foreign = _open(browser, (site / relative).as_uri())
        assert (errors, foreign) == ([], []), relative
        font = page.evaluate("getComputedStyle(document.body).fontFamily")
        assert "system-ui" in font  # the stylesheet was found through its relative link
        page.close()


def test_a_new_user_reaches_an_indicator_in_finnish_then_swedish(browser: Any, site: Path) -> None:
    page, _, _ = _open(browser, (site / "index.html").as_uri())
    page.get_by_role("link", name="Suomi").first.click()
    page.get_by_role("link", name=re.compile("^Tavoite 3")).first.click()
    page.get_by_role("link", name="Vieraskielisten osuus väestöstä").first.click()
    assert page.locator("h1").inner_text() == "Vieraskielisten osuus väestöstä"
    assert page.locator("html").get_attribute("lang") == "fi"
    page.get_by_role("link", name="Svenska").click()
    assert page.url.endswith("/2024/sv/indicators/foreign-language-share.html")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.get_by_role("img", name=re.compile("^Diagram: ")).count() == 1
    page.close()


def test_every_internal_link_resolves(
    crawl: dict[str, dict[str, Any]], server: str, site: Path
) -> None:
    broken: dict[str, list[str]] = {}
    for relative, visit in crawl.items():
        for target in visit["links"]:
            parts = urlsplit(target)
            if not target.startswith(server):
                assert parts.scheme in ("http", "https", "mailto"), (relative, target)
                continue
            path = site / unquote(parts.path[len(urlsplit(server).path) :])
            anchor = f'id="{parts.fragment}"'
            if not path.is_file() or (
                parts.fragment and anchor not in path.read_text(encoding="utf-8")
            ):
                broken.setdefault(relative, []).append(target)
    assert broken == {}


# --- chart text at the widths people use (case 1) --------------------------------------------

#: The image the browser chose for the chart (its currentSrc) and its rendered width.
SHOWN_CHART = """img => ({src: img.currentSrc, width: img.getBoundingClientRect().width})"""


def _smallest_svg_text(svg: str) -> tuple[float, float]:
    """The smallest font-size of the texts of an SVG, in its own units, and its viewBox
    width."""
    box = float(re.search(r'viewBox="0 0 ([\d.]+) [\d.]+"', svg).group(1))  # type: ignore[union-attr]
    sizes = [float(m) for m in re.findall(r"<text[^>]*font-size: ([\d.]+)px", svg)]
    return min(sizes), box


def chart_text_px(page: Any, site: Path, server: str | None = None) -> tuple[float, str]:
    """The smallest chart text as shown, in CSS pixels: the SVG the browser chose, its
    smallest font-size scaled by the image's rendered width over its viewBox width (the page's
    policy lets no script fetch it, so it is read from the site's folder)."""
    shown = page.locator("img.chart-img").first.evaluate(SHOWN_CHART)  # the headline chart
    url = urlsplit(shown["src"])
    relative = unquote(url.path)[len(urlsplit(server).path) :] if server else None
    path = site / relative if relative is not None else Path(unquote(url.path))
    size, box = _smallest_svg_text(path.read_text(encoding="utf-8"))
    return size * shown["width"] / box, path.name


@pytest.mark.parametrize("width", [375, 1280, 1920])
def test_chart_text_is_at_least_12_px_at_common_widths(
    browser: Any, server: str, site: Path, width: int
) -> None:
    """At 1280-1920 px the chart sat in a 424 px column with 4.4-8.8 px text, at 375 px
    3.6-7.1 px. Every indicator page, in Finnish: the smallest text of the chart shown."""
    smallest = {}
    for path in sorted((site / "2024" / "fi" / "indicators").glob("*.html")):
        page, _, _ = _open(browser, f"{server}2024/fi/indicators/{path.name}", width)
        measured, shown = chart_text_px(page, site, server)
        smallest[path.stem] = round(measured, 2)
        assert shown.startswith(path.stem + "-")
        page.close()
    print(f"chart text at {width} px: min {min(smallest.values())} px, "
          f"max of the minima {max(smallest.values())} px")  # fmt: skip
    assert {k: v for k, v in smallest.items() if v < 12.0} == {}


def test_the_chart_takes_the_full_content_width(browser: Any, server: str) -> None:
    for width in (375, 1280, 1920):
        page, _, _ = _open(browser, f"{server}2024/en/indicators/population.html", width)
        chart = page.locator("img.chart-img").first.bounding_box()
        main = page.locator("main").evaluate(
            "m => m.clientWidth - parseFloat(getComputedStyle(m).paddingLeft)"
            " - parseFloat(getComputedStyle(m).paddingRight)"
        )
        assert chart["width"] == pytest.approx(main, abs=1), width
        page.close()


STATUS_CELLS = """() => [...document.querySelectorAll("table.report td.status-cell .status")]
.map(s => {
  const r = s.getBoundingClientRect();
  const lines = Math.round(r.height / parseFloat(getComputedStyle(s).lineHeight));
  return {text: s.textContent.trim(), left: r.left, right: r.right, width: r.width, lines};
})"""


@pytest.mark.parametrize("page_path", ["en/goals", "fi/goals", "en/report.html"])
def test_goal_tables_show_the_status_readably_at_375_px(
    browser: Any, server: str, site: Path, page_path: str
) -> None:
    """Breaker item 2 (issue 20): at 375 px a goal table was 990 px wide in a 328 px box and
    its status column 37 px, "significant movement away (trend)" a letter or two a line,
    three screens to the right. Now, with no script: no sideways scroll of the page, every
    status inside the viewport, at least 100 px wide or on at most two lines."""
    target = site / "2024" / page_path
    paths = sorted(target.glob("*.html")) if target.is_dir() else [target]
    assert paths
    for path in paths:
        relative = path.relative_to(site).as_posix()
        page, _, _ = _open(browser, f"{server}{relative}", 375)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, relative
        cells = page.evaluate(STATUS_CELLS)
        assert cells, relative
        for cell in cells:
            assert cell["left"] >= 0 and cell["right"] <= 375, (relative, cell)
            assert cell["width"] >= 100 or cell["lines"] <= 2, (relative, cell)
        page.close()


# --- one language per page (case 4) -----------------------------------------------------------

FALLBACK_LANG = """() => [...document.querySelectorAll("bdi")].map(b => ({
  text: b.textContent, lang: b.closest("[lang]").getAttribute("lang")}))"""


def test_every_fallback_text_carries_its_language(browser: Any, tmp_path: Path) -> None:
    """Names given only in Finnish and English: on a Swedish page each shows with the
    language it is in, which the browser reports as the text's language (WCAG 3.1.2)."""
    from tests.site.conftest import GOALS, write_data

    data = write_data(tmp_path / "data", {"x": FALLBACK_INDICATOR}, goals=GOALS)
    out = tmp_path / "public"
    result = CliRunner().invoke(app, ["site", "2022", "--output", str(out), "--data", str(data)])
    assert result.exit_code == 0, result.output
    page, errors, _ = _open(browser, (out / "2022" / "sv" / "indicators" / "x.html").as_uri())
    assert errors == []
    found = {item["text"]: item["lang"] for item in page.evaluate(FALLBACK_LANG)}
    page.close()
    assert found["English name"] == "en"
    assert found["Only in English"] == "en"
    assert found["Svensk anmärkning"] == "sv"
    assert found["Suomenkielinen nimi"] == "fi"


FALLBACK_INDICATOR = """id: x
name: {fi: Suomenkielinen nimi, en: English name}
goal: g
unit: count
direction: increase
values:
  2020: {value: 1, note: {en: Only in English}}
  2021: {value: 2, note: {sv: Svensk anmärkning, en: A note}}
  2022: 3
"""


# --- hostile data (case 8) --------------------------------------------------------------------

HOSTILE = """id: vaara
name: {fi: "Kansainvälistymisvalmiuksienkehittämisohjelmakokonaisuusarviointi ja \u202e98,765"}
goal: g
unit: tonnes
unit_label: {fi: "t Kasvihuonekaasupäästöekvivalenttiyksikkötonnimääräasukaskohtaisesti"}
direction: increase
source: {title: Click, url: "javascript:document.title='pwned'"}
values: {2020: 1, 2021: 2, 2022: 98765}
"""


def test_hostile_data_neither_runs_nor_widens_the_page(browser: Any, tmp_path: Path) -> None:
    """A long word in a name, and in a unit label beside the key figures (905 px wide at
    360), wraps; a javascript: source is text."""
    from tests.site.conftest import GOALS, write_data

    data = write_data(tmp_path / "data", {"vaara": HOSTILE}, goals=GOALS)
    out = tmp_path / "public"
    result = CliRunner().invoke(
        app, ["site", "2022", "--lang", "fi", "--output", str(out), "--data", str(data)]
    )
    assert result.exit_code == 0, result.output
    for relative in ("2022/fi/index.html", "2022/fi/indicators/vaara.html"):
        page, errors, _ = _open(browser, (out / relative).as_uri(), 360)
        assert errors == [], relative
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, relative
        hrefs = page.evaluate("[...document.links].map(a => a.protocol)")
        assert "javascript:" not in hrefs
        page.close()
    page, _, _ = _open(browser, (out / "2022/fi/indicators/vaara.html").as_uri(), 360)
    page.get_by_text("Click").first.click()  # shown as text: clicking runs nothing
    assert page.title() != "pwned"
    page.close()


# --- breakdowns (issue 24) -------------------------------------------------------------------

OPEN_DETAILS = "() => document.querySelectorAll('details[open]').length"
REGION = """el => ({scroll: el.scrollWidth, client: el.clientWidth,
  focused: (el.focus(), document.activeElement === el)})"""


def _opens_without_overflow(page: Any, width: int) -> list[dict[str, Any]]:
    """Open every breakdown by clicking its summary, as a reader does, checking that the
    page never scrolls sideways; each table's scrolling region as measured."""
    summaries = page.locator("details.breakdown > summary")
    assert summaries.count() > 0
    for n in range(summaries.count()):
        summaries.nth(n).click()
        assert page.evaluate(OPEN_DETAILS) == n + 1
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    regions = page.locator("details.breakdown div[role=region]")
    assert all(regions.nth(n).is_visible() for n in range(regions.count()))
    return [regions.nth(n).evaluate(REGION) for n in range(regions.count())]


def test_breakdowns_open_at_375_px_without_widening_the_page(browser: Any, server: str) -> None:
    """The bundled population page in each language: each disclosure opens on a click (no
    script runs: the page's policy allows none), its table stays inside the page, and axe
    finds no WCAG 2.1 A/AA violation in the opened tables."""
    from axe_playwright_python.sync_playwright import Axe

    for lang in ("fi", "sv", "en"):
        page, errors, _ = _open(browser, f"{server}2024/{lang}/indicators/population.html", 375)
        _opens_without_overflow(page, 375)
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert [v["id"] for v in result.response["violations"]] == [], lang
        assert errors == []
        page.close()


def test_88_areas_scroll_inside_their_own_region_at_375_px(browser: Any, tmp_path: Path) -> None:
    """88 small areas with long names over 12 years: the table scrolls sideways inside its
    focusable region, the page does not."""
    from tests.site.test_site_breakdowns import large_data

    data = large_data(tmp_path / "data")
    out = tmp_path / "public"
    result = CliRunner().invoke(
        app, ["site", "2024", "--lang", "fi", "--output", str(out), "--data", str(data)]
    )
    assert result.exit_code == 0, result.output
    page, errors, _ = _open(browser, (out / "2024/fi/indicators/asukkaat.html").as_uri(), 375)
    (region,) = _opens_without_overflow(page, 375)
    assert region["scroll"] > region["client"] and region["focused"]
    assert errors == []
    page.close()


# --- print (case 2) ---------------------------------------------------------------------------

PRINT_TEXT_PT = """() => Math.min(...[...document.querySelectorAll("body *")]
  .filter(e => e.offsetParent !== null && [...e.childNodes].some(
      n => n.nodeType === 3 && n.textContent.trim()))
  .map(e => parseFloat(getComputedStyle(e).fontSize) * 0.75))"""


def test_print_has_no_text_under_9_points(browser: Any, site: Path) -> None:
    """Printing shrank type to 6.5 pt (notes and chart text 2.8-4.6 pt)."""
    page = browser.new_page()
    page.emulate_media(media="print")
    smallest = {}
    for path in sorted((site / "2024" / "fi" / "indicators").glob("*.html"))[:6]:
        page.goto(path.as_uri())
        text = page.evaluate(PRINT_TEXT_PT)
        chart, _ = chart_text_px(page, site)
        smallest[path.stem] = (round(text, 2), round(chart * 0.75, 2))
        pdf = page.pdf(format="A4", tagged=True)
        assert pdf.startswith(b"%PDF")
    page.close()
    print(f"print: smallest text and chart text in pt: {smallest}")
    assert {k: v for k, v in smallest.items() if min(v) < 9.0} == {}


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def test_the_whole_report_prints_goal_by_goal(browser: Any, site: Path) -> None:
    page = browser.new_page()
    page.goto((site / "2024" / "en" / "report.html").as_uri())
    pdf = page.pdf(format="A4", tagged=True)
    page.close()
    assert pdf.startswith(b"%PDF")
    assert _pdf_pages(pdf) >= 3  # each goal starts on a page of its own


def test_a_printed_indicator_page_carries_its_closed_breakdowns(browser: Any, site: Path) -> None:
    """Paper has no button to open a disclosure: a printed page lost its breakdowns' charts
    and tables while they were closed. Closed, they print as opened would (the same pages),
    and on screen they stay closed."""
    page = browser.new_page()
    page.goto((site / "2024" / "en" / "indicators" / "population.html").as_uri())
    shown = """() => [...document.querySelectorAll("details.breakdown")].map(d => [d.open,
        ...[...d.querySelectorAll("img, table")].map(e => e.checkVisibility())])"""
    assert page.evaluate(shown) == [[False, False, False]] * 2  # on screen: closed
    page.emulate_media(media="print")
    assert page.evaluate(shown) == [[False, True, True]] * 2
    closed = _pdf_pages(page.pdf(format="A4", tagged=True))
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    opened = _pdf_pages(page.pdf(format="A4", tagged=True))
    page.close()
    print(f"population.html prints on {closed} pages (breakdowns closed), {opened} (opened)")
    assert closed == opened


def test_a_missing_page_gets_the_404_page_links(browser: Any, server: str) -> None:
    """The 404 page (as a server would serve it at any address) links back absolutely."""
    page, errors, _ = _open(browser, f"{server}404.html")
    assert errors == []
    links = page.evaluate("[...document.links].map(a => a.href)")
    assert f"{server}index.html" in links
    assert f"{server}2024/fi/accessibility.html" in links
    page.close()
