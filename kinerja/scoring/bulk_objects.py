"""Bulk results as :class:`Score` objects, the same objects the scalar engine returns.

The read model of a whole kabupaten turns hundreds of thousands of results into objects, so this
reads the arrays once as Python lists and rebuilds only what a Score holds: Decimals from
hundredths (cached: the same figures repeat), the target to date from the series' settings
(cached floats), the reason sentence and the missing periods only where there are any. No
per-row Indicator or dict is built.
"""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal

import numpy as np

from kinerja.scoring.bulk_render import missing_codes, reason_text
from kinerja.scoring.bulk_types import (
    AGGREGATIONS,
    GRANULARITIES,
    KINDS,
    POLARITIES,
    REASONS,
    STATUSES,
    BulkResult,
)
from kinerja.scoring.capaian import Polarity, Range
from kinerja.scoring.engine import Score
from kinerja.scoring.periods import Period
from kinerja.scoring.progress import expected_basis, expected_to_date, is_level
from kinerja.scoring.reasons import FLAG_ORDER


def scores(result: BulkResult) -> list[Score]:
    """Every series as a Score, field for field what :func:`score` gives (property-tested)."""
    series = result.series
    hundredths: dict[int, Decimal] = {}
    floats: dict[float, Decimal] = {}
    periods: dict[tuple[int, int, int], Period] = {}

    def h(x: int) -> Decimal:
        d = hundredths.get(x)
        if d is None:
            d = hundredths[x] = Decimal(x).scaleb(-2)
        return d

    def f(x: float) -> Decimal | None:
        if x != x:  # NaN
            return None
        d = floats.get(x)
        if d is None:
            d = floats[x] = Decimal(repr(x))
        return d

    labels = [level.label for level in result.scale.levels]
    kinds = [KINDS[k] for k in series.kind.tolist()]
    aggregations = [AGGREGATIONS[a] for a in series.aggregation.tolist()]
    polarities = [POLARITIES[p] for p in series.polarity.tolist()]
    target, low, high = (
        series.target.tolist(),
        series.target_min.tolist(),
        series.target_max.tolist(),
    )
    quarterly = None
    if series.quarterly_targets is not None:
        q = np.asarray(series.quarterly_targets, np.float64)
        given = (~np.isnan(q).all(1)).tolist()
        rows = q.tolist()
        quarterly = [rows[i] if given[i] else None for i in range(len(rows))]
    years = series.year.tolist()
    as_of_g, as_of_i = result.as_of_granularity.tolist(), result.as_of_index.tolist()
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
    predicate, status = result.predicate.tolist(), result.status.tolist()
    reason, flags = result.reason.tolist(), result.flags.tolist()
    gaps = result.missing.any(1).tolist()

    to_date: dict[tuple, object] = {}
    bases: dict[tuple, object] = {}
    out: list[Score] = []
    for i in range(len(result)):
        fallback = result.fallback.get(i)
        if fallback is not None:
            out.append(fallback)
            continue
        kind, aggregation, polarity = kinds[i], aggregations[i], polarities[i]
        if polarity is Polarity.RANGE:
            lo, hi = f(low[i]), f(high[i])
            goal = None if lo is None and hi is None else Range(lo, hi)  # type: ignore[arg-type]
        else:
            goal = f(target[i])
        quarters = None
        if quarterly is not None and quarterly[i] is not None:
            quarters = tuple(f(x) for x in quarterly[i])
        as_of = None
        if as_of_i[i]:
            key = (years[i], as_of_g[i], as_of_i[i])
            as_of = periods.get(key)
            if as_of is None:
                as_of = periods[key] = Period(years[i], GRANULARITIES[as_of_g[i]], as_of_i[i])
        expected = None
        if as_of is not None:
            if quarters is None and is_level(kind, aggregation):
                expected = goal  # a level without Rencana Aksi: the annual target itself
            else:
                key2 = (kind, aggregation, target[i], low[i], high[i], quarters, as_of.end_month)
                found = to_date.get(key2, _MISSING)
                if found is _MISSING:
                    found = to_date[key2] = expected_to_date(
                        kind,
                        aggregation,
                        goal,  # type: ignore[arg-type]
                        as_of.end_month,
                        quarters,  # type: ignore[arg-type]
                    )[0]
                expected = found
        code = reason[i]
        missing: tuple[str, ...] = ()
        text = None
        if gaps[i] or code >= 0:
            found = missing_codes(result, i)
            missing = tuple(found)
            text = reason_text(result, i, as_of, found)
        bits = flags[i]
        basis_key = (kind, aggregation, goal is None, isinstance(goal, Range), quarters is None)
        basis = bases.get(basis_key, _MISSING)
        if basis is _MISSING:
            basis = bases[basis_key] = expected_basis(kind, aggregation, goal, quarters)
        out.append(
            _score(
                h(value_h[i]) if has_value[i] else None,
                h(capaian_h[i]) if has_capaian[i] else None,
                labels[predicate[i]] if predicate[i] >= 0 else None,
                STATUSES[status[i]],
                text,
                REASONS[code] if code >= 0 else None,
                as_of,
                expected,
                missing,
                tuple(flag for n, flag in enumerate(FLAG_ORDER) if bits >> n & 1) if bits else (),
                h(progress_h[i]) if has_progress[i] else None,
                basis,
            )
        )
    return out


_MISSING = object()
_FIELDS = [f.name for f in fields(Score)]
_DEFAULTS = {"exact_value": None, "exact_capaian": None, "explanation": ""}


def _score(*values: object) -> Score:
    """A Score without the frozen dataclass's per-field setattr (the same object, built about
    five times faster; this module only)."""
    score = object.__new__(Score)
    score.__dict__.update(zip(_FIELDS, values, strict=False), **_DEFAULTS)
    return score
