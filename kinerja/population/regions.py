"""Kemendagri region codes and the 2024 register population of Jawa Timur, shipped with the package.

The application must not depend on anything outside the package at run time, so the reference CSVs
live in ``kinerja/population/data`` (Kepmendagri 300.2.2-2138/2025 codes: Jawa Timur down to desa,
all Indonesia down to kabupaten/kota; Dukcapil DKB semester II 2024 population). They are small
(9,800 rows), so they are read once and cached.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
WILAYAH_CSV = DATA_DIR / "wilayah-jatim.csv"
PENDUDUK_CSV = DATA_DIR / "penduduk-jatim-2024.csv"
# Provinces and kabupaten/kota of all Indonesia (Kepmendagri 300.2.2-2138/2025), to check the
# prefix of NIKs issued outside Jawa Timur.
NASIONAL_CSV = DATA_DIR / "wilayah-nasional.csv"

# Names of area levels in results: ``desa`` covers kelurahan too (both are the lowest level).
LEVELS = ("kabupaten", "kecamatan", "desa")
LEVEL_CODE = {"kabupaten": "kode_kabupaten", "kecamatan": "kode_kecamatan", "desa": "kode_desa"}


@dataclass(frozen=True, slots=True)
class Region:
    code: str  # dotted Kemendagri code, e.g. "35.27.01.2001"
    name: str
    level: str  # provinsi, kabupaten_kota, kecamatan, desa, kelurahan
    parent: str


@dataclass(frozen=True, slots=True)
class KabupatenPopulation:
    code: str
    name: str
    male: int
    female: int

    @property
    def total(self) -> int:
        return self.male + self.female


@cache
def regions() -> tuple[Region, ...]:
    with WILAYAH_CSV.open(encoding="utf-8", newline="") as fh:
        return tuple(
            Region(r["code"], r["name"], r["level"], r["parent"]) for r in csv.DictReader(fh)
        )


@cache
def kabupaten_population() -> tuple[KabupatenPopulation, ...]:
    with PENDUDUK_CSV.open(encoding="utf-8", newline="") as fh:
        return tuple(
            KabupatenPopulation(r["code"], r["name"], int(r["male"]), int(r["female"]))
            for r in csv.DictReader(fh)
            if r["code"].count(".") == 1
        )


def desa_of(area: str) -> list[Region]:
    """Desa and kelurahan under ``area``: a kabupaten or kecamatan code, or "35" (province)."""
    prefix = area + "."
    return [r for r in regions() if r.level in ("desa", "kelurahan") and r.code.startswith(prefix)]


def kecamatan_of(area: str) -> list[Region]:
    prefix = area + "."
    return [r for r in regions() if r.level == "kecamatan" and r.code.startswith(prefix)]


def name_of(code: str) -> str:
    """Display name of an area code; unknown codes come back as themselves rather than failing."""
    return _names().get(code, code)


@cache
def _names() -> dict[str, str]:
    return {r.code: r.name for r in regions()}
