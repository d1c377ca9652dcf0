"""XLSX decrees: the application's template reads back into the same catalog in both layouts,
the catalog's own XLSX export reads too, malformed workbooks name sheet, row and column, and
whatever the cells hold the reader answers with a document or a DecreeParseError."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from kinerja.catalog.exports import document_to_xlsx
from kinerja.catalog.parsing import DecreeParseError, xlsx_reader
from kinerja.catalog.parsing.files import read_decree_file
from kinerja.catalog.selectors import decree_document as catalog_document
from kinerja.catalog.services import catalog_import
from kinerja.catalog.xlsx_template import template_xlsx


def indicators(document):
    for position in document["positions"]:
        for goal in position["goals"]:
            yield from goal["indicators"]


def comparable(document):
    """Without warnings (the XLSX has no signature text to warn about) and with sources folded
    to lower case (the catalog keeps the first spelling of a shared source)."""
    document = json.loads(json.dumps(document))
    document.pop("warnings")
    for indicator in indicators(document):
        indicator["sources"] = [s.casefold() for s in indicator["sources"]]
    return document


@pytest.mark.django_db
@pytest.mark.parametrize("layout", ["per_jabatan", "satu_lembar"])
def test_seed_text_catalog_xlsx_catalog_round_trip(decree, seed_document, layout):
    exported = catalog_document(decree)
    raw = template_xlsx(exported, layout=layout)
    document = read_decree_file(raw, "templat-iki.xlsx")
    assert len(document["positions"]) == 24
    assert sum(len(p["goals"]) for p in document["positions"]) == 30
    assert len(list(indicators(document))) == 142
    assert comparable(document) == comparable(seed_document)  # formulas as written, LaTeX too
    result = catalog_import(document=document, source_sha256="xlsx", actor="uji")
    assert (result.created, result.changes) == (False, [])
    assert catalog_document(decree) == exported


@pytest.mark.django_db
def test_a_position_renamed_in_the_template_keeps_its_key(decree):
    book = load_workbook(io.BytesIO(template_xlsx(catalog_document(decree))))
    assert book["Pengemudi"]["B2"].value == "pengemudi"
    book["Pengemudi"]["B1"] = "Pengemudi Kendaraan Dinas"
    out = io.BytesIO()
    book.save(out)
    document = read_decree_file(out.getvalue(), "templat.xlsx")
    driver = next(p for p in document["positions"] if p["key"] == "pengemudi")
    assert driver["name"] == "Pengemudi Kendaraan Dinas"
    result = catalog_import(document=document, source_sha256="xlsx", actor="uji")
    assert [(c.action, c.field, c.after) for c in result.changes] == [
        ("ubah", "name", "Pengemudi Kendaraan Dinas")
    ]
    book["Sekretaris"]["B2"] = "Kunci Salah"
    book.save(out := io.BytesIO())
    assert error(out.getvalue()) == (
        "lembar 'Sekretaris', baris 1: kunci 'Kunci Salah' tidak sah: huruf kecil, angka dan "
        "tanda hubung saja"
    )
    book["Sekretaris"]["B2"] = "pengemudi"
    book.save(out := io.BytesIO())
    assert error(out.getvalue()) == (
        "lembar 'Pengemudi', baris 1: kunci 'pengemudi' dipakai dua jabatan ('Sekretaris' dan "
        "'Pengemudi Kendaraan Dinas'); kosongkan atau ganti salah satunya"
    )


def test_template_sheets_and_a_blank_template(seed_document):
    book = load_workbook(io.BytesIO(template_xlsx(seed_document)))
    assert book.sheetnames[:3] == ["Keputusan", "Sekretaris", "Kepala Bidang Pelayanan Pendaft"]
    assert "Analis Pengembangan Teknolo (2)" in book.sheetnames
    assert book.sheetnames[-1] == "Petunjuk"
    sheet = book["Sekretaris"]
    assert [sheet.cell(1, c).value for c in (1, 2)] == ["Jabatan", "Sekretaris"]
    assert [sheet.cell(2, c).value for c in (1, 2)] == ["Kunci", "sekretaris"]
    assert {str(r) for r in sheet.merged_cells.ranges} == {"A22:A25"}  # KINERJA, 4 indicators
    with pytest.raises(DecreeParseError) as caught:
        read_decree_file(template_xlsx(), "kosong.xlsx")
    assert str(caught.value) == "lembar 'Keputusan': Nomor kosong; isi kolom B di samping 'Nomor'"


def test_the_catalog_export_reads_back_without_tasks(seed_document):
    document = read_decree_file(document_to_xlsx(seed_document), "katalog.xlsx")
    assert len(list(indicators(document))) == 142
    assert document["decree"]["agency"] == "Dinas Kependudukan dan Pencatatan Sipil"
    assert document["decree"]["region"] == "Kabupaten Sampang"
    assert document["decree"]["signatory"]["acting"] == "Pih."
    assert document["positions"][0]["tasks"] == []  # the export has no task column
    names = [i["name"] for i in indicators(document)]
    assert names == [i["name"] for i in indicators(seed_document)]


# ------------------------------------------------------------------ hand-built workbooks


def workbook(sheets: dict[str, list[tuple]], merges: dict[str, list[str]] | None = None):
    book = Workbook()
    book.active.title = "Keputusan"
    for row in (
        ("Nomor", "800/5/2025"),
        ("Tentang", "Penetapan IKI Dinas Sosial Tahun 2025-2029"),
        ("Perangkat Daerah", "Dinas Sosial"),
        ("Daerah", "Kabupaten Sampang"),
        ("Periode", "2025-2029"),
        ("Tanggal ditetapkan", "2 Januari 2025"),
        ("NIP penandatangan", "197001011990031002"),
    ):
        book.active.append(row)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
        for rng in (merges or {}).get(title, []):
            ws.merge_cells(rng)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HEADER = ("KINERJA", "INDIKATOR KINERJA", "PENJELASAN/FORMULASI", "SUMBER DATA")
KASI = [
    ("Jabatan", "Kepala Seksi Identitas"),
    ("Unit Kerja", "Seksi Identitas"),
    ("Tugas", "Melaksanakan pelayanan identitas"),
    ("Fungsi", "penerbitan KTP-el"),
    (None, "fungsi lain yang diberikan oleh Kepala Bidang Pelayanan"),
    (),
    HEADER,
]


def error(raw: bytes) -> str:
    with pytest.raises(DecreeParseError) as caught:
        read_decree_file(raw, "keputusan.xlsx")
    return str(caught.value)


def test_per_position_sheet_with_merged_goal_and_sources_as_lines():
    rows = [
        *KASI,
        (
            "Meningkatnya layanan",
            "Persentase KTP-el",
            "(Jumlah ber KTP-el / Jumlah wajib) x 100%",
            "SIAK",
        ),
        (None, "Jumlah layanan keliling", "Jumlah layanan", "- Laporan\n- Renstra, Renja"),
    ]
    document = read_decree_file(workbook({"Kasi": rows}, {"Kasi": ["A8:A9"]}), "k.xlsx")
    (kasi,) = document["positions"]
    assert (kasi["name"], kasi["unit"], kasi["supervisor"]) == (
        "Kepala Seksi Identitas",
        "Seksi Identitas",
        "Kepala Bidang Pelayanan",
    )
    assert kasi["functions"] == [
        "penerbitan KTP-el",
        "fungsi lain yang diberikan oleh Kepala Bidang Pelayanan",
    ]
    (goal,) = kasi["goals"]
    first, second = goal["indicators"]
    assert (first["kind"], first["numerator"], first["denominator"]) == (
        "percentage",
        "Jumlah ber KTP-el",
        "Jumlah wajib",
    )
    assert first["aggregation"] == "stock"  # a SIAK percentage is a level on a date
    assert second["sources"] == ["Laporan", "Renstra, Renja"]
    assert document["decree"]["enacted_on"] == "2025-01-02"


def test_long_sheet_with_position_columns_and_an_unknown_sheet():
    rows = [
        ("No", "Jabatan", "Unit Kerja", "Atasan", "Tugas", "Fungsi", *HEADER),
        (
            1,
            "Kepala Sub Bagian Umum",
            None,
            None,
            "Mengelola umum\nMengelola arsip",
            "a. surat",
            "Tertib",
            "Jumlah surat",
            "",
            "Agenda",
        ),
        (
            2,
            "Kepala Sub Bagian Umum",
            None,
            None,
            None,
            None,
            "Tertib",
            "Jumlah arsip",
            "",
            "Agenda",
        ),
        (
            3,
            "Pengemudi",
            "Sub Bagian Umum",
            "Kepala Sub Bagian Umum",
            None,
            None,
            "Siap",
            "Jumlah perjalanan",
            "",
            "Log",
        ),
    ]
    raw = workbook({"Indikator": rows, "Catatan": [("dibuat oleh", "Budi")]})
    document = read_decree_file(raw, "satu-lembar.xlsx")
    umum, driver = document["positions"]
    assert umum["tasks"] == ["Mengelola umum", "Mengelola arsip"]
    assert umum["functions"] == ["surat"]
    assert [len(g["indicators"]) for g in umum["goals"]] == [2]
    assert (driver["unit"], driver["supervisor"]) == ("Sub Bagian Umum", "Kepala Sub Bagian Umum")
    assert document["units"] == [
        {"name": "Sekretariat", "kind": "sekretariat", "parent": None},
        {"name": "Sub Bagian Umum", "kind": "subbagian", "parent": "Sekretariat"},
    ]
    assert [(w["place"], w["message"][:26]) for w in document["warnings"]] == [
        ("lembar 'Indikator', baris 2", "indicator 'Jumlah surat': "),
        ("lembar 'Indikator', baris 3", "indicator 'Jumlah arsip': "),
        ("lembar 'Indikator', baris 4, kolom B", "position 'Pengemudi' has n"),
        ("lembar 'Indikator', baris 4", "indicator 'Jumlah perjalan"),
        ("lembar 'Catatan'", "lembar 'Catatan' bukan lem"),
    ]


def test_a_stated_unit_or_superior_that_the_decree_contradicts_is_warned_about():
    rows = [*KASI, ("Meningkatnya layanan", "Jumlah layanan", "", "SIAK")]
    rows[1] = ("Unit Kerja", "Seksi Lain")
    rows.insert(2, ("Atasan", "Sekretaris"))
    document = read_decree_file(workbook({"Kasi": rows}), "k.xlsx")
    kasi = document["positions"][0]
    assert (kasi["unit"], kasi["supervisor"]) == ("Seksi Identitas", "Kepala Bidang Pelayanan")
    assert [(w["place"], w["message"]) for w in document["warnings"]][:2] == [
        (
            "lembar 'Kasi', baris 1",
            "Atasan 'Sekretaris' tidak sama dengan atasan yang disebut tugasnya ('Kepala Bidang "
            "Pelayanan'); dipakai 'Kepala Bidang Pelayanan'",
        ),
        (
            "lembar 'Kasi', baris 1",
            "Unit kerja 'Seksi Lain' tidak sama dengan unit menurut nama jabatan ('Seksi "
            "Identitas'); dipakai 'Seksi Identitas'",
        ),
    ]


def test_wrong_columns():
    rows = [*KASI[:-1], ("KINERJA", "URAIAN", "TARGET"), ("Layanan", "Jumlah", "100")]
    assert error(workbook({"Kasi Identitas": rows})) == (
        "lembar 'Kasi Identitas', baris 7, kolom A: kolom 'URAIAN', 'TARGET' tidak dikenal; "
        "kolom tabel indikator: KINERJA | INDIKATOR KINERJA | PENJELASAN/FORMULASI | SUMBER DATA"
    )


def test_position_columns_without_a_jabatan_column_and_a_column_twice():
    rows = [*KASI[:-1], ("KINERJA", "INDIKATOR KINERJA", "TUGAS"), ("A", "B", "C")]
    assert error(workbook({"Kasi": rows})) == (
        "lembar 'Kasi', baris 7, kolom A: kolom 'TUGAS' hanya dipakai bersama kolom JABATAN "
        "(satu tabel semua jabatan)"
    )
    rows = [*KASI[:-1], ("KINERJA", "INDIKATOR KINERJA", "SASARAN"), ("A", "B", "C")]
    assert error(workbook({"Kasi": rows})) == (
        "lembar 'Kasi', baris 7, kolom A: ada kolom yang tertulis dua kali; kolom tabel "
        "indikator: KINERJA | INDIKATOR KINERJA | PENJELASAN/FORMULASI | SUMBER DATA"
    )


def test_goal_merged_across_two_positions_in_one_long_sheet():
    rows = [
        ("Jabatan", *HEADER),
        ("Analis Data", "Data tersedia", "Jumlah data", "Jumlah data", "SIAK"),
        ("Pengolah Data", None, "Jumlah rekap", "Jumlah rekap", "SIAK"),
    ]
    assert error(workbook({"Indikator": rows}, {"Indikator": ["B2:B3"]})) == (
        "lembar 'Indikator', baris 3, kolom B: sel KINERJA digabung dari baris 2 melintasi dua "
        "jabatan ('Analis Data' dan 'Pengolah Data'); pisahkan sel KINERJA per jabatan"
    )


def test_empty_table_and_position_without_goals():
    assert error(workbook({"Kasi": KASI})) == (
        "lembar 'Kasi', baris 7: tabel indikator jabatan 'Kepala Seksi Identitas' kosong: "
        "tidak ada baris di bawah baris judul"
    )
    rows = [*KASI, ("Meningkatnya layanan", None, None, None)]
    assert error(workbook({"Kasi": rows})) == (
        "lembar 'Kasi', baris 8: tabel indikator jabatan 'Kepala Seksi Identitas' tidak berisi "
        "satu pun indikator"
    )


def test_a_sheet_without_its_jabatan():
    rows = [*KASI, ("Meningkatnya layanan", "Jumlah layanan", "", "SIAK")]
    table_only = [HEADER, ("Tertib", "Jumlah surat", "", "Agenda")]
    assert error(workbook({"Kasi": rows, "Lanjutan": table_only})) == (
        "lembar 'Lanjutan': tidak ada baris 'Jabatan' di atas tabel indikator; tiap lembar "
        "menyebut jabatannya (atau pakai satu lembar dengan kolom Jabatan)"
    )
    assert error(workbook({"Lanjutan": table_only})).startswith(
        "lembar 'Lanjutan': tidak ada baris 'Jabatan' di atas tabel indikator; "
    )


def test_indicator_without_a_name():
    rows = [*KASI, ("Meningkatnya layanan", "Jumlah layanan", "", "SIAK"), (None, None, "x", "")]
    assert error(workbook({"Kasi": rows})) == (
        "lembar 'Kasi', baris 9, kolom B: indikator tanpa nama: kolom PENJELASAN/FORMULASI atau "
        "SUMBER DATA terisi, INDIKATOR KINERJA kosong"
    )


def test_decree_sheet_problems():
    book = load_workbook(io.BytesIO(workbook({"Kasi": [*KASI, ("A", "B", "", "")]})))
    book["Keputusan"]["B5"] = "dua ribu"
    out = io.BytesIO()
    book.save(out)
    assert error(out.getvalue()) == (
        "lembar 'Keputusan', baris 5, kolom B: periode 'dua ribu' tidak dikenali; "
        "tulis seperti 2025-2029"
    )
    book["Keputusan"]["B5"] = "2025-2029"
    book["Keputusan"]["B7"] = 1.970010119900310e17  # typed as a number: digits lost
    out = io.BytesIO()
    book.save(out)
    assert error(out.getvalue()) == (
        "lembar 'Keputusan', baris 7, kolom B: NIP tertulis sebagai angka dan kehilangan digit; "
        "format selnya sebagai Teks"
    )
    del book["Keputusan"]
    out = io.BytesIO()
    book.save(out)
    assert error(out.getvalue()) == (
        "buku kerja Excel: lembar 'Keputusan' tidak ada; pakai templat keputusan IKI dari aplikasi"
    )


def test_decree_sheet_warnings_name_their_cells():
    book = load_workbook(io.BytesIO(workbook({"Kasi": [*KASI, ("A", "B", "", "")]})))
    book["Keputusan"]["B7"] = "19700101 199003 1 00"
    book["Keputusan"].append(("Catatan", "lihat lampiran"))
    out = io.BytesIO()
    book.save(out)
    document = read_decree_file(out.getvalue(), "iki.xlsx")
    assert document["decree"]["signatory"]["nip"] == "19700101199003100"
    assert [(w["place"], w["message"]) for w in document["warnings"]][:2] == [
        (
            "lembar 'Keputusan', baris 7, kolom B",
            "NIP berisi 17 angka, seharusnya 18; disimpan seperti tertulis",
        ),
        ("lembar 'Keputusan', baris 8, kolom B", "keterangan 'catatan' tidak dikenal; diabaikan"),
    ]


def test_too_many_rows(monkeypatch):
    monkeypatch.setattr(xlsx_reader, "MAX_ROWS", 5)
    assert error(workbook({"Kasi": [*KASI, ("A", "B", "", "")]})) == (
        "lembar 'Keputusan': berisi 7 baris; batasnya 5"
    )


# ------------------------------------------------------------------ fuzz

TEXT = st.one_of(
    st.none(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(
        [
            "",
            "KINERJA",
            "Jabatan",
            "Tugas",
            "- a\n- b",
            "\\frac{A}{B} \\times 100\\%",
            "=1+1",
            "Unit Kerja",
            "Kunci",
            "kepala-seksi-identitas",
            "Jabatan",
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
@given(
    cells=st.lists(st.lists(TEXT, min_size=1, max_size=5), min_size=1, max_size=8),
    decree=st.lists(TEXT, min_size=7, max_size=7),
    merge=st.sampled_from([None, "A8:A10", "B8:B9", "A8:B8", "A1:B3"]),
)
def test_fuzzed_cells_give_a_document_or_a_located_error(cells, decree, merge):
    rows = [*KASI, *(tuple(row) for row in cells)]
    try:
        book = load_workbook(io.BytesIO(workbook({"Kasi": rows})))
        for n, value in enumerate(decree, start=1):
            if value is not None:
                book["Keputusan"].cell(n, 2, value)
        if merge:
            book["Kasi"].merge_cells(merge)
        out = io.BytesIO()
        book.save(out)
        raw = out.getvalue()
    except ValueError:  # openpyxl refuses some strings itself; nothing to read then
        return
    try:
        document = read_decree_file(raw, "fuzz.xlsx")
    except DecreeParseError as exc:
        assert "\n" not in str(exc) and str(exc).split(":")[0]
        return
    json.dumps(document)
    assert document["positions"]
