"""A hostile review of `export`, `diff` and `import-open-sdg` (issue 25): each case a fault found.

Every test here failed before its fix: the export folder (never delete what it did not write,
never replace the current folder, interrupted exports), the pull-request Markdown (mentions,
entities, math, strike-through), links from the data (only http, https or mailto), the Open
SDG files (controls and markup in names) and the Open SDG import (YAML bombs, lenient numbers,
links out of the folder, what it ignored).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from intl_tracker.app import exports
from intl_tracker.cli.commands import app
from intl_tracker.core.errors import ExitCode, OutputUnwritableError
from intl_tracker.core.text_safety import markdown
from intl_tracker.core.vocabulary import Status
from intl_tracker.dataset.models import Observation
from intl_tracker.dataset.yaml_strict import parse_yaml
from intl_tracker.presentation.diff_view import DataDiff, StatusMove, ValueChange
from intl_tracker.render.diff_output import render_markdown
from intl_tracker.render.registry import RenderOptions
from tests.conftest import REPO

DATA = REPO / "data"


def _export(runner: CliRunner, out: Path, *args: str, data: Path = DATA) -> Result:
    return runner.invoke(app, ["export", str(out), "--data", str(data), *args])


# --- the export folder: never delete what the export did not write ---------------------------


@pytest.mark.parametrize("kind", ["link", "empty folder", "link to a folder"])
def test_an_entry_the_export_did_not_write_is_never_removed(
    runner: CliRunner, tmp_path: Path, kind: str
) -> None:
    out = tmp_path / "out"
    assert _export(runner, out, "--format", "dcat").exit_code == 0
    mine = out / "mine"
    if kind == "link":
        mine.symlink_to(tmp_path / "elsewhere.txt")
    elif kind == "empty folder":
        mine.mkdir()
    else:
        (tmp_path / "folder").mkdir()
        mine.symlink_to(tmp_path / "folder")
    result = _export(runner, out, "--format", "dcat")
    assert result.exit_code == ExitCode.OUTPUT_CLOSED, result.output
    assert "'mine'" in result.output
    assert os.path.lexists(mine)


def test_a_folder_holding_only_a_link_is_not_empty(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "link").symlink_to("/")
    assert _export(runner, out, "--format", "dcat").exit_code == ExitCode.OUTPUT_CLOSED
    assert (out / "link").is_symlink()


def test_a_planted_manifest_cannot_claim_a_file_the_export_never_writes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"years of work")
    digest = exports._sha256(b"years of work")
    manifest = {"files": {"thesis.docx": digest}}
    (out / exports.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(OutputUnwritableError, match="it holds"):
        exports.write_folder(out, {"dcat.jsonld": b"{}"})
    assert (out / "thesis.docx").read_bytes() == b"years of work"


def test_the_current_folder_is_never_replaced(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert _export(runner, out, "--format", "dcat").exit_code == 0
    monkeypatch.chdir(out)
    result = _export(runner, Path("."), "--format", "dcat")
    assert result.exit_code == ExitCode.OUTPUT_CLOSED
    assert "current folder" in result.output
    monkeypatch.chdir(out / "..")
    assert _export(runner, tmp_path, "--format", "dcat").exit_code == ExitCode.OUTPUT_CLOSED


def test_the_data_folder_itself_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    before = sorted(p.relative_to(data) for p in data.rglob("*"))
    result = _export(runner, data, "--format", "dcat", data=data)
    assert result.exit_code == ExitCode.OUTPUT_CLOSED
    assert len([line for line in result.output.splitlines() if "error" in line]) == 1
    assert sorted(p.relative_to(data) for p in data.rglob("*")) == before


def test_an_interrupt_while_swapping_keeps_the_old_export(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C between moving the old export aside and renaming the new one into place lost
    both: the swap now runs with the signals held, and a failure puts the old one back."""
    out = tmp_path / "out"
    assert _export(runner, out, "--format", "dcat").exit_code == 0
    held: list[bool] = []
    real_swap = exports._swap

    def swap(staging: Path, folder: Path) -> None:
        import signal

        held.append(signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, []))
        real_swap(staging, folder)

    monkeypatch.setattr(exports, "_swap", swap)
    assert _export(runner, out, "--format", "dcat").exit_code == 0
    assert held == [True]


def test_sigterm_while_writing_removes_the_staging_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM's default action ended the process with the staging folder left beside the
    output; it now raises SystemExit(143) while the export writes, and the staging goes."""
    import signal

    def fill(staging: Path, files: dict[str, bytes]) -> None:
        (staging / "half").write_bytes(b"x")
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(exports, "_fill", fill)
    with pytest.raises(SystemExit) as stopped:
        exports.write_folder(tmp_path / "out", {"dcat.jsonld": b"{}"})
    assert stopped.value.code == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []


# --- links and names from the data in the exported files -------------------------------------


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The bundled data with a script link for a source and markup and bidi in a name."""
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    path = root / "indicators" / "population.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('  fi: "Väkiluku"', '  fi: "<script>alert(1)</script>\\u202eVäki"', 1)
    url_at = text.index("  url: ")
    end = text.index("\n", url_at)
    text = text[:url_at] + '  url: "javascript:alert(1)"' + text[end:]
    path.write_text(text, encoding="utf-8")
    goals = root / "goals.yaml"
    goals_text = goals.read_text(encoding="utf-8")
    assert "url: " in goals_text
    url_at = goals_text.index("url: ")
    end = goals_text.index("\n", url_at)
    goals_text = goals_text[:url_at] + 'url: "javascript:alert(2)"' + goals_text[end:]
    goals.write_text(goals_text, encoding="utf-8")
    return root


def test_a_script_link_from_the_data_reaches_no_exported_file(
    runner: CliRunner, hostile: Path
) -> None:
    out = hostile.parent / "out"
    result = _export(runner, out, "--lang", "fi", data=hostile)
    assert result.exit_code == 0, result.output
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in {".json", ".jsonld", ".yml", ".csv"}:
            assert "javascript:" not in path.read_text(encoding="utf-8"), path


def test_markup_and_bidi_in_a_name_are_inert_in_the_open_sdg_files(
    runner: CliRunner, hostile: Path
) -> None:
    out = hostile.parent / "out"
    assert _export(runner, out, "--lang", "fi", "--format", "open-sdg", data=hostile).exit_code == 0
    config = (out / "open-sdg" / "indicator-config" / "population.yml").read_text("utf-8")
    assert "<script" not in config and "\u202e" not in config
    name = yaml.safe_load(config)["indicator_name"]
    assert name.startswith("&lt;script&gt;") and "\\u202e" in name


# --- the pull-request Markdown ---------------------------------------------------------------

EVIL = (
    "Pop @octocat @org/team &#64;x | </td> <img src=x onerror=alert(1)> ``` "
    "$\\color{red}{OK}$ ~~gone~~ owner/repo#1 \u202eabc\n```\n# heading"
)


def _diff_markdown(name: str) -> str:
    statuses = list(Status)
    view = DataDiff(
        "main",
        "HEAD",
        2024,
        "ratio",
        "0",
        (),
        (),
        (ValueChange("x", 2024, "changed", Observation(value=1, note=name), Observation(value=2)),),
        (StatusMove("x", {"en": name}, statuses[0], statuses[1], 2024, 2024),),
    )
    out = io.StringIO()
    render_markdown(view, out, RenderOptions(lang="en"))
    return out.getvalue()


def test_a_hostile_name_cannot_mention_strike_or_typeset_in_a_pr_comment() -> None:
    text = _diff_markdown(EVIL)
    table_rows = [line for line in text.splitlines() if line.startswith("| x |")]
    assert len(table_rows) == 2  # the newline and the fence stay inside the cell
    cells = [len(re.findall(r"(?<!\\)\|", row)) - 1 for row in table_rows]
    assert cells == [4, 5]  # the status table's and the values table's columns, no more
    for row in table_rows:
        assert "@octocat" not in row and "@org/team" not in row  # no mention
        assert "&#64;" not in row.replace("\\&#64;", "")  # no entity that becomes "@"
        assert "$\\" not in row.replace("\\$", "")  # no math
        assert "~~" not in row.replace("\\~", "")  # no strike-through
        assert "repo#1" not in row  # no cross-reference to another repository's issue
        assert "<img" not in row.replace("\\<", "") and "\u202e" not in row


def test_markdown_keeps_ordinary_text_readable() -> None:
    assert markdown("Espoo 2024: 12,5 %") == "Espoo 2024: 12,5 %"


# --- import-open-sdg -------------------------------------------------------------------------


def _import(runner: CliRunner, folder: Path, into: Path) -> Result:
    return runner.invoke(
        app,
        ["import-open-sdg", str(folder), "--into", str(into), "--goal", "g", "--unit", "count",
         "--direction", "increase"],
    )  # fmt: skip


def _open_sdg(tmp_path: Path, csv_text: str, config: str | None = None) -> Path:
    folder = tmp_path / "sdg"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "indicator_x-y.csv").write_text(csv_text, encoding="utf-8")
    if config is not None:
        (folder / "indicator-config").mkdir()
        (folder / "indicator-config" / "x-y.yml").write_text(config, encoding="utf-8")
    return folder


BOMB = "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_a_yaml_bomb_in_the_config_is_a_problem_not_a_hang(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = _open_sdg(tmp_path, "Year,Value\n2020,1\n", BOMB + "indicator_name: *i\n")
    result = _import(runner, folder, tmp_path / "out")
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "indicator-config/x-y.yml:" in result.output and "alias" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("cell", "column"),
    [("1_000", 2), ("\u0661\u0662", 2), ("1,5", 2), ("0x10", 2), ("nan", 2)],
)
def test_a_number_python_reads_but_a_csv_does_not_mean_is_a_problem(
    runner: CliRunner, tmp_path: Path, cell: str, column: int
) -> None:
    folder = _open_sdg(tmp_path, f'Year,Value\n2020,"{cell}"\n')
    result = _import(runner, folder, tmp_path / "out")
    assert result.exit_code == ExitCode.INVALID_DATA, result.output
    assert f"data/indicator_x-y.csv:2:{column}: error [open-sdg-cell]" in result.output


def test_a_decimal_comma_is_named(runner: CliRunner, tmp_path: Path) -> None:
    result = _import(runner, _open_sdg(tmp_path, 'Year,Value\n2020,"1,5"\n'), tmp_path / "o")
    assert "decimal point" in result.output


@pytest.mark.parametrize("year", ["2_020", "2020.0", "\u0662\u0660\u0662\u0660"])
def test_a_year_must_be_four_plain_digits(runner: CliRunner, tmp_path: Path, year: str) -> None:
    result = _import(runner, _open_sdg(tmp_path, f"Year,Value\n{year},1\n"), tmp_path / "out")
    assert result.exit_code == ExitCode.INVALID_DATA, result.output
    assert "data/indicator_x-y.csv:2:1: error [open-sdg-cell]" in result.output


def test_a_file_linking_out_of_the_folder_is_not_read(runner: CliRunner, tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("Year,Value\n2020,42\n", encoding="utf-8")
    folder = _open_sdg(tmp_path, "Year,Value\n2020,1\n")
    (folder / "data" / "indicator_leak.csv").symlink_to(secret)
    result = _import(runner, folder, tmp_path / "out")
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "data/indicator_leak.csv: error [open-sdg-file]" in result.output
    assert "link" in result.output and not (tmp_path / "out").exists()


def test_a_config_linking_out_of_the_folder_is_not_read(runner: CliRunner, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yml"
    outside.write_text("indicator_name: read from outside\n", encoding="utf-8")
    folder = _open_sdg(tmp_path, "Year,Value\n2020,1\n")
    (folder / "indicator-config").mkdir()
    (folder / "indicator-config" / "x-y.yml").symlink_to(outside)
    result = _import(runner, folder, tmp_path / "out")
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "indicator-config/x-y.yml: error [open-sdg-file]" in result.output


def test_what_the_import_leaves_out_is_said(runner: CliRunner, tmp_path: Path) -> None:
    text = "Year,Sex,Age,Value\n2020,,,1\n2020,female,,2\n2020,,young,3\n2021,,,4\n"
    folder = _open_sdg(tmp_path, text)
    (folder / "data" / "1-1-1.csv").write_text("Year,Value\n2020,1\n", encoding="utf-8")
    result = _import(runner, folder, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "data/indicator_x-y.csv: left out 2 rows by Sex, Age (only the headline" in (
        result.output
    )
    assert "data/1-1-1.csv: left out (not named indicator_<id>.csv)" in result.output
    assert "2020: 1\n  2021: 4\n" in (tmp_path / "out" / "x-y.yaml").read_text("utf-8")


# --- diff: revisions ---------------------------------------------------------------------------


def test_a_revision_starting_with_a_dash_is_refused_before_git_sees_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["diff", "--data", str(DATA), "--", "--output=/tmp/x"])
    assert result.exit_code == ExitCode.USAGE
    assert "never starts with '-'" in result.output


# --- formula-looking text in every text field, every file, every sheet -----------------------

#: OWASP "CSV Injection": a cell starting with these runs as a formula (tab and CR too; the
#: full-width twins are read as their ASCII forms by some spreadsheets).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _formulas(tmp_path: Path) -> Path:
    """The bundled data with every text a spreadsheet may show starting like a formula: goal
    and indicator names, unit words, notes, dimension and category names."""
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    starts = iter(FORMULA_STARTS * 1000)

    def hostile(text: object) -> object:
        if isinstance(text, dict):
            return {k: f"{next(starts)}cmd|' /C calc'!A0 {v}" for k, v in text.items()}
        return f'{next(starts)}HYPERLINK("http://evil") {text}' if isinstance(text, str) else text

    goals_path = root / "goals.yaml"
    goals = parse_yaml(goals_path.read_text(encoding="utf-8")).data  # YAML 1.2, as the tool
    for goal in goals["goals"]:
        goal["name"] = hostile(goal["name"])
    for dimension in goals.get("dimensions", []):
        dimension["name"] = hostile(dimension["name"])
        for category in dimension["categories"]:
            category["name"] = hostile(category["name"])
    goals_path.write_text(yaml.safe_dump(goals, allow_unicode=True), encoding="utf-8")
    for path in (root / "indicators").glob("*.yaml"):
        indicator = parse_yaml(path.read_text(encoding="utf-8")).data
        indicator.pop("import", None)  # PxWeb codes such as "0490000000" would not dump back
        indicator["name"] = hostile(indicator["name"])
        if "unit_label" in indicator:
            indicator["unit_label"] = hostile(indicator["unit_label"])
        for year, entry in indicator.get("values", {}).items():
            if isinstance(entry, dict):
                entry["note"] = hostile(entry.get("note", "n"))
            else:
                indicator["values"][year] = {"value": entry, "note": hostile("n")}
        path.write_text(yaml.safe_dump(indicator, allow_unicode=True), encoding="utf-8")
    return root


def test_no_exported_cell_starts_like_a_formula(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # validate refuses such names (dimension-name); the export must still neutralise them
    from intl_tracker.dataset import breakdowns

    monkeypatch.setattr(breakdowns, "check_dimension_names", lambda *args: [])
    import csv

    import openpyxl

    data = _formulas(tmp_path)
    out = tmp_path / "out"
    result = _export(runner, out, "--lang", "fi", "-f", "csv", "-f", "xlsx", "-f", "open-sdg",
                     data=data)  # fmt: skip
    assert result.exit_code == 0, result.output
    numbers = {"value", "Value", "year", "Year", "goal_number"}
    checked = 0
    for path in out.rglob("*.csv"):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                for column, cell in row.items():
                    if column not in numbers:
                        checked += 1
                        assert not cell.startswith(FORMULA_STARTS), (path.name, column, cell)
    assert checked > 1000
    book = openpyxl.load_workbook(next(out.glob("*.xlsx")))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    assert cell.data_type == "s" and cell.quotePrefix, (sheet.title, cell)


def test_a_huge_diff_fits_a_pull_request_comment() -> None:
    statuses = list(Status)
    values = tuple(
        ValueChange(f"i{n}", 2000 + n % 20, "changed", Observation(value=n, note="x" * 200),
                    Observation(value=n + 1))
        for n in range(2000)
    )  # fmt: skip
    moves = (StatusMove("first", {"en": "First"}, statuses[0], statuses[1], 2024, 2024),)
    view = DataDiff("main", "HEAD", 2024, "ratio", "0", (), (), values, moves)
    out = io.StringIO()
    render_markdown(view, out, RenderOptions(lang="en"))
    text = out.getvalue()
    assert len(text) <= 65_536  # GitHub refuses a longer comment
    assert "| first |" in text  # the status moves come first and stay
    shown = sum(1 for line in text.splitlines() if line.startswith("| i"))
    assert f"{2000 - shown} more rows left out" in text and "--format json" in text


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        'https://example.fi/"><script>',
        "https://example.fi/a b",
        "//example.fi/",
        "ftp://example.fi/",
    ],
)
def test_a_base_url_that_is_not_http_is_refused_before_anything_is_written(
    runner: CliRunner, tmp_path: Path, url: str
) -> None:
    out = tmp_path / "out"
    result = _export(runner, out, "--base-url", url)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "--base-url" in result.stderr and "http" in result.stderr
    assert not out.exists()


def test_an_http_base_url_makes_the_metadata_links_absolute(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = _export(runner, out, "--format", "dcat", "--base-url", "https://data.example.fi/x/")
    assert result.exit_code == 0, result.output
    assert "https://data.example.fi/x/" in (out / "dcat.jsonld").read_text(encoding="utf-8")
