"""The one table of words every renderer shares, and the functions that put them in a language.

The words are English message ids marked with :func:`~intl_tracker.core.i18n.N_` so that Babel
extracts them into the catalogue; each function translates through
:func:`intl_tracker.core.i18n.translator`. A word that two renderers both print (a status, a unit,
a value's flag, a target's kind, a marker's legend) is defined here once, so it reads the
same in the report, ``show``, the charts and the site. Words used by a single renderer stay in
that renderer, translated with the same catalogue. A method's own words (its name, how it
judges, its pace, its class names) are declared by its module
(:class:`~intl_tracker.assessment.registry.AssessmentMethod`) and translated here.

Terms kept apart on purpose (one word for one thing in every language):

- *projection* (the value at the current pace in the target year) vs *forecast* (a target
  kind: a figure the programme tracks but does not commit to);
- *status* (the assessment's verdict) vs *flag* (whether a value is final, provisional or
  estimated);
- *estimated* (a value's flag) vs *assessed* (the year the status was judged on).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from intl_tracker.assessment import registry
from intl_tracker.assessment.numeric import note_field_kind
from intl_tracker.core.i18n import N_, translator
from intl_tracker.core.vocabulary import Basis, Pace, Status, status_message
from intl_tracker.dataset.models import localize
from intl_tracker.presentation.number_format import (
    NO_NUMBER,
    RATE_DECIMALS,
    RATIO_DECIMALS,
    finite,
    format_number,
    format_percent,
    format_quantity,
)

if TYPE_CHECKING:
    from intl_tracker.assessment.records import Assessment, Note

#: Decimals of a number inside a reason when the caller does not give the indicator's.
REASON_DECIMALS = 2

#: A value's flag (models.ValueStatus).
VALUE_FLAGS: dict[str, str] = {
    "final": N_("final"),
    "provisional": N_("provisional"),
    "estimated": N_("estimated"),
}

#: A target's kind (models.TargetKind), in the sense "a commitment" / "a tracked forecast".
TARGET_KINDS: dict[str, str] = {
    "target": N_("committed target"),
    "forecast": N_("forecast"),
}

#: Units the tool knows, in words; any other unit is printed as written in the data.
UNIT_NAMES: dict[str, str] = {
    "percent": N_("percent (%)"),
    "count": N_("count"),
    "rank": N_("rank"),
    "eur": N_("euros (EUR)"),
    "index": N_("index"),
}

DIRECTIONS: dict[str, str] = {
    "increase": N_("increase (higher is better)"),
    "decrease": N_("decrease (lower is better)"),
}

PACE_NAMES: dict[Pace, str] = {
    Pace.ENDPOINTS: N_("two end points"),
    Pace.FITTED: N_("fitted through every point"),
}

PACE_NOTES: dict[Pace, str] = {
    Pace.ENDPOINTS: N_("pace from the two end points of the period (CAGR)"),
    Pace.FITTED: N_("pace fitted through every point of the period (log-linear)"),
}


def status_label(status: Status, lang: str, trend_only: bool = False) -> str:
    """The status in words in ``lang`` ("on track", "oikealla uralla", "på rätt väg"); a
    judgement without a target in Eurostat's words ("significant progress", never "on track")."""
    return translator(lang).gettext(status_message(status, trend_only))


def count_label(status: Status, lang: str, n: int, trend_only: bool = False) -> str:
    """ "3 on track", "1 måttligt framsteg", "2 kohtalaista edistystä": a count of rows with
    a status, in the number form the language needs (gettext plural forms; Finnish takes the
    partitive after a numeral above one, Swedish a plural adjective)."""
    t = translator(lang)
    forms = _count_forms(status, trend_only, t.ngettext, n)
    return forms.format(n=n)


def _count_forms(
    status: Status, trend: bool, ngettext: Callable[[str, str, int], str], n: int
) -> str:
    """The plural-form message of one status's count (each a literal, for Babel)."""
    if trend and status is Status.ON_TRACK:
        return ngettext("{n} significant progress", "{n} significant progress", n)
    if trend and status is Status.MODERATE:
        return ngettext("{n} moderate progress", "{n} moderate progress", n)
    if status is Status.NO_CHANGE:
        return ngettext("{n} no change", "{n} no change", n)
    if trend and status is Status.INSUFFICIENT:
        return ngettext("{n} moderate movement away", "{n} moderate movement away", n)
    if trend and status is Status.MOVING_AWAY:
        return ngettext("{n} significant movement away", "{n} significant movement away", n)
    return {
        Status.TARGET_MET: ngettext("{n} target met", "{n} target met", n),
        Status.ON_TRACK: ngettext("{n} on track", "{n} on track", n),
        Status.MODERATE: ngettext("{n} needs acceleration", "{n} needs acceleration", n),
        Status.INSUFFICIENT: ngettext("{n} insufficient progress", "{n} insufficient progress", n),
        Status.MOVING_AWAY: ngettext("{n} moving away", "{n} moving away", n),
        Status.MISSED: ngettext("{n} target missed", "{n} target missed", n),
        Status.INSUFFICIENT_DATA: ngettext("{n} insufficient data", "{n} insufficient data", n),
    }[status]


#: What a status was judged against, in words (headlines count in this order).
BASIS_WORDS: dict[Basis, str] = {
    Basis.COMMITMENT: N_("Against commitments"),
    Basis.FORECAST: N_("Against forecasts"),
    Basis.TREND: N_("Trend only, no target"),
}


#: The mark after a status judged against something other than a commitment, wherever the
#: status is written without its target beside it (CSV/JSON ``status_label``, the site, the
#: --compare and --by tables, the chart badge): a forecast is never read as a commitment.
BASIS_MARKS: dict[Basis, str] = {
    Basis.FORECAST: N_("(forecast)"),
    Basis.TREND: N_("(trend)"),
}


def basis_mark(basis: Basis | None, lang: str) -> str | None:
    """ "(forecast)" or "(trend)" in ``lang``; None for a commitment or nothing judged."""
    return None if basis not in BASIS_MARKS else translator(lang).gettext(BASIS_MARKS[basis])


def judged_label(status: Status, lang: str, basis: Basis | None) -> str:
    """The status in words with what it was judged against when that is not a commitment:
    "on track (forecast)", "significant progress (trend)", "needs acceleration"."""
    words = status_label(status, lang, basis is Basis.TREND)
    mark = basis_mark(basis, lang)
    return words if mark is None else f"{words} {mark}"


def basis_words(basis: Basis, lang: str) -> str:
    return translator(lang).gettext(BASIS_WORDS[basis])


def value_flag(status: str, lang: str) -> str:
    """A value's flag in words; an unknown flag as written."""
    return translator(lang).gettext(VALUE_FLAGS[status]) if status in VALUE_FLAGS else status


def target_kind(kind: str, lang: str) -> str:
    """A target's kind in words ("commitment", "forecast")."""
    return translator(lang).gettext(TARGET_KINDS[kind]) if kind in TARGET_KINDS else kind


def unit_name(unit: str, lang: str, label: dict[str, str] | None = None) -> str:
    """The unit in words in ``lang``: the indicator's own ``unit_label`` when it has one
    (``lang``, else English, else its first language), else the catalogue's words for a
    built-in unit (percent, count, rank, eur, index), else the unit id as written."""
    if label:
        return localize(label, lang)
    return translator(lang).gettext(UNIT_NAMES[unit]) if unit in UNIT_NAMES else unit


#: Units whose numbers need no word after them: the percent sign is in the number, and the
#: indicator's name says what is counted, ranked or scored.
BARE_UNITS = frozenset({"percent", "count", "rank", "index"})


def unit_suffix_text(unit: str, lang: str, label: dict[str, str] | None = None) -> str | None:
    """The unit a table names beside an indicator or after a header ("kt CO₂e", "€"): the
    indicator's ``unit_label``, € for euros, a unit id of the data's own as written; None for
    percent, counts, ranks and index points (see BARE_UNITS), as the site writes them."""
    if label:
        return localize(label, lang)
    if unit == "eur":
        return "€"
    return None if unit in BARE_UNITS else unit


def value_text(
    x: float | None,
    unit: str,
    decimals: int,
    lang: str,
    label: dict[str, str] | None = None,
    *,
    marker: str = "",
) -> str:
    """A value written on its own (a chart's label, away from any header naming the unit):
    the number by the one number rule, its ``marker`` (ᵉ, ᵖ) and the unit's words when the
    number does not carry them ("212 kt CO₂e", "712ᵉ kt CO₂e", "36.5 %")."""
    number = format_quantity(x, unit, decimals, lang) + marker
    suffix = unit_suffix_text(unit, lang, label) if finite(x) is not None else None
    return number if suffix is None else f"{number} {suffix}"


def direction_words(direction: str, lang: str) -> str:
    return translator(lang).gettext(DIRECTIONS[direction])


def method_name(method: str, lang: str) -> str:
    """The method's name in words ("UN progress chart (UNSD)"). Raises UnknownMethodError."""
    return translator(lang).gettext(registry.method(method).title)


def method_note(method: str, pace: Pace, lang: str) -> str:
    """The method's name, how it judges, and which pace it uses, in one line: "ratio method
    (Eurostat / Statistics Canada): actual ÷ required growth rate …; pace …" (the ``--pace`` in
    force, or the method's own pace: dns). Raises UnknownMethodError."""
    t = translator(lang)
    chosen = registry.method(method)
    pace_note = PACE_NOTES[pace] if chosen.pace_note is None else chosen.pace_note
    # one name per method everywhere: its translated title, never its code in prose (a
    # summary that still opens with "code: " has it removed)
    summary = t.gettext(chosen.summary).removeprefix(f"{chosen.name}: ")
    return f"{method_name(method, lang)}: {summary}; {t.gettext(pace_note)}"


def pace_name(pace: Pace, lang: str) -> str:
    return translator(lang).gettext(PACE_NAMES[pace])


def method_class(name: str, lang: str) -> str:
    """A method's own class name ("significant progress", "sun") in ``lang``."""
    return translator(lang).gettext(name) if name else name


def reason_text(
    assessment: Assessment,
    lang: str,
    decimals: int = REASON_DECIMALS,
    *,
    unit: str = "",
    label: dict[str, str] | None = None,
) -> str | None:
    """Why the status is what it is, in ``lang``; None when nothing needs saying. Numbers in
    it are shown with ``decimals`` (the indicator's display decimals) in ``lang``, with the
    indicator's ``unit`` (and ``label``, its ``unit_label``) by the one number rule: "36.5 %",
    "+1.2 pp", "up 2 places", "712 kt CO₂e".

    The engine gives its reasons as notes (an English template and its fields) where it can;
    each template is translated through the catalogue. Without notes, the engine's English
    ``reason`` is returned as it is.
    """
    notes = getattr(assessment, "notes", None)
    if not notes:
        return assessment.reason
    return "; ".join(note_text(n, lang, decimals, unit=unit, label=label) for n in notes)


def places_text(change: float | None, lang: str, *, a_year: bool = False) -> str:
    """A change of rank in places, never in percent: "up 4 places" (towards rank 1) for -4,
    "down 1 place" for +1, "no change" for 0; ``a_year``: a pace ("up 0.8 places a year")."""
    t = translator(lang)
    x = finite(change)
    if x is None:
        return NO_NUMBER
    if x == 0:
        return t.gettext("no change")
    whole = float(x).is_integer()
    number = format_number(abs(x), 0 if whole else 1, lang)
    n = int(abs(x)) if whole else 2
    if a_year:
        up = t.ngettext("up {n} place a year", "up {n} places a year", n)
        down = t.ngettext("down {n} place a year", "down {n} places a year", n)
    else:
        up = t.ngettext("up {n} place", "up {n} places", n)
        down = t.ngettext("down {n} place", "down {n} places", n)
    return (up if x < 0 else down).format(n=number)


def reason_number(
    name: str,
    x: float,
    decimals: int,
    lang: str,
    *,
    unit: str = "",
    label: dict[str, str] | None = None,
) -> str:
    """A number of a reason by its kind (``numeric.note_field_kind``): a progress ratio
    (RATIO_DECIMALS: 0.974), a percentage (RATE_DECIMALS with the locale's sign: "5.0%",
    "5,0 %"), a change (pp for a percentage, places for a rank, else signed in the unit) or
    a value in the indicator's unit with ``decimals`` ("36.5 %", "712 kt CO₂e")."""
    kind = note_field_kind(name)
    if kind == "score":
        return format_number(x, RATIO_DECIMALS, lang)
    if kind == "pct":
        return format_percent(x, RATE_DECIMALS, lang)
    suffix = unit_suffix_text(unit, lang, label) if unit else None
    if kind == "change":
        if unit == "rank":
            return places_text(x, lang)
        number = format_number(x, decimals, lang, sign=True)
        if unit == "percent":
            return translator(lang).gettext("{number} pp").format(number=number)
    elif unit == "percent":
        return format_percent(x, decimals, lang)
    else:
        number = format_number(x, decimals, lang)
    return number if suffix is None else f"{number} {suffix}"


def note_text(
    note: Note,
    lang: str,
    decimals: int = REASON_DECIMALS,
    *,
    unit: str = "",
    label: dict[str, str] | None = None,
) -> str:
    """One reason in ``lang``; its numbers (not its years) by the number rule with
    ``decimals`` and the indicator's ``unit`` ("projektio 36,5 % …"), as every other number
    of the report reads."""
    fields = dict(note.params)
    for name, x in note.numbers:
        fields[name] = reason_number(name, x, decimals, lang, unit=unit, label=label)
    return translator(lang).gettext(note.template).format(**fields)
