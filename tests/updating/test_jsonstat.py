"""The JSON-stat 2.0 decoder: row-major cells, both index forms, sparse values, statuses."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from intl_tracker.updating.jsonstat import JsonStatError, decode
from tests.pxweb_server import cell, codes_of, load_cube


def _small() -> dict[str, Any]:
    return {
        "class": "dataset",
        "version": "2.0",
        "id": ["area", "year"],
        "size": [2, 3],
        "dimension": {
            "area": {"category": {"index": ["A", "B"]}},
            "year": {"category": {"index": {"2024": 2, "2022": 0, "2023": 1}}},
        },
        "value": [1, 2, 3, 4, 5, None],
    }


def test_cells_are_row_major_over_the_dimensions_in_id_order() -> None:
    dataset = decode(_small())
    assert dataset.dimension("year").codes == ("2022", "2023", "2024")  # type: ignore[union-attr]
    assert dataset.cell({"area": "A", "year": "2024"}) == (3.0, None)
    assert dataset.cell({"area": "B", "year": "2022"}) == (4.0, None)
    assert dataset.cell({"area": "B", "year": "2024"}) == (None, None)


def test_a_recorded_style_answer_decodes_to_the_cells_it_holds() -> None:
    cube = load_cube("11rl")
    dataset = decode(cube)
    names = cube["id"]
    for codes in [("KU049", "02", "SSS", "SSS", "2021", "vaerak-vaesto"),
                  ("SSS", "01", "0-14", "SSS", "2015", "vaerak-vaesto")]:  # fmt: skip
        at = dict(zip(names, codes, strict=True))
        assert dataset.cell(at)[0] == cell(cube, at)
    assert [d.id for d in dataset.dimensions] == names
    assert dataset.updated == cube["updated"]
    assert codes_of(cube, "kieli_15_20180102") == list(dataset.dimensions[1].codes)


def test_sparse_values_and_statuses() -> None:
    document = _small()
    document["value"] = {"0": 7, "5": 9.5}
    document["status"] = {"5": "p"}
    dataset = decode(document)
    assert dataset.cell({"area": "A", "year": "2022"}) == (7.0, None)
    assert dataset.cell({"area": "A", "year": "2023"}) == (None, None)
    assert dataset.cell({"area": "B", "year": "2024"}) == (9.5, "p")
    document["status"] = "F"
    assert decode(document).cell({"area": "A", "year": "2022"}) == (7.0, "F")


def test_a_single_category_may_omit_its_index() -> None:
    document = _small()
    document["id"], document["size"] = ["area", "year", "unit"], [2, 3, 1]
    document["dimension"]["unit"] = {"category": {"label": {"persons": "Persons"}}}
    assert decode(document).cell({"area": "A", "year": "2023", "unit": "persons"})[0] == 2.0


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: d.update({"class": "collection"}), "not 'dataset'"),
        (lambda d: d.update({"version": "1.0"}), "JSON-stat 2.0"),
        (lambda d: d.update({"size": [2]}), "'size'"),
        (lambda d: d.update({"value": [1, 2, 3]}), "3 cells; the sizes make 6"),
        (lambda d: d.update({"value": [1, 2, 3, 4, 5, "x"]}), "not a number"),
        (lambda d: d["dimension"].pop("year"), "dimension 'year' has no 'category'"),
        (lambda d: d["dimension"]["area"]["category"].update({"index": ["A"]}), "1 categories"),
        (lambda d: d.update({"value": {"9": 1}}), "outside 0..5"),
        (lambda d: d.pop("value"), "'value' is missing"),
    ],
)
def test_malformed_documents_are_refused_with_a_reason(damage: Any, message: str) -> None:
    document = copy.deepcopy(_small())
    damage(document)
    with pytest.raises(JsonStatError, match=message):
        decode(document)
