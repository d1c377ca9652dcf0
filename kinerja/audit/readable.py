"""History in words (#12.6): names instead of usernames and NIPs, labels instead of codes,
Indonesian numbers and dates. Pages call ``readable(entries)``; the raw entry stays untouched."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from kinerja.core.numbers import format_number
from kinerja.core.periods import format_date

FIELD_LABELS = {
    "numerator": "Pembilang",
    "denominator": "Penyebut",
    "value": "Nilai",
    "value_max": "Batas atas",
    "note": "Catatan",
    "status": "Status",
    "revision": "Perubahan ke",
    "bukti": "Bukti",
    "sumber": "Sumber data",
    "sha256": "Sidik berkas",
    "employee": "Pegawai",
    "position": "Jabatan",
    "kind": "Jenis",
    "starts_on": "Mulai",
    "ends_on": "Selesai",
    "reference": "Nomor SK",
    "name": "Nama",
    "front_title": "Gelar depan",
    "back_title": "Gelar belakang",
    "grade": "Pangkat/golongan",
    "supervisor": "Atasan",
    "supervisor_name": "Atasan",
    "is_head": "Kepala perangkat daerah",
    "supervision_depth": "Kedalaman verifikasi",
    "polarity": "Polaritas",
    "frequency": "Periode pengukuran",
    "aggregation": "Agregasi",
    "measure_unit": "Satuan",
    "role": "Peran",
    "is_active": "Aktif",
    "username": "Nama pengguna",
    "deadline": "Batas pengisian",
    "closed": "Ditutup",
    "pk_scope": "Cakupan PK",
    "evidence_rule": "Bukti dukung",
    "year": "Tahun",
    "quarter": "Triwulan",
    "period": "Periode",
    "plan": "Dokumen",
    "register_figure": "Angka register",
    "can_exceed_100": "Boleh melebihi 100%",
    "measure_confirmed": "Satuan dikonfirmasi",
    "not_targeted_reason": "Alasan tidak ditargetkan",
    "lower_formula": "Rumus semakin rendah semakin baik",
    "zero_target": "Aturan target nol",
    "predicate_scale": "Skala predikat",
    "signed_on": "Tanggal tanda tangan",
    "signed_at": "Tempat tanda tangan",
}
SKIP = {"sha256"}
# Keys whose whole numbers are years or codes: printed as written ("2026"), never "2.026".
PLAIN_NUMBER_KEYS = {"year", "tahun", "period_start", "period_end", "quarter", "period", "revision"}


def _status_labels() -> dict[str, str]:
    from kinerja.measurement.models import Status
    from kinerja.planning.models import Agreement

    labels = {s.value: str(s.label) for s in Status}
    labels.update({s.value: str(s.label) for s in Agreement.Status})
    return labels


def _choice_labels() -> dict[str, dict[str, str]]:
    from kinerja.accounts.models import Assignment, Role
    from kinerja.catalog.models import Indicator

    return {
        "kind": {
            **{c.value: str(c.label) for c in Assignment.Kind},
            **{c.value: str(c.label) for c in Indicator.Kind},
        },
        "polarity": {c.value: str(c.label) for c in Indicator.Polarity},
        "frequency": {c.value: str(c.label) for c in Indicator.Frequency},
        "aggregation": {c.value: str(c.label) for c in Indicator.Aggregation},
        "role": {c.value: str(c.label).split(" (")[0] for c in Role},
    }


def _names(entries: list[Any]) -> dict[str, dict[int, str]]:
    """Ids of employees and positions mentioned anywhere, resolved in two queries."""
    from kinerja.accounts.models import Employee
    from kinerja.catalog.models import Position

    ids: dict[str, set[int]] = {"employee": set(), "position": set(), "supervisor": set()}
    for entry in entries:
        for side in (entry.before or {}, entry.after or {}):
            for key in ids:
                if isinstance(side.get(key), int):
                    ids[key].add(side[key])
    positions = dict(
        Position.objects.filter(pk__in=ids["position"] | ids["supervisor"]).values_list(
            "pk", "name"
        )
    )
    employees = {e.pk: e.full_name for e in Employee.objects.filter(pk__in=ids["employee"])}
    return {"employee": employees, "position": positions, "supervisor": positions}


def _number(text: str) -> str | None:
    try:
        value = Decimal(text)
    except (InvalidOperation, TypeError, ValueError):
        return None
    places = max(0, -value.normalize().as_tuple().exponent) if value % 1 else 0
    return format_number(value, min(places, 4))


def say(key: str, value: Any, names: dict, statuses: dict, choices: dict) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if key in names and isinstance(value, int):
        return names[key].get(value, f"#{value}")
    if key == "status":
        return statuses.get(value, str(value))
    if key in choices:
        return choices[key].get(value, str(value))
    if isinstance(value, int) and (key in PLAIN_NUMBER_KEYS or key.startswith(("tahun", "year"))):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return format_number(Decimal(str(value)), 0 if float(value).is_integer() else 2)
    if isinstance(value, str):
        if key in {"numerator", "denominator", "value", "value_max"}:
            number = _number(value)
            if number is not None:
                return number
        if len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                return format_date(date.fromisoformat(value))
            except ValueError:
                pass
    return str(value)


@dataclass
class Row:
    at: Any
    actor: str
    action: str
    changes: list[str]
    reason: str


def readable(entries) -> list[Row]:
    entries = list(entries)
    names = _names(entries)
    statuses, choices = _status_labels(), _choice_labels()
    rows = []
    for entry in entries:
        changes = []
        for key, before, after in entry.changed_fields():
            if key in SKIP:
                continue
            label = FIELD_LABELS.get(key, key.replace("_", " ").capitalize())
            b = say(key, before, names, statuses, choices)
            a = say(key, after, names, statuses, choices)
            changes.append(f"{label}: {a}" if before is None else f"{label}: {b} → {a}")
        actor = entry.actor_label
        if entry.actor is not None and getattr(entry.actor, "employee", None) is not None:
            actor = entry.actor.employee.full_name
        rows.append(Row(entry.at, actor, entry.action_label, changes, entry.reason))
    return rows
