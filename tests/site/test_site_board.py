"""Issue 20, breaker review of the site (notes item numbers): goal pages give the notes that
explain statuses (item 16); the values table's last column has a real name (item 17g)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from typer.testing import CliRunner

from tests.site.conftest import build

SHORT = {
    "id": "share",
    "name": {"en": "Share", "fi": "Osuus", "sv": "Andel"},
    "goal": "g",
    "unit": "index",
    "direction": "increase",
    "values": {2018: 8.5, 2024: 12.9},
    "targets": [{"value": 20, "year": 2030, "kind": "target"}],
}
GOALS = {
    "programme": {"id": "p", "name": {"en": "P", "fi": "P", "sv": "P"}},
    "goals": [{"id": "g", "number": 1, "name": {"en": "G", "fi": "G", "sv": "G"}}],
}


def test_goal_pages_give_the_notes_report_html_gives(tmp_path: Path) -> None:
    """Item 16: a goal page dropped the row notes (e.g. an on-track status whose projection
    falls short: "falls short of the target 20"), which report.html prints."""
    data = tmp_path / "data"
    (data / "indicators").mkdir(parents=True)
    (data / "goals.yaml").write_text(yaml.safe_dump(GOALS), encoding="utf-8")
    (data / "indicators/share.yaml").write_text(yaml.safe_dump(SHORT), encoding="utf-8")
    out = tmp_path / "site"
    build(CliRunner(), out, "2024", "--lang", "en,fi", data=data)
    for lang, words in (("en", "falls short of the target"), ("fi", "jää alle tavoitearvon")):
        goal = (out / "2024" / lang / "goals" / "g.html").read_text(encoding="utf-8")
        report = (out / "2024" / lang / "report.html").read_text(encoding="utf-8")
        assert words in report
        assert words in goal, lang
        indicator = (out / "2024" / lang / "indicators" / "share.html").read_text("utf-8")
        headers = re.findall(r'<th scope="col"><span class="visually-hidden">([^<]*)<', indicator)
        assert headers and "\u2013" not in headers, headers  # item 17g: not announced as "dash"
