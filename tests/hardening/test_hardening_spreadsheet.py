"""Findings 2, 8 and 9 for the spreadsheet upload: memory and time bounded before openpyxl
opens the file, permission before parsing, damaged cells and XML a message, duplicate rows
refused; and a fuzz test of the whole upload (thousands of cases per run; see
docs/security.md for the long run)."""

import os
import time
import tracemalloc

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xlsx_probes import (
    broken_xml_sheet,
    doctype_sheet,
    expanding_shared_strings,
    huge_dimension_sheet,
    rows_workbook,
    unsupported_zip_version,
)

from kinerja.measurement.models import Realization
from kinerja.measurement.spreadsheet import HEADER, upload_apply

pytestmark = pytest.mark.django_db
YEAR, MONTH = 2024, 3
FUZZ_EXAMPLES = int(os.environ.get("KINERJA_FUZZ_EXAMPLES", 2000))


def _row(indicator, value=None, numerator=None, denominator=None, note=None, version=0):
    fixed = [indicator.pk, "jabatan", "indikator", "Jumlah", "Maret 2024"]
    return [*fixed, numerator, denominator, value, note, version]


def _upload(org, content, role="staff"):
    return upload_apply(actor=org.users[role], content=content, year=YEAR, month=MONTH)


def _count_indicator(org):
    return next(i for i in org.pos["staff"].goals.first().indicators.all() if i.kind == "count")


def test_expanding_shared_strings_refused_before_opening(org):
    content = expanding_shared_strings(3_000_000)  # 0.13 MB; used 130 MB and 23 s before
    tracemalloc.start()
    started = time.monotonic()
    with pytest.raises(ValidationError) as exc:
        _upload(org, content)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "mengembang" in str(exc.value) or "teks bersama" in str(exc.value)
    assert time.monotonic() - started < 1.0
    assert peak < 5 * 1024 * 1024


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (doctype_sheet, "tidak dapat dibaca"),
        (broken_xml_sheet, "tidak dapat dibaca"),
        (huge_dimension_sheet, "baris"),
        (lambda: expanding_shared_strings(60_000), "teks bersama"),
        (unsupported_zip_version, "bukan XLSX"),
    ],
)
def test_damaged_workbooks_are_messages(org, build, words):
    with pytest.raises(ValidationError) as exc:
        _upload(org, build())
    assert words in str(exc.value)


def test_permission_checked_before_parsing(org, monkeypatch):
    opened = []
    monkeypatch.setattr(
        "kinerja.measurement.spreadsheet.load_workbook", lambda *a, **k: opened.append(1)
    )
    with pytest.raises(PermissionDenied):
        _upload(org, expanding_shared_strings(10), role="outsider")
    assert opened == []


@pytest.mark.parametrize(
    "marker", ["tahun=2021;bulan=13", "tahun=99999;bulan=1", "tahun=²;bulan=1"]
)
def test_damaged_stamp_is_a_message(org, marker):
    content = rows_workbook([HEADER, _row(_count_indicator(org), value=5)], marker=marker)
    with pytest.raises(ValidationError) as exc:
        _upload(org, content)
    assert "Petunjuk" in str(exc.value)


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ({"value": ("n", "1e309")}, "Nilai"),  # what Excel stores for 1e309: inf
        ({"value": "NaN"}, "Nilai"),
        ({"value": "abc"}, "Nilai"),
        ({"value": 5, "version": ("n", "1e309")}, "Versi"),
        ({"value": 5, "version": "²"}, "Versi"),
        ({"value": 5, "note": "panjang " * 300}, "Catatan"),
    ],
)
def test_malformed_cells_are_row_errors(org, cells, column):
    content = rows_workbook(
        [HEADER, _row(_count_indicator(org), **cells)], marker="tahun=2024;bulan=3"
    )
    result = _upload(org, content)
    assert result.applied == 0
    assert [e.column for e in result.errors] == [column]


def test_text_in_a_numeric_cell_is_a_message(org):
    content = rows_workbook([HEADER, _row(_count_indicator(org), value=("n", "abc"))])
    with pytest.raises(ValidationError):
        _upload(org, content)


def test_two_rows_for_the_same_cell_refused(org):
    indicator = _count_indicator(org)
    content = rows_workbook([HEADER, _row(indicator, value=5), _row(indicator, value=7)])
    result = _upload(org, content)
    assert result.applied == 0
    assert [(e.row, e.column) for e in result.errors] == [(3, "ID Indikator")]
    assert "baris 2" in result.errors[0].message
    assert not Realization.objects.filter(indicator=indicator).exists()


def test_a_good_upload_still_applies(org):
    indicator = _count_indicator(org)
    result = _upload(org, rows_workbook([HEADER, _row(indicator, value=12, note="ok")]))
    assert (result.applied, result.errors) == (1, [])
    assert Realization.objects.get(indicator=indicator).value == 12


CELL = st.one_of(
    st.none(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.sampled_from(["1.234,5", "85,5", "1e309", "NaN", "²", "-0", "١٢", "1e999999999"]),
    st.tuples(st.just("n"), st.sampled_from(["abc", "1e309", "NaN", "", "--1"])),
)


_INDICATORS: dict[int, list[int]] = {}


def _staff_indicators(org) -> list[int]:
    key = org.pos["staff"].pk
    if key not in _INDICATORS:
        goals = org.pos["staff"].goals.all()
        _INDICATORS[key] = [i.pk for g in goals for i in g.indicators.all()][:4]
    return _INDICATORS[key]


FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@settings(FUZZ, max_examples=FUZZ_EXAMPLES)
@given(
    rows=st.lists(st.lists(CELL, min_size=0, max_size=11), max_size=4),
    ids=st.lists(st.sampled_from([0, 1, 2, 3]), max_size=4),
    stamp=st.sampled_from([None, (2024, 3), (2024, 2)]),
)
def test_fuzz_rows_never_crash(org, monkeypatch, rows, ids, stamp):
    """Every cell value a workbook can hold, through the row checks and the services (the
    workbook reading itself is fuzzed below: it costs ~8 ms a file)."""
    indicators = _staff_indicators(org)
    for row, pick in zip(rows, ids, strict=False):
        if row:
            row[0] = indicators[pick]
    numbered = [(n, tuple(r)) for n, r in enumerate(rows, start=2)]
    monkeypatch.setattr(
        "kinerja.measurement.spreadsheet._read_rows", lambda content: (numbered, stamp)
    )
    monkeypatch.setattr("kinerja.measurement.spreadsheet.is_xlsx", lambda content: True)
    try:
        result = _upload(org, b"x")
    except (ValidationError, PermissionDenied):
        return
    assert result.applied >= 0
    assert all(e.message for e in result.errors)


@settings(FUZZ, max_examples=max(FUZZ_EXAMPLES // 7, 50))
@given(
    rows=st.lists(st.lists(CELL, min_size=0, max_size=11), max_size=3),
    marker=st.one_of(st.none(), CELL, st.sampled_from(["tahun=2024;bulan=3", "tahun=2024"])),
    header=st.booleans(),
    cut=st.one_of(st.none(), st.integers(min_value=0, max_value=4000)),
    flips=st.lists(st.tuples(st.integers(0, 4000), st.integers(0, 255)), max_size=3),
)
def test_fuzz_files_never_crash(org, rows, marker, header, cut, flips):
    """Whole files: cells of every kind, a damaged stamp, truncated or bit-flipped archives."""
    indicators = _staff_indicators(org)
    for row in rows:
        if row:
            row[0] = indicators[0]
    content = bytearray(rows_workbook(([HEADER] if header else []) + rows, marker=marker))
    for position, byte in flips:
        content[position % len(content)] = byte
    if cut is not None:
        content = content[:cut]
    try:
        result = _upload(org, bytes(content))
    except (ValidationError, PermissionDenied):
        return
    assert all(e.message for e in result.errors)
