"""The report's JSON in parts (report_json.py): a large data set's rows are assessed and
written on every core, and the document is the one a single process writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from intl_tracker import report_json
from intl_tracker.json_output import PartedReport, report_document, report_part
from intl_tracker.json_text import json_text
from intl_tracker.loading import bundled_data_dir
from intl_tracker.rendering import RenderOptions, render
from intl_tracker.vocabulary import Method, Pace
from intl_tracker.workflows import (
    ReportRequest,
    load_catalog,
    report_of,
    report_request,
)

from .conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from datagen import generate

EXE = str(Path(sys.executable).with_name("intl-tracker"))


def _request(**asked: Any) -> ReportRequest:
    options: dict[str, Any] = {
        "year": 2024, "goals": [], "indicators": [], "method": Method.RATIO,
        "pace": Pace.ENDPOINTS, "since": None, "period": None,
    }  # fmt: skip
    options.update(asked)
    return report_request(load_catalog(bundled_data_dir()), **options)


def _rendered(view: Any, lang: str) -> str:
    import io

    out = io.StringIO()
    render("report", "json", view, out, RenderOptions(lang=lang))
    return out.getvalue()


@pytest.mark.parametrize("compare", [None, 2020])
@pytest.mark.parametrize("lang", ["en", "fi"])
def test_the_report_of_two_parts_is_the_report_of_the_whole(compare: int | None, lang: str) -> None:
    """Cut anywhere, the parts' rows in order and their counts summed give the whole's
    document: every row, the status summary, and the movements with --compare."""
    request = _request(compare=compare, pace=Pace.FITTED)
    whole = report_document(report_of(request), lang)
    count = len(request.shown.indicators)
    assert count > 10
    for cut in range(count + 1):
        head = report_of(request, slice(0, cut))
        tail = report_of(request, slice(cut, None))
        parts = [report_part(head, lang), report_part(tail, lang)]
        assert report_document(head, lang, parts) == whole, cut


@pytest.mark.parametrize("jobs", [2, 3])
@pytest.mark.parametrize("compare", [None, 2019])
def test_a_report_built_by_workers_is_written_as_by_one_process(
    jobs: int, compare: int | None
) -> None:
    request = _request(compare=compare, goals=["1", "3"])
    parted = report_json.parted_report(request, "sv", jobs=jobs)
    assert isinstance(parted, PartedReport)
    assert len(parted.parts) == jobs
    assert _rendered(parted, "sv") == _rendered(report_of(request), "sv")


def test_one_process_builds_the_view_itself() -> None:
    request = _request()
    assert not isinstance(report_json.parted_report(request, "en", jobs=1), PartedReport)
    # The bundled data set is far below the size worth a worker.
    assert not isinstance(report_json.parted_report(request, "en"), PartedReport)


def test_parts_in_another_language_are_refused() -> None:
    request = _request()
    parted = report_json.parted_report(request, "fi", jobs=2)
    with pytest.raises(ValueError, match="language"):
        _rendered(parted, "en")


def _no_processes(workers: int) -> Any:
    raise OSError("no processes here")


def _dying_worker(part: slice) -> Any:
    os._exit(9)


@pytest.mark.parametrize(
    ("target", "replacement"), [("fork_pool", _no_processes), ("_part", _dying_worker)]
)
def test_without_workers_the_parts_are_built_here(
    monkeypatch: pytest.MonkeyPatch, target: str, replacement: Any
) -> None:
    """No process to be had, or a worker that dies: the same document, built in this one."""
    request = _request()
    monkeypatch.setattr(report_json, target, replacement)
    parted = report_json.parted_report(request, "en", jobs=2)
    assert _rendered(parted, "en") == json_text(report_document(report_of(request), "en"))


def test_the_command_line_writes_the_same_document_on_one_core_and_on_two(
    tmp_path: Path,
) -> None:
    """Above the size worth workers (500 indicators), ``INTL_TRACKER_JOBS`` changes nothing
    in what ``report --format json`` writes."""
    data = generate(tmp_path / "data", 500)
    outputs = []
    for jobs in ("1", "2"):
        result = subprocess.run(
            [EXE, "report", "--data", str(data), "--format", "json", "--compare", "2015"],
            capture_output=True,
            env={**os.environ, "INTL_TRACKER_JOBS": jobs},
            check=True,
        )
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b'"id": "indicator-') == 500
