"""The agency's name and logo (issue #16.6): set by the agency's administrator through the
audited service, shown in the header of its people and on the login page."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from PIL import Image

from kinerja.audit.models import AuditEntry
from kinerja.audit.readable import readable
from kinerja.catalog.models import Agency
from kinerja.web.branding import branding_for, branding_update
from kinerja.web.models import AgencyBranding

pytestmark = pytest.mark.django_db


def _png(size=(600, 300), colour=(11, 61, 107)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def test_defaults_come_from_the_decree(client, org):
    shown = branding_for(org.users["kasi"])
    assert shown.title == "Dinas Kependudukan dan Pencatatan Sipil"
    assert shown.subtitle == "Pemerintah Kabupaten Sampang"
    assert shown.logo_url == ""
    page = client.get(reverse("login")).content.decode()
    assert "Dinas Kependudukan dan Pencatatan Sipil" in page
    assert "/static/web/lambang.svg" in page  # the neutral emblem until a logo is uploaded


def test_administrator_sets_name_and_logo_audited(client, org):
    admin = org.users["admin"]
    row = branding_update(
        actor=admin,
        agency=org.agency,
        title="Dinas Dukcapil Sampang",
        subtitle="Pemerintah Kabupaten Sampang",
        logo=_png(),
        reason="Logo resmi dari Bagian Umum",
    )
    stored = Image.open(io.BytesIO(bytes(row.logo)))
    assert (stored.format, stored.size) == ("PNG", (256, 128))  # re-encoded, longer side 256
    entry = AuditEntry.objects.get(model="web.agencybranding")
    assert entry.agency_id == org.agency.pk and entry.reason == "Logo resmi dari Bagian Umum"
    words = readable([entry])[0]
    assert words.action == "Pengaturan perangkat daerah diubah"
    assert "Nama kepala halaman: — → Dinas Dukcapil Sampang" in words.changes
    assert f"Logo: tidak ada → gambar {row.logo_sha256[:12]}" in words.changes

    client.force_login(org.users["kasi"])
    home = client.get(reverse("web:help")).content.decode()
    logo_url = reverse("web:logo", args=[org.agency.pk, row.logo_sha256[:12]])
    assert "Dinas Dukcapil Sampang" in home and logo_url in home
    client.logout()
    assert logo_url in client.get(reverse("login")).content.decode()
    answer = client.get(logo_url)  # public: the login page shows it
    assert answer.status_code == 200 and answer["Content-Type"] == "image/png"
    assert answer.content == bytes(row.logo)
    assert client.get(reverse("web:logo", args=[org.agency.pk, "0" * 12])).status_code == 404

    # Saving the same again records nothing; removing the logo is recorded.
    branding_update(
        actor=admin,
        agency=org.agency,
        title="Dinas Dukcapil Sampang",
        subtitle="Pemerintah Kabupaten Sampang",
    )
    assert AuditEntry.objects.filter(model="web.agencybranding").count() == 1
    branding_update(actor=admin, agency=org.agency, title="", subtitle="", remove_logo=True)
    assert branding_for(org.users["kasi"]).title == "Dinas Kependudukan dan Pencatatan Sipil"
    assert AgencyBranding.objects.get().logo_sha256 == ""


def test_a_file_that_is_not_a_picture_is_refused_with_nothing_saved(org):
    with pytest.raises(ValidationError) as error:
        branding_update(
            actor=org.users["admin"],
            agency=org.agency,
            title="x" * 121,
            subtitle="",
            logo=b"%PDF-1.4 bukan gambar",
        )
    assert error.value.message_dict == {
        "title": ["paling banyak 120 karakter (ada 121)"],
        "logo": ["bukan berkas gambar yang dapat dibaca"],
    }
    with pytest.raises(ValidationError) as error:
        branding_update(
            actor=org.users["admin"],
            agency=org.agency,
            title="",
            subtitle="",
            logo=b"\x89PNG" + b"0" * (1024 * 1024 + 1),
        )
    assert error.value.message_dict["logo"] == ["berkas 1,0 MB melebihi batas 1,0 MB"]
    assert (
        not AgencyBranding.objects.exists()
        and not AuditEntry.objects.filter(model="web.agencybranding").exists()
    )


def test_only_the_agency_administrator(client, org):
    other = Agency.objects.create(name="Dinas Lain", region="Kabupaten Bangkalan")
    for role in ("kasi", "kabid", "head", "outsider"):
        with pytest.raises(PermissionDenied):
            branding_update(actor=org.users[role], agency=org.agency, title="x", subtitle="")
        client.force_login(org.users[role])
        assert client.get(reverse("web:branding", args=[org.agency.pk])).status_code == 403
        assert client.get(reverse("web:branding_list")).status_code == 403
    client.force_login(org.users["admin"])
    # administrator of Sampang only: a changed id in the URL is refused, nothing saved
    assert client.get(reverse("web:branding", args=[other.pk])).status_code == 403
    response = client.post(reverse("web:branding", args=[other.pk]), {"title": "x"})
    assert response.status_code == 403 and not AgencyBranding.objects.exists()
    assert client.get(reverse("web:branding", args=[999999])).status_code == 404
    assert client.get(reverse("web:branding_list")).url == reverse(
        "web:branding", args=[org.agency.pk]
    )


def test_the_page_saves_and_says_so(client, org):
    client.force_login(org.users["admin"])
    url = reverse("web:branding", args=[org.agency.pk])
    upload = io.BytesIO(_png((64, 64)))
    upload.name = "logo.png"
    response = client.post(
        url, {"title": "Disdukcapil", "subtitle": "", "logo": upload, "reason": ""}, follow=True
    )
    page = response.content.decode()
    assert "Tampilan perangkat daerah tersimpan." in page
    assert "<strong>Disdukcapil</strong>" in page
    bad = io.BytesIO(b"GIF89a bukan")
    bad.name = "logo.gif"
    page = client.post(url, {"title": "Lain", "logo": bad}, follow=True).content.decode()
    assert "Logo: bukan berkas gambar yang dapat dibaca" in page
    assert AgencyBranding.objects.get().title == "Disdukcapil"
