"""Every indicator for every desa, kecamatan and kabupaten recomputed with an independent method
(polars, from docs/population.md, on the extract as written: KK numbers as text, ages by calendar
arithmetic, families by grouping) and compared with the engine on several reference dates: 29
February, a date on which residents have birthdays, and the wedding date of couples.

The extract is a synthetic one with data the old engine got wrong: two families whose KK numbers
collide under DuckDB's hash(), residents whose sex or birth date was corrected after the NIK was
issued, NIKs issued in other provinces, and both the older and the 2019 marital statuses."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from kinerja.population import Rules, compute, import_extract, synth
from kinerja.population.regions import desa_of

SNAPSHOT = date(2024, 12, 31)
COLLIDING = ("3527030201120026", "3527030501120023")  # same hash() under DuckDB 2.x


def _d(col: str) -> pl.Expr:
    return pl.col(col).str.to_date("%Y-%m-%d", strict=False)


@pytest.fixture(scope="module")
def extract_files(tmp_path_factory):
    out = tmp_path_factory.mktemp("independent")
    result = synth(4000, seed=7, out_dir=out, invalid_share=0)
    res = pl.read_csv(result.residents, infer_schema=False)
    heads = res.filter(pl.col("shdk") == "KEPALA KELUARGA")["no_kk"].unique().sort()[:2]
    swap = dict(zip(heads.to_list(), COLLIDING, strict=True))
    i = pl.int_range(pl.len())
    res = res.with_columns(
        no_kk=pl.col("no_kk").replace(swap),
        # Corrected after the NIK was issued: the NIK keeps the old sex / birth date.
        jenis_kelamin=pl.when(i % 97 == 5)
        .then(pl.when(pl.col("jenis_kelamin") == "L").then(pl.lit("P")).otherwise(pl.lit("L")))
        .otherwise(pl.col("jenis_kelamin")),
        # Returning migrants: NIK first issued in DKI Jakarta or Jawa Tengah.
        nik=pl.when(i % 89 == 3)
        .then(pl.lit("3174") + pl.col("nik").str.slice(4))
        .when(i % 89 == 4)
        .then(pl.lit("3302") + pl.col("nik").str.slice(4))
        .otherwise(pl.col("nik")),
    )
    res.write_csv(result.residents)
    return res, pl.read_csv(result.services, infer_schema=False), result


@pytest.fixture(scope="module")
def summary(extract_files):
    _, _, result = extract_files
    s = import_extract(result.residents, result.services, extract_date=SNAPSHOT)
    yield s
    s.close()


def _md(day: pl.Expr) -> pl.Expr:
    return day.dt.month().cast(pl.Int32) * 100 + day.dt.day().cast(pl.Int32)


def _age(birth: pl.Expr, on: date | pl.Expr) -> pl.Expr:
    """Full years on ``on``: a birthday not yet reached this year takes one off (so 29 February
    birthdays fall on 1 March in other years)."""
    if isinstance(on, date):
        return on.year - birth.dt.year().cast(pl.Int32) - (_md(birth) > on.month * 100 + on.day)
    return on.dt.year().cast(pl.Int32) - birth.dt.year().cast(pl.Int32) - (_md(birth) > _md(on))


def expected(res: pl.DataFrame, svc: pl.DataFrame, on: date, area: str = "35.27") -> dict:
    start = date(on.year, 1, 1)
    dates = [c for c in res.columns if c.startswith("tgl_")]
    p = res.with_columns([_d(c) for c in dates]).with_row_index("baris")
    age = _age(pl.col("tgl_lahir"), on)
    resident = (
        (pl.col("tgl_lahir") <= on)
        & (pl.col("tgl_meninggal").is_null() | (pl.col("tgl_meninggal") >= on))
        & (pl.col("tgl_terdaftar").is_null() | (pl.col("tgl_terdaftar") <= on))
    )
    married_by = pl.col("tgl_kawin").is_null() | (pl.col("tgl_kawin") <= on)
    ever = (pl.col("status_kawin") != "BELUM KAWIN") & married_by
    married = pl.col("status_kawin").is_in(["KAWIN", "KAWIN TERCATAT", "KAWIN BELUM TERCATAT"])
    p = p.with_columns(age=age, res=resident, ever=ever)

    def by(col: str) -> pl.Expr:
        return pl.col(col).is_not_null() & (pl.col(col) <= on)

    def cert(number: str | None, issued: str) -> pl.Expr:
        has = pl.col(issued).is_not_null() if number is None else pl.col(number).is_not_null()
        if number == "no_akta_lahir":  # Rules.akta_tanpa_nomor: a date alone counts
            has = has | pl.col(issued).is_not_null()
        return has & (pl.col(issued).is_null() | (pl.col(issued) <= on))

    kia_under5 = _age(pl.col("tgl_lahir"), on) >= 5
    issued_age = _age(pl.col("tgl_lahir"), pl.col("tgl_terbit_kia"))
    expired = kia_under5 & (issued_age < 5)
    frames = []

    def add(key: str, df: pl.DataFrame, where: pl.Expr, hit: pl.Expr) -> None:
        frames.append(
            df.filter(where).select(
                pl.lit(key).alias("k"), "kode_desa", hit.fill_null(False).cast(pl.Int64).alias("a")
            )
        )

    wajib = pl.col("res") & ((pl.col("age") >= 17) | pl.col("ever"))
    add("ktp_el", p, wajib, by("tgl_rekam_ktpel"))
    add("ktp_el_cetak", p, wajib, by("tgl_cetak_ktpel"))
    add("kia", p, pl.col("res") & (pl.col("age") < 17) & ~pl.col("ever"),
        by("tgl_terbit_kia") & ~expired.fill_null(False))  # fmt: skip
    akta = cert("no_akta_lahir", "tgl_akta_lahir")
    add("akta_lahir_0_18", p, pl.col("res") & (pl.col("age") < 18), akta)
    add("akta_lahir_dewasa", p, pl.col("res") & (pl.col("age") >= 18), akta)
    died = pl.col("tgl_meninggal").is_between(start, on) & (
        pl.col("tgl_terdaftar").is_null() | (pl.col("tgl_terdaftar") <= on)
    )
    add("akta_kematian", p, died, cert("no_akta_kematian", "tgl_akta_kematian"))
    # Families: grouped by the KK number as text; the head is the first KEPALA KELUARGA row.
    kk_date = pl.col("no_kk").str.slice(6, 6)
    yy = kk_date.str.slice(4, 2).cast(pl.Int32)
    year = pl.when(2000 + yy > SNAPSHOT.year).then(1900 + yy).otherwise(2000 + yy)
    p = p.with_columns(
        kk_tgl=pl.format(
            "{}-{}-{}", year, kk_date.str.slice(2, 2), kk_date.str.slice(0, 2)
        ).str.to_date("%Y-%m-%d", strict=False)
    )
    fam = p.group_by("no_kk").agg(
        kk_tgl=pl.col("kk_tgl").min(),
        terbit=pl.min_horizontal(pl.col("tgl_terbit_kk").min(), pl.col("tgl_cetak_kk").min())
        if "tgl_terbit_kk" in p.columns
        else pl.col("tgl_cetak_kk").min(),
    )
    heads = (
        p.filter(pl.col("shdk") == "KEPALA KELUARGA")
        .sort("baris")
        .unique("no_kk", keep="first")
        .join(fam, on="no_kk")
    )
    first_issue = pl.when(pl.col("terbit").is_not_null()).then(
        pl.min_horizontal("kk_tgl", "terbit")
    )
    add("kk", heads, pl.col("res"), first_issue <= on)
    head_ok = heads.select(
        "no_kk",
        head_baris="baris",
        head_ok=pl.col("res") & married & married_by,
    )
    spouses = p.join(head_ok, on="no_kk").filter(
        pl.col("shdk").is_in(["ISTRI", "SUAMI"]) & (pl.col("baris") != pl.col("head_baris"))
    )
    registered = (pl.col("status_kawin") == "KAWIN TERCATAT") & (
        pl.col("tgl_akta_kawin").is_null() | (pl.col("tgl_akta_kawin") <= on)
    ) | (pl.col("status_kawin") == "KAWIN") & cert("no_akta_kawin", "tgl_akta_kawin")
    add("kawin_tercatat", spouses, pl.col("res") & married & married_by & pl.col("head_ok"),
        registered)  # fmt: skip
    s = svc.with_columns(_d("tgl_permohonan"), _d("tgl_selesai"))
    add("pindah_datang", s,
        pl.col("jenis_layanan").is_in(["Pindah", "Datang"])
        & pl.col("tgl_permohonan").is_between(start, on), by("tgl_selesai"))  # fmt: skip
    populated = set(p.filter(pl.col("res"))["kode_desa"].to_list())
    frames.append(
        pl.DataFrame(
            {
                "k": "database_kependudukan",
                "kode_desa": [d.code for d in desa_of(area)],
                "a": [int(d.code in populated) for d in desa_of(area)],
            }
        )
    )
    rows = pl.concat(frames)
    out = {}
    for level, width in (("desa", 13), ("kecamatan", 8), ("kabupaten", 5)):
        agg = rows.group_by("k", code=pl.col("kode_desa").str.slice(0, width)).agg(
            a=pl.col("a").sum(), b=pl.len()
        )
        for k, code, a, b in agg.iter_rows():
            out[(k, level, code)] = (a, b)
    return out


def _dates(res: pl.DataFrame) -> list[date]:
    """29 February 2024, the end of the year, a birthday date of many residents, and the wedding
    date of a couple (so that marriages ON the reference date are exercised)."""
    births = res.select(md=pl.col("tgl_lahir").str.slice(5, 5)).group_by("md").len()
    md = births.sort(["len", "md"], descending=[True, False])["md"][0]
    wed = res.filter(
        pl.col("shdk").is_in(["ISTRI", "SUAMI"]) & (pl.col("tgl_kawin") >= "2024-01-02")
    ).sort("tgl_kawin")["tgl_kawin"][0]
    return [
        date(2024, 2, 29),
        date(2024, int(md[:2]), int(md[3:])),
        date.fromisoformat(wed),
        SNAPSHOT,
    ]


def test_every_figure_matches_an_independent_recomputation(extract_files, summary):
    res, svc, _ = extract_files
    assert summary.residents_rejected == 0  # corrected data and other provinces are kept
    assert summary.residents_accepted == res.height
    assert summary.families == res["no_kk"].n_unique()
    assert summary.warnings["jenis kelamin berbeda dengan NIK (data dikoreksi? NIK tetap)"] > 30
    checked = 0
    for on in _dates(res):
        want = expected(res, svc, on)
        got = {
            (r.indicator, r.area_level, r.area_code): (r.numerator, r.denominator)
            for r in compute(summary, on)
        }
        mine = {k: v for k, v in got.items() if v != (0, 0)}
        theirs = {k: v for k, v in want.items() if v != (0, 0)}
        assert mine == theirs, on
        kab = {k[0]: v for k, v in mine.items() if k[1] == "kabupaten"}
        assert all(b > 0 for _, b in kab.values()), (on, kab)
        checked += len(mine)
    assert checked > 4 * 1500


def test_colliding_kk_numbers_are_two_families(extract_files, summary):
    res, _, _ = extract_files
    got = summary.con.execute(
        "SELECT COUNT(DISTINCT kk_id) FROM penduduk WHERE kk_kepala AND kk_id IN "
        "(SELECT kk_id FROM penduduk GROUP BY kk_id HAVING COUNT(*) > 0)"
    ).fetchall()[0][0]
    heads = res.filter(pl.col("shdk") == "KEPALA KELUARGA")["no_kk"].n_unique()
    assert got == heads
    two = res.filter(pl.col("no_kk").is_in(COLLIDING))["no_kk"].n_unique()
    assert two == 2


def test_rules_change_the_figures_they_name(summary):
    on = date(2024, 6, 30)
    base = {(r.indicator, r.area_level): r for r in compute(summary, on)}
    alt = Rules(akta_anak="0_18", ktp_el="cetak", kia_balita_kedaluwarsa=True, kk="cetak")
    other = {(r.indicator, r.area_level): r for r in compute(summary, on, rules=alt)}
    kab = "kabupaten"
    assert other[("akta_lahir_0_18", kab)].denominator > base[("akta_lahir_0_18", kab)].denominator
    assert other[("ktp_el", kab)].numerator == base[("ktp_el_cetak", kab)].numerator
    assert other[("kia", kab)].numerator > base[("kia", kab)].numerator
    assert other[("kk", kab)].numerator < base[("kk", kab)].numerator
    assert len(Rules().describe()) == 6
