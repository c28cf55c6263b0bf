"""The ``schema_version`` of each JSON document the tool prints (README, "Versions of the JSON
documents"). Standard library only: the renderers write these numbers without loading the
pydantic models of :mod:`intl_tracker.documents`, which only ``schema`` and the tests need.

Bump a document's version only on a breaking change, and say so in CHANGELOG.md.
"""

from __future__ import annotations

REPORT_VERSION = 1
SHOW_VERSION = 2
VALIDATE_VERSION = 1
LIST_VERSION = 1
