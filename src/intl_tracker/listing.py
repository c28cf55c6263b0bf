"""`intl-tracker list`: the goals or indicators of a data set as a table or JSON."""

from __future__ import annotations

import json
from typing import TextIO

from intl_tracker.models import Catalog, localize


def _rows(catalog: Catalog, what: str, lang: str) -> list[dict[str, object]]:
    if what == "goals":
        counts = {g.id: 0 for g in catalog.goals}
        for indicator in catalog.indicators:
            counts[indicator.goal] = counts.get(indicator.goal, 0) + 1
        return [
            {
                "id": g.id,
                "number": g.number,
                "name": localize(g.name, lang),
                "objectives": len(g.objectives),
                "indicators": counts[g.id],
            }
            for g in catalog.goals
        ]
    return [
        {
            "id": i.id,
            "goal": i.goal,
            "name": localize(i.name, lang),
            "unit": i.unit,
            "direction": i.direction,
            "first_year": min(i.values, default=None),
            "last_year": max(i.values, default=None),
            "values": len(i.values),
            "targets": len(i.targets),
        }
        for i in catalog.indicators
    ]


def render_listing(catalog: Catalog, what: str, fmt: str, lang: str, out: TextIO) -> None:
    rows = _rows(catalog, what, lang)
    if fmt == "json":
        out.write(json.dumps({what: rows}, indent=2, ensure_ascii=False) + "\n")
        return
    if not rows:
        return
    columns = list(rows[0])
    cells = [[("" if r[c] is None else str(r[c])) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[k]) for row in cells)) for k, c in enumerate(columns)]
    out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip() + "\n")
    for row in cells:
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n")
