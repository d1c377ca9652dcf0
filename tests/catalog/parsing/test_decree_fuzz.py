"""Whatever the input, the parser answers with a document or a DecreeParseError, nothing else."""

from __future__ import annotations

import json
import signal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kinerja.catalog
from kinerja.catalog.parsing import DecreeParseError, parse_decree

SEED_LINES = (
    (Path(kinerja.catalog.__file__).parent / "data" / "sampang-188-2019.txt")
    .read_text(encoding="utf-8")
    .split("\n")
)
FIXTURE_LINES = (
    (Path(__file__).parent / "fixtures" / "label_variants.txt")
    .read_text(encoding="utf-8")
    .split("\n")
)
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


def check(raw: str | bytes) -> None:
    try:
        doc = parse_decree(raw)
    except DecreeParseError as exc:
        assert exc.line >= 1
        assert str(exc).startswith(f"line {exc.line}: ")
        assert "\n" not in str(exc)
        return
    json.dumps(doc)  # always serialisable
    assert doc["positions"]
    assert all(w["line"] >= 1 for w in doc["warnings"])


@FUZZ
@given(st.text())
def test_arbitrary_text(text):
    check(text)


@FUZZ
@given(st.binary())
def test_arbitrary_bytes(data):
    check(data)


@FUZZ
@given(
    st.lists(
        st.sampled_from(
            [
                "1. JABATAN : Kepala Seksi A",
                "JABATAN :",
                "TUGAS : a. x; b. y",
                "FUNGSI :",
                "Nomor : 1/2/3",
                "KINERJA\tINDIKATOR KINERJA\tFORMULASI PENGHITUNGAN\tSUMBER DATA",
                "SASARAN KINERJA\tINDIKATOR\tSUMBER DATA",
                "Goal\t- Ind\t$\\frac{\\text{A}}{\\text{B}} \\times 100\\%$\t- SIAK",
                "\t- Ind\t(A / B) x 100%\tDPA, SPJ",
                "Ind\tInd\tDok\t",
                "\t\t\t",
                "\\frac{{{",
                "Ditetapkan di : X",
                "Pada Tanggal : 99 Agustus 0000",
                "Plt. KEPALA",
                "NIP. 1",
                "- b. tugas lain yang diberikan oleh Kepala Seksi A.",
                "",
            ]
        ),
        max_size=40,
    )
)
def test_decree_shaped_noise(lines):
    check("\n".join(lines))


@FUZZ
@given(st.data())
def test_mutated_seed(data):
    lines = list(data.draw(st.sampled_from([SEED_LINES, FIXTURE_LINES])))
    for _ in range(data.draw(st.integers(1, 6))):
        op = data.draw(st.sampled_from(["delete", "shuffle", "duplicate", "edit", "split"]))
        if not lines:
            break
        i = data.draw(st.integers(0, len(lines) - 1))
        j = data.draw(st.integers(i, min(len(lines), i + 40)))
        if op == "delete":
            del lines[i:j]
        elif op == "shuffle":
            part = lines[i:j]
            order = data.draw(st.permutations(range(len(part))))
            lines[i:j] = [part[k] for k in order]
        elif op == "duplicate":
            lines[j:j] = lines[i:j]
        elif op == "edit":
            line = lines[i]
            at = data.draw(st.integers(0, len(line)))
            junk = data.draw(st.sampled_from(["\t", "", "-", "{", "}", "$", "/", ":", "a. ", "é"]))
            lines[i] = line[:at] + junk + line[at + data.draw(st.integers(0, 3)) :]
        else:
            lines[i : i + 1] = lines[i].split("\t")
    check("\n".join(lines))
    check("\r\n".join(lines).encode("utf-8"))


PATHOLOGICAL_CELLS = [
    "(" * 20000 + "A / B" + ")" * 20000,
    "(" + "a/" * 20000 + "b) x 100%",
    "\\frac{" * 20000,
    "<li" * 10000,
    "Jumlah A" + " ;" * 20000,
    "- a " * 20000,
]


def test_pathological_cells_do_not_hang():
    """Catastrophic regex backtracking takes minutes on such cells; a normal parse takes
    milliseconds. The guard is generous on purpose (a loaded CI machine must not fail it): it
    catches a hang, it does not measure speed (docs/benchmarks.md does)."""
    base = (Path(__file__).parent / "fixtures" / "plt_signatory.txt").read_text(encoding="utf-8")

    def hang(signum, frame):
        raise TimeoutError("parser hangs on a pathological cell")

    previous = signal.signal(signal.SIGALRM, hang)
    try:
        for cell in PATHOLOGICAL_CELLS:
            for row in (f"\t- X\t{cell}\tSIAK", f"\t- X\tJumlah X\t{cell}"):
                signal.alarm(30)
                check(base + row + "\n")
                signal.alarm(0)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
