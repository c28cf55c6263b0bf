"""Breakdown files (dataset/breakdowns.py): the column-by-column check agrees with the
row-by-row reading on every file, and the table holds what the file says (issue 24)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.core.errors import Severity
from intl_tracker.dataset.breakdowns import (
    BreakdownRefs,
    _fast_table,
    check_table,
    parse_table,
)
from intl_tracker.dataset.loading import load_data_set, load_goals, validate_paths
from intl_tracker.dataset.models import Dimension
from tests.conftest import CASES, REPO

SYNTHETIC = CASES / "valid" / "breakdowns"
CSV_CASES = sorted(
    p
    for p in CASES.glob("*/breakdown*/indicators/*.csv")
    if (p.parents[1] / "indicators" / "share.yaml").exists()
)
#: Files the quick reading must take (its speed is the benchmark's).
QUICK = {"good", "no trailing newline", "quoted cells", "crossed", "status", "years out of order"}


def _context(case: Path) -> tuple[BreakdownRefs, dict[str, Dimension]]:
    goals, _ = load_goals(case / "goals.yaml")
    assert goals is not None
    from intl_tracker.dataset.loading import load_indicator

    indicator, _, _ = load_indicator(case / "indicators" / "share.yaml")
    assert indicator is not None
    return BreakdownRefs.of(indicator), {d.id: d for d in goals.dimensions}


def _variants() -> list[tuple[str, str]]:
    """(name, text) of files the quick check must hand on, or may accept."""
    good = "year,area,language,value,status,note\n2020,north,,60,,\n2020,south,,40,,\n"
    return [
        ("good", good),
        ("no trailing newline", good.rstrip("\n")),
        ("quoted cells", good.replace("north", '"north"')),
        ("crlf", good.replace("\n", "\r\n")),
        ("total code", good + "2021,SSS,fi,1,,\n"),
        ("crossed", good + "2021,north,fi,1,,\n2021,north,ru,2,,\n"),
        ("crossed twice", good + "2021,north,fi,1,,\n2021,north,fi,2,,\n"),
        ("blank value", good + "2021,north,,,,\n"),
        ("exponent", good + "2021,north,,1e3,,\n"),
        ("huge", good + "2021,north,,1e19,,\n"),
        ("overflow", good + "2021,north,,1e999,,\n"),
        ("negative", good + "2021,north,,-1,,\n"),
        ("two dots", good + "2021,north,,1.2.3,,\n"),
        ("underscore", good + "2021,north,,1_000,,\n"),
        ("space", good + "2021,north,, 10,,\n"),
        ("years out of order", good + "2021,north,,1,,\n2020,north,fi,1,,\n2021,south,,1,,\n"),
        ("same cell apart", good + "2021,north,,1,,\n2020,north,,1,,\n"),
        ("quoted newline", good + '2021,north,,1,,"a\nb"\n'),
        ("note formula", good + "2021,north,,1,,=1+1\n"),
        ("status", good + "2021,north,,1,estimated,\n2021,south,,1,final,\n"),
        ("bad status", good + "2021,north,,1,est,\n"),
        ("lone cr", good.replace("\n", "\r")),
        ("empty line", good + "\n2021,north,,1,,\n"),
        ("short header", "year,area,value\n2020,north,1\n"),
        ("empty", ""),
        ("header only", "year,area,language,value\n"),
        ("year 1799", good + "1799,north,,1,,\n"),
        ("ragged", good + "2021,north,,1\n"),
        ("short then long", good + "2021,north,,1,\n2021,south,,1,,,\n"),
        ("long then short", good + "2021,north,,1,,,\n2021,south,,1,\n"),
        (
            "first short, last long",
            "year,area,language,value,status,note\n2020,north,,6,\n2020,south,,4,,,\n",
        ),
        ("one row", "year,area,language,value,status,note\n2020,north,,6,,\n"),
        ("two breaks in a joint", good + "2021,north,,1,,\n2021\n,south,,1,,\n"),
    ]


@pytest.mark.parametrize(("name", "text"), _variants(), ids=[n for n, _ in _variants()])
def test_the_quick_check_finds_what_the_row_by_row_reading_finds(name: str, text: str) -> None:
    refs, dimensions = _context(CASES / "invalid" / "breakdown-unknown-category")
    table, problems = parse_table(text, "share.csv", refs, dimensions)
    assert check_table(text, "share.csv", refs, dimensions) == problems
    quick = _fast_table(text, "share.csv", refs, dimensions)
    assert quick is not None or name not in QUICK
    if quick is not None:  # the quick reading gives the same table, or none
        assert table is not None
        assert (quick.years, quick.cells, quick.values) == (table.years, table.cells, table.values)
        assert (dict(quick.statuses), dict(quick.notes)) == (
            dict(table.statuses),
            dict(table.notes),
        )


@pytest.mark.parametrize("path", CSV_CASES, ids=[f"{p.parents[1].name}" for p in CSV_CASES])
def test_every_corpus_file_gets_the_same_problems_both_ways(path: Path) -> None:
    case = path.parents[1]
    refs, dimensions = _context(case)
    text = path.read_bytes().decode("utf-8")
    assert (
        check_table(text, "share.csv", refs, dimensions)
        == (parse_table(text, "share.csv", refs, dimensions)[1])
    )


def test_the_table_holds_the_files_cells_and_a_blank_is_the_total_code() -> None:
    refs, dimensions = _context(CASES / "invalid" / "breakdown-unknown-category")
    text = (
        "year,area,language,value,status,note\n"
        "2021,north,,61,,\n2020,north,,60,provisional,checked\n2020,SSS,fi,7,,\n2020,north,fi,5,,\n"
    )
    refs = BreakdownRefs(
        refs.id, ((("area",), False), (("language",), False), (("area", "language"), False)),
        refs.domain, refs.unit, refs.decimals, {},
    )  # fmt: skip
    table, problems = parse_table(text, "share.csv", refs, dimensions)
    assert problems == [] and table is not None
    (north,) = table.series(["area"])
    assert north.codes == ("north",)
    assert [(y, o.value, o.status, o.note) for y, o in north.observations] == [
        (2020, 60.0, "provisional", "checked"),
        (2021, 61.0, "final", None),
    ]
    assert [s.codes for s in table.series(["language"])] == [("fi",)]
    assert [s.codes for s in table.series(["language", "area"])] == [("fi", "north")]
    assert table.breakdowns() == [("area",), ("language",), ("area", "language")]


def test_the_loader_keeps_the_valid_files_and_reads_their_values_on_first_use() -> None:
    catalog = load_data_set(SYNTHETIC).catalog
    assert catalog is not None
    kept = catalog.breakdown_values["residents"]
    assert kept.file == "indicators/residents.csv" or kept.file.endswith("residents.csv")
    assert len(kept.table) == 110  # 10 years x (3 areas + 2 languages + 6 crossed cells)


def _many(root: Path, count: int, *, broken: int | None = None) -> Path:
    """A data set of ``count`` indicators with a small breakdown each (made-up numbers); the
    file of indicator ``broken`` has an unknown category."""
    shutil.copytree(CASES / "invalid" / "breakdown-unknown-category", root)
    (root / "indicators" / "share.yaml").unlink()
    (root / "indicators" / "share.csv").unlink()
    yaml = (
        CASES / "invalid" / "breakdown-unknown-category" / "indicators" / "share.yaml"
    ).read_text()
    for i in range(count):
        iid = f"share-{i:04d}"
        (root / "indicators" / f"{iid}.yaml").write_text(yaml.replace("id: share", f"id: {iid}"))
        rows = "2020,north,,60,,\n2020,south,,40,,\n2021,north,,60,,\n2021,south,,40,,\n"
        if i == broken:
            rows += "2021,nowhere,,1,,\n"
        (root / "indicators" / f"{iid}.csv").write_text(
            "year,area,language,value,status,note\n" + rows
        )
    return root


@pytest.mark.workers  # validate_paths(jobs=2) starts a worker
def test_many_files_are_checked_the_same_on_every_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _many(tmp_path / "data", 450, broken=333)
    serial = validate_paths([], root, jobs=1).problems
    parallel = validate_paths([], root, jobs=2).problems
    assert serial == parallel
    assert [p.code for p in serial if p.severity is Severity.ERROR] == ["unknown-category"]
    # 100 against 110 in 2021, in every file but the one with an error (no sums then)
    assert [p.code for p in serial].count("breakdown-sum") == 449


def test_the_reports_json_on_every_core_reads_a_data_set_with_breakdowns(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _many(tmp_path / "data", 450)
    monkeypatch.setenv("INTL_TRACKER_JOBS", "2")
    result = runner.invoke(app, ["report", "--data", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    indicators = json.loads(result.stdout)["indicators"]
    assert len(indicators) == 450
    assert {str(i["breakdowns"]) for i in indicators} == {"[['area'], ['area', 'language']]"}


SYNTHETIC = REPO / "tests" / "data" / "valid" / "breakdowns"


@pytest.mark.parametrize("kind", ["csv", "yaml"])
def test_a_data_file_that_links_out_of_the_data_set_is_never_read_or_written(
    tmp_path: Path, kind: str
) -> None:
    """A hostile pull request turns a data file into a link to a secret: validate must not
    print a byte of it (a CI log is public), and record must not write through the link."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET_TOKEN=marker-abc123\n", encoding="utf-8")
    root = tmp_path / "data"
    shutil.copytree(SYNTHETIC, root)
    link = next((root / "indicators").glob(f"*.{kind}"))
    link.unlink()
    link.symlink_to(secret)
    runner = CliRunner()
    result = runner.invoke(app, ["validate", "--data", str(root)])
    assert result.exit_code == 1, result.output
    assert "marker-abc123" not in result.output
    assert "link-outside" in result.output and link.name in result.output
    for command in (["report", "--format", "json"], ["show", link.stem]):
        shown = runner.invoke(app, [*command, "--data", str(root)])
        assert "marker-abc123" not in shown.output
    record = runner.invoke(
        app, ["record", link.stem, "2030", "1", "--by", "sex=f", "--data", str(root)]
    )
    assert record.exit_code != 0
    assert secret.read_text(encoding="utf-8") == "SECRET_TOKEN=marker-abc123\n"


def test_a_link_inside_the_data_set_is_read(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(SYNTHETIC, root)
    kept = root / "kept"
    kept.mkdir()
    table = next((root / "indicators").glob("*.csv"))
    table.rename(kept / table.name)
    table.symlink_to(kept / table.name)
    result = CliRunner().invoke(app, ["validate", "--data", str(root)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "note", ["+cmd|' /C calc'!A0", "-2+3", "\tx", "\rx", "\uff0bA1", "=SUM(A1)"]
)
def test_a_note_a_spreadsheet_would_run_is_a_problem(tmp_path: Path, note: str) -> None:
    root = tmp_path / "data"
    shutil.copytree(SYNTHETIC, root)
    table = root / "indicators" / "employment-rate.csv"
    lines = table.read_text(encoding="utf-8").splitlines()
    lines[0] += ",status,note"
    lines[1:] = [lines[1] + ',,"' + note + '"', *(line + ",," for line in lines[2:])]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--data", str(root)])
    assert result.exit_code == 1, result.output
    assert "employment-rate.csv:2:" in result.output and "csv-formula" in result.output


def test_record_by_updates_a_breakdown_file_validate_accepts_over_a_megabyte(
    tmp_path: Path,
) -> None:
    """validate reads breakdown files up to 50 MB; record --by must write the same files (an
    88-area file with notes is over 1 MB), not stop at the YAML files' 1 MB."""
    root = tmp_path / "data"
    shutil.copytree(SYNTHETIC, root)
    table = root / "indicators" / "employment-rate.csv"
    lines = table.read_text(encoding="utf-8").splitlines()
    lines[0] += ",status,note"
    long_note = "Source: a cited table " + "x" * 15_000
    lines[1:] = [f'{line},,"{long_note}"' for line in lines[1:]]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert table.stat().st_size > 1_000_000
    runner = CliRunner()
    assert runner.invoke(app, ["validate", "--data", str(root)]).exit_code == 0
    result = runner.invoke(
        app, ["record", "employment-rate", "2030", "60", "--by", "sex=f", "--data", str(root)]
    )
    assert result.exit_code == 0, result.output
    assert table.read_text(encoding="utf-8").splitlines()[-1].startswith("2030,f,,60")
