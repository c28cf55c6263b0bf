"""Untrusted text made harmless for each place it is written to.

Names, notes, sources and YAML keys come from data files that anyone can edit; file names
come from the file system. Written raw, an escape sequence in them can set the terminal's
clipboard (``ESC ]52``), plant a hidden link (``ESC ]8``) or clear the screen (``ESC [2J``);
a bidi override (U+202E) makes text read differently from what it holds; a newline lets a
YAML key start a new line of output (in GitHub Actions, a workflow command); a cell that
starts with ``=`` is a formula to a spreadsheet. Every renderer passes data text through
the function for its medium:

==================  ===========================================================
``visible``         terminal and piped text, SVG/PNG chart labels (one line)
``visible_block``   the same, keeping line breaks and tabs (multi-line notes)
``markdown``        a Markdown table cell or line
``github_data``     the message of a GitHub workflow command
``github_property`` a property value (``file=``, ``title=``) of a workflow command
``csv_cell``        a text cell of a CSV file (OWASP CSV-injection guard)
``link_target``     the address of a web page's link (http, https, mailto or relative)
==================  ===========================================================

What is neutralised is shown visibly, never dropped: ESC becomes ``\\x1b``, U+202E becomes
``\\u202e``, a byte of a non-UTF-8 file name becomes ``\\xff``. The output of ``visible``
holds only characters that XML 1.0 allows, so an SVG built from it is well-formed.
JSON output needs none of this: its writer (``json_text``, orjson) escapes control characters.
"""

from __future__ import annotations

import re

__all__ = [
    "LINK_SCHEMES",
    "csv_cell",
    "excerpt",
    "first_unsafe",
    "github_data",
    "github_property",
    "link_target",
    "looks_like_formula",
    "markdown",
    "visible",
    "visible_block",
]

# C0 controls (tab, LF and CR are added back for blocks), DEL and the C1 controls (U+009B
# is a one-character CSI to some terminals); the bidi embeddings, overrides, isolates and
# marks (Unicode TR9, and the "Trojan Source" paper, CVE-2021-42574); the line and
# paragraph separators; lone surrogates (from file names that are not UTF-8, which cannot
# be encoded at all); and the two non-characters XML forbids.
_C0 = "\x00-\x08\x0b\x0c\x0e-\x1f"
_SURROGATES = "\ud800-\udfff"
_WRITABLE_UNSAFE = "\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufffe\uffff"
_UNSAFE_CLASS = _C0 + _WRITABLE_UNSAFE + _SURROGATES
_UNSAFE_LINE = re.compile(f"[{_UNSAFE_CLASS}\t\n\r]")
#: What JSON text must escape beyond what the JSON standard requires (the C0 controls): the
#: rest of the class above but lone surrogates, which cannot be written at all.
JSON_UNSAFE = re.compile(f"[{_WRITABLE_UNSAFE}]")
_UNSAFE_BLOCK = re.compile(f"[{_UNSAFE_CLASS}\r]")

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` on one line with every control character, bidi control and undecodable byte
    written as a visible escape (``\\x1b``, ``\\u202e``, ``\\n``); other text unchanged.

    For terminals, piped text, chart labels (SVG is then well-formed XML) and any place
    where one record is one line.
    """
    if _UNSAFE_LINE.search(text) is None:  # the common case costs one scan
        return text
    return _UNSAFE_LINE.sub(_shown, text)


def first_unsafe(text: str) -> int | None:
    """The index of the first character of ``text`` that ``visible`` would escape other than
    tab, line feed and carriage return (a control character, a bidi control, a line or
    paragraph separator, a lone surrogate), None when there is none. For checking data files
    (validate refuses such characters in a breakdown file's cells and in goals.yaml's names)."""
    found = _UNSAFE_TEXT.search(text)
    return None if found is None else found.start()


_UNSAFE_TEXT = re.compile(f"[{_UNSAFE_CLASS}]")


def excerpt(text: str, limit: int = 40) -> str:
    """``text`` made ``visible`` and cut to its first ``limit`` characters with an ellipsis
    (``…``) when longer: for echoing a file's cell in a message, so a 100 KB cell gives a
    short line, and a control character in it cannot reach the terminal."""
    if len(text) <= limit:
        return visible(text)
    return visible(text[:limit]) + "\u2026"


def visible_block(text: str) -> str:
    """``visible`` but keeping line feeds and tabs: for multi-line text such as notes."""
    if _UNSAFE_BLOCK.search(text) is None:
        return text
    return _UNSAFE_BLOCK.sub(_shown, text)


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~$&"})
#: After ``@`` and ``#`` a zero-width space (as an entity, visible in the source): GitHub reads
#: ``@name`` as a mention (it notifies a person or a team) and ``#12`` or ``owner/repo#12``
#: as a reference (it links, and notes the comment in that issue); a backslash stops neither.
_MARKDOWN_REFERENCE = re.compile(r"(@(?=\w)|#(?=\d))")


def markdown(text: str) -> str:
    """``text`` as one Markdown table cell or line: made ``visible`` (a newline becomes
    ``\\n``), then the characters that start formatting, links, HTML, entities, math
    (``$``), strike-through or a new table cell escaped with a backslash, and mentions and
    issue references (``@name``, ``#12``) broken by a zero-width space (``&#8203;``). A bare
    address (``https://...``) stays: GitHub shows it as a link to itself, which misleads no
    one (the sources' addresses in notes are meant to be followed)."""
    escaped = visible(text).translate(_MARKDOWN_SPECIAL)
    return _MARKDOWN_REFERENCE.sub(r"\1&#8203;", escaped)


def github_data(text: str) -> str:
    """The message of a GitHub workflow command (``::error ...::MESSAGE``): made ``visible``
    (so nothing can end the command and start another), then ``%`` escaped the way
    ``@actions/core`` does."""
    return visible(text).replace("%", "%25")


def github_property(text: str) -> str:
    """A property value of a workflow command (``file=``, ``title=``): ``github_data`` plus
    ``:`` and ``,``, which would end the value."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


# OWASP, "CSV Injection": a cell beginning with one of these is a formula to Excel,
# LibreOffice or Google Sheets (tab and CR as well; the full-width forms are read as their
# ASCII twins by some spreadsheets).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula (OWASP): it starts with ``=``,
    ``+``, ``-``, ``@``, tab, CR or a full-width twin. ``csv_cell`` quotes such a cell; the
    workbook writer marks it as text with Excel's quote prefix."""
    return text.startswith(_FORMULA_START)


def csv_cell(text: str) -> str:
    """A text cell for CSV (OWASP CSV-injection guard): a cell starting with ``=``, ``+``,
    ``-``, ``@``, tab or CR gets a leading single quote, so a spreadsheet shows it as text
    instead of running it; control characters are made ``visible`` as everywhere else.
    Quoting of commas and quotes is left to the ``csv`` module. Numbers are not text and
    are never passed here (``-3.5`` stays a number)."""
    if text.startswith(_FORMULA_START):
        return "'" + visible(text)
    return visible(text)


#: The schemes a link from the data may have on a web page; any other (``javascript:``,
#: ``data:``, ``vbscript:``, ``file:``) is written as text, never as a link.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_URL_IGNORED = re.compile(r"[\t\n\r]")
_LEADING = "".join(map(chr, range(0x21)))


def link_target(url: str) -> str | None:
    """``url`` as the ``href`` of a link when a page may link to it, else None: http, https,
    mailto, or relative (no scheme). The scheme is read as a browser reads it (WHATWG URL):
    leading spaces and control characters are dropped and tabs and line breaks anywhere are
    ignored, so ``" java\tscript:..."`` is ``javascript:``. A backslash at the start (read as
    ``//`` by browsers) or a colon before the first slash without a valid scheme is refused.
    The address returned is made ``visible`` (controls shown, never live)."""
    cleaned = _URL_IGNORED.sub("", url).lstrip(_LEADING)
    if not cleaned:
        return None
    match = _SCHEME.match(cleaned)
    if match is not None:
        if match.group(1).lower() not in LINK_SCHEMES:
            return None
    elif cleaned.startswith("\\") or ":" in cleaned.split("/", 1)[0]:
        return None
    return visible(url.strip())
