"""Catalog pages: who may see them, what they show, and how many queries they cost."""

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.catalog.models import Indicator, Position

pytestmark = pytest.mark.django_db


def _pages(decree):
    position = Position.objects.get(name="Kepala Bidang Pelayanan Pendaftaran Penduduk")
    return [
        reverse("web:home"),
        reverse("catalog:decree_list"),
        reverse("catalog:decree_detail", args=[decree.pk]),
        reverse("catalog:organisation", args=[decree.pk]),
        reverse("catalog:check", args=[decree.pk]),
        reverse("catalog:position_detail", args=[position.pk]),
        reverse("catalog:search") + "?q=SIAK",
        reverse("catalog:export_json", args=[decree.pk]),
        reverse("catalog:export_xlsx", args=[decree.pk]),
    ]


def test_anonymous_is_sent_to_login(client, decree):
    for url in _pages(decree):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_unknown_ids_are_404_not_500(staff_client, decree):
    for name in ["decree_detail", "organisation", "check", "export_json", "position_detail"]:
        assert staff_client.get(reverse(f"catalog:{name}", args=[999999])).status_code == 404


def test_decree_page_shows_metadata(staff_client, decree, django_assert_max_num_queries):
    # +1 query: the agency roles behind the settings link
    with django_assert_max_num_queries(13):
        response = staff_client.get(reverse("catalog:decree_detail", args=[decree.pk]))
    html = response.content.decode()
    assert "188/450.1/KEP/434.206/2019" in html
    assert "26 Agustus 2019" in html
    assert "Perjanjian Kinerja" in html
    assert "Peraturan Menteri Negara Pendayagunaan Aparatur Negara" in html
    assert "EEN SUBINTO, SPd. MM" in html
    assert response.context["indicator_count"] == 142
    assert response.context["goal_count"] == 30
    assert response.context["percentage_count"] == 14


def test_position_page_shows_fraction(staff_client, decree, django_assert_max_num_queries):
    position = Position.objects.get(name="Kepala Bidang Pelayanan Pendaftaran Penduduk")
    with django_assert_max_num_queries(14):
        response = staff_client.get(reverse("catalog:position_detail", args=[position.pk]))
    html = response.content.decode()
    assert '<span class="num">Jumlah Penduduk ber KTP – el</span>' in html
    assert '<span class="den">Jumlah Penduduk wajib KTP – el</span>' in html
    assert "× 100%" in html
    assert "Kepala Seksi Identitas Penduduk" in html  # a subordinate
    assert "Penyusunan perencanaan pelayanan pendaftaran penduduk" in html


def test_organisation_tree(staff_client, decree, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = staff_client.get(reverse("catalog:organisation", args=[decree.pk]))
    roots = response.context["roots"]
    names = [r.name for r in roots]
    assert "Sekretariat" in names and "Bidang Pelayanan Pencatatan Sipil" in names
    sekretariat = next(r for r in roots if r.name == "Sekretariat")
    assert [p.name for p in sekretariat.positions] == ["Sekretaris"]
    assert {c.name for c in sekretariat.children} == {
        "Sub Bagian Umum dan Kepegawaian",
        "Sub Bagian Perencanaan dan Keuangan",
    }
    assert "Pengemudi" in [p.name for p in response.context["unplaced"]]


def test_search_finds_indicators_and_sources(staff_client, decree):
    response = staff_client.get(reverse("catalog:search"), {"q": "akta kelahiran"})
    names = [i.name for i in response.context["indicators"]]
    assert "Persentase penduduk usia 0-18 tahun ber akta kelahiran" in names
    assert "Jumlah pelayanan akta kelahiran" in names
    response = staff_client.get(reverse("catalog:search"), {"q": "siak"})
    sources = {s.name: s.indicator_count for s in response.context["sources"]}
    assert sources["SIAK"] == 9
    assert sources["Dokumen juknis pelaksanaan aplikasi SIAK"] == 1
    assert all("siak" in name.casefold() for name in sources)


def test_search_htmx_returns_fragment(staff_client, decree):
    response = staff_client.get(
        reverse("catalog:search"), {"q": "KTP"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "Persentase penduduk ber KTP-el" in html


def test_check_page(staff_client, decree):
    response = staff_client.get(reverse("catalog:check", args=[decree.pk]))
    html = response.content.decode()
    assert "KEMERDEKAAN" in html and "Plh." in html
    assert response.context["counts"]["galat"] == 2


def test_xlsx_download(staff_client, decree, tmp_path):
    response = staff_client.get(reverse("catalog:export_xlsx", args=[decree.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "katalog-iki-188-4501-kep-434206-2019.xlsx" in response["Content-Disposition"]
    path = tmp_path / "k.xlsx"
    path.write_bytes(response.content)
    sheet = load_workbook(path)["Indikator"]
    assert sheet.max_row == Indicator.objects.count() + 1


def test_json_download(staff_client, decree):
    response = staff_client.get(reverse("catalog:export_json", args=[decree.pk]))
    assert response.json()["decree"]["signatory"]["nip"] == "197101061993041001"
