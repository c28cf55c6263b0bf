"""Shared fixtures: the CLI runner and the case directories of tests/data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

TESTS = Path(__file__).parent
CASES = TESTS / "data"
REPO = TESTS.parent

# Typer draws errors in a Rich panel when it thinks it is in a terminal (GitHub Actions).
os.environ.setdefault("_TYPER_FORCE_DISABLE_TERMINAL", "1")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def _no_ambient_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests choose their data explicitly; a developer's INTL_TRACKER_DATA must not leak in."""
    monkeypatch.delenv("INTL_TRACKER_DATA", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("INTL_TRACKER_PXWEB_BASE", raising=False)


@pytest.fixture(autouse=True)
def _private_lock_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """record and import keep their locks in a per-user folder (updating/locks.py): tests use
    one of their own, so that they leave nothing in the developer's cache folder."""
    monkeypatch.setenv("INTL_TRACKER_LOCK_DIR", str(tmp_path_factory.getbasetemp() / "locks"))
