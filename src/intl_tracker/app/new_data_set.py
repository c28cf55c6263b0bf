"""``intl-tracker init``: a new city's data set, ready to validate, report and commit.

Five files from the text templates in ``init_templates/`` (``string.Template``; the example
texts per language in ``init_templates/texts.toml``):

==================================  ====================================================
``goals.yaml``                      the programme, one goal and one objective
``indicators/example-indicator.yaml``  one indicator with a target and three EXAMPLE values
``.gitignore``                      the files ``record`` and ``import`` leave beside the data
``.pre-commit-config.yaml``         intl-tracker's pre-commit hook (``.pre-commit-hooks.yaml``)
``.github/workflows/validate.yml``  ``intl-tracker validate`` on every push (GitHub Actions)
==================================  ====================================================

Nothing is ever overwritten: every target is checked before the first is written, and a file
that appears meanwhile, or a write that fails, removes what this run wrote. The values and the
target are fictional and say so in a comment and in each one's note. Not on the start-up path
of any other command: the command line imports this module inside ``init`` only.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tomllib
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from string import Template

from intl_tracker import __version__
from intl_tracker.core.errors import UsageError, unwritable
from intl_tracker.core.i18n import normalize_language
from intl_tracker.core.text_safety import visible
from intl_tracker.dataset.data_dirs import (
    GOALS_FILE,
    INDICATORS_DIR,
    WRITE_TEMP_SUFFIX,
)

TEMPLATES = Path(__file__).parent / "init_templates"
DEFAULT_PROGRAMME_ID = "example-programme"
INDICATOR_ID = "example-indicator"
#: Where to install intl-tracker from when neither ``--tool-repo`` nor this installation's
#: metadata (``Project-URL: Repository``) names it: a placeholder the written files mark EDIT.
PLACEHOLDER_REPOSITORY = "https://github.com/OWNER/intl-tracker"
_EDIT_NOTE = "  # EDIT: the address of intl-tracker's git repository"

# As ``dataset.models.Slug`` (a test holds the two equal); here without importing pydantic.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 100
TEXT_MAX = 10_000  # as ``dataset.models.Text``
# A git address pip and pre-commit both take, safe inside a shell word in double quotes and a
# YAML plain scalar: a scheme, then no blank, quote, ``$``, backtick, backslash, ``;|&<>#``.
_REPOSITORY = re.compile(r"^(?:https?|ssh|file)://[A-Za-z0-9._~:/@%+=,!*()\[\]-]+$")


@dataclass(frozen=True, slots=True)
class InitRequest:
    """What ``init`` writes: ``languages`` are codes of ``texts.toml``, in the order written;
    ``name`` None means the example name in each language; ``tool_repository``
    None means this installation's repository address, else the placeholder."""

    folder: Path
    programme_id: str
    name: str | None
    languages: tuple[str, ...]
    tool_repository: str | None = None


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """One file to write: its path relative to the folder (``/``-separated), its text, and
    what it is for (said on stderr)."""

    relative: str
    text: str
    purpose: str


@dataclass(frozen=True, slots=True)
class InitResult:
    """What ``init`` wrote, in order, and whether the tool's address is the placeholder."""

    folder: Path
    files: tuple[PlannedFile, ...]
    programme_id: str
    placeholder_repository: bool


def parse_languages(value: str) -> tuple[str, ...]:
    """``"fi,sv,en"`` (any case, blanks allowed) as codes, duplicates dropped. Raises
    UsageError (exit 2) for an empty list or a code with no example texts."""
    codes: list[str] = []
    for part in value.split(","):
        if part.strip():
            code = normalize_language(part)
            if code not in codes:
                codes.append(code)
    if not codes:
        raise UsageError("--lang needs at least one language code, e.g. fi,sv,en")
    return tuple(codes)


def programme_id_for(given: str | None, name: str | None) -> str:
    """``given`` when it is a valid id (else UsageError), else an id made of ``name``
    (``"Kansainvälinen Tampere 2030"`` -> ``kansainvalinen-tampere-2030``: accents dropped,
    other characters as hyphens), else ``example-programme``."""
    if given is not None:
        if not SLUG.match(given) or len(given) > SLUG_MAX:
            raise UsageError(
                f"--programme-id {visible(given)!r} is not an id: use lowercase letters a-z, "
                f"digits and single hyphens (at most {SLUG_MAX} characters), e.g. tampere-2030"
            )
        return given
    return slug_of(name or "") or DEFAULT_PROGRAMME_ID


def slug_of(text: str) -> str:
    """``text`` as an id: accents dropped (NFKD), lowercase, every run of other characters a
    hyphen, cut to ``SLUG_MAX`` at a hyphen; "" when no letter a-z or digit remains."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0] if "-" in slug[:SLUG_MAX] else slug[:SLUG_MAX]
    return slug


def check_name(name: str | None) -> str | None:
    """The programme name without surrounding blanks. Raises UsageError for an empty one,
    one over ``TEXT_MAX`` characters, or one holding a character the data format or a
    terminal would not show as itself (control, bidi, line separator: ``text_safety``)."""
    if name is None:
        return None
    stripped = name.strip()
    if not stripped:
        raise UsageError("--name is empty")
    if len(stripped) > TEXT_MAX:
        raise UsageError(f"--name has {len(stripped)} characters; at most {TEXT_MAX}")
    if visible(stripped) != stripped:
        raise UsageError(
            f"--name {visible(stripped)!r} holds a control or invisible character; "
            "give the name as plain text"
        )
    return stripped


def check_repository(address: str | None) -> str | None:
    """``address`` when it is a git address pip and pre-commit both take (``https://``,
    ``ssh://`` or ``file://``, no blank or shell character). Raises UsageError."""
    if address is not None and not _REPOSITORY.match(address):
        raise UsageError(
            f"--tool-repo {visible(address)!r} is not a repository address: give one "
            "starting with https://, ssh:// or file://, without blanks or quotes"
        )
    return address


def installed_repository() -> str | None:
    """The ``Repository`` (or ``Source``) address in this installation's metadata, if any."""
    from importlib import metadata

    try:
        urls = metadata.metadata("intl-tracker").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _, address = str(entry).partition(",")
        address = address.strip()
        if label.strip().lower() in ("repository", "source") and _REPOSITORY.match(address):
            return address
    return None


def tool_repository(request: InitRequest) -> str:
    """Where the written files install intl-tracker from: ``--tool-repo``, else this
    installation's ``Repository`` address, else ``PLACEHOLDER_REPOSITORY``."""
    return request.tool_repository or installed_repository() or PLACEHOLDER_REPOSITORY


#: (template, file written, what it is for) in the order written.
_LAYOUT = (
    ("goals.yaml.tmpl", GOALS_FILE, "the programme, one goal and one objective"),
    (
        "indicator.yaml.tmpl",
        f"{INDICATORS_DIR}/{INDICATOR_ID}.yaml",
        "one indicator: a target and EXAMPLE values, not statistics",
    ),
    ("gitignore.tmpl", ".gitignore", "keeps the writers' temporary files out of git"),
    ("pre-commit-config.yaml.tmpl", ".pre-commit-config.yaml", "validates before each commit"),
    (
        "validate.yml.tmpl",
        ".github/workflows/validate.yml",
        "validates on every push and pull request (GitHub Actions)",
    ),
)


def plan(request: InitRequest, repository: str) -> tuple[PlannedFile, ...]:
    """The five files of a new data set for ``request``, rendered; nothing is written."""
    texts = _texts()
    langs = request.languages
    names = dict.fromkeys(langs, request.name) if request.name else texts["programme_name"]
    fields = {
        "programme_id": request.programme_id,
        "programme_name": _localized(names, langs, 4),
        "goal_name": _localized(texts["goal_name"], langs, 6),
        "objective_text": _localized(texts["objective_text"], langs, 10),
        "indicator_name": _localized(texts["indicator_name"], langs, 2),
        "indicator_definition": _localized(texts["indicator_definition"], langs, 2),
        "value_note": _localized(texts["value_note"], langs, 6),
        "target_note": _localized(texts["target_note"], langs, 6),
        "writer_files": "\n".join(f"# {why}\n{line}" for why, line in writer_patterns()),
        "tool_repo": repository,
        "edit_note": _EDIT_NOTE if repository == PLACEHOLDER_REPOSITORY else "",
        "version": __version__,
    }
    return tuple(
        PlannedFile(target, _render(template, fields), purpose)
        for template, target, purpose in _LAYOUT
    )


def writer_patterns() -> tuple[tuple[str, str], ...]:
    """``(comment, .gitignore line)`` for each file ``record`` and ``import`` may leave in
    ``indicators/`` (``data_dirs``): only the temporary ``.ID.yaml.<random>.tmp`` of an
    interrupted write; their locks are kept outside the data set (``updating.locks``)."""
    return (
        (
            "The temporary file of an interrupted write (`intl-tracker validate` reports one).",
            f"/{INDICATORS_DIR}/.*{WRITE_TEMP_SUFFIX}",
        ),
    )


def _texts() -> dict[str, dict[str, str]]:
    with (TEMPLATES / "texts.toml").open("rb") as file:
        return tomllib.load(file)  # tables of str by language (tests/app/test_init.py)


def _render(template: str, fields: dict[str, str]) -> str:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    return Template(text).substitute(fields)


def _quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar. JSON's escapes (``\\"``, ``\\\\``) are YAML's
    too; the texts hold no control character (``check_name``)."""
    return json.dumps(text, ensure_ascii=False)


def _localized(texts: dict[str, str], langs: Sequence[str], indent: int) -> str:
    """A block mapping ``code: "text"``, one line per language in ``langs``' order."""
    return "\n".join(f"{' ' * indent}{lang}: {_quoted(texts[lang])}" for lang in langs)


def init_data_set(request: InitRequest) -> InitResult:
    """Write a new data set into ``request.folder`` (made when missing) and say what it wrote.

    Raises UsageError (exit 2) naming the first target that exists, when the folder is a file
    or when one of the folders to write into is not a folder, before anything is written; and
    OutputUnwritableError (exit 3, ``cannot write 'PATH': reason``) when a folder or file
    cannot be made, after removing whatever this run had written.
    """
    repository = tool_repository(request)
    files = plan(request, repository)
    check_free(request.folder, files)
    with _undone_on_failure() as made:
        _make_folder(request.folder, made)
        for planned in files:
            _write_new(request.folder, planned, made)
    return InitResult(
        request.folder,
        files,
        request.programme_id,
        placeholder_repository=repository == PLACEHOLDER_REPOSITORY,
    )


def check_free(folder: Path, files: Sequence[PlannedFile]) -> None:
    """Raise UsageError unless every file in ``files`` can be made new in ``folder``: the
    folder and the folders on the way are folders (or missing), no target exists (not even
    as a broken link), and ``indicators/`` holds no other data set's files."""
    _must_be_folder(folder, "the folder to write the data set into")
    for planned in files:
        target = folder / planned.relative
        for parent in reversed(Path(planned.relative).parents[:-1]):
            _must_be_folder(folder / parent, "a folder init writes into")
        if os.path.lexists(target):
            raise UsageError(
                f"'{visible(str(target))}' exists; init never overwrites a file: move it "
                "aside, or run init in an empty folder and copy what you need"
            )
    indicators = folder / INDICATORS_DIR
    if indicators.is_dir() and _has_visible_entries(indicators):
        raise UsageError(
            f"'{visible(str(indicators))}' already holds files: init starts a new data set; "
            "run it in an empty folder"
        )


def _has_visible_entries(folder: Path) -> bool:
    """Whether ``folder`` holds an entry not starting with a dot (``.gitkeep`` is none)."""
    try:
        with os.scandir(folder) as entries:
            return any(not entry.name.startswith(".") for entry in entries)
    except OSError as exc:
        raise unwritable(folder, exc) from exc


def _must_be_folder(path: Path, role: str) -> None:
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise unwritable(path, exc) from exc
    if not stat.S_ISDIR(mode):
        raise UsageError(f"'{visible(str(path))}' is not a folder ({role})")


@contextmanager
def _undone_on_failure() -> Iterator[list[Path]]:
    """A list to append every file and folder this run makes to; when the block fails (an
    error, Ctrl-C) they are removed again, newest first."""
    made: list[Path] = []
    try:
        yield made
    except BaseException:
        for path in reversed(made):
            with suppress(OSError):  # best effort: the error being raised says what failed
                if path.is_dir() and not path.is_symlink():
                    path.rmdir()
                else:
                    path.unlink()
        raise


def _make_folder(folder: Path, made: list[Path]) -> None:
    """Make ``folder`` and its missing parents, recording each in ``made``."""
    missing = [p for p in (folder, *folder.parents) if not os.path.lexists(p)]
    for path in reversed(missing):
        try:
            path.mkdir()
        except FileExistsError:
            continue  # made meanwhile by someone else: not ours to remove
        except OSError as exc:
            raise unwritable(path, exc) from exc
        made.append(path)


def _write_new(folder: Path, planned: PlannedFile, made: list[Path]) -> None:
    """Write one planned file, which must not exist yet (``open(..., "x")``)."""
    target = folder / planned.relative
    _make_folder(target.parent, made)
    try:
        with target.open("x", encoding="utf-8", newline="\n") as out:
            made.append(target)
            out.write(planned.text)
    except FileExistsError:
        raise UsageError(
            f"'{visible(str(target))}' appeared while init was writing; nothing was kept"
        ) from None
    except OSError as exc:
        raise unwritable(target, exc) from exc


def summary(result: InitResult) -> list[str]:
    """The lines ``init`` prints on stderr: what it wrote, then the commands to run next."""
    width = max(len(f.relative) for f in result.files) + 2
    where = visible(str(result.folder))
    lines = [f"wrote a new data set (programme {result.programme_id}) in '{where}':"]
    lines += [f"  {f.relative:<{width}}{f.purpose}" for f in result.files]
    lines.append("next:")
    if os.path.abspath(result.folder) != os.path.abspath("."):
        import shlex

        lines.append(f"  cd {shlex.quote(where)}")
    lines += [
        "  intl-tracker validate     check the data, as CI and pre-commit will",
        "  intl-tracker report       the follow-up table",
        "  then replace the examples with the programme's own goals, indicators and values",
        "  (their shape: intl-tracker schema goals, intl-tracker schema indicator);",
        "  if the folder is not in git yet: git init && git add -A && git commit -m Indicators",
        "  pip install pre-commit && pre-commit install    to validate before each commit",
    ]
    if result.placeholder_repository:
        lines += [
            "  edit the lines marked EDIT in .pre-commit-config.yaml and",
            "  .github/workflows/validate.yml: the address of intl-tracker's git repository",
        ]
    return lines
