"""Row validation of the extracts, as DuckDB SQL, so a 40-million-row register is checked in one
vectorised pass instead of a Python loop per row.

Two kinds of findings (docs/population.md, section 2):

* **quarantine** (``alasan``): the row cannot be a resident: no NIK, a malformed NIK (not 16
  digits, a province code that does not exist, impossible birth-date digits, serial 0000), an
  impossible or missing birth date, an invalid calendar date, a death before birth or after the
  extract, an unknown desa code, or a second row with the same NIK.
* **note** (``catatan``): the resident is kept and the row is reported. A NIK is for life (UU
  23/2006 jo. 24/2013): when a birth date or sex was corrected later the NIK digits stay as
  issued, and a NIK may have been issued in another province or under a kabupaten/kecamatan code
  that was later split. So a NIK that disagrees with ``tgl_lahir``/``jenis_kelamin``, or whose
  kabupaten/kecamatan is not in today's Kemendagri list, is a note, not a rejection; so are an
  unknown sex, relationship or marital status and a malformed KK number (the resident then counts
  in the person indicators but in no family).

Privacy: the NIK and the KK number never reach a table. The first pass keeps only a salted 128-bit
MD5 of each (``nik_kunci``, ``kk_kunci``: the salt is random per import and held in memory only),
the NIK's region prefixes and, for rejected rows, the masked NIK. A working file left by a killed
import therefore holds no NIK in clear. DuckDB's ``hash()`` is not used for keys: it is 64-bit and
under DuckDB 2.x distinct KK numbers collide (3527030201120026 and 3527030501120023).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from .schema import (
    FLAG_CODES,
    MARITAL_CODES,
    MARITAL_STATUSES,
    MARRIED,
    REGION_PARTS,
    RELATION_CODES,
    RELATIONS,
    SERVICE_ALIASES,
    SERVICES,
    SEX_CODES,
    Column,
)
from .sources import ExtractFormatError, sql_str

DIGITS16 = "'[0-9]{16}'"
NIK_PROVINCES_WITH_KECAMATAN = ("35",)  # provinces whose kecamatan codes are shipped


def sql_date(value: date) -> str:
    return f"DATE '{value.isoformat()}'"


def raw_select(
    source: str, present: Sequence[str], columns: Sequence[Column]
) -> tuple[str, list[str]]:
    """SELECT of the known columns as trimmed text (absent optional columns as NULL), and the
    optional columns that are absent. Required columns that are absent raise ExtractFormatError;
    ``kode_desa`` may instead come from SIAK's NO_PROP/NO_KAB/NO_KEC/NO_KEL."""
    by_lower = {name.lower().strip(): name for name in present}

    def text(name: str) -> str:
        quoted = '"' + name.replace('"', '""') + '"'
        return f"NULLIF(trim(CAST({quoted} AS VARCHAR)), '')"

    exprs, missing_required, missing_optional = [], [], []
    for col in columns:
        found = next((by_lower[c] for c in (col.name, *col.aliases) if c in by_lower), None)
        if (
            found is None
            and col.name == "kode_desa"
            and all(p in by_lower for p, _ in REGION_PARTS)
        ):
            parts = [f"lpad({text(by_lower[p])}, {w}, '0')" for p, w in REGION_PARTS]
            exprs.append(f"({' || '.join(parts)}) AS kode_desa")
        elif found is None:
            (missing_required if col.required else missing_optional).append(col.name)
            exprs.append(f"CAST(NULL AS VARCHAR) AS {col.name}")
        else:
            exprs.append(f"{text(found)} AS {col.name}")
    if missing_required:
        raise ExtractFormatError("kolom wajib tidak ada: " + ", ".join(missing_required))
    return f"SELECT {', '.join(exprs)} FROM {source}", missing_optional


def _parse_date(expr: str) -> str:
    # ISO dates first; SIAK exports also write DD-MM-YYYY, DD/MM/YYYY or a timestamp.
    return (
        f"CASE WHEN {expr} IS NULL THEN NULL ELSE COALESCE(TRY_CAST({expr} AS DATE), "
        f"CAST(try_strptime({expr}, '%d-%m-%Y') AS DATE), "
        f"CAST(try_strptime({expr}, '%d/%m/%Y') AS DATE), "
        f"CAST(TRY_CAST({expr} AS TIMESTAMP) AS DATE)) END"
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


def _digits_date(expr: str, day_expr: str, pivot: int) -> str:
    """The DDMMYY date at digits 7-12 of a NIK or KK number; NULL when it is not a calendar date.
    Two-digit years after ``pivot`` (the extract's year) are 19xx."""
    yy = f"CAST(substr({expr}, 11, 2) AS INTEGER)"
    year = f"(CASE WHEN 2000 + {yy} > {pivot} THEN 1900 + {yy} ELSE 2000 + {yy} END)"
    return f"TRY_CAST(printf('%04d-%s-%02d', {year}, substr({expr}, 9, 2), {day_expr}) AS DATE)"


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
    ("tgl_terbit_kk", "terbit KK"),
    ("tgl_terdaftar", "terdaftar"),
)


def stage_residents_sql(raw: str, extract_date: date, salt: str) -> str:
    """First pass, in file order (projections only, so DuckDB keeps the order and ``rowid + 1``
    is the row number): parse every column and apply the rules that need no lookup. The NIK and KK
    number leave this query only as salted MD5 keys (see the module docstring)."""
    today = sql_date(extract_date)
    dates = ("tgl_lahir", *(c for c, _ in RESIDENT_DATES))
    parsed = ", ".join(f"{_parse_date(c)} AS d_{c}" for c in dates)
    rules = [
        ("nik IS NULL", "'NIK kosong'"),
        ("nik IS NOT NULL AND NOT nik_ok", "'NIK harus 16 angka'"),
        ("nik_ok AND nik_tgl IS NULL", "'tanggal lahir pada NIK tidak sah'"),
        ("nik_ok AND substr(nik, 13, 4) = '0000'", "'nomor urut NIK 0000 tidak sah'"),
        ("d_tgl_lahir IS NULL", "'tanggal lahir kosong atau tidak sah'"),
        (f"d_tgl_lahir > {today}", "'tanggal lahir melewati tanggal ekstrak'"),
        *(
            (f"{c} IS NOT NULL AND d_{c} IS NULL", sql_str(f"tanggal {label} tidak sah"))
            for c, label in RESIDENT_DATES
        ),
        ("d_tgl_meninggal < d_tgl_lahir", "'tanggal meninggal sebelum tanggal lahir'"),
        (f"d_tgl_meninggal > {today}", "'tanggal meninggal melewati tanggal ekstrak'"),
    ]
    notes = [
        (
            "nik_tgl IS NOT NULL AND jk IS NOT NULL AND nik_jk <> jk",
            "'jenis kelamin berbeda dengan NIK (data dikoreksi? NIK tetap)'",
        ),
        (
            "nik_tgl IS NOT NULL AND d_tgl_lahir IS NOT NULL AND (day(nik_tgl) <> day(d_tgl_lahir) "
            "OR month(nik_tgl) <> month(d_tgl_lahir) OR year(nik_tgl) % 100 <> year(d_tgl_lahir) "
            "% 100)",
            "'tanggal lahir berbeda dengan NIK (data dikoreksi? NIK tetap)'",
        ),
        ("NOT kk_ok", "'nomor KK harus 16 angka (tidak dihitung dalam indikator keluarga)'"),
        ("jk IS NULL", "'jenis kelamin tidak dikenal'"),
        ("hubungan IS NULL", "'hubungan dalam keluarga tidak dikenal'"),
        ("kawin IS NULL", "'status perkawinan tidak dikenal'"),
    ]
    typed_dates = ", ".join(f"d_{c} AS {c}" for c, _ in RESIDENT_DATES)
    day = "(CASE WHEN nik_dd > 40 THEN nik_dd - 40 ELSE nik_dd END)"
    pivot = extract_date.year
    flag_kawin = _lookup("akta_kawin", FLAG_CODES, ())
    flag_lahir = _lookup("akta_lahir", FLAG_CODES, ())
    return f"""
CREATE OR REPLACE TEMP TABLE tahap_penduduk AS
WITH p AS (
    SELECT *,
        regexp_full_match(coalesce(nik, ''), {DIGITS16}) AS nik_ok,
        regexp_full_match(coalesce(no_kk, ''), {DIGITS16}) AS kk_ok,
        {_lookup("jenis_kelamin", SEX_CODES, ("L", "P"))} AS jk,
        {_lookup("shdk", RELATION_CODES, RELATIONS)} AS hubungan,
        {_lookup("status_kawin", MARITAL_CODES, MARITAL_STATUSES)} AS kawin,
        {_desa("kode_desa")} AS desa,
        {parsed}
    FROM ({raw}) AS mentah
), q AS (
    SELECT *, CASE WHEN nik_ok THEN CAST(substr(nik, 7, 2) AS INTEGER) END AS nik_dd FROM p
), r AS (
    SELECT *,
        CASE WHEN nik_ok AND (nik_dd BETWEEN 1 AND 31 OR nik_dd BETWEEN 41 AND 71)
            THEN {_digits_date("nik", day, 2000 + 99)} END AS nik_tgl,
        CASE WHEN nik_dd > 40 THEN 'P' ELSE 'L' END AS nik_jk
    FROM q
), s AS (
    SELECT *, {_reasons(rules)} AS alasan, {_reasons(notes)} AS catatan FROM r
)
SELECT CASE WHEN alasan <> '' THEN {mask_nik_sql("nik")} END AS nik_samaran,
    CASE WHEN nik_ok THEN md5_number({sql_str(salt)} || nik) END AS nik_kunci,
    CASE WHEN nik_ok THEN substr(nik, 1, 2) END AS nik_prov,
    CASE WHEN nik_ok THEN substr(nik, 1, 4) END AS nik_kab,
    CASE WHEN nik_ok THEN substr(nik, 1, 6) END AS nik_kec,
    CASE WHEN kk_ok THEN md5_number({sql_str(salt)} || no_kk) END AS kk_kunci,
    CASE WHEN kk_ok THEN {_digits_date("no_kk", "CAST(substr(no_kk, 7, 2) AS INTEGER)", pivot)}
        END AS kk_tgl,
    jk AS jenis_kelamin, d_tgl_lahir AS tgl_lahir, desa AS kode_desa,
    hubungan AS shdk, kawin AS status_kawin,
    (no_akta_kawin IS NOT NULL OR coalesce({flag_kawin} = 'Y', false)) AS ada_akta_kawin,
    (no_akta_lahir IS NOT NULL OR coalesce({flag_lahir} = 'Y', false)) AS ada_akta_lahir,
    no_akta_kematian IS NOT NULL AS ada_akta_kematian, {typed_dates}, alasan, catatan
FROM s
"""


def _fifth_birthday(birth: str) -> str:
    # 29 February: the birthday is 1 March in a year that is not a leap year (docs, section 4).
    return (
        f"CASE WHEN month({birth}) = 2 AND day({birth}) = 29 AND NOT "
        f"((year({birth}) + 5) % 4 = 0 AND ((year({birth}) + 5) % 100 <> 0 "
        f"OR (year({birth}) + 5) % 400 = 0)) THEN make_date(year({birth}) + 5, 3, 1) "
        f"ELSE make_date(year({birth}) + 5, month({birth}), day({birth})) END"
    )


def finish_residents_sql() -> list[str]:
    """Second pass: the rules that need a lookup (region codes, duplicates), then the family facts
    that the family indicators need, computed once here so that computing the indicators is one
    pass over the residents (no grouping by family per reference date):

    * ``kk_kepala``: this row is its family's head (the first KEPALA KELUARGA row of the KK);
    * ``kk_terbit``: on the head's row, the date the family's KK was first issued: the earliest of
      the KK number's own issue date (digits 7-12, DDMMYY), ``tgl_terbit_kk`` and
      ``tgl_cetak_kk``, provided the KK was issued or printed at all; ``kk_cetak``: latest print;
    * ``pasangan_sejak``/``pasangan_sampai``: on a spouse's row, the period in which the head of
      the KK is a married resident (born, registered and married by, not dead before).

    Families are numbered densely (``kk_id`` 1..n) from the salted KK key; the engine checks that
    there are as many family ids as distinct KK numbers."""
    married = ", ".join(sql_str(v) for v in MARRIED)
    kec_prov = ", ".join(sql_str(v) for v in NIK_PROVINCES_WITH_KECAMATAN)
    rules = [
        ("t.alasan <> ''", "t.alasan"),
        ("t.nik_prov IS NOT NULL AND pr.k IS NULL", "'kode provinsi pada NIK tidak dikenal'"),
        ("ds.kode_desa IS NULL", "'kode desa/kelurahan tidak dikenal'"),
        (
            "g.pertama IS NOT NULL AND t.baris > g.pertama",
            "'NIK ganda (sama dengan baris ' || g.pertama || ')'",
        ),
    ]
    notes = [
        ("t.catatan <> ''", "t.catatan"),
        (
            "pr.k IS NOT NULL AND kb.k IS NULL",
            "'kode kabupaten/kota pada NIK tidak ada di daftar Kemendagri (kode lama?)'",
        ),
        (
            f"kb.k IS NOT NULL AND t.nik_prov IN ({kec_prov}) AND kc.k IS NULL",
            "'kode kecamatan pada NIK tidak ada di daftar Kemendagri (kode lama?)'",
        ),
    ]
    return [
        "CREATE OR REPLACE TEMP TABLE ganda_penduduk AS SELECT nik_kunci AS kunci, "
        "MIN(rowid) + 1 AS pertama FROM tahap_penduduk WHERE nik_kunci IS NOT NULL "
        "GROUP BY nik_kunci HAVING COUNT(*) > 1",
        "CREATE OR REPLACE TEMP TABLE periksa AS SELECT t.* EXCLUDE (alasan, catatan, nik_kec), "
        f"{_reasons(rules)} AS alasan, {_reasons(notes)} AS catatan "
        "FROM (SELECT rowid + 1 AS baris, * FROM tahap_penduduk) AS t "
        "LEFT JOIN nik_provinsi AS pr ON pr.k = t.nik_prov "
        "LEFT JOIN nik_kabupaten AS kb ON kb.k = t.nik_kab "
        "LEFT JOIN nik_kecamatan AS kc ON kc.k = t.nik_kec "
        "LEFT JOIN wilayah_desa AS ds ON ds.kode_desa = t.kode_desa "
        "LEFT JOIN ganda_penduduk AS g ON g.kunci = t.nik_kunci",
        "DROP TABLE tahap_penduduk; DROP TABLE ganda_penduduk",
        "CREATE OR REPLACE TEMP TABLE keluarga AS SELECT kk_kunci, "
        "row_number() OVER () AS kk_id, "
        "MIN(baris) FILTER (WHERE shdk = 'KEPALA KELUARGA') AS kepala_baris, "
        "CASE WHEN MIN(tgl_terbit_kk) IS NOT NULL OR MIN(tgl_cetak_kk) IS NOT NULL THEN "
        "least(coalesce(MIN(kk_tgl), DATE '9999-12-31'), "
        "coalesce(MIN(tgl_terbit_kk), DATE '9999-12-31'), "
        "coalesce(MIN(tgl_cetak_kk), DATE '9999-12-31')) END AS kk_terbit, "
        "MAX(tgl_cetak_kk) AS kk_cetak "
        "FROM periksa WHERE alasan = '' AND kk_kunci IS NOT NULL GROUP BY kk_kunci",
        "CREATE OR REPLACE TEMP TABLE kepala AS SELECT k.kk_kunci, k.kk_id, k.kepala_baris, "
        "k.kk_terbit, k.kk_cetak, "
        f"CASE WHEN h.status_kawin IN ({married}) THEN "
        "greatest(h.tgl_lahir, coalesce(h.tgl_terdaftar, h.tgl_lahir), "
        "coalesce(h.tgl_kawin, h.tgl_lahir)) END AS sejak, h.tgl_meninggal AS sampai "
        "FROM keluarga AS k LEFT JOIN periksa AS h ON h.baris = k.kepala_baris",
        "DROP TABLE keluarga",
    ]


def residents_table_sql() -> str:
    """The accepted residents, typed narrowly (codes as ENUMs, dates as DATE, flags as BOOLEAN),
    with the family facts of finish_residents_sql. No NIK, no KK number, no key derived from
    them: only the dense family number."""
    spouse = "p.shdk IN ('ISTRI', 'SUAMI') AND p.baris <> k.kepala_baris"
    head = "p.baris = k.kepala_baris"
    return f"""
CREATE OR REPLACE TABLE penduduk AS
SELECT CAST(k.kk_id AS INTEGER) AS kk_id, CAST(p.kode_desa AS kode_desa_t) AS kode_desa,
    p.jenis_kelamin, p.tgl_lahir, CAST(p.shdk AS shdk_t) AS shdk,
    CAST(p.status_kawin AS status_kawin_t) AS status_kawin, p.tgl_kawin, p.ada_akta_kawin,
    p.tgl_akta_kawin, p.tgl_rekam_ktpel, p.tgl_cetak_ktpel, p.tgl_terbit_kia,
    CASE WHEN p.tgl_terbit_kia < {_fifth_birthday("p.tgl_lahir")}
        THEN {_fifth_birthday("p.tgl_lahir")} END AS kia_balita_habis,
    p.ada_akta_lahir, p.tgl_akta_lahir, p.tgl_meninggal, p.ada_akta_kematian,
    p.tgl_akta_kematian, p.tgl_terdaftar,
    coalesce({head}, false) AS kk_kepala,
    CASE WHEN {head} THEN k.kk_terbit END AS kk_terbit,
    CASE WHEN {head} THEN k.kk_cetak END AS kk_cetak,
    CASE WHEN {spouse} THEN k.sejak END AS pasangan_sejak,
    CASE WHEN {spouse} THEN k.sampai END AS pasangan_sampai
FROM periksa AS p LEFT JOIN kepala AS k ON k.kk_kunci = p.kk_kunci
WHERE p.alasan = ''
"""


def report_sql() -> str:
    """The report of rejected rows and of accepted rows with a note (one more note: a second head
    in the same KK), with the masked NIK only."""
    masked = "coalesce(p.nik_samaran, p.nik_kab || '************', '')"
    extra = (
        "CASE WHEN p.alasan = '' AND p.shdk = 'KEPALA KELUARGA' AND k.kepala_baris <> p.baris "
        "THEN 'lebih dari satu kepala keluarga dalam satu KK' END"
    )
    notes = f"concat_ws('; ', CASE WHEN p.catatan <> '' THEN p.catatan END, {extra})"
    return f"""
CREATE OR REPLACE TABLE karantina AS
SELECT berkas, baris, nik_samaran, alasan, tindakan FROM (
    SELECT 'penduduk' AS berkas, p.baris, {masked} AS nik_samaran,
        CASE WHEN p.alasan <> '' THEN p.alasan ELSE {notes} END AS alasan,
        CASE WHEN p.alasan <> '' THEN 'ditolak' ELSE 'diterima dengan catatan' END AS tindakan
    FROM periksa AS p LEFT JOIN kepala AS k ON k.kk_kunci = p.kk_kunci
    WHERE p.alasan <> '' OR p.catatan <> '' OR ({extra}) IS NOT NULL
) AS r
"""


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
CREATE OR REPLACE TEMP TABLE tahap_layanan AS
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
        "CREATE OR REPLACE TEMP TABLE ganda_layanan AS SELECT no_permohonan AS kunci, "
        "MIN(rowid) + 1 AS pertama FROM tahap_layanan WHERE no_permohonan IS NOT NULL "
        "GROUP BY no_permohonan HAVING COUNT(*) > 1",
        f"CREATE OR REPLACE TABLE layanan AS SELECT {typed} {base} WHERE {valid}",
        f"INSERT INTO karantina SELECT 'layanan', t.baris, '', {reasons}, 'ditolak' {base} "
        f"WHERE NOT ({valid})",
        "DROP TABLE tahap_layanan; DROP TABLE ganda_layanan",
    ]
