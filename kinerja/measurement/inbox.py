"""The verifier's inbox (#12.7): each item shows its value, target, evidence and history before
the verify and return buttons; filters by period, position and status; bulk verification only of
items whose evidence is not required or is attached. Decisions come from
``kinerja.accounts.permissions``; writes from ``kinerja.measurement.services``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from kinerja.accounts.access import access_for
from kinerja.accounts.permissions import allowed_actions, require
from kinerja.catalog.models import Position
from kinerja.core.errors import error_text
from kinerja.dashboard.inbox_filters import inbox_filter
from kinerja.measurement import services
from kinerja.measurement.evidence_rules import evidence_missing, evidence_required
from kinerja.measurement.models import Realization, Status, Transition
from kinerja.planning.models import Target

LIMIT = 200
STATUSES = [
    (Status.SUBMITTED, "Menunggu verifikasi"),
    (Status.RETURNED, "Dikembalikan"),
    (Status.VERIFIED, "Terverifikasi"),
]


def _scope(user) -> list[int]:
    access = access_for(user)
    return [pid for pid in access.below if access.can_verify(pid)]


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    require(request.user, "inbox.view", None, "Anda tidak memiliki bawahan untuk diverifikasi.")
    if request.method == "POST":
        return _bulk_verify(request)
    scope = _scope(request.user)
    status = request.GET.get("status", Status.SUBMITTED)
    status = status if status in dict(STATUSES) else Status.SUBMITTED
    qs = (
        Realization.objects.filter(position_id__in=scope, status=status)
        .select_related("indicator__goal__position__decree", "position", "entered_by__employee")
        .prefetch_related(
            "evidence",
            "indicator__sources",
            Prefetch("transitions", Transition.objects.select_related("actor__employee")),
        )
        .order_by("updated_at", "pk")
    )
    position = request.GET.get("jabatan", "")
    if position.isdigit() and int(position) in scope:
        qs = qs.filter(position_id=int(position))
    year = request.GET.get("tahun", "")
    if year.isdigit():
        qs = qs.filter(year=int(year))
    period = request.GET.get("periode", "")
    if period.isdigit():
        qs = qs.filter(period=int(period))
    qs, filters = inbox_filter(qs, request.GET, scope)  # unit, evidence, words (dashboard app)
    rows = list(qs[:LIMIT])
    targets = _targets(rows)
    required: dict[int, bool] = {}
    items = []
    for r in rows:
        if r.indicator_id not in required:
            required[r.indicator_id] = evidence_required(r.indicator)
        r.indicator._evidence_required = required[r.indicator_id]
        actions = allowed_actions(request.user, r)
        items.append(
            {
                "r": r,
                "target": targets.get((r.indicator_id, r.year)),
                "evidence": list(r.evidence.all()),
                "required": evidence_required(r.indicator),
                "missing": evidence_missing(r),
                "last": (list(r.transitions.all()) or [None])[-1],
                "actions": actions,
                "bulk": "realization.verify" in actions,
            }
        )
    context = {
        "items": items,
        "statuses": STATUSES,
        "status": status,
        "positions": Position.objects.filter(pk__in=scope).order_by("order"),
        "position": position,
        "year": year,
        "period": period,
        "any_bulk": any(i["bulk"] for i in items),
        "filters": filters,
    }
    return render(request, "measurement/inbox.html", context)


def _targets(rows: list[Realization]) -> dict[tuple[int, int], Target]:
    """The year's Renja target, else Renstra, for every row in one query."""
    found: dict[tuple[int, int], Target] = {}
    for t in Target.objects.filter(
        indicator_id__in={r.indicator_id for r in rows},
        year__in={r.year for r in rows},
        quarter=0,
    ).order_by("plan"):  # "renja" < "renstra": Renja wins
        found.setdefault((t.indicator_id, t.year), t)
    return found


def _bulk_verify(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("pilih") if i.isdigit()][:LIMIT]
    done, refused = 0, []
    for realization in Realization.objects.filter(pk__in=ids).select_related("indicator"):
        try:
            services.realization_transition(
                actor=request.user, realization=realization, to_status=Status.VERIFIED
            )
            done += 1
        except (PermissionDenied, ValidationError, services.RealizationConflict) as exc:
            text = error_text(exc) if isinstance(exc, ValidationError) else str(exc)
            refused.append(f"{realization}: {text}")
    if done:
        messages.success(request, f"{done} data diverifikasi.")
    for line in refused[:10]:
        messages.error(request, line)
    if not ids:
        messages.error(request, "Pilih data yang akan diverifikasi.")
    return redirect("measurement:inbox")
