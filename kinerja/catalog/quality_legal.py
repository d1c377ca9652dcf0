"""Catalog checks on the decree as a whole: repealed laws in Mengingat, and indicators tied to
one year in a decree that runs for several. Pure: no Django.

A successor decree is usually written by copying the last one; a law repealed since (UU 32/2004
by UU 23/2014) or an indicator such as "Tersusunnya Renja 2020" then travels into a period where
it means nothing. The list of repealed acts is data (``data/repealed.json``).
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

YEAR_RE = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
NUMBER_RE = r"(?:Nomor|No\.?)\s*:?\s*(\d+)\s+Tahun\s+(\d{4})"


@cache
def repealed() -> list[dict[str, Any]]:
    text = resources.files("kinerja.catalog").joinpath("data/repealed.json").read_text("utf-8")
    return json.loads(text)["repealed"]


def repealed_citations(legal_basis: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """(the cited text, the repealed act) for each citation of a repealed act."""
    found = []
    for entry in legal_basis or []:
        for act in repealed():
            kind = re.escape(act["kind"]).replace(r"\ ", r"\s+")
            pattern = rf"{kind}\s+{NUMBER_RE}"
            for match in re.finditer(pattern, entry, re.IGNORECASE):
                if match.group(1) == act["number"] and int(match.group(2)) == act["year"]:
                    found.append((entry, act))
                    break
    return found


def year_in_indicator(name: str, start: int | None, end: int | None) -> int | None:
    """The year an indicator of a multi-year decree is tied to, if its name names one."""
    if not start or not end or end <= start:
        return None
    # "Perpres Nomor 96 Tahun 2018" names a regulation, not the year the indicator is for
    match = YEAR_RE.search(re.sub(NUMBER_RE, "", name, flags=re.IGNORECASE))
    return int(match.group(1)) if match else None
