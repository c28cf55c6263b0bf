"""The JSON documents intl-tracker prints, each defined once: report, show, validate and list.

These pydantic models are the contract scripts rely on; ``intl-tracker schema NAME`` prints
their JSON Schemas. The renderers build the documents as plain dicts (fast: no pydantic on the
output path) in the field order of these models, and the tests validate every document
against its published schema.

Versioning (docs/guide/scripts.md, "Versions of the JSON documents"): each document has its
own integer ``schema_version``. Adding a field, or a new value to an open enumeration (status,
method, pace, unit, value status, target kind), keeps the version; the published schemas therefore
accept unknown fields and unknown values of those enumerations. Removing or renaming a field,
changing its type, unit or meaning bumps the version, and CHANGELOG.md says so.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from intl_tracker.assessment.registry import BUILT_IN
from intl_tracker.core import vocabulary
from intl_tracker.render.json_documents import document_versions as _versions

# The version of each document; bump only on a breaking change (see the module docstring).
# They live in document_versions.py, which the renderers import without these models.
REPORT_VERSION = _versions.REPORT_VERSION
SHOW_VERSION = _versions.SHOW_VERSION
VALIDATE_VERSION = _versions.VALIDATE_VERSION
LIST_VERSION = _versions.LIST_VERSION
DUE_VERSION = _versions.DUE_VERSION
DIFF_VERSION = _versions.DIFF_VERSION
REPORT_BY_VERSION = _versions.REPORT_BY_VERSION

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]


def _open(*known: str) -> Any:
    """A string field whose known values are listed, but which may grow (additions)."""
    return Field(
        description="One of: " + ", ".join(known) + " (more may be added).",
        json_schema_extra={"examples": list(known)},
    )


#: The engine's statuses (``vocabulary.Status``, in its order), as an open string field.
Status = Annotated[str, _open(*(status.value for status in vocabulary.Status))]
#: The built-in methods (``assessment.registry.BUILT_IN``; a registered one is an addition).
MethodName = Annotated[str, _open(*BUILT_IN)]
PaceName = Annotated[str, _open("endpoints", "fitted")]
ValueStatus = Annotated[str, _open("final", "provisional", "estimated")]
TargetKind = Annotated[str, _open("target", "forecast")]
Unit = Annotated[str, _open("percent", "count", "rank", "eur", "index")]
Direction = Literal["increase", "decrease"]


class _Document(BaseModel):
    """Open to additions: a newer intl-tracker may add fields (scripts ignore them)."""

    model_config = ConfigDict(extra="allow", frozen=True)


class ProgrammeJSON(_Document):
    id: str
    name: str = Field(description="In the document's language.")


class GoalJSON(_Document):
    id: str
    number: int
    name: str = Field(description="In the document's language.")


class TargetJSON(_Document):
    value: FiniteFloat
    year: int
    kind: TargetKind = Field(description="target: a commitment; forecast: a projection.")


class SourceJSON(_Document):
    publisher: str | None
    title: str | None
    url: str | None
    note: str | None


WarningCode = Annotated[
    str, _open("implausible-jump", "percent-as-fraction", "estimate-without-note")
]


class ValueWarningsJSON(_Document):
    year: int
    codes: list[WarningCode] = Field(description="The warnings of the value of `year`.")


class AssessmentJSON(_Document):
    """Every number behind one status: the same fields in the report and in ``show``."""

    year: int | None = Field(description="Year of the assessed value (latest <= report year).")
    value: FiniteFloat | None
    value_status: ValueStatus | None
    previous_year: int | None = Field(description="Year of the observation before `year`.")
    previous_value: FiniteFloat | None
    change: FiniteFloat | None = Field(
        description="value - previous_value, in the unit (percentage points for a percent "
        "indicator)."
    )
    change_pct: FiniteFloat | None = Field(
        description="Relative change from previous_value, in percent (6.0 = +6 %); for a "
        "percent indicator a relative change of the share, which no table shows (read "
        "`change`, in pp)."
    )
    base_year: int | None = Field(description="Start of the assessed period.")
    base_value: FiniteFloat | None
    cagr: FiniteFloat | None = Field(
        description="Compound annual growth rate from base to year, as a fraction (0.028); "
        "for a percent indicator the growth rate of the share, not a change in points."
    )
    fitted_cagr: FiniteFloat | None = Field(
        description="Growth rate fitted through every point of the period, as a fraction."
    )
    target: TargetJSON | None = Field(description="The target the status was judged against.")
    required_cagr: FiniteFloat | None = Field(
        description="Growth rate needed from the base to reach the target on time, a fraction."
    )
    ratio: FiniteFloat | None = Field(
        description="The method's progress ratio (R for ratio, CR for unsd), else null."
    )
    path_value: FiniteFloat | None = Field(
        description="Value on the straight line from base to target in `year`."
    )
    projected_value: FiniteFloat | None = Field(
        description="Value in the target year if the current pace holds."
    )
    eta_year: int | None = Field(description="Year the target is reached at the current pace.")
    status: Status
    status_label: str = Field(
        description="The status in words, in the document's language; a trend-only status in "
        "Eurostat's words for indicators without a target (significant/moderate progress, "
        "moderate/significant movement away), never 'on track', followed by '(trend)'; a "
        "status judged against a forecast followed by '(forecast)' (as the site, CSV and the "
        "--compare table write it)."
    )
    judged_against: Literal["commitment", "forecast", "trend"] | None = Field(
        description="What the status was judged against: a committed target, a forecast, or "
        "the trend alone (no target); null when nothing was judged (insufficient data)."
    )
    method_class: str | None = Field(
        description="The method's own published class name (English, untranslated) of the "
        "status it computed: the same judgement as status in the method's words, not a second "
        "status (Eurostat's ratio method calls needs_acceleration 'moderate progress'); with "
        "set_by_hand still the computed status's class, null when the calculation is off."
    )
    reason: str | None = Field(
        description="Why the status is what it is (e.g. missing data), in English whatever the "
        "document's language, as the English report's footnote writes it: its numbers by the "
        "one number rule with their unit (36.5%, +1.2 pp, up 2 places, 712 kt CO2e); the "
        "exact numbers are in the numeric fields. Text for people, not for parsing."
    )
    reason_label: str | None = Field(
        default=None,
        description="The reason in the document's language, its numbers by the one number "
        "rule with their unit, as the report's footnote writes it; null when reason is null.",
    )
    deviation: FiniteFloat | None = Field(
        description="dns only: shortfall of the projection, relative to the remaining distance."
    )
    annual_change: FiniteFloat | None = Field(
        description="The linear average change a year, in the unit (percentage points for a "
        "percent indicator, places for a rank, the unit for a net balance): dns's over the "
        "last five years; under ratio and unsd the pace of a status judged on differences (a "
        "rank; a net balance; a target <= 0 under ratio), of a linear projection, or of a "
        "share (in pp a year, with or without a target)."
    )
    annual_change_from: int | None = Field(
        default=None,
        description="The first year of the window annual_change was computed over (it ends at "
        "year): dns's last five years, else base_year; null without annual_change.",
    )
    required_change: FiniteFloat | None = Field(
        default=None,
        description="The change a year needed from the base to the target, in the unit "
        "(percentage points for a percent indicator), when the status was judged on "
        "differences (a rank; a target <= 0 under ratio) or the indicator is a share (its "
        "pace in pp, shown beside the growth-rate status); else null.",
    )
    projection: Literal["compound", "linear"] | None = Field(
        default=None,
        description="Deprecated: the same as projection_method (its name read as a value); "
        "kept while schema_version is 1.",
    )
    projection_method: Literal["compound", "linear"] | None = Field(
        default=None,
        description="How projected_value was projected (the value is projected_value): "
        "compound at the growth rate, or linear at annual_change (dns; a rank; a share of a "
        "whole); null without a projection.",
    )
    value_age: int | None = Field(description="Report year minus `year`, in whole years.")
    stale: bool = Field(description="value_age is above stale_after.")
    stale_after: int = Field(description="The stale threshold in force for this indicator.")
    trend_only: bool = Field(
        description="The status was judged without a target, on the trend alone."
    )
    set_by_hand: bool = Field(description="The status was set by hand in the indicator file.")
    computed_status: Status | None = Field(
        description="With set_by_hand: the status the method gave (null: calculation off)."
    )
    status_rationale: str | None = Field(
        description="With set_by_hand: why, in the document's language."
    )
    status_source: SourceJSON | None = Field(description="With set_by_hand: on whose word.")
    calculated: bool = Field(description="false: the indicator turns progress calculation off.")
    clipped: list[str] = Field(
        description="Fields clipped to the indicator's possible values (projected_value, "
        "path_value)."
    )
    magnitudes: bool = Field(
        description="All values negative: assessed on their magnitudes, direction reversed."
    )
    flags: list[str] = Field(
        description="set_by_hand, not_calculated, stale, trend_only, clipped, magnitudes "
        "(more may be added)."
    )
    pace_used: PaceName = Field(
        description="The pace behind the status: fitted, or endpoints when fitted was asked "
        "for but could not be computed (reason says so)."
    )
    value_warnings: list[WarningCode] = Field(
        description="Codes of the warnings `intl-tracker validate` gives the assessed value "
        "(`year`); [] when none. The human formats mark such a value with ⚠."
    )
    period_warnings: list[ValueWarningsJSON] = Field(
        description="Every value of the assessed period (base_year to year) that carries a "
        "warning, in year order: the values the status rests on that were not checked."
    )


class IndicatorHeadJSON(_Document):
    id: str
    goal: str = Field(description="Id of the indicator's goal (see goals).")
    name: str = Field(description="In the document's language.")
    unit: Unit
    direction: Direction = Field(description="Which way is progress.")
    decimals: int = Field(
        description="Display precision: the definition's, else inferred from the values "
        "and targets as written (at most the unit's default)."
    )


Movement = Annotated[str, _open("improved", "worsened", "unchanged", "not_comparable")]


class ComparisonJSON(_Document):
    year: int = Field(description="The earlier report year (--compare).")
    value_year: int | None = Field(description="Year of the value assessed then.")
    value: FiniteFloat | None
    status: Status
    status_label: str = Field(description="In the document's language.")
    trend_only: bool
    stale: bool
    movement: Movement = Field(
        description="improved, worsened, unchanged, or not_comparable (insufficient data "
        "either year, or a trend-only status against a target-based one)."
    )
    value_warnings: list[WarningCode] = Field(
        description="Codes of the warnings `intl-tracker validate` gives the value then."
    )
    set_by_hand: bool = Field(
        default=False, description="The status then was set by hand (as the one now may be)."
    )
    computed_status: Status | None = Field(
        default=None,
        description="With a status set by hand: what the method computed then (null when the "
        "calculation is off or the status was not set by hand).",
    )
    computed_movement: Movement | None = Field(
        default=None,
        description="With a status set by hand in either year: how the computed statuses "
        "moved (a hand-set status is one setting for both years, so `movement` compares the "
        "same setting); null otherwise.",
    )


class ComparisonHolderJSON(_Document):
    comparison: ComparisonJSON | None = Field(
        default=None, description="With --compare: the indicator as of the earlier year."
    )
    breakdowns: list[list[str]] = Field(
        default_factory=list,
        description="The indicator's breakdowns, each a list of dimension ids (several: "
        "crossed); [] when it has none. `report --by DIMENSION` reports them.",
    )


ReportingStatus = Annotated[
    str, _open("complete", "in_progress", "exploring_data_sources", "not_applicable")
]
_REPORTING_STATUS = (
    "Open SDG's reporting status: complete, in_progress, exploring_data_sources or "
    "not_applicable; declared in the data, else worked out from them (reporting_status_declared "
    "false; the rule is in docs/guide/data-keepers.md)."
)


class CrosswalkJSON(_Document):
    """What an indicator informs and whether it is measured: its objectives, SDG codes and
    reporting status."""

    objectives: list[str] = Field(description="Ids of the programme's objectives it serves.")
    sdg: list[str] = Field(
        description='The UN SDG goal, target or global indicator codes it informs ("11.6").'
    )
    reporting_status: ReportingStatus = Field(description=_REPORTING_STATUS)
    reporting_status_declared: bool = Field(
        description="True when the data declare the status, false when it is the default rule's."
    )
    reporting_note: str | None = Field(
        description="Why the status is what it is, in the document's language; null when none."
    )


class ReportObjectiveJSON(_Document):
    id: str
    text: str = Field(description="In the document's language.")
    sdg: list[str] = Field(description="The SDG codes the objective names itself.")
    indicators: list[str] = Field(
        description="Ids of the report's indicators that serve it ([]: none measures it here)."
    )
    reporting_status: ReportingStatus = Field(
        description=_REPORTING_STATUS + " An objective's default is the most complete status "
        "of its indicators, exploring_data_sources when it has none."
    )
    reporting_status_declared: bool
    reporting_note: str | None = Field(
        description="What was searched for, or why the status is what it is; null when none."
    )


class ReportGoalJSON(GoalJSON):
    objectives: list[ReportObjectiveJSON] = Field(
        description="The goal's objectives with their reporting status ([] when grouped by SDG)."
    )


class ReportIndicatorJSON(ComparisonHolderJSON, CrosswalkJSON, AssessmentJSON, IndicatorHeadJSON):
    """One indicator of the report: its definition's head, its assessment, its crosswalk and
    reporting status, and with ``--compare`` the assessment as of the earlier year."""


class SummaryRowJSON(_Document):
    status: Status
    current: int = Field(description="Rows with this status whose value is not stale.")
    stale: int = Field(description="Rows with this status whose value is stale.")
    trend_only: int = Field(description="Of all rows with this status, judged without a target.")


class BasisStatusJSON(_Document):
    status: Status
    current: int = Field(description="Rows of the group with this status, value not stale.")
    stale: int = Field(description="Rows of the group with this status, value stale.")


class BasisSummaryJSON(_Document):
    judged_against: Literal["commitment", "forecast", "trend", "hand_set", "not_judged"] = Field(
        description="What the group's statuses were judged against: a committed target, a "
        "forecast, the trend alone; hand_set: set by hand with no target and no trend; "
        "not_judged: nothing was judged (insufficient data)."
    )
    current: int = Field(description="Rows of the group whose value is not stale.")
    stale: int = Field(description="Rows of the group whose value is stale.")
    statuses: list[BasisStatusJSON] = Field(description="Per status, in scale order.")


class ReportDocument(_Document):
    """intl-tracker report JSON."""

    model_config = ConfigDict(title="intl-tracker report")

    schema_version: int = Field(description=f"{REPORT_VERSION}; bumped on breaking changes only.")
    tool_version: str
    programme: ProgrammeJSON
    year: int = Field(description="The report year asked for.")
    method: MethodName
    pace: PaceName = Field(description="The pace asked for; see each indicator's pace_used.")
    lang: str = Field(description="Language of names and labels: en, fi or sv.")
    goals: list[ReportGoalJSON]
    indicators: list[ReportIndicatorJSON]
    compare_year: int | None = Field(default=None, description="The --compare year, else null.")
    summary_by_basis: list[BasisSummaryJSON] = Field(
        default_factory=list,
        description="The headline's counts, commitments first: one group per kind of what "
        "was judged against, in the order commitment, forecast, trend, hand_set, not_judged "
        "(the commitment group always, with zeros when there is none; others only when they "
        "have rows). Read this, not summary, for a board's headline: summary's on_track "
        "mixes commitments, forecasts and trend-only judgements.",
    )
    summary: list[SummaryRowJSON] = Field(
        default_factory=list, description="Per status: current, stale and trend-only counts."
    )
    movements: dict[str, int] | None = Field(
        default=None, description="With --compare: how many indicators moved each way."
    )
    grouped_by: Annotated[str, _open("goal", "sdg")] = Field(
        default="goal",
        description="goal: goals are the programme's; sdg (report --by-sdg): goals are the UN "
        "SDGs the indicators name (id sdg-N, number N; sdg-none, number 0, for those naming "
        "none); each indicator is under the SDG of its first code.",
    )


class ShowTargetJSON(TargetJSON):
    source: SourceJSON | None
    note: str | None


class ObjectiveJSON(_Document):
    id: str
    text: str = Field(description="In the document's language.")


class ShowGoalJSON(GoalJSON):
    objectives: list[ObjectiveJSON] = Field(
        description="The objectives of the goal that this indicator serves."
    )


class ShowIndicatorBaseJSON(IndicatorHeadJSON):
    names: dict[str, str] = Field(description="The name in every language of the data.")
    definition: str | None = Field(description="In the document's language.")
    responsible: str | None = Field(description="In the document's language.")
    baseline: int | None = Field(description="The definition's default base year.")
    source: SourceJSON | None
    targets: list[ShowTargetJSON]


class ShowIndicatorJSON(CrosswalkJSON, ShowIndicatorBaseJSON):
    """The indicator of ``show``: its definition, then its crosswalk and reporting status."""


class ValueJSON(_Document):
    year: int
    value: FiniteFloat
    status: ValueStatus
    note: str | None
    previous_year: int | None
    change: FiniteFloat | None = Field(description="value - the previous value, in the unit.")
    change_pct: FiniteFloat | None = Field(description="Relative change, in percent.")
    warnings: list[WarningCode] = Field(
        description="Codes of the warnings `intl-tracker validate` gives the value; [] when none."
    )
    break_in_series: bool = Field(
        default=False,
        description="A break in series starts at this value (the indicator's breaks:, SDMX "
        "OBS_STATUS 'b'): change and change_pct are null, as it is not comparable with the "
        "value before.",
    )
    exceptional: str | None = Field(
        default=None,
        description="The exceptional event the data name for the value (a pandemic year), in "
        "the document's language; null when none (docs/methods.md, 'Exceptional years').",
    )


class ShowCategoryValueJSON(_Document):
    year: int
    value: FiniteFloat = Field(description="As written in indicators/ID.csv, in the unit.")
    status: ValueStatus
    note: str | None


class ShowCategoryJSON(_Document):
    codes: dict[str, str] = Field(description="Dimension id -> category code.")
    names: dict[str, str] = Field(description="Dimension id -> category name, in `lang`.")
    values: list[ShowCategoryValueJSON] = Field(description="In year order.")


class ShowBreakdownJSON(_Document):
    dimensions: list[str] = Field(description="The breakdown's dimension ids (crossed: several).")
    names: dict[str, str] = Field(description="Dimension id -> its name, in `lang`.")
    partial: bool = Field(description="The categories do not cover the whole.")
    whole_in: int | None = Field(
        default=None,
        description="For a partial breakdown: the categories' latest common year when they sum "
        "exactly to the total then (report --by's rule); else null.",
    )
    years: list[int] = Field(description="Every year with a value of a category.")
    categories: list[ShowCategoryJSON] = Field(description="In the dimensions' listed order.")


class ShowDocument(_Document):
    """intl-tracker show JSON: one indicator, its series, and its assessment by every method."""

    model_config = ConfigDict(title="intl-tracker show")

    schema_version: int = Field(description=f"{SHOW_VERSION}; bumped on breaking changes only.")
    tool_version: str
    programme: ProgrammeJSON
    year: int = Field(description="The year assessed as of.")
    lang: str = Field(description="Language of names and labels: en, fi or sv.")
    method: MethodName = Field(description="The selected method (headline and chart).")
    goal: ShowGoalJSON | None
    indicator: ShowIndicatorJSON
    values: list[ValueJSON]
    assessments: dict[str, AssessmentJSON] = Field(description="By method name.")
    breakdowns: list[ShowBreakdownJSON] = Field(
        default_factory=list,
        description="The values by category (indicators/ID.csv), one per declared breakdown "
        "with values; [] without.",
    )


class ProblemJSON(_Document):
    file: str
    line: int = Field(description="1-based; 0 when the problem has no position in the file.")
    column: int = Field(description="1-based; 0 when the problem has no position in the file.")
    code: str
    severity: Annotated[str, _open("error", "warning")]
    message: str


class ValidateSummaryJSON(_Document):
    errors: int
    warnings: int
    files: int = Field(description="Files with at least one problem.")
    files_checked: int = Field(description="Files read, in every data set checked.")


class DataSetJSON(_Document):
    path: str = Field(description="The data set's folder, as given or relative to here.")
    programme: str | None = Field(description="Its programme id; null when goals.yaml is bad.")
    files: int = Field(description="Files of the data set that were read.")


class ValidateDocument(_Document):
    """intl-tracker validate JSON."""

    model_config = ConfigDict(title="intl-tracker validate")

    schema_version: int = Field(description=f"{VALIDATE_VERSION}; bumped on breaking changes only.")
    valid: bool = Field(description="False when the run fails (errors, or warnings and --strict).")
    summary: ValidateSummaryJSON
    data_sets: list[DataSetJSON] = Field(description="Every data set the run checked.")
    problems: list[ProblemJSON]


class ListGoalJSON(GoalJSON):
    objectives: int = Field(description="How many objectives the goal has.")
    indicators: int = Field(description="How many indicators follow the goal.")


class ListIndicatorHeadJSON(_Document):
    id: str
    goal: str
    name: str = Field(description="In the document's language.")
    unit: Unit
    direction: Direction
    first_year: int | None
    last_year: int | None
    values: int = Field(description="How many values the indicator has.")
    targets: int = Field(description="How many targets the indicator has.")


class ListIndicatorJSON(CrosswalkJSON, ListIndicatorHeadJSON):
    """One indicator of ``list indicators``: its head, then its crosswalk and reporting status."""


class ListDocument(_Document):
    """intl-tracker list JSON: the goals or the indicators (one of the two lists)."""

    model_config = ConfigDict(title="intl-tracker list")

    schema_version: int = Field(description=f"{LIST_VERSION}; bumped on breaking changes only.")
    tool_version: str
    lang: str = Field(description="Language of names: en, fi or sv.")
    goals: list[ListGoalJSON] | None = Field(default=None, description="With `list goals`.")
    indicators: list[ListIndicatorJSON] | None = Field(
        default=None, description="With `list indicators`."
    )


class ReleaseJSON(_Document):
    lag: int = Field(description="Years after the value's year in which it is published.")
    by: str = Field(description="The day (MM-DD) of that year by which it is public.")
    calendar: str | None = Field(description="The publisher's release calendar or page.")


class FetchJSON(_Document):
    command: Annotated[str, _open("import", "record")] = Field(
        description="import: the indicator has an import mapping; record: by hand."
    )
    table: str | None = Field(description="The table `import` reads (its mapping), else null.")
    publisher: str | None
    title: str | None
    url: str | None = Field(description="The indicator's source page.")


class DueIndicatorJSON(_Document):
    id: str
    goal: str
    name: str = Field(description="In the document's language.")
    periodicity: str = Field(description="annual (only annual sources have a rule).")
    release: ReleaseJSON
    latest_year: int | None = Field(description="The newest year the data hold, else null.")
    latest_status: ValueStatus | None
    due_years: list[int] = Field(
        description="Years after latest_year whose values are public by `date` (by the "
        "release rule) but missing from the data."
    )
    provisional_years: list[int] = Field(
        description="Years held as provisional whose final figures are public by `date`."
    )
    public_year: int = Field(description="The newest year whose value is public by `date`.")
    public_since: str = Field(description="The day (ISO 8601) public_year became public.")
    fetch: FetchJSON


class DueDocument(_Document):
    """intl-tracker due JSON: the indicators that should hold a newer value by a date."""

    model_config = ConfigDict(title="intl-tracker due")

    schema_version: int = Field(description=f"{DUE_VERSION}; bumped on breaking changes only.")
    tool_version: str
    lang: str = Field(description="Language of names: en, fi or sv.")
    date: str = Field(description="The date judged (ISO 8601, --date; default today).")
    indicators: list[DueIndicatorJSON] = Field(description="Only indicators with something due.")
    unscheduled: list[str] = Field(
        description="Ids of the indicators whose source has no annual release rule "
        "(source.periodicity and source.release), which `due` cannot judge."
    )


class DiffObservationJSON(_Document):
    value: FiniteFloat = Field(description="As written in the data (the indicator's unit).")
    status: ValueStatus
    note: str | None = Field(description="The value's note (English, else its first language).")


class DiffValueJSON(_Document):
    indicator: str
    year: int
    change: Annotated[str, _open("added", "changed", "removed")] = Field(
        description="added: only HEAD has the year; removed: only BASE; changed: the value, "
        "its status or its note differ."
    )
    before: DiffObservationJSON | None = Field(description="BASE's value, null when added.")
    after: DiffObservationJSON | None = Field(description="HEAD's value, null when removed.")


class DiffStatusJSON(_Document):
    indicator: str
    name: str = Field(description="In the document's language.")
    before: Status | None = Field(description="BASE's status, null: not in BASE.")
    after: Status | None = Field(description="HEAD's status, null: not in HEAD.")
    before_year: int | None = Field(description="The year of the value BASE's status rests on.")
    after_year: int | None = Field(description="The year of the value HEAD's status rests on.")


class DiffDocument(_Document):
    """intl-tracker diff JSON: the values and statuses that differ between two data versions."""

    model_config = ConfigDict(title="intl-tracker diff")

    schema_version: int = Field(description=f"{DIFF_VERSION}; bumped on breaking changes only.")
    tool_version: str
    base: str = Field(description="BASE as given: a folder or a git revision.")
    head: str = Field(description="HEAD as given, else the data folder of the working tree.")
    year: int | None = Field(description="The year both versions were assessed as of.")
    method: MethodName
    different: bool = Field(description="Whether anything below is non-empty.")
    indicators_added: list[str]
    indicators_removed: list[str]
    values: list[DiffValueJSON] = Field(description="By indicator id, then year.")
    statuses: list[DiffStatusJSON] = Field(description="Every indicator whose status moves.")


class CategoryJSON(_Document):
    code: str
    name: str = Field(description="In the document's language.")


class DimensionJSON(_Document):
    id: str
    name: str = Field(description="In the document's language.")
    categories: list[CategoryJSON] = Field(description="In the dimension's order.")


class CategoryAssessmentJSON(AssessmentJSON):
    """One category (or crossed combination) of a breakdown, assessed as the headline is."""

    codes: dict[str, str] = Field(description="Dimension id -> category code.")
    names: dict[str, str] = Field(description="Dimension id -> category name, in the language.")
    movement: FiniteFloat | None = Field(
        description="Change from base_value to value, signed by direction (> 0: progress)."
    )
    left_behind: bool = Field(
        description="Moving away (movement < 0) while the headline progresses."
    )


class SpreadJSON(_Document):
    year: int
    best: dict[str, str] = Field(description="The best category's codes, by direction.")
    best_value: FiniteFloat
    worst: dict[str, str] = Field(description="The worst category's codes.")
    worst_value: FiniteFloat
    gap: FiniteFloat = Field(description="abs(best_value - worst_value), in the unit.")
    categories: int = Field(description="How many categories have a value that year.")


class ReportByIndicatorJSON(IndicatorHeadJSON):
    dimensions: list[str] = Field(description="The breakdown's dimension ids (several: crossed).")
    partial: bool = Field(
        description="The breakdown is declared partial: in some years the categories do not "
        "cover the whole (see whole_in for the latest year)."
    )
    whole_in: int | None = Field(
        default=None,
        description="For a partial breakdown: the categories' latest common year when they sum "
        "exactly to the total then (the breakdown is whole in its latest year); else null.",
    )
    judged: bool = Field(
        default=True,
        description="false: the breakdown is declared judged: false; its categories carry "
        "their values and movement but no status (status insufficient_data, calculated "
        "false, status_label 'not judged') and none is left behind.",
    )
    headline: AssessmentJSON = Field(description="The indicator's own assessment (unchanged).")
    headline_movement: FiniteFloat | None = Field(
        description="The headline's change over its period, signed by direction."
    )
    categories: list[CategoryAssessmentJSON] = Field(
        description="In the dimensions' order (or by value, for order: value)."
    )
    spread: list[SpreadJSON] = Field(
        description="Best and worst category per year; [] for additive units (count)."
    )


class ReportByDocument(_Document):
    """intl-tracker report --by DIMENSION JSON."""

    model_config = ConfigDict(title="intl-tracker report-by")

    schema_version: int = Field(
        description=f"{REPORT_BY_VERSION}; bumped on breaking changes only."
    )
    tool_version: str
    programme: ProgrammeJSON
    year: int = Field(description="The report year asked for.")
    method: MethodName
    pace: PaceName
    lang: str = Field(description="Language of names and labels: en, fi or sv.")
    by: list[str] = Field(description="The dimension ids of --by, in the breakdown's order.")
    dimensions: list[DimensionJSON] = Field(description="The dimensions of `by`.")
    goals: list[GoalJSON]
    indicators: list[ReportByIndicatorJSON] = Field(
        description="The shown indicators that have the breakdown, in report order."
    )
    left_out: list[str] = Field(description="Ids of the shown indicators without it.")


DOCUMENTS: dict[str, type[_Document]] = {
    "report": ReportDocument,
    "show": ShowDocument,
    "validate": ValidateDocument,
    "list": ListDocument,
    "due": DueDocument,
    "diff": DiffDocument,
    "report-by": ReportByDocument,
}


def document_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of the document ``name`` (report, show, validate, list, due or diff).

    Raises KeyError for another name.
    """
    schema = DOCUMENTS[name].model_json_schema(mode="serialization")
    return {"$schema": SCHEMA_DIALECT, **schema}
