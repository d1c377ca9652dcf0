"""Account, employee and assignment writes; assignments are audited because they decide who may
enter, verify and sign."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from kinerja.accounts.models import Assignment, Employee, User
from kinerja.audit.services import audit_record, snapshot
from kinerja.catalog.models import Agency, Position

ASSIGNMENT_AUDITED = ["employee", "position", "kind", "starts_on", "ends_on", "reference"]


@transaction.atomic
def demo_admin_ensure(*, username: str = "admin", password: str | None = None) -> tuple[User, str]:
    """Create the demo administrator once; a second call keeps the existing password.

    Returns the user and the password to print (kept by the caller under ``var/``, because the
    database only stores its hash)."""
    user = User.objects.filter(username=username).first()
    if user is None:
        password = password or secrets.token_urlsafe(9)
        user = User.objects.create_superuser(
            username=username, password=password, first_name="Administrator", email=""
        )
    return user, password or ""


@transaction.atomic
def employee_save(
    *,
    actor: Any,
    agency: Agency,
    nip: str,
    name: str,
    front_title: str = "",
    back_title: str = "",
    grade: str = "",
) -> Employee:
    """Create or update an employee by NIP; the NIP must be a valid 18-digit NIP."""
    employee = Employee.objects.filter(nip=nip).first() or Employee(nip=nip)
    before = (
        snapshot(employee, ["name", "front_title", "back_title", "grade"]) if employee.pk else None
    )
    employee.agency = agency
    employee.name, employee.front_title, employee.back_title = name, front_title, back_title
    employee.grade = grade
    employee.full_clean()
    employee.save()
    after = snapshot(employee, ["name", "front_title", "back_title", "grade"])
    if before != after:
        audit_record(actor=actor, action="pegawai.simpan", obj=employee, before=before, after=after)
    return employee


def _overlapping(position: Position, starts_on: date, ends_on: date | None, exclude: int | None):
    qs = Assignment.objects.filter(position=position, kind=Assignment.Kind.DEFINITIF)
    if exclude:
        qs = qs.exclude(pk=exclude)
    qs = qs.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
    if ends_on is not None:
        qs = qs.filter(starts_on__lte=ends_on)
    return qs


def assignment_check(
    *, employee: Employee, position: Position, kind: str, starts_on: date, ends_on: date | None
) -> None:
    """The rules an assignment must meet, shared by the service and the admin form."""
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": "tanggal selesai sebelum tanggal mulai"})
    if employee.agency_id != position.decree.agency_id:
        raise ValidationError({"employee": "pegawai bukan pegawai perangkat daerah jabatan ini"})
    if kind == Assignment.Kind.DEFINITIF:
        clash = _overlapping(position, starts_on, ends_on, None).select_related("employee").first()
        if clash:
            raise ValidationError(
                {
                    "position": f"{position.name} sudah dijabat definitif oleh {clash.employee} "
                    f"sejak {clash.starts_on:%d-%m-%Y}; akhiri penugasan itu lebih dulu"
                }
            )


@transaction.atomic
def assignment_create(
    *,
    actor: Any,
    employee: Employee,
    position: Position,
    starts_on: date,
    kind: str = Assignment.Kind.DEFINITIF,
    ends_on: date | None = None,
    reference: str = "",
    reason: str = "",
) -> Assignment:
    """Put an employee in a position. One definitive holder at a time; acting holders (Plt.,
    Plh.) may overlap a definitive one who is away."""
    assignment_check(
        employee=employee, position=position, kind=kind, starts_on=starts_on, ends_on=ends_on
    )
    assignment = Assignment.objects.create(
        employee=employee,
        position=position,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        reference=reference,
    )
    audit_record(
        actor=actor,
        action="penugasan.buat",
        obj=assignment,
        before=None,
        after=snapshot(assignment, ASSIGNMENT_AUDITED),
        reason=reason,
    )
    return assignment


@transaction.atomic
def assignment_end(
    *, actor: Any, assignment: Assignment, ends_on: date, reason: str = ""
) -> Assignment:
    """End an assignment; the row stays as history."""
    if ends_on < assignment.starts_on:
        raise ValidationError({"ends_on": "tanggal selesai sebelum tanggal mulai"})
    before = snapshot(assignment, ASSIGNMENT_AUDITED)
    assignment.ends_on = ends_on
    assignment.save(update_fields=["ends_on"])
    audit_record(
        actor=actor,
        action="penugasan.akhiri",
        obj=assignment,
        before=before,
        after=snapshot(assignment, ASSIGNMENT_AUDITED),
        reason=reason,
    )
    return assignment
