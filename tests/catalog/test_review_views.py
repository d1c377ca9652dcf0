"""The review pages (issue #15): upload, correct, apply, discard; who may; nothing half-applied."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.accounts.models import Role
from kinerja.accounts.services import role_grant
from kinerja.catalog.models import CatalogReview, Decree, Indicator
from kinerja.catalog.services import SEED_PATH, catalog_import, load_document
from kinerja.demo.demo_successor import NUMBER, RENAMED_TO, successor_document
from tests.factories import make_user

pytestmark = pytest.mark.django_db
SIGNATORY = {"name": "Kepala", "nip": None, "rank": None, "title": "Kepala Dinas", "acting": None}


@pytest.fixture
def seed():
    document, sha = load_document(SEED_PATH.read_bytes())
    return catalog_import(document=document, source_sha256=sha).decree, document


@pytest.fixture
def planner_client(client, seed):
    user = make_user("perencana")
    role_grant(actor=None, user=user, agency=seed[0].agency, role=Role.PERENCANA)
    client.force_login(user)
    return client


def _upload(client, decree, document, name="sk.json"):
    raw = json.dumps(document).encode()
    return client.post(
        reverse("catalog:review_upload", args=[decree.pk]),
        {"file": SimpleUploadedFile(name, raw), "kind": ""},
    )


def test_upload_shows_the_proposal_then_apply_makes_the_successor(planner_client, seed):
    decree, document = seed
    response = _upload(planner_client, decree, successor_document(document, signatory=SIGNATORY))
    review = CatalogReview.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "catalog:review", args=[review.pk]
    )
    page = planner_client.get(response.url).content.decode()
    assert RENAMED_TO in page and "ganti nama" in page and "Jumlah tabloid Sakera Mesem" in page
    assert Decree.objects.count() == 1
    refused = planner_client.post(reverse("catalog:review_apply", args=[review.pk]), {})
    assert refused.status_code == 302 and Decree.objects.count() == 1  # not confirmed
    done = planner_client.post(reverse("catalog:review_apply", args=[review.pk]), {"confirm": "1"})
    new = Decree.objects.get(number=NUMBER)
    assert done.url == reverse("catalog:decree_detail", args=[new.pk])
    detail = planner_client.get(done.url).content.decode()
    assert decree.number in detail  # "Menggantikan"


def test_a_correction_is_saved_from_the_form(planner_client, seed):
    decree, document = seed
    _upload(planner_client, decree, successor_document(document, signatory=SIGNATORY))
    review = CatalogReview.objects.get()
    row = next(r for r, v in review.matches["indicators"].items() if v)
    planner_client.post(reverse("catalog:review", args=[review.pk]), {f"i:{row}": ""})
    review.refresh_from_db()
    assert review.matches["indicators"][row] is None
    assert review.proposal["indicators"][row] is not None


def test_a_file_that_is_not_a_decree_gets_a_message_and_no_review(planner_client, seed):
    decree, _ = seed
    response = planner_client.post(
        reverse("catalog:review_upload", args=[decree.pk]),
        {"file": SimpleUploadedFile("sk.docx", b"%PDF-1.4 not a word file")},
        follow=True,
    )
    text = response.content.decode()
    assert "sk.docx" in text and not CatalogReview.objects.exists()


def test_others_get_403_on_every_review_page(client, seed, planner_client):
    decree, document = seed
    _upload(planner_client, decree, successor_document(document, signatory=SIGNATORY))
    review = CatalogReview.objects.get()
    client.force_login(make_user("biasa"))
    for name, args, method in (
        ("catalog:review_upload", [decree.pk], "get"),
        ("catalog:review", [review.pk], "get"),
        ("catalog:review_apply", [review.pk], "post"),
        ("catalog:review_discard", [review.pk], "post"),
    ):
        response = getattr(client, method)(reverse(name, args=args), {"confirm": "1"})
        assert response.status_code == 403, name
    review.refresh_from_db()
    assert review.status == CatalogReview.Status.DRAFT


def test_the_decree_page_offers_the_upload_only_to_who_may(client, seed, planner_client):
    decree, _ = seed
    url = reverse("catalog:decree_detail", args=[decree.pk])
    upload = reverse("catalog:review_upload", args=[decree.pk])
    assert upload in planner_client.get(url).content.decode()
    client.force_login(make_user("biasa"))
    assert upload not in client.get(url).content.decode()


def test_register_feed_is_set_on_the_settings_page(client, seed):
    decree, _ = seed
    admin = make_user("adm")
    role_grant(actor=None, user=admin, agency=decree.agency, role=Role.ADMINISTRATOR)
    client.force_login(admin)
    ktp = Indicator.objects.get(goal__position__decree=decree, register_figure="ktp_el")
    other = Indicator.objects.get(
        goal__position__decree=decree, name="Persentase penduduk ber Kartu Keluarga"
    )
    client.post(
        reverse("catalog:measures", args=[decree.pk]),
        {"what": "register", "figure": "ktp_el", "indicator": str(other.pk)},
    )
    ktp.refresh_from_db()
    other.refresh_from_db()
    assert (ktp.register_figure, other.register_figure) == ("", "ktp_el")


def test_the_filled_xlsx_template_reads_back_as_the_same_decree(planner_client, seed):
    decree, _ = seed
    url = reverse("catalog:review_template", args=[decree.pk])
    response = planner_client.get(url + "?isi=1")
    assert response["Content-Type"].startswith("application/vnd.openxml")
    raw = response.content
    planner_client.post(
        reverse("catalog:review_upload", args=[decree.pk]),
        {"file": SimpleUploadedFile("templat.xlsx", raw), "kind": "amendment"},
    )
    review = CatalogReview.objects.get()
    assert all(review.matches["positions"].values())
    assert all(review.matches["indicators"].values())  # every row continues its namesake
    assert len(review.matches["indicators"]) == 142
    empty = planner_client.get(url).content
    assert empty[:2] == b"PK" and len(empty) < len(raw)


def test_the_template_is_refused_to_others(client, seed):
    decree, _ = seed
    client.force_login(make_user("biasa"))
    assert client.get(reverse("catalog:review_template", args=[decree.pk])).status_code == 403
