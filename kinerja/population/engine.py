"""Import a SIAK extract into a working DuckDB database, validate it, and compute the indicators.

The working database holds personal data (birth dates; NIK numbers until validation is done) only
for as long as the computation needs it: by default it lives in memory and disappears with the
connection. What kinerja keeps are the ``AreaResult`` and ``ServiceCount`` aggregates and the
quarantine report, which carries a masked NIK and no other personal data (UU 27/2022).
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from . import definitions, tally
from .definitions import Rules
from .regions import LEVEL_CODE, LEVELS, NASIONAL_CSV, WILAYAH_CSV
from .schema import MARITAL_STATUSES, RELATIONS, RESIDENT_COLUMNS, SERVICE_COLUMNS, SERVICES
from .sources import ExtractFormatError, explain, open_source, sql_str
from .validation import (
    finish_residents_sql,
    finish_services_sql,
    raw_select,
    report_sql,
    residents_table_sql,
    sql_date,
    stage_residents_sql,
    stage_services_sql,
)

log = logging.getLogger(__name__)

# Called with (stage description in Indonesian, steps done, total steps).
ProgressCallback = Callable[[str, int, int], None]

_SERVICE_TYPED = (
    "CAST(t.jenis AS jenis_layanan_t) AS jenis, CAST(t.kode_desa AS kode_desa_t) AS kode_desa, "
    "t.tgl_permohonan, t.tgl_selesai"
)


class FamilyIdError(RuntimeError):
    """The family ids do not match the KK numbers one to one: the family figures would be wrong."""


@dataclass(frozen=True, slots=True)
class AreaResult:
    indicator: str
    area_code: str  # dotted Kemendagri code
    area_level: str  # kabupaten, kecamatan or desa (desa includes kelurahan)
    numerator: int
    denominator: int
    as_of: date


@dataclass(frozen=True, slots=True)
class ServiceCount:
    service: str  # KTP_EL, KK, KIA, PINDAH, DATANG, AKTA_KELAHIRAN, ...
    month: date  # first day of the month
    area_code: str
    area_level: str
    requested: int  # requests submitted in the month
    completed: int  # requests completed in the month


@dataclass(frozen=True, slots=True)
class QuarantineRow:
    file: str  # "penduduk" or "layanan"
    row: int  # data row number, 1 = first row after the header
    nik_masked: str
    reason: str
    action: str = "ditolak"  # or "diterima dengan catatan"


def remove_working_files(db_path: Path) -> None:
    """Delete a working database with its WAL and spill directory (they hold personal data)."""
    for p in (db_path, Path(f"{db_path}.wal")):
        p.unlink(missing_ok=True)
    shutil.rmtree(f"{db_path}.tmp", ignore_errors=True)


@dataclass
class ImportSummary:
    con: duckdb.DuckDBPyConnection = field(repr=False)
    residents_accepted: int
    residents_rejected: int
    services_accepted: int
    services_rejected: int
    extract_date: date
    kabupaten: tuple[str, ...]
    reasons: dict[str, int]  # rejection reason -> rows, across both files
    missing_columns: dict[str, list[str]]  # optional columns absent from each file
    db_path: Path | None = None
    warnings: dict[str, int] = field(default_factory=dict)  # note -> accepted rows with it
    residents_noted: int = 0  # accepted residents with at least one note
    families: int = 0  # distinct KK numbers among accepted residents (= family ids)
    notes: list[str] = field(default_factory=list)  # about the files (e.g. read as Latin-1)
    spill_dir: Path | None = field(default=None, repr=False)

    @property
    def accepted(self) -> int:
        return self.residents_accepted + self.services_accepted

    @property
    def rejected(self) -> int:
        return self.residents_rejected + self.services_rejected

    def quarantine(self, limit: int | None = None) -> list[QuarantineRow]:
        sql = (
            "SELECT berkas, baris, nik_samaran, alasan, tindakan FROM karantina "
            "ORDER BY berkas DESC, baris"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [QuarantineRow(*row) for row in self.con.execute(sql).fetchall()]

    def write_quarantine(self, path: str | Path) -> int:
        """Write the report as CSV (berkas, baris, nik_samaran, alasan, tindakan), readable by the
        owner only; returns the number of rejected rows."""
        path = Path(path)
        path.touch(mode=0o600, exist_ok=True)
        os.chmod(path, 0o600)
        self.con.execute(
            "COPY (SELECT berkas, baris, nik_samaran, alasan, tindakan FROM karantina "
            f"ORDER BY berkas DESC, baris) TO {sql_str(str(path))} (HEADER, DELIMITER ',')"
        )
        os.chmod(path, 0o600)
        return self.rejected

    def close(self) -> None:
        """Close the working database, deleting its files: they hold personal data."""
        self.con.close()
        if self.db_path is not None:
            remove_working_files(self.db_path)
        if self.spill_dir is not None:
            shutil.rmtree(self.spill_dir, ignore_errors=True)


def _notify(progress: ProgressCallback | None, stage: str, done: int, total: int) -> None:
    if progress is not None:
        progress(stage, done, total)


def _connect(db_path: Path | None, memory_limit: str | None, threads: int | None):
    """A DuckDB connection whose files are private: the database file and its WAL 0600, the spill
    directory 0700 (``<db>.tmp`` next to a file database, a fresh ``mkdtemp`` otherwise)."""
    config: dict[str, str | int | bool] = {
        "preserve_insertion_order": True,  # row numbers of the quarantine depend on it
    }
    if memory_limit:
        config["memory_limit"] = memory_limit
    if threads:
        config["threads"] = threads
    if db_path is None:
        spill = Path(tempfile.mkdtemp(prefix="kinerja-duckdb-"))
    else:
        spill = Path(f"{db_path}.tmp")
        spill.mkdir(mode=0o700, exist_ok=True)
        db_path.touch(mode=0o600, exist_ok=True)
        db_path.unlink()  # DuckDB refuses an empty file; the umask below keeps it private
    config["temp_directory"] = str(spill)
    con = duckdb.connect(":memory:" if db_path is None else str(db_path), config=config)
    if db_path is not None:
        os.chmod(db_path, 0o600)
    con.execute("SET enable_progress_bar = false")  # progress goes through the callback
    return con, (spill if db_path is None else None)


def _load_regions(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE OR REPLACE TEMP TABLE wilayah AS SELECT * FROM "
        f"read_csv({sql_str(str(WILAYAH_CSV))}, all_varchar = true, header = true)"
    )
    con.execute(
        "CREATE OR REPLACE TABLE wilayah_desa AS SELECT code AS kode_desa, parent AS "
        "kode_kecamatan, substr(code, 1, 5) AS kode_kabupaten FROM wilayah "
        "WHERE level IN ('desa', 'kelurahan')"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE nasional AS SELECT * FROM "
        f"read_csv({sql_str(str(NASIONAL_CSV))}, all_varchar = true, header = true)"
    )
    tables = (
        ("nik_provinsi", "nasional", "provinsi"),
        ("nik_kabupaten", "nasional", "kabupaten_kota"),
        ("nik_kecamatan", "wilayah", "kecamatan"),
    )
    for table, source, level in tables:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT replace(code, '.', '') AS k "
            f"FROM {source} WHERE level = '{level}'"
        )
    enums = {
        "kode_desa_t": "SELECT kode_desa FROM wilayah_desa",
        "shdk_t": ", ".join(sql_str(v) for v in RELATIONS),
        "status_kawin_t": ", ".join(sql_str(v) for v in MARITAL_STATUSES),
        "jenis_layanan_t": ", ".join(sql_str(v) for v in SERVICES),
    }
    for name, values in enums.items():
        con.execute(f"CREATE TYPE IF NOT EXISTS {name} AS ENUM ({values})")


def _stage(con, path: str | Path, columns, stage, notes: list[str]) -> list[str]:
    source = open_source(path)
    if source.note:
        notes.append(source.note)
    raw, missing = raw_select(source.sql, source.columns, columns)
    try:
        con.execute(stage(raw))
    except duckdb.Error as exc:
        # The DuckDB message quotes the line of the file: never pass it on.
        raise ExtractFormatError(explain(exc, Path(path).name)) from None
    return missing


def import_extract(
    residents_path: str | Path,
    services_path: str | Path | None = None,
    db_path: str | Path | None = None,
    *,
    extract_date: date | None = None,
    memory_limit: str | None = None,
    threads: int | None = None,
    progress: ProgressCallback | None = None,
) -> ImportSummary:
    """Load and validate the extracts; bad rows are quarantined, never fatal.

    ``extract_date`` (default today) is the date the extract was taken: births, deaths and requests
    after it are impossible. ``memory_limit`` (e.g. "4GB") bounds DuckDB, which then spills to disk;
    ``db_path`` puts the working database in a file (0600), deleted again by
    ``ImportSummary.close()`` and on any failure. Raises ExtractFormatError only when a file as a
    whole cannot be an extract, FamilyIdError if the family ids do not match the KK numbers.
    """
    extract_date = extract_date or date.today()
    path = Path(db_path) if db_path is not None else None
    if path is not None:  # a stale working database from an interrupted run
        remove_working_files(path)
    total = 7
    salt = secrets.token_hex(16)  # in memory only: the keys in the working tables are useless
    _notify(progress, "Menyiapkan basis data kerja", 0, total)
    # Every file DuckDB creates while importing (database, WAL, spill files) is the owner's only.
    # The umask is process-wide: imports run in their own process (jobs.py, the command).
    old_umask = os.umask(0o077)
    try:
        return _import(
            residents_path,
            services_path,
            path,
            extract_date,
            memory_limit,
            threads,
            progress,
            salt,
            total,
        )
    finally:
        os.umask(old_umask)


def _import(residents_path, services_path, path, extract_date, memory_limit, threads, progress,
            salt, total) -> ImportSummary:  # fmt: skip
    con, spill = _connect(path, memory_limit, threads)
    notes: list[str] = []
    try:
        _load_regions(con)
        _notify(progress, "Membaca dan memeriksa ekstrak penduduk", 1, total)

        def stage_p(raw: str) -> str:
            return stage_residents_sql(raw, extract_date, salt)

        missing = {"penduduk": _stage(con, residents_path, RESIDENT_COLUMNS, stage_p, notes)}
        _notify(progress, "Mencocokkan kode wilayah, NIK ganda dan keluarga", 2, total)
        for sql in finish_residents_sql():
            con.execute(sql)
        con.execute(residents_table_sql())
        con.execute(report_sql())
        families = _check_families(con)
        con.execute("DROP TABLE periksa; DROP TABLE kepala")
        _notify(progress, "Membaca dan memeriksa ekstrak layanan", 4, total)
        missing["layanan"] = []
        if services_path is None:
            empty = ", ".join(f"CAST(NULL AS VARCHAR) AS {c.name}" for c in SERVICE_COLUMNS)
            con.execute(stage_services_sql(f"SELECT {empty} LIMIT 0", extract_date))
        else:

            def stage_s(raw: str) -> str:
                return stage_services_sql(raw, extract_date)

            missing["layanan"] = _stage(con, services_path, SERVICE_COLUMNS, stage_s, notes)
        _notify(progress, "Mencocokkan kode wilayah layanan", 5, total)
        for sql in finish_services_sql(_SERVICE_TYPED):
            con.execute(sql)
        _notify(progress, "Meringkas hasil impor", 6, total)
        _area_desa(con)
        tally.build(con)
        summary = _summarise(con, extract_date, missing, path)
        summary.families, summary.notes, summary.spill_dir = families, notes, spill
    except BaseException:
        con.close()
        if path is not None:  # never leave personal data behind
            remove_working_files(path)
        if spill is not None:
            shutil.rmtree(spill, ignore_errors=True)
        raise
    _notify(progress, "Impor selesai", total, total)
    log.info(
        "impor ekstrak: penduduk %d diterima (%d dengan catatan), %d ditolak; layanan %d "
        "diterima, %d ditolak; %d keluarga",
        summary.residents_accepted,
        summary.residents_noted,
        summary.residents_rejected,
        summary.services_accepted,
        summary.services_rejected,
        summary.families,
    )
    return summary


def _check_families(con: duckdb.DuckDBPyConnection) -> int:
    """As many family ids as distinct KK numbers among accepted residents (counted on their
    salted 128-bit keys, which do not collide in practice: about 10^-23 for 40 million)."""
    kk, ids = con.execute(
        "SELECT (SELECT COUNT(DISTINCT kk_kunci) FROM periksa WHERE alasan = '' "
        "AND kk_kunci IS NOT NULL), (SELECT COUNT(DISTINCT kk_id) FROM penduduk)"
    ).fetchall()[0]
    if kk != ids:
        raise FamilyIdError(
            f"nomor keluarga tidak cocok dengan nomor KK: {ids} nomor keluarga untuk {kk} nomor KK"
        )
    return int(kk)


def _summarise(con, extract_date: date, missing, path: Path | None) -> ImportSummary:
    def one(sql: str) -> int:
        return int(con.execute(sql).fetchall()[0][0])

    def counts(action: str) -> dict[str, int]:
        rows = con.execute(
            "SELECT regexp_replace(a, ' \\(sama dengan baris [0-9]+\\)', '') AS r, COUNT(*) "
            "FROM (SELECT unnest(string_split(alasan, '; ')) AS a FROM karantina "
            f"WHERE tindakan = {sql_str(action)}) GROUP BY r ORDER BY 2 DESC, 1"
        ).fetchall()
        return {r: int(n) for r, n in rows}

    kabupaten = con.execute(
        "SELECT DISTINCT kode_kabupaten FROM area_desa WHERE kode_desa IN "
        "(SELECT DISTINCT CAST(kode_desa AS VARCHAR) FROM penduduk) ORDER BY 1"
    ).fetchall()
    rejected = "WHERE tindakan = 'ditolak' AND berkas = "
    return ImportSummary(
        con=con,
        residents_accepted=one("SELECT COUNT(*) FROM penduduk"),
        residents_rejected=one(f"SELECT COUNT(*) FROM karantina {rejected}'penduduk'"),
        services_accepted=one("SELECT COUNT(*) FROM layanan"),
        services_rejected=one(f"SELECT COUNT(*) FROM karantina {rejected}'layanan'"),
        extract_date=extract_date,
        kabupaten=tuple(r[0] for r in kabupaten),
        reasons=counts("ditolak"),
        missing_columns=missing,
        db_path=path,
        warnings=counts("diterima dengan catatan"),
        residents_noted=one(
            "SELECT COUNT(*) FROM karantina WHERE tindakan = 'diterima dengan catatan'"
        ),
    )


def _con(source: ImportSummary | duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    return source.con if isinstance(source, ImportSummary) else source


def _area_desa(con: duckdb.DuckDBPyConnection) -> None:
    # Every desa of each kabupaten in the extract, so that empty desa show as 0/0, not as missing.
    con.execute(
        "CREATE OR REPLACE TABLE area_desa AS SELECT * FROM wilayah_desa WHERE kode_kabupaten "
        "IN (SELECT substr(CAST(kode_desa AS VARCHAR), 1, 5) FROM (SELECT DISTINCT kode_desa "
        "FROM penduduk UNION SELECT DISTINCT kode_desa FROM layanan) AS d)"
    )


def compute(
    source: ImportSummary | duckdb.DuckDBPyConnection,
    as_of: date,
    *,
    period_start: date | None = None,
    indicators: Sequence[str] | None = None,
    levels: Sequence[str] = LEVELS,
    rules: Rules | None = None,
    progress: ProgressCallback | None = None,
    via_sql: bool = False,
) -> list[AreaResult]:
    """Numerator and denominator of each indicator for each kabupaten, kecamatan and desa on the
    reference date ``as_of``, under ``rules`` (default ``Rules()``); desa are summed upwards, so
    the levels add up by construction; a desa without anyone in a denominator gets 0/0.

    The figures come from the running counts built at import (tally.py), which read only the
    changes near ``as_of``. ``via_sql=True`` (or a working database without those tables)
    computes them instead from ONE scan of ``penduduk`` with the definitions' SQL
    (definitions.combined_sql): the reference the fast path is tested against."""
    con = _con(source)
    rules = rules or Rules()
    keys = list(indicators or (d.key for d in definitions.DEFINITIONS))
    unknown = [k for k in keys if k not in definitions.BY_KEY] + [
        lv for lv in levels if lv not in LEVEL_CODE
    ]
    if unknown:
        raise ValueError(f"unknown indicator or level: {unknown}")
    _notify(progress, "Menghitung indikator penduduk", 0, 2)
    start = period_start or as_of.replace(month=1, day=1)
    rows = None if via_sql else tally.compute_rows(con, keys, as_of, start, rules, levels)
    if rows is None:
        rows = definitions.compute_sql(con, keys, as_of, period_start, levels, rules)
        order = {k: i for i, k in enumerate(keys)}
        rank = {lv: i for i, lv in enumerate(LEVELS)}
        rows.sort(key=lambda r: (order[r[0]], rank[r[1]], r[2]))
        rows = [(k, lv, code, int(a), int(b)) for k, lv, code, a, b in rows]
    _notify(progress, "Perhitungan selesai", 2, 2)
    # compute_rows gives plain ints already in this order (indicator, level, code).
    return [AreaResult(k, code, lv, a, b, as_of) for k, lv, code, a, b in rows]


def service_counts(
    source: ImportSummary | duckdb.DuckDBPyConnection,
    *,
    start: date | None = None,
    end: date | None = None,
    levels: Sequence[str] = LEVELS,
) -> list[ServiceCount]:
    """Requests submitted and completed per service, month and area (the Kasi counts: "jumlah
    pelayanan ... yang dilaksanakan" is ``completed``). Only non-empty combinations are returned."""
    con = _con(source)
    lo = sql_date(start or date(1900, 1, 1))
    hi = sql_date(end or date(9999, 12, 31))
    events = (
        "SELECT CAST(l.jenis AS VARCHAR) AS k, CAST(date_trunc('month', t) AS DATE) AS bulan, "
        "w.kode_desa, w.kode_kecamatan, w.kode_kabupaten, a, b FROM ("
        f"SELECT jenis, kode_desa, tgl_permohonan AS t, 1 AS a, 0 AS b FROM layanan "
        f"WHERE tgl_permohonan BETWEEN {lo} AND {hi} UNION ALL "
        f"SELECT jenis, kode_desa, tgl_selesai, 0, 1 FROM layanan "
        f"WHERE tgl_selesai BETWEEN {lo} AND {hi}) AS l "
        "JOIN area_desa AS w ON w.kode_desa = l.kode_desa"
    )
    parts = [
        f"SELECT k, bulan, '{lv}' AS level, {LEVEL_CODE[lv]} AS code, SUM(a), SUM(b) "
        f"FROM g GROUP BY k, bulan, {LEVEL_CODE[lv]}"
        for lv in levels
    ]
    sql = f"WITH g AS ({events}) " + " UNION ALL ".join(parts) + " ORDER BY 1, 2, 3, 4"
    return [
        ServiceCount(k, bulan, code, lv, int(a), int(b))
        for k, bulan, lv, code, a, b in con.execute(sql).fetchall()
    ]
