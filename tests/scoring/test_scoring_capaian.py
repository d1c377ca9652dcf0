"""Capaian worked by hand for each polarity, the zero-target rule, ranges and the cap."""

from decimal import Decimal as D

import pytest

from kinerja.scoring import Flag, LowerFormula, Polarity, Q, Range, Reason, ZeroTarget
from kinerja.scoring import compute_capaian as cc

H, L, R = Polarity.HIGHER, Polarity.LOWER, Polarity.RANGE
INV = LowerFormula.INVERSE


def capaian(realisasi, target, polarity, **kw):
    result = cc(Q.of(D(realisasi)), target, polarity, **kw)
    return None if result.value is None else str(result.value.rounded())


@pytest.mark.parametrize(
    ("realisasi", "target", "polarity", "options", "expected"),
    [
        # higher is better: R / T x 100
        ("85", D(90), H, {}, "94.44"),
        ("97.5", D(95), H, {}, "102.63"),
        ("0", D(80), H, {}, "0.00"),
        ("2", D(3), H, {}, "66.67"),
        ("1", D(800), H, {}, "0.13"),  # 0.125 exactly: half up
        # lower is better, default (2T - R) / T x 100 (PermenPAN-RB 8/2021)
        ("8", D(10), L, {}, "120.00"),
        ("12", D(10), L, {}, "80.00"),
        ("25", D(10), L, {}, "-50.00"),  # below zero beyond twice the target: kept
        ("0", D(10), L, {}, "200.00"),
        ("16.01", D(8), L, {}, "-0.13"),  # -0.125 exactly: away from zero
        # lower is better, option T / R x 100
        ("8", D(10), L, {"lower_formula": INV}, "125.00"),
        ("12", D(10), L, {"lower_formula": INV}, "83.33"),
        ("25", D(10), L, {"lower_formula": INV}, "40.00"),
        # target range [80, 100]
        ("90", Range(D(80), D(100)), R, {}, "100.00"),
        ("80", Range(D(80), D(100)), R, {}, "100.00"),
        ("100", Range(D(80), D(100)), R, {}, "100.00"),
        ("72", Range(D(80), D(100)), R, {}, "90.00"),  # 72 / 80
        ("110", Range(D(80), D(100)), R, {}, "90.00"),  # (200 - 110) / 100
        ("110", Range(D(80), D(100)), R, {"lower_formula": INV}, "90.91"),  # 100 / 110
        # cap
        ("75", D(50), H, {"cap": D(120)}, "120.00"),
        ("60", D(50), H, {"cap": D(120)}, "120.00"),
        ("55", D(50), H, {"cap": D(120)}, "110.00"),
    ],
)
def test_capaian_table(realisasi, target, polarity, options, expected):
    assert capaian(realisasi, target, polarity, **options) == expected


def test_cap_is_flagged_and_keeps_the_uncapped_figure():
    result = cc(Q.of(D(75)), D(50), H, cap=D(120))
    assert result.flags == {Flag.CAPPED}
    assert result.uncapped.rounded() == D("150.00")
    at_cap = cc(Q.of(D(60)), D(50), H, cap=D(120))
    assert at_cap.flags == frozenset()  # exactly 120 is not above the cap


@pytest.mark.parametrize("polarity", [H, L])
def test_zero_target(polarity):
    met = cc(Q.of(D(0)), D(0), polarity)
    assert met.value == 100
    assert met.flags == {Flag.ZERO_TARGET}
    missed = cc(Q.of(D(2)), D(0), polarity)
    assert missed.value is None
    assert missed.reason is Reason.TARGET_ZERO
    strict = cc(Q.of(D(0)), D(0), polarity, zero_target=ZeroTarget.UNDEFINED)
    assert strict.reason is Reason.TARGET_ZERO_RULE
    assert strict.message == (
        "capaian tidak dapat dihitung: target nol (aturan yang dipakai tidak menghitung capaian "
        "terhadap target nol)"
    )


def test_zero_realisasi_under_the_inverse_formula_cannot_be_computed():
    result = cc(Q.of(D(0)), D(10), L, lower_formula=INV)
    assert result.message == (
        "capaian tidak dapat dihitung: realisasi nol pada rumus target / realisasi"
    )


def test_missing_target_is_never_counted_as_100():
    result = cc(Q.of(D(85)), None, H)
    assert result.value is None
    assert result.message == "capaian tidak dapat dihitung: target belum ditetapkan"


def test_negative_target_and_bad_settings():
    assert cc(Q.of(D(5)), D(-1), H).reason is Reason.TARGET_NEGATIVE
    assert cc(Q.of(D(5)), D(-1), L).reason is Reason.TARGET_NEGATIVE
    assert cc(Q.of(D(5)), D(10), R).reason is Reason.INVALID
    assert cc(Q.of(D(5)), Range(D(1), D(2)), H).reason is Reason.INVALID
    assert cc(Q.of(D(5)), Range(D(3), D(2)), R).reason is Reason.INVALID
    assert cc(Q.of(D(5)), D(10), H, cap=D(0)).reason is Reason.INVALID


def test_capaian_is_exact_with_a_fractional_target():
    # a year's target of 100 pro-rated to May is 500/12; realisasi 50 is exactly 120%
    assert cc(Q.of(D(50)), Q.ratio(D(500), D(12)), H).value == 120
