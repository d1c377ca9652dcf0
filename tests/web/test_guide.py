"""The users' guide (issue #16.9): a page per role in the application, the same text under
docs/guide/, the screenshots it shows present."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from kinerja.web import guide

pytestmark = pytest.mark.django_db
DOCS = Path(__file__).resolve().parents[2] / "docs" / "guide"


def test_docs_copy_is_current():
    """docs/guide is written by `python -m kinerja.web.guide .`; run it after editing."""
    assert (DOCS / "README.md").read_text() == guide.index_markdown()
    for topic in guide.TOPICS:
        assert (DOCS / f"{topic.slug}.md").read_text() == guide.source(topic.slug), topic.slug
    shown = set()
    for topic in guide.TOPICS:
        shown |= set(re.findall(r"\]\(img/([a-z0-9-]+\.png)\)", guide.source(topic.slug)))
    assert shown and all((DOCS / "img" / name).is_file() for name in shown)
    assert sum((DOCS / "img" / name).stat().st_size for name in shown) < 400_000


def test_every_role_page_opens_without_signing_in(client):
    index = client.get(reverse("web:help")).content.decode()
    for topic in guide.TOPICS:
        url = reverse("web:help_topic", args=[topic.slug])
        assert url in index
        page = client.get(url)
        assert page.status_code == 200
        text = page.content.decode()
        assert "<h1>Panduan" in text
    page = client.get(reverse("web:help_topic", args=["pegawai"])).content.decode()
    assert "<strong>Kirim untuk verifikasi</strong>" in page
    assert re.search(r'<img src="/static/panduan/pegawai-jabatan\.png" alt="Kinerja saya', page)
    assert client.get(reverse("web:help_topic", args=["bupati"])).status_code == 404


def test_the_index_points_each_person_to_their_pages(client, org):
    client.force_login(org.users["kabid"])
    page = client.get(reverse("web:help")).content.decode()
    mine = page.split("Untuk Anda")[1].split("</article>")[0]
    assert "Pemegang jabatan" in mine and "Atasan" in mine and "Perencana" not in mine
    client.force_login(org.users["admin"])
    mine = client.get(reverse("web:help")).content.decode().split("Untuk Anda")[1]
    assert "Perencana" in mine.split("</article>")[0]
    assert "Administrator" in mine.split("</article>")[0]


def test_raw_html_in_the_guide_is_shown_as_text(monkeypatch):
    guide.render.cache_clear()
    monkeypatch.setattr(guide, "source", lambda slug: "# Judul\n\n<script>alert(1)</script>\n")
    try:
        html = guide.render("pegawai")
    finally:
        guide.render.cache_clear()
    assert "<script>" not in html and "&lt;script&gt;" in html
