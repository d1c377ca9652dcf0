"""The catalog review of scoring settings: each count's satuan and aggregation (guessed at import
until a person confirms them) and the agency's scoring rules. Writes go through
``settings_services``, which audit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from kinerja.accounts.models import AgencySetting, RegionalHead
from kinerja.accounts.permissions import can
from kinerja.accounts.services import agency_setting_update, regional_head_save
from kinerja.catalog import register_figures
from kinerja.catalog.measures import DISCRETE_UNITS
from kinerja.catalog.models import Agency, Decree, Indicator
from kinerja.catalog.settings_services import (
    agency_settings_update,
    indicator_settings_update,
    register_figure_assign,
)
from kinerja.core.errors import error_text
from kinerja.core.inputs import clean_text, parse_date, parse_id

LABELS = {
    "measure_unit": "Satuan",
    "aggregation": "Agregasi",
    "lower_formula": "Rumus semakin rendah semakin baik",
    "zero_target": "Target nol",
    "predicate_scale": "Skala predikat",
    "pk_scope": "Cakupan PK",
    "evidence_rule": "Bukti dukung",
    "name": "Nama",
    "status": "Status",
    "starts_on": "Mulai",
    "ends_on": "Selesai",
}


@login_required
def measures(request: HttpRequest, pk: int) -> HttpResponse:
    decree = get_object_or_404(Decree.objects.select_related("agency"), pk=pk)
    if not can(request.user, "catalog.settings", decree.agency):
        raise PermissionDenied
    if request.method == "POST":
        try:
            what = request.POST.get("what")
            if what == "pk":
                agency_setting_update(
                    actor=request.user,
                    agency=decree.agency,
                    pk_scope=request.POST.get("pk_scope", ""),
                    evidence_rule=request.POST.get("evidence_rule", ""),
                )
                messages.success(request, "Aturan PK dan bukti dukung disimpan.")
            elif what == "regional_head":
                regional_head_save(
                    actor=request.user,
                    agency=decree.agency,
                    name=clean_text(
                        request.POST.get("name"),
                        "name",
                        max_length=150,
                        multiline=False,
                        required=True,
                    ),
                    status=request.POST.get("status", ""),
                    starts_on=parse_date(request.POST.get("starts_on"), "starts_on"),
                    ends_on=parse_date(request.POST.get("ends_on"), "ends_on", required=False),
                )
                messages.success(request, "Kepala daerah disimpan.")
            elif what == "agency":
                agency_settings_update(
                    actor=request.user,
                    agency=decree.agency,
                    **{
                        f: request.POST.get(f, "")
                        for f in ("lower_formula", "zero_target", "predicate_scale")
                    },
                )
                messages.success(request, "Aturan penghitungan disimpan.")
            elif what == "register":
                chosen = request.POST.get("indicator", "")
                register_figure_assign(
                    actor=request.user,
                    decree=decree,
                    figure=request.POST.get("figure", ""),
                    indicator=get_object_or_404(
                        Indicator.objects.select_related("goal__position"),
                        pk=parse_id(chosen, "indicator"),
                        goal__position__decree=decree,
                    )
                    if chosen
                    else None,
                )
                messages.success(request, "Angka register disimpan.")
            else:
                indicator = get_object_or_404(
                    Indicator, pk=request.POST.get("indicator", ""), goal__position__decree=decree
                )
                indicator_settings_update(
                    actor=request.user,
                    indicator=indicator,
                    measure_unit=request.POST.get("measure_unit", ""),
                    aggregation=request.POST.get("aggregation", ""),
                )
                messages.success(request, f"Satuan dan agregasi dikonfirmasi: {indicator.name}")
        except ValidationError as exc:
            messages.error(request, error_text(exc, LABELS))
        return redirect("catalog:measures", decree.pk)
    counts = list(
        Indicator.objects.filter(goal__position__decree=decree, kind=Indicator.Kind.COUNT)
        .select_related("goal__position")
        .order_by("measure_confirmed", "goal__position__order", "goal__order", "order")
    )
    all_indicators = list(
        Indicator.objects.filter(goal__position__decree=decree)
        .select_related("goal__position")
        .order_by("goal__position__order", "goal__order", "order")
    )
    fed = {i.register_figure: i for i in all_indicators if i.register_figure}
    register_rows = [
        {
            "key": key,
            "label": register_figures.label(key),
            "current": fed.get(key),
            "choices": [
                i
                for i in all_indicators
                if (i.kind == Indicator.Kind.COUNT)
                == key.startswith(register_figures.SERVICE_PREFIX)
                or key == "database_kependudukan"
            ],
        }
        for key in register_figures.figure_keys()
    ]
    setting = AgencySetting.objects.filter(agency=decree.agency).first()
    context = {
        "decree": decree,
        "agency": decree.agency,
        "setting": setting or AgencySetting(agency=decree.agency),
        "pk_scopes": AgencySetting.PkScope.choices,
        "evidence_rules": AgencySetting.EvidenceRule.choices,
        "regional_heads": RegionalHead.objects.filter(agency=decree.agency),
        "head_statuses": RegionalHead.Status.choices,
        "indicators": counts,
        "register_rows": register_rows,
        "unconfirmed": sum(1 for i in counts if not i.measure_confirmed),
        "units": sorted(DISCRETE_UNITS),
        "aggregations": Indicator.Aggregation.choices,
        "lower_formulas": Agency.LowerFormula.choices,
        "zero_targets": Agency.ZeroTarget.choices,
        "scales": Agency.Scale.choices,
    }
    return render(request, "catalog/measures.html", context)
