"""Engine inputs of the read model and their scoring: scalar for an office, bulk for many.

The only place that turns realizations and targets into ``kinerja.scoring`` objects.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from kinerja.catalog.models import Indicator
from kinerja.measurement.achievement_types import QuarterFigure, TargetBasis
from kinerja.measurement.models import Realization
from kinerja.scoring import (
    Aggregation,
    Granularity,
    Kind,
    LowerFormula,
    Observation,
    Period,
    Polarity,
    Range,
    Score,
    Window,
    ZeroTarget,
    aggregate_window,
    compute_capaian,
    default_registry,
    score,
)
from kinerja.scoring import Indicator as EngineIndicator
from kinerja.scoring.bulk import (
    AGGREGATIONS,
    KINDS,
    LOWER_FORMULAS,
    POLARITIES,
    ZERO_TARGETS,
    BulkRows,
    BulkSeries,
    score_bulk,
)
from kinerja.scoring.bulk_objects import scores as bulk_scores
from kinerja.scoring.progress import Basis, pro_rata

# Above this many indicators the vectorised path is faster than the scalar one.
BULK_THRESHOLD = 400


@dataclass
class EngineInput:
    indicator: Indicator
    realizations: list[Realization]  # those that count (verified only, when asked)
    target: Decimal | Range | None
    quarterly: tuple[Decimal, ...] | None
    lower_formula: LowerFormula
    zero_target: ZeroTarget
    scale_id: str
    as_of: Period | None
    basis: TargetBasis
    not_targeted_reason: str
    own: list[Realization]  # every entry of the year, for the period cells

    def engine_indicator(self) -> EngineIndicator:
        ind = self.indicator
        return EngineIndicator(
            kind=Kind(ind.kind),
            aggregation=Aggregation(ind.aggregation),
            polarity=Polarity(ind.polarity),
            target=self.target,
            lower_formula=self.lower_formula,
            zero_target=self.zero_target,
            quarterly_targets=self.quarterly if not isinstance(self.target, Range) else None,
            bounded=not ind.can_exceed_100,
        )

    @property
    def quarterly_frequency(self) -> bool:
        return self.indicator.frequency == Indicator.Frequency.QUARTERLY

    def observations(self, year: int) -> list[Observation]:
        granularity = Granularity.QUARTER if self.quarterly_frequency else Granularity.MONTH
        return [
            Observation(Period(year, granularity, r.period), r.numerator, r.denominator, r.value)
            for r in self.realizations
        ]

    def engine_as_of(self) -> Period | bool | None:
        """The as_of for this indicator's periods; False when no period of it has ended yet
        (a quarterly indicator asked "s.d. Februari")."""
        if self.as_of is None or not self.quarterly_frequency:
            return self.as_of
        quarter = self.as_of.end_month // 3
        return Period(self.as_of.year, Granularity.QUARTER, quarter) if quarter else False


def score_inputs(inputs: list[EngineInput], year: int) -> list[Score]:
    if len(inputs) < BULK_THRESHOLD:
        return [_scalar(item, year) for item in inputs]
    return _bulk(inputs, year)


def _no_quarter_yet(item: EngineInput) -> Score:
    return score(item.engine_indicator(), [], scale=default_registry().get(item.scale_id))


def _scalar(item: EngineInput, year: int) -> Score:
    as_of = item.engine_as_of()
    if as_of is False:
        return _no_quarter_yet(item)
    return score(
        item.engine_indicator(),
        item.observations(year),
        as_of=as_of or None,
        scale=default_registry().get(item.scale_id),
    )


def _bulk(inputs: list[EngineInput], year: int) -> list[Score]:
    """Score by agency scale in vectorised batches, keeping the input order."""
    out: list[Score | None] = [None] * len(inputs)
    groups: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(inputs):
        if item.engine_as_of() is False:
            out[i] = _no_quarter_yet(item)
        else:
            groups[item.scale_id].append(i)
    for scale_id, members in groups.items():
        series, rows = _arrays([inputs[i] for i in members], year)
        result = score_bulk(series, rows, scale=default_registry().get(scale_id))
        for i, s in zip(members, bulk_scores(result), strict=True):
            out[i] = s
    return out  # type: ignore[return-value]


def _f(x: Decimal | None) -> float:
    return np.nan if x is None else float(x)


def _arrays(items: list[EngineInput], year: int) -> tuple[BulkSeries, BulkRows]:
    n = len(items)
    engine = [item.engine_indicator() for item in items]
    target = np.array([_f(e.target) if not isinstance(e.target, Range) else np.nan for e in engine])
    low = np.array([_f(e.target.min) if isinstance(e.target, Range) else np.nan for e in engine])
    high = np.array([_f(e.target.max) if isinstance(e.target, Range) else np.nan for e in engine])
    quarterly = np.full((n, 4), np.nan)
    as_of_g = np.full(n, -1)
    as_of_i = np.zeros(n, np.int64)
    granularities = (Granularity.MONTH, Granularity.QUARTER, Granularity.SEMESTER, Granularity.YEAR)
    for i, (item, e) in enumerate(zip(items, engine, strict=True)):
        if e.quarterly_targets is not None:
            quarterly[i] = [float(x) for x in e.quarterly_targets]
        as_of = item.engine_as_of()
        if as_of:
            as_of_g[i] = granularities.index(as_of.granularity)
            as_of_i[i] = as_of.index
    series = BulkSeries.build(
        year,
        n,
        kind=np.array([KINDS.index(e.kind) for e in engine]),
        aggregation=np.array([AGGREGATIONS.index(e.aggregation) for e in engine]),
        polarity=np.array([POLARITIES.index(e.polarity) for e in engine]),
        granularity=np.array([1 if item.quarterly_frequency else 0 for item in items]),
        target=target,
        target_min=low,
        target_max=high,
        lower_formula=np.array([LOWER_FORMULAS.index(e.lower_formula) for e in engine]),
        zero_target=np.array([ZERO_TARGETS.index(e.zero_target) for e in engine]),
        bounded=np.array([e.bounded for e in engine]),
        as_of_granularity=as_of_g,
        as_of_index=as_of_i,
        quarterly_targets=quarterly,
    )
    index, slot, num, den, val = [], [], [], [], []
    for i, item in enumerate(items):
        for r in item.realizations:
            index.append(i)
            slot.append(r.period)
            num.append(_f(r.numerator))
            den.append(_f(r.denominator))
            val.append(_f(r.value))
    rows = BulkRows(
        np.array(index, np.int64),
        np.array(slot, np.int64),
        np.array(num, np.float64),
        np.array(den, np.float64),
        np.array(val, np.float64),
    )
    return series, rows


def quarter_figures(
    item: EngineInput, scored: Score, year: int
) -> tuple[tuple[QuarterFigure, ...], Decimal | None, Decimal | None]:
    """Each quarter up to as_of on its own (target TW and capaian TW), and the year-to-date
    numerator and denominator (the evaluation form prints them)."""
    if scored.as_of is None:
        return (), None, None
    e = item.engine_indicator()
    observations = item.observations(year)
    ytd = aggregate_window(
        e.kind, e.aggregation, observations, Window.year_to_date(scored.as_of), bounded=e.bounded
    )
    last = scored.as_of.end_month // 3
    out = []
    for q in range(1, last + 1):
        window = Window.of(Period(year, Granularity.QUARTER, q))
        inside = [o for o in observations if window.contains(o.period)]  # validated once less
        realisasi = aggregate_window(e.kind, e.aggregation, inside, window, bounded=e.bounded)
        target, basis = _quarter_target(e, q)
        capaian = None
        reason = realisasi.message
        if realisasi.value is not None:
            c = compute_capaian(
                realisasi.value,
                target,
                e.polarity,
                lower_formula=e.lower_formula,
                zero_target=e.zero_target,
            )
            capaian = c.value.rounded() if c.value is not None else None
            reason = c.message
        value = realisasi.value.rounded() if realisasi.value is not None else None
        shown = target
        if target is not None and not isinstance(target, Range):
            shown = target.rounded() if hasattr(target, "rounded") else target
        out.append(QuarterFigure(q, shown, basis, value, capaian, reason))
    return tuple(out), ytd.numerator, ytd.denominator


def _quarter_target(e: EngineIndicator, q: int) -> tuple[Decimal | Range | None, str]:
    level = e.aggregation is not Aggregation.FLOW or e.kind.is_rate
    if e.target is None:
        return None, ""
    if e.quarterly_targets is not None and not isinstance(e.target, Range):
        return e.quarterly_targets[q - 1], Basis.QUARTERLY.value
    if level:
        return e.target, Basis.ANNUAL.value
    if isinstance(e.target, Range):
        return Range(pro_rata(e.target.min, 3), pro_rata(e.target.max, 3)), Basis.PRO_RATA.value
    return pro_rata(e.target, 3), Basis.PRO_RATA.value
