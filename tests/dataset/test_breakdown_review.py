"""breaker24's review of breakdown files (findings 6-11, 13, 17): each category's values get
the headline's per-value checks; a broken file costs no more than the problems it shows;
messages echo no whole cell and name what is wrong where it is."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.core.errors import Severity
from intl_tracker.dataset.breakdowns import BreakdownRefs, check_table, parse_table
from intl_tracker.dataset.loading import load_goals, load_indicator
from intl_tracker.dataset.locating import MAX_PROBLEMS_PER_FILE
from intl_tracker.dataset.models import Dimension
from tests.conftest import SYNTHETIC, copy_synthetic


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_synthetic(tmp_path)


def _context(indicator: str = "residents") -> tuple[BreakdownRefs, dict[str, Dimension]]:
    goals, _ = load_goals(SYNTHETIC / "goals.yaml")
    found, _, _ = load_indicator(SYNTHETIC / "indicators" / f"{indicator}.yaml")
    assert goals is not None and found is not None
    return BreakdownRefs.of(found), {d.id: d for d in goals.dimensions}


def _validate(data: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["validate", "--data", str(data)])
    return result.exit_code, result.output


def _edit_line(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


def _line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(start))


# --- finding 6: the headline's per-value checks, per category --------------------------------


@pytest.mark.parametrize("check", ["check_table", "parse_table"])
def test_a_category_value_a_thousand_times_too_small_is_an_implausible_jump(check: str) -> None:
    refs, dimensions = _context()
    text = (SYNTHETIC / "indicators" / "residents.csv").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("2019,north,,"))
    lines[at] = "2019,north,,22,,\n"
    edited = "".join(lines)
    found = (
        check_table(edited, "r.csv", refs, dimensions)
        if check == "check_table"
        else parse_table(edited, "r.csv", refs, dimensions)[1]
    )
    jumps = [p for p in found if p.code == "implausible-jump"]
    assert [(p.line, p.severity) for p in jumps] == [(at + 1, Severity.WARNING)]
    assert jumps[0].message.startswith("area=north: 22 in 2019")


def test_validate_and_record_by_warn_of_a_jump_and_an_estimate_without_note(data: Path) -> None:
    path = data / "indicators" / "residents.csv"
    line = _line_of(path, "2019,north,,")
    _edit_line(path, line, "2019,north,,", "2019,north,,2")  # 22000 written as 222000
    code, output = _validate(data)
    assert code == 0, output
    assert f"residents.csv:{line}:1: warning [implausible-jump] area=north:" in output
    runner = CliRunner()
    base = ["record", "residents", "--by", "area=south", "--data", str(data)]
    jump = runner.invoke(app, [*base, "2025", "31"])  # after 31150 in 2024
    assert jump.exit_code == 0, jump.output
    assert "implausible-jump" in jump.output
    estimate = runner.invoke(app, [*base, "2026", "31000", "--status", "estimated"])
    assert estimate.exit_code == 0, estimate.output
    assert "estimate-without-note] area=south: the estimated value of 2026" in estimate.output


# --- finding 7: a large broken file ----------------------------------------------------------


def test_reading_a_broken_file_stops_after_the_problems_it_can_show() -> None:
    refs, dimensions = _context()
    header = "year,area,language,value,status,note\n"
    rows = 200_000
    text = header + "2019,north,,1,,\n" * rows
    started = time.perf_counter()
    found = check_table(text, "r.csv", refs, dimensions)
    elapsed = time.perf_counter() - started
    assert len(found) == MAX_PROBLEMS_PER_FILE + 1
    last = found[-1]
    assert last.code == "too-many-problems" and "read no further" in last.message
    assert last.line == MAX_PROBLEMS_PER_FILE + 3  # rows 3.. are the duplicates
    assert elapsed < 10  # about 0.5 s here; the whole file row by row took 10 times that


# --- finding 8: echoes and control characters -------------------------------------------------


def test_a_huge_header_cell_is_echoed_short(data: Path) -> None:
    path = data / "indicators" / "residents.csv"
    _edit_line(path, 1, "year,area", "year," + "x" * 100_000 + ",area")
    code, output = _validate(data)
    assert code == 1
    assert max(map(len, output.splitlines())) < 1000


@pytest.mark.parametrize("char", ["\x00", "\x1b[31m", "\x07", "\u202e"])
def test_a_control_or_bidi_character_in_a_note_is_an_error(data: Path, char: str) -> None:
    path = data / "indicators" / "residents.csv"
    _edit_line(path, 3, "2015,centre,,36000,,", f"2015,centre,,36000,,a{char}b")
    code, output = _validate(data)
    assert code == 1, output
    assert "residents.csv:3:22: error [control-character]" in output
    assert char not in output


# --- findings 9-11 ----------------------------------------------------------------------------


def test_a_broken_quote_is_reported_at_the_line_of_its_field() -> None:
    refs, dimensions = _context()
    text = (
        "year,area,language,value,status,note\n"
        '2015,north,,22000,,=HYPERLINK("http://x","y")\n'
        "2015,centre,,36000,,\n2015,south,,28000,,\n2016,north,,22000,,\n"
    )
    found = check_table(text, "r.csv", refs, dimensions)
    assert [(p.line, p.code) for p in found] == [(2, "csv-syntax")]


def test_a_misspelt_fixed_column_is_called_a_column(data: Path) -> None:
    path = data / "indicators" / "residents.csv"
    _edit_line(path, 1, "year,", "Year,")
    code, output = _validate(data)
    assert code == 1
    assert "[csv-header] no column 'Year'; did you mean 'year'?" in output
    assert "no dimension 'Year'" not in output


def test_an_extra_column_is_not_told_year_and_value_are_dimensions(data: Path) -> None:
    path = data / "indicators" / "residents.csv"
    _edit_line(path, 1, ",note", ",note,extra")
    code, output = _validate(data)
    assert code == 1
    assert "no column 'extra'" in output
    assert "known: area, language, year" not in output


def test_a_row_of_total_codes_is_not_called_blank() -> None:
    refs, dimensions = _context()
    text = "year,area,language,value,status,note\n2015,all,,1,,\n"
    found = parse_table(text, "r.csv", refs, dimensions)[1]
    assert [p.code for p in found] == ["total-row"]
    assert "every category cell is blank" not in found[0].message
    assert "total code" in found[0].message


def test_a_total_code_that_is_also_a_category_gives_one_error_not_a_cascade(data: Path) -> None:
    goals = data / "goals.yaml"
    goals.write_text(
        goals.read_text(encoding="utf-8").replace("total: all", "total: north"), encoding="utf-8"
    )
    code, output = _validate(data)
    assert code == 1
    assert "duplicate-category" in output
    assert "duplicate-cell" not in output and "total-row" not in output


# --- finding 13: names in goals.yaml ----------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["\u202eNainen", "<script>x</script>", "[l](javascript:alert(1))", "=HYPERLINK(1)", "a\\nb"],
)
def test_a_category_name_that_is_not_plain_text_is_an_error(data: Path, name: str) -> None:
    goals = data / "goals.yaml"
    text = goals.read_text(encoding="utf-8")
    goals.write_text(text.replace("en: North,", f'en: "{name}",'), encoding="utf-8")
    line = _line_of(goals, "      - {code: north")
    code, output = _validate(data)
    assert code == 1, output
    assert f"goals.yaml:{line}:" in output and "[dimension-name]" in output


# --- finding 17: wording ----------------------------------------------------------------------


def test_a_lone_category_is_not_the_1_categories() -> None:
    refs, dimensions = _context()
    text = "year,area,language,value,status,note\n2015,north,,1,,\n"
    found = check_table(text, "r.csv", refs, dimensions)
    assert "the only category by area is 1 in 2015" in found[0].message
    assert "1 categories" not in found[0].message


def test_missing_code_names_the_dimensions_in_declared_order() -> None:
    refs, dimensions = _context("employment-rate")  # breakdowns: sex, [sex, area]
    text = "year,sex,area,value\n2015,,north,1\n"
    found = parse_table(text, "e.csv", refs, dimensions)[1]
    assert found[0].code == "missing-code"
    assert "(the breakdown is by sex \u00d7 area)" in found[0].message


def test_an_upper_case_csv_extension_is_told_breakdown_files_are_read(data: Path) -> None:
    (data / "indicators" / "residents.csv").rename(data / "indicators" / "x.CSV")
    _, output = _validate(data)
    assert "x.CSV" in output and "rename the file to end in '.csv'" in output


# --- breaker24-s5 finding 3: a header of more than 100 unknown columns -----------------------


@pytest.mark.parametrize(
    "command", [["validate"], ["show", "residents"], ["report", "--by", "area"]]
)
def test_a_header_with_more_problems_than_are_shown_is_invalid_data_not_a_bug(
    data: Path, command: list[str]
) -> None:
    extra = "".join(f",x{i}" for i in range(MAX_PROBLEMS_PER_FILE + 1))
    path = data / "indicators" / "residents.csv"
    path.write_text(
        f"year,area,language,value,status,note{extra}\n2019,north,,1,,{',' * 101}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, [*command, "--data", str(data)])
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    if command == ["validate"]:
        assert "too-many-problems" in result.output
        assert result.output.count("error [unknown-dimension]") == MAX_PROBLEMS_PER_FILE


def test_record_by_refuses_a_header_with_more_problems_than_are_shown(data: Path) -> None:
    extra = "".join(f",x{i}" for i in range(MAX_PROBLEMS_PER_FILE + 1))
    path = data / "indicators" / "residents.csv"
    path.write_text(f"year,area,language,value,status,note{extra}\n", encoding="utf-8")
    before = path.read_bytes()
    result = CliRunner().invoke(
        app, ["record", "residents", "2030", "1", "--by", "area=north", "--data", str(data)]
    )
    assert result.exit_code == 1, result.output
    assert "too-many-problems" in result.output
    assert path.read_bytes() == before


# --- breaker24-s5 finding 7: a declared breakdown without rows -------------------------------


@pytest.mark.parametrize("speedups", ["1", "0"])
def test_a_declared_breakdown_without_rows_is_a_warning(
    data: Path, speedups: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTL_TRACKER_SPEEDUPS", speedups)
    path = data / "indicators" / "residents.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if line.split(",")[1] != ""]
    path.write_text("".join(kept), encoding="utf-8")  # no row by language alone
    code, output = _validate(data)
    assert code == 0, output
    assert (
        "residents.csv:1:1: warning [breakdown-no-values] no row gives the values by language,"
        in output
    )
    assert output.count("breakdown-no-values") == 1
