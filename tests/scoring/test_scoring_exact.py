"""Exact arithmetic: one rounding, half away from zero, and strict reading of numbers."""

from decimal import Decimal as D

import pytest

from kinerja.scoring.exact import Q, acceptable, parse_number, round_ratio


@pytest.mark.parametrize(
    ("num", "den", "expected"),
    [
        ("85", "90", "0.94"),  # 0.9444...
        ("8500", "90", "94.44"),
        ("2", "3", "0.67"),
        ("1", "8", "0.13"),  # 0.125: half goes up (banker's rounding would give 0.12)
        ("-1", "8", "-0.13"),  # half goes away from zero
        ("1", "-8", "-0.13"),
        ("-1", "300", "0.00"),  # -0.0033 prints without a minus sign
        ("0.125", "1", "0.13"),
        ("0.12499999999", "1", "0.12"),
        ("1000000000000000001", "100", "10000000000000000.01"),
    ],
)
def test_round_ratio_is_half_up_and_exact(num, den, expected):
    assert str(round_ratio(D(num), D(den))) == expected


def test_quotient_keeps_thirds_exact_until_rounding():
    third = Q.ratio(D(1), D(3))
    assert third * 3 == 1  # a 28-digit 0.333... times 3 would not be 1
    assert (third * 100).rounded() == D("33.33")
    assert Q.ratio(D(2), D(-4)) == Q.ratio(D(-1), D(2))
    assert Q.ratio(D(1), D(3)) < Q.ratio(D(34), D(100))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(85, "85"), ("85.5", "85.5"), (D("0.1"), "0.1"), ("-3", "-3"), (0.1, "0.1")],
)
def test_parse_number_reads_plain_numbers(raw, expected):
    assert parse_number(raw) == D(expected)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("85,5", "titik"),  # the e-SAKIP mistake: "85,5" silently read as 85
        ("1.234,5", "titik"),
        ("abc", "bukan angka"),
        ("", "bukan angka"),
        (True, "angka"),
        (None, "angka"),
        ([1], "angka"),
        (D("NaN"), "terhingga"),
        (D("Infinity"), "terhingga"),
        (D("1e18"), "terlalu besar"),
        (D("0.00000000001"), "10 angka"),
    ],
)
def test_parse_number_refuses_ambiguous_or_absurd_input(raw, message):
    with pytest.raises(ValueError, match=message):
        parse_number(raw)


def test_acceptable_counts_significant_places_only():
    assert acceptable(D("1.000000000000"))  # twelve places, but only zeros
    assert not acceptable(D("1.00000000001"))
    assert not acceptable(True)
    assert acceptable(D("-999999999999999999"))
