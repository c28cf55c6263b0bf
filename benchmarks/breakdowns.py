# ruff: noqa: RUF001
"""Benchmark of breakdowns (issue 24): a data set of N indicators x 100 categories x 20 years
(``breakdown_data.py``; 1,000 indicators: 2,000,000 category values in 1,000 CSV files)
validated and reported against the plain parse floor of the same files (``floor_parse.py``:
libyaml for the YAML files, the csv module for the CSV files), fairly both ways: each
``intl-tracker`` run on one core against the floor on one core, and on both cores against
the floor shared out over both cores.

    .venv/bin/python benchmarks/breakdowns.py [--rounds 5] [--n 1000] [--no-write] [--no-by]

Interleaved rounds as in ``run.py`` (each command as a subprocess, rotating order, medians,
peak RSS of the process and the workers it waited for) and the CPU time (user + system) of
each run with the workers it waited for: on a shared machine the wall times of the runs on
two cores need both cores free, and the CPU times say what they would take on idle cores.
The table is printed and written between ``<!-- breakdowns:start -->`` and
``<!-- breakdowns:end -->`` in docs/development/speed.md and docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402
from breakdown_data import generate  # noqa: E402
from run import CLI, PYTHON, REPO, base_env, load_average, machine  # noqa: E402

START, END = "<!-- breakdowns:start -->", "<!-- breakdowns:end -->"
TARGET = 1.0
# Each command and the floor it is compared with (the same number of cores).
FLOOR_OF = {
    "floor": "floor",
    "floor-2-cores": "floor-2-cores",
    "validate": "floor-2-cores",
    "validate-1-core": "floor",
    "report-json": "floor-2-cores",
    "report-json-1-core": "floor",
    "report-by-json": "floor-2-cores",
    "report-by-json-1-core": "floor",
}
GATED = ("validate", "validate-1-core", "report-json", "report-json-1-core")


@dataclass
class Sample(run.Sample):
    """run.py's sample with the CPU time of each round (the process and its workers)."""

    cpu: list[float] = field(default_factory=list)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


def run_measured(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall time, CPU time (user + system, with the workers it waited for) and peak RSS (kB)
    of one subprocess, via os.wait4; output to temporary files."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            sys.stderr.write(err.read().decode(errors="replace")[-2000:])
            raise SystemExit(f"{' '.join(argv)} failed")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def measure(cmds: dict[str, tuple[list[str], dict[str, str]]], rounds: int) -> dict[str, Sample]:
    samples = {name: Sample() for name in cmds}
    for argv, env in cmds.values():  # warm the page cache and .pyc files
        run_measured(argv, env)
    names = list(cmds)
    for round_ in range(rounds):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            seconds, cpu, rss = run_measured(*cmds[name])
            samples[name].seconds.append(seconds)
            samples[name].cpu.append(cpu)
            samples[name].max_rss_kb.append(rss)
    return samples


def spread(ratios: list[float]) -> str:
    ratios = sorted(ratios)
    if len(ratios) < 4:
        return f"{ratios[0]:.2f}–{ratios[-1]:.2f}"
    q1, _, q3 = statistics.quantiles(ratios, n=4)
    return f"{q1:.2f}–{q3:.2f}"


def table(samples: dict[str, Sample], n: int, rounds: int, loads: tuple[str, str]) -> str:
    lines = [
        f"Measured {dt.date.today().isoformat()} by `benchmarks/breakdowns.py`, {rounds} "
        f"rounds, {n:,} indicators × 100 categories × 20 years ({n * 2000:,} category "
        f"values); load average (1, 5, 15 min) at the start {loads[0]}, at the end "
        f"{loads[1]}; {machine()}.",
        "",
        "| command | floor compared with | median s | × floor | ratio IQR | CPU s | "
        "CPU × floor CPU | peak MB | target | met |",
        "|---|---|--:|--:|---|--:|--:|--:|---|---|",
    ]
    for name, sample in samples.items():
        floor_name = FLOOR_OF[name]
        floor = samples[floor_name]
        ratio = sample.median / floor.median
        cpu_ratio = sample.cpu_median / floor.cpu_median
        paired = len(sample.seconds) == len(floor.seconds) and sample is not floor
        pairs = zip(sample.seconds, floor.seconds, strict=False)
        iqr = spread([a / b for a, b in pairs]) if paired else ""
        gated = name in GATED
        lines.append(
            f"| {name} | {floor_name if sample is not floor else ''} | {sample.median:.2f} | "
            f"{ratio:.2f} | {iqr} | {sample.cpu_median:.2f} | {cpu_ratio:.2f} | "
            f"{sample.peak_mb:.0f} | "
            f"{f'≤ {TARGET:g}× floor' if gated else ''} | "
            f"{('yes' if ratio <= TARGET else 'no') if gated else ''} |"
        )
    return "\n".join(lines)


def write(table_text: str) -> None:
    for page in (REPO / "docs" / "development" / "speed.md", REPO / "docs" / "benchmarks.md"):
        text = page.read_text(encoding="utf-8")
        if START in text and END in text:
            head, _, rest = text.partition(START)
            _, _, tail = rest.partition(END)
            page.write_text(f"{head}{START}\n{table_text}\n{END}{tail}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    parser.add_argument(
        "--no-by", action="store_true", help="leave out the two report --by runs (minutes)"
    )
    args = parser.parse_args()
    loads = [load_average()]
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "data", args.n)
        env = base_env(Path(tmp) / "pycache")
        one = {**env, "INTL_TRACKER_JOBS": "1"}
        data = ["--data", str(root)]
        floor = [PYTHON, str(HERE / "floor_parse.py"), str(root)]
        cmds = {
            "floor": (floor, env),
            "floor-2-cores": ([*floor, "2"], env),
            "validate": ([*CLI, "validate", *data], env),
            "validate-1-core": ([*CLI, "validate", *data], one),
            "report-json": ([*CLI, "report", *data, "--format", "json"], env),
            "report-json-1-core": ([*CLI, "report", *data, "--format", "json"], one),
        }
        samples = measure(cmds, args.rounds)
        # Once each (every category assessed: 100,000 assessments at 1,000 indicators).
        by = [*CLI, "report", *data, "--format", "json", "--by", "area"]
        by_runs = (("report-by-json", env), ("report-by-json-1-core", one))
        for name, by_env in () if args.no_by else by_runs:
            seconds, cpu, rss = run_measured(by, by_env)  # the bytecode is cached by now
            samples[name] = Sample(seconds=[seconds], max_rss_kb=[rss], cpu=[cpu])
    loads.append(load_average())
    for name, sample in samples.items():  # the raw numbers first, whatever follows
        print(name, [round(x, 2) for x in sample.seconds], [round(x, 2) for x in sample.cpu],
              max(sample.max_rss_kb), file=sys.stderr)  # fmt: skip
    text = table(samples, args.n, args.rounds, (loads[0], loads[1]))
    print(text)
    if not args.no_write:
        write(text)


if __name__ == "__main__":
    main()
