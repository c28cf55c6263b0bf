"""Issue 20 (board20c, item 5): the site's methods page, the page a board reads, describes the
rules the report applies: the tolerance behind "on track" when the projection falls short,
ranks judged in places, a change of zero as no change, and the linear projection of a
share; in every language, with the numbers of docs/methods.md."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.site.conftest import LANGS, build, write_data

INDICATOR = """\
id: share
name: {fi: Osuus, sv: Andel, en: Share}
goal: g
unit: percent
direction: increase
values: {2018: 8.5, 2024: 12.9}
targets: [{value: 20, year: 2030, kind: target}]
"""
#: Words of each rule in each language (a number or term docs/methods.md gives).
RULES = {
    "en": ["0.95", "5 per cent", "half a place a year", "change of zero",
           "straight line in percentage points", "its status is no change",
           "net balance", "exceptional", "near a band edge"],
    "fi": ["0,95", "5 prosenttia", "puolen sijan nousu vuodessa", "nollamuutos",
           "suoraa viivaa prosenttiyksikköinä", "tila on ei muutosta",
           "nettosaldo", "poikkeukselliseksi", "lähellä luokkarajaa"],
    "sv": ["0,95", "5 procent", "en halv placering per år", "förändring på noll",
           "rät linje i procentenheter", "status är ingen förändring",
           "nettosaldo", "exceptionellt", "nära en klassgräns"],
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_the_methods_page_gives_the_rules_the_report_applies(tmp_path: Path, lang: str) -> None:
    data = write_data(tmp_path / "data", {"share": INDICATOR})
    out = tmp_path / "public"
    build(CliRunner(), out, "2024", "--lang", lang, data=data)
    page = (out / "2024" / lang / "methods.html").read_text(encoding="utf-8")
    text = " ".join(page.split()).lower()
    missing = [words for words in RULES[lang] if words.lower() not in text]
    assert not missing, missing
