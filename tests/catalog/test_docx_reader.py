"""DOCX decrees: the generated decree reads back into the same catalog, and the layouts offices
write by hand (merged KINERJA, tables split over pages, label tables, one long table, Word
equations, sources as paragraphs) read as the text decree would; malformed files say where."""

from __future__ import annotations

import io
import json
import re

import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from kinerja.catalog.models import Indicator
from kinerja.catalog.parsing import DecreeParseError, parse_decree
from kinerja.catalog.parsing.files import read_decree_file
from kinerja.catalog.selectors import decree_document as catalog_document
from kinerja.catalog.services import catalog_import
from kinerja.reports.decree_doc import decree_document, decree_docx

M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
HEADER = ("KINERJA", "INDIKATOR KINERJA", "PENJELASAN / FORMULASI PENGHITUNGAN", "SUMBER DATA")


def indicators(document):
    for position in document["positions"]:
        for goal in position["goals"]:
            yield from goal["indicators"]


def comparable(document):
    """The document without what the DOCX legitimately does not carry verbatim: warnings (their
    line numbers are of a different text), the spelling of a fraction's formula (printed as
    "A / B × 100%", its kind, numerator and denominator kept) and the case of a source (the
    catalog keeps the first spelling it met)."""
    document = json.loads(json.dumps(document))
    document.pop("warnings")
    for indicator in indicators(document):
        if indicator["kind"] != "count":
            indicator.pop("formula")
        indicator["sources"] = [s.casefold() for s in indicator["sources"]]
    return document


@pytest.mark.django_db
def test_seed_text_catalog_docx_catalog_round_trip(decree, seed_document):
    raw = decree_docx(decree_document(decree))
    document = read_decree_file(raw, "keputusan-iki.docx")
    assert len(document["positions"]) == 24
    assert sum(len(p["goals"]) for p in document["positions"]) == 30
    assert len(list(indicators(document))) == 142
    assert comparable(document) == comparable(seed_document)
    fractions = [i for i in indicators(document) if i["kind"] != "count"]
    assert len(fractions) == 14
    first = fractions[0]
    assert first["formula"] == (
        "Jenis administrasi dan jasa perkantoran yang dipenuhi / Jenis administrasi dan jasa "
        "perkantoran yang dibutuhkan × 100%"
    )
    grouped = next(i for i in indicators(document) if "Renstra, Renja" in i["sources"])
    assert grouped["sources"][-3:] == ["Renstra, Renja", "RKA, DPA", "Dokumen SKM"]
    # Back into the catalog it came from: only the 14 fraction formulas change spelling.
    before = catalog_document(decree)
    result = catalog_import(document=document, source_sha256="docx", actor="uji")
    assert not result.created
    assert {(c.action, c.field) for c in result.changes} == {("ubah", "formula")}
    assert len(result.changes) == 14
    after = catalog_document(decree)
    for doc in (before, after):
        for indicator in indicators(doc):
            indicator.pop("formula")
    assert after == before


def seed_as_word(text: str) -> bytes:
    """The seed decree as an office's Word file: a paragraph per line, the tab rows as tables
    with KINERJA merged down over its indicators, list-style sources as cell paragraphs."""
    doc = Document()
    grid = None
    for line in text.split("\n"):
        line = line.replace("**", "").rstrip()
        if "\t" not in line:
            grid = None
            doc.add_paragraph(line)
            continue
        if grid is None:
            grid = doc.add_table(rows=0, cols=len(line.split("\t")))
        width = len(grid.columns)
        cells = (line.split("\t") + [""] * width)[:width]
        row = grid.add_row()
        for cell, value in zip(row.cells, cells, strict=True):
            if "<ul" in value:
                items = re.sub(r"<[^>]+>", " ", value).split(" - ")
                items = [item.strip(" -") for item in items if item.strip(" -")]
                cell.text = items[0]
                for item in items[1:]:
                    cell.add_paragraph(item)
            else:
                cell.text = value.strip()
        if not cells[0].strip() and len(grid.rows) > 2:
            grid.rows[-2].cells[0].merge(row.cells[0])
    return as_bytes(doc)


def test_the_seed_as_an_offices_word_file_reads_as_its_text(seed_bytes):
    text = seed_bytes.decode("utf-8")
    document = read_decree_file(seed_as_word(text), "sampang-188-2019.docx")
    expected = parse_decree(text)
    assert [(w["place"], w["message"][:40]) for w in document.pop("warnings")] == [
        ("paragraf 44", "acting prefix 'Pih.' kept as written (pr"),
        ("paragraf 44", "signature title 'KEPALA DINAS KEMERDEKAA"),
        ("tabel 20, baris 14", "row shifted one cell left; repaired: 'Ju"),
    ]
    expected.pop("warnings")
    assert document == expected


@pytest.mark.django_db
def test_a_ratio_stays_a_ratio(decree):
    indicator = Indicator.objects.filter(kind="percentage").order_by("pk").first()
    indicator.kind = "ratio"
    indicator.save()
    document = read_decree_file(decree_docx(decree_document(decree)), "keputusan-iki.docx")
    found = next(i for i in indicators(document) if i["name"] == indicator.name)
    assert (found["kind"], found["numerator"], found["denominator"]) == (
        "ratio",
        indicator.numerator,
        indicator.denominator,
    )
    assert found["formula"] == f"({indicator.numerator} / {indicator.denominator})"


# ------------------------------------------------------------------ hand-built decrees


def preamble(doc, number="800/12/KEP/2021", years="2021-2026"):
    for text in (
        "PEMERINTAH KABUPATEN SAMPANG",
        "KEPUTUSAN KEPALA DINAS SOSIAL KABUPATEN SAMPANG",
        f"Nomor : {number}",
        "TENTANG",
        f"PENETAPAN INDIKATOR KINERJA INDIVIDU DINAS SOSIAL TAHUN {years}",
        "Menimbang : a. bahwa kinerja perlu diukur;",
        "Mengingat : 1. Undang-Undang Nomor 23 Tahun 2014;",
        "MEMUTUSKAN",
        "Ditetapkan di : Sampang",
        "Pada Tanggal : 2 Januari 2021",
        "KEPALA DINAS SOSIAL KABUPATEN SAMPANG",
        "BUDI SANTOSO",
        "NIP. 19700101 199003 1 002",
        "LAMPIRAN",
    ):
        doc.add_paragraph(text)


def table(doc, rows, header=HEADER):
    t = doc.add_table(rows=0, cols=len(header or rows[0]))
    for values in ([header] if header else []) + list(rows):
        cells = t.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            lines = value if isinstance(value, list) else [value]
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    return t


def as_bytes(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def read(doc):
    return read_decree_file(as_bytes(doc), "keputusan.docx")


def error(doc) -> str:
    with pytest.raises(DecreeParseError) as caught:
        read(doc)
    return str(caught.value)


def numbered(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num = etree.SubElement(ppr, qn("w:numPr"))
    etree.SubElement(num, qn("w:numId")).set(qn("w:val"), "1")


def equation(cell, numerator: str, denominator: str, tail: str = "× 100%") -> None:
    """A Word equation (OMML) fraction in the cell's first paragraph."""
    p = cell.paragraphs[0]._p
    math = etree.SubElement(p, f"{{{M_NS}}}oMath")
    frac = etree.SubElement(math, f"{{{M_NS}}}f")
    for part, text in (("num", numerator), ("den", denominator)):
        run = etree.SubElement(etree.SubElement(frac, f"{{{M_NS}}}{part}"), f"{{{M_NS}}}r")
        etree.SubElement(run, f"{{{M_NS}}}t").text = text
    run = etree.SubElement(math, f"{{{M_NS}}}r")
    etree.SubElement(run, f"{{{M_NS}}}t").text = tail


def kasi_block(doc, name="Kepala Seksi Rehabilitasi Sosial"):
    doc.add_paragraph(f"JABATAN : {name}")
    doc.add_paragraph("TUGAS : Melaksanakan rehabilitasi sosial.")
    doc.add_paragraph("FUNGSI :")
    for text in (
        "penyusunan rencana rehabilitasi",
        "pelaksanaan fungsi lain yang diberikan oleh Kepala Bidang Rehabilitasi Sosial",
    ):
        numbered(doc.add_paragraph(text))


def test_merged_goal_split_table_equation_and_source_paragraphs():
    doc = Document()
    preamble(doc)
    kasi_block(doc)
    first = table(
        doc,
        [
            (
                "Meningkatnya layanan rehabilitasi",
                "Persentase PMKS direhabilitasi",
                "",
                ["- Laporan rehabilitasi", "- Renstra, Renja"],
            ),
            ("", "Jumlah panti dibina", "Jumlah panti yang dibina", "SIKS-NG, DTKS"),
        ],
    )
    first.cell(1, 0).merge(first.cell(2, 0))  # KINERJA spans both indicator rows
    equation(first.cell(1, 2), "Jumlah PMKS direhabilitasi", "Jumlah PMKS")
    # the table continues on the next page: the header repeated, then without any header
    table(doc, [("", "Jumlah bimbingan sosial", "Jumlah kegiatan", "Laporan kegiatan")])
    table(
        doc,
        [("Meningkatnya kepatuhan", "Jumlah laporan tepat waktu", "Jumlah laporan", "SPJ")],
        header=None,
    )
    document = read(doc)
    assert document["decree"]["number"] == "800/12/KEP/2021"
    assert document["decree"]["period"] == {"start": 2021, "end": 2026}
    (kasi,) = document["positions"]
    assert kasi["functions"] == [
        "penyusunan rencana rehabilitasi",
        "pelaksanaan fungsi lain yang diberikan oleh Kepala Bidang Rehabilitasi Sosial",
    ]
    assert kasi["supervisor"] == "Kepala Bidang Rehabilitasi Sosial"
    assert [g["statement"] for g in kasi["goals"]] == [
        "Meningkatnya layanan rehabilitasi",
        "Meningkatnya kepatuhan",
    ]
    rehab = kasi["goals"][0]["indicators"]
    assert [i["name"] for i in rehab] == [
        "Persentase PMKS direhabilitasi",
        "Jumlah panti dibina",
        "Jumlah bimbingan sosial",
    ]
    assert (rehab[0]["kind"], rehab[0]["numerator"], rehab[0]["denominator"]) == (
        "percentage",
        "Jumlah PMKS direhabilitasi",
        "Jumlah PMKS",
    )
    assert rehab[0]["sources"] == ["Laporan rehabilitasi", "Renstra, Renja"]
    assert rehab[1]["sources"] == ["SIKS-NG", "DTKS"]
    assert kasi["goals"][1]["indicators"][0]["sources"] == ["SPJ"]


def test_labels_in_a_table_and_one_long_table_with_a_jabatan_column():
    doc = Document()
    preamble(doc)
    labels = doc.add_table(rows=3, cols=3)
    for row, values in zip(
        labels.rows,
        [
            ("1.", "JABATAN", ": Sekretaris"),
            ("2.", "TUGAS", ": Mengoordinasikan kesekretariatan."),
            ("3.", "FUNGSI", ""),
        ],
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    labels.cell(2, 2).text = "a. pengelolaan umum;"
    labels.cell(2, 2).add_paragraph("b. pengelolaan keuangan.")
    table(doc, [("Tertib administrasi", "Jumlah dokumen", "Jumlah dokumen", "Arsip")])
    doc.add_paragraph("INDIKATOR KINERJA INDIVIDU PELAKSANA")
    long = table(
        doc,
        [
            ("Pengadministrasi Umum", "Tertib surat", "Jumlah surat", "Jumlah surat", "Agenda"),
            ("Pengadministrasi Umum", "Tertib surat", "Jumlah arsip", "Jumlah arsip", "Agenda"),
            ("Pengemudi", "Kendaraan siap", "Jumlah perjalanan", "Jumlah perjalanan", "Log"),
        ],
        header=("JABATAN", *HEADER),
    )
    long.cell(1, 0).merge(long.cell(2, 0))
    long.cell(1, 1).merge(long.cell(2, 1))
    document = read(doc)
    assert [p["name"] for p in document["positions"]] == [
        "Sekretaris",
        "Pengadministrasi Umum",
        "Pengemudi",
    ]
    sekretaris = document["positions"][0]
    assert sekretaris["tasks"] == ["Mengoordinasikan kesekretariatan"]
    assert sekretaris["functions"] == ["pengelolaan umum", "pengelolaan keuangan"]
    assert sekretaris["unit"] == "Sekretariat"
    umum = document["positions"][1]
    assert [(g["statement"], [i["name"] for i in g["indicators"]]) for g in umum["goals"]] == [
        ("Tertib surat", ["Jumlah surat", "Jumlah arsip"])
    ]


def test_letterhead_in_the_page_header_and_an_older_generated_decree():
    """The region from the header's letterhead; positions named only by the upper-case
    heading (decrees printed before the "Jabatan:" line) with their unit and superior."""
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "PEMERINTAH KABUPATEN SAMPANG"
    doc.sections[0].header.add_paragraph("DINAS SOSIAL")
    for text in (
        "KEPUTUSAN KEPALA DINAS SOSIAL",
        "NOMOR: 800/1/2022",
        "TENTANG",
        "PENETAPAN INDIKATOR KINERJA INDIVIDU TAHUN 2022-2026",
        "INDIKATOR KINERJA INDIVIDU KEPALA SEKSI REHABILITASI SOSIAL",
        "Unit kerja: Seksi Rehabilitasi",
        "Atasan: Kepala Bidang Sosial",
        "Tugas :",
        "    1. Melaksanakan rehabilitasi sosial",
    ):
        doc.add_paragraph(text)
    table(doc, [("Layanan", "Jumlah PMKS dibina", "Jumlah PMKS dibina", "- Laporan")])
    document = read(doc)
    assert (document["decree"]["agency"], document["decree"]["region"]) == (
        "Dinas Sosial",
        "Kabupaten Sampang",
    )
    (kasi,) = document["positions"]
    assert (kasi["name"], kasi["unit"], kasi["supervisor"]) == (
        "Kepala Seksi Rehabilitasi Sosial",
        "Seksi Rehabilitasi Sosial",  # derived from the title, as from text
        "Kepala Bidang Sosial",  # stated: the tasks do not name the superior
    )
    assert kasi["tasks"] == ["Melaksanakan rehabilitasi sosial"]


def test_two_positions_with_their_labels_in_one_table():
    doc = Document()
    preamble(doc)
    rows = [
        ("JABATAN", ": Analis Data", "", ""),
        ("TUGAS", ": Menganalisis data.", "", ""),
        HEADER,
        ("Data tersedia", "Jumlah data", "Jumlah data", "SIKS"),
        ("JABATAN", ": Pengolah Data", "", ""),  # the header is not repeated
        ("Data terolah", "Jumlah rekap", "Jumlah rekap", "SIKS"),
    ]
    table(doc, rows, header=None)
    document = read(doc)
    assert [(p["name"], p["tasks"]) for p in document["positions"]] == [
        ("Analis Data", ["Menganalisis data"]),
        ("Pengolah Data", []),
    ]
    second = document["positions"][1]["goals"][0]
    assert (second["statement"], second["indicators"][0]["sources"]) == ("Data terolah", ["SIKS"])


def test_an_indicator_merged_over_two_rows_keeps_both_rows_sources():
    doc = Document()
    preamble(doc)
    kasi_block(doc)
    grid = table(
        doc,
        [
            ("Layanan", "Jumlah PMKS dibina", "Jumlah PMKS dibina", "Laporan bulanan"),
            ("", "", "", "SIKS-NG"),
        ],
    )
    grid.cell(1, 1).merge(grid.cell(2, 1))
    (goal,) = read(doc)["positions"][0]["goals"]
    (indicator,) = goal["indicators"]
    assert (indicator["name"], indicator["sources"]) == (
        "Jumlah PMKS dibina",
        ["Laporan bulanan", "SIKS-NG"],
    )


# ------------------------------------------------------------------ malformed


def test_wrong_columns_name_the_table_row_and_columns():
    doc = Document()
    preamble(doc)
    kasi_block(doc)
    table(doc, [("Layanan", "Jumlah", "100")], header=("KINERJA", "URAIAN", "TARGET"))
    assert error(doc) == (
        "tabel 1, baris 1: kolom 'URAIAN', 'TARGET' tidak dikenal; kolom tabel indikator: "
        "KINERJA | INDIKATOR KINERJA | PENJELASAN/FORMULASI | SUMBER DATA"
    )


def test_missing_indicator_column():
    doc = Document()
    preamble(doc)
    kasi_block(doc)
    table(
        doc, [("Layanan", "Jumlah layanan", "SIKS")], header=("KINERJA", "FORMULASI", "SUMBER DATA")
    )
    assert error(doc).startswith("tabel 1, baris 1: kolom INDIKATOR KINERJA tidak ada; ")


def test_goal_merged_across_two_positions():
    doc = Document()
    preamble(doc)
    long = table(
        doc,
        [
            ("Analis Data", "Data tersedia", "Jumlah data", "Jumlah data", "SIKS"),
            ("Pengolah Data", "", "Jumlah rekap", "Jumlah rekap", "SIKS"),
        ],
        header=("JABATAN", *HEADER),
    )
    long.cell(1, 1).merge(long.cell(2, 1))
    assert error(doc) == (
        "tabel 1, baris 3, kolom KINERJA: sel KINERJA digabung dari baris 2 melintasi dua "
        "jabatan ('Analis Data' dan 'Pengolah Data'); pisahkan sel KINERJA per jabatan"
    )


def test_a_cell_merged_across_goal_and_indicator():
    doc = Document()
    preamble(doc)
    kasi_block(doc)
    grid = table(doc, [("Layanan", "Jumlah PMKS dibina", "", "SIKS")])
    grid.cell(1, 0).merge(grid.cell(1, 1))
    assert error(doc) == (
        "tabel 1, baris 2: sel digabung mendatar melintasi kolom KINERJA dan INDIKATOR KINERJA; "
        "pisahkan selnya"
    )


def test_empty_table_and_header_without_rows():
    doc = Document()
    preamble(doc)
    kasi_block(doc)
    doc.add_table(rows=2, cols=4)
    assert error(doc) == (
        "tabel 1: tabel kosong; isi baris judul KINERJA | INDIKATOR KINERJA | "
        "PENJELASAN/FORMULASI | SUMBER DATA dan indikatornya"
    )
    doc = Document()
    preamble(doc)
    kasi_block(doc)
    table(doc, [])
    assert error(doc) == (
        "tabel 1, baris 1: tabel indikator jabatan 'Kepala Seksi Rehabilitasi Sosial' kosong: "
        "tidak ada baris di bawah baris judul"
    )


def test_indicator_without_a_name_and_position_without_goals():
    doc = Document()
    preamble(doc)
    kasi_block(doc)
    table(doc, [("Layanan", "Jumlah layanan", "Jumlah", "SIKS"), ("", "", "Jumlah", "Laporan")])
    assert error(doc).startswith(
        "tabel 1, baris 3, kolom INDIKATOR KINERJA: indikator tanpa nama: kolom "
    )
    doc = Document()
    preamble(doc)
    kasi_block(doc)
    doc.add_paragraph("JABATAN : Pengemudi")
    table(doc, [("Kendaraan siap", "Jumlah perjalanan", "", "Log")])
    assert error(doc) == (
        "paragraf 15: jabatan 'Kepala Seksi Rehabilitasi Sosial' tidak punya tabel indikator "
        "(baris judul KINERJA | INDIKATOR KINERJA | PENJELASAN/FORMULASI | SUMBER DATA)"
    )


def test_not_a_decree_and_no_number():
    doc = Document()
    doc.add_paragraph("Notulen rapat")
    assert error(doc) == (
        "dokumen Word: tidak ada JABATAN maupun tabel indikator (KINERJA | INDIKATOR KINERJA); "
        "apakah ini keputusan IKI?"
    )
    doc = Document()
    doc.add_paragraph("KEPUTUSAN KEPALA DINAS SOSIAL KABUPATEN SAMPANG")
    kasi_block(doc)
    table(doc, [("Layanan", "Jumlah layanan", "", "SIKS")])
    assert error(doc) == (
        "bagian pembuka keputusan: nomor keputusan tidak ditemukan ('Nomor : ...')"
    )
    doc = Document()
    doc.add_paragraph("Nomor : 800/1/2022")
    kasi_block(doc)
    table(doc, [("Layanan", "Jumlah layanan", "", "SIKS")])
    assert error(doc) == (
        "bagian pembuka keputusan: instansi penerbit (KEPUTUSAN KEPALA DINAS ... KABUPATEN ...) "
        "tidak ditemukan"
    )


# ------------------------------------------------------------------ fuzz

CELL = st.one_of(
    st.sampled_from(["", "KINERJA", "JABATAN : X", "Tugas", "- a", "\\frac{A}{B}", "SUMBER DATA"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(
    rows=st.lists(st.lists(CELL, min_size=4, max_size=4), min_size=1, max_size=6),
    merge=st.booleans(),
)
def test_fuzzed_tables_give_a_document_or_a_located_error(rows, merge):
    doc = Document()
    preamble(doc)
    kasi_block(doc)
    grid = table(doc, [tuple(row) for row in rows], header=HEADER if merge else None)
    if merge and len(grid.rows) > 2:
        grid.cell(1, 0).merge(grid.cell(len(grid.rows) - 1, 0))
    try:
        document = read(doc)
    except DecreeParseError as exc:
        assert "\n" not in str(exc) and ": " in str(exc)
        return
    json.dumps(document)
    assert document["positions"][0]["name"] == "Kepala Seksi Rehabilitasi Sosial"
