"""Properties: months add up to the year, components recompute, and nothing raises."""

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.scoring import (
    Aggregation,
    Granularity,
    Indicator,
    Kind,
    LowerFormula,
    Observation,
    Period,
    Polarity,
    Range,
    Score,
    Window,
    ZeroTarget,
    aggregate_units,
    aggregate_window,
    rollup,
    score,
)

YEAR = 2023
SETTINGS = settings(max_examples=200, deadline=None)
count = st.decimals(0, 10**6, places=2)
pairs = st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)).map(
    lambda p: (D(min(p)), D(max(p)))
)


def _months(values):
    return [
        Observation(Period(YEAR, Granularity.MONTH, m), value=v) for m, v in enumerate(values, 1)
    ]


def _year():
    return Window.of(Period(YEAR, Granularity.YEAR))


@SETTINGS
@given(st.lists(count, min_size=12, max_size=12))
def test_flow_months_sum_to_the_year(values):
    months = _months(values)
    year = aggregate_window(Kind.COUNT, Aggregation.FLOW, months, _year())
    assert year.value == sum(values)
    for coarser in (Granularity.QUARTER, Granularity.SEMESTER, Granularity.YEAR):
        rolled = rollup(Kind.COUNT, Aggregation.FLOW, months, coarser)
        again = aggregate_window(Kind.COUNT, Aggregation.FLOW, rolled, _year())
        assert again.value == year.value


@SETTINGS
@given(st.lists(pairs, min_size=12, max_size=12), st.sampled_from([Kind.PERCENTAGE, Kind.RATIO]))
def test_rates_are_recomputed_from_summed_components(components, kind):
    months = [
        Observation(Period(YEAR, Granularity.MONTH, m), n, d)
        for m, (n, d) in enumerate(components, 1)
    ]
    year = aggregate_window(kind, Aggregation.FLOW, months, _year())
    numerator = sum(n for n, _ in components)
    denominator = sum(d for _, d in components)
    if denominator == 0:
        assert year.value is None
        return
    assert year.value * denominator == numerator * kind.scale
    quarters = rollup(kind, Aggregation.FLOW, months, Granularity.QUARTER)
    assert aggregate_window(kind, Aggregation.FLOW, quarters, _year()).value == year.value
    # the same components split over units instead of months give the same figure
    units = {
        f"desa {i}": aggregate_window(kind, Aggregation.FLOW, [m], _year_of(m))
        for i, m in enumerate(months)
    }
    assert aggregate_units(kind, units).value == year.value


def _year_of(observation):
    return Window.of(observation.period)


weird_decimal = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([D(0), D("-0"), D("1e30"), D("1e-30"), D("NaN"), D("-Infinity")]),
    st.integers(-(10**20), 10**20).map(D),
)
maybe = st.one_of(st.none(), weird_decimal)
any_period = st.builds(
    lambda y, g, i: Period(y, g, min(i, g.per_year)),
    st.integers(2020, 2024),
    st.sampled_from(list(Granularity)),
    st.integers(1, 12),
)
any_observation = st.builds(Observation, any_period, maybe, maybe, maybe)
any_target = st.one_of(maybe, st.builds(Range, weird_decimal, weird_decimal))
any_indicator = st.builds(
    Indicator,
    st.sampled_from(list(Kind)),
    st.sampled_from(list(Aggregation)),
    st.sampled_from(list(Polarity)),
    any_target,
    maybe,
    st.sampled_from(list(LowerFormula)),
    st.sampled_from(list(ZeroTarget)),
    st.one_of(st.none(), st.lists(weird_decimal, min_size=0, max_size=5).map(tuple)),
    st.booleans(),
    st.booleans(),
)


@SETTINGS
@given(any_indicator, st.lists(any_observation, max_size=8), st.one_of(st.none(), any_period))
def test_no_input_makes_the_engine_raise(indicator, observations, as_of):
    result = score(indicator, observations, as_of=as_of)
    assert isinstance(result, Score)
    assert result.to_dict()["status"] in {"on_track", "at_risk", "off_track", "no_data"}
    if result.value is None:
        assert result.reason
    if result.capaian is None:
        assert result.reason


def test_garbage_objects_are_reasons_too():
    indicator = Indicator(Kind.COUNT, Aggregation.FLOW, Polarity.HIGHER, D(1))
    assert score(indicator, "2023-01").reason.startswith("tidak dapat dihitung")  # type: ignore[arg-type]
    assert score(indicator, [object()]).reason.startswith("tidak dapat dihitung")  # type: ignore[list-item]
    assert score(indicator, [], as_of="2023").reason.startswith("tidak dapat dihitung")  # type: ignore[arg-type]
