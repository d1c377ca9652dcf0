"""The Renstra XLSX template: a round trip re-imports to the same IKU, a malformed file is
refused whole with row and column, and the IKU decree layout prints."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kinerja.strategy import renstra_file
from kinerja.strategy.models import Iku, IkuTarget, Sasaran, Tujuan
from kinerja.strategy.services import renstra_import, renstra_save

YEARS = [2025, 2026, 2027, 2028, 2029]
ROW = ["T1", "Tujuan satu", "S1.1", "Sasaran satu", "1.1.1", "Persentase KTP-el",
       "perekam / wajib x 100%", "%", "SIAK", "Bidang Pelayanan Pendaftaran Penduduk", "97,8",
       98, 98.3, "98,6", 98.9, 99.2, 99.2]  # fmt: skip


@pytest.fixture
def renstra(org):
    return renstra_save(
        actor=org.admin, agency=org.agency, period_start=2025, period_end=2029, title="Renstra"
    )


def test_import_creates_ikus_and_a_second_import_changes_nothing(org, renstra, client):
    second = ["", "", "", "", "1.1.2", "Persentase KK", "", "%", "SIAK", "Sekretariat", None,
              99, 99, 99, 99, 99.5, 99.5]  # fmt: skip
    content = renstra_file.template(YEARS, [ROW, second])
    assert renstra_import(actor=org.admin, renstra=renstra, content=content) == {"iku": 2}
    iku = Iku.objects.get(code="1.1.1")
    assert (str(iku.baseline), iku.responsible_unit.name) == ("97.8000", iku.responsible_label)
    assert IkuTarget.objects.get(iku=iku, year=2027).value == Decimal("98.6")
    assert Iku.objects.get(code="1.1.2").sasaran.statement == "Sasaran satu"  # repeated above
    snapshot = list(IkuTarget.objects.values_list("iku_id", "year", "value"))
    renstra_import(actor=org.admin, renstra=renstra, content=content)
    assert list(IkuTarget.objects.values_list("iku_id", "year", "value")) == snapshot
    assert (Tujuan.objects.count(), Sasaran.objects.count(), Iku.objects.count()) == (1, 1, 2)
    client.force_login(org.kabid)
    html = client.get(f"/renstra/{org.agency.pk}/2025/keputusan-iku/").content.decode()
    assert "Sasaran Strategis" in html and "Persentase KTP-el" in html and "SIAK" in html
    data = client.get(f"/renstra/{org.agency.pk}/2025/templat/{renstra.pk}/").content
    rows, problems = renstra_file.read_renstra(data, YEARS, max_rows=10)
    assert problems == [] and [r.code for r in rows] == ["1.1.1", "1.1.2"]


def test_a_malformed_file_is_refused_whole(org, renstra):
    bad = list(ROW)
    bad[12] = "tinggi"  # column M (Target 2026)
    missing = list(ROW)
    missing[4], missing[13] = "1.1.2", None  # column N (Target 2027) empty
    content = renstra_file.template(YEARS, [bad, missing])
    with pytest.raises(ValidationError) as exc:
        renstra_import(actor=org.admin, renstra=renstra, content=content)
    assert exc.value.message_dict["file"] == [
        "baris 2, kolom M (Target 2026): 'tinggi' bukan angka",
        "baris 3, kolom N (Target 2027): target tahun ini wajib diisi",
    ]
    assert Iku.objects.count() == 0 and Tujuan.objects.count() == 0
    wrong = renstra_file.template([2024, 2025, 2026], [ROW])
    with pytest.raises(ValidationError) as exc:
        renstra_import(actor=org.admin, renstra=renstra, content=wrong)
    assert exc.value.message_dict["file"][0] == (
        "baris 1, kolom L: judul kolom harus 'Target 2025' (ada 'Target 2024')"
    )
