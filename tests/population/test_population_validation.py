"""NIK validation and the quarantine: bad rows are reported with row number, masked NIK and an
Indonesian reason, and never stop the import."""

# ruff: noqa: F811  (pytest fixtures imported from population_helpers)

from __future__ import annotations

import csv
import re
from datetime import date

import pytest
from population_helpers import (  # noqa: F401  (import_rows is a fixture)
    SNAPSHOT,
    import_rows,
    make_nik,
    person,
    service,
    write_csv,
)

from kinerja.population import ExtractFormatError, import_extract, synth

BIRTH = date(1990, 8, 5)

NIK_CASES = [
    # (label, row fields, expected reason or None for accepted)
    ("laki-laki sah", {"nik": make_nik(BIRTH, True)}, None),
    ("perempuan sah (tanggal + 40)", {"nik": make_nik(BIRTH, False), "jenis_kelamin": "P"}, None),
    ("NIK kabupaten lain di Jawa Timur", {"nik": make_nik(BIRTH, True, kec="357801")}, None),
    (
        "digit jenis kelamin salah",
        {"nik": make_nik(BIRTH, False)},
        "jenis kelamin tidak sesuai NIK",
    ),
    (
        "perempuan tanpa + 40",
        {"nik": make_nik(BIRTH, True), "jenis_kelamin": "P"},
        "jenis kelamin tidak sesuai NIK",
    ),
    (
        "tanggal lahir salah",
        {"nik": make_nik(date(1990, 9, 5), True)},
        "tanggal lahir tidak sesuai NIK",
    ),
    ("15 angka", {"nik": make_nik(BIRTH, True)[:15]}, "NIK harus 16 angka"),
    ("huruf", {"nik": "35270105089O0001"}, "NIK harus 16 angka"),
    (
        "kabupaten tidak dikenal",
        {"nik": make_nik(BIRTH, True, kec="359901")},
        "kode kabupaten/kota pada NIK bukan kode Jawa Timur",
    ),
    (
        "provinsi lain",
        {"nik": make_nik(BIRTH, True, kec="317101")},
        "kode kabupaten/kota pada NIK bukan kode Jawa Timur",
    ),
    (
        "kecamatan tidak dikenal",
        {"nik": make_nik(BIRTH, True, kec="352799")},
        "kode kecamatan pada NIK tidak ada di kabupaten/kota tersebut",
    ),
    ("nomor urut 0000", {"nik": make_nik(BIRTH, True, 0)}, "nomor urut NIK 0000 tidak sah"),
    ("tanggal 32 pada NIK", {"nik": "3527013208900001"}, "tanggal lahir pada NIK tidak sah"),
]


@pytest.fixture(scope="module")
def nik_results(tmp_path_factory):
    rows = [person(tgl_lahir=BIRTH, **fields) for _, fields, _ in NIK_CASES]
    path = write_csv(tmp_path_factory.mktemp("nik") / "penduduk.csv", rows)
    summary = import_extract(path, extract_date=SNAPSHOT)
    reasons = {q.row: q.reason for q in summary.quarantine()}
    yield summary, reasons
    summary.close()


@pytest.mark.parametrize(
    ("index", "case"), list(enumerate(NIK_CASES)), ids=[c[0] for c in NIK_CASES]
)
def test_nik_rules(nik_results, index, case):
    _, reasons = nik_results
    _, _, expected = case
    if expected is None:
        assert index + 1 not in reasons
    else:
        assert expected in reasons[index + 1].split("; ")


def test_nik_summary_counts(nik_results):
    summary, _ = nik_results
    accepted = sum(1 for c in NIK_CASES if c[2] is None)
    assert (summary.residents_accepted, summary.residents_rejected) == (
        accepted,
        len(NIK_CASES) - accepted,
    )


def test_quarantine_rows_reasons_and_masks(import_rows):
    good = [person(serial=i, no_kk=f"352701010112{i:04d}") for i in range(1, 6)]
    bad = [
        person(serial=1),  # duplicate of row 1
        person(serial=20, tgl_lahir=date(2025, 3, 1)),  # born after the extract date
        person(serial=21, tgl_meninggal="1970-01-01"),  # death before birth
        person(serial=22, nik="3527013002190001", tgl_lahir="2019-02-30"),  # no such date
        person(serial=23, kode_desa="35.27.01.2999"),  # unknown desa
        person(serial=24, jenis_kelamin="X"),
        person(serial=25, shdk="TETANGGA"),
        person(serial=26, status_kawin="NIKAH SIRI"),
        person(serial=27, no_kk="12345"),
        person(serial=28, tgl_rekam_ktpel="kemarin"),
    ]
    rows = good[:2] + bad + good[2:]
    summary = import_rows(rows)
    assert (summary.residents_accepted, summary.residents_rejected) == (5, len(bad))
    q = summary.quarantine()
    assert [r.row for r in q] == list(range(3, 3 + len(bad)))
    assert all(re.fullmatch(r"3527\*{12}", r.nik_masked) for r in q)
    by_row = {r.row: r.reason for r in q}
    assert by_row[3] == "NIK ganda (sama dengan baris 1)"
    assert "tanggal lahir melewati tanggal ekstrak" in by_row[4]
    assert by_row[5] == "tanggal meninggal sebelum tanggal lahir"
    assert by_row[6] == "tanggal lahir kosong atau tidak sah"
    assert by_row[7] == "kode desa/kelurahan tidak dikenal"
    assert by_row[8] == "jenis kelamin tidak dikenal"
    assert by_row[9] == "hubungan dalam keluarga tidak dikenal"
    assert by_row[10] == "status perkawinan tidak dikenal"
    assert by_row[11] == "nomor KK harus 16 angka"
    assert by_row[12] == "tanggal perekaman KTP-el tidak sah"
    assert summary.reasons["NIK ganda"] == 1


def test_masked_nik_of_malformed_values(import_rows):
    summary = import_rows([person(), person(nik="Ahmad Fauzi"), person(nik="")])
    masks = {r.row: r.nik_masked for r in summary.quarantine()}
    assert masks == {2: "*" * 11, 3: ""}


def test_write_quarantine_report(import_rows, tmp_path):
    rows = [person(), person(), person(serial=2, kode_desa="9999")]
    summary = import_rows(rows, [service(), service(tgl_selesai="2024-02-01")])
    out = tmp_path / "karantina.csv"
    assert summary.write_quarantine(out) == 3
    report = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["berkas"], r["baris"]) for r in report] == [
        ("penduduk", "2"),
        ("penduduk", "3"),
        ("layanan", "2"),
    ]
    text = out.read_text(encoding="utf-8")
    assert rows[0]["nik"] not in text and rows[2]["nik"] not in text


def test_service_rules(import_rows):
    services = [
        service(no_permohonan="A1"),
        service(no_permohonan="A1"),
        service(no_permohonan="A2", jenis_layanan="Surat Pindah Sekolah"),
        service(no_permohonan="A3", kode_desa="35.27.99.2001"),
        service(no_permohonan="A4", tgl_permohonan="2024-02-30"),
        service(no_permohonan="A5", tgl_selesai="2024-02-01"),
        service(no_permohonan="A6", tgl_permohonan="2025-06-01"),
        service(no_permohonan=""),
        service(no_permohonan="A7", jenis_layanan="akta kelahiran", tgl_selesai="05/03/2024"),
    ]
    summary = import_rows([person()], services)
    reasons = {q.row: q.reason for q in summary.quarantine() if q.file == "layanan"}
    assert reasons == {
        2: "nomor permohonan ganda (sama dengan baris 1)",
        3: "jenis layanan tidak dikenal",
        4: "kode desa/kelurahan tidak dikenal",
        5: "tanggal permohonan kosong atau tidak sah",
        6: "tanggal selesai sebelum tanggal permohonan",
        7: "tanggal permohonan melewati tanggal ekstrak",
        8: "nomor permohonan kosong",
    }
    assert summary.services_accepted == 2


def test_siak_headers_codes_and_date_formats(tmp_path):
    """Uppercase SIAK headers, numeric codes, undotted desa codes and DD-MM-YYYY dates are read;
    unknown columns (names) are ignored; absent optional columns are reported."""
    header = ["NIK", "NO_KK", "NAMA_LGKP", "JENIS_KLMIN", "TGL_LHR", "KODE_WILAYAH", "STAT_HBKEL"]
    header.append("STAT_KWN")
    nik = make_nik(date(2001, 12, 9), False)
    row = dict(
        zip(
            header, [nik, "3527010101120001", "Siti", "2", "09-12-2001", "3527012001"], strict=False
        )
    )
    row.update(STAT_HBKEL="3", STAT_KWN="2")
    summary = import_extract(write_csv(tmp_path / "p.csv", [row], header), extract_date=SNAPSHOT)
    try:
        assert summary.residents_accepted == 1
        got = summary.con.execute("SELECT kode_desa, shdk, status_kawin FROM penduduk").fetchall()
        assert got == [("35.27.01.2001", "ISTRI", "KAWIN")]
        assert "tgl_rekam_ktpel" in summary.missing_columns["penduduk"]
    finally:
        summary.close()


def test_missing_required_column_is_a_format_error(tmp_path):
    path = write_csv(tmp_path / "p.csv", [{"nik": "1", "no_kk": "2"}])
    with pytest.raises(ExtractFormatError, match="kolom wajib tidak ada"):
        import_extract(path)
    with pytest.raises(ExtractFormatError, match="format berkas"):
        import_extract(tmp_path / "p.xlsx")


def test_synthetic_invalid_rows_are_all_quarantined(tmp_path):
    result = synth(3000, seed=5, out_dir=tmp_path, invalid_share=0.02)
    steps = []
    summary = import_extract(
        result.residents,
        result.services,
        extract_date=SNAPSHOT,
        progress=lambda stage, done, total: steps.append((done, total)),
    )
    try:
        assert steps[0] == (0, 7) and steps[-1] == (7, 7)
        assert summary.residents_rejected == result.invalid_residents == 60
        assert summary.services_rejected == result.invalid_services > 0
        assert summary.residents_accepted == 3000 - 60
    finally:
        summary.close()


def test_ragged_csv_rows_are_quarantined_not_fatal(tmp_path):
    header = "nik,no_kk,jenis_kelamin,tgl_lahir,kode_desa,shdk,status_kawin"
    good = "3527011705800001,3527010101120001,L,1980-05-17,35.27.01.2001,1,1"
    short = "3527011705800002,3527010101120001,L,1980-05-17,35.27.01.2001,1"
    path = tmp_path / "p.csv"
    path.write_text("\n".join([header, good, short, good.replace("0001,", "0003,", 1)]) + "\n")
    summary = import_extract(path, extract_date=SNAPSHOT)
    try:
        assert summary.residents_accepted == 2
        assert [(q.row, q.reason) for q in summary.quarantine()] == [
            (2, "status perkawinan tidak dikenal")
        ]
    finally:
        summary.close()
