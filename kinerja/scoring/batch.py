"""``kinerja score``: JSON Lines in, one JSON object out per line.

Every input line is checked field by field before it is scored, and a bad line becomes an error
object naming the line and the field while the other lines still compute. The field names are a
published interface (docs/scoring.md): other tools rely on them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, TextIO

from kinerja.scoring.aggregate import Aggregation
from kinerja.scoring.capaian import LowerFormula, Polarity, Range, ZeroTarget
from kinerja.scoring.engine import Indicator, score
from kinerja.scoring.exact import parse_number
from kinerja.scoring.periods import Period
from kinerja.scoring.progress import StatusThresholds
from kinerja.scoring.scales import ScaleRegistry, default_registry
from kinerja.scoring.values import Kind, Observation

FIELDS = {
    "id",
    "kind",
    "aggregation",
    "polarity",
    "target",
    "cap",
    "scale",
    "periods",
    "as_of",
    "lower_formula",
    "zero_target",
    "quarterly_targets",
    "bounded",
    "allow_partial",
    "status_thresholds",
}
PERIOD_FIELDS = {"period", "numerator", "denominator", "value"}


class LineError(Exception):
    """A field of one input line is wrong; becomes ``{"error", "line", "field"}``."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _reject_constant(name: str) -> Decimal:
    raise LineError(None, f"JSON tidak valid: {name} bukan angka yang diterima")


def _choice(data: Mapping[str, Any], name: str, enum: type, default: Any = None) -> Any:
    raw = data.get(name)
    if raw is None:
        if default is None:
            raise LineError(name, f"{name} wajib diisi")
        return default
    try:
        return enum(raw)
    except (ValueError, TypeError):
        allowed = "|".join(m.value for m in enum)
        raise LineError(name, f"{name} tidak dikenal: {raw!r}; gunakan {allowed}") from None


def _number(raw: Any, name: str, *, optional: bool = False) -> Decimal | None:
    if raw is None and optional:
        return None
    try:
        return parse_number(raw)
    except ValueError as exc:
        raise LineError(name, f"{name}: {exc}") from None


def _flag(data: Mapping[str, Any], name: str, default: bool) -> bool:
    raw = data.get(name, default)
    if not isinstance(raw, bool):
        raise LineError(name, f"{name} harus true atau false")
    return raw


def _target(data: Mapping[str, Any], polarity: Polarity) -> Decimal | Range | None:
    if "target" not in data:
        raise LineError("target", "target wajib ada (null bila belum ditetapkan)")
    raw = data["target"]
    if raw is None:
        return None
    if polarity is Polarity.RANGE:
        if not isinstance(raw, Mapping) or set(raw) != {"min", "max"}:
            raise LineError("target", 'polaritas range memerlukan target {"min": .., "max": ..}')
        low = _number(raw["min"], "target.min")
        high = _number(raw["max"], "target.max")
        if low > high:  # type: ignore[operator]
            raise LineError("target", "target.min lebih besar dari target.max")
        return Range(low, high)  # type: ignore[arg-type]
    if isinstance(raw, Mapping):
        raise LineError("target", "target rentang hanya untuk polaritas range")
    return _number(raw, "target")


def _observations(raw: Any, kind: Kind) -> list[Observation]:
    if not isinstance(raw, list):
        raise LineError("periods", "periods harus berupa daftar")
    result: list[Observation] = []
    seen: dict[Period, int] = {}
    for i, item in enumerate(raw):
        where = f"periods[{i}]"
        if not isinstance(item, Mapping):
            raise LineError(where, f"{where} harus berupa objek")
        unknown = sorted(set(item) - PERIOD_FIELDS)
        if unknown:
            raise LineError(f"{where}.{unknown[0]}", f"kolom tidak dikenal: {unknown[0]}")
        try:
            period = Period.parse(item.get("period"))  # type: ignore[arg-type]
        except ValueError as exc:
            raise LineError(f"{where}.period", str(exc)) from None
        if period in seen:
            raise LineError(f"{where}.period", f"periode ganda: {period.code}")
        seen[period] = i
        components = "numerator" in item or "denominator" in item
        if components and "value" in item:
            raise LineError(where, "isi value atau numerator/denominator, tidak keduanya")
        if components and not kind.is_rate:
            raise LineError(f"{where}.numerator", "indikator count memakai value")
        numbers = {
            name: _number(item.get(name), f"{where}.{name}", optional=True)
            for name in ("numerator", "denominator", "value")
        }
        for name in ("numerator", "denominator"):
            if numbers[name] is not None and numbers[name] < 0:  # type: ignore[operator]
                raise LineError(f"{where}.{name}", f"{name} tidak boleh negatif")
        count = numbers["value"]
        if kind is Kind.COUNT and count is not None and count < 0:
            raise LineError(f"{where}.value", "jumlah tidak boleh negatif")
        result.append(Observation(period, **numbers))
    _check_consistency(result)
    return result


def _check_consistency(observations: list[Observation]) -> None:
    granularities = sorted({o.period.granularity.value for o in observations})
    if len(granularities) > 1:
        raise LineError(
            "periods",
            f"granularitas periode campuran ({', '.join(granularities)}): bulanan, triwulanan "
            "dan tahunan tidak boleh digabung dalam satu indikator",
        )
    years = sorted({o.period.year for o in observations})
    if len(years) > 1:
        raise LineError("periods", f"periode dari lebih dari satu tahun: {years}")
    forms = {o.value is None for o in observations if o.has_data}
    if len(forms) > 1:
        raise LineError("periods", "semua periode harus memakai bentuk yang sama (value/komponen)")


def _thresholds(raw: Any) -> StatusThresholds:
    if raw is None:
        return StatusThresholds()
    if not isinstance(raw, Mapping) or not set(raw) <= {"on_track", "at_risk"}:
        raise LineError("status_thresholds", 'gunakan {"on_track": 90, "at_risk": 75}')
    defaults = StatusThresholds()
    on_track = _number(raw.get("on_track", defaults.on_track), "status_thresholds.on_track")
    at_risk = _number(raw.get("at_risk", defaults.at_risk), "status_thresholds.at_risk")
    if at_risk > on_track:  # type: ignore[operator]
        raise LineError("status_thresholds", "at_risk tidak boleh melebihi on_track")
    return StatusThresholds(on_track, at_risk)  # type: ignore[arg-type]


def _quarterly(
    raw: Any, kind: Kind, aggregation: Aggregation, target: Decimal | Range | None
) -> tuple[Decimal, ...] | None:
    if raw is None:
        return None
    if isinstance(target, Range):
        raise LineError("quarterly_targets", "quarterly_targets tidak untuk target rentang")
    if not isinstance(raw, list) or len(raw) != 4:
        raise LineError("quarterly_targets", "quarterly_targets harus daftar empat angka")
    values = tuple(_number(x, f"quarterly_targets[{i}]") for i, x in enumerate(raw))
    if any(v < 0 for v in values):  # type: ignore[operator]
        raise LineError("quarterly_targets", "quarterly_targets tidak boleh negatif")
    return values  # type: ignore[return-value]


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A repeated key would silently keep the last value: refuse it instead."""
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise LineError(key, f"kolom ganda: {key}")
        data[key] = value
    return data


def score_line(text: str, scales: ScaleRegistry) -> dict[str, Any]:
    """One input line scored, or ``LineError`` naming the field."""
    try:
        data = json.loads(
            text,
            parse_float=Decimal,
            parse_constant=_reject_constant,
            object_pairs_hook=_unique_keys,
        )
    except (ValueError, RecursionError) as exc:
        raise LineError(None, f"JSON tidak valid: {exc}") from None
    if not isinstance(data, dict):
        raise LineError(None, "setiap baris harus berupa objek JSON")
    unknown = sorted(set(data) - FIELDS)
    if unknown:
        raise LineError(unknown[0], f"kolom tidak dikenal: {unknown[0]}")
    ident = data.get("id")
    if isinstance(ident, bool) or not isinstance(ident, str | int | None):
        raise LineError("id", "id harus teks atau bilangan bulat")
    kind = _choice(data, "kind", Kind)
    aggregation = _choice(data, "aggregation", Aggregation)
    polarity = _choice(data, "polarity", Polarity)
    target = _target(data, polarity)
    cap = _number(data.get("cap"), "cap", optional=True)
    if cap is not None and cap <= 0:
        raise LineError("cap", "cap harus positif")
    scale_id = data.get("scale")
    try:
        scale = scales.get(scale_id)
    except (KeyError, TypeError):
        raise LineError("scale", f"skala tidak dikenal: {scale_id!r}; ada {scales.ids()}") from None
    if "periods" not in data:
        raise LineError("periods", "periods wajib ada")
    observations = _observations(data["periods"], kind)
    as_of = None
    if data.get("as_of") is not None:
        try:
            as_of = Period.parse(data["as_of"])
        except ValueError as exc:
            raise LineError("as_of", str(exc)) from None
        if any(o.period.year != as_of.year for o in observations):
            raise LineError("as_of", "as_of harus pada tahun yang sama dengan periods")
    indicator = Indicator(
        kind,
        aggregation,
        polarity,
        target,
        cap,
        _choice(data, "lower_formula", LowerFormula, LowerFormula.DIFFERENCE),
        _choice(data, "zero_target", ZeroTarget, ZeroTarget.EQUAL_IS_100),
        _quarterly(data.get("quarterly_targets"), kind, aggregation, target),
        _flag(data, "bounded", True),
        _flag(data, "allow_partial", False),
    )
    thresholds = _thresholds(data.get("status_thresholds"))
    result = score(indicator, observations, as_of=as_of, scale=scale, thresholds=thresholds)
    out = result.to_dict()
    if "id" in data:
        out = {"id": data["id"], **out}
    return out


def run_batch(lines: Iterable[str], out: TextIO, scales: ScaleRegistry | None = None) -> int:
    """Score every JSON line of ``lines`` into ``out``; returns the number of error lines.

    Blank lines are skipped (no output); every other line gives exactly one output line, in
    order. Line numbers count from 1 and include blank lines.
    """
    registry = scales or default_registry()
    errors = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            result: dict[str, Any] = score_line(line, registry)
        except LineError as exc:
            errors += 1
            result = {"error": exc.message, "line": number, "field": exc.field}
        except Exception as exc:
            errors += 1
            result = {
                "error": f"galat internal: {type(exc).__name__}",
                "line": number,
                "field": None,
            }
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return errors
