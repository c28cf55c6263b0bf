"""The package layout stays readable: no folder of the package holds more than about a dozen
modules (docs/development/architecture.md), so that the tree answers "where does this change go"."""

from __future__ import annotations

from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "intl_tracker"
#: "About a dozen": a folder that grows past this is split by concern, as render/ was into
#: render/json_documents/ and render/exports/.
MOST_MODULES = 14


def test_no_folder_holds_more_than_about_a_dozen_modules() -> None:
    crowded = {}
    for folder in [SRC, *(p for p in SRC.rglob("*") if p.is_dir())]:
        modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
        if len(modules) > MOST_MODULES:
            crowded[folder.relative_to(SRC).as_posix()] = len(modules)
    assert crowded == {}


def test_every_folder_of_modules_is_a_package() -> None:
    missing = [
        p.relative_to(SRC).as_posix()
        for p in SRC.rglob("*")
        if p.is_dir() and any(p.glob("*.py")) and not (p / "__init__.py").exists()
    ]
    assert missing == []
