"""Scoring one indicator: realisasi s.d. triwulan, capaian, predicate and status, in one call.

This is the scalar path every other path is checked against (the batch command, the bulk
NumPy path, the web pages). It never raises on bad figures: whatever cannot be computed comes
back as ``None`` with a reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kinerja.scoring.aggregate import Aggregation, Realisasi, aggregate_window
from kinerja.scoring.capaian import (
    Capaian,
    LowerFormula,
    Polarity,
    Range,
    Target,
    ZeroTarget,
    compute_capaian,
)
from kinerja.scoring.exact import Q, acceptable, fmt
from kinerja.scoring.periods import Period, Window
from kinerja.scoring.progress import (
    DEFAULT_THRESHOLDS,
    Basis,
    Status,
    StatusThresholds,
    expected_basis,
    expected_to_date,
)
from kinerja.scoring.reasons import Flag, Reason, describe, ordered
from kinerja.scoring.scales import Scale, default_registry
from kinerja.scoring.values import Kind, Observation, invalid_observations


@dataclass(frozen=True)
class Indicator:
    """How an indicator is scored. Defaults are the documented ones (docs/scoring.md)."""

    kind: Kind
    aggregation: Aggregation
    polarity: Polarity
    target: Target | None
    cap: Decimal | None = None
    lower_formula: LowerFormula = LowerFormula.DIFFERENCE
    zero_target: ZeroTarget = ZeroTarget.EQUAL_IS_100
    quarterly_targets: tuple[Decimal, ...] | None = None
    bounded: bool = True
    allow_partial: bool = False


@dataclass(frozen=True)
class Score:
    """The outcome; numbers are rounded to two places here, and only here.

    Two figures, never confused: ``capaian`` (official: realisasi s.d. ``as_of`` against the
    annual target; the predicate is read from it) and ``progress`` (the same realisasi against
    ``expected``, the target to date; the status is read from it).
    """

    value: Decimal | None
    capaian: Decimal | None
    predicate: str | None
    status: Status
    reason: str | None
    reason_code: Reason | None = None
    as_of: Period | None = None
    expected: Target | None = None
    missing: tuple[str, ...] = ()
    flags: tuple[Flag, ...] = ()
    progress: Decimal | None = None
    basis: Basis | None = None
    exact_value: Q | None = field(default=None, compare=False)
    exact_capaian: Q | None = field(default=None, compare=False)
    explanation: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The batch output object (field names are a published interface)."""
        return {
            "value": fmt(self.value),
            "capaian": fmt(self.capaian),
            "predicate": self.predicate,
            "status": self.status.value,
            "reason": self.reason,
            "as_of": self.as_of.code if self.as_of else None,
            "expected": expected_json(self.expected),
            "missing": list(self.missing),
            "flags": [f.value for f in self.flags],
            "progress": fmt(self.progress),
            "expected_basis": self.basis.value if self.basis else None,
        }


def _two(x: Decimal | Q) -> str:
    return fmt(Q.of(x).rounded()) or ""


def expected_json(expected: Target | None) -> str | dict[str, str] | None:
    """The year-to-date target as output: a decimal string, or {"min", "max"} for a range."""
    if isinstance(expected, Range):
        return {"min": _two(expected.min), "max": _two(expected.max)}
    return None if expected is None else _two(expected)


def _invalid_indicator(ind: Indicator, thresholds: StatusThresholds) -> str | None:
    """Settings that contradict each other are refused whole, rather than half-scored."""
    if not isinstance(ind.kind, Kind) or not isinstance(ind.aggregation, Aggregation):
        return "kind atau aggregation tidak dikenal"
    if not isinstance(ind.polarity, Polarity) or not isinstance(ind.lower_formula, LowerFormula):
        return "polarity atau lower_formula tidak dikenal"
    if not isinstance(ind.zero_target, ZeroTarget):
        return "zero_target tidak dikenal"
    target = ind.target
    if isinstance(target, Range):
        if ind.polarity is not Polarity.RANGE:
            return "target rentang hanya untuk polaritas range"
        if not (acceptable(target.min) and acceptable(target.max)) or target.min > target.max:
            return "target rentang harus dua angka dengan min <= max"
    elif target is not None:
        if ind.polarity is Polarity.RANGE:
            return "polaritas range memerlukan target {min, max}"
        if not acceptable(target):
            return "target bukan angka yang sah"
    if ind.cap is not None and (not acceptable(ind.cap) or ind.cap <= 0):
        return "cap harus angka positif"
    if not isinstance(ind.bounded, bool) or not isinstance(ind.allow_partial, bool):
        return "bounded dan allow_partial harus bool"
    if not thresholds.valid():
        return "ambang status tidak sah (at_risk harus <= on_track)"
    targets = ind.quarterly_targets
    if targets is not None:
        if len(targets) != 4 or not all(acceptable(t) and t >= 0 for t in targets):
            return "quarterly_targets harus empat angka tidak negatif"
        if isinstance(ind.target, Range):
            return "quarterly_targets tidak dapat dipakai dengan target rentang"
    return None


def default_as_of(observations: Sequence[Observation]) -> Period | None:
    """The latest period with data: the figures are then "s.d." the last reported period."""
    periods = [o.period for o in observations if o.has_data]
    if not periods:
        return None
    return max(periods, key=lambda p: (p.year, p.end_month))


def score(
    indicator: Indicator,
    observations: Sequence[Observation],
    *,
    as_of: Period | None = None,
    scale: Scale | None = None,
    thresholds: StatusThresholds = DEFAULT_THRESHOLDS,
) -> Score:
    """Score ``indicator`` from January to the end of ``as_of`` (default: :func:`default_as_of`).

    ``as_of`` is any period ("2023-Q2" = s.d. triwulan II, "2023" = the whole year); data after
    it is ignored, so a report printed later shows the same figures.
    """
    scale = scale or default_registry().get()
    problem = _invalid_indicator(indicator, thresholds)
    if problem:
        return _failed(Reason.INVALID, problem, None)
    problem = invalid_observations(indicator.kind, observations)
    if problem:
        return _failed(Reason.INVALID, problem, None)
    basis = expected_basis(
        indicator.kind, indicator.aggregation, indicator.target, indicator.quarterly_targets
    )
    if as_of is not None:
        if not isinstance(as_of, Period):
            return _failed(Reason.INVALID, "as_of harus berupa Period", None)
    else:
        as_of = default_as_of(observations)
        if as_of is None:
            return _failed(Reason.NO_DATA, "", None, basis)
    realisasi = aggregate_window(
        indicator.kind,
        indicator.aggregation,
        observations,
        Window.year_to_date(as_of),
        allow_partial=indicator.allow_partial,
        bounded=indicator.bounded,
    )
    expected, target_flags = expected_to_date(
        indicator.kind,
        indicator.aggregation,
        indicator.target,
        as_of.end_month,
        indicator.quarterly_targets,
    )
    if realisasi.value is None:
        return Score(
            None,
            None,
            None,
            Status.NO_DATA,
            realisasi.message,
            realisasi.reason,
            as_of,
            expected,
            realisasi.missing,
            basis=basis,
        )

    def against(target: Target | None) -> Capaian:
        return compute_capaian(
            realisasi.value,  # type: ignore[arg-type]
            target,
            indicator.polarity,
            lower_formula=indicator.lower_formula,
            zero_target=indicator.zero_target,
            cap=indicator.cap,
        )

    official = against(indicator.target)
    progress = against(expected)
    flags = ordered(realisasi.flags | official.flags | target_flags)
    return _scored(realisasi, official, progress, expected, basis, flags, as_of, scale, thresholds)


def _scored(
    realisasi: Realisasi,
    official: Capaian,
    progress: Capaian,
    expected: Target | None,
    basis: Basis | None,
    flags: tuple[Flag, ...],
    as_of: Period,
    scale: Scale,
    thresholds: StatusThresholds,
) -> Score:
    assert realisasi.value is not None
    value = realisasi.value.rounded()
    explanation = f"realisasi {Window.year_to_date(as_of).label()} = {realisasi.value}"
    progress_h = progress.value.rounded() if progress.value is not None else None
    status = thresholds.status(progress_h)
    if official.value is None:
        return Score(
            value,
            None,
            None,
            status,
            official.message,
            official.reason,
            as_of,
            expected,
            realisasi.missing,
            flags,
            progress_h,
            basis,
            realisasi.value,
            None,
            explanation,
        )
    rounded = official.value.rounded()
    explanation += f"; capaian = {official.formula}"
    return Score(
        value,
        rounded,
        scale.classify(rounded),
        status,
        None,
        None,
        as_of,
        expected,
        realisasi.missing,
        flags,
        progress_h,
        basis,
        realisasi.value,
        official.value,
        explanation,
    )


def _failed(reason: Reason, detail: str, as_of: Period | None, basis: Basis | None = None) -> Score:
    return Score(
        None, None, None, Status.NO_DATA, describe(reason, detail), reason, as_of, basis=basis
    )
