"""Achievement (capaian): realisasi against target, by the indicator's polarity.

One formula per polarity, chosen here and nowhere else: applications that carry two or three
lower-is-better formulas report different capaian for the same figures. The alternatives that
regulations and practice allow are parameters with documented defaults (docs/scoring.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from kinerja.scoring.exact import HUNDRED, Q, acceptable
from kinerja.scoring.reasons import Flag, Reason, describe


class Polarity(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    RANGE = "range"


class LowerFormula(StrEnum):
    DIFFERENCE = "difference"
    """(2 x target - realisasi) / target x 100 (PermenPAN-RB 8/2021): the default."""
    INVERSE = "inverse"
    """target / realisasi x 100: used by some applications; undefined when realisasi is 0."""
    DIFFERENCE_FLOORED = "difference_floor0"
    """(2 x target - realisasi) / target x 100, but never below 0 (an agency option)."""


class ZeroTarget(StrEnum):
    EQUAL_IS_100 = "equal_is_100"
    """Target 0 and realisasi 0: capaian 100 (flagged); target 0 with realisasi not 0: undefined."""
    UNDEFINED = "undefined"
    """Target 0: capaian is never computed."""


@dataclass(frozen=True)
class Range:
    """A target range: realisasi within [min, max] is fully achieved."""

    min: Decimal | Q
    max: Decimal | Q


Target = Decimal | Q | Range
"""A target: a number (a fraction when pro-rated to a month), or a range."""


def _number(x: object) -> Q | None:
    """A target bound as an exact quotient, or None when it is not a usable number."""
    if isinstance(x, Q):
        return x
    if acceptable(x):
        return Q.of(x)  # type: ignore[arg-type]
    return None


@dataclass(frozen=True)
class Capaian:
    """Capaian, exact, before and after the cap, with the formula used (for explanation)."""

    value: Q | None
    uncapped: Q | None = None
    reason: Reason | None = None
    detail: str = ""
    flags: frozenset[Flag] = frozenset()
    formula: str = ""

    @property
    def message(self) -> str | None:
        return describe(self.reason, self.detail)


def _bad(detail: str) -> Capaian:
    return Capaian(None, reason=Reason.INVALID, detail=detail)


def _higher(r: Q, t: Q, zero: ZeroTarget, name: str) -> Capaian:
    if t.is_negative():
        return Capaian(None, reason=Reason.TARGET_NEGATIVE)
    if t.is_zero():
        return _zero_target(r, zero)
    return Capaian(r / t * HUNDRED, formula=f"realisasi / {name} x 100")


def _lower(r: Q, t: Q, formula: LowerFormula, zero: ZeroTarget, name: str) -> Capaian:
    if t.is_negative():
        return Capaian(None, reason=Reason.TARGET_NEGATIVE)
    if t.is_zero():
        return _zero_target(r, zero)
    if formula is LowerFormula.INVERSE:  # the other two share (2T - R) / T
        if r.is_zero():
            return Capaian(None, reason=Reason.REALISASI_ZERO)
        return Capaian(t / r * HUNDRED, formula=f"{name} / realisasi x 100")
    value = (t * 2 - r) / t * HUNDRED
    if formula is LowerFormula.DIFFERENCE_FLOORED and value.is_negative():
        return Capaian(Q.of(0), formula=f"(2 x {name} - realisasi) / {name} x 100, paling kecil 0")
    return Capaian(value, formula=f"(2 x {name} - realisasi) / {name} x 100")


def _zero_target(r: Q, zero: ZeroTarget) -> Capaian:
    if zero is ZeroTarget.UNDEFINED:
        return Capaian(None, reason=Reason.TARGET_ZERO_RULE)
    if r.is_zero():
        return Capaian(
            Q.of(HUNDRED), flags=frozenset({Flag.ZERO_TARGET}), formula="target 0, realisasi 0"
        )
    return Capaian(None, reason=Reason.TARGET_ZERO)


def compute_capaian(
    realisasi: Q,
    target: Target | None,
    polarity: Polarity,
    *,
    lower_formula: LowerFormula = LowerFormula.DIFFERENCE,
    zero_target: ZeroTarget = ZeroTarget.EQUAL_IS_100,
    cap: Decimal | None = None,
) -> Capaian:
    """Capaian of ``realisasi`` against ``target``; a missing target is never counted as 100.

    Range: inside [min, max] = 100; below, realisasi is compared with min as higher-is-better;
    above, with max as lower-is-better (PermenPAN-RB 8/2021). ``cap`` (None by default) lowers a
    capaian above it to the cap and flags ``dibatasi``; the uncapped figure is kept.
    """
    if target is None:
        return Capaian(None, reason=Reason.TARGET_MISSING)
    if cap is not None and (not acceptable(cap) or cap <= 0):
        return _bad("batas atas capaian (cap) harus angka positif")
    if polarity is Polarity.RANGE:
        if not isinstance(target, Range):
            return _bad("polaritas range memerlukan target {min, max}")
        low, high = _number(target.min), _number(target.max)
        if low is None or high is None:
            return _bad("batas rentang target bukan angka yang sah")
        if low > high:
            return _bad("batas bawah rentang lebih besar dari batas atas")
        if realisasi < low:
            result = _higher(realisasi, low, zero_target, "batas bawah")
        elif realisasi > high:
            result = _lower(realisasi, high, lower_formula, zero_target, "batas atas")
        else:
            result = Capaian(Q.of(HUNDRED), formula="realisasi di dalam rentang target = 100")
    else:
        single = None if isinstance(target, Range) else _number(target)
        if single is None:
            return _bad("target harus satu angka untuk polaritas higher/lower")
        if polarity is Polarity.HIGHER:
            result = _higher(realisasi, single, zero_target, "target")
        elif polarity is Polarity.LOWER:
            result = _lower(realisasi, single, lower_formula, zero_target, "target")
        else:
            return _bad(f"polaritas tidak dikenal: {polarity!r}")
    if result.value is None:
        return result
    value = result.value
    flags = set(result.flags)
    if cap is not None and value > cap:
        flags.add(Flag.CAPPED)
        return Capaian(Q.of(cap), value, None, "", frozenset(flags), result.formula)
    return Capaian(value, value, None, "", frozenset(flags), result.formula)
