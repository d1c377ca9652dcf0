"""Progress within a year: the target expected so far, and a status against it.

The official capaian (and its predicate) is always realisasi s.d. the period against the annual
target, as the Permendagri 86/2017 form and the LKjIP print it. Whether the year is *on track* is
a separate figure: realisasi s.d. the period against the target expected by then (the Rencana
Aksi's quarterly target, or a pro-rated share for a flow without one). Comparing three months of
services with the whole year's target and calling it "Sangat Rendah" in April is a known e-SAKIP
mistake; calling it "100%" is the opposite one. Both figures are shown, each labelled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from kinerja.scoring.aggregate import Aggregation
from kinerja.scoring.capaian import Range, Target
from kinerja.scoring.exact import Q, acceptable, add, mul
from kinerja.scoring.reasons import Flag
from kinerja.scoring.values import Kind


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


class Basis(StrEnum):
    """Where the target to date came from (printed next to the progress figure)."""

    ANNUAL = "tahunan"
    """A level (percentage, ratio, stock) held against the annual target: no Rencana Aksi."""
    QUARTERLY = "rencana_aksi"
    """The Rencana Aksi's quarterly targets."""
    PRO_RATA = "pro_rata"
    """A flow without quarterly targets: annual target x months / 12 (a fallback)."""


@dataclass(frozen=True)
class StatusThresholds:
    """Lower bounds on progress (realisasi s.d. the period against the target expected by then).

    Defaults line up with the predicate bands of Permendagri 86/2017: on track from 91 (Sangat
    Tinggi), at risk from 76 (Tinggi), off track below; both bounds inclusive. A progress that
    cannot be computed is ``no_data`` (with the reason).
    """

    on_track: Decimal = Decimal(91)
    at_risk: Decimal = Decimal(76)

    def valid(self) -> bool:
        return (
            acceptable(self.on_track)
            and acceptable(self.at_risk)
            and Decimal(self.at_risk) <= Decimal(self.on_track)
        )

    def status(self, capaian: Q | Decimal | None) -> Status:
        """The status; the engine passes the rounded capaian so status and figure agree."""
        if capaian is None:
            return Status.NO_DATA
        if capaian >= self.on_track:
            return Status.ON_TRACK
        if capaian >= self.at_risk:
            return Status.AT_RISK
        return Status.OFF_TRACK


DEFAULT_THRESHOLDS = StatusThresholds()


def pro_rata(amount: Decimal, months: int) -> Q:
    """``amount x months / 12``, exact (a month of 100 is 100/12, kept as a fraction)."""
    return Q.ratio(mul(amount, months), 12)


def is_level(kind: Kind, aggregation: Aggregation) -> bool:
    """A percentage, a ratio or a stock is a level (a state on a date), not an amount."""
    return aggregation is not Aggregation.FLOW or kind.is_rate


def expected_basis(
    kind: Kind, aggregation: Aggregation, target: Target | None, quarterly: object
) -> Basis | None:
    if target is None:
        return None
    if quarterly is not None and not isinstance(target, Range):
        return Basis.QUARTERLY
    return Basis.ANNUAL if is_level(kind, aggregation) else Basis.PRO_RATA


def expected_to_date(
    kind: Kind,
    aggregation: Aggregation,
    target: Target | None,
    months: int,
    quarterly_targets: Sequence[Decimal] | None = None,
) -> tuple[Target | None, frozenset[Flag]]:
    """The target for realisasi from January to the end of month ``months``, and any flag.

    A flow count accumulates: the sum of the quarterly targets up to the quarter (plus the
    elapsed thirds of the current quarter's target) when quarterly targets are given, else the
    annual target x months / 12, i.e. x q/4 at the end of quarter q (a range scales both
    bounds). A level (stock, percentage, ratio) is held against the quarterly target of the
    quarter ``months`` falls in when the Rencana Aksi sets one (KIA 20% in TW I rising to 30% in
    TW IV), else against the annual target. ``quarterly_targets`` are each quarter's own target
    (not cumulative); when a flow's do not add up to the annual target, or a level's TW IV
    differs from it, the flag ``target_triwulan_berbeda`` says so, and they win.
    """
    if target is None:
        return None, frozenset()
    if is_level(kind, aggregation):
        if quarterly_targets is None or isinstance(target, Range):
            return target, frozenset()
        quarter = (max(months, 1) - 1) // 3
        differs = quarterly_targets[3] != target
        flags = frozenset({Flag.QUARTERLY_TARGETS_DIFFER}) if differs else frozenset()
        return Q.of(quarterly_targets[quarter]), flags
    if quarterly_targets is not None and not isinstance(target, Range):
        full, part = divmod(months, 3)
        expected = Q.of(add(*quarterly_targets[:full]))
        if part:
            expected = expected + Q.ratio(mul(quarterly_targets[full], part), 3)
        differs = add(*quarterly_targets) != target
        return expected, frozenset({Flag.QUARTERLY_TARGETS_DIFFER}) if differs else frozenset()
    if isinstance(target, Range):
        return Range(pro_rata(target.min, months), pro_rata(target.max, months)), frozenset()
    return pro_rata(target, months), frozenset()
