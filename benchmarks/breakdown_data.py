"""A synthetic data set with breakdowns, for the benchmark of issue 24 (made-up numbers).

``generate(root, n, categories, years)`` writes ``goals.yaml`` with one dimension ``area`` of
``categories`` categories, and ``n`` indicators (``datagen``'s goals and units), each with
``years`` yearly values and ``indicators/<id>.csv`` holding every category in every year
(``n * categories * years`` cells). A count's headline is the sum of its categories (no
``breakdown-sum`` warning); other units' headline is their mean.

Standard library only.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from datagen import GOALS, UNITS, goals_yaml

FIRST_YEAR = 2005


def _goals(categories: int) -> str:
    lines = [
        "dimensions:",
        "  - id: area",
        "    name: {fi: Alue, en: Area}",
        "    categories:",
    ]
    lines += [f"      - {{code: a{c:03d}, name: {{en: Area {c}}}}}" for c in range(categories)]
    return goals_yaml() + "\n".join(lines) + "\n"


def _indicator(index: int, categories: int, years: int, rng: random.Random) -> tuple[str, str, str]:
    iid = f"indicator-{index:05d}"
    gid = GOALS[index % len(GOALS)][0]
    unit, low, high = UNITS[index % len(UNITS)]
    decimals = 1 if unit in ("percent", "index") else 0
    if unit == "count":
        high = high // categories
    rows = ["year,area,value"]
    headline = []
    levels = [
        rng.uniform(low + (high - low) * 0.2, low + (high - low) * 0.6) for _ in range(categories)
    ]
    for y in range(years):
        cells = []
        for c in range(categories):
            levels[c] = min(high, max(low, levels[c] * rng.uniform(0.98, 1.03)))
            cell = round(levels[c], decimals) if decimals else round(levels[c])
            cells.append(cell)
            rows.append(f"{FIRST_YEAR + y},a{c:03d},{cell}")
        total = sum(cells) if unit == "count" else round(sum(cells) / categories, decimals)
        headline.append(f"  {FIRST_YEAR + y}: {total}")
    text = "\n".join(
        [
            f"id: {iid}",
            f"name: {{fi: Indikaattori {index}, en: Indicator {index}}}",
            f"goal: {gid}",
            f"unit: {unit}",
            f"direction: {'increase' if index % 3 else 'decrease'}",
            f"decimals: {decimals}",
            "breakdowns: [area]",
            "values:",
            *headline,
        ]
    )
    return iid, text + "\n", "\n".join(rows) + "\n"


def generate(root: Path, n: int, categories: int = 100, years: int = 20, seed: int = 24) -> Path:
    if root.exists():
        shutil.rmtree(root)
    folder = root / "indicators"
    folder.mkdir(parents=True)
    (root / "goals.yaml").write_text(_goals(categories), encoding="utf-8")
    rng = random.Random(seed)
    for index in range(n):
        iid, text, table = _indicator(index, categories, years, rng)
        (folder / f"{iid}.yaml").write_text(text, encoding="utf-8")
        (folder / f"{iid}.csv").write_text(table, encoding="utf-8")
    return root


if __name__ == "__main__":
    import sys

    generate(Path(sys.argv[1]), int(sys.argv[2]))
