"""Layouts other decrees use: each fixture is a small made-up decree showing one variation."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.catalog.parsing import parse_decree

FIXTURES = Path(__file__).parent / "fixtures"


def parse(name: str) -> dict:
    return parse_decree((FIXTURES / name).read_bytes())


def indicators(doc: dict) -> dict[str, dict]:
    return {i["name"]: i for p in doc["positions"] for g in p["goals"] for i in g["indicators"]}


def test_plt_signatory_with_correct_title():
    doc = parse("plt_signatory.txt")
    d = doc["decree"]
    assert d["signatory"] == {
        "name": "SITI AMINAH, S.Pd., M.M.",
        "nip": "197502032000032004",
        "rank": "Pembina Tingkat I",
        "title": "KEPALA DINAS PENDIDIKAN KABUPATEN CONTOH",
        "acting": "Plt.",
    }
    assert d["number"] == "800/12/KEP/435.101/2021"
    assert d["agency"] == "Dinas Pendidikan"
    assert d["region"] == "Kabupaten Contoh"
    assert d["period"] == {"start": 2021, "end": 2026}
    assert d["enacted_on"] == "2021-02-03"
    assert d["enacted_at"] == "Contoh"
    assert d["uses"] == ["Perjanjian Kinerja", "Laporan Kinerja"]
    assert d["considerations"] == [
        "bahwa kinerja individu di lingkungan Dinas perlu diukur",
        "bahwa berdasarkan pertimbangan pada huruf a perlu menetapkan Keputusan",
    ]
    assert d["legal_basis"][0] == "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah"
    assert doc["warnings"] == []
    sek = doc["positions"][0]
    assert sek["tasks"] == ["Membantu Kepala Dinas dalam urusan kesekretariatan"]
    assert sek["functions"] == [
        "Pengelolaan administrasi umum",
        "Pengelolaan administrasi keuangan",
        "Pelaksanaan fungsi lain yang diberikan oleh Kepala Dinas",
    ]
    assert [(p["key"], p["unit"], p["supervisor"]) for p in doc["positions"]] == [
        ("sekretaris", "Sekretariat", "Kepala Dinas"),
        ("kepala-sub-bagian-umum", "Sub Bagian Umum", "Sekretaris"),
    ]
    pct = indicators(doc)["Persentase surat yang diselesaikan tepat waktu"]
    assert (pct["kind"], pct["numerator"], pct["denominator"]) == (
        "percentage",
        "Jumlah surat selesai tepat waktu",
        "Jumlah surat masuk",
    )


def test_label_variants():
    doc = parse("label_variants.txt")
    assert doc["warnings"] == []
    got = [(p["name"], p["unit"], p["supervisor"]) for p in doc["positions"]]
    assert got == [
        ("Kepala Bidang Sekolah Dasar", "Bidang Sekolah Dasar", "Kepala Dinas"),
        ("Kepala Seksi Kurikulum", "Seksi Kurikulum", "Kepala Bidang Sekolah Dasar"),
        (
            "Kepala Seksi Kurikulum Muatan Lokal",
            "Seksi Kurikulum Muatan Lokal",
            "Kepala Bidang Sekolah Dasar",
        ),
        # an exact unit name wins over a longer one it begins
        ("Pengolah Data Seksi Kurikulum", "Seksi Kurikulum", None),
        # "Seksi" alone begins two unit names: ambiguous, so no unit
        ("Analis Kurikulum Seksi", None, None),
        ("Pengolah Data Seksi Kurikulum Muatan", "Seksi Kurikulum Muatan Lokal", None),
    ]
    bidang, kasi, mulok, pengolah = doc["positions"][:4]
    assert bidang["tasks"] == ["Melaksanakan kebijakan teknis bidang sekolah dasar"]
    assert bidang["functions"] == [
        "Penyusunan perencanaan bidang sekolah dasar",
        "Pembinaan sekolah dasar",
        "Pelaksanaan fungsi lain yang diberikan oleh Kepala Dinas",
    ]
    assert kasi["tasks"] == [
        "Menyiapkan bahan kurikulum",
        "Melaksanakan tugas lain yang diberikan oleh Kepala Bidang Sekolah Dasar",
    ]
    assert kasi["functions"] == []  # FUNGSI missing
    assert mulok["tasks"][0] == "Menyiapkan bahan kurikulum muatan lokal"
    assert pengolah["tasks"] == ["Mengolah data kurikulum", "Menyusun laporan kurikulum"]
    assert [u["name"] for u in doc["units"]] == [
        "Bidang Sekolah Dasar",
        "Seksi Kurikulum",
        "Seksi Kurikulum Muatan Lokal",
    ]
    assert {u["parent"] for u in doc["units"][1:]} == {"Bidang Sekolah Dasar"}
    assert doc["decree"]["signatory"]["acting"] is None


def test_header_variants_and_continued_tables():
    doc = parse("table_variants.txt")
    assert doc["warnings"] == []
    keu, bendahara = doc["positions"]
    assert [g["statement"] for g in keu["goals"]] == [
        "Tertibnya administrasi keuangan",
        "Terlaksananya pembayaran gaji",
        "Tersusunnya laporan aset",
    ]
    # rows with an empty goal cell under a repeated header continue the previous goal, and a
    # goal cell repeating the current goal does not open a new one
    assert [i["name"] for i in keu["goals"][0]["indicators"]] == [
        "Jumlah SPJ yang disusun",
        "Jumlah laporan keuangan bulanan",
        "Jumlah laporan keuangan tahunan",
        "Jumlah BKU yang disusun",
    ]
    assert keu["unit"] == "Sub Bagian Keuangan"
    # a header with a NO column and bold cells
    assert len(bendahara["goals"]) == 1
    ind = bendahara["goals"][0]["indicators"]
    assert [(i["name"], i["formula"], i["sources"]) for i in ind] == [
        ("Jumlah BKU", "Jumlah BKU yang ditutup", ["BKU"]),
        ("Jumlah SP2D", "Jumlah SP2D yang diterbitkan", ["SP2D", "SPM"]),
    ]


@pytest.mark.parametrize(
    ("name", "kind", "numerator", "denominator"),
    [
        ("Persentase A", "percentage", "Jumlah A tercapai", "Jumlah A"),  # \frac + \text
        ("Persentase B", "percentage", "Jumlah B selesai", "Jumlah B"),  # \dfrac
        ("Persentase C", "percentage", "Jumlah C selesai", "Jumlah C"),  # \left( ... \right)
        ("Persentase D", "percentage", "Jumlah D terlayani", "Jumlah D"),  # (A / B) x 100%
        ("Persentase E", "percentage", "Jumlah E terlayani", "Jumlah E"),  # A / B x 100 %
        ("Persentase F", "percentage", "Jumlah F terlayani", "jumlah F"),  # dibagi ... dikali
        ("Rasio G", "ratio", "Jumlah guru", "Jumlah murid"),  # \frac without x 100
        ("Rasio H", "ratio", "Jumlah guru", "jumlah kelas"),  # A dibagi B
        ("Jumlah I", "count", "Jumlah ASN yang mengikuti bimtek/sosialisasi / seminar", None),
        ("Jumlah J", "count",
         "Jumlah fasilitas dibandingkan jumlah fasilitas yang direncanakan", None),
        ("Persentase K", "percentage", "Jumlah peserta bimtek/ sosialisasi", "Jumlah peserta"),
    ],
)  # fmt: skip
def test_formula_variants(name, kind, numerator, denominator):
    ind = indicators(parse("formula_variants.txt"))[name]
    assert (ind["kind"], ind["numerator"], ind["denominator"]) == (kind, numerator, denominator)
    assert ind["measure_unit"] == ("%" if kind == "percentage" else None)
    expected = "stock" if kind != "count" and "SIAK" in ind["sources"] else "flow"
    assert ind["aggregation"] == expected


def test_formula_kept_as_written():
    ind = indicators(parse("formula_variants.txt"))["Persentase B"]
    assert ind["formula"] == r"$\dfrac{\text{Jumlah B selesai}}{\text{Jumlah B}}\times 100\%$"
    assert ind["aggregation"] == "stock"
    assert indicators(parse("formula_variants.txt"))["Rasio G"]["aggregation"] == "stock"


def test_source_list_styles():
    got = {name: ind["sources"] for name, ind in indicators(parse("source_variants.txt")).items()}
    assert got == {
        "Indikator HTML": ["Buku Inventaris", "Kartu Inventaris Barang", "Laporan Belanja Modal"],
        "Indikator LI": ["Dokumen Renja", "Dokumen RKA-SKPD"],  # deduplicated
        "Indikator dash": ["SIAK", "Register Pelayanan", "Data KTP-el"],
        "Indikator koma": ["DPA", "SPJ", "Laporan Realisasi Anggaran (LRA, LO)"],
        "Indikator satu": ["Dokumen RKA-SKPD dan DPA-SKPD"],
    }


def test_shifted_row():
    doc = parse("shifted_row.txt")
    goals = doc["positions"][0]["goals"]
    assert [g["statement"] for g in goals] == [
        "Terwujudnya kelancaran pengelolaan keuangan",
        "Tertibnya pelaporan pajak",
    ]
    last = goals[0]["indicators"][-1]
    assert (last["name"], last["formula"], last["sources"]) == (
        "Jumlah transaksi pajak yang di entry",
        "Jumlah transaksi pajak yang di entry",
        ["Dokumen transaksi pajak"],
    )
    # a real goal row whose source is missing is not "repaired", only reported
    assert goals[1]["indicators"][0]["sources"] == []
    assert doc["warnings"] == [
        {
            "line": 46,
            "message": "row shifted one cell left; repaired: 'Jumlah transaksi pajak yang di "
            "entry' read as an indicator of goal 'Terwujudnya kelancaran pengelolaan keuangan'",
        },
        {
            "line": 47,
            "message": "indicator 'Jumlah laporan pajak' has no data source (SUMBER DATA)",
        },
    ]


def test_windows_line_endings_and_bom():
    raw = (FIXTURES / "windows_bom.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    doc = parse_decree(raw)
    assert doc["decree"]["number"] == "800/12/KEP/435.101/2021"
    assert doc["decree"]["agency"] == "Dinas Pendidikan"
    pos = doc["positions"][0]
    assert pos["name"] == "Kepala Seksi Sarana"
    assert pos["supervisor"] == "Kepala Bidang Sekolah Dasar"
    assert pos["unit"] == "Seksi Sarana"
    assert doc["units"] == [
        {"name": "Bidang Sekolah Dasar", "kind": "bidang", "parent": None},
        {"name": "Seksi Sarana", "kind": "seksi", "parent": "Bidang Sekolah Dasar"},
    ]
    ind = pos["goals"][0]["indicators"][0]
    assert (ind["kind"], ind["numerator"], ind["denominator"]) == (
        "percentage",
        "Jumlah ruang kelas baik",
        "Jumlah ruang kelas",
    )
    # the same text as str, with a BOM character and LF endings, parses identically
    text = raw.decode("utf-8").replace("\r\n", "\n")
    assert parse_decree(text) == doc
    assert text.startswith("\ufeff")


def test_loose_layout_is_read_with_warnings():
    base = (FIXTURES / "plt_signatory.txt").read_text(encoding="utf-8")
    extra = [
        "NAMA JABATAN : Kepala Seksi Sarana",
        "dan Prasarana",  # the name wraps onto a second line
        "TUGAS POKOK : Mengelola sarana.",
        "- 7 -",  # a page number
        "Catatan halaman",
        "Meningkatnya sarana\tJumlah sarana\tJumlah sarana baik\t- Dapodik",  # no header row
        "- Laporan aset",  # a cell continued on a line without tabs
        "\tJumlah prasarana\tJumlah prasarana\tDapodik\textra",
        "",
    ]
    first = len(base.split("\n"))
    doc = parse_decree((base + "\n".join(extra)).replace("\n", "\r"))  # old Mac line endings
    pos = doc["positions"][-1]
    assert (pos["name"], pos["tasks"]) == (
        "Kepala Seksi Sarana dan Prasarana",
        ["Mengelola sarana"],
    )
    assert [(i["name"], i["sources"]) for i in pos["goals"][0]["indicators"]] == [
        ("Jumlah sarana", ["Dapodik", "Laporan aset"]),
        ("Jumlah prasarana", ["Dapodik extra"]),
    ]
    assert [(w["line"] - first, w["message"][:30]) for w in doc["warnings"]] == [
        (0, "parent unit of 'Seksi Sarana d"),
        (4, "text outside TUGAS, FUNGSI and"),
        (5, "table rows without a header ro"),
        (6, "line without tabs inside a tab"),
        (7, "row has 5 cells, the header 4;"),
    ]
