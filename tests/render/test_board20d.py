"""Issue 20, the final review's judgement and projection cases (board20d), each with a small
input, in every format it touches (table, Markdown, CSV, JSON, show) and language.

1. a count that is a part of a whole is projected with its share's linear rule when declared;
3. a share's paces are in pp a year, and its growth-rate status says "growth rate of the
share"; 4. a change of zero is "no change", rank 1 held too; 5. a net balance is judged on
differences, an exceptional end year is said; 7. a gap is never "unchanged"; 12. a status the
written decimals cannot tell says "near a band edge".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from intl_tracker.core.i18n import SUPPORTED_LANGUAGES, translator
from tests.render.test_board_words import csv_rows, flat, run, write_dataset

#: The residents with a foreign mother tongue, cut down: 38,325 (2015) → 74,110 (2023), the
#: 95,000 forecast for 2030; declared a part of a whole (linear projection).
PART: dict[str, Any] = {
    "id": "part",
    "unit": "count",
    "decimals": 0,
    "values": {2015: 38325, 2019: 52196, 2023: 74110},
    "targets": [{"value": 95000, "year": 2030, "kind": "forecast"}],
    "assessment": {"projection": "linear"},
}
#: The flagship share, cut down: 14.2 % (2015) → 23.6 % (2023), the 30 % forecast for 2034.
SHARE: dict[str, Any] = {
    "id": "share",
    "unit": "percent",
    "decimals": 1,
    "values": {2015: 14.2, 2019: 18.0, 2023: 23.6},
    "targets": [{"value": 30.0, "year": 2034, "kind": "forecast"}],
}
#: Aalto's international professors: 4 % (2010) → 22 % (2017), no target.
PROFESSORS: dict[str, Any] = {
    "id": "professors",
    "unit": "percent",
    "decimals": 0,
    "values": {2010: 4, 2017: 22},
}
#: A rank held every year, and rank 1 held over the whole period.
RANK = {"unit": "rank", "direction": "decrease"}
HELD = {"id": "held", **RANK, "values": {2021: 6, 2022: 6, 2023: 6}}
TOP = {"id": "top", **RANK, "values": {2015: 1, 2016: 1, 2017: 1}}
#: iCapital: second in 2022, not placed in 2023, second in 2024.
GAP = {"id": "gap", "unit": "rank", "direction": "decrease", "values": {2022: 2, 2024: 2}}
#: Net international migration, a balance declared to be judged on differences.
BALANCE: dict[str, Any] = {
    "id": "balance",
    "unit": "count",
    "bounds": {"min": None},
    "values": {2019: 1976, 2020: 2379, 2021: 2750, 2022: 4570},
    "assessment": {"judged_on": "differences"},
}
#: Hotel nights ending in a year marked as exceptional.
NIGHTS: dict[str, Any] = {
    "id": "nights",
    "unit": "count",
    "values": {
        2015: 132455,
        2020: {"value": 56380, "exceptional": {"en": "COVID-19", "fi": "COVID-19"}},
        2021: {"value": 67155, "exceptional": "COVID-19 travel restrictions"},
    },
}
#: The appeal score: 3.55 (2021) → 3.44 (2024), -1.04 % a year, at 2 decimals.
SCORE: dict[str, Any] = {
    "id": "score",
    "unit": "score",
    "decimals": 2,
    "values": {2021: 3.55, 2022: 3.3, 2023: 3.37, 2024: 3.44},
}


def _report(data: Path, fmt: str, lang: str = "en") -> str:
    return run("report", "2024", "--data", str(data), "-f", fmt, "--lang", lang).stdout


def _rows(data: Path, lang: str = "en") -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in json.loads(_report(data, "json", lang))["indicators"]}


def _show(data: Path, ident: str, lang: str = "en") -> str:
    args = ("show", ident, "--data", str(data), "-y", "2024", "--lang", lang)
    return flat(run(*args).stdout.replace("\u00a0", " "))


def _everywhere(data: Path, lang: str) -> dict[str, str]:
    """The report as table, Markdown and CSV, flattened, with plain spaces."""
    return {
        fmt: flat(_report(data, fmt, lang).replace("\u00a0", " "))
        for fmt in ("table", "markdown", "csv")
    }


# --- 1. a count that is a part of a whole ----------------------------------------------------


def test_a_declared_part_is_projected_linearly_in_every_format(tmp_path: Path) -> None:
    """74,110 + 4,473.125 · 7 = 105,422 in 2030, not 131,969 at 8.6 % a year compounded; the
    status stays the method's (on the growth rate: on track)."""
    data = write_dataset(tmp_path, PART)
    row = _rows(data)["part"]
    assert row["projection"] == "linear" and row["status"] == "on_track"
    assert row["projected_value"] == pytest.approx(105421.875)
    assert row["annual_change"] == pytest.approx(4473.125)
    assert "compounded: 131,969" in row["reason"]
    for fmt, text in _everywhere(data, "en").items():
        assert "105,422" in text or "105422" in text, fmt
    assert "105,422" in _show(data, "part")
    undeclared = dict(PART, assessment={"projection": "method"})
    plain = _rows(write_dataset(tmp_path / "plain", undeclared))["part"]
    assert plain["projection"] == "compound" and round(plain["projected_value"]) == 131969


# --- 3. a share's pace in pp, its growth rate named -----------------------------------------


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_a_share_is_paced_in_points_in_every_format(tmp_path: Path, lang: str) -> None:
    """Needed (30 - 14.2) / 19 = +0.8 pp a year vs actual (23.6 - 14.2) / 8 = +1.2 pp a year;
    never the growth rates +4.0 % vs +6.6 % in the pace column."""
    data = write_dataset(tmp_path, SHARE, PROFESSORS)
    row = _rows(data, lang)["share"]
    assert row["required_change"] == pytest.approx(15.8 / 19)
    assert row["annual_change"] == pytest.approx(1.175)
    t = translator(lang)
    pp_year = t.gettext("{change} a year").format(change=t.gettext("+{n} pp").format(n="0.8"))
    table = flat(_report(data, "table", lang).replace("\u00a0", " "))
    if lang == "en":
        assert "+0.8 pp a year" in table and "+1.2 pp a year" in table, table
    else:
        assert ("0,8" in table and "1,2" in table) or pp_year in table
    for growth in ("+4.0%", "+4,0 %", "+6.6%", "+6,6 %"):
        assert growth not in table, growth
    rows = {r["id"]: r for r in csv_rows(_report(data, "csv", lang))}
    assert rows["share"]["change_pp"] == "5.6" and rows["share"]["change_pct"] != ""
    assert rows["professors"]["change_pp"] == "18"
    assert float(rows["share"]["required_change"]) == pytest.approx(15.8 / 19)


def test_a_shares_growth_rate_is_named_as_such(tmp_path: Path) -> None:
    """4 % → 22 % is judged on the growth rate of the share (27.6 % a year), which the reason
    and show's rows call so; its change a year is in pp."""
    data = write_dataset(tmp_path, SHARE, PROFESSORS)
    row = _rows(data)["professors"]
    assert row["status"] == "on_track" and row["trend_only"]
    assert "judged on the growth rate of the share (27.6% a year)" in row["reason_label"]
    assert "its change is +3 pp a year" in row["reason_label"]  # the data's 0 decimals
    assert row["annual_change"] == pytest.approx(18 / 7)
    shown = _show(data, "share")
    assert "Growth rate of the share a year, two end points" in shown
    assert "Growth a year, two end points" not in shown
    for lang in ("fi", "sv"):
        label = _rows(data, lang)["professors"]["reason_label"]
        assert "growth rate of the share" not in label and "27,6" in label, lang


# --- 4. no change -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_a_change_of_zero_is_no_change_in_every_format(tmp_path: Path, lang: str) -> None:
    data = write_dataset(tmp_path, HELD, TOP)
    rows = _rows(data, lang)
    t = translator(lang)
    no_change = t.gettext("no change")
    for ident in ("held", "top"):
        assert rows[ident]["status"] == "no_change" and rows[ident]["trend_only"], ident
        assert rows[ident]["status_label"].startswith(no_change), ident
    assert "unchanged at 6 over 2021\u20132023" in rows["held"]["reason"]
    assert "held at the best possible value (1)" in rows["top"]["reason"]
    for fmt, text in _everywhere(data, lang).items():
        assert no_change in text, fmt
        for progress in ("moderate progress", "significant progress"):
            most = 0 if fmt == "csv" else 1  # the legend names every trend word once
            assert text.count(t.gettext(progress)) <= most, (fmt, progress)
    assert "\u21d2" in _report(data, "table", lang)  # ⇒, its own symbol
    assert no_change in _show(data, "held", lang)


def test_a_rank_that_reached_one_is_still_progress(tmp_path: Path) -> None:
    climbed = {"id": "up", "unit": "rank", "direction": "decrease", "values": {2015: 3, 2017: 1}}
    row = _rows(write_dataset(tmp_path, climbed))["up"]
    assert row["status"] == "on_track" and "at the best possible value (1)" in row["reason"]


# --- 7. a gap is not a level held ------------------------------------------------------------


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_a_gap_year_is_never_unchanged(tmp_path: Path, lang: str) -> None:
    data = write_dataset(tmp_path, GAP)
    row = _rows(data, lang)["gap"]
    assert row["status"] == "no_change"
    assert "2 in each of the 2 values over 2022\u20132024, with no value for 2023" in row["reason"]
    assert "unchanged" not in row["reason"]
    for fmt, text in _everywhere(data, lang).items():
        assert "2023" in text, fmt  # the year without a value is named in the footnote/reason


# --- 5. balances and exceptional years -------------------------------------------------------


def test_a_net_balance_is_judged_on_its_change_a_year(tmp_path: Path) -> None:
    """1,976 → 4,570 is +32.2 % a year as a growth rate (significant progress); as a balance
    it is +864.7 a year, progress without a significant edge in its unit: moderate."""
    data = write_dataset(tmp_path, BALANCE)
    row = _rows(data)["balance"]
    assert row["status"] == "moderate" and row["cagr"] is None and row["change_pct"] is None
    assert row["annual_change"] == pytest.approx(2594 / 3)
    assert "a net balance: judged on its change a year" in row["reason"]
    for fmt, text in _everywhere(data, "en").items():
        assert "net balance" in text and "32.2" not in text, fmt
    assert "+865 a year" in _everywhere(data, "en")["table"]  # the pace judged, in the unit
    edges = {"trend": {"on_track": 500, "moderate": 0}}  # in persons a year
    edged = dict(BALANCE, assessment={"judged_on": "differences", "thresholds": edges})
    assert _rows(write_dataset(tmp_path / "e", edged))["balance"]["status"] == "on_track"
    growth = dict(BALANCE, assessment={"judged_on": "growth"})
    assert _rows(write_dataset(tmp_path / "g", growth))["balance"]["status"] == "on_track"


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_an_exceptional_end_year_is_said(tmp_path: Path, lang: str) -> None:
    data = write_dataset(tmp_path, NIGHTS)
    row = _rows(data, lang)["nights"]
    assert row["status"] == "moving_away"
    assert "marks as exceptional (2021)" in row["reason"]
    for fmt, text in _everywhere(data, lang).items():
        assert "2015\u20132021" in text, fmt
    if lang != "en":
        assert "exceptional" not in row["reason_label"]
    t = translator(lang)
    shown = _show(data, "nights", lang)
    event = "COVID-19 travel restrictions"
    assert t.gettext("Exceptional year: {event}").format(event=event) in shown
    args = ("show", "nights", "--data", str(data), "-y", "2024", "-f", "json", "--lang", lang)
    values = json.loads(run(*args).stdout)["values"]
    assert [v["exceptional"] for v in values][-1] == event
    plain = {**NIGHTS, "values": {2015: 132455, 2020: 56380, 2021: 67155}}
    calm = _rows(write_dataset(tmp_path / "calm", plain))["nights"]
    assert "exceptional" not in (calm["reason"] or "")


# --- 12. near a band edge --------------------------------------------------------------------


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_a_status_the_decimals_cannot_tell_says_so(tmp_path: Path, lang: str) -> None:
    """(3.44 / 3.55)^(1/3) - 1 = -1.04 % against the -1 % edge; values that round to 3.55 and
    3.44 give -1.14 % to -0.95 %: the status stays, the reason says it is near the edge."""
    data = write_dataset(tmp_path, SCORE)
    row = _rows(data, lang)["score"]
    assert row["status"] == "moving_away"
    assert "near a band edge" in row["reason"] and "-1.1% to -0.9%" in row["reason"]
    for fmt, text in _everywhere(data, lang).items():
        assert "-0.9" in text or "-0,9" in text, fmt  # the rates, at the number rule's 1 decimal
    clear = dict(SCORE, values={2021: 3.55, 2024: 3.0})
    far = _rows(write_dataset(tmp_path / "far", clear))["score"]
    assert "near a band edge" not in (far["reason"] or "")
