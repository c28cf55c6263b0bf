"""The site's data downloads: one CSV per indicator, and a ZIP of all data of a language.

The indicator's CSV is the one ``intl-tracker export`` writes (``render.exports.open_data``, one
writer for both) plus a last column, ``after_report_year``: the whole series (also values
after the report year, marked) and, for an indicator with breakdowns, its values by category
in the same long form (a column per dimension between ``year`` and ``value``, empty for the
headline value), each value's status and note, in the page's language where a column is
words (``*_label``, ``note``, ``name``); numbers from the data exactly as written,
text cells guarded against spreadsheet formulas (``text_safety.csv_cell``, OWASP). The ZIP
is byte-for-byte reproducible: entries in a fixed order with a fixed date.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence

from intl_tracker.dataset.models import Catalog, Dimension
from intl_tracker.presentation.indicator_view import IndicatorView
from intl_tracker.render.exports.open_data import (
    Column,
    all_indicator_rows,
    csv_text,
    dimensions_of,
    indicator_columns,
    indicator_dimensions,
    indicator_rows,
)


def _after_report_year(year: int) -> Column:
    return Column(
        "after_report_year",
        lambda row, _: "true" if row.year > year else "false",
        {"type": "boolean", "description": "Whether the value is after the edition's year."},
    )


def indicator_csv_columns(
    year: int, categories: Sequence[str] = (), dimensions: Mapping[str, Dimension] | None = None
) -> tuple[Column, ...]:
    """The columns of the site's indicator CSV of the edition ``year``: ``export``'s, with a
    column per dimension id in ``categories`` (``open_data.category_columns``)."""
    return (*indicator_columns(categories, dimensions), _after_report_year(year))


INDICATOR_CSV_COLUMNS: tuple[str, ...] = tuple(c.name for c in indicator_csv_columns(0))

#: The date of every entry of a ZIP (the earliest a ZIP can hold): the bytes do not depend
#: on when the site was built.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def indicator_csv(view: IndicatorView, lang: str, catalog: Catalog | None = None) -> str:
    """The series of ``view``'s indicator as CSV text in ``lang``: a header, then year by
    year the headline value and the values by category of ``catalog``'s breakdown file (as
    ``export`` writes them: ``open_data.all_indicator_rows``, a column per dimension, empty
    for the headline); without ``catalog``, the headline values only."""
    indicator = view.indicator
    if catalog is None:
        rows = indicator_rows(view.goal, indicator)
        return csv_text(indicator_csv_columns(view.year), rows, lang)
    columns = indicator_csv_columns(
        view.year, indicator_dimensions(indicator), dimensions_of(catalog)
    )
    return csv_text(columns, all_indicator_rows(catalog, view.goal, indicator), lang)


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
