"""The IKI decree from the catalog (DOCX, PDF) and the position page's table as XLSX."""

from __future__ import annotations

import pytest
from data import YEAR, docx_text, pdf_text, realize, targets, workbook
from django.urls import reverse

from kinerja.catalog.models import Agency, Decree
from kinerja.catalog.selectors import positions_full
from kinerja.measurement.achievement import achievement
from kinerja.reports import decree_doc, files
from kinerja.scoring import Period


def test_decree_docx_has_the_decree_text_and_every_position(org):
    decree = org.decree
    data, name = files.decree_file(decree, "docx")
    text = docx_text(data)
    assert name == f"keputusan-iki-{decree.pk}"
    assert f"NOMOR: {decree.number}" in text and decree.title.upper() in text
    assert decree.considerations[0] in text and decree.legal_basis[0] in text
    assert f"Ditetapkan di {decree.enacted_at}" in text and "26 Agustus 2019" in text
    assert decree.signatory_name in text and f"NIP. {decree.signatory_nip}" in text
    kasi = org.pos["kasi"]
    assert f"INDIKATOR KINERJA INDIVIDU {kasi.name.upper()}" in text
    indicator = kasi.goals.first().indicators.first()
    assert indicator.name in text and indicator.formula in text
    annexes = [line for line in text.splitlines() if line.startswith("INDIKATOR KINERJA INDIV")]
    assert len(annexes) == decree.positions.filter(listed=True).count()


def test_decree_pdf(org, monkeypatch):
    kasi = org.pos["kasi"]
    monkeypatch.setattr(
        decree_doc, "positions_full", lambda d: positions_full(d).filter(pk=kasi.pk)
    )
    text = pdf_text(files.decree_file(org.decree, "pdf")[0])
    assert "MEMUTUSKAN:" in text and org.decree.number in text
    assert f"INDIKATOR KINERJA INDIVIDU {kasi.name.upper()}" in text
    assert kasi.goals.first().indicators.first().name in text


def test_decree_permissions(client, org):
    url = reverse("reports:decree", args=[org.decree.pk, "docx"])
    client.force_login(org.head)
    assert client.get(url).status_code == 200
    client.force_login(org.kasi)
    assert client.get(url).status_code == 403
    other = Decree.objects.create(
        agency=Agency.objects.create(name="Dinas Sosial", region="Kabupaten Sampang"),
        number="1/2020", title="IKI", period_start=2020, period_end=2024,
    )  # fmt: skip
    client.force_login(org.head)
    assert client.get(reverse("reports:decree", args=[other.pk, "docx"])).status_code == 403
    assert client.get(reverse("reports:decree", args=[org.decree.pk, "xlsx"])).status_code == 404


@pytest.fixture
def kasi_year(org):
    targets(org.pos["kasi"])
    realize(org.pos["kasi"], months=6)
    return org


def test_position_table_xlsx_is_the_read_model(client, kasi_year):
    org = kasi_year
    kasi = org.pos["kasi"]
    url = reverse("reports:position_table", args=[kasi.pk, YEAR])
    client.force_login(org.kasi)
    response = client.get(url + "?sd=2024-03")
    assert response.status_code == 200
    ws = workbook(response.content).active
    rows = [tuple(c.value for c in r) for r in ws.iter_rows()]
    header = next(r for r in rows if r[0] == "No")
    col = {label: i for i, label in enumerate(header)}
    model = achievement([kasi], YEAR, as_of=Period.parse("2024-03"), with_cells=False)
    for f in model.of_position(kasi.pk):
        row = next(r for r in rows if r[2] == f.name)
        assert row[col["Realisasi"]] == float(f.value) == 270
        assert row[col["Capaian (%)"]] == float(f.capaian) == 22.5  # 270 of 1.200
        assert row[col["Progres (%)"]] == float(f.progress) == 135  # of TW I's 200
        assert (row[col["Predikat"]], row[col["Status"]]) == (f.predicate, f.status_label)
    assert "s.d. Maret 2024" in rows[1][0]
    for role in ("other_kasi", "outsider"):
        client.force_login(org.users[role])
        assert client.get(url).status_code == 403, role
    client.force_login(org.kasi)
    for odd in ("?sd=2023-05", "?sd=zzz"):  # as the page: the latest period with data
        latest = workbook(client.get(url + odd).content).active
        assert "s.d. periode terakhir yang terisi, 2024" in latest.cell(2, 1).value
    changed = reverse("reports:position_table", args=[org.pos["kabid"].pk, YEAR])
    assert client.get(changed).status_code == 403
