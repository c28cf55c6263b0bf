"""`import`: recorded-style PxWeb answers served from 127.0.0.1 into a copy of the bundled data.

The expected figures are read from the fixture cubes by the test server's own slicing
(tests/pxweb_server.py), not from the code under test.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import socket
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner
from werkzeug import Request, Response

from intl_tracker.cli.commands import app
from intl_tracker.dataset.loading import load_data_set
from intl_tracker.dataset.models import Indicator, Observation, PxSelection
from intl_tracker.updating import fetching
from intl_tracker.updating.recording import NewValue, record_values
from tests.conftest import REPO
from tests.pxweb_server import (
    ALUESARJAT,
    STATFIN,
    cell,
    codes_of,
    json_response,
    load_cube,
    serve_table,
    table_name,
)

MAPPED = [
    "population",
    "foreign-language-population",
    "foreign-language-share",
    "foreign-citizens",
    "foreign-background-share",
    "foreign-hotel-nights",
    "net-international-migration",
]


def _copy_data(tmp_path: Path, base: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    for path in (data / "indicators").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = text.replace(STATFIN, base).replace(ALUESARJAT, base)
        path.write_text(text, encoding="utf-8")
    return data


def _catalog(data: Path) -> dict[str, Indicator]:
    result = load_data_set(data)
    assert not result.errors, result.errors
    assert result.catalog is not None
    return {i.id: i for i in result.catalog.indicators}


def _snapshot(data: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((data / "indicators").glob("*.yaml"))}


def _serve(server: HTTPServer, data: Path, cubes: dict[str, dict[str, Any]] | None = None) -> None:
    """Serve every mapped table (a cube from ``cubes`` by table name, else the fixture)."""
    seen: set[str] = set()
    for indicator in _catalog(data).values():
        if indicator.import_ is None:
            continue
        for table in [indicator.import_.table, *(b.table for b in indicator.import_.breakdowns)]:
            if table in seen:
                continue
            seen.add(table)
            name = table_name(table)
            path = table.removeprefix(server.url_for("").rstrip("/"))
            serve_table(server, path, (cubes or {}).get(name) or load_cube(name))


@pytest.fixture
def data(tmp_path: Path, httpserver: HTTPServer) -> Path:
    return _copy_data(tmp_path, httpserver.url_for("").rstrip("/"))


def _dimension(cube: dict[str, Any], selection: PxSelection) -> str:
    if selection.match == "exact":
        return selection.variable
    return next(name for name in cube["id"] if name.startswith(selection.variable))


def _expected(indicator: Indicator) -> dict[int, float]:
    """The figures the mapping selects, read straight from the fixture cube."""
    mapping = indicator.import_
    assert mapping is not None
    cube = load_cube(table_name(mapping.table))
    pinned = {_dimension(cube, s): s.code for s in mapping.selections}
    value_dimension = _dimension(cube, mapping.value)
    series: dict[int, float] = {}
    for year in codes_of(cube, mapping.time):
        if mapping.since is not None and int(year) < mapping.since:
            continue
        at = {**pinned, mapping.time: year, value_dimension: mapping.value.code}
        number = Decimal(cell(cube, at))
        if mapping.ratio is not None:
            whole = Decimal(cell(cube, {**at, value_dimension: mapping.ratio.whole.code}))
            number = number / whole * 100
        step = Decimal(1).scaleb(-(indicator.decimals or 0))
        series[int(year)] = float(number.quantize(step, rounding=ROUND_HALF_UP))
    return series


def _import(runner: CliRunner, data: Path, *args: str) -> Any:
    return runner.invoke(app, ["import", *args, "--data", str(data)])


def _table_rows(stdout: str) -> list[list[str]]:
    """The change table's lines split into cells (cells are two or more spaces apart)."""
    lines = stdout.split("\n\n", 1)[0].splitlines()
    return [re.split(r" {2,}", line.strip()) for line in lines]


def _meaning_changes(old: Observation | None, figure: float) -> bool:
    """The rule of issue 22: a new figure that would turn a final value provisional or
    remove a value's note needs --replace."""
    if old is None or (old.value == figure and old.status != "estimated"):
        return False
    return old.status == "final" or old.note is not None


def test_import_records_new_and_changed_figures_and_validate_passes(
    data: Path, httpserver: HTTPServer, runner: CliRunner
) -> None:
    _serve(httpserver, data)
    before = _catalog(data)
    files_before = sorted(p.name for p in (data / "indicators").iterdir())
    result = _import(runner, data)
    assert result.exit_code == 0, result.output
    after = _catalog(data)
    assert sorted(i for i in after if after[i].import_ is not None) == sorted(MAPPED)
    rows = _table_rows(result.stdout)
    assert rows[0] == ["Indicator", "Year", "Old value", "New value", "Status"]
    changed = held = 0
    for indicator_id in MAPPED:
        name = after[indicator_id].name["en"]
        for year, figure in _expected(after[indicator_id]).items():
            now = after[indicator_id].values[year]
            old = before[indicator_id].values.get(year)
            if old is not None and old.value == figure and old.status != "estimated":
                assert now == old  # an agreeing value keeps its status and note
                continue
            [row] = [r for r in rows if r[:2] == [name, str(year)]]
            if _meaning_changes(old, figure):
                held += 1
                assert now == old  # held back: the file keeps its value, status and note
                assert row[-1].endswith("(held back)")
                continue
            # new, or changed without losing a note or a final status: the source's figure
            changed += 1
            assert now.value == figure
            assert now.status == "provisional"
            table = after[indicator_id].import_.table  # type: ignore[union-attr]
            assert now.note == f"Imported from {table} (table updated 2026-05-29T05:00:00Z)."
            if old is None:
                assert row[2] == "-"
            else:  # the number rule in English: grouped thousands
                assert float(row[2].replace(",", "")) == round(
                    old.value, after[indicator_id].decimals or 0
                )
            assert row[-1] == "provisional"
    assert changed > 10 and held > 5
    # by category (the Aluesarjat answer): the bundled breakdown lacks the foreign-language
    # count of 2017; its other cells agree with the file, and three are '..'
    assert ["Population: Foreign languages", "2017", "-", "44,655", "provisional"] in rows
    assert f"\nValues changed: {changed + 1}\n" in result.stdout
    assert "Cells not available in the source ('..'), not written: 3\n" in result.stdout
    assert "Held back, as they would change a value's meaning (pass --replace to take them): " in (
        result.stdout
    )
    # nothing of the writer's is left in the data set (the locks live elsewhere)
    assert sorted(p.name for p in (data / "indicators").iterdir()) == files_before
    validate = runner.invoke(app, ["validate", "--strict", "--data", str(data)])
    assert validate.exit_code == 0, validate.output
    assert "warning" not in validate.stdout

    methods = [request.method for request, _ in httpserver.log]
    # each of the 8 tables described once (6 headline, 2 by category), 9 queries (two
    # indicators read 11rl)
    assert (methods.count("GET"), methods.count("POST")) == (8, 9)

    snapshot = _snapshot(data)
    again = _import(runner, data)
    assert again.exit_code == 0, again.output
    assert "\nValues changed: 0\n" in again.stdout  # only the held-back rows are listed
    assert all(r[-1].endswith("(held back)") for r in _table_rows(again.stdout)[1:])
    assert _snapshot(data) == snapshot
    replaced = _import(runner, data, "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert f"\nValues changed: {held}\n" in replaced.stdout
    final = _import(runner, data)
    assert final.stdout == (
        "No changes: the 7 indicators read are up to date.\n"
        "Cells not available in the source ('..'), not written: 3\n"
    )


def test_dry_run_shows_the_table_and_diffs_and_writes_nothing(
    data: Path, httpserver: HTTPServer, runner: CliRunner
) -> None:
    _serve(httpserver, data)
    snapshot = _snapshot(data)
    result = _import(runner, data, "population", "--dry-run", "--replace")
    assert result.exit_code == 0, result.output
    assert _snapshot(data) == snapshot
    assert "Values that would change: " in result.stdout
    assert "+++ " in result.stdout and "\n@@ " in result.stdout
    assert "foreign-language-share" not in result.stdout


def test_only_the_named_indicators_are_imported(
    data: Path, httpserver: HTTPServer, runner: CliRunner
) -> None:
    _serve(httpserver, data)
    snapshot = _snapshot(data)
    assert _import(runner, data, "foreign-language-share").exit_code == 0
    changed = [name for name, raw in _snapshot(data).items() if snapshot[name] != raw]
    assert changed == ["foreign-language-share.yaml"]


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        (["populaton"], "no indicator 'populaton'; did you mean 'population'"),
        (["gdsi-rank"], "'gdsi-rank' has no import mapping"),
    ],
)
def test_unknown_or_unmapped_ids_are_usage_errors(
    data: Path, runner: CliRunner, ids: list[str], message: str
) -> None:
    result = _import(runner, data, *ids)
    assert result.exit_code == 2
    assert message in result.stderr


def _rewrite(data: Path, indicator_id: str, old: str, new: str) -> None:
    path = data / "indicators" / f"{indicator_id}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_interface_before_8_june_2026_reads_the_same_figures(
    data: Path, httpserver: HTTPServer, runner: CliRunner
) -> None:
    """A mapping in the old code style (names, unprefixed codes) against an old-style table."""
    _rewrite(data, "population", "vaerak/11ra.px", "vaerak/statfin_vaerak_pxt_11ra.px")
    _rewrite(data, "population", '{variable: "alue_", match: prefix', '{variable: "Alue"')
    _rewrite(
        data, "population", '"contentscode", code: "vaerak-vaesto"', '"Tiedot", code: "vaesto"'
    )
    _rewrite(data, "population", "  since: 2015", "  time: Vuosi\n  since: 2015")
    _serve(httpserver, data)
    result = _import(runner, data, "population", "--replace")
    assert result.exit_code == 0, result.output
    population = _catalog(data)["population"]
    new_style = load_cube("11ra")
    for year, value in population.values.items():
        if year >= 2015:
            at = {"alue_23_20260101": "KU049", "timeperiod_y": str(year)}
            assert value.value == cell(new_style, {**at, "contentscode": "vaerak-vaesto"})


def test_a_figure_the_source_marks_final_is_recorded_final(
    data: Path, httpserver: HTTPServer, runner: CliRunner
) -> None:
    _rewrite(data, "population", "  since: 2015", '  since: 2015\n  final_status: "F"')
    cube = load_cube("11ra")
    cube["status"] = "F"  # one status for every cell
    _serve(httpserver, data, {"11ra": cube})
    result = _import(runner, data, "population", "--replace")
    assert result.exit_code == 0, result.output
    population = _catalog(data)["population"]
    assert {population.values[y].status for y in _expected(population)} == {"final"}


def test_an_estimate_the_source_publishes_takes_the_source_status_and_note(
    data: Path, httpserver: HTTPServer, runner: CliRunner
) -> None:
    path = data / "indicators" / "population.yaml"
    population = _catalog(data)["population"]
    year, figure = max(_expected(population).items())
    text = str(int(figure)) if figure.is_integer() else repr(figure)
    record_values(
        {path: [NewValue(year, text, "estimated", "our estimate from births and moves")]},
        replace=True,
    )
    _serve(httpserver, data)
    held = _import(runner, data, "population")  # the estimate's note would go: held back
    assert held.exit_code == 0, held.output
    assert _catalog(data)["population"].values[year].status == "estimated"
    assert f"Population {year}: its note would go: " in held.stdout
    result = _import(runner, data, "population", "--replace")
    assert result.exit_code == 0, result.output
    now = _catalog(data)["population"].values[year]
    table = population.import_.table  # type: ignore[union-attr]
    assert (now.value, now.status) == (figure, "provisional")
    assert now.note == f"Imported from {table} (table updated 2026-05-29T05:00:00Z)."


def test_import_prints_the_warnings_its_edits_bring(
    data: Path, httpserver: HTTPServer, runner: CliRunner
) -> None:
    year = max(_expected(_catalog(data)["population"]))
    cube = load_cube("11ra")
    at = {"alue_23_20260101": "KU049", "timeperiod_y": str(year), "contentscode": "vaerak-vaesto"}
    flat = 0
    for name, size in zip(cube["id"], cube["size"], strict=True):
        flat = flat * size + codes_of(cube, name).index(at[name])
    cube["value"][flat] = 5  # a digit slip in the source
    _serve(httpserver, data, {"11ra": cube})
    dry = _import(runner, data, "population", "--dry-run", "--replace")
    assert dry.exit_code == 0, dry.output
    # not on disk yet: no position in the file, said to be in the proposed entry (the
    # fixture's other years equal the bundled figures, so the edit is of this year alone)
    assert (
        "data/indicators/population.yaml: warning [implausible-jump] in the proposed entry for "
        f"{year} (line "
    ) in dry.stderr
    assert f"): 5 in {year} is about ten times" in dry.stderr
    real = _import(runner, data, "population", "--replace")
    assert real.exit_code == 0, real.output
    text = (data / "indicators" / "population.yaml").read_text(encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.strip() == "value: 5")
    assert (
        f"data/indicators/population.yaml:{line}:5: warning [implausible-jump] 5 in {year}"
    ) in real.stderr


# --- errors: a clear message naming the address, exit 1, nothing written ---------------


def _broken_table(server: HTTPServer, data: Path, handler: Any, table: str = "11rv") -> str:
    """Serve every table, but answer ``table``'s requests with ``handler``."""
    url = next(
        i.import_.table
        for i in _catalog(data).values()
        if i.import_ is not None and table_name(i.import_.table) == table
    )
    path = url.removeprefix(server.url_for("").rstrip("/"))
    server.expect_request(path).respond_with_handler(handler)
    _serve(server, data)
    return url


def _assert_refused(runner: CliRunner, data: Path, url: str, *reasons: str) -> None:
    snapshot = _snapshot(data)
    result = _import(runner, data)
    assert result.exit_code == 1, result.output
    assert f"intl-tracker: error: {url}" in result.stderr
    for reason in reasons:
        assert reason in result.stderr
    assert _snapshot(data) == snapshot
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("status", "headers", "reason"),
    [
        (500, {}, "HTTP 500 INTERNAL SERVER ERROR; the service failed, try again later"),
        (404, {}, "HTTP 404 NOT FOUND; the table address is wrong or the table was renamed"),
        (429, {"Retry-After": "30"}, "HTTP 429 TOO MANY REQUESTS; the service limits how often"),
        (400, {}, "the service refused the query"),
    ],
)
def test_http_errors(
    data: Path,
    httpserver: HTTPServer,
    runner: CliRunner,
    status: int,
    headers: dict[str, str],
    reason: str,
) -> None:
    url = _broken_table(
        httpserver, data, lambda request: Response("no", status=status, headers=headers)
    )
    _assert_refused(runner, data, url, reason, *(["try again after 30 s"] if status == 429 else []))


def test_an_unreachable_source(tmp_path: Path, runner: CliRunner) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    data = _copy_data(tmp_path, f"http://127.0.0.1:{port}")
    _assert_refused(
        runner, data, f"http://127.0.0.1:{port}/PxWeb/api/v1/fi/StatFin/", ".px: cannot connect",
    )  # fmt: skip


def test_a_source_that_does_not_answer_in_time(
    data: Path, httpserver: HTTPServer, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetching, "TIMEOUT", 0.3)

    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response("{}")

    url = _broken_table(httpserver, data, slow)
    _assert_refused(runner, data, url, "no complete answer within 0.3 s")


def _answering(post: Any, table: str = "11rv") -> Any:
    cube = load_cube(table)

    def handler(request: Request) -> Response:
        if request.method == "GET":
            from tests.pxweb_server import metadata

            return json_response(metadata(cube))
        return post(cube, json.loads(request.get_data()))

    return handler


def test_an_answer_that_is_not_json(data: Path, httpserver: HTTPServer, runner: CliRunner) -> None:
    url = _broken_table(
        httpserver, data, _answering(lambda cube, query: Response("<html>busy</html>"))
    )
    _assert_refused(runner, data, url, "the answer is not JSON")


def test_malformed_json_stat(data: Path, httpserver: HTTPServer, runner: CliRunner) -> None:
    from tests.pxweb_server import answer

    def truncated(cube: dict[str, Any], query: dict[str, Any]) -> Response:
        document = answer(cube, query)
        assert isinstance(document, dict)
        document["value"] = document["value"][:-1]
        return json_response(document)

    url = _broken_table(httpserver, data, _answering(truncated))
    _assert_refused(runner, data, url, "malformed JSON-stat answer: 'value' has")


def test_a_missing_category(data: Path, httpserver: HTTPServer, runner: CliRunner) -> None:
    cube = load_cube("11rv")
    without = copy.deepcopy(cube)
    area = without["dimension"]["alue_23_20260101"]["category"]
    area["index"] = {"SSS": 0, "KU091": 1}  # Espoo is gone
    del area["label"]["KU049"]
    without["size"][0] = 2
    without["value"] = [
        cell(cube, dict(zip(cube["id"], (a, v, y, c), strict=True)))
        for a in ("SSS", "KU091")
        for v in codes_of(cube, "valtio_1_20260101")
        for y in codes_of(cube, "timeperiod_y")
        for c in codes_of(cube, "contentscode")
    ]
    url = _broken_table(httpserver, data, _answering(lambda c, q: Response(status=500)))
    httpserver.clear()
    serve_table(httpserver, url.removeprefix(httpserver.url_for("").rstrip("/")), without)
    _serve(httpserver, data)
    _assert_refused(
        runner, data, url, "missing category: the variable 'alue_23_20260101' has no code 'KU049'"
    )


def test_a_changed_table_shape(data: Path, httpserver: HTTPServer, runner: CliRunner) -> None:
    """The answer holds every area although one was asked."""
    url = _broken_table(httpserver, data, _answering(lambda cube, query: json_response(cube)))
    _assert_refused(
        runner, data, url,
        "changed table shape: dimension 'alue_23_20260101' answers SSS, KU049, KU091 "
        "instead of KU049",
    )  # fmt: skip


def test_a_table_still_in_the_old_interface(
    data: Path, httpserver: HTTPServer, runner: CliRunner
) -> None:
    """The new mapping against a table that still uses names: it says what the table has."""
    old = load_cube("statfin_vaerak_pxt_11ra")
    url = _broken_table(httpserver, data, lambda r: Response(status=500), table="11ra")
    httpserver.clear()
    serve_table(httpserver, url.removeprefix(httpserver.url_for("").rstrip("/")), old)
    _serve(httpserver, data)
    _assert_refused(
        runner,
        data,
        url,
        "the table has no year variable 'timeperiod_y' (it has Alue, Vuosi, Tiedot)",
    )


# --- the mapping is checked by validate and described in the schema ---------------------


@pytest.mark.parametrize(
    ("old", "new", "message", "points_at"),
    [
        ('{variable: "alue_", match: prefix', '{variable: "alue_", match: start',
         "import.selections.0.match: Input should be 'exact' or 'prefix'", "start"),
        ("  since: 2015", "  since: 2015\n  sinse: 2016",
         "unknown field 'sinse'; did you mean 'since'?", "sinse"),
        ('code: "KU049"', "code: 49", "import.selections.0.code: Input should be a valid string",
         "49"),
        ('  value: {variable: "contentscode"', '  value: {variable: "alue_"',
         "'alue_' is pinned by 'value' already", '"alue_"'),
        ('{variable: "alue_", match: prefix', '{variable: "timeperiod_y", match: prefix',
         "'timeperiod_y' is the year variable; all years are asked", '"timeperiod_y"'),
        ('code: "KU049"}', 'code: "KU049"}\n    - {variable: "alue_", code: "KU091"}',
         "the variable 'alue_' is selected twice (first as selection 1)", '"alue_", code: "KU091"'),
    ],
)  # fmt: skip
def test_validate_reports_a_bad_mapping_at_its_position(
    data: Path, runner: CliRunner, old: str, new: str, message: str, points_at: str
) -> None:
    _rewrite(data, "population", old, new)
    lines = (data / "indicators" / "population.yaml").read_text(encoding="utf-8").splitlines()
    result = runner.invoke(app, ["validate", "--data", str(data)])
    assert result.exit_code == 1
    [problem] = [line for line in result.stdout.splitlines() if message in line]
    _, row, column = problem.split(": ", 1)[0].rsplit(":", 2)
    assert lines[int(row) - 1][int(column) - 1 :].startswith(points_at)


def test_a_ratio_whole_on_another_variable_is_reported(data: Path, runner: CliRunner) -> None:
    _rewrite(
        data,
        "foreign-language-share",
        'whole: {variable: "kieli_"',
        'whole: {variable: "sukupuoli_"',
    )
    result = runner.invoke(app, ["validate", "--data", str(data)])
    assert result.exit_code == 1
    assert "[import-ratio] the whole must be another code of the value's variable 'kieli_'" in (
        result.stdout
    )


def test_the_indicator_schema_describes_the_mapping(runner: CliRunner) -> None:
    schema = json.loads(runner.invoke(app, ["schema", "indicator"]).stdout)
    mapping = schema["$defs"]["ImportMapping"]
    assert schema["properties"]["import"]["anyOf"][0] == {"$ref": "#/$defs/ImportMapping"}
    assert set(mapping["required"]) == {"source", "table", "value"}
    assert schema["$defs"]["PxSelection"]["properties"]["match"]["enum"] == ["exact", "prefix"]


def test_the_change_table_speaks_the_chosen_language(
    data: Path, httpserver: HTTPServer, runner: CliRunner
) -> None:
    """Names, words and numbers in Finnish: the number rule (no-break space, decimal comma)."""
    _serve(httpserver, data)
    result = _import(runner, data, "population", "foreign-language-share", "--dry-run",
                     "--lang", "fi")  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = _table_rows(result.stdout)
    assert rows[0] == ["Indikaattori", "Vuosi", "Vanha arvo", "Uusi arvo", "Tila"]
    assert ["Väkiluku", "2025", "326\u00a0280", "325\u00a0716",
            "ennakkotieto (jätetty kirjaamatta)"] in rows  # fmt: skip
    share = "Vieraskielisten osuus väestöstä"
    assert [share, "2024", "-", "25,0", "ennakkotieto"] in rows
    assert [
        share,
        "2022",
        "21,9",
        "21,8",
        "lopullinen → ennakkotieto (jätetty kirjaamatta)",
    ] in rows
    assert ["Väkiluku: Vieraat kielet", "2017", "-", "44\u00a0655", "ennakkotieto"] in rows
    assert "Muuttuvia arvoja: 3" in result.stdout
