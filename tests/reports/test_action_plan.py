"""Rencana Aksi as XLSX and PDF: annual target and TW I-IV targets from the read model, the
responsible official; not-targeted rows say why; who may download."""

from __future__ import annotations

from datetime import date

import pytest
from data import YEAR, pdf_text, rows_of, targets, workbook
from django.urls import reverse

from kinerja.measurement.achievement import achievement
from kinerja.planning.services import agreement_create, agreement_sign
from kinerja.reports import files


@pytest.fixture
def plan(org):
    targets(org.pos["kasi"], annual=1200, quarters=(200, 400, 300, 300))
    return org


def test_action_plan_xlsx_quarter_targets_and_responsible(plan):
    org = plan
    kasi = org.pos["kasi"]
    draft = agreement_create(actor=org.admin, position=kasi, year=YEAR, day=date(2024, 1, 3))
    signed = agreement_sign(
        actor=org.admin, agreement=draft, signed_on=date(2024, 1, 5), signed_at="Sampang",
        today=date(2024, 2, 1),
    )  # fmt: skip
    # (set on the signed row: signing re-fills the annex and drops a draft's mark, see report)
    last = signed.items.order_by("-order").first()
    last.not_targeted_reason = "kegiatan dipindah ke bidang lain"
    last.save()
    data, name = files.action_plan_file(org.agency, YEAR, "xlsx", positions=[kasi])
    assert name == f"rencana-aksi-2024-{kasi.key}"
    ws = workbook(data).active
    rows = rows_of(ws)
    header = next(r for r in rows if r[0] == "No")
    col = {label: i for i, label in enumerate(header)}
    figures = achievement([kasi], YEAR, with_cells=False).of_position(kasi.pk)
    first = figures[0]
    row = next(r for r in rows if r[2] == first.name)
    assert row[col["Target tahunan"]] == 1200 == first.target
    assert [row[col[f"TW {q}"]] for q in ("I", "II", "III", "IV")] == [200, 400, 300, 300]
    assert row[col["Satuan"]] == first.satuan
    assert row[col["Penanggung jawab"]] == f"{kasi.name} (Pegawai kasi)"
    assert "PK 2024, ditandatangani 5 Januari 2024" in row[col["Keterangan"]]
    cell = next(c for c in ws.iter_rows() if c[2].value == first.name)[col["TW II"]]
    assert cell.data_type == "n" and cell.number_format == "#,##0"
    dropped = next(r for r in rows if r[2] == last.indicator_name)
    assert dropped[col["Keterangan"]] == "tidak ditargetkan: kegiatan dipindah ke bidang lain"


def test_action_plan_pdf_for_a_position(client, plan):
    org = plan
    url = reverse("reports:position_action_plan", args=[org.pos["kasi"].pk, YEAR, "pdf"])
    client.force_login(org.kabid)
    response = client.get(url)
    assert response.status_code == 200
    text = pdf_text(response.content)
    first = achievement([org.pos["kasi"]], YEAR, with_cells=False).of_position(org.pos["kasi"].pk)[
        0
    ]
    assert "RENCANA AKSI TAHUN 2024" in text
    assert first.target_text in text and first.show(first.quarterly_targets[1]) in text
    assert "Pegawai kasi" in text and "Pegawai head" in text  # responsible; signed by the head
    for role in ("other_kasi", "outsider", "staff"):
        client.force_login(org.users[role])
        assert client.get(url).status_code == 403, role
    client.force_login(org.kasi)
    agency_url = reverse("reports:action_plan", args=[org.agency.pk, YEAR, "xlsx"])
    assert client.get(agency_url).status_code == 403
    changed = reverse("reports:position_action_plan", args=[org.pos["kabid"].pk, YEAR, "xlsx"])
    assert client.get(changed).status_code == 403
