"""The data set as an Excel workbook (.xlsx, Office Open XML / ECMA-376), written by XlsxWriter.

Up to three sheets: the values (one row per headline observation), the values by category
(one row per value of a breakdown, with a column per dimension holding the category's name
in ``lang``, empty where the row is the total over that dimension; only when the data set
has breakdown values) and the statuses of the report year (one row per indicator, as
``report``). Numbers are numeric
cells with a number format of the indicator's decimals (``0.0``): the file stores a number
and a format code, never a formatted text, so Finnish and Swedish Excel show a decimal comma
by their own locale and nothing needs converting. Headers, sheet names and words (units,
value statuses, status labels) are in ``lang``. Every text cell is written as a string
(never through XlsxWriter's guessing ``write``), control characters shown visibly, and a
text a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``: OWASP) gets Excel's
quote prefix, so it shows as typed and never runs. The file's dates are fixed: the same data
give the same bytes.

XlsxWriter is imported here only (``docs/development/decisions.md``): ``export`` loads this
module, ``report`` and ``validate`` never do.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from intl_tracker.core.i18n import N_, translator
from intl_tracker.core.text_safety import looks_like_formula, visible, visible_block
from intl_tracker.dataset.models import Dimension, Programme, localize
from intl_tracker.presentation.views import ReportView
from intl_tracker.presentation.wording import status_label, unit_name, value_flag
from intl_tracker.render.exports.open_data import SeriesRow

#: The workbook's creation date, fixed so that the bytes depend on the data only.
FIXED_DATE = datetime(2000, 1, 1)

VALUES_SHEET = N_("Values")
STATUSES_SHEET = N_("Statuses")
CATEGORIES_SHEET = N_("Values by category")
VALUE_HEADERS: tuple[str, ...] = (
    N_("Goal"),
    N_("Goal name"),
    N_("Indicator"),
    N_("Name"),
    N_("Unit"),
    N_("Year"),
    N_("Value"),
    N_("Value status"),
    N_("Note"),
)
STATUS_HEADERS: tuple[str, ...] = (
    N_("Goal"),
    N_("Indicator"),
    N_("Name"),
    N_("Unit"),
    N_("Year"),
    N_("Value"),
    N_("Target"),
    N_("Target year"),
    N_("Status"),
)


class _Sheet:
    """A worksheet being filled row by row, with the workbook's text and number formats."""

    def __init__(
        self, book: Any, name: str, headers: Sequence[str], lang: str, own: int = 0
    ) -> None:
        """``headers``: the tool's words (translated here) but ``own`` of them from the
        data (a dimension's name), which are written as text cells like any other."""
        self.book, self.sheet = book, book.add_worksheet(name[:31])
        self.text_format = book.add_format({"quote_prefix": True})
        self.numbers: dict[int | None, Any] = {}
        self.row = 0
        words = translator(lang).gettext
        bold = book.add_format({"bold": True})
        quoted = book.add_format({"bold": True, "quote_prefix": True})
        for col, header in enumerate(headers):
            shown = (
                visible(header) if col in range(*self.data_headers(headers, own)) else words(header)
            )
            self.sheet.write_string(0, col, shown, quoted if looks_like_formula(shown) else bold)
        self.sheet.freeze_panes(1, 0)

    @staticmethod
    def data_headers(headers: Sequence[str], own: int) -> tuple[int, int]:
        """The columns of the headers from the data: ``own`` of them after the fourth."""
        return (4, 4 + own) if own else (0, 0)

    def text(self, col: int, text: str) -> None:
        shown = visible_block(text)
        if looks_like_formula(shown):
            self.sheet.write_string(self.row, col, shown, self.text_format)
        elif shown:
            self.sheet.write_string(self.row, col, shown)

    def number(self, col: int, value: float | int | None, decimals: int | None = None) -> None:
        if value is None:
            return
        if decimals not in self.numbers:
            places = "." + "0" * decimals if decimals else ""
            spec = {} if decimals is None else {"num_format": "0" + places}
            self.numbers[decimals] = self.book.add_format(spec)
        self.sheet.write_number(self.row, col, value, self.numbers[decimals])


def _values_sheet(book: Any, rows: Sequence[SeriesRow], lang: str) -> Any:
    sheet = _Sheet(book, translator(lang).gettext(VALUES_SHEET), VALUE_HEADERS, lang)
    for row in rows:
        sheet.row += 1
        indicator = row.indicator
        if row.goal is not None:
            sheet.number(0, row.goal.number, 0)
            sheet.text(1, localize(row.goal.name, lang))
        sheet.text(2, indicator.id)
        sheet.text(3, localize(indicator.name, lang))
        sheet.text(4, unit_name(indicator.unit, lang, indicator.unit_label))
        sheet.number(5, row.year, 0)
        sheet.number(6, row.observation.value, indicator.decimals)
        sheet.text(7, value_flag(row.observation.status, lang))
        sheet.text(8, localize(row.observation.note, lang))
    sheet.sheet.set_column(3, 3, 50)
    sheet.sheet.set_column(8, 8, 40)
    return sheet.sheet


def _category_sheet(
    book: Any, rows: Sequence[SeriesRow], dimensions: Sequence[Dimension], lang: str
) -> Any:
    """Goal, indicator, name, unit, a column per dimension (category names), year, value,
    value status, note."""
    used = {d for row in rows for d in row.categories}
    dims = [d for d in dimensions if d.id in used]
    words = translator(lang).gettext
    headers = [
        *VALUE_HEADERS[0:1],
        *VALUE_HEADERS[2:5],
        *(localize(d.name, lang) for d in dims),
        *VALUE_HEADERS[5:],
    ]
    sheet = _Sheet(book, words(CATEGORIES_SHEET), headers, lang, own=len(dims))
    names = {d.id: {c.code: localize(c.name, lang) or c.code for c in d.categories} for d in dims}
    k = len(dims)
    for row in rows:
        sheet.row += 1
        indicator = row.indicator
        if row.goal is not None:
            sheet.number(0, row.goal.number, 0)
        sheet.text(1, indicator.id)
        sheet.text(2, localize(indicator.name, lang))
        sheet.text(3, unit_name(indicator.unit, lang, indicator.unit_label))
        for col, dim in enumerate(dims, start=4):
            code = row.categories.get(dim.id)
            if code is not None:
                sheet.text(col, names[dim.id].get(code, code))
        sheet.number(4 + k, row.year, 0)
        sheet.number(5 + k, row.observation.value, indicator.decimals)
        sheet.text(6 + k, value_flag(row.observation.status, lang))
        sheet.text(7 + k, localize(row.observation.note, lang))
    sheet.sheet.set_column(2, 2, 40)
    sheet.sheet.set_column(4, 3 + k, 20)
    return sheet.sheet


def _statuses_sheet(book: Any, view: ReportView, lang: str) -> Any:
    name = f"{translator(lang).gettext(STATUSES_SHEET)} {view.year}"
    sheet = _Sheet(book, name, STATUS_HEADERS, lang)
    for report_row in view.rows:
        sheet.row += 1
        a, indicator = report_row.assessment, report_row.indicator
        sheet.number(0, report_row.goal.number, 0)
        sheet.text(1, indicator.id)
        sheet.text(2, localize(indicator.name, lang))
        sheet.text(3, unit_name(indicator.unit, lang, indicator.unit_label))
        sheet.number(4, a.year, 0)
        sheet.number(5, a.value, report_row.decimals)
        if a.target is not None:
            sheet.number(6, a.target.value, report_row.decimals)
            sheet.number(7, a.target.year, 0)
        sheet.text(8, status_label(a.status, lang, a.trend_only))
    sheet.sheet.set_column(2, 2, 50)
    sheet.sheet.set_column(8, 8, 30)
    return sheet.sheet


def workbook_bytes(
    programme: Programme,
    rows: Sequence[SeriesRow],
    view: ReportView | None,
    lang: str,
    by_category: Sequence[SeriesRow] = (),
    dimensions: Sequence[Dimension] = (),
) -> bytes:
    """The .xlsx file of the values ``rows``, the values by category ``by_category`` (none:
    no such sheet; ``dimensions``: the data set's, for the columns and category names) and
    the statuses of ``view`` (None: a data set without values has no statuses sheet), in
    ``lang``."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    book.set_properties({"title": localize(programme.name, lang), "created": FIXED_DATE})
    _values_sheet(book, rows, lang)
    if by_category:
        _category_sheet(book, by_category, dimensions, lang)
    if view is not None:
        _statuses_sheet(book, view, lang)
    book.close()
    return buffer.getvalue()
