"""Targets and Perjanjian Kinerja pages; state changes go through kinerja.planning.services."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kinerja.accounts.access import access_for, position_or_403
from kinerja.accounts.permissions import can
from kinerja.audit.models import AuditEntry
from kinerja.audit.services import history_for
from kinerja.catalog.models import Indicator
from kinerja.core.errors import flash_errors
from kinerja.core.inputs import clean_text, parse_id, parse_int, parse_reason, parse_year
from kinerja.planning import services
from kinerja.planning.models import Agreement, AgreementItem, Target

FIELD_LABELS = {
    "value": "Target",
    "value_max": "Batas atas",
    "year": "Tahun",
    "quarter": "Triwulan",
    "reason": "Alasan",
    "status": "Status",
    "signed_on": "Tanggal tanda tangan",
    "signed_at": "Tempat",
    "position": "Jabatan",
}


def _flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    flash_errors(request, exc, FIELD_LABELS)


@login_required
def targets(request: HttpRequest, pk: int) -> HttpResponse:
    """All years of the decree's period for one position: Renstra and Renja side by side."""
    position = position_or_403(request.user, pk)
    decree = position.decree
    years = list(range(decree.period_start, decree.period_end + 1))
    indicators = list(
        Indicator.objects.filter(goal__position=position)
        .select_related("goal")
        .order_by("goal__order", "order")
    )
    table: dict[tuple[int, int, str], Target] = {
        (t.indicator_id, t.year, t.plan): t
        for t in Target.objects.filter(indicator__in=indicators, quarter=0)
    }
    rows = [
        {
            "indicator": i,
            "years": [
                (y, table.get((i.pk, y, "renstra")), table.get((i.pk, y, "renja"))) for y in years
            ],
        }
        for i in indicators
    ]
    history = AuditEntry.objects.filter(
        model="planning.target",
        object_id__in=[
            str(pk)
            for pk in Target.objects.filter(indicator__in=indicators).values_list("pk", flat=True)
        ],
    )[:30]
    context = {
        "position": position,
        "years": years,
        "rows": rows,
        "history": history,
        "quarterly": Target.objects.filter(indicator__in=indicators)
        .exclude(quarter=0)
        .select_related("indicator")
        .order_by("year", "indicator__order", "quarter"),
        "can_plan": services.can_plan(request.user, position),
    }
    return render(request, "planning/targets.html", context)


@login_required
@require_POST
def target_save(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("goal__position"), pk=pk)
    position = indicator.goal.position
    if not services.can_plan(request.user, position):
        raise PermissionDenied
    try:
        year = parse_year(request.POST.get("year"), "tahun")
        services.target_set(
            actor=request.user,
            indicator=indicator,
            year=year,
            plan=clean_text(request.POST.get("plan", Target.Plan.RENJA), "plan", max_length=20),
            value=request.POST.get("value"),
            value_max=request.POST.get("value_max") or None,
            quarter=parse_int(request.POST.get("quarter", "0"), "quarter", maximum=4),
            reason=parse_reason(request.POST.get("reason"), "reason", required=False),
        )
    except ValidationError as exc:
        _flash_errors(request, exc)
    else:
        messages.success(request, f"Target {year} '{indicator.name}' tersimpan.")
    return redirect("planning:targets", position.pk)


@login_required
def agreements(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    visible = access.visible_ids()
    qs = Agreement.objects.select_related("position", "first_party", "second_party")
    if visible is not None:
        qs = qs.filter(position_id__in=visible)
    year = request.GET.get("tahun", "")
    if year.isascii() and year.isdigit() and len(year) == 4:
        qs = qs.filter(year=int(year))
    return render(request, "planning/agreement_list.html", {"agreements": qs[:500]})


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(
        Agreement.objects.select_related(
            "position__decree__agency", "position__supervisor", "first_party", "second_party"
        ),
        pk=pk,
    )
    access = access_for(request.user)
    if not access.can_view(agreement.position_id):
        raise PermissionDenied
    context = {
        "agreement": agreement,
        "items": agreement.items.all(),
        "transitions": agreement.transitions.select_related("actor__employee"),
        "history": history_for(agreement),
        "can_sign": agreement.status == Agreement.Status.DRAFT
        and (
            access.is_admin
            or access.reads_everything_of(agreement.position_id)
            or agreement.position.supervisor_id in access.held
        ),
        "can_revise": agreement.status == Agreement.Status.SIGNED
        and services.can_plan(request.user, agreement.position),
        "can_edit_items": agreement.status == Agreement.Status.DRAFT
        and services.can_plan(request.user, agreement.position),
        "today": date.today(),
    }
    return render(request, "planning/agreement_detail.html", context)


@login_required
@require_POST
def agreement_create(request: HttpRequest) -> HttpResponse:
    try:
        position_pk = parse_id(request.POST.get("position"), "position")
        year = parse_year(request.POST.get("year"), "year")
    except ValidationError:
        return HttpResponse("Jabatan dan tahun harus berupa angka (tahun 2000-2100).", status=400)
    position = position_or_403(request.user, position_pk)
    try:
        agreement = services.agreement_create(actor=request.user, position=position, year=year)
    except ValidationError as exc:
        _flash_errors(request, exc)
        return redirect("planning:targets", position.pk)
    return redirect("planning:agreement", agreement.pk)


@login_required
@require_POST
def agreement_sign(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement, pk=pk)
    try:
        signed_on = date.fromisoformat(request.POST.get("signed_on", ""))
    except ValueError:
        messages.error(request, "tanggal tanda tangan: format tanggal tidak dikenal")
        return redirect("planning:agreement", pk)
    try:
        services.agreement_sign(
            actor=request.user,
            agreement=agreement,
            signed_on=signed_on,
            signed_at=clean_text(request.POST.get("signed_at"), "signed_at", max_length=100),
        )
    except ValidationError as exc:
        _flash_errors(request, exc)
    else:
        messages.success(request, "PK ditandatangani; target tahun ini terkunci.")
    return redirect("planning:agreement", pk)


@login_required
@require_POST
def agreement_revise(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement, pk=pk)
    try:
        revision = services.agreement_revise(
            actor=request.user,
            agreement=agreement,
            reason=parse_reason(request.POST.get("reason"), "reason"),
        )
    except ValidationError as exc:
        _flash_errors(request, exc)
        return redirect("planning:agreement", pk)
    messages.success(request, "PK Perubahan dibuat; target dapat diubah sampai ditandatangani.")
    return redirect("planning:agreement", revision.pk)


@login_required
@require_POST
def agreement_item(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a draft PK's row "tidak ditargetkan tahun ini" (with its reason) or target it again."""
    item = get_object_or_404(AgreementItem.objects.select_related("agreement"), pk=pk)
    if not can(request.user, "agreement.view", item.agreement):
        raise PermissionDenied
    try:
        reason = ""
        if request.POST.get("action") == "exclude":
            reason = parse_reason(request.POST.get("reason"), "reason")
        services.agreement_item_set_targeted(
            actor=request.user, item=item, not_targeted_reason=reason
        )
    except ValidationError as exc:
        _flash_errors(request, exc)
    else:
        messages.success(
            request,
            "Butir PK ditandai tidak ditargetkan tahun ini."
            if reason
            else "Butir PK kembali ditargetkan.",
        )
    return redirect("planning:agreement", item.agreement_id)
