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

MISMATCH_SEX = "jenis kelamin berbeda dengan NIK (data dikoreksi? NIK tetap)"
MISMATCH_BIRTH = "tanggal lahir berbeda dengan NIK (data dikoreksi? NIK tetap)"
OLD_KAB = "kode kabupaten/kota pada NIK tidak ada di daftar Kemendagri (kode lama?)"
OLD_KEC = "kode kecamatan pada NIK tidak ada di daftar Kemendagri (kode lama?)"

NIK_CASES = [
    # (label, row fields, expected reason, "ditolak" or "catatan"; None = accepted silently)
    ("laki-laki sah", {"nik": make_nik(BIRTH, True)}, None, None),
    ("perempuan sah (tanggal + 40)", {"nik": make_nik(BIRTH, False), "jenis_kelamin": "P"}, None,
     None),
    ("NIK kabupaten lain di Jawa Timur", {"nik": make_nik(BIRTH, True, kec="357801")}, None, None),
    # A NIK is for life: sex or birth date corrected later -> kept, with a note.
    ("jenis kelamin dikoreksi", {"nik": make_nik(BIRTH, False, 2)}, MISMATCH_SEX, "catatan"),
    ("perempuan, NIK tanpa + 40", {"nik": make_nik(BIRTH, True, 3), "jenis_kelamin": "P"},
     MISMATCH_SEX, "catatan"),
    ("tanggal lahir dikoreksi", {"nik": make_nik(date(1990, 9, 5), True)}, MISMATCH_BIRTH,
     "catatan"),
    # Returning migrants: NIKs of other provinces are residents.
    ("NIK DKI Jakarta", {"nik": make_nik(BIRTH, True, kec="317101")}, None, None),
    ("NIK Papua Selatan", {"nik": make_nik(BIRTH, True, kec="930101")}, None, None),
    ("kabupaten lama/tidak ada", {"nik": make_nik(BIRTH, True, kec="359901")}, OLD_KAB, "catatan"),
    ("kecamatan lama/tidak ada", {"nik": make_nik(BIRTH, True, kec="352799")}, OLD_KEC, "catatan"),
    ("provinsi tidak ada", {"nik": make_nik(BIRTH, True, kec="990101")},
     "kode provinsi pada NIK tidak dikenal", "ditolak"),
    ("15 angka", {"nik": make_nik(BIRTH, True)[:15]}, "NIK harus 16 angka", "ditolak"),
    ("huruf", {"nik": "35270105089O0001"}, "NIK harus 16 angka", "ditolak"),
    ("kosong", {"nik": ""}, "NIK kosong", "ditolak"),
    ("nomor urut 0000", {"nik": make_nik(BIRTH, True, 0)}, "nomor urut NIK 0000 tidak sah",
     "ditolak"),
    ("tanggal 32 pada NIK", {"nik": "3527013208900001"}, "tanggal lahir pada NIK tidak sah",
     "ditolak"),
    ("30 Februari pada NIK", {"nik": "3527013002900001"}, "tanggal lahir pada NIK tidak sah",
     "ditolak"),
]  # fmt: skip


@pytest.fixture(scope="module")
def nik_results(tmp_path_factory):
    rows = [
        person(tgl_lahir=BIRTH, no_kk=f"35270101011200{i:02d}", **fields)
        for i, (_, fields, _, _) in enumerate(NIK_CASES, start=1)
    ]
    path = write_csv(tmp_path_factory.mktemp("nik") / "penduduk.csv", rows)
    summary = import_extract(path, extract_date=SNAPSHOT)
    found = {q.row: (q.reason, q.action) for q in summary.quarantine()}
    yield summary, found
    summary.close()


@pytest.mark.parametrize(
    ("index", "case"), list(enumerate(NIK_CASES)), ids=[c[0] for c in NIK_CASES]
)
def test_nik_rules(nik_results, index, case):
    _, found = nik_results
    _, _, expected, kind = case
    if expected is None:
        assert index + 1 not in found
    else:
        reason, action = found[index + 1]
        assert expected in reason.split("; ")
        assert action == ("ditolak" if kind == "ditolak" else "diterima dengan catatan")


def test_nik_summary_counts(nik_results):
    summary, _ = nik_results
    rejected = sum(1 for c in NIK_CASES if c[3] == "ditolak")
    assert (summary.residents_accepted, summary.residents_rejected) == (
        len(NIK_CASES) - rejected,
        rejected,
    )
    assert summary.residents_noted == sum(1 for c in NIK_CASES if c[3] == "catatan")
    assert summary.warnings[MISMATCH_SEX] == 2


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
    for i, row in enumerate(bad[1:]):  # each its own family, so no "two heads" note
        if row["no_kk"] == "3527010101120001":
            row["no_kk"] = f"35270101011299{i:02d}"
    rows = good[:2] + bad + good[2:]
    summary = import_rows(rows)
    # Unknown sex, relationship, marital status or a malformed KK number: kept, with a note.
    assert (summary.residents_accepted, summary.residents_rejected) == (9, len(bad) - 4)
    q = summary.quarantine()
    assert [r.row for r in q] == list(range(3, 3 + len(bad)))
    assert all(re.fullmatch(r"3527\*{12}", r.nik_masked) for r in q)
    by_row = {r.row: (r.reason, r.action) for r in q}
    assert by_row[3] == ("NIK ganda (sama dengan baris 1)", "ditolak")
    assert "tanggal lahir melewati tanggal ekstrak" in by_row[4][0]
    assert by_row[5] == ("tanggal meninggal sebelum tanggal lahir", "ditolak")
    assert "tanggal lahir kosong atau tidak sah" in by_row[6][0]
    assert by_row[7] == ("kode desa/kelurahan tidak dikenal", "ditolak")
    kept = "diterima dengan catatan"
    assert by_row[8] == ("jenis kelamin tidak dikenal", kept)
    assert by_row[9] == ("hubungan dalam keluarga tidak dikenal", kept)
    assert by_row[10] == ("status perkawinan tidak dikenal", kept)
    assert by_row[11] == ("nomor KK harus 16 angka (tidak dihitung dalam indikator keluarga)", kept)
    assert by_row[12] == ("tanggal perekaman KTP-el tidak sah", "ditolak")
    assert summary.reasons["NIK ganda"] == 1


def test_masked_nik_of_malformed_values(import_rows):
    summary = import_rows([person(), person(nik="Ahmad Fauzi"), person(nik="")])
    masks = {r.row: r.nik_masked for r in summary.quarantine() if r.action == "ditolak"}
    assert masks == {2: "*" * 11, 3: ""}


def test_write_quarantine_report(import_rows, tmp_path):
    rows = [person(), person(), person(serial=2, kode_desa="9999", no_kk="3527010101120002")]
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
    (tmp_path / "p.xlsx").write_bytes(b"PK")
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
        assert summary.residents_rejected == result.invalid_residents == 42
        assert summary.services_rejected == result.invalid_services > 0
        assert summary.residents_accepted == 3000 - 42
        assert summary.residents_noted >= result.noted_residents == 18
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
        assert summary.residents_accepted == 3
        first = summary.quarantine()[0]
        assert (first.row, first.reason.split("; ")[0], first.action) == (
            2,
            "status perkawinan tidak dikenal",
            "diterima dengan catatan",
        )
    finally:
        summary.close()
