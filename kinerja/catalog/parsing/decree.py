"""parse_decree: the whole document, from raw text to the catalog's export format."""

from __future__ import annotations

from typing import Any

from .errors import DecreeParseError, Warnings
from .positions import parse_positions
from .preamble import parse_preamble
from .tables import header_roles
from .text import decode, label_of, split_lines, squash
from .units import derive_units

FORMAT = "kinerja.catalog/1"


def parse_decree(text: str | bytes) -> dict[str, Any]:
    """Read an IKI decree (Keputusan ... tentang Penetapan Indikator Kinerja Individu).

    The result is the catalog's exchange document, so parsing and exporting share one format
    and a decree can be re-imported after edits. Only input that cannot be such a decree
    raises DecreeParseError; oddities a person should check end up in "warnings".
    """
    lines = split_lines(decode(text))
    first = next((i for i, ln in enumerate(lines) if _is_position(ln.text)), None)
    if first is None:
        raise DecreeParseError(1, "no position (JABATAN) found; is this an IKI decree?")
    preamble = lines[:first]
    in_annex = False
    for line in preamble:
        if header_roles(line.text) is not None:
            raise DecreeParseError(line.no, "indicator table before any position (JABATAN)")
        if squash(line.text).upper() == "INDIKATOR KINERJA INDIVIDU":
            in_annex = True
        elif in_annex and sum(1 for c in line.text.split("\t") if c.strip()) >= 3:
            raise DecreeParseError(line.no, "table row before any position (JABATAN)")
    warnings = Warnings()
    decree = parse_preamble(preamble, warnings)
    positions, starts = parse_positions(lines[first:], warnings)
    units = derive_units(positions, starts, warnings)
    return {
        "format": FORMAT,
        "decree": decree,
        "units": units,
        "positions": positions,
        "warnings": warnings.as_list(),
    }


def _is_position(text: str) -> bool:
    label = label_of(text) if sum(1 for c in text.split("\t") if c.strip()) < 3 else None
    return label is not None and label[0] == "jabatan"
