"""The import from the web: only administrators, a background job (run inline here), the result
page with counts, reasons and figures, the quarantine download with masked NIKs."""

from __future__ import annotations

import factories
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.population import synth
from kinerja.population.models import ExtractImport, ImportJob

pytestmark = pytest.mark.django_db
org, org_module = factories.org, factories.org_module


@pytest.fixture
def admin_user(django_user_model, org):
    user = django_user_model.objects.create_user("pengimpor", password="x" * 12, is_staff=True)
    try:  # the agency's administrator, where accounts has per-agency roles
        from kinerja.accounts.models import AgencyRole

        AgencyRole.objects.create(user=user, agency=org.agency, role="administrator")
    except ImportError:
        pass
    return user


@pytest.fixture
def inline(settings, tmp_path):
    settings.KINERJA_POPULATION_JOBS = "inline"
    settings.KINERJA_POPULATION_DIR = tmp_path / "population"


def test_admin_uploads_and_sees_the_result(client, org, admin_user, inline, tmp_path):
    files = synth(1500, seed=31, out_dir=tmp_path / "x", invalid_share=0.01)
    client.force_login(admin_user)
    upload = SimpleUploadedFile("penduduk.csv", files.residents.read_bytes())
    response = client.post(
        reverse("population:import"),
        {"agency": org.agency.pk, "extract_date": "2024-12-31", "residents": upload},
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.state == "selesai", job.message
    page = client.get(reverse("population:job", args=[job.pk])).content.decode()
    record = ExtractImport.objects.get()
    assert f"{record.residents_accepted:,}".replace(",", ".") in page
    assert "Aturan perhitungan" in page and "%" in page
    report = client.get(reverse("population:job_quarantine", args=[job.pk]))
    text = b"".join(report.streaming_content).decode()
    assert text.startswith("berkas,baris,nik_samaran,alasan,tindakan")
    assert "3527************" in text
    assert not list((tmp_path / "population").glob("kerja-*/"))  # upload removed


def test_import_refused_to_others_and_zero_rows_fail(client, org, admin_user, inline, tmp_path):
    bad = SimpleUploadedFile("penduduk.csv", b"nik,no_kk,jenis_kelamin,tgl_lahir,kode_desa,shdk,"
                             b"status_kawin\n123,1,L,1980-01-01,35.27.01.2001,1,1\n")  # fmt: skip
    client.force_login(admin_user)
    client.post(
        reverse("population:import"),
        {"agency": org.agency.pk, "extract_date": "2024-12-31", "residents": bad},
    )
    job = ImportJob.objects.get()
    assert job.state == "gagal" and "tidak ada baris penduduk yang diterima" in job.message
    assert not ExtractImport.objects.exists()
    client.logout()
    assert client.get(reverse("population:import")).status_code == 302
