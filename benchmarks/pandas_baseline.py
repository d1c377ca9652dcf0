"""The population indicators written the way one would in pandas, as a baseline for
bench_population.py. Same definitions as kinerja/population/definitions.py (see
docs/population.md), same inputs (the validated residents and services), same output shape:
{(indicator, level, area_code): (numerator, denominator)}. Not part of the application."""

from __future__ import annotations

from datetime import date

import pandas as pd


def compute_pandas(
    pen: pd.DataFrame,
    lay: pd.DataFrame,
    desa: pd.DataFrame,
    as_of: date,
    period_start: date | None = None,
) -> dict[tuple[str, str, str], tuple[int, int]]:
    on = pd.Timestamp(as_of)
    start = pd.Timestamp(period_start or as_of.replace(month=1, day=1))
    lahir_17 = on - pd.DateOffset(years=17)
    lahir_18 = on - pd.DateOffset(years=18)

    def by(col: pd.Series) -> pd.Series:
        return col.notna() & (col <= on)

    def cert(flag: pd.Series, issued: pd.Series) -> pd.Series:
        return flag & (issued.isna() | (issued <= on))

    def rate(frame: pd.DataFrame, hit: pd.Series) -> pd.DataFrame:
        return (
            pd.DataFrame({"kode_desa": frame["kode_desa"], "a": hit.astype("int64"), "b": 1})
            .groupby("kode_desa")[["a", "b"]]
            .sum()
        )

    res = pen[
        (pen["tgl_lahir"] <= on)
        & (pen["tgl_meninggal"].isna() | (pen["tgl_meninggal"] >= on))
        & (pen["tgl_terdaftar"].isna() | (pen["tgl_terdaftar"] <= on))
    ]
    ever = (res["status_kawin"] != "BELUM KAWIN") & (
        res["tgl_kawin"].isna() | (res["tgl_kawin"] <= on)
    )
    wajib = (res["tgl_lahir"] <= lahir_17) | ever
    kia = (res["tgl_lahir"] > lahir_17) & ~ever
    child = res["tgl_lahir"] > lahir_18
    out = {
        "ktp_el": rate(res[wajib], by(res.loc[wajib, "tgl_rekam_ktpel"])),
        "ktp_el_cetak": rate(res[wajib], by(res.loc[wajib, "tgl_cetak_ktpel"])),
        "kia": rate(res[kia], by(res.loc[kia, "tgl_terbit_kia"])),
    }
    heads = res[res["shdk"] == "KEPALA KELUARGA"]
    fam = heads.groupby("kk_id").agg(kode_desa=("kode_desa", "min"), kk=("tgl_cetak_kk", "max"))
    out["kk"] = rate(fam, by(fam["kk"]))
    pindah = lay[
        lay["jenis"].isin(["PINDAH", "DATANG"])
        & (lay["tgl_permohonan"] >= start)
        & (lay["tgl_permohonan"] <= on)
    ]
    out["pindah_datang"] = rate(pindah, by(pindah["tgl_selesai"]))
    for key, mask in (("akta_lahir_0_18", child), ("akta_lahir_dewasa", ~child)):
        part = res[mask]
        out[key] = rate(part, cert(part["ada_akta_lahir"], part["tgl_akta_lahir"]))
    dead = pen[
        (pen["tgl_meninggal"] >= start)
        & (pen["tgl_meninggal"] <= on)
        & (pen["tgl_terdaftar"].isna() | (pen["tgl_terdaftar"] <= on))
    ]
    out["akta_kematian"] = rate(dead, cert(dead["ada_akta_kematian"], dead["tgl_akta_kematian"]))
    married_heads = heads.loc[heads["status_kawin"] == "KAWIN", "kk_id"].unique()
    spouses = res[
        res["shdk"].isin(["ISTRI", "SUAMI"])
        & (res["status_kawin"] == "KAWIN")
        & (res["tgl_kawin"].isna() | (res["tgl_kawin"] <= on))
        & res["kk_id"].isin(married_heads)
    ]
    out["kawin_tercatat"] = rate(
        spouses, cert(spouses["ada_akta_kawin"], spouses["tgl_akta_kawin"])
    )
    kabs = set(pen["kode_desa"].str[:5]) | set(lay["kode_desa"].str[:5])
    area = desa[desa["kode_kabupaten"].isin(kabs)].set_index("kode_desa")
    populated = area.index.isin(res["kode_desa"].unique())
    out["database_kependudukan"] = pd.DataFrame(
        {"a": populated.astype("int64"), "b": 1}, index=area.index
    )[area["kode_kabupaten"].isin(set(pen["kode_desa"].str[:5]))]

    results: dict[tuple[str, str, str], tuple[int, int]] = {}
    for key, frame in out.items():
        grid = area[["kode_kecamatan", "kode_kabupaten"]].join(frame).fillna(0)
        grid = grid.reset_index()
        for level, col in (
            ("kabupaten", "kode_kabupaten"),
            ("kecamatan", "kode_kecamatan"),
            ("desa", "kode_desa"),
        ):
            sums = grid.groupby(col)[["a", "b"]].sum()
            for code, a, b in zip(sums.index, sums["a"], sums["b"], strict=True):
                results[(key, level, code)] = (int(a), int(b))
    return results
