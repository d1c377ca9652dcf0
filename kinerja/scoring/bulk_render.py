"""From bulk arrays back to the scalar world: fallbacks and the per-series output dict.

The series the floats cannot settle are rebuilt as :class:`Indicator` and
:class:`Observation` objects (Decimal(repr(x)) recovers the decimal a float64 was read from)
and scored by the scalar engine; :func:`render_row` prints any series exactly as
:meth:`Score.to_dict` would.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np

from kinerja.scoring.bulk_types import (
    AGGREGATIONS,
    DETAIL_GRANULARITY,
    DETAIL_MISSING,
    DETAIL_WINDOW,
    GRANULARITIES,
    KINDS,
    LOWER_FORMULAS,
    POLARITIES,
    REASONS,
    SLOT_MONTHS,
    STATUSES,
    ZERO_TARGETS,
    BulkResult,
    BulkSeries,
)
from kinerja.scoring.capaian import Polarity, Range
from kinerja.scoring.engine import Indicator, expected_json, score
from kinerja.scoring.periods import GRANULARITY_LABEL, Period, Window
from kinerja.scoring.progress import expected_basis, expected_to_date
from kinerja.scoring.reasons import FLAG_ORDER, describe
from kinerja.scoring.values import Observation


def _dec(x: float) -> Decimal | None:
    return None if np.isnan(x) else Decimal(repr(float(x)))


def indicator_of(series: BulkSeries, i: int) -> Indicator:
    polarity = POLARITIES[series.polarity[i]]
    target: Decimal | Range | None
    if polarity is Polarity.RANGE:
        low, high = _dec(series.target_min[i]), _dec(series.target_max[i])
        target = None if low is None and high is None else Range(low, high)  # type: ignore[arg-type]
    else:
        target = _dec(series.target[i])
    quarterly = None
    if series.quarterly_targets is not None:
        row = np.asarray(series.quarterly_targets[i], np.float64)
        if not np.isnan(row).all():
            quarterly = tuple(_dec(x) for x in row)
    return Indicator(
        KINDS[series.kind[i]],
        AGGREGATIONS[series.aggregation[i]],
        polarity,
        target,
        _dec(series.cap[i]),
        LOWER_FORMULAS[series.lower_formula[i]],
        ZERO_TARGETS[series.zero_target[i]],
        quarterly,  # type: ignore[arg-type]
        bool(series.bounded[i]),
        bool(series.allow_partial[i]),
    )


def observations_of(result: BulkResult, i: int) -> list[Observation]:
    series = result.series
    granularity = int(series.granularity[i])
    months = int(SLOT_MONTHS[granularity])
    N, D, V = (a[i] for a in result.dense)
    observations = []
    for col in range(months - 1, 12, months):
        figures = (_dec(N[col]), _dec(D[col]), _dec(V[col]))
        if any(f is not None for f in figures):
            period = Period(int(series.year[i]), GRANULARITIES[granularity], (col + 1) // months)
            observations.append(Observation(period, *figures))
    return observations


def as_of_of(result: BulkResult, i: int) -> Period | None:
    index = int(result.as_of_index[i])
    if index == 0:
        return None
    granularity = GRANULARITIES[int(result.as_of_granularity[i])]
    return Period(int(result.series.year[i]), granularity, index)


def apply_fallback(result: BulkResult, rows: np.ndarray) -> None:
    """Score ``rows`` with the scalar engine and write their codes into the arrays."""
    series = result.series
    for i in rows.tolist():
        given = series.as_of_granularity[i] >= 0
        as_of = as_of_of(result, i) if given else None
        scored = score(
            indicator_of(series, i),
            observations_of(result, i),
            as_of=as_of,
            scale=result.scale,
            thresholds=result.thresholds,
        )
        result.fallback[i] = scored
        result.has_value[i] = scored.value is not None
        result.value_h[i] = int(scored.value * 100) if scored.value is not None else 0
        result.has_capaian[i] = scored.capaian is not None
        result.capaian_h[i] = int(scored.capaian * 100) if scored.capaian is not None else 0
        result.has_progress[i] = scored.progress is not None
        result.progress_h[i] = int(scored.progress * 100) if scored.progress is not None else 0
        labels = [level.label for level in result.scale.levels]
        result.predicate[i] = labels.index(scored.predicate) if scored.predicate else -1
        result.status[i] = STATUSES.index(scored.status)
        code = scored.reason_code
        result.reason[i] = REASONS.index(code) if code is not None else -1


def _hundredths(h: int) -> str:
    sign = "-" if h < 0 else ""
    whole, cents = divmod(abs(h), 100)
    return f"{sign}{whole}.{cents:02d}"


def missing_codes(result: BulkResult, i: int) -> list[str]:
    series = result.series
    granularity = GRANULARITIES[int(series.granularity[i])]
    months = granularity.months
    return [
        Period(int(series.year[i]), granularity, (col + 1) // months).code
        for col in np.flatnonzero(result.missing[i]).tolist()
    ]


def reason_text(result: BulkResult, i: int, as_of: Period | None, missing: list[str]) -> str | None:
    """The sentence the scalar engine would give for row ``i``'s reason code."""
    code = int(result.reason[i])
    if code < 0:
        return None
    detail = ""
    kind = int(result.detail[i])
    granularity = GRANULARITIES[int(result.series.granularity[i])]
    window = Window.year_to_date(as_of) if as_of is not None else None
    if kind == DETAIL_WINDOW and window is not None:
        detail = window.label()
    elif kind == DETAIL_MISSING:
        detail = ", ".join(missing)
    elif kind == DETAIL_GRANULARITY and window is not None:
        detail = f"data {GRANULARITY_LABEL[granularity]} tidak dapat dipotong {window.label()}"
    return describe(REASONS[code], detail)


def render_row(result: BulkResult, i: int) -> dict[str, Any]:
    """Series ``i`` as the batch output dict (identical to the scalar path's)."""
    if i in result.fallback:
        return result.fallback[i].to_dict()
    series = result.series
    as_of = as_of_of(result, i)
    missing = missing_codes(result, i)
    expected = None
    indicator = indicator_of(series, i)
    basis = expected_basis(
        indicator.kind, indicator.aggregation, indicator.target, indicator.quarterly_targets
    )
    if as_of is not None:
        expected, _ = expected_to_date(
            indicator.kind,
            indicator.aggregation,
            indicator.target,
            as_of.end_month,
            indicator.quarterly_targets,
        )
    reason = reason_text(result, i, as_of, missing)
    bits = int(result.flags[i])
    predicate = int(result.predicate[i])
    return {
        "value": _hundredths(int(result.value_h[i])) if result.has_value[i] else None,
        "capaian": _hundredths(int(result.capaian_h[i])) if result.has_capaian[i] else None,
        "predicate": result.scale.levels[predicate].label if predicate >= 0 else None,
        "status": STATUSES[int(result.status[i])].value,
        "reason": reason,
        "as_of": as_of.code if as_of else None,
        "expected": expected_json(expected),
        "missing": missing,
        "flags": [f.value for n, f in enumerate(FLAG_ORDER) if bits >> n & 1],
        "progress": _hundredths(int(result.progress_h[i])) if result.has_progress[i] else None,
        "expected_basis": basis.value if basis else None,
    }
