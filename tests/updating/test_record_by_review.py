"""breaker24's review of ``record --by`` and ``import`` by category (findings 5, 8, 12, 17)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.updating.breakdown_import import (
    BreakdownSeries,
    CategoryFigure,
    check_overlap,
)
from intl_tracker.updating.fetching import SourceError
from tests.conftest import copy_synthetic


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_synthetic(tmp_path)


def _record(data: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["record", "residents", *args, "--data", str(data)])
    return result.exit_code, result.output


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_file_with_a_byte_order_mark_is_refused_as_validate_refuses_it(
    data: Path, dry_run: bool
) -> None:
    path = data / "indicators" / "residents.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    before = _digest(path)
    code, output = _record(
        data, "2030", "1", "--by", "area=north", *(["--dry-run"] if dry_run else [])
    )
    assert code == 1, output
    assert "csv-byte-order-mark" in output
    assert _digest(path) == before


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x07", "\u202e"])
def test_a_note_with_a_control_or_bidi_character_is_refused(data: Path, char: str) -> None:
    path = data / "indicators" / "residents.csv"
    before = _digest(path)
    code, output = _record(data, "2030", "1", "--by", "area=north", "--note", f"a{char}b")
    assert code == 2, output
    assert char not in output and f"U+{ord(char):04X}" in output
    assert _digest(path) == before


def test_a_total_code_beside_a_category_is_the_cell_of_the_other_dimension(data: Path) -> None:
    """The file reads ``2030,all,foreign`` as language=foreign; so must --by."""
    code, output = _record(data, "2030", "12000", "--by", "area=all", "--by", "language=foreign")
    assert code == 0, output
    lines = (data / "indicators" / "residents.csv").read_text(encoding="utf-8").splitlines()
    assert "2030,,foreign,12000,," in lines
    code, output = _record(data, "2030", "1", "--by", "area=all")
    assert code == 2 and "recorded without --by" in output


def test_the_promote_hint_is_given_only_when_it_applies(data: Path) -> None:
    assert _record(data, "2030", "5", "--by", "area=north")[0] == 0
    code, output = _record(data, "2030", "5", "--by", "area=north", "--status", "provisional")
    assert code == 2
    assert "promotes a provisional one" not in output
    assert _record(data, "2031", "5", "--by", "area=north", "--status", "provisional")[0] == 0
    code, output = _record(data, "2031", "5", "--by", "area=north", "--status", "estimated")
    assert code == 2 and "promotes a provisional one" in output


def _figures(*cells: tuple[int, str]) -> BreakdownSeries:
    return BreakdownSeries(
        "https://example.org/t.px",
        None,
        tuple(CategoryFigure(year, (("area", code),), "1", True) for year, code in cells),
    )


def test_two_mappings_giving_one_cell_stop_the_import_naming_both() -> None:
    check_overlap("x", [_figures((2020, "north")), _figures((2020, "south"))])
    with pytest.raises(
        SourceError, match=r"mappings 1 and 2 both give the cell area=north of 2020"
    ):
        check_overlap("x", [_figures((2020, "north")), _figures((2020, "north"))])
