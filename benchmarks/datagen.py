"""Synthetic data sets in the design's format (docs: ../shared/design.md, beside the repository).

``generate(root, n)`` writes ``root/goals.yaml`` and ``n`` files ``root/indicators/<id>.yaml``,
each with 30 yearly values; about one value in ten is an ``{value, status, note}`` mapping and
two indicators in three have a target. ``inject_errors=True`` also breaks some files in
different ways (syntax, duplicate keys, unknown fields, wrong types, out-of-range values,
unknown goals) so that error paths can be compared.

Standard library only, so the benchmark and the tests can import it without the package.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

FIRST_YEAR = 1995
YEARS = 30
GOALS = [
    ("sustainable-city", "Kestävä kaupunki", "Sustainable city", ["sdgs-by-2025", "forerunner"]),
    ("known-and-attractive", "Tunnettu ja houkutteleva", "Known and attractive", ["talent"]),
    ("services-and-innovation", "Palvelut ja innovaatiot", "Services and innovation", ["rnd"]),
    ("inclusive-community", "Osallistava yhteisö", "Inclusive community", []),
]
UNITS = [("percent", 0, 100), ("count", 0, 500_000), ("index", 50, 150), ("eur", 0, 90_000)]


def goals_yaml() -> str:
    lines = [
        "programme:",
        "  id: synthetic-programme",
        "  name:",
        '    fi: "Synteettinen ohjelma"',
        '    en: "Synthetic programme"',
        "goals:",
    ]
    for number, (gid, fi, en, objectives) in enumerate(GOALS, start=1):
        lines += [
            f"  - id: {gid}",
            f"    number: {number}",
            "    name:",
            f'      fi: "{fi}"',
            f'      en: "{en}"',
        ]
        if objectives:
            lines.append("    objectives:")
            for oid in objectives:
                lines += [
                    f"      - id: {oid}",
                    "        text:",
                    f'          fi: "Tavoite {oid}"',
                    f'          en: "Objective {oid}"',
                ]
    return "\n".join(lines) + "\n"


def indicator_yaml(index: int, rng: random.Random) -> tuple[str, str]:
    iid = f"indicator-{index:05d}"
    gid, _, _, objectives = GOALS[index % len(GOALS)]
    unit, low, high = UNITS[index % len(UNITS)]
    direction = "increase" if index % 3 else "decrease"
    decimals = 1 if unit in ("percent", "index") else 0
    lines = [
        f"id: {iid}",
        "name:",
        f'  fi: "Synteettinen indikaattori {index}"',
        f'  en: "Synthetic indicator {index}"',
        f"goal: {gid}",
    ]
    if objectives:
        lines.append(f"objectives: [{objectives[0]}]")
    lines += [
        f"unit: {unit}",
        f"direction: {direction}",
        f"decimals: {decimals}",
        "source:",
        '  publisher: "Statistics Finland"',
        f'  title: "Table {index}"',
        f'  url: "https://example.org/table/{index}"',
    ]
    value = rng.uniform(low + (high - low) * 0.2, low + (high - low) * 0.6)
    series: list[str] = []
    for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
        value = min(high, max(low, value * rng.uniform(0.97, 1.04)))
        shown = round(value, decimals) if decimals else round(value)
        if rng.random() < 0.1:
            series.append(
                f"  {year}: {{value: {shown}, status: estimated, "
                f'note: "interpolated from {year - 1}"}}'
            )
        else:
            series.append(f"  {year}: {shown}")
    if index % 3 != 2:
        target = round(min(high, value * (1.2 if direction == "increase" else 0.8)), decimals)
        kind = "target" if index % 2 else "forecast"
        lines += ["targets:", f"  - value: {target}", "    year: 2035", f"    kind: {kind}"]
    lines.append("values:")
    lines += series
    return iid, "\n".join(lines) + "\n"


# Each breaks a valid file in one way: (name, function(text) -> text).
def _break(kind: str, text: str) -> str:
    if kind == "syntax":
        return text.replace("direction:", "direction: [", 1)
    if kind == "duplicate-key":
        return text.replace("values:\n", "values:\n  1996: 1\n", 1)
    if kind == "unknown-field":
        return text.replace("direction:", "direcion:", 1)
    if kind == "bool-string":
        return text.replace("direction: ", "direction: true\n# ", 1)
    if kind == "comma-number":
        return text.replace("values:\n", 'values:\n  1990: "12,5"\n', 1)
    if kind == "out-of-range":
        return text.replace("values:\n", "values:\n  1990: -5\n", 1)
    if kind == "unknown-goal":
        return text.replace("goal: ", "goal: nowhere-", 1)
    if kind == "empty":
        return ""
    if kind == "list":
        return "- a\n- b\n"
    raise ValueError(kind)


BREAKS = [
    "syntax",
    "duplicate-key",
    "unknown-field",
    "bool-string",
    "comma-number",
    "out-of-range",
    "unknown-goal",
    "empty",
    "list",
]


def generate(root: Path, n: int, *, seed: int = 2030, inject_errors: bool = False) -> Path:
    """Write a data set of ``n`` indicators under ``root`` (replacing what is there)."""
    if root.exists():
        shutil.rmtree(root)
    folder = root / "indicators"
    folder.mkdir(parents=True)
    (root / "goals.yaml").write_text(goals_yaml(), encoding="utf-8")
    rng = random.Random(seed)
    for index in range(n):
        iid, text = indicator_yaml(index, rng)
        if inject_errors and index % 7 == 3:
            text = _break(BREAKS[(index // 7) % len(BREAKS)], text)
        (folder / f"{iid}.yaml").write_text(text, encoding="utf-8")
    return root


if __name__ == "__main__":
    import sys

    generate(Path(sys.argv[1]), int(sys.argv[2]), inject_errors="--errors" in sys.argv)
