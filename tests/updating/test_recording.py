"""`record`: exact text edits on every bundled file, validation before writing, atomic and
concurrent writes."""

from __future__ import annotations

import difflib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.core.errors import ExitCode, Problem, Severity
from intl_tracker.dataset.loading import load_data_set, load_indicator
from intl_tracker.dataset.models import Indicator, value_domain
from intl_tracker.updating.recording import (
    NewValue,
    RecordConflictError,
    on_disk_positions,
    plan_file,
    record_values,
)
from tests.conftest import REPO

BUNDLED = sorted((REPO / "data" / "indicators").glob("*.yaml"))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(REPO / "data", copy)
    return copy


def _indicator(path: Path) -> Indicator:
    indicator, problems, _ = load_indicator(path)
    assert indicator is not None, problems
    return indicator


def _variant(source: Path, folder: Path, style: str) -> Path:
    """The bundled file as is, or with a byte-order mark and CRLF line endings."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    raw = source.read_bytes()
    if style == "bom-crlf":
        raw = b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n")
    target.write_bytes(raw)
    return target


def _line_opcodes(before: bytes, after: bytes) -> list[tuple[str, list[bytes], list[bytes]]]:
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [
        (tag, old[i1:i2], new[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _key_indent(before: bytes) -> bytes:
    """The indent of the year keys under ``values:`` in a bundled file."""
    lines = before.splitlines()
    start = lines.index(next(line for line in lines if line.startswith(b"values:")))
    first = lines[start + 1]
    return first[: len(first) - len(first.lstrip())]


def _newline(raw: bytes) -> bytes:
    return b"\r\n" if b"\r\n" in raw else b"\n"


def _check_encoding_kept(before: bytes, after: bytes) -> None:
    assert after.startswith(b"\xef\xbb\xbf") == before.startswith(b"\xef\xbb\xbf")
    if b"\r\n" in before:
        assert after.count(b"\n") == after.count(b"\r\n"), "a bare LF in a CRLF file"


@pytest.mark.parametrize("style", ["as-is", "bom-crlf"])
@pytest.mark.parametrize("source", BUNDLED, ids=lambda p: p.stem)
def test_inserting_a_year_adds_one_line_and_changes_no_other_byte(
    source: Path, style: str, tmp_path: Path
) -> None:
    path = _variant(source, tmp_path, style)
    low, high = value_domain(_indicator(path))
    value = "7" if (low is None or low <= 7) and (high is None or high >= 7) else f"{low:g}"
    years = sorted(_indicator(path).values)
    gaps = [y for y in range(years[0], years[-1]) if y not in years]
    for year in [years[-1] + 1, years[0] - 1, *gaps[:1]]:
        before = path.read_bytes()
        [edit] = record_values({path: [NewValue(year, value)]}, replace=False)
        after = path.read_bytes()
        assert after == edit.after
        expected = _key_indent(before) + f"{year}: {value}".encode() + _newline(before)
        assert _line_opcodes(before, after) == [("insert", [], [expected])]
        _check_encoding_kept(before, after)
        indicator = _indicator(path)
        assert (
            indicator.values[year].value == float(value)
            and indicator.values[year].status == "final"
        )
        assert sorted(indicator.values) == sorted([*years, year])
        years = sorted(indicator.values)


@pytest.mark.parametrize("style", ["as-is", "bom-crlf"])
@pytest.mark.parametrize("source", BUNDLED, ids=lambda p: p.stem)
def test_replacing_a_value_changes_only_its_line(source: Path, style: str, tmp_path: Path) -> None:
    path = _variant(source, tmp_path, style)
    indicator = _indicator(path)
    for year, old in list(indicator.values.items())[:: max(1, len(indicator.values) // 3)]:
        _, high = value_domain(indicator)
        shifted = old.value + 1 if high is None or old.value + 1 <= high else old.value - 1
        text = str(int(shifted)) if shifted.is_integer() else repr(round(shifted, 6))
        before = path.read_bytes()
        record_values({path: [NewValue(year, text, old.status, keep_note=True)]}, replace=True)
        after = path.read_bytes()
        [(tag, removed, added)] = _line_opcodes(before, after)
        assert tag == "replace" and len(removed) == len(added) == 1
        key = removed[0][: removed[0].rindex(b":") + 1]
        assert added[0] == key + b" " + text.encode() + _newline(before)
        _check_encoding_kept(before, after)
        assert _indicator(path).values[year].value == float(text)


def test_same_value_with_status_final_promotes_a_provisional_value(data: Path) -> None:
    path = data / "indicators" / "population.yaml"
    year, old = next(
        (y, o) for y, o in _indicator(path).values.items() if o.status == "provisional"
    )
    before = path.read_bytes()
    value = str(int(old.value))
    [edit] = record_values({path: [NewValue(year, value, "final")]}, replace=False)
    assert edit.changes[0].action == "promote"
    [(tag, removed, added)] = _line_opcodes(before, path.read_bytes())
    assert (tag, removed, added) == (
        "replace",
        [b"    status: provisional\n"],
        [b"    status: final\n"],
    )
    assert _indicator(path).values[year].note == old.note


def test_a_different_value_is_not_overwritten_without_replace(
    data: Path, runner: CliRunner
) -> None:
    path = data / "indicators" / "population.yaml"
    before = path.read_bytes()
    with pytest.raises(RecordConflictError, match="--replace"):
        record_values({path: [NewValue(2019, "1")]}, replace=False)
    result = runner.invoke(app, ["record", "population", "2019", "1", "--data", str(data)])
    assert result.exit_code == 2
    assert "already has 289731 (final) for 2019; pass --replace" in result.stderr
    assert path.read_bytes() == before


def test_recording_the_same_value_again_changes_nothing(data: Path, runner: CliRunner) -> None:
    path = data / "indicators" / "population.yaml"
    before = path.read_bytes()
    result = runner.invoke(app, ["record", "population", "2019", "289731", "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert "nothing to change" in result.stderr
    assert path.read_bytes() == before


def test_an_edit_that_would_be_invalid_is_refused_pointing_at_the_proposed_entry(
    data: Path, runner: CliRunner
) -> None:
    """The new entry's line exists only in the edited text: the problem names the proposed
    entry and that line, and claims no position in the file on disk."""
    path = data / "indicators" / "foreign-language-share.yaml"
    before = path.read_bytes()
    result = runner.invoke(
        app, ["record", "foreign-language-share", "2030", "123", "--data", str(data)]
    )
    assert result.exit_code == 1
    # the new entry follows the last value, just before the import mapping's comment
    line_of_new_entry = before.count(b"\n", 0, before.index(b"# `intl-tracker import`")) + 1
    assert (
        "data/indicators/foreign-language-share.yaml: error [out-of-range] in the proposed "
        f"entry for 2030 (line {line_of_new_entry}, column 9 of the file as edited, not written)"
    ) in result.stderr
    assert "foreign-language-share.yaml:" not in result.stderr.replace(".yaml: error", "")
    assert "was refused (1 problem(s)); nothing was written" in result.stderr
    assert path.read_bytes() == before


def test_problems_of_an_edit_are_placed_in_the_file_on_disk() -> None:
    on_disk = "a: 1\nvalues:\n  2020: 1\nz: 2\n"
    edited = "a: 1\nvalues:\n  2020: 1\n  2021: -1\nz: 2\n"
    problems = [
        Problem("f.yaml", 4, 9, "out-of-range", "below 0"),  # the added line
        Problem("f.yaml", 5, 1, "x", "after it", Severity.WARNING),  # line 4 on disk
        Problem("f.yaml", 2, 1, "y", "before it"),
        Problem("f.yaml", 0, 0, "z", "no position"),
    ]
    placed = on_disk_positions(problems, on_disk, edited, 2021)
    assert [(p.line, p.column) for p in placed] == [(0, 0), (4, 1), (2, 1), (0, 0)]
    assert placed[0].message == (
        "in the proposed entry for 2021 (line 4, column 9 of the file as edited, "
        "not written): below 0"
    )
    assert placed[1:] == [
        Problem("f.yaml", 4, 1, "x", "after it", Severity.WARNING),
        problems[2],
        problems[3],
    ]


def test_dry_run_warnings_are_placed_in_the_file_on_disk(data: Path, runner: CliRunner) -> None:
    args = ["record", "population", "2030", "5", "--dry-run", "--data", str(data)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert (
        "data/indicators/population.yaml: warning [implausible-jump] in the proposed entry "
        "for 2030 (line "
    ) in result.stderr
    written = runner.invoke(app, args[:-3] + args[-2:])  # the same without --dry-run
    assert written.exit_code == 0, written.output
    # once written, the line is real and the warning points at it
    text = (data / "indicators" / "population.yaml").read_text(encoding="utf-8")
    line = text.splitlines().index("  2030: 5") + 1
    assert f"data/indicators/population.yaml:{line}:9: warning [implausible-jump]" in (
        written.stderr
    )


def test_dry_run_prints_a_unified_diff_and_writes_nothing(data: Path, runner: CliRunner) -> None:
    path = data / "indicators" / "population.yaml"
    before = path.read_bytes()
    result = runner.invoke(
        app,
        [
            "record",
            "population",
            "2026",
            "331500",
            "--status",
            "provisional",
            "--note",
            "Preliminary figure",
            "--dry-run",
            "--data",
            str(data),
        ],
    )
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.lock"))
    added = [
        line for line in result.stdout.splitlines() if line.startswith("+") and "+++" not in line
    ]
    assert added == [
        "+  2026:",
        "+    value: 331500",
        "+    status: provisional",
        '+    note: "Preliminary figure"',
    ]
    assert result.stdout.startswith("--- ")


def test_values_in_flow_style_and_empty_values_take_a_new_year(tmp_path: Path) -> None:
    source = (REPO / "data" / "indicators" / "gdsi-rank.yaml").read_text(encoding="utf-8")
    head = source[: source.index("values:")]
    for values, expected in [
        ("values: {2017: 3}\n", "values: {2017: 3, 2019: {value: 2, status: provisional}}\n"),
        ("values: {}\n", "values:\n  2019:\n    value: 2\n    status: provisional\n"),
    ]:
        path = tmp_path / "gdsi-rank.yaml"
        path.write_text(head + values, encoding="utf-8")
        record_values({path: [NewValue(2019, "2", "provisional")]}, replace=False)
        assert path.read_text(encoding="utf-8") == head + expected
        assert _indicator(path).values[2019].value == 2


def test_the_file_mode_is_kept(data: Path) -> None:
    path = data / "indicators" / "population.yaml"
    path.chmod(0o640)
    record_values({path: [NewValue(2026, "330000")]}, replace=False)
    assert path.stat().st_mode & 0o777 == 0o640
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_twenty_concurrent_writers_all_land(data: Path) -> None:
    years = list(range(1990, 2010))
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "intl_tracker",
                "record",
                "population",
                str(year),
                str(200000 + year),
                "--data",
                str(data),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for year in years
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    values = _indicator(data / "indicators" / "population.yaml").values
    assert all(values[year].value == 200000 + year for year in years)
    assert not load_data_set(data).errors


_KILLED_AT = """
import os, signal, sys
from pathlib import Path
from intl_tracker.updating import recording, writing

# The rename is an atomic exchange on Linux (writing._exchange), os.replace elsewhere.
real_exchange, real_replace = writing._exchange, os.replace
def crash_before(src, dst):
    os.kill(os.getpid(), signal.SIGKILL)
def crash_after_exchange(src, dst):
    if real_exchange(src, dst):
        os.kill(os.getpid(), signal.SIGKILL)
    return False
def crash_after_replace(src, dst):
    real_replace(src, dst)
    os.kill(os.getpid(), signal.SIGKILL)
if sys.argv[2] == "before":
    writing._exchange = os.replace = crash_before
else:
    writing._exchange, os.replace = crash_after_exchange, crash_after_replace
path = Path(sys.argv[1])
recording.record_values({path: [recording.NewValue(2026, "330000")]}, replace=False)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
@pytest.mark.parametrize("moment", ["before", "after"])
def test_a_writer_killed_around_the_rename_leaves_a_whole_file(data: Path, moment: str) -> None:
    """Killed after the temporary file is written and fsynced but before the rename, the
    old file is untouched; killed right after the rename, the new file is whole (after an
    atomic exchange the old bytes are left under the temporary name, reported by validate)."""
    path = data / "indicators" / "population.yaml"
    before = path.read_bytes()
    expected = plan_file(path, [NewValue(2026, "330000")], replace=False).after
    process = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_KILLED_AT), str(path), moment],
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        capture_output=True,
        timeout=60,
    )
    assert process.returncode == -signal.SIGKILL, process.stderr.decode()
    temporaries = [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    if moment == "before":
        assert path.read_bytes() == before
        assert [t.read_bytes() for t in temporaries] == [expected]  # written in full
    else:
        assert path.read_bytes() == expected
        assert [t.read_bytes() for t in temporaries] in ([], [before])
    assert 2025 in _indicator(path).values


def test_a_negative_value_is_an_argument_not_an_option(data: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["record", "net-international-migration", "2030", "-120", "--data", str(data)]
    )
    assert result.exit_code == 0, result.output
    path = data / "indicators" / "net-international-migration.yaml"
    assert _indicator(path).values[2030].value == -120


@pytest.mark.parametrize("command", [["record", "population", "2030", "1"], ["import"]])
def test_the_bundled_data_set_is_never_written(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no data set here or above: the bundled one would be used
    before = {p.name: p.read_bytes() for p in (REPO / "data" / "indicators").iterdir()}
    result = runner.invoke(app, command)
    assert result.exit_code == 2
    assert "no data set here to write into" in result.stderr
    assert {p.name: p.read_bytes() for p in (REPO / "data" / "indicators").iterdir()} == before


def test_an_estimate_without_a_note_is_written_with_a_warning(
    data: Path, runner: CliRunner
) -> None:
    args = ["record", "population", "2030", "340000", "--status", "estimated"]
    result = runner.invoke(app, [*args, "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert "warning [estimate-without-note]" in result.stderr
    assert _indicator(data / "indicators" / "population.yaml").values[2030].status == "estimated"


# --- the tool's own files in indicators/ ---------------------------------------------------


def test_validate_strict_passes_after_record(data: Path, runner: CliRunner) -> None:
    """record leaves nothing in the data set: its lock is kept outside (locks.py)."""
    assert runner.invoke(app, ["validate", "--strict", "--data", str(data)]).exit_code == 0
    before = sorted(p.name for p in (data / "indicators").iterdir())
    result = runner.invoke(app, ["record", "population", "2027", "330000", "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (data / "indicators").iterdir()) == before
    validate = runner.invoke(app, ["validate", "--strict", "--data", str(data)])
    assert validate.exit_code == 0, validate.output


def test_a_lock_file_not_of_an_indicator_file_is_still_reported(
    data: Path, runner: CliRunner
) -> None:
    (data / "indicators" / "notes.lock").write_text("x")
    validate = runner.invoke(app, ["validate", "--data", str(data)])
    assert "data/indicators/notes.lock: warning [not-yaml]" in validate.stdout


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_a_temporary_file_left_by_a_killed_writer_is_a_warning_not_data(
    data: Path, runner: CliRunner
) -> None:
    path = data / "indicators" / "population.yaml"
    before = runner.invoke(app, ["validate", "--data", str(data)])
    process = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_KILLED_AT), str(path), "before"],
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        capture_output=True,
        timeout=60,
    )
    assert process.returncode == -signal.SIGKILL, process.stderr.decode()
    [temporary] = [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    validate = runner.invoke(app, ["validate", "--data", str(data)])
    assert validate.exit_code == ExitCode.OK, validate.output
    assert (
        f"data/indicators/{temporary.name}: warning [leftover-temp-file] a temporary file of "
        "a write of population.yaml that did not finish"
    ) in validate.stdout
    # the same number of files read: the temporary copy is not counted as data
    assert validate.stderr.split("; ")[-1] == before.stderr.split("; ")[-1]
    strict = runner.invoke(app, ["validate", "--strict", "--data", str(data)])
    assert strict.exit_code == ExitCode.INVALID_DATA


# --- notes of replaced values ---------------------------------------------------------------


def _noted(path: Path) -> list[int]:
    return [y for y, o in _indicator(path).values.items() if o.note is not None]


@pytest.mark.parametrize("style", ["as-is", "bom-crlf"])
@pytest.mark.parametrize("source", [p for p in BUNDLED if _noted(p)], ids=lambda p: p.stem)
def test_replacing_a_value_without_a_note_drops_only_the_old_note(
    source: Path, style: str, tmp_path: Path
) -> None:
    path = _variant(source, tmp_path, style)
    indicator = _indicator(path)
    for year in _noted(path)[:3]:
        old = _indicator(path).values[year]
        _, high = value_domain(indicator)
        shifted = old.value + 1 if high is None or old.value + 1 <= high else old.value - 1
        text = str(int(shifted)) if shifted.is_integer() else repr(round(shifted, 6))
        before = path.read_bytes()
        [edit] = record_values({path: [NewValue(year, text, old.status)]}, replace=True)
        assert edit.changes[0].dropped_note == old.note
        after = path.read_bytes()
        opcodes = _line_opcodes(before, after)
        removed = [line for _, old_lines, _ in opcodes for line in old_lines]
        added = [line for _, _, new_lines in opcodes for line in new_lines]
        assert [line.split(b":")[0].strip() for line in added] == [b"value"]
        assert added[0].endswith(b" " + text.encode() + _newline(before))
        assert {line.split(b":")[0].strip() for line in removed if b":" in line} <= {
            b"value",
            b"note",
        }
        _check_encoding_kept(before, after)
        now = _indicator(path).values
        assert (now[year].value, now[year].status, now[year].note) == (
            float(text),
            old.status,
            None,
        )
        assert {y: o for y, o in now.items() if y != year} == {
            y: o for y, o in indicator.values.items() if y != year
        }
        indicator = _indicator(path)


def test_record_replace_drops_the_note_with_a_warning(data: Path, runner: CliRunner) -> None:
    path = data / "indicators" / "population.yaml"
    old = _indicator(path).values[2023]
    assert old.note is not None
    args = ["record", "population", "2023", "314100", "--replace", "--data", str(data)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "warning: the old note of population 2023 is dropped" in result.stderr
    assert "--keep-note" in result.stderr
    assert "(its old note dropped)" in result.stderr
    assert _indicator(path).values[2023].note is None


def test_keep_note_keeps_it_and_note_replaces_it(data: Path, runner: CliRunner) -> None:
    path = data / "indicators" / "population.yaml"
    old = _indicator(path).values[2023]
    base = ["record", "population", "2023", "--replace", "--data", str(data)]
    kept = runner.invoke(app, [*base[:3], "314100", *base[3:], "--keep-note"])
    assert kept.exit_code == 0, kept.output
    assert "dropped" not in kept.stderr
    assert _indicator(path).values[2023].note == old.note
    given = runner.invoke(app, [*base[:3], "314200", *base[3:], "--note", "Statistics Finland"])
    assert given.exit_code == 0, given.output
    assert "dropped" not in given.stderr
    assert _indicator(path).values[2023].note == "Statistics Finland"
    both = runner.invoke(app, [*base[:3], "314300", *base[3:], "--note", "x", "--keep-note"])
    assert both.exit_code == ExitCode.USAGE
    assert "--keep-note and --note exclude each other" in both.stderr
    assert _indicator(path).values[2023].value == 314200


def test_a_status_change_of_the_same_value_keeps_the_note(data: Path) -> None:
    path = data / "indicators" / "population.yaml"
    year, old = next((y, o) for y, o in _indicator(path).values.items() if o.note is not None)
    value = str(int(old.value))
    record_values({path: [NewValue(year, value, "estimated")]}, replace=True)
    now = _indicator(path).values[year]
    assert (now.value, now.status, now.note) == (old.value, "estimated", old.note)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ('{value: 2, note: "old source"}', "{value: 3}"),
        ('{note: "old source", value: 2}', "{value: 3}"),
        ('{value: 2, status: provisional, note: "old"}', "{value: 3, status: provisional}"),
        ("\n    value: 2\n    note: >-\n      folded\n      source\n", "\n    value: 3\n"),
    ],
    ids=["flow", "flow-note-first", "flow-status", "block-folded"],
)
def test_dropping_a_note_in_other_layouts(tmp_path: Path, entry: str, expected: str) -> None:
    source = (REPO / "data" / "indicators" / "gdsi-rank.yaml").read_text(encoding="utf-8")
    head = source[: source.index("values:")]
    path = tmp_path / "gdsi-rank.yaml"
    tail = "" if entry.endswith("\n") else "\n"
    path.write_text(f"{head}values:\n  2017: {entry}{tail}", encoding="utf-8")
    record_values({path: [NewValue(2017, "3")]}, replace=True)
    assert path.read_text(encoding="utf-8") == f"{head}values:\n  2017: {expected}{tail}"
    assert _indicator(path).values[2017].note is None


def test_an_estimate_recorded_as_published_loses_the_estimate_note(
    data: Path, runner: CliRunner
) -> None:
    path = data / "indicators" / "population.yaml"
    estimate = NewValue(2030, "340000", "estimated", "2029 plus the mean growth of 2020-2029")
    record_values({path: [estimate]}, replace=False)
    args = ["record", "population", "2030", "340000", "--replace", "--data", str(data)]
    kept = runner.invoke(app, [*args, "--status", "estimated"])  # the same: nothing to do
    assert "nothing to change" in kept.stderr
    result = runner.invoke(app, [*args, "--status", "provisional"])
    assert result.exit_code == 0, result.output
    assert "the old note of population 2030 is dropped" in result.stderr
    now = _indicator(path).values[2030]
    assert (now.value, now.status, now.note) == (340000, "provisional", None)


def test_a_conflict_names_the_value_as_the_file_has_it(data: Path, runner: CliRunner) -> None:
    path = data / "indicators" / "population.yaml"
    record_values({path: [NewValue(2030, "1234567")]}, replace=False)
    result = runner.invoke(app, ["record", "population", "2030", "1", "--data", str(data)])
    assert result.exit_code == ExitCode.USAGE
    assert "population already has 1234567 (final) for 2030; pass --replace" in result.stderr
    replaced = runner.invoke(
        app, ["record", "population", "2030", "1234568", "--replace", "--data", str(data)]
    )
    assert "replaced population 2030: 1234567 (final) → 1234568 (final) in" in replaced.stderr


def test_record_prints_the_warnings_its_edit_brings_not_older_ones(
    data: Path, runner: CliRunner
) -> None:
    first = runner.invoke(app, ["record", "population", "2031", "5", "--data", str(data)])
    assert "warning [implausible-jump] 5 in 2031" in first.stderr
    second = runner.invoke(app, ["record", "population", "1990", "250000", "--data", str(data)])
    assert second.exit_code == 0, second.output
    assert "warning [" not in second.stderr  # the 2031 warning is validate's to repeat
    validate = runner.invoke(app, ["validate", "--data", str(data)])
    assert "warning [implausible-jump] 5 in 2031" in validate.stdout


def test_a_symlinked_indicator_file_is_written_through_the_link(
    data: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """The link stays a link and its target gets the value (it used to be replaced by a copy).
    The target is inside the data set: a link out of it is refused (test_link_outside_writes)."""
    link = data / "indicators" / "population.yaml"
    target = data / "elsewhere" / "population.yaml"
    target.parent.mkdir()
    shutil.move(link, target)
    link.symlink_to(target)
    result = runner.invoke(app, ["record", "population", "2027", "330000", "--data", str(data)])
    assert result.exit_code == ExitCode.OK, result.output
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert _indicator(target).values[2027].value == 330000
    assert not list(target.parent.glob(".*.tmp"))


# --- probable typos (issue 20, item 10) -------------------------------------------------


@pytest.fixture
def typo_data(tmp_path: Path) -> Path:
    """A data set whose share has 71 % typed as 0.71 inside a smooth series (an error)."""
    root = tmp_path / "typo"
    shutil.copytree(REPO / "tests" / "data" / "invalid" / "unmistakable-typos", root)
    return root


def test_record_replace_corrects_an_unmistakable_typo(typo_data: Path, runner: CliRunner) -> None:
    args = ["record", "share", "2020", "71", "--replace", "--data", str(typo_data)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert _indicator(typo_data / "indicators" / "share.yaml").values[2020].value == 71


def test_record_elsewhere_is_refused_while_the_typo_stays(
    typo_data: Path, runner: CliRunner
) -> None:
    path = typo_data / "indicators" / "share.yaml"
    before = path.read_bytes()
    result = runner.invoke(app, ["record", "share", "2023", "52", "--data", str(typo_data)])
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "share.yaml:9:9: error [percent-as-fraction] 0.71 in 2020" in result.stderr
    assert path.read_bytes() == before


def test_record_refuses_a_warning_the_data_set_raises(typo_data: Path, runner: CliRunner) -> None:
    args = ["record", "latest-share", "2023", "0.53", "--data", str(typo_data)]
    warned = runner.invoke(app, [*args, "--dry-run"])
    assert warned.exit_code == 0  # the latest value: a warning by the rule
    assert "warning [percent-as-fraction]" in warned.stderr
    goals = typo_data / "goals.yaml"
    goals.write_text(
        goals.read_text().replace(
            "programme:\n", "programme:\n  validation: {errors: [percent-as-fraction]}\n", 1
        )
    )
    refused = runner.invoke(app, args)
    assert refused.exit_code == ExitCode.INVALID_DATA
    assert "error [percent-as-fraction]" in refused.stderr
    assert "(an error in this data set: goals.yaml, programme.validation.errors)" in (
        refused.stderr
    )
    assert 2023 not in _indicator(typo_data / "indicators" / "latest-share.yaml").values
