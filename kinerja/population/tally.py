"""compute()'s fast path: every resident figure as a running count over days, built at import.

For every resident and every figure (a numerator or a denominator of definitions.py), the reference
dates on which the resident counts form ONE interval of days: from the day they count ("sejak": the
latest of birth, registration, the document's issue, the 17th birthday, ...) up to, excluding, the
day they stop ("sampai": the day after death, the 17th or 18th birthday, a KIA's expiry, ...).
So a figure for a desa on a date X is a sum of +1 (interval starts) and -1 (interval ends) up to
X. ``build()`` writes these changes once at import, summed per figure, desa and day (``hitung``:
``m`` figure, ``desa`` number (``hitung_desa``), ``v`` day, ``n`` change; days as USMALLINT since
1900-01-01, sorted by day within passes of whole kabupaten), and the count of every figure and
desa on every 1 January (``hitung_tahun``). A figure on X is the count on the nearest 1 January
plus (or minus) the changes in between: DuckDB skips the row groups outside those days (zone
maps), so the work is the changes near the reference date, not the register.

Ages: "17 or older on X" is "17th birthday <= X", the birthday of someone born on 29 February
being 1 March in other years (definitions.years_before gives the same answer from the other side).
Deaths and pindah/datang requests also depend on the start of the period: they are counted from
small tables (``hitung_mati``, ``hitung_pindah``). Everything here is checked against the SQL of
definitions.py for every rule and several dates (tests/population/test_population_definitions.py)
and against an independent polars recomputation (test_population_independent.py).
"""

from __future__ import annotations

from datetime import date

import duckdb
import numpy as np

from .definitions import Rules
from .schema import MARRIED

EPOCH = date(1900, 1, 1)
NEVER = 65535  # "never" as a day; real days are clamped to 0..65534 (1900-01-01 .. 2079-06-05)
LAST_DAY = date.fromordinal(EPOCH.toordinal() + NEVER - 1)


def day_of(value: date) -> int:
    if not EPOCH <= value <= LAST_DAY:
        raise ValueError(f"tanggal acuan di luar {EPOCH:%d/%m/%Y}-{LAST_DAY:%d/%m/%Y}")
    return (value - EPOCH).days


def _day(expr: str, null: int | str = NEVER) -> str:
    return (
        f"CAST(CASE WHEN {expr} IS NULL THEN {null} "
        f"ELSE least(greatest({expr} - DATE '{EPOCH.isoformat()}', 0), {NEVER - 1}) END "
        "AS USMALLINT)"
    )


def _birthday(birth: str, years: int) -> str:
    # 29 February: the birthday is 1 March in a year that is not a leap year.
    y = f"(year({birth}) + {years})"
    leap = f"({y} % 4 = 0 AND ({y} % 100 <> 0 OR {y} % 400 = 0))"
    return (
        f"CASE WHEN month({birth}) = 2 AND day({birth}) = 29 AND NOT {leap} "
        f"THEN make_date({y}, 3, 1) ELSE make_date({y}, month({birth}), day({birth})) END"
    )


_MARRIED = ", ".join(f"'{v}'" for v in MARRIED)
# The days a resident's facts begin, one row per resident (CTE "dasar").
_BASE = f"""
SELECT kode_desa,
    greatest({_day("tgl_lahir", 0)}, {_day("tgl_terdaftar", 0)}) AS masuk,
    CAST(CASE WHEN tgl_meninggal IS NULL THEN {NEVER}
        ELSE {_day("tgl_meninggal")} + 1 END AS USMALLINT) AS keluar,
    least({_day(_birthday("tgl_lahir", 17))},
        CASE WHEN status_kawin IS NOT NULL AND status_kawin <> 'BELUM KAWIN'
            THEN {_day("tgl_kawin", 0)} ELSE {NEVER} END) AS wajib,
    {_day(_birthday("tgl_lahir", 18))} AS umur_18,
    {_day(_birthday("tgl_lahir", 19))} AS umur_19,
    {_day("tgl_rekam_ktpel")} AS rekam, {_day("tgl_cetak_ktpel")} AS cetak,
    kk_kepala, {_day("kk_terbit")} AS kk_terbit, {_day("kk_cetak")} AS kk_cetak,
    {_day("tgl_terbit_kia")} AS kia, {_day("kia_balita_habis")} AS kia_habis,
    CASE WHEN ada_akta_lahir OR tgl_akta_lahir IS NOT NULL
        THEN {_day("tgl_akta_lahir", 0)} ELSE {NEVER} END AS akta,
    CASE WHEN ada_akta_lahir THEN {_day("tgl_akta_lahir", 0)} ELSE {NEVER} END AS akta_bernomor,
    CASE WHEN shdk IN ('ISTRI', 'SUAMI') AND status_kawin IN ({_MARRIED})
        THEN greatest({_day("tgl_kawin", 0)}, {_day("pasangan_sejak")})
        ELSE {NEVER} END AS pasangan,
    CAST(CASE WHEN pasangan_sampai IS NULL THEN {NEVER}
        ELSE {_day("pasangan_sampai")} + 1 END AS USMALLINT) AS pasangan_sampai,
    CASE WHEN status_kawin = 'KAWIN TERCATAT' OR (status_kawin = 'KAWIN' AND ada_akta_kawin)
        THEN {_day("tgl_akta_kawin", 0)} ELSE {NEVER} END AS tercatat
FROM penduduk
"""

# Figure -> (counts from, counts until (exclusive) or None), over the columns of _BASE. Every
# figure also needs the resident on the day (masuk <= X < keluar), added by _changes().
FIGURES: dict[str, tuple[str, str | None]] = {
    "ada": ("masuk", None),
    "ktp_wajib": ("greatest(masuk, wajib)", None),
    "ktp_rekam": ("greatest(masuk, wajib, rekam)", None),
    "ktp_cetak": ("greatest(masuk, wajib, cetak)", None),
    "kk": (f"CASE WHEN kk_kepala THEN masuk ELSE {NEVER} END", None),
    "kk_terbit": (f"CASE WHEN kk_kepala THEN greatest(masuk, kk_terbit) ELSE {NEVER} END", None),
    "kk_cetak": (f"CASE WHEN kk_kepala THEN greatest(masuk, kk_cetak) ELSE {NEVER} END", None),
    # A KIA counts until the child must hold a KTP-el, an under-5 KIA until its 5th birthday.
    "kia_balita": ("greatest(masuk, kia)", "least(wajib, kia_habis)"),
    "kia": ("greatest(masuk, kia)", "wajib"),
    "dewasa_18": ("greatest(masuk, umur_18)", None),
    "dewasa_19": ("greatest(masuk, umur_19)", None),
    "dewasa_18_akta": ("greatest(masuk, umur_18, akta)", None),
    "dewasa_18_akta_bernomor": ("greatest(masuk, umur_18, akta_bernomor)", None),
    "dewasa_19_akta": ("greatest(masuk, umur_19, akta)", None),
    "dewasa_19_akta_bernomor": ("greatest(masuk, umur_19, akta_bernomor)", None),
    "akta": ("greatest(masuk, akta)", None),
    "akta_bernomor": ("greatest(masuk, akta_bernomor)", None),
    # Couples: from the spouse's row, while the head is a married resident (pasangan_sampai).
    "pasangan": ("greatest(masuk, pasangan)", "pasangan_sampai"),
    "tercatat": ("greatest(masuk, pasangan, tercatat)", "pasangan_sampai"),
}
CODE = {name: i for i, name in enumerate(FIGURES)}


def _changes(where: str) -> str:
    """(m, desa, v, n) for every figure: +1 on the day the resident starts counting, -1 on
    the day they stop; with keluar (the day after death) as a second end:
    #{from <= X < until, X < keluar} = #{from <= X} - #{max(from, until) <= X}
    - #{max(from, keluar) <= X} + #{max(from, until, keluar) <= X}. The terms with keluar are
    read from the dead only (``dasar_mati``), the others in one pass (UNNEST)."""
    alive: list[tuple[int, str, int]] = []
    dead: list[tuple[int, str, int]] = []
    for name, (since, until) in FIGURES.items():
        m = CODE[name]
        alive.append((m, since, 1))
        dead.append((m, f"greatest({since}, keluar)", -1))
        if until is not None:
            alive.append((m, f"greatest({since}, {until})", -1))
            dead.append((m, f"greatest({since}, {until}, keluar)", 1))

    def listed(i: int) -> str:
        return "[" + ", ".join(str(t[i]) for t in alive) + "]"

    one = (
        f"SELECT desa, unnest({listed(0)}) AS m, unnest({listed(1)}) AS v, "
        f"unnest({listed(2)}) AS n FROM dasar WHERE {where}"
    )
    rest = " UNION ALL ".join(
        f"SELECT desa, {m} AS m, {value} AS v, {n} AS n FROM dasar_mati WHERE {where}"
        for m, value, n in dead
    )
    return f"SELECT * FROM ({one} UNION ALL {rest}) AS c WHERE v < {NEVER}"


BATCH = 1_500_000  # residents per pass of build(): its GROUP BY stays in memory
FIRST_YEAR = 1970  # hitung_tahun starts here (earlier reference dates count from this year back)


def build(con: duckdb.DuckDBPyConnection) -> None:
    """The tables of the fast path, from ``penduduk`` and ``layanan`` (after validation):
    ``hitung``, the changes, and ``hitung_tahun``, the count of every figure and desa at the
    start of every year from FIRST_YEAR (compute starts from the nearest one).

    ``hitung`` is written in passes of whole kabupaten (at most BATCH residents, or one
    kabupaten), each sorted by day: a pass's GROUP BY and sort stay in memory for a province, and
    within each pass DuckDB skips the row groups outside the days a reference date needs."""
    year = f"CAST(year(DATE '{EPOCH.isoformat()}' + CAST(v AS INTEGER)) AS USMALLINT)"
    # Desa as small numbers (hitung_desa): the ENUM of every desa of the province is costly to
    # bind in every query of compute.
    con.execute(
        "CREATE OR REPLACE TABLE hitung_desa AS SELECT CAST(row_number() OVER (ORDER BY kode_desa) "
        "AS USMALLINT) AS desa, kode_desa, bool_or(p) AS penduduk FROM ("
        "SELECT DISTINCT CAST(kode_desa AS VARCHAR) AS kode_desa, true AS p FROM penduduk "
        "UNION ALL SELECT DISTINCT CAST(kode_desa AS VARCHAR), false FROM layanan) AS d "
        "GROUP BY kode_desa"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE kabupaten_t AS SELECT substr(kode_desa, 1, 5) AS kab, "
        "CAST(dense_rank() OVER (ORDER BY substr(kode_desa, 1, 5)) AS USMALLINT) AS i, "
        "desa, CAST(kode_desa AS kode_desa_t) AS kode_desa FROM hitung_desa WHERE penduduk"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE dasar AS SELECT k.i AS kab, k.desa, b.* EXCLUDE (kode_desa) "
        f"FROM ({_BASE}) AS b JOIN kabupaten_t AS k ON k.kode_desa = b.kode_desa"
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE dasar_mati AS SELECT * FROM dasar WHERE keluar < {NEVER}"
    )
    con.execute(
        "CREATE OR REPLACE TABLE hitung (m UTINYINT, desa USMALLINT, v USMALLINT, n INTEGER)"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE per_tahun (m UTINYINT, desa USMALLINT, tahun USMALLINT, "
        "n BIGINT)"
    )
    sizes = con.execute("SELECT kab, COUNT(*) FROM dasar GROUP BY kab ORDER BY kab").fetchall()
    batches: list[list[int]] = []
    size = BATCH
    for i, n in sizes:
        if size + n > BATCH:
            batches.append([])
            size = 0
        batches[-1].append(i)
        size += n
    for batch in batches:
        kab = ", ".join(map(str, batch))
        con.execute(
            "CREATE OR REPLACE TEMP TABLE bagian AS SELECT CAST(m AS UTINYINT) AS m, desa, v, "
            f"CAST(SUM(n) AS INTEGER) AS n FROM ({_changes(f'kab IN ({kab})')}) AS c "
            "GROUP BY m, desa, v HAVING SUM(n) <> 0"
        )
        con.execute("INSERT INTO hitung SELECT * FROM bagian ORDER BY v")
        con.execute(
            f"INSERT INTO per_tahun SELECT m, desa, greatest({year}, {FIRST_YEAR - 1}), "
            "SUM(n) FROM bagian GROUP BY ALL"
        )
    con.execute(
        "CREATE OR REPLACE TABLE hitung_tahun AS SELECT * FROM (SELECT t.tahun, g.m, g.desa, "
        "CAST(coalesce(SUM(p.n) OVER (PARTITION BY g.m, g.desa ORDER BY t.tahun ROWS "
        "BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS INTEGER) AS n "
        "FROM (SELECT DISTINCT m, desa FROM per_tahun) AS g "
        "CROSS JOIN (SELECT CAST(range AS USMALLINT) AS tahun FROM range("
        f"{FIRST_YEAR - 1}, coalesce((SELECT max(tahun) FROM per_tahun), {FIRST_YEAR}) + 2)) AS t "
        "LEFT JOIN per_tahun AS p ON p.m = g.m AND p.desa = g.desa "
        f"AND p.tahun = t.tahun) AS c WHERE tahun >= {FIRST_YEAR} ORDER BY tahun"
    )
    for table in ("dasar", "dasar_mati", "bagian", "per_tahun", "kabupaten_t"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(
        "CREATE OR REPLACE TABLE hitung_mati AS SELECT d.desa, "
        f"{_day('tgl_meninggal')} AS meninggal, {_day('tgl_terdaftar', 0)} AS terdaftar, "
        f"CASE WHEN ada_akta_kematian THEN {_day('tgl_akta_kematian', 0)} ELSE {NEVER} END "
        "AS akta FROM penduduk AS p JOIN hitung_desa AS d "
        "ON d.kode_desa = CAST(p.kode_desa AS VARCHAR) WHERE tgl_meninggal IS NOT NULL"
    )
    con.execute(
        "CREATE OR REPLACE TABLE hitung_pindah AS SELECT d.desa, "
        f"{_day('tgl_permohonan')} AS minta, {_day('tgl_selesai')} AS selesai "
        "FROM layanan AS l JOIN hitung_desa AS d ON d.kode_desa = CAST(l.kode_desa AS VARCHAR) "
        "WHERE jenis IN ('PINDAH', 'DATANG')"
    )
    # Last: its presence says the fast path is complete (available()).
    con.execute(
        "CREATE OR REPLACE TABLE hitung_info AS SELECT min(tahun) AS awal, max(tahun) AS akhir "
        "FROM hitung_tahun"
    )


def available(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the working database has the fast path's tables (older ones do not)."""
    return _info(con) is not None


def _info(con: duckdb.DuckDBPyConnection) -> tuple[int | None, int | None] | None:
    try:
        return con.execute("SELECT awal, akhir FROM hitung_info").fetchall()[0]
    except duckdb.CatalogException:
        return None


def _figures(keys: list[str], rules: Rules) -> dict[str, tuple]:
    """Indicator -> (numerator, denominator) under ``rules``, each a figure or a pair of figures
    (first minus second): e.g. the KIA denominator is the residents less those obliged to hold a
    KTP-el, ``("ada", "ktp_wajib")``."""
    n = "18" if rules.akta_anak == "belum_18" else "19"
    akta = "akta" if rules.akta_tanpa_nomor else "akta_bernomor"
    dewasa_akta = f"dewasa_{n}_{akta}"
    return {
        "ktp_el": ("ktp_rekam" if rules.ktp_el == "rekam" else "ktp_cetak", "ktp_wajib"),
        "ktp_el_cetak": ("ktp_cetak", "ktp_wajib"),
        "kk": ("kk_terbit" if rules.kk == "terbit_pertama" else "kk_cetak", "kk"),
        "kia": ("kia" if rules.kia_balita_kedaluwarsa else "kia_balita", ("ada", "ktp_wajib")),
        "akta_lahir_0_18": ((akta, dewasa_akta), ("ada", f"dewasa_{n}")),
        "akta_lahir_dewasa": (dewasa_akta, f"dewasa_{n}"),
        "kawin_tercatat": ("tercatat", "pasangan"),
    }


# Pseudo-figures of the one query of compute_rows (m codes beyond the figures).
_DEATHS, _DEATHS_CERT, _MOVES, _MOVES_DONE = range(200, 204)


def compute_rows(
    con: duckdb.DuckDBPyConnection,
    keys: list[str],
    as_of: date,
    period_start: date,
    rules: Rules,
    levels,
) -> list[tuple[str, str, str, int, int]] | None:
    """(indicator, level, code, numerator, denominator), in the order of ``keys``, LEVELS and
    code, for every desa of the kabupaten in the
    extract and the sums of their kecamatan and kabupaten, from the running counts, in one query;
    None when the working database has no running counts (built before they existed)."""
    info = _info(con)
    if info is None:
        return None
    first, last = info
    x, start = day_of(as_of), day_of(period_start)
    # Start from the count at the nearest 1 January and add (or take back) the changes between.
    year = min(max(as_of.year + (as_of.month > 6), first or 0), last or 0)
    anchor = (date(year, 1, 1) - EPOCH).days if first is not None else 0
    if anchor <= x:
        between, sign = f"v BETWEEN {anchor} AND {x}", ""
    else:
        between, sign = f"v > {x} AND v < {anchor}", "-"
    deaths = f"FROM hitung_mati WHERE meninggal BETWEEN {start} AND {x} AND terdaftar <= {x}"
    moves = f"FROM hitung_pindah WHERE minta BETWEEN {start} AND {x}"
    parts = [
        "SELECT m, desa, CAST(SUM(n) AS BIGINT) AS n FROM ("
        f"SELECT m, desa, n FROM hitung_tahun WHERE tahun = {year} UNION ALL "
        f"SELECT m, desa, {sign}n FROM hitung WHERE {between}) AS c GROUP BY m, desa",
        # Deaths and requests, with (m + 1) or without the certificate / completion by X.
        f"SELECT {_DEATHS} + CAST(akta <= {x} AS INTEGER) AS m, desa, COUNT(*) {deaths} "
        "GROUP BY ALL",
        f"SELECT {_MOVES} + CAST(selesai <= {x} AS INTEGER) AS m, desa, COUNT(*) {moves} "
        "GROUP BY ALL",
    ]
    rows = con.execute(" UNION ALL ".join(parts)).fetchnumpy()
    area = con.execute(
        "SELECT a.kode_desa, coalesce(d.desa, 0), coalesce(d.penduduk, false) FROM area_desa AS a "
        "LEFT JOIN hitung_desa AS d ON d.kode_desa = a.kode_desa ORDER BY a.kode_desa"
    ).fetchall()
    codes = [c for c, _, _ in area]
    idx = np.array([i for _, i, _ in area], dtype=np.int64)
    # fig[m, desa]: every figure (0..) and pseudo-figure (200.. -> after them) per desa number.
    width = int(max(idx.max(initial=0), rows["desa"].max(initial=0))) + 1
    fig = np.zeros((len(CODE) + 4, width), dtype=np.int64)
    m = rows["m"].astype(np.int64)
    fig[np.where(m >= 200, m - 200 + len(CODE), m), rows["desa"].astype(np.int64)] = rows["n"]

    def value(part) -> np.ndarray:
        def one(name) -> np.ndarray:
            row = CODE[name] if isinstance(name, str) else name - 200 + len(CODE)
            return fig[row][idx]

        return one(part) if isinstance(part, (str, int)) else one(part[0]) - one(part[1])

    kabupaten = {c[:5] for c, _, present in area if present}
    in_extract = np.array([c[:5] in kabupaten for c in codes], dtype=bool)
    wanted = _figures(keys, rules)
    groups = {}
    for lv, width_ in (("kabupaten", 5), ("kecamatan", 8), ("desa", 13)):
        if lv in levels:
            names, inverse = np.unique(np.array([c[:width_] for c in codes]), return_inverse=True)
            groups[lv] = (names.tolist(), inverse)
    out = []
    for k in keys:
        if k in wanted:
            a, b = (value(part) for part in wanted[k])
        elif k == "akta_kematian":
            a = value(_DEATHS_CERT)
            b = a + value(_DEATHS)
        elif k == "pindah_datang":
            a = value(_MOVES_DONE)
            b = a + value(_MOVES)
        else:  # database_kependudukan: 1 per desa of a kabupaten with residents
            a = ((value("ada") > 0) & in_extract).astype(np.int64)
            b = in_extract.astype(np.int64)
        for lv, (names, inverse) in groups.items():
            sums_a = np.bincount(inverse, weights=a, minlength=len(names)).astype(np.int64)
            sums_b = np.bincount(inverse, weights=b, minlength=len(names)).astype(np.int64)
            out.extend(zip([k] * len(names), [lv] * len(names), names, sums_a.tolist(),
                           sums_b.tolist(), strict=True))  # fmt: skip
    return out
