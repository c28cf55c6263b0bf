"""The site's data downloads: one CSV per indicator, and a ZIP of all data of a language.

The indicator's CSV holds its whole series (also values after the report year, marked), each
value's status and note, in the page's language where a column is words (``*_label``,
``note``, ``name``); codes and numbers are as in ``report --format csv`` (README, "CSV"):
numbers from the data exactly as written, text cells guarded against spreadsheet formulas
(``text_safety.csv_cell``, OWASP). The ZIP is byte-for-byte reproducible: entries in a
fixed order with a fixed date.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping

from intl_tracker.core.text_safety import csv_cell
from intl_tracker.dataset.models import localize
from intl_tracker.presentation.indicator_view import IndicatorView
from intl_tracker.presentation.wording import unit_name, value_flag
from intl_tracker.render.text_formats import csv_number

INDICATOR_CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "unit",
    "unit_label",
    "year",
    "value",
    "value_status",
    "value_status_label",
    "note",
    "after_report_year",
)

#: The date of every entry of a ZIP (the earliest a ZIP can hold): the bytes do not depend
#: on when the site was built.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def indicator_csv(view: IndicatorView, lang: str) -> str:
    """The series of ``view``'s indicator as CSV text in ``lang`` (header, then one row a
    year in year order)."""
    indicator = view.indicator
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(INDICATOR_CSV_COLUMNS)
    name = csv_cell(localize(indicator.name, lang))
    unit_words = csv_cell(unit_name(indicator.unit, lang, indicator.unit_label))
    for year, observation in indicator.series():
        writer.writerow(
            [
                indicator.id,
                name,
                indicator.unit,
                unit_words,
                str(year),
                csv_number(observation.value, written=True),
                observation.status,
                value_flag(observation.status, lang),
                csv_cell(localize(observation.note, lang)),
                "true" if year > view.year else "false",
            ]
        )
    return out.getvalue()


def zip_bytes(files: Mapping[str, bytes]) -> bytes:
    """A ZIP of ``files`` (name in the archive: content), in name order, reproducible."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()
