"""The numpy check of large breakdown files (dataset/breakdown_columns.py) finds what the
row-by-row reading finds, and reads every number as Python's float() does (issue 24)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from intl_tracker.dataset import breakdown_columns, breakdowns
from intl_tracker.dataset.breakdowns import BreakdownRefs, check_table, parse_table
from intl_tracker.dataset.models import Dimension
from tests.conftest import CASES, REPO
from tests.dataset.test_breakdowns import _context

EXE = str(Path(sys.executable).with_name("intl-tracker"))
HEAD = "year,area,value,status,note\n"
GOOD = HEAD + "2020,north,60,,\n2020,south,40,,\n"
# (a number far from GOOD's would be a jump in its category: the variants that read numbers
# give them a file of their own, so that the numpy check takes it)
#: Files the numpy check must take (plain files).
PLAIN = {
    "good",
    "no trailing newline",
    "no status or note",
    "sum off",
    "years out of order",
    "decimals",
    "point first",
    "point last",
    "minus zero",
    "fifteen digits",
    "long number",
}


def _variants() -> list[tuple[str, str]]:
    short = "year,area,value\n2020,north,60\n2020,south,40\n"
    return [
        ("good", GOOD),
        ("no trailing newline", GOOD.rstrip("\n")),
        ("no status or note", short),
        ("sum off", GOOD.replace("40,,", "45,,")),
        ("years out of order", GOOD + "2021,north,50,,\n2019,north,45,,\n2021,south,60,,\n"),
        ("decimals", HEAD + "2021,north,0.5,,\n2021,south,109.5,,\n"),
        ("point first", HEAD + "2021,north,.5,,\n"),
        ("point last", HEAD + "2021,north,5.,,\n"),
        ("minus zero", GOOD + "2021,north,-0,,\n"),
        ("fifteen digits", HEAD + "2021,north,123456789012345,,\n"),
        ("long number", HEAD + "2021,north,12345678.125,,\n"),
        ("sixteen digits", GOOD + "2021,north,1234567890123456,,\n"),
        ("negative", GOOD + "2021,north,-1,,\n"),
        ("minus inside", GOOD + "2021,north,1-1,,\n"),
        ("two minus signs", GOOD + "2021,north,--1,,\n"),
        ("plus", GOOD + "2021,north,+1,,\n"),
        ("exponent", GOOD + "2021,north,1e3,,\n"),
        ("two dots", GOOD + "2021,north,1.2.3,,\n"),
        ("only a point", GOOD + "2021,north,.,,\n"),
        ("only a minus", GOOD + "2021,north,-,,\n"),
        ("underscore", GOOD + "2021,north,1_000,,\n"),
        ("space", GOOD + "2021,north, 10,,\n"),
        ("decimal comma", GOOD.replace("60,,", '"60,5",,')),
        ("arabic digits", GOOD + "2021,north,\u0661\u0662,,\n"),
        ("nan", GOOD + "2021,north,nan,,\n"),
        ("blank value", GOOD + "2021,north,,,\n"),
        ("formula", GOOD + "2021,north,=1+1,,\n"),
        ("status", GOOD + "2021,north,1,estimated,\n"),
        ("note", GOOD + "2021,north,1,,checked\n"),
        ("unknown code", GOOD + "2021,nort,1,,\n"),
        ("longer code", GOOD + "2021,northwest,1,,\n"),
        ("code with a NUL", GOOD + "2021,north\0,1,,\n"),
        ("total code", GOOD + "2021,SSS,1,,\n"),
        ("blank code", GOOD + "2021,,1,,\n"),
        ("duplicate", GOOD + "2020,north,1,,\n"),
        ("year 1799", GOOD + "1799,north,1,,\n"),
        ("year 2201", GOOD + "2201,north,1,,\n"),
        ("five-digit year", GOOD + "20210,north,1,,\n"),
        ("year with a letter", GOOD + "2o21,north,1,,\n"),
        ("year with a slash", GOOD + "20/1,north,1,,\n"),
        ("ragged", GOOD + "2021,north,1,\n"),
        ("short then long", GOOD + "2021,north,1,\n2021,south,1,,,\n"),
        ("empty line", GOOD + "\n2021,north,1,,\n"),
        ("crlf", GOOD.replace("\n", "\r\n")),
        ("quoted", GOOD.replace("north", '"north"')),
        ("header order", "year,value,area\n2020,60,north\n"),
        ("language column", "year,language,value\n2020,fi,1\n"),
        # a category's value ten times its neighbours: the row-by-row reading warns
        ("category jump", GOOD + "2021,north,600,,\n2022,north,60,,\n"),
    ]


@pytest.fixture
def numpy_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file, however small, checked with numpy first."""
    monkeypatch.setattr(breakdowns, "COLUMNS_MIN_BYTES", 0)
    assert breakdowns.prepare_columns([])  # the module is imported by this test file


def _area_refs() -> tuple[BreakdownRefs, dict[str, Dimension]]:
    refs, dimensions = _context(CASES / "invalid" / "breakdown-unknown-category")
    return replace(refs, breakdowns=((("area",), False),)), dimensions


@pytest.mark.parametrize(("name", "text"), _variants(), ids=[n for n, _ in _variants()])
@pytest.mark.usefixtures("numpy_always")
def test_the_numpy_check_finds_what_the_row_by_row_reading_finds(name: str, text: str) -> None:
    refs, dimensions = _area_refs()
    problems = parse_table(text, "share.csv", refs, dimensions)[1]
    assert check_table(text, "share.csv", refs, dimensions) == problems
    taken = breakdowns._columns_check(text, "share.csv", refs, dimensions)
    assert (taken is not None) == (name in PLAIN)
    if name == "sum off":  # a warning, at the first row of its year
        assert [(p.line, p.code) for p in problems] == [(2, "breakdown-sum")]


@pytest.mark.usefixtures("numpy_always")
def test_a_partial_or_crossed_breakdown_gets_the_same_problems() -> None:
    refs, dimensions = _area_refs()
    partial = replace(refs, breakdowns=((("area",), True),))
    text = GOOD.replace("40,,", "41,,")
    assert check_table(text, "s.csv", partial, dimensions) == []
    crossed = replace(refs, breakdowns=((("area", "language"), False),))
    text = "year,language,area,value\n2020,fi,north,60\n2020,ru,north,40\n2020,fi,south,1\n"
    assert breakdowns._columns_check(text, "s.csv", crossed, dimensions) is not None
    assert (
        check_table(text, "s.csv", crossed, dimensions)
        == (parse_table(text, "s.csv", crossed, dimensions)[1])
    )
    twice = text + "2020,ru,north,2\n"
    assert check_table(twice, "s.csv", crossed, dimensions)[0].code == "duplicate-cell"


def _number(rng: random.Random) -> str:
    digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 15)))
    point = rng.randint(0, len(digits))
    text = digits[:point] + "." + digits[point:] if rng.random() < 0.7 else digits
    return ("-" if rng.random() < 0.3 else "") + text


def test_every_number_is_the_float_python_reads() -> None:
    rng = random.Random(24)
    cells = [_number(rng) for _ in range(20_000)]
    codes = tuple(f"c{k}" for k in range(len(cells)))
    body = "".join(f"2020,{code},{cell}\n" for code, cell in zip(codes, cells, strict=True))
    read = breakdown_columns.read_plain(body.encode(), 3, [1], 2, [codes], (None, None))
    assert read is not None
    assert read.values.tolist() == [float(c) for c in cells]  # bit for bit (-0.0 too)
    assert [str(v) for v in read.values.tolist()] == [str(float(c)) for c in cells]
    assert read.cells[0].tolist() == list(range(len(cells)))


def test_codes_longer_than_eight_bytes_are_matched_exactly() -> None:
    codes = ("north-west", "north-east", "south", "\u00e5land-islands")
    body = "2020,north-east,1\n2020,\u00e5land-islands,2\n2020,north-west,3\n"
    read = breakdown_columns.read_plain(body.encode(), 3, [1], 2, [codes], (None, None))
    assert read is not None and read.cells[0].tolist() == [1, 3, 0]
    for wrong in ("north-wes", "north-west-", "north-wesT"):
        text = body + f"2021,{wrong},4\n"
        assert breakdown_columns.read_plain(text.encode(), 3, [1], 2, [codes], (0, None)) is None


def test_numpy_is_loaded_for_a_data_set_of_large_breakdown_files_only(tmp_path: Path) -> None:
    small = tmp_path / "small.csv"
    small.write_bytes(b"x" * 1000)
    large = tmp_path / "large.csv"
    large.write_bytes(b"x" * breakdowns.COLUMNS_DATA_SET_BYTES)
    assert breakdowns.prepare_columns([large])
    # (whether a small data set loads numpy is checked on the bundled data: tests/speed)
    assert breakdowns.prepare_columns([small]) is True  # loaded already, in this process


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data set whose breakdown files hold more than COLUMNS_DATA_SET_BYTES (130
    indicators x 100 areas x 20 years), with a sum warning, an error (a value that is no
    number) and a file the numpy check hands on (a note)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from breakdown_data import generate

    root = generate(tmp_path_factory.mktemp("large") / "data", 130, 100, 20)
    folder = root / "indicators"
    count = folder / "indicator-00001.yaml"  # a count: its areas sum to its headline
    count.write_text(count.read_text(encoding="utf-8").replace("  2006: ", "  2006: 1"))
    table = folder / "indicator-00002.csv"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace("\n2010,a050,", "\n2010,a050,x", 1), encoding="utf-8")
    noted = folder / "indicator-00003.csv"
    rows = noted.read_text(encoding="utf-8").splitlines()
    rows = [f"{rows[0]},status,note", *(f"{r},,checked" for r in rows[1:])]
    noted.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("args", [["validate"], ["report", "--format", "json", "2024"]])
def test_a_large_data_set_gets_the_same_output_with_numpy_and_without(
    large: Path, args: list[str]
) -> None:
    """Byte for byte the same stdout, stderr and exit code with the speed machinery on (the
    numpy check) and off, on one process and on two."""
    runs = [
        subprocess.run(
            [EXE, *args, "--data", str(large)],
            capture_output=True,
            env={**os.environ, "INTL_TRACKER_SPEEDUPS": on, "INTL_TRACKER_JOBS": jobs},
            check=False,
        )
        for on, jobs in (("0", "1"), ("1", "1"), ("1", "2"))
    ]
    assert {r.returncode for r in runs} == {1}
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout
    assert runs[0].stderr == runs[1].stderr == runs[2].stderr
    told = (runs[0].stdout + runs[0].stderr).decode()
    assert "indicator-00001.csv:" in told and "breakdown-sum" in told
    assert "indicator-00002.csv:" in told and "invalid-type" in told


def test_a_large_data_set_is_checked_with_numpy(large: Path) -> None:
    code = (
        "import sys; from pathlib import Path\n"
        "from intl_tracker.dataset.loading import validate_paths\n"
        f"validate_paths([Path({str(large)!r})], None)\n"
        "print('intl_tracker.dataset.breakdown_columns' in sys.modules)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        env={**os.environ, "INTL_TRACKER_JOBS": "1"},
        check=True,
    )
    assert run.stdout.strip() == b"True"
