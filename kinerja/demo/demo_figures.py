"""Plausible, deterministic figures for the demo: Renstra targets and monthly realizations.

Pure module (no Django import). Targets and values are chosen from the indicator's name, so an
amended catalog still gets sensible numbers; anything unrecognised falls back to "12 a year".
Published Dispendukcapil Sampang figures (docs: ../shared/facts.md) set the scale: about 620,000
wajib KTP-el, KTP-el coverage 94.6% (2018) to about 97%, akta 0-18 about 88% (2018), KIA about
10% (2020).
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from decimal import Decimal

# Annual targets (in the last year of the period) of count indicators, matched in order against
# the lower-cased indicator name. Flow counts: the monthly values add up to about this.
COUNT_RULES: list[tuple[str, int]] = [
    (r"pelayanan ktp", 48_000),
    (r"pelayanan kk", 36_000),
    (r"pelayanan kia", 30_000),
    (r"penduduk pindah", 6_000),
    (r"penduduk datang", 4_500),
    (r"pelayanan akta kelahiran", 24_000),
    (r"pelayanan akta kematian", 3_600),
    (r"^laporan hasil cetak", 12),
    (r"surat keterangan (pindah|datang)", 5_000),
    (r"kutipan akta kelahiran", 23_000),
    (r"berkas akta kelahiran", 24_000),
    (r"surat pengantar untuk verifikasi", 120),
    (r"laporan kemajuan", 20),
    (r"dokumen renstra", 4),
    (r"laporan keuangan bulanan", 12),
    (r"semester", 2),
    (r"laporan keuangan tahunan", 1),
    (r"triwulan", 4),
    (r"dokumen sakip", 5),
    (r"^tersusunnya (lkpj|lppd|lkjip|renja)", 1),
    (r"rka-skpd dan dpa-skpd", 2),
    (r"spj keuangan|spj dan kelengkapan", 480),
    (r"spj gaji|pemotongan gaji|spj fungsional|transaksi harian|tanda terima tambahan", 12),
    (r"\(lra\)|absensi|finger print", 12),
    (r"bku", 240),
    (r"pajak", 600),
    (r"spp", 120),
    (r"kenaikan pangkat", 40),
    (r"gaji berkala", 60),
    (r"rapat dinas", 24),
    (r"petunjuk teknis|merancang|usulan kebutuhan pegawai|rencana kebutuhan barang", 1),
    (r"usulan penghapusan|rencana kegiatan maintenance|aplikasi digital|peraturan presiden", 1),
    (r"rekomendasi kebijakan", 4),
    (r"inventaris barang \(", 3),
    (r"kartu barang", 240),
    (r"belanja modal ke dalam", 60),
    (r"data urusan kepegawaian", 240),
    (r"kelengkapan dan kelayakan", 240),
    (r"mengantar", 180),
    (r"database kependudukan skala", 1),  # a level: the database exists
    (r"listrik, air", 36),
    (r"jasa perizinan", 14),
    (r"tenaga kebersihan", 6),  # levels: people paid each month
    (r"alat kebersihan", 120),
    (r"tenaga penjaga", 4),
    (r"jasa pendukung", 12),
    (r"alat tulis", 600),
    (r"cetakan", 2_400),
    (r"penggandaan", 12_000),
    (r"instalasi listrik", 60),
    (r"bahan bacaan", 24),
    (r"minuman rapat", 960),
    (r"minuman tamu", 600),
    (r"luar daerah", 24),
    (r"dalam daerah", 36),
    (r"gedung kantor yang dibangun|roda empat yang diadakan", 1),
    (r"gedung kantor yang dipelihara|roda dua yang diadakan", 2),
    (r"roda empat yang dipelihara", 6),
    (r"pengadaan peralatan", 20),
    (r"peralatan kantor yang dipelihara", 40),
    (r"perlengkapan kantor", 15),
    (r"spanduk", 24),
    (r"asn yang mengikuti", 30),
    (r"bimbingan teknis|bimtek/", 2),
    (r"dokumen skm", 2),
    (r"promosi pelayanan", 12),
    (r"pemeliharaan (sarpras|aplikasi) siak", 12),
    (r"penyediaan fasilitas", 4),
    (r"aparat kependudukan", 60),
    (r"kerjasama dan inovasi pelayanan kependudukan", 6),
    (r"dak2|monev", 4),
    (r"tabloid", 4),
    (r"tertata", 60_000),
    (r"laporan perkawinan", 12),
    (r"perbaikan sistem operasi.*kecamatan", 28),
    (r"monitoring dan perbaikan jarkomdat.*kecamatan", 56),
    (r"penataan jarkomdat.*kecamatan", 14),
    (r"penataan jarkomdat", 2),
    (r"setting aplikasi server", 4),
    (r"data warehouse", 12),
    (r"laporan hasil pelaksanaan", 12),
    (r"fasilitasi aplikasi siak", 120),
    (r"fasilitasi data penduduk", 600),
    (r"backup database", 52),
    (r"monitoring perangkat|monitoring dan fasilitasi jaringan", 48),
    (r"surat", 1_200),
]
DEFAULT_COUNT = 12


@dataclass(frozen=True)
class Rate:
    """A percentage indicator: its Renstra path and how its figures behave.

    ``level``: a register population (denominator ``base``, growing ``growth`` a month) whose
    coverage climbs through the year; ``ytd``: year-to-date cases (``base`` a month) of which
    most are served; ``flow``: monthly numerator over a monthly denominator of about ``base``."""

    first: float  # Renstra target in the first year of the period
    last: float  # ... and in the last
    mode: str
    base: int
    growth: int = 0


RATE_RULES: list[tuple[str, Rate]] = [
    (r"ktp", Rate(90.0, 97.0, "level", 620_000, 550)),
    (r"kartu keluarga", Rate(93.0, 98.0, "level", 335_000, 300)),
    (r"kia", Rate(10.0, 40.0, "level", 318_000, 180)),
    (r"pindah datang", Rate(95.0, 100.0, "ytd", 880)),
    (r"0-18 tahun ber akta", Rate(85.0, 95.0, "level", 372_000, 250)),
    (r"diatas 18 tahun", Rate(40.0, 60.0, "level", 660_000, 450)),
    (r"akta kematian", Rate(30.0, 60.0, "ytd", 420)),
    (r"pasangan", Rate(55.0, 75.0, "level", 265_000, 160)),
    (r"administrasi dan jasa perkantoran", Rate(90.0, 100.0, "flow", 18)),
    (r"sarana dan prasarana", Rate(80.0, 90.0, "flow", 120)),
    (r"peningkatan kapasitas", Rate(60.0, 85.0, "flow", 6)),
    (r"dokumen perencanaan", Rate(90.0, 100.0, "flow", 3)),
    (r"fasilitas penunjang skm", Rate(80.0, 100.0, "flow", 5)),
    (r"pendokumentasian berkas", Rate(70.0, 90.0, "flow", 5_000)),
]
DEFAULT_RATE = Rate(85.0, 95.0, "flow", 20)


def _match(name: str, rules: list, default):
    lowered = name.lower()
    for pattern, value in rules:
        if re.search(pattern, lowered):
            return value
    return default


def count_target(name: str) -> int:
    return _match(name, COUNT_RULES, DEFAULT_COUNT)


def rate_profile(name: str) -> Rate:
    return _match(name, RATE_RULES, DEFAULT_RATE)


def _nice(value: float) -> int:
    step = 500 if value >= 10_000 else 50 if value >= 1_000 else 10 if value >= 100 else 1
    return int(round(value / step) * step)


def renstra_targets(name: str, *, percentage: bool, years: range) -> dict[int, Decimal]:
    """One Renstra target per year: rising percentages, counts growing ~3% a year for large
    volumes (constant for documents and monthly reports)."""
    first, last = years[0], years[-1]
    span = max(last - first, 1)
    out: dict[int, Decimal] = {}
    for year in years:
        if percentage:
            rate = rate_profile(name)
            value = rate.first + (rate.last - rate.first) * (year - first) / span
            out[year] = Decimal(f"{value:.2f}")
        else:
            base = count_target(name)
            value = base if base < 100 else _nice(base * (1 - 0.03 * (last - year)))
            out[year] = Decimal(value)
    return out


def quarter_split(annual: int) -> list[int]:
    """Rencana aksi per quarter (not cumulative), adding up exactly to the annual target."""
    shares = [0.23, 0.25, 0.26]
    parts = [round(annual * s) for s in shares]
    return [*parts, annual - sum(parts)]


def monthly_counts(annual: int, rng: random.Random) -> list[int]:
    """Twelve monthly values of a flow count adding up to about the annual target."""
    if annual < 12:
        months = [round(12 * (k + 1) / annual) for k in range(annual)] if annual else []
        values = [0] * 12
        for month in months:
            values[month - 1] += 1
        if months and rng.random() < 0.15:  # one document late: capaian below 100%
            values[months[-1] - 1] -= 1
        return values
    if annual < 24:
        values = [annual // 12] * 12
        for month in rng.sample(range(12), annual % 12):
            values[month] += 1
        return values
    achievement = rng.uniform(0.93, 1.07)
    weights = [
        1 + 0.12 * math.sin((m + rng.random()) / 12 * 2 * math.pi) + rng.uniform(-0.1, 0.1)
        for m in range(12)
    ]
    total = sum(weights)
    return [max(0, round(annual * achievement * w / total)) for w in weights]


def monthly_rates(
    rate: Rate, *, previous: float, target: float, stock: bool, rng: random.Random
) -> list[tuple[int, int]]:
    """Twelve (numerator, denominator) pairs. Stock figures are month-end positions (a register
    coverage, or year-to-date cases); flow figures are the month's own."""
    pairs: list[tuple[int, int]] = []
    end = min(100.0, target + rng.uniform(-1.6, 0.9))
    start = min(previous, end)
    for m in range(1, 13):
        if stock and rate.mode == "level":
            denominator = rate.base + rate.growth * m + rng.randint(-40, 40)
            pct = start + (end - start) * m / 12 + rng.uniform(-0.08, 0.08)
        elif stock:  # year-to-date cases
            denominator = sum(round(rate.base * rng.uniform(0.85, 1.15)) for _ in range(m))
            pct = end + rng.uniform(-1.5, 0.5)
        else:
            denominator = max(1, round(rate.base * rng.uniform(0.9, 1.1)))
            pct = target + rng.uniform(-6.0, 3.0)
        numerator = min(denominator, round(denominator * max(0.0, pct) / 100))
        pairs.append((numerator, denominator))
    return pairs
