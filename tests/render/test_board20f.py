"""Issue 20, the s5 review (breaker20-s5.md) items N1-N8: each case with a small input, in
every format it touches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.core.i18n import SUPPORTED_LANGUAGES, translator
from tests.render.test_board_words import csv_rows, flat, write_dataset


def _run(*args: str, columns: int = 160) -> str:
    result = CliRunner(env={"COLUMNS": str(columns)}).invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _row(data: Path, ident: str, *extra: str) -> dict[str, object]:
    doc = json.loads(_run("report", "2024", "--data", str(data), "-f", "json", *extra))
    row: dict[str, object] = next(r for r in doc["indicators"] if r["id"] == ident)
    return row


# --- N3. a trend judged across a break in series ---------------------------------------------

#: The bundled ghg-emissions-per-capita, cut down: two HSY calculations, the break in 2023.
PER_RESIDENT = {
    "id": "per-resident",
    "unit": "t-co2e",
    "unit_label": {"en": "t CO₂e", "fi": "t CO₂-ekv.", "sv": "t CO₂e"},
    "direction": "decrease",
    "decimals": 1,
    "baseline": 2020,
    "breaks": [{"year": 2020}, {"year": 2023}],
    "values": {1990: 6.3, 2020: 3.1, 2023: 2.4, 2024: 1.9},
}


def test_a_trend_is_judged_from_the_latest_break_not_across_it(tmp_path: Path) -> None:
    """It was "significant progress" over 2020-2024, across the 2023 break `show` refuses."""
    data = write_dataset(tmp_path, PER_RESIDENT)
    row = _row(data, "per-resident")
    assert row["base_year"] == 2023 and row["base_value"] == 2.4
    assert "break_in_series" in row["flags"]  # type: ignore[operator]
    assert "base moved from 2020 to 2023" in str(row["reason"])
    (csv_row,) = csv_rows(_run("report", "2024", "--data", str(data), "-f", "csv"))
    assert "break_in_series" in csv_row["flags"]
    for fmt in ("table", "markdown"):
        text = flat(_run("report", "2024", "--data", str(data), "-f", fmt))
        assert "crosses a break in series in 2023" in text


def test_with_no_value_left_after_the_break_nothing_is_judged(tmp_path: Path) -> None:
    late = PER_RESIDENT | {"breaks": [{"year": 2024}]}
    data = write_dataset(tmp_path, late)
    row = _row(data, "per-resident")
    assert row["status"] == "insufficient_data" and row["base_year"] is None
    assert "break_in_series" in row["flags"]  # type: ignore[operator]
    assert "crosses a break in series in 2024 and only 2024 lies after it" in str(row["reason"])


def test_a_period_without_a_break_is_judged_as_before(tmp_path: Path) -> None:
    whole = PER_RESIDENT | {"breaks": [{"year": 2020}]}
    row = _row(write_dataset(tmp_path, whole), "per-resident")
    assert row["base_year"] == 2020 and "break_in_series" not in row["flags"]  # type: ignore[operator]


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_the_chart_says_the_period_starts_at_the_break(tmp_path: Path, lang: str) -> None:
    pytest.importorskip("matplotlib")
    data = write_dataset(tmp_path, PER_RESIDENT)
    chart = tmp_path / "pr.svg"
    _run("show", "per-resident", "-y", "2024", "--data", str(data), "--lang", lang,
         "--chart", str(chart))  # fmt: skip
    words = translator(lang).gettext("break in series in {year}: not judged across it")
    svg = chart.read_text("utf-8")
    assert words.format(year=2023) in svg
    assert (
        translator(lang).gettext("assessed {base}\u2013{year}").format(base=2023, year=2024) in svg
    )


# --- N1. a net balance judged on differences ------------------------------------------------

BALANCE = {
    "id": "balance",
    "unit": "count",
    "direction": "increase",
    "decimals": 0,
    "assessment": {"judged_on": "differences"},
    "values": {2019: 1976, 2020: 2379, 2021: 2750, 2022: 4570},
}


def test_a_balance_without_an_edge_says_it_can_only_be_moderate(tmp_path: Path) -> None:
    row = _row(write_dataset(tmp_path, BALANCE), "balance")
    assert row["status"] == "moderate" and row["trend_only"]
    assert "gives no edge in its unit, so a gain can only be moderate progress" in str(
        row["reason"]
    )


def test_a_balance_with_an_edge_names_it(tmp_path: Path) -> None:
    edged = BALANCE | {
        "assessment": {
            "judged_on": "differences",
            "thresholds": {"trend": {"on_track": 500, "moderate": 0}},
        }
    }
    row = _row(write_dataset(tmp_path, edged), "balance")
    assert row["status"] == "on_track"  # +865 a year beyond 500
    assert "significant beyond 500 a year" in str(row["reason"])


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_show_writes_a_balances_changes_in_its_unit_only(tmp_path: Path, lang: str) -> None:
    data = write_dataset(tmp_path, BALANCE)
    shown = _run("show", "balance", "-y", "2022", "--data", str(data), "--lang", lang)
    assert translator(lang).gettext("Change %") not in shown
    assert "66" not in shown.split("2022")[1].splitlines()[0]  # no +66.2 % on the 2022 row


def test_the_sites_values_table_of_a_balance_has_no_relative_change() -> None:
    from intl_tracker.presentation.indicator_cells import shows_relative_change, value_headers

    assert "Change %" not in value_headers("en", "count", differences=True)
    assert "Change %" in value_headers("en", "count")
    assert not shows_relative_change("count", differences=True)


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_charts_point_out_a_balances_swing_in_its_unit(tmp_path: Path, lang: str) -> None:
    pytest.importorskip("matplotlib")
    data = write_dataset(tmp_path, BALANCE)
    chart = tmp_path / "b.svg"
    shown = _run("show", "balance", "-y", "2022", "--data", str(data), "--lang", lang,
                 "--chart", str(chart))  # fmt: skip
    svg = chart.read_text("utf-8")
    assert "66.2" not in svg and "66,2" not in svg
    assert "66.2" not in shown and "66,2" not in shown
    since = translator(lang).gettext("{year}: {change} since {previous}")
    assert since.split("{change}")[1].format(previous=2021).strip() in svg


def test_the_sites_trend_definitions_claim_no_one_per_cent_edge_for_every_row() -> None:
    from intl_tracker.site.words import WORDS

    for key in ("mean_trend_moderate", "mean_trend_insufficient"):
        for lang in SUPPORTED_LANGUAGES:
            text = translator(lang).gettext(WORDS[key])
            assert "1 %" not in text, text


# --- N4. the pace needed from now, beside the one from the base year -------------------------

#: The bundled commitment cut down: -16.6 % a year is needed from 2022; from 712 in 2024 it
#: is (212 / 712)^(1/6) - 1 = -18.3 % a year.
GHG = {
    "id": "ghg",
    "unit": "kt-co2e",
    "unit_label": {"en": "kt CO₂e", "fi": "kt CO₂-ekv.", "sv": "kt CO₂e"},
    "direction": "decrease",
    "decimals": 0,
    "values": {2022: 905, 2023: 742, 2024: 712},
    "targets": [{"value": 212, "year": 2030, "kind": "target"}],
}


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_a_row_behind_its_target_gives_the_pace_needed_from_now(tmp_path: Path, fmt: str) -> None:
    data = write_dataset(tmp_path, GHG)
    row = _row(data, "ghg")
    assert row["status"] == "moderate" and round(100 * float(row["required_cagr"]), 1) == -16.6  # type: ignore[arg-type]
    text = flat(_run("report", "2024", "--data", str(data), "-f", fmt))
    assert "from the latest value (2024) the target needs -18.3% a year" in text
    assert "the needed pace shown is from the base year 2022" in text


def test_a_linear_row_gives_the_pace_needed_from_now_in_its_unit(tmp_path: Path) -> None:
    share = {
        "id": "share",
        "unit": "percent",
        "decimals": 1,
        "values": {2015: 14.2, 2019: 15.0, 2023: 16.0},
        "targets": [{"value": 30.0, "year": 2030, "kind": "target"}],
    }
    row = _row(write_dataset(tmp_path, share), "share")
    assert row["status"] in ("moderate", "insufficient")
    assert "from the latest value (2023) the target needs +2.0 pp a year" in str(row["reason"])


def test_an_on_track_row_gets_no_pace_from_now(tmp_path: Path) -> None:
    fast = GHG | {"values": {2022: 905, 2023: 600, 2024: 400}}
    row = _row(write_dataset(tmp_path, fast), "ghg")
    assert "from the latest value" not in str(row["reason"])


# --- N5. a row projected linearly shows its pace in the same model -----------------------------

#: The bundled foreign-language count cut down: it declares a linear projection.
COUNT = {
    "id": "count",
    "unit": "count",
    "decimals": 0,
    "assessment": {"projection": "linear"},
    "values": {2015: 38325, 2019: 52196, 2023: 74110},
    "targets": [{"value": 95000, "year": 2030, "kind": "forecast"}],
}


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_a_linear_rows_pace_is_in_its_unit_a_year(tmp_path: Path, fmt: str) -> None:
    data = write_dataset(tmp_path, COUNT)
    row = _row(data, "count")
    assert row["projection"] == "linear"
    assert round(float(row["annual_change"])) == 4473  # type: ignore[arg-type]
    assert round(float(row["required_change"])) == 3778  # type: ignore[arg-type]
    # 74,110 + 7 * 4,473 = 105,422: the pace shown is the one the projection uses
    assert round(float(row["projected_value"])) == 105422  # type: ignore[arg-type]
    text = flat(_run("report", "2024", "--data", str(data), "-f", fmt))
    assert "+3,778 a year" in text and "+4,473 a year" in text
    assert "+8.6%" not in text.split("Notes")[0]  # the compound rate is not the pace shown


# --- N6. the exceptional event is named where the value is written ---------------------------

NIGHTS = {
    "id": "nights",
    "unit": "count",
    "decimals": 0,
    "baseline": 2015,
    "values": {
        2015: 132455,
        2019: 162257,
        2020: {"value": 56380, "exceptional": {"en": "COVID-19 closures", "fi": "COVID-19-sulut"}},
        2021: {"value": 67155, "exceptional": {"en": "travel limits", "fi": "matkarajoitukset"}},
    },
}


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_the_reports_note_names_the_event(tmp_path: Path, lang: str, fmt: str) -> None:
    data = write_dataset(tmp_path, NIGHTS)
    text = flat(_run("report", "2024", "--data", str(data), "--lang", lang, "-f", fmt))
    event = "matkarajoitukset" if lang == "fi" else "travel limits"  # sv falls back to en
    words = translator(lang).gettext("exceptional year {year}: {event}")
    assert words.format(year=2021, event=event) in text.replace("\\", "")


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_shows_values_table_and_chart_name_the_event(tmp_path: Path, lang: str) -> None:
    pytest.importorskip("matplotlib")
    data = write_dataset(tmp_path, NIGHTS)
    chart = tmp_path / "n.svg"
    shown = _run("show", "nights", "-y", "2024", "--data", str(data), "--lang", lang,
                 "--chart", str(chart))  # fmt: skip
    event = "matkarajoitukset" if lang == "fi" else "travel limits"
    t = translator(lang)
    table = shown.split(t.gettext("Notes"))[0]
    row_2020 = next(line for line in table.splitlines() if line.startswith("2020"))
    # the site's values table writes the same roles (report_cells.value_roles)
    assert t.gettext("exceptional: {event}").format(event="COVID-19") in row_2020
    assert t.gettext("exceptional year {year}: {event}").format(year=2021, event=event) in (
        chart.read_text("utf-8")
    )


# --- N8. smaller points ------------------------------------------------------------------------


def test_the_note_names_the_change_from_the_value_before_not_a_column(tmp_path: Path) -> None:
    """At 80 columns the Change column is left out, and a note said "the change shown"."""
    data = write_dataset(tmp_path, NIGHTS | {"values": {2015: 132455, 2020: 56380, 2021: 67155}})
    for columns in (80, 160):
        text = flat(_run("report", "2024", "--data", str(data), columns=columns))
        assert "change shown" not in text
        assert "the change from the value before is 2020\u20132021 only" in text


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_finnish_and_swedish_notes_keep_no_english_setting(tmp_path: Path, lang: str) -> None:
    data = write_dataset(tmp_path, COUNT)
    text = flat(_run("report", "2024", "--data", str(data), "--lang", lang))
    assert "projection: linear" not in text
    assert ("suoraviivainen projektio" if lang == "fi" else "rätlinjig projektion") in text


def test_a_gap_is_worded_neutrally(tmp_path: Path) -> None:
    """iCapital: not placed in 2023 is known; the note said "nothing known of the years"."""
    placing = {"id": "placing", "unit": "rank", "direction": "decrease",
               "baseline": 2022, "values": {2022: 2, 2024: 2}}  # fmt: skip
    row = _row(write_dataset(tmp_path, placing), "placing")
    assert "with no value for 2023" in str(row["reason"])
    assert "nothing known" not in str(row["reason"])
    assert "the years without a value are not judged" in str(row["reason"])
