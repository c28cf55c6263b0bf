"""Numbers as the human formats print them, in English or Finnish (standard library only).

Shared by the report (``reporting.py``, ``report_table.py``) and ``show`` (``show_output.py``,
``charts.py``). Missing, NaN and infinite numbers are never printed as numbers: an em dash
stands in for them.
"""

from __future__ import annotations

import math

#: What stands for a missing number in every human format.
NO_NUMBER = "\u2014"  # em dash, as in every table of the tool


def finite(x: float | None) -> float | None:
    """``x`` as a plain float, or None when it is missing, a bool, NaN or infinite (JSON has no
    NaN)."""
    if x is None or isinstance(x, bool):
        return None
    number = float(x)
    return number if math.isfinite(number) else None


def auto_decimals(x: float) -> int:
    """Decimals for a number without a given precision: none for whole numbers and from 1,000
    up, else 2."""
    return 0 if abs(x) >= 1000 or x == int(x) else 2


def format_number(
    x: float | None,
    decimals: int | None,
    lang: str,
    *,
    sign: bool = False,
) -> str:
    """``x`` rounded to ``decimals`` with thousands grouping: 12,345.6 (en), 12 345,6 (fi).

    ``decimals`` None: see :func:`auto_decimals`. With ``sign``, a "+" precedes positive
    numbers; a number that rounds to zero has no sign (never "-0.0"). NO_NUMBER for None,
    NaN and infinity.
    """
    number = finite(x)
    if number is None:
        return NO_NUMBER
    if decimals is None:
        decimals = auto_decimals(number)
    rounded = round(number, decimals)
    if rounded == 0:
        rounded = 0.0  # no "-0.0"
    text = format(rounded, f"{'+' if sign and rounded > 0 else ''},.{decimals}f")
    if lang == "fi":  # a non-breaking space groups thousands, a comma marks decimals
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def format_rate(
    fraction: float | None,
    decimals: int,
    lang: str,
    *,
    sign: bool = True,
) -> str:
    """A rate given as a fraction, in percent without the "%": 0.0283 -> "+2.8"
    (``decimals`` 1)."""
    number = finite(fraction)
    return NO_NUMBER if number is None else format_number(100 * number, decimals, lang, sign=sign)
