"""Audit writes. Called from inside the other apps' services (in their transaction), so changes
made from pages, the API, commands or the shell are all recorded."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from kinerja.audit.models import AuditEntry


def _json(value: Any) -> Any:
    if isinstance(value, Decimal):
        # Normalized: a value read back from a 4-decimal column ("85.5000") and the same value as
        # typed ("85,5" -> 85.5) must compare equal, or an unchanged save is audited as a change.
        return format(value.normalize(), "f")
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model | None, fields: list[str]) -> dict[str, Any] | None:
    """The audited fields of a row as JSON-ready values (FKs as ids)."""
    if obj is None:
        return None
    out = {}
    for name in fields:
        field = obj._meta.get_field(name)
        out[name] = _json(getattr(obj, field.attname))
    return out


# How to reach the agency from each audited kind of row (one query, no chain of lazy loads).
AGENCY_PATHS = {
    "measurement.realization": "position__decree__agency_id",
    "measurement.evidence": "realization__position__decree__agency_id",
    "planning.target": "indicator__goal__position__decree__agency_id",
    "planning.agreement": "position__decree__agency_id",
    "accounts.assignment": "position__decree__agency_id",
    "accounts.user": "employee__agency_id",
    "catalog.position": "decree__agency_id",
    "catalog.indicator": "goal__position__decree__agency_id",
    "catalog.decree": "agency_id",
}


def agency_id_of(obj: Any) -> int | None:
    """The agency a row belongs to."""
    label = obj._meta.label_lower
    if label == "catalog.agency":
        return obj.pk
    direct = getattr(obj, "agency_id", None)
    if isinstance(direct, int):
        return direct
    path = AGENCY_PATHS.get(label)
    if path is None or obj.pk is None:
        return None
    current, *steps, last = [obj, *path.split("__")]
    for step in steps:  # the related rows already loaded: no query
        if step not in current._state.fields_cache:
            break
        current = current._state.fields_cache[step]
        if current is None:
            return None
    else:
        return getattr(current, last)
    return type(obj)._base_manager.filter(pk=obj.pk).values_list(path, flat=True).first()


def actor_name(user: Any) -> str:
    """A person's name as the history shows it (the employee's name, else the username)."""
    employee = getattr(user, "employee", None)
    if employee is not None:
        return employee.full_name
    return user.get_full_name() or user.get_username()


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    reason: str = "",
    agency: Any = None,
) -> AuditEntry:
    user = actor if getattr(actor, "pk", None) else None
    if user is None:
        from kinerja.core.actor import system_actor

        user = system_actor()
        label = f"Sistem ({actor})" if actor else "Sistem"
    else:
        label = actor_name(user)
    agency_id = getattr(agency, "pk", agency) if agency is not None else agency_id_of(obj)
    return AuditEntry.objects.create(
        actor=user,
        actor_label=label[:150],
        agency_id=agency_id,
        action=action,
        model=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        before=before,
        after=after,
        reason=reason,
    )


def history_for(obj: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(model=obj._meta.label_lower, object_id=str(obj.pk))


def audit_change(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None,
    fields: list[str],
    reason: str = "",
    agency: Any = None,
) -> AuditEntry | None:
    """Record ``obj``'s audited ``fields`` against the ``before`` snapshot, only if they changed
    (a save that changes nothing leaves no entry)."""
    after = snapshot(obj, fields)
    if before == after:
        return None
    return audit_record(
        actor=actor,
        action=action,
        obj=obj,
        before=before,
        after=after,
        reason=reason,
        agency=agency,
    )
