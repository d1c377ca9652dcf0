"""The agency's name and logo: the administrator's page to set them and the logo itself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from kinerja.accounts.permissions import can
from kinerja.catalog.models import Agency
from kinerja.core.errors import flash_errors
from kinerja.core.numbers import format_bytes
from kinerja.web.branding import MAX_LOGO_BYTES, branding_of, branding_update
from kinerja.web.models import AgencyBranding

LABELS = {
    "title": "Nama pada kepala halaman",
    "subtitle": "Baris kedua",
    "logo": "Logo",
    "reason": "Alasan",
}


def _agencies(user) -> list[Agency]:
    return [a for a in Agency.objects.order_by("name") if can(user, "catalog.settings", a)]


@login_required
def branding_list(request: HttpRequest) -> HttpResponse:
    agencies = _agencies(request.user)
    if not agencies:
        raise PermissionDenied("Hanya administrator perangkat daerah.")
    if len(agencies) == 1:
        return redirect("web:branding", pk=agencies[0].pk)
    rows = [(a, branding_of(a)) for a in agencies]
    return render(request, "web/branding_list.html", {"rows": rows})


@login_required
def branding(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=pk)
    if not can(request.user, "catalog.settings", agency):
        raise PermissionDenied("Hanya administrator perangkat daerah ini.")
    if request.method == "POST":
        upload = request.FILES.get("logo")
        try:
            if upload is not None and upload.size > MAX_LOGO_BYTES:
                raise ValidationError(
                    {
                        "logo": f"berkas {format_bytes(upload.size)} melebihi batas "
                        f"{format_bytes(MAX_LOGO_BYTES)}"
                    }
                )
            branding_update(
                actor=request.user,
                agency=agency,
                title=request.POST.get("title", ""),
                subtitle=request.POST.get("subtitle", ""),
                logo=upload.read() if upload is not None else None,
                remove_logo=request.POST.get("remove_logo") == "1",
                reason=request.POST.get("reason", ""),
            )
        except ValidationError as exc:
            flash_errors(request, exc, LABELS)
        else:
            messages.success(request, "Tampilan perangkat daerah tersimpan.")
            return redirect("web:branding", pk=agency.pk)
    row = AgencyBranding.objects.filter(agency=agency).defer("logo").first()
    return render(
        request,
        "web/branding.html",
        {"agency": agency, "shown": branding_of(agency), "row": row, "max_bytes": MAX_LOGO_BYTES},
    )


@require_GET
def agency_logo(request: HttpRequest, pk: int, version: str) -> HttpResponse:
    """Public (the login page shows it). The URL carries the logo's fingerprint: a new logo gets
    a new URL, an old URL answers 404."""
    from kinerja.web.branding import logo_png

    found = logo_png(pk)
    if found is None or not found[1].startswith(version):
        raise Http404("Logo tidak ada.")
    return HttpResponse(found[0], content_type="image/png")
