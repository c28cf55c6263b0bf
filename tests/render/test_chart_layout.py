"""The image chart keeps its words inside the image: titles and subtitles wrap to the
figure's width in every language, whatever the name's length."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from intl_tracker.app.workflows import indicator_view, load_catalog
from intl_tracker.core.i18n import translator
from intl_tracker.core.vocabulary import Method, Pace
from tests.conftest import REPO

pytest.importorskip("matplotlib")
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from intl_tracker.render.charts import _Chart, _draw


def _texts_outside(data: Path, indicator_id: str, lang: str, year: int | None) -> list[str]:
    catalog = load_catalog(data)
    view = indicator_view(
        catalog, indicator_id, year=year, method=Method.RATIO, pace=Pace.ENDPOINTS,
        since=None, period=None,
    )  # fmt: skip
    figure = Figure(figsize=(10, 6.2), dpi=100)
    _draw(figure, _Chart(view, lang, translator(lang)))
    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # lays out the axis labels and ticks as the saved file has them
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    width = figure.bbox.width
    outside = []
    # The words of the chart: titles, badge, subtitle, sources (figure texts), annotations
    # and axis titles; tick labels outside the axes' range are never drawn.
    texts: list[Text] = [*figure.texts]
    for ax in figure.axes:
        texts += [*ax.texts, ax.yaxis.label, ax.xaxis.label]
    for text in texts:
        if not text.get_visible() or not text.get_text():
            continue
        box = text.get_window_extent(renderer)
        if box.x0 < -0.5 or box.x1 > width + 0.5:
            outside.append(text.get_text())
    return outside


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
@pytest.mark.parametrize("indicator_id", ["foreign-hotel-nights", "ghg-emissions-per-capita"])
def test_every_text_of_the_chart_is_inside_the_image(indicator_id: str, lang: str) -> None:
    # Hotel nights in 2024: stale and trend-only, the longest subtitle (it ran off in Swedish).
    assert _texts_outside(REPO / "data", indicator_id, lang, 2024) == []


def test_a_long_name_wraps_to_three_lines_and_stays_inside(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    path = data / "indicators" / "population.yaml"
    long_name = " ".join(["Asukasluku"] * 60) + " " + "x" * 300
    text = path.read_text(encoding="utf-8").replace('fi: "Väkiluku"', f"fi: {long_name}", 1)
    assert long_name in text
    path.write_text(text, encoding="utf-8")
    assert _texts_outside(data, "population", "fi", None) == []
