"""The editor schemas (schema/*.schema.json) agree with the loader, checked by a real JSON
Schema validator (``jsonschema``, the library check-jsonschema runs) on every corpus case,
the bundled data, and generated indicator files.

The YAML is read as check-jsonschema reads it: YAML 1.2, mapping keys as text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from intl_tracker.dataset.models import MAX_YEAR, MIN_YEAR, Indicator
from intl_tracker.dataset.yaml_strict import parse_yaml
from tests.conftest import CASES, REPO

VALIDATORS = {
    name: Draft202012Validator(
        json.loads((REPO / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    )
    for name in ("indicator", "goals")
}
# Problem codes a JSON Schema can see (shapes, types, patterns, enums, required, unknown);
# the others (cross-file references, unit domains, NaN, duplicate keys, id = file name,
# a quoted year) need the loader.
SCHEMA_LEVEL = {
    "invalid-id",
    "invalid-type",
    "invalid-year",
    "missing-field",
    "unknown-field",
    "not-a-mapping",
}


def _as_json(value: Any) -> Any:
    """What check-jsonschema validates: keys as text."""
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value


def _schema_errors(path: Path) -> list[str]:
    parsed = parse_yaml(path.read_text(encoding="utf-8-sig"))
    assert parsed.root is not None, path
    validator = VALIDATORS["goals" if path.name == "goals.yaml" else "indicator"]
    return [e.message for e in validator.iter_errors(_as_json(parsed.data))]


def _data_files(root: Path) -> list[Path]:
    return [root / "goals.yaml", *sorted((root / "indicators").glob("*.yaml"))]


VALID_ROOTS = [*sorted((CASES / "valid").iterdir()), REPO / "data"]
VALID_FILES = [f for root in VALID_ROOTS for f in _data_files(root)]


@pytest.mark.parametrize("path", VALID_FILES, ids=[str(f.relative_to(REPO)) for f in VALID_FILES])
def test_every_valid_file_passes_the_schema(path: Path) -> None:
    assert _schema_errors(path) == []


def _schema_level_files(case: Path) -> list[Path]:
    files = set()
    for line in (case / "expected-problems.txt").read_text(encoding="utf-8").splitlines():
        location, rest = line.split(": ", 1)
        code = rest.split("[", 1)[1].split("]", 1)[0]
        if code in SCHEMA_LEVEL:
            files.add(case / location.split(":", 1)[0])
    return sorted(files)


SCHEMA_INVALID = [
    (case, f) for case in sorted((CASES / "invalid").iterdir()) for f in _schema_level_files(case)
]


@pytest.mark.parametrize(
    ("case", "path"),
    SCHEMA_INVALID,
    ids=[f"{c.name}/{f.relative_to(c)}" for c, f in SCHEMA_INVALID],
)
def test_every_schema_level_invalid_file_fails_the_schema(case: Path, path: Path) -> None:
    assert _schema_errors(path), f"{path} has schema-level problems but passes the schema"


def test_the_bare_value_form_passes() -> None:
    """`2019: 289731`, the form the README recommends (check-jsonschema flagged it)."""
    document = {
        "id": "x",
        "name": {"en": "X"},
        "goal": "g",
        "unit": "count",
        "direction": "increase",
        "values": {"2019": 289731, "2020": {"value": 1.5, "status": "provisional"}},
    }
    assert list(VALIDATORS["indicator"].iter_errors(document)) == []
    document["values"] = {"2019": "289731"}
    assert list(VALIDATORS["indicator"].iter_errors(document))


# --- Generated files: the model accepts exactly what the schema accepts ---------------------


def _mostly(valid: st.SearchStrategy[Any], invalid: st.SearchStrategy[Any]) -> Any:
    """``valid`` nine times in ten: a fifth of the generated files are then valid."""
    return st.sampled_from(range(10)).flatmap(lambda i: invalid if i == 9 else valid)


_good_slugs = st.sampled_from(["share", "a-b", "x1", "ok-2"])
_slugs = _mostly(_good_slugs, st.sampled_from(["Bad", "a--b", "-a", "", 3]))
_texts = _mostly(st.sampled_from(["Espoo", "Vieraskieliset"]), st.sampled_from(["", None, 1]))
_numbers = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
_anything = st.one_of(st.none(), st.booleans(), _numbers, st.text(max_size=3), st.lists(_numbers))
_localized = _mostly(
    st.dictionaries(st.sampled_from(["en", "fi", "sv"]), _texts, min_size=1, max_size=3),
    st.one_of(st.dictionaries(st.sampled_from(["EN", "e", "fin1"]), _texts), _anything),
)
# A note, a source's publisher/title/note: one text for every language, or per language.
_per_language = st.one_of(_texts, _localized)
_observation = _mostly(
    st.one_of(
        _numbers,
        st.fixed_dictionaries(
            {"value": _numbers},
            optional={
                "status": st.sampled_from(["final", "provisional", "estimated"]),
                "note": _per_language,
            },
        ),
    ),
    st.one_of(
        _anything,
        st.fixed_dictionaries({"value": _numbers, "status": st.sampled_from(["provisonal", 1])}),
        st.fixed_dictionaries({"valu": _numbers}),
    ),
)
_years = _mostly(st.integers(MIN_YEAR, MAX_YEAR), st.sampled_from([1799, 2201, 2018.5, 0]))
_kinds = _mostly(st.sampled_from(["target", "forecast"]), st.just("x"))
# A source's release calendar (issue 22): a day that exists in every year, a lag of 0-10.
_release = _mostly(
    st.fixed_dictionaries(
        {"by": st.sampled_from(["04-30", "02-28", "12-31", "06-01"])},
        optional={"lag": st.integers(0, 10), "calendar": _texts, "note": _texts},
    ),
    st.one_of(
        st.fixed_dictionaries({"by": st.sampled_from(["02-29", "4-30", "13-01", "04-31", 430])}),
        st.fixed_dictionaries({"by": st.just("04-30"), "lag": st.sampled_from([-1, 11, "1"])}),
        st.fixed_dictionaries({"lag": st.just(1)}),
        _anything,
    ),
)
_source = st.fixed_dictionaries(
    {},
    optional={
        "publisher": _texts,
        "periodicity": _mostly(
            st.sampled_from(["annual", "irregular", "discontinued"]), st.just("monthly")
        ),
        "release": _release,
    },
)
_indicator = st.fixed_dictionaries(
    {
        "id": _slugs,
        "name": _localized,
        "goal": _slugs,
        "unit": _mostly(st.sampled_from(["percent", "count", "eur"]), st.sampled_from(["", "X"])),
        "direction": _mostly(st.sampled_from(["increase", "decrease"]), st.just("up")),
        "values": _mostly(st.dictionaries(_years, _observation, max_size=4), _anything),
    },
    optional={
        "objectives": _mostly(st.lists(_slugs, max_size=2), _anything),
        "decimals": _mostly(st.integers(0, 6), st.sampled_from([-1, 7, 1.5, "2"])),
        "baseline": _years,
        "targets": _mostly(
            st.lists(
                st.fixed_dictionaries(
                    {"value": _numbers, "year": _years},
                    optional={
                        "kind": _kinds,
                        "note": _per_language,
                        "source": st.fixed_dictionaries(
                            {}, optional={"title": _per_language, "publisher": _per_language}
                        ),
                    },
                ),
                max_size=2,
            ),
            _anything,
        ),
        "source": _source,
        "colour": st.just("red"),  # an unknown field
    },
)


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(_indicator)
def test_generated_indicator_files_get_the_same_verdict(document: dict[str, Any]) -> None:
    text = yaml.safe_dump(document, sort_keys=False)
    parsed = parse_yaml(text)
    assert parsed.issues == [], text
    try:
        Indicator.model_validate(parsed.data)
        model_ok = True
    except ValidationError:
        model_ok = False
    schema_ok = VALIDATORS["indicator"].is_valid(_as_json(parsed.data))
    assert model_ok == schema_ok, text
