"""Build the static site: assess once, lay out every page per language, write a folder.

The folder holds one edition per report year, side by side (docs/guide/publishers.md)::

    index.html                         the newest edition's languages, and every edition
    404.html, sitemap.xml              with a base URL (absolute links need one)
    favicon.svg
    .intl-tracker-site.json            the manifest: what intl-tracker wrote (site.folder)
    <year>/index.html                  this edition: choose a language
    <year>/assets/site.css             one stylesheet (with a print stylesheet), the icon
    <year>/<lang>/index.html           the programme: goals with status summaries
    <year>/<lang>/goals/<goal>.html    a goal: objectives and its indicators' report lines
    <year>/<lang>/indicators/<id>.html an indicator: chart, values, targets, every number
    <year>/<lang>/report.html          the whole report, goal by goal, for print / PDF
    <year>/<lang>/methods.html         how to read the statuses, in plain language
    <year>/<lang>/accessibility.html   the accessibility statement (facts from site.yaml)
    <year>/<lang>/report-<year>.csv|json  what ``report --format csv|json --lang <lang>`` prints
    <year>/<lang>/data/<id>.csv        an indicator's series with statuses and notes
    <year>/<lang>/data-<year>.zip      all of the above data
    <year>/<lang>/charts/<id>-s|m|l.svg  the page's chart at three sizes
    <year>/<lang>/charts/<id>.svg|png  the chart at full size, and for a slide
    <year>/<lang>/charts/<id>.by.<dimension>-s|m|l.svg  a chart by category at three sizes

Every link inside the site is relative and every page carries its own CSS link, so the folder
works from ``file://``, under any path of a web server, and zipped; absolute links (canonical,
``hreflang``, Open Graph, the sitemap and the 404 page) are written only when a base URL is
given. No page runs a script or asks another host for anything, and each says so in its
Content-Security-Policy. The bytes depend only on the data and the options: no dates, no
random ids, charts drawn with a fixed hash salt, files in a fixed order.

The build writes into a staging folder and moves its files into place only when all are
written; it never deletes or overwrites a file it did not write (:mod:`intl_tracker.site.folder`).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from intl_tracker.assessment.breakdowns import BreakdownAssessment
from intl_tracker.core.errors import IntlTrackerError, UsageError
from intl_tracker.core.i18n import normalize_language, translator
from intl_tracker.dataset.breakdowns import breakdown_table
from intl_tracker.dataset.models import Catalog, localize
from intl_tracker.presentation.indicator_view import IndicatorView
from intl_tracker.presentation.views import ReportView
from intl_tracker.render.exports.open_data import category_rows, indicator_rows
from intl_tracker.render.exports.workbook import workbook_bytes
from intl_tracker.render.registry import RenderOptions, renderer
from intl_tracker.site import folder
from intl_tracker.site.breakdown_content import with_breakdowns
from intl_tracker.site.chart_svg import ChartJob, ChartPool, breakdown_stem
from intl_tracker.site.config import SiteConfig, placeholders
from intl_tracker.site.content import (
    IndicatorPage,
    Phrase,
    SiteContent,
    build_content,
    phrase,
    safe_url,
)
from intl_tracker.site.data_files import indicator_csv, zip_bytes
from intl_tracker.site.sdg_pages import reporting_page, sdg_page
from intl_tracker.site.words import (
    LANGUAGE_NAMES,
    SITE_LANGUAGES,
    WORDS,
    format_day,
    site_words,
)

GENERATOR = "intl-tracker"

#: Every page's policy: nothing runs, nothing is fetched from elsewhere, styles and images
#: only from the site itself (no inline style or script: there is none).
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'"
)

#: Open Graph locales of the site's languages.
OG_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}


class SiteExtraMissingError(IntlTrackerError):
    """Jinja2 or matplotlib is not installed; the message says how to install them."""

    exit_code = UsageError.exit_code

    def __init__(self, missing: str) -> None:
        super().__init__(
            f"the site needs {missing}, which is not installed; "
            "run: pip install 'intl-tracker[site]'"
        )


@dataclass(frozen=True, slots=True)
class SiteResult:
    """What a build wrote: the folder, the edition, how many pages and charts, and the
    warnings (an incomplete accessibility statement, files kept because they changed)."""

    output: Path
    edition: int
    pages: int
    charts: int
    warnings: list[str] = field(default_factory=list)


def parse_languages(value: str) -> tuple[str, ...]:
    """``"fi,sv,en"`` (case-insensitive, spaces allowed) as a tuple of codes, duplicates
    dropped. Raises :class:`UsageError` for an empty list or an unsupported code."""
    codes: list[str] = []
    for part in value.split(","):
        if part.strip():
            code = normalize_language(part)
            if code not in codes:
                codes.append(code)
    if not codes:
        raise UsageError(f"--lang needs at least one of: {', '.join(SITE_LANGUAGES)}")
    return tuple(codes)


def normalize_base_url(value: str | None) -> str | None:
    """An absolute http(s) base URL ending in "/", or None. Raises UsageError otherwise."""
    if value is None or not value.strip():
        return None
    url = value.strip()
    if safe_url(url) is None or not url.lower().startswith(("http://", "https://")):
        raise UsageError(f"base_url must be an http:// or https:// address, not {url[:80]!r}")
    if any(c in url for c in " \"'<>\\") or "//" not in url:
        raise UsageError(f"base_url is not a valid address: {url[:80]!r}")
    return url if url.endswith("/") else url + "/"


@cache
def _environment() -> Any:
    """The templates' environment, made once: each template is compiled once per run, and
    the page's words come with each page (``w``, see :func:`site_words`)."""
    try:
        import jinja2
    except ImportError as exc:
        raise SiteExtraMissingError("Jinja2") from exc
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("intl_tracker.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["csp"] = CONTENT_SECURITY_POLICY
    return env


@dataclass(frozen=True, slots=True)
class SiteViews:
    """What the site shows: the report, the ``show`` view of every reported indicator
    (assessed at the report year by every method), by indicator id, and each one's
    breakdowns assessed as the report assessed its headline (one per ``view.breakdowns``,
    in that order). ``catalog``: the data set, whose breakdown files the downloads carry
    (None: the downloads hold the headline values only)."""

    report: ReportView
    indicators: dict[str, IndicatorView]
    breakdowns: Mapping[str, tuple[BreakdownAssessment, ...]] = field(default_factory=dict)
    catalog: Catalog | None = None


@dataclass(frozen=True, slots=True)
class _Build:
    """One build's fixed facts: the edition, languages, base URL and configuration."""

    views: SiteViews
    langs: tuple[str, ...]
    base_url: str | None
    config: SiteConfig

    @property
    def year(self) -> int:
        return self.views.report.year

    @property
    def edition(self) -> str:
        return f"{self.year}/"

    def absolute(self, relative: str) -> str | None:
        """The absolute URL of a path relative to the output folder, with a base URL."""
        return None if self.base_url is None else self.base_url + relative


class _Writer:
    """Writes one build's files under ``root`` (the staging folder), counting pages."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pages = 0
        self.written: list[str] = []

    def text(self, relative: str, content: str) -> None:
        self.bytes(relative, content.encode("utf-8"))
        if relative.endswith(".html"):
            self.pages += 1

    def bytes(self, relative: str, content: bytes) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        self.written.append(relative)


def build_site(
    views: SiteViews,
    output: Path,
    *,
    langs: Sequence[str] = SITE_LANGUAGES,
    processes: int | None = None,
    base_url: str | None = None,
    config: SiteConfig | None = None,
) -> SiteResult:
    """Write the edition of ``views`` (its report year) into the folder ``output``, every page
    in each of ``langs`` (codes of :data:`SITE_LANGUAGES`), beside the other editions there;
    ``processes`` draw the charts (default: every core); ``base_url`` (else the
    configuration's) makes the absolute links.

    Raises :class:`UsageError` when a file the build would write is in the way (not written by
    intl-tracker, or changed since), :class:`SiteExtraMissingError` without Jinja2 or
    matplotlib, OutputUnwritableError for an output that is a file, OSError when writing fails.
    """
    from intl_tracker.render.charts import ChartExtraMissingError, load_matplotlib

    try:
        load_matplotlib()
    except ChartExtraMissingError as exc:
        raise SiteExtraMissingError("matplotlib") from exc
    _environment()  # Jinja2 is there, before anything is drawn
    config = config or SiteConfig()
    build = _Build(views, tuple(langs), normalize_base_url(base_url or config.base_url), config)
    root = folder.resolve_output(output)
    folder.remove_stale_staging(root)
    manifest = folder.Manifest.read(root)
    folder.check_free(root, _planned(build), manifest)
    with folder.signals_end_the_build():
        return _build_in(root, build)


def _build_in(root: Path, build: _Build) -> SiteResult:
    """Build into a staging folder in ``root`` and move the files into place, the manifest
    read again under the folder's lock."""
    staging = folder.make_staging(root)
    try:
        writer = _Writer(staging)
        charts = _write_edition(writer, build)
        with folder.locked(root):  # another build into this folder may have moved meanwhile
            manifest = folder.Manifest.read(root)
            editions = _editions(root, manifest, build)
            others = [
                p for p in manifest.files
                if p.endswith(".html") and p.split("/")[0] in editions
                and not p.startswith(build.edition)
            ]  # fmt: skip
            _write_top(writer, build, editions, others)
            kept = folder.move_into_place(
                root, staging, manifest, replaces=build.edition, editions=editions
            )
    finally:
        folder.remove_staging(staging)
    warnings = _warnings(build, kept)
    return SiteResult(root, build.year, writer.pages, charts, warnings)


def _editions(root: Path, manifest: folder.Manifest, build: _Build) -> dict[str, list[str]]:
    """The editions still there (a folder removed by hand is no longer listed), and this."""
    return {
        year: langs
        for year, langs in manifest.editions.items()
        if (root / year / "index.html").is_file()
    } | {str(build.year): list(build.langs)}


def _warnings(build: _Build, kept: list[str]) -> list[str]:
    found = []
    missing = placeholders(build.config)
    if missing:
        found.append(
            "the accessibility statement is a template until site.yaml gives: " + ", ".join(missing)
        )
    found += [f"kept '{p}': it was changed since intl-tracker wrote it" for p in kept]
    return found


def _planned(build: _Build) -> list[str]:
    """The files the build will write (relative to the output), to check before drawing."""
    year = build.edition
    paths = ["index.html", "favicon.svg", f"{year}index.html"]
    paths += [f"{year}assets/site.css", f"{year}assets/favicon.svg"]
    if build.base_url is not None:
        paths += ["404.html", "sitemap.xml"]
    report = build.views.report
    for lang in build.langs:
        base = f"{year}{lang}/"
        names = download_names(build.year)
        paths += [base + p for p in ("index.html", "report.html", "methods.html")]
        paths += [base + "sdg.html", base + "reporting.html"]
        paths += [base + "accessibility.html", *(base + n for n in names.values())]
        paths += [f"{base}goals/{g.id}.html" for g in report.goals]
        paths += [f"{base}objectives/{o.id}.html" for g in report.goals for o in g.objectives]
        for identifier in build.views.indicators:
            paths += [f"{base}indicators/{identifier}.html", f"{base}data/{identifier}.csv"]
            paths += [f"{base}charts/{identifier}{suffix}"
                      for suffix in ("-s.svg", "-m.svg", "-l.svg", ".svg", ".png")]  # fmt: skip
            for breakdown in build.views.indicators[identifier].breakdowns:
                stem = breakdown_stem(identifier, [d.id for d in breakdown.dimensions])
                paths += [f"{base}charts/{stem}-{size}.svg" for size in ("s", "m", "l")]
    return paths


def download_names(year: int) -> dict[str, str]:
    """The file names of the downloads of one language folder."""
    return {
        "csv": f"report-{year}.csv",
        "json": f"report-{year}.json",
        "zip": f"data-{year}.zip",
        "xlsx": f"data-{year}.xlsx",
    }


# --- one edition ------------------------------------------------------------------------------


def _write_edition(writer: _Writer, build: _Build) -> int:
    """Every file of the edition; returns the number of charts drawn."""
    views = build.views
    contents = [
        with_breakdowns(build_content(views.report, views.indicators, lang), views.indicators,
                        views.breakdowns)
        for lang in build.langs
    ]  # fmt: skip
    jobs: list[ChartJob] = []
    for content in contents:
        folder = writer.root / build.edition / content.lang / "charts"
        for page in content.indicators:
            view = views.indicators[page.row.id]
            jobs.append(ChartJob(view, content.lang, folder, page.chart_title,
                                 page.chart_description))  # fmt: skip
            jobs += [ChartJob(view, content.lang, folder, b.figure.title, b.figure.description,
                              b.figure.by) for b in page.breakdowns]  # fmt: skip
    for content in contents:
        (writer.root / build.edition / content.lang / "charts").mkdir(parents=True)
    with ChartPool() as pool:
        heights = pool.draw(jobs)
        for content in contents:
            _write_language(writer, build, content, heights)
    _write_assets(writer, build.edition)
    _write_choose(writer, build, f"{build.edition}index.html", top="../", editions=None)
    return len(jobs)


def _write_assets(writer: _Writer, prefix: str) -> None:
    package = resources.files("intl_tracker.site")
    for name in ("site.css", "favicon.svg"):
        writer.text(f"{prefix}assets/{name}", package.joinpath(f"static/{name}").read_text("utf-8"))


def _pictures(
    pages: Sequence[IndicatorPage], heights: Iterator[dict[str, float]]
) -> Iterator[tuple[IndicatorPage, dict[str, Any], dict[str, dict[str, Any]]]]:
    """Each page with its chart's ``<picture>`` sources (media query, size, height), and the
    pictures of its charts by category (by file stem, the figure of each breakdown's
    disclosure), as each chart is drawn (a page's own chart, then its breakdowns': the order
    of the jobs)."""
    for page in pages:
        picture = _picture(next(heights))
        figures = {b.figure.stem: _picture(next(heights)) for b in page.breakdowns}
        yield page, picture, figures


def _picture(drawn: dict[str, float]) -> dict[str, Any]:
    from intl_tracker.render.charts import PAGE_SIZES

    smallest, *larger = PAGE_SIZES
    sources = [
        {"name": s.name, "min_width": round(s.width) + 32, "width": round(s.width),
         "height": round(drawn[s.name])}
        for s in reversed(larger)
    ]  # fmt: skip
    image = {"name": smallest.name, "width": round(smallest.width),
             "height": round(drawn[smallest.name])}  # fmt: skip
    return {"sources": sources, "img": image}


class _Pages:
    """Renders the pages of one language of the edition."""

    def __init__(self, writer: _Writer, build: _Build, content: SiteContent) -> None:
        self.writer, self.build, self.content = writer, build, content
        self.lang = content.lang
        self.env = _environment()
        self.w = site_words(self.lang)
        self.common = {
            "w": self.w,
            "site": content,
            "lang": self.lang,
            "languages": [(code, LANGUAGE_NAMES[code]) for code in build.langs],
            "year": content.year,
            "downloads": download_names(content.year),
        }

    def page(self, template: str, relative: str, title: str, description: str,
             og_image: str | None = None, **fields: Any) -> None:  # fmt: skip
        depth = relative.count("/") + 1  # inside the language folder
        root = "../" * depth
        build, lang = self.build, self.lang
        canonical = build.absolute(f"{build.edition}{lang}/{relative}")
        alternates = [
            (
                code,
                build.absolute(f"{build.edition}{code}/{relative}") or f"{root}{code}/{relative}",
            )
            for code in build.langs
        ]
        if build.base_url is not None:
            alternates.append(("x-default", build.absolute(f"{build.edition}index.html") or ""))
        programme = self.content.programme.text
        fields = (
            self.common
            | {
                "root": root,
                "top": root + "../",
                "assets": root + "assets/",
                "page_path": relative,
                "title": f"{title} \u2013 {programme}" if title != programme else title,
                "description": description,
                "canonical": canonical,
                "alternates": alternates,
                "og": {
                    "site_name": programme,
                    "locale": OG_LOCALES[lang],
                    "alternate_locales": [OG_LOCALES[c] for c in build.langs if c != lang],
                    "image": build.absolute(f"{build.edition}{lang}/{og_image}")
                    if og_image
                    else None,
                    "image_alt": title,
                },
            }
            | fields
        )
        html = self.env.get_template(template).render(fields)
        self.writer.text(f"{build.edition}{lang}/{relative}", html)


def _write_language(
    writer: _Writer,
    build: _Build,
    content: SiteContent,
    heights: Iterator[dict[str, float]],
) -> None:
    pages = _Pages(writer, build, content)
    w, year = pages.w, content.year
    lead = f"{w('follow_up_long', year=year)}. " + w(
        "assessed_with", year=year, method=content.method
    )
    pages.page("programme.html", "index.html", w("follow_up", year=year), lead)
    reporting = reporting_page(build.views.report, content.lang)
    for goal in content.goals:
        title = f"{w('goal_number', number=goal.number)}. {goal.name.text}"
        objective_rows = [o for o in reporting["objectives"] if o["goal_id"] == goal.id]
        pages.page("goal.html", f"goals/{goal.id}.html", title, lead, goal=goal,
                   objective_rows=objective_rows)  # fmt: skip
    pictures: dict[str, dict[str, Any]] = {}
    views = build.views.indicators
    for page, picture, breakdown_pictures in _pictures(content.indicators, heights):
        pictures[page.row.id] = picture
        description = f"{w('status')}: {page.row.status.words}. {page.chart_description}"
        pages.page(
            "indicator.html", f"indicators/{page.row.id}.html", page.row.name.text, description,
            og_image=f"charts/{page.row.id}.png", view=page, picture=picture,
            breakdown_pictures=breakdown_pictures,
        )  # fmt: skip
        writer.text(
            f"{build.edition}{content.lang}/data/{page.row.id}.csv",
            indicator_csv(views[page.row.id], content.lang, build.views.catalog),
        )
    pages.page("report.html", "report.html", w("whole_report"), lead, pictures=pictures)
    pages.page("methods.html", "methods.html", w("methods"), w("how_to_read"))
    pages.page("sdg.html", "sdg.html", w("by_sdg"), w("by_sdg_intro"),
               sdg=sdg_page(build.views.report, content.lang))  # fmt: skip
    pages.page("reporting.html", "reporting.html", w("reporting_status"), w("reporting_intro"),
               reporting=reporting)  # fmt: skip
    for objective in reporting["objectives"]:
        pages.page("objective.html", f"objectives/{objective['id']}.html",
                   objective["text"].text, w("reporting_status"), o=objective)  # fmt: skip
    pages.page(
        "accessibility.html", "accessibility.html", w("accessibility_statement"),
        w("accessibility_statement"), statement=_statement(build, content),
    )  # fmt: skip
    _write_downloads(writer, build, content)


def _write_downloads(writer: _Writer, build: _Build, content: SiteContent) -> None:
    """The report's CSV and JSON (``report --format csv|json``), the ZIP of all data and the
    workbook of ``intl-tracker export`` (values and the edition's statuses)."""
    lang, names = content.lang, download_names(content.year)
    base = f"{build.edition}{lang}/"
    archive: dict[str, bytes] = {}
    for fmt in ("csv", "json"):
        buffer = io.StringIO()
        renderer("report", fmt)(build.views.report, buffer, RenderOptions(lang=lang))
        writer.text(base + names[fmt], buffer.getvalue())
        archive[names[fmt]] = buffer.getvalue().encode("utf-8")
    catalog = build.views.catalog
    for identifier, view in build.views.indicators.items():
        text = indicator_csv(view, lang, catalog)
        archive[f"indicators/{identifier}.csv"] = text.encode("utf-8")
    writer.bytes(base + names["zip"], zip_bytes(archive))
    report = build.views.report
    rows = [row for r in report.rows for row in indicator_rows(r.goal, r.indicator)]
    by_category = [] if catalog is None else [
        row for r in report.rows
        for row in category_rows(r.goal, r.indicator, breakdown_table(catalog, r.indicator.id))
    ]  # fmt: skip
    dimensions = () if catalog is None else tuple(catalog.dimensions)
    workbook = workbook_bytes(report.programme, rows, report, lang, by_category, dimensions)
    writer.bytes(base + names["xlsx"], workbook)


def _statement(build: _Build, content: SiteContent) -> dict[str, Any]:
    """The accessibility statement's facts in the page's language, a bracketed placeholder
    for each one site.yaml does not give."""
    lang, w = content.lang, site_words(content.lang)
    a = build.config.accessibility

    def missing(key: str) -> str:
        return w("placeholder", what=w(key))

    organisation = phrase(build.config.organisation, lang) or missing("missing_organisation")
    compliance = w(f"compliance_{a.compliance}") if a.compliance else missing("missing_compliance")
    if a.assessed_on and a.assessed_by:
        day = format_day(a.assessed_on, lang)
        assessed = filled(lang, "assessed_line", date=day, who=phrase(a.assessed_by, lang))
    else:
        assessed = missing("missing_assessed")
    problems: Any = (
        missing("missing_problems")
        if a.known_problems is None
        else [phrase(p, lang, block=True) for p in a.known_problems]
    )
    authority = a.supervisory_authority
    return {
        "incomplete": bool(placeholders(build.config)),
        "scope": filled(
            lang, "statement_scope", programme=content.programme, organisation=organisation
        ),
        "compliance": compliance,
        "assessed": assessed,
        "method": filled(lang, "method_line", method=phrase(a.method, lang)) if a.method else None,
        "languages": ", ".join(w(f"language_{code}") for code in build.langs),
        "problems": problems,
        "days": a.reply_within_days,
        "feedback": bool(a.feedback_email or a.feedback_url),
        "email": a.feedback_email,
        "form": safe_url(a.feedback_url),
        "missing_feedback": missing("missing_feedback"),
        "authority": phrase(authority.name, lang),
        "authority_url": safe_url(localize(authority.url, lang)),
        "prepared": w("prepared_line", date=format_day(a.prepared_on, lang))
        if a.prepared_on
        else missing("missing_prepared"),
        "reviewed": w("reviewed_line", date=format_day(a.reviewed_on, lang))
        if a.reviewed_on
        else None,
    }


def filled(lang: str, key: str, **fields: object) -> Any:
    """The message ``key`` (:func:`site_words`) in ``lang`` as markup, its fields filled in:
    a :class:`Phrase` (text from the data or site.yaml) keeps its ``<bdi>`` and ``lang``,
    anything else is escaped."""
    from markupsafe import Markup, escape

    return Markup(escape(translator(lang).gettext(WORDS[key]))).format(**fields)


# --- the top of the site: shared by every edition --------------------------------------------


def _write_choose(
    writer: _Writer,
    build: _Build,
    relative: str,
    *,
    top: str,
    editions: dict[str, list[str]] | None,
    newest: int | None = None,
) -> None:
    """A page to choose a language: an edition's own (``<year>/index.html``), or the site's
    front page (``index.html``: the newest edition's languages and every edition)."""
    year = newest or build.year
    langs = editions.get(str(year), list(build.langs)) if editions else list(build.langs)
    prefix = "" if editions is None else f"{year}/"
    choices = [_choice(build, code, prefix, year) for code in langs]
    titles: list[dict[str, str]] = []
    for c in choices:  # a programme without a name in some language shows it once
        if all(str(t["programme"]) != str(c["programme"]) for t in titles):
            titles.append(c)
    listed = [
        {
            "year": edition,
            "links": [
                (code, LANGUAGE_NAMES.get(code, code), f"{edition}/{code}/index.html")
                for code in codes
            ],
        }
        for edition, codes in sorted((editions or {}).items(), reverse=True)
    ]
    env = _environment()
    programme = " · ".join(str(t["programme"]) for t in titles)
    html = env.get_template("choose.html").render(
        lang=langs[0], choices=choices, titles=titles, editions=listed,
        title=programme, description=choices[0]["follow_up"],
        assets=f"{top}{year}/assets/" if editions is not None else "assets/",
        canonical=build.absolute(relative), alternates=[],
        og={"site_name": programme, "locale": OG_LOCALES[langs[0]],
            "alternate_locales": [OG_LOCALES[c] for c in langs[1:]], "image": None},
    )  # fmt: skip
    writer.text(relative, html)


def _choice(build: _Build, code: str, prefix: str, year: int) -> dict[str, Any]:
    w = site_words(code)
    programme = build.views.report.programme
    return {
        "code": code,
        "language": LANGUAGE_NAMES[code],
        "programme": phrase(programme.name, code) or Phrase(programme.id),
        "prompt": w("choose_language"),
        "follow_up": w("follow_up", year=year),
        "editions": w("editions"),
        "all_editions": w("all_editions"),
        "href": f"{prefix}{code}/index.html",
        "statement": f"{prefix}{code}/accessibility.html",
        "statement_words": w("accessibility_statement"),
    }


def _write_top(
    writer: _Writer, build: _Build, editions: dict[str, list[str]], others: Sequence[str]
) -> None:
    """The front page, the icon, and with a base URL the 404 page and the sitemap of this
    build's pages and ``others`` (the pages of the other editions)."""
    newest = max(int(year) for year in editions)
    _write_choose(writer, build, "index.html", top="", editions=editions, newest=newest)
    package = resources.files("intl_tracker.site")
    writer.text("favicon.svg", package.joinpath("static/favicon.svg").read_text("utf-8"))
    if build.base_url is None:
        return
    _write_404(writer, build, editions, newest)
    pages = sorted({*others, *(p for p in writer.written if p.endswith(".html"))} - {"404.html"})
    writer.text("sitemap.xml", sitemap_text(build.base_url, pages))


def _write_404(writer: _Writer, build: _Build, editions: dict[str, list[str]], newest: int) -> None:
    base = build.base_url
    assert base is not None
    langs = editions[str(newest)]
    choices = []
    for code in langs:
        w = site_words(code)
        choices.append({
            "code": code, "not_found": w("not_found"), "text": w("not_found_text"),
            "front": f"{base}index.html", "to_front": w("to_front_page"),
            "statement": f"{base}{newest}/{code}/accessibility.html",
            "statement_words": w("accessibility_statement"),
        })  # fmt: skip
    env = _environment()
    title = site_words(langs[0])("not_found")
    html = env.get_template("404.html").render(
        lang=langs[0], choices=choices, title=title, description=title,
        assets=f"{base}{newest}/assets/", canonical=None, alternates=[],
        og={"site_name": str(_choice(build, langs[0], "", newest)["programme"]),
            "locale": OG_LOCALES[langs[0]], "alternate_locales": [], "image": None},
    )  # fmt: skip
    writer.text("404.html", html)


def sitemap_text(base_url: str, pages: Sequence[str]) -> str:
    """A sitemap (sitemaps.org 0.9) of ``pages`` (paths relative to the site) under
    ``base_url``."""
    from xml.sax.saxutils import escape

    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']  # fmt: skip
    lines += [f"  <url><loc>{escape(base_url + p)}</loc></url>" for p in pages]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
