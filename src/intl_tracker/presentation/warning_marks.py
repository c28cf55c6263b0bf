"""The ⚠ of a value that ``validate`` warns about, its words, and its legend items.

A value a status rests on may carry a warning (a probable typo that is not unmistakable, an
estimate without a note: ``dataset.plausibility.value_warnings``); the report never shows it
as if it were checked. The value cell gets ⚠ after the value ("0.71⚠"), and "⚠2015" names
another warned value of the assessed period (the base, say); ``show`` and the site mark the
value and say why in its roles. The same mark in every format and language.
"""

from __future__ import annotations

from collections.abc import Sequence

from intl_tracker.core.i18n import N_, translator
from intl_tracker.presentation.views import ReportRow, ReportView

#: The mark of a value that carries a warning, the same in every language and format.
WARNING_MARK = "⚠"

_WORDS: dict[str, str] = {
    "implausible-jump": N_("about ten times or a tenth of its neighbours"),
    "percent-as-fraction": N_("looks like a fraction among percentages"),
    "estimate-without-note": N_("estimate without a note"),
}


def warning_words(codes: Sequence[str], lang: str) -> str:
    """ "⚠ looks like a fraction among percentages": the words of each code (the code itself
    for one without words), after the mark; "" for no code."""
    if not codes:
        return ""
    t = translator(lang)
    words = ", ".join(t.gettext(_WORDS[c]) if c in _WORDS else c for c in codes)
    return f"{WARNING_MARK} {words}"


def marked(text: str, codes: Sequence[str]) -> str:
    """``text`` (a formatted value) with ⚠ when the value carries a warning."""
    return f"{text}{WARNING_MARK}" if codes else text


def other_warned_years(row: ReportRow) -> list[str]:
    """ "⚠2015" for each warned value of the assessed period but the assessed one."""
    assessed = row.assessment.year
    return [f"{WARNING_MARK}{year}" for year, _ in row.period_warnings if year != assessed]


def warning_legend(view: ReportView, lang: str) -> list[str]:
    """The legend items of the mark, when a row of ``view`` shows it (else none)."""
    shown = [r for r in view.rows if r.period_warnings]
    compared = [
        r
        for r in view.rows
        if r.comparison is not None and r.warnings_at(r.comparison.earlier.year)
    ]
    if not shown and not compared:
        return []
    t = translator(lang)
    items = [
        t.gettext(
            "{mark} a warning of intl-tracker validate on the value (a probable typo, or an "
            "estimate without a note): check it before presenting the status"
        ).format(mark=WARNING_MARK)
    ]
    other = next((y for r in shown for y, _ in r.period_warnings if y != r.assessment.year), None)
    if other is not None:
        words = t.gettext(
            "{mark}{year}: the same on the value of {year}, on which the status rests"
        )
        items.append(words.format(mark=WARNING_MARK, year=other))
    return items
