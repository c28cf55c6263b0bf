"""The documentation says what the program does: checked against the program itself.

- docs/reference/cli.md is what ``python docs/gen_cli_reference.py`` writes now, and names every
  command, option and ``--format`` choice of the Typer app;
- the README's synopsis lists every command, with options that exist (and all of them), and the
  README stays within 250 lines;
- the JSON field tables of docs/guide/scripts.md match the published schemas, field by field
  and type by type, and its list of the report's CSV columns matches the CSV header;
- the data keepers' guide's field tables of goals.yaml and indicator files match the file
  schemas, and its complete minimal data set passes ``validate --strict`` and ``report``;
- every problem code the loader can emit is explained in docs/reference/problems.md;
- every relative link in README.md, data/README.md and docs/ points at a file that exists
  (and at a heading that exists, when it names one).
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from tests.conftest import REPO

DOCS = REPO / "docs"
README = REPO / "README.md"
CLI_REFERENCE = DOCS / "reference" / "cli.md"
SCRIPTS_GUIDE = DOCS / "guide" / "scripts.md"
KEEPERS_GUIDE = DOCS / "guide" / "data-keepers.md"
PROBLEMS = DOCS / "reference" / "problems.md"
REGENERATE = "python docs/gen_cli_reference.py"


def _generator() -> ModuleType:
    """docs/gen_cli_reference.py, imported by path (docs/ is not a package)."""
    path = DOCS / "gen_cli_reference.py"
    spec = importlib.util.spec_from_file_location("gen_cli_reference", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_cli_reference", module)
    spec.loader.exec_module(module)
    return module


GEN = _generator()
COMMANDS: dict[str, Any] = GEN.commands()


def _options(command: Any) -> list[list[str]]:
    """Each option's spellings (``['-f', '--format']``), ``--help`` left out."""
    return [
        [*param.opts, *param.secondary_opts]
        for param in command.params
        if param.param_type_name == "option"
    ]


def _format_choices(command: Any) -> list[str]:
    group = GEN.root_command()
    root = group.context_class(group, info_name="intl-tracker")
    context = command.context_class(command, info_name=command.name, parent=root)
    return list(GEN.format_choices(command, context))


# --- the generated CLI reference ----------------------------------------------------------------


def test_cli_reference_is_up_to_date() -> None:
    assert CLI_REFERENCE.read_text(encoding="utf-8") == GEN.render(), (
        f"docs/reference/cli.md is out of date: run `{REGENERATE}` and commit the result"
    )


def _reference_section(name: str) -> str:
    text = CLI_REFERENCE.read_text(encoding="utf-8")
    start = text.index(f"## `intl-tracker {name}`")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_cli_reference_names_every_option_and_format(name: str) -> None:
    section = _reference_section(name)
    for spellings in _options(COMMANDS[name]):
        for spelling in spellings:
            assert re.search(rf"(?<![\w-]){re.escape(spelling)}(?![\w-])", section), (
                f"{name} {spelling} is not in docs/reference/cli.md: run `{REGENERATE}`"
            )
    for choice in _format_choices(COMMANDS[name]):
        assert f"`{choice}`" in section, f"{name} --format {choice}: run `{REGENERATE}`"


def test_the_program_has_the_commands_the_tests_expect() -> None:
    # Guards the tests above against a generator that finds no commands.
    assert {"report", "show", "validate", "list", "schema", "site", "record", "import"} <= set(
        COMMANDS
    )
    assert _format_choices(COMMANDS["report"]) == ["table", "json", "csv", "markdown"]


# --- the README synopsis ------------------------------------------------------------------------


def _synopsis() -> dict[str, str]:
    """Command name -> its synopsis text (continuation lines joined), from README's block."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"## Synopsis\n\n```text\n(.*?)```", text, re.S)
    assert block is not None, "README.md has no '## Synopsis' text block"
    entries: dict[str, str] = {}
    current = ""
    for line in block.group(1).splitlines():
        match = re.match(r"intl-tracker ([a-z][a-z-]*)\b(.*)", line)
        if match:
            current = match.group(1)
            entries[current] = match.group(2)
        elif line.startswith(" ") and current:
            entries[current] += " " + line.strip()
        else:
            current = ""
        if line.startswith("intl-tracker --"):
            entries["--"] = line
    return entries


def test_readme_synopsis_lists_every_command_and_no_other() -> None:
    listed = set(_synopsis()) - {"--"}
    assert listed == set(COMMANDS), (
        f"README synopsis: missing {sorted(set(COMMANDS) - listed)}, "
        f"not commands {sorted(listed - set(COMMANDS))}"
    )


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_readme_synopsis_options_match_help(name: str) -> None:
    text = _synopsis()[name].split("#")[0]
    written = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", text))
    spellings = _options(COMMANDS[name])
    known = {s for option in spellings for s in option}
    assert written <= known, f"README synopsis of {name}: no such option {written - known}"
    missing = [option[-1] for option in spellings if not set(option) & written]
    assert not missing, f"README synopsis of {name} leaves out {missing}"
    choices = _format_choices(COMMANDS[name])
    if choices:
        assert f"--format {'|'.join(choices)}" in text, f"{name}: --format {'|'.join(choices)}"


def test_readme_synopsis_program_options_match_help() -> None:
    written = set(re.findall(r"--[a-z-]+", _synopsis()["--"]))
    expected = {s for option in _options(GEN.root_command()) for s in option} | {"--help"}
    assert written == expected


# --- JSON field tables --------------------------------------------------------------------------


def _schema(document: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["schema", document], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    schema: dict[str, Any] = json.loads(result.stdout)
    return schema


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow ``$ref`` and the non-null member of ``anyOf [X, null]``."""
    while True:
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
        elif "anyOf" in node:
            members = [m for m in node["anyOf"] if m.get("type") != "null"]
            assert len(members) == 1, node
            node = members[0]
        else:
            return node


def _object_at(schema: dict[str, Any], path: str) -> dict[str, Any]:
    """The object schema at ``path``: dotted names, ``[]`` for an array's items, ``*`` for a
    mapping's values (``indicators[].comparison``, ``assessments.*``)."""
    node = schema
    for part in [p for p in path.split(".") if p]:
        name, items = part.removesuffix("[]"), part.endswith("[]")
        node = _resolve(schema, node)
        node = node["additionalProperties"] if name == "*" else node["properties"][name]
        if items:
            node = _resolve(schema, node)["items"]
    return _resolve(schema, node)


def _types(schema: dict[str, Any], node: dict[str, Any]) -> set[str]:
    if "$ref" in node:
        return {"object"}
    if "anyOf" in node:
        return set().union(*(_types(schema, m) for m in node["anyOf"]))
    kind = node.get("type")
    assert kind is not None, node
    return set(kind) if isinstance(kind, list) else {kind}


def _field_tables() -> Iterator[tuple[str, str, list[tuple[str, set[str]]]]]:
    """(document, path, [(field, types)]) for each ``<!-- fields: DOC PATH -->`` table."""
    text = SCRIPTS_GUIDE.read_text(encoding="utf-8")
    for match in re.finditer(r"<!-- fields: (\w+) ?(\S*) -->\n((?:\|.*\n)+)", text):
        rows = []
        for line in match.group(3).splitlines()[2:]:
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
            name = re.fullmatch(r"`([a-z_]+)`", cells[0])
            assert name is not None, f"scripts.md: one field per row, backticked: {line}"
            types = {t.strip() for t in cells[1].replace("\\", "").split("|")}
            rows.append((name.group(1), types))
        yield match.group(1), match.group(2), rows


TABLES = list(_field_tables())


def test_every_json_document_has_field_tables() -> None:
    documented = {document for document, _, _ in TABLES}
    assert documented == {"report", "show", "validate", "list", "due", "diff"}


@pytest.mark.parametrize(
    ("document", "path", "rows"), TABLES, ids=[f"{d} {p}".strip() for d, p, _ in TABLES]
)
def test_json_field_table_matches_the_schema(
    document: str, path: str, rows: list[tuple[str, set[str]]]
) -> None:
    schema = _schema(document)
    properties = _object_at(schema, path)["properties"]
    documented = [name for name, _ in rows]
    assert documented == list(properties), (
        f"scripts.md, {document} {path}: fields differ from `intl-tracker schema {document}`: "
        f"missing {sorted(set(properties) - set(documented))}, "
        f"not in the schema {sorted(set(documented) - set(properties))} (or out of order)"
    )
    for name, types in rows:
        assert types == _types(schema, properties[name]), f"{document} {path} {name}: type"


def test_show_assessments_have_the_report_fields_from_year_to_period_warnings() -> None:
    """scripts.md: show's ``assessments`` have a report indicator's fields, year to
    period_warnings (the last field of an assessment)."""
    report = next(rows for d, p, rows in TABLES if (d, p) == ("report", "indicators[]"))
    names = [name for name, _ in report]
    expected = names[names.index("year") : names.index("period_warnings") + 1]
    assessment = _object_at(_schema("show"), "assessments.*")["properties"]
    assert list(assessment) == expected


# --- the data keepers' minimal example -----------------------------------------------------------


def _examples() -> dict[str, str]:
    text = KEEPERS_GUIDE.read_text(encoding="utf-8")
    return dict(re.findall(r"<!-- example: (\S+) -->\n```yaml\n(.*?)```", text, re.S))


def test_the_minimal_data_set_of_the_guide_validates_and_reports(
    tmp_path: Path, runner: CliRunner
) -> None:
    examples = _examples()
    assert set(examples) == {"goals.yaml", "indicators/foreign-language-share.yaml"}
    for name, body in examples.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(body, encoding="utf-8")
    checked = runner.invoke(
        app, ["validate", "--strict", "--data", str(tmp_path)], catch_exceptions=False
    )
    assert checked.exit_code == 0, checked.output
    report = runner.invoke(
        app, ["report", "--format", "json", "--data", str(tmp_path)], catch_exceptions=False
    )
    assert report.exit_code == 0, report.output
    indicators = json.loads(report.stdout)["indicators"]
    assert [(i["id"], i["status"] != "insufficient_data") for i in indicators] == [
        ("foreign-language-share", True)
    ]


def _data_format_tables() -> list[tuple[str, list[str], list[str]]]:
    """(schema, object paths, documented fields) per ``<!-- fields-of: SCHEMA PATH... -->``."""
    text = KEEPERS_GUIDE.read_text(encoding="utf-8")
    tables = []
    for match in re.finditer(r"<!-- fields-of: (\w+) ?(.*?) -->\n((?:\|.*\n)+)", text):
        rows = [re.match(r"\| `([^`]+)` \|", line) for line in match.group(3).splitlines()[2:]]
        assert all(rows), f"data-keepers.md: one backticked field per row ({match.group(1)})"
        tables.append(
            (match.group(1), match.group(2).split(), [r.group(1) for r in rows if r is not None])
        )
    return tables


@pytest.mark.parametrize(("name", "paths", "documented"), _data_format_tables())
def test_data_format_tables_match_the_file_schemas(
    name: str, paths: list[str], documented: list[str]
) -> None:
    """The guide's field tables of goals.yaml and indicator files name every field of the
    file schema (``intl-tracker schema goals|indicator``) and no other."""
    schema = _schema(name)
    fields = set(schema["properties"])
    for path in paths:
        fields |= {f"{path}.{field}" for field in _object_at(schema, path)["properties"]}
    assert set(documented) == fields, (
        f"data-keepers.md, {name}: missing {sorted(fields - set(documented))}, "
        f"not in `intl-tracker schema {name}` {sorted(set(documented) - fields)}"
    )


def test_both_data_files_have_field_tables() -> None:
    assert [name for name, _, _ in _data_format_tables()] == ["goals", "indicator"]


# --- problem codes ------------------------------------------------------------------------------

_CODE_ARGUMENT = {"Problem": 3, "problem_at": 3, "YamlIssue": 0, "_problem": 2}


def _emitted_codes() -> set[str]:
    """Problem codes in src/intl_tracker/dataset: hyphenated string constants, and constants
    passed as the code of ``Problem``/``problem_at``/``YamlIssue`` or as the middle of a
    ``(path, code, message)`` tuple (the indicator folder's skipped entries)."""
    codes: set[str] = set()
    for path in sorted((REPO / "src" / "intl_tracker" / "dataset").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if re.fullmatch(r"[a-z]+(?:-[a-z]+)+", node.value):
                    codes.add(node.value)
            elif isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                index = _CODE_ARGUMENT.get(name)
                if index is not None and len(node.args) > index:
                    argument = node.args[index]
                    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                        codes.add(argument.value)
            elif isinstance(node, ast.Tuple) and len(node.elts) == 3:
                first, middle, last = node.elts
                if (
                    not isinstance(first, ast.Constant)
                    and isinstance(middle, ast.Constant)
                    and isinstance(middle.value, str)
                    and isinstance(last, ast.Constant | ast.JoinedStr)
                    and re.fullmatch(r"[a-z]+", middle.value)
                ):
                    codes.add(middle.value)
    return codes


def _edit_codes() -> set[str]:
    """Problem codes of refused edits in src/intl_tracker/updating: constants passed as the
    code of ``Problem``/``_problem`` (its other hyphenated strings are HTTP header names)."""
    codes: set[str] = set()
    for path in sorted((REPO / "src" / "intl_tracker" / "updating").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                index = _CODE_ARGUMENT.get(name)
                if index is not None and len(node.args) > index:
                    argument = node.args[index]
                    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                        codes.add(argument.value)
    return codes


def test_every_problem_code_is_explained() -> None:
    listed = set(re.findall(r"^\| `([a-z-]+)` \|", PROBLEMS.read_text(encoding="utf-8"), re.M))
    emitted = _emitted_codes() | _edit_codes()
    assert {"shared-entry", "edit-not-exact"} <= _edit_codes()
    assert {"duplicate-key", "unknown-field", "encoding", "folder"} <= emitted
    assert emitted - listed == set(), "add these codes to docs/reference/problems.md"
    assert listed - emitted == set(), "docs/reference/problems.md lists codes nothing emits"


def test_the_golden_problem_files_use_explained_codes() -> None:
    listed = set(re.findall(r"^\| `([a-z-]+)` \|", PROBLEMS.read_text(encoding="utf-8"), re.M))
    used = set()
    for golden in (REPO / "tests" / "data" / "invalid").glob("*/expected-problems.txt"):
        used |= set(re.findall(r"\[([a-z-]+)\]", golden.read_text(encoding="utf-8")))
    assert used and used <= listed


# --- links --------------------------------------------------------------------------------------


def _pages() -> list[Path]:
    return [README, REPO / "data" / "README.md", *sorted(DOCS.rglob("*.md"))]


def _slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    return {_slug(h) for h in re.findall(r"^#+ (.*)$", text, re.M)}


def _links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)
    return re.findall(r"\]\(([^)\s]+)\)", text)


@pytest.mark.parametrize("page", _pages(), ids=lambda p: str(p.relative_to(REPO)))
def test_relative_links_point_at_existing_files_and_headings(page: Path) -> None:
    for link in _links(page):
        if re.match(r"[a-z]+:", link):
            continue  # https:, mailto:
        target, _, anchor = link.partition("#")
        path = (page.parent / target).resolve() if target else page
        assert path.exists(), f"{page.relative_to(REPO)}: broken link {link}"
        if anchor and path.suffix == ".md":
            assert anchor in _anchors(path), f"{page.relative_to(REPO)}: no heading for {link}"


# --- CSV columns --------------------------------------------------------------------------------


def _documented_csv_columns() -> tuple[list[str], list[str]]:
    """The report CSV's columns as scripts.md lists them, and those ``--compare`` adds."""
    text = SCRIPTS_GUIDE.read_text(encoding="utf-8")
    paragraph = text.split("<!-- csv-columns -->\n", 1)[1].split("\n\n", 1)[0]
    plain, _, compared = paragraph.partition("with `--compare` also")
    return re.findall(r"`([a-z_]+)`", plain), re.findall(r"`([a-z_]+)`", compared)


@pytest.mark.parametrize("compare", [False, True], ids=["plain", "compare"])
def test_csv_columns_are_documented_in_order(runner: CliRunner, compare: bool) -> None:
    plain, compared = _documented_csv_columns()
    args = ["report", "2024", "--format", "csv", "--data", str(REPO / "data")]
    result = runner.invoke(app, [*args, *(["--compare", "2023"] if compare else [])])
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0].split(",")
    assert header == plain + (compared if compare else [])


def test_readme_fits_in_250_lines() -> None:
    """Issue 19: the README is the pitch, set-up, synopsis, data, exit codes and links; the rest
    belongs in docs/ (aim for about 200 lines)."""
    lines = README.read_text(encoding="utf-8").count("\n")
    assert lines <= 250, f"README.md has {lines} lines; move detail into docs/"
