"""The population indicators written the way one would in pandas, as a baseline for
bench_population.py: the definitions of docs/population.md (section 5) under the default rules,
from the extract as read (text columns, dates parsed here, ages by calendar arithmetic, families
by grouping the KK number), like the independent polars recomputation of the tests
(tests/population/test_population_independent.py, ``expected``). Same output shape:
{(indicator, level, area_code): (numerator, denominator)}. Not part of the application."""

from __future__ import annotations

from datetime import date

import pandas as pd

from kinerja.population.regions import desa_of

MARRIED = ["KAWIN", "KAWIN TERCATAT", "KAWIN BELUM TERCATAT"]


def _age(birth: pd.Series, on) -> pd.Series:
    """Full years on ``on`` (a date or a Series of dates): one less before the birthday."""
    md = birth.dt.month * 100 + birth.dt.day
    if isinstance(on, date):
        return on.year - birth.dt.year - (md > on.month * 100 + on.day)
    return on.dt.year - birth.dt.year - (md > on.dt.month * 100 + on.dt.day)


def compute_pandas(res: pd.DataFrame, svc: pd.DataFrame, on: date, area: str = "35.27") -> dict:
    start, now = pd.Timestamp(on.year, 1, 1), pd.Timestamp(on)
    p = res.copy()
    for col in [c for c in p.columns if c.startswith("tgl_")]:
        p[col] = pd.to_datetime(p[col], format="%Y-%m-%d", errors="coerce")
    p["baris"] = range(len(p))

    def by(df: pd.DataFrame, col: str) -> pd.Series:
        return df[col].notna() & (df[col] <= now)

    def cert(df: pd.DataFrame, number: str, issued: str, date_alone: bool = False) -> pd.Series:
        has = df[number].notna() | (df[issued].notna() if date_alone else False)
        return has & (df[issued].isna() | (df[issued] <= now))

    married_by = p["tgl_kawin"].isna() | (p["tgl_kawin"] <= now)
    p["age"] = _age(p["tgl_lahir"], on)
    p["res"] = (
        (p["tgl_lahir"] <= now)
        & (p["tgl_meninggal"].isna() | (p["tgl_meninggal"] >= now))
        & (p["tgl_terdaftar"].isna() | (p["tgl_terdaftar"] <= now))
    )
    p["ever"] = p["status_kawin"].notna() & (p["status_kawin"] != "BELUM KAWIN") & married_by
    p["married"] = p["status_kawin"].isin(MARRIED) & married_by
    parts: list[pd.DataFrame] = []

    def add(key: str, df: pd.DataFrame, where: pd.Series, hit: pd.Series) -> None:
        parts.append(
            pd.DataFrame(
                {"k": key, "kode_desa": df.loc[where, "kode_desa"], "a": hit[where].astype(int)}
            )
        )

    wajib = p["res"] & ((p["age"] >= 17) | p["ever"])
    add("ktp_el", p, wajib, by(p, "tgl_rekam_ktpel"))
    add("ktp_el_cetak", p, wajib, by(p, "tgl_cetak_ktpel"))
    expired = (p["age"] >= 5) & (_age(p["tgl_lahir"], p["tgl_terbit_kia"]) < 5)
    child = p["res"] & (p["age"] < 17) & ~p["ever"]
    add("kia", p, child, by(p, "tgl_terbit_kia") & ~expired.fillna(False).astype(bool))
    akta = cert(p, "no_akta_lahir", "tgl_akta_lahir", date_alone=True)
    add("akta_lahir_0_18", p, p["res"] & (p["age"] < 18), akta)
    add("akta_lahir_dewasa", p, p["res"] & (p["age"] >= 18), akta)
    died = p["tgl_meninggal"].between(start, now) & (
        p["tgl_terdaftar"].isna() | (p["tgl_terdaftar"] <= now)
    )
    add("akta_kematian", p, died, cert(p, "no_akta_kematian", "tgl_akta_kematian"))

    # Families by KK number: first issue = earliest of the date in the number (digits 7-12,
    # DDMMYY), tgl_terbit_kk and tgl_cetak_kk, provided it was issued or printed at all.
    yy = p["no_kk"].str[10:12].astype(int)
    year = (yy + 2000).where(yy + 2000 <= 2024, yy + 1900)
    p["kk_tgl"] = pd.to_datetime(
        year.astype(str) + "-" + p["no_kk"].str[8:10] + "-" + p["no_kk"].str[6:8],
        format="%Y-%m-%d",
        errors="coerce",
    )
    issue_cols = [c for c in ("tgl_terbit_kk", "tgl_cetak_kk") if c in p.columns]
    fam = p.groupby("no_kk").agg(kk_tgl=("kk_tgl", "min"), **{c: (c, "min") for c in issue_cols})
    fam["terbit"] = fam[issue_cols].min(axis=1)
    fam["first"] = fam[["kk_tgl", "terbit"]].min(axis=1).where(fam["terbit"].notna())
    heads = (
        p[p["shdk"] == "KEPALA KELUARGA"]
        .drop_duplicates("no_kk", keep="first")
        .join(fam["first"], on="no_kk")
    )
    add("kk", heads, heads["res"], heads["first"].notna() & (heads["first"] <= now))
    head_ok = heads.set_index("no_kk")[["baris", "res", "married"]]
    head_ok = head_ok.assign(ok=head_ok["res"] & head_ok["married"])[["baris", "ok"]]
    spouses = p.join(head_ok.rename(columns={"baris": "head_baris"}), on="no_kk", how="inner")
    spouses = spouses[
        spouses["shdk"].isin(["ISTRI", "SUAMI"]) & (spouses["baris"] != spouses["head_baris"])
    ]
    registered = (
        (spouses["status_kawin"] == "KAWIN TERCATAT")
        & (spouses["tgl_akta_kawin"].isna() | (spouses["tgl_akta_kawin"] <= now))
    ) | ((spouses["status_kawin"] == "KAWIN") & cert(spouses, "no_akta_kawin", "tgl_akta_kawin"))
    couple = spouses["res"] & spouses["married"] & spouses["ok"].astype(bool)
    add("kawin_tercatat", spouses, couple, registered)

    s = svc.copy()
    for col in ("tgl_permohonan", "tgl_selesai"):
        s[col] = pd.to_datetime(s[col], format="%Y-%m-%d", errors="coerce")
    moves = s["jenis_layanan"].isin(["Pindah", "Datang"]) & s["tgl_permohonan"].between(start, now)
    add("pindah_datang", s, moves, by(s, "tgl_selesai"))
    populated = set(p.loc[p["res"], "kode_desa"].unique())
    codes = [d.code for d in desa_of(area)]
    parts.append(
        pd.DataFrame(
            {
                "k": "database_kependudukan",
                "kode_desa": codes,
                "a": [int(c in populated) for c in codes],
            }
        )
    )
    rows = pd.concat(parts, ignore_index=True)
    out = {}
    for level, width in (("desa", 13), ("kecamatan", 8), ("kabupaten", 5)):
        agg = rows.groupby(["k", rows["kode_desa"].str[:width]])["a"].agg(["sum", "size"])
        for (k, code), (a, b) in zip(agg.index, agg.to_numpy(), strict=True):
            out[(k, level, code)] = (int(a), int(b))
    return out
