"""Quarterly evaluation (Permendagri 86/2017) as XLSX and PDF: per quarter its own target,
realisation and capaian, cumulatively the official capaian and predicate, the office's mean,
the factors written by the perencana (audited), signatures; who may download and write."""

from __future__ import annotations

import pytest
from data import YEAR, pdf_text, realize, rows_of, targets, workbook
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kinerja.audit.models import AuditEntry
from kinerja.catalog.models import Agency
from kinerja.measurement.achievement import achievement
from kinerja.measurement.models import Status
from kinerja.reports import builders, files
from kinerja.reports.services import evaluation_note_save
from kinerja.scoring import Granularity, Period


@pytest.fixture
def year_data(org):
    for role in ("kasi", "kabid"):
        targets(org.pos[role])
        realize(org.pos[role])
    return org


def _read_model(org, quarter=2):
    positions = builders.office_positions(org.decree)
    return achievement(
        positions, YEAR, as_of=Period(YEAR, Granularity.QUARTER, quarter), verified_only=True
    )


def _row(rows, name):
    return next(r for r in rows if r[2] == name)


def test_evaluation_xlsx_quarters_cumulative_and_office_mean(year_data):
    org = year_data
    data, name = files.evaluation_file(org.agency, YEAR, 2, "xlsx")
    assert name == "evaluasi-renja-2024-tw2"
    ws = workbook(data).active
    rows = rows_of(ws)
    assert rows[0][0].endswith("TRIWULAN II TAHUN 2024") and "30 Juni 2024" in rows[1][0]
    header = rows[3]
    col = {label: i for i, label in enumerate(header)}
    model = _read_model(org)
    count = model.of_position(org.pos["kasi"].pk)[0]
    row = _row(rows, count.name)
    # 90 a month: TW I 270 of 200 (135%), TW II 270 of 400 (67.5%); s.d. TW II 540 of 1.200
    assert row[col["Target Renja"]] == 1200
    assert (row[col["Target TW I"]], row[col["Realisasi TW I"]]) == (200, 270)
    assert (row[col["Target TW II"]], row[col["Realisasi TW II"]]) == (400, 270)
    assert (row[col["Capaian TW I (%)"]], row[col["Capaian TW II (%)"]]) == (135, 67.5)
    assert row[col["Realisasi TW III"]] is None
    assert row[col["Realisasi s.d. TW"]] == 540
    assert row[col["Capaian Renja (%)"]] == float(count.capaian) == 45.0
    assert row[col["Predikat"]] == count.predicate == "Sangat Rendah"
    cells = next(r for r in ws.iter_rows() if r[2].value == count.name)
    assert cells[col["Realisasi s.d. TW"]].data_type == "n"
    assert cells[col["Realisasi s.d. TW"]].number_format == "#,##0"
    assert cells[col["Capaian Renja (%)"]].number_format == "#,##0.00"
    rate = model.of_position(org.pos["kabid"].pk)[0]
    assert _row(rows, rate.name)[col["Capaian Renja (%)"]] == float(rate.capaian) == 94.74
    office = next(r for r in rows if r[1] == "Rata-rata capaian kantor")
    assert office[col["Capaian Renja (%)"]] == float(model.agencies[org.agency.pk].capaian)
    text = " ".join(str(v) for r in rows for v in r if v)
    assert "[belum diisi: faktor pendorong]" in text
    assert "Kepala Bappeda Kabupaten Sampang" in text
    assert f"NIP. {org.emp['head'].nip}" in text and "Pegawai head" in text


def test_unverified_left_out_by_default_and_marked_when_included(year_data):
    org = year_data
    indicator = builders.office_positions(org.decree)  # noqa: F841 (positions exist)
    kasi = org.pos["kasi"]
    first = achievement([kasi], YEAR, with_cells=False).of_position(kasi.pk)[0]
    from kinerja.measurement.models import Realization

    Realization.objects.filter(indicator_id=first.indicator_id, period=6).update(
        status=Status.SUBMITTED
    )
    strict = builders.evaluation_document(org.agency, YEAR, 2)
    loose = builders.evaluation_document(org.agency, YEAR, 2, verified_only=False)
    a = strict.figures.of_indicator(first.indicator_id)
    b = loose.figures.of_indicator(first.indicator_id)
    assert (a.capaian, a.reason) == (None, "belum ada data (2024-06)")
    assert (b.value, b.provisional) == (540, True)
    rows = rows_of(
        workbook(files.evaluation_file(org.agency, YEAR, 2, "xlsx", verified_only=False)[0]).active
    )
    assert "termasuk sementara" in rows[2][0]
    assert "sementara" in _row(rows, b.name)[-1]


def test_factors_written_by_the_perencana_are_printed_and_audited(year_data):
    org = year_data
    with pytest.raises(PermissionDenied):
        evaluation_note_save(
            actor=org.kasi, agency=org.agency, year=YEAR, quarter=2, texts={"pendorong": "x"}
        )
    evaluation_note_save(
        actor=org.admin,
        agency=org.agency,
        year=YEAR,
        quarter=2,
        texts={
            "pendorong": "Jemput bola ke 14 kecamatan",
            "penghambat": "Blangko KTP-el terlambat",
            "tindak_lanjut": "Pengadaan blangko triwulan III",
        },
    )
    entry = AuditEntry.objects.get(action="evaluation_note.save")
    assert entry.after["penghambat"] == "Blangko KTP-el terlambat" and entry.before is None
    rows = rows_of(workbook(files.evaluation_file(org.agency, YEAR, 2, "xlsx")[0]).active)
    text = [r[0] for r in rows if r[0]]
    assert "Faktor pendorong: Jemput bola ke 14 kecamatan" in text
    assert "Tindak lanjut: Pengadaan blangko triwulan III" in text
    # a text that looks like a formula stays text in the workbook
    formula = '=HYPERLINK("http://x.invalid","klik")'
    evaluation_note_save(
        actor=org.admin, agency=org.agency, year=YEAR, quarter=2, texts={"pendorong": formula}
    )
    ws = workbook(files.evaluation_file(org.agency, YEAR, 2, "xlsx")[0]).active
    cell = next(c for r in ws.iter_rows() for c in r if str(c.value).startswith("Faktor pend"))
    assert cell.value == f"Faktor pendorong: {formula}" and cell.data_type == "s"
    files.xlsx_out.put(ws, 1, 1, "=1+1")  # a whole cell that looks like a formula
    again = workbook(files.xlsx_out.workbook_bytes(ws.parent)).active
    assert (again.cell(1, 1).value, again.cell(1, 1).data_type) == ("=1+1", "s")


def test_evaluation_pdf(year_data, monkeypatch):
    org = year_data
    # two positions keep WeasyPrint's time small; the office-wide PDF is benchmarked
    monkeypatch.setattr(
        builders, "office_positions", lambda decree: [org.pos["kabid"], org.pos["kasi"]]
    )
    text = pdf_text(files.evaluation_file(org.agency, YEAR, 2, "pdf")[0])
    model = achievement([org.pos["kabid"], org.pos["kasi"]], YEAR,
                        as_of=Period(YEAR, Granularity.QUARTER, 2), verified_only=True)  # fmt: skip
    assert "TRIWULAN II TAHUN 2024" in text and "30 Juni 2024" in text
    for f in model.indicators:
        assert f.value_text in text
    count = model.of_position(org.pos["kasi"].pk)[0]
    assert "540" in count.value_text and "45,00%" in text and "Sangat Rendah" in text
    assert "94,74%" in text
    assert model.agencies[org.agency.pk].capaian is not None
    assert "Pegawai head" in text and "Kepala Bappeda Kabupaten Sampang" in text


def test_evaluation_permissions_and_the_note_form(client, year_data):
    org = year_data
    url = reverse("reports:evaluation", args=[org.agency.pk, YEAR, 2, "xlsx"])
    note_url = reverse("reports:evaluation_note", args=[org.agency.pk, YEAR, 2])
    page = reverse("reports:documents", args=[org.agency.pk, YEAR])
    for role in ("head", "admin"):
        client.force_login(org.users[role])
        assert client.get(url).status_code == 200, role
        assert client.get(page).status_code == 200, role
    for role in ("kasi", "kabid", "staff", "outsider"):
        client.force_login(org.users[role])
        assert client.get(url).status_code == 403, role
        assert client.get(page).status_code == 403, role
        assert client.post(note_url, {"pendorong": "x"}).status_code == 403, role
    client.force_login(org.head)  # reads, does not write the factors
    assert "Simpan catatan" not in client.get(page).content.decode()
    assert client.post(note_url, {"pendorong": "x"}).status_code == 403
    other = Agency.objects.create(name="Dinas Sosial", region="Kabupaten Sampang")
    client.force_login(org.admin)
    assert "Simpan catatan" in client.get(page).content.decode()
    changed = reverse("reports:evaluation", args=[other.pk, YEAR, 2, "xlsx"])
    assert client.get(changed).status_code == 403
    assert (
        client.get(reverse("reports:evaluation", args=[org.agency.pk, YEAR, 5, "xlsx"])).status_code
        == 404
    )
    response = client.post(note_url, {"pendorong": "Jemput bola", "penghambat": "\x00"})
    assert response.status_code == 302
    assert not AuditEntry.objects.filter(action="evaluation_note.save").exists()
    client.post(note_url, {"pendorong": "Jemput bola", "penghambat": "Blangko"})
    assert AuditEntry.objects.filter(action="evaluation_note.save").count() == 1
    assert "Jemput bola" in client.get(page).content.decode()


def test_a_units_evaluation_its_mean_factors_signer_and_readers(client, year_data):
    org = year_data
    unit = org.pos["kabid"].unit
    assert org.pos["kasi"].unit.parent_id == unit.pk  # the Seksi is inside the Bidang
    evaluation_note_save(
        actor=org.admin, agency=org.agency, year=YEAR, quarter=2, unit=unit,
        texts={"penghambat": "Jaringan SIAK putus"},
    )  # fmt: skip
    data, name = files.evaluation_file(org.agency, YEAR, 2, "xlsx", unit=unit)
    assert name == f"evaluasi-renja-2024-tw2-unit{unit.pk}"
    rows = rows_of(workbook(data).active)
    assert rows[0][0].startswith(f"EVALUASI TERHADAP HASIL RENJA {unit.name.upper()} ")
    names = {r[2] for r in rows if isinstance(r[0], int)}
    model = _read_model(org)
    mine = {f.name for p in ("kabid", "kasi") for f in model.of_position(org.pos[p].pk)}
    assert mine <= names
    assert not names & {f.name for f in model.of_position(org.pos["other_kasi"].pk)}
    mean = next(r for r in rows if r[1] == f"Rata-rata capaian {unit.name}")
    assert mean[18] == float(model.units[unit.pk].capaian)
    text = [str(r[0]) for r in rows if r[0]] + [str(v) for r in rows for v in r if v]
    assert "Faktor penghambat: Jaringan SIAK putus" in text and "Pegawai kabid" in text
    url = reverse("reports:unit_evaluation", args=[org.agency.pk, YEAR, 2, unit.pk, "xlsx"])
    for role, status in (("kabid", 200), ("head", 200), ("kasi", 403), ("other_kasi", 403)):
        client.force_login(org.users[role])
        assert client.get(url).status_code == status, role
    other = Agency.objects.create(name="Dinas Sosial", region="Kabupaten Sampang")
    client.force_login(org.head)
    changed = reverse("reports:unit_evaluation", args=[other.pk, YEAR, 2, unit.pk, "xlsx"])
    assert client.get(changed).status_code == 404  # the unit is not the other agency's
    client.force_login(org.admin)
    page = reverse("reports:documents", args=[org.agency.pk, YEAR])
    assert "Jaringan SIAK putus" in client.get(page + f"?unit={unit.pk}").content.decode()
    note = reverse("reports:evaluation_note", args=[org.agency.pk, YEAR, 2])
    response = client.post(note, {"unit": unit.pk, "penghambat": "Listrik padam"})
    assert response["Location"].endswith(f"?unit={unit.pk}")
    assert "Listrik padam" in client.get(page + f"?unit={unit.pk}").content.decode()
    assert "Listrik padam" not in client.get(page).content.decode()
