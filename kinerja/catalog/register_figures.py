"""The register (SIAK) figures an indicator can be fed by. The population app computes them; the
catalog only stores which indicator takes which (``Indicator.register_figure``), so a successor
decree that rewords "Persentase penduduk ber KTP-el" keeps its feed through the review."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "register_figures.json"
SERVICE_PREFIX = "layanan:"


@cache
def _figures() -> dict[str, str]:
    return json.loads(DATA.read_text(encoding="utf-8"))["figures"]


def figure_keys() -> tuple[str, ...]:
    return tuple(_figures())


def coverage_keys() -> tuple[str, ...]:
    return tuple(k for k in _figures() if not k.startswith(SERVICE_PREFIX))


def service_keys() -> tuple[str, ...]:
    return tuple(k for k in _figures() if k.startswith(SERVICE_PREFIX))


def label(key: str) -> str:
    return _figures().get(key, key)


def guess(name: str) -> str:
    """The figure whose seed wording this indicator has exactly (case and spacing aside), else
    ''. Only a proposal for a newly imported indicator; a person can change it in the settings."""
    wanted = " ".join(name.split()).casefold()
    for key, wording in _figures().items():
        if " ".join(wording.split()).casefold() == wanted:
            return key
    return ""
