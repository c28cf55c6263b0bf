"""The chart floor: N simple matplotlib line charts written as SVG, one process, one core.

Usage: floor_charts.py N DATA_DIR OUT_DIR. Each chart draws one indicator's series (cycling
through the data set's indicators until N charts are drawn) with a title, axis labels and
markers, and is saved as SVG with a fixed hash salt and no date, as the site's charts are.
"""

import sys
from pathlib import Path

import matplotlib
import yaml
from matplotlib.figure import Figure

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
        figure = Figure(figsize=(10, 6.2))
        ax = figure.add_subplot()
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o")
        ax.set_title(name)
        ax.set_xlabel("year")
        ax.set_ylabel("value")
        figure.savefig(out / f"{i}.svg", format="svg", metadata={"Date": None})
