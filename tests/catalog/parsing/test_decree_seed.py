"""The Sampang Dukcapil decree 188/450.1/KEP/434.206/2019, parsed end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import kinerja.catalog
from kinerja.catalog.parsing import FORMAT, parse_decree

SEED = Path(kinerja.catalog.__file__).parent / "data" / "sampang-188-2019.txt"

KEPALA_PDP = "Kepala Bidang Pelayanan Pendaftaran Penduduk"
KEPALA_PCS = "Kepala Bidang Pelayanan Pencatatan Sipil"
KEPALA_PIAK = "Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan dan Pemanfaatan Data"
BIDANG_PIAK = "Bidang Pengelolaan Informasi Administrasi Kependudukan dan Pemanfaatan Data"

# key, name, unit, supervisor
POSITIONS = [
    ("sekretaris", "Sekretaris", "Sekretariat", "Kepala Dinas"),
    ("kepala-bidang-pelayanan-pendaftaran-penduduk", KEPALA_PDP,
     "Bidang Pelayanan Pendaftaran Penduduk", "Kepala Dinas"),
    ("kepala-bidang-pelayanan-pencatatan-sipil", KEPALA_PCS,
     "Bidang Pelayanan Pencatatan Sipil", "Kepala Dinas"),
    ("kepala-bidang-pengelolaan-informasi-administrasi-kependudukan-dan-pemanfaatan-data",
     KEPALA_PIAK, BIDANG_PIAK, "Kepala Dinas"),
    ("kepala-sub-bagian-umum-dan-kepegawaian", "Kepala Sub Bagian Umum dan Kepegawaian",
     "Sub Bagian Umum dan Kepegawaian", "Sekretaris"),
    ("kepala-sub-bagian-perencanaan-dan-keuangan", "Kepala Sub Bagian Perencanaan dan Keuangan",
     "Sub Bagian Perencanaan dan Keuangan", "Sekretaris"),
    ("kepala-seksi-identitas-penduduk", "Kepala Seksi Identitas Penduduk",
     "Seksi Identitas Penduduk", KEPALA_PDP),
    ("kepala-seksi-pindah-datang-dan-pendataan-penduduk",
     "Kepala Seksi Pindah, Datang dan Pendataan Penduduk",
     "Seksi Pindah, Datang dan Pendataan Penduduk", KEPALA_PDP),
    ("kepala-seksi-kelahiran-dan-kematian", "Kepala Seksi Kelahiran dan Kematian",
     "Seksi Kelahiran dan Kematian", KEPALA_PCS),
    ("kepala-seksi-perkawinan-perceraian-perubahan-status-anak-dan-kewarganegaraan",
     "Kepala Seksi Perkawinan, Perceraian, Perubahan Status Anak dan Kewarganegaraan",
     "Seksi Perkawinan, Perceraian, Perubahan Status Anak dan Kewarganegaraan", KEPALA_PCS),
    ("kepala-seksi-pengelolaan-informasi-administrasi-kependudukan",
     "Kepala Seksi Pengelolaan Informasi Administrasi Kependudukan",
     "Seksi Pengelolaan Informasi Administrasi Kependudukan", KEPALA_PIAK),
    ("kepala-seksi-kerjasama-dan-inovasi-pelayanan", "Kepala Seksi Kerjasama dan Inovasi Pelayanan",
     "Seksi Kerjasama dan Inovasi Pelayanan", KEPALA_PIAK),
    ("kepala-seksi-pengelolaan-dokumentasi-administrasi-kependudukan",
     "Kepala Seksi Pengelolaan Dokumentasi Administrasi Kependudukan",
     "Seksi Pengelolaan Dokumentasi Administrasi Kependudukan", KEPALA_PIAK),
    ("analis-data-dan-informasi", "Analis Data dan Informasi", None, None),
    ("analis-pengembangan-teknologi", "Analis Pengembangan Teknologi", None, None),
    ("pengelola-data", "Pengelola Data", None, None),
    ("pengemudi", "Pengemudi", None, None),
    ("penyusun-program-anggaran-dan-pelaporan", "Penyusun Program Anggaran dan Pelaporan",
     None, None),
    ("penata-laporan-keuangan", "Penata Laporan Keuangan", None, None),
    ("pengolah-mutasi-penduduk", "Pengolah Mutasi Penduduk", None, None),
    ("analis-kependudukan-dan-pencatatan-sipil", "Analis Kependudukan dan Pencatatan Sipil",
     None, None),
    ("analis-pengembangan-teknologi-2", "Analis Pengembangan Teknologi", None, None),
    ("pengolah-data-seksi-pengelolaan-informasi", "Pengolah Data Seksi Pengelolaan Informasi",
     "Seksi Pengelolaan Informasi Administrasi Kependudukan", None),
    ("jft-pranata-komputer", "JFT Pranata Komputer", None, None),
]  # fmt: skip


@pytest.fixture(scope="module")
def doc() -> dict:
    return parse_decree(SEED.read_bytes())


def _by_key(doc: dict) -> dict:
    return {p["key"]: p for p in doc["positions"]}


def _indicators(doc: dict) -> list[dict]:
    return [i for p in doc["positions"] for g in p["goals"] for i in g["indicators"]]


def test_counts(doc):
    positions = doc["positions"]
    assert len(positions) == 24
    assert sum(len(p["goals"]) for p in positions) == 30
    indicators = _indicators(doc)
    assert len(indicators) == 142
    assert Counter(i["kind"] for i in indicators) == {"percentage": 14, "count": 128}
    assert Counter(i["aggregation"] for i in indicators) == {"stock": 8, "flow": 134}
    assert {i["polarity"] for i in indicators} == {"higher"}


def test_every_percentage_has_numerator_and_denominator(doc):
    for ind in _indicators(doc):
        if ind["kind"] == "percentage":
            assert ind["numerator"] and ind["denominator"], ind["name"]
            assert ind["measure_unit"] == "%"
            assert ind["formula"].startswith("$\\frac{\\text{")
        else:
            assert ind["denominator"] is None and ind["measure_unit"] is None
            assert ind["numerator"] == ind["formula"]


def test_decree(doc):
    assert doc["format"] == FORMAT == "kinerja.catalog/1"
    d = doc["decree"]
    assert d["number"] == "188/450.1/KEP/434.206/2019"
    assert d["title"] == (
        "Penetapan Indikator Kinerja Individu Dinas Kependudukan dan Pencatatan Sipil "
        "Kabupaten Sampang Tahun 2019-2024"
    )
    assert d["agency"] == "Dinas Kependudukan dan Pencatatan Sipil"
    assert d["region"] == "Kabupaten Sampang"
    assert d["period"] == {"start": 2019, "end": 2024}
    assert d["enacted_on"] == "2019-08-26"
    assert d["enacted_at"] == "Sampang"
    assert d["signatory"] == {
        "name": "EEN SUBINTO, SPd. MM",
        "nip": "197101061993041001",
        "rank": "Pembina",
        "title": "KEPALA DINAS KEMERDEKAAN DAN PENCATATAN SIPIL KABUPATEN SAMPANG",
        "acting": "Pih.",
    }
    assert d["uses"] == [
        "Perencanaan Strategis Perangkat Daerah",
        "Perencanaan Tahunan Perangkat Daerah",
        "Perjanjian Kinerja",
        "Laporan Kinerja",
    ]
    assert len(d["legal_basis"]) == 4
    assert d["legal_basis"][0].startswith("Undang-Undang Nomor 32 Tahun 2004 tentang Pemerintahan")
    assert d["legal_basis"][1] == (
        "Peraturan Menteri Negara Pendayagunaan Aparatur Negara Nomor: PER/09/M.PAN/5/2007 "
        "tentang Pedoman Umum Penetapan Indikator Kinerja Utama di Lingkungan Instansi Pemerintah"
    )
    assert d["legal_basis"][3].endswith("Dinas Kependudukan Dan Pencatatan Sipil Kabupaten Sampang")
    assert len(d["considerations"]) == 2
    assert d["considerations"][0].startswith("bahwa untuk dapat mengukur kinerja individu")
    assert d["considerations"][0].endswith("berupa Indikator Kinerja Individu")
    assert d["considerations"][1].startswith("bahwa berdasarkan pertimbangan")


def test_positions_keys_names_units_supervisors(doc):
    got = [(p["key"], p["name"], p["unit"], p["supervisor"]) for p in doc["positions"]]
    assert got == POSITIONS


def test_units(doc):
    assert doc["units"] == [
        {"name": "Sekretariat", "kind": "sekretariat", "parent": None},
        {"name": "Bidang Pelayanan Pendaftaran Penduduk", "kind": "bidang", "parent": None},
        {"name": "Bidang Pelayanan Pencatatan Sipil", "kind": "bidang", "parent": None},
        {"name": BIDANG_PIAK, "kind": "bidang", "parent": None},
        {"name": "Sub Bagian Umum dan Kepegawaian", "kind": "subbagian", "parent": "Sekretariat"},
        {"name": "Sub Bagian Perencanaan dan Keuangan", "kind": "subbagian",
         "parent": "Sekretariat"},
        {"name": "Seksi Identitas Penduduk", "kind": "seksi",
         "parent": "Bidang Pelayanan Pendaftaran Penduduk"},
        {"name": "Seksi Pindah, Datang dan Pendataan Penduduk", "kind": "seksi",
         "parent": "Bidang Pelayanan Pendaftaran Penduduk"},
        {"name": "Seksi Kelahiran dan Kematian", "kind": "seksi",
         "parent": "Bidang Pelayanan Pencatatan Sipil"},
        {"name": "Seksi Perkawinan, Perceraian, Perubahan Status Anak dan Kewarganegaraan",
         "kind": "seksi", "parent": "Bidang Pelayanan Pencatatan Sipil"},
        {"name": "Seksi Pengelolaan Informasi Administrasi Kependudukan", "kind": "seksi",
         "parent": BIDANG_PIAK},
        {"name": "Seksi Kerjasama dan Inovasi Pelayanan", "kind": "seksi", "parent": BIDANG_PIAK},
        {"name": "Seksi Pengelolaan Dokumentasi Administrasi Kependudukan", "kind": "seksi",
         "parent": BIDANG_PIAK},
    ]  # fmt: skip


def test_tasks_and_functions(doc):
    pos = _by_key(doc)
    sek = pos["sekretaris"]
    assert sek["tasks"] == [
        "Merencanakan, melaksanakan, mengkoordinasikan dan mengendalikan kegiatan administrasi "
        "umum, kepegawaian, perlengkapan, penyusunan program, pendidikan, hubungan masyarakat "
        "dan protokol"
    ]
    assert len(sek["functions"]) == 14
    assert sek["functions"][0] == "pengelolaan pelayanan administrasi umum"
    assert sek["functions"][12] == "Pelaksanaan koordinasi penyelenggaraan tugas-tugas bidang"
    assert sek["functions"][13] == "Pelaksanaan fungsi lain yang diberikan oleh Kepala Dinas"
    # "...(maintenance); dan h. pelaksanaan fungsi lain..." is two items on one line
    piak = pos["kepala-bidang-pengelolaan-informasi-administrasi-kependudukan-dan-pemanfaatan-data"]
    assert len(piak["functions"]) == 8
    assert piak["functions"][6].endswith("dan pemeliharannya (maintenance)")
    assert piak["functions"][7] == "pelaksanaan fungsi lain yang diberikan oleh Kepala Dinas"
    assert len(pos["kepala-sub-bagian-umum-dan-kepegawaian"]["tasks"]) == 9
    assert pos["kepala-sub-bagian-umum-dan-kepegawaian"]["functions"] == []
    assert len(pos["kepala-seksi-pindah-datang-dan-pendataan-penduduk"]["tasks"]) == 9
    assert pos["pengemudi"]["tasks"][1].startswith("Merawat kendaraan dengan cara membersihkan")
    assert len(pos["pengemudi"]["tasks"]) == 4
    assert pos["jft-pranata-komputer"]["tasks"] == [
        "Merencanakan, menganalisa, merancang, mengimplementasikan, mengembangkan dan atau "
        "mengoperasikan system informasi berbasis komputer"
    ]
    assert pos["jft-pranata-komputer"]["functions"] == []


def test_percentage_formula_parts(doc):
    ktp = doc["positions"][1]["goals"][0]["indicators"][0]
    assert ktp == {
        "name": "Persentase penduduk ber KTP-el",
        "kind": "percentage",
        "formula": "$\\frac{\\text{Jumlah Penduduk ber KTP – el}}"
        "{\\text{Jumlah Penduduk wajib KTP – el}} \\times 100\\%$",
        "numerator": "Jumlah Penduduk ber KTP – el",
        "denominator": "Jumlah Penduduk wajib KTP – el",
        "measure_unit": "%",
        "aggregation": "stock",
        "polarity": "higher",
        "sources": ["SIAK"],
    }
    bimtek = doc["positions"][0]["goals"][0]["indicators"][2]
    assert bimtek["numerator"] == "Jumlah aparatur yang mengikuti bimtek/ sosialisasi/seminar"
    assert bimtek["denominator"] == "Jumlah aparatur yang direncanakan"
    assert bimtek["aggregation"] == "flow"


def test_goals_and_sources(doc):
    pos = _by_key(doc)
    sek_goal = pos["sekretaris"]["goals"][0]
    assert sek_goal["statement"].startswith("Meningkatnya kualitas pelayanan administrasi")
    assert [i["sources"] for i in sek_goal["indicators"]] == [
        ["Laporan penyediaan jasa perkantoran dan pelayanan administrasi perkantoran"],
        ["Buku Inventaris Barang", "Kartu Inventaris Barang", "Kartu Inventaris Ruangan",
         "Laporan Belanja Modal"],
        ["Data aparatur yang mengikuti peningkatan kapasitas aparatur"],
        ["Laporan Kemajuan Fisik/Non Fisik", "Laporan Triwulan", "Laporan Semester",
         "Laporan Akhir Tahun", "LKjIP", "Renstra, Renja", "RKA, DPA", "Dokumen SKM"],
    ]  # fmt: skip
    assert pos["kepala-bidang-pelayanan-pendaftaran-penduduk"]["goals"][0]["indicators"][3][
        "sources"
    ] == ["Register Pelayanan", "SIAK"]
    umum = pos["kepala-sub-bagian-umum-dan-kepegawaian"]
    assert [g["statement"] for g in umum["goals"]] == [
        "Terpenuhinya pelayanan administrasi dan jasa perkantoran",
        "Tersedianya sarana administrasi perkantoran",
        "Terpenuhinya fasilitasi rapat-rapat koordinasi dan konsultasi",
        "Tersedianya sarana dan prasarana aparatur yang memadai",
        "Meningkatnya aparatur yang mengikuti peningkatan kapasitas aparatur",
    ]
    assert [len(g["indicators"]) for g in umum["goals"]] == [7, 7, 2, 9, 1]
    assert umum["goals"][0]["indicators"][4]["sources"] == ["DPA", "SPJ"]
    renstra = pos["kepala-sub-bagian-perencanaan-dan-keuangan"]["goals"][1]["indicators"][0]
    assert renstra["sources"] == ["Rencana Strategis", "Rencana Kerja", "RKA-SKPD", "DPA-SKPD"]
    kasi = pos["kepala-seksi-identitas-penduduk"]["goals"][0]["indicators"]
    assert [i["name"] for i in kasi] == [
        "Jumlah pelayanan KTP yang dilaksanakan",
        "Jumlah pelayanan KK yang dilaksanakan",
        "Jumlah pelayanan KIA yang dilaksanakan",
    ]
    assert kasi[0]["formula"] == "Jumlah pelayanan KTP yang dilaksanakan tahun bersangkutan"


def test_shifted_row_repaired(doc):
    penata = _by_key(doc)["penata-laporan-keuangan"]
    assert len(penata["goals"]) == 1
    goal = penata["goals"][0]
    assert goal["statement"] == "Terwujudnya Kelancaran Pengelolaan Keuangan"
    assert len(goal["indicators"]) == 13
    last = goal["indicators"][-1]
    assert last["name"] == "Jumlah transaksi pajak yang di entry"
    assert last["formula"] == "Jumlah transaksi pajak yang di entry"
    assert last["sources"] == ["Dokumen transaksi pajak"]
    assert last["kind"] == "count"


def test_warnings(doc):
    assert doc["warnings"] == [
        {"line": 44, "message": "acting prefix 'Pih.' kept as written (probably 'Plh.')"},
        {
            "line": 44,
            "message": "signature title 'KEPALA DINAS KEMERDEKAAN DAN PENCATATAN SIPIL KABUPATEN "
            "SAMPANG' does not name the agency 'Dinas Kependudukan dan Pencatatan Sipil'; "
            "kept as written",
        },
        {
            "line": 434,
            "message": "row shifted one cell left; repaired: "
            "'Jumlah transaksi pajak yang di entry' read as an indicator of goal "
            "'Terwujudnya Kelancaran Pengelolaan Keuangan'",
        },
    ]


def test_deterministic_and_json_stable(doc):
    raw = SEED.read_bytes()
    again = parse_decree(raw.decode("utf-8"))
    assert again == doc
    assert json.dumps(again, ensure_ascii=False) == json.dumps(doc, ensure_ascii=False)
    assert json.loads(json.dumps(doc)) == doc


def test_parser_does_not_import_django():
    code = (
        "import sys, kinerja.catalog.parsing as p; "
        "p.parse_decree(open(sys.argv[1], 'rb').read()); "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code, str(SEED)], check=True)
    package = Path(kinerja.catalog.__file__).parent / "parsing"
    for path in package.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import django" not in text and "from django" not in text, path
        assert len(text.splitlines()) < 400, path
