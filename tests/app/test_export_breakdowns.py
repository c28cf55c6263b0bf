"""``intl-tracker export`` of values by category (breakdowns): the synthetic crossed data set
``tests/data/valid/breakdowns`` in long form (CSV, Data Package), Open SDG and the workbook."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from frictionless import validate
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.dataset.breakdowns import breakdown_table
from intl_tracker.dataset.loading import load_data_set
from intl_tracker.dataset.models import Catalog
from tests.conftest import REPO

BREAKDOWNS = REPO / "tests" / "data" / "valid" / "breakdowns"


def _catalog(root: Path) -> Catalog:
    result = load_data_set(root)
    assert result.catalog is not None, [str(p) for p in result.errors]
    return result.catalog


def _export(out: Path, data: Path, *args: str) -> None:
    result = CliRunner().invoke(app, ["export", str(out), "--data", str(data), *args])
    assert result.exit_code == 0, result.output


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "open-data"
    _export(out, BREAKDOWNS)
    return out


def test_the_category_rows_pass_frictionless_validate_with_enum_columns(exported: Path) -> None:
    report = validate(exported / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    by_name = {r["name"]: r["schema"] for r in package["resources"]}
    residents = by_name["indicator-residents"]
    names = [f["name"] for f in residents["fields"]]
    assert names[names.index("year") : names.index("value") + 1] == [
        "year", "area", "language", "value",
    ]  # fmt: skip
    area = next(f for f in residents["fields"] if f["name"] == "area")
    assert area["type"] == "string" and area["constraints"]["enum"] == ["north", "centre", "south"]
    assert residents["primaryKey"] == ["year", "area", "language"]
    values = by_name["values"]
    assert [f["name"] for f in values["fields"]][7:11] == ["area", "language", "sex", "value"]


def test_a_code_not_declared_fails_the_enum(exported: Path, tmp_path: Path) -> None:
    """The enum constraint is real: a changed category code makes the package invalid."""
    copy = tmp_path / "copy"
    shutil.copytree(exported, copy)
    path = copy / "indicators" / "residents.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",north,", ",nowhere,", 1))
    assert not validate(copy / "datapackage.json").valid


def test_the_csv_files_hold_the_headline_and_every_category_value(exported: Path) -> None:
    catalog = _catalog(BREAKDOWNS)
    for indicator in catalog.indicators:
        table = breakdown_table(catalog, indicator.id)
        assert table is not None
        rows = _rows(exported / "indicators" / f"{indicator.id}.csv")
        dims = table.columns
        headline = [r for r in rows if not any(r[d] for d in dims)]
        assert [(int(r["year"]), float(r["value"])) for r in headline] == [
            (y, o.value) for y, o in indicator.series()
        ]
        mine = sorted(
            (int(r["year"]), tuple(r[d] for d in dims), float(r["value"]))
            for r in rows
            if any(r[d] for d in dims)
        )
        codes = [
            tuple(
                table.categories[j][table.cells[j][i]] if table.cells[j][i] >= 0 else ""
                for j in range(len(dims))
            )
            for i in range(len(table))
        ]
        assert mine == sorted(zip(table.years, codes, table.values, strict=True))
        assert [int(r["year"]) for r in rows] == sorted(int(r["year"]) for r in rows)
    everything = _rows(exported / "values.csv")
    assert len(everything) == sum(
        len(i.values) + len(breakdown_table(catalog, i.id) or ()) for i in catalog.indicators
    )
    employment = [r for r in everything if r["id"] == "employment-rate"]
    assert all(r["language"] == "" for r in employment)


def test_open_sdg_has_disaggregation_columns_and_import_keeps_the_headline(
    exported: Path, tmp_path: Path
) -> None:
    rows = _rows(exported / "open-sdg" / "data" / "indicator_residents.csv")
    assert list(rows[0]) == ["Year", "Major district", "Language group", "OBS_STATUS",
                             "COMMENT_OBS", "Value"]  # fmt: skip
    assert {r["Major district"] for r in rows} == {"", "North", "Centre", "South"}
    root = tmp_path / "data"
    (root / "indicators").mkdir(parents=True)
    shutil.copy(BREAKDOWNS / "goals.yaml", root / "goals.yaml")
    result = CliRunner().invoke(
        app, ["import-open-sdg", str(exported / "open-sdg"), "--data", str(root)]
    )
    assert result.exit_code == 0, result.output
    before, after = _catalog(BREAKDOWNS), _catalog(root)
    for indicator in before.indicators:
        back = after.indicator(indicator.id)
        assert back is not None
        assert [(y, o.value) for y, o in back.series()] == [
            (y, o.value) for y, o in indicator.series()
        ]


def test_the_workbook_has_a_values_by_category_sheet_of_numbers(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _export(out, BREAKDOWNS, "--lang", "fi", "--format", "xlsx")
    book = openpyxl.load_workbook(out / "synthetic-breakdowns.xlsx")
    sheet = next(s for s in book.worksheets if s.title.startswith("Arvot luokittain"))
    header = [c.value for c in sheet[1]]
    assert header[4:7] == ["Suuralue", "Kieliryhmä", "Sukupuoli"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    catalog = _catalog(BREAKDOWNS)
    assert len(rows) == sum(len(breakdown_table(catalog, i.id) or ()) for i in catalog.indicators)
    assert all(isinstance(r[7], int) and isinstance(r[8], int | float) for r in rows)
    crossed = [r for r in rows if r[1] == "residents" and r[4] == "Pohjoinen" and r[5]]
    assert crossed and {r[5] for r in crossed} == {"Suomi tai ruotsi", "Muut kielet"}


def test_formula_looking_category_names_are_neutralised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # validate refuses such names (dimension-name); the export must still neutralise them
    from intl_tracker.dataset import breakdowns

    monkeypatch.setattr(breakdowns, "check_dimension_names", lambda *args: [])
    root = tmp_path / "data"
    shutil.copytree(BREAKDOWNS, root)
    goals = root / "goals.yaml"
    text = goals.read_text(encoding="utf-8").replace("en: North,", 'en: "=1+2",', 1)
    goals.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    _export(out, root)
    rows = _rows(out / "open-sdg" / "data" / "indicator_residents.csv")
    assert "'=1+2" in {r["Major district"] for r in rows}
    sheet = openpyxl.load_workbook(out / "synthetic-breakdowns.xlsx")["Values by category"]
    cell = next(c for c in sheet["E"] if c.value == "=1+2")
    assert cell.data_type == "s" and cell.quotePrefix
