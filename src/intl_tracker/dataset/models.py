"""The shapes of goals.yaml and indicators/<id>.yaml, validated strictly at the boundary.

Every model forbids unknown fields and runs in pydantic's strict mode, so a YAML boolean
never becomes a string and a string never becomes a number. Rules that need several
fields at once (a percent within 0-100, a target after the first observation) live in
``checks.py`` so that each finding can point at the exact YAML node.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    ValidationInfo,
    field_validator,
)

MIN_YEAR = 1800
MAX_YEAR = 2200

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=100),
    Field(description="Lowercase letters, digits and single hyphens, e.g. foreign-language-share."),
]
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
# The largest magnitude a value, target or bound may have: beyond it a number is a typo
# (a quintillion; Finland's GDP in euros is 3e11), and every later computation (growth
# rates, chart axes, sparklines) stays far from float overflow (1.8e308).
MAX_ABS_VALUE = 1e18
FiniteNumber = Annotated[float, Field(allow_inf_nan=False, ge=-MAX_ABS_VALUE, le=MAX_ABS_VALUE)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=10_000)]
LANGUAGE_CODE_PATTERN = r"^[a-z]{2,3}$"
LanguageCode = Annotated[str, StringConstraints(pattern=LANGUAGE_CODE_PATTERN)]
LocalizedText = Annotated[
    dict[LanguageCode, Text],
    Field(
        min_length=1,
        description="Text per language code, e.g. {fi: ..., en: ...}.",
        # pydantic leaves key constraints out of the JSON Schema; editors need them.
        json_schema_extra={"propertyNames": {"pattern": LANGUAGE_CODE_PATTERN}},
    ),
]
#: The tags of the two forms of :data:`TextPerLanguage`; pydantic puts them in an error's
#: ``loc``, and the locator drops them (neither can be a field name or a language code).
PLAIN_TEXT_TAG, PER_LANGUAGE_TAG = "plain text", "per language"


def _text_form(raw: Any) -> str | None:
    if isinstance(raw, str):
        return PLAIN_TEXT_TAG
    return PER_LANGUAGE_TAG if isinstance(raw, dict) else None


#: A text given once for every language (a plain string), or per language as names are.
#: Tagged, so that a wrong value gets one error of the form it has, not one per form.
TextPerLanguage = Annotated[
    Annotated[Text, Tag(PLAIN_TEXT_TAG)] | Annotated[LocalizedText, Tag(PER_LANGUAGE_TAG)],
    Discriminator(
        _text_form,
        custom_error_type="text_type",
        custom_error_message="expected text, or a text per language code ({fi: ..., en: ...})",
    ),
    Field(
        description="One text for every language, or per language code as names are, "
        "e.g. {fi: ..., sv: ..., en: ...}."
    ),
]
Direction = Literal["increase", "decrease"]
TargetKind = Literal["target", "forecast"]


ValueStatus = Literal["final", "provisional", "estimated"]
#: The status values a person may set by hand (``assessment.status.value``); the same words as
#: ``vocabulary.Status``, which the engine uses.
StatusName = Literal[
    "target_met",
    "on_track",
    "moderate",
    "insufficient",
    "moving_away",
    "missed",
    "insufficient_data",
]

#: Default value domain per unit: (minimum, maximum), None for open. ``value_domain`` applies an
#: indicator's declared ``bounds`` on top; nothing else should read this table.
UNIT_DOMAINS: dict[str, tuple[float | None, float | None]] = {
    "percent": (0.0, 100.0),
    "count": (0.0, None),
    "rank": (1.0, None),
}

#: A value older than this many years before the report year is stale (see
#: docs/methods.md); goals.yaml ``programme.assessment.stale_after`` and an indicator's
#: ``assessment.stale_after`` override it.
DEFAULT_STALE_AFTER = 2


#: An indicator's or an objective's reporting status: Open SDG's four (complete = "reported
#: online", in_progress = "statistics in progress", exploring_data_sources, not_applicable).
ReportingStatusName = Literal["complete", "in_progress", "exploring_data_sources", "not_applicable"]
#: The written form of an SDG code: a goal (11), a target (11.6, 16.b) or a global indicator
#: (11.6.2). Which codes exist is checked against the official list (dataset/sdg.py).
SDG_CODE_PATTERN = r"^[0-9]{1,2}(?:\.[0-9a-z]{1,2}(?:\.[0-9]{1,2})?)?$"


def _sdg_code_is_text(raw: Any) -> Any:
    """A code written unquoted reads as a number (11.6) and loses its zeros (11.10 -> 11.1)."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError(
            "sdg_code_type",
            'an SDG code is text: quote it, e.g. "{code}" (unquoted, YAML reads 11.10 as 11.1)',
            {"code": str(raw)},
        )
    return raw


SdgCode = Annotated[
    str,
    BeforeValidator(_sdg_code_is_text, json_schema_input_type=str),
    StringConstraints(min_length=1, max_length=20),
    Field(
        description='An SDG goal ("11"), target ("11.6") or global indicator ("11.6.2") '
        "code, quoted; checked against the official list.",
        json_schema_extra={"pattern": SDG_CODE_PATTERN},
    ),
]
SDG_DESCRIPTION = (
    "The UN Sustainable Development Goals, targets or global indicators this informs, as quoted "
    'codes: ["11.6", "13.2.2"] (an SDG crosswalk; `report --by-sdg` groups by them).'
)
REPORTING_STATUS_DESCRIPTION = (
    "complete | in_progress | exploring_data_sources | not_applicable (Open SDG's reporting "
    "statuses). Default: worked out from the data (docs/guide/data-keepers.md)."
)
REPORTING_NOTE_DESCRIPTION = (
    "Why the reporting status is what it is, e.g. what was searched for and not found (text, "
    "or text per language)."
)


def _no_items() -> list[Any]:
    """Default of the list fields. A Python function, not ``list``: pydantic inspects each
    default factory's signature, and for a builtin that means parsing its text signature
    (15 % of the time it takes to build these models, paid on every start)."""
    return []


def _no_entries() -> dict[Any, Any]:
    """Default of the mapping fields (a function, not ``dict``: see ``_no_items``)."""
    return {}


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


#: How often the source publishes a new year (Open SDG's ``periodicity``, as a closed list
#: because ``intl-tracker due`` computes with it): annual; irregular (no schedule: never
#: listed as due); discontinued (the series has ended: never due).
Periodicity = Literal["annual", "irregular", "discontinued"]

# A day of the year, MM-DD, that exists in every year (no 02-29).
MONTH_DAY_PATTERN = (
    r"^(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))$"
)


class Release(_Strict):
    """When the source publishes a year's value: by the day ``by`` of the year ``lag`` years
    after it (the population at 31 December 2024, published by the end of April 2025:
    ``{lag: 1, by: "04-30"}``). Open SDG keeps the dates themselves (``release_date``,
    ``next_release``); a rule does not go stale each year."""

    lag: Annotated[int, Field(ge=0, le=10)] = Field(
        default=1, description="Years after the value's year (0: the same year)."
    )
    by: Annotated[str, StringConstraints(pattern=MONTH_DAY_PATTERN)] = Field(
        description="The day, MM-DD (quoted), by which the value is public in that year: the "
        "latest release date seen, so that a value is not called due too early."
    )
    calendar: Text | None = Field(
        default=None, description="Address of the publisher's release calendar or page."
    )
    note: TextPerLanguage | None = Field(
        default=None,
        description="The evidence: past release dates and where they were read (text, or text "
        "per language).",
    )


class Source(_Strict):
    """Where a figure or a target comes from. ``publisher``, ``title`` and ``note`` may be
    given per language (a plain string is the same text in every language)."""

    publisher: TextPerLanguage | None = None
    title: TextPerLanguage | None = None
    url: Text | None = None
    note: TextPerLanguage | None = None
    periodicity: Periodicity | None = Field(
        default=None,
        description="annual | irregular | discontinued: how often a new year is published.",
    )
    release: Release | None = Field(
        default=None,
        description="When an annual source publishes a year's value; `intl-tracker due` lists "
        "the values public by a date that the data do not hold.",
    )


class Observation(_Strict):
    """One value of an indicator; a bare number in YAML means a final value."""

    value: FiniteNumber
    status: ValueStatus = "final"
    note: TextPerLanguage | None = None
    exceptional: TextPerLanguage | None = Field(
        default=None,
        description="The value is affected by an exceptional event (a pandemic year, a "
        "one-off shock): the event in a few words. A status judged on a period that starts "
        "or ends in such a year says so (docs/methods.md, 'Exceptional years').",
    )


def _wrap_bare_value(raw: Any) -> Any:
    return raw if isinstance(raw, dict) else {"value": raw}


# The JSON Schema says what the loader accepts: a bare number or the mapping.
ObservationEntry = Annotated[
    Observation,
    BeforeValidator(_wrap_bare_value, json_schema_input_type=FiniteNumber | Observation),
]
# Years as JSON Schema sees mapping keys (as text): MIN_YEAR to MAX_YEAR.
YEAR_KEY_PATTERN = r"^(?:1[89][0-9]{2}|2[01][0-9]{2}|2200)$"


class Bounds(_Strict):
    """Declared limits of an indicator's values; each key given overrides that side of the
    unit's default domain, and ``null`` removes it (e.g. ``{min: null}`` for a signed count)."""

    min: FiniteNumber | None = Field(
        default=None, description="Least possible value; null: no lower bound. Omit: the unit's."
    )
    max: FiniteNumber | None = Field(
        default=None, description="Greatest possible value; null: no upper bound. Omit: the unit's."
    )


class Bands(_Strict):
    """Two band edges of a method's score: ``on_track`` and ``moderate`` (docs/methods.md)."""

    on_track: Annotated[float, Field(allow_inf_nan=False, ge=0)]
    moderate: Annotated[float, Field(allow_inf_nan=False, ge=0)]


class Thresholds(_Strict):
    """Per-indicator band edges; any method not given keeps its published bands."""

    ratio: Bands | None = Field(
        default=None, description="R edges (published: on_track 0.95, moderate 0.60)."
    )
    unsd: Bands | None = Field(
        default=None, description="CR edges (published: on_track 0.95, moderate 0.10)."
    )
    dns: Bands | None = Field(
        default=None,
        description="Largest deviation for sun (on_track, published 0.05) and for slightly "
        "cloudy (moderate, published 0.20).",
    )
    trend: Bands | None = Field(
        default=None,
        description="Without a target, every method: direction-adjusted yearly change as a "
        "fraction; on_track is the edge of significant progress (and, negated, of significant "
        "movement away), moderate the edge between moderate progress and moderate movement "
        "away (Eurostat: 0.01 / 0).",
    )

    def of_method(self, name: str) -> Bands | None:
        """The score's band edges given for the method ``name``; None when none are given or
        the data format has no field for that method (``trend`` is not a method)."""
        if name == "trend" or name not in type(self).model_fields:
            return None
        own: Bands | None = getattr(self, name)
        return own


class ManualStatus(_Strict):
    """A status set by hand: it replaces the computed one and is marked "set by hand"."""

    value: StatusName
    rationale: LocalizedText
    source: Source


class IndicatorAssessment(_Strict):
    """Per-indicator assessment settings (docs/methods.md)."""

    calculate: bool = Field(
        default=True, description="false: no status is computed (unless set by hand)."
    )
    status: ManualStatus | None = Field(default=None, description="A status set by hand.")
    thresholds: Thresholds | None = None
    stale_after: Annotated[int, Field(ge=0, le=100)] | None = Field(
        default=None,
        description="A value more than this many years older than the report year is stale.",
    )
    trend_rule: Literal["eurostat", "dns"] = Field(
        default="eurostat",
        description="Without a target: eurostat (Eurostat's four bands of the yearly change, "
        "every method), or dns (under --method dns, the strategy's published rule for "
        "directional targets: the five-year average change first, the last annual change "
        "second).",
    )
    negative_values: Literal["insufficient_data", "magnitude"] = Field(
        default="insufficient_data",
        description="Growth-rate methods on an all-negative series: insufficient_data, or "
        "magnitude (Open SDG: assess the magnitudes with the direction reversed).",
    )
    projection: Literal["method", "linear"] = Field(
        default="method",
        description="The projection shown: method (the method's own; linear for a share or a "
        "rank), or linear (in the unit a year; for a count that is a part of a whole whose "
        "share is projected linearly, and that whole). The status stays the method's "
        "(docs/methods.md, 'Projections of shares and their parts').",
    )
    judged_on: Literal["growth", "differences"] = Field(
        default="growth",
        description="growth (growth rates, as published), or differences (a net balance that "
        "can be zero or negative: judged on its change a year in the unit, never on a growth "
        "rate; docs/methods.md, 'Net balances').",
    )


class Target(_Strict):
    value: FiniteNumber
    year: Year
    kind: TargetKind = Field(
        default="target",
        description="target: a commitment; forecast: a projection the programme tracks.",
    )
    source: Source | None = None
    note: TextPerLanguage | None = None


#: A category's code in a breakdown file (a column cell of ``indicators/<id>.csv``): letters,
#: digits, ``_``, ``.`` and ``-``, starting with a letter or digit (``espoonlahti``, ``KU049``,
#: ``15-24``).
CategoryCode = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=60)
]


PxVariable = Annotated[str, StringConstraints(pattern=r"^[^\s*]+$", min_length=1, max_length=200)]


class PxSelection(_Strict):
    """One variable of a PxWeb table pinned to one value code."""

    variable: PxVariable = Field(
        description="The variable's code (e.g. contentscode), or its start when match is "
        "prefix (e.g. alue_ for alue_23_20260101, whose date changes with the classification)."
    )
    match: Literal["exact", "prefix"] = Field(
        default="exact", description="exact: the code as written; prefix: the one code starting so."
    )
    code: PxVariable = Field(description="The value code to take, e.g. KU049 (Espoo) or SSS.")


class ImportRatio(_Strict):
    """Take part / whole x 100: ``value`` is the part, ``whole`` the same variable's total."""

    whole: PxSelection


def _one_by(raw: Any) -> Any:
    return [raw] if isinstance(raw, dict) else raw


class ImportBy(_Strict):
    """One variable of a PxWeb table read as one of the data set's dimensions: each of its
    value codes is a category (``categories``), the total (``total``) or left out
    (``ignore``); a code the table has that the mapping does not name stops the import."""

    dimension: Slug = Field(description="The dimension id (goals.yaml dimensions).")
    variable: PxVariable = Field(
        description="The table variable's code (e.g. Äidinkieli), or its start when match is "
        "prefix (e.g. kieli_ for kieli_15_20180102)."
    )
    match: Literal["exact", "prefix"] = Field(
        default="exact", description="exact: the code as written; prefix: the one code starting so."
    )
    categories: Annotated[
        dict[PxVariable, CategoryCode], Field(min_length=1, max_length=10_000)
    ] = Field(
        description="The table's value code -> the dimension's category code, e.g. "
        '{"1": fi, "2": sv, "3": other}.'
    )
    total: PxVariable | None = Field(
        default=None,
        description="The table's code for the total over this variable (e.g. SSS or ALL): the "
        "cells of a crossed table at this code are the other dimension's own breakdown.",
    )
    ignore: list[PxVariable] | Literal["*"] = Field(
        default_factory=_no_items,
        description='The table\'s codes deliberately not imported (e.g. subtotals), or "*": '
        "every code not mapped (a partial breakdown, e.g. the six largest of 169 languages).",
    )


class ImportBreakdown(_Strict):
    """Where ``intl-tracker import`` fetches the indicator's values by category: a table, its
    pinned variables, and one variable per dimension (two: a crossed breakdown)."""

    table: Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=2000)] = Field(
        description="The table's API address, e.g. "
        "https://stat.hel.fi/api/v1/fi/Aluesarjat/vrm/vaerak/alu_vaerak_004p.px"
    )
    time: PxVariable = Field(
        default="timeperiod_y", description="Code of the year variable (all years are asked)."
    )
    selections: list[PxSelection] = Field(
        default_factory=_no_items,
        description="Every variable that is neither the year nor a dimension, pinned to one "
        "value (the content, e.g. Tiedot: lkm, is one of them).",
    )
    by: Annotated[
        list[ImportBy],
        BeforeValidator(_one_by, json_schema_input_type=ImportBy | list[ImportBy]),
        Field(min_length=1, max_length=4),
    ] = Field(description="The dimension(s) the table's variables give; several: crossed.")
    since: Year | None = Field(default=None, description="First year to record; default: all.")
    final_status: Annotated[str, StringConstraints(min_length=1, max_length=20)] | None = Field(
        default=None,
        description="The JSON-stat status code with which the source marks a final figure; "
        "other figures are recorded as provisional.",
    )


class ImportMapping(_Strict):
    """Where ``intl-tracker import`` fetches the indicator's values (JSON-stat 2.0 answers)."""

    source: Literal["pxweb"] = Field(description="The kind of source; pxweb (PxWeb API v1).")
    table: Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=2000)] = Field(
        description="The table's API address, e.g. "
        "https://pxdata.stat.fi/PxWeb/api/v1/fi/StatFin/vaerak/11ra.px"
    )
    time: PxVariable = Field(
        default="timeperiod_y", description="Code of the year variable (all years are asked)."
    )
    selections: list[PxSelection] = Field(
        default_factory=_no_items, description="Every other variable pinned to one value."
    )
    value: PxSelection = Field(description="The series to take (the part, with a ratio).")
    ratio: ImportRatio | None = Field(
        default=None, description="Record value / whole x 100 rounded to the indicator's decimals."
    )
    since: Year | None = Field(default=None, description="First year to record; default: all.")
    final_status: Annotated[str, StringConstraints(min_length=1, max_length=20)] | None = Field(
        default=None,
        description="The JSON-stat status code with which the source marks a final figure; "
        "other figures are recorded as provisional.",
    )
    breakdowns: list[ImportBreakdown] = Field(
        default_factory=_no_items,
        description="Where the indicator's values by category are fetched (indicators/<id>.csv).",
    )


#: The warnings a data set may raise to errors (goals.yaml ``programme.validation.errors``,
#: ``validate --error CODE``); docs/reference/problems.md lists them under "Warnings".
WarningCode = Literal[
    "estimate-without-note",
    "baseline-without-value",
    "no-values",
    "implausible-jump",
    "percent-as-fraction",
    "unmatched-confirmation",
    "no-indicators-folder",
    "not-yaml",
    "folder",
    "leftover-temp-file",
    "breakdown-sum",
    "breakdown-no-values",
]


class IndicatorValidation(_Strict):
    """What the data keeper has checked: values that look like typos but are right."""

    confirmed: dict[Year, FiniteNumber] = Field(
        default_factory=_no_entries,
        description="Year -> the value checked against its source: not a probable typo "
        "(implausible-jump, percent-as-fraction) while the year holds that value.",
        json_schema_extra={"propertyNames": {"pattern": YEAR_KEY_PATTERN}},
    )


class Category(_Strict):
    """One category of a dimension: its code (as written in the breakdown files) and names."""

    code: CategoryCode
    name: LocalizedText


class Dimension(_Strict):
    """A way of breaking an indicator's values down (major district, language group, sex, age
    band), declared once in goals.yaml ``dimensions:`` and named by indicators' ``breakdowns``."""

    id: Slug
    name: LocalizedText
    categories: Annotated[list[Category], Field(min_length=1, max_length=10_000)] = Field(
        description="The categories, in the order outputs list them (unless order is value)."
    )
    total: CategoryCode | None = Field(
        default=None,
        description="A code that means the total over this dimension in a breakdown file "
        "(e.g. SSS); a blank cell always does.",
    )
    order: Literal["listed", "value"] = Field(
        default="listed",
        description="listed: outputs keep the order of categories; value: by the latest value, "
        "best first.",
    )


def _one_or_list(raw: Any) -> Any:
    return [raw] if isinstance(raw, str) else raw


class Breakdown(_Strict):
    """One breakdown of an indicator: by one dimension, or crossed by several."""

    by: Annotated[
        list[Slug],
        # `{by: language, partial: true}` is short for `{by: [language], ...}` (_wrap_breakdown);
        # the JSON Schema says so too, so that an editor accepts the documented short form
        BeforeValidator(_one_or_list, json_schema_input_type=Slug | list[Slug]),
        Field(min_length=1, max_length=4),
    ] = Field(
        description="The dimension ids (goals.yaml dimensions); several: a crossed breakdown."
    )
    partial: bool = Field(
        default=False,
        description="true: the categories do not cover the whole (e.g. the ten largest "
        "languages), so their sum is not compared with the total.",
    )
    judged: bool = Field(
        default=True,
        description="false: the categories' values and changes are shown but not judged (no "
        "status, never 'left behind'): for a headcount of groups whose size is no goal of "
        "the programme (a population's language groups), where the indicator's direction "
        "applies to the total only.",
    )
    note: TextPerLanguage | None = None


def _wrap_breakdown(raw: Any) -> Any:
    """``sex`` and ``[language, area]`` are short for ``{by: [sex]}`` and ``{by: [...]}``."""
    if isinstance(raw, str):
        return {"by": [raw]}
    if isinstance(raw, list):
        return {"by": raw}
    if isinstance(raw, dict) and isinstance(raw.get("by"), str):
        return {**raw, "by": [raw["by"]]}
    return raw


BreakdownEntry = Annotated[
    Breakdown,
    BeforeValidator(_wrap_breakdown, json_schema_input_type=Slug | list[Slug] | Breakdown),
]


class SeriesBreak(_Strict):
    """A break in series (SDMX's OBS_STATUS "b"): the value of ``year`` and those after it
    are not comparable with the values before it (a new calculation, definition or source)."""

    year: Year = Field(
        description="The first year of the new series: no change is computed from the value "
        "before it, and charts do not join the two."
    )
    note: TextPerLanguage | None = Field(
        default=None, description="What changed, and the source that says so."
    )


class Indicator(_Strict):
    id: Slug
    name: LocalizedText
    goal: Slug
    objectives: list[Slug] = Field(default_factory=_no_items)
    unit: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=40)] = Field(
        description="percent | count | rank | eur | index | any other lowercase word"
    )
    unit_label: LocalizedText | None = Field(
        default=None,
        description="How the unit is printed, per language, e.g. {en: t CO2e per resident, "
        "fi: t CO2e asukasta kohden}. Default: the tool's words for percent, count, rank, eur "
        "and index; the unit id for any other unit.",
    )
    direction: Direction = Field(description="Which way is progress.")
    decimals: Annotated[int, Field(ge=0, le=6)] | None = None
    baseline: Year | None = Field(default=None, description="Default base year of the assessment.")
    definition: LocalizedText | None = None
    source: Source | None = None
    responsible: LocalizedText | None = None
    bounds: Bounds | None = Field(
        default=None,
        description="Overrides the unit's domain (percent 0-100, count >= 0, rank >= 1).",
    )
    assessment: IndicatorAssessment | None = None
    targets: list[Target] = Field(default_factory=_no_items)
    values: dict[Year, ObservationEntry] = Field(
        description="Value per year: a bare number (a final value) or "
        "{value: ..., status: final|provisional|estimated, note: ...}.",
        json_schema_extra={"propertyNames": {"pattern": YEAR_KEY_PATTERN}},
    )
    breaks: list[SeriesBreak] = Field(
        default_factory=_no_items,
        description="Breaks in series (SDMX OBS_STATUS 'b'): each {year, note}, the first "
        "year of a series not comparable with the values before it.",
    )
    import_: ImportMapping | None = Field(
        default=None,
        alias="import",
        description="Where `intl-tracker import` fetches new values (optional).",
    )
    validation: IndicatorValidation | None = None
    breakdowns: list[BreakdownEntry] = Field(
        default_factory=_no_items,
        description="The breakdowns of the values in indicators/<id>.csv: each a dimension id, "
        "a list of ids (crossed) or {by: ..., partial: true}.",
    )
    sdg: list[SdgCode] = Field(default_factory=_no_items, description=SDG_DESCRIPTION)
    reporting_status: ReportingStatusName | None = Field(
        default=None, description=REPORTING_STATUS_DESCRIPTION
    )
    reporting_note: TextPerLanguage | None = Field(
        default=None, description=REPORTING_NOTE_DESCRIPTION
    )

    def series(self) -> list[tuple[int, Observation]]:
        """The observations in year order."""
        return sorted(self.values.items())

    def break_years(self) -> frozenset[int]:
        """The years that start a new series (``breaks``)."""
        return frozenset(b.year for b in self.breaks)

    def break_between(self, earlier: int, later: int) -> int | None:
        """The latest break year in (``earlier``, ``later``]: the two values are then not
        comparable; None when there is none."""
        return max((y for y in self.break_years() if earlier < y <= later), default=None)


TRANSLATED_DESCRIPTION = (
    "Language codes whose text here is a translation made for this data set, not the "
    "publisher's own wording; every code must have a text, and at least one language must "
    "remain the original."
)


def _check_translated(codes: list[str], info: ValidationInfo, text_field: str) -> list[str]:
    """``translated`` names languages of the text beside it; one language stays original.

    Raises ``ValueError`` (reported at the ``translated`` node) when a code has no text or
    when every language of the text is marked as translated.
    """
    text = info.data.get(text_field)
    if not isinstance(text, dict):
        return codes  # the text itself is invalid and already reported
    missing = [code for code in codes if code not in text]
    if missing:
        raise ValueError(
            f"marks {', '.join(missing)} as translated, but {text_field} has no such language"
        )
    if set(text) <= set(codes):
        raise ValueError(f"every language of {text_field} is marked translated; one is original")
    return codes


class Objective(_Strict):
    id: Slug
    text: LocalizedText
    translated: list[LanguageCode] = Field(
        default_factory=_no_items, description=TRANSLATED_DESCRIPTION
    )
    sdg: list[SdgCode] = Field(default_factory=_no_items, description=SDG_DESCRIPTION)
    reporting_status: ReportingStatusName | None = Field(
        default=None,
        description="complete | in_progress | exploring_data_sources | not_applicable: whether "
        "the objective is measured. Default: worked out from its indicators "
        "(docs/guide/data-keepers.md).",
    )
    reporting_note: TextPerLanguage | None = Field(
        default=None, description=REPORTING_NOTE_DESCRIPTION
    )

    @field_validator("translated")
    @classmethod
    def _translated_has_text(cls, codes: list[str], info: ValidationInfo) -> list[str]:
        return _check_translated(codes, info, "text")


class Goal(_Strict):
    id: Slug
    number: Annotated[int, Field(ge=1, le=999)]
    name: LocalizedText
    translated: list[LanguageCode] = Field(
        default_factory=_no_items, description=TRANSLATED_DESCRIPTION
    )
    objectives: list[Objective] = Field(default_factory=_no_items)

    @field_validator("translated")
    @classmethod
    def _translated_has_text(cls, codes: list[str], info: ValidationInfo) -> list[str]:
        return _check_translated(codes, info, "name")


class ProgrammeAssessment(_Strict):
    """Data-set-wide assessment defaults."""

    stale_after: Annotated[int, Field(ge=0, le=100)] = Field(
        default=DEFAULT_STALE_AFTER,
        description="A value more than this many years older than the report year is stale.",
    )


class ProgrammeValidation(_Strict):
    """How strictly the data set is checked."""

    errors: list[WarningCode] = Field(
        default_factory=_no_items,
        description="Warning codes that are errors in this data set (validate, record, "
        "import, report and the pre-commit hook fail on them).",
    )


class Programme(_Strict):
    id: Slug
    name: LocalizedText
    translated: list[LanguageCode] = Field(
        default_factory=_no_items, description=TRANSLATED_DESCRIPTION
    )
    source: Source | None = None
    assessment: ProgrammeAssessment | None = None
    validation: ProgrammeValidation | None = None

    @field_validator("translated")
    @classmethod
    def _translated_has_text(cls, codes: list[str], info: ValidationInfo) -> list[str]:
        return _check_translated(codes, info, "name")


class GoalsFile(_Strict):
    programme: Programme
    goals: Annotated[list[Goal], Field(min_length=1)]
    dimensions: list[Dimension] = Field(
        default_factory=_no_items,
        description="The dimensions indicators' values may be broken down by.",
    )


class Catalog(BaseModel):
    """A whole, valid data set: the programme, its goals in number order and every indicator.

    Its parts are validated models already: the loader assembles it with ``model_construct``.
    """

    model_config = ConfigDict(frozen=True)

    programme: Programme
    goals: list[Goal]
    indicators: list[Indicator]
    #: The dimensions of goals.yaml, and each indicator's breakdown values by id (read from
    #: ``indicators/<id>.csv``: :class:`intl_tracker.dataset.breakdowns.BreakdownFile`).
    dimensions: list[Dimension] = Field(default_factory=_no_items)
    breakdown_values: dict[str, Any] = Field(default_factory=_no_entries)

    def goal(self, goal_id: str) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)

    def year_span(self) -> tuple[int, int] | None:
        """The first and the latest year with any value; None when there is none."""
        years = [y for i in self.indicators for y in i.values]
        return (min(years), max(years)) if years else None


def value_domain(indicator: Indicator) -> tuple[float | None, float | None]:
    """The least and greatest value the indicator can take (None: open on that side).

    The unit's default (``UNIT_DOMAINS``: percent 0-100, count >= 0, rank >= 1, any other unit
    unbounded), with each side the indicator's ``bounds`` names replacing it (``null`` removes
    it). The only place that knows the domain: validation and the engine's clipping use it.
    """
    low, high = UNIT_DOMAINS.get(indicator.unit, (None, None))
    bounds = indicator.bounds
    if bounds is not None:
        given = bounds.model_fields_set
        if "min" in given:
            low = bounds.min
        if "max" in given:
            high = bounds.max
    return low, high


def stale_after(indicator: Indicator, programme: Programme | None = None) -> int:
    """Years a value may lag the report year before it is stale: the indicator's
    ``assessment.stale_after``, else the programme's, else ``DEFAULT_STALE_AFTER``."""
    if indicator.assessment is not None and indicator.assessment.stale_after is not None:
        return indicator.assessment.stale_after
    if programme is not None and programme.assessment is not None:
        return programme.assessment.stale_after
    return DEFAULT_STALE_AFTER


#: A text as the models hold it: one string for every language, or a text per language code.
Localizable = str | Mapping[str, str]


def localize(text: Localizable | None, lang: str) -> str:
    """Pick ``lang``, else English, else the first language given; "" for no text. A plain
    string is the same text in every language and comes back as it is."""
    return localize_tagged(text, lang)[0]


def localize_tagged(text: Localizable | None, lang: str) -> tuple[str, str | None]:
    """``(text, code)``: the text :func:`localize` picks, and the language code it is in when
    that is not ``lang`` (a fallback, which a web page marks with ``lang``); ``code`` is None
    when the text is in ``lang`` or its language is not known (a plain string)."""
    if not text:
        return "", None
    if isinstance(text, str):
        return text, None
    for code in (lang, "en"):
        if text.get(code):
            return text[code], None if code == lang else code
    code, first = next(iter(text.items()))
    return first, code
