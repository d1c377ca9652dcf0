"""LKjIP as PDF, DOCX and XLSX tables: capaian per indicator with predicate and the office
mean from the read model, the two years before, the head's signature and NIP, the narrative
written by the perencana (placeholders until then), the head's PK in the annex."""

from __future__ import annotations

from datetime import date

import pytest
from data import (
    YEAR,
    docx_text,
    pdf_text,
    realize,
    signed_pk,
    targets,
    targets_everywhere,
    workbook,
)
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kinerja.audit.models import AuditEntry
from kinerja.catalog.models import Agency
from kinerja.measurement.achievement import achievement
from kinerja.reports import builders_lkjip, files
from kinerja.reports.services import lkjip_text_save
from kinerja.scoring import Granularity, Period


@pytest.fixture
def lkjip_data(org):
    kabid = org.pos["kabid"]
    targets(kabid)
    targets(kabid, year=YEAR - 1)
    realize(kabid, months=12)  # 45 of 50 = 90% against 95%
    realize(kabid, months=12, num=40, den=50, year=YEAR - 1)  # 80% in 2023
    return org


def _model(org, year=YEAR):
    positions = builders_lkjip.lkjip_positions(org.decree)
    return achievement(positions, year, as_of=Period(year, Granularity.YEAR), verified_only=True)


def test_lkjip_positions_are_the_head_and_those_reporting_to_it(org):
    names = {p.name for p in builders_lkjip.lkjip_positions(org.decree)}
    assert org.pos["kabid"].name in names and org.pos["sekretaris"].name in names
    assert org.pos["kasi"].name not in names


def test_lkjip_xlsx_capaian_office_mean_and_previous_years(lkjip_data):
    org = lkjip_data
    wb = workbook(files.lkjip_file(org.agency, YEAR, "xlsx")[0])
    model, before = _model(org), _model(org, YEAR - 1)
    figure = model.of_position(org.pos["kabid"].pk)[0]
    rows = [tuple(c.value for c in r) for r in wb["Capaian"].iter_rows()]
    row = next(r for r in rows if r[2] == figure.name)
    assert row[4:8] == (95, 90, 94.74, figure.predicate)
    assert float(figure.capaian) == 94.74
    mean = next(r for r in rows if r[1] == "Rata-rata capaian")
    assert mean[6] == float(model.agencies[org.agency.pk].capaian)
    assert mean[7] == model.agencies[org.agency.pk].predicate
    cell = next(r for r in wb["Capaian"].iter_rows() if r[2].value == figure.name)[6]
    assert cell.data_type == "n" and cell.number_format == "#,##0.00"
    old = before.of_indicator(figure.indicator_id)
    compare = [tuple(c.value for c in r) for r in wb["Perbandingan"].iter_rows()]
    assert compare[1][3:8] == ("Realisasi 2022", "Realisasi 2023", "Realisasi 2024",
                               "Capaian 2023 (%)", "Capaian 2024 (%)")  # fmt: skip
    line = next(r for r in compare if r[1] == figure.name)
    assert line[3:8] == (None, 80, 90, float(old.capaian), 94.74)
    assert float(old.capaian) == 84.21


def test_lkjip_pdf_text_signature_placeholders_and_chart(lkjip_data, monkeypatch):
    org = lkjip_data
    monkeypatch.setattr(builders_lkjip, "lkjip_positions", lambda decree: [org.pos["kabid"]])
    text = pdf_text(files.lkjip_file(org.agency, YEAR, "pdf")[0])
    figure = achievement(
        [org.pos["kabid"]], YEAR, as_of=Period(YEAR, Granularity.YEAR)
    ).of_position(org.pos["kabid"].pk)[0]
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN 2024" in text
    assert "Pegawai head" in text and f"NIP. {org.emp['head'].nip}" in text
    assert "[belum diisi: kata pengantar]" in text and "[belum diisi: bab iv penutup]" in text
    assert figure.name in text and "94,74%" in text and figure.predicate in text
    assert "Capaian indikator kinerja 2024" in text  # the SVG chart's title
    assert "Rata-rata capaian" in text


def test_lkjip_docx_with_the_narrative_and_the_heads_pk(lkjip_data):
    org = lkjip_data
    targets_everywhere(org)
    pk = signed_pk(org, "head", day=date(2024, 1, 4))
    with pytest.raises(PermissionDenied):
        lkjip_text_save(actor=org.head, agency=org.agency, year=YEAR, texts={"penutup": "x"})
    lkjip_text_save(
        actor=org.admin,
        agency=org.agency,
        year=YEAR,
        texts={"kata_pengantar": "Puji syukur kami panjatkan.", "penutup": "Demikian laporan ini."},
    )
    assert AuditEntry.objects.filter(action="lkjip_text.save").count() == 1
    text = docx_text(files.lkjip_file(org.agency, YEAR, "docx")[0])
    assert "Puji syukur kami panjatkan." in text and "Demikian laporan ini." in text
    assert "[belum diisi: ikhtisar eksekutif]" in text
    assert "LAMPIRAN: PERJANJIAN KINERJA TAHUN 2024" in text
    assert "ditandatangani Pegawai head" in text and "4 Januari 2024" in text
    assert pk.pk == builders_lkjip.lkjip_document(org.agency, YEAR).pk.agreement_id
    assert "94,74%" in text


def test_lkjip_permissions(client, lkjip_data):
    org = lkjip_data
    url = reverse("reports:lkjip", args=[org.agency.pk, YEAR, "xlsx"])
    texts = reverse("reports:lkjip_texts", args=[org.agency.pk, YEAR])
    client.force_login(org.head)
    assert client.get(url).status_code == 200
    assert client.post(texts, {"penutup": "x"}).status_code == 403
    for role in ("kabid", "kasi", "outsider"):
        client.force_login(org.users[role])
        assert client.get(url).status_code == 403, role
    other = Agency.objects.create(name="Dinas Sosial", region="Kabupaten Sampang")
    client.force_login(org.admin)
    assert client.get(reverse("reports:lkjip", args=[other.pk, YEAR, "pdf"])).status_code == 403
    assert client.post(reverse("reports:lkjip_texts", args=[other.pk, YEAR]), {}).status_code == 403
    assert client.post(texts, {"penutup": "Demikian."}).status_code == 302
    assert (
        client.get(reverse("reports:lkjip", args=[org.agency.pk, YEAR, "odt"])).status_code == 404
    )
