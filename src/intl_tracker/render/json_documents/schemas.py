"""JSON Schemas: of the data files (for editors) and of every JSON document (for scripts)."""

from __future__ import annotations

from typing import Any

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: The schemas of the JSON documents the tool prints (see documents.py).
DOCUMENT_SCHEMAS = ("report", "show", "validate", "list", "due", "diff", "report-by")


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema called ``name``: indicator or goals (data files), or report, show,
    validate, list, due, diff or report-by (documents). Raises KeyError for another name."""
    if name in DOCUMENT_SCHEMAS:
        from intl_tracker.render.json_documents.documents import document_schema

        return document_schema(name)
    from intl_tracker.dataset.models import GoalsFile, Indicator

    schema = (Indicator if name == "indicator" else GoalsFile).model_json_schema()
    if name not in ("indicator", "goals"):
        raise KeyError(name)
    return {"$schema": SCHEMA_DIALECT, **schema}
