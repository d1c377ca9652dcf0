"""The ``kinerja score`` management command: a thin wrapper over run_batch."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

GOOD = (
    '{"kind": "count", "aggregation": "flow", "polarity": "higher", "target": 4, '
    '"periods": [{"period": "2023", "value": 3}]}'
)


def test_command_scores_stdin_and_exits_zero_on_bad_lines(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(GOOD + "\nnot json\n"))
    out, err = io.StringIO(), io.StringIO()
    call_command("score", stdout=out, stderr=err)
    first, second = (json.loads(x) for x in out.getvalue().splitlines())
    assert first["capaian"] == "75.00"
    assert second["line"] == 2
    assert "1 baris galat" in err.getvalue()


def test_strict_mode_fails_on_bad_lines(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("not json\n"))
    with pytest.raises(CommandError):
        call_command("score", "--strict", stdout=io.StringIO(), stderr=io.StringIO())


def test_agency_scales_file(monkeypatch, tmp_path):
    scales = tmp_path / "skala.json"
    scales.write_text(
        json.dumps(
            {
                "scales": [
                    {
                        "id": "x",
                        "levels": [
                            {"label": "Tercapai", "min": "70"},
                            {"label": "Belum", "min": None},
                        ],
                    }
                ]
            }
        )
    )
    line = json.loads(GOOD) | {"scale": "x"}
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(line) + "\n"))
    out = io.StringIO()
    call_command("score", "--scales", str(scales), stdout=out)
    assert json.loads(out.getvalue())["predicate"] == "Tercapai"
