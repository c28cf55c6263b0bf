"""Widths of text in terminal cells, and wrapping that never loses a character.

Standard library only, for the plain-text tables (``list``, the piped report table). A wide
East Asian character (CJK, most emoji) takes two cells, a combining mark none. Wrapping breaks
between words; a word longer than the width (a long compound, a run of CJK characters) is
broken between characters, never inside one, so every character of the text is kept; a web
address is never broken.
"""

from __future__ import annotations

import unicodedata
from functools import cache


@cache
def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """How many terminal cells ``text`` takes."""
    if text.isascii():
        return len(text)
    return sum(_char_width(c) for c in text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` cells (on the left when ``right``)."""
    fill = " " * max(0, width - cell_width(text))
    return fill + text if right else text + fill


def _split_long(word: str, width: int) -> list[str]:
    pieces, current, used = [], "", 0
    for char in word:
        w = _char_width(char)
        if current and used + w > width:
            pieces.append(current)
            current, used = "", 0
        current += char
        used += w
    return [*pieces, current] if current else pieces


def wrap_cells(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken at spaces; [""] for no text.

    Every character is kept: joining the lines with spaces (or nothing, where a word was
    broken) gives back the words of ``text``. A web address is never broken: it stands whole
    on its own line, even when that line is wider than ``width``.
    """
    width = max(width, 2)
    lines: list[str] = []
    current, used = "", 0
    for word in (w for w in text.split(" ") if w):  # a no-break space does not break
        w = cell_width(word)
        if current and used + 1 + w <= width:
            current += " " + word
            used += 1 + w
            continue
        if current:
            lines.append(current)
        if w <= width or word.startswith(("https://", "http://")):
            current, used = word, w  # a web address stays whole, even past the width
            continue
        *full, current = _split_long(word, width)
        lines.extend(full)
        used = cell_width(current)
    if current:
        lines.append(current)
    return lines or [""]
