"""JSON Schemas of the data files (for editors) and of the report JSON (for scripts)."""

from __future__ import annotations

from typing import Any

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema called ``name``: indicator, goals or report."""
    if name == "report":
        from intl_tracker.reporting import report_json_schema

        schema = report_json_schema()
    else:
        from intl_tracker.models import GoalsFile, Indicator

        model = Indicator if name == "indicator" else GoalsFile
        schema = model.model_json_schema()
    return {"$schema": SCHEMA_DIALECT, **schema}
