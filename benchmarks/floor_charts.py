"""The chart floor: the files the site writes per chart, drawn as simple matplotlib line charts
in one process on one core.

Usage: floor_charts.py N DATA_DIR OUT_DIR. For each of N charts (cycling through the data
set's indicators) it writes what the site writes for one indicator in one language: four SVG
files (the three page sizes and the full-size chart) and one PNG of 1600 by 900 pixels (the
slide), each a simple line chart of the series with a title, axis labels and markers, saved
with a fixed hash salt and no date, as the site's charts are.
"""

import sys
from pathlib import Path

import matplotlib
import yaml
from matplotlib.figure import Figure

#: (format, width and height in inches, dpi) of the files of one chart, as the site writes
#: them (render/charts.py: SMALL, MEDIUM, LARGE and SLIDE; the PNG at 120 dpi).
FILES = [
    ("svg", (328 / 72, 330 / 72), 72),
    ("svg", (500 / 72, 370 / 72), 72),
    ("svg", (760 / 72, 430 / 72), 72),
    ("svg", (960 / 72, 540 / 72), 72),
    ("png", (960 / 72, 540 / 72), 120),
]

n, root, out = int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
out.mkdir(parents=True, exist_ok=True)
series = []
for path in sorted((root / "indicators").glob("*.yaml")):
    doc = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    points = sorted(
        (int(y), v["value"] if isinstance(v, dict) else v) for y, v in doc["values"].items()
    )
    series.append((doc["id"], points))
with matplotlib.rc_context({"svg.hashsalt": "floor", "svg.fonttype": "none"}):
    for i in range(n):
        name, points = series[i % len(series)]
        for k, (fmt, size, dpi) in enumerate(FILES):
            figure = Figure(figsize=size, dpi=dpi)
            ax = figure.add_subplot()
            ax.plot([p[0] for p in points], [p[1] for p in points], marker="o")
            ax.set_title(name)
            ax.set_xlabel("year")
            ax.set_ylabel("value")
            metadata = {"Date": None} if fmt == "svg" else {"Software": None}
            figure.savefig(out / f"{i}-{k}.{fmt}", format=fmt, dpi=dpi, metadata=metadata)
