"""Import a SIAK extract into a working DuckDB database, validate it, and compute the indicators.

The working database holds personal data (birth dates; NIK numbers until validation is done) only
for as long as the computation needs it: by default it lives in memory and disappears with the
connection. What kinerja keeps are the ``AreaResult`` and ``ServiceCount`` aggregates and the
quarantine report, which carries a masked NIK and no other personal data (UU 27/2022).
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

import duckdb

from . import definitions
from .regions import LEVELS, WILAYAH_CSV
from .schema import MARITAL_STATUSES, RELATIONS, RESIDENT_COLUMNS, SERVICE_COLUMNS, SERVICES
from .validation import (
    ExtractFormatError,
    finish_residents_sql,
    finish_services_sql,
    raw_select,
    source_sql,
    sql_date,
    sql_str,
    stage_residents_sql,
    stage_services_sql,
)

log = logging.getLogger(__name__)

# Called with (stage description in Indonesian, steps done, total steps).
ProgressCallback = Callable[[str, int, int], None]

# Codes are stored as ENUMs (integers underneath): grouping by desa is then several times faster.
# The definitions do not know: they compare with the same text literals.
_TYPED = (
    "t.kk_id, t.jenis_kelamin, t.tgl_lahir, CAST(t.kode_desa AS kode_desa_t) AS kode_desa, "
    "CAST(t.shdk AS shdk_t) AS shdk, CAST(t.status_kawin AS status_kawin_t) AS status_kawin, "
    "t.tgl_kawin, t.ada_akta_kawin, t.tgl_akta_kawin, t.tgl_rekam_ktpel, t.tgl_cetak_ktpel, "
    "t.tgl_terbit_kia, t.ada_akta_lahir, t.tgl_akta_lahir, t.tgl_meninggal, t.ada_akta_kematian, "
    "t.tgl_akta_kematian, t.tgl_cetak_kk, t.tgl_terdaftar"
)
_SERVICE_TYPED = (
    "CAST(t.jenis AS jenis_layanan_t) AS jenis, CAST(t.kode_desa AS kode_desa_t) AS kode_desa, "
    "t.tgl_permohonan, t.tgl_selesai"
)
_LEVEL_CODE = {"kabupaten": "kode_kabupaten", "kecamatan": "kode_kecamatan", "desa": "kode_desa"}


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


@dataclass
class ImportSummary:
    con: duckdb.DuckDBPyConnection = field(repr=False)
    residents_accepted: int
    residents_rejected: int
    services_accepted: int
    services_rejected: int
    extract_date: date
    kabupaten: tuple[str, ...]
    reasons: dict[str, int]  # reason -> rows, across both files
    missing_columns: dict[str, list[str]]  # optional columns absent from each file
    db_path: Path | None = None

    @property
    def accepted(self) -> int:
        return self.residents_accepted + self.services_accepted

    @property
    def rejected(self) -> int:
        return self.residents_rejected + self.services_rejected

    def quarantine(self, limit: int | None = None) -> list[QuarantineRow]:
        sql = "SELECT berkas, baris, nik_samaran, alasan FROM karantina ORDER BY berkas DESC, baris"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [QuarantineRow(*row) for row in self.con.execute(sql).fetchall()]

    def write_quarantine(self, path: str | Path) -> int:
        """Write the quarantine report as CSV (berkas, baris, nik_samaran, alasan)."""
        self.con.execute(
            "COPY (SELECT berkas, baris, nik_samaran, alasan FROM karantina "
            f"ORDER BY berkas DESC, baris) TO {sql_str(str(path))} (HEADER, DELIMITER ',')"
        )
        return self.rejected

    def close(self) -> None:
        """Close the working database, deleting its file: it holds personal data."""
        self.con.close()
        if self.db_path is not None:
            for p in (self.db_path, Path(str(self.db_path) + ".wal")):
                p.unlink(missing_ok=True)


def _notify(progress: ProgressCallback | None, stage: str, done: int, total: int) -> None:
    if progress is not None:
        progress(stage, done, total)


def _connect(db_path: Path | None, memory_limit: str | None, threads: int | None):
    config: dict[str, str | int | bool] = {
        "preserve_insertion_order": True,  # row numbers of the quarantine depend on it
    }
    if memory_limit:
        config["memory_limit"] = memory_limit
    if threads:
        config["threads"] = threads
    if db_path is None:
        spill = Path(tempfile.gettempdir()) / f"kinerja-duckdb-{os.getpid()}"
        config["temp_directory"] = str(spill)
    con = duckdb.connect(":memory:" if db_path is None else str(db_path), config=config)
    con.execute("SET enable_progress_bar = false")  # progress goes through the callback
    return con


def _load_regions(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE OR REPLACE TABLE wilayah AS SELECT * FROM "
        f"read_csv({sql_str(str(WILAYAH_CSV))}, all_varchar = true, header = true)"
    )
    con.execute(
        "CREATE OR REPLACE TABLE wilayah_desa AS SELECT code AS kode_desa, parent AS "
        "kode_kecamatan, substr(code, 1, 5) AS kode_kabupaten FROM wilayah "
        "WHERE level IN ('desa', 'kelurahan')"
    )
    for table, level in (("nik_kabupaten", "kabupaten_kota"), ("nik_kecamatan", "kecamatan")):
        con.execute(
            f"CREATE OR REPLACE TABLE {table} AS SELECT replace(code, '.', '') AS k "
            f"FROM wilayah WHERE level = '{level}'"
        )
    enums = {
        "kode_desa_t": "SELECT kode_desa FROM wilayah_desa",
        "shdk_t": ", ".join(sql_str(v) for v in RELATIONS),
        "status_kawin_t": ", ".join(sql_str(v) for v in MARITAL_STATUSES),
        "jenis_layanan_t": ", ".join(sql_str(v) for v in SERVICES),
    }
    for name, values in enums.items():
        con.execute(f"CREATE TYPE {name} AS ENUM ({values})")


def _stage(con, path: str | Path, columns, stage) -> list[str]:
    src = source_sql(str(path))
    try:
        present = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {src}").fetchall()]
        raw, missing = raw_select(src, present, columns)
        con.execute(stage(raw))
    except duckdb.Error as exc:
        # The DuckDB message may quote a line of the file: keep it out of the user's message.
        raise ExtractFormatError(f"berkas tidak dapat dibaca: {Path(path).name}") from exc
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
    ``db_path`` puts the working database in a file, deleted again by ``ImportSummary.close()``.
    Raises ExtractFormatError only when a file as a whole is unreadable or lacks a required column.
    """
    extract_date = extract_date or date.today()
    path = Path(db_path) if db_path is not None else None
    if path is not None:  # a stale working database from an interrupted run
        for stale in (path, Path(str(path) + ".wal")):
            stale.unlink(missing_ok=True)
    total = 7
    when = {"extract_date": extract_date}
    _notify(progress, "Menyiapkan basis data kerja", 0, total)
    con = _connect(path, memory_limit, threads)
    try:
        _load_regions(con)
        _notify(progress, "Membaca dan memeriksa ekstrak penduduk", 1, total)
        missing = {
            "penduduk": _stage(
                con, residents_path, RESIDENT_COLUMNS, partial(stage_residents_sql, **when)
            )
        }
        _notify(progress, "Mencocokkan kode wilayah dan NIK ganda", 2, total)
        for sql in finish_residents_sql(_TYPED):
            con.execute(sql)
        _notify(progress, "Membaca dan memeriksa ekstrak layanan", 4, total)
        missing["layanan"] = []
        if services_path is None:
            empty = ", ".join(f"CAST(NULL AS VARCHAR) AS {c.name}" for c in SERVICE_COLUMNS)
            con.execute(stage_services_sql(f"SELECT {empty} LIMIT 0", extract_date))
        else:
            stage = partial(stage_services_sql, **when)
            missing["layanan"] = _stage(con, services_path, SERVICE_COLUMNS, stage)
        _notify(progress, "Mencocokkan kode wilayah layanan", 5, total)
        for sql in finish_services_sql(_SERVICE_TYPED):
            con.execute(sql)
        _notify(progress, "Meringkas hasil impor", 6, total)
        _area_desa(con)
        summary = _summarise(con, extract_date, missing, path)
    except BaseException:
        con.close()
        if path is not None:  # never leave personal data behind
            for p in (path, Path(str(path) + ".wal")):
                p.unlink(missing_ok=True)
        raise
    _notify(progress, "Impor selesai", total, total)
    log.info(
        "impor ekstrak: penduduk %d diterima, %d ditolak; layanan %d diterima, %d ditolak",
        summary.residents_accepted,
        summary.residents_rejected,
        summary.services_accepted,
        summary.services_rejected,
    )
    return summary


def _summarise(con, extract_date: date, missing, path: Path | None) -> ImportSummary:
    def one(sql: str) -> int:
        return int(con.execute(sql).fetchall()[0][0])

    reasons = con.execute(
        "SELECT regexp_replace(a, ' \\(sama dengan baris [0-9]+\\)', '') AS r, COUNT(*) "
        "FROM (SELECT unnest(string_split(alasan, '; ')) AS a FROM karantina) GROUP BY r "
        "ORDER BY 2 DESC, 1"
    ).fetchall()
    kabupaten = con.execute(
        "SELECT DISTINCT kode_kabupaten FROM area_desa WHERE kode_desa IN "
        "(SELECT DISTINCT CAST(kode_desa AS VARCHAR) FROM penduduk) ORDER BY 1"
    ).fetchall()
    return ImportSummary(
        con=con,
        residents_accepted=one("SELECT COUNT(*) FROM penduduk"),
        residents_rejected=one("SELECT COUNT(*) FROM karantina WHERE berkas = 'penduduk'"),
        services_accepted=one("SELECT COUNT(*) FROM layanan"),
        services_rejected=one("SELECT COUNT(*) FROM karantina WHERE berkas = 'layanan'"),
        extract_date=extract_date,
        kabupaten=tuple(r[0] for r in kabupaten),
        reasons={r: int(n) for r, n in reasons},
        missing_columns=missing,
        db_path=path,
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


def _rollup(select: str, levels: Iterable[str]) -> str:
    parts = []
    for level in levels:
        code = _LEVEL_CODE[level]
        parts.append(
            f"SELECT k, '{level}' AS level, {code} AS code, SUM(a) AS a, SUM(b) AS b "
            f"FROM g GROUP BY k, {code}"
        )
    return f"WITH g AS ({select}) " + " UNION ALL ".join(parts)


def compute(
    source: ImportSummary | duckdb.DuckDBPyConnection,
    as_of: date,
    *,
    period_start: date | None = None,
    indicators: Sequence[str] | None = None,
    levels: Sequence[str] = LEVELS,
    progress: ProgressCallback | None = None,
) -> list[AreaResult]:
    """Numerator and denominator of each indicator for each kabupaten, kecamatan and desa on the
    reference date ``as_of``. Desa are computed by the definitions and summed upwards, so the
    levels add up by construction; a desa without anyone in a denominator gets 0/0."""
    con = _con(source)
    keys = list(indicators or (d.key for d in definitions.DEFINITIONS))
    unknown = [k for k in keys if k not in definitions.BY_KEY] + [
        lv for lv in levels if lv not in _LEVEL_CODE
    ]
    if unknown:
        raise ValueError(f"unknown indicator or level: {unknown}")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE hasil_desa "
        "(indikator VARCHAR, kode_desa VARCHAR, pembilang BIGINT, penyebut BIGINT)"
    )
    for i, key in enumerate(keys):
        _notify(progress, f"Menghitung {key}", i, len(keys))
        con.execute(
            f"INSERT INTO hasil_desa SELECT {sql_str(key)}, kode_desa, pembilang, penyebut "
            f"FROM ({definitions.render(key, as_of, period_start)}) AS d"
        )
    order = {k: i for i, k in enumerate(keys)}
    grid = (
        "SELECT i.k, w.kode_desa, w.kode_kecamatan, w.kode_kabupaten, "
        "COALESCE(h.pembilang, 0) AS a, COALESCE(h.penyebut, 0) AS b "
        f"FROM (VALUES {', '.join(f'({sql_str(k)})' for k in keys)}) AS i(k) "
        "CROSS JOIN area_desa AS w LEFT JOIN hasil_desa AS h "
        "ON h.indikator = i.k AND h.kode_desa = w.kode_desa"
    )
    rows = con.execute(_rollup(grid, levels)).fetchall()
    _notify(progress, "Perhitungan selesai", len(keys), len(keys))
    rank = {lv: i for i, lv in enumerate(LEVELS)}
    rows.sort(key=lambda r: (order[r[0]], rank[r[1]], r[2]))
    return [AreaResult(k, code, lv, int(a), int(b), as_of) for k, lv, code, a, b in rows]


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
        f"SELECT k, bulan, '{lv}' AS level, {_LEVEL_CODE[lv]} AS code, SUM(a), SUM(b) "
        f"FROM g GROUP BY k, bulan, {_LEVEL_CODE[lv]}"
        for lv in levels
    ]
    sql = f"WITH g AS ({events}) " + " UNION ALL ".join(parts) + " ORDER BY 1, 2, 3, 4"
    return [
        ServiceCount(k, bulan, code, lv, int(a), int(b))
        for k, bulan, lv, code, a, b in con.execute(sql).fetchall()
    ]
