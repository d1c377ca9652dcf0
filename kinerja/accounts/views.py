"""User management for the agency administrator (#12.3), in Indonesian: create a user, link an
employee, give and end roles, assign and end positions (definitif, Plt., Plh.), reset a password,
deactivate. Every write goes through kinerja.accounts.services (audited); every page through
``can(user, "user.manage", agency)``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kinerja.accounts import services
from kinerja.accounts.access import access_for
from kinerja.accounts.models import AgencyRole, Assignment, Employee, Role, User
from kinerja.accounts.permissions import require
from kinerja.catalog.models import Agency, Position
from kinerja.core.errors import error_text
from kinerja.core.inputs import parse_date, parse_id

LABELS = {
    "username": "Nama pengguna",
    "password": "Kata sandi",
    "employee": "Pegawai",
    "position": "Jabatan",
    "ends_on": "Tanggal selesai",
    "starts_on": "Tanggal mulai",
    "role": "Peran",
    "is_active": "Aktif",
}


def _agencies(user) -> list[Agency]:
    return list(Agency.objects.filter(pk__in=access_for(user).role_agencies(Role.ADMINISTRATOR)))


def _agency(request: HttpRequest) -> Agency:
    agencies = _agencies(request.user)
    if not agencies:
        raise PermissionDenied("Halaman ini untuk administrator perangkat daerah.")
    raw = request.GET.get("pd") or request.POST.get("pd") or ""
    chosen = next((a for a in agencies if str(a.pk) == raw), agencies[0])
    require(request.user, "user.manage", chosen)
    return chosen


def _fail(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, error_text(exc, LABELS))


@login_required
def users(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    people = (
        (
            User.objects.filter(employee__agency=agency)
            | User.objects.filter(agency_roles__agency=agency, agency_roles__ended_at__isnull=True)
        )
        .distinct()
        .select_related("employee")
        .order_by("username")
    )
    roles: dict[int, list[AgencyRole]] = {}
    for grant in AgencyRole.objects.active().filter(agency=agency):
        roles.setdefault(grant.user_id, []).append(grant)
    context = {
        "agency": agency,
        "agencies": _agencies(request.user),
        "rows": [(u, roles.get(u.pk, [])) for u in people],
        "employees": Employee.objects.filter(agency=agency, user__isnull=True).order_by("name"),
        "roles": Role.choices,
    }
    return render(request, "accounts/users.html", context)


@login_required
@require_POST
def user_create(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    raw = request.POST.get("employee", "")
    employee = (
        Employee.objects.filter(pk=int(raw), agency=agency).first()
        if raw.isascii() and raw.isdigit() and len(raw) <= 18  # "²".isdigit() is True
        else None
    )
    try:
        user = services.user_create(
            actor=request.user,
            agency=agency,
            username=request.POST.get("username", ""),
            password=request.POST.get("password", ""),
            employee=employee,
        )
    except ValidationError as exc:
        _fail(request, exc)
        return redirect(f"{_url('accounts:users')}?pd={agency.pk}")
    messages.success(request, f"Pengguna {user.username} dibuat.")
    return redirect("accounts:user", user.pk)


def _url(name: str, *args) -> str:
    from django.urls import reverse

    return reverse(name, args=args)


def _managed(request: HttpRequest, pk: int) -> tuple[User, Agency]:
    user = get_object_or_404(User.objects.select_related("employee"), pk=pk)
    agencies = {a.pk: a for a in _agencies(request.user)}
    agency_id = user.employee.agency_id if user.employee else None
    if agency_id is None:
        agency_id = next(
            (g.agency_id for g in user.agency_roles.active() if g.agency_id in agencies), None
        )
    if agency_id is None:  # a new account with no employee or role yet: where it was created
        from kinerja.audit.models import AuditEntry

        agency_id = (
            AuditEntry.objects.filter(
                model="accounts.user", object_id=str(user.pk), action="pengguna.buat"
            )
            .values_list("agency_id", flat=True)
            .first()
        )
    if agency_id not in agencies:
        raise PermissionDenied("Pengguna ini bukan dari perangkat daerah yang Anda kelola.")
    require(request.user, "user.manage", agencies[agency_id])
    return user, agencies[agency_id]


@login_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user, agency = _managed(request, pk)
    assignments = (
        Assignment.objects.filter(employee=user.employee).select_related("position")
        if user.employee
        else []
    )
    context = {
        "person": user,
        "agency": agency,
        "grants": AgencyRole.objects.filter(user=user, agency=agency).order_by("-granted_at"),
        "assignments": assignments,
        "positions": Position.objects.filter(decree__agency=agency).order_by("decree", "order"),
        "employees": Employee.objects.filter(agency=agency, user__isnull=True).order_by("name"),
        "roles": Role.choices,
        "kinds": Assignment.Kind.choices,
        "new_password": request.session.pop("kinerja_new_password", None),
    }
    return render(request, "accounts/user_detail.html", context)


@login_required
@require_POST
def user_action(request: HttpRequest, pk: int) -> HttpResponse:
    """One endpoint for the small forms of the user page: ``aksi`` says which."""
    user, agency = _managed(request, pk)
    action = request.POST.get("aksi", "")
    post = request.POST
    try:
        if action == "peran":
            services.role_grant(actor=request.user, user=user, agency=agency, role=post["role"])
            messages.success(request, "Peran diberikan.")
        elif action == "akhiri-peran":
            grant = get_object_or_404(
                AgencyRole, pk=parse_id(post.get("grant"), "grant"), user=user
            )
            services.role_end(actor=request.user, grant=grant, reason=post.get("reason", ""))
            messages.success(request, "Peran diakhiri.")
        elif action == "pegawai":
            employee = get_object_or_404(
                Employee, pk=parse_id(post.get("employee"), "employee"), agency=agency
            )
            services.user_update(actor=request.user, agency=agency, user=user, employee=employee)
            messages.success(request, "Pegawai dihubungkan.")
        elif action == "penugasan":
            if user.employee is None:
                raise ValidationError({"employee": "hubungkan akun ke pegawai lebih dulu"})
            position = get_object_or_404(
                Position, pk=parse_id(post.get("position"), "position"), decree__agency=agency
            )
            services.assignment_create(
                actor=request.user,
                employee=user.employee,
                position=position,
                kind=post.get("kind", Assignment.Kind.DEFINITIF),
                starts_on=parse_date(post.get("starts_on"), "starts_on"),
                ends_on=parse_date(post.get("ends_on"), "ends_on", required=False),
                reference=post.get("reference", "")[:120],
            )
            messages.success(request, "Penugasan dibuat.")
        elif action == "akhiri-penugasan":
            assignment = get_object_or_404(
                Assignment, pk=parse_id(post.get("assignment"), "assignment"), employee__user=user
            )
            services.assignment_end(
                actor=request.user,
                assignment=assignment,
                ends_on=parse_date(post.get("ends_on"), "ends_on"),
                reason=post.get("reason", ""),
            )
            messages.success(request, "Penugasan diakhiri.")
        elif action == "sandi":
            request.session["kinerja_new_password"] = services.user_password_reset(
                actor=request.user, agency=agency, user=user
            )
            messages.success(request, "Kata sandi baru dibuat; sampaikan kepada pemilik akun.")
        elif action in {"nonaktif", "aktif"}:
            services.user_update(
                actor=request.user, agency=agency, user=user, is_active=action == "aktif"
            )
            messages.success(request, "Status akun diubah.")
        else:
            messages.error(request, "Tindakan tidak dikenal.")
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("accounts:user", user.pk)
