"""Findings 3, 8 and 9 through the pages: unbounded years in URLs, malformed numbers, ids and
text, zero-width reasons, the unlisted head's page, evidence named after its content."""

import pytest
from django.urls import reverse
from factories import indicator_of

from kinerja.catalog.models import Position
from kinerja.measurement.models import Evidence, Realization, Status
from kinerja.measurement.services import evidence_add, realization_save, realization_transition

pytestmark = pytest.mark.django_db
YEAR = 2024
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _as(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/kinerja/jabatan/{pk}/1000000/",
        "/kinerja/jabatan/{pk}/10000/",
        "/kinerja/jabatan/{pk}/1999/",
        "/kinerja/jabatan/99999999999999999999999/2024/",
        "/kinerja/realisasi/{ind}/2024/13/",
        "/kinerja/realisasi/{ind}/0/1/",
        "/katalog/jabatan/0/",
        "/perencanaan/pk/99999999999999999999/",
    ],
)
def test_out_of_range_urls_are_404_at_once(client, org, path):
    url = path.format(pk=org.pos["staff"].pk, ind=indicator_of(org, "staff").pk)
    response = _as(client, org.admin).get(url)
    assert response.status_code == 404


def test_year_window_still_serves_the_decree_years(client, org):
    url = reverse("measurement:position_year", args=[org.pos["staff"].pk, YEAR])
    assert _as(client, org.staff).get(url).status_code == 200


def test_unlisted_head_page_renders(client, org):
    head = Position.objects.get(pk=org.pos["head"].pk)
    head.listed = False
    head.save(update_fields=["listed"])
    response = _as(client, org.staff).get(reverse("catalog:position_detail", args=[head.pk]))
    assert response.status_code == 200
    assert head.name in response.content.decode()


@pytest.mark.parametrize("version", ["²", "1e999", "-1", "99999999999999999999999"])
def test_status_with_malformed_version_is_a_message(client, org, version):
    realization = realization_save(
        actor=org.staff, indicator=indicator_of(org, "staff"), year=YEAR, period=3, value="4"
    )
    url = reverse("measurement:status", args=[realization.pk])
    response = _as(client, org.staff).post(url, {"to": "submitted", "version": version})
    assert response.status_code == 302
    realization.refresh_from_db()
    assert realization.status == Status.DRAFT


@pytest.mark.parametrize("reason", ["\u200b", "\u200b\u200b ", "...", "x\x00y"])
def test_zero_width_or_control_reason_refused(client, org, reason):
    realization = realization_save(
        actor=org.staff, indicator=indicator_of(org, "staff"), year=YEAR, period=3, value="4"
    )
    realization_transition(actor=org.staff, realization=realization, to_status=Status.SUBMITTED)
    url = reverse("measurement:status", args=[realization.pk])
    response = _as(client, org.kasi).post(url, {"to": "returned", "reason": reason}, follow=True)
    assert response.status_code == 200
    assert "alasan" in response.content.decode().lower()
    realization.refresh_from_db()
    assert realization.status == Status.SUBMITTED


@pytest.mark.parametrize(
    ("field", "value"),
    [("value", "1e999999999999999999"), ("value", "1e309"), ("note", "ada\x00nul")],
)
def test_entry_with_malformed_input_is_a_form_error(client, org, field, value):
    indicator = indicator_of(org, "staff")
    url = reverse("measurement:realization", args=[indicator.pk, YEAR, 4])
    data = {"value": "5", "note": "", "version": "0", field: value}
    response = _as(client, org.staff).post(url, data)
    assert response.status_code == 200
    assert not Realization.objects.filter(indicator=indicator, period=4).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"year": "10000", "value": "5", "quarter": "0"},
        {"year": "2024", "value": "5", "quarter": "²"},
        {"year": "²", "value": "5", "quarter": "0"},
        {"year": "2024", "value": "1e999999999999999999", "quarter": "0"},
        {"year": "2024", "value": "5", "quarter": "0", "reason": "\x00"},
        {"year": "2024", "value": "5", "quarter": "0", "plan": "renja\x00"},
    ],
)
def test_target_form_malformed_input_is_a_message(client, org, data):
    indicator = indicator_of(org, "staff")
    url = reverse("planning:target_save", args=[indicator.pk])
    response = _as(client, org.admin).post(url, data)
    assert response.status_code == 302


@pytest.mark.parametrize(
    "data",
    [{"position": "²", "year": "2024"}, {"position": "1", "year": "10000"}, {"year": "2024"}],
)
def test_agreement_create_malformed_is_400(client, org, data):
    response = _as(client, org.admin).post(reverse("planning:agreement_create"), data)
    assert response.status_code == 400


def test_agreement_list_year_filter_ignores_superscripts(client, org):
    response = _as(client, org.admin).get(reverse("planning:agreements"), {"tahun": "²"})
    assert response.status_code == 200


def test_evidence_stored_and_served_as_what_it_is(client, org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    realization = realization_save(
        actor=org.staff, indicator=indicator_of(org, "staff"), year=YEAR, period=3, value="4"
    )
    source = realization.indicator.sources.first()
    evidence_add(
        actor=org.staff, realization=realization, name="bukti.html", content=PDF, source=source
    )
    row = Evidence.objects.get()
    assert row.file.name.endswith(".pdf") and row.original_name == "bukti.html"
    response = _as(client, org.staff).get(reverse("measurement:evidence_download", args=[row.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="bukti.pdf"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_head_position_year_page(client, org):
    url = reverse("measurement:position_year", args=[org.pos["head"].pk, YEAR])
    assert _as(client, org.admin).get(url).status_code == 200
    assert _as(client, org.head).get(url).status_code == 200


@pytest.mark.parametrize(
    "path", ["/pengguna/99999999999999999999/", "/penduduk/impor/99999999999999999999/"]
)
def test_other_apps_ids_bounded_at_the_url(client, org, path):
    assert _as(client, org.admin).get(path).status_code == 404


@pytest.mark.parametrize("employee", ["²", "99999999999999999999999"])
def test_user_create_with_malformed_employee_id(client, org, employee):
    response = _as(client, org.admin).post(
        reverse("accounts:user_create"), {"employee": employee, "username": "baru"}
    )
    assert response.status_code < 500


def test_evidence_with_a_damaged_zip_is_a_message(org, settings, tmp_path):
    from django.core.exceptions import ValidationError
    from xlsx_probes import unsupported_zip_version

    settings.MEDIA_ROOT = tmp_path
    realization = realization_save(
        actor=org.staff, indicator=indicator_of(org, "staff"), year=YEAR, period=3, value="4"
    )
    with pytest.raises(ValidationError, match="jenis berkas tidak diterima"):
        evidence_add(
            actor=org.staff,
            realization=realization,
            name="rekap.xlsx",
            content=unsupported_zip_version(),
            source=realization.indicator.sources.first(),
        )
