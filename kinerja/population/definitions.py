"""The SIAK-based indicators of the decree, each defined once, as SQL over the validated extract,
and the rules (``Rules``) that the decree leaves open, as settings printed with the figures.

Each definition is two SQL conditions over one row of ``penduduk`` (or ``layanan``): who is in the
denominator (``where``) and who of them is in the numerator (``numerator``). ``render()`` turns one
definition into a standalone query returning ``kode_desa, pembilang, penyebut``; the engine puts
all of them into ONE pass over the residents (``combined_sql``), which is why the family facts the
KK and couple indicators need are computed once at import (validation.finish_residents_sql). The
SQL is plain (CASE, SUM, COUNT, GROUP BY, DATE literals) so the same text runs on DuckDB, Trino or
Spark SQL for a whole province.

Tables the definitions read (see docs/population.md, section 5):

* ``penduduk``: one row per accepted resident: kode_desa, jenis_kelamin, tgl_lahir, shdk,
  status_kawin, tgl_kawin, ada_akta_kawin, tgl_akta_kawin, tgl_rekam_ktpel, tgl_cetak_ktpel,
  tgl_terbit_kia, kia_balita_habis, ada_akta_lahir, tgl_akta_lahir, tgl_meninggal,
  ada_akta_kematian, tgl_akta_kematian, tgl_terdaftar, and the family facts kk_id, kk_kepala,
  kk_terbit, kk_cetak, pasangan_sejak, pasangan_sampai;
* ``layanan``: one row per accepted service transaction: jenis, kode_desa, tgl_permohonan,
  tgl_selesai;
* ``wilayah_desa``: every Kemendagri desa/kelurahan code: kode_desa, kode_kecamatan,
  kode_kabupaten.

Ages are compared through birth-date cut-offs computed once per reference date ("17 or older on the
reference date" is ``tgl_lahir <= {lahir_17}``, the reference date less 17 years): exact, portable
and fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from datetime import date

from .regions import LEVEL_CODE
from .schema import MARRIED
from .sources import sql_str
from .validation import sql_date


@dataclass(frozen=True, slots=True)
class Rules:
    """The choices the decree's formulas leave open. The defaults follow Dukcapil's reporting;
    every figure is stored and printed with the rules it was computed under."""

    akta_anak: str = "belum_18"  # "belum_18": 0-18 = under 18; "0_18": 0 to 18 inclusive
    ktp_el: str = "rekam"  # "rekam": recorded (perekaman); "cetak": card printed
    kia_balita_kedaluwarsa: bool = False  # count an under-5 KIA after the 5th birthday?
    kk: str = "terbit_pertama"  # "terbit_pertama": first issue of the KK; "cetak": last print
    akta_tanpa_nomor: bool = True  # birth certificate with a date but no number counts?

    CHOICES = {
        "akta_anak": ("belum_18", "0_18"),
        "ktp_el": ("rekam", "cetak"),
        "kk": ("terbit_pertama", "cetak"),
    }

    @classmethod
    def from_dict(cls, values: dict | None) -> Rules:
        """Rules from settings or a form; unknown keys or values raise ValueError."""
        values = dict(values or {})
        known = {f.name for f in fields(cls)}
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"aturan tidak dikenal: {', '.join(sorted(unknown))}")
        for key, value in values.items():
            if key in cls.CHOICES and value not in cls.CHOICES[key]:
                raise ValueError(f"aturan {key}: pilih salah satu dari {cls.CHOICES[key]}")
            if key not in cls.CHOICES and not isinstance(value, bool):
                values[key] = str(value).lower() in ("1", "true", "ya", "yes")
        return cls(**values)

    def as_dict(self) -> dict:
        return asdict(self)

    def describe(self) -> list[str]:
        """The rules in Indonesian, one line each, as printed under the figures."""
        return [
            "Akta kelahiran 0-18: "
            + (
                "belum berumur 18 tahun (0-17); di atas 18 = 18 tahun ke atas"
                if self.akta_anak == "belum_18"
                else "0 sampai 18 tahun (belum 19); di atas 18 = 19 tahun ke atas"
            ),
            "KTP-el: "
            + ("sudah merekam (perekaman)" if self.ktp_el == "rekam" else "kartu sudah dicetak"),
            "KIA anak di bawah 5 tahun setelah ulang tahun ke-5: "
            + ("tetap dihitung" if self.kia_balita_kedaluwarsa else "kedaluwarsa, tidak dihitung"),
            "KK: "
            + (
                "dimiliki sejak pertama terbit (tanggal pada nomor KK); cetak ulang sesudah "
                "tanggal acuan tetap dihitung"
                if self.kk == "terbit_pertama"
                else "tanggal cetak KK terakhir paling lambat tanggal acuan"
            ),
            "Pasangan: tanggal kawin istri/suami dan kepala keluarga diperiksa pada tanggal acuan",
            "Akta kelahiran dengan tanggal terbit tetapi tanpa nomor: "
            + ("dihitung" if self.akta_tanpa_nomor else "tidak dihitung"),
        ]


# Residents on the reference date: born, registered, and not dead before it. Someone who dies ON
# the reference date was still a resident that day.
PENDUDUK_ACUAN = (
    "tgl_lahir <= {as_of} AND (tgl_meninggal IS NULL OR tgl_meninggal >= {as_of}) "
    "AND (tgl_terdaftar IS NULL OR tgl_terdaftar <= {as_of})"
)
_MARRIED = "(" + ", ".join(f"'{v}'" for v in MARRIED) + ")"
# Married or ever married on the reference date (a marriage dated after it does not count yet);
# an unknown status counts as never married.
PERNAH_KAWIN = (
    "(status_kawin IS NOT NULL AND status_kawin <> 'BELUM KAWIN' "
    "AND (tgl_kawin IS NULL OR tgl_kawin <= {as_of}))"
)


def _issued(column: str) -> str:
    return f"({column} IS NOT NULL AND {column} <= {{as_of}})"


def _certificate(flag: str, issued: str, date_alone: bool) -> str:
    """With the number filled in and no issue date the register does not say when: it counts.
    With a date and no number it counts only under ``Rules.akta_tanpa_nomor``."""
    has = f"({flag} OR {issued} IS NOT NULL)" if date_alone else flag
    return f"({has} AND ({issued} IS NULL OR {issued} <= {{as_of}}))"


@dataclass(frozen=True, slots=True)
class Definition:
    key: str
    indicator: str  # name as in the decree
    official: str  # position whose individual performance indicator it is
    formula: str  # the decree's formula
    unit: str  # "persen" or "dokumen"
    basis: str  # the regulation or practice followed, and the choices made

    def where(self, rules: Rules) -> str:
        return _WHERE[self.key](rules)

    def numerator(self, rules: Rules) -> str:
        return _NUMERATOR[self.key](rules)

    @property
    def source(self) -> str:
        return _SOURCE.get(self.key, "penduduk")

    @property
    def residents_only(self) -> bool:
        """Whether the denominator is limited to residents on the reference date."""
        return self.key not in ("akta_kematian", "pindah_datang", "database_kependudukan")


KABID_DAFDUK = "Kepala Bidang Pelayanan Pendaftaran Penduduk"
KABID_CAPIL = "Kepala Bidang Pelayanan Pencatatan Sipil"
KABID_PIAK = "Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan dan Pemanfaatan Data"

WAJIB_KTP = f"(tgl_lahir <= {{lahir_17}} OR {PERNAH_KAWIN})"


def _anak_cut(r: Rules) -> str:
    return "{lahir_18}" if r.akta_anak == "belum_18" else "{lahir_19}"


_WHERE = {
    "ktp_el": lambda r: WAJIB_KTP,
    "ktp_el_cetak": lambda r: WAJIB_KTP,
    "kk": lambda r: "kk_kepala",
    "kia": lambda r: f"tgl_lahir > {{lahir_17}} AND NOT {PERNAH_KAWIN}",
    "pindah_datang": lambda r: (
        "jenis IN ('PINDAH', 'DATANG') AND tgl_permohonan >= {period_start} "
        "AND tgl_permohonan <= {as_of}"
    ),
    "akta_lahir_0_18": lambda r: f"tgl_lahir > {_anak_cut(r)}",
    "akta_lahir_dewasa": lambda r: f"tgl_lahir <= {_anak_cut(r)}",
    "akta_kematian": lambda r: (
        "tgl_meninggal >= {period_start} AND tgl_meninggal <= {as_of} "
        "AND (tgl_terdaftar IS NULL OR tgl_terdaftar <= {as_of})"
    ),
    "kawin_tercatat": lambda r: (
        f"shdk IN ('ISTRI', 'SUAMI') AND status_kawin IN {_MARRIED} "
        "AND (tgl_kawin IS NULL OR tgl_kawin <= {as_of}) AND pasangan_sejak <= {as_of} "
        "AND (pasangan_sampai IS NULL OR pasangan_sampai >= {as_of})"
    ),
    "database_kependudukan": lambda r: "TRUE",
}
# A KIA issued before the 5th birthday (no photo) expires on it (Permendagri 2/2016).
KIA_BERLAKU = " AND (kia_balita_habis IS NULL OR kia_balita_habis > {as_of})"
_NUMERATOR = {
    "ktp_el": lambda r: _issued("tgl_rekam_ktpel" if r.ktp_el == "rekam" else "tgl_cetak_ktpel"),
    "ktp_el_cetak": lambda r: _issued("tgl_cetak_ktpel"),
    "kk": lambda r: _issued("kk_terbit" if r.kk == "terbit_pertama" else "kk_cetak"),
    "kia": lambda r: (
        _issued("tgl_terbit_kia")
        + (
            ""
            if r.kia_balita_kedaluwarsa
            else " AND (kia_balita_habis IS NULL OR kia_balita_habis > {as_of})"
        )
    ),
    "pindah_datang": lambda r: _issued("tgl_selesai"),
    "akta_lahir_0_18": lambda r: _certificate(
        "ada_akta_lahir", "tgl_akta_lahir", r.akta_tanpa_nomor
    ),
    "akta_lahir_dewasa": lambda r: _certificate(
        "ada_akta_lahir", "tgl_akta_lahir", r.akta_tanpa_nomor
    ),
    "akta_kematian": lambda r: _certificate("ada_akta_kematian", "tgl_akta_kematian", False),
    # The status says it since Permendagri 108/2019; an older KAWIN is read from the certificate.
    "kawin_tercatat": lambda r: (
        "((status_kawin = 'KAWIN TERCATAT' "
        "AND (tgl_akta_kawin IS NULL OR tgl_akta_kawin <= {as_of}))"
        " OR (status_kawin = 'KAWIN' AND "
        + _certificate("ada_akta_kawin", "tgl_akta_kawin", False)
        + "))"
    ),
    "database_kependudukan": lambda r: "TRUE",
}
_SOURCE = {"pindah_datang": "layanan", "database_kependudukan": "wilayah_desa"}

DEFINITIONS: tuple[Definition, ...] = (
    Definition(
        "ktp_el",
        "Persentase penduduk ber KTP-el",
        KABID_DAFDUK,
        "Jumlah penduduk ber KTP-el / Jumlah penduduk wajib KTP-el x 100%",
        "persen",
        "Wajib KTP-el: berumur 17 tahun atau lebih, atau kawin/pernah kawin (UU 24/2013 Pasal 63). "
        "Ber KTP-el: sudah merekam (bawaan, seperti cakupan yang dilaporkan Dukcapil) atau kartu "
        "sudah dicetak, menurut aturan ktp_el.",
    ),
    Definition(
        "ktp_el_cetak",
        "Persentase wajib KTP-el yang KTP-el-nya sudah dicetak (pendamping, bukan indikator SK)",
        KABID_DAFDUK,
        "Jumlah wajib KTP-el dengan KTP-el tercetak / Jumlah penduduk wajib KTP-el x 100%",
        "persen",
        "Sama dengan ktp_el, tetapi pembilangnya KTP-el yang sudah dicetak pada tanggal acuan.",
    ),
    Definition(
        "kk",
        "Persentase penduduk ber Kartu Keluarga",
        KABID_DAFDUK,
        "Jumlah Kepala Keluarga yang memiliki KK / Jumlah Kepala Keluarga x 100%",
        "persen",
        "Satu keluarga = satu nomor KK yang kepala keluarganya penduduk pada tanggal acuan, "
        "dihitung sekali di desa kepala keluarga. Memiliki KK: KK keluarga itu pernah terbit atau "
        "dicetak dan terbit pertama kali paling lambat tanggal acuan (aturan kk).",
    ),
    Definition(
        "kia",
        "Persentase anak usia 0-16 tahun ber KIA",
        KABID_DAFDUK,
        "Jumlah anak usia 0-16 tahun ber KIA / Jumlah anak usia 0-16 tahun x 100%",
        "persen",
        "Anak: umur 0 sampai 16 tahun (belum 17 tahun) pada tanggal acuan dan belum pernah kawin "
        "(Permendagri 2/2016). KIA anak di bawah 5 tahun berlaku sampai ulang tahun ke-5.",
    ),
    Definition(
        "pindah_datang",
        "Persentase penduduk mendapat pelayanan pindah datang",
        KABID_DAFDUK,
        "Jumlah pelayanan penduduk pindah datang / Jumlah permohonan penduduk pindah datang x 100%",
        "persen",
        "Permohonan pindah dan datang yang diajukan dari awal periode sampai tanggal acuan; "
        "dilayani = selesai paling lambat tanggal acuan.",
    ),
    Definition(
        "akta_lahir_0_18",
        "Persentase penduduk usia 0-18 tahun ber akta kelahiran",
        KABID_CAPIL,
        "Jumlah penduduk usia 0-18 tahun ber akta kelahiran / "
        "Jumlah penduduk usia 0-18 tahun x 100%",
        "persen",
        "Usia 0-18: bawaan belum berumur 18 tahun pada tanggal acuan (anak menurut UU 35/2014, "
        "seperti cakupan Dukcapil); aturan akta_anak = 0_18 memakai 0 sampai 18 tahun.",
    ),
    Definition(
        "akta_lahir_dewasa",
        "Persentase penduduk usia diatas 18 tahun ber akta kelahiran",
        KABID_CAPIL,
        "Jumlah penduduk usia diatas 18 tahun ber akta kelahiran / "
        "Jumlah penduduk usia diatas 18 tahun x 100%",
        "persen",
        "Pelengkap akta_lahir_0_18: kedua indikator bersama-sama mencakup semua penduduk.",
    ),
    Definition(
        "akta_kematian",
        "Persentase penduduk meninggal ber akta kematian",
        KABID_CAPIL,
        "Jumlah penduduk meninggal ber akta kematian / Jumlah penduduk meninggal terlapor x 100%",
        "persen",
        "Meninggal terlapor: penduduk terdaftar yang tanggal meninggalnya dari awal periode sampai "
        "tanggal acuan; ber akta: akta kematian terbit paling lambat tanggal acuan.",
    ),
    Definition(
        "kawin_tercatat",
        "Persentase pasangan berstatus kawin tercatat",
        KABID_CAPIL,
        "Jumlah pasangan berstatus kawin tercatat / Jumlah pasangan x 100%",
        "persen",
        "Pasangan: istri/suami berstatus kawin yang satu KK dengan kepala keluarga berstatus "
        "kawin, keduanya penduduk dan sudah kawin pada tanggal acuan; dihitung sekali (dari baris "
        "istri/suami). Tercatat: status KAWIN TERCATAT, atau status lama KAWIN dengan akta "
        "perkawinan/buku nikah.",
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


def _values(as_of: date, period_start: date | None) -> dict[str, str]:
    start = period_start or as_of.replace(month=1, day=1)
    return {
        "as_of": sql_date(as_of),
        "period_start": sql_date(start),
        "lahir_17": sql_date(years_before(as_of, 17)),
        "lahir_18": sql_date(years_before(as_of, 18)),
        "lahir_19": sql_date(years_before(as_of, 19)),
    }


def _rate(select_where: str, numerator: str, source: str) -> str:
    return (
        f"SELECT kode_desa,\n    SUM(CASE WHEN {numerator} THEN 1 ELSE 0 END) AS pembilang,\n"
        f"    COUNT(*) AS penyebut\nFROM {source} AS p\nWHERE {select_where}\nGROUP BY kode_desa"
    )


def render(
    key: str, as_of: date, period_start: date | None = None, rules: Rules | None = None
) -> str:
    """The definition's SQL with the reference date filled in, ready to run (or to read).

    ``period_start`` bounds flow indicators (deaths, pindah/datang requests): by default the first
    of January of the reference date's year, i.e. the year to date."""
    d, rules = BY_KEY[key], rules or Rules()
    if key == "database_kependudukan":
        sql = (
            "SELECT w.kode_desa,\n    CASE WHEN d.kode_desa IS NULL THEN 0 ELSE 1 END AS "
            "pembilang,\n    1 AS penyebut\nFROM wilayah_desa AS w\nLEFT JOIN (\n    SELECT "
            f"DISTINCT kode_desa FROM penduduk WHERE {PENDUDUK_ACUAN}\n) AS d ON d.kode_desa = "
            "w.kode_desa\nWHERE w.kode_kabupaten IN (\n    SELECT substr(CAST(kode_desa AS "
            "VARCHAR), 1, 5)\n    FROM (SELECT DISTINCT kode_desa FROM penduduk) AS ada\n)"
        )
    else:
        where = d.where(rules)
        if d.residents_only:
            where = f"{PENDUDUK_ACUAN}\n  AND {where}"
        sql = _rate(where, d.numerator(rules), d.source)
    return sql.format(**_values(as_of, period_start))


def combined_sql(
    keys: list[str], as_of: date, period_start: date | None, rules: Rules
) -> tuple[str, list[str]]:
    """One query over ``penduduk`` computing, per desa, the numerator and denominator of every
    resident-based definition in ``keys`` (columns ``a_<key>``, ``b_<key>``) and the residents on
    the reference date (``ada``): one scan instead of one per indicator. Returns the SQL and the
    keys it covers."""
    covered = [k for k in keys if BY_KEY[k].source == "penduduk"]
    parts = ["SUM(CASE WHEN r THEN 1 ELSE 0 END) AS ada"]
    for k in covered:
        d = BY_KEY[k]
        where = f"r AND ({d.where(rules)})" if d.residents_only else f"({d.where(rules)})"
        parts.append(f"SUM(CASE WHEN {where} THEN 1 ELSE 0 END) AS b_{k}")
        parts.append(
            f"SUM(CASE WHEN {where} AND ({d.numerator(rules)}) THEN 1 ELSE 0 END) AS a_{k}"
        )
    sql = (
        f"SELECT kode_desa, {', '.join(parts)} FROM (SELECT *, ({PENDUDUK_ACUAN}) AS r "
        "FROM penduduk) AS p GROUP BY kode_desa"
    )
    return sql.format(**_values(as_of, period_start)), covered


def _rollup(select: str, levels: Iterable[str]) -> str:
    parts = []
    for level in levels:
        code = LEVEL_CODE[level]
        parts.append(
            f"SELECT k, '{level}' AS level, {code} AS code, SUM(a) AS a, SUM(b) AS b "
            f"FROM g GROUP BY k, {code}"
        )
    return f"WITH g AS ({select}) " + " UNION ALL ".join(parts)


def compute_sql(con, keys, as_of, period_start, levels, rules) -> list[tuple]:
    """(indicator, level, code, numerator, denominator) from ONE scan of ``penduduk`` with the
    SQL above (combined_sql), rolled up from the desa: the reference that engine.compute's fast
    path (tally.py) is tested against, and the path for working databases without its tables."""
    wide, covered = combined_sql(keys, as_of, period_start, rules)
    selects = [
        f"SELECT {sql_str(k)} AS k, CAST(kode_desa AS VARCHAR) AS kode_desa, a_{k} AS a, "
        f"b_{k} AS b FROM lebar"
        for k in covered
    ]
    if "database_kependudukan" in keys:
        selects.append(
            "SELECT 'database_kependudukan' AS k, w.kode_desa, "
            "CASE WHEN l.ada > 0 THEN 1 ELSE 0 END AS a, 1 AS b "
            "FROM area_desa AS w LEFT JOIN lebar AS l "
            "ON CAST(l.kode_desa AS VARCHAR) = w.kode_desa "
            "WHERE w.kode_kabupaten IN (SELECT DISTINCT substr(CAST(kode_desa AS VARCHAR), 1, 5) "
            "FROM lebar)"
        )
    for k in keys:
        if BY_KEY[k].source == "layanan":
            selects.append(
                f"SELECT {sql_str(k)} AS k, CAST(kode_desa AS VARCHAR) AS kode_desa, "
                "pembilang AS a, penyebut AS b FROM "
                f"({render(k, as_of, period_start, rules)}) AS d"
            )
    grid = (
        "SELECT i.k, w.kode_desa, w.kode_kecamatan, w.kode_kabupaten, "
        "COALESCE(h.a, 0) AS a, COALESCE(h.b, 0) AS b "
        f"FROM (VALUES {', '.join(f'({sql_str(k)})' for k in keys)}) AS i(k) "
        "CROSS JOIN area_desa AS w LEFT JOIN hasil AS h ON h.k = i.k AND h.kode_desa = w.kode_desa"
    )
    sql = f"WITH lebar AS ({wide}), hasil AS ({' UNION ALL '.join(selects)}), " + _rollup(
        grid, levels
    ).removeprefix("WITH ")
    return con.execute(sql).fetchall()
