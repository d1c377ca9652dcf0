"""Realization pages: each role's reach, including a changed id in the URL, and the state the
database is left in after each action."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.audit.models import AuditEntry
from kinerja.measurement.models import Evidence, Realization
from kinerja.measurement.services import realization_save, realization_transition

pytestmark = pytest.mark.django_db
YEAR = 2024


def _client(client, user):
    client.force_login(user)
    return client


def _count_indicator(position):
    return position.goals.first().indicators.filter(kind="count").first()


@pytest.mark.parametrize(
    ("role", "target", "status"),
    [
        ("staff", "staff", 200),
        ("staff", "kasi", 403),  # a staff user editing the id in the URL
        ("staff", "kabid", 403),
        ("kasi", "staff", 200),
        ("kasi", "other_kasi", 403),
        ("kabid", "staff", 200),
        ("head", "other_kasi", 200),
        ("admin", "staff", 200),
        ("outsider", "staff", 403),
    ],
)
def test_position_year_reach(client, org, role, target, status):
    url = reverse("measurement:position_year", args=[org.pos[target].pk, YEAR])
    assert _client(client, org.users[role]).get(url).status_code == status


def test_realization_entry_saves_and_audits(client, org):
    indicator = _count_indicator(org.pos["staff"])
    url = reverse("measurement:realization", args=[indicator.pk, YEAR, 3])
    c = _client(client, org.staff)
    assert "Simpan" in c.get(url).content.decode()
    response = c.post(url, {"value": "1.234", "note": "dari register", "version": "0"})
    assert response.status_code == 302
    saved = Realization.objects.get(indicator=indicator, year=YEAR, period=3)
    assert (saved.value, saved.note, saved.status, saved.version) == (
        1234,
        "dari register",
        "draft",
        1,
    )
    entry = AuditEntry.objects.get(model="measurement.realization", object_id=str(saved.pk))
    assert (entry.actor_label, entry.after["value"], entry.before) == (
        "Pegawai staff",
        "1234",
        None,
    )


def test_bad_number_is_refused_with_field_message(client, org):
    indicator = _count_indicator(org.pos["staff"])
    url = reverse("measurement:realization", args=[indicator.pk, YEAR, 4])
    response = _client(client, org.staff).post(url, {"value": "sepuluh", "version": "0"})
    assert response.status_code == 200
    assert "&#x27;sepuluh&#x27; bukan angka" in response.content.decode()
    assert not Realization.objects.filter(indicator=indicator).exists()


def test_supervisor_cannot_post_subordinates_values(client, org):
    indicator = _count_indicator(org.pos["staff"])
    url = reverse("measurement:realization", args=[indicator.pk, YEAR, 3])
    assert _client(client, org.kasi).post(url, {"value": "5", "version": "0"}).status_code == 403
    assert not Realization.objects.exists()


def test_stale_page_gets_conflict_with_newer_value(client, org):
    indicator = _count_indicator(org.pos["staff"])
    realization_save(actor=org.staff, indicator=indicator, year=YEAR, period=5, value=10)
    realization_save(
        actor=org.staff, indicator=indicator, year=YEAR, period=5, value=12, expected_version=1
    )
    url = reverse("measurement:realization", args=[indicator.pk, YEAR, 5])
    response = _client(client, org.staff).post(url, {"value": "11", "version": "1"})
    assert response.status_code == 409
    assert "Nilai terbaru: nilai 12" in response.content.decode()
    assert Realization.objects.get(indicator=indicator, period=5).value == 12


def test_submit_verify_flow_through_pages(client, org):
    indicator = _count_indicator(org.pos["staff"])
    r = realization_save(actor=org.staff, indicator=indicator, year=YEAR, period=6, value=3)
    status_url = reverse("measurement:status", args=[r.pk])
    _client(client, org.staff).post(status_url, {"to": "verified", "version": "1"})
    r.refresh_from_db()
    assert r.status == "draft"  # the holder cannot verify, and skipping submission is refused
    client.post(status_url, {"to": "submitted", "version": "1"})
    r.refresh_from_db()
    assert r.status == "submitted"
    inbox = _client(client, org.kasi).get(reverse("measurement:inbox"))
    assert [i["r"].pk for i in inbox.context["items"]] == [r.pk]
    client.post(status_url, {"to": "returned", "version": str(r.version)})
    r.refresh_from_db()
    assert r.status == "submitted"  # returning needs a reason
    client.post(status_url, {"to": "returned", "reason": "bukti kurang", "version": str(r.version)})
    r.refresh_from_db()
    assert r.status == "returned"
    assert r.transitions.last().reason == "bukti kurang"


def test_outsider_cannot_change_status(client, org):
    indicator = _count_indicator(org.pos["staff"])
    r = realization_save(actor=org.staff, indicator=indicator, year=YEAR, period=6, value=3)
    url = reverse("measurement:status", args=[r.pk])
    assert _client(client, org.outsider).post(url, {"to": "submitted"}).status_code == 403
    r.refresh_from_db()
    assert r.status == "draft"


def test_inbox_query_count_is_flat(client, org, django_assert_max_num_queries):
    indicator = _count_indicator(org.pos["staff"])
    for month in range(1, 7):
        r = realization_save(actor=org.staff, indicator=indicator, year=YEAR, period=month, value=1)
        realization_transition(actor=org.staff, realization=r, to_status="submitted")
    c = _client(client, org.kasi)
    # Flat in the number of items; the page now also shows each item's target, evidence and
    # last transition, and the nav asks the one permission decision (issue #12).
    with django_assert_max_num_queries(17):
        response = c.get(reverse("measurement:inbox"))
    assert len(response.context["items"]) == 6


def test_position_grid_query_count_and_values(client, org, django_assert_max_num_queries):
    position = org.pos["kabid"]
    ktp = position.goals.first().indicators.get(name="Persentase penduduk ber KTP-el")
    realization_save(
        actor=org.kabid, indicator=ktp, year=YEAR, period=1, numerator=600000, denominator=620000
    )
    realization_save(
        actor=org.kabid, indicator=ktp, year=YEAR, period=2, numerator=601000, denominator=620500
    )
    c = _client(client, org.kabid)
    with django_assert_max_num_queries(16):
        response = c.get(reverse("measurement:position_year", args=[position.pk, YEAR]))
    row = response.context["figures"].of_indicator(ktp.pk)
    # A stock indicator takes the last period: 601000 / 620500 x 100 = 96.8573...
    assert str(row.value) == "96.86"
    assert row.provisional is True
    assert "96,86%" in response.content.decode()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_evidence_upload_and_guarded_download(client, org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    indicator = _count_indicator(org.pos["staff"])
    r = realization_save(actor=org.staff, indicator=indicator, year=YEAR, period=2, value=4)
    source = indicator.sources.first()
    upload = io.BytesIO(PDF)
    upload.name = "laporan.pdf"
    c = _client(client, org.staff)
    c.post(
        reverse("measurement:evidence_upload", args=[r.pk]), {"file": upload, "source": source.pk}
    )
    evidence = Evidence.objects.get(realization=r)
    assert (evidence.original_name, evidence.content_type, evidence.size) == (
        "laporan.pdf",
        "application/pdf",
        len(PDF),
    )
    download = reverse("measurement:evidence_download", args=[evidence.pk])
    assert b"".join(c.get(download).streaming_content) == PDF
    assert _client(client, org.other_kasi).get(download).status_code == 403


def test_spreadsheet_round_trip_all_or_nothing(client, org):
    c = _client(client, org.staff)
    response = c.get(reverse("measurement:spreadsheet"), {"year": YEAR, "month": 3, "unduh": "1"})
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb["Realisasi"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 7 and rows[0][1] == "Pengolah Mutasi Penduduk"
    ws.cell(row=2, column=8, value=15)
    ws.cell(row=3, column=8, value="lima")
    ws.cell(row=4, column=8, value=-2)
    buffer = io.BytesIO()
    wb.save(buffer)
    upload = io.BytesIO(buffer.getvalue())
    upload.name = "isi.xlsx"
    response = c.post(
        reverse("measurement:spreadsheet"), {"year": YEAR, "month": 3, "file": upload}
    )
    errors = [(e.row, e.column) for e in response.context["result"].errors]
    assert errors == [(3, "Nilai"), (4, "Nilai")]
    assert not Realization.objects.exists()

    ws.cell(row=3, column=8, value="5")
    ws.cell(row=4, column=8, value="1.250")
    buffer = io.BytesIO()
    wb.save(buffer)
    upload = io.BytesIO(buffer.getvalue())
    upload.name = "isi.xlsx"
    response = c.post(
        reverse("measurement:spreadsheet"), {"year": YEAR, "month": 3, "file": upload}
    )
    assert response.context["result"].applied == 3
    assert sorted(Realization.objects.values_list("value", flat=True)) == [5, 15, 1250]


def test_spreadsheet_rejects_a_file_that_is_not_xlsx(client, org):
    upload = io.BytesIO(b"MZ\x90\x00 not a workbook")
    upload.name = "isi.xlsx"
    response = _client(client, org.staff).post(
        reverse("measurement:spreadsheet"), {"year": YEAR, "month": 3, "file": upload}
    )
    assert "berkas bukan XLSX" in response.content.decode()


def test_my_performance_links_the_decree_s_last_year_not_today_s(client, org):
    response = _client(client, org.kasi).get(reverse("measurement:mine"))
    assert response.context["year"] == 2024  # the decree runs 2019-2024; today is later
    html = response.content.decode()
    assert reverse("measurement:position_year", args=[org.pos["kasi"].pk, 2024]) in html


def test_numbers_are_indonesian_whatever_the_browser_language(client, org):
    position = org.pos["kabid"]
    ktp = position.goals.first().indicators.get(name="Persentase penduduk ber KTP-el")
    realization_save(
        actor=org.kabid, indicator=ktp, year=YEAR, period=1, numerator=600000, denominator=620000
    )
    c = _client(client, org.kabid)
    url = reverse("measurement:position_year", args=[position.pk, YEAR])
    html = c.get(url, headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert "96,77%" in html and "96.77%" not in html


def test_returned_entry_shows_who_returned_it_and_why(client, org):
    indicator = _count_indicator(org.pos["staff"])
    r = realization_save(actor=org.staff, indicator=indicator, year=YEAR, period=7, value=2457)
    realization_transition(actor=org.staff, realization=r, to_status="submitted")
    realization_transition(actor=org.kasi, realization=r, to_status="returned", reason="cek ulang")
    url = reverse("measurement:realization", args=[indicator.pk, YEAR, 7])
    html = _client(client, org.staff).get(url).content.decode()
    assert "Dikembalikan</strong> oleh Pegawai kasi" in html and ": cek ulang" in html
    unit = indicator.measure_unit
    assert f"<strong>2.457 {unit}</strong>" in html  # a count shows no decimals, with its unit


def test_spreadsheet_template_shows_the_position_page_s_figures(client, org):
    from decimal import Decimal

    from kinerja.planning.models import Target

    indicator = _count_indicator(org.pos["staff"])
    Target.objects.create(indicator=indicator, year=YEAR, plan="renja", value=Decimal(40))
    realization_save(actor=org.staff, indicator=indicator, year=YEAR, period=1, value=7)
    realization_save(actor=org.staff, indicator=indicator, year=YEAR, period=2, value=8)
    c = _client(client, org.staff)
    response = c.get(reverse("measurement:spreadsheet"), {"year": YEAR, "month": 3, "unduh": "1"})
    ws = load_workbook(io.BytesIO(response.content))["Realisasi"]
    header = [cell.value for cell in ws[1]]
    assert header[10:] == [
        "Satuan",
        "Target tahunan",
        "Dasar target",
        "Capaian resmi (%) s.d. data terakhir",
    ]
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == indicator.pk)
    # 7 + 8 = 15 of 40 = 37.50%, the figure the position page prints as "37,50%"
    assert row[10:] == (indicator.measure_unit, 40, "Renja 2024", 37.5)
    page = c.get(reverse("measurement:position_year", args=[org.pos["staff"].pk, YEAR]))
    assert page.context["figures"].of_indicator(indicator.pk).capaian == Decimal("37.50")
    assert "37,50%" in page.content.decode()
