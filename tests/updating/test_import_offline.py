"""Issue 22, cases 1 and 8: import from a mirror, a proxy or recorded answers; a figure that
would change a value's meaning is held back unless --replace; an import without mappings
says so.

The recorded answers are tests/data/pxweb (the cubes tests/pxweb_server.py serves over HTTP):
read from a folder they must give exactly what the HTTP path gives.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner, Result

from intl_tracker.cli.commands import app
from intl_tracker.core.errors import ExitCode
from intl_tracker.dataset.models import localize
from intl_tracker.updating.pxweb import BASE_ENV
from tests.conftest import REPO
from tests.pxweb_server import STATFIN, load_cube, serve_table, table_name
from tests.updating.test_import import _catalog, _copy_data, _serve, _snapshot

RECORDED = REPO / "tests" / "data" / "pxweb"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The bundled data as is: its mappings name https://pxdata.stat.fi."""
    copy = tmp_path / "data"
    shutil.copytree(REPO / "data", copy)
    return copy


def _import(runner: CliRunner, data: Path, *args: str) -> Result:
    return runner.invoke(app, ["import", *args, "--data", str(data)])


def _table(stdout: str) -> str:
    """The table and its summary, without the diffs (whose notes name where they were read)."""
    return stdout.split("\n--- ", 1)[0]


def test_recorded_answers_give_what_the_service_gives(
    data: Path, tmp_path: Path, httpserver: HTTPServer, runner: CliRunner
) -> None:
    served = _copy_data(tmp_path / "served", httpserver.url_for("").rstrip("/"))
    _serve(httpserver, served)
    over_http = _import(runner, served, "--dry-run")
    assert over_http.exit_code == 0, over_http.output
    before = _snapshot(data)
    offline = _import(runner, data, "--dry-run", "--pxweb-base", str(RECORDED))
    assert offline.exit_code == 0, offline.output
    assert _table(offline.stdout) == _table(over_http.stdout)
    assert "Values that would change: " in offline.stdout
    assert _snapshot(data) == before
    as_address = _import(runner, data, "--dry-run", "--pxweb-base", RECORDED.as_uri())
    assert as_address.stdout == offline.stdout


def test_the_note_says_where_the_figure_was_read(data: Path, runner: CliRunner) -> None:
    result = _import(runner, data, "foreign-language-share", "--pxweb-base", str(RECORDED))
    assert result.exit_code == 0, result.output
    note = _catalog(data)["foreign-language-share"].values[2024].note
    assert note == (
        f"Imported from {STATFIN}/PxWeb/api/v1/fi/StatFin/vaerak/11rl.px (read from the "
        "recorded answer 11rl.json) (table updated 2026-05-29T05:00:00Z)."
    )
    assert str(RECORDED) not in note  # the note is committed: no path of this machine


def test_a_mirror_from_the_environment_replaces_the_host(
    data: Path, httpserver: HTTPServer, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mappings keep Statistics Finland's addresses; every request goes to the mirror,
    under the base's own path."""
    base = httpserver.url_for("/mirror").rstrip("/")
    for indicator in _catalog(data).values():
        if indicator.import_ is not None:
            for table in [
                indicator.import_.table,
                *(b.table for b in indicator.import_.breakdowns),
            ]:
                path = "/mirror" + urlsplit(table).path
                serve_table(httpserver, path, load_cube(table_name(table)))
    monkeypatch.setenv(BASE_ENV, base)
    result = _import(runner, data, "population", "--dry-run")
    assert result.exit_code == 0, result.output
    assert [r.path for r, _ in httpserver.log] == [
        "/mirror/PxWeb/api/v1/fi/StatFin/vaerak/11ra.px"
    ] * 2 + ["/mirror/api/v1/fi/Aluesarjat/vrm/vaerak/alu_vaerak_004p.px"] * 2
    assert re.search(r"^Population +2025 ", result.stdout, re.MULTILINE)


@pytest.mark.parametrize(
    ("base", "message"),
    [
        ("ftp://mirror.example/px", "is neither an http(s):// address nor a folder"),
        ("no/such/folder", "the folder of recorded answers 'no/such/folder' does not exist"),
    ],
)
def test_a_bad_base_is_a_usage_error(
    data: Path, runner: CliRunner, base: str, message: str
) -> None:
    result = _import(runner, data, "--pxweb-base", base)
    assert result.exit_code == ExitCode.USAGE
    assert message in result.stderr


def test_a_table_missing_from_the_recorded_answers(
    data: Path, tmp_path: Path, runner: CliRunner
) -> None:
    partial = tmp_path / "recorded"
    partial.mkdir()
    shutil.copy(RECORDED / "11ra.json", partial)
    before = _snapshot(data)
    result = _import(runner, data, "--pxweb-base", str(partial))
    assert result.exit_code == ExitCode.INVALID_DATA
    assert f"{partial}/11rv.json: no recorded answer for " in result.stderr
    assert _snapshot(data) == before


def test_without_any_mapping_import_says_so(data: Path, runner: CliRunner) -> None:
    for path in (data / "indicators").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if "\nimport:" in text:
            head = text[: text.index("\nimport:") + 1]
            path.write_text(head.rsplit("\n# `intl-tracker import`", 1)[0], encoding="utf-8")
    result = _import(runner, data)
    assert result.exit_code == 0, result.output
    assert result.stdout == "No indicator has an import: mapping; nothing was read.\n"


def test_the_documented_offline_trial_runs_in_a_clone(tmp_path: Path) -> None:
    """The one command of the documentation, in a copy of the repository's layout: from the
    clone's root, against tests/data/pxweb, no network, nothing written."""
    clone = tmp_path / "clone"
    shutil.copytree(REPO / "data", clone / "data")
    shutil.copytree(RECORDED, clone / "tests" / "data" / "pxweb")
    (clone / ".git").mkdir()
    before = _snapshot(clone / "data")
    process = subprocess.run(
        [sys.executable, "-m", "intl_tracker", "import", "--dry-run", "--pxweb-base",
         "tests/data/pxweb"],
        cwd=clone, env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert process.returncode == 0, process.stderr
    assert "Values that would change: " in process.stdout
    assert _snapshot(clone / "data") == before
    assert "No indicator has an import" not in process.stdout


# --- case 1: the README's own decision: the annual 56,380 over the monthly 56,469 -----------

HOTEL = "Nights spent by non-residents in Espoo hotels"
NOTE_2020 = "COVID-19 year (\u221265.3 % on 2019); main source (annual table)."


def test_a_final_value_is_not_downgraded_without_replace(data: Path, runner: CliRunner) -> None:
    before = _snapshot(data)
    base = ["foreign-hotel-nights", "--pxweb-base", str(RECORDED)]
    result = _import(runner, data, *base)
    assert result.exit_code == 0, result.output
    kept = _catalog(data)["foreign-hotel-nights"].values[2020]
    assert (kept.value, kept.status) == (56380, "final")
    assert localize(kept.note, "en").startswith(NOTE_2020)
    stdout = result.stdout
    assert f"{HOTEL}  2020     56,380     56,469  final → provisional (held back)" in stdout
    assert f'  {HOTEL} 2020: final → provisional; its note would go: "{NOTE_2020}' in stdout
    assert _snapshot(data) != before  # the new years were written, 2020 was not

    dry = _import(runner, data, *base, "--replace", "--dry-run")
    assert f"{HOTEL}  2020     56,380     56,469  final → provisional\n" in dry.stdout
    assert f'Notes that would be replaced:\n  {HOTEL} 2020: "{NOTE_2020}' in dry.stdout
    assert '-    note: {fi: "COVID-19-vuosi' in dry.stdout  # the whole note goes, in every language
    assert _catalog(data)["foreign-hotel-nights"].values[2020].value == 56380

    taken = _import(runner, data, *base, "--replace")
    assert taken.exit_code == 0, taken.output
    now = _catalog(data)["foreign-hotel-nights"].values[2020]
    assert (now.value, now.status) == (56469, "provisional")
    assert f'Notes replaced:\n  {HOTEL} 2020: "{NOTE_2020}' in taken.stdout
