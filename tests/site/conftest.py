"""Shared pieces of the site tests: building a site, and small data sets written to tmp."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from intl_tracker.cli.commands import app
from tests.conftest import REPO

DATA = REPO / "data"
LANGS = ("fi", "sv", "en")

GOALS = """\
programme:
  id: p
  name: {fi: Ohjelma, sv: Programmet, en: The programme}
goals:
  - id: g
    number: 1
    name: {fi: Kaupunki, sv: Staden, en: The city}
    objectives:
      - id: o
        text: {fi: Osaajat, sv: Talangerna, en: Talent}
"""


def run_site(runner: CliRunner, out: Path, *args: str, data: Path = DATA) -> Result:
    return runner.invoke(app, ["site", "--output", str(out), "--data", str(data), *args])


def build(runner: CliRunner, out: Path, *args: str, data: Path = DATA) -> Result:
    result = run_site(runner, out, *args, data=data)
    assert result.exit_code == 0, result.output
    return result


def write_data(root: Path, indicators: dict[str, str], goals: str = GOALS) -> Path:
    """A data set in ``root``: goals.yaml and one file per indicator (id: YAML text)."""
    (root / "indicators").mkdir(parents=True, exist_ok=True)
    (root / "goals.yaml").write_text(goals, encoding="utf-8")
    for identifier, text in indicators.items():
        (root / "indicators" / f"{identifier}.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data's 2024 site in three languages, without a base URL."""
    out = tmp_path_factory.mktemp("site") / "public"
    build(CliRunner(), out, "2024")
    return out


@pytest.fixture(scope="session")
def edition(site_dir: Path) -> Path:
    return site_dir / "2024"
