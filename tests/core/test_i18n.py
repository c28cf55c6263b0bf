"""The text catalogue (i18n.py, locale/): complete in fi and sv, compiled, and used everywhere."""

from __future__ import annotations

import gettext
import io
import re
import subprocess
import sys
import textwrap
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from intl_tracker.assessment import registry
from intl_tracker.cli.commands import app
from intl_tracker.core.errors import UsageError
from intl_tracker.core.i18n import (
    EXTRA_KEYWORDS,
    LOCALE_DIR,
    SUPPORTED_LANGUAGES,
    normalize_language,
    translator,
)
from intl_tracker.core.vocabulary import Status
from intl_tracker.presentation.wording import status_label
from tests.conftest import REPO

SRC = REPO / "src" / "intl_tracker"
TRANSLATED = ("fi", "sv")


def _source_messages() -> set[tuple[str | None, str]]:
    """(context, msgid) of every message marked in the source, as Babel extracts them."""
    return set(_source_plurals())


@cache
def _source_plurals() -> dict[tuple[str | None, str], bool]:
    """(context, msgid) of every message of the source: True for an ngettext message
    (extracted once a run: a second of CPU each time, and the source does not change)."""
    found = {}
    keywords = {**DEFAULT_KEYWORDS, **dict.fromkeys(EXTRA_KEYWORDS)}
    for _file, _line, message, _comments, context in extract_from_dir(
        str(SRC), method_map=[("**.py", "python")], keywords=keywords
    ):
        plural = isinstance(message, tuple) and len(message) > 1 and message[1] is not None
        msgid = message[0] if isinstance(message, tuple) else message
        found[(context, msgid)] = found.get((context, msgid), False) or plural
    return found


def _forms(text: object) -> tuple[str, ...]:
    """A message's text as a tuple: one form, or one per plural form."""
    return tuple(str(t) for t in text) if isinstance(text, (tuple, list)) else (str(text),)


@cache
def _po(lang: str) -> dict[tuple[str | None, str], tuple[tuple[str, ...], bool]]:
    """(context, msgid) → (the translation's forms, fuzzy); a plural entry keyed by its
    singular msgid (read once a run; the tests only read it)."""
    with _po_path(lang).open("rb") as f:
        catalog = read_po(f, locale=lang)
    return {(m.context, _forms(m.id)[0]): (_forms(m.string), m.fuzzy) for m in catalog if m.id}


def _po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "intl_tracker.po"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_of_the_source_is_translated(lang: str) -> None:
    catalogue = _po(lang)
    missing = [
        m for m in sorted(_source_messages(), key=str)
        if not all(catalogue.get(m, (("",), False))[0])
    ]  # fmt: skip
    assert not missing, f"not translated to {lang}: {missing}"
    fuzzy = [m for m, (_, is_fuzzy) in catalogue.items() if is_fuzzy]
    assert not fuzzy, f"fuzzy in {lang}: {fuzzy}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_plural_messages_have_every_plural_form_of_the_language(lang: str) -> None:
    """An ngettext message is a plural entry with as many forms as Plural-Forms says."""
    with _po_path(lang).open("rb") as f:
        catalog = read_po(f, locale=lang)
    assert re.fullmatch(r"nplurals=\d+; plural=.+;", catalog.plural_forms)
    plural_in_source = {key for key, plural in _source_plurals().items() if plural}
    assert plural_in_source, "the source counts things with ngettext"
    for m in catalog:
        if not m.id:
            continue
        key = (m.context, _forms(m.id)[0])
        assert m.pluralizable == (key in plural_in_source), key
        if m.pluralizable:
            assert len(_forms(m.string)) == catalog.num_plurals, key


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_catalogue_holds_no_message_the_source_dropped(lang: str) -> None:
    assert set(_po(lang)) <= _source_messages()


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_compiled_catalogue_is_current(lang: str) -> None:
    """The checked-in .mo is what `pybabel compile` makes of the .po (see i18n.py)."""
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "intl_tracker.mo").open("rb") as f:
        compiled = {(m.context, _forms(m.id)[0]): _forms(m.string) for m in read_mo(f) if m.id}
    assert compiled == {key: forms for key, (forms, _) in _po(lang).items()}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_survive_translation(lang: str) -> None:
    for (_, msgid), (forms, _) in _po(lang).items():
        for text in forms:
            assert set(re.findall(r"\{\w+\}", msgid)) == set(re.findall(r"\{\w+\}", text)), msgid


@pytest.mark.parametrize(
    ("lang", "one", "many"),
    [
        ("en", "1 stale", "2 stale"),
        ("fi", "1 vanhentunut", "2 vanhentunutta"),
        ("sv", "1 inaktuell", "2 inaktuella"),
    ],
)
def test_counts_are_inflected(lang: str, one: str, many: str) -> None:
    t = translator(lang)
    assert t.ngettext("{n} stale", "{n} stale", 1).format(n=1) == one
    assert t.ngettext("{n} stale", "{n} stale", 2).format(n=2) == many


@pytest.mark.parametrize("name", registry.method_names())
def test_every_word_of_a_method_is_marked_for_the_catalogue(name: str) -> None:
    """A method's name, summary, pace note and class names are translated: each is a message
    of the source (marked with N_ in the method's module), so the catalogue tests cover it."""
    method = registry.method(name)
    words = {method.title, method.summary, *method.classes.values()}
    words |= {method.pace_note} if method.pace_note is not None else set()
    assert words <= {msgid for context, msgid in _source_messages() if context is None}


def test_no_two_statuses_read_the_same_in_any_language() -> None:
    for lang in SUPPORTED_LANGUAGES:
        labels = [status_label(s, lang) for s in Status]
        assert len(set(labels)) == len(labels), lang


@pytest.mark.parametrize("lang", TRANSLATED)
def test_one_word_is_never_used_for_two_things(lang: str) -> None:
    """The words the issue found doubled: projection vs forecast, status vs flag, estimated vs
    assessed, goal vs target."""
    t = translator(lang)
    pairs = [
        (t.gettext("Projection"), t.gettext("forecast")),
        (t.gettext("Status"), t.gettext("Flag")),
        (t.gettext("estimated"), t.gettext("assessed year")),
        (t.pgettext("programme goal", "Goal"), t.pgettext("figure to reach", "Target")),
    ]
    for a, b in pairs:
        assert a.lower() != b.lower()
        assert a.lower() not in b.lower().split() and b.lower() not in a.lower().split()


@pytest.mark.parametrize(("value", "expected"), [("en", "en"), ("FI", "fi"), (" Sv ", "sv")])
def test_lang_is_case_insensitive(value: str, expected: str) -> None:
    assert normalize_language(value) == expected


def test_an_unknown_language_is_a_usage_error_naming_the_supported_ones() -> None:
    with pytest.raises(UsageError, match="en, fi, sv"):
        normalize_language("de")


def test_an_unknown_lang_exits_2_on_every_command(runner: CliRunner) -> None:
    for args in (["report"], ["show", "population"], ["list"]):
        result = runner.invoke(app, [*args, "--lang", "xx"])
        assert result.exit_code == 2, args
        assert "en, fi, sv" in result.stderr


def test_english_needs_no_catalogue_and_others_are_gnu_catalogues() -> None:
    assert type(translator("en")) is gettext.NullTranslations
    assert isinstance(translator("fi"), gettext.GNUTranslations)
    assert translator("SV").gettext("on track") == "på rätt väg"


def test_translating_does_not_import_babel() -> None:
    code = (
        "import sys\nfrom intl_tracker.presentation.wording import status_label\n"
        "from intl_tracker.core.vocabulary import Status\n"
        "status_label(Status.ON_TRACK, 'fi')\nprint('babel' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


# --- no English in Finnish or Swedish output --------------------------------------------------

GOALS = """\
programme:
  id: p
  name: {fi: Ohjelma, sv: Programmet}
goals:
  - id: g
    number: 1
    name: {fi: Kaupunki, sv: Staden}
    objectives:
      - id: o
        text: {fi: Osaajat, sv: Talangerna}
"""
SHARE = """\
id: osuus
name: {fi: Osuus, sv: Andelen}
goal: g
objectives: [o]
unit: percent
direction: increase
baseline: 2015
definition: {fi: Määritelmä tässä, sv: Definitionen här}
responsible: {fi: Yksikkö, sv: Enheten}
targets:
  - {value: 30, year: 2030, kind: forecast}
  - {value: 28, year: 2028}
values:
  2015: 14.2
  2016: 15.2
  2017: {value: 16.0, status: estimated}
  2019: 17.0
  2020: 12.0
  2021: {value: 20.1, status: provisional}
"""
RANK = """\
id: sijoitus
name: {fi: Sijoitus, sv: Placeringen}
goal: g
unit: rank
direction: decrease
values: {2019: 9, 2020: 8, 2021: 12}
"""
EMPTY = """\
id: tyhja
name: {fi: Tyhjä, sv: Tomt}
goal: g
unit: index
direction: decrease
values: {}
"""


@pytest.fixture(scope="module")
def local_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("data")
    (root / "indicators").mkdir()
    (root / "goals.yaml").write_text(GOALS, encoding="utf-8")
    for name, text in {"osuus": SHARE, "sijoitus": RANK, "tyhja": EMPTY}.items():
        (root / "indicators" / f"{name}.yaml").write_text(textwrap.dedent(text), "utf-8")
    return root


def _english_only_words(lang: str) -> set[str]:
    """Words of the English messages that the language's translations never use."""
    english: set[str] = set()
    translated: set[str] = set()
    for (_context, msgid), (forms, _) in _po(lang).items():
        english |= set(re.findall(r"[A-Za-z]{3,}", re.sub(r"\{\w+\}", "", msgid)))
        translated |= set(re.findall(r"[A-Za-z]{3,}", " ".join(forms)))
    return {w.lower() for w in english} - {w.lower() for w in translated}


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize(
    "args",
    [
        ["report", "2021", "--format", "table"],
        ["report", "2021", "--format", "markdown"],
        ["report", "2021", "--method", "dns", "--pace", "fitted"],
        ["report", "2021", "--method", "unsd"],
        ["show", "osuus", "--year", "2021"],
        ["show", "osuus", "--method", "dns"],
        ["show", "sijoitus"],
        ["show", "tyhja"],
        ["list", "goals"],
        ["list", "indicators"],
    ],
)
def test_no_english_word_in_finnish_or_swedish_output(
    runner: CliRunner, local_data: Path, lang: str, args: list[str]
) -> None:
    result = runner.invoke(app, [*args, "--lang", lang, "--data", str(local_data)])
    assert result.exit_code == 0, result.output
    words = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", result.stdout)}
    leaked = words & _english_only_words(lang)
    assert not leaked, f"English in --lang {lang}: {sorted(leaked)}"


def test_the_leak_check_finds_english(local_data: Path) -> None:
    """The check above can fail: English output is full of words fi lacks."""
    out = io.StringIO()
    result = CliRunner().invoke(app, ["report", "2021", "--data", str(local_data)])
    out.write(result.stdout)
    assert {w.lower() for w in re.findall(r"[A-Za-z]{3,}", out.getvalue())} & _english_only_words(
        "fi"
    )


@pytest.mark.parametrize(
    ("lang", "forms"),
    [
        ("fi", {"ei vertailukelpoinen": "ei vertailukelpoista", "vanhentunut": "vanhentunutta"}),
        ("sv", {"inte jämförbar": "inte jämförbara", "oförändrad": "oförändrade",
                "inaktuell": "inaktuella"}),
    ],
)  # fmt: skip
def test_summary_counts_of_the_report_agree_with_their_number(
    runner: CliRunner, lang: str, forms: dict[str, str]
) -> None:
    """ "1 vanhentunut" but "2 vanhentunutta"; "12 inte jämförbara", never "1 inaktuella"."""
    data = str(REPO / "data")
    args = ["report", "2024", "--compare", "2020", "--lang", lang, "--data", data]
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    seen = 0
    for one, many in forms.items():
        for n, word in re.findall(rf"(\d+) ({re.escape(many)}|{re.escape(one)})\b", result.stdout):
            assert word == (one if n == "1" else many), (n, word)
            seen += 1
    assert seen >= 3
