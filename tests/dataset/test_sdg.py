"""The SDG crosswalk (issue 25): the official list shipped as package data, the codes an
indicator or an objective names checked against it, the reporting statuses and their default
rule, and the report regrouped by SDG goal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.dataset.loading import load_data_set
from intl_tracker.dataset.models import Catalog, Indicator, Objective
from intl_tracker.dataset.sdg import (
    OPEN_SDG_REPORTING_CODES,
    REPORTING_STATUSES,
    indicator_reporting_status,
    known_codes,
    objective_reporting_status,
    sdg_list,
    sdg_name,
    suggestion,
)
from intl_tracker.presentation.sdg_view import grouped_by_sdg
from tests.conftest import REPO

GOALS = """\
programme: {id: p, name: {en: Programme, fi: Ohjelma, sv: Programmet}}
goals:
  - id: g
    number: 1
    name: {en: City, fi: Kaupunki, sv: Staden}
    objectives:
      - {id: measured, text: {en: Measured}}
      - {id: unmeasured, text: {en: Unmeasured}, sdg: ["16.6"]}
      - id: searched
        text: {en: Searched}
        reporting_status: exploring_data_sources
        reporting_note: {en: "Searched the city's pages; nothing found.", fi: "Ei löytynyt."}
"""


def _indicator(identifier: str, values: dict[int, float], **fields: object) -> Indicator:
    return Indicator.model_validate(
        {"id": identifier, "name": {"en": identifier}, "goal": "g", "unit": "count",
         "direction": "increase", "values": values, **fields}
    )  # fmt: skip


def test_the_shipped_list_has_17_goals_169_targets_and_names_its_sources() -> None:
    data = sdg_list()
    assert len(data["goals"]) == 17
    assert len(data["targets"]) == 169
    assert all(code.split(".")[0] in data["goals"] for code in data["targets"])
    assert all(".".join(code.split(".")[:2]) in data["targets"] for code in data["indicators"])
    for goal in data["goals"].values():
        assert set(goal["short"]) == {"en", "fi", "sv"}
    for lang in ("en", "fi", "sv"):
        assert data["sources"][lang]["url"].startswith("https://")
        assert data["sources"][lang]["licence"]
    assert "MIT" in data["sources"]["en"]["licence"]


def test_names_fall_back_to_english_and_say_so() -> None:
    assert sdg_name("11", "fi") == ("Kestävät kaupungit ja yhteisöt", None)
    assert sdg_name("13", "sv") == ("Bekämpa klimatförändringarna", None)
    name, fallback = sdg_name("11.6", "fi")
    assert name.startswith("By 2030, reduce the adverse per capita environmental impact")
    assert fallback == "en"
    assert sdg_name("13.2.2", "en") == ("Total greenhouse gas emissions per year", None)


@pytest.mark.parametrize(
    ("code", "hint"),
    [("11.66", "'11.6'"), ("3.99", "'3.9'"), ("x", "a target (11.6)")],
)
def test_an_unknown_code_gets_the_closest_known_one(code: str, hint: str) -> None:
    assert code not in known_codes()
    assert hint in suggestion(code)


def test_reporting_status_defaults_from_the_count_of_values() -> None:
    assert indicator_reporting_status(_indicator("a", {})).status == "exploring_data_sources"
    assert indicator_reporting_status(_indicator("b", {2020: 1})).status == "in_progress"
    default = indicator_reporting_status(_indicator("c", {2020: 1, 2021: 2}))
    assert (default.status, default.declared) == ("complete", False)
    declared = indicator_reporting_status(
        _indicator("d", {2020: 1, 2021: 2}, reporting_status="not_applicable")
    )
    assert (declared.status, declared.declared) == ("not_applicable", True)


def test_an_objective_takes_its_most_complete_indicator_else_exploring() -> None:
    objective = Objective.model_validate({"id": "o", "text": {"en": "O"}})
    one, two = _indicator("a", {2020: 1}), _indicator("b", {2020: 1, 2021: 2})
    assert objective_reporting_status(objective, [one, two]).status == "complete"
    assert objective_reporting_status(objective, [one]).status == "in_progress"
    assert objective_reporting_status(objective, []).status == "exploring_data_sources"


def test_open_sdg_has_a_code_for_each_of_the_four_statuses() -> None:
    assert set(OPEN_SDG_REPORTING_CODES) == set(REPORTING_STATUSES)
    assert set(OPEN_SDG_REPORTING_CODES.values()) == {
        "complete", "inprogress", "notstarted", "notapplicable"
    }  # fmt: skip


def _data_set(root: Path) -> Path:
    (root / "indicators").mkdir(parents=True)
    (root / "goals.yaml").write_text(GOALS, encoding="utf-8")
    files = {
        "both": 'sdg: ["11.6", "13.2.2"]\nobjectives: [measured]\n',
        "climate": 'sdg: ["13.2"]\n',
        "none": "",
    }
    for identifier, extra in files.items():
        text = (
            f"id: {identifier}\nname: {{en: {identifier}}}\ngoal: g\n{extra}unit: count\n"
            "direction: increase\nvalues: {2020: 1, 2021: 2}\n"
        )
        (root / "indicators" / f"{identifier}.yaml").write_text(text, encoding="utf-8")
    return root


def _catalog(root: Path) -> Catalog:
    result = load_data_set(root)
    assert result.catalog is not None, result.problems
    return result.catalog


def test_grouped_by_sdg_puts_an_indicator_under_its_first_code_and_keeps_the_unlinked(
    tmp_path: Path,
) -> None:
    grouped = grouped_by_sdg(_catalog(_data_set(tmp_path)))
    assert [(g.id, g.number) for g in grouped.goals] == [
        ("sdg-11", 11), ("sdg-13", 13), ("sdg-none", 0)
    ]  # fmt: skip
    assert [(i.id, i.goal) for i in grouped.indicators] == [
        ("both", "sdg-11"), ("climate", "sdg-13"), ("none", "sdg-none")
    ]  # fmt: skip
    assert grouped.goals[-1].name["fi"] != grouped.goals[-1].name["en"]


def test_report_by_sdg_in_json_names_its_grouping(tmp_path: Path) -> None:
    root = _data_set(tmp_path)
    result = CliRunner().invoke(
        app, ["report", "2021", "--by-sdg", "--format", "json", "--data", str(root)]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["grouped_by"] == "sdg"
    assert [g["id"] for g in document["goals"]] == ["sdg-11", "sdg-13", "sdg-none"]
    assert [(i["id"], i["goal"]) for i in document["indicators"]] == [
        ("both", "sdg-11"), ("climate", "sdg-13"), ("none", "sdg-none")
    ]  # fmt: skip
    assert document["indicators"][0]["sdg"] == ["11.6", "13.2.2"]


def test_the_report_json_shows_every_objective_with_its_reporting_status(tmp_path: Path) -> None:
    root = _data_set(tmp_path)
    result = CliRunner().invoke(app, ["report", "2021", "--format", "json", "--data", str(root)])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["grouped_by"] == "goal"
    objectives = {o["id"]: o for o in document["goals"][0]["objectives"]}
    assert objectives["measured"]["indicators"] == ["both"]
    assert objectives["measured"]["reporting_status"] == "complete"
    unmeasured = objectives["unmeasured"]
    assert (unmeasured["indicators"], unmeasured["reporting_status"]) == (
        [], "exploring_data_sources"
    )  # fmt: skip
    assert unmeasured["reporting_status_declared"] is False
    assert unmeasured["sdg"] == ["16.6"]
    searched = objectives["searched"]
    assert searched["reporting_status_declared"] is True
    assert searched["reporting_note"] == "Searched the city's pages; nothing found."
    both = document["indicators"][0]
    assert (both["sdg"], both["reporting_status"]) == (["11.6", "13.2.2"], "complete")


def test_list_shows_sdg_codes_and_the_reporting_status(tmp_path: Path) -> None:
    root = _data_set(tmp_path)
    result = CliRunner().invoke(app, ["list", "--data", str(root), "--lang", "fi"])
    assert result.exit_code == 0, result.output
    assert "11.6, 13.2.2" in result.stdout
    assert "valmis*" in result.stdout
    listed = CliRunner().invoke(app, ["list", "--format", "json", "--data", str(root)])
    rows = json.loads(listed.stdout)["indicators"]
    assert [r["sdg"] for r in rows] == [["11.6", "13.2.2"], ["13.2"], []]


def test_an_unknown_code_fails_validation_with_exit_1(tmp_path: Path) -> None:
    root = _data_set(tmp_path)
    path = root / "indicators" / "climate.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"13.2"', '"13.22"'), "utf-8")
    result = CliRunner().invoke(app, ["validate", "--data", str(root)])
    assert result.exit_code == 1
    assert "climate.yaml:4:7: error [unknown-sdg] unknown SDG code '13.22'; did you mean" in (
        result.stdout
    )


def test_the_bundled_data_measure_every_objective_or_say_why_not() -> None:
    catalog = _catalog(REPO / "data")
    for goal in catalog.goals:
        for objective in goal.objectives:
            members = [i for i in catalog.indicators if objective.id in i.objectives]
            status = objective_reporting_status(objective, members)
            if status.status != "complete":
                assert status.declared, objective.id
                note = objective.reporting_note
                assert isinstance(note, dict) and set(note) >= {"fi", "sv", "en"}, objective.id
    declared = {
        o.id: o.reporting_status for g in catalog.goals for o in g.objectives if o.reporting_status
    }
    assert declared == {
        "quality-services": "exploring_data_sources",
        "international-competence": "exploring_data_sources",
    }


def test_every_bundled_sdg_tag_has_its_reasoning_in_the_data_readme() -> None:
    catalog = _catalog(REPO / "data")
    readme = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    section = readme.split("## SDG crosswalk", 1)[1].split("\n## ", 1)[0]
    tagged = [i for i in catalog.indicators if i.sdg]
    assert len(tagged) >= 8
    for indicator in tagged:
        line = next(x for x in section.splitlines() if x.startswith(f"| `{indicator.id}` |"))
        for code in indicator.sdg:
            assert f"`{code}`" in line, (indicator.id, code)
    for indicator in catalog.indicators:
        assert f"`{indicator.id}`" in section, indicator.id
