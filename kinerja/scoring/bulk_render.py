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
from kinerja.scoring.engine import Indicator, Score, expected_json, score
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


def render_row(result: BulkResult, i: int) -> dict[str, Any]:
    """Series ``i`` as the batch output dict (identical to the scalar path's)."""
    if i in result.fallback:
        return result.fallback[i].to_dict()
    series = result.series
    as_of = as_of_of(result, i)
    granularity = GRANULARITIES[int(series.granularity[i])]
    months = granularity.months
    missing = [
        Period(int(series.year[i]), granularity, (col + 1) // months).code
        for col in np.flatnonzero(result.missing[i]).tolist()
    ]
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
    code = int(result.reason[i])
    reason = None
    if code >= 0:
        detail = ""
        kind = int(result.detail[i])
        window = Window.year_to_date(as_of) if as_of is not None else None
        if kind == DETAIL_WINDOW and window is not None:
            detail = window.label()
        elif kind == DETAIL_MISSING:
            detail = ", ".join(missing)
        elif kind == DETAIL_GRANULARITY and window is not None:
            detail = f"data {GRANULARITY_LABEL[granularity]} tidak dapat dipotong {window.label()}"
        reason = describe(REASONS[code], detail)
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


def scores(result: BulkResult) -> list[Score]:
    """Every series as a :class:`Score`, as the scalar engine would return it.

    The common case (a computed value) is built from the integer arrays with one Decimal per
    distinct figure (capaian repeat a lot across a kabupaten), so turning a whole kabupaten's
    results into objects costs about as much as computing them; rows with a reason, a flag or a
    missing period go through :func:`render_row` (few).
    """
    cache: dict[int, Decimal] = {}

    def dec(h: int) -> Decimal:
        d = cache.get(h)
        if d is None:
            d = cache[h] = Decimal(h).scaleb(-2)
        return d

    labels = [level.label for level in result.scale.levels]
    statuses = list(STATUSES)
    value_h, capaian_h, progress_h = (
        result.value_h.tolist(),
        result.capaian_h.tolist(),
        result.progress_h.tolist(),
    )
    has_value, has_capaian, has_progress = (
        result.has_value.tolist(),
        result.has_capaian.tolist(),
        result.has_progress.tolist(),
    )
    predicate, status, reason, flags = (
        result.predicate.tolist(),
        result.status.tolist(),
        result.reason.tolist(),
        result.flags.tolist(),
    )
    plain = (~result.missing.any(1)).tolist()
    series = result.series
    out: list[Score] = []
    for i in range(len(result)):
        fallback = result.fallback.get(i)
        if fallback is not None:
            out.append(fallback)
            continue
        if reason[i] >= 0 or flags[i] or not plain[i] or not has_capaian[i]:
            out.append(_score_of_row(result, i))
            continue
        as_of = as_of_of(result, i)
        indicator = indicator_of(series, i)
        expected, _ = expected_to_date(
            indicator.kind,
            indicator.aggregation,
            indicator.target,
            as_of.end_month if as_of else 12,
            indicator.quarterly_targets,
        )
        out.append(
            Score(
                dec(value_h[i]) if has_value[i] else None,
                dec(capaian_h[i]),
                labels[predicate[i]] if predicate[i] >= 0 else None,
                statuses[status[i]],
                None,
                None,
                as_of,
                expected,
                (),
                (),
                dec(progress_h[i]) if has_progress[i] else None,
                expected_basis(
                    indicator.kind,
                    indicator.aggregation,
                    indicator.target,
                    indicator.quarterly_targets,
                ),
            )
        )
    return out


def _score_of_row(result: BulkResult, i: int) -> Score:
    """A row with a reason, flags or gaps, rebuilt from its rendered dict."""
    row = render_row(result, i)
    indicator = indicator_of(result.series, i)
    as_of = as_of_of(result, i)
    expected = None
    if as_of is not None:
        expected, _ = expected_to_date(
            indicator.kind,
            indicator.aggregation,
            indicator.target,
            as_of.end_month,
            indicator.quarterly_targets,
        )
    code = int(result.reason[i])

    def num(x: str | None) -> Decimal | None:
        return None if x is None else Decimal(x)

    return Score(
        num(row["value"]),
        num(row["capaian"]),
        row["predicate"],
        STATUSES[int(result.status[i])],
        row["reason"],
        REASONS[code] if code >= 0 else None,
        as_of,
        expected,
        tuple(row["missing"]),
        tuple(f for f in FLAG_ORDER if f.value in row["flags"]),
        num(row["progress"]),
        expected_basis(
            indicator.kind, indicator.aggregation, indicator.target, indicator.quarterly_targets
        ),
    )
