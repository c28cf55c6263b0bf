"""The one number rule of every human format: decimal half-up rounding, locale formatting.

Display rounding is decimal half-up on the number *as written in the data*: a float is read
through ``Decimal(repr(x))``, so 22.15 (stored as 22.149999…) shows as 22.2, 2.5 as 3 and
-2.5 as -3 at 0 decimals, and 0.125 as 0.13 at 2 decimals. The precision is the indicator's
``decimals``, else one default per unit (:func:`display_decimals`). The digits are then laid
out by Babel with the language's CLDR symbols: en ``12,345.6``; fi and sv ``12 345,6`` with a
no-break space (U+00A0) grouping thousands and a decimal comma; the percent sign follows the
locale too (``22.9%`` in en, ``22,9 %`` in fi and sv).

JSON and CSV never pass through here: they stay unrounded. For the supported languages (en,
fi, sv) the digits are grouped by Python's decimal formatting and the CLDR symbols come from a
table that a test checks against Babel (``format_number`` gives exactly Babel's
``format_decimal``); Babel itself is imported only for another language or a date, so no
command of the supported languages pays its import (about 5 ms) on start-up.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.core import Locale
    from babel.numbers import NumberPattern

#: What stands for a missing number in every human format.
NO_NUMBER = "\u2014"  # em dash

#: Display precision per unit when an indicator gives no ``decimals``.
DEFAULT_DECIMALS_BY_UNIT: dict[str, int] = {"percent": 1, "count": 0, "rank": 0, "eur": 0}
#: Display precision of any other unit (index, a unit of the data set's own) when no number
#: is written to infer it from.
FALLBACK_DECIMALS = 2
#: The most decimals inferred from the numbers written for a unit without a default.
INFERRED_MAX_DECIMALS = 4
# Enough digits for every finite float (up to 1.8e308) at the largest precision (6 decimals):
# the default context's 28 digits would reject 1e27 at one decimal.
_EXACT = Context(prec=330)

#: Decimals of a growth rate in percent per year (+2.8 %/y) and of a relative change (+4.5 %).
RATE_DECIMALS = 1
#: Decimals of a progress ratio (R, CR): enough to tell 0.946 from the 0.95 band edge.
RATIO_DECIMALS = 3


def finite(x: float | None) -> float | None:
    """``x`` as a plain float, or None when it is missing, a bool, NaN or infinite."""
    if x is None or isinstance(x, bool):
        return None
    number = float(x)
    return number if math.isfinite(number) else None


def display_decimals(decimals: int | None, unit: str, written: Iterable[float] = ()) -> int:
    """The precision to show: ``decimals`` when given, else the decimals of the numbers as
    ``written`` in the data (the values and targets; 97 → 0, 3.44 → 2), at most the unit's
    default for a built-in unit (percent 1; count, rank and eur 0) and at most
    INFERRED_MAX_DECIMALS for any other; without numbers, the unit's default (any other unit:
    FALLBACK_DECIMALS). So whole numbers of a custom unit print as "97", never "97.00"."""
    if decimals is not None:
        return decimals
    default = DEFAULT_DECIMALS_BY_UNIT.get(unit, FALLBACK_DECIMALS)
    places = [written_decimals(x) for x in written if finite(x) is not None]
    if not places:
        return default
    cap = DEFAULT_DECIMALS_BY_UNIT.get(unit, INFERRED_MAX_DECIMALS)
    return min(max(places), cap)


def written_decimals(x: float) -> int:
    """The decimals of ``x`` as written (its shortest form): 97.0 → 0, 22.15 → 2, 1e-05 → 5."""
    exponent = Decimal(repr(float(x))).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def round_half_up(x: float, decimals: int) -> Decimal:
    """``x`` rounded half away from zero to ``decimals`` places, on its shortest decimal form.

    ``repr`` gives the shortest string that reads back as the same float, which is the
    number as typed in the data (``22.15``), not its binary approximation. A result of zero
    is never negative.
    """
    rounded = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP, _EXACT)
    return rounded.copy_abs() if rounded.is_zero() else rounded


@cache
def _pattern(decimals: int) -> NumberPattern:
    """Babel's parsed pattern for ``decimals`` places with grouping ("#,##0.0"): parsed once,
    not on every number as ``format_decimal`` does."""
    from babel.numbers import parse_pattern

    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))


#: The CLDR number symbols (Latin digits) of the supported languages, as Babel's locale data
#: has them. Loading a language's whole Babel data to read them costs about 13 ms, a sixth of
#: what ``report`` adds to Python's start-up; ``tests/presentation/test_number_format.py`` checks
#: this table against Babel's data, so a Babel or CLDR update that changes a symbol fails the
#: tests (copy the new value from the failure). A language missing here is formatted by Babel.
CLDR_NUMBER_SYMBOLS: dict[str, dict[str, str]] = {
    "en": {
        "decimal": ".",
        "group": ",",
        "list": ";",
        "percentSign": "%",
        "plusSign": "+",
        "minusSign": "-",
        "approximatelySign": "~",
        "exponential": "E",
        "superscriptingExponent": "\u00d7",
        "perMille": "\u2030",
        "infinity": "\u221e",
        "nan": "NaN",
        "timeSeparator": ":",
    },
    "fi": {
        "decimal": ",",
        "group": "\u00a0",
        "list": ";",
        "percentSign": "%",
        "plusSign": "+",
        "minusSign": "\u2212",
        "approximatelySign": "~",
        "exponential": "E",
        "superscriptingExponent": "\u00d7",
        "perMille": "\u2030",
        "infinity": "\u221e",
        "nan": "ep\u00e4luku",
        "timeSeparator": ".",
    },
    "sv": {
        "decimal": ",",
        "group": "\u00a0",
        "list": ";",
        "percentSign": "%",
        "plusSign": "+",
        "minusSign": "\u2212",
        "approximatelySign": "~",
        "exponential": "\u00d710^",
        "superscriptingExponent": "\u00d7",
        "perMille": "\u2030",
        "infinity": "\u221e",
        "nan": "NaN",
        "timeSeparator": ":",
    },
}
#: The CLDR percent pattern of the supported languages (Babel's ``Locale.percent_formats``),
#: checked against Babel by the same test.
CLDR_PERCENT_PATTERNS: dict[str, str] = {"en": "#,##0%", "fi": "#,##0\u00a0%", "sv": "#,##0\u00a0%"}


@cache
def _locale(lang: str) -> Locale:
    """Babel's locale of ``lang`` (a language outside CLDR_NUMBER_SYMBOLS), made once."""
    from babel.core import Locale

    return Locale.parse(lang)


@cache
def _symbols(lang: str) -> tuple[str, str]:
    """The locale's plus sign and the text around a percentage ("{}%" or "{}\u00a0%")."""
    symbols = CLDR_NUMBER_SYMBOLS.get(lang)
    if symbols is not None:
        # The table's percent pattern with its number part replaced ("#,##0\u00a0%" ->
        # "{}\u00a0%") and the locale's percent sign, as Babel lays it out.
        around = CLDR_PERCENT_PATTERNS[lang].replace("#,##0", "{}", 1)
        return symbols["plusSign"], around.replace("%", symbols["percentSign"])
    from babel.numbers import get_plus_sign_symbol, parse_pattern

    locale = _locale(lang)
    pattern = locale.percent_formats[None].pattern
    # What babel.numbers.format_percent does with 1, where the digits are a placeholder.
    percent = parse_pattern(pattern).apply(1, locale).replace("100", "{}", 1)
    return get_plus_sign_symbol(locale), percent


def format_number(x: float | None, decimals: int, lang: str, *, sign: bool = False) -> str:
    """``x`` rounded half-up to ``decimals`` and laid out for ``lang`` ("12,345.6", "12 345,6").

    With ``sign`` a plus sign precedes a positive result (a result of zero has no sign).
    NO_NUMBER for None, NaN and infinity. ``lang`` is a supported language code.
    """
    number = finite(x)
    if number is None:
        return NO_NUMBER
    return _format_finite(number, decimals, lang, sign)


# A page or a report formats the same numbers many times (a value in the table, the report
# line and the chart; the site's 1,000 indicator pages: 125,000 calls, 56,000 different), and
# each costs Babel about 5 microseconds. Bounded: memory stays flat on any data set.
@lru_cache(maxsize=1 << 16)
def _format_finite(number: float, decimals: int, lang: str, sign: bool) -> str:
    rounded = round_half_up(number, decimals)
    symbols = CLDR_NUMBER_SYMBOLS.get(lang)
    if symbols is not None:
        text = _grouped(rounded, decimals, symbols)
    else:
        with localcontext(_EXACT):  # Babel quantizes again, in the current context
            # What babel.numbers.format_decimal does, with the pattern and locale parsed once.
            text = _pattern(decimals).apply(rounded, _locale(lang))
    if sign and rounded > 0:
        text = _symbols(lang)[0] + text
    return text


def _grouped(rounded: Decimal, decimals: int, symbols: dict[str, str]) -> str:
    """``rounded`` (already at ``decimals`` places) with its thousands grouped by three and the
    language's decimal and group symbols, as Babel applies the pattern ``#,##0.0…`` (which
    groups by three in every language of the table, and writes a negative number with the
    pattern's ``-``, not the locale's minus sign)."""
    text = format(rounded, f",.{decimals}f")  # "-12,345.6"
    swap = {",": symbols["group"], ".": symbols["decimal"]}
    return "".join(swap.get(char, char) for char in text)


def format_percent(x: float | None, decimals: int, lang: str, *, sign: bool = False) -> str:
    """A number already in percent with the locale's percent sign: 22.9 -> "22.9%", "22,9 %"."""
    text = format_number(x, decimals, lang, sign=sign)
    return text if text == NO_NUMBER else _symbols(lang)[1].format(text)


def format_rate(fraction: float | None, lang: str, *, sign: bool = True) -> str:
    """A yearly growth rate given as a fraction, in percent without the sign "%":
    0.0283 -> "+2.8" (RATE_DECIMALS)."""
    number = finite(fraction)
    if number is None:
        return NO_NUMBER
    return format_number(_times_100(number), RATE_DECIMALS, lang, sign=sign)


def format_rate_percent(fraction: float | None, lang: str, *, sign: bool = True) -> str:
    """A yearly growth rate given as a fraction, as a percentage: 0.0283 -> "+2.8%", "+2,8 %"."""
    number = finite(fraction)
    if number is None:
        return NO_NUMBER
    return format_percent(_times_100(number), RATE_DECIMALS, lang, sign=sign)


def format_quantity(
    x: float | None, unit: str, decimals: int, lang: str, *, sign: bool = False
) -> str:
    """A value in its unit: percent with the locale's percent sign, anything else bare."""
    if unit == "percent":
        return format_percent(x, decimals, lang, sign=sign)
    return format_number(x, decimals, lang, sign=sign)


def _times_100(fraction: float) -> float:
    """``100 * fraction`` on the decimal digits, so 0.0285 becomes 2.85, not 2.8499999."""
    return float(Decimal(repr(fraction)).scaleb(2, _EXACT))


def format_day(day: date, lang: str) -> str:
    """``day`` as the language writes a date (CLDR's medium format): en ``Apr 30, 2026``,
    fi ``30.4.2026``, sv ``30 apr. 2026``."""
    from babel.dates import format_date

    return str(format_date(day, "medium", locale=lang))
