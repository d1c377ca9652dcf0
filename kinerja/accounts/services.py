"""Account, employee and assignment writes; assignments are audited because they decide who may
enter, verify and sign."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from kinerja.accounts.models import AgencyRole, Assignment, Employee, Role, User
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
    _require_manager(actor, position.decree.agency)
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
    _require_manager(actor, assignment.position.decree.agency)
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


# --- roles and users (issue #12): the agency administrator's work, audited --------------------


def _require_manager(actor: Any, agency: Agency) -> None:
    from kinerja.accounts.permissions import require

    if actor is None or not getattr(actor, "pk", None) or getattr(actor, "is_superuser", False):
        return  # a command, the demo loader or the Django admin: whoever runs the site
    require(actor, "user.manage", agency, "Hanya administrator perangkat daerah ini.")


@transaction.atomic
def role_grant(
    *, actor: Any, user: User, agency: Agency, role: str, reason: str = ""
) -> AgencyRole:
    """Give ``user`` a role for ``agency`` (once; granting an active role again changes nothing)."""
    _require_manager(actor, agency)
    if role not in Role.values:
        raise ValidationError({"role": f"peran '{role}' tidak dikenal"})
    existing = AgencyRole.objects.active().filter(user=user, agency=agency, role=role).first()
    if existing:
        return existing
    granted = AgencyRole.objects.create(user=user, agency=agency, role=role)
    audit_record(
        actor=actor,
        action="peran.beri",
        obj=user,
        before=None,
        after={"role": role, "username": user.get_username()},
        reason=reason,
        agency=agency,
    )
    return granted


@transaction.atomic
def role_end(*, actor: Any, grant: AgencyRole, reason: str = "") -> AgencyRole:
    from django.utils import timezone

    _require_manager(actor, grant.agency)
    if grant.ended_at is None:
        grant.ended_at = timezone.now()
        grant.save(update_fields=["ended_at"])
        audit_record(
            actor=actor,
            action="peran.akhiri",
            obj=grant.user,
            before={"role": grant.role},
            after=None,
            reason=reason,
            agency=grant.agency,
        )
    return grant


USER_AUDITED = ["username", "first_name", "employee", "is_active", "is_staff"]


@transaction.atomic
def user_create(
    *,
    actor: Any,
    agency: Agency,
    username: str,
    password: str,
    employee: Employee | None = None,
    first_name: str = "",
) -> User:
    _require_manager(actor, agency)
    username = username.strip()
    if not username or User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": f"nama pengguna '{username}' sudah dipakai atau kosong"})
    if employee is not None:
        _check_employee(employee, agency, None)
    user = User(username=username, first_name=first_name or (employee.name if employee else ""))
    user.employee = employee
    from django.contrib.auth.password_validation import validate_password

    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
    user.save()
    audit_record(
        actor=actor,
        action="pengguna.buat",
        obj=user,
        before=None,
        after=snapshot(user, USER_AUDITED),
        agency=agency,
    )
    return user


def _check_employee(employee: Employee, agency: Agency, user: User | None) -> None:
    if employee.agency_id != agency.pk:
        raise ValidationError({"employee": "pegawai bukan pegawai perangkat daerah ini"})
    taken = User.objects.filter(employee=employee).exclude(pk=getattr(user, "pk", None)).first()
    if taken:
        raise ValidationError({"employee": f"pegawai ini sudah terhubung ke akun {taken}"})


@transaction.atomic
def user_update(
    *,
    actor: Any,
    agency: Agency,
    user: User,
    employee: Employee | None = None,
    first_name: str | None = None,
    is_active: bool | None = None,
    is_staff: bool | None = None,
    reason: str = "",
) -> User:
    """Link an employee, rename, (de)activate; ``is_staff`` (the Django admin) only by a
    superuser. Audited."""
    _require_manager(actor, agency)
    before = snapshot(user, USER_AUDITED)
    if employee is not None:
        _check_employee(employee, agency, user)
        user.employee = employee
    if first_name is not None:
        user.first_name = first_name
    if is_active is not None:
        if getattr(actor, "pk", None) == user.pk and not is_active:
            raise ValidationError({"is_active": "Anda tidak dapat menonaktifkan akun sendiri"})
        user.is_active = is_active
    if is_staff is not None and is_staff != user.is_staff:
        if not getattr(actor, "is_superuser", False):
            raise ValidationError({"is_staff": "hanya pengelola situs yang memberi akses admin"})
        user.is_staff = is_staff
    after = snapshot(user, USER_AUDITED)
    if before != after:
        user.save()
        action = (
            "pengguna.nonaktif"
            if before["is_active"] and not after["is_active"]
            else ("pengguna.ubah")
        )
        audit_record(
            actor=actor,
            action=action,
            obj=user,
            before=before,
            after=after,
            reason=reason,
            agency=agency,
        )
    return user


@transaction.atomic
def user_password_reset(*, actor: Any, agency: Agency, user: User) -> str:
    """A new random password, shown once to the administrator; only the fact is audited."""
    _require_manager(actor, agency)
    password = secrets.token_urlsafe(9)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(
        actor=actor,
        action="pengguna.sandi",
        obj=user,
        before=None,
        after={"username": user.get_username()},
        agency=agency,
    )
    return password


# --- agency settings of the PK and of verification (#12.4, #12.7), audited ---------------------


@transaction.atomic
def agency_setting_update(
    *,
    actor: Any,
    agency: Agency,
    reason: str = "",
    pk_scope: str | None = None,
    evidence_rule: str | None = None,
    evidence_required_indicators: list | None = None,
):
    """Who signs a PK (structural positions or all), when evidence is required (document
    sources, all, none) and which indicators always need it."""
    from kinerja.accounts.models import AgencySetting
    from kinerja.accounts.permissions import require

    if getattr(actor, "pk", None) and not getattr(actor, "is_superuser", False):
        require(actor, "catalog.settings", agency, "Hanya administrator perangkat daerah.")
    setting, _ = AgencySetting.objects.select_for_update().get_or_create(agency=agency)
    fields = ["pk_scope", "evidence_rule"]
    before = snapshot(setting, fields)
    before["indicators"] = sorted(setting.evidence_required_indicators.values_list("pk", flat=True))
    if pk_scope is not None:
        if pk_scope not in AgencySetting.PkScope.values:
            raise ValidationError({"pk_scope": f"pilihan tidak dikenal: {pk_scope!r}"})
        setting.pk_scope = pk_scope
    if evidence_rule is not None:
        if evidence_rule not in AgencySetting.EvidenceRule.values:
            raise ValidationError({"evidence_rule": f"pilihan tidak dikenal: {evidence_rule!r}"})
        setting.evidence_rule = evidence_rule
    setting.save()
    if evidence_required_indicators is not None:
        wrong = [
            i for i in evidence_required_indicators if i.goal.position.decree.agency_id != agency.pk
        ]
        if wrong:
            raise ValidationError({"evidence_rule": "indikator bukan milik perangkat daerah ini"})
        setting.evidence_required_indicators.set(evidence_required_indicators)
    after = snapshot(setting, fields)
    after["indicators"] = sorted(setting.evidence_required_indicators.values_list("pk", flat=True))
    if before != after:
        audit_record(
            actor=actor,
            action="perangkat.pengaturan",
            obj=agency,
            before=before,
            after=after,
            reason=reason,
            agency=agency,
        )
    return setting


@transaction.atomic
def regional_head_save(
    *,
    actor: Any,
    agency: Agency,
    name: str,
    status: str,
    starts_on: date,
    ends_on: date | None = None,
):
    """The Bupati (Pj./Plt. Bupati) who signs the head's PK, with the dates he holds office."""
    from kinerja.accounts.models import RegionalHead
    from kinerja.accounts.permissions import require

    if getattr(actor, "pk", None) and not getattr(actor, "is_superuser", False):
        require(actor, "catalog.settings", agency, "Hanya administrator perangkat daerah.")
    if status not in RegionalHead.Status.values:
        raise ValidationError({"status": f"status tidak dikenal: {status!r}"})
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": "tanggal selesai sebelum tanggal mulai"})
    head = RegionalHead.objects.create(
        agency=agency, name=name.strip(), status=status, starts_on=starts_on, ends_on=ends_on
    )
    audit_record(
        actor=actor,
        action="kepala_daerah.simpan",
        obj=head,
        before=None,
        after=snapshot(head, ["name", "status", "starts_on", "ends_on"]),
        agency=agency,
    )
    return head
