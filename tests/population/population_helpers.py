"""Helpers and fixtures for the population engine tests (imported by the test modules, so the
suite also runs with --noconftest): a small synthetic Sampang extract, imported
once, and a writer for hand-made extracts."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from kinerja.population import SynthResult, import_extract, synth
from kinerja.population.schema import RESIDENT_COLUMNS, SERVICE_COLUMNS

SNAPSHOT = date(2024, 12, 31)


def make_nik(birth: date, male: bool = True, serial: int = 1, kec: str = "352701") -> str:
    day = birth.day + (0 if male else 40)
    return f"{kec}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def person(**fields: object) -> dict[str, str]:
    """A valid resident row; keyword arguments override fields (dates may be given as date)."""
    birth = fields.get("tgl_lahir", date(1980, 5, 17))
    if not isinstance(birth, date):
        birth = date(1980, 5, 17)
    male = fields.get("jenis_kelamin", "L") == "L"
    row = {c.name: "" for c in RESIDENT_COLUMNS}
    row.update(
        nik=make_nik(birth, male, int(fields.pop("serial", 1))),  # type: ignore[call-overload]
        no_kk="3527010101120001",
        jenis_kelamin="L",
        tgl_lahir=birth.isoformat(),
        kode_desa="35.27.01.2001",
        shdk="KEPALA KELUARGA",
        status_kawin="BELUM KAWIN",
    )
    for key, value in fields.items():
        row[key] = value.isoformat() if isinstance(value, date) else str(value)
    return row


def write_csv(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> Path:
    header = header or (list(rows[0]) if rows else [])
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def service(**fields: str) -> dict[str, str]:
    row = {c.name: "" for c in SERVICE_COLUMNS}
    row.update(
        no_permohonan="P-1",
        jenis_layanan="KTP-el",
        kode_desa="35.27.01.2001",
        tgl_permohonan="2024-03-01",
    )
    row.update(fields)
    return row


@pytest.fixture
def import_rows(tmp_path: Path) -> Iterator[Callable]:
    """Import hand-made rows; returns the summary (closed after the test)."""
    opened = []

    def run(residents: list[dict[str, str]], services: list[dict[str, str]] | None = None):
        res = write_csv(tmp_path / "penduduk.csv", residents)
        svc = write_csv(tmp_path / "layanan.csv", services) if services else None
        summary = import_extract(res, svc, extract_date=SNAPSHOT)
        opened.append(summary)
        return summary

    yield run
    for s in opened:
        s.close()


@pytest.fixture(scope="session")
def extract(tmp_path_factory: pytest.TempPathFactory) -> SynthResult:
    return synth(5000, seed=11, out_dir=tmp_path_factory.mktemp("synth"), invalid_share=0)


@pytest.fixture(scope="session")
def summary(extract: SynthResult):
    s = import_extract(extract.residents, extract.services, extract_date=SNAPSHOT)
    yield s
    s.close()
