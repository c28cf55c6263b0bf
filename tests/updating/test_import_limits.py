"""Issue 22, case 5: a server cannot hang or exhaust the import.

Each hostile answer is served from 127.0.0.1 for one table (11rv) while the others answer
normally; the import must exit 1 naming the address and the reason, within its deadline, and
write nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner
from werkzeug import Request, Response

from intl_tracker.updating import fetching, jsonstat
from intl_tracker.updating.fetching import retry_after
from tests.pxweb_server import answer, json_response
from tests.updating.test_import import (
    _answering,
    _assert_refused,
    _broken_table,
    _catalog,
    _copy_data,
    _import,
    _snapshot,
)


@pytest.fixture
def data(tmp_path: Path, httpserver: HTTPServer) -> Path:
    return _copy_data(tmp_path, httpserver.url_for("").rstrip("/"))


def _answer_with(change: Any) -> Any:
    """A POST handler: the true slice, changed by ``change(document)``."""

    def post(cube: dict[str, Any], query: dict[str, Any]) -> Response:
        document = answer(cube, query)
        assert isinstance(document, dict)
        return json_response(change(document))

    return _answering(post)


def test_a_server_dripping_its_answer_is_stopped_at_the_deadline(
    data: Path, httpserver: HTTPServer, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One byte every 0.05 s of a 4 kB answer: each read is quick, the whole is not (the
    timeout used to apply to each read: 90 s, and the values were written)."""
    monkeypatch.setattr(fetching, "TIMEOUT", 0.5)

    def drip(request: Request) -> Response:
        body = b" " * 4000 + b"{}"

        def chunks() -> Iterator[bytes]:
            for byte in body:
                time.sleep(0.05)
                yield bytes([byte])

        return Response(chunks(), headers={"Content-Length": str(len(body))})

    url = _broken_table(httpserver, data, drip)
    started = time.monotonic()
    _assert_refused(runner, data, url, "no complete answer within 0.5 s")
    assert time.monotonic() - started < 5


def test_cells_are_counted_from_the_sizes_before_any_is_made(
    data: Path, httpserver: HTTPServer, runner: CliRunner
) -> None:
    """A 1 kB sparse answer claiming 10 dimensions of 100 categories (10^20 cells)."""
    names = [f"d{i}" for i in range(10)]
    sparse = {
        "class": "dataset",
        "version": "2.0",
        "id": names,
        "size": [100] * 10,
        "dimension": {n: {"category": {"index": [f"c{j}" for j in range(100)]}} for n in names},
        "value": {"0": 1},
    }
    url = _broken_table(httpserver, data, _answering(lambda c, q: json_response(sparse)))
    _assert_refused(
        runner, data, url,
        "malformed JSON-stat answer: the sizes (100 x 100 x 100 x 100 x 100 x 100 x 100 x 100 "
        "x 100 x 100) make 100,000,000,000,000,000,000 cells, more than the 1,000,000 an "
        "answer may have",
    )  # fmt: skip
    assert jsonstat.MAX_CELLS == 1_000_000


def _first_number(document: dict[str, Any], value: Any) -> dict[str, Any]:
    document["value"] = [value, *document["value"][1:]]
    return document


def test_a_number_too_long_to_read_is_refused_before_conversion(
    data: Path, httpserver: HTTPServer, runner: CliRunner
) -> None:
    huge = 10**400  # 401 digits: float() of it raised OverflowError (exit 4)

    def change(document: dict[str, Any]) -> Any:
        return _first_number(document, huge)

    url = _broken_table(httpserver, data, _answer_with(change))
    _assert_refused(
        runner, data, url, "the answer holds the number 100000000000… (401 characters), "
        "longer than 40 characters",
    )  # fmt: skip


def test_a_cell_beyond_any_value_of_a_data_file_is_refused(
    data: Path, httpserver: HTTPServer, runner: CliRunner
) -> None:
    """1e30 in an indicator with one decimal (the rounding ran out of precision: exit 4)."""
    assert _catalog(data)["foreign-background-share"].decimals == 1
    url = _broken_table(httpserver, data, _answer_with(lambda d: _first_number(d, 1e30)))
    _assert_refused(
        runner, data, url,
        "a cell holds 1.000E+30, beyond the largest value a data file holds (1e+18)",
    )  # fmt: skip


@pytest.mark.parametrize("depth", [70, 100_000])
def test_deep_nesting_is_refused(
    data: Path, httpserver: HTTPServer, runner: CliRunner, depth: int
) -> None:
    body = "[" * depth + "]" * depth
    url = _broken_table(
        httpserver, data, _answering(lambda c, q: Response(body, content_type="application/json"))
    )
    _assert_refused(runner, data, url, "the answer nests deeper than 64 levels")


def test_an_answer_larger_than_the_limit_is_refused_from_its_length(
    data: Path, httpserver: HTTPServer, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetching, "MAX_BYTES", 1000)
    big = Response(b" " * 5000 + b"{}", content_type="application/json")
    url = _broken_table(httpserver, data, _answering(lambda c, q: big))
    _assert_refused(runner, data, url, "the answer is larger than 1,000 bytes")


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_redirect_to_another_host_is_refused(
    data: Path, httpserver: HTTPServer, runner: CliRunner, method: str
) -> None:
    elsewhere = "http://tables.example.invalid/PxWeb/api/v1/fi/StatFin/vaerak/11rv.px"

    def moved(request: Request) -> Response:
        if request.method != method:
            return _answering(lambda c, q: json_response(answer(c, q)))(request)
        return Response("", status=301, headers={"Location": elsewhere})

    url = _broken_table(httpserver, data, moved)
    _assert_refused(runner, data, url, f"the table moved to {elsewhere} (HTTP 301); another "
                    "host is not followed")  # fmt: skip


def test_a_query_is_not_turned_into_a_get_by_a_redirect(
    data: Path, httpserver: HTTPServer, runner: CliRunner
) -> None:
    def moved(request: Request) -> Response:
        if request.method == "GET":
            return _answering(lambda c, q: json_response(answer(c, q)))(request)
        return Response("", status=302, headers={"Location": "/PxWeb/new/11rv.px"})

    url = _broken_table(httpserver, data, moved)
    _assert_refused(runner, data, url, "(HTTP 302, which would turn the query into a GET)")


def test_a_redirect_on_the_same_host_that_keeps_the_query_is_followed(
    data: Path, httpserver: HTTPServer, runner: CliRunner
) -> None:
    new = "/PxWeb/new/11rv.px"
    serving = _answering(lambda c, q: json_response(answer(c, q)))

    def moved(request: Request) -> Response:
        if request.method == "GET":
            return serving(request)
        return Response("", status=307, headers={"Location": new})

    httpserver.expect_request(new, method="POST").respond_with_handler(serving)
    _broken_table(httpserver, data, moved)
    result = _import(runner, data, "foreign-background-share")
    assert result.exit_code == 0, result.output
    assert "Share of residents of foreign background  2020" in result.stdout


@pytest.mark.parametrize(
    ("header", "said"),
    [
        ("120", "try again after 120 s"),
        ("Wed, 21 Oct 2099 07:28:00 GMT", "try again after 2099-10-21 07:28:00 UTC (in "),
        ("soon", "try again later"),
    ],
)
def test_retry_after_in_both_forms(
    data: Path, httpserver: HTTPServer, runner: CliRunner, header: str, said: str
) -> None:
    url = _broken_table(
        httpserver, data, lambda r: Response("busy", status=429, headers={"Retry-After": header})
    )
    _assert_refused(runner, data, url, "HTTP 429 TOO MANY REQUESTS", said)


def test_retry_after_counts_the_seconds_to_a_date() -> None:
    now = datetime(2026, 12, 7, 12, 0, 0, tzinfo=UTC)
    assert retry_after("Mon, 07 Dec 2026 12:01:30 GMT", now) == (
        "try again after 2026-12-07 12:01:30 UTC (in 90 s)"
    )
    assert retry_after("Mon, 07 Dec 2026 11:00:00 GMT", now).endswith("(in 0 s)")
    assert retry_after(None) == "try again in a minute"


def test_nothing_is_written_when_the_last_table_fails(
    data: Path, httpserver: HTTPServer, runner: CliRunner
) -> None:
    """Every table is read before any file is written: a failure of the last leaves the
    files whose tables were fine as they were."""
    before = _snapshot(data)
    url = _broken_table(httpserver, data, lambda r: Response("no", status=500), table="11ra")
    result = _import(runner, data)
    assert result.exit_code == 1
    assert url in result.stderr
    assert _snapshot(data) == before
