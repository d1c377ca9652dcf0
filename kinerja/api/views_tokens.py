"""The agency administrator's page for API tokens (/akses-api/): list with last use, create (the
secret is shown once, in the answer to the form), revoke. Who may open it and act on it is
``can(user, "user.manage", agency)``; every write goes through kinerja.api.services (audited)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from kinerja.accounts.permissions import can
from kinerja.api import services
from kinerja.api.models import ApiToken
from kinerja.api.selectors import decree_in_force
from kinerja.catalog.models import Agency, Decree, Indicator
from kinerja.core.errors import error_text
from kinerja.core.inputs import parse_id

LABELS = {
    "name": "Nama",
    "kind": "Jenis",
    "user": "Pengguna",
    "role": "Peran",
    "indicators": "Indikator",
    "reason": "Alasan",
    "token": "Token",
}


def _managed(user) -> list[Agency]:
    return [a for a in Agency.objects.order_by("pk") if can(user, "user.manage", a)]


def _agency(request: HttpRequest) -> Agency:
    agencies = _managed(request.user)
    if not agencies:
        raise PermissionDenied("Halaman ini untuk administrator perangkat daerah.")
    raw = request.GET.get("pd") or request.POST.get("pd") or ""
    return next((a for a in agencies if str(a.pk) == raw), agencies[0])


def _indicator_choices(agency: Agency) -> list[Indicator]:
    """The indicators of the decree in force this year (else the agency's latest decree)."""
    decree = decree_in_force(agency, timezone.localdate().year) or (
        Decree.objects.filter(agency=agency).order_by("-period_end", "-pk").first()
    )
    if decree is None:
        return []
    return list(
        Indicator.objects.filter(goal__position__decree=decree)
        .select_related("goal__position")
        .order_by("goal__position__order", "goal__order", "order")
    )


def _page(request: HttpRequest, agency: Agency, **extra) -> HttpResponse:
    tokens = (
        ApiToken.objects.filter(agency=agency)
        .select_related("user", "created_by")
        .prefetch_related("indicators")
        .order_by("revoked_at", "-created_at")
    )
    context = {
        "agency": agency,
        "agencies": _managed(request.user),
        "tokens": tokens,
        "users": services.agency_users(agency),
        "roles": services.SYSTEM_ROLES.items(),
        "indicators": _indicator_choices(agency),
        "docs_url": reverse("api:docs"),
        **extra,
    }
    return render(request, "api/tokens.html", context)


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    if request.method != "POST":
        return _page(request, agency)
    action = request.POST.get("aksi", "")
    try:
        if action == "buat":
            user = None
            raw_user = request.POST.get("user", "")
            if raw_user:
                user = services.agency_users(agency).filter(pk=parse_id(raw_user, "user")).first()
            indicators = [parse_id(i, "indicators") for i in request.POST.getlist("indicators")]
            token, secret = services.token_create(
                actor=request.user,
                agency=agency,
                name=request.POST.get("name", ""),
                kind=request.POST.get("kind", ""),
                user=user,
                role=request.POST.get("role", ""),
                indicators=indicators,
            )
            # Shown in this answer only: the database keeps the digest.
            return _page(request, agency, created=token, secret=secret)
        if action == "cabut":
            token = get_object_or_404(
                ApiToken, pk=parse_id(request.POST.get("token"), "token"), agency=agency
            )
            services.token_revoke(
                actor=request.user, token=token, reason=request.POST.get("reason", "")
            )
            messages.success(request, f"Token “{token.name}” dicabut.")
            return redirect(f"{reverse('api:tokens')}?pd={agency.pk}")
    except ValidationError as exc:
        messages.error(request, error_text(exc, LABELS))
        return _page(request, agency)
    messages.error(request, "Tindakan tidak dikenal.")
    return _page(request, agency)
