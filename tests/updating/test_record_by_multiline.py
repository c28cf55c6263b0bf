"""breaker24-s5 finding 1: ``record --by`` edits the breakdown file by CSV records, so a
quoted note that spans lines (which ``validate`` allows and ``record --note`` writes) is
never cut, entered or read as a row of its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.dataset.breakdowns import breakdown_table
from intl_tracker.dataset.loading import load_data_set
from tests.conftest import copy_synthetic

HEADER = "year,area,language,value,status,note\n"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_synthetic(tmp_path)


def _csv(data: Path) -> Path:
    return data / "indicators" / "residents.csv"


def _write(data: Path, body: str, *, newline: str = "\n") -> None:
    _csv(data).write_bytes((HEADER + body).replace("\n", newline).encode("utf-8"))


def _record(data: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["record", "residents", *args, "--data", str(data)])
    return result.exit_code, result.output


def _by_area(data: Path) -> dict[str, dict[int, Any]]:
    catalog = load_data_set(data).catalog
    assert catalog is not None
    table = breakdown_table(catalog, "residents")
    assert table is not None
    return {s.codes[0]: dict(s.observations) for s in table.series(("area",))}


NOTE = '"Sources:\n2020, Statistics Finland"'


def test_a_row_is_inserted_after_a_multi_line_note_never_inside_it(data: Path) -> None:
    _write(data, f"2018,north,,100,,\n2018,centre,,200,,{NOTE}\n2020,north,,120,,\n")
    code, output = _record(data, "2019", "150", "--by", "area=north")
    assert code == 0, output
    assert _csv(data).read_text(encoding="utf-8") == (
        f"{HEADER}2018,north,,100,,\n2018,centre,,200,,{NOTE}\n2019,north,,150,,\n"
        "2020,north,,120,,\n"
    )
    cells = _by_area(data)
    assert cells["north"][2019].value == 150
    assert cells["centre"][2018].note == "Sources:\n2020, Statistics Finland"


def test_a_note_written_by_record_does_not_swallow_the_next_value(data: Path) -> None:
    _write(data, "2018,north,,100,,\n")
    note = "Sources:\n2030, Statistics Finland"
    assert _record(data, "2021", "169", "--by", "area=north", "--note", note)[0] == 0
    code, output = _record(data, "2022", "170", "--by", "area=north")
    assert code == 0, output
    north = _by_area(data)["north"]
    assert (north[2021].value, north[2021].note) == (169, note)
    assert north[2022].value == 170


def test_note_text_that_looks_like_a_row_is_not_taken_for_a_cell(data: Path) -> None:
    _write(data, '2018,north,,100,,"Sources:\n2025,centre,,17000,,x"\n')
    code, output = _record(data, "2025", "17000", "--by", "area=centre")
    assert code == 0, output
    assert "nothing to change" not in output
    assert _by_area(data)["centre"][2025].value == 17000
    code, output = _record(data, "2025", "17500", "--by", "area=north")
    assert code == 0 and "--replace" not in output, output


@pytest.mark.parametrize("note", ["line one\n2020,north,,1,,fake", "src: a\nb"])
def test_replace_rewrites_the_whole_multi_line_record(data: Path, note: str) -> None:
    _write(data, f'2018,centre,,200,,"{note}"\n2019,centre,,210,,\n')
    code, output = _record(data, "2018", "250", "--by", "area=centre", "--replace")
    assert code == 0, output
    # the old note gave the source of the number replaced, so it goes with it (note_after)
    assert (
        _csv(data).read_text(encoding="utf-8")
        == f"{HEADER}2018,centre,,250,,\n2019,centre,,210,,\n"
    )
    cells = _by_area(data)
    assert 2020 not in cells.get("north", {})
    assert (cells["centre"][2018].value, cells["centre"][2018].note) == (250, None)
    code, output = _record(data, "2019", "220", "--by", "area=centre", "--replace", "--note", note)
    assert code == 0, output
    assert _csv(data).read_text(encoding="utf-8").endswith(f'2019,centre,,220,,"{note}"\n')


def test_a_new_row_keeps_the_year_order_after_a_multi_line_note(data: Path) -> None:
    _write(data, '2018,north,,100,,\n2018,centre,,200,,\n2021,north,,130,,"multi\nline"\n')
    assert _record(data, "2019", "205", "--by", "area=centre")[0] == 0
    assert _csv(data).read_text(encoding="utf-8") == (
        f"{HEADER}2018,north,,100,,\n2018,centre,,200,,\n2019,centre,,205,,\n"
        '2021,north,,130,,"multi\nline"\n'
    )


def test_crlf_and_a_missing_final_newline_are_kept_around_a_multi_line_note(
    data: Path,
) -> None:
    body = f"2018,north,,100,,\n2018,centre,,200,,{NOTE}"
    _write(data, body, newline="\r\n")
    before = _csv(data).read_bytes()
    assert _record(data, "2019", "150", "--by", "area=north")[0] == 0
    assert _csv(data).read_bytes() == before + b"\r\n2019,north,,150,,\r\n"
