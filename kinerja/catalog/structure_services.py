"""The organisation settings that decide who verifies and who signs a PK: a position's supervisor
and the head mark. Written only here (the admin shows them read-only), audited (#12.5)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.accounts.permissions import can
from kinerja.audit.services import audit_record, snapshot
from kinerja.catalog.models import Position

STRUCTURE = ["supervisor", "is_head"]


@transaction.atomic
def position_structure_update(
    *,
    actor: Any,
    position: Position,
    reason: str,
    supervisor: Position | str | None = "unchanged",
    is_head: bool | None = None,
) -> Position:
    position = Position.objects.select_for_update().select_related("decree").get(pk=position.pk)
    if getattr(actor, "pk", None) and not can(actor, "catalog.settings", position.decree.agency):
        raise PermissionDenied("Hanya administrator perangkat daerah yang mengubah struktur.")
    if not reason.strip():
        raise ValidationError({"reason": "alasan perubahan struktur wajib diisi"})
    before = snapshot(position, STRUCTURE)
    if supervisor != "unchanged":
        if supervisor is not None:
            if supervisor.decree_id != position.decree_id or supervisor.pk == position.pk:
                raise ValidationError(
                    {"supervisor": "atasan harus jabatan lain dalam keputusan ini"}
                )
            above = supervisor
            while above is not None:  # no cycles in the tree
                if above.pk == position.pk:
                    raise ValidationError({"supervisor": "atasan ini berada di bawah jabatan ini"})
                above = above.supervisor
        position.supervisor = supervisor
    if is_head is not None:
        if (
            is_head
            and Position.objects.filter(decree=position.decree, is_head=True)
            .exclude(pk=position.pk)
            .exists()
        ):
            raise ValidationError({"is_head": "keputusan ini sudah memiliki jabatan kepala"})
        position.is_head = is_head
    after = snapshot(position, STRUCTURE)
    if before != after:
        position.save(update_fields=STRUCTURE)
        audit_record(
            actor=actor,
            action="jabatan.pengaturan",
            obj=position,
            before=before,
            after=after,
            reason=reason.strip(),
        )
    return position
