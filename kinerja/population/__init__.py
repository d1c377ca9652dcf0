"""Population-register indicators (SIAK extracts) without Django: validate an extract, compute the
decree's indicators per kabupaten, kecamatan and desa on a reference date, count services per
month, and generate synthetic extracts. See docs/population.md."""

from . import workfiles
from .definitions import DECREE_KEYS, DEFINITIONS, Definition, Rules, render
from .engine import (
    AreaResult,
    FamilyIdError,
    ImportSummary,
    ProgressCallback,
    QuarantineRow,
    ServiceCount,
    compute,
    import_extract,
    service_counts,
)
from .sources import ExtractFormatError
from .synthetic import SynthResult, synth

__all__ = [
    "DECREE_KEYS",
    "DEFINITIONS",
    "AreaResult",
    "Definition",
    "ExtractFormatError",
    "FamilyIdError",
    "ImportSummary",
    "ProgressCallback",
    "QuarantineRow",
    "Rules",
    "ServiceCount",
    "SynthResult",
    "compute",
    "import_extract",
    "render",
    "service_counts",
    "synth",
    "workfiles",
]
