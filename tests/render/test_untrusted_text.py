"""Text from the data cannot drive the terminal, a CI runner or a spreadsheet: every command
and format, on a data set whose names, notes, sources and keys hold escape sequences, bidi
overrides, line breaks and formulas."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from tests.conftest import CASES

# Written as YAML double-quoted escapes: \e is ESC, \a is BEL.
CLIPBOARD = r"\e]52;c;ZWNobyBwd25lZA==\a"
HIDDEN_LINK = r"\e]8;;https://evil.example\e\\click\e]8;;\e\\"
CLEAR = r"\e[2J"
RLO = r"\u202e"
RAW = ("\x1b", "\u202e", "\x07")

HOSTILE_INDICATOR = f"""\
id: share
name: {{en: "=HYPERLINK(\\"http://evil.example\\") {CLEAR}{RLO}evil", fi: "Osuus {CLIPBOARD}"}}
goal: green
objectives: [clean-air]
unit: percent
direction: increase
definition: {{en: "line one\\nline two {HIDDEN_LINK}"}}
source: {{publisher: "Pub {CLEAR}", title: "@SUM(A1)", url: "https://example.org/{RLO}"}}
targets:
  - {{value: 30, year: 2035, note: "target {CLIPBOARD}"}}
values:
  2015: 14.2
  2016: {{value: 15.0, status: estimated, note: "est {CLEAR}"}}
  2017: 16.1
"""
HOSTILE_GOALS = f"""\
programme:
  id: test-programme
  name: {{en: "Programme {CLEAR}"}}
goals:
  - id: green
    number: 1
    name: {{en: "+Green {RLO}city"}}
    objectives:
      - id: clean-air
        text: {{en: "-Clean {CLIPBOARD} air"}}
"""


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    (root / "indicators").mkdir(parents=True)
    (root / "goals.yaml").write_text(HOSTILE_GOALS, encoding="utf-8")
    (root / "indicators" / "share.yaml").write_text(HOSTILE_INDICATOR, encoding="utf-8")
    return root


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


COMMANDS = [
    ["report", "-f", "table"],
    ["report", "-f", "markdown"],
    ["report", "-f", "csv"],
    ["show", "share"],
    ["list", "indicators"],
    ["list", "goals"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
@pytest.mark.parametrize("color", [False, True], ids=["piped", "terminal"])
def test_no_raw_control_character_reaches_the_output(
    hostile: Path, args: list[str], color: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if color:
        monkeypatch.setenv("FORCE_COLOR", "1")
    else:
        monkeypatch.setenv("NO_COLOR", "1")
    code, out, err = _run(*args, "--data", str(hostile))
    assert code == 0, err
    for char in RAW:
        # a colour terminal gets the program's own SGR codes, never the data's
        text = out.replace("\x1b[", "") if color else out
        assert char not in text.replace("\x1b]8;", ""), (args, char)
        assert char not in err
    assert "\\x1b" in out or "\\u202e" in out  # shown, not dropped


def test_csv_cells_cannot_start_formulas(hostile: Path) -> None:
    _, out, _ = _run("report", "-f", "csv", "--data", str(hostile))
    rows = list(csv.DictReader(io.StringIO(out)))
    names = [v for row in rows for k, v in row.items() if "name" in k]
    assert names and all(not n.startswith(("=", "+", "-", "@")) for n in names)
    assert any(n.startswith("'=HYPERLINK") for n in names)


def test_json_keeps_the_text_as_written(hostile: Path) -> None:
    """JSON escapes control characters itself; scripts get the data unchanged."""
    _, out, _ = _run("report", "-f", "json", "--data", str(hostile))
    assert "\x1b" not in out  # escaped as \u001b by JSON
    assert json.loads(out)["programme"]["name"] == "Programme \x1b[2J"


def test_svg_chart_is_well_formed_xml(hostile: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    chart = tmp_path / "chart.svg"
    code, _, err = _run("show", "share", "--chart", str(chart), "--data", str(hostile))
    assert code == 0, err
    ET.parse(chart)  # raises on a control character in the XML
    assert "\x1b" not in chart.read_text(encoding="utf-8")


def test_github_format_cannot_inject_a_workflow_command(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(CASES / "valid" / "minimal", root)
    share = root / "indicators" / "share.yaml"
    share.write_text(
        share.read_text() + '"x\\n::warning file=README.md::pwned\\r\\n::error ::x": 1\n'
    )
    code, out, _ = _run("validate", "-f", "github", "--data", str(root))
    assert code == 1
    lines = out.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == 1 and commands[0].startswith("::error file=")
    assert len(lines) == 2  # one annotation, one text line: one problem per line


def test_validate_text_output_is_one_problem_per_line(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(CASES / "valid" / "minimal", root)
    share = root / "indicators" / "share.yaml"
    share.write_text(share.read_text() + '"a\\nb\\e[2J": 1\n')
    _, out, _ = _run("validate", "--data", str(root))
    assert out.count("\n") == 1
    assert "\x1b" not in out
