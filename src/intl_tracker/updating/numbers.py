"""The text of a number written into a data file: plain decimal digits that every YAML
reader reads as the same number.

``record`` takes the number as typed and ``import`` as the source gives it; both are written
through ``number_text``, which refuses a text that would be read back as another number, and
normalises one that other readers could misread:

- ``010`` -> ``10`` (a leading zero makes an octal 8 in YAML 1.1 readers: PyYAML's default,
  yamllint, many editors' plugins); ``+5`` -> ``5``; ``-0`` -> ``0``; ``.5`` -> ``0.5``;
- ``1e3`` -> ``1000``, ``2.5E-3`` -> ``0.0025`` (YAML 1.1 reads ``1e3`` as text);
- refused: ``1e-400`` (it would be read as 0), ``0.10000000000000001`` or a 20-digit count
  (a value keeps about 17 significant digits: they would be read as another number), a text
  longer than ``MAX_DIGITS`` characters once written plainly, NaN and infinities.

Digits after the decimal point are kept as given (``23.60`` stays ``23.60``: the same number).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

_NUMBER = re.compile(r"^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
# The longest number text written (sign, digits and point): 1e18 with 6 decimals fits.
MAX_DIGITS = 40


class NumberTextError(ValueError):
    """The text is not a number that can be written as it reads; the message says why."""


def number_text(text: str) -> str:
    """``text`` as it will be written: plain decimal digits (see the module docstring).
    Raises NumberTextError."""
    cleaned = text.strip().removeprefix("+")
    if "," in cleaned and _NUMBER.match(cleaned.replace(",", ".")):
        raise NumberTextError(f"'{text}' is not a number; use a dot as the decimal separator")
    if len(cleaned) > 4 * MAX_DIGITS or not _NUMBER.match(cleaned):
        raise NumberTextError(f"'{text}' is not a number (write e.g. 326280 or 23.6)")
    try:
        exact = Decimal(cleaned)
    except InvalidOperation:
        raise NumberTextError(f"'{text}' is not a number (write e.g. 326280 or 23.6)") from None
    read = float(exact)
    if read == 0 and not exact.is_zero():
        raise NumberTextError(f"'{text}' is too small to be stored: it would be read as 0")
    if not math.isfinite(read):
        raise NumberTextError(f"'{text}' is too large to be stored")
    plain = _plain(exact)
    if len(plain) > MAX_DIGITS:
        raise NumberTextError(
            f"'{text}' has too many digits to be written plainly (at most {MAX_DIGITS})"
        )
    if Decimal(repr(read)) != exact:
        raise NumberTextError(
            f"'{text}' has more significant digits than a value keeps: it would be read as "
            f"{plain_number(read)}"
        )
    return plain


def _plain(number: Decimal) -> str:
    """Fixed-point digits with no exponent and no leading zeros; ``-0`` as ``0``; a text
    longer than ``MAX_DIGITS`` (not built) for a number far from 1."""
    if abs(number.adjusted()) > MAX_DIGITS:
        return "0" * (MAX_DIGITS + 1)
    return f"{abs(number) if number.is_zero() else number:f}"


def plain_number(value: float) -> str:
    """A file's value as it would be written: ``1234567``, ``23.6`` (never ``1.23457e+06``,
    which is not the number in the file)."""
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = repr(value)
    if "e" in text or "E" in text:
        return f"{Decimal(text):f}"
    return text
