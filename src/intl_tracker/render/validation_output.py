"""Write validation problems as text lines, one JSON document, or GitHub annotations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TextIO

from intl_tracker.core.errors import Problem, Severity
from intl_tracker.core.text_safety import github_data, github_property, visible
from intl_tracker.dataset.data_dirs import display_path, repository_path
from intl_tracker.dataset.loading import ValidationRun
from intl_tracker.render.json_documents.document_versions import VALIDATE_VERSION
from intl_tracker.render.json_documents.json_text import write_json

# GitHub shows at most 10 error and 10 warning annotations per step; the full list is
# always printed as text lines below the annotations.
GITHUB_ANNOTATION_CAP = 10


def _summary(run: ValidationRun) -> str:
    problems = run.problems
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    files = len({p.file for p in problems})
    checked = f"{run.files_checked} file(s) checked"
    if not problems:
        return f"intl-tracker: no problems found; {checked}"
    return (
        f"intl-tracker: {errors} error(s) and {warnings} warning(s) in {files} file(s); " + checked
    )


def _write_text(problems: list[Problem], out: TextIO) -> None:
    for problem in problems:
        out.write(f"{problem}\n")


def github_annotation(problem: Problem) -> str:
    """``::error file=…,line=…,col=…,title=…::message`` with the runner's escaping rules;
    control characters and line breaks are shown as escapes, so that nothing in a file name
    or a message can end the command and start another."""
    props = [f"file={github_property(problem.file)}"]
    if problem.line:
        props += [f"line={problem.line}", f"col={problem.column}"]
    props.append(f"title={github_property('intl-tracker ' + problem.code)}")
    return f"::{problem.severity.value} {','.join(props)}::{github_data(problem.message)}"


def _write_github(problems: list[Problem], out: TextIO) -> None:
    # GitHub places an annotation in the diff only for a repository-relative path; the
    # text list below uses the same names so that both parts of the log agree.
    problems = [replace(p, file=repository_path(p.file)) for p in problems]
    shown: dict[Severity, int] = {Severity.ERROR: 0, Severity.WARNING: 0}
    for problem in problems:
        if shown[problem.severity] < GITHUB_ANNOTATION_CAP:
            out.write(github_annotation(problem) + "\n")
            shown[problem.severity] += 1
    _write_text(problems, out)


def _write_json(run: ValidationRun, out: TextIO, *, valid: bool) -> None:
    problems = run.problems
    document = {
        "schema_version": VALIDATE_VERSION,
        "valid": valid,
        "summary": {
            "errors": sum(p.severity is Severity.ERROR for p in problems),
            "warnings": sum(p.severity is Severity.WARNING for p in problems),
            "files": len({p.file for p in problems}),  # files with problems
            "files_checked": run.files_checked,
        },
        "data_sets": [
            {"path": visible(display_path(d.path)), "programme": d.programme_id, "files": d.files}
            for d in run.data_sets
        ],
        "problems": [
            {
                # visible(): a file name that is not UTF-8 would make the document invalid
                "file": visible(p.file),
                "line": p.line,
                "column": p.column,
                "code": p.code,
                "severity": p.severity.value,
                "message": visible(p.message),
            }
            for p in problems
        ],
    }
    write_json(document, out)


WRITERS: dict[str, Callable[[list[Problem], TextIO], None]] = {
    "text": _write_text,
    "github": _write_github,
}


def render_problems(
    run: ValidationRun, fmt: str, out: TextIO, err: TextIO, *, strict: bool
) -> bool:
    """Write the problems of ``run`` in ``fmt`` (text, json or github) to ``out`` and a
    summary line to ``err``; return True when the run fails (errors, or warnings under
    ``strict``)."""
    problems = run.problems
    failed = any(p.severity is Severity.ERROR or strict for p in problems)
    if fmt == "json":
        _write_json(run, out, valid=not failed)
    else:
        WRITERS[fmt](problems, out)
    err.write(_summary(run) + "\n")
    return failed
