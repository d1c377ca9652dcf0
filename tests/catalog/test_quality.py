"""check_document on the seed and on small documents made to trip each rule."""

import copy

from kinerja.catalog.quality import check_document

BASE = {
    "decree": {
        "number": "1/2020",
        "agency": "Dinas Kependudukan dan Pencatatan Sipil",
        "signatory": {
            "name": "X",
            "nip": "197101061993041001",
            "title": "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN SAMPANG",
            "acting": "Plt.",
        },
    },
    "positions": [
        {
            "key": "kasi",
            "name": "Kepala Seksi A",
            "supervisor": "Kepala Bidang B",
            "goals": [
                {
                    "statement": "Meningkatnya layanan",
                    "indicators": [
                        {
                            "name": "Persentase layanan selesai",
                            "kind": "percentage",
                            "formula": "A / B x 100%",
                            "numerator": "A",
                            "denominator": "B",
                            "sources": ["SIAK"],
                        }
                    ],
                }
            ],
        }
    ],
}


def _codes(doc):
    return [f.code for f in check_document(doc)]


def test_clean_document_has_no_findings():
    assert _codes(BASE) == []


def _with_indicator(**changes):
    doc = copy.deepcopy(BASE)
    doc["positions"][0]["goals"][0]["indicators"][0].update(changes)
    return doc


def test_each_rule():
    assert _codes(_with_indicator(numerator=None)) == ["percentage-without-formula"]
    assert _codes(
        _with_indicator(
            kind="count", formula="", numerator=None, denominator=None, measure_unit="dokumen"
        )
    ) == ["no-formula", "percentage-name-count-formula"]
    assert _codes(_with_indicator(sources=[])) == ["no-source"]
    assert _codes(
        _with_indicator(
            name="Jumlah layanan",
            kind="count",
            formula="Layanan dibandingkan permohonan",
            measure_unit="layanan",
        )
    ) == ["count-name-comparison"]
    assert _codes(
        _with_indicator(
            name="Jumlah surat",
            kind="count",
            formula="Jumlah surat",
            denominator=None,
            measure_unit="surat",
        )
    ) == ["formula-repeats-name"]
    assert _codes(_with_indicator(name="Menyusun laporan")) == ["activity-not-result"]
    gedung = _with_indicator(
        name="Jumlah gedung kantor yang dipelihara",
        kind="count",
        formula="Gedung yang dipelihara menurut KIB",
        numerator="Jumlah gedung kantor yang dipelihara",
        denominator=None,
    )
    assert _codes(gedung) == ["measure-unconfirmed"]
    assert "satuan 'unit', nilai bulan terakhir" in check_document(gedung)[0].message


def test_duplicate_indicator_and_missing_supervisor():
    doc = copy.deepcopy(BASE)
    other = copy.deepcopy(doc["positions"][0])
    other.update(key="staf", name="Pengolah Data", supervisor=None)
    doc["positions"].append(other)
    findings = check_document(doc)
    assert sorted(f.code for f in findings) == ["duplicate-indicator", "no-supervisor"]
    dup = next(f for f in findings if f.code == "duplicate-indicator")
    assert "Kepala Seksi A, Pengolah Data" in dup.message


def test_seed_signature_block_errors(seed_document):
    findings = check_document(seed_document)
    by_code = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    title = by_code["signatory-title-mismatch"][0]
    assert "'KEMERDEKAAN' seharusnya 'KEPENDUDUKAN'" in title.message
    acting = by_code["signatory-acting-unknown"][0]
    assert "'Pih.'" in acting.message and "mungkin maksudnya 'Plh.'" in acting.message
    assert findings[0].severity == "galat"


def test_seed_findings_name_positions(seed_document):
    findings = check_document(seed_document)
    no_supervisor = {f.position for f in findings if f.code == "no-supervisor"}
    assert "Pengemudi" in no_supervisor
    assert "Kepala Seksi Identitas Penduduk" not in no_supervisor
    cakupan = [f for f in findings if f.code == "percentage-name-count-formula"]
    assert [f.indicator for f in cakupan] == [
        "Cakupan pemenuhan kebutuhan listrik, air dan telepon"
    ]
    assert all(f.why for f in findings)
    assert not [f for f in findings if f.code in {"no-source", "percentage-without-formula"}]


def test_seed_merged_source_is_pointed_out(seed_document):
    merged = [f for f in check_document(seed_document) if f.code == "source-merged"]
    assert [(f.position, f.indicator) for f in merged] == [
        (
            "Kepala Seksi Perkawinan, Perceraian, Perubahan Status Anak dan Kewarganegaraan",
            "Jumlah laporan perkawinan, perceraian dan status anak",
        )
    ]
    assert "'SIAK' dan 'Register Pelayanan'" in merged[0].message


def test_seed_repealed_laws_and_year_bound_indicators(seed_document):
    findings = check_document(seed_document)
    repealed = [f.message for f in findings if f.code == "repealed-law"]
    assert len(repealed) == 2
    assert "Undang-Undang Nomor 32 Tahun 2004" in repealed[0]
    assert "Undang-Undang Nomor 23 Tahun 2014" in repealed[0]
    bound = sorted((f.indicator, f.message) for f in findings if f.code == "year-bound-indicator")
    assert bound == [
        (
            "Tersusunnya Renja 2020",
            "Indikator terikat pada tahun 2020 padahal keputusan berlaku 2019-2024.",
        ),
        (
            "Tersusunnya rencana kegiatan maintenance perangkat tahun 2019",
            "Indikator terikat pada tahun 2019 padahal keputusan berlaku 2019-2024.",
        ),
    ]  # "Perpres Nomor 96 Tahun 2018" in an indicator names a regulation, not a year


def test_a_single_year_decree_names_its_year_freely():
    doc = _with_indicator(name="Tersusunnya Renja 2020")
    doc["decree"]["period"] = {"start": 2020, "end": 2020}
    assert "year-bound-indicator" not in _codes(doc)
