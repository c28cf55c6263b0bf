"""Issue 20, breaker review (notes item numbers): what a status was judged against is never
lost where the status is written without its target (items 6, 7, 15), in every format.

Three indicators: a committed target, a forecast and no target (the trend alone); the data
are small inputs written here, not the bundled data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from tests.render.test_board_words import csv_rows, flat, run, write_dataset

COMMITTED = {
    "id": "committed",
    "values": {2018: 10.0, 2020: 12.0, 2024: 20.0},
    "targets": [{"value": 25, "year": 2030, "kind": "target"}],
}
FORECAST = {
    "id": "forecast",
    "values": {2018: 10.0, 2020: 12.0, 2024: 20.0},
    "targets": [{"value": 25, "year": 2030, "kind": "forecast"}],
}
TREND = {"id": "trend", "values": {2018: 10.0, 2020: 12.0, 2024: 20.0}}
OLD = {"id": "old", "values": {2012: 10.0, 2016: 12.0}}


@pytest.fixture
def data(tmp_path: Path) -> str:
    return str(write_dataset(tmp_path, COMMITTED, FORECAST, TREND, OLD))


def test_json_summary_by_basis_leads_with_commitments(data: str) -> None:
    """Item 7: the JSON's only summary was per status ("on_track": 17) with no split by what
    it was judged against; now summary_by_basis counts commitments first, with stale counts."""
    doc = json.loads(run("report", "2024", "--data", data, "-f", "json").stdout)
    groups = doc["summary_by_basis"]
    assert [g["judged_against"] for g in groups] == ["commitment", "forecast", "trend"]
    assert [(g["current"], g["stale"]) for g in groups] == [(1, 0), (1, 0), (1, 1)]
    assert groups[0]["statuses"] == [{"status": "on_track", "current": 1, "stale": 0}]
    assert sum(g["current"] + g["stale"] for g in groups) == len(doc["indicators"])


def test_a_report_without_commitments_still_says_so_first(tmp_path: Path) -> None:
    data = str(write_dataset(tmp_path, TREND))
    doc = json.loads(run("report", "2024", "--data", data, "-f", "json").stdout)
    first = doc["summary_by_basis"][0]
    assert (first["judged_against"], first["current"], first["stale"]) == ("commitment", 0, 0)


@pytest.mark.parametrize(
    ("lang", "forecast", "trend"),
    [
        ("en", "on track (forecast)", "significant progress (trend)"),
        ("fi", "oikealla uralla (ennuste)", "merkittävää edistystä (trendi)"),
    ],
)
def test_csv_and_json_labels_say_forecast_and_trend(
    data: str, lang: str, forecast: str, trend: str
) -> None:
    """Item 7: the CSV's status_label was "significant progress" for a trend-only row (no
    "(trend)", unlike every table) and "on track" against a forecast as against a commitment."""
    base = ["report", "2024", "--data", data, "--lang", lang]
    rows = {r["id"]: r for r in csv_rows(run(*base, "-f", "csv").stdout)}
    assert rows["forecast"]["status_label"] == forecast
    assert rows["trend"]["status_label"] == trend
    assert "(" not in rows["committed"]["status_label"]
    doc = json.loads(run(*base, "-f", "json").stdout)
    labels = {i["id"]: i["status_label"] for i in doc["indicators"]}
    assert (labels["forecast"], labels["trend"]) == (forecast, trend)


def test_compare_table_says_forecast(data: str) -> None:
    """Item 6: "▲ on track" in the --compare table (which prints no target) read the same
    against a forecast as against a commitment."""
    out = flat(run("report", "2024", "--data", data, "--compare", "2020").stdout)
    line = out[out.index("forecast ") :]
    assert "on track (forecast)" in line


def test_site_status_and_chart_caption_name_forecasts(data: str) -> None:
    """Item 6: the home page printed "▲ on track" against a forecast, and the figure caption
    "Target: 30.0% @ 2034ᶠ" (a screen reader reads the ᶠ as "f"); item 17b: a second
    forecast the chart leaves out was not said."""
    from intl_tracker.app.workflows import site_views
    from intl_tracker.core.vocabulary import Method, Pace
    from intl_tracker.dataset.loading import load_data_set
    from intl_tracker.site.content import build_content

    root = Path(data)
    second = dict(FORECAST, id="two")
    second["targets"] = [*FORECAST["targets"], {"value": 27, "year": 2032, "kind": "forecast"}]
    write_dataset(root / "more", second)
    for path in (root / "more" / "indicators").glob("*.yaml"):
        path.rename(root / "indicators" / path.name)
    catalog = load_data_set(root).catalog
    assert catalog is not None
    views = site_views(
        catalog, year=2024, method=Method.RATIO, pace=Pace.ENDPOINTS, since=None, period=None
    )
    for lang, forecast, commitment in (
        ("en", "on track (forecast)", "Committed target: 25 by 2030."),
        ("fi", "oikealla uralla (ennuste)", "vuoteen 2030 mennessä."),
    ):
        site = build_content(views.report, views.indicators, lang)
        pages = {p.row.id: p for p in site.indicators}
        assert pages["forecast"].row.status.words == forecast
        assert pages["committed"].row.status.words == forecast.split(" (")[0]
        assert "@" not in str(pages["two"].chart_caption)
        caption = str(pages["two"].chart_caption)
        assert caption.count("2030") >= 1 and "2032" in caption, caption
        assert commitment in str(pages["committed"].chart_caption)
        assert forecast in str(pages["forecast"].chart_caption)  # "Status: ▲ on track (forecast)."


@pytest.mark.parametrize(
    ("lang", "status", "trend", "one", "two"),
    [
        ("sv", "moderate", True, "1 måttligt framsteg", "2 måttliga framsteg"),
        ("sv", "insufficient", False, "1 otillräckligt framsteg", "2 otillräckliga framsteg"),
        ("fi", "moderate", True, "1 kohtalainen edistys", "2 kohtalaista edistystä"),
        ("fi", "on_track", True, "1 merkittävä edistys", "2 merkittävää edistystä"),
        ("en", "on_track", True, "1 significant progress", "2 significant progress"),
    ],
)
def test_status_counts_agree_in_number(
    lang: str, status: str, trend: bool, one: str, two: str
) -> None:
    """Item 14: "⇗ 1 måttliga framsteg" (a plural adjective after 1) and "1 kohtalainen
    edistys" beside "14 merkittävää edistystä": every count phrase goes through ngettext."""
    from intl_tracker.core.vocabulary import Status
    from intl_tracker.presentation.wording import count_label

    assert count_label(Status(status), lang, 1, trend) == one
    assert count_label(Status(status), lang, 2, trend) == two


def test_swedish_has_one_word_for_stale(data: str) -> None:
    """Item 14: "(2 inaktuella); 2 bygger på föråldrade värden" - two words for one thing."""
    po = Path(__file__).parents[2] / "src/intl_tracker/locale/sv/LC_MESSAGES/intl_tracker.po"
    assert "föråldra" not in po.read_text(encoding="utf-8")
    out = flat(run("report", "2024", "--data", data, "--lang", "sv").stdout)
    assert "bygger på ett inaktuellt värde" in out


def test_compare_says_which_years_its_stale_count_covers_and_why_not_comparable(
    data: str,
) -> None:
    """Item 15: "9 rest on stale values" then "Since 2022: … 10 rest on stale values" with no
    years, and "not comparable" with no reason (the compare year is the base year)."""
    root = Path(data)
    write_dataset(root / "more", {"id": "young", "values": {2020: 1.0, 2024: 2.0}})
    (root / "more/indicators/young.yaml").rename(root / "indicators/young.yaml")
    for fmt in ("table", "markdown"):
        out = flat(run("report", "2024", "--data", data, "--compare", "2020", "-f", fmt).stdout)
        assert "rests on a stale value in 2020, 2024 or both" in out, fmt
    # the table wraps cells at the runner's width; Markdown keeps each cell whole
    assert "not comparable (2020 is the base year: no status then)" in out


def test_compare_table_keeps_the_breakdown_mark(tmp_path: Path) -> None:
    """Item 15: the ⊞ of an indicator with values by category was lost in --compare."""
    repo = Path(__file__).parents[2]
    for fmt in ("table", "markdown"):
        out = run("report", "2024", "--data", str(repo / "data"), "--compare", "2022",
                  "-f", fmt).stdout  # fmt: skip
        section = out[out.index("Since 2022") :]
        assert "Population ⊞" in section, fmt


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_one_translated_name_per_method_everywhere(data: str, lang: str) -> None:
    """Item 13: the report's legend said "Method: ratio (Eurostat-inspired, as in Open SDG)",
    show and the site "ratio method (Eurostat / Statistics Canada)", the methods page both in
    one line, and fi/sv prose carried the raw code ("Menetelmä: ratio (…)", show's columns
    "ratio (valittu)  unsd  dns")."""
    from intl_tracker.core.vocabulary import Pace
    from intl_tracker.presentation.wording import method_name, method_note

    name = method_name("ratio", lang)
    note = method_note("ratio", Pace.ENDPOINTS, lang)
    assert note.startswith(name + ": ") and note.count(name) == 1
    assert "ratio (" not in note and "unsd" not in method_name("unsd", lang).split(" (")[0]
    report = flat(run("report", "2024", "--data", data, "--lang", lang).stdout)
    assert name in report and "ratio (" not in report
    wide = CliRunner().invoke(
        app, ["show", "forecast", "--data", data, "--lang", lang], env={"COLUMNS": "250"}
    )
    show = flat(wide.stdout)
    for method in ("ratio", "unsd", "dns"):
        assert method_name(method, lang) in show, method
    if lang != "en":  # "ratio" is an English word; in fi/sv it can only be the code
        assert "ratio" not in show
