"""breaker24-s5 finding 5: ``goals.yaml`` and ``site.yaml`` linked to a file outside the data
set are not read (``link-outside``), as an entry of indicators/ is not: their text could reach
a CI log (``unknown field 'ghp_SECRET123'``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.core.errors import InvalidDataError
from intl_tracker.site.config import load_site_config
from tests.conftest import copy_synthetic

SECRET = "ghp_SECRET123"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_synthetic(tmp_path)


@pytest.mark.parametrize("text", [f"programme: {SECRET}\n", f"{SECRET}: x\n"])
def test_goals_linked_from_outside_is_not_read(data: Path, text: str) -> None:
    outside = data.parent / "outside.yaml"
    outside.write_text(text, encoding="utf-8")
    (data / "goals.yaml").unlink()
    (data / "goals.yaml").symlink_to(outside)
    result = CliRunner().invoke(app, ["validate", "--data", str(data)])
    assert result.exit_code == 1, result.output
    assert "goals.yaml: error [link-outside]" in result.output
    assert SECRET not in result.output


def test_goals_linked_inside_the_data_set_is_read(data: Path) -> None:
    kept = data / "config" / "goals.yaml"
    kept.parent.mkdir()
    shutil.move(data / "goals.yaml", kept)
    (data / "goals.yaml").symlink_to(kept)
    result = CliRunner().invoke(app, ["validate", "--data", str(data)])
    assert result.exit_code == 0, result.output


def test_site_yaml_linked_from_outside_is_not_read(data: Path) -> None:
    outside = data.parent / "site.yaml"
    outside.write_text(f"{SECRET}: x\n", encoding="utf-8")
    (data / "site.yaml").unlink(missing_ok=True)
    (data / "site.yaml").symlink_to(outside)
    with pytest.raises(InvalidDataError) as raised:
        load_site_config(data)
    assert [p.code for p in raised.value.problems] == ["link-outside"]
    assert SECRET not in str(raised.value) + repr(raised.value.problems)
