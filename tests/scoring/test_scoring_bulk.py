"""The bulk NumPy path gives exactly the scalar engine's output, series by series."""

from __future__ import annotations

from decimal import Decimal as D

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_helpers import case, to_bulk

from kinerja.scoring import StatusThresholds, default_registry, score
from kinerja.scoring.bulk import BulkRows, BulkSeries, render_row, score_bulk
from kinerja.scoring.bulk_objects import scores

THRESHOLDS = [StatusThresholds(), StatusThresholds(D(100), D("99.5")), StatusThresholds(D(0), D(0))]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(case(), min_size=1, max_size=10),
    st.sampled_from(default_registry().ids()),
    st.sampled_from(THRESHOLDS),
)
def test_bulk_equals_scalar(cases, scale_id, thresholds):
    scale = default_registry().get(scale_id)
    series, rows = to_bulk(cases)
    result = score_bulk(series, rows, scale=scale, thresholds=thresholds)
    objects = scores(result)
    for i, c in enumerate(cases):
        expected = score(
            c.indicator, list(c.observations), as_of=c.as_of, scale=scale, thresholds=thresholds
        )
        assert render_row(result, i) == expected.to_dict(), (i, c)
        # the objects the read model uses are the scalar engine's, field by field
        assert objects[i].to_dict() == expected.to_dict(), (i, c)
        assert (objects[i].expected, objects[i].basis) == (expected.expected, expected.basis)


def _one(**columns):
    return BulkSeries.build(np.array([2023]), **columns)


def _rows(slots, numerator=None, denominator=None, value=None):
    n = len(slots)
    nan = [np.nan] * n
    return BulkRows(
        series=np.zeros(n, np.int64),
        slot=np.array(slots),
        numerator=np.array(numerator or nan, float),
        denominator=np.array(denominator or nan, float),
        value=np.array(value or nan, float),
    )


def test_exact_ties_are_settled_by_the_scalar_engine():
    # 1 / 800 x 100 = 0.125 exactly: floats cannot be trusted to round it half up
    result = score_bulk(_one(kind=2, aggregation=1, target=800.0), _rows([1], value=[1.0]))
    assert render_row(result, 0)["capaian"] == "0.13"
    assert 0 in result.fallback
    # 45 / 50 x 100 = 90 is no tie: the vectorised path decides it alone
    result = score_bulk(_one(kind=0, target=90.0), _rows([1], [45.0], [50.0]))
    assert render_row(result, 0)["capaian"] == "100.00"
    assert result.fallback == {}


def test_more_decimals_than_the_scaled_integers_hold_go_to_the_scalar_engine():
    result = score_bulk(_one(kind=2, target=3.0), _rows([1], value=[1.123456]), decimals=4)
    assert 0 in result.fallback
    assert render_row(result, 0)["value"] == "1.12"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (BulkRows(np.array([1]), np.array([1]), *([np.array([1.0])] * 3)), "outside the series"),
        (BulkRows(np.array([0]), np.array([13]), *([np.array([1.0])] * 3)), "granularity"),
        (BulkRows(np.array([0, 0]), np.array([2, 2]), *([np.array([1.0, 2.0])] * 3)), "same"),
        (BulkRows(np.array([0]), np.array([1]), *([np.array([np.inf])] * 3)), "infinite"),
    ],
)
def test_structurally_broken_arrays_raise(rows, message):
    with pytest.raises(ValueError, match=message):
        score_bulk(_one(), rows)


def test_unknown_codes_raise():
    with pytest.raises(ValueError, match="kind"):
        score_bulk(_one(kind=7), _rows([1], value=[1.0]))
