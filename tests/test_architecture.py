"""The import direction of the package, its lack of cycles, and where heavy libraries live.

Layers, lowest first (a module may import its own layer and the ones below, never above):
foundation → models → loading → assessment → views → renderers → cli. Every import counts,
also one inside a function: a lazy import changes when a module loads, not which way the
dependency points.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

from .conftest import REPO

SRC = REPO / "src" / "intl_tracker"

LAYERS: dict[str, tuple[str, ...]] = {
    # stdlib-light building blocks every layer may use
    "foundation": (
        "__init__", "errors", "text_safety", "i18n", "vocabulary", "number_format",
        "text_width", "data_dirs", "progress", "yaml_strict", "jsonstat", "timeline", "json_text",
        "worker_pool",
    ),
    "models": ("models", "documents", "document_versions"),
    "loading": ("locating", "checks", "loading", "recording", "pxweb"),
    "assessment": ("assessment", "comparing", "report_year"),
    "views": ("views", "wording"),
    "renderers": (
        "rendering", "json_output", "reporting", "report_cells", "report_table", "listing",
        "show_output", "terminal_chart", "charts", "validation_output", "consoles", "schemas",
        "output", "table_layout", "site",
    ),
    # what the commands do (load, assess, build views, render, write) and the command line
    "cli": ("workflows", "report_json", "importing", "frames", "cli", "entry_point", "__main__"),
}  # fmt: skip
LAYER_OF = {module: rank for rank, modules in enumerate(LAYERS.values()) for module in modules}

#: Third-party packages and the only modules that may import them.
HOMES: dict[str, set[str]] = {
    "rich": {"consoles", "report_table", "show_output", "terminal_chart"},
    "matplotlib": {"charts"},
    "pandas": {"frames"},
    "typer": {"cli"},
    "babel": {"number_format"},
    "orjson": {"json_text"},
    "yaml": {"yaml_strict", "checks", "loading", "locating", "recording"},
}


def _imports(path: Path) -> tuple[set[str], set[str]]:
    """(modules of the package, top-level third-party packages) that ``path`` imports."""
    ours: set[str] = set()
    theirs: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] != "intl_tracker":
                theirs.add(parts[0])
            elif len(parts) > 1:
                ours.add(parts[1])
            else:
                ours |= {a.name for a in node.names if a.name in LAYER_OF}
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "intl_tracker" and len(parts) > 1:
                    ours.add(parts[1])
                elif parts[0] != "intl_tracker":
                    theirs.add(parts[0])
    return ours, theirs


def _package_imports(package: Path) -> tuple[set[str], set[str]]:
    """A sub-package counts as one module: the union of its files' imports, itself left out."""
    found = [_imports(path) for path in sorted(package.glob("*.py"))]
    ours = set().union(*(o for o, _ in found)) - {package.name}
    return ours, set().union(*(t for _, t in found))


MODULES = {path.stem: _imports(path) for path in sorted(SRC.glob("*.py"))}
MODULES |= {
    package.name: _package_imports(package)
    for package in sorted(SRC.iterdir())
    if (package / "__init__.py").is_file()
}


def test_every_module_has_a_layer() -> None:
    assert set(MODULES) == set(LAYER_OF)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module: str) -> None:
    upward = {dep for dep in MODULES[module][0] if LAYER_OF[dep] > LAYER_OF[module]}
    assert not upward, f"{module} imports {sorted(upward)} from a layer above it"


def test_there_is_no_import_cycle() -> None:
    graph = {module: ours - {module} for module, (ours, _) in MODULES.items()}
    graphlib.TopologicalSorter(graph).prepare()  # raises CycleError with the cycle


@pytest.mark.parametrize("package", sorted(HOMES))
def test_heavy_libraries_stay_in_their_modules(package: str) -> None:
    users = {module for module, (_, theirs) in MODULES.items() if package in theirs}
    assert users <= HOMES[package], f"{package} imported by {sorted(users - HOMES[package])}"


def test_the_check_finds_an_upward_import(tmp_path: Path) -> None:
    """The direction check reads lazy imports too (it can fail)."""
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from intl_tracker.cli import app\n", encoding="utf-8")
    assert "cli" in _imports(probe)[0]
