"""Where a data set lives and which files it has: standard library only, so that shell
completion (which runs the program on every TAB) can list indicator ids without loading
pydantic or YAML."""

from __future__ import annotations

import os
from pathlib import Path

GOALS_FILE = "goals.yaml"
INDICATORS_DIR = "indicators"
DATA_ENV = "INTL_TRACKER_DATA"


def bundled_data_dir() -> Path:
    """The Espoo data set installed with the package (or the repository's ``data/`` in a
    development checkout)."""
    here = Path(__file__).resolve().parent
    installed = here / "espoo_data"
    if (installed / GOALS_FILE).is_file():
        return installed
    return here.parents[1] / "data"


def resolve_data_dir(explicit: Path | None = None, *, cwd: Path | None = None) -> Path:
    """``--data DIR``, else ``$INTL_TRACKER_DATA``, else ``./data`` holding a goals.yaml,
    else the bundled Espoo data set."""
    if explicit is not None:
        return explicit
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env)
    local = (cwd or Path.cwd()) / "data"
    if (local / GOALS_FILE).is_file():
        return local
    return bundled_data_dir()


def display_path(path: Path) -> str:
    """Repository-relative path without ``./`` when under the working directory (GitHub
    annotations need that), else the absolute path."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def iter_indicator_files(root: Path) -> list[Path]:
    folder = root / INDICATORS_DIR
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
    )
