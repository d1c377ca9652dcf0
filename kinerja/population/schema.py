"""The two extract formats (residents, service transactions), column by column.

Kept as data so the loader, the synthetic generator and the documentation (docs/population.md) all
agree. Column names are matched case-insensitively, and a few SIAK export spellings are accepted as
aliases, because operators export with whatever headers their SIAK version writes. Columns that are
not listed here (names, addresses, ...) are never read: kinerja keeps only what the indicators need.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    required: bool
    kind: str  # "text" or "date"
    description: str  # Indonesian, for docs/population.md
    aliases: tuple[str, ...] = ()


RESIDENT_COLUMNS: tuple[Column, ...] = (
    Column("nik", True, "text", "NIK, 16 angka", ("nik",)),
    Column("no_kk", True, "text", "Nomor Kartu Keluarga, 16 angka", ("nokk", "no_kk_baru")),
    Column("jenis_kelamin", True, "text", "L/P atau 1/2", ("jenis_klmin", "jk", "sex")),
    Column("tgl_lahir", True, "date", "tanggal lahir", ("tgl_lhr", "tanggal_lahir")),
    # Required, but SIAK's own export splits it into NO_PROP, NO_KAB, NO_KEC, NO_KEL (REGION_PARTS).
    Column("kode_desa", True, "text", "kode Kemendagri desa/kelurahan", ("kode_wilayah",)),
    Column("shdk", True, "text", "status hubungan dalam keluarga", ("stat_hbkel", "hubungan")),
    Column("status_kawin", True, "text", "status perkawinan", ("stat_kwn", "status_perkawinan")),
    Column("tgl_kawin", False, "date", "tanggal perkawinan", ("tgl_kwn",)),
    Column(
        "akta_kawin",
        False,
        "text",
        "akta perkawinan ada (2/ADA) atau tidak (1/TIDAK ADA)",
        ("akta_kwn",),
    ),
    Column("no_akta_kawin", False, "text", "nomor akta perkawinan/buku nikah", ("no_akta_kwn",)),
    Column("tgl_akta_kawin", False, "date", "tanggal terbit akta perkawinan"),
    Column("tgl_rekam_ktpel", False, "date", "tanggal perekaman KTP-el", ("tgl_rekam",)),
    Column("tgl_cetak_ktpel", False, "date", "tanggal pencetakan KTP-el", ("tgl_cetak",)),
    Column("tgl_terbit_kia", False, "date", "tanggal terbit KIA", ("tgl_kia",)),
    Column(
        "akta_lahir",
        False,
        "text",
        "akta kelahiran ada (2/ADA) atau tidak (1/TIDAK ADA)",
        ("akta_lhr",),
    ),
    Column("no_akta_lahir", False, "text", "nomor akta kelahiran", ("no_akta_lhr",)),
    Column("tgl_akta_lahir", False, "date", "tanggal terbit akta kelahiran"),
    Column("tgl_meninggal", False, "date", "tanggal meninggal", ("tgl_kematian",)),
    Column("no_akta_kematian", False, "text", "nomor akta kematian", ("no_akta_mati",)),
    Column("tgl_akta_kematian", False, "date", "tanggal terbit akta kematian"),
    Column("tgl_cetak_kk", False, "date", "tanggal cetak KK keluarga ini"),
    Column("tgl_terbit_kk", False, "date", "tanggal KK keluarga ini pertama kali terbit"),
    Column("tgl_terdaftar", False, "date", "tanggal masuk register kabupaten", ("tgl_entri",)),
)

SERVICE_COLUMNS: tuple[Column, ...] = (
    Column("no_permohonan", True, "text", "nomor permohonan (unik)", ("no_registrasi",)),
    Column("jenis_layanan", True, "text", "jenis layanan", ("layanan",)),
    Column("kode_desa", True, "text", "kode Kemendagri desa/kelurahan", ("kode_wilayah",)),
    Column("tgl_permohonan", True, "date", "tanggal permohonan", ("tgl_daftar",)),
    Column("tgl_selesai", False, "date", "tanggal selesai; kosong = belum selesai"),
)

# Accepted spellings -> canonical value. Numeric codes follow the SIAK reference tables.
SEX_CODES = {"L": "L", "1": "L", "LAKI-LAKI": "L", "P": "P", "2": "P", "PEREMPUAN": "P"}

RELATION_CODES = {
    "MANTU": "MENANTU",
    "FAMILI LAINNYA": "FAMILI LAIN",
    "1": "KEPALA KELUARGA",
    "2": "SUAMI",
    "3": "ISTRI",
    "4": "ANAK",
    "5": "MENANTU",
    "6": "CUCU",
    "7": "ORANG TUA",
    "8": "MERTUA",
    "9": "FAMILI LAIN",
    "10": "PEMBANTU",
    "11": "LAINNYA",
}
RELATIONS = tuple(v for k, v in RELATION_CODES.items() if k.isdigit())

# SIAK's export splits the desa code into four numeric columns; kode_desa is built from them when
# the extract has no kode_desa column (35, 27, 1, 2001 -> 35.27.01.2001).
REGION_PARTS = (("no_prop", 2), ("no_kab", 2), ("no_kec", 2), ("no_kel", 4))

# Marital status. SIAK's numeric codes 1-4 are the four older values; since Perpres 96/2018 and
# Permendagri 108/2019 SIAK writes the status as text with "tercatat" (registered) or not. Both are
# accepted. Numeric codes for the newer values differ between exports and are not guessed: such a
# value is kept as "unknown" with a note, not turned into a wrong status.
MARITAL_CODES = {
    "1": "BELUM KAWIN",
    "2": "KAWIN",
    "3": "CERAI HIDUP",
    "4": "CERAI MATI",
    "KAWIN TIDAK TERCATAT": "KAWIN BELUM TERCATAT",
    "CERAI HIDUP TIDAK TERCATAT": "CERAI HIDUP BELUM TERCATAT",
    "CERAI": "CERAI HIDUP",
}
MARITAL_STATUSES = (
    "BELUM KAWIN",
    "KAWIN",
    "CERAI HIDUP",
    "CERAI MATI",
    "KAWIN TERCATAT",
    "KAWIN BELUM TERCATAT",
    "CERAI HIDUP TERCATAT",
    "CERAI HIDUP BELUM TERCATAT",
)
MARRIED = ("KAWIN", "KAWIN TERCATAT", "KAWIN BELUM TERCATAT")

# "Akta ada?" flag columns of SIAK (AKTA_LHR, AKTA_KWN): 1 = tidak ada, 2 = ada.
FLAG_CODES = {
    "2": "Y",
    "ADA": "Y",
    "YA": "Y",
    "Y": "Y",
    "1": "N",
    "TIDAK ADA": "N",
    "TIDAK": "N",
    "N": "N",
}

# Service codes, with the spellings registers commonly use.
SERVICES = {
    "KTP_EL": "KTP-el",
    "KK": "Kartu Keluarga",
    "KIA": "Kartu Identitas Anak",
    "PINDAH": "Pindah",
    "DATANG": "Datang",
    "AKTA_KELAHIRAN": "Akta Kelahiran",
    "AKTA_KEMATIAN": "Akta Kematian",
    "AKTA_PERKAWINAN": "Akta Perkawinan",
    "AKTA_PERCERAIAN": "Akta Perceraian",
}
SERVICE_ALIASES = {
    "KTP": "KTP_EL",
    "KTPEL": "KTP_EL",
    "PERKAWINAN": "AKTA_PERKAWINAN",
    "PERCERAIAN": "AKTA_PERCERAIAN",
    "KELAHIRAN": "AKTA_KELAHIRAN",
    "KEMATIAN": "AKTA_KEMATIAN",
}
