"""``record ID YEAR VALUE --by dim=code``: a value by category into ``indicators/ID.csv``
(issue 24), with the safety of ``record``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from filelock import FileLock
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.core.errors import ExitCode
from intl_tracker.dataset.breakdowns import breakdown_table
from intl_tracker.dataset.loading import load_data_set
from intl_tracker.updating import locks, writing
from intl_tracker.updating.breakdown_recording import parse_by
from tests.conftest import REPO

SYNTHETIC = REPO / "tests" / "data" / "valid" / "breakdowns"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(REPO / "data", copy)
    return copy


@pytest.fixture
def synthetic(tmp_path: Path) -> Path:
    copy = tmp_path / "synthetic"
    shutil.copytree(SYNTHETIC, copy)
    return copy


def _record(runner: CliRunner, data: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["record", *args, "--data", str(data)])
    return result.exit_code, result.stderr


def _series(data: Path, indicator: str, by: tuple[str, ...]) -> dict[tuple[str, ...], dict]:
    catalog = load_data_set(data).catalog
    table = breakdown_table(catalog, indicator)
    assert table is not None
    return {s.codes: dict(s.observations) for s in table.series(by)}


def test_a_new_cell_is_one_new_line_in_year_order_and_reads_back(
    data: Path, runner: CliRunner
) -> None:
    path = data / "indicators" / "population.csv"
    before = path.read_text(encoding="utf-8").splitlines(keepends=True)
    code, err = _record(
        runner,
        data,
        "population",
        "2017",
        "20050",
        "--by",
        "language-group=sv",
        "--note",
        "page, quoted: https://example.org/x",
    )
    assert code == 0, err
    assert "recorded population [language-group=sv] 2017 = 20050 (final)" in err
    after = path.read_text(encoding="utf-8").splitlines(keepends=True)
    added = [line for line in after if line not in before]
    assert added == ['2017,sv,,20050,,"page, quoted: https://example.org/x"\n']
    assert after.index(added[0]) == after.index(next(x for x in after if x.startswith("2018"))) - 1
    assert [x for x in after if x not in added] == before
    observation = _series(data, "population", ("language-group",))[("sv",)][2017]
    assert (observation.value, observation.note) == (20050, "page, quoted: https://example.org/x")


def test_crossed_cells_take_one_by_per_dimension_in_any_order(
    synthetic: Path, runner: CliRunner
) -> None:
    code, err = _record(
        runner,
        synthetic,
        "residents",
        "2025",
        "5700",
        "--by",
        "language=foreign",
        "--by",
        "area=north",
    )
    assert code == 0, err
    assert (
        _series(synthetic, "residents", ("area", "language"))[("north", "foreign")][2025].value
        == 5700
    )
    lines = (synthetic / "indicators" / "residents.csv").read_text().splitlines()
    assert lines[-1] == "2025,north,foreign,5700,,"


def test_a_different_value_needs_replace_and_then_changes_only_its_line(
    data: Path, runner: CliRunner
) -> None:
    path = data / "indicators" / "population.csv"
    before = path.read_bytes()
    code, err = _record(runner, data, "population", "2016", "5400", "--by", "district=muut")
    assert code == ExitCode.USAGE and "already has 5338 (final) for 2016" in err
    assert "the old note of population [district=muut] 2016 is dropped" not in err
    assert path.read_bytes() == before
    code, err = _record(
        runner,
        data,
        "population",
        "2016",
        "5400",
        "--by",
        "district=muut",
        "--replace",
        "--status",
        "provisional",
    )
    assert code == 0, err
    changed = [
        (a, b)
        for a, b in zip(before.decode().splitlines(), path.read_text().splitlines(), strict=True)
        if a != b
    ]
    assert changed == [
        (
            "2016,,muut,5338,,espoo.fi Väestörakenne (2016 version): "
            "http://www.espoo.fi/fi-FI/Espoon_kaupunki/Tietoa_Espoosta/"
            "Tilastot_ja_tutkimukset/Vaesto_ja_vaestonmuutokset/Vaestorakenne",
            "2016,,muut,5400,provisional,",
        )
    ]
    assert "breakdown-sum" in err  # the districts no longer add up to the population
    assert "the old note of population [district=muut] 2016 is dropped" in err


def test_recording_the_same_value_changes_nothing(data: Path, runner: CliRunner) -> None:
    path = data / "indicators" / "population.csv"
    before = path.read_bytes()
    code, err = _record(runner, data, "population", "2019", "217502", "--by", "language-group=fi")
    assert code == 0 and "already is 217502 (final); nothing to change" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("by", "said"),
    [
        (
            ["language-group=fii"],
            "no category 'fii' in the dimension 'language-group'; did you mean 'fi'?",
        ),
        (
            ["languag-group=fi"],
            "no dimension 'languag-group' in goals.yaml; did you mean 'language-group'?",
        ),
        (
            ["language=ru"],
            "population has no breakdown by language (its breakdowns: language-group; district)",
        ),
        (["language-group=fi", "district=muut"], "no breakdown by language-group \u00d7 district"),
        (["language-group"], "--by takes DIMENSION=CODE"),
        (["district=muut", "district=muut"], "gives the dimension 'district' twice"),
    ],
)
def test_an_unknown_dimension_or_category_is_exit_2_with_a_suggestion_and_nothing_written(
    data: Path, runner: CliRunner, by: list[str], said: str
) -> None:
    files = {p: p.read_bytes() for p in (data / "indicators").iterdir()}
    args = [arg for item in by for arg in ("--by", item)]
    code, err = _record(runner, data, "population", "2020", "1000", *args)
    assert code == ExitCode.USAGE, err
    assert said in err
    assert {p: p.read_bytes() for p in (data / "indicators").iterdir()} == files


def test_a_missing_file_is_created_with_the_header_of_the_declared_breakdowns(
    synthetic: Path, runner: CliRunner
) -> None:
    path = synthetic / "indicators" / "residents.csv"
    path.unlink()
    code, err = _record(runner, synthetic, "residents", "2024", "25000", "--by", "area=north")
    assert code == 0, err
    assert path.read_text() == "year,area,language,value,status,note\n2024,north,,25000,,\n"


def test_a_file_that_appears_meanwhile_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"theirs")
    with pytest.raises(writing.ChangedOnDiskError):
        writing.create(path, b"ours")
    assert path.read_bytes() == b"theirs"
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left


def test_dry_run_prints_the_diff_and_writes_nothing(data: Path, runner: CliRunner) -> None:
    path = data / "indicators" / "foreign-language-population.csv"
    before = path.read_bytes()
    result = runner.invoke(
        app,
        [
            "record",
            "foreign-language-population",
            "2020",
            "7500",
            "--by",
            "language=ru",
            "--dry-run",
            "--data",
            str(data),
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert "+2020,ru,7500,," in result.stdout
    assert "(dry run: nothing written)" in result.stderr
    assert path.read_bytes() == before


def test_crlf_line_endings_are_kept(data: Path, runner: CliRunner) -> None:
    path = data / "indicators" / "foreign-language-population.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    code, err = _record(
        runner, data, "foreign-language-population", "2020", "7500", "--by", "language=ru"
    )
    assert code == 0, err
    raw = path.read_bytes()
    assert raw.endswith(b"2020,ru,7500,,\r\n") and b"\n" not in raw.replace(b"\r\n", b"")


def test_an_edit_the_checks_refuse_writes_nothing(data: Path, runner: CliRunner) -> None:
    path = data / "indicators" / "foreign-language-population.csv"
    before = path.read_bytes()
    code, err = _record(
        runner,
        data,
        "foreign-language-population",
        "2020",
        "7500",
        "--by",
        "language=ru",
        "--note",
        "=HYPERLINK(1)",
    )
    assert code == ExitCode.INVALID_DATA, err
    assert "csv-formula" in err and "nothing was written" in err
    assert path.read_bytes() == before


def test_an_invalid_file_is_refused_before_the_edit(data: Path, runner: CliRunner) -> None:
    path = data / "indicators" / "foreign-language-population.csv"
    path.write_text(path.read_text() + "2019,xx,1,,\n")
    before = path.read_bytes()
    code, err = _record(
        runner, data, "foreign-language-population", "2020", "7500", "--by", "language=ru"
    )
    assert code == ExitCode.INVALID_DATA
    assert "foreign-language-population.csv:8:" in err and "unknown-category" in err
    assert path.read_bytes() == before


def test_a_busy_lock_is_exit_75(
    data: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locks, "LOCK_TIMEOUT", 0.2)
    path = data / "indicators" / "population.csv"
    before = path.read_bytes()
    locks.lock_path(path).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with FileLock(locks.lock_path(path)):
        code, err = _record(runner, data, "population", "2017", "1", "--by", "district=muut")
    assert code == ExitCode.BUSY == 75, err
    assert path.read_bytes() == before


def test_parse_by() -> None:
    assert parse_by(["area=north", " sex = f "]) == {"area": "north", "sex": "f"}
