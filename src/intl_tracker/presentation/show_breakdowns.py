"""``show ID``'s values by category: one table per breakdown, a row per category and a column
per year (issue 24). The values are as written in ``indicators/ID.csv``, never assessed here
(``report --by`` assesses them). No I/O, no Rich.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from intl_tracker.assessment.breakdowns import whole_in_year
from intl_tracker.dataset.breakdowns import breakdown_table
from intl_tracker.dataset.models import (
    Catalog,
    Dimension,
    Indicator,
    Localizable,
    Observation,
    localize,
)
from intl_tracker.presentation.number_format import NO_NUMBER, format_quantity
from intl_tracker.presentation.wording import value_flag

#: What a table cell shows for a year without a value.
NO_VALUE = NO_NUMBER


@dataclass(frozen=True, slots=True)
class CategoryValues:
    """One category (or crossed combination): a code per dimension, its values by year."""

    codes: tuple[str, ...]
    values: tuple[tuple[int, Observation], ...]  # in year order

    def at(self, year: int) -> Observation | None:
        return next((obs for y, obs in self.values if y == year), None)


@dataclass(frozen=True, slots=True)
class ShowBreakdown:
    """One declared breakdown that has values: its dimensions (declared order of ``by``),
    whether it is partial, every year that has a value, its categories in the dimensions'
    listed order; ``whole_in``: for a partial one, the latest common year in which the
    categories sum to the total (``assessment.breakdowns.whole_in_year``, the rule of
    ``report --by``), else None."""

    dimensions: tuple[Dimension, ...]
    partial: bool
    years: tuple[int, ...]
    categories: tuple[CategoryValues, ...]
    whole_in: int | None = None
    note: Localizable | None = None  # the breakdown's declared note (its source, its scope)

    def notes(self, lang: str) -> list[str]:
        """The distinct notes of the values (each value's source, as written in the file), in
        the table's order (row by row, year by year); the table marks a value with the 1-based
        number of its note here (:meth:`marker`), so a source shared by many values is listed
        once."""
        return list(
            dict.fromkeys(
                localize(obs.note, lang)
                for category in self.categories
                for _, obs in category.values
                if obs.note
            )
        )

    @staticmethod
    def marker(observation: Observation | None, numbers: Mapping[str, int], lang: str) -> str:
        """`` [2]`` for a value whose note is numbered 2 in ``numbers`` (note -> number, from
        :meth:`notes`); '' for one without a note."""
        if observation is None or not observation.note:
            return ""
        return f" [{numbers[localize(observation.note, lang)]}]"

    def category_names(self, category: CategoryValues, lang: str) -> tuple[str, ...]:
        """The category's name in each dimension, in ``lang``; a code the data set does not
        declare is shown as written."""
        return tuple(
            _name(dimension, code, lang)
            for dimension, code in zip(self.dimensions, category.codes, strict=True)
        )


def _name(dimension: Dimension, code: str, lang: str) -> str:
    for category in dimension.categories:
        if category.code == code:
            return localize(category.name, lang)
    return code


def show_breakdowns(catalog: Catalog, indicator: Indicator) -> tuple[ShowBreakdown, ...]:
    """The indicator's breakdowns that have values in its file, in the order it declares
    them; () without a breakdown file."""
    table = breakdown_table(catalog, indicator.id)
    if table is None:
        return ()
    dimensions = {d.id: d for d in catalog.dimensions}
    shown: list[ShowBreakdown] = []
    for breakdown in indicator.breakdowns:
        by = tuple(breakdown.by)
        if not all(d in dimensions for d in by) or not all(d in table.columns for d in by):
            continue
        series = table.series(by)
        if not series:
            continue
        dims = tuple(dimensions[d] for d in by)
        order = [{c.code: i for i, c in enumerate(d.categories)} for d in dims]
        categories = sorted(
            (CategoryValues(s.codes, s.observations) for s in series),
            key=lambda c: [o.get(code, len(o)) for o, code in zip(order, c.codes, strict=True)],
        )
        years = sorted({year for c in categories for year, _ in c.values})
        whole = whole_in_year(indicator, series) if breakdown.partial else None
        shown.append(
            ShowBreakdown(
                dims,
                breakdown.partial,
                tuple(years),
                tuple(categories),
                whole,
                breakdown.note,
            )
        )
    return tuple(shown)


def breakdown_cell(observation: Observation | None, unit: str, decimals: int, lang: str) -> str:
    """A value as the table shows it: the number by the number rule, with its status when it
    is not final ("20,050 (provisional)"); NO_VALUE for a year without one."""
    if observation is None:
        return NO_VALUE
    text = format_quantity(observation.value, unit, decimals, lang)
    if observation.status != "final":
        text += f" ({value_flag(observation.status, lang)})"
    return text
