"""``kinerja catalog ...`` run as a newcomer would, through the real console entry point for
the error paths (exit codes and stderr) and through call_command for the database paths."""

import json
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from kinerja.catalog.models import Decree, Indicator
from kinerja.catalog.services import SEED_PATH


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kinerja", "catalog", *args],
        input=stdin,
        capture_output=True,
        timeout=60,
    )


def test_parse_prints_json_without_touching_the_database():
    proc = _cli("parse", str(SEED_PATH), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["decree"]["number"] == "188/450.1/KEP/434.206/2019"
    assert len(doc["positions"]) == 24
    assert doc["positions"][0]["key"] == "sekretaris"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "berkas 'bad.txt': berkas kosong"),
        (b"\x00\x01\x02binary\xff\xfe", "berkas 'bad.txt':"),
        (b"KINERJA\tINDIKATOR KINERJA\tFORMULASI PENGHITUNGAN\tSUMBER DATA\nA\tB\tC\tD\n", "line "),
    ],
)
def test_bad_input_exits_nonzero_with_one_line(tmp_path, content, expected):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    proc = _cli("parse", str(path))
    assert proc.returncode == 2
    err = proc.stderr.decode().strip()
    assert err.startswith(expected), err
    assert len(err.splitlines()) == 1
    assert "Traceback" not in err


def test_parse_reads_stdin():
    proc = _cli("parse", "-", stdin=SEED_PATH.read_bytes())
    assert proc.returncode == 0
    assert len(json.loads(proc.stdout)["positions"]) == 24


@pytest.mark.django_db
def test_import_then_reimport_reports_no_change(tmp_path):
    out = StringIO()
    call_command("catalog", "import", str(SEED_PATH), stdout=out)
    assert out.getvalue().startswith(
        "Keputusan 188/450.1/KEP/434.206/2019 dibuat: 24 jabatan, 30 kinerja, 142 indikator"
    )
    assert "peringatan baris" in out.getvalue()
    out = StringIO()
    call_command("catalog", "import", "--seed", stdout=out)
    assert "diperbarui: 24 jabatan, 30 kinerja, 142 indikator; 0 perubahan." in out.getvalue()
    assert Decree.objects.count() == 1
    assert Indicator.objects.count() == 142


@pytest.mark.django_db
def test_import_bad_file_changes_nothing(tmp_path, decree):
    path = tmp_path / "bad.txt"
    path.write_text("1. JABATAN : Sekretaris\n2. TUGAS : menulis\n")
    with pytest.raises(SystemExit) as exc:
        call_command("catalog", "import", str(path), stderr=StringIO())
    assert exc.value.code == 2
    assert Indicator.objects.count() == 142


@pytest.mark.django_db
def test_export_json_and_xlsx(tmp_path, decree):
    out = StringIO()
    call_command("catalog", "export", "--format", "json", stdout=out)
    doc = json.loads(out.getvalue())
    assert doc["format"] == "kinerja.catalog/1"
    assert sum(len(g["indicators"]) for p in doc["positions"] for g in p["goals"]) == 142
    target = tmp_path / "katalog.xlsx"
    call_command("catalog", "export", "--format", "xlsx", "-o", str(target), stdout=StringIO())
    sheet = load_workbook(target)["Indikator"]
    assert sheet.max_row == 143
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["No", "Unit Kerja", "Jabatan", "Kinerja", "Indikator Kinerja"]
    second = [c.value for c in sheet[3]]
    assert second[2] == "Sekretaris"
    assert second[4] == "Persentase sarana dan prasarana aparatur dalam kondisi baik"
    assert second[5] == "Persentase"
    assert second[7] == "Jumlah sarana dan prasarana aparatur dalam kondisi baik"
    assert second[8] == "Jumlah seluruh sarana dan prasarana"


@pytest.mark.django_db
def test_check_lists_findings_with_reasons(decree):
    out = StringIO()
    call_command("catalog", "check", stdout=out)
    text = out.getvalue()
    assert "'KEMERDEKAAN' seharusnya 'KEPENDUDUKAN'" in text
    assert "Pengemudi: Jabatan 'Pengemudi' tidak menyebut atasannya." in text
    assert "mengapa:" in text
    out = StringIO()
    call_command("catalog", "check", "--format", "json", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload["decree"] == "188/450.1/KEP/434.206/2019"
    assert {"signatory-title-mismatch", "no-supervisor"} <= {f["code"] for f in payload["findings"]}
