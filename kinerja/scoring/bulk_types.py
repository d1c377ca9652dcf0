"""Array layouts and numeric helpers of the bulk path (see :mod:`kinerja.scoring.bulk`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from kinerja.scoring.aggregate import Aggregation
from kinerja.scoring.capaian import LowerFormula, Polarity, ZeroTarget
from kinerja.scoring.engine import Score
from kinerja.scoring.periods import Granularity
from kinerja.scoring.progress import Status, StatusThresholds
from kinerja.scoring.reasons import Reason
from kinerja.scoring.scales import Scale
from kinerja.scoring.values import Kind

KINDS = (Kind.PERCENTAGE, Kind.RATIO, Kind.COUNT)
AGGREGATIONS = (Aggregation.FLOW, Aggregation.STOCK)
POLARITIES = (Polarity.HIGHER, Polarity.LOWER, Polarity.RANGE)
LOWER_FORMULAS = (LowerFormula.DIFFERENCE, LowerFormula.INVERSE, LowerFormula.DIFFERENCE_FLOORED)
ZERO_TARGETS = (ZeroTarget.EQUAL_IS_100, ZeroTarget.UNDEFINED)
STATUSES = (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.NO_DATA)
REASONS = tuple(Reason)
GRANULARITIES = (Granularity.MONTH, Granularity.QUARTER, Granularity.SEMESTER, Granularity.YEAR)
SLOT_MONTHS = np.array([1, 3, 6, 12])
"""Months per period for granularity codes 0 month, 1 quarter, 2 semester, 3 year."""

# how a NO_DATA / GRANULARITY reason is detailed when rendered
DETAIL_NONE, DETAIL_WINDOW, DETAIL_MISSING, DETAIL_GRANULARITY = 0, 1, 2, 3
COLS = np.arange(12)
TIE = 1e-13
"""Relative distance from a rounding boundary (or bound) under which floats are not trusted."""

_DEFAULTS = {
    "kind": 0,
    "aggregation": 0,
    "polarity": 0,
    "granularity": 0,
    "target": np.nan,
    "target_min": np.nan,
    "target_max": np.nan,
    "cap": np.nan,
    "lower_formula": 0,
    "zero_target": 0,
    "bounded": True,
    "allow_partial": False,
    "as_of_granularity": -1,
    "as_of_index": 0,
}


@dataclass
class BulkSeries:
    """One row per indicator-year, each setting a NumPy array (codes index the tuples above).

    ``target`` is NaN when not set; a range uses ``target_min``/``target_max``. ``cap`` is NaN
    for none. ``as_of_granularity`` -1 means the default as_of (latest period with data).
    ``quarterly_targets`` is an (n, 4) array or None (NaN rows for none).
    """

    year: np.ndarray
    kind: np.ndarray
    aggregation: np.ndarray
    polarity: np.ndarray
    granularity: np.ndarray
    target: np.ndarray
    target_min: np.ndarray
    target_max: np.ndarray
    cap: np.ndarray
    lower_formula: np.ndarray
    zero_target: np.ndarray
    bounded: np.ndarray
    allow_partial: np.ndarray
    as_of_granularity: np.ndarray
    as_of_index: np.ndarray
    quarterly_targets: np.ndarray | None = None

    @staticmethod
    def build(year: np.ndarray | int, n: int | None = None, **columns: object) -> BulkSeries:
        """Series with the documented defaults for any column not given (scalars broadcast)."""
        size = n if n is not None else len(np.atleast_1d(year))
        arrays = {
            name: np.broadcast_to(np.asarray(columns.pop(name, default)), (size,)).copy()
            for name, default in _DEFAULTS.items()
        }
        quarterly = columns.pop("quarterly_targets", None)
        if columns:
            raise TypeError(f"unknown columns: {sorted(columns)}")
        years = np.broadcast_to(np.asarray(year), (size,)).copy()
        return BulkSeries(years, **arrays, quarterly_targets=quarterly)  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self.year)


@dataclass
class BulkRows:
    """Realisation rows: the series they belong to, the 1-based period index within the series'
    granularity (month 1-12, quarter 1-4, ...), and the figures (NaN where absent)."""

    series: np.ndarray
    slot: np.ndarray
    numerator: np.ndarray
    denominator: np.ndarray
    value: np.ndarray


@dataclass
class BulkResult:
    """Codes per series; :meth:`row` renders one as the same dict the scalar path gives."""

    series: BulkSeries
    dense: tuple[np.ndarray, np.ndarray, np.ndarray]
    scale: Scale
    thresholds: StatusThresholds
    value_h: np.ndarray
    has_value: np.ndarray
    capaian_h: np.ndarray
    has_capaian: np.ndarray
    progress_h: np.ndarray
    has_progress: np.ndarray
    predicate: np.ndarray
    status: np.ndarray
    reason: np.ndarray
    detail: np.ndarray
    flags: np.ndarray
    as_of_granularity: np.ndarray
    as_of_index: np.ndarray
    missing: np.ndarray
    fallback: dict[int, Score] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.status)


def scaled_ints(x: np.ndarray, factor: int) -> tuple[np.ndarray, np.ndarray]:
    """(int64 of x * factor, exact) where exact says x is a decimal with that many places and
    at most 15 significant digits, i.e. Decimal(repr(x)) == result / factor."""
    present = ~np.isnan(x)
    safe = np.where(present, x, 0.0)
    m = np.rint(safe * factor)
    ok = (m / factor == safe) & (np.abs(m) < 1e15)
    return np.where(ok, m, 0).astype(np.int64), ok | ~present


def round_hundredths(x: np.ndarray, magnitude: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(hundredths as int64, unsure): x is already in hundredths; ties go away from zero.

    ``unsure`` marks values whose float error (bounded by ``magnitude`` x 1e-13) could reach
    the .5 boundary, or that are too large for float64 to place exactly.
    """
    a = np.abs(x)
    base = np.floor(a)
    unsure = (np.abs(a - base - 0.5) <= TIE * np.maximum(magnitude, 1.0)) | (a >= 2.0**52)
    h = np.floor(a + 0.5)
    h = np.where(unsure | ~np.isfinite(h), 0, h).astype(np.int64)
    return np.where(x < 0, -h, h), unsure


def near(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.abs(a - b) <= TIE * np.maximum(np.maximum(np.abs(a), np.abs(b)), 1e-300)
