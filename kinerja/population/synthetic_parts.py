"""Vectorised building blocks of the synthetic extract (see synthetic.py): households and people,
their documents, the service transactions, and the deliberately invalid rows.

Dates are int32 day numbers since 1970-01-01 until the very end, where pyarrow turns them into
ISO text columns (text, like a SIAK export, so that invalid dates can be written at all).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

YEAR = 365.2425
HEAD, SPOUSE, CHILD, PARENT, GRANDCHILD, RELATIVE = range(6)
RELATION_LABEL = ["KEPALA KELUARGA", "ISTRI", "ANAK", "ORANG TUA", "CUCU", "FAMILI LAIN"]
MARITAL_LABEL = ["BELUM KAWIN", "KAWIN", "CERAI HIDUP", "CERAI MATI"]
SINGLE, MARRIED, DIVORCED, WIDOWED = range(4)
# Service: (label as registers write it, requests per resident per year, mean days to complete).
SERVICES = [
    ("KTP-el", 0.035, 3.0),
    ("KK", 0.040, 2.0),
    ("KIA", 0.030, 2.0),
    ("Pindah", 0.008, 4.0),
    ("Datang", 0.008, 4.0),
    ("Akta Kelahiran", 0.025, 3.0),
    ("Akta Kematian", 0.004, 5.0),
    ("Akta Perkawinan", 0.004, 7.0),
    ("Akta Perceraian", 0.001, 10.0),
]
SERVICE_YEARS = 2
NA = -(10**7)  # "no date": births before 1970 are negative day numbers
CHILD_MALE = 0.508


def days(d: date) -> int:
    return (d - date(1970, 1, 1)).days


def apportion(total: int, shares: np.ndarray) -> np.ndarray:
    """Integers proportional to ``shares`` that sum exactly to ``total`` (largest remainder)."""
    raw = shares * total
    out = np.floor(raw).astype(np.int64)
    out[np.argsort(raw - out)[::-1][: total - out.sum()]] += 1
    return out


@dataclass
class Chunk:
    index: int
    n_chunks: int
    desa: np.ndarray  # dotted desa codes
    pops: np.ndarray  # residents per desa
    snapshot: int  # day number of the extract date
    all_kecamatan: np.ndarray  # every Jawa Timur kecamatan as a 6-digit int (NIK prefixes)
    rng: np.random.Generator


def _ymd(d: np.ndarray):
    dt = d.astype("datetime64[D]")
    y = dt.astype("datetime64[Y]")
    m = dt.astype("datetime64[M]")
    return (
        y.astype(np.int64) + 1970,
        (m - y.astype("datetime64[M]")).astype(np.int64) + 1,
        (dt - m.astype("datetime64[D]")).astype(np.int64) + 1,
    )


def _after(rng, start, mean_days, snapshot):
    """A date an exponential delay after ``start``; NA (never) if that is after the snapshot."""
    d = start + rng.exponential(mean_days, len(start)).astype(np.int64)
    return np.where(d <= snapshot, d, NA)


def _rank(key: np.ndarray) -> np.ndarray:
    """0, 1, 2, ... within each group of equal keys (to make NIK/KK serials unique)."""
    order = np.argsort(key, kind="stable")
    k = key[order]
    idx = np.arange(len(k))
    start = np.maximum.accumulate(np.where(np.r_[True, k[1:] != k[:-1]], idx, 0))
    rank = np.empty_like(idx)
    rank[order] = idx - start
    return rank


def people(c: Chunk) -> dict[str, np.ndarray]:
    rng, snap, n = c.rng, c.snapshot, int(c.pops.sum())
    kec_codes, kec_of_desa = np.unique([d[:8] for d in c.desa], return_inverse=True)
    nk = len(kec_codes)
    # Coverage differs by kecamatan, around the published Sampang figures.
    rate = {
        "ktp": rng.uniform(0.95, 0.995, nk),
        "akta_anak": rng.uniform(0.82, 0.95, nk),
        "akta_dewasa": rng.uniform(0.30, 0.60, nk),
        "kia": rng.uniform(0.10, 0.30, nk),
        "mati": rng.uniform(0.35, 0.75, nk),
        "kawin": rng.uniform(0.55, 0.85, nk),
        "kk": rng.uniform(0.95, 0.995, nk),
    }
    # Households until n residents; the last one is cut to fit.
    sizes = np.minimum(1 + rng.poisson(2.3, n // 3 + 10), 10)
    sizes = sizes[: np.searchsorted(np.cumsum(sizes), n) + 1]
    sizes[-1] -= sizes.sum() - n
    h = len(sizes)
    hh_desa = np.sort(rng.choice(len(c.desa), h, p=c.pops / c.pops.sum()))
    hh_kec = kec_of_desa[hh_desa]
    hh = np.repeat(np.arange(h), sizes)
    pos = np.arange(n) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    spouse = (sizes >= 2) & (rng.random(h) < 0.85)
    head_age = np.clip(rng.normal(45, 13, h), 18, 90)
    head_male = np.where(spouse, rng.random(h) < 0.96, rng.random(h) < 0.45)
    other = rng.choice([CHILD, PARENT, GRANDCHILD, RELATIVE], n, p=[0.86, 0.05, 0.05, 0.04])
    role = np.where(pos == 0, HEAD, np.where((pos == 1) & spouse[hh], SPOUSE, other))
    ha = head_age[hh]
    u = rng.random(n)
    age = np.select(
        [role == HEAD, role == SPOUSE, role == CHILD, role == PARENT, role == GRANDCHILD],
        [
            ha,
            np.clip(ha - rng.normal(4, 4, n), 16, 95),
            u * np.clip(ha - 17, 1, 30),
            np.clip(ha + 24 + 10 * u, 40, 100),
            u * np.clip(ha - 38, 1, 12),
        ],
        default=5 + 60 * u,
    )
    male = np.select(
        [role == HEAD, role == SPOUSE, role == PARENT],
        [head_male[hh], ~head_male[hh], rng.random(n) < 0.3],
        default=rng.random(n) < CHILD_MALE,
    )
    birth = snap - (age * YEAR).astype(np.int64) - rng.integers(0, 365, n)
    age = (snap - birth) / YEAR
    # Marital status: couples are married; others by age (child marriage happens, rarely).
    p_married = np.select([age < 15, age < 17, age < 20, age < 26], [0, 0.03, 0.12, 0.4], 0.6)
    marital = np.where(rng.random(n) < p_married, MARRIED, SINGLE)
    marital = np.where((marital == MARRIED) & (rng.random(n) < 0.1), DIVORCED, marital)
    lone = rng.choice([SINGLE, MARRIED, DIVORCED, WIDOWED], n, p=[0.12, 0.08, 0.25, 0.55])
    marital = np.select(
        [role == SPOUSE, (role == HEAD) & spouse[hh], role == HEAD, role == PARENT],
        [MARRIED, MARRIED, lone, np.where(rng.random(n) < 0.3, MARRIED, WIDOWED)],
        marital,
    )
    # Marriage: the head's marriage date and certificate are shared with the spouse.
    years_married = rng.random(n) * np.clip(age - 16, 0.1, 45)
    wed = snap - (years_married * YEAR).astype(np.int64)
    first = np.cumsum(sizes) - sizes
    wed = np.where((role == SPOUSE) | (role == HEAD), wed[first][hh], wed)
    kec = hh_kec[hh]
    has_wed_cert = (rng.random(h) < rate["kawin"][hh_kec])[hh]
    wed_cert = _after(rng, wed, 30, snap)
    wed_cert = np.where(has_wed_cert & (marital != SINGLE), wed_cert[first][hh], NA)
    wed = np.where(marital == SINGLE, NA, wed)
    # Deaths in the last three years, more likely with age.
    p_death = 3 * (0.0004 + 0.00002 * np.exp(0.09 * age))
    death = np.where(rng.random(n) < p_death, snap - rng.integers(0, 3 * 365, n), NA)
    death = np.where((death > NA) & (death < birth), birth, death)
    death_cert = np.where(rng.random(n) < rate["mati"][kec], _after(rng, death, 60, snap), NA)
    death_cert = np.where(death > NA, death_cert, NA)
    # KTP-el from 17 (or marriage), recording started in 2011.
    adult = birth + int(17 * YEAR + 1)
    due = np.maximum(np.minimum(adult, np.where(wed > NA, wed, 10**9)), 15340)
    recorded = np.where(rng.random(n) < rate["ktp"][kec], _after(rng, due, 120, snap), NA)
    printed = np.where(rng.random(n) < 0.96, _after(rng, recorded, 20, snap), NA)
    printed = np.where(recorded > NA, printed, NA)
    # KIA since 2019, for children.
    kia_from = np.maximum(birth, 17897)
    kia = np.where(
        (rng.random(n) < rate["kia"][kec]) & (age < 17),
        kia_from + (rng.random(n) * np.maximum(snap - kia_from, 0)).astype(np.int64),
        NA,
    )
    # Birth certificates: most children, fewer adults, older adults least.
    p_akta = np.where(
        age < 18,
        rate["akta_anak"][kec] * np.where(age < 1, 0.75, 1.02),
        rate["akta_dewasa"][kec] * np.clip(1.4 - age / 70, 0.3, 1.2),
    )
    issued = np.where(
        age < 18,
        birth + rng.exponential(150, n).astype(np.int64),
        np.maximum(birth, 12784) + rng.integers(0, 3000, n),
    )
    akta_lahir = np.where((rng.random(n) < p_akta) & (issued <= snap), issued, NA)
    # Families: KK printed, a few households moved in recently (registered on arrival).
    kk_print = np.where(rng.random(h) < rate["kk"][hh_kec], snap - rng.integers(0, 9 * 365, h), NA)
    mover = rng.random(h) < 0.03
    moved = snap - rng.integers(0, 3 * 365, h)
    registered = np.where(mover[hh], np.maximum(moved[hh], birth), NA)
    return {
        "hh": hh, "role": role, "male": male, "birth": birth, "desa": hh_desa[hh], "kec": kec,
        "kec_codes": kec_codes, "marital": marital, "wed": wed, "wed_cert": wed_cert,
        "death": death, "death_cert": death_cert, "recorded": recorded, "printed": printed,
        "kia": kia, "akta_lahir": akta_lahir, "kk_print": kk_print[hh],
        "registered": registered, "mover": mover[hh], "hh_kec": hh_kec,
    }  # fmt: skip


def _nik(c: Chunk, p: dict[str, np.ndarray]) -> np.ndarray:
    """NIK as int64: kecamatan of first registration, DDMMYY (+40 for women), unique serial."""
    rng, n = c.rng, len(p["birth"])
    own = np.array([int(k.replace(".", "")) for k in p["kec_codes"]])[p["kec"]]
    # People who moved in (3% of households) or moved within the kabupaten long ago (5%) keep
    # the NIK of where they were first registered.
    elsewhere = p["mover"] & (p["birth"] < p["registered"])
    shifted = rng.random(n) < 0.05
    prefix = np.where(elsewhere, rng.choice(c.all_kecamatan, n), own)
    prefix = np.where(shifted & ~elsewhere, rng.choice(np.unique(own), n), prefix)
    foreign = elsewhere | shifted
    y, m, d = _ymd(p["birth"])
    nikdate = (d + np.where(p["male"], 0, 40)) * 10000 + m * 100 + y % 100
    rank = _rank(prefix * 1_000_000 + nikdate + np.where(foreign, 10**12, 0))
    # Local serials count from 1; NIKs of other kecamatan use 5000-9999, sliced by chunk, so that
    # chunks written separately never collide.
    width = 4999 // c.n_chunks
    serial = np.where(foreign, 5000 + c.index * width + rank % width, rank + 1)
    return prefix * 10**10 + nikdate * 10**4 + serial


def _kk(c: Chunk, p: dict[str, np.ndarray]) -> np.ndarray:
    """KK number per household: kecamatan, a DDMMYY issue date and a serial, unique per chunk."""
    hh_kec = p["hh_kec"]
    j = _rank(hh_kec)
    y, m, d = _ymd(days(date(2012, 1, 2)) + j // 9999)
    own = np.array([int(k.replace(".", "")) for k in p["kec_codes"]])[hh_kec]
    kk = own * 10**10 + (d * 10000 + m * 100 + y % 100) * 10**4 + j % 9999 + 1
    return kk[p["hh"]]


def date_text(d: np.ndarray) -> pa.Array:
    return pc.cast(pa.array(d, mask=d <= NA, type=pa.int32()).cast(pa.date32()), pa.string())


def _certificate(kind: str, kab: str, issued: np.ndarray, serial: np.ndarray) -> pa.Array:
    """Certificate numbers shaped like Dukcapil's: 3527-LT-25022019-0012."""
    y, m, d = _ymd(np.where(issued > NA, issued, 0))
    text = pc.utf8_lpad(pc.cast(pa.array(d * 1_000_000 + m * 10_000 + y), pa.string()), 8, "0")
    num = pc.utf8_lpad(pc.cast(pa.array(serial % 10000 + 1), pa.string()), 4, "0")
    joined = pc.binary_join_element_wise(f"{kab}-{kind}", text, num, "-")
    return pc.if_else(pa.array(issued <= NA), pa.scalar(None, pa.string()), joined)


def residents_table(c: Chunk, p: dict[str, np.ndarray], invalid_share: float):
    """The residents file of one chunk, and how many rows were made invalid on purpose."""
    rng, n = c.rng, len(p["birth"])
    kab = c.desa[0][:5].replace(".", "")
    serial = rng.integers(0, 10**6, n)
    rel = np.array(RELATION_LABEL, dtype=object)[p["role"]]
    rel = np.where((p["role"] == 1) & p["male"], "SUAMI", rel)
    cols = {
        "nik": (p_nik := _nik(c, p)),
        "no_kk": _kk(c, p),
        "jenis_kelamin": np.where(p["male"], "L", "P"),
        "tgl_lahir": p["birth"],
        "kode_desa": c.desa[p["desa"]],
        "shdk": rel,
        "status_kawin": _marital_text(rng, p),
        "tgl_kawin": p["wed"],
        "no_akta_kawin": ("KW", p["wed_cert"]),
        "tgl_akta_kawin": p["wed_cert"],
        "tgl_rekam_ktpel": p["recorded"],
        "tgl_cetak_ktpel": p["printed"],
        "tgl_terbit_kia": p["kia"],
        "no_akta_lahir": ("LT", p["akta_lahir"]),
        "tgl_akta_lahir": p["akta_lahir"],
        "tgl_meninggal": p["death"],
        "no_akta_kematian": ("KM", p["death_cert"]),
        "tgl_akta_kematian": p["death_cert"],
        "tgl_cetak_kk": p["kk_print"],
        "tgl_terdaftar": p["registered"],
    }
    bad = min(round(n * invalid_share), n // 2 - 1) if n > 3 else 0
    rows = _bad_rows(rng, n, bad)
    kinds = np.arange(bad) % 10
    arrays = {}
    for name, v in cols.items():
        if isinstance(v, tuple):
            arrays[name] = _certificate(v[0], kab, v[1], serial)
        elif name.startswith("tgl_"):
            arrays[name] = date_text(v)
        elif name in ("nik", "no_kk"):
            arrays[name] = pc.cast(pa.array(v), pa.string())
        else:
            arrays[name] = pa.array(v, type=pa.string())
    _corrupt(arrays, rows, kinds, p_nik, p["birth"], c, kab)
    noted = int(np.isin(kinds, NOTED_KINDS).sum())
    return pa.table(arrays), (bad - noted, noted)


def _marital_text(rng: np.random.Generator, p: dict[str, np.ndarray]) -> np.ndarray:
    """Half the households as SIAK writes since Permendagri 108/2019 (KAWIN TERCATAT / BELUM
    TERCATAT, from the certificate), half in the older four values, as mixed registers are."""
    old = np.array(MARITAL_LABEL, dtype=object)[p["marital"]]
    newer = (rng.random(int(p["hh"].max()) + 1) < 0.5)[p["hh"]]
    cert = np.where(p["wed_cert"] > NA, " TERCATAT", " BELUM TERCATAT").astype(object)
    split = (old == "KAWIN") | (old == "CERAI HIDUP")
    return np.where(newer & split, old + cert, old)


def _bad_rows(rng: np.random.Generator, n: int, bad: int) -> np.ndarray:
    """Rows to break, at odd positions: the row before each (copied by duplicates) stays intact."""
    if bad == 0:
        return np.zeros(0, dtype=np.int64)
    return 2 * rng.choice(n // 2, bad, replace=False) + 1


def _put(arrays: dict[str, pa.Array], name: str, rows: np.ndarray, values) -> None:
    if len(rows):
        mask = np.zeros(len(arrays[name]), dtype=bool)
        mask[rows] = True
        order = np.argsort(rows)
        vals = pa.array(np.asarray(values, dtype=object)[order], type=pa.string())
        arrays[name] = pc.replace_with_mask(arrays[name], pa.array(mask), vals)


# Kinds of _corrupt that a resident keeps with a note (the NIK is for life: sex or birth date
# corrected later; a kecamatan code that is not in today's list): 0, 1 and 4.
NOTED_KINDS = (0, 1, 4)


def _corrupt(arrays, rows, kinds, nik, birth, c: Chunk, kab: str) -> None:
    """Ten kinds of odd rows, in equal shares: the NIK's sex digits, birth month, length,
    letters, kecamatan and uniqueness; a birth in the future, a death before birth, an invalid
    calendar date, and an unknown desa code. Kinds 0, 1 and 4 are kept with a note."""
    nik_text = nik.astype(str).astype(object)
    nikdd = (nik // 10**8) % 100
    # Altered NIKs get serials 9000-9999 so they do not collide with real ones by accident.
    altered = nik - nik % 10**4 + 9000 + np.arange(len(nik)) % 1000
    r = {k: rows[kinds == k] for k in range(10)}
    flip = altered + np.where(nikdd > 40, -40, 40) * 10**8
    month = (nik // 10**6) % 100
    other_month = altered + ((month % 12) + 1 - month) * 10**6
    _put(arrays, "nik", r[0], flip[r[0]].astype(str))
    _put(arrays, "nik", r[1], other_month[r[1]].astype(str))
    _put(arrays, "nik", r[2], [s[:15] for s in nik_text[r[2]]])
    _put(arrays, "nik", r[3], [s[:10] + "AB" + s[12:] for s in nik_text[r[3]]])
    _put(arrays, "nik", r[4], [kab + "99" + s[6:] for s in altered[r[4]].astype(str)])
    _put(arrays, "nik", r[5], nik_text[r[5] - 1])
    future = np.full(len(r[6]), c.snapshot + 3000)
    _put(arrays, "tgl_lahir", r[6], date_text(future).to_pylist())
    before = birth[r[7]] - 400
    _put(arrays, "tgl_meninggal", r[7], date_text(before).to_pylist())
    _put(arrays, "tgl_lahir", r[8], [f"{1950 + i % 60}-02-30" for i in range(len(r[8]))])
    _put(arrays, "kode_desa", r[9], [f"{kab[:2]}.{kab[2:]}.99.2999"] * len(r[9]))


def services_table(c: Chunk, invalid_share: float):
    """Service transactions of the last two years for the chunk's desa."""
    rng, snap = c.rng, c.snapshot
    pop = int(c.pops.sum())
    counts = [int(rng.poisson(rate * pop * SERVICE_YEARS)) for _, rate, _ in SERVICES]
    kind = np.repeat(np.arange(len(SERVICES)), counts)
    n = len(kind)
    requested = snap - rng.integers(0, int(SERVICE_YEARS * YEAR), n)
    mean = np.array([m for _, _, m in SERVICES])[kind]
    done = requested + rng.exponential(mean).astype(np.int64)
    done = np.where((rng.random(n) < 0.97) & (done <= snap), done, NA)
    desa = rng.choice(len(c.desa), n, p=c.pops / c.pops.sum())
    order = np.argsort(requested, kind="stable")
    kab = c.desa[0][:5].replace(".", "")
    seq = pc.cast(pa.array(np.arange(n) + 1), pa.string())
    arrays = {
        "no_permohonan": pc.binary_join_element_wise(f"{kab}-{c.index:03d}", seq, "-"),
        "jenis_layanan": pa.array(np.array([s for s, _, _ in SERVICES], dtype=object)[kind][order]),
        "kode_desa": pa.array(c.desa[desa][order].astype(object)),
        "tgl_permohonan": date_text(requested[order]),
        "tgl_selesai": date_text(done[order]),
    }
    bad = min(round(n * invalid_share), n // 2 - 1) if n > 3 else 0
    rows = _bad_rows(rng, n, bad)
    kinds = np.arange(bad) % 4
    r = {k: rows[kinds == k] for k in range(4)}
    _put(arrays, "jenis_layanan", r[0], ["Surat Keterangan Lain"] * len(r[0]))
    before = requested[order][r[1]] - 5
    _put(arrays, "tgl_selesai", r[1], date_text(before).to_pylist())
    _put(arrays, "tgl_permohonan", r[2], ["2023-13-01"] * len(r[2]))
    dup = arrays["no_permohonan"].take(pa.array(r[3] - 1)).to_pylist()
    _put(arrays, "no_permohonan", r[3], dup)
    return pa.table(arrays), bad
