"""`intl-tracker export` and `import-open-sdg`: the files a city publishes, and the way back."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml
from frictionless import validate
from typer.testing import CliRunner, Result

from intl_tracker.app import exports
from intl_tracker.cli.commands import app
from intl_tracker.core.errors import ExitCode
from intl_tracker.dataset.loading import load_data_set
from intl_tracker.dataset.models import Catalog, localize
from tests.conftest import REPO

DATA = REPO / "data"


def _run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(app, [*args])


def _export(runner: CliRunner, out: Path, *args: str, data: Path = DATA) -> Result:
    return runner.invoke(app, ["export", str(out), "--data", str(data), *args])


def _catalog(root: Path) -> Catalog:
    result = load_data_set(root)
    assert result.catalog is not None, [str(p) for p in result.errors]
    return result.catalog


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "open-data"
    result = CliRunner().invoke(app, ["export", str(out), "--data", str(DATA), "--lang", "fi"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The bundled data with a formula for a name and a note."""
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    path = root / "indicators" / "population.yaml"
    text = path.read_text(encoding="utf-8").replace(
        '  fi: "Väkiluku"', '  fi: "=HYPERLINK(\\"http://evil\\",\\"x\\")"', 1
    )
    path.write_text(text, encoding="utf-8")
    assert "HYPERLINK" in text
    return root


def test_the_data_package_passes_frictionless_validate(exported: Path) -> None:
    report = validate(exported / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    by_name = {r["name"]: r for r in package["resources"]}
    population = by_name["indicator-population"]["schema"]
    value = next(f for f in population["fields"] if f["name"] == "value")
    assert value["type"] == "number" and value["unit"] == "count"
    assert population["missingValues"] == [""]
    indicator = _catalog(DATA).indicator("population")
    assert indicator is not None
    own = list(dict.fromkeys(d for b in indicator.breakdowns for d in b.by))
    assert own and population["primaryKey"] == ["year", *own]  # its breakdowns' dimensions


def test_the_csv_files_hold_every_value_exactly(exported: Path) -> None:
    catalog = _catalog(DATA)
    dims = [d.id for d in catalog.dimensions]
    with (exported / "values.csv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if not any(r.get(d) for d in dims)]
    assert len(rows) == sum(len(i.values) for i in catalog.indicators)
    for indicator in catalog.indicators:
        path = exported / "indicators" / f"{indicator.id}.csv"
        with path.open(encoding="utf-8", newline="") as f:
            mine = [r for r in csv.DictReader(f) if not any(r.get(d) for d in dims)]
        assert [(int(r["year"]), float(r["value"]), r["value_status"]) for r in mine] == [
            (year, obs.value, obs.status) for year, obs in indicator.series()
        ]
        assert all(r["name"] == localize(indicator.name, "fi") for r in mine)


def test_the_workbook_has_numbers_as_numbers_and_finnish_labels(exported: Path) -> None:
    book = openpyxl.load_workbook(exported / "international-espoo-2030.xlsx")
    values, statuses = book.worksheets[0], book.worksheets[-1]
    assert [s.title for s in book.worksheets][1] == "Arvot luokittain"  # bundled breakdowns
    assert values.title == "Arvot"
    header = [c.value for c in values[1]]
    assert header[5:7] == ["Vuosi", "Arvo"]
    rows = list(values.iter_rows(min_row=2, values_only=True))
    assert len(rows) == sum(len(i.values) for i in _catalog(DATA).indicators)
    assert all(isinstance(row[5], int) and isinstance(row[6], int | float) for row in rows)
    population = [row for row in rows if row[2] == "population"]
    assert (population[0][5], population[0][6]) == (2011, 252439)
    assert statuses.max_row == len(_catalog(DATA).indicators) + 1
    shares = [c for c in values["G"][1:] if c.number_format == "0.0"]
    assert shares, "a value with one decimal has the number format 0.0 (shown as 22,9 in fi)"


def test_the_swedish_workbook_has_swedish_labels_and_numbers(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "sv"
    assert _export(runner, out, "--lang", "sv", "--format", "xlsx").exit_code == 0
    book = openpyxl.load_workbook(out / "international-espoo-2030.xlsx")
    values, statuses = book.worksheets[0], book.worksheets[-1]
    assert values.title == "Värden" and statuses.title.startswith("Status")
    header = [c.value for c in values[1]]
    assert header[5:7] == ["År", "Värde"]
    rows = values.iter_rows(min_row=2, values_only=True)
    population = next(r for r in rows if r[2] == "population")
    assert population[3] == "Folkmängd" and isinstance(population[6], int)
    labels = {row[8] for row in statuses.iter_rows(min_row=2, values_only=True)}
    assert labels and not labels & {"on track", "target met", "off track"}  # no English status


def test_formula_text_is_neutralised_in_csv_and_excel(runner: CliRunner, hostile: Path) -> None:
    out = hostile.parent / "out"
    assert _export(runner, out, "--lang", "fi", data=hostile).exit_code == 0
    text = (out / "indicators" / "population.csv").read_text(encoding="utf-8")
    name = next(csv.DictReader(io.StringIO(text)))["name"]
    assert name.startswith("'=HYPERLINK")
    cells = openpyxl.load_workbook(out / "international-espoo-2030.xlsx").worksheets[0]
    cell = next(c for c in cells["D"] if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s" and cell.quotePrefix  # text shown as typed, never run
    note = (out / "open-sdg" / "data" / "indicator_population.csv").read_text(encoding="utf-8")
    assert ",'= 269" in note


def test_the_dcat_metadata_names_titles_licence_and_coverage(exported: Path) -> None:
    graph = json.loads((exported / "dcat.jsonld").read_text(encoding="utf-8"))["@graph"]
    assert [node["@type"] for node in graph] == ["dcat:Catalog", "dcat:Dataset"]
    document = graph[1]
    titles = {t["@language"]: t["@value"] for t in document["dct:title"]}
    assert titles == {
        "fi": "Kansainvälinen Espoo 2030",
        "sv": "Det internationella Esbo 2030",
        "en": "International Espoo 2030",
    }
    assert {d["@language"] for d in document["dct:description"]} == {"fi", "sv", "en"}
    assert document["dct:license"]["@id"].endswith("licence/CC_BY_4_0")
    years = [y for i in _catalog(DATA).indicators for y in i.values]
    temporal = document["dct:temporal"]
    assert (temporal["dcat:startDate"]["@value"], temporal["dcat:endDate"]["@value"]) == (
        str(min(years)),
        str(max(years)),
    )
    files = {d["dct:title"] for d in document["dcat:distribution"]}
    assert {"values.csv", "datapackage.json", "international-espoo-2030.xlsx"} <= files


def test_open_sdg_files_round_trip_to_the_same_headline_series(
    runner: CliRunner, exported: Path, tmp_path: Path
) -> None:
    root = tmp_path / "data"
    (root / "indicators").mkdir(parents=True)
    shutil.copy(DATA / "goals.yaml", root / "goals.yaml")
    result = _run(runner, "import-open-sdg", str(exported / "open-sdg"), "--data", str(root),
                  "--lang", "fi")  # fmt: skip
    assert result.exit_code == 0, result.output
    before, after = _catalog(DATA), _catalog(root)
    assert sorted(i.id for i in after.indicators) == sorted(i.id for i in before.indicators)
    for indicator in before.indicators:
        back = after.indicator(indicator.id)
        assert back is not None
        assert (back.goal, back.unit, back.direction) == (
            indicator.goal, indicator.unit, indicator.direction,
        )  # fmt: skip
        assert localize(back.name, "fi") == localize(indicator.name, "fi")
        assert back.sdg == indicator.sdg  # the SDG crosswalk travels with it
        assert [(y, o.value, o.status, localize(o.note, "fi")) for y, o in back.series()] == [
            (y, o.value, o.status, localize(o.note, "fi")) for y, o in indicator.series()
        ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Year,Value\n2020,1\n2021,abc\n", "data/indicator_x-y.csv:3:2: error [open-sdg-cell]"),
        ("Year,Value\n2020,1\n20x1,2\n", "data/indicator_x-y.csv:3:1: error [open-sdg-cell]"),
        ("Year,Value\n2020,1,7\n", "data/indicator_x-y.csv:2:1: error [open-sdg-row]"),
        ('Year,Value\n2020,"1"x\n', "data/indicator_x-y.csv:2:1: error [open-sdg-row]"),
        ("Year,Amount\n2020,1\n", "data/indicator_x-y.csv:1:1: error [open-sdg-column]"),
        ("Year,Value,Value\n2020,1,1\n", "data/indicator_x-y.csv:1:3: error [open-sdg-column]"),
        ("Year,Value\n2020,1\n2020,2\n", "data/indicator_x-y.csv:3:1: error [open-sdg-cell]"),
        ("Year,OBS_STATUS,Value\n2020,Q,1\n", "data/indicator_x-y.csv:2:2: error [open-sdg-cell]"),
    ],
)
def test_a_bad_open_sdg_file_is_a_problem_at_its_place_and_nothing_is_written(
    runner: CliRunner, tmp_path: Path, content: str, expected: str
) -> None:
    folder = tmp_path / "sdg"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "indicator_x-y.csv").write_text(content, encoding="utf-8")
    (folder / "data" / "indicator_good-one.csv").write_text("Year,Value\n2020,1\n", "utf-8")
    into = tmp_path / "out"
    result = _run(runner, "import-open-sdg", str(folder), "--into", str(into), "--goal", "g",
                  "--unit", "count", "--direction", "increase")  # fmt: skip
    assert result.exit_code == ExitCode.INVALID_DATA
    assert expected in result.output
    assert not into.exists()


def test_import_takes_the_headline_rows_of_a_disaggregated_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "sdg"
    (folder / "data").mkdir(parents=True)
    text = "Year,Group,Units,Value\n2015,A,%,1\n2015,B,%,3\n2015,,%,2\n2016,,%,2.5\n"
    (folder / "data" / "indicator_1-1-1.csv").write_text(text, encoding="utf-8")
    into = tmp_path / "out"
    result = _run(runner, "import-open-sdg", str(folder), "--into", str(into), "--goal", "g",
                  "--unit", "percent", "--direction", "decrease")  # fmt: skip
    assert result.exit_code == 0, result.output
    written = (into / "1-1-1.yaml").read_text(encoding="utf-8")
    assert "  2015: 2\n  2016: 2.5\n" in written and "direction: decrease" in written
    again = _run(runner, "import-open-sdg", str(folder), "--into", str(into), "--goal", "g",
                 "--unit", "percent", "--direction", "decrease")  # fmt: skip
    assert again.exit_code == ExitCode.INVALID_DATA and "exists already" in again.output
    assert (into / "1-1-1.yaml").read_text(encoding="utf-8") == written


def test_the_sdg_codes_are_open_sdg_tags_and_come_back(exported: Path, tmp_path: Path) -> None:
    config = yaml.safe_load(
        (exported / "open-sdg" / "indicator-config" / "foreign-hotel-nights.yml").read_text("utf-8")
    )
    assert config["tags"] == ["SDG 8.9"] and config["intl_tracker_sdg"] == ["8.9"]
    assert config["standalone"] is True  # Open SDG places it by its id, not by these codes


@pytest.mark.parametrize(
    ("name", "config", "codes"),
    [
        ("11-6-2", None, ["11.6.2"]),  # an Open SDG site's global indicator: its id
        ("city-waste", "tags: [SDG 11.6, other]\n", ["11.6"]),
        ("city-waste", "tags: [SDG 11.66]\n", None),  # unknown: a problem
    ],
)
def test_a_foreign_folder_gives_its_sdg_codes_by_id_or_tags(
    runner: CliRunner, tmp_path: Path, name: str, config: str | None, codes: list[str] | None
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / f"indicator_{name}.csv").write_text("Year,Value\n2015,1\n", "utf-8")
    if config is not None:
        (tmp_path / "indicator-config").mkdir()
        (tmp_path / "indicator-config" / f"{name}.yml").write_text(config, "utf-8")
    result = _run(runner, "import-open-sdg", str(tmp_path), "--into", str(tmp_path / "o"),
                  "--goal", "g", "--unit", "count", "--direction", "increase")  # fmt: skip
    if codes is None:
        assert result.exit_code == ExitCode.INVALID_DATA
        assert "unknown SDG code '11.66'; did you mean" in result.output
        return
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((tmp_path / "o" / f"{name}.yaml").read_text(encoding="utf-8"))
    assert written["sdg"] == codes


def test_a_foreign_folder_without_goal_names_the_option(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "indicator_1-1-1.csv").write_text("Year,Value\n2015,1\n", "utf-8")
    result = _run(runner, "import-open-sdg", str(tmp_path), "--into", str(tmp_path / "o"))
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "no goal: give --goal" in result.output and "no direction" in result.output


def test_a_folder_that_is_not_open_sdg_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = _run(runner, "import-open-sdg", str(tmp_path), "--into", str(tmp_path / "o"))
    assert result.exit_code == ExitCode.USAGE and "not an Open SDG data folder" in result.output


def test_export_into_a_file_is_exit_3_in_one_line(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("mine", encoding="utf-8")
    result = _export(runner, target)
    assert result.exit_code == ExitCode.OUTPUT_CLOSED
    errors = [line for line in result.output.splitlines() if "error" in line]
    assert errors == [f"intl-tracker: error: cannot write '{target}': it is a file, not a folder"]
    assert target.read_text(encoding="utf-8") == "mine"


def test_export_below_a_file_is_exit_3_and_a_missing_parent_is_made(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "file").write_text("mine", encoding="utf-8")
    result = _export(runner, tmp_path / "file" / "out", "--format", "dcat")
    assert result.exit_code == ExitCode.OUTPUT_CLOSED
    assert f"cannot write '{tmp_path / 'file' / 'out'}'" in result.output
    assert _export(runner, tmp_path / "new" / "out", "--format", "dcat").exit_code == 0
    assert (tmp_path / "new" / "out" / "dcat.jsonld").is_file()


def test_export_through_a_link_replaces_the_folder_it_names(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert _export(runner, tmp_path / "link", "--format", "dcat").exit_code == 0
    assert (tmp_path / "link").is_symlink()
    assert (tmp_path / "real" / "dcat.jsonld").is_file()


def test_export_replaces_its_own_files_but_never_a_foreign_one(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert _export(runner, out, "--format", "csv").exit_code == 0
    assert _export(runner, out, "--format", "dcat").exit_code == 0  # the old export replaced
    assert sorted(p.name for p in out.iterdir()) == [exports.MANIFEST, "dcat.jsonld"]
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    result = _export(runner, out)
    assert result.exit_code == ExitCode.OUTPUT_CLOSED and "'notes.txt'" in result.output
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"
    (out / "notes.txt").unlink()
    (out / "dcat.jsonld").write_text("edited by hand", encoding="utf-8")
    assert _export(runner, out).exit_code == ExitCode.OUTPUT_CLOSED
    assert (out / "dcat.jsonld").read_text(encoding="utf-8") == "edited by hand"


def test_a_failed_export_leaves_no_partial_folder(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fill = exports._fill

    def fill_then_fail(staging: Path, files: dict[str, bytes]) -> None:
        real_fill(staging, dict(list(files.items())[:3]))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(exports, "_fill", fill_then_fail)
    result = _export(runner, tmp_path / "out")
    assert result.exit_code == ExitCode.OUTPUT_CLOSED and "No space left" in result.output
    assert list(tmp_path.iterdir()) == []  # neither the folder nor the staging one


def test_an_unknown_format_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = _export(runner, tmp_path / "out", "--format", "pdf")
    assert result.exit_code == ExitCode.USAGE and "csv, xlsx, open-sdg, dcat" in result.output


def test_a_data_set_without_values_exports_a_valid_package(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    data = REPO / "tests" / "data" / "valid" / "empty-values"
    result = _export(runner, out, "--lang", "sv", data=data)
    assert result.exit_code == 0, result.output
    assert validate(out / "datapackage.json").valid
    book = openpyxl.load_workbook(out / "test-programme.xlsx")
    assert [sheet.title for sheet in book.worksheets] == ["Värden"]  # no year: no statuses
    graph = json.loads((out / "dcat.jsonld").read_text(encoding="utf-8"))["@graph"]
    assert "dct:temporal" not in graph[1]
