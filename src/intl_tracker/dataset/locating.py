"""Point findings at YAML nodes: pydantic ``loc`` paths and rule paths become line:column.

The composed node tree is kept beside the data; a path such as ``("values", 2017, "value")``
is walked through it (mapping keys by their text, sequence items by index). Path segments
that name no node (pydantic's union members, ``[key]``) are skipped.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from intl_tracker.core.errors import Problem, Severity
from intl_tracker.dataset import models
from intl_tracker.dataset.yaml_strict import scalar_value

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
                    if isinstance(k, ScalarNode) and _key_is(k, segment)
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


def _key_is(key: ScalarNode, segment: PathSegment) -> bool:
    """Whether a key node is the path segment: by its text, or by its value for a number
    written another way (``0x7E3`` or ``+2019`` for the year 2019) or a key pydantic names
    by its Python text (``null`` is "None")."""
    if key.value == str(segment):
        return True
    if key.tag == "tag:yaml.org,2002:str":
        return False
    try:
        value = scalar_value(key)
    except (ValueError, TypeError):
        return False
    if isinstance(segment, int):
        return bool(value == segment)
    # pydantic names a key that is not a number by its text in Python: a `null:` or `~:`
    # year is "None", so that it is found on its own line, not on the mapping's.
    return str(value) == segment


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


# Problems reported per file; the rest are counted in one more problem. Locating each
# finding walks the file's node tree, so a file holding 20,000 unknown keys took 30 s
# (quadratic); with the cap a run stays linear in the size of the data.
MAX_PROBLEMS_PER_FILE = 100


#: Parts of pydantic's ``loc`` that name no YAML node: a dict key's marker and union tags.
_NOT_IN_FILE = frozenset({"[key]", models.PLAIN_TEXT_TAG, models.PER_LANGUAGE_TAG})


def problems_from_validation(
    exc: ValidationError,
    root: Node,
    shown: str,
    model: type[BaseModel],
    *,
    limit: int = MAX_PROBLEMS_PER_FILE,
) -> tuple[list[Problem], int]:
    """pydantic's errors as located problems, at most ``limit`` of them, and the number of
    errors left unlocated (see ``cap_problems``)."""
    problems: dict[tuple[int, int, str, str], Problem] = {}
    errors = exc.errors(include_url=False)
    for index, error in enumerate(errors):
        if len(problems) >= limit:
            return list(problems.values()), len(errors) - index
        path = [s for s in error["loc"] if s not in _NOT_IN_FILE]
        is_key = "[key]" in error["loc"] or error["type"] == "extra_forbidden"
        code, message = _explain(error, path, model)
        problem = problem_at(root, shown, path, code, message, key=is_key)
        problems.setdefault((problem.line, problem.column, code, message), problem)
    return list(problems.values()), 0


def _more_message(count: int) -> str:
    return (
        f"{count:,} more problem(s) in this file are not shown (at most "
        f"{MAX_PROBLEMS_PER_FILE} per file); fix these first"
    )


def cap_problems(problems: list[Problem], shown: str, *, unlocated: int = 0) -> list[Problem]:
    """At most ``MAX_PROBLEMS_PER_FILE`` problems of one file, in file order, plus one
    ``too-many-problems`` problem counting the rest (and ``unlocated`` more found but never
    located)."""
    if not unlocated and len(problems) <= MAX_PROBLEMS_PER_FILE:
        return problems
    ordered = sorted(problems, key=Problem.sort_key)
    kept = ordered[:MAX_PROBLEMS_PER_FILE]
    rest = len(ordered) - len(kept) + unlocated
    if rest:
        # At the first problem not shown, else after the last one shown.
        at = ordered[len(kept)] if len(ordered) > len(kept) else (kept[-1] if kept else None)
        line, column = (at.line, at.column) if at is not None else (0, 0)
        dropped = ordered[len(kept) :]
        severity = (
            Severity.ERROR
            if unlocated or any(p.severity is Severity.ERROR for p in dropped)
            else Severity.WARNING
        )
        kept.append(
            Problem(shown, line, column, "too-many-problems", _more_message(rest), severity)
        )
    return kept


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
        return (
            "invalid-year",
            f"{parent}: the year {_as_yaml(given)} must be a whole number (unquoted)",
        )
    if kind in ("string_type",) and isinstance(given, bool):
        return (
            "invalid-type",
            f"{where}: expected text, got the boolean {str(given).lower()}; quote it",
        )
    if kind == "text_type":  # a TextPerLanguage that is neither text nor a mapping
        quote = "; quote it" if isinstance(given, bool) else ""
        return "invalid-type", (
            f"{where}: expected text or a text per language ({{fi: ..., en: ...}}), "
            f"got {_kind_of(given)}{quote}"
        )
    if kind in ("float_type", "int_type", "float_parsing") and isinstance(given, str):
        return "invalid-type", f"{where}: expected a number, got the text {given!r}" + (
            _number_hint(given)
        )
    if kind in ("literal_error", "enum"):
        expected = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
        close = difflib.get_close_matches(str(given), expected, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close and isinstance(given, str) else ""
        return "invalid-value", f"{where}: {error['msg']}{hint}"
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
        return "invalid-type", (
            f"{where or 'the file'}: expected a mapping, got {_kind_of(given)}" + _shape_hint(path)
        )
    if kind == "list_type":
        return "invalid-type", f"{where}: expected a list, got {_kind_of(given)}"
    if (
        kind in ("greater_than_equal", "less_than_equal")
        and path
        and path[-1] in ("value", "min", "max")
        and isinstance(given, (int, float))
        and abs(given) > models.MAX_ABS_VALUE
    ):
        return "out-of-range", (
            f"{where}: {given:.6g} is beyond ±{models.MAX_ABS_VALUE:g}, the largest magnitude "
            "a value can have; a typo?"
        )
    if kind in ("greater_than_equal", "less_than_equal") and "[key]" in error["loc"]:
        parent = dotted(path[:-1])
        return (
            "invalid-year",
            f"{parent}: the year {given!r} is outside {models.MIN_YEAR}-{models.MAX_YEAR}",
        )
    return "invalid-value", f"{where}: {error['msg']}" if where else error["msg"]


# Digits grouped by spaces (also no-break and thin), apostrophes or underscores: "6 000".
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:[ \u00a0\u202f\u2009'_]\d{3})+(?:[.,]\d+)?")


def _number_hint(text: str) -> str:
    """What to write instead of a number written as text, or ""."""
    stripped = text.strip()
    if _GROUPED.fullmatch(stripped):
        plain = re.sub(r"[ \u00a0\u202f\u2009'_]", "", stripped).replace(",", ".")
        return f"; write it without the thousands separator: {plain}"
    if "," in stripped:
        return "; use a dot as decimal separator and no thousands separator"
    return ""


# What a mapping under each key looks like, for "expected a mapping" messages.
_SHAPES: dict[str, str] = {
    "name": "name: {en: ..., fi: ...}",
    "definition": "definition: {en: ..., fi: ...}",
    "responsible": "responsible: {en: ..., fi: ...}",
    "unit_label": "unit_label: {en: ..., fi: ...}",
    "text": "text: {en: ..., fi: ...}",
    "source": "source: {publisher: ..., title: ..., url: ...}",
    "values": "values: {2019: 289731, 2020: 292796}",
    "targets": "targets: [{year: 2030, value: 25}]",
    "programme": "programme: {id: ..., name: {en: ..., fi: ...}}",
    "goals": "goals: [{id: ..., number: 1, name: {en: ..., fi: ...}}]",
    "objectives": "objectives: [{id: ..., text: {en: ..., fi: ...}}]",
    "bounds": "bounds: {min: 0, max: null}",
}


def _shape_hint(path: Sequence[PathSegment]) -> str:
    if not path:
        return "; the file is a mapping of fields such as 'id: ...' and 'name: {en: ...}'"
    last = path[-1]
    if isinstance(last, int) and len(path) >= 2 and str(path[-2]) in _SHAPES:
        item = _SHAPES[str(path[-2])].split(": ", 1)[1]
        shape = "- " + item.removeprefix("[").removesuffix("]") if item.startswith("[") else None
    else:
        shape = _SHAPES.get(str(last))
    return f"; write it as `{shape}`" if shape else ""


def _as_yaml(value: Any) -> str:
    """A scalar as YAML writes it (``null``, ``true``), else its Python repr."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return repr(value)


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
    if named and named[-1] == "validation":  # goals.yaml's programme, or an indicator's
        model = models.ProgrammeValidation if "programme" in named else models.IndicatorValidation
    elif named and named[-1] in _MODEL_UNDER_KEY:
        # `values.<year>` holds an Observation, `targets.<i>.source` a Source, and so on.
        model = _MODEL_UNDER_KEY[named[-1]]
    return [info.alias or name for name, info in model.model_fields.items()]
