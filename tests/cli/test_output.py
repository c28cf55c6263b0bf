"""-o/--output (UTF-8, atomic) and the show view's URLs (whole, on their own line, OSC 8)."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.app.workflows import indicator_view, load_catalog
from intl_tracker.cli.commands import app
from intl_tracker.cli.output import open_output
from intl_tracker.core.vocabulary import Method, Pace
from intl_tracker.render.registry import RenderOptions, render
from tests.conftest import REPO

DATA = str(REPO / "data")


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--format", "json", "--lang", "fi"],
        ["report", "--format", "table", "--lang", "sv"],
        ["report", "--format", "csv"],
        ["report", "--format", "markdown"],
        ["show", "foreign-language-share", "--lang", "fi"],
        ["list", "goals", "--lang", "sv", "-f", "json"],
        ["validate", "--format", "json"],
    ],
)
def test_output_writes_the_document_to_a_utf8_file_and_nothing_to_stdout(
    runner: CliRunner, tmp_path: Path, args: list[str]
) -> None:
    target = tmp_path / "out.txt"
    result = runner.invoke(app, [*args, "--data", DATA, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = target.read_bytes().decode("utf-8")  # strict: UTF-8, whatever the locale
    assert text.endswith("\n") and "\x1b[" not in text
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind
    piped = runner.invoke(app, [*args, "--data", DATA])
    assert piped.stdout == text


def test_schema_takes_output(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "show.schema.json"
    assert runner.invoke(app, ["schema", "show", "--output", str(target)]).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "intl-tracker show"


def test_a_failed_run_leaves_an_existing_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(RuntimeError), open_output(target) as out:
        out.write("half a docu")
        raise RuntimeError("the renderer failed")
    assert target.read_text(encoding="utf-8") == "previous"
    assert list(tmp_path.iterdir()) == [target]


def test_the_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    with open_output(target) as out:
        out.write("x\n")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (["report", "-o"], "missing"),
        (["report", "-o"], "folder"),
        (["report", "--format", "json", "-o"], "folder"),
        (["show", "population", "-o"], "missing"),
        (["list", "goals", "-o"], "folder"),
        (["validate", "-o"], "missing"),
        (["schema", "report", "-o"], "folder"),
        (["show", "population", "--chart"], "missing"),
        (["show", "population", "--chart"], "folder"),
        (["site", "--lang", "en", "-o"], "file"),
        (["site", "--lang", "en", "-o"], "under a file"),
    ],
)
def test_an_output_path_that_cannot_be_written_is_exit_3_with_one_line(
    runner: CliRunner, tmp_path: Path, args: list[str], where: str
) -> None:
    # A folder that does not exist, or an existing folder where the file should go: one
    # line "cannot write 'PATH': reason" and exit 3 (output unwritable), never a traceback.
    suffix = ".svg" if "--chart" in args else ".txt"
    path = tmp_path / "no" / f"x{suffix}" if where == "missing" else tmp_path / f"d{suffix}"
    if where == "folder":
        path.mkdir()
    elif where == "file":  # site --output names a folder: a file there cannot become one
        path.write_text("mine", encoding="utf-8")
    elif where == "under a file":
        (tmp_path / "f").write_text("mine", encoding="utf-8")
        path = tmp_path / "f" / "site"
    extra = [] if args[0] == "schema" else ["--data", DATA]
    result = runner.invoke(app, [*args, str(path), *extra])
    assert result.exit_code == 3, result.output
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert errors == [f"intl-tracker: error: cannot write '{path}': " + errors[0].split("': ")[1]]
    assert "Traceback" not in result.output and "internal error" not in result.output
    if where == "folder":
        assert list(path.iterdir()) == []  # nothing put inside the folder
    if where == "file":
        assert path.read_text(encoding="utf-8") == "mine"


def _show(color: bool, hyperlinks: bool, width: int = 60) -> str:
    catalog = load_catalog(REPO / "data")
    view = indicator_view(
        catalog, "foreign-language-share", year=None, method=Method.RATIO, pace=Pace.ENDPOINTS,
        since=None, period=None,
    )  # fmt: skip
    out = io.StringIO()
    render("show", "table", view, out, RenderOptions("en", color, width, hyperlinks))
    return out.getvalue()


def test_piped_show_prints_each_source_url_whole_on_its_own_line() -> None:
    catalog = load_catalog(REPO / "data")
    indicator = catalog.indicator("foreign-language-share")
    assert indicator is not None and indicator.source is not None and indicator.source.url
    url = indicator.source.url
    assert len(url) > 60 - 2  # longer than the narrowest line: it must not be broken
    lines = _show(color=False, hyperlinks=False).splitlines()
    assert f"↗1 {url}" in lines  # and the panel refers to it as [↗1]
    assert any(line.endswith("[↗1]") for line in lines)


def test_web_addresses_in_notes_are_referred_to_and_printed_whole() -> None:
    lines = _show(color=False, hyperlinks=False, width=60).splitlines()
    printed = [line.split(" ", 1)[1] for line in lines if re.match(r"↗\d+ https?://", line)]
    assert len(printed) >= 3  # the source, the target's source and addresses in value notes
    assert all(not url.endswith((")", ".", ",")) or "(" in url for url in printed)
    body = [line for line in lines if not re.match(r"↗\d+ ", line)]
    assert not any("http" in line for line in body)  # nowhere else, so never broken


def test_on_a_terminal_the_url_is_a_hyperlink_outside_the_panel() -> None:
    text = _show(color=True, hyperlinks=True, width=80)
    assert "\x1b]8;" in text  # OSC 8
    catalog = load_catalog(REPO / "data")
    indicator = catalog.indicator("foreign-language-share")
    assert indicator is not None and indicator.source is not None
    assert indicator.source.url in text
