"""What the site's pages say: every word and number, per language.

The pages say what ``report`` and ``show`` say because they are made of the same parts: the
report's :class:`~intl_tracker.presentation.views.ReportView` laid out by the report's own cells
(:mod:`intl_tracker.presentation.report_cells`: value, change, target, pace, projection,
status, status counts with stale and trend-only apart, legend, footnote reasons), each
indicator's
:class:`~intl_tracker.presentation.indicator_view.IndicatorView` with ``show``'s words
(:mod:`intl_tracker.presentation.wording`) and its table of every number
(:func:`intl_tracker.presentation.indicator_cells.assessment_rows`), numbers by the number
rule (:mod:`intl_tracker.presentation.number_format`) and words from the catalogue
(:mod:`intl_tracker.core.i18n`).
Nothing here computes a figure or words a status of its own; the templates only lay these
strings out (Jinja2 escapes them).

Text from the data set is a :class:`Phrase`: shown as the terminal shows it (control
characters and bidi overrides as visible escapes), isolated from the text around it, and
marked with its language when it is not the page's (a name or a note that has no text in the
page's language falls back as names do, and says so with ``lang``). A link from the data is
written only when it is http, https or mailto (:func:`safe_url`); any other is shown as text.

Shapes: :func:`build_content` returns a :class:`SiteContent` for one language: the goals
(:class:`GoalView`, in report order) and one :class:`IndicatorPage` per reported indicator.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from intl_tracker.assessment.records import Assessment
from intl_tracker.core.i18n import translator
from intl_tracker.core.text_safety import link_target, visible, visible_block
from intl_tracker.core.vocabulary import (
    TREND_LABELS,
    TREND_ONLY_STATUSES,
    Basis,
    Status,
    status_symbol,
)
from intl_tracker.dataset.models import Goal, Indicator, Localizable, Source, localize_tagged
from intl_tracker.dataset.sdg import indicator_reporting_status
from intl_tracker.presentation.indicator_cells import (
    assessment_rows,
    shows_relative_change,
    value_headers,
)
from intl_tracker.presentation.indicator_view import IndicatorView
from intl_tracker.presentation.number_format import (
    NO_NUMBER,
    RATE_DECIMALS,
    format_percent,
    format_quantity,
)
from intl_tracker.presentation.report_cells import (
    Cell,
    CountItem,
    assessment_status_cell,
    change_cell,
    column_headers,
    footnote_text,
    group_words,
    legend_items,
    pace_cell,
    projection_cell,
    series_value_text,
    split_status_counts,
    stale_text,
    target_cell,
    target_header,
    target_kinds,
    value_cell,
    value_change_text,
    value_roles,
)
from intl_tracker.presentation.sdg_view import reporting_status_text, sdg_names
from intl_tracker.presentation.views import ReportRow, ReportView, short_of_target
from intl_tracker.presentation.wording import (
    basis_mark,
    direction_words,
    method_name,
    method_note,
    status_label,
    target_kind,
    unit_name,
    value_flag,
)
from intl_tracker.render.charts import chart_window
from intl_tracker.site.words import site_words

if TYPE_CHECKING:
    from intl_tracker.site.breakdown_content import BreakdownBlock


@dataclass(frozen=True, slots=True)
class Phrase:
    """Text from the data set as a page shows it: made visible (``text_safety``), in a
    ``<bdi>`` so that a right-to-left run cannot reorder the numbers beside it, with
    ``lang`` when the text is not in the page's language. ``str()`` gives the plain text
    (for attributes and ``<title>``); Jinja2 writes the element."""

    text: str
    lang: str | None = None

    def __str__(self) -> str:
        return self.text

    def __html__(self) -> str:
        attribute = f' lang="{self.lang}"' if self.lang else ""
        return f"<bdi{attribute}>{html.escape(self.text)}</bdi>"


@dataclass(frozen=True, slots=True)
class Line:
    """Words of the tool and :class:`Phrase` texts from the data, in order, as one text: a
    number followed by the data's unit label ("98 765 t CO₂e"), a publisher and a title.
    Each phrase keeps its ``<bdi>`` and ``lang``; ``str()`` gives the plain text."""

    parts: tuple[str | Phrase, ...]

    def __str__(self) -> str:
        return "".join(str(part) for part in self.parts)

    def __html__(self) -> str:
        return "".join(
            part.__html__() if isinstance(part, Phrase) else html.escape(part)
            for part in self.parts
        )


def phrase(text: Localizable | None, lang: str, *, block: bool = False) -> Phrase | None:
    """``text`` in ``lang`` (else English, else its first language, marked with the language
    it is in); None for no text. ``block`` keeps line breaks (notes)."""
    chosen, code = localize_tagged(text, lang)
    if not chosen:
        return None
    return Phrase(visible_block(chosen) if block else visible(chosen), code)


def tagged(text: str, code: str, lang: str) -> Phrase:
    """A text known to be in ``code``: marked when that is not the page's ``lang``."""
    return Phrase(visible(text), None if code == lang else code)


def safe_url(url: str | None) -> str | None:
    """``url`` when a page may link to it (``text_safety.link_target``: http, https, mailto
    or relative), else None: the page shows it as text."""
    return link_target(url) if url else None


@dataclass(frozen=True, slots=True)
class StatusView:
    """A status as the pages show it: its code (for the style), its symbol, and its words as
    the report's status cell has them (label, "(trend)", ✎)."""

    code: str
    symbol: str
    words: str


@dataclass(frozen=True, slots=True)
class SourceView:
    text: Phrase | Line | None
    url: str | None  # None when there is no address or it may not be linked
    shown_url: str | None  # an address that may not be linked, shown as text
    note: Phrase | None


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One line of the report: the cells ``report`` prints, parts joined with spaces, each
    number followed by the unit when the unit is not in the number (``unit``)."""

    id: str
    name: Phrase
    unit: Phrase | None
    value: Line
    change: Line
    target: Line
    pace: str
    projection: Line
    status: StatusView
    reason: Line | None
    target_label: str = ""  # "Target", or "Forecast" when the target in force is a forecast
    #: The change as a key figure, standing alone: always "since 2023" (``key_change``).
    key_change: Line | None = None


@dataclass(frozen=True, slots=True)
class CountView:
    """One status of a summary: "5 on track (2 stale, 3 trend)" beside its symbol."""

    status: StatusView
    text: str


@dataclass(frozen=True, slots=True)
class GoalView:
    id: str
    number: int
    name: Phrase
    objectives: list[Phrase]
    rows: list[IndicatorRow]
    summary: list[CountView]
    stale: str | None = None  # "2 rest on stale values" (None: none does)


@dataclass(frozen=True, slots=True)
class ValueLine:
    """One observation as ``show`` lists it; ``later``: after the report year (not in the
    chart)."""

    year: int
    value: str
    change: str
    change_pct: str | None  # None: not shown (a percentage or a rank)
    flag: str
    roles: str
    note: Phrase | None
    later: bool


@dataclass(frozen=True, slots=True)
class TargetLine:
    value: Line
    year: int
    kind: str
    source: SourceView | None
    note: Phrase | None


@dataclass(frozen=True, slots=True)
class NumberRow:
    """One row of the "every number" table: a label and one cell per method."""

    label: str
    cells: list[str]


@dataclass(frozen=True, slots=True)
class IndicatorPage:
    row: IndicatorRow
    goal: GoalView
    facts: list[tuple[str, Phrase | str]]
    definition: Phrase | None
    source: SourceView | None
    targets: list[TargetLine]
    no_targets: str
    values: list[ValueLine]
    value_headers: list[str]
    values_title: Line
    no_values: str
    notes_title: str
    method_headers: list[str]
    numbers: list[NumberRow]
    numbers_title: str
    chart_title: str
    chart_description: str
    chart_caption: Line  # the description with the unit label isolated and marked
    # the tables of its breakdowns (``site.breakdown_content.with_breakdowns``), in order
    breakdowns: tuple[BreakdownBlock, ...] = ()


@dataclass(frozen=True, slots=True)
class SiteContent:
    """Everything the pages of one language say."""

    lang: str
    programme: Phrase
    year: int
    method: str
    method_note: str
    column_headers: list[str]
    goals: list[GoalView]
    indicators: list[IndicatorPage]
    legend: list[str]
    statuses: list[StatusView]
    #: The whole programme's counts, commitments first, and how many rest on stale values.
    overall: list[CountView] = field(default_factory=list)
    overall_stale: str | None = None


def _status(status: Status, lang: str, trend_only: bool = False) -> StatusView:
    """A status's code (its CSS class; a trend-only judgement's is ``trend-<status>``), symbol
    and words."""
    code = f"trend-{status}" if trend_only else str(status)
    return StatusView(
        code, status_symbol(status, trend_only), status_label(status, lang, trend_only)
    )


def _count_text(item: CountItem, lang: str) -> str:
    """ "Against commitments: 1 insufficient progress": the count without its symbol, led by
    what it was judged against (the items come commitments first)."""
    text = item.text.removeprefix(status_symbol(item.status, item.trend_only)).strip()
    return f"{group_words(item.basis, lang)}: {text}"


def _row_status(row: ReportRow, lang: str) -> StatusView:
    """The report's status cell without its symbol and footnote number (the page shows the
    reason itself)."""
    return assessment_status(row.assessment, lang)


def assessment_status(a: Assessment, lang: str) -> StatusView:
    """A status as the report's cells word it (:func:`assessment_status_cell`: "(trend)", ✎),
    "(forecast)" added when judged against a forecast, the symbol apart: a headline's and a
    category's on the site."""
    symbol = status_symbol(a.status, a.trend_only)
    words = " ".join(assessment_status_cell(a, lang)).removeprefix(symbol).strip()
    if a.judged_against is Basis.FORECAST:
        # the home page and the chart caption print no target beside the status (issue 20)
        label = status_label(a.status, lang)
        words = words.replace(label, f"{label} {basis_mark(Basis.FORECAST, lang)}", 1)
    code = f"trend-{a.status}" if a.trend_only else str(a.status)
    return StatusView(code, symbol, words)


def _source(source: Source | None, lang: str) -> SourceView | None:
    if source is None:
        return None
    parts = [p for p in (phrase(t, lang) for t in (source.publisher, source.title)) if p]
    text: Phrase | Line | None = None
    if len(parts) == 1:
        text = parts[0]
    elif parts:  # each in its own language: a Swedish publisher, a title only in Finnish
        text = Line((parts[0], ": ", parts[1]))
    url = safe_url(source.url)
    shown = None if url is not None or not source.url else visible(source.url)
    if text is None and url is not None:
        text = Phrase(url)
    return SourceView(text, url, shown, phrase(source.note, lang, block=True))


#: Units whose numbers are counts, places or points: the name of the indicator says what is
#: counted, and a word after the number ("321 030 count") would only get in the way.
BARE_UNITS = frozenset({"count", "rank", "index"})


def unit_suffix(unit: str, lang: str, label: Mapping[str, str] | None) -> Phrase | None:
    """What follows a number that does not carry its unit: the indicator's own unit label
    (kt CO₂e), or € for euros; None for percent (the number has "%") and for counts, ranks
    and index points."""
    if label:
        return phrase(label, lang)
    if unit == "eur":
        return Phrase("€")
    if unit == "percent" or unit in BARE_UNITS:
        return None
    return Phrase(visible(unit))  # an id such as "tonnes", as the data names it


def _with_unit(cell: Cell, unit: Phrase | None) -> Line:
    """The cell's parts joined, the unit after the number (its first part), isolated and
    marked with its language as every text from the data is."""
    if unit is None or not cell or cell[0] == NO_NUMBER:
        return Line((" ".join(cell),))
    rest = " ".join(cell[1:])
    return Line((cell[0] + " ", unit, " " + rest) if rest else (cell[0] + " ", unit))


def report_line(row: ReportRow, lang: str) -> IndicatorRow:
    """The report's line of ``row`` in ``lang``."""
    indicator = row.indicator
    unit = unit_suffix(row.unit, lang, indicator.unit_label)
    name = phrase(indicator.name, lang) or Phrase(indicator.id)
    return IndicatorRow(
        id=indicator.id,
        name=name,
        unit=unit,
        value=_with_unit(value_cell(row, lang), unit),
        change=_with_unit(change_cell(row, lang), None if row.unit == "percent" else unit),
        target=_with_unit(target_cell(row, lang), unit),
        pace=" ".join(pace_cell(row, lang)),
        projection=_with_unit(projection_cell(row, lang), unit),
        status=_row_status(row, lang),
        reason=_reason(row, lang),
        target_label=target_header(lang, target_kinds([row])),
        key_change=key_change(row, lang, None if row.unit == "percent" else unit),
    )


def key_change(row: ReportRow, lang: str, unit: Phrase | None) -> Line:
    """The change as an indicator page's key figure: with no column header or legend beside
    it, it always names the year it is measured from ("-30 kt CO₂e (-4.0%) since 2023"),
    where the report's Change column says so only across a gap."""
    cell = change_cell(row, lang)
    change = row.change
    if change.absolute is not None and not change.gap and change.previous_year is not None:
        since = translator(lang).gettext("since {year}").format(year=change.previous_year)
        cell = (*cell, since)
    return _with_unit(cell, unit)


def _reason(row: ReportRow, lang: str) -> Line | None:
    """The report's footnote: why the status is what it is, made visible, with a status set
    by hand's rationale (data) isolated and marked with its language."""
    text = visible(footnote_text(row, lang)) if row.footnote is not None else ""
    if not text:
        return None
    settings = row.indicator.assessment
    manual = settings.status if settings is not None and row.assessment.set_by_hand else None
    return isolated(text, phrase(manual.rationale, lang) if manual is not None else None)


def _facts(view: IndicatorView, lang: str) -> list[tuple[str, Phrase | str]]:
    """``show``'s definition panel: name in the other languages, goal, objectives, unit, …"""
    t = translator(lang)
    indicator = view.indicator
    facts: list[tuple[str, Phrase | str]] = [
        (t.gettext("Name ({lang})").format(lang=code), tagged(name, code, lang))
        for code, name in indicator.name.items()
        if code != lang
    ]
    goal_word = t.pgettext("programme goal", "Goal")
    if view.goal is not None:
        goal_name = phrase(view.goal.name, lang) or Phrase(view.goal.id)
        facts.append((goal_word, Phrase(f"{view.goal.number}. {goal_name.text}", goal_name.lang)))
        facts += [
            (t.gettext("Objectives"), phrase(o.text, lang) or Phrase(o.id)) for o in view.objectives
        ]
    else:
        facts.append((goal_word, indicator.goal))
    unit = phrase(indicator.unit_label, lang) or unit_name(indicator.unit, lang)
    facts.append((t.gettext("Unit"), unit))
    facts.append((t.gettext("Direction"), direction_words(indicator.direction, lang)))
    if indicator.baseline is not None:
        facts.append((t.gettext("Base year"), str(indicator.baseline)))
    responsible = phrase(indicator.responsible, lang)
    if responsible is not None:
        facts.append((t.gettext("Responsible"), responsible))
    return facts + _crosswalk_facts(indicator, lang)


def _crosswalk_facts(indicator: Indicator, lang: str) -> list[tuple[str, Phrase | str]]:
    """The SDG codes the indicator names, each with its name (marked when in English), and
    its reporting status with the note saying why."""
    t = translator(lang)
    facts: list[tuple[str, Phrase | str]] = [
        ("SDG", Phrase(f"{name.code} {visible(name.name)}", name.fallback))
        for name in sdg_names(indicator.sdg, lang)
    ]
    status = reporting_status_text(indicator_reporting_status(indicator), lang)
    facts.append((t.gettext("Reporting status"), status))
    note = phrase(indicator.reporting_note, lang)
    if note is not None:
        facts.append((t.gettext("Note"), note))
    return facts


def _values(view: IndicatorView, lang: str) -> list[ValueLine]:
    """``show``'s table of values: each with its change, flag and role."""
    unit, decimals = view.indicator.unit, view.decimals
    lines = []
    for row in view.values:
        roles = value_roles(row, lang)
        change = value_change_text(row.change, unit, decimals, lang)
        lines.append(
            ValueLine(
                year=row.year,
                value=series_value_text(row, unit, decimals, lang),
                change=change,
                change_pct=(
                    format_percent(row.change.relative_pct, RATE_DECIMALS, lang, sign=True)
                    if shows_relative_change(unit)
                    else None
                ),
                flag=value_flag(row.status, lang),
                roles=", ".join(roles),
                note=phrase(row.note, lang, block=True),
                later=row.year > view.year,
            )
        )
    return lines


def isolated(text: str, data: Phrase | None) -> Line:
    """``text`` (the tool's words) with each occurrence of ``data`` (text from the data set
    formatted into it) isolated and marked as a :class:`Phrase`."""
    if data is None or not data.text:
        return Line((text,))
    pieces = text.split(data.text)
    parts: list[str | Phrase] = [pieces[0]]
    for piece in pieces[1:]:
        parts += [data, piece]
    return Line(tuple(parts))


def _values_title(unit: Phrase | str, lang: str) -> Line:
    """ "Values: t CO₂e", the unit label (data) isolated and marked."""
    before, _, after = translator(lang).gettext("Values: {unit}").partition("{unit}")
    return Line((before, unit, after))


def chart_description(line: IndicatorRow, view: IndicatorView, lang: str) -> str:
    """The chart's text alternative: how many values it shows over which years (only those
    the chart draws, up to the report year), the latest, the target and the status."""
    t, w = translator(lang), site_words(lang)
    window = chart_window(view)
    points = window.points
    if not points:
        return w("chart_empty")
    latest = points[-1]
    value = format_quantity(latest.value, view.indicator.unit, view.decimals, lang)
    if line.unit is not None:
        value = f"{value} {line.unit.text}"
    if latest.status != "final":  # the chart marks it; the text says it in words
        value = f"{value} ({value_flag(latest.status, lang)})"
    if len(points) == 1:
        parts = [w("chart_desc_one", value=value, year=latest.year)]
    else:
        parts = [
            t.ngettext(
                "The chart shows {points} value from {first} to {last}; the latest, {value}, "
                "is from {last}.",
                "The chart shows {points} values from {first} to {last}; the latest, {value}, "
                "is from {last}.",
                len(points),
            ).format(points=len(points), first=points[0].year, last=latest.year, value=value)
        ]
    parts += _caption_targets(view, line, points[0].year, lang)
    parts.append(w("chart_status", status=f"{line.status.symbol} {line.status.words}"))
    selected = view.selected
    if selected is not None and short_of_target(selected, view.indicator.direction):
        # the image chart's subtitle caveat, which the site's chart does not draw (issue 20)
        caveat = t.gettext("within the method's tolerance: the projection falls short")
        parts.append(f"{caveat[:1].upper()}{caveat[1:]}.")
    if any(year > view.year for year, _ in view.indicator.series()):
        parts.append(w("chart_later", year=view.year))
    return " ".join(parts)


def _caption_targets(view: IndicatorView, line: IndicatorRow, first: int, lang: str) -> list[str]:
    """Every target and forecast from the chart's first year on, each named by its kind in
    words ("Forecast: 30.0% by 2034."), not by a mark a screen reader reads as a letter (ᶠ):
    a forecast is never read as a commitment, and a second forecast the chart leaves out is
    still said."""
    t = translator(lang)
    texts = []
    for target in sorted(view.indicator.targets, key=lambda x: (x.year, x.kind)):
        if target.year < first:
            continue
        value = format_quantity(target.value, view.indicator.unit, view.decimals, lang)
        if line.unit is not None:
            value = f"{value} {line.unit.text}"
        kind = target_kind(target.kind, lang)
        text = t.gettext("{kind}: {value} by {year}").format(
            kind=kind[:1].upper() + kind[1:], value=value, year=target.year
        )
        texts.append(text + ".")
    return texts


def indicator_page(
    line: IndicatorRow, goal: GoalView, view: IndicatorView, lang: str
) -> IndicatorPage:
    """The indicator page: ``line`` is its line of the report, ``view`` its ``show`` view."""
    t = translator(lang)
    indicator = view.indicator
    methods = list(view.assessments)
    selected_word = t.gettext("selected")
    description = chart_description(line, view, lang)
    return IndicatorPage(
        row=line,
        goal=goal,
        facts=_facts(view, lang),
        definition=phrase(indicator.definition, lang, block=True),
        source=_source(indicator.source, lang),
        targets=[
            TargetLine(
                value=_with_unit(
                    (format_quantity(target.value, indicator.unit, view.decimals, lang),),
                    line.unit,
                ),
                year=target.year,
                kind=target_kind(target.kind, lang),
                source=_source(target.source, lang),
                note=phrase(target.note, lang, block=True),
            )
            for target in indicator.targets
        ],
        no_targets=t.gettext("No target: the status is judged on the trend alone."),
        values=_values(view, lang),
        value_headers=value_headers(lang, view.indicator.unit),
        values_title=_values_title(line.unit or unit_name(indicator.unit, lang), lang),
        no_values=t.gettext("No values yet."),
        notes_title=t.gettext("Notes"),
        method_headers=[
            f"{method_name(m, lang)} ({selected_word})"
            if m == view.method
            else method_name(m, lang)
            for m in methods
        ],
        numbers=[
            NumberRow(label, [cell(view.assessments[m]) for m in methods])
            for label, cell in assessment_rows(view, lang)
        ],
        numbers_title=t.gettext("Assessment with data up to {year}").format(year=view.year),
        chart_title=site_words(lang)("chart_of", name=line.name.text),
        chart_description=description,
        chart_caption=isolated(description, line.unit),
    )


def site_legend(report: ReportView, lang: str) -> list[str]:
    """The legend of the marks the pages show, one line per topic: the report's legend
    without its footnote mark (the pages write the reason out) and without the method line
    (each page says the method once)."""
    t = translator(lang)
    footnote = t.gettext("[1]: note under the table")
    method = t.gettext("Method: {note}").format(note=method_note(report.method, report.pace, lang))
    lines = []
    for items in legend_items(report, lang):
        kept = [item for item in items if item not in (footnote, method)]
        if kept:
            lines.append(" · ".join(kept))
    return lines


def _goal_view(
    goal: Goal,
    rows: list[IndicatorRow],
    summary: list[CountView],
    lang: str,
    stale: str | None = None,
) -> GoalView:
    return GoalView(
        goal.id,
        goal.number,
        phrase(goal.name, lang) or Phrase(goal.id),
        [phrase(o.text, lang) or Phrase(o.id) for o in goal.objectives],
        rows,
        summary,
        stale,
    )


def _counts(rows: Sequence[ReportRow], lang: str) -> list[CountView]:
    """The counts of ``rows`` as the site lists them: commitments first, then forecasts, the
    trend alone, set by hand without a target, not judged (``split_status_counts``)."""
    return [
        CountView(_status(i.status, lang, i.trend_only), _count_text(i, lang))
        for i in split_status_counts(rows, lang)
    ]


def build_content(
    report: ReportView, indicators: Mapping[str, IndicatorView], lang: str
) -> SiteContent:
    """All page content in ``lang``: ``report`` is the report, ``indicators`` each reported
    indicator's ``show`` view by id (assessed at the report year)."""
    goals: list[GoalView] = []
    pages: list[IndicatorPage] = []
    for section in report.sections:
        lines = [report_line(row, lang) for row in section.rows]
        summary = _counts(section.rows, lang)
        goal = _goal_view(section.goal, lines, summary, lang, stale_text(section.rows, lang))
        goals.append(goal)
        pages += [indicator_page(line, goal, indicators[line.id], lang) for line in lines]
    reported = {s.goal.id for s in report.sections}
    goals += [  # a goal without indicators still has its page
        _goal_view(g, [], [], lang) for g in report.goals if g.id not in reported
    ]
    goals.sort(key=lambda g: g.number)
    return SiteContent(
        lang=lang,
        programme=phrase(report.programme.name, lang) or Phrase(report.programme.id),
        year=report.year,
        method=method_name(report.method, lang),
        method_note=method_note(report.method, report.pace, lang),
        column_headers=column_headers(
            lang, report.year, trend=False, method=report.method, kinds=target_kinds(report.rows)
        ),
        goals=goals,
        indicators=pages,
        legend=site_legend(report, lang),
        statuses=[
            *(_status(s, lang) for s in Status if s not in TREND_ONLY_STATUSES),
            *(_status(s, lang, True) for s in TREND_LABELS),
        ],
        overall=_counts(report.rows, lang),
        overall_stale=stale_text(report.rows, lang),
    )
