"""Units in words: the catalogue's for the built-in units, an indicator's own ``unit_label``
for the others, the id only when neither is given."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.app.workflows import load_catalog
from intl_tracker.cli.commands import app
from intl_tracker.core.i18n import translator
from intl_tracker.presentation.wording import UNIT_NAMES, unit_name
from tests.conftest import REPO

DATA = REPO / "data"


def test_a_unit_label_wins_then_the_catalogue_then_the_id() -> None:
    label = {"en": "t CO₂e per resident", "fi": "t CO₂-ekv. asukasta kohden"}
    assert unit_name("t-co2e", "fi", label) == "t CO₂-ekv. asukasta kohden"
    assert unit_name("t-co2e", "sv", label) == "t CO₂e per resident"  # English next
    assert unit_name("percent", "fi") == translator("fi").gettext("percent (%)") != "percent (%)"
    assert unit_name("kt-co2e", "sv") == "kt-co2e"


def test_every_bundled_unit_outside_the_catalogue_has_a_label_in_every_language() -> None:
    catalog = load_catalog(DATA)
    own = [i for i in catalog.indicators if i.unit not in UNIT_NAMES]
    assert own, "the bundled data use units of their own"
    for indicator in own:
        assert indicator.unit_label is not None, indicator.id
        assert set(indicator.unit_label) >= {"en", "fi", "sv"}, indicator.id


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "t CO₂e per resident"), ("fi", "t CO₂-ekv. asukasta kohden"),
     ("sv", "t CO₂e per invånare")],
)  # fmt: skip
def test_show_and_list_print_the_label_not_the_id(runner: CliRunner, lang: str, words: str) -> None:
    shown = runner.invoke(
        app, ["show", "ghg-emissions-per-capita", "--lang", lang, "--data", str(DATA)],
        env={"COLUMNS": "120"},
    )  # fmt: skip
    assert shown.exit_code == 0, shown.output
    assert words in shown.stdout
    assert "t-co2e-per-resident" not in shown.stdout
    listed = runner.invoke(
        app, ["list", "indicators", "--lang", lang, "--data", str(DATA)], env={"COLUMNS": "250"}
    )
    assert listed.exit_code == 0, listed.output
    assert words in listed.stdout and "t-co2e-per-resident" not in listed.stdout


def test_the_chart_titles_its_axis_with_the_label(tmp_path: Path, runner: CliRunner) -> None:
    pytest.importorskip("matplotlib")
    chart = tmp_path / "c.svg"
    args = ["show", "ghg-emissions", "--lang", "fi", "--chart", str(chart), "--data", str(DATA)]
    assert runner.invoke(app, args).exit_code == 0
    svg = chart.read_text(encoding="utf-8")
    assert "kt CO₂-ekv." in svg and "kt-co2e" not in svg


def test_a_unit_label_that_is_not_a_mapping_is_invalid_data(
    tmp_path: Path, runner: CliRunner
) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    path = root / "indicators" / "ghg-emissions.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^unit_label: .*$", "unit_label: kt CO2e", text)
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", "--data", str(root)])
    assert result.exit_code == 1
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("unit_label:"))
    assert re.search(rf"ghg-emissions\.yaml:{line}:\d+: error .*unit_label", result.output)
