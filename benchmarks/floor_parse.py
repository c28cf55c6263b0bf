"""The parse floor: read every YAML file of a data set with libyaml, and every breakdown file
(``indicators/*.csv``) with the csv module, and nothing else.

    python floor_parse.py DATA [JOBS]

With ``JOBS`` > 1 the files are shared out over that many processes (forked; each reads every
JOBS-th file of both kinds, and the first also reads goals.yaml), so that the floor uses as
many cores as ``intl-tracker`` does: the fair floor of a run on every core.
"""

import csv
import io
import multiprocessing
import sys
from pathlib import Path

import yaml


def parse(files: list[Path], tables: list[Path]) -> None:
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    for path in tables:
        list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def main() -> None:
    root = Path(sys.argv[1])
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    files = [root / "goals.yaml", *sorted((root / "indicators").glob("*.yaml"))]
    tables = sorted((root / "indicators").glob("*.csv"))
    if jobs == 1:
        parse(files, tables)
        return
    context = multiprocessing.get_context("fork")
    processes = [
        context.Process(target=parse, args=(files[k::jobs], tables[k::jobs])) for k in range(jobs)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()


if __name__ == "__main__":
    main()
