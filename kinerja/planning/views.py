"""Targets and Perjanjian Kinerja pages; state changes go through kinerja.planning.services."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kinerja.accounts.access import position_or_403
from kinerja.accounts.permissions import allowed_actions, can, for_user, require
from kinerja.audit.models import AuditEntry
from kinerja.audit.readable import readable
from kinerja.audit.services import history_for
from kinerja.catalog.models import Indicator
from kinerja.core.errors import flash_errors
from kinerja.core.inputs import (
    clean_text,
    parse_date,
    parse_id,
    parse_int,
    parse_reason,
    parse_year,
)
from kinerja.planning import parties, services
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
    ).select_related("actor__employee")[:30]
    history = list(history)
    context = {
        "position": position,
        "years": years,
        "rows": rows,
        "history": list(zip(history, readable(history), strict=True)),  # in words (#12.6)
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
    require(request.user, "planning.view", None, "Perjanjian Kinerja untuk pejabat dan perencana.")
    qs = for_user(
        request.user,
        "agreement.view",
        Agreement.objects.select_related("position", "first_party", "second_party"),
    )
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
    require(request.user, "agreement.view", agreement)
    actions = allowed_actions(request.user, agreement)
    context = {
        "agreement": agreement,
        "items": agreement.items.all(),
        "transitions": agreement.transitions.select_related("actor__employee"),
        "history": readable(history_for(agreement).select_related("actor__employee")),
        "can_sign": "agreement.sign" in actions,
        "can_revise": "agreement.revise" in actions,
        "plh_warning": parties.PLH_WARNING
        if agreement.status == Agreement.Status.DRAFT and agreement.first_party_acting == "Plh."
        else "",
        "sign_from": max(date(agreement.year - 1, 12, 1), agreement.valid_from or date.min),
        "sign_until": min(date(agreement.year, 12, 31), timezone.localdate()),
        "can_edit_items": agreement.status == Agreement.Status.DRAFT
        and services.can_plan(request.user, agreement.position),
        "today": min(timezone.localdate(), date(agreement.year, 12, 31)),
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
    for warning in agreement.warnings:
        messages.warning(request, warning)
    return redirect("planning:agreement", agreement.pk)


@login_required
@require_POST
def agreement_sign(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement, pk=pk)
    require(request.user, "agreement.view", agreement)
    try:
        signed_on = parse_date(request.POST.get("signed_on"), "signed_on")
        signed = services.agreement_sign(
            actor=request.user,
            agreement=agreement,
            signed_on=signed_on,
            signed_at=clean_text(request.POST.get("signed_at"), "signed_at", max_length=100),
        )
    except ValidationError as exc:
        _flash_errors(request, exc)
    else:
        messages.success(request, "PK ditandatangani; target tahun ini terkunci.")
        for warning in signed.warnings:
            messages.warning(request, warning)
    return redirect("planning:agreement", pk)


@login_required
@require_POST
def agreement_revise(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement, pk=pk)
    require(request.user, "agreement.view", agreement)
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
