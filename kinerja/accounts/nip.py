"""NIP (Nomor Induk Pegawai) of a civil servant: 18 digits that encode facts we can check.

Layout (PP 11/2017 practice): birth date YYYYMMDD, CPNS appointment YYYYMM, sex (1 man,
2 woman), serial (3 digits, from 001). Checking the layout catches the typing errors that
otherwise reach a signed Perjanjian Kinerja. Pure module: no Django import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Nip:
    digits: str
    birth_date: date
    appointed: tuple[int, int]
    sex: str  # "L" or "P"
    serial: int

    def formatted(self) -> str:
        """As printed under a signature: ``19710106 199304 1 001``."""
        d = self.digits
        return f"{d[:8]} {d[8:14]} {d[14]} {d[15:]}"


class NipError(ValueError):
    pass


def normalize_nip(raw: str) -> str:
    """Drop the spaces and dots people type between the NIP's groups."""
    return re.sub(r"[\s.]", "", raw or "")


def parse_nip(raw: str, *, today: date | None = None) -> Nip:
    """Return the NIP's parts or raise ``NipError`` saying, in Indonesian, what is wrong."""
    digits = normalize_nip(raw)
    if not digits.isdigit():
        raise NipError("NIP hanya boleh berisi angka")
    if len(digits) != 18:
        raise NipError(f"NIP harus 18 digit, bukan {len(digits)}")
    try:
        birth = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise NipError(f"8 digit pertama NIP ({digits[:8]}) bukan tanggal lahir yang sah") from None
    year, month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= month <= 12:
        raise NipError(f"digit 13-14 NIP ({digits[12:14]}) bukan bulan pengangkatan yang sah")
    if (year, month) <= (birth.year, birth.month):
        raise NipError("tahun/bulan pengangkatan pada NIP harus sesudah tanggal lahir")
    today = today or date.today()
    if birth > today or (year, month) > (today.year, today.month):
        raise NipError("tanggal lahir atau pengangkatan pada NIP berada di masa depan")
    if digits[14] not in "12":
        raise NipError(f"digit ke-15 NIP (jenis kelamin) harus 1 atau 2, bukan {digits[14]}")
    serial = int(digits[15:])
    if serial == 0:
        raise NipError("nomor urut NIP (3 digit terakhir) tidak boleh 000")
    return Nip(digits, birth, (year, month), "L" if digits[14] == "1" else "P", serial)
