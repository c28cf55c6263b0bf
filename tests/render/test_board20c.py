"""Issue 20, the reviewer's final list (board20c): each fault with a small input, in en, fi
and sv.

1. every value and target written on a chart (image and terminal) carries its unit; 2. the
DNS method's pace carries its unit wherever it is written; 4. ``--compare`` words values
without a new value apart from values that held.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from intl_tracker.app.workflows import indicator_view, load_catalog
from intl_tracker.core.i18n import translator
from intl_tracker.core.vocabulary import Method, Pace
from tests.render.test_board_words import flat, run, write_dataset

#: Emissions in kt CO₂e with a committed target: the bundled ghg-emissions, cut down.
GHG = {
    "id": "ghg",
    "unit": "kt_co2e",
    "direction": "decrease",
    "unit_label": {"en": "kt CO₂e", "fi": "kt CO₂-ekv.", "sv": "kt CO₂e"},
    "values": {2022: 905, 2023: 742, 2024: 712},
    "targets": [{"value": 212, "year": 2030, "kind": "target"}],
}
UNIT = {"en": "kt CO₂e", "fi": "kt CO₂-ekv.", "sv": "kt CO₂e"}
#: A survey score whose DNS pace is a fraction of a point a year.
SCORE = {
    "id": "score",
    "unit": "score",
    "unit_label": {"en": "points (1 to 5)", "fi": "pistettä (1 to 5)", "sv": "poäng (1 to 5)"},
    "values": {2021: 3.55, 2022: 3.50, 2023: 3.47, 2024: 3.44},
    "decimals": 2,
}
LANGS = ("en", "fi", "sv")


def _nbsp(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _view(data: Path, indicator_id: str, method: Method = Method.RATIO) -> Any:
    return indicator_view(
        load_catalog(data), indicator_id, year=2024, method=method, pace=Pace.ENDPOINTS,
        since=None, period=None,
    )  # fmt: skip


# --- item 1: units on chart annotations ---------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_value_and_target_on_the_image_chart_has_its_unit(tmp_path: Path, lang: str) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    from intl_tracker.render import charts
    from tests.render.chart_check import text_boxes

    view = _view(write_dataset(tmp_path / "d", GHG), "ghg")
    with matplotlib.rc_context(charts._RC):
        figure = charts.draw_figure(view, lang, charts.PAGE_SIZES[0])
    labels = [_nbsp(text) for kind, text, _ in text_boxes(figure) if kind == "label"]
    # every label with a number other than a year (a label finding no place is left out)
    numbered = [text for text in labels if any(c.isdigit() for c in text.replace("2030", ""))]
    assert any("212" in text for text in numbered), labels
    assert all(UNIT[lang] in text for text in numbered), labels
    if lang == "en":  # the distance to go has room in English
        assert any(f"500 {UNIT[lang]} to go" in text for text in labels), labels


@pytest.mark.parametrize("lang", LANGS)
def test_the_terminal_chart_writes_the_target_with_its_unit(tmp_path: Path, lang: str) -> None:
    data = write_dataset(tmp_path / "d", GHG)
    out = _nbsp(flat(run("show", "ghg", "--data", str(data), "--lang", lang).stdout))
    assert f"212 {UNIT[lang]}" in out, out


# --- item 2: the DNS pace has its unit ----------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_dns_pace_in_show_has_its_unit(tmp_path: Path, lang: str) -> None:
    from intl_tracker.presentation.indicator_cells import assessment_rows

    view = _view(write_dataset(tmp_path / "d", SCORE), "score")
    dns = view.assessments[Method.DNS]
    rows = dict(assessment_rows(view, lang))
    pace = _nbsp(rows[translator(lang).gettext("Average change a year")](dns))
    unit = SCORE["unit_label"][lang]  # type: ignore[index]
    assert pace.startswith("-0") and unit in pace, pace


# --- item 3: a Finnish unit word after a number is in the partitive ----------------------------


def test_the_bundled_score_reads_pistetta_after_a_number_in_finnish() -> None:
    import yaml

    from intl_tracker.presentation.wording import reason_number, value_text
    from tests.conftest import REPO

    path = REPO / "data" / "indicators" / "city-appeal-score.yaml"
    label = yaml.safe_load(path.read_text(encoding="utf-8"))["unit_label"]
    # Finnish puts the partitive singular after a numeral above 1 and after a decimal
    assert _nbsp(value_text(3.55, "score", 2, "fi", label)) == "3,55 pistettä (1\u20135)"
    assert _nbsp(reason_number("value", 3.44, 2, "fi", unit="score", label=label)).startswith(
        "3,44 pistettä"
    )


# --- item 4: --compare words "no new value" apart from "unchanged" ------------------------------

#: No value after 2021: the 2022 and 2024 reports judge the same value.
IDLE = {"id": "idle", "values": {2015: 100, 2018: 110, 2021: 121}}
#: A new value each year, growing steadily: the status held on new values.
HELD = {"id": "held", "values": {2018: 100, 2020: 105, 2022: 110.25, 2024: 115.8}}
IDLE_WORDS = {
    "en": "1 without a new value since 2022",
    "fi": "1 ilman uutta arvoa vuoden 2022 jälkeen",
    "sv": "1 utan nytt värde sedan 2022",
}
HELD_WORDS = {"en": "1 unchanged", "fi": "1 ennallaan", "sv": "1 oförändrad"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_compare_counts_values_without_a_new_value_apart(
    tmp_path: Path, lang: str, fmt: str
) -> None:
    data = write_dataset(tmp_path / "d", IDLE, HELD)
    args = ("report", "2024", "--compare", "2022", "--data", str(data), "--lang", lang)
    out = flat(run(*args, "-f", fmt).stdout)
    assert IDLE_WORDS[lang] in out, out
    assert HELD_WORDS[lang] in out, out
    assert "2 unchanged" not in out and "2 ennallaan" not in out and "2 oförändrade" not in out


@pytest.mark.parametrize("lang", LANGS)
def test_the_dns_pace_in_the_report_has_its_unit(tmp_path: Path, lang: str) -> None:
    data = write_dataset(tmp_path / "d", SCORE)
    # the report's pace column; the site's key figures write the same cell (pace_cell)
    args = ("report", "2024", "--method", "dns", "--data", str(data), "--lang", lang)
    out = _nbsp(flat(run(*args, "-f", "markdown").stdout))
    unit = SCORE["unit_label"][lang]  # type: ignore[index]
    assert f"0.04 {unit}" in out.replace(",", "."), out
