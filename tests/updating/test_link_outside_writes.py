"""breaker24-s5 finding 2: a data file that is a symbolic link out of the data set is
neither read nor written (``link-outside``), by ``record``, ``record --by`` and ``import``
as by ``validate``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from tests.conftest import copy_synthetic


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_synthetic(tmp_path)


def _link_out(data: Path, name: str) -> Path:
    """Move ``indicators/<name>`` out of the data set and link to it; the outside file."""
    inside = data / "indicators" / name
    outside = data.parent / f"outside-{name}"
    shutil.move(inside, outside)
    inside.symlink_to(outside)
    return outside


def _record(data: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["record", "residents", *args, "--data", str(data)])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("residents.yaml", ["2030", "1"]),
        ("residents.csv", ["2030", "1", "--by", "area=north"]),
        ("residents.yaml", ["2030", "1", "--by", "area=north"]),
    ],
)
@pytest.mark.parametrize("dry_run", [False, True])
def test_record_refuses_a_file_linked_from_outside(
    data: Path, name: str, args: list[str], dry_run: bool
) -> None:
    outside = _link_out(data, name)
    before = outside.read_bytes()
    code, output = _record(data, *args, *(["--dry-run"] if dry_run else []))
    assert code == 1, output
    assert "link-outside" in output and "nothing was written" in output
    assert outside.read_bytes() == before


def test_record_by_does_not_create_a_file_through_a_broken_link_out(data: Path) -> None:
    inside = data / "indicators" / "residents.csv"
    inside.unlink()
    target = data.parent / "elsewhere.csv"
    inside.symlink_to(target)
    code, output = _record(data, "2030", "1", "--by", "area=north")
    assert code == 1 and "link-outside" in output, output
    assert not target.exists()


def test_a_link_inside_the_data_set_is_still_written(data: Path) -> None:
    inside = data / "indicators" / "residents.csv"
    kept = data / "tables" / "residents.csv"
    kept.parent.mkdir()
    shutil.move(inside, kept)
    inside.symlink_to(kept)
    code, output = _record(data, "2030", "1", "--by", "area=north")
    assert code == 0, output
    assert kept.read_text(encoding="utf-8").endswith("2030,north,,1,,\n")
