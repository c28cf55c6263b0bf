"""Untrusted text stays harmless: escapes, bidi overrides and formulas are shown, not run."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from intl_tracker.core.errors import Problem
from intl_tracker.core.text_safety import (
    csv_cell,
    github_data,
    github_property,
    markdown,
    visible,
    visible_block,
)

CLIPBOARD = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
HIDDEN_LINK = "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\"
CLEAR = "\x1b[2J"
RLO = "\u202e"


def test_escape_sequences_and_bidi_overrides_are_shown_visibly() -> None:
    assert visible(f"A{CLEAR}B") == "A\\x1b[2JB"
    assert visible(f"x{RLO}fdp.exe") == "x\\u202efdp.exe"
    assert visible(CLIPBOARD) == "\\x1b]52;c;ZWNobyBwd25lZA==\\x07"
    assert "\x1b" not in visible(HIDDEN_LINK)
    assert visible("\x9b31m") == "\\x9b31m"  # the one-byte CSI of C1


def test_plain_text_and_finnish_letters_are_unchanged() -> None:
    text = "Vieraskielisten osuus \u2013 Espoo 2030 (%), ÅÄÖ åäö 🇫🇮"
    assert visible(text) == text
    assert visible_block(text) == text


def test_visible_is_one_line_and_block_keeps_line_breaks() -> None:
    assert visible("a\nb\r\tc") == "a\\nb\\r\\tc"
    assert visible_block("a\nb\tc\rd") == "a\nb\tc\\rd"


def test_bytes_of_non_utf8_file_names_are_shown_as_bytes() -> None:
    name = b"indicators/\xff\xfe.yaml".decode("utf-8", "surrogateescape")
    assert visible(name) == "indicators/\\xff\\xfe.yaml"
    visible(name).encode("utf-8")  # encodable: no lone surrogate left


def test_problem_lines_are_one_line_whatever_the_key_holds() -> None:
    key = "x\n::warning file=README.md::pwned"
    line = str(Problem("a.yaml", 1, 1, "unknown-field", f"unknown field '{key}'"))
    assert "\n" not in line
    assert "\\n::warning" in line


def test_github_command_cannot_be_ended_by_the_data() -> None:
    message = github_data("bad\n::warning file=README.md::pwned\r%")
    assert "\n" not in message and "\r" not in message
    assert message.endswith("%25")
    assert github_property("a,b:c") == "a%2Cb%3Ac"


def test_markdown_cell_cannot_break_the_table_or_format() -> None:
    assert markdown("a|b\n*c*") == "a\\|b\\\\n\\*c\\*"


def test_csv_formula_guard_follows_owasp() -> None:
    for text in ('=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "\uff1d1"):
        assert csv_cell(text).startswith("'"), text
    assert csv_cell("Espoo") == "Espoo"
    assert csv_cell("a=b") == "a=b"


@given(st.text())
def test_visible_output_is_always_xml_text_and_one_line(text: str) -> None:
    shown = visible(text)
    assert "\n" not in shown and "\r" not in shown
    element = ET.fromstring(f"<t>{shown.replace('&', '&amp;').replace('<', '&lt;')}</t>")
    assert element.text in (shown, None)
    shown.encode("utf-8")
