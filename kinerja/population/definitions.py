"""The SIAK-based indicators of the decree, each defined once, as SQL over the validated extract.

Every definition is one query returning ``kode_desa, pembilang, penyebut`` per desa/kelurahan; the
engine sums desa into kecamatan and kabupaten, so the levels always add up. The SQL is plain (CASE,
SUM, COUNT, JOIN, GROUP BY, date comparisons with DATE literals) so the same text runs on DuckDB,
Trino or Spark SQL for a whole province.

Tables the definitions read (built by the engine from the extract; see docs/population.md):

* ``penduduk``: one row per accepted resident: kk_id, jenis_kelamin, tgl_lahir, kode_desa, shdk,
  status_kawin, tgl_kawin, ada_akta_kawin, tgl_akta_kawin, tgl_rekam_ktpel, tgl_cetak_ktpel,
  tgl_terbit_kia, ada_akta_lahir, tgl_akta_lahir, tgl_meninggal, ada_akta_kematian,
  tgl_akta_kematian, tgl_cetak_kk, tgl_terdaftar;
* ``layanan``: one row per accepted service transaction: jenis, kode_desa, tgl_permohonan,
  tgl_selesai;
* ``wilayah_desa``: every Kemendagri desa/kelurahan code: kode_desa, kode_kecamatan, kode_kabupaten.

Ages are compared through birth-date cut-offs computed once per reference date ("17 or older on the
reference date" is ``tgl_lahir <= {lahir_17}``, the reference date less 17 years), which is exact,
portable and fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .validation import sql_date

# Residents on the reference date: born, registered, and not dead before it. Someone who dies ON
# the reference date was still a resident that day.
PENDUDUK_ACUAN = """(
    SELECT * FROM penduduk
    WHERE tgl_lahir <= {as_of}
      AND (tgl_meninggal IS NULL OR tgl_meninggal >= {as_of})
      AND (tgl_terdaftar IS NULL OR tgl_terdaftar <= {as_of})
)"""

# Married or ever married on the reference date (a marriage dated after it does not count yet).
PERNAH_KAWIN = "(status_kawin <> 'BELUM KAWIN' AND (tgl_kawin IS NULL OR tgl_kawin <= {as_of}))"


def _has(flag: str, issued: str) -> str:
    """A document counts once issued by the reference date. With a flag (the certificate number is
    filled in) and no issue date, the register does not say when, so it counts."""
    if flag:
        return f"({flag} AND ({issued} IS NULL OR {issued} <= {{as_of}}))"
    return f"({issued} IS NOT NULL AND {issued} <= {{as_of}})"


@dataclass(frozen=True, slots=True)
class Definition:
    key: str
    indicator: str  # name as in the decree
    official: str  # position whose individual performance indicator it is
    formula: str  # the decree's formula
    unit: str  # "persen" or "dokumen"
    basis: str  # the regulation or practice followed, and the choices made
    sql: str  # template; see render()


def _rate(where: str, numerator: str, source: str = PENDUDUK_ACUAN) -> str:
    return (
        f"SELECT kode_desa,\n    SUM(CASE WHEN {numerator} THEN 1 ELSE 0 END) AS pembilang,\n"
        f"    COUNT(*) AS penyebut\nFROM {source} AS p\nWHERE {where}\nGROUP BY kode_desa"
    )


KABID_DAFDUK = "Kepala Bidang Pelayanan Pendaftaran Penduduk"
KABID_CAPIL = "Kepala Bidang Pelayanan Pencatatan Sipil"
KABID_PIAK = "Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan dan Pemanfaatan Data"

DEFINITIONS: tuple[Definition, ...] = (
    Definition(
        "ktp_el",
        "Persentase penduduk ber KTP-el",
        KABID_DAFDUK,
        "Jumlah penduduk ber KTP-el / Jumlah penduduk wajib KTP-el x 100%",
        "persen",
        "Wajib KTP-el: berumur 17 tahun atau lebih, atau kawin/pernah kawin (UU 24/2013 Pasal 63). "
        "Ber KTP-el: sudah merekam KTP-el pada tanggal acuan, seperti cakupan yang dilaporkan "
        "Dukcapil; yang sudah dicetak dihitung di indikator pendamping ktp_el_cetak.",
        _rate(f"(tgl_lahir <= {{lahir_17}} OR {PERNAH_KAWIN})", _has("", "tgl_rekam_ktpel")),
    ),
    Definition(
        "ktp_el_cetak",
        "Persentase wajib KTP-el yang KTP-el-nya sudah dicetak (pendamping, bukan indikator SK)",
        KABID_DAFDUK,
        "Jumlah wajib KTP-el dengan KTP-el tercetak / Jumlah penduduk wajib KTP-el x 100%",
        "persen",
        "Sama dengan ktp_el, tetapi pembilangnya KTP-el yang sudah dicetak pada tanggal acuan.",
        _rate(f"(tgl_lahir <= {{lahir_17}} OR {PERNAH_KAWIN})", _has("", "tgl_cetak_ktpel")),
    ),
    Definition(
        "kk",
        "Persentase penduduk ber Kartu Keluarga",
        KABID_DAFDUK,
        "Jumlah Kepala Keluarga yang memiliki KK / Jumlah Kepala Keluarga x 100%",
        "persen",
        "Satu keluarga = satu nomor KK yang kepala keluarganya penduduk pada tanggal acuan, "
        "dihitung sekali di desa kepala keluarga. Memiliki KK: KK sudah dicetak pada tanggal "
        "acuan.",
        "SELECT kode_desa,\n    SUM(CASE WHEN tgl_cetak_kk IS NOT NULL AND tgl_cetak_kk <= {as_of} "
        "THEN 1 ELSE 0 END) AS pembilang,\n    COUNT(*) AS penyebut\n"
        "FROM (\n    SELECT kk_id, MIN(kode_desa) AS kode_desa, MAX(tgl_cetak_kk) AS tgl_cetak_kk\n"
        f"    FROM {PENDUDUK_ACUAN} AS p\n    WHERE shdk = 'KEPALA KELUARGA'\n    GROUP BY kk_id\n"
        ") AS keluarga\nGROUP BY kode_desa",
    ),
    Definition(
        "kia",
        "Persentase anak usia 0-16 tahun ber KIA",
        KABID_DAFDUK,
        "Jumlah anak usia 0-16 tahun ber KIA / Jumlah anak usia 0-16 tahun x 100%",
        "persen",
        "Anak: umur 0 sampai 16 tahun (belum 17 tahun) pada tanggal acuan dan belum pernah kawin "
        "(Permendagri 2/2016; SK menyebut 0-16 tahun, sama dengan 'belum 17 tahun').",
        _rate(f"tgl_lahir > {{lahir_17}} AND NOT {PERNAH_KAWIN}", _has("", "tgl_terbit_kia")),
    ),
    Definition(
        "pindah_datang",
        "Persentase penduduk mendapat pelayanan pindah datang",
        KABID_DAFDUK,
        "Jumlah pelayanan penduduk pindah datang / Jumlah permohonan penduduk pindah datang x 100%",
        "persen",
        "Permohonan pindah dan datang yang diajukan dari awal periode sampai tanggal acuan; "
        "dilayani = selesai paling lambat tanggal acuan.",
        "SELECT kode_desa,\n    SUM(CASE WHEN tgl_selesai IS NOT NULL AND tgl_selesai <= {as_of} "
        "THEN 1 ELSE 0 END) AS pembilang,\n    COUNT(*) AS penyebut\nFROM layanan\n"
        "WHERE jenis IN ('PINDAH', 'DATANG')\n"
        "  AND tgl_permohonan >= {period_start} AND tgl_permohonan <= {as_of}\nGROUP BY kode_desa",
    ),
    Definition(
        "akta_lahir_0_18",
        "Persentase penduduk usia 0-18 tahun ber akta kelahiran",
        KABID_CAPIL,
        "Jumlah penduduk usia 0-18 tahun ber akta kelahiran / "
        "Jumlah penduduk usia 0-18 tahun x 100%",
        "persen",
        "Usia 0-18: belum berumur 18 tahun pada tanggal acuan (anak menurut UU 35/2014), seperti "
        "cakupan akta kelahiran anak yang dilaporkan Dukcapil.",
        _rate("tgl_lahir > {lahir_18}", _has("ada_akta_lahir", "tgl_akta_lahir")),
    ),
    Definition(
        "akta_lahir_dewasa",
        "Persentase penduduk usia diatas 18 tahun ber akta kelahiran",
        KABID_CAPIL,
        "Jumlah penduduk usia diatas 18 tahun ber akta kelahiran / "
        "Jumlah penduduk usia diatas 18 tahun x 100%",
        "persen",
        "Usia diatas 18: sudah berumur 18 tahun atau lebih pada tanggal acuan, sehingga kedua "
        "indikator akta kelahiran bersama-sama mencakup semua penduduk.",
        _rate("tgl_lahir <= {lahir_18}", _has("ada_akta_lahir", "tgl_akta_lahir")),
    ),
    Definition(
        "akta_kematian",
        "Persentase penduduk meninggal ber akta kematian",
        KABID_CAPIL,
        "Jumlah penduduk meninggal ber akta kematian / Jumlah penduduk meninggal terlapor x 100%",
        "persen",
        "Meninggal terlapor: penduduk terdaftar yang tanggal meninggalnya dari awal periode sampai "
        "tanggal acuan; ber akta: akta kematian terbit paling lambat tanggal acuan.",
        _rate(
            "tgl_meninggal >= {period_start} AND tgl_meninggal <= {as_of}\n"
            "  AND (tgl_terdaftar IS NULL OR tgl_terdaftar <= {as_of})",
            _has("ada_akta_kematian", "tgl_akta_kematian"),
            source="penduduk",
        ),
    ),
    Definition(
        "kawin_tercatat",
        "Persentase pasangan berstatus kawin tercatat",
        KABID_CAPIL,
        "Jumlah pasangan berstatus kawin tercatat / Jumlah pasangan x 100%",
        "persen",
        "Pasangan: istri/suami berstatus kawin yang satu KK dengan kepala keluarga berstatus "
        "kawin, "
        "keduanya penduduk pada tanggal acuan; tiap pasangan dihitung sekali (dari baris istri/"
        "suami). Tercatat: istri/suami memiliki akta perkawinan/buku nikah pada tanggal acuan.",
        "SELECT s.kode_desa,\n    SUM(CASE WHEN "
        + _has("s.ada_akta_kawin", "s.tgl_akta_kawin")
        + " THEN 1 ELSE 0 END) AS pembilang,\n    COUNT(*) AS penyebut\n"
        f"FROM {PENDUDUK_ACUAN} AS s\nJOIN (\n"
        f"    SELECT DISTINCT kk_id FROM {PENDUDUK_ACUAN} AS h\n"
        "    WHERE shdk = 'KEPALA KELUARGA' AND status_kawin = 'KAWIN'\n) AS kepala "
        "ON kepala.kk_id = s.kk_id\n"
        "WHERE s.shdk IN ('ISTRI', 'SUAMI') AND s.status_kawin = 'KAWIN'\n"
        "  AND (s.tgl_kawin IS NULL OR s.tgl_kawin <= {as_of})\nGROUP BY s.kode_desa",
    ),
    Definition(
        "database_kependudukan",
        "Ketersediaan Database Kependudukan Skala Kabupaten",
        KABID_PIAK,
        "Jumlah dokumen database kependudukan skala Kabupaten",
        "dokumen",
        "Kelengkapan database pada tanggal acuan: pembilang = desa/kelurahan yang memiliki data "
        "penduduk, penyebut = desa/kelurahan menurut kode Kemendagri. Database kabupaten tersedia "
        "(1 dokumen per tanggal acuan) bila pembilang = penyebut di tingkat kabupaten.",
        "SELECT w.kode_desa,\n    CASE WHEN d.kode_desa IS NULL THEN 0 ELSE 1 END AS pembilang,\n"
        "    1 AS penyebut\nFROM wilayah_desa AS w\nLEFT JOIN (\n    SELECT DISTINCT kode_desa "
        f"FROM {PENDUDUK_ACUAN} AS p\n) AS d ON d.kode_desa = w.kode_desa\n"
        "WHERE w.kode_kabupaten IN (\n    SELECT substr(CAST(kode_desa AS VARCHAR), 1, 5)\n"
        "    FROM (SELECT DISTINCT kode_desa FROM penduduk) AS ada\n)",
    ),
)

BY_KEY = {d.key: d for d in DEFINITIONS}
DECREE_KEYS = tuple(d.key for d in DEFINITIONS if d.key != "ktp_el_cetak")


def years_before(day: date, years: int) -> date:
    """The date ``years`` years before ``day``; 29 February maps to 28 February, so someone born on
    28 February 2008 is 17 on 28 February 2025 and someone born on 1 March 2008 is not."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def render(key: str, as_of: date, period_start: date | None = None) -> str:
    """The definition's SQL with the reference date filled in, ready to run (or to read).

    ``period_start`` bounds flow indicators (deaths, pindah/datang requests): by default the first
    of January of the reference date's year, i.e. the year to date."""
    start = period_start or as_of.replace(month=1, day=1)
    return BY_KEY[key].sql.format(
        as_of=sql_date(as_of),
        period_start=sql_date(start),
        lahir_17=sql_date(years_before(as_of, 17)),
        lahir_18=sql_date(years_before(as_of, 18)),
    )
