"""Units (satuan) and period aggregation of count indicators: defaults read from the wording,
for a person to confirm in the catalog review.

A decree rarely states a count's unit, and summing "Jumlah gedung kantor yang dipelihara" over
twelve months gives twelve times the number of buildings. The defaults below are a first guess
that the catalog check lists until someone confirms them. Pure: no Django.
"""

from __future__ import annotations

import re

# Things counted one by one: a fraction of them is a typing mistake, never a figure.
DISCRETE_UNITS = frozenset(
    {
        "orang",
        "unit",
        "paket",
        "dokumen",
        "laporan",
        "berkas",
        "surat",
        "kegiatan",
        "layanan",
        "rekening",
        "transaksi",
        "kali",
        "keping",
        "lembar",
        "buah",
        "aplikasi",
        "edisi",
    }
)

# (pattern on the indicator's name and numerator, satuan), first match wins.
_UNIT_RULES: tuple[tuple[str, str], ...] = (
    (r"\btenaga\b|\baparat|\basn\b|\bpegawai\b(?! yang)|\bpenduduk\b|\boperator\b", "orang"),
    (r"\bgedung\b|\bkendaraan\b", "unit"),
    (r"\baplikasi digital\b", "aplikasi"),
    (r"\btabloid\b", "edisi"),
    (r"\btagihan\b|\brekening\b", "rekening"),
    (r"\btransaksi\b", "transaksi"),
    (r"\bberkas\b|\babsensi\b", "berkas"),
    (r"\bsurat\b", "surat"),
    (
        r"\blaporan\b|\blkjip\b|\blkpj\b|\blppd\b|\bspj\b|\bbku\b|\blra\b|\bspp\b"
        r"|\bdaftar transaksi",
        "laporan",
    ),
    (
        r"\bdokumen\b|\brenja\b|\brenstra\b|\brka\b|\bdpa\b|\bsakip\b|\bdatabase\b|\brencana\b"
        r"|\brancangan\b|\bpetunjuk\b|\brekomendasi\b|\busulan\b|\bkutipan\b|\bakta\b|\bdata\b",
        "dokumen",
    ),
    (
        r"\balat\b|\bperalatan\b|\bperlengkapan\b|\bkomponen\b|\bbahan\b|\bcetakan\b|\bspanduk",
        "paket",
    ),
    (r"\bpelayanan\b", "layanan"),
)
# A state that holds over the year (buildings maintained, staff paid): the latest month counts.
_LEVEL_RE = re.compile(
    r"\bdipelihara\b|\bterpelihara\b|\bdibayar\b|\btersedia\b|\bketersediaan\b|\bdimiliki\b"
    r"|^jumlah tenaga\b",
    re.IGNORECASE,
)


def default_measure(name: str, numerator: str | None = None) -> tuple[str, str]:
    """(satuan, aggregation "flow" | "stock") for a count indicator, from its wording."""
    text = f"{name} {numerator or ''}".casefold()
    unit = next((u for pattern, u in _UNIT_RULES if re.search(pattern, text)), "kegiatan")
    aggregation = "stock" if _LEVEL_RE.search(name) or _LEVEL_RE.search(numerator or "") else "flow"
    return unit, aggregation


def satuan_of(kind: str, measure_unit: str) -> str:
    if kind == "percentage":
        return "%"
    return measure_unit or ""


def is_discrete(kind: str, measure_unit: str) -> bool:
    return kind == "count" and measure_unit.strip().casefold() in DISCRETE_UNITS


def display_decimals(kind: str, measure_unit: str) -> int:
    """Counts of discrete things are shown without decimals ("4.806", never "4.806,00")."""
    return 0 if is_discrete(kind, measure_unit) else 2
