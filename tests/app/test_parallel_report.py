"""The report's JSON of a large data set (app/parallel_report.py): the loader's workers keep what
they read and write those rows, and the document is the one a single process writes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intl_tracker.app import parallel_report
from intl_tracker.app.workflows import ReportRequest, load_catalog, report_of, report_request
from intl_tracker.core import worker_pool
from intl_tracker.core.vocabulary import Method, Pace
from intl_tracker.dataset.loading import bundled_data_dir
from intl_tracker.dataset.parallel_loading import keeping_workers
from intl_tracker.render.json_documents.json_output import (
    PartedReport,
    joined_part,
    report_document,
    report_part,
)
from intl_tracker.render.registry import RenderOptions, render
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from datagen import generate

EXE = str(Path(sys.executable).with_name("intl-tracker"))
needs_two_cores = pytest.mark.skipif(
    worker_pool.usable_cores() < 2, reason="needs two cores (a worker process)"
)


def _request(root: Path | None = None, **asked: Any) -> ReportRequest:
    options: dict[str, Any] = {
        "year": 2024, "goals": [], "indicators": [], "method": Method.RATIO,
        "pace": Pace.ENDPOINTS, "since": None, "period": None,
    }  # fmt: skip
    options.update(asked)
    return report_request(load_catalog(root or bundled_data_dir()), **options)


def _rendered(view: Any, lang: str) -> str:
    out = io.StringIO()
    render("report", "json", view, out, RenderOptions(lang=lang))
    return out.getvalue()


_ESPOO = _request(compare=2020, pace=Pace.FITTED)


@settings(max_examples=60, deadline=None)
@given(st.data(), st.sampled_from(["en", "fi"]))
def test_the_report_of_any_parts_is_the_report_of_the_whole(data: Any, lang: str) -> None:
    """Split the shown indicators into any parts, in any order: their JSON objects put back in
    report order and their counts summed give the whole's document (every row, the status
    summary, the movements of --compare)."""
    request = _ESPOO
    shown = request.shown.indicators
    labels = data.draw(st.lists(st.integers(0, 2), min_size=len(shown), max_size=len(shown)))
    groups = [[i for i, k in zip(shown, labels, strict=True) if k == g] for g in range(3)]
    parts = [report_part(report_of(request, group), lang) for group in groups]
    joined = joined_part(parts, [i.id for i in shown], lang)
    head = report_of(request, groups[0])
    assert report_document(head, lang, [joined]) == report_document(report_of(request), lang)


def test_without_workers_the_report_is_one_view() -> None:
    request = _request()
    assert not isinstance(parallel_report.parted_report(request, "en", None), PartedReport)
    with keeping_workers() as workers:  # started by no load: nothing held
        assert not isinstance(parallel_report.parted_report(request, "en", workers), PartedReport)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("parts") / "data", 600)


@needs_two_cores
@pytest.mark.parametrize("jobs", ["2", "3"])
@pytest.mark.parametrize(
    "asked",
    [
        {},
        {"compare": 2015, "pace": Pace.FITTED},
        {"goals": ["2"]},
        {"indicators": ["indicator-00007"]},
    ],
)
def test_a_report_written_by_the_workers_is_the_one_process_report(
    synthetic: Path, monkeypatch: pytest.MonkeyPatch, jobs: str, asked: dict[str, Any]
) -> None:
    monkeypatch.setenv(worker_pool.JOBS_ENV, jobs)
    options: dict[str, Any] = {
        "year": 2020, "goals": [], "indicators": [], "method": Method.RATIO,
        "pace": Pace.ENDPOINTS, "since": None, "period": None, **asked,
    }  # fmt: skip
    with keeping_workers() as workers:
        catalog = load_catalog(synthetic, workers=workers)
        assert len(workers.group.workers) == min(int(jobs), worker_pool.jobs_limit()) - 1
        # each worker read some files and keeps them
        assert set(workers.held) == set(workers.group.workers)
        assert all(workers.held.values())
        # What this process holds of them are stand-ins without values, never written here.
        held = {i for ids in workers.held.values() for i in ids}
        stand_in = next(i for i in catalog.indicators if i.id in held)
        assert set(stand_in.values.values()) == {None}
        request = report_request(catalog, **options)
        parted = parallel_report.parted_report(request, "sv", workers)
        if any(i.id in held for i in request.shown.indicators):
            assert isinstance(parted, PartedReport)
        text = _rendered(parted, "sv")
    alone = report_request(load_catalog(synthetic), **options)  # one process, every model
    assert text == _rendered(report_of(alone), "sv")


@needs_two_cores
def test_a_worker_that_died_leaves_its_rows_to_this_process(
    synthetic: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(worker_pool.JOBS_ENV, "2")
    with keeping_workers() as workers:
        catalog = load_catalog(synthetic, workers=workers)
        request = report_request(
            catalog, year=2020, goals=[], indicators=[], method=Method.RATIO,
            pace=Pace.ENDPOINTS, since=None, period=None,
        )  # fmt: skip
        for worker in workers.group.workers:
            worker.process.kill()
            worker.process.join()
        text = _rendered(parallel_report.parted_report(request, "en", workers), "en")
    alone = report_request(
        load_catalog(synthetic), year=2020, goals=[], indicators=[], method=Method.RATIO,
        pace=Pace.ENDPOINTS, since=None, period=None,
    )  # fmt: skip
    assert text == _rendered(report_of(alone), "en")


def test_parts_in_another_language_are_refused() -> None:
    view = report_of(_request())
    parted = PartedReport(view, (report_part(view, "fi"),))
    with pytest.raises(ValueError, match="language"):
        _rendered(parted, "en")


@needs_two_cores
def test_the_command_line_writes_the_same_document_on_one_core_and_on_two(
    synthetic: Path,
) -> None:
    """Above the size worth workers, ``INTL_TRACKER_JOBS`` changes nothing in what
    ``report --format json`` writes."""
    outputs = []
    for jobs in ("1", "2"):
        result = subprocess.run(
            [EXE, "report", "--data", str(synthetic), "--format", "json", "--compare", "2015"],
            capture_output=True,
            env={**os.environ, "INTL_TRACKER_JOBS": jobs},
            check=True,
        )
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b'"id": "indicator-') == 600


@pytest.fixture(scope="module")
def sums_off(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data set with breakdowns, large enough for workers, whose count indicator-00001's
    areas do not sum to its headline in 2005 (a breakdown-sum warning)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from breakdown_data import generate as generate_breakdowns

    root = generate_breakdowns(tmp_path_factory.mktemp("sums") / "data", 450, 4, 3)
    path = root / "indicators" / "indicator-00001.yaml"
    text = path.read_text(encoding="utf-8")
    head, _, tail = text.partition("  2005: ")
    path.write_text(f"{head}  2005: 1{tail}", encoding="utf-8")
    return root


@needs_two_cores
@pytest.mark.parametrize("args", [["report", "--format", "json"], ["validate"]])
def test_the_sum_warnings_are_the_same_on_one_process_and_on_workers(
    sums_off: Path, args: list[str]
) -> None:
    """The breakdown-sum warning of an indicator a worker read counts as on one process:
    the same stdout and stderr with the speed machinery on (two processes) and off."""
    runs = [
        subprocess.run(
            [EXE, *args, "--data", str(sums_off)],
            capture_output=True,
            env={**os.environ, "INTL_TRACKER_SPEEDUPS": speedups, "INTL_TRACKER_JOBS": "2"},
            check=False,
        )
        for speedups in ("0", "1")
    ]
    assert runs[0].returncode == runs[1].returncode == 0
    assert runs[0].stdout == runs[1].stdout
    assert runs[0].stderr == runs[1].stderr
    told = (runs[1].stdout + runs[1].stderr).decode()
    assert "breakdown-sum" in told or "1 warning" in told


@pytest.fixture(scope="module")
def many_categories(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 indicators by 40 areas over 20 years: 24,000 category values."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from breakdown_data import generate as generate_breakdowns

    return generate_breakdowns(tmp_path_factory.mktemp("by") / "data", 30, 40, 20)


@needs_two_cores
def test_report_by_assessed_on_workers_is_the_one_process_report(
    many_categories: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``report --by`` of many category values is assessed by workers (in pieces, put back
    in order) and says exactly what one process says, in every format."""
    from intl_tracker.app.breakdown_report import breakdown_report_of

    pieces = []

    def counted(*args: Any) -> Any:
        pieces.append(args[1])
        return worker_pool.in_order(*args)

    monkeypatch.setattr(parallel_report, "in_order", counted)
    request = _request(many_categories, year=2024)
    monkeypatch.setenv("INTL_TRACKER_SPEEDUPS", "0")
    alone = breakdown_report_of(request, ["area"])
    assert pieces == []
    monkeypatch.setenv("INTL_TRACKER_SPEEDUPS", "1")
    monkeypatch.setenv(worker_pool.JOBS_ENV, "2")
    parted = breakdown_report_of(request, ["area"])
    assert pieces == [3]  # 30 indicators, 10 a piece
    assert parted == alone
    for fmt in ("json", "csv", "markdown"):
        texts = []
        for view in (alone, parted):
            out = io.StringIO()
            render("report-by", fmt, view, out, RenderOptions(lang="fi"))
            texts.append(out.getvalue())
        assert texts[0] == texts[1]
        assert texts[0].count("Area 39") >= 30 or texts[0].count("a039") >= 30
