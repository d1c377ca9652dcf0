"""``kinerja strategy``: the budget import and the cascade from the command line."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from strategy_data import GOOD, workbook

from kinerja.strategy.models import Pagu


def test_import_budget_and_cascade(org, tmp_path):
    path = tmp_path / "dpa.xlsx"
    path.write_bytes(workbook(GOOD))
    out = io.StringIO()
    call_command("strategy", "import-budget", str(path), "--year", "2024", stdout=out)
    assert out.getvalue().strip() == (
        "Anggaran 2024: 7 program/kegiatan/sub kegiatan, 3 pagu, 5 realisasi bulanan berubah."
    )
    bad = [list(r) for r in GOOD]
    bad[2][2] = "satu juta"
    path.write_bytes(workbook(bad))
    err = io.StringIO()
    with pytest.raises(CommandError, match="ditolak seluruhnya"):
        call_command("strategy", "import-budget", str(path), "--year", "2025", stderr=err)
    assert "baris 4, kolom C (Pagu): 'satu juta' bukan angka" in err.getvalue()
    assert not Pagu.objects.filter(year=2025).exists()
    out = io.StringIO()
    call_command("strategy", "cascade", "--year", "2024", stdout=out)
    assert out.getvalue().startswith("Pohon kinerja 2024: keputusan 188/450.1/KEP/434.206/2019")
    assert "Belum mendukung apa pun:" in out.getvalue()  # no Renstra yet: nothing linked
