"""The shapes of goals.yaml and indicators/<id>.yaml, validated strictly at the boundary.

Every model forbids unknown fields and runs in pydantic's strict mode, so a YAML boolean
never becomes a string and a string never becomes a number. Rules that need several
fields at once (a percent within 0-100, a target after the first observation) live in
``checks.py`` so that each finding can point at the exact YAML node.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

MIN_YEAR = 1800
MAX_YEAR = 2200

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=100),
    Field(description="Lowercase letters, digits and single hyphens, e.g. foreign-language-share."),
]
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
FiniteNumber = Annotated[float, Field(allow_inf_nan=False)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=10_000)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
LocalizedText = Annotated[
    dict[LanguageCode, Text],
    Field(min_length=1, description="Text per language code, e.g. {fi: ..., en: ...}."),
]
Direction = Literal["increase", "decrease"]
TargetKind = Literal["target", "forecast"]


ValueStatus = Literal["final", "provisional", "estimated"]


def _no_items() -> list[Any]:
    """Default of the list fields. A Python function, not ``list``: pydantic inspects each
    default factory's signature, and for a builtin that means parsing its text signature
    (15 % of the time it takes to build these models, paid on every start)."""
    return []


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Source(_Strict):
    publisher: Text | None = None
    title: Text | None = None
    url: Text | None = None
    note: Text | None = None


class Observation(_Strict):
    """One value of an indicator; a bare number in YAML means a final value."""

    value: FiniteNumber
    status: ValueStatus = "final"
    note: Text | None = None


def _wrap_bare_value(raw: Any) -> Any:
    return raw if isinstance(raw, dict) else {"value": raw}


ObservationEntry = Annotated[Observation, BeforeValidator(_wrap_bare_value)]


class Target(_Strict):
    value: FiniteNumber
    year: Year
    kind: TargetKind = Field(
        default="target",
        description="target: a commitment; forecast: a projection the programme tracks.",
    )
    source: Source | None = None
    note: Text | None = None


class Indicator(_Strict):
    id: Slug
    name: LocalizedText
    goal: Slug
    objectives: list[Slug] = Field(default_factory=_no_items)
    unit: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=40)] = Field(
        description="percent | count | rank | eur | index | any other lowercase word"
    )
    direction: Direction = Field(description="Which way is progress.")
    decimals: Annotated[int, Field(ge=0, le=6)] | None = None
    baseline: Year | None = Field(default=None, description="Default base year of the assessment.")
    definition: LocalizedText | None = None
    source: Source | None = None
    responsible: LocalizedText | None = None
    targets: list[Target] = Field(default_factory=_no_items)
    values: dict[Year, ObservationEntry]

    def series(self) -> list[tuple[int, Observation]]:
        """The observations in year order."""
        return sorted(self.values.items())


class Objective(_Strict):
    id: Slug
    text: LocalizedText


class Goal(_Strict):
    id: Slug
    number: Annotated[int, Field(ge=1, le=999)]
    name: LocalizedText
    objectives: list[Objective] = Field(default_factory=_no_items)


class Programme(_Strict):
    id: Slug
    name: LocalizedText
    source: Source | None = None


class GoalsFile(_Strict):
    programme: Programme
    goals: Annotated[list[Goal], Field(min_length=1)]


class Catalog(BaseModel):
    """A whole, valid data set: the programme, its goals in number order and every indicator.

    Its parts are validated models already: the loader assembles it with ``model_construct``,
    and its own validator is built only when something validates a Catalog (``defer_build``).
    """

    model_config = ConfigDict(frozen=True, defer_build=True)

    programme: Programme
    goals: list[Goal]
    indicators: list[Indicator]

    def goal(self, goal_id: str) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def year_span(self) -> tuple[int, int] | None:
        """The first and the latest year with any value; None when there is none."""
        years = [y for i in self.indicators for y in i.values]
        return (min(years), max(years)) if years else None


def localize(text: dict[str, str] | None, lang: str) -> str:
    """Pick ``lang``, else English, else the first language given; "" for no text."""
    if not text:
        return ""
    return text.get(lang) or text.get("en") or next(iter(text.values()))
