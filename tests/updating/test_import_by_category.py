"""``import`` by category (issue 24): ``import: breakdowns:`` maps a PxWeb table's variables to
the data set's dimensions and fills ``indicators/<id>.csv``.

The table is a SYNTHETIC JSON-stat 2.0 cube built here (made-up numbers, the shape of
Aluesarjat's answers: ``..`` and ``.`` as cell statuses), read as a recorded answer
(``--pxweb-base FOLDER``), imported into a copy of the synthetic data set with crossed
dimensions (tests/data/valid/breakdowns).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.core.errors import ExitCode, OutputUnwritableError
from intl_tracker.dataset.breakdowns import breakdown_table
from intl_tracker.dataset.loading import load_data_set
from intl_tracker.updating import importing, locks
from tests.conftest import copy_synthetic

TABLE = "https://example.org/api/v1/fi/Synthetic/areas.px"

AREAS = ["ALL", "N", "C", "S", "X"]  # X: a code the mapping must name or ignore
LANGUAGES = ["SSS", "1", "2"]
YEARS = ["2023", "2024", "2025"]
# (year, area, language) -> value, or the status of an empty cell ('..', '.')
CELLS: dict[tuple[str, str, str], int | str] = {}
for _year, _rows in {
    # the file's own figures for 2023 and 2024 (equal: nothing changes)
    "2023": {"N": (24800, 19200, 5600), "C": (39392, 29496, 9896), "S": (30800, 24200, 6600)},
    "2024": {"N": (25150, 19100, 6050), "C": (39816, 29433, 10383), "S": (31150, 24100, 7050)},
    # new: south x foreign not available, centre x foreign logically impossible
    "2025": {"N": (25500, 19000, 6500), "C": (40240, 29370, "."), "S": (31500, 24000, "..")},
}.items():
    for _area, (_total, _domestic, _foreign) in _rows.items():
        CELLS[(_year, _area, "SSS")] = _total
        CELLS[(_year, _area, "1")] = _domestic
        CELLS[(_year, _area, "2")] = _foreign
        CELLS[(_year, "X", "SSS")] = 1
        CELLS[(_year, "X", "1")] = 1
        CELLS[(_year, "X", "2")] = 1
    for _language in LANGUAGES:
        numbers = [CELLS[(_year, a, _language)] for a in "NCS"]
        total = sum(n for n in numbers if isinstance(n, int))
        CELLS[(_year, "ALL", _language)] = total if all(isinstance(n, int) for n in numbers) else 0
CELLS[("2025", "ALL", "2")] = 24870  # published although two of its parts are not
CELLS[("2025", "ALL", "1")] = 72370
CELLS[("2025", "ALL", "SSS")] = 97240

MAPPING = """import:
  source: pxweb
  table: "https://example.org/api/v1/fi/Synthetic/areas.px"
  time: Vuosi
  selections:
    - {variable: Alue, code: ALL}
    - {variable: Kieli, code: SSS}
  value: {variable: Tiedot, code: lkm}
  since: 2023
  breakdowns:
    - table: "https://example.org/api/v1/fi/Synthetic/areas.px"
      time: Vuosi
      selections:
        - {variable: Tiedot, code: lkm}
      by:
        - dimension: area
          variable: Alue
          categories: {"N": north, "C": centre, "S": south}
          total: ALL
          ignore: ["X"]
        - dimension: language
          variable: Kieli
          categories: {"1": domestic, "2": foreign}
          total: SSS
      since: 2023
"""


def _cube() -> dict[str, Any]:
    values: list[int | None] = []
    status: dict[str, str] = {}
    for area in AREAS:
        for language in LANGUAGES:
            for year in YEARS:
                found = CELLS[(year, area, language)]
                if isinstance(found, str):
                    status[str(len(values))] = found
                    values.append(None)
                else:
                    values.append(found)
    names = {"ALL": "Total", "N": "North", "C": "Centre", "S": "South", "X": "Unknown"}

    def dimension(codes: list[str], labels: dict[str, str]) -> dict[str, Any]:
        return {"category": {"index": {c: i for i, c in enumerate(codes)}, "label": labels}}

    return {
        "class": "dataset",
        "version": "2.0",
        "label": "SYNTHETIC: made-up residents by area and language",
        "updated": "2026-04-01T00:00:00Z",
        "id": ["Alue", "Kieli", "Vuosi", "Tiedot"],
        "size": [len(AREAS), len(LANGUAGES), len(YEARS), 1],
        "dimension": {
            "Alue": dimension(AREAS, names),
            "Kieli": dimension(LANGUAGES, {"SSS": "Total", "1": "Domestic", "2": "Foreign"}),
            "Vuosi": dimension(YEARS, {y: y for y in YEARS}),
            "Tiedot": dimension(["lkm"], {"lkm": "Residents"}),
        },
        "value": values,
        "status": status,
    }


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = copy_synthetic(tmp_path)
    yaml = copy / "indicators" / "residents.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + MAPPING, encoding="utf-8")
    return copy


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    folder = tmp_path / "answers"
    folder.mkdir()
    _write_cube(folder, _cube())
    return folder


def _write_cube(folder: Path, cube: dict[str, Any]) -> None:
    (folder / "areas.json").write_text(json.dumps(cube), encoding="utf-8")


def _import(runner: CliRunner, data: Path, answers: Path, *args: str) -> Any:
    return runner.invoke(
        app, ["import", "residents", *args, "--pxweb-base", str(answers), "--data", str(data)]
    )


def _files(data: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((data / "indicators").iterdir())}


def _cells(data: Path, by: tuple[str, ...]) -> dict[tuple[str, ...], dict[int, Any]]:
    catalog = load_data_set(data).catalog
    assert catalog is not None
    table = breakdown_table(catalog, "residents")
    assert table is not None
    return {s.codes: dict(s.observations) for s in table.series(by)}


def test_import_fills_the_categories_and_validate_and_report_by_agree(
    data: Path, answers: Path, runner: CliRunner
) -> None:
    result = _import(runner, data, answers)
    assert result.exit_code == 0, result.output
    crossed = _cells(data, ("area", "language"))
    note = (
        f"Imported from {TABLE} (read from the recorded answer areas.json) "
        "(table updated 2026-04-01T00:00:00Z)."
    )
    written_cells = {
        ("N", "1"): ("north", "domestic"),
        ("N", "2"): ("north", "foreign"),
        ("C", "1"): ("centre", "domestic"),
        ("S", "1"): ("south", "domestic"),
    }
    for (area, language), code in written_cells.items():
        written = crossed[code][2025]
        assert written.value == CELLS[("2025", area, language)]
        assert (written.status, written.note) == ("provisional", note)
    # '..' and '.' are not written: no row, never a 0
    assert 2025 not in crossed[("south", "foreign")]
    assert 2025 not in crossed[("centre", "foreign")]
    # the other dimension's own breakdown comes from the cells at one variable's total
    assert _cells(data, ("area",))[("south",)][2025].value == 31500
    assert _cells(data, ("language",))[("foreign",)][2025].value == 24870
    text = (data / "indicators" / "residents.csv").read_text(encoding="utf-8")
    assert ",0," not in text
    rows = [line for line in result.stdout.splitlines() if " 2025 " in f" {line} "]
    assert any(line.startswith("Residents (synthetic): North, Other languages ") for line in rows)
    assert "\nValues changed: 10\n" in result.stdout  # the headline and 9 cells of 2025
    assert "Cells not available in the source ('..'), not written: 1\n" in result.stdout
    assert "Cells logically impossible in the source ('.'), not written: 1\n" in result.stdout

    validate = runner.invoke(app, ["validate", "--data", str(data)])
    assert validate.exit_code == 0, validate.output
    report = runner.invoke(app, ["report", "--by", "area", "--data", str(data)])
    assert report.exit_code == 0, report.output
    lines = report.stdout.splitlines()
    assert any(line.split()[:3] == ["South", "2025", "31,500ᵖ"] for line in lines), report.stdout

    again = _import(runner, data, answers)
    before = _files(data)
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("No changes")
    assert _files(data) == before


def test_a_dry_run_shows_the_diff_and_changes_nothing(
    data: Path, answers: Path, runner: CliRunner
) -> None:
    before = _files(data)
    result = _import(runner, data, answers, "--dry-run")
    assert result.exit_code == 0, result.output
    assert _files(data) == before
    assert "\nValues that would change: 10\n" in result.stdout
    assert "+2025,north,foreign,6500,provisional,Imported from" in result.stdout
    assert any(
        line.startswith("+++ ") and line.endswith("residents.csv")
        for line in result.stdout.splitlines()
    )


def test_a_code_the_mapping_does_not_name_stops_the_import(
    data: Path, answers: Path, runner: CliRunner
) -> None:
    yaml = data / "indicators" / "residents.yaml"
    yaml.write_text(yaml.read_text().replace('          ignore: ["X"]\n', ""))
    before = _files(data)
    result = _import(runner, data, answers)
    assert result.exit_code == ExitCode.INVALID_DATA, result.output
    assert "the variable 'Alue' has codes the mapping does not name: X" in result.stderr
    assert "under ignore:" in result.stderr
    assert _files(data) == before


def test_a_mapped_code_the_table_lacks_stops_the_import(
    data: Path, answers: Path, runner: CliRunner
) -> None:
    yaml = data / "indicators" / "residents.yaml"
    yaml.write_text(yaml.read_text().replace('"S": south', '"SS": south'))
    before = _files(data)
    result = _import(runner, data, answers)
    assert result.exit_code == ExitCode.INVALID_DATA, result.output
    assert "missing category: the variable 'Alue' has no code 'SS'" in result.stderr
    assert _files(data) == before


def test_a_different_final_cell_is_held_back_unless_replace(
    data: Path, answers: Path, runner: CliRunner
) -> None:
    cube_cells = dict(CELLS)
    CELLS[("2023", "N", "SSS")] = 24801
    try:
        _write_cube(answers, _cube())
    finally:
        CELLS.clear()
        CELLS.update(cube_cells)
    held = _import(runner, data, answers)
    assert held.exit_code == 0, held.output
    assert _cells(data, ("area",))[("north",)][2023].value == 24800
    assert "Residents (synthetic) [area=north] 2023: final → provisional" in held.stdout
    replaced = _import(runner, data, answers, "--replace")
    assert replaced.exit_code == 0, replaced.output
    written = _cells(data, ("area",))[("north",)][2023]
    assert (written.value, written.status) == (24801, "provisional")


def test_an_estimated_cell_the_source_publishes_takes_its_status_and_note(
    data: Path, answers: Path, runner: CliRunner
) -> None:
    """As for the headline: the estimate's note would go, so it is held back; --replace
    makes it the source's figure, provisional, with the source's note."""
    path = data / "indicators" / "residents.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("2023,north,,24800,,", "2023,north,,24800,estimated,our guess"))
    held = _import(runner, data, answers)
    assert held.exit_code == 0, held.output
    assert '[area=north] 2023: its note would go: "our guess"' in held.stdout
    assert _cells(data, ("area",))[("north",)][2023].status == "estimated"
    result = _import(runner, data, answers, "--replace")
    assert result.exit_code == 0, result.output
    now = _cells(data, ("area",))[("north",)][2023]
    assert (now.value, now.status) == (24800, "provisional")
    assert now.note is not None and now.note.startswith(f"Imported from {TABLE}")


def test_a_busy_lock_writes_nothing(
    data: Path, answers: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locks, "LOCK_TIMEOUT", 0.2)
    path = data / "indicators" / "residents.csv"
    before = _files(data)
    locks.lock_path(path).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with FileLock(locks.lock_path(path)):
        result = _import(runner, data, answers)
    assert result.exit_code == ExitCode.BUSY == 75, result.output
    assert _files(data) == before


@pytest.mark.parametrize(
    ("raised", "code"),
    [
        (OutputUnwritableError("residents.yaml", "disk full"), ExitCode.OUTPUT_CLOSED),
        (KeyboardInterrupt(), ExitCode.INTERRUPTED),
    ],
)
def test_a_failed_or_interrupted_write_leaves_no_new_file_and_no_changed_one(
    data: Path,
    answers: Path,
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    raised: BaseException,
    code: ExitCode,
) -> None:
    """The breakdown file does not exist yet: it is created first, and removed again when
    writing the indicator file fails or is interrupted (Ctrl-C)."""
    (data / "indicators" / "residents.csv").unlink()
    before = _files(data)

    def refuse(writes: Any) -> None:
        raise raised

    monkeypatch.setattr(importing, "commit", refuse)
    result = _import(runner, data, answers)
    assert result.exit_code == code, result.output
    assert _files(data) == before


def _validate(runner: CliRunner, data: Path, old: str, new: str) -> tuple[int, str, int]:
    """Validate after replacing ``old`` by ``new`` in the mapping; the exit code, stdout and
    the line of ``new`` in the file (1-based)."""
    yaml = data / "indicators" / "residents.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new)
    yaml.write_text(text, encoding="utf-8")
    line = text[: text.index(new)].count("\n") + 1
    result = runner.invoke(app, ["validate", "--data", str(data)])
    return result.exit_code, result.stdout + result.stderr, line


@pytest.mark.parametrize(
    ("old", "new", "column", "message"),
    [
        (
            "dimension: area",
            "dimension: aera",
            22,
            "unknown-dimension] no dimension 'aera' in goals.yaml; did you mean 'area'?",
        ),
        (
            '"N": north',
            '"N": nort',
            29,
            "unknown-category] no category 'nort' in the dimension 'area'; did you mean 'north'?",
        ),
        (
            '"N": north',
            '"N": all',
            29,
            "no category 'all' in the dimension 'area' (that is the dimension's total",
        ),
        (
            "dimension: language",
            "dimension: sex",
            22,
            "residents declares no breakdown by area \u00d7 sex (its breakdowns: area; "
            "language; area \u00d7 language); declare it under breakdowns: first",
        ),
        ('ignore: ["X"]', 'ignore: ["X", "N"]', 25, "the code 'N' is both mapped"),
        ('ignore: ["X"]', 'ignore: "*"', 19, 'ignore: "*" leaves categories out'),
        ('"S": south', '"S": south, "X": north', 66, "the category 'north' is mapped from both"),
    ],
)
def test_a_bad_mapping_is_reported_at_its_position(
    data: Path, runner: CliRunner, old: str, new: str, column: int, message: str
) -> None:
    code, output, line = _validate(runner, data, old, new)
    assert code == ExitCode.INVALID_DATA, output
    if "declares no breakdown" in message:  # said of the mapping's by: (its first item)
        text = (data / "indicators" / "residents.yaml").read_text(encoding="utf-8")
        line = text[: text.index("        - dimension: area")].count("\n") + 1
        column = 9
    [found] = [x for x in output.splitlines() if message in x]
    assert f"residents.yaml:{line}:{column}: error [" in found, output


def test_import_inserts_rows_after_a_multi_line_note_never_inside_it(
    data: Path, answers: Path, runner: CliRunner
) -> None:
    """breaker24-s5 1e: the last 2024 row's note spans lines; the 2025 rows follow it."""
    path = data / "indicators" / "residents.csv"
    text = path.read_text(encoding="utf-8")
    last = "2024,south,foreign,7050,provisional,\n"
    assert text.endswith(last)
    note = "Sources:\n2030, Statistics Finland"  # a line that reads as a later year
    path.write_text(text.removesuffix(last) + last[:-1] + f'"{note}"\n', encoding="utf-8")
    result = _import(runner, data, answers)
    assert result.exit_code == 0, result.output
    crossed = _cells(data, ("area", "language"))
    assert crossed[("south", "foreign")][2024].note == note
    assert crossed[("north", "foreign")][2025].value == CELLS[("2025", "N", "2")]
    assert path.read_text(encoding="utf-8").count(f'"{note}"\n2025,') == 1


def test_import_refuses_a_breakdown_file_linked_from_outside(
    data: Path, answers: Path, runner: CliRunner
) -> None:
    """breaker24-s5 2: one rule for every writer (``link-outside``), nothing written."""
    inside = data / "indicators" / "residents.csv"
    outside = data.parent / "outside.csv"
    shutil.move(inside, outside)
    inside.symlink_to(outside)
    before = outside.read_bytes()
    result = _import(runner, data, answers)
    assert result.exit_code == 1, result.output
    assert "link-outside" in result.output
    assert outside.read_bytes() == before
