"""Organisational units derived from position titles (the decree has no list of its own)."""

from __future__ import annotations

import re
from typing import Any

from .errors import Warnings
from .text import squash

_STRUCTURAL = (
    (re.compile(r"^Sekretaris(?:\s+(?:Dinas|Badan))?$", re.IGNORECASE), "sekretariat"),
    (re.compile(r"^(?:Kepala\s+Bidang|Kabid)\s+(\S.*)$", re.IGNORECASE), "bidang"),
    (
        re.compile(r"^(?:Kepala\s+Sub\s*-?\s*Bagian|Kasubb?ag)\s+(\S.*)$", re.IGNORECASE),
        "subbagian",
    ),
    (re.compile(r"^(?:Kepala\s+Seksi|Kasi)\s+(\S.*)$", re.IGNORECASE), "seksi"),
)
_PREFIX = {
    "sekretariat": "Sekretariat",
    "bidang": "Bidang",
    "subbagian": "Sub Bagian",
    "seksi": "Seksi",
}
_MENTION_RE = re.compile(r"\b(Sekretariat|Bidang|Sub\s*-?\s*Bagian|Seksi)\b(.*)$", re.IGNORECASE)


def structural_unit(title: str | None) -> tuple[str, str] | None:
    """(unit name, kind) that a head-of-unit title leads, e.g. Kepala Seksi X -> Seksi X."""
    title = squash(title or "")
    for pattern, kind in _STRUCTURAL:
        m = pattern.match(title)
        if m:
            if kind == "sekretariat":
                return "Sekretariat", kind
            return f"{_PREFIX[kind]} {m.group(1).strip(' .;')}", kind
    return None


def _kind_of(unit: str) -> str:
    for kind, prefix in _PREFIX.items():
        if unit == prefix or unit.startswith(prefix + " "):
            return kind
    return "lainnya"


def _mentioned_unit(title: str, known: list[str]) -> str | None:
    """A staff title naming its unit ("Pengolah Data Seksi Pengelolaan Informasi") -> that unit,
    when the words unambiguously begin exactly one known unit name."""
    m = _MENTION_RE.search(title)
    if not m:
        return None
    word = m.group(1).lower().replace(" ", "").replace("-", "")
    prefix = {"subbagian": "Sub Bagian"}.get(word, m.group(1).capitalize())
    fragment = squash(f"{prefix} {m.group(2)}").casefold()
    exact = [u for u in known if u.casefold() == fragment]
    hits = exact or [u for u in known if u.casefold().startswith(fragment + " ")]
    return hits[0] if len(hits) == 1 else None


def derive_units(
    positions: list[dict[str, Any]], lines: list[int], warnings: Warnings
) -> list[dict[str, Any]]:
    """Fill each position's "unit" and return the unit list in first-appearance order.

    Parents: Bidang and Sekretariat hang from the agency (null), a Sub Bagian from the
    Sekretariat, a Seksi from the unit of the supervisor its tasks name.
    """
    structural = {i: structural_unit(p["name"]) for i, p in enumerate(positions)}
    by_title: dict[str, str] = {}
    for i, p in enumerate(positions):
        su = structural[i]
        if su and p["name"].casefold() not in by_title:
            by_title[p["name"].casefold()] = su[0]
    parents: dict[str, str | None] = {}
    for i, p in enumerate(positions):
        su = structural[i]
        if su is None:
            continue
        unit, kind = su
        parent: str | None = None
        if kind == "subbagian":
            parent = "Sekretariat"
        elif kind == "seksi":
            sup = p.get("supervisor")
            sup_unit = structural_unit(sup) if sup else None
            parent = sup_unit[0] if sup_unit else by_title.get((sup or "").casefold())
            if parent is None:
                msg = f"parent unit of '{unit}' unknown: its supervisor is not a unit head"
                warnings.add(lines[i], msg)
            elif parent == unit:
                warnings.add(lines[i], f"unit '{unit}' would be its own parent; parent left empty")
                parent = None
        if unit in parents and parents[unit] != parent:
            warnings.add(lines[i], f"unit '{unit}' has two parents; kept '{parents[unit]}'")
            p["unit"] = unit
            continue
        parents.setdefault(unit, parent)
        p["unit"] = unit
    known = list(parents)
    for i, p in enumerate(positions):
        if structural[i] is None:
            p["unit"] = _mentioned_unit(p["name"], known)
    units: list[dict[str, Any]] = []
    listed: set[str] = set()
    visiting: set[str] = set()

    def add(name: str) -> None:
        if name in listed or name in visiting:
            return
        visiting.add(name)
        parent = parents.get(name)
        if parent is not None:
            add(parent)
        listed.add(name)
        units.append({"name": name, "kind": _kind_of(name), "parent": parent})

    for p in positions:
        if p["unit"]:
            add(p["unit"])
    return units
