"""Data that passes `validate` never crashes anything else: generated data sets that validate
are rendered by every command in every format, with no exception and strict JSON.

The examples include what broke before: values equal but for float noise (30000 and
30000.000000000004), the largest values a file may hold, very long names, control
characters and bidi overrides in every text. The example budget is fixed (``derandomize``),
so the run takes the same time in CI every time.
"""

from __future__ import annotations

import importlib.util
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.dataset.models import MAX_ABS_VALUE
from intl_tracker.render.registry import formats

GOALS = {
    "programme": {"id": "generated", "name": {"en": "Generated", "fi": "Luotu"}},
    "goals": [
        {
            "id": "green",
            "number": 1,
            "name": {"en": "Green"},
            "objectives": [{"id": "clean-air", "text": {"en": "Clean air"}}],
        },
        {"id": "open", "number": 2, "name": {"en": "Open"}},
    ],
}
DOMAINS = {
    "percent": (0.0, 100.0),
    "count": (0.0, MAX_ABS_VALUE),
    "rank": (1.0, 500.0),
    "eur": (-MAX_ABS_VALUE, MAX_ABS_VALUE),
    "index": (-1000.0, 1000.0),
}

_text = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40),
    st.sampled_from(["=SUM(A1)", "\x1b]52;c;eA==\x07", "a\u202eb", "x" * 1000, "Ääkköset"]),
)


@st.composite
def _value(draw: st.DrawFn, unit: str) -> float:
    low, high = DOMAINS[unit]
    special = [v for v in (30000.0, 30000.000000000004, low, high, 0.0, 1e-9) if low <= v <= high]
    return float(
        draw(
            st.one_of(
                st.sampled_from(special),
                st.floats(low, high, allow_nan=False, allow_infinity=False),
            )
        )
    )


@st.composite
def _indicator(draw: st.DrawFn, ident: str) -> dict[str, Any]:
    unit = draw(st.sampled_from(sorted(DOMAINS)))
    years = draw(st.lists(st.integers(1990, 2030), min_size=0, max_size=7, unique=True))
    values: dict[int, Any] = {}
    for year in sorted(years):
        value = draw(_value(unit))
        status = draw(st.sampled_from(["final", "final", "provisional", "estimated"]))
        values[year] = (
            value if status == "final" else {"value": value, "status": status, "note": draw(_text)}
        )
    indicator: dict[str, Any] = {
        "id": ident,
        "name": {"en": draw(_text), "fi": draw(_text)},
        "goal": draw(st.sampled_from(["green", "open"])),
        "unit": unit,
        "direction": draw(st.sampled_from(["increase", "decrease"])),
        "source": {"publisher": draw(_text), "url": "https://example.org/" + draw(_text)},
        "values": values,
    }
    if draw(st.booleans()):
        indicator["decimals"] = draw(st.integers(0, 6))
    if years and draw(st.booleans()):
        first = min(years)
        indicator["targets"] = [
            {
                "year": draw(st.integers(first + 1, 2060)),
                "value": draw(_value(unit)),
                "kind": draw(st.sampled_from(["target", "forecast"])),
                "note": draw(_text),
            }
        ]
    if draw(st.booleans()):
        indicator["definition"] = {"en": draw(_text)}
    return indicator


_data_sets = st.lists(
    st.sampled_from(["a", "b-2", "c3"]), min_size=1, max_size=3, unique=True
).flatmap(lambda ids: st.tuples(*(_indicator(i) for i in ids)))


def _write(root: Path, indicators: tuple[dict[str, Any], ...]) -> None:
    (root / "indicators").mkdir(parents=True)
    (root / "goals.yaml").write_text(yaml.safe_dump(GOALS), encoding="utf-8")
    for indicator in indicators:
        text = yaml.safe_dump(indicator, sort_keys=False)  # ASCII, escapes for the rest
        (root / "indicators" / f"{indicator['id']}.yaml").write_text(text, encoding="utf-8")


def _strict_json(text: str) -> Any:
    def refuse(constant: str) -> Any:
        raise AssertionError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def _invoke(args: list[str]) -> str:
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result.stdout


def _validates(root: Path) -> bool:
    result = CliRunner().invoke(app, ["validate", "--data", str(root)], catch_exceptions=False)
    return result.exit_code == 0


@pytest.mark.exhaustive
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    indicators=_data_sets,
    lang=st.sampled_from(["en", "fi", "sv"]),
    method=st.sampled_from(["ratio", "unsd", "dns"]),
    pace=st.sampled_from(["endpoints", "fitted"]),
)
def test_valid_data_renders_everywhere(
    tmp_path_factory: pytest.TempPathFactory,
    indicators: tuple[dict[str, Any], ...],
    lang: str,
    method: str,
    pace: str,
) -> None:
    root = tmp_path_factory.mktemp("gen") / "data"
    _write(root, indicators)
    assume(_validates(root))
    data = ["--data", str(root)]
    for fmt in ("json", "github", "text"):
        out = _invoke(["validate", "-f", fmt, *data])
        if fmt == "json":
            assert _strict_json(out)["valid"] is True
    for what in ("goals", "indicators"):
        for fmt in formats("list"):
            out = _invoke(["list", what, "-f", fmt, "--lang", lang, *data])
            if fmt == "json":
                _strict_json(out)
    if not any(i["values"] for i in indicators):
        return  # nothing to report: `report` says so with exit 2
    options = ["--method", method, "--pace", pace, "--lang", lang, *data]
    for fmt in formats("report"):
        out = _invoke(["report", "-f", fmt, *options])
        if fmt == "json":
            _strict_json(out)
    for indicator in indicators:
        if not indicator["values"]:
            continue
        for fmt in formats("show"):
            out = _invoke(["show", indicator["id"], "-f", fmt, *options])
            if fmt == "json":
                _strict_json(out)


@pytest.mark.exhaustive
@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(indicators=_data_sets, suffix=st.sampled_from([".svg", ".svg", ".png"]))
def test_valid_data_charts(
    tmp_path_factory: pytest.TempPathFactory,
    indicators: tuple[dict[str, Any], ...],
    suffix: str,
) -> None:
    pytest.importorskip("matplotlib")
    root = tmp_path_factory.mktemp("gen") / "data"
    _write(root, indicators)
    assume(_validates(root))
    shown = [i for i in indicators if i["values"]]
    assume(shown)
    chart = root.parent / f"chart{suffix}"
    _invoke(["show", shown[0]["id"], "--chart", str(chart), "--data", str(root)])
    if suffix == ".svg":
        ET.parse(chart)
    else:
        assert chart.read_bytes().startswith(b"\x89PNG")


def _one(tmp_path: Path, **fields: Any) -> Path:
    indicator = {
        "id": "a",
        "name": {"en": "A"},
        "goal": "green",
        "unit": "count",
        "direction": "increase",
        "values": {2015: 30000, 2016: 30000.000000000004},
        **fields,
    }
    root = tmp_path / "data"
    _write(root, (indicator,))
    return root


def test_values_equal_but_for_float_noise_render(tmp_path: Path) -> None:
    """30000 and 30000.000000000004 raised ZeroDivisionError in `show` (issue 11)."""
    root = _one(tmp_path)
    assert _validates(root)
    _invoke(["show", "a", "--data", str(root)])
    _invoke(["report", "--data", str(root)])
    if importlib.util.find_spec("matplotlib"):
        _invoke(["show", "a", "--chart", str(tmp_path / "c.svg"), "--data", str(root)])


def test_values_near_the_float_limit_are_refused_by_validate(tmp_path: Path) -> None:
    """1e308 crashed `show`, the chart and the sparkline; no indicator value is that big."""
    root = _one(tmp_path, values={2015: 1.0e308, 2016: 1.7e308})
    result = CliRunner().invoke(app, ["validate", "--data", str(root)])
    assert result.exit_code == 1
    assert result.stdout.count("[out-of-range]") == 2


@pytest.mark.exhaustive
def test_a_thousand_character_name_charts(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    root = _one(tmp_path, name={"en": "Long name " * 100})
    _invoke(["show", "a", "--chart", str(tmp_path / "c.png"), "--data", str(root)])
    assert (tmp_path / "c.png").read_bytes().startswith(b"\x89PNG")
