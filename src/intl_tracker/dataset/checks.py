"""Rules beyond a single field: unit domains, target years, ids across files.

Each rule returns problems pointing at the YAML node concerned.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from yaml.nodes import Node

from intl_tracker.core.errors import Problem, Severity
from intl_tracker.core.text_safety import link_target, visible
from intl_tracker.dataset.locating import PathSegment, problem_at
from intl_tracker.dataset.models import GoalsFile, ImportMapping, Indicator, Source, value_domain
from intl_tracker.dataset.plausibility import (
    ESTIMATE_WITHOUT_NOTE,
    check_confirmed,
    check_plausibility,
)
from intl_tracker.dataset.yaml_strict import ParsedYaml

if TYPE_CHECKING:
    from intl_tracker.dataset.breakdowns import BreakdownRefs, ImportByRefs


def _domain_message(indicator: Indicator, value: float) -> str | None:
    low, high = value_domain(indicator)
    declared = indicator.bounds.model_fields_set if indicator.bounds is not None else set()
    if low is not None and value < low:
        least = (
            "the declared minimum" if "min" in declared else f"the least a {indicator.unit} can be"
        )
        return f"{value:g} is below {low:g}, {least}"
    if high is not None and value > high:
        most = (
            "the declared maximum" if "max" in declared else f"the most a {indicator.unit} can be"
        )
        return f"{value:g} is above {high:g}, {most}"
    return None


def check_assessment_settings(indicator: Indicator, root: Node, shown: str) -> list[Problem]:
    """``bounds`` in order; band edges in order (see docs/methods.md)."""
    problems: list[Problem] = []
    bounds = indicator.bounds
    if (
        bounds is not None
        and bounds.min is not None
        and bounds.max is not None
        and bounds.min >= bounds.max
    ):
        problems.append(
            problem_at(
                root,
                shown,
                ["bounds", "max"],
                "bounds-order",
                f"bounds.max {bounds.max:g} is not above bounds.min {bounds.min:g}",
            )
        )
    settings = indicator.assessment
    thresholds = settings.thresholds if settings is not None else None
    if thresholds is not None:
        for name in ("ratio", "unsd", "trend", "dns"):
            bands = getattr(thresholds, name)
            if bands is None:
                continue
            # dns bands are deviations (smaller is better); the others are scores.
            wrong = (
                bands.on_track > bands.moderate
                if name == "dns"
                else bands.on_track < bands.moderate
            )
            if wrong:
                relation = "above" if name == "dns" else "below"
                problems.append(
                    problem_at(
                        root,
                        shown,
                        ["assessment", "thresholds", name, "on_track"],
                        "threshold-order",
                        f"thresholds.{name}.on_track {bands.on_track:g} is {relation} "
                        f"thresholds.{name}.moderate {bands.moderate:g}",
                    )
                )
    return problems


def _unsafe_links(
    sources: Iterable[tuple[list[PathSegment], Source | None]], root: Node, shown: str
) -> list[Problem]:
    """A warning for each source ``url`` a web page may not link to (not http, https, mailto
    or relative: ``javascript:``, ``data:``): the site shows such an address as text."""
    return [
        problem_at(
            root,
            shown,
            [*path, "url"],
            "unsafe-link",
            f"the address {visible(source.url)[:80]!r} is not http, https, mailto or relative; "
            "the site shows it as text, not as a link",
            severity=Severity.WARNING,
        )
        for path, source in sources
        if source is not None and source.url and link_target(source.url) is None
    ]


def _indicator_sources(indicator: Indicator) -> list[tuple[list[PathSegment], Source | None]]:
    sources: list[tuple[list[PathSegment], Source | None]] = [(["source"], indicator.source)]
    sources += [(["targets", i, "source"], t.source) for i, t in enumerate(indicator.targets)]
    settings = indicator.assessment
    if settings is not None and settings.status is not None:
        sources.append((["assessment", "status", "source"], settings.status.source))
    return sources


def _check_breaks(indicator: Indicator, root: Node, shown: str) -> list[Problem]:
    """A break in series must start at a year with a value after the first one, once."""
    problems: list[Problem] = []
    first = min(indicator.values, default=None)
    seen: set[int] = set()
    for index, brk in enumerate(indicator.breaks):
        if brk.year in seen:
            message = f"two breaks in series for {brk.year}"
        elif brk.year not in indicator.values:
            message = f"the break in series at {brk.year} is not at a year with a value"
        elif brk.year == first:
            message = f"the break in series at {brk.year} is at the first value: nothing before it"
        else:
            message = None
        seen.add(brk.year)
        if message is not None:
            problems.append(
                problem_at(root, shown, ["breaks", index, "year"], "break-year", message)
            )
    return problems


def check_indicator(indicator: Indicator, stem: str, root: Node, shown: str) -> list[Problem]:
    problems: list[Problem] = check_assessment_settings(indicator, root, shown)
    if indicator.sdg:
        from intl_tracker.dataset.sdg import check_codes

        problems += check_codes(indicator.sdg, root, shown, ["sdg"])
    problems += _unsafe_links(_indicator_sources(indicator), root, shown)
    if indicator.id != stem:
        problems.append(
            problem_at(
                root,
                shown,
                ["id"],
                "id-mismatch",
                f"the id '{indicator.id}' differs from the file name '{stem}'",
            )
        )
    low, high = value_domain(indicator)
    for year, observation in indicator.values.items():
        value = observation.value
        if (low is not None and value < low) or (high is not None and value > high):
            message = _domain_message(indicator, value)
            if message:
                problems.append(problem_at(root, shown, ["values", year], "out-of-range", message))
        if observation.status == "estimated" and not observation.note:
            problems.append(
                problem_at(
                    root,
                    shown,
                    ["values", year],
                    ESTIMATE_WITHOUT_NOTE,
                    f"the estimated value of {year} has no note saying how it was derived",
                    severity=Severity.WARNING,
                )
            )
    problems += _check_breaks(indicator, root, shown)
    problems += check_plausibility(indicator, root, shown)
    problems += check_confirmed(indicator, root, shown)
    if indicator.import_ is not None:
        problems += _check_import(indicator.import_, root, shown)
    first_year = min(indicator.values, default=None)
    seen_years: Counter[int] = Counter()
    for index, target in enumerate(indicator.targets):
        message = _domain_message(indicator, target.value)
        if message:
            problems.append(
                problem_at(root, shown, ["targets", index, "value"], "out-of-range", message)
            )
        if first_year is not None and target.year <= first_year:
            problems.append(
                problem_at(
                    root,
                    shown,
                    ["targets", index, "year"],
                    "target-year",
                    f"the target year {target.year} is not after the first observed "
                    f"year {first_year}",
                )
            )
        seen_years[target.year] += 1
        if seen_years[target.year] == 2:
            problems.append(
                problem_at(
                    root,
                    shown,
                    ["targets", index, "year"],
                    "duplicate-target",
                    f"two targets for {target.year}",
                )
            )
    if not indicator.values:
        problems.append(
            problem_at(
                root,
                shown,
                ["values"],
                "no-values",
                "the indicator has no values yet",
                severity=Severity.WARNING,
            )
        )
    elif indicator.baseline is not None and indicator.baseline not in indicator.values:
        problems.append(
            problem_at(
                root,
                shown,
                ["baseline"],
                "baseline-without-value",
                f"no value for the baseline year {indicator.baseline}; the assessment "
                "starts at the first later year with data",
                severity=Severity.WARNING,
            )
        )
    return problems


def _selection_clash(mapping: ImportMapping, name: str, first: int | None) -> str | None:
    """Why selecting the variable ``name`` is wrong (``first``: index of an earlier selection
    of it), or None."""
    if name == mapping.time:
        return f"'{name}' is the year variable; all years are asked, do not pin it"
    if name == mapping.value.variable:
        return f"'{name}' is pinned by 'value' already"
    if first is not None:
        return f"the variable '{name}' is selected twice (first as selection {first + 1})"
    return None


def _check_import(mapping: ImportMapping, root: Node, shown: str) -> list[Problem]:
    """The mapping names each variable once; a ratio's whole is a code of the value's variable."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, selection in enumerate(mapping.selections):
        name = selection.variable
        message = _selection_clash(mapping, name, seen.get(name))
        if message is not None:
            where: list[str | int] = ["import", "selections", index, "variable"]
            problems.append(problem_at(root, shown, where, "import-selection", message))
        seen.setdefault(name, index)
    ratio = mapping.ratio
    if ratio is not None:
        whole, part = ratio.whole, mapping.value
        if (whole.variable, whole.match) != (part.variable, part.match):
            problems.append(
                problem_at(
                    root,
                    shown,
                    ["import", "ratio", "whole", "variable"],
                    "import-ratio",
                    f"the whole must be another code of the value's variable '{part.variable}'",
                )
            )
        elif whole.code == part.code:
            problems.append(
                problem_at(
                    root,
                    shown,
                    ["import", "ratio", "whole", "code"],
                    "import-ratio",
                    f"the whole is the same series as the value ('{part.code}')",
                )
            )
    return problems


def check_goals(goals: GoalsFile, root: Node, shown: str) -> list[Problem]:
    problems = _unsafe_links([(["programme", "source"], goals.programme.source)], root, shown)
    ids: set[str] = set()
    numbers: set[int] = set()
    objectives: set[str] = set()
    for gi, goal in enumerate(goals.goals):
        if goal.id in ids:
            problems.append(
                problem_at(
                    root,
                    shown,
                    ["goals", gi, "id"],
                    "duplicate-id",
                    f"the goal id '{goal.id}' is used twice",
                )
            )
        if goal.number in numbers:
            problems.append(
                problem_at(
                    root,
                    shown,
                    ["goals", gi, "number"],
                    "duplicate-number",
                    f"the goal number {goal.number} is used twice",
                )
            )
        ids.add(goal.id)
        numbers.add(goal.number)
        for oi, objective in enumerate(goal.objectives):
            if objective.id in objectives:
                problems.append(
                    problem_at(
                        root,
                        shown,
                        ["goals", gi, "objectives", oi, "id"],
                        "duplicate-id",
                        f"the objective id '{objective.id}' is used twice",
                    )
                )
            objectives.add(objective.id)
            if objective.sdg:
                from intl_tracker.dataset.sdg import check_codes

                where: list[PathSegment] = ["goals", gi, "objectives", oi, "sdg"]
                problems += check_codes(objective.sdg, root, shown, where)
    return problems


@dataclass(frozen=True, slots=True)
class IndicatorRefs:
    """What the cross-file rules read of an indicator: its id and the goal and objectives it
    names. ``validate`` keeps only these of each file it reads, not the whole model."""

    id: str
    goal: str
    objectives: tuple[str, ...]
    #: What the breakdown file's checks read, when the indicator declares breakdowns.
    breakdown: BreakdownRefs | None = None
    #: What the import-by-category checks read (``breakdowns.check_import_by``).
    import_by: ImportByRefs | None = None

    @classmethod
    def of(cls, indicator: Indicator) -> IndicatorRefs:
        imports_by = indicator.import_ is not None and bool(indicator.import_.breakdowns)
        if not indicator.breakdowns and not imports_by:
            return cls(indicator.id, indicator.goal, tuple(indicator.objectives))
        from intl_tracker.dataset.breakdowns import BreakdownRefs, ImportByRefs

        refs = BreakdownRefs.of(indicator) if indicator.breakdowns else None
        by = ImportByRefs.of(indicator)
        return cls(indicator.id, indicator.goal, tuple(indicator.objectives), refs, by)


def check_cross_file(
    goals: GoalsFile | None,
    loaded: Sequence[tuple[Indicator | IndicatorRefs, ParsedYaml, str]],
) -> list[Problem]:
    """Ids unique across files; goal and objective references exist. ``loaded``: each valid
    indicator (or its references), its parse (the top-level nodes at least) and its name."""
    problems: list[Problem] = []
    first_file: dict[str, str] = {}
    goal_objectives: dict[str, set[str]] | None = None
    if goals is not None:
        goal_objectives = {}
        for goal in goals.goals:  # a duplicated goal id is reported in goals.yaml; first wins
            goal_objectives.setdefault(goal.id, {o.id for o in goal.objectives})
    for indicator, parsed, shown in loaded:
        root = parsed.root
        if root is None:
            continue
        if indicator.id in first_file:
            problems.append(
                problem_at(
                    root,
                    shown,
                    ["id"],
                    "duplicate-id",
                    f"the id '{indicator.id}' is already used by {first_file[indicator.id]}",
                )
            )
        else:
            first_file[indicator.id] = shown
        if goal_objectives is None:
            continue  # goals.yaml is missing or invalid: already reported there
        if indicator.goal not in goal_objectives:
            problems.append(
                problem_at(
                    root,
                    shown,
                    ["goal"],
                    "unknown-goal",
                    f"no goal '{indicator.goal}' in goals.yaml"
                    + _suggest(indicator.goal, goal_objectives),
                )
            )
            continue
        known = goal_objectives[indicator.goal]
        for index, objective in enumerate(indicator.objectives):
            if objective not in known:
                problems.append(
                    problem_at(
                        root,
                        shown,
                        ["objectives", index],
                        "unknown-objective",
                        f"goal '{indicator.goal}' has no objective '{objective}'"
                        + _suggest(objective, known),
                    )
                )
    return problems


def _suggest(name: str, candidates: Iterable[str]) -> str:
    options = sorted(candidates)
    if not options:
        return " (it has none)"
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else f"; known: {', '.join(options)}"
