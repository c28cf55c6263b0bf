"""The loader against the case corpus in tests/data/{valid,invalid}/<case>/.

Each case holds a data directory and ``expected-problems.txt``: one problem per line, as
``intl-tracker validate`` prints it. Valid cases may expect warnings but no error.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from intl_tracker.core.errors import Severity
from intl_tracker.dataset.loading import load_data_set, validate_paths
from intl_tracker.dataset.yaml_strict import MAX_FILE_BYTES, parse_yaml
from tests.conftest import CASES

VALID = sorted((CASES / "valid").iterdir())
INVALID = sorted((CASES / "invalid").iterdir())


def _expected(case: Path) -> list[str]:
    return (case / "expected-problems.txt").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("case", VALID, ids=[c.name for c in VALID])
def test_valid_case_loads_into_a_catalog(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case)
    result = load_data_set(Path("."))
    assert result.errors == []
    assert result.catalog is not None
    assert [str(p) for p in result.problems] == _expected(case)


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_invalid_case_reports_expected_problems(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(case)
    result = load_data_set(Path("."))
    expected = _expected(case)
    assert expected, "an invalid case must expect at least one problem"
    assert [str(p) for p in result.problems] == expected
    assert result.errors


def test_every_problem_in_a_yaml_file_has_a_position() -> None:
    for case in INVALID:
        for line in _expected(case):
            if line.startswith("goals.yaml: ") and "missing-goals-file" in line:
                continue
            location = line.split(": ", 1)[0]
            assert location.count(":") == 2, line


def test_all_problems_of_all_files_are_collected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "invalid" / "unit-domains")
    files = {p.file for p in load_data_set(Path(".")).problems}
    assert files == {"indicators/count.yaml", "indicators/rank.yaml", "indicators/share.yaml"}


def test_yaml_1_2_keeps_norway_and_versions_as_text() -> None:
    parsed = parse_yaml("a: no\nb: On\nc: 1:30\nd: 0755\ne: 2024-01-01\nf: 1e3\ng: true\nh: ~\n")
    assert parsed.data == {
        "a": "no",
        "b": "On",
        "c": "1:30",
        "d": 755,
        "e": "2024-01-01",
        "f": 1000.0,
        "g": True,
        "h": None,
    }


def test_duplicate_keys_are_all_reported_not_silently_dropped() -> None:
    parsed = parse_yaml("a: 1\nb: 2\na: 3\nb: 4\n")
    assert [(i.code, i.mark.line) for i in parsed.issues] == [
        ("duplicate-key", 3),
        ("duplicate-key", 4),
    ]


def test_alias_bomb_is_rejected_quickly() -> None:
    import time

    bomb = 'a0: &a0 "lol"\n' + "".join(
        f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10)
    )
    start = time.perf_counter()
    parsed = parse_yaml(bomb)
    assert time.perf_counter() - start < 1.0
    assert parsed.data is None
    assert [i.code for i in parsed.issues] == ["too-large"]


def test_modest_aliases_are_allowed() -> None:
    parsed = parse_yaml("s: &s {publisher: X}\nt: *s\n")
    assert parsed.issues == []
    assert parsed.data == {"s": {"publisher": "X"}, "t": {"publisher": "X"}}


def test_nesting_beyond_libyaml_limit_is_a_problem() -> None:
    parsed = parse_yaml("[" * 5000 + "]" * 5000)
    assert parsed.data is None
    assert parsed.issues and parsed.issues[0].code in ("too-deep", "yaml-syntax")


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    root = tmp_path
    (root / "goals.yaml").write_text((CASES / "valid/minimal/goals.yaml").read_text())
    (root / "indicators").mkdir()
    big = root / "indicators" / "big.yaml"
    big.write_text("# " + "x" * (MAX_FILE_BYTES + 10) + "\n")
    problems = load_data_set(root).problems
    assert [p.code for p in problems] == ["file-too-large"]
    assert problems[0].file.endswith("indicators/big.yaml")


def test_a_subset_of_files_reports_what_a_full_run_reports(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pre-commit passes only the changed files; the answer is the whole data set's."""
    monkeypatch.chdir(CASES / "invalid" / "unknown-references")
    full = validate_paths([], Path(".")).problems
    assert {p.code for p in full} >= {"unknown-goal", "unknown-objective"}
    for subset in (["indicators/share.yaml"], ["goals.yaml"], ["indicators"], ["."]):
        assert validate_paths([Path(p) for p in subset], None).problems == full, subset


def test_a_file_outside_any_data_set_is_checked_alone(tmp_path: Path) -> None:
    lone = tmp_path / "lone.yaml"
    lone.write_text("id: [unclosed\n")
    problems = validate_paths([lone], None).problems
    assert [p.code for p in problems] == ["yaml-syntax"]
    assert problems[0].severity is Severity.ERROR


def test_bundled_espoo_data_is_valid() -> None:
    from intl_tracker.dataset.loading import bundled_data_dir

    result = load_data_set(bundled_data_dir())
    assert result.errors == []
    assert result.catalog is not None
    assert len(result.catalog.goals) == 3


def test_a_file_full_of_invalid_keys_is_read_in_linear_time(tmp_path: Path) -> None:
    """20,000 unknown keys (under 1 MB) took 30 s when each was located; now capped."""
    import time

    from intl_tracker.dataset.locating import MAX_PROBLEMS_PER_FILE

    shutil.copytree(CASES / "valid" / "minimal", tmp_path / "d")
    share = tmp_path / "d" / "indicators" / "share.yaml"
    share.write_text(share.read_text() + "".join(f"bad{i}: 1\n" for i in range(20_000)))
    start = time.perf_counter()
    problems = load_data_set(tmp_path / "d").problems
    assert time.perf_counter() - start < 5.0
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    (more,) = [p for p in problems if p.code == "too-many-problems"]
    assert more.message.startswith("19,900 more problem(s)")


def test_a_folder_of_data_sets_checks_each_one_whole() -> None:
    everything = set(validate_paths([CASES / "invalid"], None).problems)
    for case in INVALID:
        assert set(validate_paths([case], None).problems) <= everything, case.name
