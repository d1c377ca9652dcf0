"""The catalog review of scoring settings: each count's satuan and aggregation (guessed at import
until a person confirms them) and the agency's scoring rules. Writes go through
``settings_services``, which audit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from kinerja.accounts.permissions import can
from kinerja.catalog.measures import DISCRETE_UNITS
from kinerja.catalog.models import Agency, Decree, Indicator
from kinerja.catalog.settings_services import agency_settings_update, indicator_settings_update
from kinerja.core.errors import error_text

LABELS = {
    "measure_unit": "Satuan",
    "aggregation": "Agregasi",
    "lower_formula": "Rumus semakin rendah semakin baik",
    "zero_target": "Target nol",
    "predicate_scale": "Skala predikat",
}


@login_required
def measures(request: HttpRequest, pk: int) -> HttpResponse:
    decree = get_object_or_404(Decree.objects.select_related("agency"), pk=pk)
    if not can(request.user, "catalog.settings", decree.agency):
        raise PermissionDenied
    if request.method == "POST":
        try:
            if request.POST.get("what") == "agency":
                agency_settings_update(
                    actor=request.user,
                    agency=decree.agency,
                    **{
                        f: request.POST.get(f, "")
                        for f in ("lower_formula", "zero_target", "predicate_scale")
                    },
                )
                messages.success(request, "Aturan penghitungan disimpan.")
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
    context = {
        "decree": decree,
        "agency": decree.agency,
        "indicators": counts,
        "unconfirmed": sum(1 for i in counts if not i.measure_confirmed),
        "units": sorted(DISCRETE_UNITS),
        "aggregations": Indicator.Aggregation.choices,
        "lower_formulas": Agency.LowerFormula.choices,
        "zero_targets": Agency.ZeroTarget.choices,
        "scales": Agency.Scale.choices,
    }
    return render(request, "catalog/measures.html", context)
