"""The audit trail in words (#12.6), for the inspektorat (every agency), and an agency's
administrator, pimpinan, perencana and head (their agency): ``for_user(user, "audit.view")``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.accounts.permissions import for_user, require
from kinerja.audit.models import Action, AuditEntry
from kinerja.audit.readable import readable


@login_required
def trail(request: HttpRequest) -> HttpResponse:
    require(request.user, "audit.view", None, "Jejak audit hanya untuk peran yang berwenang.")
    qs = for_user(request.user, "audit.view", AuditEntry.objects.all()).select_related(
        "actor__employee", "agency"
    )
    action = request.GET.get("tindakan", "")
    if action in Action.values:
        qs = qs.filter(action=action)
    page = Paginator(qs, 100).get_page(request.GET.get("hal"))
    context = {
        "page": page,
        "rows": list(zip(page.object_list, readable(page.object_list), strict=True)),
        "actions": Action.choices,
        "action": action,
    }
    return render(request, "audit/trail.html", context)
