"""Population-register indicators (SIAK extracts) without Django: validate an extract, compute the
decree's indicators per kabupaten, kecamatan and desa on a reference date, count services per
month, and generate synthetic extracts. See docs/population.md."""

from .definitions import DECREE_KEYS, DEFINITIONS, Definition, render
from .engine import (
    AreaResult,
    ImportSummary,
    ProgressCallback,
    QuarantineRow,
    ServiceCount,
    compute,
    import_extract,
    service_counts,
)
from .synthetic import SynthResult, synth
from .validation import ExtractFormatError

__all__ = [
    "DECREE_KEYS",
    "DEFINITIONS",
    "AreaResult",
    "Definition",
    "ExtractFormatError",
    "ImportSummary",
    "ProgressCallback",
    "QuarantineRow",
    "ServiceCount",
    "SynthResult",
    "compute",
    "import_extract",
    "render",
    "service_counts",
    "synth",
]
