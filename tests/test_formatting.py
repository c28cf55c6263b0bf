"""The shared number formatting (formatting.py) and status vocabulary (vocabulary.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from intl_tracker import assessment, vocabulary
from intl_tracker.formatting import NO_NUMBER, finite, format_number, format_rate
from intl_tracker.vocabulary import (
    STATUS_LABELS,
    STATUS_LABELS_BY_LANG,
    STATUS_STYLES,
    STATUS_SYMBOLS,
    Status,
    status_label,
)

NBSP = "\u00a0"

# --- finite ---------------------------------------------------------------------------------


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


# --- format_number --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "decimals", "lang", "sign", "expected"),
    [
        (12345.678, 1, "en", False, "12,345.7"),
        (12345.678, 1, "fi", False, f"12{NBSP}345,7"),
        (160457, 0, "en", False, "160,457"),
        (160457, 0, "fi", False, f"160{NBSP}457"),
        (1234567.25, 2, "fi", False, f"1{NBSP}234{NBSP}567,25"),
        (23.6, 1, "fi", False, "23,6"),
        (23.6, 1, "de", False, "23.6"),  # other languages: English conventions
        (2.0, 0, "en", True, "+2"),
        (0.9, 1, "en", True, "+0.9"),
        (0.9, 1, "fi", True, "+0,9"),
        (-0.5, 1, "en", True, "-0.5"),
        (-1234.5, 0, "en", True, "-1,234"),  # half to even, as Python rounds
        (-1234.5, 0, "fi", True, f"-1{NBSP}234"),
    ],
)
def test_format_number(x: float, decimals: int, lang: str, sign: bool, expected: str) -> None:
    assert format_number(x, decimals, lang, sign=sign) == expected


@pytest.mark.parametrize(
    ("x", "decimals", "sign", "expected"),
    [
        (-0.04, 1, True, "0.0"),
        (-0.04, 1, False, "0.0"),
        (0.04, 1, True, "0.0"),
        (-0.4, 0, False, "0"),
        (0.0, 0, True, "0"),
        (-0.0, 2, False, "0.00"),
    ],
)
def test_format_number_rounding_to_zero_has_no_sign(
    x: float, decimals: int, sign: bool, expected: str
) -> None:
    assert format_number(x, decimals, "en", sign=sign) == expected


@pytest.mark.parametrize("x", [None, float("nan"), float("inf"), float("-inf")])
def test_format_number_missing(x: float | None) -> None:
    assert format_number(x, 1, "en") == NO_NUMBER == "\u2014"
    assert format_number(x, 1, "fi", sign=True) == NO_NUMBER


@pytest.mark.parametrize(
    ("x", "expected"),
    [(12.0, "12"), (12.345, "12.35"), (1234.5, "1,234"), (-3.0, "-3"), (0.5, "0.50")],
)
def test_format_number_without_decimals_picks_them(x: float, expected: str) -> None:
    assert format_number(x, None, "en") == expected


# --- format_rate ----------------------------------------------------------------------------


def test_format_rate() -> None:
    assert format_rate(0.0283, 1, "en") == "+2.8"
    assert format_rate(0.0283, 2, "fi") == "+2,83"
    assert format_rate(-0.0283, 1, "en") == "-2.8"
    assert format_rate(0.0283, 2, "en", sign=False) == "2.83"
    assert format_rate(-0.0001, 1, "en") == "0.0"
    assert format_rate(None, 1, "en") == NO_NUMBER
    assert format_rate(float("nan"), 1, "en") == NO_NUMBER


# --- vocabulary -----------------------------------------------------------------------------


def test_every_status_has_a_label_in_every_language_a_symbol_and_a_style() -> None:
    assert set(STATUS_LABELS_BY_LANG) >= {"en", "fi"}
    for labels in STATUS_LABELS_BY_LANG.values():
        assert set(labels) == set(Status)
        assert all(labels.values())
    assert set(STATUS_SYMBOLS) == set(Status)
    assert len(set(STATUS_SYMBOLS.values())) == len(Status)  # no two statuses look alike
    assert set(STATUS_STYLES) == set(Status)


def test_status_label_falls_back_to_english() -> None:
    assert status_label(Status.ON_TRACK, "fi") == "oikealla uralla"
    assert status_label(Status.ON_TRACK, "en") == "on track"
    for status in Status:
        assert status_label(status, "sv") == STATUS_LABELS[status]
        assert status_label(status, "") == STATUS_LABELS[status]


def test_assessment_still_exports_the_vocabulary() -> None:
    assert assessment.Method is vocabulary.Method
    assert assessment.Pace is vocabulary.Pace
    assert assessment.Status is vocabulary.Status
    assert assessment.STATUS_LABELS is vocabulary.STATUS_LABELS


def test_vocabulary_and_formatting_import_cheaply() -> None:
    """The CLI imports vocabulary at start-up: no pydantic, Rich, YAML or engine behind it."""
    code = (
        "import sys\n"
        "import intl_tracker.vocabulary, intl_tracker.formatting\n"
        "heavy = ('pydantic', 'rich', 'yaml', 'typer', 'intl_tracker.models',"
        " 'intl_tracker.assessment')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
