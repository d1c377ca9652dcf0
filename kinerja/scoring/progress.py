"""Progress within a year: the target expected so far, and a status against it.

Comparing three months of services with the whole year's target is a known e-SAKIP mistake
(every indicator looks "Sangat Rendah" in April), so year-to-date realisasi is measured against
a year-to-date target.
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


@dataclass(frozen=True)
class StatusThresholds:
    """Lower bounds on year-to-date capaian (realisasi s.d. triwulan against the expected target).

    Defaults: on track from 90, at risk from 75, off track below; both bounds inclusive. A
    capaian that cannot be computed is ``no_data`` (with the reason).
    """

    on_track: Decimal = Decimal(90)
    at_risk: Decimal = Decimal(75)

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
    bounds). A stock, a percentage or a ratio is a level, not an amount: it is held against the
    annual target whatever the month. ``quarterly_targets`` are each quarter's own target (not
    cumulative); when they do not add up to the annual target the flag
    ``target_triwulan_berbeda`` says so, and they win.
    """
    if target is None:
        return None, frozenset()
    if aggregation is not Aggregation.FLOW or kind.is_rate:
        return target, frozenset()
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
