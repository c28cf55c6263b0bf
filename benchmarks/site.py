"""Benchmark of `intl-tracker site` against the chart floor, measured side by side in one run.

Floor: ``floor_charts.py`` writes, as simple matplotlib line charts in one process, the files
the site writes for its charts: per indicator and language four SVG files (three page sizes,
the full-size chart) and a 1600 by 900 PNG. Cases: the bundled Espoo data in three languages
(3 charts per indicator file) and 1,000 synthetic indicators (``datagen.py``) in one language.
Each command is a fresh process with the environment of ``run.py`` (bytecode compiled once
into a private cache, as an installed package has it); the median of ``--rounds`` interleaved
rounds is compared. Target: the whole site (pages, charts, downloads) costs at most 1.0x its
floor, using every core. The site is rebuilt into the same folder each round, as a city
rebuilds its site (the manifest check of every earlier file included).

    .venv/bin/python benchmarks/site.py [--rounds 3] [--n 1000]

Prints a Markdown table and writes it to docs/site-benchmark.md and into
docs/development/speed.md between the ``site-benchmark`` markers.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import datagen  # noqa: E402
from run import CLI, PYTHON, base_env, machine  # noqa: E402

REPO = HERE.parent
TARGET = 1.0


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the process and its reaped children:
    the chart workers) of one command."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=out, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            out.seek(0)
            raise SystemExit(f"{' '.join(argv)} failed:\n{out.read().decode()[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def measure(
    cmds: dict[str, tuple[list[str], dict[str, str]]], rounds: int
) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of each command over ``rounds`` interleaved rounds, after
    one warm-up run each (page cache, .pyc files, matplotlib's font cache)."""
    for argv, env in cmds.values():
        run_once(argv, env)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in cmds}
    names = list(cmds)
    for round_ in range(rounds):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(run_once(*cmds[name]))
    return {
        name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
        for name, runs in samples.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--n", type=int, default=1000, help="synthetic indicators")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # As benchmarks/run.py: bytecode compiled once into a private cache, as an installed
        # package has it (PYTHONDONTWRITEBYTECODE made every run compile the project again).
        env = base_env(work / "pycache")
        synthetic = datagen.generate(work / "synthetic", args.n)
        espoo = REPO / "data"
        cases = {
            "espoo, fi+sv+en": (
                espoo,
                "fi,sv,en",
                3 * len(list((espoo / "indicators").glob("*.yaml"))),
            ),
            f"{args.n:,} synthetic, en": (synthetic, "en", args.n),
        }
        cmds = {}
        for name, (root, langs, charts) in cases.items():
            slug = name.split(",")[0].replace(" ", "-")
            cmds[f"floor {name}"] = (
                [
                    PYTHON,
                    str(HERE / "floor_charts.py"),
                    str(charts),
                    str(root),
                    str(work / f"floor-{slug}"),
                ],
                env,
            )
            cmds[f"site {name}"] = (
                [
                    *CLI,
                    "site",
                    "--data",
                    str(root),
                    "--lang",
                    langs,
                    "--output",
                    str(work / f"site-{slug}"),
                ],
                env,
            )
        samples = measure(cmds, args.rounds)
    lines = [
        f"Measured with `python benchmarks/site.py --rounds {args.rounds}` (median of "
        f"{args.rounds} interleaved rounds, each command a fresh process).",
        "",
        f"Machine: {machine()}; {os.cpu_count()} cores.",
        "",
        "Charts: indicators times languages; 5 files each (3 page SVGs, a full-size SVG, a PNG).",
        "",
        "| case | charts | floor s | site s | site / floor | target | met "
        "| floor CPU s | site CPU s | CPU ratio |",
        "|---|--:|--:|--:|--:|--:|:-:|--:|--:|--:|",
    ]
    ok = True
    for name, (_, _, charts) in cases.items():
        floor, floor_cpu = samples[f"floor {name}"]
        site, site_cpu = samples[f"site {name}"]
        ratio = site / floor
        ok &= ratio <= TARGET
        lines.append(
            f"| {name} | {charts:,} | {floor:.2f} | {site:.2f} | {ratio:.2f} | "
            f"≤ {TARGET:.1f} | {'✅' if ratio <= TARGET else '❌'} | {floor_cpu:.2f} | "
            f"{site_cpu:.2f} | {site_cpu / floor_cpu:.2f} |"
        )
    lines += [
        "",
        f"Load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
        f"(on {os.cpu_count()} cores; the ratio of wall times needs the cores to be free).",
    ]
    table = "\n".join(lines) + "\n"
    print(table)
    (REPO / "docs" / "site-benchmark.md").write_text(
        "# `intl-tracker site` benchmark\n\n" + table, encoding="utf-8"
    )
    readme = REPO / "docs" / "development" / "speed.md"
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(r"(<!-- site-benchmark:start -->\n).*?(<!-- site-benchmark:end -->)", re.S)
    if pattern.search(text):
        readme.write_text(pattern.sub(lambda m: m.group(1) + table + m.group(2), text), "utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
