"""The command line: parse options, call the library, render, and pick the exit code.

Heavy modules (pandas, Rich tables, the assessment) are imported inside the commands that
need them, so ``--help``, shell completion and ``validate`` start fast.
"""

from __future__ import annotations

import codecs
import io
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from intl_tracker import __version__
from intl_tracker.errors import ExitCode
from intl_tracker.vocabulary import Method, Pace

if TYPE_CHECKING:
    from intl_tracker.assessment import Period
    from intl_tracker.models import Catalog

app = typer.Typer(
    name="intl-tracker",
    help="Follow the indicators of a city programme (by default International Espoo 2030) "
    "against their targets.",
    epilog="Exit codes: 0 success; 1 invalid data (or --strict and a warning); 2 usage error.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class ValidateFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


class ListFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


class ListWhat(StrEnum):
    GOALS = "goals"
    INDICATORS = "indicators"


class SchemaName(StrEnum):
    INDICATOR = "indicator"
    GOALS = "goals"
    REPORT = "report"


class PeriodName(StrEnum):
    SHORT = "short"
    LONG = "long"


class ReportFormatName(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


def _complete_indicator(incomplete: str) -> list[str]:
    """Indicator ids from file names only: completion runs the program on every TAB."""
    from intl_tracker.data_dirs import iter_indicator_files, resolve_data_dir

    try:
        root = resolve_data_dir()
        return [p.stem for p in iter_indicator_files(root) if p.stem.startswith(incomplete)]
    except OSError:
        return []


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Data directory with goals.yaml and indicators/. Default: $INTL_TRACKER_DATA, "
        "else ./data when it has a goals.yaml, else the bundled Espoo data.",
        show_default=False,
    ),
]
LangOption = Annotated[
    str, typer.Option("--lang", help="Language of names: en or fi (or any code in the data).")
]
MethodOption = Annotated[
    Method,
    typer.Option(
        "--method",
        "-m",
        help="Assessment method: ratio (Eurostat/Statistics Canada), "
        "unsd (UN progress chart) or dns (German sustainability strategy).",
    ),
]
PaceOption = Annotated[
    Pace,
    typer.Option(
        "--pace",
        help="Growth rate behind the assessment: endpoints (two-point CAGR) "
        "or fitted (least squares on log values over all points).",
    ),
]
SinceOption = Annotated[
    int | None,
    typer.Option("--since", help="Base year of the assessed period.", show_default=False),
]
PeriodOption = Annotated[
    PeriodName | None,
    typer.Option(
        "--period",
        help="short = the last 5 years, long = the last 15 (Eurostat).",
        show_default=False,
    ),
]


def _fail_usage(message: str) -> NoReturn:
    typer.echo(f"intl-tracker: error: {message}", err=True)
    raise typer.Exit(ExitCode.USAGE)


def _check_data_dir(data: Path | None) -> Path:
    from intl_tracker.data_dirs import resolve_data_dir

    root = resolve_data_dir(data)
    if not root.is_dir():
        _fail_usage(f"the data directory '{root}' does not exist")
    return root


def _load_valid(root: Path, *, progress: bool = True) -> Catalog:
    """Load the data set; print problems and exit 1 when it has errors."""
    from intl_tracker.loading import load_data_set
    from intl_tracker.progress import progress_bar

    with progress_bar(enabled=progress) as bar:
        result = load_data_set(root, progress=bar)
    if result.errors or result.catalog is None:
        for problem in result.problems:
            typer.echo(str(problem), err=True)
        typer.echo(
            f"intl-tracker: the data in '{root}' has {len(result.errors)} error(s); "
            "run 'intl-tracker validate' for details",
            err=True,
        )
        raise typer.Exit(ExitCode.INVALID_DATA)
    return result.catalog


def _use_color() -> bool:
    """Colour only for a terminal, and never with NO_COLOR (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"intl-tracker {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", is_eager=True, callback=_version
        ),
    ] = False,
) -> None:
    """Follow the indicators of a city programme against their targets."""


@app.command(rich_help_panel="CI")
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to check (default: the whole data directory). "
            "Cross-file rules always see the whole data set.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ValidateFormat,
        typer.Option(
            "--format",
            "-f",
            help="text: path:line:col lines; json: one document; "
            "github: workflow annotations plus the text lines.",
        ),
    ] = ValidateFormat.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    data: DataOption = None,
) -> None:
    """Check goals.yaml and the indicator files; exit 1 when a problem is found."""
    from intl_tracker.loading import validate_paths
    from intl_tracker.validation_output import render_problems

    for path in paths or []:
        if not path.exists():
            _fail_usage(f"no such file or directory: '{path}'")
    root = _check_data_dir(data) if not paths else Path(".")
    from intl_tracker.progress import progress_bar

    with progress_bar(enabled=fmt is not ValidateFormat.JSON) as bar:
        problems = validate_paths(paths or [], root, progress=bar)
    failed = render_problems(problems, fmt.value, sys.stdout, sys.stderr, strict=strict)
    raise typer.Exit(ExitCode.INVALID_DATA if failed else ExitCode.OK)


@app.command("list", rich_help_panel="Data")
def list_(
    what: Annotated[ListWhat, typer.Argument(help="goals or indicators.")] = ListWhat.INDICATORS,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table or json.")] = (
        ListFormat.TABLE
    ),
    lang: LangOption = "en",
    data: DataOption = None,
) -> None:
    """List the goals or the indicators of the data set."""
    from intl_tracker.listing import render_listing

    catalog = _load_valid(_check_data_dir(data))
    render_listing(catalog, what.value, fmt.value, lang, sys.stdout)


@app.command(rich_help_panel="Data")
def schema(
    name: Annotated[SchemaName, typer.Argument(help="indicator, goals or report.")] = (
        SchemaName.INDICATOR
    ),
) -> None:
    """Print a JSON Schema: for editors (indicator, goals) or for scripts (report)."""
    import json

    from intl_tracker.schemas import json_schema

    sys.stdout.write(json.dumps(json_schema(name.value), indent=2, ensure_ascii=False) + "\n")


def _period(since: int | None, period: PeriodName | None) -> Period:
    from intl_tracker.assessment import Period

    if since is not None and period is not None:
        _fail_usage("--since and --period cannot be used together")
    return Period(since=since, period=period.value if period is not None else None)


def _resolve_year(catalog: Catalog, year: int | None, since: int | None) -> int:
    span = catalog.year_span()
    if span is None:
        _fail_usage("the data set has no values to report")
    first, latest = span
    chosen = latest if year is None else year
    if chosen < first:
        _fail_usage(f"{chosen} is before the first year with data ({first})")
    if since is not None and since >= chosen:
        _fail_usage(f"--since {since} must be before the reported year {chosen}")
    return chosen


def _suggest_ids(unknown: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(unknown, known, n=3, cutoff=0.5)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


@app.command(rich_help_panel="Reporting")
def report(
    year: Annotated[
        int | None,
        typer.Argument(
            help="Year to report (default: the latest year with any data).", show_default=False
        ),
    ] = None,
    goal: Annotated[
        list[str] | None,
        typer.Option("--goal", "-g", help="Only this goal (repeatable).", show_default=False),
    ] = None,
    indicator: Annotated[
        list[str] | None,
        typer.Option(
            "--indicator",
            "-i",
            help="Only this indicator (repeatable).",
            autocompletion=_complete_indicator,
            show_default=False,
        ),
    ] = None,
    method: MethodOption = Method.RATIO,
    pace: PaceOption = Pace.ENDPOINTS,
    since: SinceOption = None,
    period: PeriodOption = None,
    fmt: Annotated[
        ReportFormatName,
        typer.Option("--format", "-f", help="table, json, csv or markdown."),
    ] = ReportFormatName.TABLE,
    lang: LangOption = "en",
    data: DataOption = None,
) -> None:
    """Report every indicator's value, change, target, pace and status, goal by goal."""
    chosen_period = _period(since, period)
    catalog = _load_valid(_check_data_dir(data), progress=fmt is not ReportFormatName.JSON)
    chosen_year = _resolve_year(catalog, year, since)
    goal_ids = [g.id for g in catalog.goals]
    indicator_ids = [i.id for i in catalog.indicators]
    for gid in goal or []:
        if gid not in goal_ids:
            _fail_usage(f"no goal '{gid}'{_suggest_ids(gid, goal_ids)}")
    for iid in indicator or []:
        if iid not in indicator_ids:
            _fail_usage(f"no indicator '{iid}'{_suggest_ids(iid, indicator_ids)}")

    from intl_tracker.assessment import assess_catalog
    from intl_tracker.reporting import ReportContext, ReportFormat, render_report

    shown = catalog.model_copy(
        update={
            "indicators": [
                i
                for i in catalog.indicators
                if (not goal or i.goal in goal) and (not indicator or i.id in indicator)
            ],
            "goals": [g for g in catalog.goals if not goal or g.id in goal],
        }
    )
    context = ReportContext(
        catalog=shown,
        assessments=assess_catalog(
            shown, year=chosen_year, method=method, period=chosen_period, pace=pace
        ),
        year=chosen_year,
        method=method,
        pace=pace,
        lang=lang,
        tool_version=__version__,
    )
    render_report(context, ReportFormat(fmt.value), sys.stdout, color=_use_color())


class ShowFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


@app.command(rich_help_panel="Reporting")
def show(
    indicator_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="Indicator id.", autocompletion=_complete_indicator),
    ],
    year: Annotated[
        int | None,
        typer.Option(
            "--year", "-y", help="Assess as of this year (default: the latest).", show_default=False
        ),
    ] = None,
    method: MethodOption = Method.RATIO,
    pace: PaceOption = Pace.ENDPOINTS,
    since: SinceOption = None,
    period: PeriodOption = None,
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help="table or json.")] = (
        ShowFormat.TABLE
    ),
    chart: Annotated[
        Path | None,
        typer.Option(
            "--chart",
            help="Also write a chart to FILE.png or FILE.svg "
            "(needs: pip install 'intl-tracker[charts]').",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = "en",
    data: DataOption = None,
) -> None:
    """Show one indicator: definition, series, and every number behind its status."""
    chosen_period = _period(since, period)
    if chart is not None and chart.suffix.lower() not in (".png", ".svg"):
        _fail_usage(f"--chart needs a .png or .svg file name, not '{chart.name}'")
    catalog = _load_valid(_check_data_dir(data))
    found = catalog.indicator(indicator_id)
    if found is None:
        known = [i.id for i in catalog.indicators]
        _fail_usage(f"no indicator '{indicator_id}'{_suggest_ids(indicator_id, known)}")
    # Without --year, show assesses as of the indicator's own latest value.
    own_latest = max(found.values, default=None)
    chosen_year = _resolve_year(catalog, year if year is not None else own_latest, since)

    from intl_tracker.assessment import assess_indicator
    from intl_tracker.show_output import ShowContext, render_show

    assessments = {
        m: assess_indicator(found, year=chosen_year, method=m, period=chosen_period, pace=pace)
        for m in Method
    }
    context = ShowContext(
        catalog=catalog,
        indicator=found,
        assessments=assessments,
        method=method,
        year=chosen_year,
        lang=lang,
    )
    if chart is not None:
        from intl_tracker.charts import ChartExtraMissingError, write_chart

        try:
            write_chart(context, chart)
        except ChartExtraMissingError as exc:
            _fail_usage(str(exc))
        except OSError as exc:
            _fail_usage(f"cannot write '{chart}': {exc.strerror}")
        typer.echo(f"intl-tracker: wrote {chart}", err=True)
    render_show(context, fmt.value, sys.stdout, color=_use_color())


@app.command(rich_help_panel="Reporting")
def site(
    year: Annotated[
        int | None,
        typer.Argument(
            help="Year to report (default: the latest year with any data).", show_default=False
        ),
    ] = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Folder to write the site to; an earlier site there is replaced.",
        ),
    ] = Path("public"),
    lang: Annotated[
        str,
        typer.Option("--lang", help="Languages of the pages, comma-separated: fi, sv, en."),
    ] = "fi,sv,en",
    method: MethodOption = Method.RATIO,
    pace: PaceOption = Pace.ENDPOINTS,
    since: SinceOption = None,
    period: PeriodOption = None,
    data: DataOption = None,
) -> None:
    """Write the follow-up as a static, accessible site: every page in every language."""
    from intl_tracker.errors import IntlTrackerError
    from intl_tracker.site.build import build_site, parse_languages

    try:
        langs = parse_languages(lang)
    except IntlTrackerError as exc:
        _fail_usage(str(exc))
    chosen_period = _period(since, period)
    catalog = _load_valid(_check_data_dir(data))
    chosen_year = _resolve_year(catalog, year, since)
    try:
        result = build_site(
            catalog,
            output,
            year=chosen_year,
            langs=langs,
            method=method,
            pace=pace,
            period=chosen_period,
            tool_version=__version__,
        )
    except IntlTrackerError as exc:
        typer.echo(f"intl-tracker: error: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except OSError as exc:
        _fail_usage(f"cannot write the site to '{output}': {exc.strerror or exc}")
    typer.echo(
        f"intl-tracker: wrote {result.pages} pages and {result.charts} charts "
        f"({', '.join(langs)}) to {result.output}",
        err=True,
    )


def main() -> None:
    """Console-script entry point."""
    # Data leave as UTF-8 whatever the locale says: JSON requires it, and Finnish names
    # must not crash a run under LANG=C or PYTHONIOENCODING=ascii.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and codecs.lookup(stream.encoding).name != "utf-8":
            stream.reconfigure(encoding="utf-8")
    app(prog_name="intl-tracker")
