"""``intl-tracker export``: the data set as open data files in a folder, written whole or not.

What is written (docs/guide/publishers.md, "Open data exports"), by format:

==========  ====================================================================
``csv``     ``values.csv`` (the whole data set), ``indicators/<id>.csv`` and
            ``datapackage.json`` (Data Package v2.0 describing both)
``xlsx``    ``<programme id>.xlsx``: the values and the statuses of the year
``open-sdg`` ``open-sdg/``: Open SDG's data, indicator-config and meta files
``dcat``    ``dcat.jsonld``: DCAT-AP 3.0.0 metadata of the files above
==========  ====================================================================

The folder: every file is written into a staging folder beside ``DIR`` and the staging
folder is renamed to ``DIR`` only when all of it is written, so a reader never sees a
partial export. A ``DIR`` that exists may hold only what an earlier export wrote (the
manifest ``.intl-tracker-export.json`` names every file with its SHA-256): the old folder is
then moved aside, the new one renamed into place and the old one removed. A folder holding
any other file, a changed file, or a ``DIR`` that is a file is refused before anything is
written (exit 3, one line); so is a parent folder that cannot be written (a missing one is
made). A ``DIR`` that is a link to a folder is written through: the folder it names is
replaced. A staging folder left by ``kill -9`` (``.intl-tracker-export-*`` beside ``DIR``)
is not removed by a later export (another export may be writing it): remove it by hand.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from intl_tracker.app.workflows import report_of, report_request
from intl_tracker.core import stopping
from intl_tracker.core.errors import OutputUnwritableError, UsageError, unwritable
from intl_tracker.core.text_safety import visible
from intl_tracker.core.vocabulary import Pace
from intl_tracker.dataset.models import Catalog
from intl_tracker.presentation.views import ReportView
from intl_tracker.render.exports.open_data import (
    ALL_VALUES_CSV,
    all_indicator_rows,
    all_values_columns,
    catalog_all_rows,
    catalog_category_rows,
    catalog_dimensions,
    catalog_rows,
    csv_text,
    data_package,
    dimensions_of,
    indicator_columns,
    indicator_csv_path,
    indicator_dimensions,
    ordered_indicators,
)
from intl_tracker.render.json_documents.json_text import json_text
from intl_tracker.site.folder import signals_end_the_build

MANIFEST = ".intl-tracker-export.json"
STAGING_PREFIX = ".intl-tracker-export-"
EXPORT_FORMATS: tuple[str, ...] = ("csv", "xlsx", "open-sdg", "dcat")
DCAT_FILE = "dcat.jsonld"
PACKAGE_FILE = "datapackage.json"


@dataclass(frozen=True, slots=True)
class ExportRequest:
    catalog: Catalog
    folder: Path
    lang: str
    formats: tuple[str, ...]
    year: int | None = None  # the statuses sheet's year (default: the report's)
    method: str = "ratio"
    base_url: str | None = None


#: What ``--base-url`` may be: an http(s) address without spaces, quotes or angle brackets (the
#: same rule as ``base_url`` in site.yaml), so that no ``javascript:`` or ``data:`` address, and
#: no text that breaks out of a JSON-LD or HTML attribute, reaches the published metadata.
_BASE_URL = re.compile(r"^https?://[^\s/\"'<>\\]+(?:/[^\s\"'<>\\]*)?$")


def check_base_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address (or None). Raises UsageError (exit 2)."""
    if url is not None and (len(url) > 2000 or not _BASE_URL.match(url)):
        raise UsageError(f"--base-url {visible(url[:200])!r} is not an http:// or https:// address")
    return url


def check_formats(asked: Sequence[str]) -> tuple[str, ...]:
    """The formats asked (none: all), in the documented order. Raises UsageError."""
    for fmt in asked:
        if fmt not in EXPORT_FORMATS:
            raise UsageError(f"unknown export format {fmt!r}; use {', '.join(EXPORT_FORMATS)}")
    return tuple(f for f in EXPORT_FORMATS if not asked or f in asked)


def export_files(request: ExportRequest) -> dict[str, bytes]:
    """Every file of the export (path relative to the folder: bytes)."""
    files: dict[str, bytes] = {}
    writers = {"csv": _csv_files, "xlsx": _workbook_file, "open-sdg": _open_sdg_files}
    for fmt in request.formats:
        if fmt in writers:
            files |= writers[fmt](request)
    if "dcat" in request.formats:  # last: it lists the files of the folder
        from intl_tracker.render.exports.dcat import dcat_dataset

        listed = sorted(p for p in files if "/" not in p)
        document = dcat_dataset(request.catalog, listed, request.base_url)
        files[DCAT_FILE] = json_text(document).encode()
    return files


def _csv_files(request: ExportRequest) -> dict[str, bytes]:
    """``values.csv``, ``indicators/<id>.csv`` and the Data Package describing them."""
    catalog, lang = request.catalog, request.lang
    dimensions = dimensions_of(catalog)
    columns = all_values_columns(catalog_dimensions(catalog), dimensions)
    files = {ALL_VALUES_CSV: csv_text(columns, catalog_all_rows(catalog), lang).encode()}
    for goal, indicator in ordered_indicators(catalog):
        own = indicator_columns(indicator_dimensions(indicator), dimensions)
        text = csv_text(own, all_indicator_rows(catalog, goal, indicator), lang)
        files[indicator_csv_path(indicator.id)] = text.encode()
    files[PACKAGE_FILE] = json_text(data_package(catalog, lang)).encode()
    return files


def _workbook_file(request: ExportRequest) -> dict[str, bytes]:
    from intl_tracker.render.exports.workbook import workbook_bytes

    catalog = request.catalog
    view = _statuses(request) if catalog.year_span() is not None else None
    rows, by_category = catalog_rows(catalog), catalog_category_rows(catalog)
    data = workbook_bytes(
        catalog.programme, rows, view, request.lang, by_category, catalog.dimensions
    )
    return {f"{catalog.programme.id}.xlsx": data}


def _open_sdg_files(request: ExportRequest) -> dict[str, bytes]:
    from intl_tracker.render.exports.open_sdg import open_sdg_files

    files = open_sdg_files(request.catalog, request.lang)
    return {f"open-sdg/{path}": text.encode() for path, text in files.items()}


def _statuses(request: ExportRequest) -> ReportView:
    """The report of the workbook's statuses sheet (every indicator, as ``report``)."""
    return report_of(
        report_request(
            request.catalog,
            year=request.year,
            goals=[],
            indicators=[],
            method=request.method,
            pace=Pace.ENDPOINTS,
            since=None,
            period=None,
        )
    )


def export(request: ExportRequest) -> int:
    """Write the export of ``request`` into its folder; the number of files written.
    Raises OutputUnwritableError (exit 3) as the module docstring says."""
    return write_folder(request.folder, export_files(request))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


#: Every path an export writes (relative to its folder); a manifest naming any other path is
#: not believed (a planted manifest cannot make an export replace ``thesis.docx``).
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
OWNED_PATH = re.compile(
    rf"(?:{re.escape(MANIFEST)}|values\.csv|datapackage\.json|dcat\.jsonld|{_SLUG}\.xlsx"
    rf"|indicators/{_SLUG}\.csv|open-sdg/(?:data/indicator_{_SLUG}\.csv"
    rf"|indicator-config/{_SLUG}\.yml|meta/{_SLUG}\.yml))"
)


def _listed(folder: Path) -> dict[str, str]:
    """The files an earlier export's manifest names (path: SHA-256), paths it writes only."""
    try:
        listed = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
        assert isinstance(listed, dict)
    except (OSError, ValueError, KeyError, TypeError, AssertionError):
        return {}
    return {
        name: digest
        for name, digest in listed.items()
        if isinstance(name, str) and OWNED_PATH.fullmatch(name) and isinstance(digest, str)
    }


def _foreign(folder: Path, name: str) -> OutputUnwritableError:
    return OutputUnwritableError(
        folder,
        f"it holds '{name}', which an earlier export did not write or which was "
        "changed since; give a new or empty folder, or move it away",
    )


def _owned(folder: Path) -> None:
    """Raise OutputUnwritableError unless ``folder`` holds only an earlier export's files,
    unchanged, and the folders holding them (or nothing): a link, an empty folder, an
    unreadable folder or any other entry stops the export at the first one found."""
    listed = _listed(folder)
    folders = {str(PurePosixPath(name).parent) for name in listed} - {"."}
    folders |= {str(p) for name in folders for p in PurePosixPath(name).parents} - {"."}

    def fail(error: OSError) -> None:
        raise unwritable(folder, error)

    for top, dirs, names in os.walk(folder, onerror=fail):
        here = PurePosixPath(Path(top).relative_to(folder).as_posix())
        for entry in [*dirs, *names]:
            name = str(here / entry) if str(here) != "." else entry
            path = Path(top, entry)
            if path.is_symlink() or not (path.is_dir() or path.is_file()):
                raise _foreign(folder, name)
            if path.is_dir():
                if name not in folders:
                    raise _foreign(folder, name)
            elif not (name == MANIFEST and listed) and listed.get(name) != _sha256_of(path):
                raise _foreign(folder, name)


def _sha256_of(path: Path) -> str:
    try:
        return _sha256(path.read_bytes())
    except OSError:
        return ""


def _not_current(folder: Path) -> None:
    """Raise OutputUnwritableError when ``folder`` is the current folder or holds it: a
    replaced folder would leave the shell in a removed one."""
    real, here = Path(os.path.realpath(folder)), Path(os.getcwd()).resolve()
    if real == here or real in here.parents:
        raise OutputUnwritableError(
            folder, "it is the current folder or holds it; give a folder beside or below it"
        )


def write_folder(folder: Path, files: Mapping[str, bytes]) -> int:
    """``files`` as the whole content of ``folder`` (see the module docstring)."""
    if os.path.lexists(folder) and not folder.is_dir():
        raise OutputUnwritableError(folder, "it is a file, not a folder")
    if folder.is_dir():
        _not_current(folder)
        _owned(folder)
    real = Path(os.path.realpath(folder))  # a link to a folder: the folder it names
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=real.parent))
    except OSError as exc:
        raise unwritable(folder, exc) from exc
    try:
        with signals_end_the_build():  # SIGTERM, SIGHUP: SystemExit, so the staging goes
            _fill(staging, files)
            with stopping.signals_held():  # Ctrl-C waits until the folder is in place
                _swap(staging, real)
    except OSError as exc:
        raise unwritable(folder, exc) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return len(files)


def _fill(staging: Path, files: Mapping[str, bytes]) -> None:
    manifest = {"files": {name: _sha256(data) for name, data in sorted(files.items())}}
    for name, data in [*files.items(), (MANIFEST, json_text(manifest).encode())]:
        path = staging / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    for path in [staging, *(p for p in staging.rglob("*") if p.is_dir())]:
        path.chmod(0o755)  # mkdtemp made the staging folder 0700


def _swap(staging: Path, folder: Path) -> None:
    """Put ``staging`` in the place of ``folder`` (which may exist: it is moved aside and
    removed once the new one is in place)."""
    if not folder.exists():
        os.rename(staging, folder)
        return
    old = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder.parent))
    os.rename(folder, old / "old")
    try:
        os.rename(staging, folder)
    except OSError:
        os.rename(old / "old", folder)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)
