"""``kinerja report``: files written under their own names, the same bytes the pages serve;
a bad argument is one line and exit status 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from data import YEAR, docx_text, realize, rows_of, signed_pk, targets, workbook
from django.core.management import CommandError, call_command

from kinerja.reports.management.commands.report import Command

ROOT = Path(__file__).resolve().parents[2]


def test_report_writes_documents(org, tmp_path, monkeypatch):
    targets(org.pos["kasi"])
    realize(org.pos["kasi"])
    pk = signed_pk(org, "kasi")
    monkeypatch.chdir(tmp_path)
    call_command("report", "pk", str(pk.pk), "--format", "docx")
    assert "Pegawai kasi" in docx_text((tmp_path / f"pk-2024-{pk.pk}.docx").read_bytes())
    out = tmp_path / "ev.xlsx"
    call_command(
        "report", "evaluasi", "--year", str(YEAR), "--quarter", "1",
        "--agency", str(org.agency.pk), "-o", str(out),
    )  # fmt: skip
    rows = rows_of(workbook(out.read_bytes()).active)
    assert rows[0][0].endswith("TRIWULAN I TAHUN 2024")
    name = org.pos["kasi"].goals.first().indicators.first().name
    row = next(r for r in rows if r[2] == name)
    assert row[6] == 270  # Realisasi TW I: 3 months of 90
    call_command("report", "keputusan", str(org.decree.pk), "-o", str(tmp_path / "k.docx"))
    assert org.decree.number in docx_text((tmp_path / "k.docx").read_bytes())


def test_report_unknown_ids_exit_2(org):
    cases = (
        ["pk", "999999"],
        ["keputusan", "999999"],
        ["lkjip", "--year", "2024", "--agency", "999999"],
        ["evaluasi", "--year", "1900", "--quarter", "1"],
    )
    for args in cases:
        with pytest.raises(CommandError) as caught:
            call_command("report", *args)
        assert caught.value.returncode == 2, args


def test_bad_argument_is_one_line_and_exit_2(tmp_path, capsys):
    env = {**os.environ, "KINERJA_VAR_DIR": str(tmp_path), "DATABASE_URL": "sqlite:///:memory:"}
    proc = subprocess.run(
        [sys.executable, "-m", "kinerja.cli", "report", "pk", "1", "--format", "xls"],
        capture_output=True, text=True, env=env, cwd=ROOT,
    )  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "kinerja report: argument --format: invalid choice: 'xls' (choose from 'pdf', 'docx')"
    ]
    # the same parser in this process, for the other mistakes
    for args in (["evaluasi", "--year", "2024"], ["laporan"], []):
        command = Command()
        command._called_from_command_line = True  # as run_from_argv sets it
        parser = command.create_parser("kinerja", "report")
        with pytest.raises(SystemExit) as caught:
            parser.parse_args(args)
        assert caught.value.code == 2
        lines = capsys.readouterr().err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("kinerja report: "), lines


def test_the_issue_s_command_names(org, tmp_path):
    """The names the issue fixes (the checks use them): pk by --year and --position KEY,
    triwulan, rencana-aksi by position, lkjip, decree."""
    targets(org.pos["kasi"])
    realize(org.pos["kasi"])
    pk = signed_pk(org, "kasi")
    key = org.pos["kasi"].key
    agency = ["--agency", str(org.agency.pk)]
    out = tmp_path / "pk.docx"
    call_command("report", "pk", "--year", "2024", "--position", key, "--format", "docx",
                 "-o", str(out), *agency)  # fmt: skip
    assert "Pegawai kasi" in docx_text(out.read_bytes())
    out = tmp_path / "tw.xlsx"
    call_command("report", "triwulan", "--year", "2024", "--quarter", "1", "--format", "xlsx",
                 "-o", str(out), *agency)  # fmt: skip
    assert rows_of(workbook(out.read_bytes()).active)[0][0].endswith("TRIWULAN I TAHUN 2024")
    out = tmp_path / "ra.xlsx"
    call_command("report", "rencana-aksi", "--year", "2024", "--position", key,
                 "--format", "xlsx", "-o", str(out), *agency)  # fmt: skip
    assert any(org.pos["kasi"].goals.first().indicators.first().name in (r[2] or "")
               for r in rows_of(workbook(out.read_bytes()).active))  # fmt: skip
    out = tmp_path / "decree.docx"
    call_command("report", "decree", "--format", "docx", "-o", str(out), *agency)
    assert org.decree.number in docx_text(out.read_bytes())
    assert pk.pk
    for args in (
        ["pk", "--year", "2024", "--position", "tidak-ada", *agency],
        ["triwulan", "--year", "2024", "--quarter", "1", "--unit", "tidak-ada", *agency],
        ["pk", "--year", "2030", "--position", key, *agency],
    ):
        with pytest.raises(CommandError) as caught:
            call_command("report", *args)
        assert caught.value.returncode == 2, args
