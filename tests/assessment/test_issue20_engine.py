"""Issue 20, the engine's items: a zero target (3), ranks (4), shares' projections (5), true
reasons (6) and the published methods' rules (8), each with its small input, in the formats it
touches (JSON, CSV, Markdown, the table)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from intl_tracker.assessment.engine import assess_indicator
from intl_tracker.assessment.report_year import default_report_year
from intl_tracker.core.vocabulary import Method, Pace, Status
from intl_tracker.dataset.loading import load_data_set
from intl_tracker.dataset.models import IndicatorAssessment
from tests.assessment.test_assessment import close, make
from tests.assessment.test_statuses import run, write_dataset

ROAD_DEATHS = dict(zip(range(2014, 2025), [9, 9, 8, 8, 7, 6, 6, 5, 4, 4, 3], strict=True))


def test_a_vision_zero_target_is_assessed_on_differences() -> None:
    """Item 3: 9 -> 3 over ten years, target 0 by 2030: never insufficient data."""
    ind = make(ROAD_DEATHS, [(0, 2030)], direction="decrease").model_copy(update={"unit": "count"})
    a = assess_indicator(ind)
    assert a.status is Status.ON_TRACK
    assert close(a.annual_change, -0.6) and close(a.required_change, -9 / 16)
    assert close(a.ratio, 0.6 / (9 / 16)) and a.projected_value == 0.0 and a.eta_year == 2029
    assert a.reason is not None and "no growth rate reaches it" in a.reason


def test_ranks_are_judged_on_places() -> None:
    """Item 4: rank 6 -> 2 is "up 4 places", never -66.7 %; a constant rank says so."""
    climb = make({2019: 6.0, 2023: 2.0}, direction="decrease").model_copy(update={"unit": "rank"})
    a = assess_indicator(climb)
    assert a.change_pct is None and a.cagr is None and a.annual_change == -1.0
    assert a.status is Status.ON_TRACK and a.trend_only  # a place a year: significant
    held = make({2019: 6.0, 2023: 6.0}, direction="decrease").model_copy(update={"unit": "rank"})
    h = assess_indicator(held)
    assert h.status is Status.NO_CHANGE and h.status_label == "no change"
    gap = "6 in each of the 2 values over 2019\u20132023, with no value for 2020, 2021, 2022"
    assert gap in (h.reason or "")  # breaker20-final item 7: a gap is never "unchanged"
    # with a target: the same bands on the ratio of places a year
    aimed = climb.model_copy(update={"targets": make({2019: 1.0}, [(1, 2027)]).targets})
    for method in (Method.RATIO, Method.UNSD):  # dns needs four yearly values
        t = assess_indicator(aimed, method=method)
        assert t.required_cagr is None and t.cagr is None
        assert t.status is Status.ON_TRACK, method


def test_rank_words_in_every_format(runner: CliRunner, tmp_path: Path) -> None:
    data = write_dataset(
        tmp_path,
        {"id": "rank", "unit": "rank", "direction": "decrease", "values": {2022: 6, 2023: 2}},
    )
    base = ["--data", str(data)]
    table = run(runner, "report", "2023", *base).stdout
    assert "up 4 places" in table and "%" not in table.split("Against")[0].split("rank")[-1]
    md = run(runner, "report", "2023", *base, "-f", "markdown").stdout
    assert "up 4 places" in md and "-66.7" not in md
    fi = run(runner, "report", "2023", *base, "--lang", "fi").stdout
    assert "nousua 4 sijaa" in fi
    doc = json.loads(run(runner, "report", "2023", *base, "-f", "json").stdout)
    row = doc["indicators"][0]
    assert row["change"] == -4 and row["change_pct"] is None and row["cagr"] is None
    rows = list(
        csv.DictReader(io.StringIO(run(runner, "report", "2023", *base, "-f", "csv").stdout))
    )
    assert rows[0]["change_pct"] == "" and rows[0]["annual_change"] == "-4"


def test_a_share_is_projected_linearly(runner: CliRunner, tmp_path: Path) -> None:
    """Item 5: the flagship share 14.2 % (2015) -> 23.6 % (2023) is not compounded to 47.5 %
    in 2034: linear at its pace of 1.175 pp a year, 36.5 %; the status stays the method's."""
    series = {2015: 14.2, 2023: 23.6}
    ind = make(series, [(30, 2034, "forecast")]).model_copy(update={"unit": "percent"})
    a = assess_indicator(ind)
    assert a.projection == "linear" and close(a.projected_value, 23.6 + 11 * 9.4 / 8)
    assert a.status is Status.ON_TRACK and a.ratio is not None and a.ratio > 1.5  # R as published
    assert "a share: projected linearly at +1.175 pp a year to 36.525% in 2034" in (a.reason or "")
    u = assess_indicator(ind, method=Method.UNSD)  # CR from UNSD's own compound projection
    assert "(compounded: 47.4536%)" in (u.reason or "") and u.projected_value == a.projected_value
    data = write_dataset(
        tmp_path,
        {"id": "share", "unit": "percent", "decimals": 1, "values": series,
         "targets": [{"value": 30, "year": 2034, "kind": "forecast"}]},
    )  # fmt: skip
    doc = json.loads(run(runner, "report", "2024", "--data", str(data), "-f", "json").stdout)
    assert doc["indicators"][0]["projection"] == "linear"
    assert "36.5" in run(runner, "report", "2024", "--data", str(data)).stdout


def test_bundled_flagship_share_projection() -> None:
    """Item 5 on the bundled data: 36.5 % in 2034 at +1.2 pp a year, not 47.5 % (or 50.6 %)."""
    catalog = load_data_set(Path(__file__).parents[2] / "data").catalog
    assert catalog is not None
    ind = next(i for i in catalog.indicators if i.id == "foreign-language-share")
    a = assess_indicator(ind, year=2024)
    assert a.projection == "linear" and close(a.projected_value, 36.525, 1e-9)


def test_reasons_are_true() -> None:
    """Item 6: an overflow is not "a value <= 0"; a zero inside the period counts right."""
    tiny = assess_indicator(make({2018: 1e-300, 2019: 1e17}))
    assert "out of floating-point range" in (tiny.reason or "")
    assert "≤ 0" not in (tiny.reason or "")
    zero = make(dict(zip(range(2017, 2024), [30, 34, 0, 8, 25, 38, 44], strict=True)), [(60, 2030)])
    ends = assess_indicator(zero)  # the end points 30 and 44 decide; the zero does not
    assert ends.status is not Status.INSUFFICIENT_DATA and ends.cagr is not None
    fitted = assess_indicator(zero, pace=Pace.FITTED)
    assert "a value ≤ 0 in the period (2019: 0)" in (fitted.reason or "")
    assert "needs ≥ 3 positive values" not in (fitted.reason or "")


def test_magnitude_reasons_keep_their_sign() -> None:
    """Item 6: -95 and -60 are written as such, not as magnitudes; item 8: a skipped rule says
    why."""
    settings = IndicatorAssessment(negative_values="magnitude")
    ind = make({2018: -80.0, 2023: -60.0}, [(-95, 2023)], direction="decrease")
    a = assess_indicator(ind.model_copy(update={"assessment": settings}))
    assert a.status is Status.MISSED and "target -95 for 2023 not met: -60 in 2023" in (
        a.reason or ""
    )
    mixed = make({2010: 5.0, 2018: -80.0, 2023: -60.0}, [(-95, 2030)])
    m = assess_indicator(mixed.model_copy(update={"assessment": settings}))
    assert "magnitude not applied: the 2010 value is not negative (5)" in (m.reason or "")


def test_default_year_message_is_true_when_no_year_reaches_half() -> None:
    """Item 6: one current indicator of three is not "at least half"."""
    from intl_tracker.dataset.models import Catalog, Programme

    inds = [
        make({2000: 1.0}, ident="a"),
        make({2010: 1.0}, ident="b"),
        make({2022: 1.0}, ident="c"),
    ]
    programme = Programme.model_validate({"id": "p", "name": {"en": "P"}})
    chosen = default_report_year(Catalog(programme=programme, goals=[], indicators=inds))
    assert chosen is not None and not chosen.reached
    assert "the latest year in which at least half" not in chosen.explanation()
    assert "no year has a current value for at least half" in chosen.explanation()


def _dns(values: dict[int, float], targets: list[Any], rule: str = "eurostat") -> Any:
    ind = make(values, targets).model_copy(
        update={"assessment": IndicatorAssessment(trend_rule=rule)}  # type: ignore[arg-type]
    )
    return assess_indicator(ind, method=Method.DNS)


def test_dns_published_rules() -> None:
    """Item 8: DNS's no-target rule (five-year average, then the last change) is available,
    and a reached target falling back is a sun behind a cloud."""
    up_then_down = {2018 + k: v for k, v in enumerate([10, 11, 12, 13, 14, 13.5])}
    assert _dns(up_then_down, [], "dns").status is Status.MODERATE
    assert _dns({2018 + k: 10.0 + k for k in range(6)}, [], "dns").status is Status.ON_TRACK
    down_then_up = {2018 + k: v for k, v in enumerate([14, 13, 12, 11, 10, 10.5])}
    assert _dns(down_then_up, [], "dns").status is Status.INSUFFICIENT
    assert _dns({2018 + k: 14.0 - k for k in range(6)}, [], "dns").status is Status.MOVING_AWAY


def test_eustat_one_point_exception() -> None:
    """Item 8: under unsd, a percent within one point of a 100 % target counts as met."""
    ind = make({2015: 90.0, 2023: 99.2}, [(100, 2030)]).model_copy(update={"unit": "percent"})
    assert assess_indicator(ind, method=Method.UNSD).status is Status.TARGET_MET
    assert assess_indicator(ind, method=Method.RATIO).status is not Status.TARGET_MET


def _rank_view() -> Any:
    from tests.assessment.test_statuses import _page, indicator

    ind = indicator(unit="rank", direction="decrease", values={2019: 6, 2020: 4, 2021: 2})
    return _page(ind, 2021)


def test_rank_charts_put_better_up_and_never_draw_rank_zero() -> None:
    """Item 4: rank axes are inverted (rank 1 up) and start at rank 1 at the lowest."""
    from intl_tracker.presentation.indicator_view import y_bounds
    from intl_tracker.render.charts import SLIDE, draw_figure
    from intl_tracker.render.terminal.terminal_chart import terminal_chart

    for values in ([5.0, 8.0], [1.0, 1.0], [2.0, 30.0], [6.0, 6.0]):
        lo, hi, _ = y_bounds(values, 5, integer=True, rank=True)
        assert lo >= 1 and lo <= min(values) and hi > max(values)
    figure = draw_figure(_rank_view(), "en", SLIDE)
    ax = figure.axes[0]
    assert ax.yaxis_inverted() and min(ax.get_ylim()) >= 1
    assert all(t >= 1 for t in ax.get_yticks())
    lines = [str(line) for line in terminal_chart(_rank_view(), "en", 80)]
    labels = [line.split("┤")[0].strip() for line in lines if "┤" in line]
    assert labels[0] == "1" and int(labels[-1]) > 6  # rank 1 on top, worse ranks below
