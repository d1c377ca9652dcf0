"""The achievement engine: values, aggregation, capaian, predicates and progress.

Plain Python with Decimal arithmetic and no Django import, so that the web pages, the reports,
the API and the ``kinerja score`` command all compute every number the same way. The formulas,
defaults and sources are documented in docs/scoring.md.
"""

from kinerja.scoring.aggregate import (
    Aggregation,
    Realisasi,
    aggregate_units,
    aggregate_window,
    rollup,
)
from kinerja.scoring.batch import run_batch, score_line
from kinerja.scoring.capaian import (
    Capaian,
    LowerFormula,
    Polarity,
    Range,
    Target,
    ZeroTarget,
    compute_capaian,
)
from kinerja.scoring.engine import Indicator, Score, default_as_of, score
from kinerja.scoring.exact import Q, parse_number
from kinerja.scoring.periods import Granularity, Period, Window
from kinerja.scoring.progress import (
    DEFAULT_THRESHOLDS,
    Status,
    StatusThresholds,
    expected_to_date,
)
from kinerja.scoring.reasons import Flag, Reason
from kinerja.scoring.scales import (
    DEFAULT_SCALE,
    Level,
    Matrix,
    Scale,
    ScaleRegistry,
    default_registry,
    load_registry,
    skp_predicate,
)
from kinerja.scoring.values import Kind, Observation

__all__ = [
    "DEFAULT_SCALE",
    "DEFAULT_THRESHOLDS",
    "Aggregation",
    "Capaian",
    "Flag",
    "Granularity",
    "Indicator",
    "Kind",
    "Level",
    "LowerFormula",
    "Matrix",
    "Observation",
    "Period",
    "Polarity",
    "Q",
    "Range",
    "Realisasi",
    "Reason",
    "Scale",
    "ScaleRegistry",
    "Score",
    "Status",
    "StatusThresholds",
    "Target",
    "Window",
    "ZeroTarget",
    "aggregate_units",
    "aggregate_window",
    "compute_capaian",
    "default_as_of",
    "default_registry",
    "expected_to_date",
    "load_registry",
    "parse_number",
    "rollup",
    "run_batch",
    "score",
    "score_line",
    "skp_predicate",
]
