"""Row validation of the extracts, as DuckDB SQL, so a 40-million-row register is checked in one
vectorised pass instead of a Python loop per row.

Rules (documented in docs/population.md):

* NIK: 16 digits; its first four digits must be a Jawa Timur kabupaten/kota code and the next two a
  kecamatan of that kabupaten/kota. The NIK records the place of *first* registration, so it is not
  compared with the row's current desa (people move; their NIK does not change). The birth date
  digits (DDMMYY, day + 40 for women) must agree with the row's birth date and sex; serial 0000 is
  invalid; a repeated NIK is rejected from its second occurrence on.
* dates: invalid calendar dates are rejected, as are births and deaths after the extract date and
  deaths before birth.
* codes: the desa code must be a Kemendagri desa/kelurahan code of Jawa Timur; sex, relationship and
  marital status must be a known value.

Every failed rule adds an Indonesian reason; a row with at least one reason is quarantined with its
row number and a masked NIK (first four digits only: the kabupaten/kota, which says where to look
without identifying anybody). Nothing here raises on a bad row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from .schema import (
    MARITAL_CODES,
    MARITAL_STATUSES,
    RELATION_CODES,
    RELATIONS,
    SERVICE_ALIASES,
    SERVICES,
    SEX_CODES,
    Column,
)


class ExtractFormatError(ValueError):
    """The file as a whole cannot be read: missing, unknown format, or a required column absent."""


DIGITS16 = "'[0-9]{16}'"


def sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def sql_date(value: date) -> str:
    return f"DATE '{value.isoformat()}'"


def source_sql(path: str) -> str:
    """DuckDB table function reading one extract; everything is read as text so that a bad value
    becomes a quarantined row instead of a failed import."""
    lower = path.lower()
    if lower.endswith((".parquet", ".pq")):
        return f"read_parquet({sql_str(path)})"
    if lower.endswith((".csv", ".csv.gz", ".txt", ".tsv")):
        # null_padding: a short row becomes a row with empty fields (quarantined), not a failed
        # file; it also keeps the dialect sniffer from misreading ragged files.
        return f"read_csv({sql_str(path)}, all_varchar = true, header = true, null_padding = true)"
    raise ExtractFormatError(f"format berkas tidak dikenal (harus .csv atau .parquet): {path}")


def raw_select(
    source: str, present: Sequence[str], columns: Sequence[Column]
) -> tuple[str, list[str]]:
    """SELECT of the known columns as trimmed text (absent optional columns as NULL), and the
    optional columns that are absent. Required columns that are absent raise ExtractFormatError."""
    by_lower = {name.lower(): name for name in present}
    exprs, missing_required, missing_optional = [], [], []
    for col in columns:
        found = next((by_lower[c] for c in (col.name, *col.aliases) if c in by_lower), None)
        if found is None:
            (missing_required if col.required else missing_optional).append(col.name)
            exprs.append(f"CAST(NULL AS VARCHAR) AS {col.name}")
        else:
            quoted = '"' + found.replace('"', '""') + '"'
            exprs.append(f"NULLIF(trim(CAST({quoted} AS VARCHAR)), '') AS {col.name}")
    if missing_required:
        raise ExtractFormatError("kolom wajib tidak ada: " + ", ".join(missing_required))
    return f"SELECT {', '.join(exprs)} FROM {source}", missing_optional


def _parse_date(expr: str) -> str:
    # ISO dates first; SIAK exports also write DD-MM-YYYY or DD/MM/YYYY.
    return (
        f"CASE WHEN {expr} IS NULL THEN NULL ELSE COALESCE(TRY_CAST({expr} AS DATE), "
        f"CAST(try_strptime({expr}, '%d-%m-%Y') AS DATE), "
        f"CAST(try_strptime({expr}, '%d/%m/%Y') AS DATE)) END"
    )


def _lookup(expr: str, mapping: Mapping[str, str], canonical: Sequence[str]) -> str:
    pairs = {**{v: v for v in canonical}, **mapping}
    whens = " ".join(f"WHEN {sql_str(k)} THEN {sql_str(v)}" for k, v in pairs.items())
    return f"CASE upper({expr}) {whens} END"


def _desa(expr: str) -> str:
    # Accept 3527012001 as well as 35.27.01.2001; results always use the dotted form.
    return (
        f"CASE WHEN regexp_full_match({expr}, '[0-9]{{10}}') THEN substr({expr}, 1, 2) || '.' || "
        f"substr({expr}, 3, 2) || '.' || substr({expr}, 5, 2) || '.' || substr({expr}, 7, 4) "
        f"ELSE {expr} END"
    )


def _reasons(rules: Sequence[tuple[str, str]]) -> str:
    cases = ", ".join(f"CASE WHEN {cond} THEN {reason} END" for cond, reason in rules)
    return f"concat_ws('; ', {cases})"


def mask_nik_sql(expr: str) -> str:
    """Masked NIK: the first four characters when they are digits, the rest as asterisks."""
    return (
        f"CASE WHEN {expr} IS NULL THEN '' ELSE "
        f"CASE WHEN regexp_full_match(substr({expr}, 1, 4), '[0-9]{{4}}') "
        f"THEN substr({expr}, 1, 4) ELSE '****' END "
        f"|| repeat('*', least(greatest(length({expr}) - 4, 0), 16)) END"
    )


RESIDENT_DATES = (
    ("tgl_kawin", "perkawinan"),
    ("tgl_akta_kawin", "akta perkawinan"),
    ("tgl_rekam_ktpel", "perekaman KTP-el"),
    ("tgl_cetak_ktpel", "pencetakan KTP-el"),
    ("tgl_terbit_kia", "terbit KIA"),
    ("tgl_akta_lahir", "akta kelahiran"),
    ("tgl_meninggal", "meninggal"),
    ("tgl_akta_kematian", "akta kematian"),
    ("tgl_cetak_kk", "cetak KK"),
    ("tgl_terdaftar", "terdaftar"),
)


def stage_residents_sql(raw: str, extract_date: date) -> str:
    """First pass, in file order (projections only, so DuckDB keeps the order and ``rowid + 1``
    is the row number): parse every column and apply the rules that need no lookup. The NIK
    itself is not kept: only its number (for duplicates), its region prefixes, and the masked
    form for rows that already failed (a row failing later has a valid NIK, masked from its
    four-digit prefix)."""
    today = sql_date(extract_date)
    dates = ("tgl_lahir", *(c for c, _ in RESIDENT_DATES))
    parsed = ", ".join(f"{_parse_date(c)} AS d_{c}" for c in dates)
    nik = "nik_ok AND nik_tgl_ok"
    rules = [
        ("NOT nik_ok", "'NIK harus 16 angka'"),
        ("nik_ok AND NOT nik_tgl_ok", "'tanggal lahir pada NIK tidak sah'"),
        ("nik_ok AND substr(nik, 13, 4) = '0000'", "'nomor urut NIK 0000 tidak sah'"),
        (f"{nik} AND jk IS NOT NULL AND nik_jk <> jk", "'jenis kelamin tidak sesuai NIK'"),
        (
            f"{nik} AND d_tgl_lahir IS NOT NULL AND (nik_hari <> day(d_tgl_lahir) "
            "OR nik_bulan <> month(d_tgl_lahir) OR nik_tahun <> year(d_tgl_lahir) % 100)",
            "'tanggal lahir tidak sesuai NIK'",
        ),
        (
            "NOT regexp_full_match(coalesce(no_kk, ''), " + DIGITS16 + ")",
            "'nomor KK harus 16 angka'",
        ),
        ("jk IS NULL", "'jenis kelamin tidak dikenal'"),
        ("d_tgl_lahir IS NULL", "'tanggal lahir kosong atau tidak sah'"),
        (f"d_tgl_lahir > {today}", "'tanggal lahir melewati tanggal ekstrak'"),
        ("hubungan IS NULL", "'hubungan dalam keluarga tidak dikenal'"),
        ("kawin IS NULL", "'status perkawinan tidak dikenal'"),
        *(
            (f"{c} IS NOT NULL AND d_{c} IS NULL", sql_str(f"tanggal {label} tidak sah"))
            for c, label in RESIDENT_DATES
        ),
        ("d_tgl_meninggal < d_tgl_lahir", "'tanggal meninggal sebelum tanggal lahir'"),
        (f"d_tgl_meninggal > {today}", "'tanggal meninggal melewati tanggal ekstrak'"),
    ]
    typed_dates = ", ".join(f"d_{c} AS {c}" for c, _ in RESIDENT_DATES)
    return f"""
CREATE OR REPLACE TABLE tahap_penduduk AS
WITH p AS (
    SELECT *,
        regexp_full_match(coalesce(nik, ''), {DIGITS16}) AS nik_ok,
        {_lookup("jenis_kelamin", SEX_CODES, ("L", "P"))} AS jk,
        {_lookup("shdk", RELATION_CODES, RELATIONS)} AS hubungan,
        {_lookup("status_kawin", MARITAL_CODES, MARITAL_STATUSES)} AS kawin,
        {_desa("kode_desa")} AS desa,
        {parsed}
    FROM ({raw}) AS mentah
), q AS (
    SELECT *,
        CASE WHEN nik_ok THEN CAST(substr(nik, 7, 2) AS INTEGER) END AS nik_dd,
        CASE WHEN nik_ok THEN CAST(substr(nik, 9, 2) AS INTEGER) END AS nik_bulan,
        CASE WHEN nik_ok THEN CAST(substr(nik, 11, 2) AS INTEGER) END AS nik_tahun
    FROM p
), r AS (
    SELECT *,
        coalesce(nik_bulan BETWEEN 1 AND 12
            AND (nik_dd BETWEEN 1 AND 31 OR nik_dd BETWEEN 41 AND 71), false) AS nik_tgl_ok,
        CASE WHEN nik_dd > 40 THEN 'P' ELSE 'L' END AS nik_jk,
        CASE WHEN nik_dd > 40 THEN nik_dd - 40 ELSE nik_dd END AS nik_hari
    FROM q
), s AS (
    SELECT *, {_reasons(rules)} AS alasan FROM r
)
SELECT CASE WHEN alasan <> '' THEN {mask_nik_sql("nik")} END AS nik_samaran,
    CASE WHEN nik_ok THEN CAST(nik AS BIGINT) END AS nik_angka,
    CASE WHEN nik_ok THEN substr(nik, 1, 4) END AS nik_kab,
    CASE WHEN nik_ok THEN substr(nik, 1, 6) END AS nik_kec,
    hash(no_kk) AS kk_id, jk AS jenis_kelamin, d_tgl_lahir AS tgl_lahir, desa AS kode_desa,
    hubungan AS shdk, kawin AS status_kawin, no_akta_kawin IS NOT NULL AS ada_akta_kawin,
    no_akta_lahir IS NOT NULL AS ada_akta_lahir,
    no_akta_kematian IS NOT NULL AS ada_akta_kematian, {typed_dates}, alasan
FROM s
"""


def _duplicates_sql(table: str, key: str) -> str:
    """Keys that occur more than once, with the row number of their first occurrence."""
    return (
        f"CREATE OR REPLACE TEMP TABLE ganda_{table} AS SELECT {key} AS kunci, "
        f"MIN(rowid) + 1 AS pertama FROM tahap_{table} WHERE {key} IS NOT NULL "
        f"GROUP BY {key} HAVING COUNT(*) > 1"
    )


def finish_residents_sql(typed: str) -> list[str]:
    """Second pass: the rules that need a lookup (region codes, duplicates). Valid rows go to
    ``penduduk`` with the ``typed`` select list, the others to ``karantina``."""
    base = (
        "FROM (SELECT rowid + 1 AS baris, * FROM tahap_penduduk) AS t "
        "LEFT JOIN nik_kabupaten AS kab ON kab.k = t.nik_kab "
        "LEFT JOIN nik_kecamatan AS kec ON kec.k = t.nik_kec "
        "LEFT JOIN wilayah_desa AS ds ON ds.kode_desa = t.kode_desa "
        "LEFT JOIN ganda_penduduk AS g ON g.kunci = t.nik_angka"
    )
    rules = [
        (
            "t.nik_kab IS NOT NULL AND kab.k IS NULL",
            "'kode kabupaten/kota pada NIK bukan kode Jawa Timur'",
        ),
        (
            "kab.k IS NOT NULL AND kec.k IS NULL",
            "'kode kecamatan pada NIK tidak ada di kabupaten/kota tersebut'",
        ),
        (
            "g.pertama IS NOT NULL AND t.baris > g.pertama",
            "'NIK ganda (sama dengan baris ' || g.pertama || ')'",
        ),
        ("ds.kode_desa IS NULL", "'kode desa/kelurahan tidak dikenal'"),
    ]
    reasons = _reasons([("t.alasan <> ''", "t.alasan"), *rules])
    valid = (
        "t.alasan = '' AND kec.k IS NOT NULL AND ds.kode_desa IS NOT NULL "
        "AND (g.pertama IS NULL OR t.baris = g.pertama)"
    )
    return [
        _duplicates_sql("penduduk", "nik_angka"),
        f"CREATE OR REPLACE TABLE penduduk AS SELECT {typed} {base} WHERE {valid}",
        "CREATE OR REPLACE TABLE karantina AS SELECT 'penduduk' AS berkas, baris, "
        "nik_samaran, alasan FROM (SELECT t.baris, "
        "coalesce(t.nik_samaran, t.nik_kab || '************') AS nik_samaran, "
        f"{reasons} AS alasan {base} WHERE NOT ({valid})) AS t",
        "DROP TABLE tahap_penduduk; DROP TABLE ganda_penduduk",
    ]


def stage_services_sql(raw: str, extract_date: date) -> str:
    """First pass over the service transactions (see stage_residents_sql)."""
    today = sql_date(extract_date)
    normalised = "replace(replace(upper(jenis_layanan), '-', '_'), ' ', '_')"
    aliases = {k.replace("-", "_").replace(" ", "_"): v for k, v in SERVICE_ALIASES.items()}
    rules = [
        ("no_permohonan IS NULL", "'nomor permohonan kosong'"),
        ("jenis IS NULL", "'jenis layanan tidak dikenal'"),
        ("d_minta IS NULL", "'tanggal permohonan kosong atau tidak sah'"),
        (f"d_minta > {today}", "'tanggal permohonan melewati tanggal ekstrak'"),
        ("tgl_selesai IS NOT NULL AND d_selesai IS NULL", "'tanggal selesai tidak sah'"),
        ("d_selesai < d_minta", "'tanggal selesai sebelum tanggal permohonan'"),
        (f"d_selesai > {today}", "'tanggal selesai melewati tanggal ekstrak'"),
    ]
    return f"""
CREATE OR REPLACE TABLE tahap_layanan AS
WITH p AS (
    SELECT no_permohonan, tgl_selesai,
        {_lookup(normalised, aliases, tuple(SERVICES))} AS jenis,
        {_desa("kode_desa")} AS kode_desa,
        {_parse_date("tgl_permohonan")} AS d_minta,
        {_parse_date("tgl_selesai")} AS d_selesai
    FROM ({raw}) AS mentah
)
SELECT no_permohonan, jenis, kode_desa, d_minta AS tgl_permohonan, d_selesai AS tgl_selesai,
    {_reasons(rules)} AS alasan
FROM p
"""


def finish_services_sql(typed: str) -> list[str]:
    base = (
        "FROM (SELECT rowid + 1 AS baris, * FROM tahap_layanan) AS t "
        "LEFT JOIN wilayah_desa AS ds ON ds.kode_desa = t.kode_desa "
        "LEFT JOIN ganda_layanan AS g ON g.kunci = t.no_permohonan"
    )
    rules = [
        (
            "g.pertama IS NOT NULL AND t.baris > g.pertama",
            "'nomor permohonan ganda (sama dengan baris ' || g.pertama || ')'",
        ),
        ("ds.kode_desa IS NULL", "'kode desa/kelurahan tidak dikenal'"),
    ]
    valid = (
        "t.alasan = '' AND ds.kode_desa IS NOT NULL AND (g.pertama IS NULL OR t.baris = g.pertama)"
    )
    reasons = _reasons([("t.alasan <> ''", "t.alasan"), *rules])
    return [
        _duplicates_sql("layanan", "no_permohonan"),
        f"CREATE OR REPLACE TABLE layanan AS SELECT {typed} {base} WHERE {valid}",
        f"INSERT INTO karantina SELECT 'layanan', t.baris, '', {reasons} {base} "
        f"WHERE NOT ({valid})",
        "DROP TABLE tahap_layanan; DROP TABLE ganda_layanan",
    ]
