"""The recorded answers for values by category (tests/data/pxweb/README.md) are built from
the bundled data's cited figures: every number in them is a figure the data set holds for
that year and category, and every mapping of the bundled data reads them without error."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.dataset.breakdowns import breakdown_table
from intl_tracker.dataset.loading import load_data_set
from tests.conftest import REPO

PXWEB = REPO / "tests" / "data" / "pxweb"


def _cells(name: str) -> dict[tuple[str, ...], Any]:
    cube = json.loads((PXWEB / f"{name}.json").read_text(encoding="utf-8"))
    axes = []
    for dim in cube["id"]:
        index = cube["dimension"][dim]["category"]["index"]
        axes.append(sorted(index, key=index.__getitem__))
    found: dict[tuple[str, ...], Any] = {}
    flat = 0

    def walk(depth: int, at: tuple[str, ...]) -> None:
        nonlocal flat
        if depth == len(axes):
            found[at] = cube["value"][flat]
            flat += 1
            return
        for code in axes[depth]:
            walk(depth + 1, (*at, code))

    walk(0, ())
    return found


def _data() -> tuple[Any, Any]:
    catalog = load_data_set(REPO / "data").catalog
    assert catalog is not None
    return catalog, {i.id: i for i in catalog.indicators}


def _by_category(catalog: Any, indicator: str, by: str) -> dict[tuple[str, int], float]:
    table = breakdown_table(catalog, indicator)
    assert table is not None
    return {
        (s.codes[0], year): obs.value for s in table.series((by,)) for year, obs in s.observations
    }


def test_the_aluesarjat_answer_holds_only_the_data_sets_figures() -> None:
    catalog, indicators = _data()
    groups = _by_category(catalog, "population", "language-group")
    foreign = indicators["foreign-language-population"].values
    names = {"1": "fi", "2": "sv", "3": "other"}
    checked = 0
    for (_, language, _, year, _), value in _cells("alu_vaerak_004p").items():
        if value is None:
            assert (names[language], int(year)) not in groups  # '..': no page gives it
            continue
        if language == "ALL":
            assert value == indicators["population"].values[int(year)].value
        elif (names[language], int(year)) in groups:
            assert value == groups[(names[language], int(year))]
        else:  # the 2017 foreign-language count: the headline of that indicator
            assert language == "3" and value == foreign[int(year)].value
        checked += 1
    assert checked == 13


def test_the_statfin_language_answer_holds_only_the_data_sets_figures() -> None:
    catalog, indicators = _data()
    languages = _by_category(catalog, "foreign-language-population", "language")
    groups = _by_category(catalog, "population", "language-group")
    for (_, language, _, year, _), value in _cells("11rm").items():
        if language == "SSS":
            assert value == indicators["population"].values[int(year)].value
        elif language == "sv":
            assert value == groups[("sv", int(year))]
        else:
            assert value == languages[(language, int(year))]


def test_the_bundled_mappings_read_the_recorded_answers() -> None:
    result = CliRunner().invoke(
        app,
        ["import", "population", "foreign-language-population", "--dry-run",
         "--pxweb-base", str(PXWEB), "--data", str(REPO / "data")],
    )  # fmt: skip
    # the bundled copy is never written to; a dry run reads it and every table
    assert result.exit_code == 0, result.output
    assert "Population: Foreign languages" in result.stdout
