# ruff: noqa: RUF001
"""Benchmark of breakdowns (issue 24): a data set of N indicators x 100 categories x 20 years
(``breakdown_data.py``; 1,000 indicators: 2,000,000 category values in 1,000 CSV files)
validated and reported against the plain parse floor of the same files (``floor_parse.py``:
libyaml for the YAML files, the csv module for the CSV files, one core).

    .venv/bin/python benchmarks/breakdowns.py [--rounds 5] [--n 1000]

Interleaved rounds as in ``run.py`` (each command as a subprocess, medians, peak RSS of the
process and the workers it waited for). The table is printed and written between
``<!-- breakdowns:start -->`` and ``<!-- breakdowns:end -->`` in docs/development/speed.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from breakdown_data import generate  # noqa: E402
from run import CLI, PYTHON, REPO, base_env, load_average, machine, measure, ratio_spread  # noqa: E402

START, END = "<!-- breakdowns:start -->", "<!-- breakdowns:end -->"
TARGET = 1.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "data", args.n)
        pycache = Path(tmp) / "pycache"
        env = base_env(pycache)
        data = ["--data", str(root)]
        cmds = {
            "floor": ([PYTHON, str(HERE / "floor_parse.py"), str(root)], env),
            "validate": ([*CLI, "validate", *data], env),
            "validate-1-core": ([*CLI, "validate", *data], {**env, "INTL_TRACKER_JOBS": "1"}),
            "report-json": ([*CLI, "report", *data, "--format", "json"], env),
        }
        samples = measure(cmds, args.rounds)
        # Once (it assesses every category: 100,000 assessments at 1,000 indicators).
        by_area = measure(
            {"report-by-json": ([*CLI, "report", *data, "--format", "json", "--by", "area"], env)},
            1,
        )
        samples.update(by_area)
    for name, sample in samples.items():  # the raw numbers first, whatever follows
        seconds = [round(x, 2) for x in sample.seconds]
        print(name, seconds, max(sample.max_rss_kb), file=sys.stderr)
    floor = samples["floor"]
    lines = [
        f"Measured {dt.date.today().isoformat()} by `benchmarks/breakdowns.py`, {args.rounds} "
        f"rounds, {args.n:,} indicators × 100 categories × 20 years "
        f"({args.n * 2000:,} category values); load average {load_average()}; {machine()}.",
        "",
        "| command | median s | × floor | ratio IQR | peak MB | target | met |",
        "|---|--:|--:|---|--:|---|---|",
    ]
    for name, sample in samples.items():
        ratio = sample.median / floor.median
        paired = len(sample.seconds) == len(floor.seconds) and name != "floor"
        spread = ratio_spread(sample, floor) if paired else ""
        gated = name in ("validate", "report-json")
        lines.append(
            f"| {name} | {sample.median:.2f} | {ratio:.2f} | "
            f"{spread} | {sample.peak_mb:.0f} | "
            f"{f'≤ {TARGET:g}× floor' if gated else ''} | "
            f"{('yes' if ratio <= TARGET else 'no') if gated else ''} |"
        )
    table = "\n".join(lines)
    print(table)
    speed = REPO / "docs" / "development" / "speed.md"
    text = speed.read_text(encoding="utf-8")
    if START in text and END in text:
        head, _, rest = text.partition(START)
        _, _, tail = rest.partition(END)
        speed.write_text(f"{head}{START}\n{table}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
