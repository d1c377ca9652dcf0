"""Aggregation over periods (month -> quarter -> year, s.d. triwulan) and over units.

Flows add up, stocks take the latest figure, and a percentage is always recomputed from summed
numerators and denominators: averaging percentages weights a desa of 40 residents like one of
4,000, the most common e-SAKIP mistake. A period without data is reported as missing, never
counted as zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from kinerja.scoring.exact import Q, add
from kinerja.scoring.periods import GRANULARITY_LABEL, Granularity, Period, Window
from kinerja.scoring.reasons import Flag, Reason, describe
from kinerja.scoring.values import Kind, Observation, invalid_observations, value_of


class Aggregation(StrEnum):
    FLOW = "flow"
    """Services delivered, letters sent: periods add up."""
    STOCK = "stock"
    """Coverage on a date (KTP-el ownership): the latest period with data stands."""


@dataclass(frozen=True)
class Realisasi:
    """An aggregated figure, exact, with the components it came from and what was missing."""

    value: Q | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    reason: Reason | None = None
    detail: str = ""
    missing: tuple[str, ...] = ()
    used: tuple[str, ...] = ()
    flags: frozenset[Flag] = frozenset()

    @property
    def message(self) -> str | None:
        return describe(self.reason, self.detail)


def _fail(reason: Reason, detail: str = "", **kw: object) -> Realisasi:
    return Realisasi(None, reason=reason, detail=detail, **kw)  # type: ignore[arg-type]


def aggregate_window(
    kind: Kind,
    aggregation: Aggregation,
    observations: Sequence[Observation],
    window: Window,
    *,
    allow_partial: bool = False,
    bounded: bool = True,
) -> Realisasi:
    """The indicator's realisasi over ``window`` from observations of one granularity.

    ``allow_partial`` (default False) decides what a flow does when a period in the window has
    no data: by default the figure is not computed (the sum would silently count the gap as
    zero); with True it sums what is there and flags ``data_tidak_lengkap``. A stock always uses
    the latest period with data and flags it when that is not the window's last period.
    ``bounded`` flags a percentage whose numerator exceeds its denominator.
    """
    problem = invalid_observations(kind, observations)
    if problem:
        return _fail(Reason.INVALID, problem)
    with_data = [o for o in observations if o.has_data]
    if not with_data:
        return _fail(Reason.NO_DATA, window.label())
    granularity = with_data[0].period.granularity
    expected = window.periods(granularity)
    if expected is None:
        label = GRANULARITY_LABEL[granularity]
        return _fail(Reason.GRANULARITY, f"data {label} tidak dapat dipotong {window.label()}")
    present = {o.period: o for o in with_data if window.contains(o.period)}
    missing = tuple(p.code for p in expected if p not in present)
    if not present:
        return _fail(Reason.NO_DATA, window.label(), missing=missing)
    flags: set[Flag] = set()
    if aggregation is Aggregation.FLOW:
        if missing and not allow_partial:
            return _fail(Reason.NO_DATA, ", ".join(missing), missing=missing)
        used = [present[p] for p in expected if p in present]
        if missing:
            flags.add(Flag.INCOMPLETE)
    else:
        last = max(present)
        used = [present[last]]
        if last != expected[-1]:
            flags.add(Flag.INCOMPLETE)
    return _combine(kind, used, missing, flags, bounded)


def _combine(
    kind: Kind,
    used: list[Observation],
    missing: tuple[str, ...],
    flags: set[Flag],
    bounded: bool,
) -> Realisasi:
    codes = tuple(o.period.code for o in used)
    if not kind.is_rate:
        total = add(*(o.value for o in used))  # type: ignore[misc]
        return Realisasi(Q.of(total), missing=missing, used=codes, flags=frozenset(flags))
    for obs in used:
        if obs.value is None and obs.numerator is None:
            return _fail(Reason.NUMERATOR_MISSING, obs.period.code, missing=missing, used=codes)
        if obs.value is None and obs.denominator is None:
            return _fail(Reason.DENOMINATOR_MISSING, obs.period.code, missing=missing, used=codes)
    if bounded and kind is Kind.PERCENTAGE and any(o.above_denominator() for o in used):
        flags.add(Flag.ABOVE_100)
    if any(o.value is not None for o in used):
        if len(used) > 1:
            return _fail(Reason.RATE_NOT_SUMMABLE, missing=missing, used=codes)
        value = Q.of(used[0].value)  # type: ignore[arg-type]
        return Realisasi(value, missing=missing, used=codes, flags=frozenset(flags))
    numerator = add(*(o.numerator for o in used))  # type: ignore[misc]
    denominator = add(*(o.denominator for o in used))  # type: ignore[misc]
    if denominator.is_zero():
        return Realisasi(
            None, numerator, denominator, Reason.DENOMINATOR_ZERO, missing=missing, used=codes
        )
    value = value_of(kind, numerator, denominator)
    return Realisasi(value, numerator, denominator, None, "", missing, codes, frozenset(flags))


def rollup(
    kind: Kind,
    aggregation: Aggregation,
    observations: Sequence[Observation],
    granularity: Granularity,
) -> list[Observation]:
    """Observations at a coarser granularity (months -> quarters, ...), by the same rules.

    A coarser period whose figure cannot be formed (a month missing from a flow) is left out, so
    it stays missing downstream instead of turning into zero. Raises ``ValueError`` when asked
    for a finer granularity than the data has.
    """
    result: list[Observation] = []
    for year in sorted({o.period.year for o in observations}):
        for index in range(1, granularity.per_year + 1):
            period = Period(year, granularity, index)
            part = aggregate_window(kind, aggregation, observations, Window.of(period))
            if part.reason is Reason.GRANULARITY:
                raise ValueError(part.message)
            if part.numerator is not None:
                result.append(Observation(period, part.numerator, part.denominator))
            elif part.value is not None:
                # a count or a single reported rate: the exact value has denominator one
                result.append(Observation(period, value=part.value.num))
    return result


def aggregate_units(
    kind: Kind,
    parts: Mapping[str, Realisasi | None],
    *,
    allow_partial: bool = False,
    bounded: bool = True,
) -> Realisasi:
    """Combine units (desa -> kecamatan -> kabupaten, seksi -> bidang): sum, then divide.

    Each part is a unit's realisasi for the same window. A unit with no figure is listed in
    ``missing``; as with periods, the total is not computed unless ``allow_partial``.
    """
    present: list[tuple[str, Realisasi]] = []
    missing: list[str] = []
    for name, part in parts.items():
        if part is None or (part.numerator is None and part.value is None):
            missing.append(name)
        else:
            present.append((name, part))
    if not present:
        return _fail(Reason.NO_DATA, "semua unit", missing=tuple(missing))
    if missing and not allow_partial:
        return _fail(Reason.NO_DATA, ", ".join(missing), missing=tuple(missing))
    flags = {Flag.INCOMPLETE} if missing else set()
    names = tuple(name for name, _ in present)
    if not kind.is_rate:
        total = sum((p.value for _, p in present), Q.of(0))  # type: ignore[misc]
        return Realisasi(total, missing=tuple(missing), used=names, flags=frozenset(flags))
    if any(p.numerator is None for _, p in present):
        return _fail(Reason.RATE_NOT_SUMMABLE, missing=tuple(missing), used=names)
    numerator = add(*(p.numerator for _, p in present))  # type: ignore[misc]
    denominator = add(*(p.denominator for _, p in present))  # type: ignore[misc]
    if (
        bounded
        and kind is Kind.PERCENTAGE
        and any(
            p.numerator > p.denominator  # type: ignore[operator]
            for _, p in present
        )
    ):
        flags.add(Flag.ABOVE_100)
    if denominator.is_zero():
        return Realisasi(None, numerator, denominator, Reason.DENOMINATOR_ZERO, "", tuple(missing))
    value = value_of(kind, numerator, denominator)
    return Realisasi(
        value, numerator, denominator, None, "", tuple(missing), names, frozenset(flags)
    )
