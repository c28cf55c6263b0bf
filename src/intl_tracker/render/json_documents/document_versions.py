"""The ``schema_version`` of each JSON document (see the versioning rules in documents.py).

Apart from ``documents.py`` because the renderers write these numbers on every run, and
importing the pydantic models of the documents (built at import) would cost every ``report``
and ``show`` about 0.1 s of start-up for nothing: the output path never validates.
"""

from __future__ import annotations

#: Bump only on a breaking change (documents.py says which changes are breaking).
REPORT_VERSION = 1
SHOW_VERSION = 2
VALIDATE_VERSION = 1
LIST_VERSION = 1
DUE_VERSION = 1
DIFF_VERSION = 1
REPORT_BY_VERSION = 1
