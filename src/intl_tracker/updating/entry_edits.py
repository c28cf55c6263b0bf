"""Text edits of one year's entry under ``values:``, at the positions the strict reader knows.

An edit is ``(start, end, replacement)`` on the decoded text. It follows the file's own
layout: its line breaks (LF, CRLF or a lone CR), the indentation of its year keys (also when
they are explicit, ``? 2019``) and of their fields, block or flow style (a new entry in
``values: {2019: 100}`` goes inside the braces, after the previous entry's own braces).

An entry that is not text of its own cannot be edited alone: one reached through a YAML
alias (``2018: *a``), or whose text another year reaches through an anchor (``2017: &a``),
is refused by ``check_alone`` before anything is planned, naming both years.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from intl_tracker.dataset.models import Localizable
from intl_tracker.dataset.yaml_strict import _int_of

Edit = tuple[int, int, str]  # replace text[start:end] with the string
Field = tuple[str, str]  # (key, value text) of an entry's field

# The line breaks of YAML as the strict reader accepts them (it refuses NEL, LS and PS).
_BREAK = re.compile(r"\r\n|\r|\n")


class SharedEntryError(ValueError):
    """The year's entry shares text with another place; ``node`` is where to point."""

    def __init__(self, message: str, node: Node) -> None:
        super().__init__(message)
        self.node = node


def newline_of(text: str) -> str:
    """The file's line break: its first one (LF when it has none)."""
    found = _BREAK.search(text)
    return found.group() if found is not None else "\n"


def after_line(text: str, index: int) -> int:
    """The index just after the line break that ends the line holding ``index``."""
    if index > 0 and text[index - 1] in "\r\n" and text[index : index + 1] != "\n":
        return index  # a block scalar ends at the start of the next line
    found = _BREAK.search(text, index)
    return len(text) if found is None else found.end()


def line_start(text: str, index: int) -> int:
    return max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1


def _line_end(text: str, index: int) -> int:
    found = _BREAK.search(text, index)
    return len(text) if found is None else found.start()


def is_explicit_key(text: str, key: Node) -> bool:
    """``? 2019``: the key follows a ``?`` indicator on its line."""
    before = text[line_start(text, key.start_mark.index) : key.start_mark.index]
    return before.strip() == "?"


def apply(text: str, edits: Sequence[Edit]) -> str:
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def quoted(note: Localizable) -> str:
    """A YAML double-quoted scalar, or a flow mapping for a note given per language (JSON's
    syntax is a subset of YAML's)."""
    return json.dumps(note, ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class Layout:
    """How the file writes its values: the indent of a year key and of an entry's fields,
    its line break, and whether an entry must be written in flow style (``{...}``)."""

    key_indent: str
    field_indent: str
    newline: str
    flow: bool

    @classmethod
    def of(cls, text: str, values_key: Node, values_node: Node) -> Layout:
        entries = values_node.value if isinstance(values_node, MappingNode) else []
        flow = isinstance(values_node, MappingNode) and values_node.flow_style
        if entries and not flow:
            first = entries[0][0].start_mark.index
            start = line_start(text, first)
            key_column = len(text[start:first]) - len(text[start:first].lstrip(" "))
        else:
            key_column = values_key.start_mark.column + 2
        step = 2
        for _, value in entries:
            if isinstance(value, MappingNode) and not value.flow_style and value.value:
                step = value.value[0][0].start_mark.column - key_column
                break
        return cls(" " * key_column, " " * (key_column + max(step, 1)), newline_of(text), flow)

    def block(self, fields: Sequence[Field]) -> str:
        """Entry fields as block lines, each preceded by a line break."""
        return "".join(f"{self.newline}{self.field_indent}{k}: {v}" for k, v in fields)

    def entry(self, fields: Sequence[Field], *, flow_style: bool) -> str:
        """What follows ``YEAR:``: `` 5`` for a bare value, else `` {...}`` or block lines."""
        if len(fields) == 1:
            return f" {fields[0][1]}"
        return f" {flow(fields)}" if flow_style else self.block(fields)


def flow(fields: Sequence[Field]) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in fields) + "}"


# --- entries that are not text of their own --------------------------------------------


def check_alone(root: Node, year: int) -> None:
    """Raise SharedEntryError when the entry of ``year`` under ``values`` (or a part of it)
    is also reached from another place of the document (a YAML anchor and alias): editing
    its text would change that other place too."""
    if not isinstance(root, MappingNode):
        return
    owners: dict[int, list[int | str]] = {}
    mine: list[tuple[Node, Node]] = []
    for top_key, top_value in root.value:
        name = top_key.value if isinstance(top_key, ScalarNode) else "?"
        if name == "values" and isinstance(top_value, MappingNode):
            for key, value in top_value.value:
                place: int | str = year_of(key) or "values"
                if place == year:
                    mine.append((key, value))
                for node in _walk(value):
                    owners.setdefault(id(node), []).append(place)
        else:
            for node in _walk(top_value):
                owners.setdefault(id(node), []).append(name)
    for key, value in mine:
        for node in _walk(value):
            places = owners[id(node)]
            others = sorted({str(p) for p in places if p != year})
            if others or places.count(year) > 1:
                what = "the entry" if node is value else "a part of the entry"
                with_whom = f"with {', '.join(others)}" if others else "twice within it"
                raise SharedEntryError(
                    f"{what} of {year} is shared {with_whom} through a YAML anchor (&) and "
                    "alias (*): an edit of one would change the other; write each place out "
                    "in full, then run the command again",
                    key,
                )


def _walk(node: Node) -> Iterator[Node]:
    """``node`` and every node under it, each once per place it is reached from."""
    yield node
    if isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _walk(key)
            yield from _walk(value)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _walk(item)


def year_of(key: Node) -> int | None:
    if not isinstance(key, ScalarNode):
        return None
    try:
        return _int_of(key.value)
    except ValueError:
        return None


def entry_of(values_node: Node, year: int) -> tuple[ScalarNode, Node] | None:
    if not isinstance(values_node, MappingNode):
        return None
    for key, value in values_node.value:
        if isinstance(key, ScalarNode) and year_of(key) == year:
            return key, value
    return None


def entry_end(text: str, key: Node, value: Node) -> int:
    """Where the text of an entry ends (``content_end``); on an alias (a node defined before
    its key), at the end of the key's line."""
    if value.start_mark.index < key.start_mark.index:
        return _line_end(text, key.end_mark.index)
    return content_end(text, value)


# --- inserting ---------------------------------------------------------------------------


def insert(
    text: str,
    values_key: ScalarNode,
    values_node: Node,
    year: int,
    fields: Sequence[Field],
    layout: Layout,
) -> Edit:
    """The edit adding ``year`` with ``fields`` in year order."""
    entries = values_node.value if isinstance(values_node, MappingNode) else []
    before = [(k, v) for k, v in entries if (year_of(k) or 0) < year]
    block_line = f"{layout.key_indent}{year}:{layout.entry(fields, flow_style=False)}"
    if layout.flow:
        item = f"{year}:{layout.entry(fields, flow_style=True)}"
        if before:
            end = entry_end(text, *before[-1])
            return end, end, f", {item}"
        if entries:
            start = entries[0][0].start_mark.index
            return start, start, f"{item}, "
        # `values: {}` becomes a block mapping
        return (
            values_key.end_mark.index,
            values_node.end_mark.index,
            f":{layout.newline}{block_line}",
        )
    if not entries:  # `values:` with nothing after it
        end = _line_end(text, values_key.end_mark.index)
        return values_key.end_mark.index, end, f":{layout.newline}{block_line}"
    if before:
        at = after_line(text, entry_end(text, *before[-1]))
        if at == len(text) and not text.endswith(("\n", "\r")):
            return at, at, f"{layout.newline}{block_line}"
        return at, at, f"{block_line}{layout.newline}"
    at = line_start(text, entries[0][0].start_mark.index)
    return at, at, f"{block_line}{layout.newline}"


# --- changing an entry ---------------------------------------------------------------------


def replace_scalar_entry(
    text: str, key: ScalarNode, node: ScalarNode, fields: Sequence[Field], layout: Layout
) -> Edit:
    """``2019: 52196`` with more than a bare value: block lines in a block mapping with a
    plain key, a flow mapping in place of the scalar otherwise."""
    between = text[key.end_mark.index : node.start_mark.index]
    explicit = is_explicit_key(text, key) or _BREAK.search(between) is not None
    if layout.flow or explicit:
        return node.start_mark.index, node.end_mark.index, flow(fields)
    return key.end_mark.index, node.end_mark.index, ":" + layout.block(fields)


def content_end(text: str, node: Node) -> int:
    """Where the text of a value ends: a flow collection or a plain or quoted scalar at its
    end mark; a block mapping or sequence (whose end mark is the next key's position) at the
    end of its last value; a block scalar (``|``, ``>``) at the end of its last line of text."""
    while isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    end = node.end_mark.index
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        while end > node.start_mark.index and text[end - 1] in "\r\n ":
            end -= 1
    return end


def replace_value(text: str, key: Node, value: Node, replacement: str) -> Edit:
    """The edit putting ``replacement`` (one line) as the value of ``key``: in place of a
    flow or one-line value; after the key's colon for a value on lines of its own (a block
    scalar, a block mapping such as a note given per language), whose lines go, keeping the
    line break that ends them."""
    end = content_end(text, value)
    if isinstance(value, ScalarNode) and value.style not in ("|", ">"):
        return value.start_mark.index, value.end_mark.index, replacement
    if isinstance(value, MappingNode | SequenceNode) and value.flow_style:
        return value.start_mark.index, value.end_mark.index, replacement
    return key.end_mark.index, end, f": {replacement}"


def add_fields(
    text: str, node: MappingNode, after: Node, added: Sequence[Field], layout: Layout
) -> Edit:
    """Fields added to an entry after the field ``after``: on lines of their own in a block
    mapping, after a comma in a flow one."""
    if node.flow_style:
        at = after.end_mark.index
        return at, at, "".join(f", {k}: {v}" for k, v in added)
    at = after_line(text, after.end_mark.index)
    lines = "".join(f"{layout.field_indent}{k}: {v}{layout.newline}" for k, v in added)
    if at == len(text) and not text.endswith(("\n", "\r")):
        lines = layout.newline + lines.removesuffix(layout.newline)
    return at, at, lines


def remove_field(text: str, node: MappingNode, name: str) -> Edit:
    """The edit that removes the field ``name`` of an entry: its whole lines in a block
    mapping (from its key's line to the end of its value's, comments there included), or
    the pair and one comma in a flow mapping."""
    pairs = node.value
    index = next(
        i for i, (k, _) in enumerate(pairs) if isinstance(k, ScalarNode) and k.value == name
    )
    key, value = pairs[index]
    if not node.flow_style:
        return (
            line_start(text, key.start_mark.index),
            after_line(text, content_end(text, value)),
            "",
        )
    if index > 0:
        return pairs[index - 1][1].end_mark.index, value.end_mark.index, ""
    return key.start_mark.index, pairs[1][0].start_mark.index, ""
