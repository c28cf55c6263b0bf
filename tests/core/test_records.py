"""The package's records are plain immutable records, never tuples (issue 19): a record that
compared equal to a bare tuple (``TargetRef(1.0, 2030, "x") == (1.0, 2030, "x")``) would let a
mixed-up argument order pass unnoticed."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil

import pytest

import intl_tracker


def _classes() -> list[type]:
    found: list[type] = []
    for info in pkgutil.walk_packages(intl_tracker.__path__, "intl_tracker."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        found += [
            c for _, c in inspect.getmembers(module, inspect.isclass) if c.__module__ == info.name
        ]
    return found


CLASSES = _classes()


def test_the_walk_finds_the_records() -> None:
    names = {c.__name__ for c in CLASSES}
    assert {"Problem", "TargetRef", "ReportView"} <= names


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_no_class_is_a_tuple(cls: type) -> None:
    assert not issubclass(cls, tuple), f"{cls.__name__} is a tuple: use a frozen dataclass"


def test_a_record_never_equals_a_tuple() -> None:
    from intl_tracker.assessment.engine import TargetRef

    fields = [f.name for f in dataclasses.fields(TargetRef)]
    assert len(fields) >= 3
    ref = TargetRef(1.0, 2030, "target")
    assert ref != (1.0, 2030, "target")
    with pytest.raises(dataclasses.FrozenInstanceError):
        ref.year = 2031  # type: ignore[misc]
