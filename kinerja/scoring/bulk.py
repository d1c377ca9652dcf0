"""The vectorised path: every indicator-year of a kabupaten at once, identical to :func:`score`.

Figures are summed exactly as scaled int64 (a decimal with up to ``decimals`` places, times
10^decimals), so sums, zero tests and "numerator above denominator" are exact; only the final
quotients run in float64. Where a float result is too close to a rounding boundary, a cap or a
range bound to be sure (within 1e-13 relative, far above float64's error of a few 1e-16), and
for anything unusual (a reported percentage without components, more decimal places than
``decimals`` or more than 15 significant digits, settings the engine rejects), that
indicator-year is handed to the scalar engine. The results are the scalar path's by
construction; floats only buy speed.

Input: :class:`BulkSeries` (one row per indicator-year, settings as integer codes indexing
``KINDS``, ``AGGREGATIONS``, ``POLARITIES``, ``GRANULARITIES``, ``LOWER_FORMULAS``,
``ZERO_TARGETS``) and :class:`BulkRows` (figures per period, NaN where absent).
"""

from __future__ import annotations

from kinerja.scoring.bulk_core import compute
from kinerja.scoring.bulk_render import render_row
from kinerja.scoring.bulk_types import (
    AGGREGATIONS,
    GRANULARITIES,
    KINDS,
    LOWER_FORMULAS,
    POLARITIES,
    REASONS,
    STATUSES,
    ZERO_TARGETS,
    BulkResult,
    BulkRows,
    BulkSeries,
)
from kinerja.scoring.progress import DEFAULT_THRESHOLDS, StatusThresholds
from kinerja.scoring.scales import Scale, default_registry


def score_bulk(
    series: BulkSeries,
    rows: BulkRows,
    *,
    scale: Scale | None = None,
    thresholds: StatusThresholds = DEFAULT_THRESHOLDS,
    decimals: int = 4,
) -> BulkResult:
    """Score every series at its as_of (default: its latest period with data).

    Raises ``ValueError`` only for structurally broken arrays (a row pointing outside its
    series, a period index outside the granularity, two rows for one period, unknown codes):
    database constraints rule these out, so they are programming errors, not data to report.
    """
    if not 0 <= decimals <= 10:
        raise ValueError("decimals must be 0..10")
    return compute(series, rows, scale or default_registry().get(), thresholds, decimals)


def to_dicts(result: BulkResult) -> list[dict[str, object]]:
    """Every series as the batch output dict (slow: Python objects; for export and tests)."""
    return [render_row(result, i) for i in range(len(result))]


__all__ = [
    "AGGREGATIONS",
    "GRANULARITIES",
    "KINDS",
    "LOWER_FORMULAS",
    "POLARITIES",
    "REASONS",
    "STATUSES",
    "ZERO_TARGETS",
    "BulkResult",
    "BulkRows",
    "BulkSeries",
    "render_row",
    "score_bulk",
    "to_dicts",
]
