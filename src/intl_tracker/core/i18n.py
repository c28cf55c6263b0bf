"""The text catalogue: every word intl-tracker prints, in English, Finnish and Swedish.

English is the message id. The Finnish and Swedish texts live in standard gettext catalogues,
``locale/<lang>/LC_MESSAGES/intl_tracker.po``, which translators edit with any PO editor and
which are maintained with Babel (docs/development/architecture.md, "Words and translations")::

    pybabel extract -F babel.cfg -k note -k Note --no-location --sort-output --omit-header \\
        -o src/intl_tracker/locale/intl_tracker.pot .
    pybabel update -i src/intl_tracker/locale/intl_tracker.pot -d src/intl_tracker/locale \\
        -D intl_tracker
    pybabel compile -d src/intl_tracker/locale -D intl_tracker

The compiled ``.mo`` files are checked in next to their ``.po`` files (a test fails when one
is out of date), so that the program reads them with the standard library's :mod:`gettext`
and never imports Babel to translate. This module imports nothing but the standard library.

A word that is the same in two roles but not in every language (English "target" is both a
goal figure and the kind "a commitment") gets a message context (``pgettext``), so that
Finnish and Swedish can use two words where they need them.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path
from typing import Protocol

from intl_tracker.core.errors import UsageError

#: Functions besides gettext's whose first argument is a message: the assessment engine's
#: notes (``_Draft.note(template, **fields)``, ``Note(template)``); ``pybabel extract -k``.
EXTRA_KEYWORDS: tuple[str, ...] = ("note", "Note")

#: The languages of the product's own words, English first (the message ids).
SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "fi", "sv")
DOMAIN = "intl_tracker"
LOCALE_DIR = Path(__file__).parent.parent / "locale"


class Translator(Protocol):
    """What :func:`translator` returns: the four gettext functions."""

    def gettext(self, message: str, /) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...
    def pgettext(self, context: str, message: str, /) -> str: ...
    def npgettext(self, context: str, singular: str, plural: str, n: int, /) -> str: ...


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it (module-level word tables)."""
    return message


def normalize_language(value: str) -> str:
    """The supported language code ``value`` names, case and surrounding blanks ignored.

    Raises :class:`~intl_tracker.core.errors.UsageError` (exit 2) naming the supported codes
    when ``value`` is none of them.
    """
    code = value.strip().lower()
    if code not in SUPPORTED_LANGUAGES:
        raise UsageError(
            f"unknown language {value!r}; use one of: {', '.join(SUPPORTED_LANGUAGES)}"
        )
    return code


@cache
def translator(lang: str) -> Translator:
    """The catalogue of ``lang`` (a code from SUPPORTED_LANGUAGES; English needs none).

    Raises :class:`~intl_tracker.core.errors.UsageError` for an unsupported code and
    FileNotFoundError when an installed catalogue is missing (a broken installation).
    """
    code = normalize_language(lang)
    if code == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[code])
