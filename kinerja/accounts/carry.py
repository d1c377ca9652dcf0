"""Assignments across decrees: when a successor decree takes over on 1 January of its first year,
each holder of a jabatan it continues holds the new decree's position from that day; the old
assignment ends the day before and stays as history (the 2024 figures keep their holder)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction

from kinerja.accounts.models import Assignment
from kinerja.accounts.services import ASSIGNMENT_AUDITED, assignment_check
from kinerja.audit.services import audit_record, snapshot
from kinerja.catalog.models import Position
from kinerja.core.periods import format_date


@dataclass
class Carried:
    employee: str
    old: str
    new: str | None  # None: the jabatan is not in the new decree; the assignment only ends
    starts_on: date
    kind: str

    def message(self) -> str:
        if self.new is None:
            return (
                f"{self.employee}: penugasan sebagai {self.old} berakhir "
                f"{format_date(self.starts_on - timedelta(days=1))} (jabatan tidak ada lagi)"
            )
        return f"{self.employee}: {self.old} → {self.new} mulai {format_date(self.starts_on)}"


def carry_plan(
    pairs: list[tuple[Position, Position | None]], starts_on: date
) -> list[tuple[Assignment, Position | None, Carried]]:
    """What ``assignments_carry`` will do, for the review page before anything is applied."""
    plan = []
    old_ids = [old.pk for old, _ in pairs]
    new_of = {old.pk: new for old, new in pairs}
    open_ones = Assignment.objects.active_on(starts_on).filter(
        position_id__in=old_ids
    ).select_related("employee", "position") | Assignment.objects.filter(
        position_id__in=old_ids, starts_on__gt=starts_on
    ).select_related("employee", "position")
    for a in open_ones.order_by("position__order", "starts_on", "pk"):
        new = new_of[a.position_id]
        plan.append(
            (
                a,
                new,
                Carried(
                    str(a.employee),
                    a.position.name,
                    new.name if new else None,
                    max(a.starts_on, starts_on),
                    a.get_kind_display(),
                ),
            )
        )
    return plan


def _audit(actor: Any, action: str, a: Assignment, before: dict | None, reason: str) -> None:
    after = snapshot(a, ASSIGNMENT_AUDITED)
    audit_record(actor=actor, action=action, obj=a, before=before, after=after, reason=reason)


@transaction.atomic
def assignments_carry(
    *,
    actor: Any,
    pairs: list[tuple[Position, Position | None]],
    starts_on: date,
    reason: str,
) -> list[Carried]:
    """Move every assignment open on ``starts_on`` (or starting later) from each old position to
    its successor; end those whose jabatan has no successor. Audited per assignment."""
    done = []
    for a, new, carried in carry_plan(pairs, starts_on):
        before = snapshot(a, ASSIGNMENT_AUDITED)
        if new is not None and a.starts_on >= starts_on:
            assignment_check(
                employee=a.employee,
                position=new,
                kind=a.kind,
                starts_on=a.starts_on,
                ends_on=a.ends_on,
            )
            a.position = new
            a.save(update_fields=["position"])
            _audit(actor, "penugasan.lanjut", a, before, reason)
            done.append(carried)
            continue
        original_end = a.ends_on
        a.ends_on = starts_on - timedelta(days=1)
        a.save(update_fields=["ends_on"])
        _audit(actor, "penugasan.akhiri", a, before, reason)
        if new is not None:
            ends_on = original_end
            assignment_check(
                employee=a.employee, position=new, kind=a.kind, starts_on=starts_on, ends_on=ends_on
            )
            created = Assignment.objects.create(
                employee=a.employee,
                position=new,
                kind=a.kind,
                starts_on=starts_on,
                ends_on=ends_on,
                reference=a.reference,
            )
            _audit(actor, "penugasan.lanjut", created, None, reason)
        done.append(carried)
    return done
