"""Reference-date rules on hand-made residents: birthdays on the reference date, deaths and
registrations around it, documents issued after it, couples counted once."""

# ruff: noqa: F811  (pytest fixtures imported from population_helpers)

from __future__ import annotations

from datetime import date

from population_helpers import import_rows, person, service  # noqa: F401  (fixture)

from kinerja.population import Rules, compute

AS_OF = date(2024, 6, 30)


def kab(summary, on=AS_OF, **kw) -> dict[str, tuple[int, int]]:
    return {
        r.indicator: (r.numerator, r.denominator)
        for r in compute(summary, on, levels=["kabupaten"], **kw)
    }


def test_child_turning_17_on_the_reference_date(import_rows):
    rows = [
        person(serial=1, shdk="ANAK", tgl_lahir=date(2007, 6, 30), tgl_rekam_ktpel="2024-06-30"),
        person(serial=2, shdk="ANAK", tgl_lahir=date(2007, 7, 1), tgl_terbit_kia="2020-01-01"),
    ]
    summary = import_rows(rows)
    on = kab(summary)
    assert on["ktp_el"] == (1, 1)  # 17 today: wajib KTP-el, recorded today
    assert on["kia"] == (1, 1)  # 17 tomorrow: still a child
    before = kab(summary, date(2024, 6, 29))
    assert before["ktp_el"] == (0, 0)
    assert before["kia"] == (1, 2)  # both are children; only the second has a KIA


def test_leap_days(import_rows):
    summary = import_rows([person(tgl_lahir=date(2008, 2, 29))])
    assert kab(summary, date(2025, 2, 28))["ktp_el"] == (0, 0)
    assert kab(summary, date(2025, 3, 1))["ktp_el"] == (0, 1)
    # On 29 February 2024, 17 years back is 28 February 2007.
    rows = [
        person(serial=1, tgl_lahir=date(2007, 2, 28)),
        person(serial=2, tgl_lahir=date(2007, 3, 1)),
    ]
    assert kab(import_rows(rows), date(2024, 2, 29))["ktp_el"] == (0, 1)


def test_married_minor_is_wajib_ktp_el_not_kia(import_rows):
    rows = [
        person(serial=1, tgl_lahir=date(2008, 1, 10), status_kawin="KAWIN", shdk="ISTRI",
               jenis_kelamin="P", tgl_kawin="2024-05-01"),
    ]  # fmt: skip
    summary = import_rows(rows)
    assert kab(summary)["ktp_el"] == (0, 1)
    assert kab(summary)["kia"] == (0, 0)
    # Before the wedding she was an unmarried child.
    assert kab(summary, date(2024, 4, 30))["kia"] == (0, 1)


def test_deaths_and_registration_around_the_reference_date(import_rows):
    rows = [
        person(serial=1, tgl_meninggal="2024-07-01"),  # dies after: a resident
        person(serial=2, tgl_meninggal="2024-06-30"),  # dies on the day: still a resident
        person(serial=3, tgl_meninggal="2024-06-29", no_akta_kematian="3527-KM-01072024-0001",
               tgl_akta_kematian="2024-07-01"),  # died before; certificate after the date
        person(serial=4, tgl_meninggal="2023-12-31"),  # died in the previous period
        person(serial=5, tgl_terdaftar="2024-07-15"),  # moved in after the reference date
        person(serial=6, tgl_terdaftar="2024-06-30"),  # moved in on the day
    ]  # fmt: skip
    summary = import_rows(rows)
    on = kab(summary)
    assert on["ktp_el"][1] == 3  # rows 1, 2 and 6
    assert on["akta_kematian"] == (0, 2)  # rows 2 and 3 died this year by the reference date
    assert kab(summary, date(2024, 12, 31))["akta_kematian"] == (1, 3)
    assert kab(summary, period_start=date(2023, 1, 1))["akta_kematian"] == (0, 3)


def test_documents_issued_after_the_reference_date_do_not_count(import_rows):
    rows = [
        person(serial=1, no_akta_lahir="X", tgl_akta_lahir="2024-07-01"),
        person(serial=2, no_akta_lahir="X"),  # no issue date: counts
        person(serial=3, tgl_akta_lahir="2020-01-01"),  # a date without a number: counts (Rules)
        person(serial=4, tgl_rekam_ktpel="2024-07-01", tgl_cetak_ktpel="2024-07-02"),
    ]
    summary = import_rows(rows)
    assert kab(summary)["akta_lahir_dewasa"] == (2, 4)
    strict = compute(summary, AS_OF, rules=Rules(akta_tanpa_nomor=False))
    assert [
        (r.numerator, r.denominator)
        for r in strict
        if r.indicator == "akta_lahir_dewasa" and r.area_level == "kabupaten"
    ] == [(1, 4)]
    assert kab(summary)["ktp_el"] == (0, 4)
    assert kab(summary, date(2024, 7, 2))["ktp_el_cetak"] == (1, 4)


def test_couples_count_once_and_families_by_kk(import_rows):
    kk1, kk2, kk3 = "3527010101120001", "3527010101120002", "3527010101120003"
    rows = [
        person(serial=1, no_kk=kk1, status_kawin="KAWIN", tgl_cetak_kk="2020-01-01",
               no_akta_kawin="K1"),
        person(serial=2, no_kk=kk1, shdk="ISTRI", status_kawin="KAWIN", jenis_kelamin="P",
               no_akta_kawin="K1"),
        person(serial=3, no_kk=kk1, shdk="ANAK", tgl_lahir=date(2010, 1, 1)),
        # A widowed head: a family, but no couple.
        person(serial=4, no_kk=kk2, shdk="KEPALA KELUARGA", status_kawin="CERAI MATI",
               jenis_kelamin="P", tgl_cetak_kk="2024-08-01"),
        # Woman head with her husband; married after the reference date.
        person(serial=5, no_kk=kk3, status_kawin="KAWIN", jenis_kelamin="P"),
        person(serial=6, no_kk=kk3, shdk="SUAMI", status_kawin="KAWIN", tgl_kawin="2024-07-01"),
    ]  # fmt: skip
    summary = import_rows(rows)
    on = kab(summary)
    assert on["kawin_tercatat"] == (1, 1)
    # KK kk2 was printed on 1 August 2024 but first issued on 1 January 2012 (digits 7-12 of the
    # KK number): it counts; kk3 was never printed.
    assert on["kk"] == (2, 3)
    assert kab(summary, rules=Rules(kk="cetak"))["kk"] == (1, 3)
    later = kab(summary, date(2024, 12, 31))
    assert later["kawin_tercatat"] == (1, 2)
    assert later["kk"] == (2, 3)


def test_pindah_datang_period(import_rows):
    services = [
        service(no_permohonan="1", jenis_layanan="Pindah", tgl_permohonan="2024-02-01",
                tgl_selesai="2024-02-03"),
        service(no_permohonan="2", jenis_layanan="DATANG", tgl_permohonan="2024-06-30",
                tgl_selesai="2024-07-02"),
        service(no_permohonan="3", jenis_layanan="Datang", tgl_permohonan="2023-12-30",
                tgl_selesai="2024-01-02"),
        service(no_permohonan="4", jenis_layanan="KTP-el", tgl_permohonan="2024-03-01"),
        service(no_permohonan="5", jenis_layanan="Pindah", tgl_permohonan="2024-07-01"),
        service(no_permohonan="6", jenis_layanan="Pindah", tgl_permohonan="2024-01-01"),
    ]  # fmt: skip
    summary = import_rows([person()], services)
    assert kab(summary)["pindah_datang"] == (1, 3)


def test_database_completeness(import_rows):
    summary = import_rows([person(), person(serial=2, kode_desa="35.27.03.1003")])
    results = compute(summary, AS_OF, indicators=["database_kependudukan"])
    by_level = {(r.area_level, r.area_code): (r.numerator, r.denominator) for r in results}
    assert by_level[("kabupaten", "35.27")] == (2, 186)
    assert by_level[("kecamatan", "35.27.03")] == (1, 18)
    assert by_level[("desa", "35.27.01.2002")] == (0, 1)
