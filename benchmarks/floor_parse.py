"""The parse floor: read every YAML file of a data set with libyaml and nothing else."""

import sys
from pathlib import Path

import yaml

root = Path(sys.argv[1])
files = [root / "goals.yaml", *sorted((root / "indicators").glob("*.yaml"))]
for path in files:
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
