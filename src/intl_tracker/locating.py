"""Point findings at YAML nodes: pydantic ``loc`` paths and rule paths become line:column.

The composed node tree is kept beside the data; a path such as ``("values", 2017, "value")``
is walked through it (mapping keys by their text, sequence items by index). Path segments
that name no node (pydantic's union members, ``[key]``) are skipped.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from intl_tracker import models
from intl_tracker.errors import Problem, Severity

PathSegment = str | int
Path = Sequence[PathSegment]

# The model that describes the mapping found under a key, for "did you mean" suggestions.
_MODEL_UNDER_KEY: dict[str, type[BaseModel]] = {
    "targets": models.Target,
    "source": models.Source,
    "values": models.Observation,
    "goals": models.Goal,
    "objectives": models.Objective,
    "programme": models.Programme,
    "import": models.ImportMapping,
    "selections": models.PxSelection,
    "value": models.PxSelection,
    "whole": models.PxSelection,
    "ratio": models.ImportRatio,
    "bounds": models.Bounds,
    "assessment": models.IndicatorAssessment,
    "thresholds": models.Thresholds,
}


def find_node(root: Node, path: Path, *, key: bool = False) -> Node:
    """The node at ``path`` (its key node when ``key``); the deepest node reached otherwise."""
    node = root
    key_node: Node | None = None
    for segment in path:
        if isinstance(node, MappingNode):
            match = next(
                (
                    (k, v)
                    for k, v in node.value
                    if isinstance(k, ScalarNode) and k.value == str(segment)
                ),
                None,
            )
            if match is None:
                continue
            key_node, node = match
        elif (
            isinstance(node, SequenceNode)
            and isinstance(segment, int)
            and 0 <= segment < len(node.value)
        ):
            node = node.value[segment]
            key_node = None
    if key and key_node is not None:
        return key_node
    return node


def problem_at(
    root: Node,
    shown: str,
    path: Path,
    code: str,
    message: str,
    *,
    key: bool = False,
    severity: Severity = Severity.ERROR,
) -> Problem:
    node = find_node(root, path, key=key)
    return Problem(
        shown, node.start_mark.line + 1, node.start_mark.column + 1, code, message, severity
    )


def dotted(path: Path) -> str:
    return ".".join(str(s) for s in path)


def problems_from_validation(
    exc: ValidationError, root: Node, shown: str, model: type[BaseModel]
) -> list[Problem]:
    problems: dict[tuple[int, int, str, str], Problem] = {}
    for error in exc.errors(include_url=False):
        path = [s for s in error["loc"] if s != "[key]"]
        is_key = "[key]" in error["loc"] or error["type"] == "extra_forbidden"
        code, message = _explain(error, path, model)
        problem = problem_at(root, shown, path, code, message, key=is_key)
        problems.setdefault((problem.line, problem.column, code, message), problem)
    return list(problems.values())


def _explain(
    error: ErrorDetails, path: list[PathSegment], model: type[BaseModel]
) -> tuple[str, str]:
    kind = error["type"]
    where = dotted(path)
    given: Any = error.get("input")
    if kind == "extra_forbidden":
        name = str(path[-1]) if path else "?"
        allowed = _fields_for(path[:-1], model)
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; allowed: {', '.join(allowed)}"
        return "unknown-field", f"unknown field '{name}'{hint}"
    if kind == "missing":
        return "missing-field", f"missing required field '{where}'"
    if "[key]" in error["loc"] and kind in ("int_type", "int_parsing"):
        parent = dotted(path[:-1])
        return "invalid-year", f"{parent}: the year {given!r} must be a whole number (unquoted)"
    if kind in ("string_type",) and isinstance(given, bool):
        return (
            "invalid-type",
            f"{where}: expected text, got the boolean {str(given).lower()}; quote it",
        )
    if kind in ("float_type", "int_type", "float_parsing") and isinstance(given, str):
        return (
            "invalid-type",
            f"{where}: expected a number, got the text {given!r}"
            + (
                "; use a dot as decimal separator and no thousands separator"
                if "," in given
                else ""
            ),
        )
    if kind == "finite_number":
        return "invalid-number", f"{where}: must be a finite number, got {given!r}"
    if kind == "string_pattern_mismatch":
        if (path and path[-1] in ("id", "goal")) or (len(path) >= 2 and path[-2] == "objectives"):
            return (
                "invalid-id",
                f"{where}: {given!r} is not a valid id; use lowercase letters, digits and hyphens",
            )
        return "invalid-value", f"{where}: {given!r} does not match the expected form"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "invalid-type", f"{where or 'the file'}: expected a mapping, got {_kind_of(given)}"
    if kind == "list_type":
        return "invalid-type", f"{where}: expected a list, got {_kind_of(given)}"
    if kind in ("greater_than_equal", "less_than_equal") and "[key]" in error["loc"]:
        parent = dotted(path[:-1])
        return (
            "invalid-year",
            f"{parent}: the year {given!r} is outside {models.MIN_YEAR}-{models.MAX_YEAR}",
        )
    return "invalid-value", f"{where}: {error['msg']}" if where else error["msg"]


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    return f"the text {value!r}"


def _fields_for(parent: Sequence[PathSegment], model: type[BaseModel]) -> list[str]:
    named = [s for s in parent if isinstance(s, str)]
    if named and named[-1] in _MODEL_UNDER_KEY:
        # `values.<year>` holds an Observation, `targets.<i>.source` a Source, and so on.
        model = _MODEL_UNDER_KEY[named[-1]]
    return [info.alias or name for name, info in model.model_fields.items()]
