"""Year-to-date targets and statuses."""

from decimal import Decimal as D

import pytest

from kinerja.scoring import (
    Aggregation,
    Flag,
    Kind,
    Q,
    Range,
    Status,
    StatusThresholds,
    expected_to_date,
)

FLOW, STOCK = Aggregation.FLOW, Aggregation.STOCK
QT = (D(200), D(400), D(300), D(300))


@pytest.mark.parametrize(
    ("kind", "aggregation", "months", "quarterly", "expected"),
    [
        (Kind.COUNT, FLOW, 3, None, Q.of(300)),  # 1,200 x 1/4
        (Kind.COUNT, FLOW, 6, None, Q.of(600)),
        (Kind.COUNT, FLOW, 5, None, Q.of(500)),  # 1,200 x 5/12
        (Kind.COUNT, FLOW, 12, None, Q.of(1200)),
        (Kind.COUNT, FLOW, 3, QT, Q.of(200)),
        (Kind.COUNT, FLOW, 6, QT, Q.of(600)),
        (Kind.COUNT, FLOW, 5, QT, Q.ratio(1400, 3)),  # 200 + 400 x 2/3
        (Kind.COUNT, FLOW, 12, QT, Q.of(1200)),
        (Kind.COUNT, STOCK, 3, None, Q.of(1200)),  # a stock is held to the annual target
        (Kind.PERCENTAGE, FLOW, 3, None, Q.of(1200)),  # so is a rate
    ],
)
def test_expected_to_date(kind, aggregation, months, quarterly, expected):
    target, flags = expected_to_date(kind, aggregation, D(1200), months, quarterly)
    assert Q.of(target) == expected
    assert flags == frozenset()


def test_quarterly_targets_that_do_not_add_up_are_flagged():
    _, flags = expected_to_date(Kind.COUNT, FLOW, D(1000), 6, QT)
    assert flags == {Flag.QUARTERLY_TARGETS_DIFFER}


def test_range_scales_both_bounds_for_a_flow_count():
    target, _ = expected_to_date(Kind.COUNT, FLOW, Range(D(800), D(1200)), 6, None)
    assert (target.min, target.max) == (Q.of(400), Q.of(600))


@pytest.mark.parametrize(
    ("capaian", "status"),
    [
        ("150", Status.ON_TRACK),
        ("91.00", Status.ON_TRACK),
        ("90.99", Status.AT_RISK),
        ("76.00", Status.AT_RISK),
        ("75.99", Status.OFF_TRACK),
        ("-10", Status.OFF_TRACK),
        (None, Status.NO_DATA),
    ],
)
def test_default_status_thresholds(capaian, status):
    assert StatusThresholds().status(None if capaian is None else D(capaian)) is status


def test_custom_thresholds():
    strict = StatusThresholds(on_track=D(100), at_risk=D(95))
    assert strict.status(D("99.99")) is Status.AT_RISK
    assert not StatusThresholds(on_track=D(50), at_risk=D(60)).valid()
