"""The parse floor: read every YAML file of a data set with libyaml, and every breakdown file
(``indicators/*.csv``) with the csv module, and nothing else."""

import csv
import io
import sys
from pathlib import Path

import yaml

root = Path(sys.argv[1])
files = [root / "goals.yaml", *sorted((root / "indicators").glob("*.yaml"))]
for path in files:
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
for path in sorted((root / "indicators").glob("*.csv")):
    list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
