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


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    reason: str = "",
) -> AuditEntry:
    user = actor if getattr(actor, "pk", None) else None
    label = user.get_username() if user else (str(actor) if actor else "sistem")
    return AuditEntry.objects.create(
        actor=user,
        actor_label=label[:150],
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
