"""The number rule (number_format.py): decimal half-up rounding and locale formatting."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intl_tracker.core.i18n import SUPPORTED_LANGUAGES
from intl_tracker.presentation.number_format import (
    CLDR_NUMBER_SYMBOLS,
    CLDR_PERCENT_PATTERNS,
    NO_NUMBER,
    display_decimals,
    finite,
    format_number,
    format_percent,
    format_quantity,
    format_rate,
    format_rate_percent,
    round_half_up,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (1.5, 1.5),
        (3, 3.0),
        (0.0, 0.0),
        (None, None),
        (float("nan"), None),
        (float("inf"), None),
        (float("-inf"), None),
        (True, None),
    ],
)
def test_finite(x: float | None, expected: float | None) -> None:
    result = finite(x)
    assert result == expected
    assert result is None or type(result) is float


@pytest.mark.parametrize(
    ("x", "decimals", "expected"),
    [
        (22.15, 1, "22.2"),  # 22.15 is stored as 22.1499999...; as written it rounds up
        (2.5, 0, "3"),
        (-2.5, 0, "-3"),  # half away from zero
        (0.125, 2, "0.13"),
        (1.005, 2, "1.01"),
        (0.5, 0, "1"),
        (1.45, 1, "1.5"),
        (-1234.5, 0, "-1,235"),
    ],
)
def test_rounding_is_decimal_half_up_on_the_number_as_written(
    x: float, decimals: int, expected: str
) -> None:
    assert format_number(x, decimals, "en") == expected


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_finnish_and_swedish_use_a_decimal_comma_and_no_break_space_grouping(lang: str) -> None:
    assert format_number(12345.678, 1, lang) == f"12{NBSP}345,7"
    assert format_number(1234567.25, 2, lang) == f"1{NBSP}234{NBSP}567,25"
    assert format_number(22.15, 1, lang) == "22,2"
    assert format_percent(22.9, 1, lang) == f"22,9{NBSP}%"
    assert format_percent(4.5, 1, lang, sign=True) == f"+4,5{NBSP}%"


def test_english_uses_a_point_and_comma_grouping() -> None:
    assert format_number(160457, 0, "en") == "160,457"
    assert format_number(12345.678, 1, "en") == "12,345.7"
    assert format_percent(22.9, 1, "en") == "22.9%"
    assert format_number(2.0, 0, "en", sign=True) == "+2"


@pytest.mark.parametrize(
    ("x", "decimals", "sign", "expected"),
    [(-0.04, 1, True, "0.0"), (-0.04, 1, False, "0.0"), (-0.4, 0, False, "0"), (0.0, 0, True, "0")],
)
def test_a_number_that_rounds_to_zero_has_no_sign(
    x: float, decimals: int, sign: bool, expected: str
) -> None:
    assert format_number(x, decimals, "en", sign=sign) == expected


@pytest.mark.parametrize("x", [None, float("nan"), float("inf"), float("-inf")])
def test_a_missing_number_is_an_em_dash(x: float | None) -> None:
    for lang in ("en", "fi", "sv"):
        assert format_number(x, 1, lang) == NO_NUMBER == "\u2014"
        assert format_quantity(x, "percent", 1, lang, sign=True) == NO_NUMBER
        assert format_rate(x, lang) == NO_NUMBER
        assert format_rate_percent(x, lang) == NO_NUMBER


def test_rates_are_fractions_shown_in_percent_with_one_decimal() -> None:
    assert format_rate(0.0283, "en") == "+2.8"
    assert format_rate(0.0285, "en") == "+2.9"  # 2.85 as written, not 2.8499999
    assert format_rate(-0.0283, "fi") == "-2,8"
    assert format_rate(0.0283, "en", sign=False) == "2.8"
    assert format_rate_percent(0.0283, "en") == "+2.8%"
    assert format_rate_percent(0.0283, "sv") == f"+2,8{NBSP}%"


def test_display_decimals_come_from_the_definition_else_the_unit() -> None:
    assert display_decimals(3, "percent") == 3
    assert display_decimals(None, "percent") == 1
    assert display_decimals(None, "count") == 0
    assert display_decimals(None, "rank") == 0
    assert display_decimals(None, "eur") == 0
    assert display_decimals(None, "kt-co2e") == 2


def test_very_large_numbers_keep_every_digit() -> None:
    assert format_number(6.7e14, 0, "en", sign=True) == "+670,000,000,000,000"
    assert format_number(1e15, 0, "fi") == NBSP.join(["1", "000", "000", "000", "000", "000"])


@given(st.integers(min_value=-(10**6), max_value=10**6), st.integers(min_value=0, max_value=99))
def test_a_written_half_always_rounds_away_from_zero(whole: int, hundredths: int) -> None:
    written = f"{abs(whole)}.{hundredths:02d}5"  # e.g. 22.155: exactly half way as written
    sign = "-" if whole < 0 else ""
    expected = Decimal(f"{abs(whole)}.{hundredths:02d}") + Decimal("0.01")
    assert round_half_up(float(sign + written), 2) == (-expected if sign else expected)


def test_importing_the_number_rule_does_not_import_babel() -> None:
    """Babel is imported by the first formatted number, not at start-up."""
    code = "import sys, intl_tracker.presentation.number_format; print('babel' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_the_cldr_symbol_table_is_babels_data(lang: str) -> None:
    """The table that spares loading a locale's whole data holds exactly Babel's CLDR values:
    a Babel update that changes a symbol or the percent pattern fails here."""
    from babel import Locale

    locale = Locale.parse(lang)
    assert dict(locale.number_symbols["latn"]) == CLDR_NUMBER_SYMBOLS[lang]
    assert locale.percent_formats[None].pattern == CLDR_PERCENT_PATTERNS[lang]
    assert locale.default_numbering_system == "latn"


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
@given(
    value=st.decimals(min_value=-(10**16), max_value=10**16, places=3, allow_nan=False),
    decimals=st.integers(min_value=0, max_value=3),
)
def test_numbers_read_as_babel_formats_them(lang: str, value: Decimal, decimals: int) -> None:
    """With the table, a number and a percentage are exactly Babel's own ``format_decimal``
    and ``format_percent`` of the half-up rounded value, in every supported language."""
    from babel.numbers import format_decimal
    from babel.numbers import format_percent as babel_percent

    x = float(value)
    rounded = round_half_up(x, decimals)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    assert format_number(x, decimals, lang) == format_decimal(rounded, pattern, locale=lang)
    percent = babel_percent(rounded / 100, pattern + "%", locale=lang)
    if lang != "en":  # CLDR's fi and sv percent pattern puts a no-break space before "%"
        percent = percent.replace("%", NBSP + "%")
    assert format_percent(x, decimals, lang) == percent


def test_a_language_outside_the_table_is_read_from_babel() -> None:
    """A language without a table entry still formats, with Babel's own data."""
    assert format_number(-1234.5, 1, "de") == "-1.234,5"
    assert format_percent(12.5, 1, "de") == "12,5\u00a0%"


def test_the_supported_languages_format_without_loading_babels_locale_data() -> None:
    """Loading a language's whole CLDR data costs 13 ms of every start; the table spares it."""
    code = (
        "import babel.localedata as data\n"
        "def refuse(*args, **kwargs): raise AssertionError('locale data loaded')\n"
        "data.load = refuse\n"
        "from intl_tracker.presentation.number_format import format_percent, format_number\n"
        "for lang in ('en', 'fi', 'sv'):\n"
        "    print(format_percent(22.15, 1, lang, sign=True), format_number(-1234.5, 1, lang))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "+22.2% -1,234.5",
        f"+22,2{NBSP}% -1{NBSP}234,5",
        f"+22,2{NBSP}% -1{NBSP}234,5",
    ]
