"""Pages of programs and budget (with the efficiency table), the quarterly evaluation notes and
the earlier years. Same rules as ``views``: ``strategy.view`` reads, ``strategy.edit`` writes,
403 otherwise."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from kinerja.catalog.models import Goal, Indicator, Position, Unit
from kinerja.core.errors import flash_errors
from kinerja.core.inputs import clean_text, parse_decimal, parse_id, parse_year
from kinerja.strategy import (
    efficiency,
    selectors,
    selectors_budget,
    services_budget,
    services_notes,
)
from kinerja.strategy.budget_file import MONTHS
from kinerja.strategy.models import BudgetItem, Iku, QuarterNote, Spending
from kinerja.strategy.views import LABELS, XLSX, agency_or_403, base_context, quarter_of


@login_required
def budget(request: HttpRequest, agency: int, year: int) -> HttpResponse:
    agency_obj = agency_or_403(request.user, agency)
    context = base_context(request, agency_obj, year, "anggaran")
    context.update(
        view=selectors_budget.budget_view(agency_obj, year),
        efficiency=selectors_budget.efficiency_table(agency_obj, year),
        rule=efficiency.RULE,
    )
    if context["can_edit"]:
        decree = selectors.decree_for(agency_obj, year)
        context["subs"] = BudgetItem.objects.filter(agency=agency_obj, level="sub").order_by("code")
        context["choices"] = selectors.goal_choices(decree) if decree else []
    return render(request, "strategy/budget.html", context)


@login_required
def budget_template(request: HttpRequest, agency: int, year: int) -> HttpResponse:
    """The import template: the agency's items with this year's figures (empty when none)."""
    agency_obj = agency_or_403(request.user, agency)
    view = selectors_budget.budget_view(agency_obj, year)
    wb = Workbook()
    ws = wb.active
    ws.title = f"DPA {year}"
    ws.append(["Kode", "Nama", "Pagu", *(f"Realisasi {m.capitalize()}" for m in MONTHS)])
    spent = {
        (s.item_id, s.month): s.amount
        for s in Spending.objects.filter(item__agency=agency_obj, year=year)
    }
    for line in view.lines:
        item = line.item
        if item.level == "sub":
            ws.append(
                [item.code, item.name, line.pagu, *(spent.get((item.pk, m)) for m in range(1, 13))]
            )
        else:
            ws.append([item.code, item.name])
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="anggaran-{year}.xlsx"'
    return response


@login_required
@require_POST
def budget_import(request: HttpRequest, agency: int, year: int) -> HttpResponse:
    agency_obj = agency_or_403(request.user, agency, "strategy.edit")
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise ValidationError({"file": "pilih berkas XLSX anggaran"})
        if upload.size > 10 * 1024 * 1024:
            raise ValidationError({"file": "berkas lebih dari 10 MB"})
        changed = services_budget.budget_import(
            actor=request.user,
            agency=agency_obj,
            year=year,
            content=upload.read(),
            filename=upload.name or "",
        )
    except ValidationError as exc:
        flash_errors(request, exc, LABELS)
        messages.error(request, "Berkas ditolak seluruhnya; tidak ada yang diubah.")
    else:
        if any(changed.values()):
            messages.success(
                request,
                f"Anggaran {year} tersimpan: {changed['item']} program/kegiatan/sub kegiatan, "
                f"{changed['pagu']} pagu, {changed['spending']} realisasi bulanan berubah.",
            )
        else:
            messages.info(request, "Berkas sama dengan data yang ada; tidak ada yang berubah.")
    return redirect("strategy:budget", agency=agency_obj.pk, year=year)


@login_required
@require_POST
def budget_link(request: HttpRequest, agency: int, year: int) -> HttpResponse:
    agency_obj = agency_or_403(request.user, agency, "strategy.edit")
    try:
        item = get_object_or_404(
            BudgetItem, pk=parse_id(request.POST.get("item"), "item"), agency=agency_obj
        )
        goal_ids = [parse_id(v, "goals") for v in request.POST.getlist("goals")]
        goals = list(Goal.objects.filter(pk__in=goal_ids, position__decree__agency=agency_obj))
        if len(goals) != len(set(goal_ids)):
            raise ValidationError({"goals": "kinerja tidak dikenal"})
        raw = request.POST.get("responsible")
        responsible = None
        if raw:
            responsible = get_object_or_404(
                Position, pk=parse_id(raw, "goals"), decree__agency=agency_obj
            )
        services_budget.budget_item_link(
            actor=request.user, item=item, goals=goals, responsible=responsible
        )
    except ValidationError as exc:
        flash_errors(request, exc, LABELS)
    else:
        messages.success(request, f"Tautan sub kegiatan {item.code} tersimpan.")
    return redirect("strategy:budget", agency=agency_obj.pk, year=year)


# --- quarterly notes ---------------------------------------------------------------------------


@login_required
def notes(request: HttpRequest, agency: int, year: int) -> HttpResponse:
    agency_obj = agency_or_403(request.user, agency)
    quarter = quarter_of(request)
    prev_year, prev_quarter = selectors_budget.previous_quarter(year, quarter)
    context = base_context(request, agency_obj, year, "catatan")
    context.update(
        quarter=quarter,
        quarters=[1, 2, 3, 4],
        notes=selectors_budget.notes(agency_obj, year, quarter),
        previous=[
            r
            for r in selectors_budget.notes(agency_obj, prev_year, prev_quarter)
            if r.note.tindak_lanjut
        ],
        prev_label=f"Triwulan {prev_quarter} {prev_year}",
    )
    if context["can_edit"]:
        decree = selectors.decree_for(agency_obj, year)
        plan = selectors.renstra_for(agency_obj, year)
        context["choices"] = selectors.goal_choices(decree) if decree else []
        context["ikus"] = Iku.objects.filter(sasaran__tujuan__renstra=plan) if plan else []
        context["units"] = Unit.objects.filter(agency=agency_obj).order_by("order", "name")
    return render(request, "strategy/notes.html", context)


@login_required
@require_POST
def note_save(request: HttpRequest, agency: int, year: int) -> HttpResponse:
    agency_obj = agency_or_403(request.user, agency, "strategy.edit")
    quarter = quarter_of(request)
    try:
        subject = request.POST.get("subject", "")
        goal = indicator = iku = None
        kind, _, raw = subject.partition("-")
        if kind == "goal":
            goal = get_object_or_404(
                Goal, pk=parse_id(raw, "subject"), position__decree__agency=agency_obj
            )
        elif kind == "indicator":
            indicator = get_object_or_404(
                Indicator, pk=parse_id(raw, "subject"), goal__position__decree__agency=agency_obj
            )
        elif kind == "iku":
            iku = get_object_or_404(
                Iku, pk=parse_id(raw, "subject"), sasaran__tujuan__renstra__agency=agency_obj
            )
        else:
            raise ValidationError({"subject": "pilih kinerja, indikator atau IKU"})
        unit = None
        if request.POST.get("unit"):
            unit = get_object_or_404(
                Unit, pk=parse_id(request.POST["unit"], "subject"), agency=agency_obj
            )
        elif goal is not None or indicator is not None:
            unit = (goal or indicator.goal).position.unit
        services_notes.quarter_note_save(
            actor=request.user,
            agency=agency_obj,
            year=year,
            quarter=quarter,
            texts=request.POST,
            unit=unit,
            goal=goal,
            indicator=indicator,
            iku=iku,
        )
    except ValidationError as exc:
        flash_errors(request, exc, LABELS)
    else:
        messages.success(request, "Catatan evaluasi tersimpan.")
    return redirect(f"{_notes_url(agency_obj.pk, year)}?tw={quarter}")


def _notes_url(agency: int, year: int) -> str:
    from django.urls import reverse

    return reverse("strategy:notes", kwargs={"agency": agency, "year": year})


@login_required
@require_POST
def follow_up(request: HttpRequest, agency: int, year: int, pk: int) -> HttpResponse:
    agency_obj = agency_or_403(request.user, agency, "strategy.edit")
    note = get_object_or_404(QuarterNote, pk=pk, agency=agency_obj)
    try:
        services_notes.follow_up_record(
            actor=request.user,
            note=note,
            done=request.POST.get("done") == "1",
            by=request.POST.get("by", ""),
            remark=request.POST.get("remark", ""),
        )
    except ValidationError as exc:
        flash_errors(request, exc, LABELS)
    else:
        messages.success(request, "Pelaksanaan tindak lanjut tercatat.")
    return redirect(f"{_notes_url(agency_obj.pk, year)}?tw={quarter_of(request)}")


# --- earlier years -----------------------------------------------------------------------------


@login_required
def earlier(request: HttpRequest, agency: int, year: int) -> HttpResponse:
    agency_obj = agency_or_403(request.user, agency)
    years, rows = selectors_budget.earlier_years(agency_obj, year)
    context = base_context(request, agency_obj, year, "tahun-lalu")
    plan = selectors.renstra_for(agency_obj, year)
    context.update(
        earlier_years=years,
        rows=rows,
        renstra=plan,
        first_year=selectors_budget.first_system_year(agency_obj),
    )
    if context["can_edit"] and plan is not None:
        context["ikus"] = Iku.objects.filter(sasaran__tujuan__renstra=plan).order_by(
            "sasaran__code", "code"
        )
    return render(request, "strategy/earlier.html", context)


@login_required
@require_POST
def earlier_save(request: HttpRequest, agency: int, year: int) -> HttpResponse:
    agency_obj = agency_or_403(request.user, agency, "strategy.edit")
    try:
        iku = get_object_or_404(
            Iku,
            pk=parse_id(request.POST.get("iku"), "subject"),
            sasaran__tujuan__renstra__agency=agency_obj,
        )
        plan = iku.sasaran.tujuan.renstra
        services_notes.earlier_realization_save(
            actor=request.user,
            agency=agency_obj,
            iku=iku,
            year=parse_year(request.POST.get("earlier_year"), "year"),
            value=parse_decimal(request.POST.get("value"), "value"),
            source=clean_text(request.POST.get("source", ""), "source", max_length=500),
            first_system_year=selectors_budget.first_system_year(agency_obj) or plan.period_start,
        )
    except ValidationError as exc:
        flash_errors(request, exc, LABELS)
    else:
        messages.success(request, "Realisasi tahun sebelumnya tersimpan.")
    return redirect("strategy:earlier", agency=agency_obj.pk, year=year)


@login_required
@require_POST
def earlier_import(request: HttpRequest, agency: int, year: int) -> HttpResponse:
    agency_obj = agency_or_403(request.user, agency, "strategy.edit")
    plan = selectors.renstra_for(agency_obj, year)
    upload = request.FILES.get("file")
    try:
        if plan is None:
            raise ValidationError({"file": "belum ada Renstra yang mencakup tahun ini"})
        if upload is None or upload.size > 5 * 1024 * 1024:
            raise ValidationError({"file": "pilih berkas XLSX (paling besar 5 MB)"})
        saved = services_notes.earlier_import(
            actor=request.user,
            renstra=plan,
            content=upload.read(),
            first_system_year=selectors_budget.first_system_year(agency_obj) or plan.period_start,
        )
    except ValidationError as exc:
        flash_errors(request, exc, LABELS)
        messages.error(request, "Berkas ditolak seluruhnya; tidak ada yang diubah.")
    else:
        messages.success(request, f"{saved} realisasi tahun sebelumnya tersimpan.")
    return redirect("strategy:earlier", agency=agency_obj.pk, year=year)
