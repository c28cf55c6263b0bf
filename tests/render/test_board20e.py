"""Issue 20, the final review (breaker20-final.md) items 2, 6, 8, 10 and 13: each case with a
small input, in every format it touches.

2. a narrow table keeps a target row's projection and pace (or moves them under the table);
10. JSON's summary_by_basis before summary, the English reason rounded by the number rule,
the CSV's projection_method.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.core.i18n import SUPPORTED_LANGUAGES
from intl_tracker.core.text_width import cell_width
from intl_tracker.presentation.number_format import format_number
from tests.render.test_board_words import flat, write_dataset

#: The programme's one commitment (the bundled ghg-emissions, cut down): 905 (2022) → 712
#: (2024), 212 by 2030: needs acceleration, projected to 347.
GHG = {
    "id": "ghg",
    "name": {"en": "Greenhouse gas emissions in the city of a long name"},
    "unit": "kt-co2e",
    "unit_label": {"en": "kt CO₂e", "fi": "kt CO₂-ekv.", "sv": "kt CO₂e"},
    "direction": "decrease",
    "decimals": 0,
    "values": {2022: 905, 2023: 742, 2024: 712},
    "targets": [{"value": 212, "year": 2030, "kind": "target"}],
}
#: A trend-only neighbour with a long name, so the table must leave columns out.
TREND = {
    "id": "trend",
    "name": {"en": "Rank in a benchmark of European cities by something long"},
    "unit": "rank",
    "direction": "decrease",
    "values": {2017: 6, 2019: 2, 2024: 2},
}
#: A share projected linearly (reason with a projection of 36.525 %).
SHARE = {
    "id": "share",
    "unit": "percent",
    "values": {2015: 14.2, 2019: 18.0, 2022: 21.9, 2023: 23.6},
    "targets": [{"value": 30.0, "year": 2034, "kind": "forecast"}],
}


def _run(*args: str, columns: int = 100) -> str:
    result = CliRunner(env={"COLUMNS": str(columns)}).invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


# --- 2. a narrow table keeps what explains a target row's status ----------------------------


@pytest.mark.parametrize("columns", [80, 60])
@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_a_narrow_table_never_loses_a_target_rows_projection_or_pace(
    tmp_path: Path, lang: str, columns: int
) -> None:
    data = write_dataset(tmp_path, GHG, TREND)
    doc = json.loads(_run("report", "2024", "--data", str(data), "-f", "json"))
    row = next(r for r in doc["indicators"] if r["id"] == "ghg")
    assert row["status"] == "moderate" and round(row["projected_value"]) == 347
    text = _run("report", "2024", "--data", str(data), "--lang", lang, columns=columns)
    assert all(cell_width(line) <= columns for line in text.splitlines())
    words = flat(text).replace("\u00a0", " ")
    assert format_number(347, 0, lang) in words  # the projection, in the table or under it
    for rate in (row["required_cagr"], row["cagr"]):  # the pace, needed and actual
        assert format_number(abs(rate) * 100, 1, lang) in words, words


def test_at_80_columns_the_change_gives_way_before_the_projection(tmp_path: Path) -> None:
    """A table with a target row drops the change before the projection and the pace (the
    bundled report lost "347" at 80 columns in every language)."""
    data = write_dataset(tmp_path, GHG, TREND)
    text = _run("report", "2024", "--data", str(data), columns=80)
    table = text.split("Left out to fit")[0]
    assert "347" in table  # in the table's own column
    assert "Left out to fit 80 columns:" in text and "Change" in text.split("Left out")[1]


def test_the_bundled_commitment_keeps_its_projection_at_80_columns_in_every_language() -> None:
    for lang in SUPPORTED_LANGUAGES:
        text = _run("report", "2024", "--lang", lang, "--goal", "1", columns=80)
        assert "347" in text, lang


# --- 10. the machine-readable report ----------------------------------------------------------


def test_json_puts_the_headline_counts_before_the_status_led_ones(tmp_path: Path) -> None:
    data = write_dataset(tmp_path, GHG, SHARE)
    doc = json.loads(_run("report", "2024", "--data", str(data), "-f", "json"))
    keys = list(doc)
    assert keys.index("summary_by_basis") < keys.index("summary")
    schema = json.loads(_run("schema", "report"))
    props = list(schema["properties"])
    assert props.index("summary_by_basis") < props.index("summary")


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_the_english_reason_is_rounded_by_the_number_rule(tmp_path: Path, lang: str) -> None:
    """ "36.525%", "47.4536%" were written in the CSV/JSON reason: a board opens the CSV."""
    data = write_dataset(tmp_path, SHARE)
    doc = json.loads(_run("report", "2024", "--data", str(data), "-f", "json", "--lang", lang))
    reason = doc["indicators"][0]["reason"]
    row = next(csv.DictReader(io.StringIO(_run("report", "2024", "--data", str(data), "-f",
                                               "csv", "--lang", lang))))  # fmt: skip
    for text in (reason, row["reason"]):
        assert "36.5% in 2034" in text and "47.5%" in text  # English in every language
        assert not re.search(r"\d\.\d{3,}%", text), text
    assert doc["indicators"][0]["projected_value"] == pytest.approx(36.525)  # exact there


def test_the_csv_says_its_projection_column_holds_a_method(tmp_path: Path) -> None:
    data = write_dataset(tmp_path, GHG, SHARE)
    rows = list(csv.DictReader(io.StringIO(_run("report", "2024", "--data", str(data), "-f",
                                                "csv"))))  # fmt: skip
    assert "projection" not in rows[0] and "projected_value" in rows[0]
    methods = {r["id"]: r["projection_method"] for r in rows}
    assert methods == {"ghg": "compound", "share": "linear"}
    assert float(next(r for r in rows if r["id"] == "ghg")["projected_value"]) > 300
    doc = json.loads(_run("report", "2024", "--data", str(data), "-f", "json"))
    assert {r["id"]: r["projection_method"] for r in doc["indicators"]} == methods


# --- 13. smaller points -----------------------------------------------------------------------

#: A share with consecutive yearly values since 2015: DNS's window is the last five years.
YEARLY = {
    "id": "yearly",
    "unit": "percent",
    "values": {y: 14.2 + (y - 2015) * 1.1 for y in range(2015, 2024)},
    "targets": [{"value": 30.0, "year": 2034, "kind": "forecast"}],
}


def test_shows_average_change_names_the_window_it_was_computed_over(tmp_path: Path) -> None:
    """DNS's +1.1 pp a year is over 2018-2023, beside a base value of 2015: say so."""
    data = write_dataset(tmp_path, YEARLY)
    shown = flat(_run("show", "yearly", "-y", "2024", "--data", str(data), columns=200))
    line = shown.split("Average change a year")[1].split("Change a year needed")[0]
    assert "(2015\u20132023)" in line and "(2018\u20132023)" in line  # ratio/unsd, then dns
    doc = json.loads(_run("report", "2024", "--data", str(data), "-f", "json", "-m", "dns"))
    assert doc["indicators"][0]["annual_change_from"] == 2018
    doc = json.loads(_run("report", "2024", "--data", str(data), "-f", "json"))
    assert doc["indicators"][0]["annual_change_from"] == 2015  # the share's linear pace


def test_the_finnish_trend_words_are_all_partitive() -> None:
    """ "⇑ merkittävää edistystä · ⇗ kohtalainen edistys" mixed nominative and partitive."""
    from intl_tracker.core.i18n import translator

    t = translator("fi")
    words = [
        t.gettext(w)
        for w in (
            "significant progress",
            "moderate progress",
            "moderate movement away",
            "significant movement away",
        )
    ]
    assert words == [
        "merkittävää edistystä",
        "kohtalaista edistystä",
        "kohtalaista etääntymistä",
        "merkittävää etääntymistä",
    ]
    assert t.gettext("moderate progress towards the target").startswith("kohtalaista edistystä")
    legend = flat(_run("report", "2024", "--lang", "fi", "--goal", "2", columns=200))
    assert "⇗ kohtalaista edistystä" in legend and "kohtalainen edistys" not in legend


# --- 8. a headcount of groups left unjudged; one coverage rule ---------------------------------

GROUPS_GOALS = """\
programme: {id: p, name: {en: P}}
goals:
  - {id: g, number: 1, name: {en: G}}
dimensions:
  - id: language-group
    name: {en: Language group, fi: Kieliryhmä, sv: Språkgrupp}
    categories:
      - {code: fi, name: {en: Finnish, fi: suomi, sv: finska}}
      - {code: sv, name: {en: Swedish, fi: ruotsi, sv: svenska}}
      - {code: other, name: {en: Other, fi: muut, sv: övriga}}
"""
#: The bundled population cut down: the total grows, Swedish speakers drift down by 98; the
#: 2016 categories are partial (no Finnish), the 2019 ones sum to the total.
POPULATION = """\
id: pop
name: {en: Population}
goal: g
unit: count
direction: increase
breakdowns:
  - {by: language-group, partial: true, judged: JUDGED}
values: {2016: 274583, 2019: 289731, 2024: 320931}
"""
POPULATION_CSV = """\
year,language-group,value
2016,sv,20131
2016,other,41652
2019,fi,217502
2019,sv,20033
2019,other,52196
"""


def _groups(root: Path, judged: bool) -> Path:
    (root / "indicators").mkdir(parents=True)
    (root / "goals.yaml").write_text(GROUPS_GOALS, encoding="utf-8")
    text = POPULATION.replace("JUDGED", "true" if judged else "false")
    (root / "indicators" / "pop.yaml").write_text(text, encoding="utf-8")
    (root / "indicators" / "pop.csv").write_text(POPULATION_CSV, encoding="utf-8")
    return root


def _by(data: Path, fmt: str, lang: str = "en") -> str:
    args = ("report", "2024", "--by", "language-group", "--data", str(data), "-f", fmt)
    return _run(*args, "--lang", lang, columns=160)


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_categories_declared_unjudged_get_no_status_and_none_is_left_behind(
    tmp_path: Path, lang: str
) -> None:
    from intl_tracker.core.i18n import translator

    t = translator(lang)
    judged = _by(_groups(tmp_path / "judged", True), "table", lang)
    assert (
        t.gettext("Left behind, moving away while the total progresses: {categories}").split(":")[0]
        in judged
    )  # as it was: Swedish speakers "left behind"
    data = _groups(tmp_path / "unjudged", False)
    not_judged = t.gettext("not judged")
    for fmt in ("table", "markdown"):
        text = _by(data, fmt, lang)
        assert text.count(not_judged) >= 3, text  # one per category (and the legend)
        assert t.gettext("Left behind").split(",")[0] not in text
        assert format_number(-98, 0, lang, sign=True) in text.replace("\u00a0", " ")
    doc = json.loads(_by(data, "json", lang))
    section = doc["indicators"][0]
    assert section["judged"] is False
    assert {c["status_label"] for c in section["categories"]} == {not_judged}
    assert not any(c["left_behind"] for c in section["categories"])
    assert section["headline"]["status"] != "insufficient_data"  # the total stays judged
    rows = list(csv.DictReader(io.StringIO(_by(data, "csv", lang))))
    assert [r["left_behind"] for r in rows] == ["false"] * 4
    assert [r["status_label"] for r in rows[1:]] == [not_judged] * 3


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_show_and_report_by_say_the_same_about_coverage(tmp_path: Path, lang: str) -> None:
    """show said "a partial breakdown" where --by said the categories cover the whole in 2019."""
    from intl_tracker.core.i18n import translator

    data = _groups(tmp_path, False)
    t = translator(lang)
    whole = t.gettext("The categories cover the whole in {year}; earlier years are partial.")
    whole = whole.format(year=2019)
    partial = t.gettext("The categories do not cover the whole (a partial breakdown).")
    shown = flat(_run("show", "pop", "-y", "2024", "--data", str(data), "--lang", lang))
    by = flat(_by(data, "table", lang))
    for text in (shown, by):
        assert whole in text and partial not in text
    doc = json.loads(_run("show", "pop", "-y", "2024", "--data", str(data), "-f", "json"))
    assert doc["breakdowns"][0]["whole_in"] == 2019


def test_the_bundled_language_groups_are_not_judged() -> None:
    doc = json.loads(_run("report", "2024", "--by", "language-group", "-f", "json"))
    population = next(s for s in doc["indicators"] if s["id"] == "population")
    assert population["judged"] is False
    assert not any(c["left_behind"] for c in population["categories"])
    shown = flat(_run("show", "population"))
    assert "cover the whole in 2019" in shown and "(a partial breakdown)" not in shown


# --- 6. breaks in series ----------------------------------------------------------------------

#: Emissions of three calculations (the bundled ghg-emissions, cut down): 1990 and 2022-2024
#: of the current one, 2018-2020 of older ones; target 212 by 2030.
BROKEN = {
    "id": "broken",
    "unit": "kt-co2e",
    "unit_label": {"en": "kt CO₂e", "fi": "kt CO₂-ekv.", "sv": "kt CO₂e"},
    "direction": "decrease",
    "decimals": 0,
    "baseline": 2022,
    "breaks": [
        {"year": 2018, "note": {"en": "HSY calculation of 2019", "fi": "HSY 2019"}},
        {"year": 2022, "note": {"en": "HSY calculation of June 2024", "fi": "HSY 2024"}},
    ],
    "values": {
        1990: 1060,
        2018: 1100,
        2019: 1090,
        2022: {"value": 905, "status": "estimated", "note": {"en": "= 742 / (1 - 0.18)"}},
        2023: 742,
        2024: {"value": 712, "status": "estimated", "note": {"en": "= 742 x (1 - 0.04)"}},
    },
    "targets": [{"value": 212, "year": 2030, "kind": "target"}],
}


def _value_rows(shown: str) -> dict[str, str]:
    """The lines of show's values table (before its notes), by year."""
    table = shown.split("Notes")[0].split("Huomautukset")[0].split("Anmärkningar")[0]
    return {line.split()[0]: line for line in table.splitlines() if line[:4].isdigit()}


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_show_computes_no_change_across_a_break_and_marks_it(tmp_path: Path, lang: str) -> None:
    """`show ghg-emissions` wrote "+40 since 1990" across two HSY calculations."""
    from intl_tracker.core.i18n import translator

    data = write_dataset(tmp_path, BROKEN)
    shown = _run("show", "broken", "-y", "2024", "--data", str(data), "--lang", lang)
    rows = _value_rows(shown)
    assert "ᵇ" in rows["2018"] and "ᵇ" in rows["2022"] and "ᵇ" not in rows["2019"]
    assert "+40" not in rows["2018"] and "since 1990" not in flat(shown)
    assert format_number(-10, 0, lang, sign=True) in rows["2019"]  # within one calculation
    t = translator(lang)
    legend = t.gettext(
        "break in series: not comparable with the value before; no change is computed across it"
    )
    assert f"ᵇ {legend}" in flat(shown)
    assert "2018ᵇ" in shown  # the break's own note, in the notes
    doc = json.loads(_run("show", "broken", "-y", "2024", "--data", str(data), "-f", "json"))
    values = {v["year"]: v for v in doc["values"]}
    assert values[2018]["break_in_series"] and values[2018]["change"] is None
    assert values[2019]["change"] == -10 and not values[2019]["break_in_series"]


def test_the_reports_change_is_not_computed_across_a_break(tmp_path: Path) -> None:
    broken = BROKEN | {"id": "late", "breaks": [{"year": 2024}], "baseline": 2018}
    data = write_dataset(tmp_path, broken)
    doc = json.loads(_run("report", "2024", "--data", str(data), "-f", "json"))
    row = doc["indicators"][0]
    assert row["change"] is None and row["change_pct"] is None
    assert "break in series in 2024" in row["reason"]
    assert "crosses a break in series in 2024" in row["reason"]  # 2018-2024 crosses it
    for fmt in ("table", "markdown", "csv"):
        assert "break in series in 2024" in flat(_run("report", "2024", "--data", str(data),
                                                      "-f", fmt, columns=200))  # fmt: skip


def test_charts_do_not_join_values_across_a_break() -> None:
    from intl_tracker.presentation.timeline import gap_joins, runs

    points = [(1990, 1060.0), (2018, 1100.0), (2019, 1090.0), (2022, 905.0), (2023, 742.0)]
    assert runs(points, {2018, 2022}) == [
        [(1990, 1060.0)],
        [(2018, 1100.0), (2019, 1090.0)],
        [(2022, 905.0), (2023, 742.0)],
    ]
    assert gap_joins(points, {2018, 2022}) == []  # no dashed bridge either
    assert gap_joins(points) != []  # without breaks the gaps are bridged


def test_the_terminal_chart_draws_no_line_across_a_break(tmp_path: Path) -> None:
    """2019 → 2020 are consecutive years: joined without a break, apart with one."""
    series = {2018: 1100, 2019: 1090, 2020: 908}
    plain = BROKEN | {"id": "plain", "breaks": [], "values": series, "baseline": 2018}
    broken = plain | {"id": "cut", "breaks": [{"year": 2020}]}
    data = write_dataset(tmp_path, plain, broken)

    def chart(name: str) -> str:
        shown = _run("show", name, "-y", "2024", "--data", str(data), columns=80)
        return shown.split("Chart")[1]

    braille = re.compile("[\u2801-\u28ff]")
    assert len(braille.findall(chart("cut"))) < len(braille.findall(chart("plain")))


def test_a_break_must_be_at_a_year_with_a_value(tmp_path: Path) -> None:
    bad = BROKEN | {"id": "bad", "breaks": [{"year": 2021}, {"year": 1990}]}
    data = write_dataset(tmp_path, bad)
    result = CliRunner().invoke(app, ["validate", "--data", str(data)])
    assert result.exit_code == 1
    assert result.output.count("break-year") == 2, result.output
    assert "bad.yaml:" in result.output


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_a_target_status_names_the_estimates_it_rests_on(tmp_path: Path, lang: str) -> None:
    """GHG's "needs acceleration" rests on 2022 = 742 / (1 - 0.18) and 2024 = 742 x 0.96."""
    data = write_dataset(tmp_path, BROKEN)
    for fmt in ("table", "markdown"):
        text = flat(_run("report", "2024", "--data", str(data), "-f", fmt, "--lang", lang,
                         columns=200))  # fmt: skip
        assert "2022ᵉ: = 742 / (1 - 0.18)" in text and "2024ᵉ: = 742 x (1 - 0.04)" in text
    row = next(csv.DictReader(io.StringIO(_run("report", "2024", "--data", str(data), "-f",
                                               "csv", "--lang", lang))))  # fmt: skip
    assert "2022ᵉ" in row["reason_label"] and "2024ᵉ" in row["reason"]
    doc = json.loads(_run("report", "2024", "--data", str(data), "-f", "json", "--lang", lang))
    assert "2022ᵉ" in doc["indicators"][0]["reason_label"]


def test_the_bundled_emissions_declare_their_breaks_from_their_sources() -> None:
    shown = _run("show", "ghg-emissions", "-y", "2024", columns=200)
    rows = _value_rows(shown)
    assert all("ᵇ" in rows[y] for y in ("2018", "2020", "2022"))
    assert "+40" not in rows["2018"] and "since 1990" not in rows["2018"]
    report = flat(_run("report", "2024", "--goal", "1", columns=200))
    minus, times = "\u2212", "\u00d7"  # as the data file writes them
    assert f"742 / (1 {minus} 0.18)" in report and f"742 {times} (1 {minus} 0.04)" in report
