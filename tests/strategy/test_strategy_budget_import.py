"""Done when (#14): the budget import refuses a malformed file whole, naming row and column, and
a second import of the same file changes nothing."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from strategy_data import GOOD, YEAR, workbook

from kinerja.audit.models import AuditEntry
from kinerja.strategy.models import BudgetImport, BudgetItem, Pagu, Spending
from kinerja.strategy.selectors_budget import budget_view
from kinerja.strategy.services_budget import budget_import


def counts():
    return (
        BudgetItem.objects.count(),
        Pagu.objects.count(),
        Spending.objects.count(),
        BudgetImport.objects.count(),
        AuditEntry.objects.filter(action="budget.import").count(),
    )


def test_a_good_file_is_taken_whole_and_a_second_import_changes_nothing(org):
    content = workbook(GOOD)
    first = budget_import(actor=org.admin, agency=org.agency, year=YEAR, content=content)
    assert first == {"item": 7, "pagu": 3, "spending": 5}
    assert Pagu.objects.get(item__code="2.12.03.2.01.0001").amount == D("750000.50")
    assert Spending.objects.get(item__code="2.12.03.2.01.0001", month=2).amount == D(125000)
    after_first = counts()
    assert after_first == (7, 3, 5, 1, 1)
    again = budget_import(actor=org.admin, agency=org.agency, year=YEAR, content=content)
    assert again == {"item": 0, "pagu": 0, "spending": 0}
    assert counts() == after_first  # no row, no import record, no audit entry
    view = budget_view(org.agency, YEAR)
    program = next(line for line in view.lines if line.item.code == "2.12.02")
    assert (program.pagu, program.spent, program.serapan) == (D(1_500_000), D(500_000), D("33.33"))
    assert view.total.pagu_text == "Rp2.250.000,50"
    assert view.total.serapan_text == "27,78%"  # 625.000 / 2.250.000,50, summed then divided


def test_a_changed_figure_changes_only_that_row(org):
    budget_import(actor=org.admin, agency=org.agency, year=YEAR, content=workbook(GOOD))
    changed = [list(r) for r in GOOD]
    changed[6][4] = "130.000"
    result = budget_import(actor=org.admin, agency=org.agency, year=YEAR, content=workbook(changed))
    assert result == {"item": 0, "pagu": 0, "spending": 1}
    entry = AuditEntry.objects.filter(action="budget.import").latest("pk")
    assert entry.after["spending"] == 1 and entry.after["tahun"] == YEAR


def test_a_malformed_file_is_refused_whole_naming_row_and_column(org):
    bad = [list(r) for r in GOOD]
    bad[2][2] = "satu juta"  # row 4, Pagu
    bad[3][0] = "2.12.02.2.1.0002"  # row 5, Kode
    bad.append(["2.12.09.2.01.0001", "induk tidak ada", 10, None, None])  # row 9
    with pytest.raises(ValidationError) as exc:
        budget_import(actor=org.admin, agency=org.agency, year=YEAR, content=workbook(bad))
    messages = exc.value.message_dict["file"]
    assert "baris 4, kolom C (Pagu): 'satu juta' bukan angka" in messages
    assert any(
        m.startswith("baris 5, kolom A (Kode): '2.12.02.2.1.0002' bukan kode") for m in messages
    )
    assert "baris 9: induk 2.12.09.2.01 tidak ada dalam berkas maupun data sebelumnya" in messages
    assert counts() == (0, 0, 0, 0, 0)  # nothing half-applied


def test_not_a_workbook_and_not_the_perencana(org):
    with pytest.raises(ValidationError) as exc:
        budget_import(actor=org.admin, agency=org.agency, year=YEAR, content=b"PK\x03\x04rusak")
    assert exc.value.message_dict["file"] == ["berkas tidak dapat dibaca sebagai XLSX"]
    with pytest.raises(PermissionDenied):
        budget_import(actor=org.kabid, agency=org.agency, year=YEAR, content=workbook(GOOD))


def test_the_upload_page(org, client):
    url = f"/renstra/{org.agency.pk}/{YEAR}/anggaran/impor/"
    client.force_login(org.kabid)
    assert client.post(url, {"file": _upload(GOOD)}).status_code == 403
    client.force_login(org.admin)
    response = client.post(url, {"file": _upload(GOOD)}, follow=True)
    text = response.content.decode()
    assert "Anggaran 2024 tersimpan: 7 program/kegiatan/sub kegiatan, 3 pagu, 5 realisasi" in text
    response = client.post(url, {"file": _upload(GOOD)}, follow=True)
    assert "Berkas sama dengan data yang ada; tidak ada yang berubah." in response.content.decode()
    bad = [list(r) for r in GOOD]
    bad[2][3] = "x"
    response = client.post(url, {"file": _upload(bad)}, follow=True)
    text = response.content.decode()
    assert "baris 4, kolom D (Realisasi Januari): &#x27;x&#x27; bukan angka" in text
    assert "Berkas ditolak seluruhnya; tidak ada yang diubah." in text


def _upload(rows):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("dpa.xlsx", workbook(rows))
