"""Predicate scales are data: the shipped ones at their thresholds, SKP, and agency scales."""

import json
from decimal import Decimal as D

import pytest

from kinerja.scoring import Scale, ScaleRegistry, default_registry, load_registry, skp_predicate


@pytest.mark.parametrize(
    ("capaian", "permendagri", "sampang"),
    [
        ("120.00", "Sangat Tinggi", "Sangat Baik"),
        ("91.00", "Sangat Tinggi", "Sangat Baik"),
        ("90.99", "Tinggi", "Baik"),  # the 90-91 gap of the published table closes downwards
        ("90.50", "Tinggi", "Baik"),
        ("76.00", "Tinggi", "Baik"),
        ("75.99", "Sedang", "Cukup"),
        ("66.00", "Sedang", "Cukup"),
        ("65.99", "Rendah", "Kurang"),
        ("51.00", "Rendah", "Kurang"),
        ("50.99", "Sangat Rendah", "Sangat Kurang"),
        ("-20.00", "Sangat Rendah", "Sangat Kurang"),
    ],
)
def test_permendagri_86_2017_and_sampang_labels(capaian, permendagri, sampang):
    registry = default_registry()
    assert registry.get().classify(D(capaian)) == permendagri
    assert registry.get("permendagri-86-2017").classify(D(capaian)) == permendagri
    assert registry.get("sampang-inspektorat-2019").classify(D(capaian)) == sampang


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        ("100", "AA"),
        ("90.01", "AA"),
        ("90", "A"),  # "AA > 90": 90 itself is A
        ("80.01", "A"),
        ("80", "BB"),
        ("70", "B"),
        ("60", "CC"),
        ("50", "C"),
        ("30.01", "C"),
        ("30", "D"),
        ("0", "D"),
    ],
)
def test_sakip_grades_permenpanrb_88_2021(score, grade):
    assert default_registry().get("sakip-permenpanrb-88-2021").classify(D(score)) == grade


@pytest.mark.parametrize(
    ("hasil", "perilaku", "predicate"),
    [
        ("diatas_ekspektasi", "diatas_ekspektasi", "Sangat Baik"),
        ("diatas_ekspektasi", "sesuai_ekspektasi", "Baik"),
        ("sesuai_ekspektasi", "diatas_ekspektasi", "Baik"),
        ("sesuai_ekspektasi", "sesuai_ekspektasi", "Baik"),
        ("dibawah_ekspektasi", "diatas_ekspektasi", "Butuh Perbaikan"),
        ("dibawah_ekspektasi", "sesuai_ekspektasi", "Butuh Perbaikan"),
        ("diatas_ekspektasi", "dibawah_ekspektasi", "Kurang/Misconduct"),
        ("sesuai_ekspektasi", "dibawah_ekspektasi", "Kurang/Misconduct"),
        ("dibawah_ekspektasi", "dibawah_ekspektasi", "Sangat Kurang"),
        ("Di Atas Ekspektasi", "di bawah", "Kurang/Misconduct"),
    ],
)
def test_skp_matrix_permenpanrb_6_2022(hasil, perilaku, predicate):
    assert skp_predicate(hasil, perilaku) == predicate


def test_skp_rejects_unknown_ratings():
    with pytest.raises(ValueError, match="rating tidak dikenal"):
        skp_predicate("luar biasa", "sesuai")


def test_agency_defines_its_own_scale(tmp_path):
    path = tmp_path / "skala.json"
    path.write_text(
        json.dumps(
            {
                "scales": [
                    {
                        "id": "dinas-x",
                        "name": "Skala Dinas X",
                        "levels": [
                            {"label": "Memuaskan", "min": "100"},
                            {"label": "Hampir", "min": "85.5"},
                            {"label": "Belum", "min": None},
                        ],
                    }
                ]
            }
        )
    )
    registry = load_registry(path)
    scale = registry.get("dinas-x")
    assert [scale.classify(D(x)) for x in ("100", "99.99", "85.50", "85.49")] == [
        "Memuaskan",
        "Hampir",
        "Hampir",
        "Belum",
    ]
    assert "permendagri-86-2017" in registry.ids()  # shipped scales stay available
    assert skp_predicate("sesuai", "sesuai", registry) == "Baik"


@pytest.mark.parametrize(
    ("levels", "message"),
    [
        ([{"label": "A", "min": "50"}], "paling sedikit 2"),
        ([{"label": "A", "min": "50"}, {"label": "B", "min": "10"}], "level terakhir"),
        ([{"label": "A", "min": None}, {"label": "B", "min": None}], "level terakhir"),
        (
            [{"label": "A", "min": "50"}, {"label": "B", "min": "60"}, {"label": "C", "min": None}],
            "menurun",
        ),
        ([{"label": "A", "min": "5,5"}, {"label": "B", "min": None}], "titik"),
        ([{"min": "5"}, {"label": "B", "min": None}], "label"),
    ],
)
def test_bad_agency_scales_are_refused_with_a_reason(levels, message):
    with pytest.raises(ValueError, match=message):
        Scale.from_dict({"id": "x", "levels": levels})


def test_registry_lookup():
    registry = ScaleRegistry()
    with pytest.raises(KeyError):
        registry.get("nope")
