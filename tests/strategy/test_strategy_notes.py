"""Quarterly evaluation notes with the follow-up checked the next quarter, and realizations of
years before the system (never a year the system measures)."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from strategy_data import YEAR

from kinerja.audit.models import AuditEntry
from kinerja.catalog.models import Goal, Indicator
from kinerja.strategy.models import EarlierRealization, QuarterNote
from kinerja.strategy.selectors_budget import earlier_years, notes
from kinerja.strategy.services import iku_save, renstra_save
from kinerja.strategy.services_notes import (
    earlier_realization_save,
    follow_up_record,
    quarter_note_save,
)


@pytest.fixture
def iku(org):
    renstra = renstra_save(
        actor=org.admin, agency=org.agency, period_start=2025, period_end=2029, title="Renstra"
    )
    return iku_save(
        actor=org.admin,
        renstra=renstra,
        tujuan=("T1", "Tujuan"),
        sasaran=("S1", "Sasaran"),
        values={"code": "1", "name": "Persentase KIA", "satuan": "%", "baseline": D("38.5")},
    )


def test_a_note_and_its_follow_up_next_quarter(org, client):
    goal = Goal.objects.filter(position=org.pos["kabid"]).first()
    note = quarter_note_save(
        actor=org.admin,
        agency=org.agency,
        year=YEAR,
        quarter=4,
        goal=goal,
        unit=org.pos["kabid"].unit,
        texts={"penghambat": "blanko terlambat", "tindak_lanjut": "ajukan tambahan blanko"},
    )
    assert AuditEntry.objects.filter(action="quarter_note.save").count() == 1
    follow_up_record(actor=org.admin, note=note, done=False, by="Seksi Identitas", remark="ditunda")
    note.refresh_from_db()
    assert (note.follow_up_done, note.follow_up_by, note.follow_up_checked_in) == (
        False,
        "Seksi Identitas",
        "2025-TW1",
    )
    rows = notes(org.agency, YEAR, 4)
    assert [(r.subject, r.owner) for r in rows] == [
        (f"Kinerja: {goal.statement}", "Bidang Pelayanan Pendaftaran Penduduk")
    ]
    client.force_login(org.kabid)  # reads
    html = client.get(f"/renstra/{org.agency.pk}/2025/catatan/?tw=1").content.decode()
    assert "ajukan tambahan blanko" in html and "belum terlaksana" in html
    assert "Catat</button>" not in html  # no control that would not work


def test_notes_refuse_bad_input_and_other_roles(org):
    indicator = Indicator.objects.filter(goal__position=org.pos["kasi"]).first()
    with pytest.raises(ValidationError) as exc:
        quarter_note_save(
            actor=org.admin, agency=org.agency, year=YEAR, quarter=2, indicator=indicator, texts={}
        )
    assert exc.value.message_dict == {
        "pendorong": ["isi paling sedikit satu faktor atau tindak lanjut"]
    }
    with pytest.raises(ValidationError):
        quarter_note_save(
            actor=org.admin,
            agency=org.agency,
            year=YEAR,
            quarter=5,
            indicator=indicator,
            texts={"pendorong": "x"},
        )
    with pytest.raises(PermissionDenied):
        quarter_note_save(
            actor=org.kabid,
            agency=org.agency,
            year=YEAR,
            quarter=2,
            indicator=indicator,
            texts={"pendorong": "x"},
        )
    assert QuarterNote.objects.count() == 0


def test_earlier_years_only_before_the_system_with_a_source(org, iku):
    earlier_realization_save(
        actor=org.admin,
        agency=org.agency,
        iku=iku,
        year=2023,
        value=D("33.9"),
        source="LKjIP 2023 hal. 40",
        first_system_year=2025,
    )
    with pytest.raises(ValidationError) as exc:
        earlier_realization_save(
            actor=org.admin,
            agency=org.agency,
            iku=iku,
            year=2025,
            value=D(40),
            source="x",
            first_system_year=2025,
        )
    assert exc.value.message_dict["year"] == ["hanya tahun sebelum data sistem (sebelum 2025)"]
    with pytest.raises(ValidationError) as exc:
        earlier_realization_save(
            actor=org.admin, agency=org.agency, iku=iku, year=2022, value=D(30), source=""
        )
    assert "source" in exc.value.message_dict
    years, rows = earlier_years(org.agency, 2025)
    assert years == [2023, 2024]
    assert rows[0].values == {2023: ("33,90%", "LKjIP 2023 hal. 40")}
    assert rows[0].baseline == "38,50%"  # 2024 (the baseline year) was not entered
    assert EarlierRealization.objects.count() == 1


def test_earlier_years_import_all_or_nothing(org, iku, client):
    import io

    from openpyxl import Workbook

    def upload(rows):
        from django.core.files.uploadedfile import SimpleUploadedFile

        wb = Workbook()
        wb.active.append(["Kode IKU", "Tahun", "Realisasi", "Sumber"])
        for row in rows:
            wb.active.append(row)
        out = io.BytesIO()
        wb.save(out)
        return SimpleUploadedFile("lalu.xlsx", out.getvalue())

    url = f"/renstra/{org.agency.pk}/2025/tahun-lalu/impor/"
    client.force_login(org.admin)
    bad = [["1", 2023, "33,9", "LKjIP 2023"], ["9", 2022, "x", ""], ["1", 2026, 40, "y"]]
    text = client.post(url, {"file": upload(bad)}, follow=True).content.decode()
    assert "baris 3, kolom C (Realisasi): &#x27;x&#x27; bukan angka" in text
    assert "baris 3, kolom D (Sumber): sumber wajib diisi (dokumen, halaman)" in text
    assert "baris 4, kolom B (Tahun): hanya tahun sebelum data sistem (2025)" in text
    assert EarlierRealization.objects.count() == 0
    good = [["1", 2023, "33,9", "LKjIP 2023 hal. 40"], ["1", 2024, "38,5", "LKjIP 2024"]]
    text = client.post(url, {"file": upload(good)}, follow=True).content.decode()
    assert "2 realisasi tahun sebelumnya tersimpan." in text
    assert EarlierRealization.objects.get(year=2024).value == D("38.5")
    client.force_login(org.kabid)
    assert client.post(url, {"file": upload(good)}).status_code == 403


def test_head_pk_items_come_from_the_iku(org, iku):
    from kinerja.strategy.selectors import head_pk_items
    from kinerja.strategy.services import iku_target_set

    iku_target_set(actor=org.admin, iku=iku, year=2026, plan="renstra", value=D(50))
    iku_target_set(actor=org.admin, iku=iku, year=2026, plan="renja", value=D("52.5"))
    items = head_pk_items(org.agency, 2026)
    assert [(i.sasaran, i.iku, i.target, i.satuan, i.indicator_id) for i in items] == [
        ("Sasaran", "Persentase KIA", D("52.5"), "%", None)  # no decree in force in 2026
    ]
    assert head_pk_items(org.agency, 2020) == []
