"""The LKjIP efficiency rule (pure; docs/strategy.md "Efisiensi" gives the rule and its source).

    Serapan %  = realisasi belanja / pagu x 100   (rupiah summed first, then divided)
    Efisiensi  = 100% - Serapan %                 when the capaian reaches 100%
                 "tidak efisien"                  when the capaian is below 100%

A result reached with part of the budget left unspent is efficient by the unspent share; a
target missed is not efficient whatever was spent. A figure that cannot be computed says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
RULE = (
    "Serapan = realisasi belanja ÷ pagu × 100%. Efisiensi = 100% − serapan bila capaian "
    "kinerja ≥ 100% (target tercapai dengan sisa anggaran); bila capaian < 100% tidak efisien."
)


@dataclass(frozen=True)
class Efficiency:
    serapan: Decimal | None
    value: Decimal | None  # the unspent share, when efficient
    label: str  # "Efisien", "Tidak efisien", or "" when not computed
    reason: str | None


def serapan(pagu: Decimal | None, spent: Decimal | None) -> tuple[Decimal | None, str | None]:
    if pagu is None:
        return None, "pagu belum ada"
    if pagu == 0:
        return None, "pagu Rp0"
    return ((spent or Decimal(0)) * HUNDRED / pagu).quantize(CENT, ROUND_HALF_UP), None


def efficiency(capaian: Decimal | None, pagu: Decimal | None, spent: Decimal | None) -> Efficiency:
    absorbed, why = serapan(pagu, spent)
    if absorbed is None:
        return Efficiency(None, None, "", why)
    if capaian is None:
        return Efficiency(absorbed, None, "", "capaian kinerja tidak dapat dihitung")
    if capaian < HUNDRED:
        return Efficiency(absorbed, None, "Tidak efisien", "target kinerja tidak tercapai")
    return Efficiency(absorbed, HUNDRED - absorbed, "Efisien", None)
