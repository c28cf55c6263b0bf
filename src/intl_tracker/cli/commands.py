"""The command line: parse options, dispatch to the library, and pick the exit code.

Each command only parses its options and hands them to :mod:`intl_tracker.app.workflows` (load,
select, assess, build the view) and :mod:`intl_tracker.render.registry` (write it); ``--format``
choices come from the renderer registry. Errors of our own vocabulary (``UsageError`` exit
2, ``InvalidDataError`` exit 1) become a message and an exit code in one place,
:class:`_Group`. Heavy modules are imported inside the commands that need them, so
``--help``, shell completion and ``validate`` start fast.

No ``from __future__ import annotations`` here: Typer reads the annotations of every command
on every run, and string annotations would be compiled and evaluated each time (about 3 % of
the start-up of ``report``); the two names used only for type checking are quoted instead.
"""

import codecs
import errno
import io
import json
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from intl_tracker import __version__
from intl_tracker.assessment.registry import BUILT_IN
from intl_tracker.cli import collector
from intl_tracker.core.errors import ExitCode, IntlTrackerError, InvalidDataError, UsageError
from intl_tracker.core.i18n import SUPPORTED_LANGUAGES, normalize_language
from intl_tracker.core.text_safety import visible
from intl_tracker.core.vocabulary import Method, Pace
from intl_tracker.render.registry import formats

if TYPE_CHECKING:
    from intl_tracker.dataset.models import Catalog
    from intl_tracker.dataset.parallel_loading import KeepingWorkers
    from intl_tracker.presentation.indicator_view import IndicatorView
    from intl_tracker.updating.recording import FileEdit, NewValue


class _Group(TyperGroup):
    """The one place where our errors become a message on stderr and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except InvalidDataError as exc:
            for problem in exc.problems:
                typer.echo(str(problem), err=True)
            typer.echo(f"intl-tracker: {visible(str(exc))}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except IntlTrackerError as exc:
            typer.echo(f"intl-tracker: error: {visible(str(exc))}", err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    name="intl-tracker",
    cls=_Group,
    help="Follow the indicators of a city programme (by default International Espoo 2030) "
    "against their targets.",
    epilog="Exit codes: 0 success; 1 invalid data (or --strict and a warning); 2 usage error; "
    "3 output closed or unwritable; 4 internal error; 75 (record, import) another process is "
    "writing the file, try again; 130 interrupted.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class ValidateFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


class ListWhat(StrEnum):
    GOALS = "goals"
    INDICATORS = "indicators"


class SchemaName(StrEnum):
    INDICATOR = "indicator"
    GOALS = "goals"
    REPORT = "report"
    SHOW = "show"
    VALIDATE = "validate"
    LIST = "list"
    DUE = "due"
    DIFF = "diff"
    REPORT_BY = "report-by"


class PeriodName(StrEnum):
    SHORT = "short"
    LONG = "long"


def _complete_indicator(incomplete: str) -> list[str]:
    """Indicator ids from file names only: completion runs the program on every TAB."""
    from intl_tracker.dataset.data_dirs import iter_indicator_files, resolve_data_dir

    try:
        root = resolve_data_dir()
        return [p.stem for p in iter_indicator_files(root) if p.stem.startswith(incomplete)]
    except OSError:
        return []


def _format_option(view: str) -> Any:
    """``--format/-f`` with the choices of ``view``'s renderers (the first is the default)."""
    choices = formats(view)

    def parse(value: str) -> str:
        if value not in choices:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}")
        return value

    return typer.Option(
        "--format",
        "-f",
        help=f"{' | '.join(choices)}.",
        parser=parse,
        autocompletion=lambda: list(choices),
    )


def _parse_lang(value: str) -> str:
    try:
        return normalize_language(value)
    except IntlTrackerError as exc:
        raise typer.BadParameter(str(exc)) from None


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Data directory with goals.yaml and indicators/. Default: $INTL_TRACKER_DATA, "
        "else the nearest data set (this folder or its data/, then the parent folders up to "
        "the repository root), else the bundled Espoo data.",
        show_default=False,
    ),
]
LangOption = Annotated[
    str,
    typer.Option(
        "--lang",
        help=f"Language of names, words and numbers: {', '.join(SUPPORTED_LANGUAGES)} (any case).",
        parser=_parse_lang,
        autocompletion=lambda: list(SUPPORTED_LANGUAGES),
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to FILE (UTF-8, replaced only when complete) instead of stdout.",
        show_default=False,
    ),
]


def _method_help() -> str:
    """ "Assessment method: A, B or C.", each as its registry line words it."""
    *first, last = (line.option_help for line in BUILT_IN.values())
    return f"Assessment method: {', '.join(first)} or {last}."


# The choices are vocabulary.Method, the names of assessment.registry.BUILT_IN (a test checks).
MethodOption = Annotated[Method, typer.Option("--method", "-m", help=_method_help())]
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


StaleAfterOption = Annotated[
    int | None,
    typer.Option(
        "--stale-after",
        min=0,
        max=100,  # as assessment.stale_after in the data files
        help="A value more than this many years older than the report year is stale "
        "(default: goals.yaml programme.assessment.stale_after, else 2; an indicator's own "
        "assessment.stale_after wins).",
        show_default=False,
    ),
]


def _data_root(data: Path | None) -> Path:
    """The data directory by the rule of ``data_dirs``. Raises UsageError when the one named
    by ``--data`` or ``$INTL_TRACKER_DATA`` is missing or not a folder; says on stderr when
    the bundled data set is used because no local one was found."""
    from intl_tracker.core.errors import UsageError
    from intl_tracker.dataset.data_dirs import Origin, choose_data_dir

    choice = choose_data_dir(data)
    root = choice.path
    if choice.origin is Origin.BUNDLED:
        typer.echo(
            "intl-tracker: no data set here (no goals.yaml or indicators/ in this folder, its "
            "data/ folder, or a parent folder up to the repository root); using the bundled "
            "International Espoo 2030 data set",
            err=True,
        )
        return root
    named = f"the data directory '{root}'" + (
        f" (from {choice.origin.value})" if choice.origin is Origin.ENV else ""
    )
    if choice.origin is not Origin.FOUND and not os.path.lexists(root):
        raise UsageError(f"{named} does not exist")
    if not root.is_dir():
        raise UsageError(
            f"{named} is not a folder; give the folder that holds goals.yaml and indicators/"
        )
    return root


def _writable_data_root(data: Path | None) -> Path:
    """``_data_root`` for the commands that write: never the bundled data set, which belongs
    to the installation. Raises UsageError."""
    from intl_tracker.core.errors import UsageError
    from intl_tracker.dataset.data_dirs import Origin, choose_data_dir

    if choose_data_dir(data).origin is Origin.BUNDLED:
        raise UsageError(
            "no data set here to write into (the bundled one belongs to the installation); "
            "run this in the folder that holds goals.yaml and indicators/, or pass --data DIR"
        )
    return _data_root(data)


def _announce_data_set(path: Path, programme_id: str | None, files: int | None = None) -> None:
    """Name on stderr the data set a run used: its folder and programme id."""
    from intl_tracker.dataset.data_dirs import display_path

    programme = programme_id or "unknown: goals.yaml is missing or invalid"
    counted = "" if files is None else f", {files} file(s)"
    typer.echo(
        f"intl-tracker: data set '{visible(display_path(path))}' (programme {programme}{counted})",
        err=True,
    )


def _catalog(
    data: Path | None, *, progress: bool = True, workers: "KeepingWorkers | None" = None
) -> "Catalog":
    """The valid data set the run uses, named on stderr. Raises InvalidDataError."""
    from intl_tracker.app.workflows import load_catalog

    root = _data_root(data)
    return load_catalog(
        root, progress=progress, announce=_announce_data_set, warn=_warn_count, workers=workers
    )


def _warn_count(count: int) -> None:
    typer.echo(
        f"intl-tracker: the data set has {count} warning(s); run 'intl-tracker validate' "
        "to see them",
        err=True,
    )


def _default_year(catalog: "Catalog", stale_after: int | None) -> int | None:
    """The default report year (``report_year.default_report_year``), said on stderr."""
    from intl_tracker.assessment.report_year import default_report_year

    chosen = default_report_year(catalog, stale_after_years=stale_after)
    if chosen is None:
        return None
    typer.echo(f"intl-tracker: {chosen.explanation()}", err=True)
    return chosen.year


def _emit(
    view_name: str, fmt: str, lang: str, output: Path | None, build: Callable[[], Any]
) -> None:
    """Build the view and write it as ``fmt`` to stdout or ``output``."""
    from intl_tracker.cli.output import open_output, render_options
    from intl_tracker.render.registry import render

    view = build()
    collector.resume_for_output()
    with open_output(output) as out:
        render(view_name, fmt, view, out, render_options(lang, to_file=output is not None))


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
    error: Annotated[
        list[str] | None,
        typer.Option(
            "--error",
            metavar="CODE",
            help="Fail on this warning (repeatable), as goals.yaml's "
            "programme.validation.errors does; the pre-commit hook gives implausible-jump "
            "and percent-as-fraction.",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    output: OutputOption = None,
) -> None:
    """Check goals.yaml and the indicator files; exit 1 when a problem is found."""
    from intl_tracker.cli.output import open_output
    from intl_tracker.core.errors import UsageError
    from intl_tracker.core.progress import progress_bar
    from intl_tracker.dataset.loading import raise_to_errors, validate_paths, warning_codes
    from intl_tracker.render.validation_output import render_problems

    raised = warning_codes(error or [])
    for path in paths or []:
        if not os.path.lexists(path):
            raise UsageError(f"no such file or directory: '{path}'")
    # With paths, each belongs to its own data set unless --data names it ($INTL_TRACKER_DATA
    # and the search apply to a run without paths only).
    root = _data_root(data) if data is not None or not paths else None
    with progress_bar(enabled=fmt is not ValidateFormat.JSON) as bar:
        run = validate_paths(paths or [], root, progress=bar)
    run.problems = raise_to_errors(run.problems, raised, "an error by --error")
    for data_set in run.data_sets:
        _announce_data_set(data_set.path, data_set.programme_id, data_set.files)
    with open_output(output) as out:
        failed = render_problems(run, fmt.value, out, sys.stderr, strict=strict)
    raise typer.Exit(ExitCode.INVALID_DATA if failed else ExitCode.OK)


@app.command("list", rich_help_panel="Data")
def list_(
    what: Annotated[ListWhat, typer.Argument(help="goals or indicators.")] = ListWhat.INDICATORS,
    fmt: Annotated[str, _format_option("list")] = formats("list")[0],
    lang: LangOption = "en",
    data: DataOption = None,
    output: OutputOption = None,
) -> None:
    """List the goals or the indicators of the data set."""
    from intl_tracker.app.workflows import list_view

    _emit("list", fmt, lang, output, lambda: list_view(_catalog(data), what))


@app.command(rich_help_panel="Data")
def due(
    on: Annotated[
        datetime | None,
        typer.Option(
            "--date",
            formats=["%Y-%m-%d"],
            help="Judge as of this day, YYYY-MM-DD (default: today).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[str, _format_option("due")] = formats("due")[0],
    lang: LangOption = "en",
    data: DataOption = None,
    output: OutputOption = None,
) -> None:
    """List the values the sources have published by a date that the data do not hold."""
    from intl_tracker.app.workflows import due_view

    day = on.date() if on is not None else date.today()
    _emit("due", fmt, lang, output, lambda: due_view(_catalog(data), day))


@app.command(rich_help_panel="Data")
def schema(
    name: Annotated[
        SchemaName,
        typer.Argument(
            help="indicator, goals (data files); report, show, validate, list, due, diff, "
            "report-by (JSON; report-by: report --by)."
        ),
    ] = SchemaName.INDICATOR,
    output: OutputOption = None,
) -> None:
    """Print a JSON Schema: of the data files (for editors) or of a JSON document (scripts)."""
    from intl_tracker.cli.output import open_output
    from intl_tracker.render.json_documents.json_text import write_json
    from intl_tracker.render.json_documents.schemas import json_schema

    with open_output(output) as out:
        write_json(json_schema(name.value), out)


@app.command(rich_help_panel="Data")
def init(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="Folder to write the new data set into (made when missing).",
            show_default="the current folder",
        ),
    ] = Path("."),
    programme_id: Annotated[
        str | None,
        typer.Option(
            "--programme-id",
            help="The programme's id: lowercase letters, digits, hyphens "
            "(default: made from --name, else example-programme).",
            show_default=False,
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            help="The programme's name, written for every language "
            "(default: 'Example programme' in each language).",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            help="Languages of the names, texts and notes, comma-separated (fi, sv, en).",
        ),
    ] = "fi,sv,en",
    tool_repo: Annotated[
        str | None,
        typer.Option(
            "--tool-repo",
            help="The git repository of intl-tracker that the pre-commit hook and the CI "
            "workflow install from (default: this installation's; else a line marked EDIT).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Start a new data set: goals.yaml, one example indicator, .gitignore, a pre-commit
    hook and a CI workflow. Never overwrites a file."""
    from intl_tracker.app.new_data_set import (
        InitRequest,
        check_name,
        check_repository,
        init_data_set,
        parse_languages,
        programme_id_for,
        summary,
    )

    checked_name = check_name(name)
    request = InitRequest(
        folder, programme_id_for(programme_id, checked_name), checked_name,
        parse_languages(lang), check_repository(tool_repo),
    )  # fmt: skip
    for line in summary(init_data_set(request)):
        typer.echo(f"intl-tracker: {line}" if not line.startswith(" ") else line, err=True)


@app.command(rich_help_panel="Reporting")
def report(
    year: Annotated[
        int | None,
        typer.Argument(
            help="Year to report (default: the latest year in which at least half of the "
            "indicators have a current value; stderr says which).",
            show_default=False,
        ),
    ] = None,
    compare: Annotated[
        int | None,
        typer.Option(
            "--compare",
            help="Also assess as of this earlier year and show, per indicator, the status "
            "then and now and whether it improved or worsened.",
            show_default=False,
        ),
    ] = None,
    goal: Annotated[
        list[str] | None,
        typer.Option(
            "--goal",
            "-g",
            help="Only this goal: its id or number (repeatable).",
            show_default=False,
        ),
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
    stale_after: StaleAfterOption = None,
    by_sdg: Annotated[
        bool,
        typer.Option(
            "--by-sdg",
            help="Group the indicators by the UN Sustainable Development Goal they inform "
            "instead of the programme's goals: each under the SDG of its first sdg code, "
            "those without a code last.",
        ),
    ] = False,
    by: Annotated[
        list[str] | None,
        typer.Option(
            "--by",
            help="Report the indicators that have values by this dimension (e.g. area): each "
            "category assessed as the headline is; twice (--by language --by area) for a "
            "crossed breakdown.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[str, _format_option("report")] = formats("report")[0],
    lang: LangOption = "en",
    data: DataOption = None,
    output: OutputOption = None,
) -> None:
    """Report every indicator's value, change, target, pace and status, goal by goal."""
    from intl_tracker.app.workflows import ReportRequest, report_of, report_request

    def request_of(catalog: "Catalog") -> ReportRequest:
        return report_request(
            catalog, year=year if year is not None else _default_year(catalog, stale_after),
            compare=compare, goals=goal or [], indicators=indicator or [], method=method,
            pace=pace, since=since, period=period.value if period else None,
            stale_after=stale_after, by_sdg=by_sdg,
        )  # fmt: skip

    if by:
        from intl_tracker.app.breakdown_report import breakdown_report_of

        if compare is not None:
            raise UsageError("--by and --compare cannot be combined")
        if by_sdg:
            raise UsageError("--by and --by-sdg cannot be combined")
        _emit(
            "report-by",
            fmt,
            lang,
            output,
            lambda: breakdown_report_of(request_of(_catalog(data)), by),
        )
        return

    def build() -> Any:
        # JSON on every core for a large data set (app/parallel_report.py)
        if fmt == "json" and not by_sdg:
            from intl_tracker.app.parallel_report import json_report

            def loaded(workers: "KeepingWorkers | None") -> ReportRequest:
                return request_of(_catalog(data, progress=False, workers=workers))

            return json_report(loaded, lang)
        return report_of(request_of(_catalog(data)))

    _emit("report", fmt, lang, output, build)


@app.command(rich_help_panel="Reporting")
def show(
    indicator_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="Indicator id.", autocompletion=_complete_indicator),
    ],
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            help="Assess as of this year (default: the report's default year, said on stderr).",
            show_default=False,
        ),
    ] = None,
    method: MethodOption = Method.RATIO,
    pace: PaceOption = Pace.ENDPOINTS,
    since: SinceOption = None,
    period: PeriodOption = None,
    stale_after: StaleAfterOption = None,
    fmt: Annotated[str, _format_option("show")] = formats("show")[0],
    chart: Annotated[
        Path | None,
        typer.Option(
            "--chart",
            help="Also write a chart to FILE.png or FILE.svg "
            "(needs: pip install 'intl-tracker[charts]'); with --by, the chart by category.",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        list[str] | None,
        typer.Option(
            "--by",
            help="Show only the values by this dimension (e.g. district), and with --chart "
            "draw them: a line per category; twice for a crossed breakdown.",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = "en",
    data: DataOption = None,
    output: OutputOption = None,
) -> None:
    """Show one indicator: definition, series, and every number behind its status."""
    from intl_tracker.app.workflows import indicator_view

    def build() -> Any:
        catalog = _catalog(data)
        as_of = year if year is not None else _default_year(catalog, stale_after)
        view = indicator_view(
            catalog, indicator_id, year=as_of, method=method, pace=pace, since=since,
            period=period.value if period else None, stale_after=stale_after,
        )  # fmt: skip
        if by:
            return _show_by(view, [d.id for d in catalog.dimensions], by, chart, lang)
        if chart is not None:
            from intl_tracker.render.charts import save_chart

            save_chart(view, lang, chart)
            typer.echo(f"intl-tracker: wrote {chart}", err=True)
        return view

    _emit("show", fmt, lang, output, build)


def _show_by(
    view: "IndicatorView", dimensions: list[str], by: list[str], chart: Path | None, lang: str
) -> "IndicatorView":
    """``show --by``: the view with only the breakdown by ``by``; its chart to ``chart``.
    Raises UsageError (exit 2) for a dimension unknown or without values."""
    from dataclasses import replace

    from intl_tracker.render.breakdown_chart import pick_breakdown, save_breakdown_chart

    breakdown = view.breakdowns[pick_breakdown(view, by, dimensions)]
    if chart is not None:
        save_breakdown_chart(view, breakdown, lang, chart)
        typer.echo(f"intl-tracker: wrote {chart}", err=True)
    return replace(view, breakdowns=(breakdown,))


class StatusName(StrEnum):
    FINAL = "final"
    PROVISIONAL = "provisional"
    ESTIMATED = "estimated"


DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Print the unified diff of the edit; write nothing.")
]


# Negative values (net migration) are arguments, not options.
@app.command(rich_help_panel="Data", context_settings={"ignore_unknown_options": True})
def record(
    indicator_id: Annotated[
        str, typer.Argument(metavar="ID", help="Indicator id.", autocompletion=_complete_indicator)
    ],
    year: Annotated[int, typer.Argument(help="The year of the value.")],
    value: Annotated[str, typer.Argument(metavar="VALUE", help="The number, e.g. 23.6.")],
    status: Annotated[
        StatusName | None,
        typer.Option(
            "--status",
            help="Status of the value (default: final for a new year; a replaced value keeps "
            "its status).",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="Where the value comes from.", show_default=False)
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite a different value of that year.")
    ] = False,
    keep_note: Annotated[
        bool,
        typer.Option(
            "--keep-note",
            help="With --replace: keep the year's note although the value changes "
            "(by default it is dropped, as it gave the source of the old number).",
        ),
    ] = False,
    by: Annotated[
        list[str] | None,
        typer.Option(
            "--by",
            metavar="DIMENSION=CODE",
            help="Record the value of a category into indicators/ID.csv (e.g. --by "
            "district=muut); repeat for a crossed breakdown (--by sex=f --by area=north).",
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOption = False,
    data: DataOption = None,
) -> None:
    """Record one value in an indicator file (or, with --by, its breakdown file), changing
    nothing else in it."""
    from intl_tracker.core.errors import UsageError
    from intl_tracker.core.text_safety import visible, visible_block
    from intl_tracker.updating.recording import (
        NewValue,
        describe,
        indicator_path,
        parse_number,
        record_values,
    )

    if keep_note and note is not None:
        raise UsageError("--keep-note and --note exclude each other: give one or the other")
    new = NewValue(year, parse_number(value), status.value if status else None, note, keep_note)
    if by:
        edit = _record_by(_writable_data_root(data), indicator_id, by, new, replace, dry_run)
    else:
        path = indicator_path(_writable_data_root(data), indicator_id)
        [edit] = record_values({path: [new]}, replace=replace, dry_run=dry_run)
    if dry_run:
        from intl_tracker.cli.output import open_output

        with open_output(None) as out:  # written whole, or exit 3
            out.write(visible_block(edit.diff()))
    for warning in edit.warnings_on_disk(dry_run=dry_run):
        typer.echo(visible(str(warning)), err=True)
    change = edit.changes[0]
    if change.dropped_note is not None:
        old_note = json.dumps(change.dropped_note, ensure_ascii=False)
        dropped = (
            f"intl-tracker: warning: the old note of {change.indicator} {year} is dropped, as it "
            f"was written for the old value or estimate: {old_note}; "
            "give the new value's source with --note, or keep the old note with --keep-note"
        )
        typer.echo(visible(dropped), err=True)
    said = describe(change, edit.shown, dry_run=dry_run)
    typer.echo(f"intl-tracker: {visible(said)}", err=True)


def _record_by(
    root: Path, indicator_id: str, by: list[str], new: "NewValue", replace: bool, dry_run: bool
) -> "FileEdit":
    """``record --by``: the cell checked (exit 2 with suggestions), then written."""
    from intl_tracker.updating.breakdown_recording import parse_by, record_cell, resolve_cell

    cell = resolve_cell(root, indicator_id, parse_by(by))
    return record_cell(root, cell, new, replace=replace, dry_run=dry_run)


@app.command("import", rich_help_panel="Data")
def import_(
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ID]...",
            help="Indicators to import (default: every one with an import mapping).",
            autocompletion=_complete_indicator,
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOption = False,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Also take figures that would turn a final value provisional or replace a "
            "value's note (held back and listed otherwise).",
        ),
    ] = False,
    pxweb_base: Annotated[
        str | None,
        typer.Option(
            "--pxweb-base",
            metavar="URL|FOLDER",
            help="Read the tables from this base address instead of the mappings' own (a "
            "mirror or proxy: http(s)://...), or from a folder of recorded answers "
            "(tests/data/pxweb). Default: $INTL_TRACKER_PXWEB_BASE.",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = "en",
    data: DataOption = None,
) -> None:
    """Fetch the mapped indicators from their sources and record new or changed values."""
    from intl_tracker.cli.output import open_output
    from intl_tracker.updating.importing import render_import, run_import
    from intl_tracker.updating.pxweb import Service

    service = Service.of(pxweb_base)
    root = _writable_data_root(data)
    result = run_import(root, ids or [], dry_run=dry_run, replace=replace, service=service)
    with open_output(None) as out:  # written whole, or exit 3
        render_import(result, out, dry_run=dry_run, lang=lang)
    for edit in result.edits:
        for warning in edit.warnings_on_disk(dry_run=dry_run):
            typer.echo(visible(str(warning)), err=True)


@app.command(rich_help_panel="Publishing")
def export(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="Folder to write (made, or replaced when it holds only an earlier export).",
        ),
    ],
    fmt: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            help="csv (CSV files and datapackage.json), xlsx, open-sdg or dcat (repeatable; "
            "default: all).",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            help="Year of the workbook's statuses sheet (default: as for report).",
            show_default=False,
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="URL",
            help="Address where DIR will be published: makes dcat.jsonld's links absolute.",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = "en",
    data: DataOption = None,
) -> None:
    """Write the data set as open data: CSV with a Data Package, Excel, Open SDG, DCAT-AP."""
    from intl_tracker.app.exports import ExportRequest, check_base_url, check_formats, export

    formats_asked = check_formats(fmt or [])
    base_url = check_base_url(base_url)
    catalog = _catalog(data)
    as_of = year if year is not None else _default_year(catalog, None)
    request = ExportRequest(catalog, folder, lang, formats_asked, as_of, base_url=base_url)
    count = export(request)
    typer.echo(
        f"intl-tracker: wrote {count} files ({', '.join(formats_asked)}) to {visible(str(folder))}",
        err=True,
    )


class DirectionName(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"


@app.command("import-open-sdg", rich_help_panel="Data")
def import_open_sdg(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="The Open SDG data folder (with data/).")
    ],
    into: Annotated[
        Path | None,
        typer.Option(
            "--into",
            help="Folder to create the indicator files in (default: the data set's "
            "indicators/). An existing file is never replaced.",
            show_default=False,
        ),
    ] = None,
    goal: Annotated[
        str | None,
        typer.Option(
            "--goal", help="Goal id of indicators whose config names none.", show_default=False
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit", help="Unit of indicators whose config names none.", show_default=False
        ),
    ] = None,
    direction: Annotated[
        DirectionName | None,
        typer.Option(
            "--direction",
            help="Direction of indicators whose config names none.",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = "en",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and list the files; write nothing.")
    ] = False,
    data: DataOption = None,
) -> None:
    """Turn an Open SDG data folder's headline series into indicator files."""
    from intl_tracker.updating.open_sdg import ImportDefaults, plan_import, write_new_files

    target = into if into is not None else _writable_data_root(data) / "indicators"
    defaults = ImportDefaults(goal, unit, direction.value if direction else None, lang)
    notes: list[str] = []
    planned = plan_import(folder, target, defaults, notes)
    for note in notes:
        typer.echo(f"intl-tracker: {visible(note)}", err=True)
    if not dry_run:
        write_new_files(planned)
    verb = "would write" if dry_run else "wrote"
    for path in planned:
        typer.echo(f"intl-tracker: {verb} {visible(str(path))}", err=True)
    typer.echo(f"intl-tracker: {verb} {len(planned)} indicator file(s)", err=True)


@app.command(rich_help_panel="CI")
def diff(
    base: Annotated[
        str, typer.Argument(help="The data before: a data folder or a git revision (main).")
    ],
    head: Annotated[
        str | None,
        typer.Argument(
            help="The data after: a folder or a revision (default: the data set as it is).",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            help="Assess both as of this year (default: HEAD's report year).",
            show_default=False,
        ),
    ] = None,
    method: MethodOption = Method.RATIO,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when anything differs (as git diff does)."),
    ] = False,
    fmt: Annotated[str, _format_option("diff")] = formats("diff")[0],
    lang: LangOption = "en",
    data: DataOption = None,
    output: OutputOption = None,
) -> None:
    """Show the values and statuses that differ between two versions of the data."""
    from intl_tracker.app.data_diff import diff_data

    found: list[Any] = []

    def build() -> Any:
        root = _data_root(data)
        found.append(diff_data(base, head, root, year=year, method=method.value))
        return found[0]

    _emit("diff", fmt, lang, output, build)
    if exit_code and found and found[0].different:
        raise typer.Exit(ExitCode.INVALID_DATA)


DEBUG_ENV = "INTL_TRACKER_DEBUG"

# Errors of writing stdout that mean "the output went away", not "the program is wrong":
# the reader closed the pipe (``| head``), the disk or quota is full, the descriptor is bad.
_OUTPUT_ERRNOS = frozenset(
    {errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EBADF, errno.EIO}
)


@app.command(rich_help_panel="Reporting")
def site(
    year: Annotated[
        int | None,
        typer.Argument(
            help="Year to report: the edition written (default: as for report; stderr says which).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Folder to write the site to; the year's edition is written beside the "
            "others there, and no file intl-tracker did not write is touched.",
        ),
    ] = Path("public"),
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            help="Languages of the pages, comma-separated (fi, sv, en); the first is the "
            "language of the root page.",
        ),
    ] = "fi,sv,en",
    method: MethodOption = Method.RATIO,
    pace: PaceOption = Pace.ENDPOINTS,
    since: SinceOption = None,
    period: PeriodOption = None,
    stale_after: StaleAfterOption = None,
    data: DataOption = None,
) -> None:
    """Write the follow-up as a static, accessible site: every page in every language.

    How it is published (its address, the accessibility statement's facts) is read from
    site.yaml beside goals.yaml, when there is one."""
    from intl_tracker.app.workflows import site_views
    from intl_tracker.core.errors import unwritable
    from intl_tracker.site.build import build_site, parse_languages
    from intl_tracker.site.config import load_site_config

    langs = parse_languages(lang)
    root = _data_root(data)
    config = load_site_config(root)

    def build() -> Any:
        catalog = _catalog(root)
        return site_views(
            catalog, year=year if year is not None else _default_year(catalog, stale_after),
            method=method, pace=pace, since=since, period=period.value if period else None,
            stale_after=stale_after,
        )  # fmt: skip

    views = build()
    collector.resume_for_output()
    try:
        result = build_site(views, output, langs=langs, config=config)
    except OSError as exc:
        raise unwritable(output, exc) from exc
    for warning in result.warnings:
        typer.echo(f"intl-tracker: warning: {visible(warning)}", err=True)
    typer.echo(
        f"intl-tracker: wrote the {result.edition} edition, {result.pages} pages and "
        f"{result.charts} charts ({', '.join(langs)}), to {visible(str(result.output))}",
        err=True,
    )


def main() -> None:
    """Console-script entry point: run the command and exit with its ``ExitCode``."""
    code = run()
    collector.skip_last_collection()  # every file is closed and every stream flushed by now
    sys.exit(code)


def run(args: list[str] | None = None) -> int:
    """Run the command line and return the exit code (see ``errors.ExitCode``):

    - a usage error of the parser: its message on stderr, 2;
    - stdout closed, a broken pipe, a full disk: 3, quietly (nothing more can be said there);
    - any other exception is a bug: one line on stderr, 4 (the traceback with
      ``INTL_TRACKER_DEBUG=1``);
    - Ctrl-C: 130. SIGTERM keeps its default (the shell sees 143); the parallel loader
      turns it into ``SystemExit(143)`` while workers run, so that they are stopped first.
    """
    from intl_tracker.core.errors import OutputClosedError

    if sys.stdout is None:  # started with stdout closed (``>&-``)
        return ExitCode.OUTPUT_CLOSED
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115  # for the process
    # Data leave as UTF-8 whatever the locale says: JSON requires it, and Finnish names
    # must not crash a run under LANG=C or PYTHONIOENCODING=ascii.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and codecs.lookup(stream.encoding).name != "utf-8":
            stream.reconfigure(encoding="utf-8")
    try:
        code = _run_app(args)
        sys.stdout.flush()
    except OutputClosedError:
        return _output_closed()
    except OSError as exc:
        if exc.errno in _OUTPUT_ERRNOS:
            return _output_closed()
        return _internal_error(exc)
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except Exception as exc:
        return _internal_error(exc)
    return code


def _run_app(args: list[str] | None) -> int:
    """The exit code of the application run on ``args`` (default: the process's arguments).

    Typer's own main loop (``standalone_mode``) shows a usage error with its hint and ends
    every run with ``SystemExit``; Ctrl-C becomes 130 there. Raises OutputClosedError when
    stdout broke (Typer turns a broken pipe into exit 1), and any other exception.
    """
    from intl_tracker.core.errors import OutputClosedError

    try:
        app(prog_name="intl-tracker", args=args)
    except SystemExit as exc:
        context = exc.__context__  # the exception being handled when Typer exited
        if isinstance(context, OSError) and context.errno in _OUTPUT_ERRNOS:
            raise OutputClosedError from context
        if exc.code is None:
            return ExitCode.OK
        return exc.code if isinstance(exc.code, int) else ExitCode.INTERNAL
    return ExitCode.OK


def _output_closed() -> int:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    return ExitCode.OUTPUT_CLOSED


def _internal_error(exc: BaseException) -> int:
    if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    detail = " ".join(str(exc).split())[:200]
    sys.stderr.write(
        f"intl-tracker: internal error (a bug, please report it): {type(exc).__name__}"
        + (f": {detail}" if detail else "")
        + f"; set {DEBUG_ENV}=1 to see the traceback\n"
    )
    return ExitCode.INTERNAL
