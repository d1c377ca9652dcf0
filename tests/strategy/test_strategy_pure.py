"""The pure modules: the budget file reader, the efficiency rule and the cascade tree."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from kinerja.strategy import budget_file, efficiency
from kinerja.strategy.tree import GoalInfo, IkuInfo, build


def rows(*values):
    header = ("Kode", "Nama", "Pagu", "Realisasi TW I", "Realisasi TW II")
    return [(1, header), *((n, v) for n, v in enumerate(values, start=2))]


def test_quarter_columns_land_on_the_quarter_last_month():
    parsed = budget_file.parse_rows(
        rows(("2.12.02", "P", None, None, None), ("2.12.02.2.01.0001", "S", 1000, 100, 250))
    )
    assert parsed.problems == []
    sub = parsed.rows[1]
    assert (sub.level, sub.pagu, sub.months) == ("sub", D(1000), {3: D(100), 6: D(250)})
    assert parsed.periods == "triwulan"


def test_every_problem_names_row_and_column():
    parsed = budget_file.parse_rows(
        rows(
            ("2.12.2", "kode salah", 1, None, None),
            ("2.12.02.2.01.0001", "", "satu juta", None, None),
            ("2.12.02.2.01.0002", "S", 100, 80, 30),
            ("2.12.02.2.01.0002", "dobel", 100, None, None),
            ("2.12.02.2.01.0003", "S", -5, None, None),
        )
    )
    text = [str(p) for p in parsed.problems]
    assert "baris 2, kolom A (Kode): '2.12.2' bukan kode program" in text[0]
    assert "baris 3, kolom B (Nama): nama wajib diisi" in text
    assert "baris 3, kolom C (Pagu): 'satu juta' bukan angka" in text
    assert "baris 4, kolom C (Pagu): jumlah realisasi melebihi pagu sub kegiatan ini" in text
    assert "baris 5, kolom A (Kode): kode 2.12.02.2.01.0002 sudah ada di baris 4" in text
    assert "baris 6, kolom C (Pagu): tidak boleh negatif" in text


def test_a_program_row_states_the_sum_of_its_sub_kegiatan():
    parsed = budget_file.parse_rows(
        rows(
            ("2.12.02", "P", 1500, 100, None),
            ("2.12.02.2.01.0001", "S", 1000, 60, None),
            ("2.12.02.2.01.0002", "S", 400, 30, None),
        )
    )
    assert [str(p) for p in parsed.problems] == [
        "baris 2, kolom C (Pagu): pagu program Rp1.500 tidak sama dengan jumlah pagu sub "
        "kegiatannya dalam berkas Rp1.400",
        "baris 2, kolom D (Realisasi TW I): realisasi Rp100 tidak sama dengan jumlah sub "
        "kegiatannya Rp90",
    ]


def test_missing_header_and_unnamed_realization_column():
    assert "baris judul kolom" in str(budget_file.parse_rows([(1, ("a", "b"))]).problems[0])
    parsed = budget_file.parse_rows([(1, ("Kode", "Nama", "Pagu", "Realisasi"))])
    assert "harus menyebut bulan" in str(parsed.problems[0])


@given(st.permutations(["2.12.02", "2.12.02.2.01", "2.12.02.2.01.0001", "2.12.02.2.01.0002"]))
def test_row_order_does_not_change_what_is_read(codes):
    values = {"2.12.02.2.01.0001": 700, "2.12.02.2.01.0002": 300}
    parsed = budget_file.parse_rows(rows(*((c, "N", values.get(c), None, None) for c in codes)))
    assert parsed.problems == []
    assert {r.code: r.pagu for r in parsed.rows if r.level == "sub"} == {
        "2.12.02.2.01.0001": D(700),
        "2.12.02.2.01.0002": D(300),
    }


def test_efficiency_rule():
    done = efficiency.efficiency(D("100.00"), D(1000), D(900))
    assert (done.serapan, done.value, done.label) == (D("90.00"), D("10.00"), "Efisien")
    missed = efficiency.efficiency(D("99.50"), D(1000), D(900))
    assert (missed.label, missed.value, missed.reason) == (
        "Tidak efisien",
        None,
        "target kinerja tidak tercapai",
    )
    assert (
        efficiency.efficiency(None, D(1000), D(1)).reason == "capaian kinerja tidak dapat dihitung"
    )
    assert efficiency.efficiency(D(100), None, D(1)).reason == "pagu belum ada"
    assert efficiency.efficiency(D(100), D(0), D(0)).reason == "pagu Rp0"


def goal(pk, position=1, order=0):
    return GoalInfo(pk, f"kinerja {pk}", position, f"jabatan {position}", (position, order))


def test_tree_serves_several_ikus_and_lists_what_serves_nothing():
    ikus = [
        IkuInfo(1, "1", "IKU satu", "S1"),
        IkuInfo(2, "2", "IKU dua", "S1"),
        IkuInfo(3, "3", "x", "S2"),
    ]
    goals = [goal(10, 1), goal(11, 2), goal(12, 3), goal(13, 4), goal(14, 5), goal(15, 6)]
    links = {
        10: [("iku", 1), ("iku", 2)],  # a Kabid goal measuring two IKU
        11: [("goal", 10)],  # Kasi
        12: [("goal", 11)],  # staff
        13: [("goal", 14)],  # a loop 13 -> 14 -> 13
        14: [("goal", 13)],
        15: [("goal", 999)],  # outside the decree
    }
    tree = build(ikus, goals, links)
    assert [len(r.children) for r in tree.roots] == [1, 1, 0]
    assert [n.id for n in tree.roots[0].walk()] == [1, 10, 11, 12]
    assert tree.reaches == {10: 1, 11: 1, 12: 1}
    assert tree.unserved_ikus == [3]
    assert dict(tree.unlinked) == {
        13: "tautannya melingkar dan tidak sampai ke IKU",
        14: "tautannya melingkar dan tidak sampai ke IKU",
        15: "mendukung kinerja di luar keputusan yang berlaku",
    }
