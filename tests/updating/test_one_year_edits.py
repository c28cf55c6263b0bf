"""Issue 22, cases 2 and 3: an edit touches exactly one year, in every layout a file may have.

Each test starts from a small file (the head of a bundled indicator and a ``values`` block of
the layout in question) and checks the file as read back after the edit, or that a refused
edit leaves the file byte for byte as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from intl_tracker.cli.commands import app
from intl_tracker.core.errors import ExitCode
from intl_tracker.dataset.loading import load_indicator
from intl_tracker.dataset.models import Indicator
from intl_tracker.updating.recording import NewValue, record_values
from tests.conftest import REPO

HEAD = (REPO / "data" / "indicators" / "gdsi-rank.yaml").read_text(encoding="utf-8")
HEAD = HEAD[: HEAD.index("values:")]


def _file(tmp_path: Path, values: str, newline: str = "\n") -> Path:
    """``data/indicators/gdsi-rank.yaml`` with ``values`` after the bundled head."""
    folder = tmp_path / "data" / "indicators"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "gdsi-rank.yaml"
    path.write_bytes((HEAD + values).replace("\n", newline).encode("utf-8"))
    return path


def _indicator(path: Path) -> Indicator:
    indicator, problems, _ = load_indicator(path)
    assert indicator is not None, problems
    return indicator


def _record(runner: CliRunner, path: Path, *args: str) -> Result:
    data = path.parent.parent
    return runner.invoke(app, ["record", "gdsi-rank", *args, "--data", str(data)])


# --- case 2: an anchor and an alias share one entry between two years ----------------------

SHARED = 'values:\n  2017: &a\n    value: 14\n    note: "x"\n  2018: *a\n'


@pytest.mark.parametrize("year", ["2017", "2018"])
def test_an_entry_shared_through_an_anchor_is_refused_for_either_year(
    tmp_path: Path, runner: CliRunner, year: str
) -> None:
    path = _file(tmp_path, SHARED)
    before = path.read_bytes()
    result = _record(runner, path, year, "12", "--replace")
    assert result.exit_code == ExitCode.INVALID_DATA, result.output
    other = "2018" if year == "2017" else "2017"
    line = HEAD.count("\n") + 1 + (1 if year == "2017" else 4)  # the year's key
    assert (
        f"data/indicators/gdsi-rank.yaml:{line}:3: error [shared-entry] the entry of {year} is "
        f"shared with {other} through a YAML anchor (&) and alias (*)"
    ) in result.stderr
    assert "nothing was written" in result.stderr
    assert path.read_bytes() == before


def test_a_shared_part_of_an_entry_is_refused_too(tmp_path: Path, runner: CliRunner) -> None:
    """The note is shared, not the entry: dropping 2017's note would break 2018's."""
    path = _file(
        tmp_path, 'values:\n  2017:\n    value: 14\n    note: &n "x"\n  2018:\n'
        "    value: 15\n    note: *n\n"
    )  # fmt: skip
    before = path.read_bytes()
    result = _record(runner, path, "2017", "12", "--replace")
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "a part of the entry of 2017 is shared with 2018" in result.stderr
    assert path.read_bytes() == before


def test_a_new_year_after_an_alias_lands_after_the_alias(tmp_path: Path) -> None:
    path = _file(tmp_path, SHARED)
    record_values({path: [NewValue(2019, "9")]}, replace=False)
    assert path.read_text(encoding="utf-8") == HEAD + SHARED + "  2019: 9\n"
    values = _indicator(path).values
    assert [(y, o.value) for y, o in sorted(values.items())] == [(2017, 14), (2018, 14), (2019, 9)]


# --- case 3: flow style, CR-only line ends, explicit keys -----------------------------------


def test_flow_values_take_new_years_after_the_previous_entrys_braces(tmp_path: Path) -> None:
    """Each edit on the file the previous one wrote (a flow entry's braces used to swallow
    the next year)."""
    path = _file(tmp_path, "values: {2019: 100}\n")
    record_values({path: [NewValue(2020, "5", "provisional")]}, replace=False)
    record_values({path: [NewValue(2021, "6", "provisional")]}, replace=False)
    record_values({path: [NewValue(2018, "4")]}, replace=False)
    assert path.read_text(encoding="utf-8") == HEAD + (
        "values: {2018: 4, 2019: 100, 2020: {value: 5, status: provisional}, "
        "2021: {value: 6, status: provisional}}\n"
    )
    record_values({path: [NewValue(2019, "101", "provisional", "revised")]}, replace=True)
    assert path.read_text(encoding="utf-8") == HEAD + (
        'values: {2018: 4, 2019: {value: 101, status: provisional, note: "revised"}, '
        "2020: {value: 5, status: provisional}, 2021: {value: 6, status: provisional}}\n"
    )
    values = _indicator(path).values
    assert [(y, o.value, o.status) for y, o in sorted(values.items())] == [
        (2018, 4, "final"),
        (2019, 101, "provisional"),
        (2020, 5, "provisional"),
        (2021, 6, "provisional"),
    ]


@pytest.mark.parametrize("year", [2016, 2018, 2020])  # before, between, after
def test_a_cr_only_file_keeps_its_line_ends_and_year_order(tmp_path: Path, year: int) -> None:
    path = _file(tmp_path, 'values:\n  2017: 14\n  2019:\n    value: 15\n    note: "y"\n', "\r")
    record_values({path: [NewValue(year, "9")]}, replace=False)
    raw = path.read_bytes()
    assert b"\n" not in raw
    lines = raw.decode("utf-8").split("\r")
    keys = [line.strip().split(":")[0] for line in lines if line.startswith("  20")]
    assert keys == sorted(keys) and f"  {year}: 9" in lines
    assert sorted(_indicator(path).values) == sorted([2017, 2019, year])


def test_a_cr_only_file_replaces_and_converts_an_entry(tmp_path: Path) -> None:
    path = _file(tmp_path, "values:\n  2017: 14\n  2019: 15\n", "\r")
    record_values({path: [NewValue(2017, "13", "provisional", "new")]}, replace=True)
    text = path.read_bytes().decode("utf-8")
    assert "\n" not in text
    assert text.endswith('values:\r  2017:\r    value: 13\r    status: provisional\r'
                         '    note: "new"\r  2019: 15\r')  # fmt: skip


EXPLICIT = "values:\n  ? 2017\n  : 14\n  ? 2019\n  : 15\n"


@pytest.mark.parametrize("year", [2016, 2018, 2020])
def test_explicit_keys_take_new_years_at_their_indentation(tmp_path: Path, year: int) -> None:
    path = _file(tmp_path, EXPLICIT)
    record_values({path: [NewValue(year, "9")]}, replace=False)
    text = path.read_text(encoding="utf-8")
    assert f"\n  {year}: 9\n" in text
    assert sorted(_indicator(path).values) == sorted([2017, 2019, year])
    assert text.replace(f"  {year}: 9\n", "") == HEAD + EXPLICIT


def test_an_explicit_key_entry_is_converted_in_flow_style(tmp_path: Path) -> None:
    path = _file(tmp_path, EXPLICIT)
    record_values({path: [NewValue(2017, "13", "estimated", "a guess")]}, replace=True)
    assert path.read_text(encoding="utf-8") == HEAD + (
        'values:\n  ? 2017\n  : {value: 13, status: estimated, note: "a guess"}\n  ? 2019\n  : 15\n'
    )
    assert _indicator(path).values[2017].status == "estimated"


# --- case 3: numbers whose text would read as another number --------------------------------


@pytest.mark.parametrize(
    ("typed", "written"),
    [("010", "10"), ("+007.50", "7.50"), ("1e3", "1000"), ("2.5E1", "25"), ("1.5e+0", "1.5")],
)
def test_numbers_are_written_so_that_every_yaml_reader_reads_them_alike(
    tmp_path: Path, runner: CliRunner, typed: str, written: str
) -> None:
    """010 is 8 to a YAML 1.1 reader and 1e3 a string: both are written in plain digits."""
    path = _file(tmp_path, "values:\n  2017: 14\n")
    result = _record(runner, path, "2019", typed)
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8").endswith(f"  2019: {written}\n")
    assert _indicator(path).values[2019].value == float(written)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e-400", "'1e-400' is too small to be stored: it would be read as 0"),
        ("1e400", "'1e400' is too large to be stored"),
        ("0.10000000000000001", "it would be read as 0.1"),
        ("12345678901234567891", "it would be read as 12345678901234567000"),
        ("1,5", "use a dot as the decimal separator"),
    ],
)
def test_numbers_that_would_read_differently_are_refused(
    tmp_path: Path, runner: CliRunner, typed: str, message: str
) -> None:
    path = _file(tmp_path, "values:\n  2017: 14\n")
    before = path.read_bytes()
    result = _record(runner, path, "2019", typed)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert message in result.stderr
    assert path.read_bytes() == before


def test_a_block_scalar_note_is_replaced_on_its_own_lines(tmp_path: Path) -> None:
    path = _file(
        tmp_path, "values:\n  2017:\n    value: 14\n    note: |\n      line one\n      line two\n"
        "  2019: 15\n"
    )  # fmt: skip
    record_values({path: [NewValue(2017, "13", note="new source")]}, replace=True)
    assert path.read_text(encoding="utf-8") == HEAD + (
        'values:\n  2017:\n    value: 13\n    note: "new source"\n  2019: 15\n'
    )


def test_a_file_that_is_not_utf8_is_refused_at_its_position(
    tmp_path: Path, runner: CliRunner
) -> None:
    path = _file(tmp_path, "values:\n  2017: 14\n")
    path.write_bytes(path.read_bytes().replace(b"values:", b"values: # \xff\n  2016: 1\n#", 1))
    before = path.read_bytes()
    result = _record(runner, path, "2019", "9")
    assert result.exit_code == ExitCode.INVALID_DATA
    line = HEAD.count("\n") + 1
    assert f"gdsi-rank.yaml:{line}:11: error [encoding] the file is not UTF-8: byte 0xff" in (
        result.stderr
    )
    assert path.read_bytes() == before


BLOCK_NOTE = (
    'values:\n  2017:\n    value: 14\n    note:\n      fi: "lähde"\n      en: "source"\n'
    "  2019: 15\n"
)


def test_a_note_per_language_in_block_form_is_dropped_alone(tmp_path: Path) -> None:
    """Its block mapping ends where the next year's key starts: the next year used to go
    with it."""
    path = _file(tmp_path, BLOCK_NOTE)
    record_values({path: [NewValue(2017, "13")]}, replace=True)
    assert (
        path.read_text(encoding="utf-8") == HEAD + "values:\n  2017:\n    value: 13\n  2019: 15\n"
    )


def test_a_note_per_language_in_block_form_is_replaced_or_kept(tmp_path: Path) -> None:
    path = _file(tmp_path, BLOCK_NOTE)
    record_values({path: [NewValue(2017, "13", keep_note=True)]}, replace=True)
    assert path.read_text(encoding="utf-8") == HEAD + BLOCK_NOTE.replace("14", "13")
    record_values({path: [NewValue(2017, "12", note="new")]}, replace=True)
    assert path.read_text(encoding="utf-8") == HEAD + (
        'values:\n  2017:\n    value: 12\n    note: "new"\n  2019: 15\n'
    )
    assert sorted(_indicator(path).values) == [2017, 2019]
