"""The JSON Lines interface: documented examples, errors naming line and field, robustness."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.scoring import run_batch

DOC = Path(__file__).resolve().parents[2] / "docs" / "scoring.md"
BASE = {"kind": "count", "aggregation": "flow", "polarity": "higher", "target": 12}


def run(*lines: str) -> tuple[list[dict], int]:
    out = io.StringIO()
    errors = run_batch(lines, out)
    return [json.loads(x) for x in out.getvalue().splitlines()], errors


def line(**fields) -> str:
    return json.dumps({**BASE, "periods": [{"period": "2023-Q1", "value": 3}], **fields})


def doc_examples() -> list[tuple[list[str], list[str]]]:
    """(input lines, output lines) of every ```console block in docs/scoring.md."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", DOC.read_text("utf-8"), re.S):
        lines = block.splitlines()
        command = lines[0]
        if command.startswith("$ echo '"):
            inputs = [command.removeprefix("$ echo '").removesuffix("' | kinerja score")]
            outputs = lines[1:]
        else:
            assert command == "$ kinerja score <<'EOF'"
            end = lines.index("EOF")
            inputs, outputs = lines[1:end], lines[end + 1 :]
        examples.append((inputs, outputs))
    return examples


def test_docs_have_at_least_four_examples():
    assert len(doc_examples()) >= 4


@pytest.mark.parametrize("example", doc_examples(), ids=lambda e: e[0][0][:40])
def test_documented_examples_are_what_the_command_prints(example):
    inputs, outputs = example
    out = io.StringIO()
    run_batch(inputs, out)
    assert out.getvalue().splitlines() == outputs


def test_spec_example_fields():
    results, errors = run(
        json.dumps(
            {
                "kind": "percentage",
                "aggregation": "flow",
                "polarity": "higher",
                "target": 90,
                "cap": None,
                "scale": "permendagri-86-2017",
                "periods": [{"period": "2023-01", "numerator": 45, "denominator": 50}],
            }
        )
    )
    assert errors == 0
    assert results[0]["value"] == "90.00"
    assert results[0]["capaian"] == "100.00"
    assert list(results[0])[:5] == ["value", "capaian", "predicate", "status", "reason"]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("{not json", None),
        ("[1, 2]", None),
        ('{"kind": "count", "value": NaN}', None),
        (line(kind="persen"), "kind"),
        (json.dumps({k: v for k, v in BASE.items() if k != "aggregation"}), "aggregation"),
        (line(polarity=None), "polarity"),
        (json.dumps({**BASE, "periods": []} | {"target": "1,5"}), "target"),
        (json.dumps({k: v for k, v in BASE.items() if k != "target"} | {"periods": []}), "target"),
        (line(polarity="range"), "target"),
        (line(target={"min": 5, "max": 1}, polarity="range"), "target"),
        (line(target={"min": 5}, polarity="range"), "target"),
        (line(cap=0), "cap"),
        (line(scale="skala-lain"), "scale"),
        (line(scale="skp-permenpanrb-6-2022"), "scale"),
        (json.dumps(BASE), "periods"),
        (line(periods="2023-01"), "periods"),
        (line(periods=[{"period": "2023-1", "value": 1}]), "periods[0].period"),
        (line(periods=[{"period": "2023-01", "value": "x"}]), "periods[0].value"),
        (line(periods=[{"period": "2023-01", "nilai": 1}]), "periods[0].nilai"),
        (
            line(periods=[{"period": "2023-01", "numerator": 1, "denominator": 2}]),
            "periods[0].numerator",
        ),
        (
            line(periods=[{"period": "2023-01", "value": 1}, {"period": "2023-01", "value": 2}]),
            "periods[1].period",
        ),
        (
            line(periods=[{"period": "2023-01", "value": 1}, {"period": "2024-01", "value": 2}]),
            "periods",
        ),
        (
            line(periods=[{"period": "2023-01", "value": 1}, {"period": "2023", "value": 2}]),
            "periods",
        ),
        (line(as_of="2024-Q1"), "as_of"),
        (line(as_of="Q1"), "as_of"),
        (line(lower_formula="2t-r"), "lower_formula"),
        (line(zero_target="nol"), "zero_target"),
        (line(quarterly_targets=[1, 2, 3]), "quarterly_targets"),
        (line(quarterly_targets=[1, 2, 3, -4]), "quarterly_targets"),
        (line(bounded="ya"), "bounded"),
        (line(status_thresholds={"on_track": 50, "at_risk": 60}), "status_thresholds"),
        (line(id=1.5), "id"),
        (line(polarty="higher"), "polarty"),
        (line(target=1e30), "target"),
    ],
)
def test_bad_lines_name_the_field_and_the_rest_still_compute(text, field):
    results, errors = run(line(), text, line())
    assert errors == 1
    assert results[1]["line"] == 2
    assert results[1]["field"] == field
    assert results[1]["error"]
    assert results[0]["value"] == results[2]["value"] == "3.00"


def test_percentage_rows_with_mixed_forms_are_refused():
    text = json.dumps(
        {
            **BASE,
            "kind": "percentage",
            "periods": [
                {"period": "2023-01", "value": 90},
                {"period": "2023-02", "numerator": 1, "denominator": 2},
            ],
        }
    )
    results, _ = run(text)
    assert results[0]["field"] == "periods"


def test_blank_lines_are_skipped_but_counted():
    results, errors = run("", line(), "   ", "oops")
    assert errors == 1
    assert len(results) == 2
    assert results[1]["line"] == 4


def test_options_reach_the_engine():
    text = line(
        polarity="lower",
        target=10,
        lower_formula="inverse",
        periods=[{"period": "2023", "value": 8}],
        status_thresholds={"on_track": 130, "at_risk": 100},
        id=7,
    )
    (result,), _ = run(text)
    assert (result["id"], result["capaian"], result["status"]) == (7, "125.00", "at_risk")
    explicit = line(
        periods=[{"period": "2023-01", "value": None}, {"period": "2023-02", "value": 2}]
    )
    (result,), _ = run(explicit)
    assert result["missing"] == ["2023-01"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=60),
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                lambda inner: (
                    st.lists(inner, max_size=4)
                    | st.dictionaries(
                        st.sampled_from(
                            [
                                "kind",
                                "aggregation",
                                "polarity",
                                "target",
                                "periods",
                                "period",
                                "value",
                                "numerator",
                                "denominator",
                                "as_of",
                                "cap",
                                "min",
                                "max",
                            ]
                        ),
                        inner,
                        max_size=6,
                    )
                ),
                max_leaves=20,
            ).map(json.dumps),
        ),
        max_size=5,
    )
)
def test_no_input_makes_the_batch_raise(lines):
    out = io.StringIO()
    errors = run_batch(lines, out)
    printed = out.getvalue().splitlines()
    assert len(printed) == sum(1 for x in lines for part in [x] if part.strip())
    assert errors <= len(printed)
    for text in printed:
        assert "galat internal" not in json.loads(text).get("error", "")


def test_importing_the_engine_does_not_import_django():
    code = "import kinerja.scoring, kinerja.scoring.bulk, sys; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
