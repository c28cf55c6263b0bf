"""The sdg-build differential: intl-tracker's ``ratio`` against Open SDG's own progress code.

Runs sdg-build's ``sdg/ProgressMeasure.py`` (Statistics Canada; pass its path, it is not part
of this repository: ``git show 6d3d128:sdg/ProgressMeasure.py`` in open-sdg/sdg-build, the
2023 "Methodology changes") and ``intl_tracker.assessment.engine.assess_indicator`` on the
same random series, and sorts every difference into the kinds docs/methods.md documents::

    python benchmarks/sdg_build_differential.py /path/to/ProgressMeasure.py --series 5000

Both judge the base year (the first value) to the latest value, the latest value's year as the
report year, one target after it (or none). The kinds:

- ``trend bands``: no target; Eurostat's trend bands (1 %, 0) against Statistics Canada's
  (1.5 %, 0.5 %, 0), docs/methods.md "Trend-only judgements";
- ``base past target``: the base already met the target and the series fell back; sdg-build
  divides by a wrong-signed required rate, docs/methods.md "What the methods leave open";
- ``zero target``: a target of 0, judged on differences (sdg-build substitutes 0.001);
- ``band edge``: R within 1e-6 of a band edge (float noise, compared with a tolerance here);
- ``undocumented``: anything else (the run fails when there is one).

Prints a count per kind and exits 1 when a difference is undocumented.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

from intl_tracker.assessment.engine import assess_indicator
from intl_tracker.dataset.models import Indicator

#: sdg-build's status names, as ours.
SDG_BUILD = {
    "target_achieved": "target_met",
    "on_track": "on_track",
    "progress_needs_acceleration": "moderate",
    "limited_progress": "insufficient",
    "deterioration": "moving_away",
}
EDGES = (0.0, 0.6, 0.95)


def load(path: Path) -> ModuleType:
    """sdg-build's ProgressMeasure module from ``path``."""
    spec = importlib.util.spec_from_file_location("ProgressMeasure", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sdg_build_status(pm: ModuleType, series: dict[int, float], case: dict[str, Any]) -> str:
    """sdg-build's status of ``series`` (its own code, its own defaults but the ones given)."""
    import pandas as pd

    data = pd.DataFrame({"Year": list(series), "Value": list(series.values())})
    meta: dict[str, Any] = {"auto_progress_calculation": True}
    options = {
        "base_year": min(series),
        "direction": "positive" if case["direction"] == "increase" else "negative",
    }
    if case["target"] is not None:
        options |= {"target": case["target"], "target_year": case["target_year"]}
    meta["progress_calculation_options"] = [options]
    indicator = type("Indicator", (), {"data": data, "meta": meta})()
    return str(SDG_BUILD.get(pm.measure_indicator_progress(indicator), "none"))


def random_case(rng: random.Random) -> tuple[dict[int, float], dict[str, Any]]:
    """A random series and its target: mostly ordinary, some of each documented kind."""
    start = rng.randint(2000, 2016)
    n = rng.randint(2, 9)
    level = rng.uniform(1, 1000)
    series = {start + k: level * rng.uniform(0.7, 1.4) for k in range(n)}
    direction = rng.choice(["increase", "decrease"])
    kind = rng.random()
    base, latest = series[start], max(series)
    case: dict[str, Any] = {"direction": direction, "target": None, "target_year": None}
    if kind < 0.15:
        return series, case  # no target
    d = 1 if direction == "increase" else -1
    case["target_year"] = latest + rng.randint(1, 15)
    if kind < 0.20:
        case["target"] = 0.0 if d == -1 else None
        return series, case
    gap = rng.uniform(0.05, 2.0)
    case["target"] = base * (1 + gap) if d == 1 else base / (1 + gap)
    if kind < 0.30:  # the base already past the target
        case["target"] = base / (1 + gap) if d == 1 else base * (1 + gap)
    return series, case


def indicator(series: dict[int, float], case: dict[str, Any]) -> Indicator:
    targets = []
    if case["target"] is not None:
        targets = [{"value": case["target"], "year": case["target_year"]}]
    return Indicator.model_validate(
        {
            "id": "x",
            "name": {"en": "x"},
            "goal": "g",
            "unit": "index",
            "direction": case["direction"],
            "targets": targets,
            "values": series,
        }
    )


def kind_of(series: dict[int, float], case: dict[str, Any], ratio: float | None) -> str:
    """The documented kind of a difference, else ``undocumented``."""
    d = 1 if case["direction"] == "increase" else -1
    target = case["target"]
    if target is None:
        return "trend bands"
    if target == 0:
        return "zero target"
    if d * (series[min(series)] - target) >= 0:
        return "base past target"
    if ratio is not None and any(abs(ratio - e) < 1e-6 for e in EDGES):
        return "band edge"
    return "undocumented"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("progress_measure", type=Path, help="sdg-build's sdg/ProgressMeasure.py")
    parser.add_argument("--series", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args()
    pm = load(args.progress_measure)
    rng = random.Random(args.seed)
    kinds: Counter[str] = Counter()
    same = 0
    for _ in range(args.series):
        series, case = random_case(rng)
        theirs = sdg_build_status(pm, series, case)
        a = assess_indicator(indicator(series, case), year=max(series))
        if str(a.status) == theirs:
            same += 1
            continue
        kind = kind_of(series, case, a.ratio)
        kinds[kind] += 1
        if kind == "undocumented":
            print(f"undocumented: {series} {case}: sdg-build {theirs}, ours {a.status}")
    print(f"{args.series} series: {same} the same status")
    for kind, n in sorted(kinds.items()):
        print(f"  {n} differ: {kind}")
    return 1 if kinds["undocumented"] else 0


if __name__ == "__main__":
    sys.exit(main())
