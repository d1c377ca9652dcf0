"""Random indicator-years in both forms (scalar objects and bulk arrays), for property tests.

Figures are small integers and two-place decimals on purpose: they hit exact rounding ties,
zero denominators, zero targets and range bounds far more often than realistic data does.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from hypothesis import strategies as st

from kinerja.scoring import (
    Granularity,
    Indicator,
    Kind,
    LowerFormula,
    Observation,
    Period,
    Polarity,
    Range,
    ZeroTarget,
)
from kinerja.scoring.bulk import (
    AGGREGATIONS,
    GRANULARITIES,
    KINDS,
    LOWER_FORMULAS,
    POLARITIES,
    ZERO_TARGETS,
    BulkRows,
    BulkSeries,
)

YEAR = 2023


@dataclass(frozen=True)
class Case:
    indicator: Indicator
    observations: tuple[Observation, ...]
    granularity: Granularity
    as_of: Period | None


small = st.integers(0, 30).map(Decimal)
amount = st.one_of(small, st.decimals(0, 2000, places=2))
signed = st.one_of(small, st.decimals(-50, 500, places=2))
target_number = st.one_of(st.none(), st.just(Decimal(0)), small, st.decimals(-5, 300, places=2))


@st.composite
def observation(draw: st.DrawFn, kind: Kind, period: Period) -> Observation | None:
    form = draw(st.integers(0, 19))
    if form < 3:
        return None
    if not kind.is_rate:
        if form == 19:
            return Observation(period, numerator=draw(small), denominator=draw(small))
        return Observation(period, value=draw(signed))
    if form == 19:
        return Observation(period, value=draw(amount))
    if form == 18:
        return Observation(period, numerator=draw(amount))
    if form == 17:
        return Observation(period)
    numerator, denominator = draw(amount), draw(amount)
    if form < 6:
        numerator = min(numerator, denominator)
    return Observation(period, numerator, denominator)


@st.composite
def case(draw: st.DrawFn) -> Case:
    kind = draw(st.sampled_from(KINDS))
    aggregation = draw(st.sampled_from(AGGREGATIONS))
    polarity = draw(st.sampled_from(POLARITIES))
    granularity = draw(st.sampled_from(GRANULARITIES))
    if polarity is Polarity.RANGE:
        if draw(st.booleans()) and draw(st.booleans()):
            target = None
        else:
            a, b = sorted([draw(amount), draw(amount)])
            target = Range(a, b)
    else:
        target = draw(target_number)
    quarterly = None
    if polarity is not Polarity.RANGE:  # Rencana Aksi targets: flows and levels alike
        quarterly = draw(st.none() | st.tuples(small, small, small, small))
    indicator = Indicator(
        kind,
        aggregation,
        polarity,
        target,
        draw(st.sampled_from([None, Decimal(100), Decimal(120), Decimal("110.5")])),
        draw(st.sampled_from(LOWER_FORMULAS)),
        draw(st.sampled_from(ZERO_TARGETS)),
        quarterly,
        draw(st.booleans()),
        draw(st.booleans()),
    )
    observations = []
    for index in range(1, granularity.per_year + 1):
        obs = draw(observation(kind, Period(YEAR, granularity, index)))
        if obs is not None:
            observations.append(obs)
    as_of = None
    if draw(st.integers(0, 3)) == 0:
        g = draw(st.sampled_from(GRANULARITIES))
        as_of = Period(YEAR, g, draw(st.integers(1, g.per_year)))
    return Case(indicator, tuple(observations), granularity, as_of)


def _f(x: Decimal | None) -> float:
    return np.nan if x is None else float(x)


def to_bulk(cases: list[Case]) -> tuple[BulkSeries, BulkRows]:
    """The same cases as bulk arrays (floats read from the decimals)."""
    n = len(cases)
    ind = [c.indicator for c in cases]
    quarterly = np.full((n, 4), np.nan)
    for i, c in enumerate(ind):
        if c.quarterly_targets is not None:
            quarterly[i] = [float(x) for x in c.quarterly_targets]
    series = BulkSeries.build(
        np.full(n, YEAR),
        kind=np.array([KINDS.index(c.kind) for c in ind]),
        aggregation=np.array([AGGREGATIONS.index(c.aggregation) for c in ind]),
        polarity=np.array([POLARITIES.index(c.polarity) for c in ind]),
        granularity=np.array([GRANULARITIES.index(c.granularity) for c in cases]),
        target=np.array([np.nan if isinstance(c.target, Range) else _f(c.target) for c in ind]),
        target_min=np.array(
            [_f(c.target.min) if isinstance(c.target, Range) else np.nan for c in ind]
        ),
        target_max=np.array(
            [_f(c.target.max) if isinstance(c.target, Range) else np.nan for c in ind]
        ),
        cap=np.array([_f(c.cap) for c in ind]),
        lower_formula=np.array([LOWER_FORMULAS.index(c.lower_formula) for c in ind]),
        zero_target=np.array([ZERO_TARGETS.index(c.zero_target) for c in ind]),
        bounded=np.array([c.bounded for c in ind]),
        allow_partial=np.array([c.allow_partial for c in ind]),
        as_of_granularity=np.array(
            [GRANULARITIES.index(c.as_of.granularity) if c.as_of else -1 for c in cases]
        ),
        as_of_index=np.array([c.as_of.index if c.as_of else 0 for c in cases]),
        quarterly_targets=quarterly,
    )
    rows = [(i, o) for i, c in enumerate(cases) for o in c.observations]
    bulk_rows = BulkRows(
        series=np.array([i for i, _ in rows], dtype=np.int64),
        slot=np.array([o.period.index for _, o in rows], dtype=np.int64),
        numerator=np.array([_f(o.numerator) for _, o in rows]),
        denominator=np.array([_f(o.denominator) for _, o in rows]),
        value=np.array([_f(o.value) for _, o in rows]),
    )
    return series, bulk_rows


__all__ = ["LowerFormula", "ZeroTarget"]
