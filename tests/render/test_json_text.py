"""The JSON writer of every document (json_text.py): orjson, two-space indent, UTF-8."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from intl_tracker.render.json_documents.json_text import json_text

_TEXT = st.text(st.characters(exclude_categories=("Cs",)))  # a lone surrogate is no text
_LEAVES = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | _TEXT
_NUMBERS = st.floats(allow_nan=False, allow_infinity=False)
_DOCUMENTS = st.recursive(
    _LEAVES | _NUMBERS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=30,
)


@given(_DOCUMENTS)
def test_every_document_reads_back_as_itself(document: Any) -> None:
    text = json_text(document)
    assert text.endswith("\n")
    assert json.loads(text) == document


_PLAIN_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp")))


@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers(-(2**63), 2**63 - 1)
        | _PLAIN_TEXT
        | _NUMBERS.filter(lambda x: x == 0 or 1e-4 <= abs(x) < 1e16),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_PLAIN_TEXT, inner, max_size=4),
        max_leaves=30,
    )
)
def test_the_text_is_the_standard_librarys_indented_json(document: Any) -> None:
    """Byte for byte ``json.dumps(indent=2, ensure_ascii=False)`` where no number needs an
    exponent (orjson writes 0.00001 where json writes 1e-05: the same number) and no text
    holds a control or format character (escaped here, see the test below)."""
    assert json_text(document) == json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def test_small_numbers_keep_their_value_and_control_characters_are_escaped() -> None:
    text = json_text({"cagr": -7.5175039196353e-05, "name": "a\x1b[31mb\u2028"})
    assert json.loads(text)["cagr"] == -7.5175039196353e-05
    assert "\x1b" not in text and "\\u001b" in text


def test_text_that_could_drive_a_terminal_is_escaped() -> None:
    """DEL, the C1 controls (U+009B opens a terminal escape), bidi overrides and the line
    separators are written as escapes: the same strings to a reader, inert on a screen."""
    name = "a\x7fb\x9b31mc\u202ed\u2028e\u2066f"
    text = json_text({"name": name})
    assert not set(text) & set("\x7f\x9b\u202e\u2028\u2066")
    assert json.loads(text)["name"] == name


def test_an_integer_beyond_64_bits_is_still_written() -> None:
    """orjson refuses it; the standard library writes the document instead."""
    assert json.loads(json_text({"n": 2**70, "cagr": 0.5})) == {"n": 2**70, "cagr": 0.5}
