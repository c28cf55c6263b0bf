"""The report JSON document as pydantic models: its one definition and its JSON Schema.

Imported only for ``intl-tracker schema report`` and by tests: ``reporting.py`` writes the
document as plain dicts, and building these models is start-up time a report does not need.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from intl_tracker.models import Direction, TargetKind
from intl_tracker.vocabulary import Method, Pace, Status

FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]


class _Document(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReportProgramme(_Document):
    id: str
    name: str = Field(description="In the report language.")


class ReportGoal(_Document):
    id: str
    number: int
    name: str = Field(description="In the report language.")


class ReportTarget(_Document):
    value: FiniteFloat
    year: int
    kind: TargetKind = Field(description="target: a commitment; forecast: a projection.")


class ReportIndicator(_Document):
    id: str
    goal: str = Field(description="Id of the indicator's goal (see goals).")
    name: str = Field(description="In the report language.")
    unit: str = Field(description="percent | count | rank | eur | index | any other word.")
    direction: Direction = Field(description="Which way is progress.")
    decimals: int = Field(description="Display precision: the definition's, else the unit's.")
    year: int | None = Field(description="Year of the assessed value (latest <= report year).")
    value: FiniteFloat | None
    value_status: Literal["final", "provisional", "estimated"] | None
    previous_year: int | None = Field(description="Year of the observation before `year`.")
    previous_value: FiniteFloat | None
    change: FiniteFloat | None = Field(description="value - previous_value, in the unit.")
    change_pct: FiniteFloat | None = Field(
        description="Relative change from previous_value, in percent (6.0 = +6 %)."
    )
    base_year: int | None = Field(description="Start of the assessed period.")
    base_value: FiniteFloat | None
    cagr: FiniteFloat | None = Field(
        description="Compound annual growth rate from base to year, as a fraction (0.028)."
    )
    fitted_cagr: FiniteFloat | None = Field(
        description="Growth rate fitted through every point of the period, as a fraction."
    )
    target: ReportTarget | None = Field(description="The target the status was judged against.")
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
    status_label: str = Field(description="Human label of the status, in the report language.")
    method_class: str = Field(description="The method's own class name for this status.")
    reason: str | None = Field(description="Why the status is what it is (e.g. missing data).")
    deviation: FiniteFloat | None = Field(
        description="dns only: shortfall of the projection, relative to the remaining distance."
    )
    annual_change: FiniteFloat | None = Field(
        description="dns only: linear average annual change over the last five years, in the unit."
    )


class ReportDocument(_Document):
    """intl-tracker report JSON, schema_version 1."""

    model_config = ConfigDict(title="intl-tracker report")

    schema_version: Literal[1] = Field(
        description="Bumped only on breaking changes; additions keep the version."
    )
    tool_version: str
    programme: ReportProgramme
    year: int = Field(description="The report year asked for.")
    method: Method
    pace: Pace
    lang: str = Field(description="Language of names and labels.")
    goals: list[ReportGoal]
    indicators: list[ReportIndicator]
