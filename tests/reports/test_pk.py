"""Perjanjian Kinerja as PDF and DOCX: parties with names, ranks and NIPs, place and date, the
annex targets as the read model prints them; who may download it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from data import YEAR, docx_text, pdf_text, signed_pk, targets, targets_everywhere
from django.urls import reverse

from kinerja.accounts.models import RegionalHead
from kinerja.measurement.achievement import achievement
from kinerja.planning.models import Target
from kinerja.planning.services import agreement_create, agreement_revise, agreement_sign
from kinerja.reports import files
from kinerja.reports.builders import pk_document
from kinerja.scoring import Granularity, Period


@pytest.fixture
def kasi_pk(org):
    targets(org.pos["kasi"])
    return signed_pk(org, "kasi")


def _kasi_targets(org):
    figures = achievement(
        [org.pos["kasi"]], YEAR, as_of=Period(YEAR, Granularity.MONTH, 1), with_cells=False
    )
    return figures.of_position(org.pos["kasi"].pk)


def test_pk_pdf_names_nips_targets_and_date(org, kasi_pk):
    data, name = files.agreement_file(kasi_pk, "pdf")
    text = pdf_text(data)
    assert name == f"pk-2024-{kasi_pk.pk}"
    assert "PERJANJIAN KINERJA TAHUN 2024" in text
    assert "LAMPIRAN PERJANJIAN KINERJA TAHUN 2024" in text
    kasi, kabid = org.emp["kasi"], org.emp["kabid"]
    assert "Pegawai kasi" in text and "NIP. 198001012005011003" in text
    assert kasi.nip == "198001012005011003"
    assert "Pegawai kabid" in text and f"NIP. {kabid.nip}" in text
    assert "selaku atasan langsung pihak pertama" in text
    assert "Sampang, 5 Januari 2024" in text
    figures = _kasi_targets(org)
    assert figures and all(f.basis.agreement_id == kasi_pk.pk for f in figures)
    for f in figures:
        assert f.target_text in text  # "1.200 <satuan>" from the read model
    assert "1.200" in figures[0].target_text


def test_pk_docx_reads_back_with_the_same_rows(org, kasi_pk):
    data, _ = files.agreement_file(kasi_pk, "docx")
    text = docx_text(data)
    doc = pk_document(kasi_pk)
    assert doc.first.title == org.pos["kasi"].name
    assert doc.second.title == org.pos["kabid"].name
    for row in doc.rows:
        assert row.indicator in text and row.target in text
    assert f"NIP. {org.emp['kasi'].nip}" in text and "PIHAK KEDUA" in text
    assert "Sampang, 5 Januari 2024" in text


def test_head_pk_has_the_bupati_without_nip_and_acting_prefix(org):
    targets_everywhere(org)
    RegionalHead.objects.create(
        agency=org.agency,
        name="Drs. H. Fauzan Adima, M.Si.",
        status="pj",
        starts_on=date(2023, 1, 1),
    )
    agreement = signed_pk(org, "head", day=date(2024, 1, 4))
    doc = pk_document(agreement)
    assert doc.second == doc.second.__class__("Pj. Bupati Sampang", "Drs. H. Fauzan Adima, M.Si.")
    assert doc.first.title == "Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Sampang"
    text = docx_text(files.agreement_file(agreement, "docx")[0])
    assert "Pj. Bupati Sampang" in text and "4 Januari 2024" in text
    assert text.count("NIP.") == 2  # the head, on the body and on the annex; no NIP for the Bupati


def test_draft_and_acting_first_party_and_not_targeted_row(org):
    targets(org.pos["kasi"])
    draft = agreement_create(
        actor=org.admin, position=org.pos["kasi"], year=YEAR, day=date(2024, 1, 3)
    )
    item = draft.items.order_by("order").first()
    item.not_targeted_reason = "tidak ada anggaran"
    item.save()
    draft.first_party_acting = "Plt."
    draft.save()
    doc = pk_document(draft)
    assert doc.draft and doc.first.title == f"Plt. {org.pos['kasi'].name}"
    assert doc.rows[0].not_targeted == "tidak ada anggaran" and doc.rows[0].target == ""
    assert doc.rows[1].target.startswith("1.200")  # the draft's own row, with the satuan
    text = docx_text(files.agreement_file(draft, "docx")[0])
    assert "KONSEP" in text and "tidak ditargetkan tahun ini (tidak ada anggaran)" in text


def test_pk_download_permissions(client, org, kasi_pk):
    for fmt, kind in (("pdf", "application/pdf"), ("docx", "wordprocessingml")):
        url = reverse("reports:agreement", args=[kasi_pk.pk, fmt])
        client.force_login(org.kabid)  # the supervisor reads it
        response = client.get(url)
        assert response.status_code == 200 and kind in response["Content-Type"]
        for role in ("outsider", "other_kasi", "staff"):
            client.force_login(org.users[role])
            assert client.get(url).status_code == 403, role
    client.force_login(org.kasi)  # the id changed to the supervisor's PK
    targets(org.pos["kabid"])
    other = signed_pk(org, "kabid")
    assert client.get(reverse("reports:agreement", args=[other.pk, "docx"])).status_code == 403
    assert client.get(reverse("reports:agreement", args=[kasi_pk.pk, "xls"])).status_code == 404
    client.logout()
    assert client.get(reverse("reports:agreement", args=[kasi_pk.pk, "pdf"])).status_code == 302


def test_pk_perubahan_prints_its_reason_and_the_new_target(org, kasi_pk):
    first = org.pos["kasi"].goals.first().indicators.first()
    revision = agreement_revise(
        actor=org.admin, agreement=kasi_pk, reason="target KTP-el dinaikkan", day=date(2024, 7, 1)
    )
    Target.objects.filter(indicator=first, year=YEAR, quarter=0).update(value=Decimal(1500))
    revision.items.all().delete()  # signing copies the targets in force into the annex
    signed = agreement_sign_on(org, revision, date(2024, 7, 3))
    doc = pk_document(signed)
    assert doc.title == "PERJANJIAN KINERJA TAHUN 2024 (PERUBAHAN)" and doc.revision == 1
    assert doc.reason == "target KTP-el dinaikkan"
    assert doc.basis == "PK Perubahan ke-1 2024, ditandatangani 3 Juli 2024"
    assert doc.rows[0].target.startswith("1.500")
    text = docx_text(files.agreement_file(signed, "docx")[0])
    assert "Perubahan ke-1" in text and "alasan: target KTP-el dinaikkan" in text
    assert "Sampang, 3 Juli 2024" in text
    # the original still prints its own, signed target
    assert pk_document(kasi_pk).rows[0].target.startswith("1.200")


def agreement_sign_on(org, agreement, day):
    return agreement_sign(
        actor=org.admin, agreement=agreement, signed_on=day, signed_at="Sampang",
        today=date(2024, 8, 1),
    )  # fmt: skip
