"""Build the static site: assess once, lay out every page per language, write a folder.

The folder (see docs/guide/publishers.md)::

    index.html                      choose a language
    assets/site.css                 one stylesheet, with a print stylesheet
    <lang>/index.html               the programme: goals with status summaries
    <lang>/goals/<goal>.html        a goal: objectives and its indicators' report lines
    <lang>/indicators/<id>.html     an indicator: chart, values, targets, every number
    <lang>/report.html              the whole report, goal by goal, for print / PDF
    <lang>/methods.html             how to read the statuses, in plain language
    <lang>/accessibility.html       accessibility statement (a template the city completes)
    <lang>/report-<year>.csv|json   the documents ``report --format csv|json --lang <lang>`` prints
    <lang>/charts/<id>.svg          the charts as files

Every link is relative and every page carries its own CSS link, so the folder works from
``file://``, under any path of a web server, and zipped. No page needs JavaScript or asks
another host for anything. The bytes depend only on the data and the options: no dates, no
random ids, charts drawn with a fixed hash salt, files in a fixed order.

The folder is built next to the output and swapped in when complete, so a failed build
leaves the previous site as it was; an existing folder is replaced only when it holds an
earlier site (its ``index.html`` names intl-tracker as generator).
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from intl_tracker.core.errors import IntlTrackerError, OutputUnwritableError, UsageError
from intl_tracker.core.i18n import normalize_language
from intl_tracker.dataset.models import localize
from intl_tracker.presentation.views import IndicatorView, ReportView
from intl_tracker.render.registry import RenderOptions, renderer
from intl_tracker.site.chart_svg import ChartJob, ChartPool
from intl_tracker.site.content import SiteContent, build_content
from intl_tracker.site.words import LANGUAGE_NAMES, SITE_LANGUAGES, site_words

GENERATOR = "intl-tracker"
_GENERATOR_MARK = f'<meta name="generator" content="{GENERATOR}">'


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
    """What a build wrote: the folder, and how many pages and charts."""

    output: Path
    pages: int
    charts: int


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


def _environment(lang: str) -> Any:
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
    env.globals["w"] = site_words(lang)
    return env


def _check_output(output: Path) -> None:
    if output.exists() and not output.is_dir():
        raise OutputUnwritableError(output, "it is a file; give a folder")
    if output.is_dir() and any(output.iterdir()):
        index = output / "index.html"
        if not index.is_file() or _GENERATOR_MARK not in index.read_text(errors="replace"):
            raise UsageError(
                f"'{output}' is not empty and holds no earlier site; choose an empty or new folder"
            )


def _swap_in(built: Path, output: Path) -> None:
    """Replace ``output`` by ``built`` (same parent folder), removing the old site."""
    old: Path | None = None
    if output.exists():
        old = output.with_name(f".{output.name}.old-{os.getpid()}")
        output.rename(old)
    built.rename(output)
    if old is not None:
        shutil.rmtree(old)


class _Writer:
    """Writes the files of one build under ``root``, counting pages."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pages = 0

    def text(self, relative: str, content: str) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as f:
            f.write(content)
        if relative.endswith(".html"):
            self.pages += 1


def _page_globals(content: SiteContent, langs: Sequence[str]) -> dict[str, Any]:
    return {
        "site": content,
        "lang": content.lang,
        "languages": [(code, LANGUAGE_NAMES[code]) for code in langs],
        "year": content.year,
    }


@dataclass(frozen=True, slots=True)
class SiteViews:
    """What the site shows: the report, and the ``show`` view of every reported indicator
    (assessed at the report year by every method), by indicator id."""

    report: ReportView
    indicators: dict[str, IndicatorView]


def build_site(
    views: SiteViews,
    output: Path,
    *,
    langs: Sequence[str] = SITE_LANGUAGES,
    processes: int | None = None,
) -> SiteResult:
    """Write the site of ``views`` to the folder ``output``, every page in each of ``langs``
    (codes of :data:`SITE_LANGUAGES`); ``processes`` draw the charts (default: every core).

    Raises :class:`UsageError` when ``output`` is a file or a non-empty folder that holds no
    earlier site, :class:`SiteExtraMissingError` without Jinja2 or matplotlib, OSError when
    writing fails.
    """
    from intl_tracker.render.charts import ChartExtraMissingError, load_matplotlib

    try:
        load_matplotlib()
    except ChartExtraMissingError as exc:
        raise SiteExtraMissingError("matplotlib") from exc
    _environment("en")  # Jinja2 is there, before anything is drawn
    _check_output(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    try:
        staging.chmod(0o777 & ~_umask())
        writer = _Writer(staging)
        charts = 0
        # Each language's charts are queued as soon as its content is built, so the pool
        # draws while the next language is built and while the pages are written.
        with ChartPool(len(views.indicators) * len(langs), processes=processes) as pool:
            drawn: list[tuple[SiteContent, Iterator[str]]] = []
            for lang in langs:
                content = build_content(views.report, views.indicators, lang)
                (staging / lang / "charts").mkdir(parents=True)
                jobs = [
                    ChartJob(
                        view=views.indicators[page.row.id],
                        lang=lang,
                        path=staging / lang / "charts" / f"{page.row.id}.svg",
                        title=page.chart_title,
                        description=page.chart_description,
                    )
                    for page in content.indicators
                ]
                drawn.append((content, pool.draw(jobs)))
                charts += len(jobs)
            for content, svgs in drawn:
                _write_language(writer, content, views.report, svgs, langs)
        _write_root(writer, views.report, langs)
        _swap_in(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return SiteResult(output=output, pages=writer.pages, charts=charts)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def download_names(year: int) -> dict[str, str]:
    """The file names of the report downloads of one language folder."""
    return {"csv": f"report-{year}.csv", "json": f"report-{year}.json"}


def _write_language(
    writer: _Writer,
    content: SiteContent,
    report: ReportView,
    charts: Iterator[str],
    langs: Sequence[str],
) -> None:
    lang = content.lang
    env = _environment(lang)
    common = _page_globals(content, langs) | {"downloads": download_names(content.year)}

    def page(template: str, relative: str, **fields: Any) -> None:
        depth = relative.count("/") + 1  # inside the language folder
        html = env.get_template(template).render(
            common | {"root": "../" * depth, "page_path": relative} | fields
        )
        writer.text(f"{lang}/{relative}", html)

    page("programme.html", "index.html")
    for goal in content.goals:
        page("goal.html", f"goals/{goal.id}.html", goal=goal)
    for view, svg in zip(content.indicators, charts, strict=True):
        page("indicator.html", f"indicators/{view.row.id}.html", view=view, svg=svg)
    page("report.html", "report.html")
    page("methods.html", "methods.html", thresholds=content.method_note)
    page("accessibility.html", "accessibility.html")
    names = download_names(content.year)
    for fmt in ("csv", "json"):  # the renderers of report --format csv|json
        buffer = io.StringIO()
        renderer("report", fmt)(report, buffer, RenderOptions(lang=lang))
        writer.text(f"{lang}/{names[fmt]}", buffer.getvalue())


def _write_root(writer: _Writer, report: ReportView, langs: Sequence[str]) -> None:
    env = _environment(langs[0])
    choices = [
        {
            "code": code,
            "language": LANGUAGE_NAMES[code],
            "programme": localize(report.programme.name, code),
            "prompt": site_words(code)("choose_language"),
        }
        for code in langs
    ]
    titles: list[dict[str, str]] = []
    for c in choices:  # a programme without a name in some language shows it once
        if all(t["programme"] != c["programme"] for t in titles):
            titles.append(c)
    html = env.get_template("languages.html").render(
        lang=langs[0], choices=choices, titles=titles, programme=choices[0]["programme"]
    )
    writer.text("index.html", html)
    css = resources.files("intl_tracker.site").joinpath("static/site.css").read_text("utf-8")
    writer.text("assets/site.css", css)
