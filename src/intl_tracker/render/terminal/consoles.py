"""The one way the human formats (report table, `show`) build a Rich console."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console


def build_console(out: TextIO, *, color: bool, width: int) -> Console:
    """A console writing to ``out``; colour only when asked.

    Explicit arguments win over FORCE_COLOR, NO_COLOR and COLUMNS (Rich would otherwise read
    them); ``color_system=None`` turns off every style code, even bold, and user strings are
    never read as markup or emoji codes.
    """
    return Console(
        file=out,
        width=width,
        no_color=not color,
        force_terminal=color,
        color_system="standard" if color else None,
        highlight=False,
        soft_wrap=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
    )
