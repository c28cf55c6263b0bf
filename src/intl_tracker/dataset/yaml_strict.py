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


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def mark_at(text: str, index: int) -> Mark:
    """The 1-based line and character column of ``text[index]``, counting line breaks as
    YAML and editors do (LF, CRLF and a lone CR: a file saved with old Mac line ends has
    lines too)."""
    line = 1
    start = 0
    for match in _LINE_BREAK.finditer(text, 0, index):
        line += 1
        start = match.end()
    return Mark(line, index - start + 1)


# Line breaks to YAML 1.1 (libyaml) but not to editors: positions after one would differ.
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")


def _char_name(char: str) -> str:
    import unicodedata

    name = unicodedata.name(char, "") or {"\x1b": "ESCAPE", "\x7f": "DELETE"}.get(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else " (a control character)")


# Digits an integer may have: every value becomes a float, and floats end at 1.8e308.
MAX_INT_DIGITS = 308


class NumberTooLongError(ValueError):
    """An integer with more digits than any value can have (and than Python converts)."""


class TooManyDigitsError(yaml.constructor.ConstructorError):
    """``NumberTooLongError`` with the position of the number."""


def _int_of(text: str) -> int:
    """An int scalar of the YAML 1.2 core schema: decimal, 0o octal or 0x hexadecimal.

    Raises ``NumberTooLongError`` beyond ``MAX_INT_DIGITS`` digits.
    """
    if len(text) > MAX_INT_DIGITS + 1:
        raise NumberTooLongError(text)
    if text.isdigit() and text.isascii():  # the common case: a year or a count
        return int(text, 10)
    if text.startswith(("0o", "+0o", "-0o")):
        sign = -1 if text[0] == "-" else 1
        return sign * int(text.lstrip("+-")[2:], 8)
    if text.startswith(("0x", "+0x", "-0x")):
        sign = -1 if text[0] == "-" else 1
        return sign * int(text.lstrip("+-")[2:], 16)
    return int(text, 10)


def _float_of(text: str) -> float:
    """A float scalar of the YAML 1.2 core schema, with .nan and (+/-).inf."""
    text = text.lower()
    if text in (".nan",):
        return float("nan")
    if text in (".inf", "+.inf"):
        return float("inf")
    if text == "-.inf":
        return float("-inf")
    return float(text)


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
        try:
            return _int_of(text)
        except NumberTooLongError:
            raise TooManyDigitsError(
                None,
                None,
                f"the number has {len(text.lstrip('+-')):,} digits; a value can have at most "
                f"{MAX_INT_DIGITS} (numbers end near 1.8e308)",
                node.start_mark,
            ) from None

    def construct_yaml_float(self, node: ScalarNode) -> float:
        return _float_of(str(self.construct_scalar(node)))

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


# --- Fast path -------------------------------------------------------------------------
# libyaml composes the node tree in C but calls back into Python for every scalar to resolve
# its tag (``resolve``) and for every node to track path resolvers (``descend_resolver`` /
# ``ascend_resolver``). PyYAML's generic constructor then walks the tree again with
# generators, a recursion guard and a dict lookup per node. Profiling `validate` on 1,000
# synthetic indicators showed those two Python layers at about 70 % of the parse time. The
# overrides below do the same work with less interpretation: one precomputed resolver table
# (no per-call list concatenation) with a bounded memo of plain scalars, no-op path-resolver
# hooks (this loader has no path resolvers), and a direct recursive build for plain trees.
# Anything unusual (aliases, a duplicate key, an explicit or unknown tag, a complex key, an
# error) falls back to PyYAML's constructor, so results and issues stay exactly as before.
# Line and column tracking costs nothing here: the node tree is composed anyway, and only
# the few nodes that problems point at are looked up (see locating.py).

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"

_IMPLICIT: dict[str, tuple[tuple[str, Any], ...]] = {}


def _build_resolver_table() -> None:
    wildcard = _StrictLoader.yaml_implicit_resolvers.get(None, [])
    for first, resolvers in _StrictLoader.yaml_implicit_resolvers.items():
        if first is None:
            continue
        _IMPLICIT[first] = tuple((tag, regexp.match) for tag, regexp in resolvers + wildcard)
    _IMPLICIT[""] = tuple(
        (tag, regexp.match)
        for tag, regexp in _StrictLoader.yaml_implicit_resolvers.get("", []) + wildcard
    )
    if wildcard:  # not the case today; keep BaseResolver's semantics if one is ever added
        raise RuntimeError("wildcard implicit resolvers are not supported by the fast resolver")


# Plain scalars repeat (keys, years, status words): remember their tags, up to a bound.
_RESOLVED: dict[str, str] = {}
_RESOLVED_MAX = 50_000


def _fast_resolve(self: Any, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
    if kind is ScalarNode:
        if implicit[0]:
            tag = _RESOLVED.get(value)
            if tag is None:
                tag = _STR
                for candidate, match in _IMPLICIT.get(value[:1], ()):
                    if match(value):
                        tag = candidate
                        break
                if len(_RESOLVED) < _RESOLVED_MAX:
                    _RESOLVED[value] = tag
            return tag
        return _STR
    if kind is SequenceNode:
        return _SEQ
    return _MAP


def _no_path_resolvers(self: Any, *args: Any) -> None:
    return None


_build_resolver_table()
assert not _StrictLoader.yaml_path_resolvers
_StrictLoader.resolve = _fast_resolve
_StrictLoader.descend_resolver = _no_path_resolvers
_StrictLoader.ascend_resolver = _no_path_resolvers


class _Fallback(Exception):
    """The fast builder met something it leaves to PyYAML's constructor."""


def scalar_value(node: ScalarNode) -> Any:
    """A scalar node's value as the loader builds it (an int for ``0x7E3``). Raises
    ValueError for an explicit or unknown tag or a number too long."""
    try:
        return _scalar(node)
    except _Fallback:
        raise ValueError(node.tag) from None


def _scalar(node: ScalarNode) -> Any:
    """A scalar's value by its resolved tag, as the constructors above make it."""
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _INT:
        return _int_of(node.value)
    if tag == _FLOAT:
        return _float_of(node.value)
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return node.value.lower() == "true"
    raise _Fallback  # an explicit tag such as !!binary, or an unknown one


def _build(node: Node) -> Any:
    """Python data of a plain tree (no aliases), as PyYAML's constructor would make it;
    raises _Fallback on anything else."""
    kind = type(node)
    if kind is ScalarNode:
        return _scalar(node)  # type: ignore[arg-type]
    if kind is MappingNode and node.tag == _MAP:
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                raise _Fallback
            key = key_node.value if key_node.tag == _STR else _scalar(key_node)
            if key in mapping:
                raise _Fallback  # a duplicate key: the slow path words the issue
            if type(value_node) is not ScalarNode:
                mapping[key] = _build(value_node)
            elif value_node.tag == _STR:  # inlined: most values are text
                mapping[key] = value_node.value
            else:
                mapping[key] = _scalar(value_node)
        return mapping
    if kind is SequenceNode and node.tag == _SEQ:
        return [_scalar(item) if type(item) is ScalarNode else _build(item) for item in node.value]
    raise _Fallback


def _construct_fast(loader: _StrictLoader, root: Node, text: str) -> Any:
    if "&" not in text and "*" not in text:  # no anchors, so no shared or recursive nodes
        try:
            return _build(root)
        except (_Fallback, ValueError, TypeError, RecursionError):
            pass  # the constructor below words the problem, with its position
    loader.duplicates = []
    return loader.construct_document(root)


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
    odd = _ODD_BREAKS.search(text)
    if odd is not None:
        result.issues.append(
            YamlIssue(
                "control-character",
                f"the character {_char_name(odd.group())} is a line break to YAML but not to "
                "most editors; replace it with a space or a newline",
                mark_at(text, odd.start()),
            )
        )
        return result
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
        data = _construct_fast(loader, root, text)
    except ForbiddenTagError as exc:
        result.issues.append(YamlIssue("forbidden-tag", exc.problem or "", _mark_from_error(exc)))
        return result
    except TooManyDigitsError as exc:
        result.issues.append(YamlIssue("invalid-number", exc.problem or "", _mark_from_error(exc)))
        return result
    except yaml.MarkedYAMLError as exc:
        mark = _mark_from_error(exc)
        result.issues.append(YamlIssue("yaml-syntax", _describe(exc, text, mark), mark))
        return result
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        result.issues.append(_reader_issue(exc, text))
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


def _describe(exc: yaml.MarkedYAMLError, text: str, mark: Mark) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    message = "; ".join(parts) if parts else str(exc).splitlines()[0]
    message = "YAML syntax: " + " ".join(message.split())
    if "\t" in _line(text, mark.line)[: mark.column]:
        message += "; indent with spaces, not tabs (YAML does not allow tabs for indentation)"
    return message


def _line(text: str, number: int) -> str:
    lines = _LINE_BREAK.split(text, maxsplit=number)
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _reader_issue(exc: yaml.reader.ReaderError, text: str) -> YamlIssue:
    """libyaml gives the byte offset (in UTF-8) of a character it does not accept."""
    index = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
    char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
    return YamlIssue(
        "control-character",
        f"the character {_char_name(char)} is not allowed in YAML; remove it, or write it "
        'as an escape inside double quotes (for example "\\x1b")',
        mark_at(text, index),
    )
