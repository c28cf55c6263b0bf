"""Issue 20, breaker item 8: `report --by` on old category values under a current total.

A made-up count: the total runs 2015-2024; its language groups were published for 2015 and
2016 only, partial in 2015 (one group missing) and whole in 2016 (they sum to the total).
Shown before: "2016" with no †, "significant progress" with no symbol or "(trend)", "No
category is moving away while the total progresses." comparing 2015-2016 with 2015-2024,
and "The categories do not cover the whole" although 2016 is whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.render.test_board_words import flat, run

GOALS = {
    "programme": {"id": "p", "name": {"en": "P"}},
    "goals": [{"id": "g", "number": 1, "name": {"en": "G"}}],
    "dimensions": [
        {
            "id": "language",
            "name": {"en": "Language group"},
            "categories": [
                {"code": "dom", "name": {"en": "Domestic"}},
                {"code": "for", "name": {"en": "Foreign"}},
            ],
        }
    ],
}
PEOPLE = {
    "id": "people",
    "name": {"en": "People"},
    "goal": "g",
    "unit": "count",
    "direction": "increase",
    "breakdowns": [{"by": "language", "partial": True}],
    "values": {y: 1000 + 10 * (y - 2015) for y in range(2015, 2025)},
}
CSV = "year,language,value\n2015,for,100\n2016,dom,890\n2016,for,120\n"


@pytest.fixture
def data(tmp_path: Path) -> str:
    (tmp_path / "indicators").mkdir()
    (tmp_path / "goals.yaml").write_text(yaml.safe_dump(GOALS), encoding="utf-8")
    (tmp_path / "indicators/people.yaml").write_text(yaml.safe_dump(PEOPLE), encoding="utf-8")
    (tmp_path / "indicators/people.csv").write_text(CSV, encoding="utf-8")
    return str(tmp_path)


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_old_categories_carry_the_reports_marks_and_periods(data: str, fmt: str) -> None:
    out = flat(run("report", "2024", "--data", data, "--by", "language", "-f", fmt).stdout)
    assert "2016†" in out
    assert "⇑ significant progress (trend)" in out
    assert "† stale:" in out and "(trend): judged on the trend alone" in out
    assert "(the total over 2015\u20132024, the categories over 2015\u20132016)" in out
    assert "do not cover the whole" not in out
    assert "The categories cover the whole in 2016; earlier years are partial." in out


def test_the_json_says_the_year_the_breakdown_is_whole(data: str) -> None:
    doc = json.loads(run("report", "2024", "--data", data, "--by", "language", "-f", "json").stdout)
    section = doc["indicators"][0]
    assert section["partial"] is True and section["whole_in"] == 2016
