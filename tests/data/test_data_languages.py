"""The Finnish and Swedish texts of the bundled data contain no English (issue 21, item 4).

A text given per language (a name, definition, value note, target note, source title, publisher
or source note: ``{fi: ..., sv: ..., en: ...}``) is shown on that language's page as one element
in that language: the site cannot tag an English quote or title inside it with ``lang="en"``
(WCAG 3.1.2). So a fi or sv text gives a quoted fact in its own language and describes an
English-language publication ("... (englanniksi)"); the English original stays in the ``en``
text. The check is a small list of English function words, which neither Finnish nor Swedish
uses as words; URLs and file paths are left out, and proper names that contain such a word are
allowed by name in ``PROPER_NAMES``.

The files are read with ``yaml.safe_load`` only, as in test_espoo_data.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).parents[2]
DATA_FILES = [REPO / "data" / "goals.yaml", *sorted((REPO / "data" / "indicators").glob("*.yaml"))]

# English words that are not words of Finnish or Swedish ("per", "in", "on", "all" and "at"
# are, so they are not listed).
ENGLISH_WORDS = frozenset(
    {
        *("the", "of", "and", "with", "from", "which", "that", "this", "these", "was", "were"),
        *("is", "are", "for", "by", "to", "has", "have", "its", "their", "among", "than"),
        *("into", "also", "cent", "over", "residents", "ranked", "staff", "figures", "key"),
        *("year", "years", "number", "survey", "record"),
    }
)
# Proper names that contain one of the words and may stay in a fi/sv text: none today. A name
# added here must be one the page may show untagged (WCAG 3.1.2 allows proper names).
PROPER_NAMES: tuple[str, ...] = ()
NOT_PROSE = re.compile(r"\S+://\S+|\S+\.(?:md|yaml|csv)\b")
WORD = re.compile(r"[^\W\d_]+")


def english_words(text: str) -> list[str]:
    """The English function words in ``text``, outside URLs, file paths and PROPER_NAMES."""
    prose = NOT_PROSE.sub(" ", text)
    for name in PROPER_NAMES:
        prose = prose.replace(name, " ")
    return [word for word in WORD.findall(prose) if word.lower() in ENGLISH_WORDS]


def _per_language_texts(node: Any, where: str) -> Iterator[tuple[str, str, str]]:
    """(where, language, text) for every fi/sv string of a per-language mapping in ``node``."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("fi", "sv") and isinstance(value, str):
                yield where, str(key), value
            else:
                yield from _per_language_texts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _per_language_texts(item, f"{where}[{index}]")


def _texts() -> list[tuple[str, str, str]]:
    found: list[tuple[str, str, str]] = []
    for path in DATA_FILES:
        with path.open(encoding="utf-8") as fh:
            found += _per_language_texts(yaml.safe_load(fh), path.name)
    return found


TEXTS = _texts()


def test_the_data_has_finnish_and_swedish_texts_to_check() -> None:
    languages = {lang for _, lang, _ in TEXTS}
    assert languages == {"fi", "sv"} and len(TEXTS) > 200


@pytest.mark.parametrize(
    "text",
    [
        "'48 per cent of Aalto's research and teaching staff hail from abroad'. Pääasiallinen",
        "Key figures of 2017 and reports (Aalto-yliopiston avainluvut 2017 ja raportit)",
        "Enligt staden har Esbo i slutet av 2030 'over 340,000 residents'.",
        "Ks. data/README.md, kohta Searched for and not found.",
    ],
)
def test_the_check_finds_english_quotes_and_titles(text: str) -> None:
    assert english_words(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tiedotteen mukaan 48 prosenttia Aallon tutkimus- ja opetushenkilöstöstä on ulkomailta.",
        "Enligt källan steg poängen med 0,07 poäng till 3,44. Utsläpp per invånare.",
        "Englanninkielinen sivu: https://www.espoo.fi/en/employment-jobs-and-unemployment",
        "Se data/README.md (på engelska), avsnittet om uppgifter som söktes men inte hittades.",
    ],
)
def test_the_check_passes_finnish_swedish_urls_and_paths(text: str) -> None:
    assert english_words(text) == []


def test_no_finnish_or_swedish_text_of_the_bundled_data_contains_english() -> None:
    found = [
        f"{where} ({lang}): {english_words(text)}: {text[:120]}"
        for where, lang, text in TEXTS
        if english_words(text)
    ]
    assert not found, "English in a fi/sv text (say it in the page's language):\n" + "\n".join(
        found
    )
