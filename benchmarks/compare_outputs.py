"""Record every command's output on the bundled data and the test corpora, to compare two trees.

A refactoring that must not change behaviour (the package layout of issue 19, the serial
switch of the speed code) is checked by running this before and after and comparing::

    python benchmarks/compare_outputs.py record /tmp/before          # on the old commit
    python benchmarks/compare_outputs.py record /tmp/after           # on the new one
    python benchmarks/compare_outputs.py compare /tmp/before /tmp/after

``record`` writes, per command, its stdout, stderr and exit code (one file each) plus the
files a ``site`` build and ``show --chart`` write. ``compare`` prints every file that differs and
exits 1 when any does. The tool is the ``intl-tracker`` next to this interpreter, unless
``--tool`` names another; extra environment (``INTL_TRACKER_JOBS=1``) is passed through.
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPORA = [REPO / "data", *sorted((REPO / "tests" / "data" / "valid").iterdir())]
INVALID = sorted((REPO / "tests" / "data" / "invalid").iterdir())
LANGS = ("en", "fi", "sv")


def commands() -> list[tuple[str, list[str]]]:
    """(name, arguments) of every run to record."""
    runs: list[tuple[str, list[str]]] = [
        ("help", ["--help"]),
        ("version", ["--version"]),
        ("default-report", ["report", "2024"]),  # the bundled data set, found by itself
        ("default-list", ["list"]),
        *[(f"help-{c}", [c, "--help"]) for c in _COMMANDS],
        *[(f"schema-{s}", ["schema", s]) for s in _SCHEMAS],
    ]
    for corpus in CORPORA:
        data = ["--data", str(corpus)]
        tag = corpus.name
        runs += [
            (f"{tag}-validate", ["validate", *data]),
            (f"{tag}-validate-json", ["validate", *data, "--format", "json"]),
            (f"{tag}-validate-github", ["validate", *data, "--format", "github"]),
            (f"{tag}-list", ["list", *data]),
            (f"{tag}-list-goals-json", ["list", "goals", *data, "--format", "json"]),
            (f"{tag}-list-json", ["list", *data, "--format", "json"]),
        ]
        for lang in LANGS:
            for fmt in ("table", "json", "csv", "markdown"):
                runs.append(
                    (f"{tag}-report-{lang}-{fmt}", ["report", *data, "-f", fmt, "--lang", lang])
                )
        for method in ("unsd", "dns"):
            runs.append((f"{tag}-report-{method}", ["report", *data, "-m", method, "-f", "json"]))
            # Every place that words or lays out a method's own numbers (pace column, notes).
            for lang in ("en", "fi"):
                runs.append(
                    (
                        f"{tag}-report-{method}-{lang}",
                        ["report", *data, "-m", method, "--lang", lang],
                    )
                )
            for fmt in ("csv", "markdown"):
                runs.append(
                    (f"{tag}-report-{method}-{fmt}", ["report", *data, "-m", method, "-f", fmt])
                )
            for ident in _ids(corpus):
                runs.append((f"{tag}-show-{ident}-{method}", ["show", ident, *data, "-m", method]))
                runs.append(
                    (
                        f"{tag}-show-{ident}-{method}-json",
                        ["show", ident, *data, "-m", method, "-f", "json"],
                    )
                )
        runs += [
            (f"{tag}-report-2020", ["report", "2020", *data]),
            (f"{tag}-report-compare", ["report", "2024", "--compare", "2020", *data]),
            (
                f"{tag}-report-compare-json",
                ["report", "2024", "--compare", "2020", *data, "-f", "json"],
            ),
            (f"{tag}-report-fitted", ["report", *data, "--pace", "fitted", "-f", "json"]),
            (f"{tag}-report-long", ["report", *data, "--period", "long"]),
        ]
        for ident in _ids(corpus):
            for lang in LANGS:
                runs.append((f"{tag}-show-{ident}-{lang}", ["show", ident, *data, "--lang", lang]))
            runs.append((f"{tag}-show-{ident}-json", ["show", ident, *data, "-f", "json"]))
    for corpus in INVALID:
        data = ["--data", str(corpus)]
        runs += [
            (f"invalid-{corpus.name}", ["validate", *data]),
            (f"invalid-{corpus.name}-json", ["validate", *data, "--format", "json"]),
            (f"invalid-{corpus.name}-report", ["report", *data]),
        ]
    return runs


#: Indicators of the bundled data whose charts are drawn by every method.
_CHART_IDS = ("foreign-language-share", "ghg-emissions-per-capita", "gdsi-rank")
_COMMANDS = ("validate", "list", "schema", "report", "show", "record", "import", "site")
_SCHEMAS = ("indicator", "goals", "report", "show", "validate", "list")


def _ids(corpus: Path) -> list[str]:
    folder = corpus / "indicators"
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def _tool(args: argparse.Namespace) -> str:
    return str(args.tool or Path(sys.executable).with_name("intl-tracker"))


def _normalise(text: bytes, out: Path) -> bytes:
    """Temporary paths differ between two recordings; the rest must not."""
    return text.replace(str(out).encode(), b"<OUT>")


def record(args: argparse.Namespace) -> int:
    out: Path = args.folder
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    tool = _tool(args)
    for name, argv in commands():
        done = subprocess.run([tool, *argv], capture_output=True, env=env, cwd=out, check=False)
        (out / f"{name}.out").write_bytes(done.stdout)
        (out / f"{name}.err").write_bytes(_normalise(done.stderr, out))
        (out / f"{name}.rc").write_text(f"{done.returncode}\n", encoding="utf-8")
    chart = out / "chart.svg"
    data = ["--data", str(REPO / "data")]
    subprocess.run(
        [tool, "show", "foreign-language-share", "--chart", str(chart), *data],
        capture_output=True, env=env, check=False,
    )  # fmt: skip
    for ident in _CHART_IDS:  # each method's chart annotation and projection curve
        for method in ("ratio", "unsd", "dns"):
            svg = out / f"chart-{ident}-{method}.svg"
            subprocess.run(
                [tool, "show", ident, "-m", method, "--chart", str(svg), *data],
                capture_output=True, env=env, check=False,
            )  # fmt: skip
    site = out / "site"
    done = subprocess.run(
        [tool, "site", "2024", "--output", str(site), "--data", str(REPO / "data")],
        capture_output=True, env=env, check=False,
    )  # fmt: skip
    (out / "site.rc").write_text(f"{done.returncode}\n", encoding="utf-8")
    done = subprocess.run(
        [tool, "site", "2024", "-m", "dns", "--output", str(out / "site-dns"), *data],
        capture_output=True, env=env, check=False,
    )  # fmt: skip
    (out / "site-dns.rc").write_text(f"{done.returncode}\n", encoding="utf-8")
    print(f"recorded {len(commands())} commands, the chart and the site in {out}")
    return 0


_SVG_IDS = re.compile(rb'(id|href|clip-path|url)\(?="?#?[a-z]*[0-9a-f]{8,}')


def _digest(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".svg":  # matplotlib's ids are random unless svg.hashsalt is set
        data = _SVG_IDS.sub(b"<id>", data)
    return hashlib.sha256(data).hexdigest()


def compare(args: argparse.Namespace) -> int:
    before: Path = args.before
    after: Path = args.after
    names = {p.relative_to(before) for p in before.rglob("*") if p.is_file()}
    names |= {p.relative_to(after) for p in after.rglob("*") if p.is_file()}
    differ = []
    for name in sorted(names):
        a, b = before / name, after / name
        if not (a.is_file() and b.is_file()):
            differ.append(f"only in one: {name}")
        elif not filecmp.cmp(a, b, shallow=False) and _digest(a) != _digest(b):
            differ.append(f"differs: {name}")
    print("\n".join(differ) or f"identical: {len(names)} files")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="verb", required=True)
    rec = sub.add_parser("record")
    rec.add_argument("folder", type=Path)
    rec.add_argument("--tool", help="the intl-tracker to run (default: beside this Python)")
    cmp = sub.add_parser("compare")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = parser.parse_args()
    return record(args) if args.verb == "record" else compare(args)


if __name__ == "__main__":
    sys.exit(main())
