"""A strict, safe YAML reader that keeps node positions.

PyYAML's ``safe_load`` follows YAML 1.1 (``no`` becomes ``False``, ``1:30`` becomes 90,
dates become ``datetime.date``), lets a duplicated key silently win and happily loads an
alias bomb. This reader uses libyaml's parser (``CSafeLoader``) with the YAML 1.2 core
schema, records duplicate keys instead of dropping values, rejects documents whose
aliases expand beyond a budget, and returns the composed node tree so that any later
finding can be mapped back to a line and a column.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_EXPANDED_NODES = 200_000


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based position in a file."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class YamlIssue:
    code: str
    message: str
    mark: Mark


@dataclass(slots=True)
class ParsedYaml:
    """What a file held: the data and its node tree (both None when the file could not be
    read as YAML at all) and the issues found."""

    data: Any = None
    root: Node | None = None
    issues: list[YamlIssue] = field(default_factory=list)


class ForbiddenTagError(yaml.constructor.ConstructorError):
    """A tag that would construct something other than plain data (``!!python/...``)."""


def mark_of(node: Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class _StrictLoader(_Loader):  # type: ignore[valid-type,misc]
    """CSafeLoader with YAML 1.2 core-schema scalars and duplicate-key reporting."""

    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}
    duplicates: list[YamlIssue]

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        mapping: dict[Hashable, Any] = {}
        first: dict[Hashable, Node] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable) or isinstance(key, (list, dict)):
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a plain value", key_node.start_mark
                )
            if key in first:
                self.duplicates.append(
                    YamlIssue(
                        "duplicate-key",
                        f"duplicate key {key!r} (first defined on line "
                        f"{first[key].start_mark.line + 1}); the later value would silently win",
                        mark_of(key_node),
                    )
                )
                continue
            first[key] = key_node
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_int(self, node: ScalarNode) -> int:
        text = str(self.construct_scalar(node))
        if text.startswith(("0o", "+0o", "-0o")):
            sign = -1 if text[0] == "-" else 1
            return sign * int(text.lstrip("+-")[2:], 8)
        if text.startswith(("0x", "+0x", "-0x")):
            sign = -1 if text[0] == "-" else 1
            return sign * int(text.lstrip("+-")[2:], 16)
        return int(text, 10)

    def construct_yaml_float(self, node: ScalarNode) -> float:
        text = str(self.construct_scalar(node)).lower()
        if text in (".nan",):
            return float("nan")
        if text in (".inf", "+.inf"):
            return float("inf")
        if text == "-.inf":
            return float("-inf")
        return float(text)

    def construct_yaml_bool(self, node: ScalarNode) -> bool:
        return str(self.construct_scalar(node)).lower() == "true"

    def construct_undefined(self, node: Node) -> Any:
        raise ForbiddenTagError(
            None,
            None,
            f"the tag {node.tag!r} is not allowed (only plain YAML data is read)",
            node.start_mark,
        )


# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
_CORE_RESOLVERS: list[tuple[str, str, str]] = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
]
for _tag, _pattern, _first in _CORE_RESOLVERS:
    _StrictLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))
# The empty scalar resolves to null too (a key with nothing after the colon).
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^$"), [""])

_StrictLoader.add_constructor("tag:yaml.org,2002:int", _StrictLoader.construct_yaml_int)
_StrictLoader.add_constructor("tag:yaml.org,2002:float", _StrictLoader.construct_yaml_float)
_StrictLoader.add_constructor("tag:yaml.org,2002:bool", _StrictLoader.construct_yaml_bool)
_StrictLoader.add_constructor("tag:yaml.org,2002:map", _StrictLoader.construct_yaml_map)
for _unsafe in (
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:binary",
    "tag:yaml.org,2002:set",
    "tag:yaml.org,2002:omap",
    "tag:yaml.org,2002:pairs",
    None,
):
    _StrictLoader.add_constructor(_unsafe, _StrictLoader.construct_undefined)


def _check_shape(root: Node) -> YamlIssue | None:
    """Reject absurd nesting and alias expansion in one pass, linear in distinct nodes."""
    expanded: dict[int, int] = {}
    # Iterative post-order walk: (node, depth, children_done).
    stack: list[tuple[Node, int, bool]] = [(root, 1, False)]
    on_path: set[int] = set()
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _children(node)
            expanded[key] = 1 + sum(expanded[id(c)] for c in children)
            if expanded[key] > MAX_EXPANDED_NODES:
                return YamlIssue(
                    "too-large",
                    f"the document expands to more than {MAX_EXPANDED_NODES:,} values "
                    "(aliases repeated too often)",
                    mark_of(node),
                )
            continue
        if key in expanded:
            continue
        if depth > MAX_DEPTH:
            return YamlIssue("too-deep", f"nesting deeper than {MAX_DEPTH} levels", mark_of(node))
        if key in on_path:
            return YamlIssue("recursive-alias", "an alias refers to itself", mark_of(node))
        on_path.add(key)
        stack.append((node, depth, True))
        stack.extend((c, depth + 1, False) for c in _children(node) if id(c) not in expanded)
    return None


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def parse_yaml(text: str) -> ParsedYaml:
    """Parse one YAML document strictly; every problem becomes an issue, never an exception."""
    result = ParsedYaml()
    loader = _StrictLoader(text)
    loader.duplicates = []
    try:
        try:
            root = loader.get_single_node()
        except yaml.composer.ComposerError as exc:
            if "expected a single document" in (exc.context or ""):
                result.issues.append(
                    YamlIssue(
                        "multiple-documents",
                        "the file holds several YAML documents; put one per file",
                        _mark_from_error(exc),
                    )
                )
                return result
            raise
        if root is None:
            result.issues.append(YamlIssue("empty-file", "the file is empty", Mark(1, 1)))
            return result
        if "&" in text or "*" in text or _may_be_deep(text):
            shape = _check_shape(root)
            if shape is not None:
                result.issues.append(shape)
                return result
        data = loader.construct_document(root)
    except ForbiddenTagError as exc:
        result.issues.append(YamlIssue("forbidden-tag", exc.problem or "", _mark_from_error(exc)))
        return result
    except yaml.MarkedYAMLError as exc:
        result.issues.append(YamlIssue("yaml-syntax", _describe(exc), _mark_from_error(exc)))
        return result
    except yaml.YAMLError as exc:  # unmarked libyaml errors, e.g. nesting limits
        result.issues.append(YamlIssue("yaml-syntax", str(exc).strip(), Mark(1, 1)))
        return result
    except RecursionError:
        result.issues.append(
            YamlIssue("too-deep", f"nesting deeper than {MAX_DEPTH} levels", Mark(1, 1))
        )
        return result
    finally:
        loader.dispose()
    result.issues.extend(loader.duplicates)
    result.root = root
    result.data = data
    return result


def _may_be_deep(text: str) -> bool:
    """Cheap guard: only a deeply indented or bracketed text can nest beyond MAX_DEPTH."""
    return text.count("[") + text.count("{") > MAX_DEPTH or "  " * (MAX_DEPTH - 1) in text


def _mark_from_error(exc: yaml.MarkedYAMLError) -> Mark:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return Mark(1, 1)
    return Mark(mark.line + 1, mark.column + 1)


def _describe(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    text = "; ".join(parts) if parts else str(exc).splitlines()[0]
    return "YAML syntax: " + text
