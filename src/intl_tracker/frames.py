"""pandas views of a data set and its assessment, for analysts working in notebooks.

The command line never imports this module (pandas costs about 0.4 s of start-up); it is the
library surface for further analysis:

    from intl_tracker.frames import load_frames
    values, report = load_frames(year=2024)          # the bundled Espoo data
    values.pivot(index="year", columns="id", values="value")
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from intl_tracker import __version__
from intl_tracker.assessment.engine import assess_catalog
from intl_tracker.core.errors import InvalidDataError
from intl_tracker.core.vocabulary import Method, Pace
from intl_tracker.dataset.breakdowns import breakdown_table
from intl_tracker.dataset.loading import load_data_set, resolve_data_dir
from intl_tracker.dataset.models import Catalog, localize
from intl_tracker.presentation.views import ReportView, build_report_view
from intl_tracker.render.json_documents.json_output import report_document

if TYPE_CHECKING:
    import pandas as pd

VALUE_COLUMNS = ["id", "goal", "unit", "year", "value", "status", "note"]


def values_frame(catalog: Catalog, lang: str = "en") -> pd.DataFrame:
    """Every observation as one row (tidy form): id, goal, unit, year, value, status, note
    (a note given per language in ``lang``, with the fallback of names)."""
    import pandas as pd

    rows = [
        (i.id, i.goal, i.unit, year, obs.value, obs.status, localize(obs.note, lang) or None)
        for i in catalog.indicators
        for year, obs in i.series()
    ]
    frame = pd.DataFrame(rows, columns=VALUE_COLUMNS)
    return frame.astype({"year": "int64", "value": "float64"})


def breakdown_frame(catalog: Catalog, lang: str = "en") -> pd.DataFrame:
    """Every value by category as one row (long form): id, goal, unit, one column per
    dimension of the data set (the category's code; None where the row is the total over
    that dimension, or the indicator does not break down by it), year, value, status, note,
    and ``breakdown`` (the dimension ids of the row's breakdown joined by "+"). The headline
    values are in :func:`values_frame`. Example: residents by district and year::

        frame = breakdown_frame(catalog)
        frame[frame.breakdown == "area"].pivot(index="year", columns="area", values="value")
    """
    import pandas as pd

    dims = [d.id for d in catalog.dimensions]
    rows = []
    for indicator in catalog.indicators:
        table = breakdown_table(catalog, indicator.id)
        if table is None:
            continue
        for by in table.breakdowns():
            for series in table.series(by):
                codes = dict(zip(by, series.codes, strict=True))
                for year, obs in series.observations:
                    rows.append(
                        (
                            indicator.id,
                            indicator.goal,
                            indicator.unit,
                            "+".join(by),
                            *(codes.get(d) for d in dims),
                            year,
                            obs.value,
                            obs.status,
                            localize(obs.note, lang) or None,
                        )
                    )
    columns = ["id", "goal", "unit", "breakdown", *dims, "year", "value", "status", "note"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({"year": "int64", "value": "float64"})


def assessment_frame(view: ReportView, lang: str = "en") -> pd.DataFrame:
    """One row per assessed indicator, indexed by id: the report JSON's fields, with the
    target spread over ``target_value``, ``target_year`` and ``target_kind``."""
    import pandas as pd

    frame = pd.json_normalize(report_document(view, lang)["indicators"], sep="_")
    # Rows without a target leave a bare `target` column of None beside the spread ones.
    return frame.drop(columns=["target"], errors="ignore").set_index("id")


def load_frames(
    data: Path | None = None,
    *,
    year: int | None = None,
    method: str = Method.RATIO,
    pace: Pace = Pace.ENDPOINTS,
    lang: str = "en",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Load a data set (default as the CLI resolves it) and return (values, assessment).

    Raises:
        InvalidDataError: the data set has errors; ``.problems`` lists them.
        UnknownMethodError: ``method`` is neither built in nor registered.
    """
    result = load_data_set(resolve_data_dir(data))
    if result.errors or result.catalog is None:
        raise InvalidDataError(result.errors)
    catalog = result.catalog
    span = catalog.year_span()
    if year is None:
        if span is None:
            raise ValueError("the data set has no values; pass a year")
        year = span[1]
    view = build_report_view(
        catalog,
        assess_catalog(catalog, year=year, method=method, pace=pace),
        year=year,
        method=method,
        pace=pace,
        tool_version=__version__,
    )
    return values_frame(catalog, lang), assessment_frame(view, lang)
