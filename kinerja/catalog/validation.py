"""Structural checks shared by the importer (text or JSON) and the admin forms, so a catalog
edited by hand obeys the same rules as one loaded from a decree. No Django import."""

from __future__ import annotations

import re
from typing import Any

from kinerja.accounts.nip import NipError, parse_nip

KINDS = {"percentage", "ratio", "count"}
POLARITIES = {"higher", "lower", "range"}
AGGREGATIONS = {"flow", "stock"}
UNIT_KINDS = {"dinas", "sekretariat", "bidang", "subbagian", "seksi", "lainnya"}
KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class DocumentError(ValueError):
    """A catalog document that cannot be imported; the message names where and why."""


def indicator_problems(kind: str, numerator: str, denominator: str) -> dict[str, str]:
    """Field -> message for an indicator whose formula cannot be computed as its kind says."""
    problems: dict[str, str] = {}
    if kind not in KINDS:
        problems["kind"] = f"jenis '{kind}' tidak dikenal (percentage, ratio atau count)"
    elif kind in {"percentage", "ratio"}:
        if not (numerator or "").strip():
            problems["numerator"] = "indikator persentase/rasio wajib punya pembilang"
        if not (denominator or "").strip():
            problems["denominator"] = "indikator persentase/rasio wajib punya penyebut"
    elif (denominator or "").strip():
        problems["denominator"] = "indikator jumlah tidak memakai penyebut"
    return problems


def nip_problem(nip: str) -> str | None:
    if not nip:
        return None
    try:
        parse_nip(nip)
    except NipError as exc:
        return str(exc)
    return None


def _require(obj: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(obj, dict) or key not in obj:
        raise DocumentError(f"{where}: field '{key}' is missing")
    value = obj[key]
    if not isinstance(value, kind):
        raise DocumentError(f"{where}.{key}: expected {_kind_name(kind)}")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(
        {str: "text", list: "a list", dict: "an object", int: "a number"}.get(k, k.__name__)
        for k in kinds
    )


def validate_document(doc: Any) -> None:
    """Raise ``DocumentError`` at the first problem, naming its place (``positions[3].key``)."""
    if not isinstance(doc, dict):
        raise DocumentError("document: expected a JSON object")
    decree = _require(doc, "decree", dict, "document")
    for key in ("number", "title", "agency", "region"):
        if not str(_require(decree, key, str, "decree")).strip():
            raise DocumentError(f"decree.{key}: must not be empty")
    period = _require(decree, "period", dict, "decree")
    start = _require(period, "start", int, "decree.period")
    end = _require(period, "end", int, "decree.period")
    if not 1945 <= start <= end <= 2200:
        raise DocumentError(f"decree.period: {start}-{end} is not a valid period")
    units = doc.get("units") or []
    unit_names = set()
    for n, unit in enumerate(units):
        name = _require(unit, "name", str, f"units[{n}]")
        if unit.get("kind") and unit["kind"] not in UNIT_KINDS:
            raise DocumentError(f"units[{n}].kind: '{unit['kind']}' is not a unit kind")
        unit_names.add(name)
    for n, unit in enumerate(units):
        if unit.get("parent") and unit["parent"] not in unit_names:
            raise DocumentError(f"units[{n}].parent: unit '{unit['parent']}' is not listed")
    positions = _require(doc, "positions", list, "document")
    if not positions:
        raise DocumentError("positions: the catalog has no position (jabatan)")
    keys: set[str] = set()
    for p, pos in enumerate(positions):
        where = f"positions[{p}]"
        key = _require(pos, "key", str, where)
        if not KEY_RE.match(key):
            raise DocumentError(f"{where}.key: '{key}' must be lowercase letters, digits, hyphens")
        if key in keys:
            raise DocumentError(f"{where}.key: '{key}' is used twice")
        keys.add(key)
        _require(pos, "name", str, where)
        if pos.get("unit") and pos["unit"] not in unit_names:
            raise DocumentError(f"{where}.unit: unit '{pos['unit']}' is not listed in units")
        for field in ("tasks", "functions"):
            if not isinstance(pos.get(field, []), list):
                raise DocumentError(f"{where}.{field}: expected a list")
        for g, goal in enumerate(_require(pos, "goals", list, where)):
            gwhere = f"{where}.goals[{g}]"
            _require(goal, "statement", str, gwhere)
            for i, ind in enumerate(_require(goal, "indicators", list, gwhere)):
                _validate_indicator(ind, f"{gwhere}.indicators[{i}]")


def _validate_indicator(ind: Any, where: str) -> None:
    _require(ind, "name", str, where)
    kind = _require(ind, "kind", str, where)
    for field, allowed in (("polarity", POLARITIES), ("aggregation", AGGREGATIONS)):
        if ind.get(field) is not None and ind[field] not in allowed:
            raise DocumentError(f"{where}.{field}: '{ind[field]}' is not one of {sorted(allowed)}")
    problems = indicator_problems(kind, ind.get("numerator") or "", ind.get("denominator") or "")
    if problems:
        field, message = next(iter(problems.items()))
        raise DocumentError(f"{where}.{field}: {message}")
    if not isinstance(ind.get("sources", []), list):
        raise DocumentError(f"{where}.sources: expected a list")
