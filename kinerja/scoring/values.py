"""What an indicator measures and the raw figures reported for it.

A percentage or ratio is reported as its numerator and denominator, because only those can be
added up across months or desa; a reported percentage alone can be used for a single period but
never summed or averaged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from kinerja.scoring.exact import HUNDRED, ONE, Q, acceptable, mul
from kinerja.scoring.periods import Period


class Kind(StrEnum):
    PERCENTAGE = "percentage"
    RATIO = "ratio"
    COUNT = "count"

    @property
    def is_rate(self) -> bool:
        return self is not Kind.COUNT

    @property
    def scale(self) -> Decimal:
        """Percentage = numerator / denominator x 100; ratio = numerator / denominator."""
        return HUNDRED if self is Kind.PERCENTAGE else ONE


@dataclass(frozen=True)
class Observation:
    """The figures reported for one period.

    A rate gives ``numerator`` and ``denominator`` (or, for a single period only, ``value``);
    a count gives ``value``. All None means the period was reported without data.
    """

    period: Period
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    value: Decimal | None = None

    @property
    def has_data(self) -> bool:
        return not (self.numerator is None and self.denominator is None and self.value is None)

    @property
    def has_components(self) -> bool:
        return self.numerator is not None and self.denominator is not None

    def above_denominator(self) -> bool:
        """Numerator above denominator, or a reported percentage above 100."""
        if self.has_components:
            return self.numerator > self.denominator  # type: ignore[operator]
        return self.value is not None and self.value > HUNDRED


def value_of(kind: Kind, numerator: Decimal, denominator: Decimal) -> Q:
    """The exact value from components; the caller has checked the denominator is not zero."""
    return Q.ratio(mul(numerator, kind.scale), denominator)


def invalid_observations(kind: Kind, observations: Sequence[Observation]) -> str | None:
    """Why these observations cannot be scored at all, or None.

    Mixed granularities are refused because adding a month to a quarter that contains it (or
    averaging monthly, quarterly and yearly rows) is a known e-SAKIP mistake.
    """
    if not isinstance(observations, Sequence):
        return "periode harus berupa daftar"
    for obs in observations:
        if not isinstance(obs, Observation) or not isinstance(obs.period, Period):
            return "setiap periode harus berupa Observation dengan Period"
        for name in ("numerator", "denominator", "value"):
            number = getattr(obs, name)
            if number is not None and not acceptable(number):
                return f"{name} periode {obs.period.code} bukan angka yang sah"
        if obs.numerator is not None and obs.numerator < 0:
            return f"pembilang periode {obs.period.code} negatif"
        if obs.denominator is not None and obs.denominator < 0:
            return f"penyebut periode {obs.period.code} negatif"
        if obs.value is not None and (obs.numerator is not None or obs.denominator is not None):
            return f"periode {obs.period.code} memakai value sekaligus pembilang/penyebut"
        if not kind.is_rate and (obs.numerator is not None or obs.denominator is not None):
            return (
                f"indikator jumlah (count) memakai value, bukan pembilang/penyebut ({obs.period})"
            )
    granularities = {obs.period.granularity for obs in observations}
    if len(granularities) > 1:
        names = ", ".join(sorted(g.value for g in granularities))
        return f"granularitas periode campuran ({names}); pisahkan atau jumlahkan dahulu"
    duplicates = [p for p, n in Counter(o.period for o in observations).items() if n > 1]
    if duplicates:
        return "periode ganda: " + ", ".join(p.code for p in sorted(duplicates))
    return None
