"""Why a figure could not be computed, and the flags that qualify one that could.

A result that cannot be computed says so in words an official can act on, never as 0, NaN or an
exception. The codes are stable (other tools and the bulk path compare them); the Indonesian
text is what people read.
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    NO_DATA = "belum_ada_data"
    DENOMINATOR_ZERO = "penyebut_nol"
    DENOMINATOR_MISSING = "penyebut_tidak_ada"
    NUMERATOR_MISSING = "pembilang_tidak_ada"
    RATE_NOT_SUMMABLE = "nilai_tidak_dapat_dijumlah"
    GRANULARITY = "periode_tidak_selaras"
    TARGET_MISSING = "target_tidak_ada"
    TARGET_ZERO = "target_nol"
    TARGET_NEGATIVE = "target_negatif"
    REALISASI_ZERO = "realisasi_nol"
    INVALID = "masukan_tidak_valid"
    TARGET_ZERO_RULE = "target_nol_tidak_dihitung"
    NOT_TARGETED = "tidak_ditargetkan"


MESSAGES: dict[Reason, str] = {
    Reason.NO_DATA: "belum ada data",
    Reason.DENOMINATOR_ZERO: "tidak dapat dihitung: penyebut nol",
    Reason.DENOMINATOR_MISSING: "tidak dapat dihitung: penyebut tidak ada",
    Reason.NUMERATOR_MISSING: "tidak dapat dihitung: pembilang tidak ada",
    Reason.RATE_NOT_SUMMABLE: (
        "tidak dapat dihitung: persentase atau rasio tanpa pembilang dan penyebut tidak boleh "
        "dijumlah atau dirata-rata"
    ),
    Reason.GRANULARITY: "tidak dapat dihitung: periode data tidak selaras dengan batas waktu",
    Reason.TARGET_MISSING: "capaian tidak dapat dihitung: target belum ditetapkan",
    Reason.TARGET_ZERO: "capaian tidak dapat dihitung: target nol sedangkan realisasi tidak nol",
    Reason.TARGET_NEGATIVE: "capaian tidak dapat dihitung: target negatif",
    Reason.REALISASI_ZERO: (
        "capaian tidak dapat dihitung: realisasi nol pada rumus target / realisasi"
    ),
    Reason.INVALID: "tidak dapat dihitung: masukan tidak valid",
    Reason.TARGET_ZERO_RULE: (
        "capaian tidak dapat dihitung: target nol (aturan yang dipakai tidak menghitung capaian "
        "terhadap target nol)"
    ),
    Reason.NOT_TARGETED: "tidak ditargetkan tahun ini",
}


def describe(code: Reason | None, detail: str = "") -> str | None:
    """The sentence shown to people: the fixed message, then the specifics (periods, units)."""
    if code is None:
        return None
    message = MESSAGES[code]
    return f"{message} ({detail})" if detail else message


class Flag(StrEnum):
    """Facts about a computed figure that a reader must see next to it."""

    ABOVE_100 = "melebihi_100"
    """A percentage whose numerator exceeds its denominator: shown as is, never clipped."""
    CAPPED = "dibatasi"
    """Capaian lowered to the agency's cap."""
    ZERO_TARGET = "target_nol"
    """Target and realisasi both zero: capaian 100 by the documented rule."""
    INCOMPLETE = "data_tidak_lengkap"
    """Some periods have no data (flow with allow_partial, or a stock's latest data is older)."""
    QUARTERLY_TARGETS_DIFFER = "target_triwulan_berbeda"
    """The quarterly targets do not add up to the annual target."""


FLAG_ORDER: tuple[Flag, ...] = tuple(Flag)


def ordered(flags: set[Flag] | frozenset[Flag]) -> tuple[Flag, ...]:
    """Flags in a fixed order so that outputs compare equal across the scalar and bulk paths."""
    return tuple(f for f in FLAG_ORDER if f in flags)
