"""A small PxWeb API v1 for the import tests, served by pytest-httpserver on 127.0.0.1.

Each table is a JSON-stat 2.0 cube in ``tests/data/pxweb/<table>.json``, written in the
shape of Statistics Finland's answers (dimension order, labels, ``category.unit``, roles,
``extension.px``, a byte-order mark before the JSON) for both code styles: the interface of
8 June 2026 (``11ra`` with ``alue_23_20260101``, ``timeperiod_y``, ``contentscode``) and the
one before it (``statfin_vaerak_pxt_11ra`` with ``Alue``, ``Vuosi``, ``Tiedot``). Like the
real service, a GET on a table answers its variables and a POST answers the slice the
query selects, or HTTP 400 for an unknown variable or code or a variable left out.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

FIXTURES = Path(__file__).parent / "data" / "pxweb"
STATFIN = "https://pxdata.stat.fi"
ALUESARJAT = "https://stat.hel.fi"


def load_cube(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return loaded


def codes_of(cube: dict[str, Any], dimension: str) -> list[str]:
    index = cube["dimension"][dimension]["category"]["index"]
    return sorted(index, key=index.__getitem__)


def cell(cube: dict[str, Any], coordinates: dict[str, str]) -> Any:
    flat = 0
    for name, size in zip(cube["id"], cube["size"], strict=True):
        flat = flat * size + codes_of(cube, name).index(coordinates[name])
    return cube["value"][flat]


def status_of(cube: dict[str, Any], coordinates: dict[str, str]) -> str | None:
    """A cell's status (PxWeb marks an empty cell with a symbol: '..', '.'), if any."""
    status = cube.get("status")
    if status is None or isinstance(status, str):
        return status
    flat = 0
    for name, size in zip(cube["id"], cube["size"], strict=True):
        flat = flat * size + codes_of(cube, name).index(coordinates[name])
    if isinstance(status, list):
        found: str | None = status[flat]
        return found
    return status.get(str(flat))


def metadata(cube: dict[str, Any]) -> dict[str, Any]:
    time = cube["role"]["time"][0]
    return {
        "title": cube["label"],
        "variables": [
            {
                "code": name,
                "text": cube["dimension"][name]["label"],
                "values": codes_of(cube, name),
                "valueTexts": [
                    cube["dimension"][name]["category"]["label"][c] for c in codes_of(cube, name)
                ],
                **({"time": True} if name == time else {}),
            }
            for name in cube["id"]
        ],
    }


def answer(cube: dict[str, Any], query: dict[str, Any]) -> dict[str, Any] | str:
    """The JSON-stat slice a query selects, or the text of a 400 answer."""
    chosen: dict[str, list[str]] = {}
    for item in query.get("query", []):
        name = item["code"]
        if name not in cube["dimension"]:
            return f"no variable {name}"
        selection = item["selection"]
        known = codes_of(cube, name)
        if selection["filter"] == "all":
            chosen[name] = known
        else:
            if any(c not in known for c in selection["values"]):
                return f"unknown value in {name}"
            chosen[name] = [c for c in known if c in selection["values"]]
    if set(chosen) != set(cube["id"]):
        return "every variable must be selected"
    if query.get("response", {}).get("format") != "json-stat2":
        return "format must be json-stat2"
    values: list[Any] = []
    statuses: list[str | None] = []

    def walk(depth: int, at: dict[str, str]) -> None:
        if depth == len(cube["id"]):
            values.append(cell(cube, at))
            statuses.append(status_of(cube, at))
            return
        name = cube["id"][depth]
        for code in chosen[name]:
            walk(depth + 1, {**at, name: code})

    walk(0, {})
    dimensions = {}
    for name in cube["id"]:
        original = cube["dimension"][name]
        category = {
            "index": {c: i for i, c in enumerate(chosen[name])},
            "label": {c: original["category"]["label"][c] for c in chosen[name]},
        }
        if "unit" in original["category"]:
            category["unit"] = {c: original["category"]["unit"][c] for c in chosen[name]}
        dimensions[name] = {**original, "category": category}
    assert len(values) == math.prod(len(chosen[n]) for n in cube["id"])
    sliced = {
        **cube,
        "id": cube["id"],
        "size": [len(chosen[n]) for n in cube["id"]],
        "dimension": dimensions,
        "value": values,
    }
    sliced.pop("status", None)
    if any(s is not None for s in statuses):  # PxWeb's sparse form: position -> symbol
        sliced["status"] = {str(i): s for i, s in enumerate(statuses) if s is not None}
    return sliced


def json_response(document: Any) -> Response:
    body = "\ufeff" + json.dumps(document, ensure_ascii=False)  # PxWeb writes a BOM
    return Response(body.encode("utf-8"), content_type="application/json; charset=utf-8")


def serve_table(server: HTTPServer, path: str, cube: dict[str, Any]) -> None:
    """Answer GET (variables) and POST (a query) on ``path`` from ``cube``."""

    def post(request: Request) -> Response:
        result = answer(cube, json.loads(request.get_data()))
        if isinstance(result, str):
            return Response(result, status=400)
        return json_response(result)

    server.expect_request(path, method="GET").respond_with_response(json_response(metadata(cube)))
    server.expect_request(path, method="POST").respond_with_handler(post)


def table_name(url: str) -> str:
    """``.../vaerak/11ra.px`` -> ``11ra``."""
    return url.rsplit("/", 1)[-1].removesuffix(".px")
