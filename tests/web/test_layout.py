"""The layout every page shares (issue #16.6): the agency's name, the favicon, a skip link, a
menu that folds on a phone (a <details>, no inline script), links shown only when they open."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_page_and_favicon(client, org):
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="id" data-theme="light">' in page
    assert '<link rel="icon" href="/static/web/favicon.svg" type="image/svg+xml">' in page
    assert '<a class="skip" href="#isi">Langsung ke isi</a>' in page
    assert "<strong>Dinas Kependudukan dan Pencatatan Sipil</strong>" in page
    assert "<title>Masuk · Dinas Kependudukan dan Pencatatan Sipil</title>" in page
    assert "<details" not in page  # no menu before signing in
    assert "<script>" not in page  # the CSP allows no inline script
    answer = client.get("/favicon.ico")
    assert answer.status_code == 302 and answer.url == "/static/web/favicon.ico"
    for name in ("web/favicon.ico", "web/favicon.svg", "web/favicon-32.png", "web/lambang.svg"):
        assert finders.find(name), name


def test_menu_folds_and_shows_what_opens(client, org):
    client.force_login(org.users["head"])
    page = client.get(reverse("web:help")).content.decode()
    menu = re.search(r'<details class="menu" open>(.*?)</details>', page, re.S).group(1)
    assert "<summary>Menu</summary>" in menu
    documents = reverse("reports:documents_latest", args=[org.agency.pk])
    assert f'<a href="{documents}">Laporan</a>' in menu  # the head reads the agency's documents
    assert reverse("measurement:inbox") in menu
    assert reverse("web:branding_list") not in menu  # administrators only
    client.force_login(org.users["staff"])
    menu = client.get(reverse("web:help")).content.decode()
    assert ">Laporan<" not in menu and reverse("measurement:inbox") not in menu
    client.force_login(org.users["admin"])
    menu = client.get(reverse("web:help")).content.decode()
    assert f'<a href="{reverse("web:branding_list")}">Tampilan</a>' in menu
