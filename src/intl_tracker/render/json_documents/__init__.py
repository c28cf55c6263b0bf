"""JSON documents: their shapes (pydantic models), versions, published schemas and text (orjson).

The only home of orjson; every JSON document intl-tracker writes is defined in ``documents``
and published by ``intl-tracker schema``."""
