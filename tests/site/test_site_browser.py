"""The built site in a real browser (headless Chromium driven by Playwright).

Every page of the bundled site, in every language: it loads without a console error and
without a request to any other host; axe-core finds no WCAG 2.1 A/AA violation; nothing
scrolls sideways at 360 px; every internal link and resource resolves; an indicator page
prints on one A4 page and the whole report prints as a PDF.

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


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "public"
    result = CliRunner().invoke(
        app, ["site", "2024", "--output", str(out), "--data", str(REPO / "data")]
    )
    assert result.exit_code == 0, result.output
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    """The site served from a sub-path of a local web server, as a city would host it."""
    root = site.parent
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/{site.name}/"
    httpd.shutdown()
    httpd.server_close()


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
        page.set_viewport_size({"width": 360, "height": 800})
        width = page.evaluate("document.documentElement.scrollWidth")
        found[relative] = {
            "console": errors,
            "foreign": foreign,
            "axe": violations,
            "width": width,
            "links": links,
        }
        page.close()
    return found


def test_every_page_loads_without_console_errors(crawl: dict[str, dict[str, Any]]) -> None:
    indicators = len(list((REPO / "data" / "indicators").glob("*.yaml")))
    assert len(crawl) == 1 + 3 * (indicators + 3 + 4)  # languages page; indicators, goals, 4
    assert {p: v["console"] for p, v in crawl.items() if v["console"]} == {}


def test_no_page_asks_another_host_for_anything(crawl: dict[str, dict[str, Any]]) -> None:
    assert {p: v["foreign"] for p, v in crawl.items() if v["foreign"]} == {}


def test_axe_finds_no_wcag_21_aa_violation(crawl: dict[str, dict[str, Any]]) -> None:
    assert {p: v["axe"] for p, v in crawl.items() if v["axe"]} == {}


def test_no_horizontal_scroll_at_360_px(crawl: dict[str, dict[str, Any]]) -> None:
    assert {p: v["width"] for p, v in crawl.items() if v["width"] > 360} == {}


def test_pages_work_from_the_file_system(browser: Any, site: Path) -> None:
    """Opened as files (file://), the first pages a new user sees load with their styles."""
    for relative in ("index.html", "fi/index.html", "fi/indicators/population.html"):
        page, errors, foreign = _open(browser, (site / relative).as_uri())
        assert (errors, foreign) == ([], []), relative
        font = page.evaluate("getComputedStyle(document.body).fontFamily")
        assert "system-ui" in font  # the stylesheet was found through its relative link
        page.close()


def test_a_new_user_reaches_an_indicator_in_finnish_then_swedish(browser: Any, site: Path) -> None:
    page, _, _ = _open(browser, (site / "index.html").as_uri())
    page.get_by_role("link", name="Suomi").click()
    page.get_by_role("link", name=re.compile("^Tavoite 3")).first.click()
    page.get_by_role("link", name="Vieraskielisten osuus väestöstä").first.click()
    assert page.locator("h1").inner_text() == "Vieraskielisten osuus väestöstä"
    assert page.locator("html").get_attribute("lang") == "fi"
    page.get_by_role("link", name="Svenska").click()
    assert page.url.endswith("/sv/indicators/foreign-language-share.html")
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
                assert parts.scheme in ("http", "https"), (relative, target)  # a source link
                continue
            path = site / unquote(parts.path[len(urlsplit(server).path) :])
            anchor = f'id="{parts.fragment}"'
            if not path.is_file() or (
                parts.fragment and anchor not in path.read_text(encoding="utf-8")
            ):
                broken.setdefault(relative, []).append(target)
    assert broken == {}


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def test_an_indicator_page_prints_on_one_a4_page(browser: Any, site: Path) -> None:
    page = browser.new_page()
    too_long = {}
    for path in sorted(site.glob("*/indicators/*.html")):
        page.goto(path.as_uri())
        pdf = page.pdf(format="A4", tagged=True)
        assert pdf.startswith(b"%PDF")
        if _pdf_pages(pdf) != 1:
            too_long[path.relative_to(site).as_posix()] = _pdf_pages(pdf)
    page.close()
    assert too_long == {}


def test_the_whole_report_prints_goal_by_goal(browser: Any, site: Path) -> None:
    page = browser.new_page()
    page.goto((site / "en" / "report.html").as_uri())
    pdf = page.pdf(format="A4", tagged=True)
    page.close()
    assert pdf.startswith(b"%PDF")
    assert _pdf_pages(pdf) >= 3  # each goal starts on a page of its own
